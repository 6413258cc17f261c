package schedule_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// twoJobs is a tiny job shop: J1 = cut on M1 (3) then drill on M2 (2);
// J2 = drill on M2 (4), due at 3.
func twoJobs() *model.Problem {
	return &model.Problem{
		Machines: []model.Machine{{ID: "M1"}, {ID: "M2"}},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{
				{ID: "cut", Alternatives: []model.Alternative{{Machine: "M1", Duration: 3}}},
				{ID: "drill", Alternatives: []model.Alternative{{Machine: "M2", Duration: 2}}},
			}},
			{ID: "J2", Due: model.Tick(3), Operations: []model.Operation{
				{ID: "drill", Alternatives: []model.Alternative{{Machine: "M2", Duration: 4}}},
			}},
		},
	}
}

func ExampleCheck() {
	p := twoJobs()
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 3},
		{Job: 0, Op: 1, Machine: 1, SetupStart: 2, Start: 2, End: 4}, // too early
		{Job: 1, Op: 0, Machine: 1, SetupStart: 3, Start: 3, End: 7}, // overlaps
	}}
	for _, v := range schedule.Check(p, s) {
		fmt.Println(v.Kind, "|", v.Path, "|", v.Message)
	}
	// Output:
	// overlap | assignments[2] | job "J2" op "drill" [3, 7) overlaps job "J1" op "drill" [2, 4) on machine "M2" (setups included) from 3 to 4
	// precedence | assignments[1] | job "J1" op "drill" starts at 2, before its predecessor job "J1" op "cut" ends at 3 (earliest start 3)
}

func ExampleEvaluate() {
	p := twoJobs()
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 3},
		{Job: 1, Op: 0, Machine: 1, SetupStart: 0, Start: 0, End: 4},
		{Job: 0, Op: 1, Machine: 1, SetupStart: 4, Start: 4, End: 6},
	}}
	fmt.Println("feasible:", schedule.Verify(p, s) == nil)
	fmt.Println("makespan:", schedule.Evaluate(p, s, model.Objective{}))
	obj, _ := model.ParseObjective("makespan+10*late_jobs")
	fmt.Println(obj, "=", schedule.Evaluate(p, s, obj))
	k := schedule.ComputeKPIs(p, s)
	fmt.Printf("M2 utilisation: %.2f\n", k.Machines[1].Utilisation)
	// Output:
	// feasible: true
	// makespan: 6
	// 1*makespan+10*late_jobs = 16
	// M2 utilisation: 1.00
}

func ExampleNewDocument() {
	p := twoJobs()
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 1, Op: 0, Machine: 1, SetupStart: 0, Start: 0, End: 4},
	}}
	d := schedule.NewDocument(p, s)
	d.Solver, d.Status, d.Objective, d.ObjectiveName = "manual", "feasible", 4, "makespan"
	d.KPIs = nil // keep the example short
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(d)
	// Output:
	// {
	//   "solver": "manual",
	//   "status": "feasible",
	//   "objective": 4,
	//   "objective_name": "makespan",
	//   "makespan": 4,
	//   "elapsed_ms": 0,
	//   "assignments": [
	//     {
	//       "job": "J2",
	//       "op": 0,
	//       "op_id": "drill",
	//       "machine": "M2",
	//       "start": 0,
	//       "end": 4
	//     }
	//   ]
	// }
}

func ExampleParseDocument() {
	// A schedule written by another tool: only job, op, machine, start, end.
	data := []byte(`{"assignments": [
		{"job": "J1", "op": 0, "machine": "M1", "start": 0, "end": 3},
		{"job": "J1", "op": 1, "machine": "M9", "start": 4, "end": 6}
	]}`)
	d, err := schedule.ParseDocument(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = d.Schedule(twoJobs())
	fmt.Println(err)
	// Output:
	// line 3, column 37: assignments[1].machine: unknown machine "M9"
}
