package mip

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/tabu"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// HintTime is the longest time given to the hint solver and to the
// improver (each gets a tenth of the time limit, at most HintTime).
const HintTime = 10 * time.Second

// ImproveMinTime is the shortest time limit for which the hint improver
// runs.
const ImproveMinTime = 30 * time.Second

// Solver solves problems through the MIP formulation with one backend. It
// implements solver.Solver.
type Solver struct {
	// Name is the name reported in results ("mip:cbc"; "mip" when empty).
	Name string
	// Backend solves the MIP. When nil, Select picks one at each call.
	Backend lp.Backend
	// HintSolver provides the upper bound and warm start when
	// Options.Hint is nil (nil: dispatch.Best, every dispatching rule and
	// scheme). It gets a tenth of the time limit, at most HintTime.
	HintSolver solver.Solver
	// HintImprover improves the hint, starting from it, when the time
	// limit is at least ImproveMinTime (nil: the tabu search; skipped
	// when it does not support the problem or the objective).
	HintImprover solver.Solver
	// NoCutoff keeps the hint's solution feasible in the model (as a warm
	// start) instead of asking for strictly better schedules; see
	// BuildOptions.Improve.
	NoCutoff bool
	// NoHint disables the heuristic upper bound and warm start (the
	// formulation then uses the safe horizon of left-shifted schedules).
	NoHint bool
}

// bestDispatch returns the default hint solver: dispatch:best (what
// dispatch.Best runs).
func bestDispatch() solver.Solver { return &dispatch.Solver{Name: "dispatch:best", Best: true} }

// hintSolver returns the hint solver.
func (s *Solver) hintSolver() solver.Solver {
	if s.HintSolver != nil {
		return s.HintSolver
	}
	return bestDispatch()
}

// hintImprover returns the hint improver.
func (s *Solver) hintImprover() solver.Solver {
	if s.HintImprover != nil {
		return s.HintImprover
	}
	return tabu.New(tabu.Params{})
}

func (s *Solver) name() string {
	if s.Name == "" {
		return "mip"
	}
	return s.Name
}

// Solve implements solver.Solver through the solve pipeline (solver.Run):
// what the formulation cannot express is refused before any work. The
// result's Status is Optimal only when the backend proved optimality (or
// the bounds prove the hint optimal); Bound is the backend's best bound;
// on a time limit the best of the backend's incumbent and the hint is
// returned. Options.WorkLimit is a node limit of the backend's
// branch-and-bound (with one worker and a backend that honours it, the
// result is reproducible).
func (s *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	return solver.Run(ctx, p, opts, s.Spec(), s.solve)
}

