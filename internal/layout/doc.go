// Package layout holds no code: its test keeps ordo's import graph as
// docs/architecture.md describes it. Every package of the module has a
// layer; a package may import only packages of lower layers, so imports
// run one way (model <- schedule <- solver <- heuristics <- plan <- report
// <- server <- cmd), solvers compose through visible Go imports (tabu
// imports dispatch, the GA imports both), the registry facade (solvers)
// is imported only by the programs at the top, and schedule.Check never
// sees the placement engine.
//
// A new package makes the test fail until it is given a layer here and a
// line in docs/architecture.md.
package layout
