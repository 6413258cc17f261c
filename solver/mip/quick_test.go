package mip

import (
	"context"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip/execsolver"
)

func TestQuickFt06(t *testing.T) {
	p, _ := parseJSP("ft06", ft06)
	for _, prog := range []string{"cbc", "glpsol", "lp_solve"} {
		s := &Solver{Name: "mip:exec", Backend: execsolver.New(prog)}
		t0 := time.Now()
		r, err := s.Solve(context.Background(), p, solver.Options{TimeLimit: 60 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: status %v obj %v bound %v in %v", prog, r.Status, r.Objective, r.Bound, time.Since(t0))
	}
}
