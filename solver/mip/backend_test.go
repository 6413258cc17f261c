package mip

import (
	"context"
	"math"
	"testing"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// withConstColumn returns a copy of m whose objective constant is carried
// by a continuous column fixed at 1 that appears in no constraint (what
// the LP and MPS writers do with OBJ_CONST).
func withConstColumn(m *lp.Model) *lp.Model {
	c := *m
	c.Vars = append([]lp.Var(nil), m.Vars...)
	c.AddVar("K", 1, 1, false, m.ObjConst)
	c.ObjConst = 0
	return &c
}

// TestBackendsExactOptimum solves the formulations of the tiny cases
// directly (no hint, no cutoff) with every backend, also in the shape
// where the objective constant is a fixed continuous column in no
// constraint, and requires the optimum of brute force with a matching
// bound. lp_solve 5.5 derives from the objective a minimum improvement
// between incumbents (MIP_stepOF); with such a column it took it as
// infinite and returned its first incumbent as optimal.
func TestBackendsExactOptimum(t *testing.T) {
	bs := backends()
	if len(bs) == 0 {
		t.Skip("no MIP backend available")
	}
	for _, tc := range tinyCases() {
		obj := tc.p.Objective.Normalized()
		want, _ := bruteForce(tc.p, obj)
		f, err := Build(tc.p, obj, BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		models := []*lp.Model{f.Model}
		if f.Model.ObjConst != 0 {
			models = append(models, withConstColumn(f.Model))
		}
		for _, b := range bs {
			t.Run(tc.name+"/"+b.name, func(t *testing.T) {
				for i, m := range models {
					sol, err := b.be.Solve(context.Background(), m, lp.Params{})
					if err != nil {
						t.Fatal(err)
					}
					if sol.Status != lp.Optimal {
						t.Fatalf("model %d: status %v, want optimal", i, sol.Status)
					}
					if v, where := m.Violation(sol.Values); v > 1e-6 {
						t.Errorf("model %d: the solution violates %s by %g", i, where, v)
					}
					if math.Abs(sol.Objective-want) > 1e-6 || math.Abs(sol.Bound-want) > 1e-6 {
						t.Errorf("model %d: objective %v bound %v, brute force %v", i, sol.Objective, sol.Bound, want)
					}
					if s := f.Extract(sol.Values[:len(f.Model.Vars)]); check(tc.p, s) != nil {
						t.Errorf("model %d: the backend's solution gives no valid schedule: %v", i, check(tc.p, s))
					}
				}
			})
		}
	}
}
