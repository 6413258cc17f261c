// Package explain answers a planner's two "why" questions about a plan:
// why is this order late (Late), and why can no feasible plan exist
// (Infeasible).
//
// Late works from the problem and the schedule alone, like schedule.Check:
// it does not use the placement engine, so it explains any plan, including
// one made by another tool. For each late order it walks the chain of
// binding constraints back from the order's completion: every operation's
// start is held by its predecessor's end (plus lag), by its release, or by
// a wait that is classified tick by tick (the machine busy with other
// orders, a closed calendar, a holiday, a downtime, a setup, a material
// receipt, an operator pool busy or off shift). The waits are summarised as
// time per cause and resource, and they add up exactly to the lateness
// (see Order for the precise accounting).
//
// Infeasible looks for small sets of conflicting constraints of a problem,
// named by their paths in the problem (jobs[3].deadline, materials[0]), each
// with what would remove the conflict. It uses relaxations (each job alone
// on the calendars, the energy each machine must deliver inside the jobs'
// windows), so every conflict it reports is real, but it can miss some: it
// returns nil when it finds none.
//
// The package lives beside report rather than inside it: report renders
// pages (HTML, CSV) from plans, while explain is a second analysis engine
// with its own precomputed indexes; keeping them apart keeps report a thin
// presentation layer that can call explain.
package explain
