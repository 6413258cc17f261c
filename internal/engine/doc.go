// Package engine is the one placement engine of ordo: the heuristics that
// build schedules (the dispatching rules and the genetic algorithm's
// decoder) place every operation through it, so each constraint of the
// model is implemented once.
//
// # Compiled problem
//
// Compile turns a model.Problem into a Compiled: dense int32/int64 slices
// indexed by operation (numbered globally, job by job), machine, material
// and operator pool, the indices being those of model.Problem.NewIndex
// (kept as Compiled.Index) and the precedence arcs those of
// model.Problem.Arcs. Other solvers take their views of the problem from a
// Compiled (the tabu search its disjunctive graph, see
// heuristics/tabu.NewView). Per operation: job, alternatives (machine, processing
// time for the job's quantity), predecessor and successor arcs with lags
// (CSR), release and latest end (the job's deadline, tightened backwards
// through fixed successors), setup family, resumable flag, material
// consumption and production, operator needs. Per machine: working time as
// a breakpoint Calendar (nil when always available, so a plain job shop
// pays nothing), its setup table (a dense family x family matrix). Per
// material: the base events (initial stock at tick 0, receipts). Per
// operator pool: capacity, skills, calendar. Flags records which features
// the problem uses; the placement code skips the others. Calendars are
// expanded once per calendar (model.Problem.CalendarIntervals) over
// model.Problem.PlanningHorizon.
//
// A Compiled is read-only: share it between goroutines, each with its own
// State (Compiled.NewState).
//
// # State, EarliestStart and Commit
//
// A State is a partial schedule: for each machine the sequence of its
// operations in start order, for each operation its times, for each
// material its stock profile, for each operator pool its usage profile.
// Reset empties it without allocating and commits the fixed operations at
// their frozen times (they are facts: calendars and releases are not
// applied to them).
//
// EarliestStart(o, alt, t) returns the earliest feasible placement of
// operation o on its alternative alt starting at or after max(t, release,
// every predecessor's end + lag), given what is committed:
//
//   - Machine. In append mode (the default) o goes after the last
//     operation the builder placed on the machine (it may still use gaps
//     between later fixed operations); in insertion mode (SetInsertion)
//     into the earliest idle gap that holds o's setup and processing and
//     leaves room for the (possibly changed) setup of the operation that
//     follows. Operations already committed never move; only the setup
//     start of the follower changes.
//   - Setups. The setup before o is the machine's table entry from the
//     family of the operation before it (the initial setup when first). It
//     occupies the machine over [SetupStart, Start) and needs machine
//     working time only; it may run before o's predecessors end, not
//     before the job's release.
//   - Calendars. A non-resumable operation and its setup lie inside one
//     working window of the machine, and the operation inside one window
//     of every operator pool it uses. A resumable operation starts on a
//     working tick of its effective calendar (machine working time
//     intersected with its pools' calendars) and ends once it has received
//     its processing time in working ticks of that calendar; its setup
//     takes the last working ticks of the machine before its start.
//     The operators of a resumable operation are drawn from pools sharing
//     one calendar (pools without a calendar form a class of their own);
//     each class is tried and the earliest end kept.
//   - Materials. Consumption happens at the start, production at the end,
//     receipts at their dates, the initial stock at tick 0. o may start at
//     t only if consuming its quantities at t leaves every material's
//     stock non-negative at t and at every later time, given all events
//     already committed (later consumptions included). When no time works
//     (the committed supply is too small) the placement fails with reason
//     Material: a production committed later may unblock it.
//   - Operators. For each need (skill, count) the operators come from
//     pools that have the skill, are working over the operation (see
//     calendars) and have free capacity over [Start, End); a small
//     augmenting-path matching assigns them, each operator to its
//     preferred pool when one is set (State.SetOperatorPreference) and
//     that pool has the skill and an operator free, otherwise pools by
//     increasing index. Operators are held over [Start, End), not during
//     the setup.
//   - Deadlines. The placement fails (reason Deadline) when o would end
//     after its latest end; no later start ends earlier.
//
// These constraints interact (a material arrives, the operator is busy,
// the shift closes), so EarliestStart iterates: machine placement at the
// current lower bound, then the materials' earliest time, then the
// operators' next possible time, raising the bound until all agree. Each
// step only moves forward to a time at which the answer may change (a
// stock event, a usage breakpoint, a window start), so the result is the
// earliest start in the chosen gap order. The schedule produced is exactly
// what schedule.Check accepts.
//
// Commit(o, pl) records a placement returned by EarliestStart on the same
// state: it inserts o in the machine sequence (updating the follower's
// setup start), adds its stock events and operator usage (re-deriving the
// same pools), and raises its successors' ready times.
//
// # Fast path
//
// When the problem uses no calendars, setups, materials, operators or
// fixed operations and the state is in append mode (Flags.Plain), the
// earliest start is max(t, ready(o), machine end) and Commit appends: a
// few loads and stores, no allocation. Local search and genetic decoders
// on benchmark instances run through this path.
package engine
