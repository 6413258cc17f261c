package plan

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/schedule"
)

// RepairError says why Repair could not place an operation.
type RepairError struct {
	// Job and Op locate the operation in the plan's problem.
	Job, Op int
	// Reason is the engine's reason ("deadline", "no working window
	// left", ...).
	Reason string
	msg    string
}

func (e *RepairError) Error() string { return e.msg }

// Repair returns a feasible schedule of pl.Problem (a plan that Apply
// returned) close to its reference schedule pl.Schedule: the fixed
// operations (history, running work) at their places, every other
// operation of the reference on its machine, in the reference's order on
// every machine, at its reference start or, when the events push it (a
// breakdown, a late predecessor, a late receipt, work removed), as soon
// after as every constraint allows; operations of new jobs go into the
// earliest gaps that hold them, on the alternative that ends them first.
// An operation whose reference machine can no longer take it (a
// deadline, the end of the calendar) goes to the alternative where it
// ends first. Nothing is placed before pl.Now.
//
// Everything goes through the placement engine, so the result satisfies
// schedule.Check. A *RepairError says which operation could not be placed
// at all and why.
func Repair(pl *Plan) (*schedule.Schedule, error) {
	c, err := engine.Compile(pl.Problem)
	if err != nil {
		return nil, err
	}
	return repairCompiled(c, pl)
}

// Replan applies evs to pl and repairs the result: the new plan, whose
// Schedule is the repaired schedule of its Problem.
func Replan(pl *Plan, evs *Events) (*Plan, error) {
	np, err := Apply(pl, evs)
	if err != nil {
		return nil, err
	}
	s, err := Repair(np)
	if err != nil {
		return nil, err
	}
	np.Schedule = s
	return np, nil
}

func repairCompiled(c *engine.Compiled, pl *Plan) (*schedule.Schedule, error) {
	s := c.NewState()
	n := c.NumOps
	ref := pl.Schedule
	refOf := make([]int32, n)
	for o := range refOf {
		refOf[o] = -1
	}
	var pref []int32
	if tab := s.OperatorTable(); len(tab) > 0 {
		pref = make([]int32, len(tab))
		for i := range pref {
			pref[i] = -1
		}
	}
	fixed := func(o int) bool { return c.FixedMachine != nil && c.FixedMachine[o] >= 0 }
	if ref != nil {
		for i, a := range ref.Assignments {
			if a.Job < 0 || a.Job >= c.NumJobs || a.Op < 0 || int32(a.Op) >= c.JobFirst[a.Job+1]-c.JobFirst[a.Job] {
				return nil, fmt.Errorf("plan: reference assignment %d is not an operation of the problem", i)
			}
			o := int(c.JobFirst[a.Job]) + a.Op
			if fixed(o) {
				continue
			}
			refOf[o] = int32(i)
			if lo, hi := c.OperFirst[o], c.OperFirst[o+1]; pref != nil && int(hi-lo) == len(a.Operators) {
				for x, pool := range a.Operators {
					pref[int(lo)+x] = int32(pool)
				}
			}
		}
	}
	if pref != nil {
		s.SetOperatorPreference(pref)
	}
	order := make([]int32, 0, n)
	for o := 0; o < n; o++ {
		if refOf[o] >= 0 {
			order = append(order, int32(o))
		}
	}
	at := func(o int32) *schedule.Assignment { return &ref.Assignments[refOf[o]] }
	slices.SortFunc(order, func(x, y int32) int {
		ax, ay := at(x), at(y)
		if r := cmp.Compare(ax.Start, ay.Start); r != 0 {
			return r
		}
		if r := cmp.Compare(ax.End, ay.End); r != 0 {
			return r
		}
		return cmp.Compare(x, y)
	})
	r := &repairer{c: c, s: s, now: pl.Now}
	for _, o := range order {
		a := at(o)
		alt := -1
		for k := c.AltFirst[o]; k < c.AltFirst[o+1]; k++ {
			if int(c.AltMachine[k]) == a.Machine {
				alt = int(k - c.AltFirst[o])
				break
			}
		}
		if alt < 0 {
			alt = int(c.FastAlt[o])
		}
		r.place(int(o), alt, a.Start)
		if r.err != nil {
			return nil, r.err
		}
	}
	r.flush(true)
	if r.err != nil {
		return nil, r.err
	}
	// New work: into the gaps, in topological order.
	if !s.Done() {
		s.SetInsertion(true)
		for _, o := range c.Topo {
			if !s.Placed(int(o)) {
				r.place(int(o), -1, pl.Now)
				if r.err != nil {
					return nil, r.err
				}
			}
		}
		r.flush(true)
		if r.err != nil {
			return nil, r.err
		}
	}
	if !s.Done() {
		for o := 0; o < n; o++ {
			if !s.Placed(o) {
				return nil, r.failure(o, s.Failure().Reason)
			}
		}
	}
	return s.Schedule(), nil
}

