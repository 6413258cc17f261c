package dispatch_test

import (
	"context"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// setupProblem: on machine M (family changes cost 50 minutes), job A
// (family F1, 30 minutes) runs first, alone; B (F2, 30 minutes, weight
// 2) and C (F1, 60 minutes, weight 1.8) arrive when it ends, both due at
// 60.
func setupProblem() *model.Problem {
	p := base()
	p.Calendars = nil
	p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 50}}
	p.Machines = []model.Machine{{ID: "M", SetupMatrix: "S"}}
	op := func(fam string, d int64) model.Operation {
		o := on("M", d)
		o.SetupFamily = fam
		return o
	}
	due := func(j model.Job, d int64, w float64) model.Job { j.Due = &d; j.Weight = w; return j }
	p.Jobs = []model.Job{
		due(job("A", 0, op("F1", 30)), 30, 1),
		due(job("B", 30, op("F2", 30)), 60, 2),
		due(job("C", 30, op("F1", 60)), 60, 1.8),
	}
	p.Objective = model.Single(model.WeightedTardiness)
	return p
}

func startOf(t *testing.T, s *schedule.Schedule, job int) int64 {
	t.Helper()
	for _, a := range s.Assignments {
		if a.Job == job {
			return a.Start
		}
	}
	t.Fatalf("job %d not scheduled", job)
	return 0
}

// TestATCSKeepsTheFamily: in the active scheme ATC takes B (larger w/p)
// right after A and pays two family changes (weighted tardiness 388);
// ATCS takes C, which needs no setup, then B (274). (The non-delay
// scheme does not separate them: C, without a setup, can start first and
// is alone in its conflict set; the serial scheme ranks B and C before
// A's family is on the machine.)
func TestATCSKeepsTheFamily(t *testing.T) {
	p := setupProblem()
	for _, sc := range []dispatch.Scheme{dispatch.Active} {
		atc, err := dispatch.Build(context.Background(), p, dispatch.Config{Scheme: sc, Rule: dispatch.ATC(2)})
		if err != nil {
			t.Fatal(err)
		}
		atcs, err := dispatch.Build(context.Background(), p, dispatch.Config{Scheme: sc, Rule: dispatch.ATCS(2, 1)})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []*schedule.Schedule{atc, atcs} {
			if err := schedule.Verify(p, s); err != nil {
				t.Fatal(err)
			}
		}
		if b, c := startOf(t, atc, 1), startOf(t, atc, 2); b > c {
			t.Errorf("%v: ATC started C (%d) before B (%d): the test no longer separates the rules", sc, c, b)
		}
		if b, c := startOf(t, atcs, 1), startOf(t, atcs, 2); c != 30 || b < c {
			t.Errorf("%v: ATCS started C at %d and B at %d, want C at 30 (no setup) before B", sc, c, b)
		}
		obj := p.Objective
		if va, vs := schedule.Evaluate(p, atc, obj), schedule.Evaluate(p, atcs, obj); va != 388 || vs != 274 {
			t.Errorf("%v: weighted tardiness ATC %v, ATCS %v, want 388 and 274", sc, va, vs)
		}
	}
}

