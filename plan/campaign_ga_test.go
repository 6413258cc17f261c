package plan

import (
	"context"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/ga"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// TestReplannedProblemsSolvableByGA: the problems that replanning makes
// (history and running work fixed, with setups that ran before their
// predecessors ended) are solved by the GA from scratch, without a hint:
// its infeasibility bound once refused them all.
func TestReplannedProblemsSolvableByGA(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 200, Machines: 10, Seed: 3})
	r, err := (&dispatch.Solver{Name: "dispatch:best", Best: true}).Solve(context.Background(), p, solver.Options{Seed: 1, WorkLimit: 200000})
	if err != nil {
		t.Fatal(err)
	}
	for sc := uint64(1); sc <= 3; sc++ {
		evs, err := Scenario(p, r.Schedule, ScenarioConfig{Seed: sc})
		if err != nil {
			t.Fatal(err)
		}
		np, err := Apply(New(p, r.Schedule, 0), evs)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ga.New(ga.Params{}).Solve(context.Background(), np.Problem, solver.Options{Seed: 1, WorkLimit: 300})
		if err != nil {
			t.Fatalf("scenario %d: %v", sc, err)
		}
		if err := schedule.Verify(np.Problem, res.Schedule); err != nil {
			t.Fatalf("scenario %d: %v", sc, err)
		}
	}
}
