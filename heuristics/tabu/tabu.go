package tabu

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// Name is the registry name of the tabu search.
const Name = "tabu"

// Features are the model features the tabu search supports. Due dates are
// accepted (they do not change the makespan).
const Features = model.FeatReleaseDates | model.FeatFixed | model.FeatDueDates

// Refuses lists what the tabu search refuses although its Features allow
// it (its Spec's Check implements exactly these).
var Refuses = []string{
	"objectives other than the makespan alone",
	"a fixed operation after a non-fixed operation of its job",
}

// Spec returns what the tabu search is and accepts.
func (s *Solver) Spec() solver.Spec {
	return solver.Spec{
		Name:        Name,
		Description: "tabu search with path relinking on the disjunctive graph (job shop, makespan)",
		Features:    Features,
		Objectives:  []model.Criterion{model.Makespan},
		Limits:      Refuses,
		Check:       check,
	}
}

// check refuses what Refuses describes.
func check(p *model.Problem, obj model.Objective) error {
	if !obj.IsMakespan() {
		return solver.Unsupported(Name, "objective "+obj.String()+" (makespan only)")
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := 1; k < len(job.Operations); k++ {
			if job.Operations[k].Fixed != nil && job.Operations[k-1].Fixed == nil {
				return solver.Unsupported(Name, fmt.Sprintf("jobs[%d].operations[%d] (job %q): fixed operation after a non-fixed operation of its job", j, k, job.ID))
			}
		}
	}
	return nil
}

// DefaultWorkLimit is the work limit (move evaluations) applied when a call
// sets neither a time limit, nor a work limit, nor a context deadline.
const DefaultWorkLimit = 50_000_000

// Params tune the search. The zero value means the defaults.
type Params struct {
	// Stagnation is the number of iterations without improving the best
	// solution of the current walk after which the walk jumps back to an
	// elite solution of its back-jump list, or, when the list is empty, a new
	// walk starts from a relinked or perturbed pool solution (default:
	// ops²/15 for ops operations, at least 2500, at most 40000).
	Stagnation int
	// MaxJumps is the number of back jumps after which a walk ends
	// (default 10).
	MaxJumps int
	// PoolSize is the number of elite solutions kept for path relinking
	// (default 10).
	PoolSize int
	// Target, when positive, stops the search as soon as a schedule with a
	// makespan at most Target is found (time-to-target measurements).
	Target int64
	// NoInitial skips the dispatching start (dispatch.Best) and uses the
	// built-in most-work-remaining rule only.
	NoInitial bool
}

func (p Params) withDefaults() Params {
	if p.MaxJumps <= 0 {
		p.MaxJumps = 10
	}
	if p.PoolSize <= 0 {
		p.PoolSize = 10
	}
	return p
}

// Solver is the tabu search. Create it with New (or through the registry
// facade, package solvers).
type Solver struct {
	params Params
}

// New returns a tabu-search solver with the given parameters.
func New(p Params) *Solver { return &Solver{params: p.withDefaults()} }

// Solve minimises the makespan of the job shop p through the solve
// pipeline (solver.Run). See the package documentation for the algorithm,
// the supported features and the work unit.
func (s *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	return solver.Run(ctx, p, opts, s.Spec(), s.solve)
}

func (s *Solver) solve(run *solver.Incumbent) error {
	ctx, p, opts, t0 := run.Ctx, run.Problem, run.Options, run.Start
	weight := run.Objective.Normalized().Terms[0].Weight
	c, err := engine.Compile(p)
	if err != nil {
		return err
	}
	v, err := NewView(c)
	if err != nil {
		return err
	}
	in := v.in
	run.Bound = weight * float64(in.lb)
	if in.n == 0 {
		run.Offer(&schedule.Schedule{}, 0)
		run.Bound = 0
		run.Optimal()
		return nil
	}

	// Start solution: the hint, else the best of dispatch.Best and the
	// built-in rule. A feasible hint or dispatch schedule is returned
	// itself when nothing better is found.
	var hint *schedule.Schedule
	hintCmax := int64(math.MaxInt64)
	st := newState(in)
	var start []int32
	startCmax := int64(math.MaxInt64)
	if opts.Hint != nil {
		if err := in.verify(opts.Hint); err == nil {
			if flat, err := in.seqFromSchedule(opts.Hint); err == nil && st.load(flat) {
				hint, hintCmax = opts.Hint, scheduleMakespan(opts.Hint)
				start, startCmax = flat, st.cmax
			}
		}
	}
	if start == nil {
		if !s.params.NoInitial {
			r, err := dispatch.Best(ctx, p, solver.Options{Seed: opts.Seed, TimeLimit: opts.TimeLimit, Objective: model.Single(model.Makespan)})
			if err == nil && r != nil && r.Schedule != nil && in.verify(r.Schedule) == nil {
				if flat, err := in.seqFromSchedule(r.Schedule); err == nil && st.load(flat) {
					start, startCmax = flat, st.cmax
					// kept as a fallback, like a hint: it may use idle
					// time before fixed operations
					hint, hintCmax = r.Schedule, scheduleMakespan(r.Schedule)
				}
			}
		}
		flat := in.mwkr()
		if !st.load(flat) {
			return errors.New("tabu: internal error: cyclic start solution")
		}
		if st.cmax < startCmax {
			start, startCmax = flat, st.cmax
		}
	}

	if opts.WorkLimit <= 0 && opts.TimeLimit <= 0 {
		if _, ok := ctx.Deadline(); !ok {
			opts.WorkLimit = DefaultWorkLimit
		}
	}
	run.Improved(weight*float64(startCmax), 0)
	out, err := Improve(ctx, v, start, s.params, Limits{
		Work: opts.WorkLimit, Deadline: opts.Deadline(t0), Seed: opts.Seed, Workers: opts.Workers, Clock: t0,
		OnImprove: func(pr solver.Progress) { run.Improved(weight*pr.Objective, pr.Work) },
	})
	if err != nil {
		return err
	}

	run.Work = out.Work
	run.Iterations = out.Iterations
	final := out.Makespan
	best := in.schedule(out.Start)
	if hint != nil && hintCmax < final {
		// pinning fixed operations first can lose a hint's placement
		best = copySchedule(hint)
		final = hintCmax
	}
	run.Offer(best, weight*float64(final))
	switch {
	case final <= in.lb:
		run.Optimal()
	case final <= s.params.Target:
		run.Finish()
	case out.WorkLimit:
		run.WorkLimitReached()
	}
	return nil
}

func copySchedule(s *schedule.Schedule) *schedule.Schedule {
	c := &schedule.Schedule{Assignments: make([]schedule.Assignment, len(s.Assignments))}
	for i, a := range s.Assignments {
		a.Operators = append([]int(nil), a.Operators...)
		c.Assignments[i] = a
	}
	return c
}
