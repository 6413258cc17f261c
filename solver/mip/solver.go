package mip

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// DefaultHintSolver is the registry name of the heuristic that provides
// the upper bound and warm start when Options.Hint is nil.
const DefaultHintSolver = "dispatch:best"

// DefaultHintImprover is the registry name of the local search that
// improves the hint when the time limit is at least ImproveMinTime.
const DefaultHintImprover = "tabu"

// HintTime is the longest time given to the hint solver and to the
// improver (each gets a tenth of the time limit, at most HintTime).
const HintTime = 10 * time.Second

// ImproveMinTime is the shortest time limit for which the hint improver
// runs.
const ImproveMinTime = 30 * time.Second

// Solver solves problems through the MIP formulation with one backend. It
// implements solver.Solver.
type Solver struct {
	// Name is the registry name reported in results ("mip:cbc").
	Name string
	// Backend solves the MIP. When nil, Select picks one at each call.
	Backend lp.Backend
	// HintSolver is the registered solver that provides the upper bound
	// and warm start when Options.Hint is nil (default DefaultHintSolver).
	// It gets a tenth of the time limit, at most HintTime.
	HintSolver string
	// HintImprover is the registered solver that improves the hint,
	// starting from it, when the time limit is at least ImproveMinTime
	// (default DefaultHintImprover; skipped when it does not support the
	// problem or the objective).
	HintImprover string
	// NoCutoff keeps the hint's solution feasible in the model (as a warm
	// start) instead of asking for strictly better schedules; see
	// BuildOptions.Improve.
	NoCutoff bool
	// NoHint disables the heuristic upper bound and warm start (the
	// formulation then uses the safe horizon of left-shifted schedules).
	NoHint bool
}

