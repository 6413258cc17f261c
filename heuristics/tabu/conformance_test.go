package tabu

import (
	"testing"
	"time"

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

func TestSpec(t *testing.T) {
	spec := New(Params{}).Spec()
	if spec.Name != Name || spec.Features != Features || len(spec.Objectives) != 1 || spec.Objectives[0] != model.Makespan || spec.Check == nil {
		t.Fatalf("spec %+v", spec)
	}
}
