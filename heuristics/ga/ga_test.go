package ga

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/solvertest"
)

func TestConformance(t *testing.T) {
	solvertest.Run(t, solvertest.Config{
		New:       func() solver.Solver { return New(Params{}) },
		Features:  model.AllFeatures,
		WorkLimit: 1500,
		TimeLimit: 5 * time.Second,
	})
}

func TestSpec(t *testing.T) {
	spec := New(Params{}).Spec()
	if spec.Name != Name || spec.Features != model.AllFeatures || spec.Objectives != nil || spec.Description == "" {
		t.Fatalf("spec %+v", spec)
	}
}

var allObjectives = []struct {
	name string
	obj  model.Objective
}{
	{"makespan", model.Single(model.Makespan)},
	{"weighted_tardiness", model.Single(model.WeightedTardiness)},
	{"max_lateness", model.Single(model.MaxLateness)},
	{"late_jobs", model.Single(model.LateJobs)},
	{"flow_time", model.Single(model.FlowTime)},
	{"mix", model.Objective{Terms: []model.Term{{Criterion: model.Makespan, Weight: 0.5}, {Criterion: model.WeightedTardiness, Weight: 2}, {Criterion: model.FlowTime, Weight: 0.25}}}},
}

// testProblems are the conformance problems and the example plant.
func testProblems(t *testing.T) []solvertest.Case {
	cases := solvertest.Problems()
	p, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	return append(cases, solvertest.Case{Name: "plant", Problem: p})
}

// TestDecodeRandom decodes random chromosomes of every test problem, in
// both decoder modes: every decode gives a complete schedule that passes
// schedule.Check, and the fast evaluation equals schedule.Evaluate for
// every objective.
func TestDecodeRandom(t *testing.T) {
	for _, tc := range testProblems(t) {
		t.Run(tc.Name, func(t *testing.T) {
			c, err := engine.Compile(tc.Problem)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			for _, mode := range []bool{false, true} {
				for _, ob := range allObjectives {
					pd := newProblemData(c, ob.obj)
					d := newDecoder(pd, mode)
					x := pd.newIndiv()
					for k := 0; k < 5; k++ {
						pd.randomize(x, rng, pd.newScratch())
						bad, val := d.decode(x)
						if bad != 0 {
							if tc.Name == "deadlines" {
								continue // random orders may miss a deadline
							}
							t.Fatalf("insertion=%v %s: %d operations not placed", mode, ob.name, bad)
						}
						s := d.s.Schedule()
						if v := schedule.Check(tc.Problem, s); len(v) > 0 {
							t.Fatalf("insertion=%v: infeasible decode: %v", mode, v[0])
						}
						if want := schedule.Evaluate(tc.Problem, s, ob.obj); want != val {
							t.Fatalf("insertion=%v %s: fast evaluation %v, schedule.Evaluate %v", mode, ob.name, val, want)
						}
					}
				}
			}
		})
	}
}

// TestSolveObjectives solves every test problem for every objective with
// one and two workers; results are checked and never worse than the best
// seeding rule.
func TestSolveObjectives(t *testing.T) {
	for _, tc := range testProblems(t) {
		for _, ob := range allObjectives {
			for _, w := range []int{1, 2} {
				res, err := New(Params{}).Solve(context.Background(), tc.Problem, solver.Options{Objective: ob.obj, WorkLimit: 400, Seed: 3, Workers: w})
				if err != nil {
					t.Fatalf("%s %s: %v", tc.Name, ob.name, err)
				}
				if res.Schedule == nil {
					t.Fatalf("%s %s: no schedule", tc.Name, ob.name)
				}
				if v := schedule.Check(tc.Problem, res.Schedule); len(v) > 0 {
					t.Fatalf("%s %s: %v", tc.Name, ob.name, v[0])
				}
				if got := schedule.Evaluate(tc.Problem, res.Schedule, ob.obj); got != res.Objective {
					t.Fatalf("%s %s: objective %v, Evaluate %v", tc.Name, ob.name, res.Objective, got)
				}
			}
		}
	}
}

