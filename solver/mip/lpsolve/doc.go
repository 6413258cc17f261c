// Package lpsolve is the lp.Backend that solves models in-process with
// lp_solve 5.5, by the project's own cgo binding to lp_lib.h.
//
// The binding is compiled only with the build tag lpsolve (go build -tags
// lpsolve) and needs the lp_solve development files (Debian:
// liblpsolve55-dev, headers in /usr/include/lpsolve). Without the tag the
// package still builds: Available reports false and Solve returns an error
// wrapping lp.ErrUnavailable.
//
// lp_solve has no MIP warm start and reports no best bound except at
// optimality (Solution.Bound is NaN otherwise). Cancelling ctx stops the
// solve through lp_solve's abort callback (put_abortfunc).
//
// # Settings
//
// An Optimal status must mean optimal, so the binding changes two of
// lp_solve's defaults:
//
//   - The minimum objective improvement. Before branch and bound, solve()
//     derives from the objective the least amount by which an integer
//     solution can improve on another (MIP_stepOF, stored in the model's
//     bb_deltaOF; there is no parameter for it) and then prunes every node
//     whose relaxation cannot beat the incumbent by that much. The estimate
//     is not safe: with a continuous objective column that appears in no
//     constraint (a fixed column carrying an objective constant, as the
//     LP and MPS writers emit) it is 1e30, so lp_solve keeps its first
//     incumbent and reports it as optimal (late_jobs 2 instead of 1 and
//     flow_time 25 instead of 24 on the tiny test cases of solver/mip);
//     with fractional objective coefficients on integer columns it can
//     exceed the true step. The abort callback, which lp_solve calls
//     after that estimate and before the first node, sets bb_deltaOF to 0:
//     nodes are pruned only when their relaxation is no better than the
//     incumbent. (The formulation's cutoff, objective <= hint - 1 when the
//     objective is integral, gives the exact step where it is known.)
//   - The MIP gaps. lp_solve's absolute and relative gaps (set_mip_gap,
//     1e-11 and 1e-9 by default) let it stop within that distance of the
//     best bound; both are set to 0, so that the bound it implies at
//     optimality (the objective) is a lower bound.
//
// The integrality tolerance stays lp_solve's default, 1e-7 (set_epsint):
// a binary within 1e-7 of 0 or 1 relaxes a big-M constraint by M x 1e-7,
// well below a tick for the formulation's M (time windows, under 10^6
// ticks), and Extract rounds the starts to ticks; the completions are
// integer columns, so a late job cannot pass for on time (U_j >= 1/M).
// Scaling, improve and the branching rules stay lp_solve's defaults
// (geometric scaling with equilibration and integer scaling, improve 6,
// automatic branching direction, node selection by pseudo-costs of the
// non-integer count in greedy and dynamic mode, reduced-cost fixing); no
// break at first or at a value is set.
package lpsolve
