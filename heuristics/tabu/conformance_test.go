package tabu

import (
	"testing"
	"time"

	_ "github.com/ordo-sched/ordo/heuristics/dispatch" // registers dispatch:best, the start solution
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/solvertest"
)

func TestConformance(t *testing.T) {
	solvertest.Run(t, solvertest.Config{
		New:        func() solver.Solver { return New(Params{}) },
		Features:   Features,
		Objectives: []model.Criterion{model.Makespan},
		WorkLimit:  100_000,
		TimeLimit:  2 * time.Second,
	})
}

func TestRegistered(t *testing.T) {
	info, ok := solver.Lookup(Name)
	if !ok || info.Features != Features || len(info.Objectives) != 1 || info.Objectives[0] != model.Makespan {
		t.Fatalf("registry entry %+v", info)
	}
	if _, err := solver.Get(Name); err != nil {
		t.Fatal(err)
	}
}
