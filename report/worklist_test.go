package report_test

import (
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
)

// TestWorkListsCoverThePlan builds the list of every shift of every machine
// of the example plant and checks that each operation is in exactly one
// list, of its machine, in a shift whose window holds its start, in start
// order, with the materials its operation consumes.
func TestWorkListsCoverThePlan(t *testing.T) {
	p, s := examplePlan(t)
	mk := schedule.Makespan(s)
	week := int64(7 * 24 * 60)
	seen := make([]int, len(s.Assignments))
	lists := 0
	for m := range p.Machines {
		mach := &p.Machines[m]
		inst, err := report.ShiftInstances(p, mach.Calendar, -week, mk+week, mach.Downtime)
		if err != nil {
			t.Fatal(err)
		}
		done := map[model.Interval]bool{}
		for _, sh := range inst {
			wls, err := report.WorkLists(p, s, report.WorkListOptions{Shift: p.TimeOf(sh.Start), Teams: []report.Team{{Machines: []string{mach.ID}}}})
			if err != nil {
				t.Fatal(err)
			}
			if len(wls) != 1 {
				t.Fatalf("%s at %d: %d lists, want 1", mach.ID, sh.Start, len(wls))
			}
			wl := wls[0]
			if done[wl.Shift] {
				continue
			}
			done[wl.Shift] = true
			lists++
			if wl.Shift.Start > sh.Start || wl.Shift.End <= sh.Start {
				t.Errorf("%s: the list asked at %d covers shift %v", mach.ID, sh.Start, wl.Shift)
			}
			var prev int64 = math.MinInt64
			bring := map[string]float64{}
			for _, it := range wl.Items {
				a := s.Assignments[it.Assignment]
				seen[it.Assignment]++
				if a.Machine != m || it.Machine != mach.ID {
					t.Errorf("%s's list holds %s/%s of machine %d", mach.ID, it.Order, it.Op, a.Machine)
				}
				if a.SetupStart < wl.Window.Start || a.SetupStart >= wl.Window.End {
					t.Errorf("%s: %s/%s starts work at %d, outside the list's window %v", mach.ID, it.Order, it.Op, a.SetupStart, wl.Window)
				}
				if a.SetupStart < prev {
					t.Errorf("%s: %s/%s out of start order", mach.ID, it.Order, it.Op)
				}
				prev = a.SetupStart
				if it.Start != a.Start || it.End != a.End || it.Setup != a.Start-a.SetupStart || it.Order != p.Jobs[a.Job].ID {
					t.Errorf("%s: item %+v does not match its assignment %+v", mach.ID, it, a)
				}
				for _, q := range it.Materials {
					bring[q.Material] += q.Quantity
				}
			}
			// Independent recomputation from the schedule and the model.
			want := map[string]float64{}
			for _, a := range s.Assignments {
				if a.Machine == m && a.SetupStart >= wl.Window.Start && a.SetupStart < wl.Window.End {
					for _, q := range p.Jobs[a.Job].Operations[a.Op].Consumes {
						want[q.Material] += q.Quantity
					}
				}
			}
			got := map[string]float64{}
			for _, q := range wl.Bring {
				got[q.Material] += q.Quantity
			}
			for id, q := range want {
				if math.Abs(got[id]-q) > 1e-9 || math.Abs(bring[id]-q) > 1e-9 {
					t.Errorf("%s shift %v: bring %g %s (items say %g), want %g", mach.ID, wl.Shift, got[id], id, bring[id], q)
				}
			}
			for id := range got {
				if _, ok := want[id]; !ok {
					t.Errorf("%s shift %v: brings %s, which no operation consumes", mach.ID, wl.Shift, id)
				}
			}
		}
	}
	for i, n := range seen {
		if n != 1 {
			a := s.Assignments[i]
			t.Errorf("%s/%s on %s is in %d lists, want 1", p.Jobs[a.Job].ID, p.Jobs[a.Job].OpID(a.Op), p.Machines[a.Machine].ID, n)
		}
	}
	if lists < 3*len(p.Machines) {
		t.Errorf("only %d lists for %d machines", lists, len(p.Machines))
	}
}

