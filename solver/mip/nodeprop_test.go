package mip

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// randomJSP returns a job shop of n jobs visiting m machines in random
// orders with durations 1 to 9 (objective makespan).
func randomJSP(seed uint64, n, m int) *model.Problem {
	rng := rand.New(rand.NewPCG(seed, 3))
	p := &model.Problem{Name: "jsp" + strconv.FormatUint(seed, 10)}
	for i := 0; i < m; i++ {
		p.Machines = append(p.Machines, model.Machine{ID: "M" + strconv.Itoa(i)})
	}
	for j := 0; j < n; j++ {
		job := model.Job{ID: "J" + strconv.Itoa(j)}
		for _, k := range rng.Perm(m) {
			job.Operations = append(job.Operations, op("M"+strconv.Itoa(k), int64(1+rng.IntN(9))))
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p
}

// TestNodePropSound checks that the node propagation never prunes a node
// holding a feasible schedule and that its cuts hold for that schedule: on
// the tiny cases and small job shops, with an optimal schedule (brute
// force) and the greedy one, at random nodes around the schedule's
// solution vector (some binaries fixed at their values, bounds of the
// other variables narrowed around theirs).
func TestNodePropSound(t *testing.T) {
	type tcase struct {
		name string
		p    *model.Problem
	}
	var cases []tcase
	for _, tc := range tinyCases() {
		cases = append(cases, tcase{tc.name, tc.p})
	}
	for seed := uint64(1); seed <= 3; seed++ {
		cases = append(cases, tcase{"jsp" + strconv.FormatUint(seed, 10), randomJSP(seed, 3, 3)})
		flex := smallPlant(seed, 3, 3, true)
		flex.Objective = model.Single(model.Makespan)
		cases = append(cases, tcase{"flexible" + strconv.FormatUint(seed, 10), flex})
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj := tc.p.Objective.Normalized()
			_, best := bruteForce(tc.p, obj)
			for si, s := range []*schedule.Schedule{best, greedyHint(tc.p, obj)} {
				if s == nil {
					continue
				}
				f, err := Build(tc.p, obj, BuildOptions{Hint: s})
				if err != nil {
					t.Fatal(err)
				}
				np := f.node
				xs := f.Start
				if v, where := f.Model.Violation(xs); v > 1e-6 {
					t.Fatalf("schedule %d violates %s by %g", si, where, v)
				}
				n := len(f.Model.Vars)
				lo, hi, x := make([]float64, n), make([]float64, n), make([]float64, n)
				cuts := 0
				for trial := 0; trial < 300; trial++ {
					for v, mv := range f.Model.Vars {
						lo[v], hi[v] = mv.Lo, mv.Hi
						switch {
						case mv.Integer && mv.Lo == 0 && mv.Hi == 1:
							if rng.IntN(2) == 0 {
								lo[v], hi[v] = xs[v], xs[v]
							}
						case rng.IntN(3) == 0:
							lo[v] = max(lo[v], xs[v]-float64(rng.IntN(4)))
							hi[v] = min(hi[v], xs[v]+float64(rng.IntN(4)))
						}
						// an arbitrary LP point within the bounds
						l, h := max(lo[v], -1e6), min(hi[v], 1e6)
						x[v] = l + rng.Float64()*(h-l)
					}
					cs, infeasible := np.Cuts(&lp.Node{Lo: lo, Hi: hi, X: x, Incumbent: math.Inf(1)})
					if infeasible {
						t.Fatalf("schedule %d: trial %d: a node holding the schedule was pruned", si, trial)
					}
					for _, c := range cs {
						cuts++
						var sum float64
						for _, tm := range c.Terms {
							sum += tm.Coef * xs[tm.Var]
						}
						bad := c.Sense == 0 && sum > c.RHS+1e-6 || c.Sense == 1 && sum < c.RHS-1e-6 || c.Sense == 2 && math.Abs(sum-c.RHS) > 1e-6
						if bad {
							t.Fatalf("schedule %d: trial %d: cut %v %v %v violated by the schedule (%v)", si, trial, c.Terms, c.Sense, c.RHS, sum)
						}
					}
				}
				t.Logf("schedule %d: %d cuts over 300 nodes", si, cuts)
			}
		})
	}
}
