package solver_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

// The newcomer's entry point: decode a problem (two orders on two
// machines), pick a solver by name, solve with a seed and a work limit
// (reproducible on any machine), check the plan with the independent
// checker and print it.
func Example() {
	p, err := model.Decode([]byte(`{
	  "version": 1,
	  "machines": [{"id": "saw"}, {"id": "mill"}],
	  "jobs": [
	    {"id": "A", "due": 9, "operations": [
	      {"id": "cut", "machine": "saw", "duration": 3},
	      {"id": "shape", "machine": "mill", "duration": 4}]},
	    {"id": "B", "due": 6, "operations": [
	      {"id": "cut", "machine": "saw", "duration": 2},
	      {"id": "shape", "machine": "mill", "duration": 2}]}
	  ]
	}`))
	if err != nil {
		log.Fatal(err) // located: line, column and path
	}
	s, err := solvers.Get("tabu") // or tabu.New(tabu.Params{}) from its package
	if err != nil {
		log.Fatal(err)
	}
	res, err := s.Solve(context.Background(), p, solver.Options{Seed: 1, WorkLimit: 10_000})
	if err != nil {
		log.Fatal(err) // invalid problem, or a feature the solver refuses
	}
	if err := schedule.Verify(p, res.Schedule); err != nil {
		log.Fatal(err) // never happens: every solver's plan passes the checker
	}
	fmt.Println(res.Solver, res.Status, "makespan", res.Objective, "stop", res.Stop)
	res.Schedule.Sort()
	for _, a := range res.Schedule.Assignments {
		job := &p.Jobs[a.Job]
		fmt.Printf("%s %-5s on %-4s %d-%d\n", job.ID, job.OpID(a.Op), p.Machines[a.Machine].ID, a.Start, a.End)
	}
	// Output:
	// tabu feasible makespan 9 stop work_limit
	// A cut   on saw  0-3
	// A shape on mill 3-7
	// B cut   on saw  3-5
	// B shape on mill 7-9
}
