package plan

import (
	"context"
	"fmt"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// DefaultFrozenEnd is the end of the default frozen horizon of a plan of
// p at time now: the end of now's day (the next midnight in the epoch's
// time zone), so that re-optimisation keeps the started day stable. A
// unitless problem has no days: the horizon is empty (now).
func DefaultFrozenEnd(p *model.Problem, now int64) int64 {
	if p.Epoch.IsZero() {
		return now
	}
	t := p.TimeOf(now).In(p.Epoch.Location())
	y, m, d := t.Date()
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
	return p.TickOf(midnight)
}

// Reoptimize re-optimises a plan returned by Apply with solver s (one that
// supports solver.Options.Reference: dispatch, ga), trading the objective
// against stability: opts.Reference is pl.Schedule (the old plan in the
// new problem's indices) unless set, opts.Hint the repaired schedule
// (Repair) unless set, so the result never scores worse than the repair.
// opts.Stability weighs the moves (its FrozenEnd is typically now plus the
// frozen horizon; see DefaultFrozenEnd). It returns the new plan, whose
// Schedule passed schedule.Check, and the solver's result (whose
// Objective is the score: objective plus stability penalty).
func Reoptimize(ctx context.Context, pl *Plan, s solver.Solver, opts solver.Options) (*Plan, *solver.Result, error) {
	if opts.Reference == nil {
		opts.Reference = pl.Schedule
	}
	if opts.Hint == nil {
		h, err := Repair(pl)
		if err != nil {
			return nil, nil, err
		}
		opts.Hint = h
	}
	res, err := s.Solve(ctx, pl.Problem, opts)
	if err != nil {
		return nil, nil, err
	}
	if res.Schedule == nil {
		return nil, nil, fmt.Errorf("plan: the solver found no schedule (status %s)", res.Status)
	}
	if err := schedule.Verify(pl.Problem, res.Schedule); err != nil {
		return nil, nil, fmt.Errorf("plan: the re-optimised schedule: %w", err)
	}
	np := *pl
	np.Schedule = res.Schedule
	return &np, res, nil
}
