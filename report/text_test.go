package report_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
)

func TestTextExamplePlant(t *testing.T) {
	p, s := examplePlan(t)
	var b strings.Builder
	run := &report.Run{Solver: "dispatch", Status: "feasible", Objective: model.Single(model.WeightedTardiness), Value: 1234}
	if err := report.Text(&b, p, s, report.TextOptions{Run: run, MaxLate: -1}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	k := schedule.ComputeKPIs(p, s)
	for _, want := range []string{
		"objective weighted_tardiness = 1234 weighted min",
		fmt.Sprintf("late orders: %d of %d; weighted tardiness %g weighted min", k.LateJobs, len(p.Jobs), k.WeightedTardiness),
		"Machines: busy, setup and working time in h",
		"Utilisation per week",
		"Operators: operator-hours",
		"Materials bought in: quantities",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(out, "\n")
	for _, m := range p.Machines {
		found := false
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) > 0 && f[0] == m.ID && strings.Contains(l, m.Name) {
				found = true
			}
		}
		if !found {
			t.Errorf("no machine line with %s and its name %q", m.ID, m.Name)
		}
	}
	for _, j := range k.Jobs {
		if j.Late && !strings.Contains(out, p.Jobs[j.Job].ID) {
			t.Errorf("late order %s not listed", p.Jobs[j.Job].ID)
		}
	}
	for _, o := range p.OperatorPools {
		if !strings.Contains(out, o.ID) {
			t.Errorf("operator pool %s not listed", o.ID)
		}
	}
}

func TestTextUnitless(t *testing.T) {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "0"}, {ID: "1"}},
		Jobs: []model.Job{{ID: "0", Due: model.Tick(3), Operations: []model.Operation{
			{Alternatives: []model.Alternative{{Machine: "0", Duration: 3}}},
			{Alternatives: []model.Alternative{{Machine: "1", Duration: 2}}},
		}}},
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 3},
		{Job: 0, Op: 1, Machine: 1, SetupStart: 3, Start: 3, End: 5},
	}}
	if err := schedule.Verify(p, s); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := report.Text(&b, p, s, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"makespan 5 time units", "weighted tardiness 2 weighted time units", "max lateness 2 time units"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestTextBadSchedule(t *testing.T) {
	p, _ := examplePlan(t)
	bad := &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 0, Op: 0, Machine: 99}}}
	var b strings.Builder
	err := report.Text(&b, p, bad, report.TextOptions{})
	if err == nil || !strings.Contains(err.Error(), "assignments[0]: machine index 99") {
		t.Errorf("got %v, want an error naming assignments[0]'s machine", err)
	}
}

func TestParseTime(t *testing.T) {
	p, _ := examplePlan(t)
	for in, want := range map[string]string{
		"2026-12-14T06:00":          "2026-12-14T06:00:00+01:00",
		"2026-12-14 06:00":          "2026-12-14T06:00:00+01:00",
		"2026-12-14T06:00:30":       "2026-12-14T06:00:30+01:00",
		"2026-12-14":                "2026-12-14T00:00:00+01:00",
		"2026-12-14T05:00:00Z":      "2026-12-14T06:00:00+01:00",
		"2026-12-14T06:00+01:00":    "2026-12-14T06:00:00+01:00",
		"2026-12-14T07:00:00+02:00": "2026-12-14T06:00:00+01:00",
	} {
		got, err := report.ParseTime(p, in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if g := got.In(report.Location(p)).Format(time.RFC3339); g != want {
			t.Errorf("%s: got %s, want %s", in, g, want)
		}
	}
	if _, err := report.ParseTime(p, "Monday"); err == nil || !strings.Contains(err.Error(), "not an ISO datetime") {
		t.Errorf("got %v, want an error", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestTextWriteError(t *testing.T) {
	p, s := examplePlan(t)
	if err := report.Text(failWriter{}, p, s, report.TextOptions{}); err == nil || err.Error() != "disk full" {
		t.Errorf("got %v, want the writer's error", err)
	}
}
