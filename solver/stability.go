package solver

import (
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Stability is the stability criterion of a re-optimisation: how much it
// costs, in objective units, to move an operation away from its place in
// a reference schedule (the plan the shop floor was told). An operation
// that changes machine costs MachineChange; one whose start moves costs
// Shift per tick, either way; both are multiplied by FrozenFactor when
// the reference starts the operation before FrozenEnd (the frozen
// horizon: the work the teams are about to do). Operations missing from
// the reference (new orders) cost nothing.
//
// The zero value works: Shift 1 per tick and MachineChange 60 when both
// are zero, FrozenFactor 100 when zero, no frozen horizon.
type Stability struct {
	// Shift is the cost per tick of start shift.
	Shift float64
	// MachineChange is the cost of an operation changing machine.
	MachineChange float64
	// FrozenEnd is the end of the frozen horizon (ticks).
	FrozenEnd int64
	// FrozenFactor multiplies the costs inside the frozen horizon.
	FrozenFactor float64
}

// Normalized returns st with its defaults filled in.
func (st Stability) Normalized() Stability {
	if st.Shift == 0 && st.MachineChange == 0 {
		st.Shift, st.MachineChange = 1, 60
	}
	if st.FrozenFactor == 0 {
		st.FrozenFactor = 100
	}
	return st
}

// Weights returns the shift and machine-change costs of an operation
// that the reference starts at refStart.
func (st Stability) Weights(refStart int64) (shift, machine float64) {
	st = st.Normalized()
	if refStart < st.FrozenEnd {
		return st.Shift * st.FrozenFactor, st.MachineChange * st.FrozenFactor
	}
	return st.Shift, st.MachineChange
}

// Penalty returns the stability cost of schedule s against reference ref,
// both schedules of p: the sum, over the operations of s in the order of
// the jobs and their operations, of the costs of their moves.
func (st Stability) Penalty(p *model.Problem, ref, s *schedule.Schedule) float64 {
	if ref == nil || s == nil || p == nil {
		return 0
	}
	first := make([]int, len(p.Jobs)+1)
	for j := range p.Jobs {
		first[j+1] = first[j] + len(p.Jobs[j].Operations)
	}
	idx := func(a *schedule.Assignment) int {
		if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) {
			return -1
		}
		return first[a.Job] + a.Op
	}
	n := first[len(p.Jobs)]
	refAt := make([]*schedule.Assignment, n)
	for i := range ref.Assignments {
		if o := idx(&ref.Assignments[i]); o >= 0 {
			refAt[o] = &ref.Assignments[i]
		}
	}
	at := make([]*schedule.Assignment, n)
	for i := range s.Assignments {
		if o := idx(&s.Assignments[i]); o >= 0 {
			at[o] = &s.Assignments[i]
		}
	}
	var v float64
	for o, a := range at {
		r := refAt[o]
		if a == nil || r == nil {
			continue
		}
		ws, wm := st.Weights(r.Start)
		if d := a.Start - r.Start; d > 0 {
			v += ws * float64(d)
		} else if d < 0 {
			v += ws * float64(-d)
		}
		if a.Machine != r.Machine {
			v += wm
		}
	}
	return v
}

// Score returns the value a solver minimises for schedule s of p under
// objective obj: schedule.Evaluate, plus the stability penalty against
// o.Reference when it is set.
func (o *Options) Score(p *model.Problem, s *schedule.Schedule, obj model.Objective) float64 {
	v := schedule.Evaluate(p, s, obj)
	if o.Reference != nil {
		v += o.Stability.Penalty(p, o.Reference, s)
	}
	return v
}