// repairer places operations, deferring those that wait for a
// predecessor or a material.
type repairer struct {
	c        *engine.Compiled
	s        *engine.State
	now      int64
	deferred []deferred
	err      error
}

type deferred struct {
	o, alt int
	t      int64
}

// place places o on alternative alt (-1: the one ending first) at or
// after t, or defers it.
func (r *repairer) place(o, alt int, t int64) {
	if r.tryPlace(o, alt, t) {
		r.flush(false)
		return
	}
	if r.err == nil {
		r.deferred = append(r.deferred, deferred{o, alt, t})
	}
}

// tryPlace places o, reporting false when it must wait (a predecessor, a
// material); other failures set r.err.
func (r *repairer) tryPlace(o, alt int, t int64) bool {
	s, c := r.s, r.c
	t = max(t, r.now)
	var pl engine.Placement
	ok := false
	if alt >= 0 {
		pl, ok = s.EarliestStart(o, alt, t)
		if !ok {
			if why := s.Failure().Reason; why == engine.Pending || why == engine.Material {
				return false
			}
		}
	}
	if !ok {
		var why engine.Reason
		nalt := int(c.AltFirst[o+1] - c.AltFirst[o])
		for b := 0; b < nalt; b++ {
			if b == alt {
				continue
			}
			p2, ok2 := s.EarliestStart(o, b, t)
			if !ok2 {
				why = s.Failure().Reason
				continue
			}
			if !ok || p2.End < pl.End {
				pl, ok = p2, true
			}
		}
		if !ok {
			if why == engine.Pending || why == engine.Material {
				return false
			}
			r.err = r.failure(o, why)
			return false
		}
	}
	s.Commit(o, pl)
	return true
}

// flush retries the deferred operations until none can be placed; with
// final set, those left are an error.
func (r *repairer) flush(final bool) {
	for progress := true; progress && len(r.deferred) > 0 && r.err == nil; {
		progress = false
		for i := 0; i < len(r.deferred); i++ {
			d := r.deferred[i]
			if r.tryPlace(d.o, d.alt, d.t) {
				r.deferred = slices.Delete(r.deferred, i, i+1)
				i--
				progress = true
			} else if r.err != nil {
				return
			}
		}
	}
	if final && len(r.deferred) > 0 && r.err == nil {
		d := r.deferred[0]
		r.s.EarliestStart(d.o, max(d.alt, 0), max(d.t, r.now))
		r.err = r.failure(d.o, r.s.Failure().Reason)
	}
}

func (r *repairer) failure(o int, why engine.Reason) error {
	c := r.c
	j := int(c.OpJob[o])
	k := o - int(c.JobFirst[j])
	job := &c.Problem.Jobs[j]
	return &RepairError{Job: j, Op: k, Reason: why.String(),
		msg: fmt.Sprintf("plan: repair cannot place %s: %s", opName(job, k), why)}
}
