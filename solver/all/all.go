// Package all registers every solver of ordo in the solver registry: import
// it for its side effect.
//
//	import _ "github.com/ordo-sched/ordo/solver/all"
package all

import (
	// Registered solvers.
	_ "github.com/ordo-sched/ordo/heuristics/dispatch"
	_ "github.com/ordo-sched/ordo/heuristics/ga"
	_ "github.com/ordo-sched/ordo/heuristics/tabu"
	_ "github.com/ordo-sched/ordo/solver/mip"
)