// TestNoFeasiblePlan: problems without a feasible plan. The GA says so
// and why, at once when a one-machine bound proves it, otherwise after
// its budget, instead of a bare stop reason.
func TestNoFeasiblePlan(t *testing.T) {
	d := int64(5)
	twoOnOne := func(dur int64, families ...string) *model.Problem {
		p := &model.Problem{Machines: []model.Machine{{ID: "M"}}}
		for i, id := range []string{"J", "K"} {
			op := model.Operation{ID: "a", Alternatives: []model.Alternative{{Machine: "M", Duration: dur}}}
			if families != nil {
				op.SetupFamily = families[i]
			}
			p.Jobs = append(p.Jobs, model.Job{ID: id, Deadline: &d, Operations: []model.Operation{op}})
		}
		return p
	}
	proved := twoOnOne(4)
	r, err := New(Params{}).Solve(context.Background(), proved, solver.Options{Seed: 1})
	if err == nil {
		t.Fatalf("no error; result %+v", r)
	}
	for _, want := range []string{"no feasible plan exists", `machine "M" cannot run the 2 operations that must end by 5`, "take 8 in all"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}

	// 2 + 2 ticks fit by the deadline, but not with the setup of 2
	// between the families: the bound cannot tell, the search can't find.
	setups := twoOnOne(2, "x", "y")
	setups.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 2}}
	setups.Machines[0].SetupMatrix = "S"
	if err := oneMachineBound(setups); err != nil {
		t.Fatalf("the bound claims %v, but it ignores setups", err)
	}
	r, err = New(Params{}).Solve(context.Background(), setups, solver.Options{Seed: 1, WorkLimit: 200})
	if err == nil {
		t.Fatalf("no error; result %+v", r)
	}
	for _, want := range []string{"no feasible plan found in the work limit of 200 decodes", "1 of 2 operations unplaced", "deadline"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// TestOneMachineBoundFeasible: the bound never refuses a feasible
// problem (every conformance problem, and the example plant, has a plan).
func TestOneMachineBoundFeasible(t *testing.T) {
	for _, c := range solvertest.Problems() {
		if err := oneMachineBound(c.Problem); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	p, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	if err := oneMachineBound(p); err != nil {
		t.Errorf("plant: %v", err)
	}
}

// TestOneMachineBoundFixedSetupOverlap: a fixed operation whose setup ran
// before its predecessor ended (a setup needs only the machine) is a fact,
// not a proof of infeasibility. Replanning produces such problems: the
// history of a plan, with sequence-dependent setups, becomes fixed work.
func TestOneMachineBoundFixedSetupOverlap(t *testing.T) {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "M1"}, {ID: "M2"}},
		Jobs: []model.Job{{ID: "J", Operations: []model.Operation{
			{ID: "a", Alternatives: []model.Alternative{{Machine: "M1", Duration: 10}}, Fixed: &model.Fixed{Machine: "M1", SetupStart: 0, Start: 0, End: 10}},
			{ID: "b", Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}}, MinLag: 2, Fixed: &model.Fixed{Machine: "M2", SetupStart: 5, Start: 12, End: 22}},
			{ID: "c", Alternatives: []model.Alternative{{Machine: "M1", Duration: 5}}},
		}}},
	}
	if iss := p.Validate(); iss != nil {
		t.Fatal(iss)
	}
	if err := oneMachineBound(p); err != nil {
		t.Fatalf("a valid history refused: %v", err)
	}
	res, err := New(Params{}).Solve(context.Background(), p, solver.Options{Seed: 1, WorkLimit: 200})
	if err != nil {
		t.Fatal(err)
	}
	if err := schedule.Verify(p, res.Schedule); err != nil {
		t.Fatal(err)
	}
}
