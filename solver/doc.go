// Package solver holds the contract every ordo solver implements: Solver,
// Options, Result, Status, Stop, Progress and ErrUnsupported, and the
// registry by name through which the CLI and the benchmark runner select
// solvers ("dispatch:atc", "tabu", "ga", "mip:cbc").
//
// Algorithms live in other packages (heuristics/dispatch, heuristics/tabu,
// heuristics/ga, solver/mip) and register themselves in init functions; a
// program imports them for their side effect, or imports
// github.com/ordo-sched/ordo/solver/all to get every one.
//
// The subpackage solvertest is the conformance suite every solver runs.
package solver
