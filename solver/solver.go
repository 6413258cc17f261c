package solver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Solver builds a schedule for a problem. Implementations must be safe for
// concurrent use by several goroutines with different problems.
type Solver interface {
	// Solve returns the best schedule found. An error means the call failed
	// (invalid model, backend missing, unsupported feature); hitting a limit
	// or a cancelled ctx is a normal stop that still returns the best
	// schedule found so far when there is one.
	Solve(ctx context.Context, p *model.Problem, opts Options) (*Result, error)
}

// ErrUnsupported is wrapped by errors of solvers that meet a model feature or
// an objective they do not support; the message names it.
var ErrUnsupported = errors.New("unsupported")

// Unsupported returns an error wrapping ErrUnsupported that names what the
// solver does not support.
func Unsupported(solverName, what string) error {
	return fmt.Errorf("%s: %w: %s", solverName, ErrUnsupported, what)
}

// Options are the settings of one Solve call. The zero value works: no limit
// beyond the solver's own, seed 0, one worker, the problem's objective.
type Options struct {
	// TimeLimit bounds the wall-clock time (0: none).
	TimeLimit time.Duration
	// WorkLimit is a deterministic budget in solver-defined work units
	// (0: none). With one worker and a seed, results are reproducible.
	WorkLimit int64
	// Seed seeds the solver's own random source.
	Seed uint64
	// Workers is the number of goroutines a solver may use (0 or 1: one).
	Workers int
	// Objective overrides the problem's objective when it has terms.
	Objective model.Objective
	// Hint is a warm-start schedule; a solver never returns worse.
	Hint *schedule.Schedule
	// OnProgress, when set, is called on the solving goroutine each time
	// the incumbent improves.
	OnProgress func(Progress)
	// Reference, when set, is a previous schedule of the problem (a
	// published plan, in the problem's indices) that the solve should
	// move as little as the Stability weights say: solvers that support
	// it (dispatch, ga) minimise Score, the objective plus
	// Stability.Penalty, and report Score as the Result's Objective.
	Reference *schedule.Schedule
	// Stability weighs the changes from Reference (see Stability).
	Stability Stability
}

// EffectiveObjective returns the objective to optimise: opts.Objective when
// it has terms, otherwise the problem's (makespan when it has none).
func (o *Options) EffectiveObjective(p *model.Problem) model.Objective {
	if len(o.Objective.Terms) > 0 {
		return o.Objective
	}
	return p.Objective.Normalized()
}

// Deadline returns the wall-clock deadline implied by TimeLimit from start
// (the zero time when there is none).
func (o *Options) Deadline(start time.Time) time.Time {
	if o.TimeLimit <= 0 {
		return time.Time{}
	}
	return start.Add(o.TimeLimit)
}

// Progress reports an improved incumbent.
type Progress struct {
	// Elapsed is the wall-clock time since Solve started.
	Elapsed time.Duration
	// Work is the work done so far (solver-defined units).
	Work int64
	// Objective is the new incumbent's objective value.
	Objective float64
	// Bound is the best known lower bound (NaN when unknown).
	Bound float64
}

// Status says what is known about the returned schedule.
type Status int

const (
	// Unknown: no schedule was found and nothing was proved.
	Unknown Status = iota
	// Feasible: the schedule is feasible, optimality unproved.
	Feasible
	// Optimal: the schedule is proved optimal.
	Optimal
	// Infeasible: the problem was proved to have no feasible schedule.
	Infeasible
)

var statusNames = [...]string{"unknown", "feasible", "optimal", "infeasible"}

// String returns the status in lower case.
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", int(s))
}

// Stop says why a solver stopped.
type Stop int

const (
	// Finished: the solver ran to completion (a constructive heuristic, or
	// a proof).
	Finished Stop = iota
	// Deadline: the time limit was reached.
	Deadline
	// Canceled: the context was cancelled.
	Canceled
	// WorkLimit: the work limit was reached.
	WorkLimit
)

var stopNames = [...]string{"finished", "deadline", "canceled", "work_limit"}

// String returns the stop reason in lower case.
func (s Stop) String() string {
	if s >= 0 && int(s) < len(stopNames) {
		return stopNames[s]
	}
	return fmt.Sprintf("stop(%d)", int(s))
}

// Result is the outcome of a Solve call.
type Result struct {
	// Solver is the registry name of the solver that produced the result.
	Solver string
	// Schedule is the best schedule found (nil when none).
	Schedule *schedule.Schedule
	// Status says what is known about Schedule.
	Status Status
	// Stop says why the solver stopped.
	Stop Stop
	// Objective is the objective value of Schedule.
	Objective float64
	// Bound is a proven lower bound on the optimal objective (NaN when
	// unknown).
	Bound float64
	// Stats are counters of the run.
	Stats Stats
}

// Stats are counters of a solver run.
type Stats struct {
	// Elapsed is the wall-clock time of the call.
	Elapsed time.Duration
	// TimeToBest is the wall-clock time at which the returned schedule was
	// found.
	TimeToBest time.Duration
	// Work is the work done (solver-defined units, deterministic).
	Work int64
	// Iterations counts the solver's main-loop iterations.
	Iterations int64
}
