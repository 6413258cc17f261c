package mip

import (
	"fmt"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver/mip/cbc"
	"github.com/ordo-sched/ordo/solver/mip/execsolver"
	"github.com/ordo-sched/ordo/solver/mip/lp"
	"github.com/ordo-sched/ordo/solver/mip/lpsolve"
)

// Features are the model features the formulation supports (with the
// restrictions listed in the package documentation). Resumable operations
// are accepted only on machines without calendar or downtime, where they
// are ordinary operations; they are left out of Features.
const Features = model.FeatAlternatives | model.FeatCalendars | model.FeatSetups |
	model.FeatReleaseDates | model.FeatDueDates | model.FeatDeadlines | model.FeatDAG | model.FeatLags | model.FeatFixed

// Select returns the best available backend: the CBC binding (build tag
// cbc), then the lp_solve binding (build tag lpsolve), then the first of
// cbc, glpsol and lp_solve found on PATH.
func Select() (lp.Backend, error) {
	if cbc.Available {
		return cbc.New(), nil
	}
	if lpsolve.Available {
		return lpsolve.New(), nil
	}
	b, err := execsolver.Find()
	if err != nil {
		return nil, fmt.Errorf("no MIP backend: built without the cbc and lpsolve tags and %w", err)
	}
	return b, nil
}

// NewExec returns the backend running program ("cbc", "glpsol" or
// "lp_solve"; empty: the first found on PATH).
func NewExec(program string) lp.Backend {
	if program == "" {
		if b, err := execsolver.Find(); err == nil {
			return b
		}
		return execsolver.New("cbc")
	}
	return execsolver.New(program)
}
