package mip_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/ordo-sched/ordo/heuristics/tabu"
	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip"
	"github.com/ordo-sched/ordo/solver/mip/cbc"
	"github.com/ordo-sched/ordo/solver/mip/execsolver"
	"github.com/ordo-sched/ordo/solver/mip/lp"
	"github.com/ordo-sched/ordo/solver/mip/lpsolve"
	"github.com/ordo-sched/ordo/solvers"
)

// TestMeasure runs the long measurements of the closing note; it runs only
// when ORDO_MIP_MEASURE lists instance names (comma-separated), with
// ORDO_MIP_BACKENDS (cbc, lpsolve, exec:cbc, exec:glpsol, exec:lp_solve;
// default all available), ORDO_MIP_SECONDS (default 60) and ORDO_MIP_HINT
// (the registered solver giving the hint, default dispatch:best); with
// ORDO_MIP_NOHINT set no heuristic runs and the backend alone proves:
//
//	ORDO_MIP_MEASURE=ft10 go test -tags cbc,lpsolve -run Measure -v -timeout 1h ./solver/mip
func TestMeasure(t *testing.T) {
	names := os.Getenv("ORDO_MIP_MEASURE")
	if names == "" {
		t.Skip("set ORDO_MIP_MEASURE to run the measurements")
	}
	secs := 60 * time.Second
	if v := os.Getenv("ORDO_MIP_SECONDS"); v != "" {
		d, err := time.ParseDuration(v + "s")
		if err != nil {
			t.Fatal(err)
		}
		secs = d
	}
	all := map[string]lp.Backend{}
	if cbc.Available {
		all["cbc"] = cbc.New()
	}
	if lpsolve.Available {
		all["lpsolve"] = lpsolve.New()
	}
	for _, p := range execsolver.Programs {
		if b := execsolver.New(p); b.Available() == nil {
			all["exec:"+p] = b
		}
	}
	order := []string{"cbc", "lpsolve", "exec:cbc", "exec:glpsol", "exec:lp_solve"}
	if v := os.Getenv("ORDO_MIP_BACKENDS"); v != "" {
		order = strings.Split(v, ",")
	}
	for _, name := range strings.Split(names, ",") {
		p := testinst.Load(t, name)
		for _, bn := range order {
			be, ok := all[bn]
			if !ok {
				continue
			}
			s := &mip.Solver{Name: "mip", Backend: be, NoHint: os.Getenv("ORDO_MIP_NOHINT") != ""}
			if h := os.Getenv("ORDO_MIP_HINT"); h != "" {
				hs, err := solvers.Get(h)
				if err != nil {
					t.Fatal(err)
				}
				s.HintSolver = hs
			}
			t0 := time.Now()
			r, err := s.Solve(context.Background(), p, solver.Options{TimeLimit: secs})
			if err != nil {
				t.Errorf("%s %s: %v", name, bn, err)
				continue
			}
			if r.Schedule == nil {
				t.Logf("%-6s %-14s status=%-8v no schedule, bound=%v elapsed=%.1fs", name, bn, r.Status, r.Bound, time.Since(t0).Seconds())
				continue
			}
			if err := schedule.Verify(p, r.Schedule); err != nil {
				t.Errorf("%s %s: %v", name, bn, err)
			}
			t.Logf("%-6s %-14s status=%-8v objective=%v bound=%v elapsed=%.1fs", name, bn, r.Status, r.Objective, r.Bound, time.Since(t0).Seconds())
		}
	}
}
