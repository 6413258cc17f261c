package tabu

import (
	"sort"
	"testing"

	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

func loadInstance(t testing.TB, name string) *model.Problem {
	t.Helper()
	return testinst.Load(t, name)
}

// checkSchedule runs schedule.Check on s, then a test-local, independent
// feasibility check for the features the tabu search supports (job order with lags 0, releases, one
// operation at a time per machine, fixed placements), returning the
// makespan.
func checkSchedule(t testing.TB, p *model.Problem, s *schedule.Schedule) int64 {
	t.Helper()
	if err := schedule.Verify(p, s); err != nil {
		t.Fatalf("schedule.Check: %v", err)
	}
	x := p.NewIndex()
	type key struct{ j, k int }
	got := map[key]schedule.Assignment{}
	for _, a := range s.Assignments {
		if _, dup := got[key{a.Job, a.Op}]; dup {
			t.Fatalf("operation %d/%d assigned twice", a.Job, a.Op)
		}
		got[key{a.Job, a.Op}] = a
	}
	byMachine := map[int][]schedule.Assignment{}
	cmax := int64(0)
	for j, job := range p.Jobs {
		prevEnd := int64(-1 << 62)
		for k, op := range job.Operations {
			a, ok := got[key{j, k}]
			if !ok {
				t.Fatalf("operation %d/%d not assigned", j, k)
			}
			if f := op.Fixed; f != nil {
				if a.Machine != x.Machines[f.Machine] || a.Start != f.Start || a.End != f.End || a.SetupStart != f.SetupStart {
					t.Fatalf("fixed operation %d/%d moved: %+v", j, k, a)
				}
			} else {
				if a.Machine != x.Machines[op.Alternatives[0].Machine] {
					t.Fatalf("operation %d/%d on wrong machine", j, k)
				}
				if a.End-a.Start != op.Alternatives[0].ProcessingTime(job.Quantity) {
					t.Fatalf("operation %d/%d wrong duration", j, k)
				}
				if a.Start < job.Release {
					t.Fatalf("operation %d/%d starts %d before release %d", j, k, a.Start, job.Release)
				}
				if a.SetupStart != a.Start {
					t.Fatalf("operation %d/%d has a setup", j, k)
				}
			}
			if a.Start < prevEnd {
				t.Fatalf("operation %d/%d starts %d before its predecessor ends %d", j, k, a.Start, prevEnd)
			}
			prevEnd = a.End
			byMachine[a.Machine] = append(byMachine[a.Machine], a)
			cmax = max(cmax, a.End)
		}
	}
	if len(got) != p.NumOperations() {
		t.Fatalf("%d assignments for %d operations", len(got), p.NumOperations())
	}
	for m, as := range byMachine {
		sort.Slice(as, func(a, b int) bool {
			if as[a].Start != as[b].Start {
				return as[a].Start < as[b].Start
			}
			return as[a].End < as[b].End
		})
		for i := 1; i < len(as); i++ {
			if as[i].Start < as[i-1].End {
				t.Fatalf("machine %d: overlap %+v %+v", m, as[i-1], as[i])
			}
		}
	}
	return cmax
}
