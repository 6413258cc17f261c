package solver_test

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// NewDocument turns a result into the result JSON, after checking its
// plan; schedule.ParseDocument reads it back, and CheckClaims compares
// what it says with its schedule.
func ExampleNewDocument() {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "LATHE"}},
		Jobs: []model.Job{
			{ID: "A", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "LATHE", Duration: 30}}}}},
			{ID: "B", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "LATHE", Duration: 20}}}}},
		},
	}
	res := &solver.Result{Solver: "by hand", Status: solver.Feasible, Objective: 50, Bound: math.NaN(),
		Schedule: &schedule.Schedule{Assignments: []schedule.Assignment{
			{Job: 1, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 20},
			{Job: 0, Op: 0, Machine: 0, SetupStart: 20, Start: 20, End: 50},
		}}}
	doc, violations := solver.NewDocument(p, model.Objective{}, res)
	data, err := json.Marshal(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Status, doc.Makespan, len(violations), "violation(s)")

	back, err := schedule.ParseDocument(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := back.Schedule(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	back.Objective = 40 // a forged claim
	fmt.Println(back.CheckClaims(p, s))
	// Output:
	// feasible 50 0 violation(s)
	// line 1, column 53: objective: the document claims an objective of 40, the schedule gives 50
}
