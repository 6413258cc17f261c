package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Spec says what a solver is and what it accepts. Run refuses, before any
// work, a problem or an objective outside it; the registry facade
// (package solvers) lists it for `ordo solve --list`.
type Spec struct {
	// Name is the solver's name ("dispatch:atc", "tabu", "mip:cbc"),
	// reported in Result.Solver and in errors.
	Name string
	// Description is one sentence for `ordo solve --list`.
	Description string
	// Features are the model features the solver supports; a problem using
	// another gets an error wrapping ErrUnsupported.
	Features model.Features
	// Objectives are the criteria the solver optimises (nil: all).
	Objectives []model.Criterion
	// Limits lists, one phrase each, what the solver refuses although
	// Features and Objectives allow it ("release dates together with
	// setups"); Check implements exactly these.
	Limits []string
	// Check, when set, refuses (with an error wrapping ErrUnsupported)
	// the problems and objectives that Limits describe. It runs on a valid
	// problem, before any work, and must be cheap.
	Check func(p *model.Problem, obj model.Objective) error
	// Stability says the solver takes Options.Reference into account
	// (it minimises Options.Score); Run refuses a Reference otherwise,
	// rather than let the solver ignore it.
	Stability bool
}

// Supports returns nil when the solver accepts p with objective obj, and
// otherwise an error wrapping ErrUnsupported that names the feature, the
// objective or the limit.
func (s *Spec) Supports(p *model.Problem, obj model.Objective) error {
	if err := CheckSupport(s.Name, p, obj, s.Features, s.Objectives); err != nil {
		return err
	}
	if s.Check != nil {
		return s.Check(p, obj)
	}
	return nil
}

// CheckSupport returns an error wrapping ErrUnsupported when p uses a feature
// outside supported, or obj a criterion outside objectives (nil: all).
func CheckSupport(name string, p *model.Problem, obj model.Objective, supported model.Features, objectives []model.Criterion) error {
	if extra := p.Features() &^ supported; extra != 0 {
		return Unsupported(name, "model feature(s) "+extra.String())
	}
	if objectives == nil {
		return nil
	}
	for _, t := range obj.Normalized().Terms {
		if !slices.Contains(objectives, t.Criterion) {
			names := make([]string, len(objectives))
			for i, c := range objectives {
				names[i] = c.String()
			}
			return Unsupported(name, "objective "+t.Criterion.String()+" (supported: "+strings.Join(names, ", ")+")")
		}
	}
	return nil
}

// Better reports whether objective value a is strictly better (lower)
// than b. NaN is never better, and every number is better than NaN, so
// that a NaN objective never becomes or keeps an incumbent.
func Better(a, b float64) bool {
	if math.IsNaN(a) {
		return false
	}
	return math.IsNaN(b) || a < b
}

// Run is the one solve pipeline every ordo solver's Solve goes through.
// In order it:
//
//   - refuses a nil problem; treats a nil ctx as context.Background;
//   - validates the problem once (model.Problem.Validate) and
//     Options.Objective (known criteria, positive finite weights);
//   - resolves the objective (Options.EffectiveObjective) and refuses,
//     before any work, what spec does not support (Spec.Supports);
//   - applies Options.TimeLimit to ctx;
//   - checks Options.Hint and makes it the first incumbent when feasible;
//   - returns at once, with the hint if any, when ctx is already done;
//   - calls solve, which offers schedules (Incumbent.Offer) and reports
//     improvements it holds itself (Incumbent.Improved);
//   - builds the Result: the incumbent (never worse than a feasible
//     hint), Status, Bound, Stats (Elapsed, TimeToBest, Work, Iterations)
//     and the stop reason.
//
// The stop reason means the same for every solver: Finished when solve
// said so (Incumbent.Finish: a proof, or a constructive solver done),
// WorkLimit when solve said the work limit stopped it
// (Incumbent.WorkLimitReached), otherwise Canceled when ctx was
// cancelled, Deadline when the time limit or ctx's deadline expired, and
// Finished when nothing stopped the solver early.
//
// An error from solve is returned as the call's error (no result).
func Run(ctx context.Context, p *model.Problem, opts Options, spec Spec, solve func(*Incumbent) error) (*Result, error) {
	start := time.Now()
	name := spec.Name
	if name == "" {
		name = "solver"
	}
	if p == nil {
		return nil, fmt.Errorf("%s: no problem", name)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if iss := p.Validate(); iss != nil {
		return nil, fmt.Errorf("%s: invalid problem: %w", name, iss)
	}
	for i, t := range opts.Objective.Terms {
		// the problem's own objective is checked by Validate
		if t.Criterion < model.Makespan || t.Criterion > model.Cost {
			return nil, fmt.Errorf("%s: invalid objective: term %d: unknown criterion %d", name, i, int(t.Criterion))
		}
		if !(t.Weight > 0) || math.IsInf(t.Weight, 0) {
			return nil, fmt.Errorf("%s: invalid objective: term %d (%s): the weight must be positive, got %g", name, i, t.Criterion, t.Weight)
		}
	}
	obj := opts.EffectiveObjective(p)
	if err := spec.Supports(p, obj); err != nil {
		return nil, err
	}
	if opts.Reference != nil && !spec.Stability {
		return nil, Unsupported(name, "a reference schedule (stability against a previous plan)")
	}
	parent := ctx
	if opts.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.TimeLimit)
		defer cancel()
	}
	in := &Incumbent{
		Ctx: ctx, Problem: p, Options: opts, Objective: obj, Start: start,
		Bound: math.NaN(), name: name, val: math.NaN(), seen: math.NaN(),
	}
	in.Deadline, _ = ctx.Deadline()
	if h := opts.Hint; h != nil && len(schedule.Check(p, h)) == 0 {
		if v := opts.Score(p, h, obj); !math.IsNaN(v) {
			in.hint, in.hintVal = h, v
			in.Offer(h.Clone(), v)
		}
	}
	if ctx.Err() == nil {
		if err := solve(in); err != nil {
			return nil, err
		}
	}
	return in.result(parent), nil
}

