// Command quickstart is the README's quick start: it reads a problem file,
// validates it, schedules it with a dispatching rule for weighted tardiness
// (ATC), checks the schedule and prints the late orders.
//
//	go run ./examples/quickstart examples/plant.json
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: quickstart PROBLEM.json")
	}
	p, err := model.DecodeFile(os.Args[1]) // or build it in Go with model.NewPlant
	if err != nil {
		log.Fatal(err) // every decoding problem, with line, column and path
	}
	if issues := p.Validate(); issues != nil {
		log.Fatal(issues) // every modelling problem, each with its path
	}
	var s solver.Solver = &dispatch.Solver{} // the rule suited to the objective: ATC
	res, err := s.Solve(context.Background(), p, solver.Options{
		Objective: model.Single(model.WeightedTardiness),
	})
	if err != nil {
		log.Fatal(err)
	}
	tt, err := schedule.NewTimetable(p, res.Schedule) // checks the schedule too
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d late orders, plan ends %s\n", tt.LateOrders, tt.End.Format("Mon 2 Jan 15:04"))
	for _, o := range tt.Orders {
		if o.Late {
			fmt.Printf("  %-6s due %s, done %s (%v late)\n", o.Job, o.Due.Format("Mon 2 Jan 15:04"), o.Completion.Format("Mon 2 Jan 15:04"), o.Lateness)
		}
	}
}
