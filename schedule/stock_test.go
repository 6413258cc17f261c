package schedule_test

import (
	"context"
	"math"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// at returns the curve's quantity at tick t.
func at(c *schedule.StockCurve, t int64) float64 {
	q := 0.0
	for _, pt := range c.Points {
		if pt.At > t {
			break
		}
		q = pt.Quantity
	}
	return q
}

// TestStockCurvesRecomputed holds the stock curves of plans of random
// plants against a direct count: at every instant something changes (and
// just before it), a material's stock is its initial stock plus the
// receipts, minus what operations started so far consumed, plus what those
// ended so far produced.
func TestStockCurvesRecomputed(t *testing.T) {
	plans := 0
	for seed := uint64(1); seed <= 40 && plans < 12; seed++ {
		p := instance.RandomPlant(seed)
		r, err := dispatch.Best(context.Background(), p, solver.Options{Objective: model.Single(model.WeightedTardiness), Seed: 1, WorkLimit: 20})
		if err != nil || r.Schedule == nil {
			continue
		}
		s := r.Schedule
		if v := schedule.Check(p, s); len(v) > 0 {
			t.Fatalf("seed %d: infeasible plan: %v", seed, v[0])
		}
		plans++
		st := schedule.ComputeStock(p, s)
		if len(st.Materials) != len(p.Materials) {
			t.Fatalf("seed %d: %d curves for %d materials", seed, len(st.Materials), len(p.Materials))
		}
		times := []int64{0}
		for _, a := range s.Assignments {
			times = append(times, a.Start, a.Start-1, a.End, a.End-1)
		}
		for m := range p.Materials {
			mat := &p.Materials[m]
			for _, rc := range mat.Receipts {
				times = append(times, rc.At, rc.At-1)
			}
			c := &st.Materials[m]
			for _, tt := range times {
				if tt < 0 {
					continue
				}
				want := mat.Initial
				for _, rc := range mat.Receipts {
					if rc.At <= tt {
						want += rc.Quantity
					}
				}
				for _, a := range s.Assignments {
					op := &p.Jobs[a.Job].Operations[a.Op]
					for _, q := range op.Consumes {
						if q.Material == mat.ID && a.Start <= tt {
							want -= q.Quantity
						}
					}
					for _, q := range op.Produces {
						if q.Material == mat.ID && a.End <= tt {
							want += q.Quantity
						}
					}
				}
				if got := at(c, tt); math.Abs(got-want) > 1e-6 {
					t.Fatalf("seed %d: material %s at %d: curve %g, count %g", seed, mat.ID, tt, got, want)
				}
				if want < -1e-6 {
					t.Fatalf("seed %d: a checked plan has a shortage of %s at %d", seed, mat.ID, tt)
				}
			}
			if c.Shortage != -1 {
				t.Errorf("seed %d: material %s: shortage at %d in a checked plan", seed, mat.ID, c.Shortage)
			}
			peak := mat.Initial
			for _, tt := range times {
				if tt >= 0 {
					peak = max(peak, at(c, tt))
				}
			}
			if math.Abs(peak-c.Peak) > 1e-6 {
				t.Errorf("seed %d: material %s: peak %g, count %g", seed, mat.ID, c.Peak, peak)
			}
		}
		// Finished orders and WIP: count at each completion and due date.
		comp := map[int]int64{}
		first := map[int]int64{}
		for _, a := range s.Assignments {
			comp[a.Job] = max(comp[a.Job], a.End)
			if f, ok := first[a.Job]; !ok || a.SetupStart < f {
				first[a.Job] = a.SetupStart
			}
		}
		for _, tt := range times {
			if tt < 0 {
				continue
			}
			var fin, wip float64
			for j := range p.Jobs {
				if d := p.Jobs[j].Due; d != nil && comp[j] <= tt && tt < *d {
					fin++
				}
				if first[j] <= tt && tt < comp[j] {
					wip++
				}
			}
			if got := at(&st.Finished, tt); got != fin {
				t.Fatalf("seed %d: finished orders at %d: curve %g, count %g", seed, tt, got, fin)
			}
			if got := at(&st.WIP, tt); got != wip {
				t.Fatalf("seed %d: WIP at %d: curve %g, count %g", seed, tt, got, wip)
			}
		}
	}
	if plans < 5 {
		t.Fatalf("only %d random plants were planned", plans)
	}
}
