package tabu_test

import (
	"context"
	"fmt"
	"strconv"

	"github.com/ordo-sched/ordo/heuristics/tabu"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
)

// Example solves Fisher & Thompson's ft06 (optimum 55) with a deterministic
// work budget.
func Example() {
	routes := [][]int64{ // machine, duration pairs per job
		{2, 1, 0, 3, 1, 6, 3, 7, 5, 3, 4, 6},
		{1, 8, 2, 5, 4, 10, 5, 10, 0, 10, 3, 4},
		{2, 5, 3, 4, 5, 8, 0, 9, 1, 1, 4, 7},
		{1, 5, 0, 5, 2, 5, 3, 3, 4, 8, 5, 9},
		{2, 9, 1, 3, 4, 5, 5, 4, 0, 3, 3, 1},
		{1, 3, 3, 3, 5, 9, 0, 10, 4, 4, 2, 1},
	}
	p := &model.Problem{Name: "ft06"}
	for m := 0; m < 6; m++ {
		p.Machines = append(p.Machines, model.Machine{ID: strconv.Itoa(m)})
	}
	for j, r := range routes {
		job := model.Job{ID: strconv.Itoa(j)}
		for k := 0; k < len(r); k += 2 {
			job.Operations = append(job.Operations, model.Operation{
				Alternatives: []model.Alternative{{Machine: strconv.Itoa(int(r[k])), Duration: r[k+1]}},
			})
		}
		p.Jobs = append(p.Jobs, job)
	}
	res, err := tabu.New(tabu.Params{}).Solve(context.Background(), p, solver.Options{Seed: 1, WorkLimit: 200_000})
	if err != nil {
		panic(err)
	}
	fmt.Println("makespan", res.Objective, "lower bound", res.Bound, res.Status)
	// Output: makespan 55 lower bound 52 feasible
}
