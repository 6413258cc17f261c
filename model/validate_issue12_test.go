package model

import (
	"math"
	"strings"
	"testing"
	"time"
)

// base12 returns a small valid problem with an epoch: one machine, one
// job of one 60-minute operation.
func base12() *Problem {
	return &Problem{
		Epoch:    time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC),
		Machines: []Machine{{ID: "M1"}},
		Jobs:     []Job{{ID: "J1", Operations: []Operation{{ID: "a", Alternatives: []Alternative{{Machine: "M1", Duration: 60}}}}}},
	}
}

// wantIssue asserts that p has an issue at path whose message contains
// every fragment.
func wantIssue(t *testing.T, p *Problem, path string, fragments ...string) {
	t.Helper()
	is := p.Validate()
	for _, i := range is {
		if i.Path != path {
			continue
		}
		ok := true
		for _, f := range fragments {
			ok = ok && strings.Contains(i.Message, f)
		}
		if ok {
			return
		}
	}
	t.Errorf("no issue at %s containing %q; got:\n%v", path, fragments, is)
}

func TestValidateIssue12(t *testing.T) {
	cases := map[string]struct {
		mutate    func(p *Problem)
		path      string
		fragments []string
	}{
		"nan-job-quantity": {func(p *Problem) { p.Jobs[0].Quantity = math.NaN() }, "jobs[0].quantity", []string{"not a number"}},
		"inf-initial-stock": {func(p *Problem) {
			p.Materials = []Material{{ID: "steel", Initial: math.Inf(1)}}
		}, "materials[0].initial", []string{"not a number"}},
		"nan-receipt": {func(p *Problem) {
			p.Materials = []Material{{ID: "steel", Receipts: []Receipt{{At: 5, Quantity: math.NaN()}}}}
		}, "materials[0].receipts[0].quantity", []string{"not a number"}},
		"nan-consumption": {func(p *Problem) {
			p.Materials = []Material{{ID: "steel", Initial: 5}}
			p.Jobs[0].Operations[0].Consumes = []MaterialQty{{Material: "steel", Quantity: math.NaN()}}
		}, "jobs[0].operations[0].consumes[0].quantity", []string{"not a number"}},
		"nan-weight":           {func(p *Problem) { p.Jobs[0].Weight = math.NaN() }, "jobs[0].weight", []string{"must be positive"}},
		"inf-weight":           {func(p *Problem) { p.Jobs[0].Weight = math.Inf(1) }, "jobs[0].weight", []string{"must be positive"}},
		"nan-objective-weight": {func(p *Problem) { p.Objective = Objective{Terms: []Term{{Criterion: Makespan, Weight: math.NaN()}}} }, "objective[0].weight", []string{"must be positive"}},
		"nan-run-rate": {func(p *Problem) {
			p.Jobs[0].Quantity = 3
			p.Jobs[0].Operations[0].Alternatives[0].RunPerUnit = math.NaN()
		}, "jobs[0].operations[0].alternatives[0].run_per_unit", []string{"not a number"}},
		"total-work-overflow": {func(p *Problem) {
			p.Epoch = time.Time{}
			for range 3 {
				p.Jobs[0].Operations = append(p.Jobs[0].Operations, Operation{Alternatives: []Alternative{{Machine: "M1", Duration: MaxDuration}}})
			}
		}, "jobs", []string{"in total", "overflow"}},
		"longer-than-horizon": {func(p *Problem) {
			p.Jobs[0].Operations[0].Alternatives[0].Duration = 40 * 366 * 24 * 60
		}, "jobs[0].operations[0]", []string{"longer than the planning horizon", "30 years"}},
		"resumable-longer-than-horizon": {func(p *Problem) {
			p.Calendars = []Calendar{{ID: "day", Shifts: []Shift{{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 6 * 60, End: 14 * 60}}}}
			p.Machines[0].Calendar = "day"
			p.Jobs[0].Operations[0].Resumable = true
			p.Jobs[0].Operations[0].Alternatives[0].Duration = 20 * 366 * 24 * 60
		}, "jobs[0].operations[0]", []string{"resumable operation is longer than the planning horizon"}},
		"year-9999": {func(p *Problem) {
			p.Epoch = time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC)
			p.Jobs[0].Operations[0].Alternatives[0].Duration = 60 * 24 * 60
		}, "epoch", []string{"year 10000"}},
		"nul-machine-id": {func(p *Problem) {
			p.Machines[0].ID = "M\x001"
			p.Jobs[0].Operations[0].Alternatives[0].Machine = "M\x001"
		}, "machines[0].id", []string{"control character U+0000"}},
		"newline-op-id": {func(p *Problem) { p.Jobs[0].Operations[0].ID = "a\nb" }, "jobs[0].operations[0].id", []string{"control character"}},
		"bad-utf8-job":  {func(p *Problem) { p.Jobs[0].ID = "J\xff" }, "jobs[0].id", []string{"not valid UTF-8"}},
		"control-skill": {func(p *Problem) {
			p.OperatorPools = []OperatorPool{{ID: "P", Skills: []string{"we\x07ld"}, Capacity: 1}}
		}, "operator_pools[0].skills[0]", []string{"control character"}},
		"release-before": {func(p *Problem) { p.Jobs[0].Release = -30 }, "jobs[0].release", []string{"before the epoch"}},
		"fixed-operators": {func(p *Problem) {
			p.Machines = append(p.Machines, Machine{ID: "M2"})
			p.OperatorPools = []OperatorPool{{ID: "welders", Skills: []string{"weld"}, Capacity: 1}}
			p.Jobs = append(p.Jobs, Job{ID: "J2", Operations: []Operation{{ID: "b", Alternatives: []Alternative{{Machine: "M2", Duration: 60}}}}})
			for j, m := range []string{"M1", "M2"} {
				op := &p.Jobs[j].Operations[0]
				op.Operators = []OperatorNeed{{Skill: "weld", Count: 1}}
				op.Fixed = &Fixed{Machine: m, SetupStart: int64(10 * j), Start: int64(10 * j), End: int64(10*j + 60)}
			}
		}, "jobs[1].operations[0].fixed", []string{"J2/b", "J1/a", `skill "weld"`, "have 1"}},
		"fixed-material": {func(p *Problem) {
			p.Materials = []Material{{ID: "steel", Receipts: []Receipt{{At: 120, Quantity: 10}}}}
			op := &p.Jobs[0].Operations[0]
			op.Consumes = []MaterialQty{{Material: "steel", Quantity: 2}}
			op.Fixed = &Fixed{Machine: "M1", Start: 0, End: 60}
		}, "jobs[0].operations[0].fixed", []string{"J1/a", `material "steel"`, "at most 0"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := base12()
			if is := p.Validate(); is != nil {
				t.Fatalf("the base problem is invalid: %v", is)
			}
			c.mutate(p)
			wantIssue(t, p, c.path, c.fragments...)
		})
	}
}

// TestValidateFixedOperatorsApart: fixed operations needing the only
// operator one after the other are fine.
func TestValidateFixedOperatorsApart(t *testing.T) {
	p := base12()
	p.Machines = append(p.Machines, Machine{ID: "M2"})
	p.OperatorPools = []OperatorPool{{ID: "welders", Skills: []string{"weld"}, Capacity: 1}}
	p.Jobs = append(p.Jobs, Job{ID: "J2", Operations: []Operation{{ID: "b", Alternatives: []Alternative{{Machine: "M2", Duration: 60}}}}})
	for j, m := range []string{"M1", "M2"} {
		op := &p.Jobs[j].Operations[0]
		op.Operators = []OperatorNeed{{Skill: "weld", Count: 1}}
		op.Fixed = &Fixed{Machine: m, SetupStart: int64(60 * j), Start: int64(60 * j), End: int64(60*j + 60)}
	}
	if is := p.Validate(); is != nil {
		t.Fatal(is)
	}
}
