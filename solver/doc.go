// Package solver holds the contract every ordo solver implements (Solver,
// Options, Result, Status, Stop, Progress, ErrUnsupported) and the one
// solve pipeline every solver's Solve goes through (Run, Spec, Incumbent).
//
// # Using a solver
//
// Pick one by name from the registry facade (package solvers: "dispatch",
// "dispatch:atc", "tabu", "ga", "mip:cbc", ...) or construct it from its
// package (dispatch.Solver, tabu.New, ga.New, mip.Solver), call Solve and
// hold the schedule against schedule.Check: see the package example. An
// error means the call failed (invalid problem, a feature or objective
// the solver refuses, a missing backend); a time limit, a work limit or a
// cancelled context are normal stops that return the best schedule found.
//
// # Writing a solver
//
// A solver describes what it accepts in a Spec (name, description, model
// features, objectives, and the Limits its Check refuses beyond them) and
// implements Solve as
//
//	func (s *MySolver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
//		return solver.Run(ctx, p, opts, s.Spec(), s.solve)
//	}
//
// Run does the bookkeeping once for every solver, in this order: it
// refuses a nil problem, treats a nil ctx as context.Background,
// validates the problem, resolves the objective (Options.Objective, else
// the problem's) and refuses what the Spec does not support before any
// work, applies Options.TimeLimit to the context, makes a feasible
// Options.Hint the first incumbent, and returns at once with it when the
// context is already done. It then calls solve with an Incumbent that
// carries the context, the problem, the options and the objective; solve
// offers schedules (Incumbent.Offer keeps a schedule only when strictly
// better, NaN never), reports improvements it holds itself
// (Incumbent.Improved), counts Work and Iterations, and may set Bound. Run
// reports progress monotonically on the calling goroutine and fills the
// Result: the incumbent (never worse than a feasible hint), Status,
// Stats.Elapsed and Stats.TimeToBest, and a stop reason that means the
// same for every solver:
//
//   - Finished: the solver completed on its own (Incumbent.Finish,
//     Incumbent.Optimal, Incumbent.Infeasible) or nothing stopped it;
//   - WorkLimit: Options.WorkLimit stopped it (Incumbent.WorkLimitReached);
//   - Deadline: Options.TimeLimit or the context's deadline expired;
//   - Canceled: the context was cancelled.
//
// Solvers that use each other call each other's Go functions (tabu starts
// from dispatch.Best, the GA seeds with dispatch.WithRule and dispatch.Best
// and improves with the tabu search, the MIP takes its hint from
// dispatch.Best and tabu), visibly in their imports; never through the
// registry.
//
// The subpackage solvertest is the conformance suite every solver runs.
package solver
