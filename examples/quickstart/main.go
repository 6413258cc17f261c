// Command quickstart is the README's quick start: it reads a problem file,
// validates it, schedules it with the ATC dispatching rule for weighted
// tardiness and prints two KPIs.
//
//	go run ./examples/quickstart examples/plant.json
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers" // every solver by name
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: quickstart PROBLEM.json")
	}
	p, err := model.DecodeFile(os.Args[1]) // or build a model.Problem in Go
	if err != nil {
		log.Fatal(err) // every decoding problem, with line, column and path
	}
	if issues := p.Validate(); issues != nil {
		log.Fatal(issues) // every modelling problem, each with its path
	}
	s, err := solvers.Get("dispatch:atc")
	if err != nil {
		log.Fatal(err) // an unknown name: the error lists the known ones
	}
	res, err := s.Solve(context.Background(), p, solver.Options{
		Objective: model.Single(model.WeightedTardiness),
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := schedule.Verify(p, res.Schedule); err != nil {
		log.Fatal(err) // never happens: but you can always check
	}
	k := schedule.ComputeKPIs(p, res.Schedule)
	fmt.Println("late orders:", k.LateJobs, "makespan:", p.TimeOf(k.Makespan))
}
