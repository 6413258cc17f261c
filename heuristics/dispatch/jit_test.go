package dispatch

import (
	"context"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// TestRightShiftKeepsEverything shifts plans of random plants and of a
// generated plant: the result passes the check, no job finishes later
// than its due date unless it already did, no job's tardiness grows, and
// the weighted earliness never grows.
func TestRightShiftKeepsEverything(t *testing.T) {
	var probs []*model.Problem
	for seed := uint64(1); seed <= 30; seed++ {
		probs = append(probs, instance.RandomPlant(seed))
	}
	probs = append(probs, instance.GeneratePlant(instance.PlantConfig{Orders: 60, Seed: 3}))
	shifted, planned := 0, 0
	for n, p := range probs {
		r, err := WithRule(context.Background(), p, JIT, solver.Options{Objective: model.Single(model.WeightedTardiness)})
		if err != nil || r.Schedule == nil {
			continue
		}
		s := r.Schedule
		if v := schedule.Check(p, s); len(v) > 0 {
			t.Fatalf("problem %d: the JIT plan fails the check: %v", n, v[0])
		}
		planned++
		rs := RightShift(p, s)
		if v := schedule.Check(p, rs); len(v) > 0 {
			t.Fatalf("problem %d: the shifted plan fails the check: %v", n, v[0])
		}
		if rs != s {
			shifted++
		}
		k0, k1 := schedule.ComputeKPIs(p, s), schedule.ComputeKPIs(p, rs)
		for j := range p.Jobs {
			if k1.Jobs[j].Tardiness > k0.Jobs[j].Tardiness {
				t.Errorf("problem %d: job %s: tardiness %d after the shift, %d before", n, p.Jobs[j].ID, k1.Jobs[j].Tardiness, k0.Jobs[j].Tardiness)
			}
		}
		if k1.WeightedEarliness > k0.WeightedEarliness {
			t.Errorf("problem %d: weighted earliness grew from %g to %g", n, k0.WeightedEarliness, k1.WeightedEarliness)
		}
	}
	if planned < 10 || shifted < 5 {
		t.Fatalf("%d plans, %d shifted", planned, shifted)
	}
}

// TestJITObjectives solves for the just-in-time and cost objectives: the
// plans pass the check, and on a generated plant the just-in-time plan
// holds fewer finished goods than the tardiness plan.
func TestJITObjectives(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 80, Seed: 5})
	for j := range p.Jobs {
		p.Jobs[j].HoldingCostPerDay = 10
		p.Jobs[j].LatenessCostPerDay = 100
	}
	for m := range p.Machines {
		p.Machines[m].CostPerHour = 50
	}
	plans := map[string]*schedule.Schedule{}
	for _, o := range []string{"weighted_tardiness", "weighted_earliness+weighted_tardiness", "cost"} {
		obj, err := model.ParseObjective(o)
		if err != nil {
			t.Fatal(err)
		}
		r, err := (&Solver{Name: "dispatch"}).Solve(context.Background(), p, solver.Options{Objective: obj})
		if err != nil {
			t.Fatalf("%s: %v", o, err)
		}
		if v := schedule.Check(p, r.Schedule); len(v) > 0 {
			t.Fatalf("%s: %v", o, v[0])
		}
		if got := schedule.Evaluate(p, r.Schedule, obj); got != r.Objective {
			t.Errorf("%s: result claims %g, the plan gives %g", o, r.Objective, got)
		}
		plans[o] = r.Schedule
	}
	h0 := schedule.ComputeCosts(p, plans["weighted_tardiness"]).FinishedHolding
	h1 := schedule.ComputeCosts(p, plans["weighted_earliness+weighted_tardiness"]).FinishedHolding
	if !(h1 < h0) {
		t.Errorf("finished-goods holding: %g just in time, %g for tardiness", h1, h0)
	}
}

// TestRightShiftMovesOperatorWork: on a generated plant with operator
// pools, the right shift moves operations that need operators (into
// working time of their pools with operators free: the check passes), and
// never makes a job later.
func TestRightShiftMovesOperatorWork(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 60, Seed: 3})
	if len(p.OperatorPools) == 0 {
		t.Fatal("the generated plant has no operator pools")
	}
	r, err := WithRule(context.Background(), p, ATC(DefaultATCK), solver.Options{Objective: model.Single(model.WeightedTardiness)})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Schedule
	if v := schedule.Check(p, s); len(v) > 0 {
		t.Fatalf("the plan fails the check: %v", v[0])
	}
	rs := RightShift(p, s)
	if v := schedule.Check(p, rs); len(v) > 0 {
		t.Fatalf("the shifted plan fails the check: %v", v[0])
	}
	before := map[[2]int]schedule.Assignment{}
	for _, a := range s.Assignments {
		before[[2]int{a.Job, a.Op}] = a
	}
	moved := 0
	for _, a := range rs.Assignments {
		b := before[[2]int{a.Job, a.Op}]
		if a.Start < b.Start {
			t.Errorf("job %d op %d moved earlier: %d to %d", a.Job, a.Op, b.Start, a.Start)
		}
		if len(a.Operators) > 0 && a.Start > b.Start {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no operation with operators moved")
	}
	k0, k1 := schedule.ComputeKPIs(p, s), schedule.ComputeKPIs(p, rs)
	for j := range p.Jobs {
		if k1.Jobs[j].Tardiness > k0.Jobs[j].Tardiness {
			t.Errorf("job %s: tardiness %d after the shift, %d before", p.Jobs[j].ID, k1.Jobs[j].Tardiness, k0.Jobs[j].Tardiness)
		}
	}
}

