package plan

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// base is a small plant with an epoch (ticks are minutes):
//
//	J1 (quantity 8): op0 on M1 (setup 2 + 1/unit = 10), op1 on M2 (5, one operator)
//	J2 (quantity 1): op0 on M1 (4) or M2 (6), consumes 5 steel; op1 on M2 (3)
//
// and its plan: J1.0 M1 [0,10), J2.0 M1 [10,14), J1.1 M2 [10,15),
// J2.1 M2 [15,18).
func base(t *testing.T) *Plan {
	t.Helper()
	p := &model.Problem{
		Name:       "base",
		Epoch:      time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC),
		Resolution: time.Minute,
		Machines:   []model.Machine{{ID: "M1"}, {ID: "M2"}},
		Materials:  []model.Material{{ID: "steel", Receipts: []model.Receipt{{At: 0, Quantity: 5}}}},
		OperatorPools: []model.OperatorPool{
			{ID: "ops", Skills: []string{"s"}, Capacity: 1},
		},
		Jobs: []model.Job{
			{ID: "J1", Quantity: 8, Due: model.Tick(16), Operations: []model.Operation{
				{ID: "cut", Alternatives: []model.Alternative{{Machine: "M1", Setup: 2, RunPerUnit: 1}}},
				{ID: "weld", Alternatives: []model.Alternative{{Machine: "M2", Duration: 5}},
					Operators: []model.OperatorNeed{{Skill: "s", Count: 1}}},
			}},
			{ID: "J2", Quantity: 1, Due: model.Tick(20), Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "M1", Duration: 4}, {Machine: "M2", Duration: 6}},
					Consumes: []model.MaterialQty{{Material: "steel", Quantity: 5}}},
				{Alternatives: []model.Alternative{{Machine: "M2", Duration: 3}}},
			}},
		},
		Objective: model.Single(model.WeightedTardiness),
	}
	if is := p.Validate(); len(is) > 0 {
		t.Fatalf("base problem: %v", is)
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 10},
		{Job: 1, Op: 0, Machine: 0, SetupStart: 10, Start: 10, End: 14},
		{Job: 0, Op: 1, Machine: 1, SetupStart: 10, Start: 10, End: 15, Operators: []int{0}},
		{Job: 1, Op: 1, Machine: 1, SetupStart: 15, Start: 15, End: 18},
	}}
	if err := schedule.Verify(p, s); err != nil {
		t.Fatalf("base schedule: %v", err)
	}
	return New(p, s, 0)
}

// times lists a schedule as "job.op@machine[start,end)" sorted, with
// "*" after fixed operations.
func times(p *model.Problem, s *schedule.Schedule) string {
	var out []string
	for _, a := range s.Assignments {
		fx := ""
		if p.Jobs[a.Job].Operations[a.Op].Fixed != nil {
			fx = "*"
		}
		out = append(out, fmt.Sprintf("%s.%d@%s[%d,%d)%s", p.Jobs[a.Job].ID, a.Op, p.Machines[a.Machine].ID, a.Start, a.End, fx))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// replan applies evs to pl, repairs, checks the result against the new
// problem and that history and running work kept their places.
func replan(t *testing.T, pl *Plan, evs *Events) *Plan {
	t.Helper()
	np, err := Replan(pl, evs)
	if err != nil {
		t.Fatalf("Replan: %v", err)
	}
	if err := schedule.Verify(np.Problem, np.Schedule); err != nil {
		t.Fatalf("repaired schedule: %v", err)
	}
	for _, a := range np.Schedule.Assignments {
		op := &np.Problem.Jobs[a.Job].Operations[a.Op]
		if f := op.Fixed; f != nil {
			if a.Start != f.Start || a.End != f.End || np.Problem.Machines[a.Machine].ID != f.Machine {
				t.Errorf("fixed operation %d of job %d moved", a.Op, a.Job)
			}
		} else if a.SetupStart < np.Now {
			t.Errorf("operation %d of job %d starts (setup %d) before now %d", a.Op, a.Job, a.SetupStart, np.Now)
		}
	}
	return np
}
