package lpsolve_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/solver/mip/lp"
	"github.com/ordo-sched/ordo/solver/mip/lpsolve"
)

// knapsack: maximise 5a+4b+3c (minimise the negation) with 2a+3b+c <= 5,
// a,b,c binary; optimum a=1,c=1... plus b? 2+3 = 5 -> a,b = 9; a,b,c = 6 > 5.
func smallModel() *lp.Model {
	m := &lp.Model{Name: "knap"}
	a := m.AddBinary("a")
	b := m.AddBinary("b")
	c := m.AddBinary("c")
	m.Vars[a].Obj, m.Vars[b].Obj, m.Vars[c].Obj = -5, -4, -3
	m.AddCons("cap", []lp.Term{{Var: a, Coef: 2}, {Var: b, Coef: 3}, {Var: c, Coef: 1}}, lp.LE, 5)
	m.ObjConst = 1
	return m
}

func TestSolveSmall(t *testing.T) {
	be := lpsolve.New()
	sol, err := be.Solve(context.Background(), smallModel(), lp.Params{TimeLimit: 10 * time.Second})
	if !lpsolve.Available {
		if !errors.Is(err, lp.ErrUnavailable) {
			t.Fatalf("stub: err = %v, want ErrUnavailable", err)
		}
		t.Skip("built without the lpsolve tag")
	}
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.Optimal || math.Abs(sol.Objective-(-8)) > 1e-9 || math.Abs(sol.Bound-(-8)) > 1e-9 {
		t.Fatalf("got %v obj %v bound %v, want optimal -8", sol.Status, sol.Objective, sol.Bound)
	}
}

func TestInfeasible(t *testing.T) {
	if !lpsolve.Available {
		t.Skip("built without the lpsolve tag")
	}
	m := smallModel()
	m.AddCons("all", []lp.Term{{Var: 0, Coef: 1}, {Var: 1, Coef: 1}, {Var: 2, Coef: 1}}, lp.GE, 3)
	sol, err := lpsolve.New().Solve(context.Background(), m, lp.Params{})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.Infeasible {
		t.Fatalf("status %v, want infeasible", sol.Status)
	}
}