// Incumbent is one run of the pipeline as the solver sees it: the
// resolved inputs, and the best schedule so far with its bookkeeping.
// Its methods must be called on the goroutine that called Run (the
// solving goroutine); OnProgress is called from there.
type Incumbent struct {
	// Ctx is the context of the run, with the time limit applied: the
	// only cancellation path. Check it in hot loops cheaply.
	Ctx context.Context
	// Problem is the (valid) problem.
	Problem *model.Problem
	// Options are the options as given.
	Options Options
	// Objective is the objective to optimise (Options.EffectiveObjective).
	Objective model.Objective
	// Start is when Run was called.
	Start time.Time
	// Deadline is when Ctx expires (zero: no deadline).
	Deadline time.Time
	// Work and Iterations are the solver's counters (solver-defined
	// work units, main-loop iterations), copied to Result.Stats.
	Work, Iterations int64
	// Bound is a proven lower bound on the optimal objective (NaN when
	// unknown), copied to Result.Bound.
	Bound float64

	name       string
	hint       *schedule.Schedule
	hintVal    float64
	best       *schedule.Schedule
	val        float64
	bestAt     time.Duration
	seen       float64 // best value reported to OnProgress (NaN: none)
	seenAt     time.Duration
	lastWork   int64
	stop       Stop
	stopSet    bool
	optimal    bool
	infeasible bool
}

// Hint returns the feasible hint and its objective value (nil when
// Options.Hint is nil or infeasible).
func (in *Incumbent) Hint() (*schedule.Schedule, float64) { return in.hint, in.hintVal }

// Best returns the incumbent and its objective value (nil, NaN when
// there is none).
func (in *Incumbent) Best() (*schedule.Schedule, float64) { return in.best, in.val }

// Offer makes s, of objective value val, the incumbent when it is
// strictly better than the incumbent (Better), reports the improvement to
// OnProgress, and says whether s was taken. s must be feasible; Run keeps
// it (the caller must not modify it afterwards).
func (in *Incumbent) Offer(s *schedule.Schedule, val float64) bool {
	if s == nil || (in.best != nil && !Better(val, in.val)) || math.IsNaN(val) {
		return false
	}
	in.best, in.val = s, val
	in.bestAt = time.Since(in.Start)
	in.Improved(val, in.Work)
	return true
}

// Improved reports to OnProgress an improvement the solver holds itself
// (it offers the schedule later): objective value val after work units of
// work. Values not strictly better than those reported before are not
// reported; work never goes down in the reports.
func (in *Incumbent) Improved(val float64, work int64) {
	if !Better(val, in.seen) {
		return
	}
	in.seen, in.seenAt = val, time.Since(in.Start)
	in.lastWork = max(in.lastWork, work)
	if in.Options.OnProgress != nil {
		in.Options.OnProgress(Progress{Elapsed: in.seenAt, Work: in.lastWork, Objective: val, Bound: in.Bound})
	}
}

// Finish says the solver completed on its own (a constructive heuristic
// done, or a proof): the stop reason is Finished.
func (in *Incumbent) Finish() { in.stop, in.stopSet = Finished, true }

// WorkLimitReached says the work limit stopped the solver: the stop reason
// is WorkLimit.
func (in *Incumbent) WorkLimitReached() { in.stop, in.stopSet = WorkLimit, true }

// DeadlineReached says the solver stopped on the deadline by its own
// clock (a backend's time limit): the stop reason is Deadline.
func (in *Incumbent) DeadlineReached() { in.stop, in.stopSet = Deadline, true }

// Optimal says the incumbent is proved optimal (Status Optimal; Bound
// becomes its value) and finishes the run.
func (in *Incumbent) Optimal() { in.optimal = true; in.Finish() }

// Infeasible says the problem is proved to have no feasible schedule
// (Status Infeasible when there is no incumbent) and finishes the run.
func (in *Incumbent) Infeasible() { in.infeasible = true; in.Finish() }

// Done reports whether the run must stop: Ctx is done or its deadline has
// passed.
func (in *Incumbent) Done() bool {
	return in.Ctx.Err() != nil || (!in.Deadline.IsZero() && !time.Now().Before(in.Deadline))
}

// result builds the Result of the run; parent is the caller's context.
func (in *Incumbent) result(parent context.Context) *Result {
	res := &Result{Solver: in.name, Status: Unknown, Bound: in.Bound, Objective: math.NaN()}
	res.Stats = Stats{Elapsed: time.Since(in.Start), Work: in.Work, Iterations: in.Iterations}
	if in.best != nil {
		res.Schedule, res.Objective, res.Status = in.best, in.val, Feasible
		res.Stats.TimeToBest = in.bestAt
		if !Better(in.seen, in.val) && !math.IsNaN(in.seen) {
			// reported earlier through Improved
			res.Stats.TimeToBest = min(in.bestAt, in.seenAt)
		}
		if in.optimal {
			res.Status = Optimal
			res.Bound = in.val
		}
		if !math.IsNaN(res.Bound) && res.Bound > res.Objective {
			res.Bound = res.Objective
		}
	} else {
		res.Objective = 0
		if in.infeasible {
			res.Status = Infeasible
		}
	}
	switch {
	case in.stopSet:
		res.Stop = in.stop
	case parent.Err() != nil && !errors.Is(parent.Err(), context.DeadlineExceeded):
		res.Stop = Canceled
	case in.Done():
		res.Stop = Deadline
	default:
		res.Stop = Finished
	}
	return res
}
