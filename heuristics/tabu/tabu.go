package tabu

import (
	"context"
	"errors"
	"math"
	"time"

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

func init() {
	solver.Register(solver.Info{
		Name:        Name,
		Description: "tabu search with path relinking on the disjunctive graph (job shop, makespan)",
		Features:    Features,
		Objectives:  []model.Criterion{model.Makespan},
		New:         func() solver.Solver { return New(Params{}) },
	})
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
	// NoInitial skips the dispatching start (solver.Get("dispatch:best")) and
	// uses the built-in most-work-remaining rule only.
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

// Solver is the tabu search. Create it with New or through the registry.
type Solver struct {
	params Params
}

// New returns a tabu-search solver with the given parameters.
func New(p Params) *Solver { return &Solver{params: p.withDefaults()} }

// Solve minimises the makespan of the job shop p. See the package
// documentation for the algorithm, the supported features and the work
// unit.
func (s *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	t0 := time.Now()
	if p == nil {
		return nil, errors.New("tabu: nil problem")
	}
	obj := opts.EffectiveObjective(p)
	if err := solver.CheckSupport(Name, p, obj, Features, []model.Criterion{model.Makespan}); err != nil {
		return nil, err
	}
	if !obj.IsMakespan() {
		return nil, solver.Unsupported(Name, "objective "+obj.String()+" (makespan only)")
	}
	c, err := engine.Compile(p)
	if err != nil {
		return nil, err
	}
	v, err := NewView(c)
	if err != nil {
		return nil, err
	}
	in := v.in
	res := &solver.Result{Solver: Name, Bound: float64(in.lb)}
	if in.n == 0 {
		res.Schedule = &schedule.Schedule{}
		res.Status = solver.Optimal
		res.Bound = 0
		res.Stats.Elapsed = time.Since(t0)
		return res, nil
	}

	// Start solution: the hint, else the best of dispatch:best and the
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
			if d, err := solver.Get("dispatch:best"); err == nil {
				r, err := d.Solve(ctx, p, solver.Options{Seed: opts.Seed, TimeLimit: opts.TimeLimit, Objective: model.Single(model.Makespan)})
				if err == nil && r != nil && r.Schedule != nil && in.verify(r.Schedule) == nil {
					if flat, err := in.seqFromSchedule(r.Schedule); err == nil && st.load(flat) {
						start, startCmax = flat, st.cmax
						// kept as a fallback, like a hint: it may use idle
						// time before fixed operations
						hint, hintCmax = r.Schedule, scheduleMakespan(r.Schedule)
					}
				}
			}
		}
		flat := in.mwkr()
		if !st.load(flat) {
			return nil, errors.New("tabu: internal error: cyclic start solution")
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
	last := float64(startCmax)
	if opts.OnProgress != nil {
		opts.OnProgress(solver.Progress{Elapsed: time.Since(t0), Objective: last, Bound: float64(in.lb)})
	}
	out, err := Improve(ctx, v, start, s.params, Limits{
		Work: opts.WorkLimit, Deadline: opts.Deadline(t0), Seed: opts.Seed, Workers: opts.Workers, Clock: t0,
		OnImprove: func(pr solver.Progress) {
			if opts.OnProgress != nil && pr.Objective < last {
				last = pr.Objective
				opts.OnProgress(pr)
			}
		},
	})
	if err != nil {
		return nil, err
	}

	res.Stats.Elapsed = time.Since(t0)
	res.Stats.Work = out.Work
	res.Stats.Iterations = out.Iterations
	res.Stats.TimeToBest = out.TimeToBest
	final := out.Makespan
	res.Schedule = in.schedule(out.Start)
	if hint != nil && hintCmax < final {
		// pinning fixed operations first can lose a hint's placement
		res.Schedule = copySchedule(hint)
		final = hintCmax
	}
	res.Objective = float64(final)
	res.Status = solver.Feasible
	switch {
	case final <= in.lb:
		res.Status, res.Stop = solver.Optimal, solver.Finished
	case final <= s.params.Target:
		res.Stop = solver.Finished
	case ctx.Err() != nil:
		res.Stop = solver.Canceled
	case out.WorkLimit:
		res.Stop = solver.WorkLimit
	default:
		res.Stop = solver.Deadline
	}
	return res, nil
}

func copySchedule(s *schedule.Schedule) *schedule.Schedule {
	c := &schedule.Schedule{Assignments: make([]schedule.Assignment, len(s.Assignments))}
	for i, a := range s.Assignments {
		a.Operators = append([]int(nil), a.Operators...)
		c.Assignments[i] = a
	}
	return c
}
