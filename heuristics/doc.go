// Package heuristics is the home of ordo's heuristic solvers; it holds no
// code itself. The registry facade (package solvers) lists their solvers
// by name; they use each other through Go functions (tabu starts from
// dispatch.Best, the GA seeds with dispatch and improves with tabu):
//
//   - heuristics/dispatch: priority dispatching rules (FIFO, SPT, MWKR,
//     ATC, ATCS, COVERT, ...) with the non-delay, Giffler-Thompson active and
//     serial schedule generation schemes, for every model feature;
//   - heuristics/tabu: tabu search for the job shop;
//   - heuristics/ga: a genetic algorithm decoding through the placement
//     engine.
//
// Every heuristic that builds schedules for the full model places
// operations through internal/engine, so a constraint (calendars, setups,
// materials, operators) is implemented in one place.
package heuristics
