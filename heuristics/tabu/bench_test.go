package tabu

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/solver"
)

// BenchmarkTA41 measures the search speed on Taillard's ta41 (30x20): one
// b.N is a solve of 1,000,000 move evaluations with one worker; the custom
// metrics are move evaluations and iterations per second.
//
//	go test ./heuristics/tabu -run '^$' -bench TA41 -benchtime 3x
func BenchmarkTA41(b *testing.B) {
	benchInstance(b, "ta41")
}

// BenchmarkFT10 is BenchmarkTA41 on ft10 (10x10).
func BenchmarkFT10(b *testing.B) {
	benchInstance(b, "ft10")
}

func benchInstance(b *testing.B, name string) {
	p := loadInstance(b, name)
	b.ReportAllocs()
	var work, iters int64
	var secs float64
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		res, err := New(Params{}).Solve(context.Background(), p, solver.Options{WorkLimit: 1_000_000, Seed: uint64(i + 1)})
		if err != nil {
			b.Fatal(err)
		}
		work += res.Stats.Work
		iters += res.Stats.Iterations
		secs += res.Stats.Elapsed.Seconds()
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(work)/secs, "evals/s")
	b.ReportMetric(float64(iters)/secs, "iters/s")
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
