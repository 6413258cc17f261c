// Package lptest is the small conformance test every MIP backend
// (lp.Backend) runs: a knapsack it must solve to optimality with a matching
// bound, and an infeasible variant it must recognise.
package lptest

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// Knapsack returns max 5a+4b+3c (as min of the negation, plus a constant 1)
// subject to 2a+3b+c <= 5 with binary a, b, c: the optimum is a=b=1, c=0,
// objective -9+1 = -8.
func Knapsack() *lp.Model {
	m := &lp.Model{Name: "knap"}
	a := m.AddBinary("a")
	b := m.AddBinary("b")
	c := m.AddBinary("c")
	m.Vars[a].Obj, m.Vars[b].Obj, m.Vars[c].Obj = -5, -4, -3
	m.AddCons("cap", []lp.Term{{Var: a, Coef: 2}, {Var: b, Coef: 3}, {Var: c, Coef: 1}}, lp.LE, 5)
	m.ObjConst = 1
	return m
}

// Run checks backend be. When available is false, be must fail with an error
// wrapping lp.ErrUnavailable and the test is skipped (why says what is
// missing, e.g. "built without the cbc tag").
func Run(t *testing.T, be lp.Backend, available bool, why string) {
	t.Helper()
	sol, err := be.Solve(context.Background(), Knapsack(), lp.Params{TimeLimit: 10 * time.Second})
	if !available {
		if !errors.Is(err, lp.ErrUnavailable) {
			t.Fatalf("%s unavailable: err = %v, want ErrUnavailable", be.Name(), err)
		}
		t.Skip(why)
	}
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.Optimal || math.Abs(sol.Objective-(-8)) > 1e-9 || math.Abs(sol.Bound-(-8)) > 1e-9 {
		t.Fatalf("%s: got %v obj %v bound %v, want optimal -8", be.Name(), sol.Status, sol.Objective, sol.Bound)
	}
	m := Knapsack()
	m.AddCons("all", []lp.Term{{Var: 0, Coef: 1}, {Var: 1, Coef: 1}, {Var: 2, Coef: 1}}, lp.GE, 3)
	sol, err = be.Solve(context.Background(), m, lp.Params{})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.Infeasible {
		t.Fatalf("%s: status %v, want infeasible", be.Name(), sol.Status)
	}
}
