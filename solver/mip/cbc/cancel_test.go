//go:build cbc

package cbc

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// marketSplit returns a market-split feasibility problem (Cornuéjols and
// Dawande 1998): rows sum_j a_ij x_j = b_i over binaries, which branch and
// bound takes very long to settle.
func marketSplit(rows, cols int, seed uint64) *lp.Model {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := &lp.Model{Name: "split"}
	for j := 0; j < cols; j++ {
		m.AddBinary("x" + strconv.Itoa(j))
	}
	for i := 0; i < rows; i++ {
		var t []lp.Term
		var sum float64
		for j := 0; j < cols; j++ {
			a := float64(rng.IntN(100))
			sum += a
			t = append(t, lp.Term{Var: j, Coef: a})
		}
		m.AddCons("r"+strconv.Itoa(i), t, lp.EQ, float64(int(sum/2)))
	}
	return m
}

// countingGen counts its calls and adds nothing.
type countingGen struct{ calls int }

func (g *countingGen) Cuts(n *lp.Node) ([]lp.Constraint, bool) {
	g.calls++
	return nil, false
}

// TestCancelStopsSolve cancels a long solve and checks that CBC itself
// stops (not only Solve) well before its time limit.
func TestCancelStopsSolve(t *testing.T) {
	for _, withGen := range []bool{false, true} {
		t.Run("generator="+strconv.FormatBool(withGen), func(t *testing.T) {
			m := marketSplit(4, 40, 1)
			p := lp.Params{TimeLimit: time.Minute}
			gen := &countingGen{}
			if withGen {
				p.Cuts = gen
			}
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			t0 := time.Now()
			_, err := New().Solve(ctx, m, p)
			if err == nil {
				t.Skip("the market-split model was solved before the cancellation")
			}
			if err != context.DeadlineExceeded {
				t.Fatalf("err = %v, want the context's error", err)
			}
			// Solve waits at most StopWait after the cancellation (with
			// some slack for a loaded machine).
			if d := time.Since(t0); d > 500*time.Millisecond+StopWait+5*time.Second {
				t.Fatalf("Solve returned after %v", d)
			}
			for running.Load() != 0 && time.Since(t0) < 30*time.Second {
				time.Sleep(10 * time.Millisecond)
			}
			if n := running.Load(); n != 0 {
				t.Fatalf("%d CBC solves still running %v after the cancellation", n, time.Since(t0))
			}
			if withGen && gen.calls == 0 {
				t.Fatal("the cut generator was never called")
			}
		})
	}
}

// parityGen proves that no node holds an integer point of 2a+2b+2c = 3.
type parityGen struct{ calls int }

func (g *parityGen) Cuts(n *lp.Node) ([]lp.Constraint, bool) {
	g.calls++
	return nil, true
}

// halfGen adds the cut c >= 1, valid when c >= 0.5 and c is binary.
type halfGen struct{ c, calls int }

func (g *halfGen) Cuts(n *lp.Node) ([]lp.Constraint, bool) {
	g.calls++
	if n.X[g.c] > 1-1e-9 {
		return nil, false
	}
	return []lp.Constraint{{Terms: []lp.Term{{Var: g.c, Coef: 1}}, Sense: lp.GE, RHS: 1}}, false
}

// panicky fails.
type panicky struct{}

func (panicky) Cuts(n *lp.Node) ([]lp.Constraint, bool) { panic("boom") }

func TestCutGenerator(t *testing.T) {
	// max 5a+4b+3c s.t. 2a+3b+c <= 5, c >= 0.5 (the optimum -8+1 = -7
	// needs c = 1 and then leaves no room for b).
	knap := func() *lp.Model {
		m := &lp.Model{Name: "knap"}
		a, b, c := m.AddBinary("a"), m.AddBinary("b"), m.AddBinary("c")
		m.Vars[a].Obj, m.Vars[b].Obj, m.Vars[c].Obj = -5, -4, -3
		m.AddCons("cap", []lp.Term{{Var: a, Coef: 2}, {Var: b, Coef: 3}, {Var: c, Coef: 1}}, lp.LE, 5)
		m.AddCons("half", []lp.Term{{Var: c, Coef: 1}}, lp.GE, 0.5)
		m.ObjConst = 1
		return m
	}
	half := &halfGen{c: 2}
	sol, err := New().Solve(context.Background(), knap(), lp.Params{Cuts: half})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.Optimal || sol.Objective != -7 || sol.Values[2] != 1 {
		t.Fatalf("with c >= 1 cuts: %v %v %v, want optimal -7 with c = 1", sol.Status, sol.Objective, sol.Values)
	}
	t.Logf("knapsack: the generator was called %d times", half.calls)
	parity := &lp.Model{Name: "parity"}
	var terms []lp.Term
	for _, n := range []string{"a", "b", "c"} {
		terms = append(terms, lp.Term{Var: parity.AddBinary(n), Coef: 2})
	}
	parity.AddCons("odd", terms, lp.EQ, 3)
	gen := &parityGen{}
	sol, err = New().Solve(context.Background(), parity, lp.Params{Cuts: gen})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.Infeasible {
		t.Fatalf("parity: status %v, want infeasible", sol.Status)
	}
	t.Logf("parity: the generator was called %d times", gen.calls)
	if _, err := New().Solve(context.Background(), parity, lp.Params{Cuts: panicky{}}); err == nil {
		t.Fatal("a panicking generator gave no error")
	}
}

// incumbentGen records the incumbents it is shown.
type incumbentGen struct{ seen []float64 }

func (g *incumbentGen) Cuts(n *lp.Node) ([]lp.Constraint, bool) {
	if !math.IsInf(n.Incumbent, 1) {
		g.seen = append(g.seen, n.Incumbent)
	}
	return nil, false
}

// TestIncumbentShown checks that the cut generator sees the objective of
// CBC's incumbents (objective constant included): never below the
// optimum.
func TestIncumbentShown(t *testing.T) {
	// A strongly correlated knapsack, which takes some branching.
	rng := rand.New(rand.NewPCG(5, 6))
	m := &lp.Model{Name: "corr", ObjConst: 10}
	var terms []lp.Term
	var wsum float64
	for j := 0; j < 60; j++ {
		w := float64(10 + rng.IntN(90))
		v := m.AddBinary("x" + strconv.Itoa(j))
		m.Vars[v].Obj = -(w + 10)
		terms = append(terms, lp.Term{Var: v, Coef: w})
		wsum += w
	}
	m.AddCons("cap", terms, lp.LE, math.Floor(wsum/2)+0.5)
	gen := &incumbentGen{}
	sol, err := New().Solve(context.Background(), m, lp.Params{Cuts: gen, TimeLimit: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.Optimal {
		t.Fatalf("status %v", sol.Status)
	}
	if len(gen.seen) == 0 {
		t.Fatalf("no incumbent shown to the generator (%d nodes)", sol.Nodes)
	}
	for _, v := range gen.seen {
		if v < sol.Objective-1e-6 {
			t.Fatalf("incumbent %v shown, below the optimum %v", v, sol.Objective)
		}
	}
	t.Logf("%d nodes, incumbents from %v to %v, optimum %v", sol.Nodes, gen.seen[0], gen.seen[len(gen.seen)-1], sol.Objective)
}
