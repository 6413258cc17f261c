package ga_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/ga"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

const ft06 = `6 6
2 1 0 3 1 6 3 7 5 3 4 6
1 8 2 5 4 10 5 10 0 10 3 4
2 5 3 4 5 8 0 9 1 1 4 7
1 5 0 5 2 5 3 3 4 8 5 9
2 9 1 3 4 5 5 4 0 3 3 1
1 3 3 3 5 9 0 10 4 4 2 1
`

// The GA on Fisher and Thompson's 6x6 job shop, with a seed and a work
// limit (decodes) for a reproducible result.
func Example() {
	p, err := instance.ReadJSP(strings.NewReader(ft06), "ft06")
	if err != nil {
		panic(err)
	}
	res, err := ga.New(ga.Params{}).Solve(context.Background(), p, solver.Options{Seed: 1, WorkLimit: 100_000})
	if err != nil {
		panic(err)
	}
	fmt.Println("makespan", res.Objective, "feasible", schedule.Verify(p, res.Schedule) == nil)
	// Output: makespan 55 feasible true
}

// The GA through the registry facade on the example plant, minimizing total
// weighted tardiness.
func Example_plant() {
	p, err := examples.Plant()
	if err != nil {
		panic(err)
	}
	s, err := solvers.Get("ga")
	if err != nil {
		panic(err)
	}
	res, err := s.Solve(context.Background(), p, solver.Options{
		Objective: model.Single(model.WeightedTardiness),
		Seed:      1,
		WorkLimit: 20_000,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Status, res.Objective, schedule.Verify(p, res.Schedule) == nil)
	// Output: feasible 5740 true
}