// Solve implements solver.Solver. The result's Status is Optimal only when
// the backend proved optimality; Bound is the backend's best bound; on a
// time limit the best of the backend's incumbent and the hint is returned.
func (s *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	start := time.Now()
	name := s.Name
	if name == "" {
		name = "mip"
	}
	if p == nil {
		return nil, errors.New(name + ": nil problem")
	}
	obj := opts.EffectiveObjective(p)
	be := s.Backend
	if be == nil {
		var err error
		if be, err = Select(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	res := &solver.Result{Solver: name, Bound: math.NaN()}
	if err := ctx.Err(); err != nil {
		res.Stop = solver.Canceled
		res.Stats.Elapsed = time.Since(start)
		return res, nil
	}
	// Upper bound and warm start.
	var hint *schedule.Schedule
	if opts.Hint != nil && check(p, opts.Hint) == nil {
		hint = opts.Hint
	} else if !s.NoHint {
		hint = heuristicHint(ctx, s.HintSolver, p, opts, nil)
		if hint == nil {
			hint = greedyHint(p, obj)
		}
	}
	if hint != nil && !s.NoHint && opts.TimeLimit >= ImproveMinTime {
		imp := s.HintImprover
		if imp == "" {
			imp = DefaultHintImprover
		}
		if better := heuristicHint(ctx, imp, p, opts, hint); better != nil &&
			schedule.Evaluate(p, better, obj) < schedule.Evaluate(p, hint, obj) {
			hint = better
		}
	}
	// Refuse unsupported problems before anything else.
	var hintObj float64
	if hint != nil {
		hintObj = schedule.Evaluate(p, hint, obj)
		res.Schedule, res.Objective, res.Status = hint, hintObj, solver.Feasible
		res.Stats.TimeToBest = time.Since(start)
	}
	f, err := Build(p, obj, BuildOptions{Hint: hint, Improve: !s.NoCutoff})
	if err != nil {
		if errors.Is(err, errInfeasible) && hint != nil {
			// No schedule is better than the hint: it is optimal.
			res.Status, res.Bound = solver.Optimal, hintObj
			res.Stats.Elapsed = time.Since(start)
			return res, nil
		}
		if errors.Is(err, errInfeasible) && hint == nil {
			res.Status = solver.Infeasible
			res.Stats.Elapsed = time.Since(start)
			return res, nil
		}
		if errors.Is(err, solver.ErrUnsupported) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", name, err)
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
	sol, err := be.Solve(ctx, f.Model, params)
	res.Stats.Elapsed = time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			res.Stop = solver.Canceled
			return res, nil
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	res.Stats.Iterations = sol.Nodes
	if !math.IsNaN(sol.Bound) {
		res.Bound = sol.Bound
		if f.IntegralObjective {
			res.Bound = math.Ceil(sol.Bound - 1e-6)
		}
	}
	if obj.IsMakespan() && f.MakespanBound > 0 {
		// The one-machine bound of the (possibly cut off) model is valid
		// for every schedule better than the hint.
		if own := obj.Terms[0].Weight * float64(f.MakespanBound); math.IsNaN(res.Bound) || own > res.Bound {
			res.Bound = own
		}
	}
	switch {
	case ctx.Err() != nil:
		res.Stop = solver.Canceled
	case sol.TimeLimitReached:
		res.Stop = solver.Deadline
	}
	switch sol.Status {
	case lp.Infeasible:
		if f.Cutoff {
			// No schedule is better than the hint: it is optimal.
			res.Status, res.Bound = solver.Optimal, hintObj
			return res, nil
		}
		if hint != nil {
			// The hint satisfies the model: the backend is wrong or the
			// hint-derived bounds cut everything; keep the hint.
			return res, nil
		}
		res.Status = solver.Infeasible
		return res, nil
	case lp.Optimal, lp.Feasible:
		sch := f.Extract(sol.Values)
		if err := check(p, sch); err != nil {
			if hint != nil {
				return res, nil
			}
			return nil, fmt.Errorf("%s: the backend's solution does not give a valid schedule: %w", name, err)
		}
		v := schedule.Evaluate(p, sch, obj)
		if hint == nil || v <= hintObj+1e-9 {
			res.Schedule, res.Objective, res.Status = sch, v, solver.Feasible
			res.Stats.TimeToBest = res.Stats.Elapsed
		}
		if sol.Status == lp.Optimal && math.Abs(res.Objective-sol.Objective) <= 1e-6*math.Max(1, math.Abs(res.Objective)) {
			res.Status = solver.Optimal
			if math.IsNaN(res.Bound) || res.Bound > res.Objective {
				res.Bound = res.Objective
			}
		}
	}
	if !math.IsNaN(res.Bound) && res.Schedule != nil && res.Bound > res.Objective {
		res.Bound = res.Objective
	}
	if res.Schedule != nil && res.Status != solver.Optimal && !math.IsNaN(res.Bound) && res.Bound >= res.Objective-1e-9 {
		res.Status = solver.Optimal
	}
	if opts.OnProgress != nil && res.Schedule != nil {
		opts.OnProgress(solver.Progress{Elapsed: res.Stats.Elapsed, Objective: res.Objective, Bound: res.Bound})
	}
	return res, nil
}

// heuristicHint runs the registered HintSolver, if any, with a short time
// limit and returns its schedule when valid.
func heuristicHint(ctx context.Context, name string, p *model.Problem, opts solver.Options, start *schedule.Schedule) *schedule.Schedule {
	if name == "" {
		name = DefaultHintSolver
	}
	info, ok := solver.Lookup(name)
	if !ok || solver.CheckSupport(name, p, opts.EffectiveObjective(p), info.Features, info.Objectives) != nil {
		return nil
	}
	h := info.New()
	o := solver.Options{Objective: opts.EffectiveObjective(p), Seed: opts.Seed, TimeLimit: HintTime, Hint: start}
	if opts.TimeLimit > 0 {
		o.TimeLimit = min(o.TimeLimit, opts.TimeLimit/10)
	}
	r, err := h.Solve(ctx, p, o)
	if err != nil || r == nil || r.Schedule == nil || check(p, r.Schedule) != nil {
		return nil
	}
	return r.Schedule
}

// Export writes the MIP formulation of p for objective obj (the problem's
// objective when obj has no terms) in format "lp" (CPLEX LP) or "mps" (free
// MPS). Variable names are documented in the package documentation. When
// the registered heuristic HintSolver is available its solution tightens
// the model, as in Solve.
func Export(p *model.Problem, obj model.Objective, format string, w io.Writer) error {
	if p == nil {
		return errors.New("mip: nil problem")
	}
	if len(obj.Terms) == 0 {
		obj = p.Objective.Normalized()
	}
	hint := heuristicHint(context.Background(), DefaultHintSolver, p, solver.Options{Objective: obj}, nil)
	if hint == nil {
		hint = greedyHint(p, obj)
	}
	f, err := Build(p, obj, BuildOptions{Hint: hint})
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
