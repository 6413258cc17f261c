// Package schedule holds the answer to a scheduling problem: assignments of
// operations to machines and times, its JSON form, the objectives and KPIs
// (makespan, weighted tardiness, lateness, flow time, utilisation), and
// Check, the independent feasibility oracle every solver's output is held
// against.
//
// # Schedules
//
// A Schedule is a list of Assignments, one per operation, naming jobs,
// operations, machines and operator pools by their index in the
// model.Problem. Clone and Sort help comparing schedules.
//
// # Objectives and KPIs
//
// Evaluate computes an objective (a weighted sum of model.Criterion) exactly
// as solvers must report it; ComputeKPIs adds per-job completion, lateness
// and tardiness and per-machine busy, setup and working time and
// utilisation over the machine's working time.
//
// # Checking
//
// Check re-derives every constraint of the model from the Problem alone and
// never uses the placement engine of the solvers: it is deliberately
// obvious. It returns typed Violations (Kind: Missing, Duplicate,
// UnknownOperation, BadMachine, BadTimes, Duration, Precedence, Overlap,
// Setup, Calendar, Horizon, Release, Deadline, Material, OperatorCount,
// OperatorSkill, OperatorCapacity, Fixed, Model), each located by a path
// ("assignments[4]", "jobs[2].operations[1]", "materials[0]") and explained
// by a plain sentence naming the IDs and times involved. Verify wraps Check
// as an error. Check is O(n log n) and expands each calendar once: a
// schedule of 80,000 operations with calendars is checked in well under a
// second.
//
// # JSON
//
// Document is the result JSON of schema/result.schema.json: solver,
// status, objective, makespan, bound, elapsed time, KPIs and assignments
// naming jobs, machines and operator pools by ID, with ISO-8601 datetimes
// beside the ticks when the problem has an epoch. NewDocument builds one;
// ParseDocument reads one tolerantly (a schedule written by another tool
// with only job, op, machine, start and end is accepted) and reports errors
// with a line and column; Document.Schedule resolves the IDs against a
// problem, reporting unknown ones by path.
package schedule