func (s *Solver) solve(run *solver.Incumbent) error {
	ctx, p, obj, opts, start := run.Ctx, run.Problem, run.Objective, run.Options, run.Start
	name := s.name()
	be := s.Backend
	if be == nil {
		var err error
		if be, err = Select(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	// Upper bound and warm start.
	hint, _ := run.Hint()
	if hint == nil && !s.NoHint {
		hint = heuristicHint(ctx, s.hintSolver(), p, opts, nil)
		if hint == nil {
			hint = greedyHint(p, obj)
		}
	}
	if hint != nil && !s.NoHint && opts.TimeLimit >= ImproveMinTime {
		if better := heuristicHint(ctx, s.hintImprover(), p, opts, hint); better != nil &&
			schedule.Evaluate(p, better, obj) < schedule.Evaluate(p, hint, obj) {
			hint = better
		}
	}
	var hintObj float64
	if hint != nil {
		hintObj = schedule.Evaluate(p, hint, obj)
		run.Offer(hint, hintObj)
	}
	f, err := Build(p, obj, BuildOptions{Hint: hint, Improve: !s.NoCutoff, Context: ctx})
	if err != nil {
		if errors.Is(err, errInfeasible) && hint != nil {
			// No schedule is better than the hint: it is optimal.
			run.Optimal()
			return nil
		}
		if errors.Is(err, errInfeasible) && hint == nil {
			run.Infeasible()
			return nil
		}
		if errors.Is(err, solver.ErrUnsupported) {
			return err
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	params := lp.Params{Start: f.Start, Threads: max(opts.Workers, 1)}
	if obj.IsMakespan() {
		// Node propagation (see the package documentation).
		params.Cuts = f.Propagator()
	}
	if dl := opts.Deadline(start); !dl.IsZero() {
		params.TimeLimit = time.Until(dl)
		if params.TimeLimit <= 0 {
			params.TimeLimit = time.Millisecond
		}
	}
	if opts.WorkLimit > 0 {
		params.NodeLimit = opts.WorkLimit
	}
	sol, err := be.Solve(ctx, f.Model, params)
	if err != nil {
		if ctx.Err() != nil {
			return nil // Run: Deadline or Canceled, with the hint
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	run.Iterations = sol.Nodes
	run.Work = sol.Nodes
	bound := math.NaN()
	if !math.IsNaN(sol.Bound) {
		bound = sol.Bound
		if f.IntegralObjective {
			bound = math.Ceil(sol.Bound - 1e-6)
		}
	}
	if obj.IsMakespan() && f.MakespanBound > 0 {
		// The one-machine bound of the (possibly cut off) model is valid
		// for every schedule better than the hint.
		if own := obj.Terms[0].Weight * float64(f.MakespanBound); math.IsNaN(bound) || own > bound {
			bound = own
		}
	}
	run.Bound = bound
	switch {
	case ctx.Err() != nil:
		// Run: Deadline or Canceled
	case sol.NodeLimitReached:
		run.WorkLimitReached()
	case sol.TimeLimitReached:
		run.DeadlineReached()
	default:
		run.Finish()
	}
	switch sol.Status {
	case lp.Infeasible:
		if f.Cutoff {
			// No schedule is better than the hint: it is optimal.
			run.Optimal()
			return nil
		}
		if hint != nil {
			// The hint satisfies the model: the backend is wrong or the
			// hint-derived bounds cut everything; keep the hint.
			return nil
		}
		run.Infeasible()
		return nil
	case lp.Optimal, lp.Feasible:
		sch := f.Extract(sol.Values)
		if err := check(p, sch); err != nil {
			if hint != nil {
				return nil
			}
			return fmt.Errorf("%s: the backend's solution does not give a valid schedule: %w", name, err)
		}
		v := schedule.Evaluate(p, sch, obj)
		run.Offer(sch, v) // taken when strictly better than the hint
		if _, val := run.Best(); sol.Status == lp.Optimal && math.Abs(val-sol.Objective) <= 1e-6*math.Max(1, math.Abs(val)) {
			run.Optimal()
		}
	}
	if best, val := run.Best(); best != nil && !math.IsNaN(run.Bound) && run.Bound >= val-1e-9 {
		run.Optimal()
	}
	return nil
}

// heuristicHint runs h (with start as its hint) for at most HintTime, a
// tenth of the time limit, and returns its schedule when valid (nil when
// h refuses the problem or finds nothing).
func heuristicHint(ctx context.Context, h solver.Solver, p *model.Problem, opts solver.Options, start *schedule.Schedule) *schedule.Schedule {
	o := solver.Options{Objective: opts.EffectiveObjective(p), Seed: opts.Seed, TimeLimit: HintTime, Hint: start}
	switch {
	case opts.TimeLimit > 0:
		o.TimeLimit = min(o.TimeLimit, opts.TimeLimit/10)
	case opts.WorkLimit > 0:
		// A node limit and no clock: the hint must not depend on the
		// machine's speed either (dispatch.Best runs all its builds).
		o.TimeLimit = 0
	}
	r, err := h.Solve(ctx, p, o)
	if err != nil || r == nil || r.Schedule == nil || check(p, r.Schedule) != nil {
		return nil
	}
	return r.Schedule
}

// Export writes the MIP formulation of p for objective obj (the problem's
// objective when obj has no terms) in format "lp" (CPLEX LP) or "mps" (free
// MPS). Variable names are documented in the package documentation. The
// schedule of dispatch.Best tightens the model, as in Solve.
func Export(p *model.Problem, obj model.Objective, format string, w io.Writer) error {
	return ExportContext(context.Background(), p, obj, format, w)
}

// ExportContext is Export with a context: when ctx is done, the hint
// heuristics and the preprocessing (time windows, edge finding, shaving)
// stop early and the model written is valid, only looser.
func ExportContext(ctx context.Context, p *model.Problem, obj model.Objective, format string, w io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if p == nil {
		return errors.New("mip: nil problem")
	}
	if len(obj.Terms) == 0 {
		obj = p.Objective.Normalized()
	}
	hint := heuristicHint(ctx, bestDispatch(), p, solver.Options{Objective: obj}, nil)
	if hint == nil {
		hint = greedyHint(p, obj)
	}
	f, err := Build(p, obj, BuildOptions{Hint: hint, Context: ctx})
	if err != nil {
		return err
	}
	switch strings.ToLower(format) {
	case "lp", "cplex":
		return lp.WriteLP(w, f.Model)
	case "mps", "freemps":
		return lp.WriteMPS(w, f.Model)
	}
	return fmt.Errorf("mip: unknown export format %q (want lp or mps)", format)
}
