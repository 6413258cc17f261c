package tabu

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
)

func mustView(t *testing.T, p *model.Problem) *View {
	t.Helper()
	c, err := engine.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	v, err := NewView(c)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Improve from the built-in rule's sequence is the search Solve runs
// without a dispatching start: same makespan, work and iterations.
func TestImproveIsSolvesSearch(t *testing.T) {
	p := testinst.FT10()
	v := mustView(t, p)
	for _, seed := range []uint64{1, 5} {
		res, err := New(Params{NoInitial: true}).Solve(context.Background(), p, solver.Options{WorkLimit: 100_000, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		start := v.in.mwkr()
		out, err := Improve(context.Background(), v, start, Params{}, Limits{Work: 100_000, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		s := v.in.schedule(out.Start)
		if c := checkSchedule(t, p, s); c != out.Makespan {
			t.Fatalf("seed %d: schedule makespan %d, outcome %d", seed, c, out.Makespan)
		}
		if float64(out.Makespan) != res.Objective || out.Work != res.Stats.Work || out.Iterations != res.Stats.Iterations {
			t.Errorf("seed %d: Improve makespan %d work %d iterations %d, Solve %v %d %d",
				seed, out.Makespan, out.Work, out.Iterations, res.Objective, res.Stats.Work, res.Stats.Iterations)
		}
		if !out.WorkLimit {
			t.Errorf("seed %d: work limit not reported", seed)
		}
		// The outcome's sequence is its schedule's.
		end := make([]int64, len(out.Start))
		for o := range end {
			end[o] = out.Start[o] + v.in.dur[o]
		}
		seq, err := v.Sequence(out.Start, end)
		if err != nil {
			t.Fatal(err)
		}
		st := newState(v.in)
		if !st.load(seq) || st.cmax != out.Makespan {
			t.Errorf("seed %d: the schedule's sequence has makespan %d, want %d", seed, st.cmax, out.Makespan)
		}
	}
}

// Improve never returns worse than its start, reports every improvement
// in decreasing order and keeps fixed operations in place.
func TestImproveFixedAndProgress(t *testing.T) {
	p := testinst.FT10()
	p.Jobs[4].Release = 60
	p.Jobs[0].Operations[0].Fixed = &model.Fixed{Machine: "0", SetupStart: 10, Start: 10, End: 39}
	v := mustView(t, p)
	start := v.in.mwkr()
	st := newState(v.in)
	if !st.load(start) {
		t.Fatal("cyclic start")
	}
	startCmax := st.cmax
	var seen []int64
	out, err := Improve(context.Background(), v, start, Params{}, Limits{Work: 50_000, Seed: 3, Workers: 2,
		OnImprove: func(pr solver.Progress) { seen = append(seen, int64(pr.Objective)) }})
	if err != nil {
		t.Fatal(err)
	}
	if c := checkSchedule(t, p, v.in.schedule(out.Start)); c != out.Makespan || c > startCmax {
		t.Fatalf("makespan %d (outcome %d), start %d", c, out.Makespan, startCmax)
	}
	if len(seen) > 0 && (seen[len(seen)-1] != out.Makespan || !slices.IsSortedFunc(seen, func(a, b int64) int { return int(b - a) })) {
		t.Errorf("improvements %v, final %d", seen, out.Makespan)
	}
	if len(seen) == 0 && out.Makespan != startCmax {
		t.Errorf("improved to %d without a report", out.Makespan)
	}
}

func TestImproveBadSequence(t *testing.T) {
	p := testinst.FT06()
	p.Jobs[0].Operations[0].Fixed = &model.Fixed{Machine: "2", SetupStart: 0, Start: 0, End: 1}
	v := mustView(t, p)
	good := v.in.mwkr()
	if _, err := Improve(context.Background(), v, good, Params{}, Limits{Work: 100}); err != nil {
		t.Fatalf("good sequence: %v", err)
	}
	if _, err := Improve(context.Background(), nil, good, Params{}, Limits{Work: 100}); err == nil {
		t.Fatal("nil view: no error")
	}
	m2 := v.in.machOps[2]
	k := slices.Index(good, m2[0]) // the fixed operation, first of machine 2
	tests := []struct {
		name string
		edit func(s []int32) []int32
	}{
		{"short", func(s []int32) []int32 { return s[1:] }},
		{"repeated", func(s []int32) []int32 { s[1] = s[0]; return s }},
		{"out of range", func(s []int32) []int32 { s[0] = 999; return s }},
		{"other machine", func(s []int32) []int32 { s[0], s[len(s)-1] = s[len(s)-1], s[0]; return s }},
		{"fixed not first", func(s []int32) []int32 { s[k], s[k+1] = s[k+1], s[k]; return s }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Improve(context.Background(), v, tc.edit(slices.Clone(good)), Params{}, Limits{Work: 100}); err == nil {
				t.Fatal("no error")
			} else {
				t.Log(err)
			}
		})
	}
	// A cyclic selection: J0 runs M0 then M1, J1 runs M1 then M0; each
	// machine takes the job that comes to it second first.
	two := &model.Problem{
		Machines: []model.Machine{{ID: "M0"}, {ID: "M1"}},
		Jobs: []model.Job{
			{ID: "J0", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "M0", Duration: 2}}},
				{Alternatives: []model.Alternative{{Machine: "M1", Duration: 3}}}}},
			{ID: "J1", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "M1", Duration: 4}}},
				{Alternatives: []model.Alternative{{Machine: "M0", Duration: 1}}}}},
		},
	}
	v2 := mustView(t, two)
	if _, err := Improve(context.Background(), v2, []int32{3, 0, 1, 2}, Params{}, Limits{Work: 100}); err == nil {
		t.Fatal("cyclic selection accepted")
	}
	if out, err := Improve(context.Background(), v2, []int32{0, 3, 2, 1}, Params{}, Limits{Work: 100}); err != nil || out.Makespan != 7 {
		t.Fatalf("acyclic selection: %v, %+v", err, out)
	}
}

func TestNewViewUnsupported(t *testing.T) {
	p := testinst.FT06()
	p.Jobs[0].Operations[0].Alternatives = append(p.Jobs[0].Operations[0].Alternatives, model.Alternative{Machine: "1", Duration: 3})
	c, err := engine.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewView(c); !errors.Is(err, solver.ErrUnsupported) {
		t.Fatalf("got %v, want ErrUnsupported", err)
	}
}

func TestViewSequenceLength(t *testing.T) {
	v := mustView(t, testinst.FT06())
	if _, err := v.Sequence(make([]int64, 3), make([]int64, 36)); err == nil {
		t.Fatal("no error for 3 starts")
	}
}
