package dispatch_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// scenarioPlant is a small generated plant using every feature.
func scenarioPlant(t testing.TB) *model.Problem {
	t.Helper()
	return instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 12, OpsPerOrder: 4, Machines: 8})
}

// Times below are minutes from Monday 2025-01-06 00:00 UTC.
const (
	h   = 60
	day = 24 * h
)

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

func base() *model.Problem {
	return &model.Problem{
		Epoch:      time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC),
		Resolution: time.Minute,
		Calendars: []model.Calendar{
			{ID: "day", TimeZone: "UTC", Shifts: []model.Shift{{Days: weekdays, Start: 8 * h, End: 16 * h}}},
		},
	}
}

func job(id string, release int64, ops ...model.Operation) model.Job {
	return model.Job{ID: id, Release: release, Operations: ops}
}

func on(machine string, d int64) model.Operation {
	return model.Operation{Alternatives: []model.Alternative{{Machine: machine, Duration: d}}}
}

// want is an expected placement of operation (job, op).
type want struct {
	job, op    int
	machine    string
	setupStart int64 // -1: equal to start
	start, end int64
}

type scenario struct {
	name string
	p    *model.Problem
	want []want
}

func scenarios() []scenario {
	var out []scenario

	// An operation waits for its shift to open.
	{
		p := base()
		p.Machines = []model.Machine{{ID: "M", Calendar: "day"}}
		p.Jobs = []model.Job{job("A", 0, on("M", 60))}
		out = append(out, scenario{"waits for shift", p, []want{{0, 0, "M", -1, 8 * h, 9 * h}}})
	}
	// A resumable operation spans the night break: 60 minutes on Monday
	// from 15:00, 60 more from Tuesday 08:00.
	{
		p := base()
		p.Machines = []model.Machine{{ID: "M", Calendar: "day"}}
		op := on("M", 120)
		op.Resumable = true
		p.Jobs = []model.Job{job("A", 15*h, op)}
		out = append(out, scenario{"resumable spans night", p, []want{{0, 0, "M", -1, 15 * h, day + 9*h}}})
	}
	// A non-resumable operation waits for a window long enough: 08:00-10:00
	// is too short for 3 hours, 12:00-18:00 is not.
	{
		p := base()
		p.Calendars = append(p.Calendars, model.Calendar{ID: "split", TimeZone: "UTC", Shifts: []model.Shift{
			{Days: weekdays, Start: 8 * h, End: 10 * h}, {Days: weekdays, Start: 12 * h, End: 18 * h}}})
		p.Machines = []model.Machine{{ID: "M", Calendar: "split"}}
		p.Jobs = []model.Job{job("A", 0, on("M", 180))}
		out = append(out, scenario{"waits for long window", p, []want{{0, 0, "M", -1, 12 * h, 15 * h}}})
	}
	// A setup is inserted when the family changes: initial setup 10 before
	// A (red), then 30 from red to blue before B.
	{
		p := base()
		p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 30, Initial: 10}}
		p.Machines = []model.Machine{{ID: "M", SetupMatrix: "S"}}
		a, b := on("M", 60), on("M", 60)
		a.SetupFamily, b.SetupFamily = "red", "blue"
		p.Jobs = []model.Job{job("A", 0, a), job("B", 50, b)}
		out = append(out, scenario{"setup on family change", p, []want{
			{0, 0, "M", 0, 10, 70},
			{1, 0, "M", 70, 100, 160},
		}})
	}
	// An operation waits for a material receipt at 200.
	{
		p := base()
		p.Machines = []model.Machine{{ID: "M"}}
		p.Materials = []model.Material{{ID: "steel", Initial: 2, Receipts: []model.Receipt{{At: 200, Quantity: 5}}}}
		op := on("M", 30)
		op.Consumes = []model.MaterialQty{{Material: "steel", Quantity: 5}}
		p.Jobs = []model.Job{job("A", 0, op)}
		out = append(out, scenario{"waits for receipt", p, []want{{0, 0, "M", -1, 200, 230}}})
	}
	// An intermediate produced by one job feeds another (no precedence
	// link: the stock alone makes C wait for P's end).
	{
		p := base()
		p.Machines = []model.Machine{{ID: "M1"}, {ID: "M2"}}
		p.Materials = []model.Material{{ID: "sub"}}
		prod, cons := on("M1", 60), on("M2", 30)
		prod.Produces = []model.MaterialQty{{Material: "sub", Quantity: 1}}
		cons.Consumes = []model.MaterialQty{{Material: "sub", Quantity: 1}}
		p.Jobs = []model.Job{job("C", 0, cons), job("P", 0, prod)}
		out = append(out, scenario{"intermediate feeds another job", p, []want{
			{1, 0, "M1", -1, 0, 60},
			{0, 0, "M2", -1, 60, 90},
		}})
	}
	// The only welder is the bottleneck: B waits for A's welder although
	// its machine is free; C (no welding) is not delayed.
	{
		p := base()
		p.Machines = []model.Machine{{ID: "M1"}, {ID: "M2"}}
		p.OperatorPools = []model.OperatorPool{
			{ID: "welders", Skills: []string{"weld"}, Capacity: 1},
			{ID: "helpers", Skills: []string{"assist"}, Capacity: 5},
		}
		a, b, c := on("M1", 60), on("M2", 40), on("M2", 30)
		a.Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
		b.Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
		c.Operators = []model.OperatorNeed{{Skill: "assist", Count: 2}}
		p.Jobs = []model.Job{job("A", 0, a), job("B", 10, b), job("C", 10, c)}
		out = append(out, scenario{"skilled operator bottleneck", p, []want{
			{0, 0, "M1", -1, 0, 60},
			{2, 0, "M2", -1, 10, 40},
			{1, 0, "M2", -1, 60, 100},
		}})
	}
	// A holiday blocks a day: released Monday 16:00, Tuesday is a holiday,
	// so Wednesday 08:00.
	{
		p := base()
		p.Calendars[0].Exceptions = []model.Exception{{Start: day, End: 2 * day, Reason: "holiday"}}
		p.Machines = []model.Machine{{ID: "M", Calendar: "day"}}
		p.Jobs = []model.Job{job("A", 16*h, on("M", 60))}
		out = append(out, scenario{"holiday blocks a day", p, []want{{0, 0, "M", -1, 2*day + 8*h, 2*day + 9*h}}})
	}
	// A fixed operation is kept: F runs at [100, 160) on M; A fits before
	// it, B (released at 70, 50 long) does not fit in [70, 100) and goes
	// after it; F's next operation follows it on M2.
	{
		p := base()
		p.Machines = []model.Machine{{ID: "M"}, {ID: "M2"}}
		f := on("M", 60)
		f.Fixed = &model.Fixed{Machine: "M", SetupStart: 100, Start: 100, End: 160}
		p.Jobs = []model.Job{job("F", 0, f, on("M2", 30)), job("A", 0, on("M", 60)), job("B", 70, on("M", 50))}
		out = append(out, scenario{"fixed operation kept", p, []want{
			{0, 0, "M", -1, 100, 160},
			{0, 1, "M2", -1, 160, 190},
			{1, 0, "M", -1, 0, 60},
			{2, 0, "M", -1, 160, 210},
		}})
	}
	// The alternative machine is chosen when it finishes earlier: M2 is
	// faster (60) but busy until 50 with X, so Y ends earlier on M1 (100).
	{
		p := base()
		p.Machines = []model.Machine{{ID: "M1"}, {ID: "M2"}}
		y := model.Operation{Alternatives: []model.Alternative{{Machine: "M2", Duration: 60}, {Machine: "M1", Duration: 100}}}
		p.Jobs = []model.Job{job("X", 0, on("M2", 50)), job("Y", 1, y)}
		out = append(out, scenario{"alternative finishing earlier", p, []want{
			{0, 0, "M2", -1, 0, 50},
			{1, 0, "M1", -1, 1, 101},
		}})
	}
	return out
}

