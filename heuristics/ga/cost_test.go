package ga

import (
	"context"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// TestCostObjectives runs the GA for the just-in-time and cost objectives
// on a generated plant with costs: the plans pass the check, the claimed
// value is the plan's, and each is no worse for its objective than the
// tardiness plan.
func TestCostObjectives(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 30, Seed: 7})
	for j := range p.Jobs {
		p.Jobs[j].HoldingCostPerDay = 20
		p.Jobs[j].LatenessCostPerDay = 200
	}
	for m := range p.Machines {
		p.Machines[m].CostPerHour = 60
		p.Machines[m].NightPremium = 0.3
	}
	twt := model.Single(model.WeightedTardiness)
	base, err := New(Params{}).Solve(context.Background(), p, solver.Options{Objective: twt, Seed: 1, WorkLimit: 300, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []string{"weighted_earliness+weighted_tardiness", "cost"} {
		obj, _ := model.ParseObjective(o)
		r, err := New(Params{}).Solve(context.Background(), p, solver.Options{Objective: obj, Seed: 1, WorkLimit: 300, Workers: 1})
		if err != nil {
			t.Fatalf("%s: %v", o, err)
		}
		if v := schedule.Check(p, r.Schedule); len(v) > 0 {
			t.Fatalf("%s: %v", o, v[0])
		}
		got := schedule.Evaluate(p, r.Schedule, obj)
		if !near(got, r.Objective) {
			t.Errorf("%s: claimed %g, the plan gives %g", o, r.Objective, got)
		}
		if b := schedule.Evaluate(p, base.Schedule, obj); got > b*(1+1e-9) {
			t.Errorf("%s: %g, worse than the tardiness plan's %g", o, got, b)
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-6*max(1, a, b, -a, -b)
}
