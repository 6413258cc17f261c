package execsolver

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// model: minimise 3 + x - 2y + z over x, y, z integer with
// x + y >= 2.5, y <= 4, x - y <= 1, z >= -3, 2z + x >= -5.
// Optimum: y = 4, x = 0, z = -2 (2z + x = -4 >= -5): 3 + 0 - 8 - 2 = -7.
func model() *lp.Model {
	m := &lp.Model{Name: "t"}
	x := m.AddVar("x", 0, 10, true, 1)
	y := m.AddVar("y", 0, 4, true, -2)
	z := m.AddVar("z", -3, math.Inf(1), true, 1)
	m.AddCons("c1", []lp.Term{{Var: x, Coef: 1}, {Var: y, Coef: 1}}, lp.GE, 2.5)
	m.AddCons("c2", []lp.Term{{Var: x, Coef: 1}, {Var: y, Coef: -1}}, lp.LE, 1)
	m.AddCons("c3", []lp.Term{{Var: z, Coef: 2}, {Var: x, Coef: 1}}, lp.GE, -5)
	m.ObjConst = 3
	return m
}

func TestPrograms(t *testing.T) {
	for _, prog := range Programs {
		t.Run(prog, func(t *testing.T) {
			b := New(prog)
			if err := b.Available(); err != nil {
				if !errors.Is(err, lp.ErrUnavailable) {
					t.Fatalf("err = %v, want ErrUnavailable", err)
				}
				t.Skip(err)
			}
			m := model()
			start := []float64{3, 2, 0} // feasible warm start
			sol, err := b.Solve(context.Background(), m, lp.Params{TimeLimit: 20 * time.Second, Start: start})
			if err != nil {
				t.Fatal(err)
			}
			if sol.Status != lp.Optimal || math.Abs(sol.Objective-(-7)) > 1e-6 || math.Abs(sol.Bound-(-7)) > 1e-6 {
				t.Fatalf("%v objective %v bound %v, want optimal -7", sol.Status, sol.Objective, sol.Bound)
			}
			if v, where := m.Violation(sol.Values); v > 1e-6 {
				t.Fatalf("solution violates %s by %g", where, v)
			}
			// infeasible
			m.AddCons("c4", []lp.Term{{Var: 0, Coef: 1}, {Var: 1, Coef: 1}}, lp.LE, 1)
			sol, err = b.Solve(context.Background(), m, lp.Params{TimeLimit: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if sol.Status != lp.Infeasible {
				t.Fatalf("status %v, want infeasible", sol.Status)
			}
		})
	}
}

func TestUnknownProgram(t *testing.T) {
	_, err := New("gurobi").Solve(context.Background(), model(), lp.Params{})
	if err == nil {
		t.Fatal("no error for an unknown program")
	}
}

func TestCancelled(t *testing.T) {
	b, err := Find()
	if err != nil {
		t.Skip(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Solve(ctx, model(), lp.Params{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
