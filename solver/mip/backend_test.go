package mip

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
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

// TestBoundIsLowerBound stops the backends that honour a node limit (CBC,
// in-process and on PATH) after one node on ft06 (optimum 55) and the
// tiny cases, directly on the formulation and through Solve, and requires
// every bound they report to be at most the optimum and every schedule at
// least it. The other backends run the tiny cases to the end with the
// same checks.
func TestBoundIsLowerBound(t *testing.T) {
	bs := backends()
	if len(bs) == 0 {
		t.Skip("no MIP backend available")
	}
	type inst struct {
		name string
		p    *model.Problem
		want float64
	}
	var insts []inst
	for _, tc := range tinyCases() {
		want, _ := bruteForce(tc.p, tc.p.Objective.Normalized())
		insts = append(insts, inst{tc.name, tc.p, want})
	}
	ft06 := inst{"ft06", testinst.FT06(), 55}
	for _, b := range bs {
		limited := strings.Contains(b.name, "cbc")
		list := insts
		if limited {
			list = append(list, ft06)
		}
		for _, in := range list {
			t.Run(in.name+"/"+b.name, func(t *testing.T) {
				obj := in.p.Objective.Normalized()
				f, err := Build(in.p, obj, BuildOptions{})
				if err != nil {
					t.Fatal(err)
				}
				sol, err := b.be.Solve(context.Background(), f.Model, lp.Params{NodeLimit: 1})
				if err != nil {
					t.Fatal(err)
				}
				if sol.Bound > in.want+1e-6 {
					t.Errorf("backend bound %v above the optimum %v (status %v)", sol.Bound, in.want, sol.Status)
				}
				if sol.Values != nil && sol.Objective < in.want-1e-6 {
					t.Errorf("backend objective %v below the optimum %v", sol.Objective, in.want)
				}
				s := &Solver{Name: "mip", Backend: b.be, HintSolver: &countingSolver{}}
				r, err := s.Solve(context.Background(), in.p, solver.Options{WorkLimit: 1})
				if err != nil {
					t.Fatal(err)
				}
				if r.Bound > in.want+1e-6 {
					t.Errorf("Solve bound %v above the optimum %v (status %v)", r.Bound, in.want, r.Status)
				}
				if r.Schedule != nil {
					if err := schedule.Verify(in.p, r.Schedule); err != nil {
						t.Fatal(err)
					}
					if r.Objective < in.want-1e-6 {
						t.Errorf("Solve objective %v below the optimum %v", r.Objective, in.want)
					}
				}
				if r.Status == solver.Optimal && math.Abs(r.Objective-in.want) > 1e-6 {
					t.Errorf("Solve claims %v optimal, the optimum is %v", r.Objective, in.want)
				}
			})
		}
	}
}
