package ga

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/solver"
)

// BenchmarkSolveTabuFT10 measures a work-limited solve of ft10 (a plain job
// shop with the makespan: the local search is the tabu search), one worker:
// the cost of the GA's calls of the tabu search, conversions included, with
// the default TabuWork and with short calls (where the cost of a call
// beyond its moves shows most). The result is deterministic; its makespan
// is reported.
func BenchmarkSolveTabuFT10(b *testing.B) {
	p := testinst.FT10()
	for _, tc := range []struct {
		name string
		par  Params
	}{{"default", Params{}}, {"tabuwork=2000", Params{TabuWork: 2000}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var mk float64
			c0 := cpuTime()
			for b.Loop() {
				res, err := New(tc.par).Solve(context.Background(), p, solver.Options{WorkLimit: 300_000, Seed: 1, Workers: 1})
				if err != nil {
					b.Fatal(err)
				}
				mk = res.Objective
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(mk, "makespan")
		})
	}
}

// cpuTime returns the CPU time (user + system) used by the process so far:
// reported per operation ("cpu-ns/op") beside the wall time, which on a
// shared, busy machine depends on the other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
