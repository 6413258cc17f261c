package dispatch_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
)

// cpuTime returns the CPU time (user + system) used by the process so
// far. Benchmarks report it per operation ("cpu-ns/op") beside the wall
// time, because the machines they run on are shared and busy.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs f b.N times and reports the CPU time per call.
func loop(b *testing.B, f func()) {
	b.ReportAllocs()
	c0 := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
}

// BenchmarkClassicTa71 is one full non-delay MWKR dispatch of ta71
// (100 jobs x 20 machines), from the model (compile included).
func BenchmarkClassicTa71(b *testing.B) {
	p, err := instance.TaillardInstance("ta71")
	if err != nil {
		b.Fatal(err)
	}
	cfg := dispatch.Config{Scheme: dispatch.NonDelay, Rule: dispatch.MWKR}
	loop(b, func() {
		if _, err := dispatch.Build(context.Background(), p, cfg); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkClassicTa71Reuse is the same dispatch with a reused builder:
// the cost of the build loop alone (no allocation).
func BenchmarkClassicTa71Reuse(b *testing.B) {
	p, err := instance.TaillardInstance("ta71")
	if err != nil {
		b.Fatal(err)
	}
	bl, err := dispatch.NewBuilder(p)
	if err != nil {
		b.Fatal(err)
	}
	cfg := dispatch.Config{Scheme: dispatch.NonDelay, Rule: dispatch.MWKR}
	ctx := context.Background()
	loop(b, func() {
		if err := bl.Run(ctx, cfg); err != nil {
			b.Fatal(err)
		}
	})
	if bl.Makespan() != 6036 {
		b.Fatalf("makespan %d", bl.Makespan())
	}
}

// BenchmarkPlant is one full dispatch (compile included, default rule for
// weighted tardiness: ATC, non-delay) of generated plants of 5,000, 20,000
// and 80,000 operations (10 operations per order; 50 machines for 20,000,
// proportionally for the others).
func BenchmarkPlant(b *testing.B) {
	for _, n := range []int{5000, 20000, 80000} {
		cfg := instance.PlantConfig{Seed: 1, Orders: n / 10, OpsPerOrder: 10, Machines: max(n/400, 10)}
		p := instance.GeneratePlant(cfg)
		for _, sc := range []struct {
			name string
			cfg  dispatch.Config
		}{
			{"atc", dispatch.Config{Objective: p.Objective}},
			{"mwkr", dispatch.Config{Rule: dispatch.MWKR}},
		} {
			b.Run(fmt.Sprintf("ops=%d/%s", n, sc.name), func(b *testing.B) {
				loop(b, func() {
					if _, err := dispatch.Build(context.Background(), p, sc.cfg); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}
