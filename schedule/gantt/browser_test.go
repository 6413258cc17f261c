package gantt_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/internal/browsertest"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/schedule/gantt"
	"github.com/ordo-sched/ordo/solver"
)

// examplePlan solves the example plant with dispatch and checks the
// schedule.
func examplePlan(t *testing.T) (*model.Problem, *schedule.Schedule) {
	t.Helper()
	p, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	sv := &dispatch.Solver{}
	res, err := sv.Solve(context.Background(), p, solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := schedule.Verify(p, res.Schedule); err != nil {
		t.Fatal(err)
	}
	return p, res.Schedule
}

// views are the charts of the example plant checked in the browser and
// for their content.
func views(t *testing.T, p *model.Problem) map[string]gantt.Options {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]gantt.Options{
		"machines": {},
		"pools":    {View: gantt.Pools},
		"week51":   {Week: time.Date(2026, 12, 16, 12, 0, 0, 0, loc)},
	}
}

// TestExamplePlantViews checks what the new views and marks draw: the
// grinder's maintenance with its reason, due-date marks of late orders,
// material receipts, pauses inside resumable bars, the pool rows and the
// week's bounds.
func TestExamplePlantViews(t *testing.T) {
	p, s := examplePlan(t)
	k := schedule.ComputeKPIs(p, s)
	for name, opts := range views(t, p) {
		var buf bytes.Buffer
		if err := gantt.HTML(&buf, p, s, opts); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		want := []string{"material receipt", `class="receipt"`}
		switch name {
		case "machines":
			want = append(want, "spindle overhaul (planned maintenance)", `class="maintenance"`, "planned maintenance", "due date of a late order")
			if n := strings.Count(out, `<g class="due">`); n != k.LateJobs {
				t.Errorf("%s: %d due-date marks for %d late orders", name, n, k.LateJobs)
			}
		case "pools":
			for _, o := range p.OperatorPools {
				for i := 1; i <= o.Capacity; i++ {
					want = append(want, ">"+o.ID+" "+string(rune('0'+i))+"/")
				}
			}
		case "week51":
			want = append(want, "week 51 (Mon 14 Dec to Sun 20 Dec 2026)", "size: A4 landscape", "Mon 14 Dec")
			if strings.Contains(out, "Mon 21 Dec") {
				t.Errorf("%s: the week view shows the next week", name)
			}
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the chart lacks %q", name, w)
			}
		}
	}
}

// TestPausesUnderResumableBars checks that a resumable operation spanning
// a night shows the night through its bar.
func TestPausesUnderResumableBars(t *testing.T) {
	p := &model.Problem{
		Name:      "night",
		Epoch:     time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
		Calendars: []model.Calendar{{ID: "day", Shifts: []model.Shift{{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 8 * 60, End: 16 * 60}}}},
		Machines:  []model.Machine{{ID: "OVEN", Calendar: "day"}},
		Jobs: []model.Job{{ID: "J1", Operations: []model.Operation{{Resumable: true,
			Alternatives: []model.Alternative{{Machine: "OVEN", Duration: 10 * 60}}}}}},
	}
	// 14:00 Monday to 16:00 Tuesday: 2 h, the night, 8 h.
	s := &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 0, Op: 0, Machine: 0, SetupStart: 14 * 60, Start: 14 * 60, End: 24*60 + 16*60}}}
	if err := schedule.Verify(p, s); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gantt.SVG(&buf, p, s, gantt.Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, `class="pause"`); n != 1 {
		t.Errorf("%d pause marks inside the bar, want 1 (the night)", n)
	}
	if !strings.Contains(out, "paused: non-working time Mon 2026-01-05 16:00 – Tue 2026-01-06 08:00") || !strings.Contains(out, "resumable operation paused") {
		t.Error("the pause has no tooltip or legend entry")
	}
}

// TestBrowserCharts opens the charts of the example plant in a headless
// browser: no console error, something drawn, a screenshot each.
func TestBrowserCharts(t *testing.T) {
	b := browsertest.New(t)
	p, s := examplePlan(t)
	dir := t.TempDir()
	for name, opts := range views(t, p) {
		path := filepath.Join(dir, name+".html")
		var buf bytes.Buffer
		if err := gantt.HTML(&buf, p, s, opts); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		pg := b.Open(path, "gantt-"+name)
		pg.Check(t, "gantt "+name, 200, 100)
		if pg.SVG != 1 {
			t.Errorf("gantt %s: %d SVG elements, want 1", name, pg.SVG)
		}
	}
}

// TestHolidaysAndMaintenanceDistinct checks that a holiday and a
// maintenance window are drawn apart from nights, each with its reason.
func TestHolidaysAndMaintenanceDistinct(t *testing.T) {
	day := int64(24 * 60)
	p := &model.Problem{
		Name:  "week",
		Epoch: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), // a Monday
		Calendars: []model.Calendar{{ID: "day",
			Shifts:     []model.Shift{{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 8 * 60, End: 16 * 60}},
			Exceptions: []model.Exception{{Start: 2 * day, End: 3 * day, Reason: "Founders' Day"}}}},
		Machines: []model.Machine{{ID: "M1", Calendar: "day", Downtime: []model.Window{{Start: 3*day + 8*60, End: 3*day + 12*60, Reason: "oil change"}}}},
		Jobs:     []model.Job{{ID: "J1", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 60}}}}}},
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 0, Op: 0, Machine: 0, SetupStart: 4*day + 8*60, Start: 4*day + 8*60, End: 4*day + 9*60}}}
	if err := schedule.Verify(p, s); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gantt.SVG(&buf, p, s, gantt.Options{From: 0, To: 5 * day}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<g class="holiday"><title>M1: Founders&apos; Day, Wed 2026-01-07 00:00 – Thu 2026-01-08 00:00</title>`,
		`<g class="maintenance"><title>M1: oil change, Thu 2026-01-08 08:00 – Thu 2026-01-08 12:00</title>`,
		"holiday or closure", "planned maintenance", "non-working time (nights, weekends)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if n := strings.Count(out, `<g class="holiday">`) + strings.Count(out, `<g class="maintenance">`); n != 2 {
		t.Errorf("%d labelled windows, want the holiday and the maintenance", n)
	}
}