func TestWorkListMondayMorning(t *testing.T) {
	p, s := examplePlan(t)
	loc, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2026, 12, 14, 6, 0, 0, 0, loc)
	wls, err := report.WorkLists(p, s, report.WorkListOptions{Shift: at})
	if err != nil {
		t.Fatal(err)
	}
	if len(wls) != len(p.Machines) {
		t.Fatalf("%d lists, want one per machine (%d)", len(wls), len(p.Machines))
	}
	for i, wl := range wls {
		m := &p.Machines[i]
		if wl.Team != m.ID {
			t.Errorf("list %d is for %q, want %q", i, wl.Team, m.ID)
		}
		start := p.TimeOf(wl.Shift.Start).In(loc)
		// 2x8 and 3x8 start at 06:00; the grinder is in maintenance from
		// Wednesday, not Monday.
		if start.Format("2006-01-02 15:04") != "2026-12-14 06:00" || p.TimeOf(wl.Shift.End).In(loc).Format("15:04") != "14:00" {
			t.Errorf("%s: shift %s to %s, want Monday 14 06:00-14:00", m.ID, start, p.TimeOf(wl.Shift.End).In(loc))
		}
		var csvOut, htmlOut strings.Builder
		if err := report.WriteWorkListCSV(&csvOut, p, &wl); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(csvOut.String())).ReadAll()
		if err != nil {
			t.Fatalf("%s: CSV does not parse: %v", m.ID, err)
		}
		if len(rows) != len(wl.Items)+1 || strings.Join(rows[0], ",") != strings.Join(report.WorkListCSVHeader, ",") {
			t.Errorf("%s: CSV has %d rows (want %d) and header %v", m.ID, len(rows), len(wl.Items)+1, rows[0])
		}
		for k, it := range wl.Items {
			if rows[k+1][4] != it.Order || rows[k+1][9] != m.ID {
				t.Errorf("%s: CSV row %d is %v, want order %s", m.ID, k+1, rows[k+1], it.Order)
			}
		}
		if err := report.WriteWorkListHTML(&htmlOut, p, &wl); err != nil {
			t.Fatal(err)
		}
		h := htmlOut.String()
		if !strings.Contains(h, "size: A4 landscape") || strings.Count(h, "<section class=\"page\">") != 1 || strings.Count(h, "<tr><td class=\"seq\">") != len(wl.Items) {
			t.Errorf("%s: HTML lacks the A4 page, its one section or its %d rows", m.ID, len(wl.Items))
		}
	}
}

func TestWorkListPoolAndRange(t *testing.T) {
	p, s := examplePlan(t)
	from, to := p.TimeOf(0), p.TimeOf(schedule.Makespan(s)+1)
	pool := p.OperatorPools[0].ID
	wls, err := report.WorkLists(p, s, report.WorkListOptions{From: from, To: to, Teams: []report.Team{
		{Pool: pool}, {Name: "machining", Machines: []string{"LAT-01", "LAT-02", "MIL-01"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	x := p.NewIndex()
	want := 0
	for _, a := range s.Assignments {
		for _, o := range a.Operators {
			if o == x.Pools[pool] {
				want++
				break
			}
		}
	}
	if got := len(wls[0].Items); got != want || want == 0 {
		t.Errorf("pool %s's list over the whole plan has %d operations, want %d (> 0)", pool, got, want)
	}
	n := 0
	for _, a := range s.Assignments {
		if id := p.Machines[a.Machine].ID; id == "LAT-01" || id == "LAT-02" || id == "MIL-01" {
			n++
		}
	}
	if wls[1].Team != "machining" || len(wls[1].Items) != n {
		t.Errorf("group list %q has %d operations, want %d", wls[1].Team, len(wls[1].Items), n)
	}
	var h strings.Builder
	if err := report.WriteWorkListHTML(&h, p, &wls[1]); err != nil {
		t.Fatal(err)
	}
	if c := strings.Count(h.String(), "<section class=\"page\">"); c != 3 {
		t.Errorf("group list of 3 machines has %d pages, want 3", c)
	}
}

func TestWorkListErrors(t *testing.T) {
	p, s := examplePlan(t)
	at := p.TimeOf(24 * 60)
	for _, tc := range []struct {
		opts report.WorkListOptions
		want string
	}{
		{report.WorkListOptions{}, "need a shift instant or a range"},
		{report.WorkListOptions{Shift: at, Teams: []report.Team{{Machines: []string{"NOPE"}}}}, `teams[0]: unknown machine "NOPE"`},
		{report.WorkListOptions{Shift: at, Teams: []report.Team{{Pool: "NOPE"}}}, `teams[0]: unknown operator pool "NOPE"`},
		{report.WorkListOptions{From: at, To: at}, "the first before the second"},
	} {
		_, err := report.WorkLists(p, s, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want an error with %q", tc.opts, err, tc.want)
		}
	}
}
