package dispatch_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/solvertest"
	"github.com/ordo-sched/ordo/solvers"
)

func registered(t *testing.T, name string) func() solver.Solver {
	t.Helper()
	if _, ok := solvers.Lookup(name); !ok {
		t.Fatalf("solver %q is not registered", name)
	}
	return func() solver.Solver {
		s, err := solvers.Get(name)
		if err != nil {
			panic(err)
		}
		return s
	}
}

func TestConformance(t *testing.T) {
	names := []string{"dispatch", "dispatch:best"}
	for _, r := range dispatch.Rules() {
		names = append(names, "dispatch:"+r.Name)
	}
	extra := []*model.Problem{scenarioPlant(t), examplePlant(t)}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			cfg := solvertest.Config{
				New:      registered(t, name),
				Features: model.AllFeatures,
				Problems: extra,
				Exact:    true,
			}
			if name == "dispatch:random" || name == "dispatch:best" {
				// Seeded: reproducible with a seed and a (large) budget.
				cfg.Exact = false
				cfg.WorkLimit = 1 << 40
			}
			solvertest.Run(t, cfg)
		})
	}
}

func TestRegistry(t *testing.T) {
	want := map[string]bool{"dispatch": true, "dispatch:best": true}
	for _, r := range dispatch.Rules() {
		want["dispatch:"+r.Name] = true
	}
	for name := range want {
		info, ok := solvers.Lookup(name)
		if !ok {
			t.Errorf("%s not registered", name)
			continue
		}
		if info.Features != model.AllFeatures || info.Objectives != nil || info.Description == "" {
			t.Errorf("%s: info %+v", name, info)
		}
	}
}

func TestBestNotWorseThanEveryRule(t *testing.T) {
	p := scenarioPlant(t)
	for _, obj := range []model.Objective{model.Single(model.Makespan), model.Single(model.WeightedTardiness), model.Single(model.FlowTime)} {
		best, err := (&dispatch.Solver{Best: true}).Solve(context.Background(), p, solver.Options{Objective: obj})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range dispatch.Rules() {
			res, err := (&dispatch.Solver{Config: dispatch.Config{Rule: r.Rule}}).Solve(context.Background(), p, solver.Options{Objective: obj})
			if err != nil {
				t.Fatal(err)
			}
			if vs := schedule.Check(p, res.Schedule); len(vs) > 0 {
				t.Fatalf("%s: %v", r.Name, vs[0])
			}
			if res.Objective < best.Objective {
				t.Errorf("%v: rule %s gives %g, best %g", obj, r.Name, res.Objective, best.Objective)
			}
		}
		// Several workers: the same result.
		par, err := (&dispatch.Solver{Best: true}).Solve(context.Background(), p, solver.Options{Objective: obj, Workers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if par.Objective != best.Objective {
			t.Errorf("%v: 3 workers give %g, one gives %g", obj, par.Objective, best.Objective)
		}
	}
}

func TestBestWorkLimit(t *testing.T) {
	p := scenarioPlant(t)
	res, err := (&dispatch.Solver{Best: true}).Solve(context.Background(), p, solver.Options{WorkLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stop != solver.WorkLimit || res.Stats.Iterations != 1 || res.Schedule == nil {
		t.Fatalf("stop %v after %d builds", res.Stop, res.Stats.Iterations)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := (&dispatch.Solver{}).Solve(ctx, scenarioPlant(t), solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stop != solver.Canceled || res.Schedule != nil {
		t.Fatalf("got stop %v, schedule %v", res.Stop, res.Schedule != nil)
	}
}

func TestPlacementErrorDeadline(t *testing.T) {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "M"}},
		Jobs: []model.Job{
			{ID: "a", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M", Duration: 10}}}}},
			{ID: "b", Deadline: model.Tick(12), Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M", Duration: 10}}}}},
		},
	}
	// FIFO with ties to the lowest job puts a first: b misses its deadline.
	_, err := dispatch.Build(context.Background(), p, dispatch.Config{Rule: dispatch.FIFO})
	var pe *dispatch.PlacementError
	if !errors.As(err, &pe) || pe.Job != 1 || pe.Op != 0 {
		t.Fatalf("got %v", err)
	}
	// EDD meets it, and dispatch:best finds a schedule.
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{Rule: dispatch.EDD})
	if err != nil || len(schedule.Check(p, s)) > 0 {
		t.Fatalf("EDD: %v", err)
	}
	res, err := (&dispatch.Solver{Best: true}).Solve(context.Background(), p, solver.Options{})
	if err != nil || res.Schedule == nil {
		t.Fatalf("best: %v", err)
	}
}
