// Package schedule holds the answer to a scheduling problem: assignments of
// operations to machines and times, its JSON form, the objectives and KPIs
// (makespan, weighted tardiness, lateness, flow time, utilisation), and
// Check, the independent feasibility oracle every solver's output is held
// against.
//
// Check is deliberately slow and obvious: it re-derives every constraint of
// the model from the Problem alone and never uses the placement engine.
package schedule
