package plan

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/schedule"
)

var big struct {
	once sync.Once
	pl   *Plan
	evs  *Events
	err  error
}

// bigPlant is the plan of `ordo gen plant --orders 2000 --machines 50
// --seed 1` solved with dispatch, and an 8-hour breakdown of its busiest
// machine at 30 % of the plan's horizon (its makespan).
func bigPlant(b *testing.B) (*Plan, *Events) {
	big.once.Do(func() {
		p := instance.GeneratePlant(instance.PlantConfig{Orders: 2000, Machines: 50, Seed: 1})
		s, err := dispatch.Build(context.Background(), p, dispatch.Config{Objective: p.Objective.Normalized()})
		if err != nil {
			big.err = err
			return
		}
		busy := make([]int64, len(p.Machines))
		for _, a := range s.Assignments {
			busy[a.Machine] += a.End - a.SetupStart
		}
		m := 0
		for k := range busy {
			if busy[k] > busy[m] {
				m = k
			}
		}
		now := schedule.Makespan(s) * 3 / 10
		h := int64(8 * time.Hour / p.TickLength())
		big.pl = New(p, s, 0)
		big.evs = &Events{Now: now, Events: []Event{Breakdown(p.Machines[m].ID, now, now+h)}}
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.pl, big.evs
}

// BenchmarkRepair2000 measures Apply + Repair (JSON excluded) on the
// 2,000-order plant after an 8-hour breakdown of its busiest machine at
// 30 % of the horizon; median-ms is the median over the iterations
// (target: at most 50 ms).
func BenchmarkRepair2000(b *testing.B) {
	pl, evs := bigPlant(b)
	var np *Plan
	b.ReportAllocs()
	b.ResetTimer()
	timeIterations(b, func() (err error) {
		np, err = Replan(pl, evs)
		return err
	})
	if err := schedule.Verify(np.Problem, np.Schedule); err != nil {
		b.Fatal(err)
	}
	moved := 0
	old := map[[2]int]int64{}
	for _, a := range pl.Schedule.Assignments {
		old[[2]int{a.Job, a.Op}] = a.Start
	}
	for _, a := range np.Schedule.Assignments {
		if old[[2]int{a.Job, a.Op}] != a.Start {
			moved++
		}
	}
	b.ReportMetric(float64(moved), "moved-ops")
}

// timeIterations runs f once per benchmark iteration, failing on its
// error, then stops the timer and reports the median wall-clock time
// (median-ms) and the process's CPU time (cpu-ms) per iteration. On a
// shared machine the wall-clock figures depend on the load; the CPU
// time does not (much).
func timeIterations(b *testing.B, f func() error) {
	var times []time.Duration
	cpu0 := cpuTime()
	for b.Loop() {
		t0 := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(len(times)), "cpu-ms")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/1e6, "median-ms")
}
