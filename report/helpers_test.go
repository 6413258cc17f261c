package report_test

import (
	"context"
	"sync"
	"testing"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

var (
	planOnce  sync.Once
	planP     *model.Problem
	planS     *schedule.Schedule
	planError error
)

// examplePlan returns the example plant and its dispatch schedule, checked
// by schedule.Verify. Callers must not modify them.
func examplePlan(t testing.TB) (*model.Problem, *schedule.Schedule) {
	t.Helper()
	planOnce.Do(func() {
		planP, planError = examples.Plant()
		if planError != nil {
			return
		}
		planS, planError = solve(planP)
	})
	if planError != nil {
		t.Fatal(planError)
	}
	return planP, planS
}

// solve runs the dispatch solver on p and verifies its schedule.
func solve(p *model.Problem) (*schedule.Schedule, error) {
	sv := &dispatch.Solver{}
	res, err := sv.Solve(context.Background(), p, solver.Options{Seed: 1, WorkLimit: 1})
	if err != nil {
		return nil, err
	}
	if err := schedule.Verify(p, res.Schedule); err != nil {
		return nil, err
	}
	return res.Schedule, nil
}

var (
	bigOnce  sync.Once
	bigP     *model.Problem
	bigS     *schedule.Schedule
	bigError error
)

// bigPlan returns the generated 2,000-order, 50-machine plant (seed 1) and
// its dispatch schedule, as `ordo gen plant --orders 2000 --machines 50
// --seed 1` and `ordo solve` make them.
func bigPlan(t testing.TB) (*model.Problem, *schedule.Schedule) {
	t.Helper()
	bigOnce.Do(func() {
		bigP = instance.GeneratePlant(instance.PlantConfig{Orders: 2000, Machines: 50, Seed: 1})
		if issues := bigP.Validate(); len(issues) > 0 {
			bigError = issues
			return
		}
		bigS, bigError = solve(bigP)
	})
	if bigError != nil {
		t.Fatal(bigError)
	}
	return bigP, bigS
}
