package solvertest

import "github.com/ordo-sched/ordo/model"

// cloneProblem returns a deep copy of p, to detect solvers that modify
// their input.
func cloneProblem(p *model.Problem) *model.Problem { return p.Clone() }
