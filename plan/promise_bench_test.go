package plan

import (
	"slices"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/schedule"
)

// bigRush is the 2,000-order plant's plan at 30 % of its horizon.
func bigRush(b *testing.B) *Plan {
	pl, evs := bigPlant(b)
	return New(pl.Problem, pl.Schedule, evs.Now)
}

// BenchmarkPromiseInsert2000 measures the insertion quote (Insert: Apply
// + Repair) of a rush order on the 2,000-order plant at 30 % of its
// horizon; median-ms is the median over the iterations (target: at most
// 20 ms).
func BenchmarkPromiseInsert2000(b *testing.B) {
	pl := bigRush(b)
	job := rushOrder(pl.Problem, 0, pl.Now, pl.Now+int64(24*time.Hour/pl.Problem.TickLength()))
	var q *Quote
	var times []time.Duration
	cpu0 := cpuTime()
	for b.Loop() {
		t0 := time.Now()
		var err error
		q, err = Insert(pl, job)
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(len(times)), "cpu-ms")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/1e6, "median-ms")
	if err := schedule.Verify(q.Plan.Problem, q.Plan.Schedule); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPromise2000 measures both quotes (Promise) of the same rush
// order (target: at most 1 s).
func BenchmarkPromise2000(b *testing.B) {
	pl := bigRush(b)
	job := rushOrder(pl.Problem, 0, pl.Now, pl.Now+int64(24*time.Hour/pl.Problem.TickLength()))
	var pr *Promised
	var times []time.Duration
	cpu0 := cpuTime()
	for b.Loop() {
		t0 := time.Now()
		var err error
		pr, err = Promise(pl, job)
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(len(times)), "cpu-ms")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/1e6, "median-ms")
	b.ReportMetric(float64(pr.Insertion.Completion-pr.WithMoves.Completion), "ticks-gained")
	if err := schedule.Verify(pr.WithMoves.Plan.Problem, pr.WithMoves.Plan.Schedule); err != nil {
		b.Fatal(err)
	}
}
