package ga

import (
	"context"
	"slices"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// jitPlant is a generated plant with holding and lateness costs whose
// orders are released over 1.5 times the estimated span.
func jitPlant(seed uint64) *model.Problem {
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 25, Seed: seed, ReleaseWindow: 1.5})
	for j := range p.Jobs {
		p.Jobs[j].HoldingCostPerDay = 15
		p.Jobs[j].LatenessCostPerDay = 150
	}
	return p
}

// TestJITNoWorseThanDispatch runs the GA with a work limit for objectives
// with earliness: two runs give the same plan, the plan passes the check,
// its claimed value is its own, and it is no worse than the plan of
// dispatch.Best that seeds it (the same options and placements).
func TestJITNoWorseThanDispatch(t *testing.T) {
	for _, seed := range []uint64{3, 11} {
		p := jitPlant(seed)
		n := 0
		for j := range p.Jobs {
			n += len(p.Jobs[j].Operations)
		}
		for _, o := range []string{"weighted_earliness+weighted_tardiness", "weighted_tardiness+0.1*weighted_earliness"} {
			obj, err := model.ParseObjective(o)
			if err != nil {
				t.Fatal(err)
			}
			const work = 400
			opts := solver.Options{Objective: obj, Seed: 2, WorkLimit: work, Workers: 1}
			var prev *solver.Result
			for k := 0; k < 2; k++ {
				r, err := New(Params{}).Solve(context.Background(), p, opts)
				if err != nil {
					t.Fatalf("plant %d %s: %v", seed, o, err)
				}
				if v := schedule.Check(p, r.Schedule); len(v) > 0 {
					t.Fatalf("plant %d %s: %v", seed, o, v[0])
				}
				if got := schedule.Evaluate(p, r.Schedule, obj); !near(got, r.Objective) {
					t.Errorf("plant %d %s: claimed %g, the plan gives %g", seed, o, r.Objective, got)
				}
				if prev != nil && (prev.Objective != r.Objective || !samePlacements(prev.Schedule, r.Schedule)) {
					t.Fatalf("plant %d %s: two solves with the same seed and work limit differ", seed, o)
				}
				prev = r
			}
			// the GA's dispatch.Best seed: as many placements as it gives
			dl := min(max(int64(2_000_000), 2000*int64(n)), max(int64(n), work*int64(n)/2))
			d, err := dispatch.Best(context.Background(), p, solver.Options{Objective: obj, Seed: 2, WorkLimit: dl})
			if err != nil {
				t.Fatalf("plant %d %s: dispatch: %v", seed, o, err)
			}
			if v := schedule.Check(p, d.Schedule); len(v) > 0 {
				t.Fatalf("plant %d %s: dispatch: %v", seed, o, v[0])
			}
			if dv := schedule.Evaluate(p, d.Schedule, obj); prev.Objective > dv*(1+1e-9) {
				t.Errorf("plant %d %s: GA %g, worse than dispatch.Best's %g", seed, o, prev.Objective, dv)
			}
		}
	}
}

// TestShifterMatchesRightShift checks that one dispatch.Shifter, reused
// over several plans of a problem as the GA does, shifts each like
// dispatch.RightShift (which expands the calendars afresh and checks).
func TestShifterMatchesRightShift(t *testing.T) {
	p := jitPlant(5)
	obj, err := model.ParseObjective("weighted_earliness+weighted_tardiness")
	if err != nil {
		t.Fatal(err)
	}
	sh := dispatch.NewShifter(p, false)
	shifted := 0
	for _, rule := range seedRules[1:] {
		r, err := dispatch.WithRule(context.Background(), p, rule, solver.Options{Objective: model.Single(model.WeightedTardiness)})
		if err != nil {
			t.Fatal(err)
		}
		want := dispatch.RightShift(p, r.Schedule)
		got := sh.Shift(r.Schedule)
		if v := schedule.Check(p, got); len(v) > 0 {
			t.Fatalf("shifted plan: %v", v[0])
		}
		if !samePlacements(got, want) {
			t.Errorf("Shifter and RightShift differ on the plan of rule %d", shifted)
		}
		if schedule.Evaluate(p, got, obj) < schedule.Evaluate(p, r.Schedule, obj) {
			shifted++
		}
	}
	if shifted == 0 {
		t.Error("no plan gained from the right shift: the test compares nothing")
	}
}

// samePlacements reports whether a and b place every operation alike.
func samePlacements(a, b *schedule.Schedule) bool {
	return slices.EqualFunc(a.Assignments, b.Assignments, func(x, y schedule.Assignment) bool {
		return x.Job == y.Job && x.Op == y.Op && x.Machine == y.Machine && x.SetupStart == y.SetupStart &&
			x.Start == y.Start && x.End == y.End && slices.Equal(x.Operators, y.Operators)
	})
}
