package plan

import (
	"context"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

func TestSimulate(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 2, Orders: 15, Machines: 5})
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{Objective: p.Objective.Normalized()})
	if err != nil {
		t.Fatal(err)
	}
	cfg := SimConfig{Seed: 3, MTBF: 3000, MTTR: 240, DurationNoise: 0.2, LateReceipts: 0.3, MaxReceiptDelay: 1440,
		RushOrders: 2, RushSlack: 2880, WorkLimit: 50000}
	res, err := Simulate(context.Background(), p, s, cfg, Policies())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		t.Logf("%+v", r)
		if r.Replans == 0 {
			t.Errorf("%s: no replans", r.Policy)
		}
	}
	if res[0].Replans != res[1].Replans || res[1].Replans != res[2].Replans {
		t.Errorf("the policies saw different disruptions: %d %d %d replans", res[0].Replans, res[1].Replans, res[2].Replans)
	}
	again, err := Simulate(context.Background(), p, s, cfg, Policies())
	if err != nil {
		t.Fatal(err)
	}
	for i := range res {
		res[i].ReplanTime, again[i].ReplanTime = 0, 0
	}
	if !reflect.DeepEqual(res, again) {
		t.Errorf("the same seed gave another simulation:\n%+v\n%+v", res, again)
	}
}

func TestSimulateEveryShift(t *testing.T) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 2, Orders: 15, Machines: 5})
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{Objective: p.Objective.Normalized()})
	if err != nil {
		t.Fatal(err)
	}
	cfg := SimConfig{Seed: 3, MTBF: 3000, MTTR: 240, DurationNoise: 0.2, LateReceipts: 0.3, MaxReceiptDelay: 1440,
		RushOrders: 2, RushSlack: 2880, WorkLimit: 50000, Every: EveryShift}
	cfg.Horizon = schedule.Makespan(s)
	starts, err := shiftStarts(p, cfg.Horizon)
	if err != nil {
		t.Fatal(err)
	}
	if len(starts) == 0 {
		t.Fatal("no shift starts")
	}
	for i, st := range starts {
		if st <= 0 || st > cfg.Horizon || (i > 0 && st <= starts[i-1]) {
			t.Fatalf("shift starts %v not sorted in (0, %d]", starts, cfg.Horizon)
		}
	}
	res, err := Simulate(context.Background(), p, s, cfg, Policies())
	if err != nil {
		t.Fatal(err)
	}
	breakdowns := 0
	for _, d := range disruptions(p, cfg) {
		if d.ev.Type == TypeBreakdown {
			breakdowns++
		}
	}
	for _, r := range res {
		t.Logf("%+v", r)
		if r.Every != EveryShift {
			t.Errorf("%s: cadence %q", r.Policy, r.Every)
		}
		// Every shift start and every breakdown replans (some may share a
		// time); nothing else does.
		if r.Replans > len(starts)+breakdowns || r.Replans < len(starts) {
			t.Errorf("%s: %d replans, want between %d shift starts and %d with the breakdowns", r.Policy, r.Replans, len(starts), len(starts)+breakdowns)
		}
	}
	cfg.Every = "hourly"
	if _, err := Simulate(context.Background(), p, s, cfg, Policies()); err == nil {
		t.Error("an unknown cadence was accepted")
	}
}

func TestParsePolicy(t *testing.T) {
	for name, want := range map[string]Policy{"repair": PolicyRepair, "right-shift": PolicyRepair, "none": PolicyRepair, "optimize": PolicyOptimize, "full": PolicyFull} {
		if got, err := ParsePolicy(name); err != nil || got != want {
			t.Errorf("ParsePolicy(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := ParsePolicy("pray"); err == nil {
		t.Error("ParsePolicy(pray) gave no error")
	}
}

func TestByShift(t *testing.T) {
	starts := []int64{100, 200, 300}
	dis := []disruption{
		{50, Breakdown("M", 50, 80)},
		{150, OrderAdded(model.Job{ID: "R"})},
		{250, ReceiptChanged("steel", 250, 400, nil)},
		{350, OrderAdded(model.Job{ID: "S"})},
	}
	got := byShift(dis, starts)
	want := []struct {
		at  int64
		typ Type
	}{{50, TypeBreakdown}, {100, ""}, {200, TypeOrderAdded}, {200, TypeReceiptChanged}, {200, ""}, {300, ""}, {350, TypeOrderAdded}}
	if len(got) != len(want) {
		t.Fatalf("got %d replan points %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].at != w.at || got[i].ev.Type != w.typ {
			t.Errorf("point %d: %d %q, want %d %q", i, got[i].at, got[i].ev.Type, w.at, w.typ)
		}
	}
}
