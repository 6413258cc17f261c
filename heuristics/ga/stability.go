package ga

import (
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/solver"
)

// stability is solver.Stability.Penalty against Options.Reference in the
// compiled form the decoder evaluates: per operation its reference
// machine (-1: not in the reference), start and costs. It sums in the
// order of solver.Stability.Penalty (operations job by job), so that the
// decoder's values equal Options.Score.
type stability struct {
	refMach  []int32
	refStart []int64
	wShift   []float64
	wMach    []float64
}

// newStability returns the stability term of opts, nil without a
// reference.
func newStability(c *engine.Compiled, opts solver.Options) *stability {
	if opts.Reference == nil {
		return nil
	}
	st := &stability{
		refMach:  make([]int32, c.NumOps),
		refStart: make([]int64, c.NumOps),
		wShift:   make([]float64, c.NumOps),
		wMach:    make([]float64, c.NumOps),
	}
	for o := range st.refMach {
		st.refMach[o] = -1
	}
	for _, a := range opts.Reference.Assignments {
		if a.Job < 0 || a.Job >= c.NumJobs || a.Op < 0 || int32(a.Op) >= c.JobFirst[a.Job+1]-c.JobFirst[a.Job] {
			continue
		}
		o := int(c.JobFirst[a.Job]) + a.Op
		st.refMach[o] = int32(a.Machine)
		st.refStart[o] = a.Start
		st.wShift[o], st.wMach[o] = opts.Stability.Weights(a.Start)
	}
	return st
}

// penalty returns the stability cost of the operations placed in s.
func (st *stability) penalty(s *engine.State) float64 {
	var v float64
	for o, m := range st.refMach {
		if m < 0 || !s.Placed(o) {
			continue
		}
		if d := s.Start(o) - st.refStart[o]; d > 0 {
			v += st.wShift[o] * float64(d)
		} else if d < 0 {
			v += st.wShift[o] * float64(-d)
		}
		if int32(s.Machine(o)) != m {
			v += st.wMach[o]
		}
	}
	return v
}
