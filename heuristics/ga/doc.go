// Package ga is ordo's genetic algorithm, "ga" in the registry facade
// (package solvers). It is the optimiser of the full model: every schedule it
// considers is built by the placement engine (internal/engine), so
// calendars, setups, materials, operators, alternative machines, fixed
// operations, links, lags and deadlines are honoured by construction, and
// it optimises any objective of the model (model.Objective).
//
// # Chromosome
//
// A chromosome has two parts (Zhang, Gao and Shi 2011):
//
//   - the operation sequence, a permutation with repetition of job indices
//     (Bierwirth 1995): job j appears once per operation of j that is not
//     fixed, and its k-th occurrence stands for its k-th operation to be
//     placed. Every such permutation decodes to a schedule, and crossovers
//     and mutations keep the property without repair;
//   - the machine assignment: for every operation the index of the
//     alternative it runs on (only operations with several alternatives
//     carry information);
//   - on problems with operator pools, the preferred pool of every
//     operator an operation needs (or none): the engine gives the
//     operation an operator of that pool when it has the skill, waiting
//     for one to be free (a strict preference,
//     engine.State.SetStrictOperatorPreference), so that an operation
//     needing a skill two pools share does not take, by starting earlier,
//     the only pool with another skill a later operation needs. Seeds
//     carry the pools of their schedules, which therefore decode to the
//     same times (exactly, for schedules built by appending: the
//     non-delay and active schemes); the local search writes back the
//     pools of its schedules; crossover takes each operation's
//     preferences from one parent; random chromosomes have none.
//
// # Decoding
//
// The engine is compiled once per solve (engine.Compile); each goroutine
// has its own engine State, reset for every decode, which allocates
// nothing. Genes are read left to right: gene j places job j's first
// operation, in a topological order of the job's operations, whose
// predecessors are all placed and which the engine can place (for a DAG
// routing: the job's next ready operation). It goes on its assigned
// alternative at the earliest start EarliestStart returns, its operators
// from their preferred pools (waiting for them); when that admits no
// placement (a deadline, the calendar horizon) the assigned alternative
// with any pool is tried, then the alternative ending first with any
// pool. When no operation of the job
// can be placed now (a material not produced yet, a predecessor in
// another job not placed yet) the gene is deferred, and retried, in order,
// when an event it waits for happens (a production of the material, the
// placement of an operation preceding another job's). Whatever is left
// when the sequence is exhausted is placed in topological order if
// possible. A decode that cannot place every operation (for example a
// deadline made impossible by the order) counts the operations left out
// and ranks below every complete schedule; complete decodes are feasible.
//
// The engine runs in insertion mode by default (Decoder Auto or
// Insertion): each operation goes into the earliest idle gap of its
// machine that holds it, so the decoded schedules are active. The Append
// decoder (semi-active schedules) uses the engine's fast path on plain job
// shops and is about three times faster per decode. The objective is
// computed from the state by a fast evaluation that the tests hold equal to
// schedule.Evaluate.
//
// # Evolution
//
// Each generation keeps Params.Elite best chromosomes and fills the rest of
// the population with children of parents chosen by tournament
// (Params.Tournament). The sequence is recombined by one of two job-based
// order crossovers, chosen at random: POX (precedence operation crossover,
// Zhang, Gao and Shi 2011) splits the jobs into a random non-empty proper
// subset J1 and the rest; the child keeps the genes of J1 at their
// positions in the first parent and takes the other genes in the order of
// the second. JOX (job-based order crossover, Ono, Yamamura and Kobayashi
// 1996) works the same way with J1 the jobs appearing in a random window
// of the first parent, so jobs that are near each other stay together.
// The assignment is recombined uniformly. Children are mutated (always when
// no crossover happened) by a swap of two genes, the insertion of a gene
// elsewhere, or the reassignment of a few operations (to their fastest
// alternative or a random one). The initial population holds the
// schedules of a few dispatching rules, built by package dispatch's Go
// functions (dispatch.WithRule: the default rule, mwkr, atc, ... and
// dispatch.Best,
// the latter limited to 2,000 placements per operation (at least
// 2,000,000; with a work limit, to half of it counted in placements, a
// decode placing every operation) and, under a deadline, to a quarter of the time
// left (half for just-in-time objectives, below)) and turned into
// chromosomes by sorting
// their operations by start, Options.Hint likewise, and random
// chromosomes whose assignments come from global selection, local
// selection (Zhang, Gao and Shi 2011) or chance. When fewer than a quarter
// of the population's fitness values differ, the worse half is replaced by
// random immigrants; after Params.Restart generations without improvement
// everything but the elites is.
//
// # Memetic local search
//
// The best child of each generation (and, for the makespan, each other
// child with probability Params.LocalSearchRate) goes through a local
// search, and the improved chromosome replaces it (Lamarckian); on
// problems of 1,000 genes or more, where children rarely beat the elite
// and decodes are dear, the best of the generation goes instead when no
// child beats it. On the full model the chromosome is first normalized
// (its genes rewritten in the start order of its schedule, so that moves
// act locally, and its pool preferences set to the pools its schedule
// uses), then a descent runs on the critical operations: those ending at
// the makespan (or, for objectives on jobs, the last operation of a
// costly job) and, back from them, every operation ending exactly when a
// critical one starts. Moves put a critical operation before its tight
// machine predecessor (with the genes of its job in between), or that
// predecessor after it, or give a critical operation another alternative;
// for objectives on jobs, a critical operation also moves a random
// distance earlier in the sequence (with its job's genes in between).
// Moves are tried in random order; improving moves and a few moves of equal
// value are kept, up to Params.LocalSearch decodes per call; for
// objectives on jobs the search tries up to eight costly jobs in a row
// without improvement before it stops.
//
// # Just-in-time objectives
//
// Objectives with a weighted_earliness or cost term of positive weight
// (and no stability term) reward finishing no earlier than needed, which
// a forward decode (every operation as early as possible) cannot express.
// For them dispatch.Best, whose guarded builds and right shifts give the
// strong just-in-time plans, seeds with half of the time left (and
// without a work limit of the solve, no placement limit), and its plan is
// offered first, so the GA never returns a worse one. The chromosomes then
// decode (Append decoder unless Params.Decoder says otherwise) on a copy of
// the problem in which every job that the best plan so far finishes in
// time is released at its first start in that plan (late jobs keep their
// releases): the decodes keep its delays. Each decoded plan is
// right-shifted (dispatch.Shifter: dispatch.RightShift's moves, or
// dispatch.RightShiftCost's with a cost term, with the calendars kept from
// one decode to the next) and evaluated by schedule.Evaluate on the
// problem itself; the plan the solve returns is the shifted one when it
// passes schedule.Check (else the decoded one). The local search's job
// costs count earliness too, on the shifted completions, and when the
// costly job it targets is early its moves take the job's operations a
// random distance later in the sequence instead of earlier. Other
// objectives take none of this path.
//
// Each move is evaluated through the engine. On problems of 1,000 genes
// or more the decoder keeps checkpoints (the engine state and its own,
// about every 1/24 of the genes) of the chromosome the search works on,
// and decodes a move from the last checkpoint before the first gene the
// move changes, which gives the same schedule as a full decode (a test
// holds them equal).
//
// On plain job shops with the makespan objective (the problems the tabu
// search of package heuristics/tabu accepts) the local search is that tabu
// search instead (tabu.Improve on a tabu.View built once per solve from the
// compiled problem), started from the machine sequences of the child's
// schedule for Params.TabuWork evaluated moves; its best schedule is read
// back as a chromosome, operations by start (Params.NoTabu turns this
// off): the classic hybrid of a genetic algorithm with tabu search.
//
// # Islands, limits, work and determinism
//
// Options.Workers islands evolve on as many goroutines, each with its own
// population, random source (PCG seeded from Options.Seed and the island
// number) and engine state; every Params.Migration generations each island
// sends a copy of its best chromosome to the next one around a ring, where
// it replaces the worst. Improvements are reported to Options.OnProgress
// on the goroutine that called Solve, strictly improving.
//
// One unit of work is one decode (a chromosome turned into a schedule,
// the local search's included); a tabu search call counts its own work
// units (evaluated moves). Options.WorkLimit is split evenly between the
// islands; a solve with no time limit, no work limit and no deadline on
// its context stops at DefaultWorkLimit. With one worker, a seed and a work
// limit the result is reproducible. The context and the time limit are checked every 32
// decodes (every decode on problems of 2,000 operations or more). The
// result is never worse than the best seeding rule or than a feasible
// Options.Hint, and the returned schedule is checked with schedule.Check
// before it is returned.
//
// # References
//
//   - C. Bierwirth. A generalized permutation approach to job shop
//     scheduling with genetic algorithms. OR Spektrum 17(2-3):87-92, 1995.
//   - I. Kacem, S. Hammadi, P. Borne. Approach by localization and
//     multiobjective evolutionary optimization for flexible job-shop
//     scheduling problems. IEEE Transactions on Systems, Man, and
//     Cybernetics, Part C 32(1):1-13, 2002.
//   - F. Pezzella, G. Morganti, G. Ciaschetti. A genetic algorithm for the
//     flexible job-shop scheduling problem. Computers & Operations Research
//     35(10):3202-3212, 2008.
//   - G. Zhang, L. Gao, Y. Shi. An effective genetic algorithm for the
//     flexible job-shop scheduling problem. Expert Systems with
//     Applications 38(4):3563-3573, 2011.
//   - I. Ono, M. Yamamura, S. Kobayashi. A genetic algorithm for job-shop
//     scheduling problems using job-based order crossover. Proceedings of
//     IEEE ICEC 1996, 547-552.
//   - E. Nowicki, C. Smutnicki. A fast taboo search algorithm for the job
//     shop problem. Management Science 42(6):797-813, 1996 (the tabu search
//     used as local search on plain job shops).
package ga
