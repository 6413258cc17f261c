package mip_test

import (
	"bufio"
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip"
	"github.com/ordo-sched/ordo/solver/solvertest"
	"github.com/ordo-sched/ordo/solvers"
)

func mipOrSkip(t *testing.T) solver.Solver {
	t.Helper()
	if _, err := mip.Select(); err != nil {
		t.Skip(err)
	}
	s, err := solvers.Get("mip")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPlantOptimumNeverBeaten solves small plants (10 orders, 4 machines,
// release and due dates, weighted tardiness) to optimality and checks that
// no other registered solver supporting the problem finds a better
// schedule. No time limit: the MIP runs to its proof and the other solvers
// to a work limit, so that a slow machine gives the same verdict.
func TestPlantOptimumNeverBeaten(t *testing.T) {
	s := mipOrSkip(t)
	for _, seed := range []uint64{1, 3} {
		p := mip.SmallPlant(seed, 10, 4, false)
		obj := p.Objective
		r, err := s.Solve(context.Background(), p, solver.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := schedule.Verify(p, r.Schedule); err != nil {
			t.Fatal(err)
		}
		if r.Status != solver.Optimal {
			t.Fatalf("%s: status %v, want optimal", p.Name, r.Status)
		}
		t.Logf("%s: MIP optimum %v", p.Name, r.Objective)
		for _, info := range solvers.List() {
			if strings.HasPrefix(info.Name, "mip") {
				continue
			}
			if info.Supports(p, obj) != nil {
				continue
			}
			o, err := info.New().Solve(context.Background(), p, solver.Options{WorkLimit: 20_000, Seed: 1})
			if errors.Is(err, solver.ErrUnsupported) {
				continue
			}
			if err != nil {
				t.Fatalf("%s on %s: %v", info.Name, p.Name, err)
			}
			if o.Schedule == nil {
				continue
			}
			if err := schedule.Verify(p, o.Schedule); err != nil {
				t.Fatalf("%s: %v", info.Name, err)
			}
			v := schedule.Evaluate(p, o.Schedule, obj)
			if v < r.Objective-1e-9 {
				t.Errorf("%s beats the proven MIP optimum on %s: %v < %v", info.Name, p.Name, v, r.Objective)
			}
		}
	}
}

// TestExportedLPSolvedByCbc exports a plant's model as an LP file, solves
// it with the cbc program and compares the optimum with Solve's.
func TestExportedLPSolvedByCbc(t *testing.T) {
	cbcPath, err := exec.LookPath("cbc")
	if err != nil {
		t.Skip("cbc not on PATH")
	}
	s := mipOrSkip(t)
	p := mip.SmallPlant(1, 10, 4, false)
	r, err := s.Solve(context.Background(), p, solver.Options{}) // to the proof: no clock
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != solver.Optimal {
		t.Fatalf("status %v", r.Status)
	}
	for _, format := range []string{"lp", "mps"} {
		dir := t.TempDir()
		file := filepath.Join(dir, "plant."+format)
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := mip.Export(p, model.Objective{}, format, f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		sol := filepath.Join(dir, "plant.sol")
		out, err := exec.Command(cbcPath, file, "-sec", "60", "-solve", "-solu", sol).CombinedOutput()
		if err != nil {
			t.Fatalf("cbc: %v\n%s", err, out)
		}
		fh, err := os.Open(sol)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Scan()
		head := sc.Text()
		fh.Close()
		if !strings.HasPrefix(head, "Optimal") {
			t.Fatalf("%s: cbc solution header %q", format, head)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(head[strings.Index(head, "objective value")+len("objective value"):]), 64)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v-r.Objective) > 1e-6 {
			t.Fatalf("%s: cbc optimum of the exported file %v, Solve %v", format, v, r.Objective)
		}
	}
}

func TestConformance(t *testing.T) {
	if _, err := mip.Select(); err != nil {
		t.Skip(err)
	}
	solvertest.Run(t, solvertest.Config{
		New:       func() solver.Solver { return &mip.Solver{Name: "mip"} },
		Features:  mip.Features,
		WorkLimit: 2000, // branch-and-bound nodes
		TimeLimit: 5 * time.Second,
	})
}