// TestATCSWithoutSetupsIsATC: with no setup matrix the setup discount is
// 1 and ATCS builds ATC's schedule.
func TestATCSWithoutSetupsIsATC(t *testing.T) {
	ps := []*model.Problem{instance.GeneratePlant(instance.PlantConfig{Seed: 3, Orders: 30, OpsPerOrder: 4, Machines: 8})}
	for i := range ps[0].Machines {
		ps[0].Machines[i].SetupMatrix = ""
	}
	if ft, err := instance.TaillardInstance("ta01"); err == nil {
		ps = append(ps, ft)
	}
	for _, p := range ps {
		for _, sc := range []dispatch.Scheme{dispatch.NonDelay, dispatch.Active, dispatch.Serial} {
			a, err := dispatch.Build(context.Background(), p, dispatch.Config{Scheme: sc, Rule: dispatch.ATC(3)})
			if err != nil {
				t.Fatal(err)
			}
			b, err := dispatch.Build(context.Background(), p, dispatch.Config{Scheme: sc, Rule: dispatch.ATCS(3, 0.5)})
			if err != nil {
				t.Fatal(err)
			}
			if err := schedule.Verify(p, b); err != nil {
				t.Fatal(err)
			}
			if len(a.Assignments) != len(b.Assignments) {
				t.Fatalf("%s %v: ATC placed %d operations, ATCS %d", p.Name, sc, len(a.Assignments), len(b.Assignments))
			}
			for k := range a.Assignments {
				x, y := a.Assignments[k], b.Assignments[k]
				if x.Job != y.Job || x.Op != y.Op || x.Machine != y.Machine || x.SetupStart != y.SetupStart || x.Start != y.Start || x.End != y.End {
					t.Fatalf("%s %v: assignment %d differs: ATC %+v, ATCS %+v", p.Name, sc, k, a.Assignments[k], b.Assignments[k])
				}
			}
		}
	}
}

// TestConfigsSkipSetupRulesWithoutSetups: dispatch:best does not repeat
// ATC's builds under the ATCS name on problems without setups.
func TestConfigsSkipSetupRulesWithoutSetups(t *testing.T) {
	withSetups := instance.GeneratePlant(instance.PlantConfig{Seed: 3, Orders: 10, OpsPerOrder: 3, Machines: 5})
	without := instance.GeneratePlant(instance.PlantConfig{Seed: 3, Orders: 10, OpsPerOrder: 3, Machines: 5})
	for i := range without.Machines {
		without.Machines[i].SetupMatrix = ""
	}
	obj := model.Single(model.WeightedTardiness)
	n1, n0 := len(dispatch.Configs(withSetups, obj, 1)), len(dispatch.Configs(without, obj, 1))
	if n1-n0 != 3*4 {
		t.Errorf("configurations with setups %d, without %d: want 3 ATCS rules x 4 schemes more", n1, n0)
	}
}

// TestMeanSetupPerDecision: MeanSetup is the mean of Setup over the
// candidates of the decision at hand, not of an earlier one.
func TestMeanSetupPerDecision(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 2, Orders: 20, OpsPerOrder: 4, Machines: 6})
	for _, sc := range []dispatch.Scheme{dispatch.NonDelay, dispatch.Active, dispatch.Serial} {
		decisions, withSetups := 0, 0
		rule := func(v *dispatch.View, i int) float64 {
			if i == 0 {
				var sum float64
				for k := 0; k < v.Len(); k++ {
					sum += float64(v.Setup(k))
				}
				if want := sum / float64(v.Len()); v.MeanSetup() != want {
					t.Fatalf("%v: MeanSetup %v, mean of the candidates' setups %v", sc, v.MeanSetup(), want)
				}
				decisions++
				if sum > 0 {
					withSetups++
				}
			}
			return float64(v.Setup(i))
		}
		if _, err := dispatch.Build(context.Background(), p, dispatch.Config{Scheme: sc, Rule: rule}); err != nil {
			t.Fatal(err)
		}
		if decisions < 10 || withSetups == 0 {
			t.Fatalf("%v: %d decisions, %d with setups", sc, decisions, withSetups)
		}
	}
}

// TestATCSSerialPlacesNoMore: in the serial scheme ATCS ranks the
// candidates without placing them (as Proc does), so a build costs about
// the placements of ATC's.
func TestATCSSerialPlacesNoMore(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 100, OpsPerOrder: 5, Machines: 10})
	b, err := dispatch.NewBuilder(p)
	if err != nil {
		t.Fatal(err)
	}
	work := func(r dispatch.Rule) int64 {
		if err := b.Run(context.Background(), dispatch.Config{Scheme: dispatch.Serial, Insertion: true, Rule: r}); err != nil {
			t.Fatal(err)
		}
		return b.Work()
	}
	if a, s := work(dispatch.ATC(2)), work(dispatch.ATCS(2, 1)); s > 2*a {
		t.Errorf("serial scheme: ATCS evaluated %d placements, ATC %d", s, a)
	}
}
