package execsolver

import (
	"context"
	"errors"
	"math"
	"strings"
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

// TestForLpSolve checks the model given to lp_solve: the columns in no
// constraint are left out at their best bound (rounded inwards when
// integer; kept when that bound is infinite) and the objective constant is
// dropped, and the values map back so that the objective is m's.
func TestForLpSolve(t *testing.T) {
	m := &lp.Model{Name: "cols"}
	x := m.AddVar("x", 0, 10, true, 1)
	m.AddVar("K", 1, 1, false, 5)               // the writers' OBJ_CONST shape
	m.AddVar("up", 0.5, 7.5, true, -2)          // negative cost: upper bound, rounded down
	m.AddVar("down", 0.5, 7.5, true, 3)         // positive cost: lower bound, rounded up
	m.AddVar("zero", math.Inf(-1), 4, false, 0) // no cost: a finite bound
	m.AddVar("free", math.Inf(-1), 2, false, 1) // best bound infinite: kept
	y := m.AddVar("y", 0, 3, false, -1)
	m.AddCons("c", []lp.Term{{Var: x, Coef: 1}, {Var: y, Coef: 1}}, lp.GE, 2)
	m.ObjConst = 4
	out, full, err := forLpSolve(m)
	if err != nil {
		t.Fatal(err)
	}
	if out.ObjConst != 0 {
		t.Errorf("objective constant %v passed to lp_solve", out.ObjConst)
	}
	var names []string
	for _, v := range out.Vars {
		names = append(names, v.Name)
	}
	if got := strings.Join(names, " "); got != "x free y" {
		t.Fatalf("columns %q, want \"x free y\"", got)
	}
	if c := out.Cons[0]; len(c.Terms) != 2 || c.Terms[0].Var != 0 || c.Terms[1].Var != 2 {
		t.Fatalf("constraint terms %+v not remapped", c.Terms)
	}
	v := full([]float64{2, -1, 3})
	want := []float64{2, 1, 7, 1, 4, -1, 3}
	for i := range want {
		if v[i] != want[i] {
			t.Fatalf("values %v, want %v", v, want)
		}
	}
	if got := m.Objective(v); got != 4+2+5-14+3+0-1-3 {
		t.Fatalf("objective %v", got)
	}
}
