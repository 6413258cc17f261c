package plan

import (
	"context"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
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
