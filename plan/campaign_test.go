package plan

import (
	"context"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/schedule"
)

func TestScenario(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 40, Machines: 10})
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{Objective: p.Objective.Normalized()})
	if err != nil {
		t.Fatal(err)
	}
	span := schedule.Makespan(s)
	kinds := map[Type]int{}
	for seed := uint64(1); seed <= 12; seed++ {
		evs, err := Scenario(p, s, ScenarioConfig{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Scenario(p, s, ScenarioConfig{Seed: seed})
		if !reflect.DeepEqual(evs, again) {
			t.Errorf("seed %d: the same seed gave other events", seed)
		}
		if evs.Now < span*15/100 || evs.Now > span/2 {
			t.Errorf("seed %d: now %d outside [15 %%, 50 %%] of the makespan %d", seed, evs.Now, span)
		}
		breakdowns := 0
		for _, ev := range evs.Events {
			kinds[ev.Type]++
			if ev.Type == TypeBreakdown {
				breakdowns++
				if ev.Start != evs.Now || ev.End-ev.Start < 120 || ev.End-ev.Start > 600 {
					t.Errorf("seed %d: breakdown [%d, %d) at now %d: want it at now, 2 to 10 hours", seed, ev.Start, ev.End, evs.Now)
				}
			}
			if ev.Type == TypeStarted && ev.At > evs.Now {
				t.Errorf("seed %d: %s started at %d after now %d", seed, ev.Job, ev.At, evs.Now)
			}
		}
		if breakdowns != 1 {
			t.Errorf("seed %d: %d breakdowns, want 1", seed, breakdowns)
		}
		pl := New(p, s, 0)
		pols := []CampaignPolicy{
			{Name: "repair"},
			{Name: "stable", Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, Stable: true, WorkLimit: 20000},
			{Name: "full", Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, WorkLimit: 20000},
			{Name: "full-hinted", Solver: &dispatch.Solver{Name: "dispatch"}, HintFrom: "full"},
		}
		out, err := RunScenario(context.Background(), pl, evs, pols)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(out) != len(pols) {
			t.Fatalf("seed %d: %d outcomes for %d policies", seed, len(out), len(pols))
		}
		for i, o := range out {
			if o.Error != "" {
				t.Errorf("seed %d: %s: %s", seed, o.Policy, o.Error)
			}
			if o.Policy != pols[i].Name {
				t.Errorf("seed %d: outcome %d is %q, want %q", seed, i, o.Policy, pols[i].Name)
			}
			if o.MachineChanges > o.Moved || o.MovedHour > o.Moved {
				t.Errorf("seed %d: %s: %d machine changes, %d moved over an hour, of %d moved", seed, o.Policy, o.MachineChanges, o.MovedHour, o.Moved)
			}
		}
		if out[0].MachineChanges != 0 {
			t.Errorf("seed %d: the repair changed %d machines", seed, out[0].MachineChanges)
		}
		// The stable policy starts from the repair and the hinted full
		// one from the full one: never worse.
		if out[1].Objective > out[0].Objective+1e-6 && out[1].Moved >= out[0].Moved {
			t.Errorf("seed %d: stable re-optimisation (%g, %d moved) worse than the repair (%g, %d moved) on both counts", seed, out[1].Objective, out[1].Moved, out[0].Objective, out[0].Moved)
		}
		if out[3].Objective > out[2].Objective+1e-6 {
			t.Errorf("seed %d: hinted full reschedule %g worse than its hint %g", seed, out[3].Objective, out[2].Objective)
		}
		// The repair's figures are deterministic.
		again2, err := RunScenario(context.Background(), pl, evs, pols[:1])
		if err != nil || again2[0].Objective != out[0].Objective || again2[0].Moved != out[0].Moved {
			t.Errorf("seed %d: the repair again gave %+v (%v), first %+v", seed, again2, err, out[0])
		}
	}
	for _, k := range []Type{TypeBreakdown, TypeStarted, TypeReceiptChanged, TypeOrderAdded} {
		if kinds[k] == 0 {
			t.Errorf("no %s event in 12 scenarios", k)
		}
	}
}

func TestScenarioErrors(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 5, Machines: 5})
	if _, err := Scenario(p, &schedule.Schedule{}, ScenarioConfig{Seed: 1}); err == nil {
		t.Error("an empty plan gave a scenario")
	}
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{Objective: p.Objective.Normalized()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Scenario(p, s, ScenarioConfig{Seed: 1, NowMin: 0.5, NowMax: 0.2}); err == nil {
		t.Error("NowMax < NowMin gave a scenario")
	}
}
