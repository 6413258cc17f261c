package dispatch_test

import (
	"context"
	"fmt"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// A user-defined rule is any function of the view: here, most work
// remaining, but rush orders (weight 3 and more) first.
func ExampleRule() {
	rushFirst := func(v *dispatch.View, i int) float64 {
		score := -float64(v.RemainingWork(i)) // most work remaining first
		if v.Weight(i) >= 3 {
			score -= 1e9 // rush orders before everything else
		}
		return score // the lowest score is scheduled first
	}
	p := &model.Problem{
		Machines: []model.Machine{{ID: "lathe"}, {ID: "mill"}},
		Jobs: []model.Job{
			{ID: "long", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "lathe", Duration: 50}}},
				{Alternatives: []model.Alternative{{Machine: "mill", Duration: 40}}},
			}},
			{ID: "rush", Weight: 3, Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "lathe", Duration: 20}}},
			}},
		},
	}
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{Rule: rushFirst})
	if err != nil {
		fmt.Println(err)
		return
	}
	s.Sort()
	for _, a := range s.Assignments {
		fmt.Printf("%s op %d on %s: %d-%d\n", p.Jobs[a.Job].ID, a.Op, p.Machines[a.Machine].ID, a.Start, a.End)
	}
	fmt.Println("makespan", schedule.Makespan(s))
	// Output:
	// long op 0 on lathe: 20-70
	// long op 1 on mill: 70-110
	// rush op 0 on lathe: 0-20
	// makespan 110
}

// Classic mode reproduces the textbook rules: here the non-delay MWKR
// schedule of a small job shop.
func ExampleClassic() {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "0"}, {ID: "1"}},
		Jobs: []model.Job{
			{ID: "0", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "0", Duration: 3}}},
				{Alternatives: []model.Alternative{{Machine: "1", Duration: 2}}},
			}},
			{ID: "1", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "1", Duration: 4}}},
				{Alternatives: []model.Alternative{{Machine: "0", Duration: 1}}},
			}},
		},
	}
	for _, rule := range []string{"mwkr", "spt"} {
		s, err := dispatch.Classic(p, dispatch.NonDelay, rule)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rule, schedule.Makespan(s))
	}
	// Output:
	// mwkr 6
	// spt 6
}

// When the rule's order makes an operation miss its deadline, Build says
// so and names the solvers that try other orders; here EDD meets it.
func ExamplePlacementError() {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "M"}},
		Jobs: []model.Job{
			{ID: "a", Operations: []model.Operation{{ID: "cut", Alternatives: []model.Alternative{{Machine: "M", Duration: 10}}}}},
			{ID: "b", Deadline: model.Tick(12), Operations: []model.Operation{{ID: "cut", Alternatives: []model.Alternative{{Machine: "M", Duration: 10}}}}},
		},
	}
	_, err := dispatch.Build(context.Background(), p, dispatch.Config{Rule: dispatch.FIFO})
	fmt.Println(err)
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{Rule: dispatch.EDD})
	fmt.Println(err, len(schedule.Check(p, s)), "violations")
	// Output:
	// dispatch: cannot place job "b" operation "cut": in this rule's order it cannot end before its deadline (or before a fixed successor); another order may meet it: try the solver dispatch:best (every rule) or ga
	// <nil> 0 violations
}
