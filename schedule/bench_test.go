package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// bigPlant returns a problem of jobs x ops operations on machines machines
// with a 2x8 calendar (minute ticks, Europe/Berlin), sequence-dependent
// setups (4 families) and 10% resumable operations, each with two
// alternative machines, and a feasible schedule built greedily job by job.
func bigPlant(t testing.TB, jobs, ops, machines int) (*model.Problem, *Schedule) {
	rng := rand.New(rand.NewPCG(42, 1))
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p := &model.Problem{
		Name:      "big",
		Epoch:     time.Date(2024, 3, 4, 0, 0, 0, 0, berlin(t)),
		Calendars: []model.Calendar{{ID: "2x8", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: weekdays, Start: h6, End: h14}, {Days: weekdays, Start: h14, End: h22}}}},
		SetupMatrices: []model.SetupMatrix{{ID: "S", Default: 20, Initial: 10, Entries: []model.SetupEntry{
			{From: "F0", To: "F1", Time: 5}, {From: "F2", To: "F3", Time: 45}, {From: "F3", To: "F3", Time: 3},
		}}},
	}
	for m := range machines {
		p.Machines = append(p.Machines, model.Machine{ID: fmt.Sprintf("M%02d", m), Calendar: "2x8", SetupMatrix: "S"})
	}
	for j := range jobs {
		job := model.Job{ID: fmt.Sprintf("J%05d", j)}
		for range ops {
			m1, m2 := rng.IntN(machines), rng.IntN(machines)
			o := model.Operation{
				Alternatives: []model.Alternative{
					{Machine: p.Machines[m1].ID, Duration: int64(30 + rng.IntN(90))},
					{Machine: p.Machines[m2].ID, Duration: int64(30 + rng.IntN(90))},
				},
				SetupFamily: fmt.Sprintf("F%d", rng.IntN(4)),
				Resumable:   rng.IntN(10) == 0,
			}
			job.Operations = append(job.Operations, o)
		}
		p.Jobs = append(p.Jobs, job)
	}
	// Greedy schedule: each operation on its first alternative, appended to
	// its machine after the job's previous operation, the first operations
	// of all jobs first, then the second ones, and so on.
	h := p.PlanningHorizon()
	ivs := make([][]model.Interval, machines)
	for m := range p.Machines {
		iv, err := p.MachineIntervals(&p.Machines[m], h)
		if err != nil {
			t.Fatal(err)
		}
		ivs[m] = iv
	}
	x := p.NewIndex()
	free := make([]int64, machines)
	fam := make([]string, machines)
	used := make([]bool, machines)
	sm := &setupTable{m: &p.SetupMatrices[0], entries: map[[2]string]int64{}}
	for _, e := range p.SetupMatrices[0].Entries {
		sm.entries[[2]string{e.From, e.To}] = e.Time
	}
	s := &Schedule{}
	ready := make([]int64, jobs)
	for k := range ops {
		for j := range p.Jobs {
			o := &p.Jobs[j].Operations[k]
			m := x.Machines[o.Alternatives[0].Machine]
			d := o.Alternatives[0].Duration
			st := sm.time(fam[m], !used[m], o.SetupFamily)
			t0 := max(ready[j], free[m])
			var a Assignment
			if o.Resumable {
				ss := nextWorking(ivs[m], t0)
				start := nextWorking(ivs[m], advance(ivs[m], ss, st))
				if st == 0 {
					ss = start
				}
				a = Assignment{Job: j, Op: k, Machine: m, SetupStart: ss, Start: start, End: advance(ivs[m], start, d)}
			} else {
				for _, iv := range clip(ivs[m], t0, model.Forever) {
					ss := max(t0, iv.Start)
					if ss+st+d <= iv.End {
						a = Assignment{Job: j, Op: k, Machine: m, SetupStart: ss, Start: ss + st, End: ss + st + d}
						break
					}
				}
			}
			s.Assignments = append(s.Assignments, a)
			ready[j], free[m], fam[m], used[m] = a.End, a.End, o.SetupFamily, true
		}
	}
	return p, s
}

// nextWorking returns the first working tick at or after t.
func nextWorking(ivs []model.Interval, t int64) int64 {
	c := clip(ivs, t, model.Forever)
	return max(t, c[0].Start)
}

// advance returns the tick after w working ticks from t (t when w is 0).
func advance(ivs []model.Interval, t, w int64) int64 {
	for _, iv := range clip(ivs, t, model.Forever) {
		if w == 0 {
			break
		}
		s := max(t, iv.Start)
		if s+w <= iv.End {
			return s + w
		}
		w -= iv.End - s
		t = iv.End
	}
	return t
}

func TestBigPlantFeasible(t *testing.T) {
	p, s := bigPlant(t, 200, 10, 10)
	if vs := Check(p, s); vs != nil {
		t.Fatalf("%d violations:\n%s", len(vs), list(vs[:min(10, len(vs))]))
	}
	// Breaking one operation is found among 2000.
	s.Assignments[777].End++
	if vs := Check(p, s); len(vs) == 0 {
		t.Fatal("a longer operation went unnoticed")
	}
}

// BenchmarkCheck checks a feasible schedule of 80,000 operations (20,000
// jobs x 4 operations on 40 machines, about eight months of work) with a
// 2x8 calendar, setups and resumable operations.
func BenchmarkCheck(b *testing.B) {
	p, s := bigPlant(b, 20000, 4, 40)
	if vs := Check(p, s); vs != nil {
		b.Fatalf("%d violations: %v", len(vs), vs[0])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Check(p, s)
	}
	b.ReportMetric(float64(len(s.Assignments)), "ops")
	b.ReportMetric(float64(Makespan(s))/(24*60), "days")
}

// BenchmarkCheckFT06 checks the optimal ft06 schedule.
func BenchmarkCheckFT06(b *testing.B) {
	p, s := ft06(), ft06Optimal()
	b.ReportAllocs()
	for b.Loop() {
		Check(p, s)
	}
}
