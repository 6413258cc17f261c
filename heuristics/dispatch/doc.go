// Package dispatch builds schedules with priority dispatching rules: the
// fastest way to a good, feasible plan, and the start of every improvement
// heuristic. It supports every model feature (alternatives, calendars,
// setups, materials, operators, fixed operations, deadlines) because it
// places every operation through the placement engine (internal/engine).
//
// # Schedule generation schemes
//
// A build repeats: form a conflict set of schedulable operations (those
// whose predecessors are placed), pick one with the priority rule, place
// it at its earliest feasible start. Before the rule compares operations,
// a machine-selection rule picks each operation's alternative (by default
// the one on which it completes earliest).
//
//   - NonDelay: s* is the smallest earliest start of any schedulable
//     operation; the conflict set is every operation that can start at s*.
//     No machine is kept idle when an operation could run on it.
//   - Active (Giffler and Thompson 1960): c* is the smallest earliest
//     completion, reached by operation o* on machine M*; the conflict set is
//     every operation on M* that can start before c* (o* included). With
//     Config.Insertion the engine also fills earlier idle gaps.
//   - Serial: list generation; the conflict set is every schedulable
//     operation, the rule alone decides the order, and the chosen operation
//     goes to its earliest start (with Config.Insertion, in the earliest
//     gap that fits).
//
// The schemes are implemented with a lazy heap keyed by a lower bound of
// each operation's earliest start (placements only move later as the
// schedule fills, except when a production unblocks a consumer or a setup
// table breaks the triangle inequality, and those keys are lowered), so a
// step evaluates only the operations that may belong to the conflict set.
// The conflict sets are exactly those of the definitions.
//
// # Rules
//
// A Rule scores a candidate of the conflict set through a View (decision
// time, the candidate's job, processing time, earliest start and end,
// ready time, due date, weight, remaining work and operations, setup time
// on its machine); the lowest
// score wins and ties go to the lowest job index. A job without a due date
// but with a hard deadline is ranked by its deadline; remaining work
// counts each unplaced operation of the job on its fastest alternative. Built in: FIFO, SPT, LPT,
// EDD, MS (minimum slack), CR (critical ratio), MWKR, LWKR, MOPNR, WSPT,
// ATC (apparent tardiness cost, Vepsalainen and Morton 1987, look-ahead k),
// ATCS (ATC with a discount for sequence-dependent setups, Lee, Bhaskaran
// and Pinedo 1997: it keeps a loaded machine on one setup family while
// urgency allows), COVERT (cost over time, Carroll 1965) and Random
// (seeded). Any Go
// function of type Rule works too; see the example.
//
// # Classic mode
//
// Classic reproduces the textbook definitions of the published rule
// comparisons exactly (append only, est = max(job ready, machine ready),
// lowest job index on ties): the test suite reproduces all 1944 makespans
// of pdr_reference_makespans.csv (embedded in package instance).
//
// # Solvers
//
// The registry facade (package solvers) names them "dispatch" (the rule
// suited to the objective:
// MWKR for makespan, ATC for weighted tardiness, EDD for maximum lateness,
// MS for late jobs, SPT for flow time; non-delay), "dispatch:<rule>" for
// each built-in rule, and "dispatch:best", which tries every rule with the
// non-delay, active, active-with-insertion and serial-with-insertion
// schemes (and a few look-ahead variants of ATC and ATCS) and keeps the
// best schedule for the objective; the objective's own rule and its kin
// go first, so that a run stopped early has tried the likeliest. In Go,
// dispatch.Best and dispatch.WithRule build the same schedules.
//
// # References
//
//   - B. Giffler and G. L. Thompson, "Algorithms for solving
//     production-scheduling problems", Operations Research 8(4):487-503,
//     1960.
//   - A. P. J. Vepsalainen and T. E. Morton, "Priority rules for job shops
//     with weighted tardiness costs", Management Science 33(8):1035-1047,
//     1987.
//   - Y. H. Lee, K. Bhaskaran and M. Pinedo, "A heuristic to minimize the
//     total weighted tardiness with sequence-dependent setups", IIE
//     Transactions 29(1):45-52, 1997.
//   - D. C. Carroll, "Heuristic sequencing of single and multiple
//     component jobs", PhD thesis, MIT, 1965.
//   - S. S. Panwalkar and W. Iskander, "A survey of scheduling rules",
//     Operations Research 25(1):45-61, 1977 (FIFO, SPT, MWKR and the other
//     classic rules).
package dispatch
