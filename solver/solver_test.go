package solver_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

func TestCheckSupport(t *testing.T) {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "M"}, {ID: "N"}},
		Jobs: []model.Job{{ID: "J", Release: 5, Operations: []model.Operation{
			{Alternatives: []model.Alternative{{Machine: "M", Duration: 3}, {Machine: "N", Duration: 4}}},
		}}},
	}
	if got, want := p.Features(), model.FeatAlternatives|model.FeatReleaseDates; got != want {
		t.Fatalf("features %v, want %v", got, want)
	}
	err := solver.CheckSupport("x", p, model.Objective{}, model.FeatReleaseDates, nil)
	if !errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), "alternative machines") {
		t.Errorf("err = %v, want ErrUnsupported naming alternative machines", err)
	}
	if err := solver.CheckSupport("x", p, model.Objective{}, model.AllFeatures, nil); err != nil {
		t.Errorf("all features: %v", err)
	}
	err = solver.CheckSupport("x", p, model.Single(model.FlowTime), model.AllFeatures, []model.Criterion{model.Makespan})
	if !errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), "flow_time") || !strings.Contains(err.Error(), "supported: makespan") {
		t.Errorf("err = %v, want ErrUnsupported naming flow_time and the supported makespan", err)
	}
	if err := solver.CheckSupport("x", p, model.Objective{}, model.AllFeatures, []model.Criterion{model.Makespan}); err != nil {
		t.Errorf("an empty objective means makespan: %v", err)
	}
}

func TestOptions(t *testing.T) {
	p := &model.Problem{Objective: model.Single(model.LateJobs)}
	var o solver.Options
	if got := o.EffectiveObjective(p).String(); got != "late_jobs" {
		t.Errorf("effective objective %s, want the problem's late_jobs", got)
	}
	o.Objective = model.Single(model.Makespan)
	if got := o.EffectiveObjective(p).String(); got != "makespan" {
		t.Errorf("effective objective %s, want the option's makespan", got)
	}
	if !o.Deadline(time.Now()).IsZero() {
		t.Error("a deadline without a time limit")
	}
	o.TimeLimit = time.Second
	start := time.Now()
	if got := o.Deadline(start); !got.Equal(start.Add(time.Second)) {
		t.Errorf("deadline %v, want %v", got, start.Add(time.Second))
	}
}

func TestStrings(t *testing.T) {
	if got := solver.Optimal.String(); got != "optimal" {
		t.Errorf("Optimal.String() = %q", got)
	}
	if got := solver.WorkLimit.String(); got != "work_limit" {
		t.Errorf("WorkLimit.String() = %q", got)
	}
	if got := solver.Status(42).String(); !strings.HasPrefix(got, "status(") {
		t.Errorf("Status(42).String() = %q", got)
	}
	if got := solver.Stop(42).String(); !strings.HasPrefix(got, "stop(") {
		t.Errorf("Stop(42).String() = %q", got)
	}
}

