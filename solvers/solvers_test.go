package solvers_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

type nopSolver struct{}

func (nopSolver) Solve(context.Context, *model.Problem, solver.Options) (*solver.Result, error) {
	return &solver.Result{}, nil
}

func TestTable(t *testing.T) {
	want := []string{"dispatch", "dispatch:best", "tabu", "ga", "mip", "mip:exec", "mip:cbc", "mip:lpsolve"}
	for _, r := range dispatch.Rules() {
		want = append(want, "dispatch:"+r.Name)
	}
	names := solvers.Names()
	for _, n := range want {
		if !slices.Contains(names, n) {
			t.Errorf("%s is not in the table (%v)", n, names)
		}
	}
	if !slices.IsSorted(names) || len(solvers.List()) != len(names) {
		t.Errorf("names %v not sorted or List of another length", names)
	}
	for _, info := range solvers.List() {
		if info.Description == "" || info.New == nil {
			t.Errorf("%s: info %+v", info.Name, info)
			continue
		}
		// The Info is the solver's own Spec: what --list says is what
		// Solve checks.
		s, ok := info.New().(solvers.Solver)
		if !ok {
			t.Errorf("%s does not say what it accepts (no Spec method)", info.Name)
			continue
		}
		spec := s.Spec()
		if spec.Name != info.Name || spec.Features != info.Features || !slices.Equal(spec.Objectives, info.Objectives) || !slices.Equal(spec.Limits, info.Limits) {
			t.Errorf("%s: info %+v differs from the solver's spec %+v", info.Name, info.Spec, spec)
		}
		if (len(spec.Limits) > 0) != (spec.Check != nil) {
			t.Errorf("%s: limits %q but check %v", info.Name, spec.Limits, spec.Check != nil)
		}
	}
	tabu, _ := solvers.Lookup("tabu")
	if tabu.Features.Has(model.FeatAlternatives) || !slices.Equal(tabu.Objectives, []model.Criterion{model.Makespan}) || len(tabu.Limits) == 0 {
		t.Errorf("tabu: %+v", tabu.Spec)
	}
	mip, _ := solvers.Lookup("mip")
	if !strings.Contains(mip.Accepts(), "release date") || !strings.Contains(mip.Accepts(), "setup") {
		t.Errorf("mip does not say it refuses release dates with setups: %s", mip.Accepts())
	}
}

func TestGetAndRegister(t *testing.T) {
	s, err := solvers.Get("dispatch:atc")
	if err != nil || s == nil {
		t.Fatalf("Get(dispatch:atc) = %v, %v", s, err)
	}
	_, err = solvers.Get("nope")
	if err == nil || !strings.Contains(err.Error(), `unknown solver "nope"`) || !strings.Contains(err.Error(), "tabu") {
		t.Errorf("err = %v, want an unknown-solver error listing the names", err)
	}
	solvers.Register(solvers.Info{Spec: solver.Spec{Name: "test:nop", Description: "does nothing"}, New: func() solver.Solver { return nopSolver{} }})
	if info, ok := solvers.Lookup("test:nop"); !ok || info.Description != "does nothing" {
		t.Errorf("Lookup(test:nop) = %+v, %v", info, ok)
	}
	panics := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", name)
			}
		}()
		f()
	}
	panics("duplicate", func() {
		solvers.Register(solvers.Info{Spec: solver.Spec{Name: "test:nop"}, New: func() solver.Solver { return nopSolver{} }})
	})
	panics("built-in name", func() {
		solvers.Register(solvers.Info{Spec: solver.Spec{Name: "tabu"}, New: func() solver.Solver { return nopSolver{} }})
	})
	panics("nil New", func() { solvers.Register(solvers.Info{Spec: solver.Spec{Name: "test:nil"}}) })
}

// TestRefusedBeforeWork: a problem a solver's Spec refuses is refused
// with ErrUnsupported by the solver itself.
func TestRefusedBeforeWork(t *testing.T) {
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M", SetupMatrix: "S"}},
		SetupMatrices: []model.SetupMatrix{{ID: "S", Default: 2}},
		Jobs: []model.Job{
			{ID: "A", Release: 3, Operations: []model.Operation{{SetupFamily: "x", Alternatives: []model.Alternative{{Machine: "M", Duration: 3}}}}},
			{ID: "B", Operations: []model.Operation{{SetupFamily: "y", Alternatives: []model.Alternative{{Machine: "M", Duration: 2}}}}},
		},
	}
	info, _ := solvers.Lookup("mip:exec")
	if err := info.Supports(p, model.Objective{}); !errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), "release date") {
		t.Fatalf("Supports = %v, want ErrUnsupported naming the release date", err)
	}
	if _, err := info.New().Solve(context.Background(), p, solver.Options{}); !errors.Is(err, solver.ErrUnsupported) {
		t.Errorf("Solve err = %v, want ErrUnsupported", err)
	}
}
