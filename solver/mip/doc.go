// Package mip solves scheduling problems through a mixed-integer linear
// program: the disjunctive formulation of Manne (1960), extended to the
// features of ordo's model, written in a solver-neutral form (package lp)
// and solved by one of several backends, or exported as a CPLEX LP or free
// MPS file for any other MIP solver.
//
// It registers these solvers:
//
//	mip          the best available backend: the CBC binding (build tag
//	             cbc), else the lp_solve binding (build tag lpsolve), else
//	             cbc, glpsol or lp_solve found on PATH
//	mip:exec     cbc, glpsol or lp_solve found on PATH (solver/mip/execsolver)
//	mip:cbc      CBC in-process (solver/mip/cbc, build tag cbc)
//	mip:lpsolve  lp_solve 5.5 in-process (solver/mip/lpsolve, build tag lpsolve)
//
// Every name is always in the registry facade (package solvers); a backend
// that is not available returns an error wrapping lp.ErrUnavailable ("built
// without the cbc tag"). What the formulation cannot express (Limits) is
// refused before any work (Supports, the Spec's Check), except the number
// of non-working intervals, which Build finds. Options.WorkLimit is a
// node limit of the branch-and-bound (CBC honours it).
//
// # Formulation
//
// Operations o (operation k of job j) have start variables S_o; an
// operation with several alternative machines has assignment binaries X_om
// with sum_m X_om = 1 and processing time p_o = sum_m p_om X_om (a single
// alternative is a constant). For every pair of operations a < b that may
// share a machine one order binary Y_ab (1: a before b) serves all shared
// machines m; with s_abm the sequence-dependent setup from a's family to
// b's on m:
//
//	S_a + p_am + s_abm - S_b <= M_ab (1 - Y_ab) + M_ab (1 - X_am) + M_ab (1 - X_bm)
//	S_b + p_bm + s_bam - S_a <= M_ba Y_ab       + M_ba (1 - X_am) + M_ba (1 - X_bm)
//
// (X terms only for operations with alternatives). The big-M constants are
// tightened per pair and machine from time windows [ES_o, LE_o]:
// M_ab = (LE_a - pmin_a) + p_am + s_abm - ES_b, the largest value the left
// side can take; a constraint with M <= 0 is dropped, and Y_ab is fixed when
// one order cannot fit in the windows or contradicts a precedence path.
// Windows come from heads and tails along the precedence arcs, releases,
// deadlines and an upper bound: with a feasible hint schedule of objective
// UB (Options.Hint, else Solver.HintSolver, by default dispatch.Best, else
// a built-in greedy; with a time limit of 30 s or more
// Solver.HintImprover, by default the tabu search, improves it first for a
// tenth of the limit when it supports the problem), every
// job's completion is bounded (C_j <= UB for makespan,
// C_j <= due_j + UB/w_j for weighted tardiness, C_j <= due_j + UB for max
// lateness, C_j <= due_j + UB/lateness cost per tick for cost, and a
// flow-time analogue); without one, by the horizon H of left-shifted
// schedules (latest release or fixed end plus all processing, setups and
// lags, extended past machine downtime). When the objective rewards
// finishing later (weighted earliness, or cost with a holding cost), the
// latest due date joins the releases and fixed ends in H: an optimum may
// wait for the due dates, but what starts after the latest one can be
// left-shifted towards it without raising any term. When the objective is
// integral the model asks for an objective of at most UB - 1 (an
// infeasible model then proves the hint optimal); otherwise the hint is
// passed as a warm start to backends that accept one (CBC).
//
// Precedence arcs (sequence routings with MinLag, After links inside and
// across jobs): S_to >= S_from + p_from + lag. Release: S_o >= r_j.
// Deadlines: S_o + p_o <= d_j. First setup: S_o >= Initial_m X_om. Fixed
// operations have S fixed and are ordered against the others like any
// operation. Machine non-working time over the horizon (calendar gaps and
// downtime) becomes blocking intervals [B_s, B_e): for operation o on m a
// binary Z (1: before the block)
//
//	S_o + p_om - B_s <= M (1 - Z) + M (1 - X_om)
//	B_e - S_o        <= M Z       + M (1 - X_om)
//
// with the side fixed when only one fits.
//
// Objective terms (all minimised, weights w >= 0): C_max >= S_o + p_o;
// C_j >= S_o + p_o for the operations of j; T_j >= C_j - due_j, T_j >= 0
// (weighted tardiness sum w_j T_j); E_j >= due_j - C_j, E_j >= 0 (weighted
// earliness sum w_j E_j); L_max >= C_j - due_j; U_j binary with
// C_j - due_j <= M_j U_j (late jobs); flow time sum_j C_j - r_j. Only the
// operations whose end is not implied by a successor's in the job (the
// job's sinks) get a completion row. Earliness rewards a larger C_j, so
// for a job with an E_j the completion is also bounded from above: with
// one sink k, C_j <= S_k + p_k; with several, binaries F_jk (sum_k F_jk =
// 1) pick the one that ends last, C_j <= S_k + p_k + M_k (1 - F_jk). The
// starts then are the solver's, not left-shifted ones: Extract keeps them.
// E_j is continuous (with the binaries fixed the rest is a network
// problem with integral vertices, so the optimum is integral anyway).
//
// The cost objective (schedule.ComputeCosts) is linear where the
// formulation accepts it: the machine time of operation o on m costs
// cost_per_hour_m x p_om (a constant with one alternative, on X_om
// otherwise; a fixed operation's whole fixed time, setup included, is a
// constant), the lateness and holding costs per day are coefficients of
// T_j and E_j (per tick: a day is 1440 ticks for unitless problems).
// Weighted tardiness and earliness terms add to the same T_j and E_j.
//
// Before the model is written, the windows are narrowed by constraint
// propagation, which only removes infeasible schedules: heads and tails
// along the precedence arcs and around blocking intervals, the disjunctive
// rule on pairs that must share a machine (when only one order fits, the
// windows follow it), overload checking and edge finding on task intervals
// (Carlier and Pinson 1989; Caseau and Laburthe 1994), repeated to a
// fixpoint, then shaving (Martin and Shmoys 1996): the start of an
// operation is restricted to half its window, and the half is removed when
// propagation refutes it (problems of at most MaxShaveOps operations, and
// at most ShaveWork elementary steps, so that the work is bounded and
// deterministic). BuildOptions.Context stops all of it early: the
// formulation is then valid, only looser. An empty window proves that no
// schedule better than the hint exists.
//
// Two families of valid inequalities strengthen the relaxation: the
// one-machine preemptive bound (Jackson's rule with heads and tails,
// Carlier 1982) is the lower bound of C_max, and for every machine m and
// operation i that must run on it the linearised one-machine bounds
//
//	S_i   >= min_{o in J_m} ES_o + sum_{o != i} p_o [o before i]
//	C_max >= S_i + p_i + sum_{o != i} p_o [i before o] + min_{o in J_m} q_o
//
// where [o before i] is Y or 1 - Y and q the tails.
//
// # Propagation in the tree
//
// For makespan objectives the same propagation also runs at the nodes of
// the backend's branch-and-bound tree, for backends that accept a cut
// generator (CBC; see Formulation.Propagator and lp.CutGenerator): from the
// order and assignment binaries fixed by branching, the node's bounds on
// the starts and on C_max, and C_max <= incumbent - 1 (only shorter
// schedules matter), heads and tails are propagated along the precedence
// arcs and the fixed machine orders, the disjunctive rule fixes further
// order binaries, and edge finding narrows the windows, to a fixpoint. An
// empty window prunes the node; otherwise (also when the node's work limit
// is spent, or BuildOptions.Context is done) the narrowed start bounds, fixed
// binaries and the bound C_max >= max_o (ES_o + p_o) that the node's LP
// solution violates are added as cuts. The big-M relaxation alone is weak:
// CBC did not prove la04 optimal in 60 s without it; with it the proof
// takes about a second, and CBC alone (no heuristic hint) proves la01-la05
// in under 10 s each. For the other objectives it is off: it needs CBC's
// preprocessing off, which costs them more than the propagation gains.
//
// # Restrictions
//
// Build returns an error wrapping solver.ErrUnsupported naming the feature
// for: materials; operators; resumable operations on a machine with a
// calendar or downtime; more than MaxBlocks non-working intervals of one
// machine over the horizon; a machine with both setups and a calendar or
// downtime; setup matrices violating the triangle inequality
// s(f,h) <= s(f,g) + pmin(g) + s(g,h) (pairwise separation is exact only
// then); release dates on operations that can need a setup; negative
// objective weights; for the cost objective, night or weekend premiums
// (time-dependent rates), overtime windows, an hourly cost on a machine
// with sequence-dependent setups (the setup time depends on the sequence)
// and a setup change cost on a machine that can run several setup families
// (the Manne order binaries do not say which operations are adjacent). When the chain bound of left-shifted schedules does
// not converge under calendars, the horizon is Problem.PlanningHorizon.
//
// # Variable names
//
// Files written by Export, WriteLP and WriteMPS use these names, with j the
// index of the job in Problem.Jobs, k of the operation in the job, m of the
// machine in Problem.Machines (so that a solution can be read back):
//
//	S_j_k          start of operation k of job j (continuous)
//	X_j_k_m        1 when operation j,k runs on machine m (only with alternatives)
//	Y_j1_k1_j2_k2  1 when operation j1,k1 precedes j2,k2 on their machine
//	Z_j_k_m_i      1 when operation j,k ends before the i-th blocking interval of m
//	C_j            completion of job j
//	C_max          makespan
//	T_j            tardiness of job j
//	E_j            earliness of job j
//	F_j_k          1 when operation j,k ends last in job j (jobs with E_j and several sinks)
//	U_j            1 when job j is late
//	L_max          maximum lateness
//	OBJ_CONST      fixed at 1, carries the objective constant (flow time)
//
// The machine of operation j,k is the one with X_j_k_m = 1 (its only
// alternative otherwise), its start S_j_k rounded to the nearest tick, its
// end the start plus the processing time on that machine, and its setup
// start follows from the machine sequence in start order.
//
// # Results
//
// Solve extracts the schedule from the backend's solution and verifies it
// with schedule.Verify; Status is Optimal only when the backend proved
// optimality (or its bound meets the objective), Bound is the backend's
// best bound (rounded up when the objective is integral), and on a time
// limit the better of the backend's incumbent and the hint is returned.
// The lp_solve backends run without MIP gaps and without the minimum
// objective improvement lp_solve would assume (which made it report its
// first integer solution as optimal): see solver/mip/lpsolve and
// solver/mip/execsolver. The tests compare every backend, with and
// without a hint, with exhaustive enumeration on small problems, and
// check that every bound reported is at most the optimum.
//
// # References
//
// A. S. Manne, On the job-shop scheduling problem, Operations Research
// 8(2):219-223, 1960.
//
// J. Carlier, The one-machine sequencing problem, European Journal of
// Operational Research 11(1):42-47, 1982.
//
// J. Carlier and E. Pinson, An algorithm for solving the job-shop problem,
// Management Science 35(2):164-176, 1989.
//
// Y. Caseau and F. Laburthe, Improved CLP scheduling with task intervals,
// Proceedings of ICLP 1994, 369-383.
//
// P. Martin and D. B. Shmoys, A new approach to computing optimal schedules
// for the job-shop scheduling problem, IPCO 1996, LNCS 1084:389-403.
//
// W.-Y. Ku and J. C. Beck, Mixed integer programming models for job shop
// scheduling: a computational analysis, Computers & Operations Research
// 73:165-173, 2016.
package mip
