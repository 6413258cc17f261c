package gantt

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// plant returns a small factory with shift calendars, a maintenance window,
// setups and due dates, and a schedule built by a simple list scheduler.
func plant(nMachines, nJobs int, seed uint64) (*model.Problem, *schedule.Schedule) {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := &model.Problem{
		Name:  fmt.Sprintf("Plant %dx%d", nJobs, nMachines),
		Epoch: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), // a Monday
		Calendars: []model.Calendar{
			{ID: "2x8", Shifts: []model.Shift{{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 6 * 60, End: 22 * 60}}},
			{ID: "3x8", Shifts: []model.Shift{{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 0, End: 24 * 60}}},
		},
		SetupMatrices: []model.SetupMatrix{{ID: "colours", Default: 30, Initial: 20}},
	}
	for m := 0; m < nMachines; m++ {
		mach := model.Machine{ID: fmt.Sprintf("M%02d", m+1), Name: fmt.Sprintf("Machine %d", m+1), Calendar: "2x8"}
		if m%3 == 1 {
			mach.Calendar = "3x8"
		}
		if m%4 == 0 {
			mach.SetupMatrix = "colours"
		}
		if m == 2 {
			mach.Downtime = []model.Window{{Start: 24*60 + 10*60, End: 24*60 + 14*60, Reason: "maintenance"}}
		}
		p.Machines = append(p.Machines, mach)
	}
	for j := 0; j < nJobs; j++ {
		job := model.Job{ID: fmt.Sprintf("O%d", 100+j), Quantity: 1, Due: model.Tick(int64(24*60*(1+rng.IntN(4)) + 16*60))}
		for k := 0; k < 3+rng.IntN(3); k++ {
			job.Operations = append(job.Operations, model.Operation{
				SetupFamily:  []string{"red", "blue", "green"}[rng.IntN(3)],
				Alternatives: []model.Alternative{{Machine: p.Machines[rng.IntN(nMachines)].ID, Duration: int64(30 + rng.IntN(300))}},
			})
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p, listSchedule(p)
}

// listSchedule places operations job by job at the earliest time on their
// first alternative, inside one working window (an approximation good
// enough to draw).
func listSchedule(p *model.Problem) *schedule.Schedule {
	x := p.NewIndex()
	horizon := int64(60 * 24 * 60)
	free := make([]int64, len(p.Machines))
	fam := make([]string, len(p.Machines))
	used := make([]bool, len(p.Machines))
	wins := make([][]model.Interval, len(p.Machines))
	for m := range p.Machines {
		wins[m], _ = p.MachineIntervals(&p.Machines[m], horizon)
	}
	s := &schedule.Schedule{}
	for j := range p.Jobs {
		t := p.Jobs[j].Release
		for k, op := range p.Jobs[j].Operations {
			m := x.Machines[op.Alternatives[0].Machine]
			d := op.Alternatives[0].ProcessingTime(1)
			var setup int64
			if p.Machines[m].SetupMatrix != "" {
				if !used[m] {
					setup = 20
				} else if fam[m] != op.SetupFamily {
					setup = 30
				}
			}
			start := max(t, free[m])
			for _, w := range wins[m] {
				st := max(start, w.Start)
				if st+setup+d <= w.End {
					start = st
					break
				}
			}
			a := schedule.Assignment{Job: j, Op: k, Machine: m, SetupStart: start, Start: start + setup, End: start + setup + d}
			s.Assignments = append(s.Assignments, a)
			free[m], fam[m], used[m], t = a.End, op.SetupFamily, true, a.End
		}
	}
	return s
}

// jobShop returns a random unitless n x m job shop and a list schedule.
func jobShop(n, m int, seed uint64) (*model.Problem, *schedule.Schedule) {
	rng := rand.New(rand.NewPCG(seed, 1))
	p := &model.Problem{Name: fmt.Sprintf("js%dx%d", n, m)}
	for i := 0; i < m; i++ {
		p.Machines = append(p.Machines, model.Machine{ID: fmt.Sprint(i)})
	}
	for j := 0; j < n; j++ {
		job := model.Job{ID: fmt.Sprint(j)}
		for _, k := range rng.Perm(m) {
			job.Operations = append(job.Operations, model.Operation{Alternatives: []model.Alternative{{Machine: fmt.Sprint(k), Duration: int64(1 + rng.IntN(99))}}})
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p, listSchedule(p)
}

// wellFormed decodes the whole document with encoding/xml and counts the
// elements by name.
func wellFormed(t *testing.T, data []byte) map[string]int {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	counts := map[string]int{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
	return counts
}

func TestSVG(t *testing.T) {
	tests := []struct {
		name     string
		p        *model.Problem
		s        *schedule.Schedule
		opts     Options
		contains []string
	}{
		{name: "plant10", contains: []string{"setup", "nonworking", "late-marker", "Machine 10", "Mon 05 Jan", "url(#setup"}},
		{name: "plant50", contains: []string{"Machine 50", "06:00"}},
		{name: "jobshop15", contains: []string{">M14<", ">J3<"}},
		{name: "empty", p: &model.Problem{Name: "empty", Machines: []model.Machine{{ID: "A"}}}, s: &schedule.Schedule{}},
		{name: "window", opts: Options{From: 100, To: 400, Width: 800, RowHeight: 20, NoLabels: true, NoLegend: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, s := tc.p, tc.s
			switch {
			case p != nil:
			case tc.name == "plant10":
				p, s = plant(10, 12, 1)
			case tc.name == "plant50":
				p, s = plant(50, 80, 2)
			default:
				p, s = jobShop(15, 15, 3)
			}
			var buf bytes.Buffer
			if err := SVG(&buf, p, s, tc.opts); err != nil {
				t.Fatal(err)
			}
			counts := wellFormed(t, buf.Bytes())
			if counts["svg"] != 1 {
				t.Errorf("want one svg element, got %d", counts["svg"])
			}
			if n := strings.Count(buf.String(), "class=\"bar\""); tc.opts.From == 0 && n != len(s.Assignments) {
				t.Errorf("drew %d bars for %d assignments", n, len(s.Assignments))
			}
			for _, want := range tc.contains {
				if !strings.Contains(buf.String(), want) {
					t.Errorf("output lacks %q", want)
				}
			}
			if dir := os.Getenv("GANTT_OUT"); dir != "" {
				os.WriteFile(filepath.Join(dir, tc.name+".svg"), buf.Bytes(), 0o644)
				var h bytes.Buffer
				HTML(&h, p, s, tc.opts)
				os.WriteFile(filepath.Join(dir, tc.name+".html"), h.Bytes(), 0o644)
			}
		})
	}
}

func TestHTML(t *testing.T) {
	p, s := plant(10, 12, 1)
	var buf bytes.Buffer
	if err := HTML(&buf, p, s, Options{}); err != nil {
		t.Fatal(err)
	}
	counts := wellFormed(t, buf.Bytes())
	for _, el := range []string{"html", "head", "style", "body", "svg", "title"} {
		if counts[el] == 0 {
			t.Errorf("no <%s> element", el)
		}
	}
	if counts["title"] < len(s.Assignments) {
		t.Errorf("%d title elements for %d operations: tooltips missing", counts["title"], len(s.Assignments))
	}
	out := buf.String()
	for _, want := range []string{"late order", "makespan", "Hover"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(out, "http://") && strings.Count(out, "http://") != strings.Count(out, "http://www.w3.org/2000/svg") {
		t.Error("page references external resources")
	}
}

func TestDeterministic(t *testing.T) {
	p, s := plant(10, 12, 1)
	var a, b bytes.Buffer
	if err := SVG(&a, p, s, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := SVG(&b, p, s, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings differ")
	}
	if jobColor(5) != jobColor(5) || jobColor(1) == jobColor(2) {
		t.Error("palette not deterministic or not distinct")
	}
}

func TestErrors(t *testing.T) {
	p, _ := jobShop(3, 3, 1)
	tests := []struct {
		name string
		p    *model.Problem
		s    *schedule.Schedule
		want string
	}{
		{"nil problem", nil, &schedule.Schedule{}, "nil problem"},
		{"nil schedule", p, nil, "nil schedule"},
		{"bad job", p, &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 7}}}, "assignment 0: job index 7"},
		{"bad op", p, &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 1, Op: 9}}}, "operation index 9"},
		{"bad machine", p, &schedule.Schedule{Assignments: []schedule.Assignment{{Machine: -1}}}, "machine index -1"},
		{"bad times", p, &schedule.Schedule{Assignments: []schedule.Assignment{{Start: 5, End: 2}}}, "times out of order"},
		{"bad calendar", &model.Problem{Machines: []model.Machine{{ID: "A", Calendar: "nope"}}, Jobs: []model.Job{{ID: "j", Operations: []model.Operation{{}}}}},
			&schedule.Schedule{Assignments: []schedule.Assignment{{End: 3}}}, "unknown calendar"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := SVG(io.Discard, tc.p, tc.s, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestTaillard draws ta01 (from Taillard's generator: no data file needed).
func TestTaillard(t *testing.T) {
	p, err := instance.TaillardInstance("ta01")
	if err != nil {
		t.Fatal(err)
	}
	n, m := len(p.Jobs), len(p.Machines)
	s := listSchedule(p)
	var buf bytes.Buffer
	if err := SVG(&buf, p, s, Options{}); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, buf.Bytes())
	if got := strings.Count(buf.String(), "class=\"bar\""); got != n*m {
		t.Errorf("drew %d bars, want %d", got, n*m)
	}
}

func TestHugeSpan(t *testing.T) {
	p, _ := jobShop(1, 1, 1)
	s := &schedule.Schedule{Assignments: []schedule.Assignment{{End: model.Forever - 1}}}
	if err := SVG(io.Discard, p, s, Options{}); err == nil || !strings.Contains(err.Error(), "spans more than") {
		t.Errorf("got %v", err)
	}
}

func TestAxisLocation(t *testing.T) {
	fixed := time.FixedZone("X", 3600)
	p := &model.Problem{Epoch: time.Date(2026, 1, 1, 0, 0, 0, 0, fixed)}
	if axisLocation(p) != fixed {
		t.Error("no calendar: want the epoch's zone")
	}
	p.Calendars = []model.Calendar{{ID: "a", TimeZone: "UTC"}, {ID: "b", TimeZone: "UTC"}}
	if axisLocation(p).String() != "UTC" {
		t.Errorf("shared zone: got %v", axisLocation(p))
	}
	p.Calendars[1].TimeZone = "Nowhere/Else"
	if axisLocation(p) != fixed {
		t.Error("mixed zones: want the epoch's zone")
	}
}
