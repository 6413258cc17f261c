// Package solvers is the registry facade: every ordo solver by name, for
// the CLI, the benchmark runner and the service, which select solvers by
// string ("dispatch:atc", "tabu", "ga", "mip:cbc").
//
// The table in this package lists each solver with its constructor; its
// name, description, supported model features and objectives, and the
// limits it checks beyond them come from the solver itself (its Spec
// method, the same solver.Spec that its Solve hands to solver.Run), so
// that what `ordo solve --list` says is what the solver checks. Importing
// this package is the one import that links every solver; solvers never
// use it to reach each other (they call each other's Go functions).
//
// Register adds a solver under a new name (a program's own solver, a test
// double); the built-in table cannot be overridden.
package solvers
