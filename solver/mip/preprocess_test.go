package mip

import (
	"context"
	"slices"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

// issue12Plant is the plant of issue 12 (gen plant --orders 25 --machines 6
// --ops 6 --release-window 5 --seed 12) without materials, operators,
// setups and resumable operations: 150 operations whose shaving used to
// take minutes.
func issue12Plant() *model.Problem {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 12, Orders: 25, Machines: 6, OpsPerOrder: 6, ReleaseWindow: 5, Materials: -1, Operators: -1})
	p.Materials, p.OperatorPools, p.SetupMatrices = nil, nil, nil
	for m := range p.Machines {
		p.Machines[m].SetupMatrix = ""
	}
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			op := &p.Jobs[j].Operations[k]
			op.Consumes, op.Produces, op.Operators, op.SetupFamily, op.Resumable = nil, nil, nil, "", false
		}
	}
	return p
}

func windows(f *Formulation) []int64 {
	var w []int64
	for _, op := range f.ops {
		w = append(w, op.es, op.le)
	}
	return w
}

// TestPreprocessWorkBounded: the shaving of the issue's plant stops within
// its work limit, deterministically (two builds give the same windows).
func TestPreprocessWorkBounded(t *testing.T) {
	p := issue12Plant()
	if is := p.Validate(); is != nil {
		t.Fatal(is)
	}
	var works []int64
	prepWorkHook = func(w int64) { works = append(works, w) }
	defer func() { prepWorkHook = nil }()
	f1, err := Build(p, p.Objective, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f2, err := Build(p, p.Objective, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(works) != 2 {
		t.Fatalf("the shaving ran %d times, want 2", len(works))
	}
	if works[0] != works[1] || !slices.Equal(windows(f1), windows(f2)) {
		t.Errorf("two builds differ: work %v, windows equal %v", works, slices.Equal(windows(f1), windows(f2)))
	}
	// the limit is checked between steps: one propagation may overshoot
	if limit := int64(2 * ShaveWork); works[0] > limit {
		t.Errorf("preprocessing work %d, above twice the shaving limit %d", works[0], limit)
	}
}

// TestPreprocessCanceled: with a done context, Build does no propagation
// work and still returns a valid (looser) formulation.
func TestPreprocessCanceled(t *testing.T) {
	p := issue12Plant()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var works []int64
	prepWorkHook = func(w int64) { works = append(works, w) }
	defer func() { prepWorkHook = nil }()
	f, err := Build(p, p.Objective, BuildOptions{Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	if f.Model == nil || len(f.ops) != 150 {
		t.Fatalf("no model or %d operations", len(f.ops))
	}
	if len(works) != 1 || works[0] > int64(2*len(f.ops)) {
		t.Errorf("work with a canceled context: %v, want at most one pass of heads and tails", works)
	}
	// the windows still hold every operation's duration
	for i, op := range f.ops {
		if op.le-op.pmin < op.es {
			t.Errorf("operation %d has an empty window [%d, %d) for %d", i, op.es, op.le, op.pmin)
		}
	}
}
