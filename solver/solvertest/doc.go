// Package solvertest is the conformance suite every ordo solver runs.
//
// A solver package calls Run from one of its tests:
//
//	func TestConformance(t *testing.T) {
//		solvertest.Run(t, solvertest.Config{
//			New:       func() solver.Solver { return New() },
//			Features:  model.FeatAlternatives | model.FeatReleaseDates | model.FeatDueDates,
//			WorkLimit: 2000,
//		})
//	}
//
// # What is checked
//
// For every built-in problem (see Problems) whose features the solver
// supports, and every extra problem of the Config, with the makespan
// objective and, on problems with due dates, total weighted tardiness:
//
//   - validity: Solve returns no error, a schedule that passes
//     schedule.Check, Status Feasible or Optimal, Objective equal to
//     schedule.Evaluate of the schedule, a Bound (when known) not above the
//     objective, a makespan never below a known optimum, Optimal only when it
//     is reached, and (with Timed checks) it returns within the time limit
//     plus some slack;
//   - progress: the objectives reported to OnProgress never increase, their
//     elapsed times and work never decrease, and the result is at least as
//     good as the last one reported;
//   - determinism: two solves with the same Seed and WorkLimit and one worker
//     give the same schedule and objective (for Exact solvers, any seed and
//     limits do). These solves have no time limit: a MIP gets a node limit
//     as its WorkLimit, so that the verdict does not depend on the
//     machine's speed;
//   - hints: a solve warm-started with a schedule (its own earlier result,
//     and the problem's reference schedule) under a tiny budget returns a
//     valid schedule no worse than the hint, and does not modify the hint;
//   - cancellation: with an already-cancelled context Solve returns (with
//     Timed checks: within Config.CancelGrace), either with an error
//     wrapping context.Canceled or with a result whose schedule, if any, is
//     valid;
//   - purity: Solve does not modify the problem.
//
// Once per run it also checks that a problem using a feature the solver
// does not support (or an objective it does not support) is refused with
// an error wrapping solver.ErrUnsupported, and that two solves running at
// the same time on one solver value both succeed (run the tests with -race).
//
// Wall-clock assertions are off unless ORDO_TIMED_TESTS is set (see
// Config.Timed): the suite passes on a machine busy with other work.
//
// Run takes a TB, satisfied by *testing.T (subtests are then real
// subtests); any other TB gets the failures with the subtest name as a
// prefix, which is how the suite tests itself against bad solvers.
package solvertest