func TestBetter(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		a, b float64
		want bool
	}{
		{1, 2, true}, {2, 1, false}, {1, 1, false},
		{nan, 1, false}, {1, nan, true}, {nan, nan, false},
		{math.Inf(1), nan, true}, {math.Inf(-1), 0, true},
	} {
		if got := solver.Better(c.a, c.b); got != c.want {
			t.Errorf("Better(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// twoJobs is a problem of two one-operation jobs on one machine.
func twoJobs() *model.Problem {
	return &model.Problem{
		Machines: []model.Machine{{ID: "M"}},
		Jobs: []model.Job{
			{ID: "A", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M", Duration: 3}}}}},
			{ID: "B", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M", Duration: 2}}}}},
		},
	}
}

// order returns the schedule running the jobs of twoJobs in the given order.
func order(first, second int) *schedule.Schedule {
	dur := []int64{3, 2}
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: first, Op: 0, Machine: 0, Start: 0, End: dur[first]},
		{Job: second, Op: 0, Machine: 0, SetupStart: dur[first], Start: dur[first], End: dur[first] + dur[second]},
	}}
}

var spec = solver.Spec{Name: "test", Description: "a test", Features: model.AllFeatures}

func TestRunRefusesBeforeWork(t *testing.T) {
	called := false
	solve := func(*solver.Incumbent) error { called = true; return nil }

	if _, err := solver.Run(context.Background(), nil, solver.Options{}, spec, solve); err == nil || !strings.Contains(err.Error(), "no problem") {
		t.Errorf("nil problem: err = %v", err)
	}
	bad := twoJobs()
	bad.Jobs[1].Operations[0].Alternatives[0].Machine = "X"
	if _, err := solver.Run(context.Background(), bad, solver.Options{}, spec, solve); err == nil || !strings.Contains(err.Error(), "invalid problem") {
		t.Errorf("invalid problem: err = %v", err)
	}
	narrow := spec
	narrow.Objectives = []model.Criterion{model.Makespan}
	if _, err := solver.Run(context.Background(), twoJobs(), solver.Options{Objective: model.Single(model.FlowTime)}, narrow, solve); !errors.Is(err, solver.ErrUnsupported) {
		t.Errorf("unsupported objective: err = %v", err)
	}
	limited := spec
	limited.Check = func(p *model.Problem, obj model.Objective) error {
		return solver.Unsupported("test", "anything with job A")
	}
	if _, err := solver.Run(context.Background(), twoJobs(), solver.Options{}, limited, solve); !errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), "job A") {
		t.Errorf("Spec.Check: err = %v", err)
	}
	// A solver that does not minimise the stability score refuses a
	// reference schedule instead of ignoring it.
	if _, err := solver.Run(context.Background(), twoJobs(), solver.Options{Reference: order(0, 1)}, spec, solve); !errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), "reference") {
		t.Errorf("Reference without Spec.Stability: err = %v", err)
	}
	if called {
		t.Error("solve was called on a refused problem")
	}
}

