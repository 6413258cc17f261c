// Package plan makes a schedule a living thing: a Plan is a problem, the
// schedule published for it, what really happened on the shop floor
// (actuals) and the time now. Events (an operation started late, a
// machine broke, a delivery slipped, a rush order arrived) change a plan;
// replanning answers them with a feasible plan that moves as little as
// possible of what the teams were told, and says what changed.
//
// # Events
//
// Events are built in Go (Started, Breakdown, OrderAdded, ...) or read
// from JSON by ParseEvents: {"now": T, "events": [...]}, each event an
// object with a "type" and the fields of its type (schema/events.schema.json):
//
//	started          {job, op, machine, at}
//	completed        {job, op, at}
//	progress         {job, op, done_quantity, at}
//	breakdown        {machine, start, end}       end = expected repair
//	repaired         {machine, at}
//	order_added      {job}                       a job object as in the problem
//	order_cancelled  {job}
//	due_changed      {job, due}
//	priority_changed {job, weight}
//	receipt_changed  {material, at, to, quantity}
//	operators_absent {pool, count, start, end}
//	calendar_changed {machine or pool, add or remove: [{start, end}]}
//
// Times are ISO-8601 datetimes with an offset, or tick numbers (the only
// form for unitless problems); op is the operation's id or its 0-based
// index in the job.
//
// # Apply
//
// Apply turns a plan and its events into the new plan's problem, all or
// nothing: an event that contradicts the plan or the problem is an error
// naming the event's index and field (events[3].machine: unknown machine
// "M9"), and nothing changes. In the new problem, every operation that
// ran (history) or runs at now is fixed at its real place, with its real
// duration (history no longer needs operators: they have gone home);
// jobs are released no earlier than now, so that nothing new is
// scheduled in the past; a breakdown is machine downtime; progress
// reduces an operation's remaining work (its setup done, the remaining
// quantity at its run rate).
//
// # Repair
//
// Repair keeps the old sequence on every machine and re-places, through
// the placement engine, only what the events touched and what they push
// (affected-operations rescheduling, Abumaizar & Svestka 1997): an
// operation untouched keeps its machine and its times; one pushed by a
// breakdown or a late predecessor moves right, as little as the
// constraints allow. New orders go into the earliest gaps that hold them.
//
// # Re-optimisation with stability
//
// Reoptimize hands the new problem to a solver with the old plan as
// solver.Options.Reference and the repair as the hint: the solver (dispatch
// and ga support it) minimises the objective plus solver.Stability's
// penalty, which charges every operation that changes machine and every
// tick a start moves, a hundred times more (by default) for operations
// the old plan started inside the frozen horizon (by default the rest of
// now's day, DefaultFrozenEnd). The user chooses the trade-off through
// the weights.
//
// # Diff
//
// Compare tells what changed between the old plan and the new one:
// operations moved (how far, which changed machine), orders newly late or
// no longer late, the objective and key figures before and after.
//
// # Simulation
//
// Simulate runs a plan forward under seeded disruptions (breakdowns with a
// mean time between failures and to repair, durations that vary, late
// receipts, rush orders), replanning at every event or at every shift
// start (Cadence) by each Policy (repair, which is the right shift;
// re-optimisation with stability; full reschedule), and reports
// what the shop floor realised (weighted tardiness, late orders), the
// plan's nervousness (operations moved per replan, how far) and the time
// spent replanning: the predictive-reactive scheduling of Vieira,
// Herrmann & Lin (2003).
//
// # Campaign
//
// Scenario draws a realistic disruption set for a published plan (a busy
// machine breaks for hours, operations started late, receipts slip, rush
// orders arrive, at some now), and RunScenario answers it by several
// CampaignPolicy values (repair, re-optimisation with stability, full
// reschedule), measuring the objective, the operations moved and the
// time: the campaign of ordo replan-campaign (docs/replanning.md).
package plan
