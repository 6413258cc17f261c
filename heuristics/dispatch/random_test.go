package dispatch_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/schedule"
)

// TestRandomProblems builds every random problem with every rule and
// scheme: each schedule passes schedule.Check; the only acceptable failure
// is a material shortage the order of work could not avoid.
func TestRandomProblems(t *testing.T) {
	n := uint64(60)
	if testing.Short() {
		n = 15
	}
	built, failed := 0, 0
	cfgs := allConfigs()
	for seed := uint64(1); seed <= n; seed++ {
		p := instance.RandomPlant(seed)
		b, err := dispatch.NewBuilder(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for i, cfg := range cfgs {
			cfg.Seed = seed
			err := b.Run(context.Background(), cfg)
			if err != nil {
				var pe *dispatch.PlacementError
				if !errors.As(err, &pe) || (pe.Reason != engine.Material && pe.Reason != engine.Deadline) {
					t.Fatalf("seed %d config %d (%v): %v", seed, i, cfg.Scheme, err)
				}
				failed++
				continue
			}
			built++
			if vs := schedule.Check(p, b.Schedule()); len(vs) > 0 {
				t.Fatalf("seed %d config %d (%v, insertion %v): %d violations, first %v", seed, i, cfg.Scheme, cfg.Insertion, len(vs), vs[0])
			}
		}
	}
	if built < 9*(built+failed)/10 {
		t.Fatalf("only %d of %d builds succeeded", built, built+failed)
	}
	t.Logf("%d schedules checked, %d builds stopped by a material shortage", built, failed)
}
