package tabu

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

func TestFT06Optimal(t *testing.T) {
	p := testinst.FT06()
	var prog []float64
	res, err := New(Params{}).Solve(context.Background(), p, solver.Options{
		WorkLimit:  200_000,
		OnProgress: func(pr solver.Progress) { prog = append(prog, pr.Objective) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if c := checkSchedule(t, p, res.Schedule); float64(c) != res.Objective {
		t.Fatalf("objective %v, schedule makespan %d", res.Objective, c)
	}
	// The trivial bound of ft06 is 52, so 55 cannot be proved optimal.
	if res.Objective != 55 || res.Status != solver.Feasible || res.Bound != 52 {
		t.Fatalf("got %v status %v bound %v, want 55 feasible bound 52", res.Objective, res.Status, res.Bound)
	}
	for i := 1; i < len(prog); i++ {
		if prog[i] >= prog[i-1] {
			t.Fatalf("progress not strictly improving: %v", prog)
		}
	}
}

func TestFT10(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	p := testinst.FT10()
	res, err := New(Params{Target: 930}).Solve(context.Background(), p, solver.Options{WorkLimit: 20_000_000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	c := checkSchedule(t, p, res.Schedule)
	t.Logf("ft10: %d after %v, work %d, iterations %d", c, res.Stats.Elapsed, res.Stats.Work, res.Stats.Iterations)
	if c != 930 {
		t.Fatalf("ft10: got %d, want 930", c)
	}
}

func TestDeterministic(t *testing.T) {
	p := testinst.FT10()
	run := func() (float64, int64) {
		res, err := New(Params{Stagnation: 500}).Solve(context.Background(), p, solver.Options{WorkLimit: 300_000, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		checkSchedule(t, p, res.Schedule)
		return res.Objective, res.Stats.Iterations
	}
	a, ia := run()
	b, ib := run()
	if a != b || ia != ib {
		t.Fatalf("not deterministic: %v/%d vs %v/%d", a, ia, b, ib)
	}
}

func TestUnsupported(t *testing.T) {
	base := func() *model.Problem { return testinst.FT06() }
	tests := []struct {
		name string
		edit func(p *model.Problem)
		opts solver.Options
	}{
		{"alternatives", func(p *model.Problem) {
			p.Jobs[0].Operations[0].Alternatives = append(p.Jobs[0].Operations[0].Alternatives, model.Alternative{Machine: "1", Duration: 3})
		}, solver.Options{}},
		{"setups", func(p *model.Problem) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "s"}}
			p.Machines[0].SetupMatrix = "s"
		}, solver.Options{}},
		{"deadline", func(p *model.Problem) { p.Jobs[1].Deadline = model.Tick(100) }, solver.Options{}},
		{"lags", func(p *model.Problem) { p.Jobs[1].Operations[1].MinLag = 3 }, solver.Options{}},
		{"dag", func(p *model.Problem) { p.Jobs[1].Routing = model.DAG }, solver.Options{}},
		{"calendar", func(p *model.Problem) { p.Machines[0].Downtime = []model.Window{{Start: 1, End: 2}} }, solver.Options{}},
		{"tardiness", func(p *model.Problem) {}, solver.Options{Objective: model.Single(model.WeightedTardiness)}},
		{"fixed-after-free", func(p *model.Problem) {
			p.Jobs[0].Operations[1].Fixed = &model.Fixed{Machine: "0", Start: 50, SetupStart: 50, End: 53}
		}, solver.Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := base()
			tc.edit(p)
			_, err := New(Params{}).Solve(context.Background(), p, tc.opts)
			if !errors.Is(err, solver.ErrUnsupported) {
				t.Fatalf("got %v, want ErrUnsupported", err)
			}
			t.Log(err)
		})
	}
}

func TestBadInput(t *testing.T) {
	p := testinst.FT06()
	p.Jobs[2].Operations[3].Alternatives[0].Machine = "nope"
	_, err := New(Params{}).Solve(context.Background(), p, solver.Options{})
	if err == nil || errors.Is(err, solver.ErrUnsupported) {
		t.Fatalf("got %v, want an input error", err)
	}
	t.Log(err)
}

func TestReleaseDatesFixedAndDue(t *testing.T) {
	p := testinst.FT10()
	p.Jobs[3].Release = 120
	p.Jobs[7].Release = 40
	p.Jobs[2].Due = model.Tick(500)
	// job 0 started on the shop floor: its first two operations are fixed.
	p.Jobs[0].Operations[0].Fixed = &model.Fixed{Machine: "0", SetupStart: 10, Start: 10, End: 39}
	p.Jobs[0].Operations[1].Fixed = &model.Fixed{Machine: "1", SetupStart: 45, Start: 45, End: 123}
	// job 5's first operation runs on machine 2 from 0 to 84.
	p.Jobs[5].Operations[0].Fixed = &model.Fixed{Machine: "2", SetupStart: 0, Start: 0, End: 84}
	res, err := New(Params{Stagnation: 2000}).Solve(context.Background(), p, solver.Options{WorkLimit: 1_000_000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := checkSchedule(t, p, res.Schedule)
	if float64(c) != res.Objective || res.Bound > res.Objective {
		t.Fatalf("objective %v makespan %d bound %v", res.Objective, c, res.Bound)
	}
	t.Logf("makespan %d bound %v", c, res.Bound)
}

func TestHintNeverWorse(t *testing.T) {
	p := testinst.FT10()
	first, err := New(Params{}).Solve(context.Background(), p, solver.Options{WorkLimit: 200_000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := New(Params{}).Solve(context.Background(), p, solver.Options{WorkLimit: 1000, Seed: 2, Hint: first.Schedule})
	if err != nil {
		t.Fatal(err)
	}
	checkSchedule(t, p, res.Schedule)
	if res.Objective > first.Objective {
		t.Fatalf("hint %v, got worse %v", first.Objective, res.Objective)
	}
}

func TestCancelAndTimeLimit(t *testing.T) {
	p := testinst.FT10()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := New(Params{}).Solve(ctx, p, solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Schedule != nil {
		checkSchedule(t, p, res.Schedule)
	}
	if res.Stop != solver.Canceled {
		t.Fatalf("stop %v, want canceled", res.Stop)
	}
	// With a hint, the cancelled solve returns it.
	hint, err := New(Params{}).Solve(context.Background(), p, solver.Options{WorkLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err = New(Params{}).Solve(ctx, p, solver.Options{Hint: hint.Schedule})
	if err != nil {
		t.Fatal(err)
	}
	if c := checkSchedule(t, p, res.Schedule); float64(c) != hint.Objective || res.Stop != solver.Canceled {
		t.Fatalf("makespan %d, stop %v; want the hint's %v, canceled", c, res.Stop, hint.Objective)
	}
	res, err = New(Params{}).Solve(context.Background(), p, solver.Options{TimeLimit: 100 * time.Millisecond, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkSchedule(t, p, res.Schedule)
	if res.Objective > 930 && res.Stop != solver.Deadline {
		t.Fatalf("stop %v", res.Stop)
	}
}

func TestEmptyProblem(t *testing.T) {
	res, err := New(Params{}).Solve(context.Background(), &model.Problem{}, solver.Options{})
	if err != nil || res.Status != solver.Optimal || len(res.Schedule.Assignments) != 0 {
		t.Fatalf("%v %+v", err, res)
	}
}

// A hint that runs free work before a frozen operation cannot be expressed
// with fixed operations pinned first; the hint itself is returned.
func TestHintBeforeFixed(t *testing.T) {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "M0"}},
		Jobs: []model.Job{
			{ID: "frozen", Operations: []model.Operation{{
				Alternatives: []model.Alternative{{Machine: "M0", Duration: 10}},
				Fixed:        &model.Fixed{Machine: "M0", SetupStart: 10, Start: 10, End: 20},
			}}},
			{ID: "free", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 5}}}}},
		},
	}
	res, err := New(Params{NoInitial: true}).Solve(context.Background(), p, solver.Options{WorkLimit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if c := checkSchedule(t, p, res.Schedule); c != 25 {
		t.Fatalf("without hint: makespan %d, want 25 (free work after the frozen operation)", c)
	}
	hint := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 10, Start: 10, End: 20},
		{Job: 1, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 5},
	}}
	res, err = New(Params{}).Solve(context.Background(), p, solver.Options{WorkLimit: 1000, Hint: hint})
	if err != nil {
		t.Fatal(err)
	}
	if c := checkSchedule(t, p, res.Schedule); c != 20 || res.Objective != 20 || res.Status != solver.Optimal {
		t.Fatalf("with hint: makespan %d objective %v status %v, want 20 optimal", c, res.Objective, res.Status)
	}
}
