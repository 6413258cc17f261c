// Package tabu is a tabu search for the job-shop makespan on the
// disjunctive graph, "tabu" in the registry facade (package solvers).
//
// It follows the line of TSAB and i-TSAB (Nowicki & Smutnicki 1996, 2005)
// and of TS/PR (Peng, Lu & Cheng 2015): a tabu search over machine
// permutations with a critical-path neighbourhood, fast approximate move
// evaluation, a back-jump list of elite solutions and path relinking
// between elite solutions.
//
// # Supported problems
//
// The classic job shop: every job a Sequence routing, every operation one
// alternative machine, no setups, calendars, materials, operators, links,
// lags or deadlines, with optional release dates (heads), due dates (which
// do not matter for the makespan and are accepted) and fixed operations.
// The objective must be makespan. Anything else gives an error wrapping
// solver.ErrUnsupported that names the feature.
//
// Fixed operations are kept at their frozen placement: on each machine they
// are pinned at the front of the sequence, in start order, with their frozen
// start as head, and no move touches them. The other operations of that
// machine therefore run after the last fixed one (a schedule that puts free
// work into idle time before a frozen operation is not explored). A fixed
// operation must not follow a non-fixed operation of its job
// (ErrUnsupported otherwise): frozen work is a prefix of its job.
//
// # Representation
//
// The search works on a View of the problem (NewView), built from the
// engine's compiled problem (internal/engine.Compiled, whose operation
// numbering, machines and durations it shares): dense int32/int64 slices,
// operations numbered job by job, with job predecessor and successor,
// machine and duration. A solution is one permutation per machine, kept as
// flat machine sequences (View.Sequence). Heads (earliest starts) and tails
// (longest path from an operation's end to the sink) are computed along a
// topological order of the selection. After an accepted move only the
// topological positions spanned by the moved segment can be out of order:
// that region is re-sorted (Kahn's algorithm restricted to it), heads are
// recomputed forward from its first position and tails backward from its
// last. The build tag tabudebug re-checks every accepted move against a full
// recomputation (heads, tails, makespan, links, hash, topological order) and
// panics on a difference:
//
//	go test -tags tabudebug ./heuristics/tabu
//
// # Neighbourhood and move evaluation
//
// One critical path is traced back from an operation ending at the makespan
// (choosing at random between a machine and a job arc when both are
// critical) and cut into critical blocks. The neighbourhood
// is N7 (Zhang, Li, Guan & Rao 2007): an inner operation of a block moved to
// its front or its end, the first operation moved after any other one of the
// block, the last before any other; this contains N5/N6 (Nowicki &
// Smutnicki 1996; Balas & Vazacopoulos 1998). In the first block of an
// instance without release dates or fixed operations only moves that change
// the block's last operation are generated, in the last block only those
// that change its first operation: the others cannot shorten the path.
// Moves are kept only when the sufficient acyclicity conditions of Balas &
// Vazacopoulos hold (head of the job predecessor below the end of the
// target, resp. tail of the job successor below the tail of the target).
// Each move is evaluated by the Balas-Vazacopoulos estimate: heads and
// tails of the moved segment are recomputed assuming all others unchanged,
// and the estimate is the longest path through the segment.
//
// # Tabu search
//
// The attributes are machine arcs: a move that reverses arcs (a before b)
// forbids re-creating them for a random tenure in [L, 1.5L+1], L = 10 + n/m
// (n jobs, m machines), as in Zhang et al. A move is tabu when it would
// re-create a forbidden arc, unless its estimate beats the best makespan
// (aspiration). The best non-tabu move is taken (ties at random); when all
// are tabu, the best tabu move. A position hash of the permutations, updated
// in O(segment), detects cycles over a window of 64 iterations.
//
// # Back jumps, path relinking and workers
//
// Each walk keeps the TSAB back-jump list (5 entries): every new best
// solution of the walk is stored with its untried moves. After
// Params.Stagnation iterations without improvement (default ops²/15 for
// ops operations, clamped to [2500, 40000]: longer walks pay on large
// instances), or when
// a cycle is detected, the walk jumps back to the most recent entry, takes
// its best untried move and continues with an empty tabu list. When the list
// is empty, or after Params.MaxJumps back jumps (default 10), the walk ends
// and its best solution is offered to a shared pool of elite solutions
// (Params.PoolSize, default 10). A full pool drops its least good member,
// goodness mixing quality and distance to the nearest other member (TS/PR's
// pool update). When the walk's best entered the pool, the next walk starts
// from a solution on the path from one random pool solution towards another
// (path relinking as in TS/PR: on a random machine where the permutations
// differ, the operation the guide has at the first differing position is
// inserted there, unless that creates a cycle), a quarter to a half of the
// way. Otherwise (the walk ended on a known solution, or the pool has fewer
// than two members) it starts from the walk's best perturbed by random
// neighbourhood moves, their number doubling with each such walk in a row.
//
// Options.Workers goroutines run such walks with their own seeds and share
// the best solution and the pool. Progress is reported from the goroutine
// that called Solve, strictly improving.
//
// # Entries
//
// Solve is the solver of the registry: it builds the start solution (see
// below) and calls Improve. Improve is the search itself on a View, from a
// selection, for a caller that already holds the compiled problem and a
// solution, without schedule conversions: the genetic algorithm of
// heuristics/ga uses it as its local search on job shops.
//
// # Start, limits, work and determinism
//
// The search starts from Options.Hint when it is a feasible schedule (and
// never returns a worse one), otherwise from the better of dispatch.Best
// (every dispatching rule and scheme) and a built-in non-delay
// most-work-remaining rule. It stops when the makespan reaches the trivial
// lower bound (max over machines of the smallest head plus the machine's
// work, max over jobs of release plus work; Result.Bound), and the status is
// then Optimal; on the time limit, the context, or the work limit.
//
// One unit of work is one evaluated move (an iteration that evaluates none
// counts one, a path-relinking insertion counts one). With one worker, a
// Seed and a WorkLimit the result is reproducible. When a call sets no time
// limit, no work limit and the context has no deadline, DefaultWorkLimit
// applies. The time limit and the context are checked every 64 iterations.
//
// # References
//
//   - E. Nowicki, C. Smutnicki. A fast taboo search algorithm for the job
//     shop problem. Management Science 42(6):797-813, 1996.
//   - E. Nowicki, C. Smutnicki. An advanced tabu search algorithm for the job
//     shop problem. Journal of Scheduling 8:145-159, 2005.
//   - E. Balas, A. Vazacopoulos. Guided local search with shifting
//     bottleneck for job shop scheduling. Management Science 44(2):262-275,
//     1998.
//   - C.Y. Zhang, P. Li, Z. Guan, Y. Rao. A tabu search algorithm with a new
//     neighborhood structure for the job shop scheduling problem. Computers
//     & Operations Research 34(11):3229-3242, 2007.
//   - B. Peng, Z. Lü, T.C.E. Cheng. A tabu search/path relinking algorithm to
//     solve the job shop scheduling problem. Computers & Operations Research
//     53:154-164, 2015.
package tabu