// TestGuardedBuilds: from the least tardy build of a generated plant, the
// guarded just-in-time builds offer plans that pass the check, and among
// them one that (right-shifted) holds fewer finished goods than the
// reference right-shifted, with at most 5 % more weighted tardiness.
func TestGuardedBuilds(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 80, Seed: 5, ReleaseWindow: 1.5})
	for j := range p.Jobs {
		p.Jobs[j].HoldingCostPerDay = 10
	}
	wt := model.Single(model.WeightedTardiness)
	var refs []tardBuild
	for _, cfg := range Configs(p, wt, 1) {
		s, err := Build(context.Background(), p, cfg)
		if err != nil {
			continue
		}
		refs = keepLeastTardy(refs, tardBuild{s, cfg, schedule.Evaluate(p, s, wt)})
	}
	if len(refs) == 0 {
		t.Fatal("no build")
	}
	for n := 1; n < len(refs); n++ {
		if refs[n].wt < refs[n-1].wt || samePlan(refs[n].s, refs[n-1].s) {
			t.Errorf("references %d and %d: weighted tardiness %g then %g", n-1, n, refs[n-1].wt, refs[n].wt)
		}
	}
	ref := refs[0]
	h0 := schedule.ComputeCosts(p, RightShift(p, ref.s)).FinishedHolding
	offered, good, builds := 0, 0, 0
	complete := guardedBuilds(context.Background(), p, ref.cfg, ref.s, func(s *schedule.Schedule) {
		offered++
		if v := schedule.Check(p, s); len(v) > 0 {
			t.Fatalf("an offered plan fails the check: %v", v[0])
		}
		rs := RightShift(p, s)
		if schedule.Evaluate(p, rs, wt) <= 1.05*ref.wt && schedule.ComputeCosts(p, rs).FinishedHolding < h0 {
			good++
		}
	}, func(w int64) bool {
		if w <= 0 {
			t.Errorf("a build with work %d", w)
		}
		builds++
		return true
	})
	if !complete || offered == 0 || good == 0 || builds < offered {
		t.Errorf("complete %v, %d builds, %d plans offered, %d with less holding and at most 5 %% more tardiness than the reference", complete, builds, offered, good)
	}

	// A work limit stops the builds.
	n := 0
	stopped := guardedBuilds(context.Background(), p, ref.cfg, ref.s, func(*schedule.Schedule) {}, func(int64) bool {
		n++
		return n < 3
	})
	if stopped || n != 3 {
		t.Errorf("with a budget of 3 builds: complete %v after %d builds", stopped, n)
	}
}

// TestJITWorkLimit: dispatch:best for a just-in-time objective counts the
// work of its guarded builds: a work limit below the full run's work stops
// it with the work limit as the reason and a checked plan, the same plan
// on every run and with two workers.
func TestJITWorkLimit(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 15, Seed: 2, ReleaseWindow: 1.5})
	obj, err := model.ParseObjective("weighted_tardiness+0.1*weighted_earliness")
	if err != nil {
		t.Fatal(err)
	}
	full, err := Best(context.Background(), p, solver.Options{Objective: obj})
	if err != nil {
		t.Fatal(err)
	}
	if full.Stop != solver.Finished {
		t.Fatalf("the full run stopped: %s", full.Stop)
	}
	var first *solver.Result
	for _, workers := range []int{1, 1, 2} {
		r, err := Best(context.Background(), p, solver.Options{Objective: obj, WorkLimit: full.Stats.Work * 9 / 10, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if v := schedule.Check(p, r.Schedule); len(v) > 0 {
			t.Fatalf("workers %d: %v", workers, v[0])
		}
		if r.Stop != solver.WorkLimit || r.Stats.Work >= full.Stats.Work {
			t.Errorf("workers %d: stop %s after work %d (full run %d)", workers, r.Stop, r.Stats.Work, full.Stats.Work)
		}
		if first == nil {
			first = r
		} else if r.Objective != first.Objective {
			t.Errorf("workers %d: objective %g, first run %g", workers, r.Objective, first.Objective)
		}
	}
}