func TestRunIncumbent(t *testing.T) {
	p := twoJobs()
	var prog []solver.Progress
	opts := solver.Options{
		Objective:  model.Single(model.FlowTime),
		OnProgress: func(pr solver.Progress) { prog = append(prog, pr) },
	}
	// flow time: A first 3+5 = 8, B first 2+5 = 7
	var nilCtx context.Context
	r, err := solver.Run(nilCtx, p, opts, spec, func(in *solver.Incumbent) error {
		if in.Ctx == nil {
			t.Error("no context")
		}
		in.Work = 1
		if !in.Offer(order(0, 1), 8) {
			t.Error("the first schedule was not taken")
		}
		if in.Offer(order(0, 1), math.NaN()) {
			t.Error("a NaN objective was taken")
		}
		in.Work = 5
		in.Improved(7, 3) // held by the solver, offered below
		in.Improved(7.5, 4)
		if in.Offer(order(0, 1), 8) {
			t.Error("an equal schedule was taken")
		}
		in.Offer(order(1, 0), 7)
		in.Finish()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if vs := schedule.Check(p, r.Schedule); vs != nil {
		t.Fatal(vs)
	}
	if r.Objective != 7 || r.Status != solver.Feasible || r.Stop != solver.Finished || r.Stats.Work != 5 || r.Solver != "test" {
		t.Errorf("result %+v", r)
	}
	if len(prog) != 2 || prog[0].Objective != 8 || prog[1].Objective != 7 || prog[1].Work != 3 {
		t.Errorf("progress %+v, want 8 then 7", prog)
	}
	if r.Stats.TimeToBest > r.Stats.Elapsed || r.Stats.TimeToBest != prog[1].Elapsed {
		t.Errorf("time to best %v (progress at %v, elapsed %v)", r.Stats.TimeToBest, prog[1].Elapsed, r.Stats.Elapsed)
	}
}

func TestRunHintAndStops(t *testing.T) {
	p := twoJobs()
	hint := order(1, 0)
	opts := solver.Options{Objective: model.Single(model.FlowTime), Hint: hint}

	// A worse schedule than the hint: the hint is returned.
	r, err := solver.Run(context.Background(), p, opts, spec, func(in *solver.Incumbent) error {
		if h, v := in.Hint(); h != hint || v != 7 {
			t.Errorf("hint %v, %v", h, v)
		}
		in.Offer(order(0, 1), 8)
		in.WorkLimitReached()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Objective != 7 || r.Stop != solver.WorkLimit || r.Schedule == hint {
		t.Errorf("result %+v: want the hint's copy, value 7, stop work_limit", r)
	}

	// An infeasible hint is ignored.
	opts.Hint = &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 0, Machine: 0, Start: 0, End: 1}}}
	r, err = solver.Run(context.Background(), p, opts, spec, func(in *solver.Incumbent) error {
		if h, _ := in.Best(); h != nil {
			t.Error("an infeasible hint became the incumbent")
		}
		return nil
	})
	if err != nil || r.Schedule != nil || r.Status != solver.Unknown || r.Stop != solver.Finished {
		t.Errorf("result %+v, %v", r, err)
	}

	// A cancelled context: Canceled, solve not called.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	opts.Hint = hint
	r, err = solver.Run(ctx, p, opts, spec, func(*solver.Incumbent) error {
		t.Error("solve called with a cancelled context")
		return nil
	})
	if err != nil || r.Stop != solver.Canceled || r.Objective != 7 {
		t.Errorf("cancelled: result %+v, %v", r, err)
	}

	// An expired deadline of the caller's context: Deadline.
	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	r, err = solver.Run(ctx, p, opts, spec, func(*solver.Incumbent) error { return nil })
	if err != nil || r.Stop != solver.Deadline {
		t.Errorf("expired deadline: result %+v, %v", r, err)
	}

	// A solver stopped by its time limit: Deadline.
	opts.TimeLimit = time.Nanosecond
	r, err = solver.Run(context.Background(), p, opts, spec, func(in *solver.Incumbent) error {
		<-in.Ctx.Done()
		if !in.Done() {
			t.Error("Done is false after the deadline")
		}
		return nil
	})
	if err != nil || r.Stop != solver.Deadline {
		t.Errorf("time limit: result %+v, %v", r, err)
	}

	// Proofs: optimal and infeasible.
	opts.TimeLimit = 0
	r, _ = solver.Run(context.Background(), p, opts, spec, func(in *solver.Incumbent) error { in.Optimal(); return nil })
	if r.Status != solver.Optimal || r.Bound != 7 || r.Stop != solver.Finished {
		t.Errorf("optimal: result %+v", r)
	}
	opts.Hint = nil
	r, _ = solver.Run(context.Background(), p, opts, spec, func(in *solver.Incumbent) error { in.Infeasible(); return nil })
	if r.Status != solver.Infeasible || r.Schedule != nil {
		t.Errorf("infeasible: result %+v", r)
	}

	// An error of solve is the call's error.
	boom := errors.New("boom")
	if _, err := solver.Run(context.Background(), p, opts, spec, func(*solver.Incumbent) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
}

func TestRunRefusesInvalidObjective(t *testing.T) {
	for _, obj := range []model.Objective{
		{Terms: []model.Term{{Criterion: model.Makespan, Weight: math.NaN()}}},
		{Terms: []model.Term{{Criterion: model.FlowTime, Weight: -1}}},
		{Terms: []model.Term{{Criterion: model.FlowTime + 1, Weight: 1}}},
	} {
		_, err := solver.Run(context.Background(), twoJobs(), solver.Options{Objective: obj}, spec, func(*solver.Incumbent) error {
			t.Errorf("%v: solve called", obj)
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "invalid objective") {
			t.Errorf("%v: err = %v, want an invalid objective", obj, err)
		}
	}
}
