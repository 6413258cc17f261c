package plan

import (
	"errors"
	"fmt"

	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Quote is one answer to "when can this order be delivered?": the
// completion the new order gets and the plan that realises it.
type Quote struct {
	// Completion is the new order's completion (the latest end of its
	// operations).
	Completion int64
	// Plan is the plan with the order added (its Problem holds the new
	// job, its Schedule realises Completion).
	Plan *Plan
	// Moved counts the operations of other orders whose start or machine
	// differ from the insertion plan's (0 for the insertion quote).
	Moved int
}

// Promised is the answer of Promise for one new order.
type Promised struct {
	// Order is the new job's ID.
	Order string
	// Insertion is the earliest completion without moving anything
	// else: exactly what an order_added event and Repair (ordo replan)
	// give.
	Insertion Quote
	// WithMoves is the earliest completion found when other orders may
	// move but none becomes late (none that meets its due date in the
	// insertion plan misses it, and no late order gets later). It is
	// never later than Insertion.
	WithMoves Quote
}

// Promise quotes the new order job in plan pl (a plan whose Schedule is
// feasible for its Problem) at pl.Now.
//
// The insertion quote applies an order_added event at pl.Now and repairs
// (Replan): the other orders keep their places, the new order's
// operations go into the earliest gaps that hold them.
//
// The quote with moves gives the new order precedence: its operations get
// reference starts before the others' and Repair places them first, the
// others keep their machine sequences and move as little as the new work
// needs. A search over the delay given to the new order (bisection
// between no delay and the insertion completion) returns the earliest
// completion at which no other order becomes late or later; when none is
// found, the insertion quote stands. Both plans are feasible (Repair
// places through the engine; each is checked).
func Promise(pl *Plan, job model.Job) (*Promised, error) {
	if pl == nil || pl.Problem == nil || pl.Schedule == nil {
		return nil, errors.New("plan: Promise needs a plan with a problem and a schedule")
	}
	q, jn, err := insert(pl, job)
	if err != nil {
		return nil, err
	}
	np, ins := q.Plan, q.Plan.Schedule
	out := &Promised{Order: job.ID, Insertion: *q}
	out.WithMoves = out.Insertion

	// Tardiness of the other orders in the insertion plan: the bound.
	p := np.Problem
	base := tardiness(p, ins, jn)
	first := max(pl.Now, p.Jobs[jn].Release)
	// Every trial repairs the same problem: compile it once.
	c, err := engine.Compile(p)
	if err != nil {
		return nil, err
	}
	// try returns the plan where the new order's operations are
	// referenced from start on, if no other order gets later than base.
	try := func(start int64) (*schedule.Schedule, bool) {
		ref := &schedule.Schedule{Assignments: make([]schedule.Assignment, 0, len(ins.Assignments))}
		for _, a := range ins.Assignments {
			if a.Job != jn {
				ref.Assignments = append(ref.Assignments, a)
			}
		}
		for k, o := range jobOrder(p, jn) {
			ref.Assignments = append(ref.Assignments, schedule.Assignment{Job: jn, Op: o, Machine: -1,
				SetupStart: start + int64(k), Start: start + int64(k), End: start + int64(k)})
		}
		trial := *np
		trial.Schedule = ref
		s, err := repairCompiled(c, &trial)
		if err != nil || len(schedule.Check(p, s)) > 0 {
			return nil, false
		}
		t := tardiness(p, s, jn)
		for j := range t {
			if j != jn && t[j] > base[j] {
				return s, false
			}
		}
		return s, true
	}
	lo, hi := first, out.Insertion.Completion
	var best *schedule.Schedule
	for n := 0; lo <= hi && n < 40; n++ {
		mid := lo + (hi-lo)/2
		s, ok := try(mid)
		if ok {
			if c := completion(s, jn); c < out.WithMoves.Completion || best == nil && c <= out.WithMoves.Completion {
				best = s
				out.WithMoves.Completion = c
			}
			hi = mid - 1
		} else {
			lo = mid + 1
		}
	}
	if best != nil {
		mp := *np
		mp.Schedule = best
		out.WithMoves.Plan = &mp
		out.WithMoves.Moved = moved(ins, best, jn)
	}
	return out, nil
}

// Insert returns the insertion quote of Promise alone: the new order job
// added to pl at pl.Now by an order_added event and Repair, nothing else
// moving. The plan is feasible (Repair places through the engine).
func Insert(pl *Plan, job model.Job) (*Quote, error) {
	if pl == nil || pl.Problem == nil || pl.Schedule == nil {
		return nil, errors.New("plan: Insert needs a plan with a problem and a schedule")
	}
	q, _, err := insert(pl, job)
	return q, err
}

// insert is Insert, also returning the new job's index.
func insert(pl *Plan, job model.Job) (*Quote, int, error) {
	np, err := Replan(pl, &Events{Now: pl.Now, Events: []Event{OrderAdded(job)}})
	if err != nil {
		return nil, -1, fmt.Errorf("plan: the order cannot be inserted: %w", err)
	}
	jn := -1
	for j := range np.Problem.Jobs {
		if np.Problem.Jobs[j].ID == job.ID {
			jn = j
		}
	}
	if jn < 0 {
		return nil, -1, fmt.Errorf("plan: order %q is not in the plan after order_added", job.ID)
	}
	return &Quote{Completion: completion(np.Schedule, jn), Plan: np}, jn, nil
}

// completion returns the latest end of job j's assignments in s.
func completion(s *schedule.Schedule, j int) int64 {
	var c int64
	for _, a := range s.Assignments {
		if a.Job == j {
			c = max(c, a.End)
		}
	}
	return c
}

// tardiness returns every job's max(0, C - due) in s (0 without a due
// date); job skip gets 0.
func tardiness(p *model.Problem, s *schedule.Schedule, skip int) []int64 {
	c := make([]int64, len(p.Jobs))
	for _, a := range s.Assignments {
		if a.Job >= 0 && a.Job < len(c) {
			c[a.Job] = max(c[a.Job], a.End)
		}
	}
	t := make([]int64, len(p.Jobs))
	for j := range p.Jobs {
		if d := p.Jobs[j].Due; d != nil && j != skip {
			t[j] = max(0, c[j]-*d)
		}
	}
	return t
}

// jobOrder returns the operations of job j in an order that respects its
// routing: list order for a sequence, a topological order of its own
// After links for a DAG.
func jobOrder(p *model.Problem, j int) []int {
	job := &p.Jobs[j]
	n := len(job.Operations)
	if job.Routing != model.DAG {
		out := make([]int, n)
		for k := range out {
			out[k] = k
		}
		return out
	}
	x := p.NewIndex()
	indeg := make([]int, n)
	succ := make([][]int, n)
	for k := range job.Operations {
		for _, l := range job.Operations[k].After {
			if l.Job != "" && l.Job != job.ID {
				continue
			}
			if r, ok := x.Op(j, l); ok && r.Job == j {
				succ[r.Op] = append(succ[r.Op], k)
				indeg[k]++
			}
		}
	}
	var out, queue []int
	for k := range indeg {
		if indeg[k] == 0 {
			queue = append(queue, k)
		}
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		out = append(out, k)
		for _, s := range succ[k] {
			if indeg[s]--; indeg[s] == 0 {
				queue = append(queue, s)
			}
		}
	}
	return out
}

// moved counts the assignments of jobs other than skip whose machine or
// start differ between a and b.
func moved(a, b *schedule.Schedule, skip int) int {
	type key struct{ j, o int }
	at := make(map[key]schedule.Assignment, len(a.Assignments))
	for _, x := range a.Assignments {
		at[key{x.Job, x.Op}] = x
	}
	n := 0
	for _, y := range b.Assignments {
		if y.Job == skip {
			continue
		}
		if x, ok := at[key{y.Job, y.Op}]; !ok || x.Machine != y.Machine || x.Start != y.Start {
			n++
		}
	}
	return n
}