// allConfigs is every built-in rule with every scheme (and insertion).
func allConfigs() []dispatch.Config {
	var out []dispatch.Config
	for _, r := range dispatch.Rules() {
		for _, sc := range []dispatch.Config{
			{Scheme: dispatch.NonDelay},
			{Scheme: dispatch.Active},
			{Scheme: dispatch.Active, Insertion: true},
			{Scheme: dispatch.Serial},
			{Scheme: dispatch.Serial, Insertion: true},
			{Scheme: dispatch.NonDelay, Machine: dispatch.EarliestStartMachine},
			{Scheme: dispatch.NonDelay, Machine: dispatch.ShortestProcessing},
		} {
			sc.Rule = r.Rule
			out = append(out, sc)
		}
	}
	return out
}

func TestScenarios(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			if iss := sc.p.Validate(); iss != nil {
				t.Fatalf("invalid scenario: %v", iss)
			}
			x := sc.p.NewIndex()
			for ci, cfg := range allConfigs() {
				name := fmt.Sprintf("%s/%v/ins=%v/mach=%d/rule#%d", sc.name, cfg.Scheme, cfg.Insertion, cfg.Machine, ci/7)
				s, err := dispatch.Build(context.Background(), sc.p, cfg)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if vs := schedule.Check(sc.p, s); len(vs) > 0 {
					t.Fatalf("%s: %v", name, vs[0])
				}
				// The expected times hold for the non-delay scheme with
				// every rule (they do not depend on the order).
				if cfg.Scheme != dispatch.NonDelay || cfg.Machine != dispatch.EarliestCompletion {
					continue
				}
				for _, w := range sc.want {
					var a *schedule.Assignment
					for i := range s.Assignments {
						if s.Assignments[i].Job == w.job && s.Assignments[i].Op == w.op {
							a = &s.Assignments[i]
						}
					}
					ss := w.setupStart
					if ss < 0 {
						ss = w.start
					}
					if a == nil || a.Machine != x.Machines[w.machine] || a.SetupStart != ss || a.Start != w.start || a.End != w.end {
						t.Errorf("%s: job %d op %d: got %+v, want machine %s setup %d start %d end %d", name, w.job, w.op, a, w.machine, ss, w.start, w.end)
					}
				}
			}
		})
	}
}

// examplePlant is the embedded example plant of package examples.
func examplePlant(t testing.TB) *model.Problem {
	t.Helper()
	p, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlantEveryConfig(t *testing.T) {
	for _, p := range []*model.Problem{scenarioPlant(t), examplePlant(t)} {
		t.Run(p.Name, func(t *testing.T) { everyConfig(t, p) })
	}
}

func everyConfig(t *testing.T, p *model.Problem) {
	for _, cfg := range allConfigs() {
		s, err := dispatch.Build(context.Background(), p, cfg)
		if err != nil {
			t.Fatalf("%v: %v", cfg.Scheme, err)
		}
		if vs := schedule.Check(p, s); len(vs) > 0 {
			t.Fatalf("%v ins=%v: %d violations, first %v", cfg.Scheme, cfg.Insertion, len(vs), vs[0])
		}
	}
}
