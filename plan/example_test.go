package plan_test

import (
	"fmt"
	"os"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
)

// A lathe breaks down while the mill works: repair pushes what waits for
// the lathe and keeps everything else.
func ExampleReplan() {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "lathe"}, {ID: "mill"}},
		Jobs: []model.Job{
			{ID: "A", Due: model.Tick(20), Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "lathe", Duration: 10}}},
				{Alternatives: []model.Alternative{{Machine: "mill", Duration: 5}}},
			}},
			{ID: "B", Due: model.Tick(12), Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "mill", Duration: 8}}},
			}},
		},
		Objective: model.Single(model.WeightedTardiness),
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, Start: 0, End: 10},
		{Job: 0, Op: 1, Machine: 1, SetupStart: 10, Start: 10, End: 15},
		{Job: 1, Op: 0, Machine: 1, Start: 0, End: 8},
	}}
	old := plan.New(p, s, 0)
	evs, err := plan.ParseEvents(p, []byte(`{"now": 4, "events": [
		{"type": "breakdown", "machine": "lathe", "start": 4, "end": 9}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	np, err := plan.Replan(old, evs)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range np.Schedule.Assignments {
		fmt.Printf("%s.%d on %s [%d, %d)\n", np.Problem.Jobs[a.Job].ID, a.Op, np.Problem.Machines[a.Machine].ID, a.Start, a.End)
	}
	plan.Compare(old, np, model.Objective{}).WriteText(os.Stdout)
	// Output:
	// A.0 on lathe [9, 19)
	// A.1 on mill [19, 24)
	// B.0 on mill [0, 8)
	// objective (weighted_tardiness): 0 -> 4 (+4)
	// makespan: 15 -> 24; late orders: 0 -> 1; weighted tardiness: 0 -> 4; max lateness: -4 -> 4
	// 2 operation(s) moved, 0 changed machine; total shift 18, largest 9
	//   A op 0 on lathe: 0 -> 9 (+9)
	//   A op 1 on mill: 10 -> 19 (+9)
	// newly late: A
}
