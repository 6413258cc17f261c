package solvertest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// Config describes the solver under test.
type Config struct {
	// New returns the solver to test (required).
	New func() solver.Solver
	// Features are the model features the solver supports; built-in
	// problems using others are skipped (one of them is used to check that
	// the solver refuses it).
	Features model.Features
	// Objectives are the criteria the solver supports (nil: all).
	Objectives []model.Criterion
	// Problems are extra problems to run besides the built-in ones.
	Problems []*model.Problem
	// WorkLimit is the work budget of every solve (a node limit for a MIP;
	// 0: the solver is constructive and finishes on its own). With a
	// budget, solves have no time limit, so that their results do not
	// depend on the machine's speed, and must be reproducible; without
	// one, determinism is only checked for Exact solvers.
	WorkLimit int64
	// TimeLimit bounds each solve of a solver with neither WorkLimit nor
	// Exact (default 2s), and the solves warm-started with a hint.
	TimeLimit time.Duration
	// Exact is true for solvers that return the same result whatever the
	// seed and limits (constructive heuristics).
	Exact bool
	// CancelGrace is how soon Solve must return on a cancelled context
	// (default 1s); checked only when Timed.
	CancelGrace time.Duration
	// Timed turns on the wall-clock checks: a solve returns within its
	// time limit plus some slack, and within CancelGrace on a cancelled
	// context. They are off by default, because a loaded machine makes
	// them fail (speed is measured in benchmarks), and on when the
	// environment variable ORDO_TIMED_TESTS is set (to anything but "" or
	// "0").
	Timed bool
}

// timedEnv reports whether ORDO_TIMED_TESTS asks for the timed checks.
func timedEnv() bool {
	v := os.Getenv("ORDO_TIMED_TESTS")
	return v != "" && v != "0"
}

// TB is the part of testing.TB the suite uses. *testing.T satisfies it;
// so does a recorder that collects failures, to test the suite itself.
type TB interface {
	Helper()
	Logf(format string, args ...any)
	Errorf(format string, args ...any)
}

// prefixed runs a subtest on a TB that is not a *testing.T: messages get
// the subtest's name as a prefix.
type prefixed struct {
	TB
	name string
}

func (p prefixed) Logf(format string, args ...any) {
	p.TB.Logf("%s: %s", p.name, fmt.Sprintf(format, args...))
}

func (p prefixed) Errorf(format string, args ...any) {
	p.TB.Errorf("%s: %s", p.name, fmt.Sprintf(format, args...))
}

// run runs f as subtest name of t.
func run(t TB, name string, f func(t TB)) {
	if tt, ok := t.(*testing.T); ok {
		tt.Run(name, func(t *testing.T) { f(t) })
		return
	}
	if p, ok := t.(prefixed); ok {
		f(prefixed{TB: p.TB, name: p.name + "/" + name})
		return
	}
	f(prefixed{TB: t, name: name})
}

// skip marks the current subtest as skipped.
func skip(t TB, format string, args ...any) {
	t.Helper()
	if tt, ok := t.(*testing.T); ok {
		tt.Skipf(format, args...)
	}
	t.Logf("skipped: "+format, args...)
}

// Run runs the conformance suite on the solver described by cfg.
func Run(t TB, cfg Config) {
	t.Helper()
	if cfg.New == nil {
		t.Errorf("solvertest: Config.New is nil")
		return
	}
	if cfg.TimeLimit <= 0 {
		cfg.TimeLimit = 2 * time.Second
	}
	if cfg.CancelGrace <= 0 {
		cfg.CancelGrace = time.Second
	}
	cfg.Timed = cfg.Timed || timedEnv()
	cases := Problems()
	for i, p := range cfg.Problems {
		name := p.Name
		if name == "" {
			name = fmt.Sprintf("problems[%d]", i)
		}
		cases = append(cases, Case{Name: name, Problem: p})
	}
	for _, c := range cases {
		run(t, c.Name, func(t TB) {
			if extra := c.Problem.Features() &^ cfg.Features; extra != 0 {
				skip(t, "uses %s, not supported", extra)
				return
			}
			testCase(t, cfg, c)
		})
	}
	run(t, "unsupported", func(t TB) { testUnsupported(t, cfg) })
	run(t, "concurrent", func(t TB) { testConcurrent(t, cfg, cases) })
}

// supports reports whether the solver supports criterion c.
func (cfg *Config) supports(c model.Criterion) bool {
	return cfg.Objectives == nil || slices.Contains(cfg.Objectives, c)
}

// objectives returns the objectives to test on p.
func (cfg *Config) objectives(p *model.Problem) []model.Objective {
	var objs []model.Objective
	if cfg.supports(model.Makespan) {
		objs = append(objs, model.Single(model.Makespan))
	}
	if cfg.supports(model.WeightedTardiness) && p.Features().Has(model.FeatDueDates) {
		objs = append(objs, model.Single(model.WeightedTardiness))
	}
	return objs
}

// opts returns the options of an ordinary solve: the work limit when
// there is one (no clock: the result cannot depend on the machine's
// speed), no limit for Exact solvers, else the time limit.
func (cfg *Config) opts(obj model.Objective, seed uint64) solver.Options {
	o := solver.Options{WorkLimit: cfg.WorkLimit, Seed: seed, Workers: 1, Objective: obj}
	if cfg.WorkLimit <= 0 && !cfg.Exact {
		o.TimeLimit = cfg.TimeLimit
	}
	return o
}

// tol is the tolerance on objective values.
func tol(v float64) float64 { return 1e-9 * math.Max(1, math.Abs(v)) }

// testCase runs every check on one problem.
func testCase(t TB, cfg Config, c Case) {
	p := c.Problem
	orig := cloneProblem(p)
	slv := cfg.New()
	for _, obj := range cfg.objectives(p) {
		run(t, obj.String(), func(t TB) {
			// Validity and progress.
			var prog []solver.Progress
			o := cfg.opts(obj, 1)
			o.OnProgress = func(pr solver.Progress) { prog = append(prog, pr) }
			start := time.Now()
			r, err := slv.Solve(context.Background(), p, o)
			elapsed := time.Since(start)
			if !valid(t, "solve", c, obj, r, err) {
				return
			}
			if slack := max(2*time.Second, cfg.TimeLimit); cfg.Timed && o.TimeLimit > 0 && elapsed > o.TimeLimit+slack {
				t.Errorf("solve took %v with a time limit of %v", elapsed, o.TimeLimit)
			}
			checkProgress(t, prog, r)

			// Determinism.
			switch {
			case cfg.WorkLimit > 0 || cfg.Exact:
				o2 := cfg.opts(obj, 1)
				o2.OnProgress = func(solver.Progress) {}
				r2, err := slv.Solve(context.Background(), p, o2)
				if valid(t, "second solve with the same seed", c, obj, r2, err) {
					same(t, "two solves with the same seed and work limit", r, r2)
				}
				if cfg.Exact {
					o3 := cfg.opts(obj, 12345)
					o3.WorkLimit = cfg.WorkLimit/2 + 1
					r3, err := slv.Solve(context.Background(), p, o3)
					if valid(t, "solve with another seed and limits", c, obj, r3, err) {
						same(t, "an exact solver with another seed and limits", r, r3)
					}
				}
			default:
				t.Logf("determinism not checked: no WorkLimit and not Exact")
			}

			// Hints: the solver's own result, and the reference.
			hints := []*schedule.Schedule{r.Schedule}
			names := []string{"its own result"}
			if c.Reference != nil {
				hints = append(hints, c.Reference)
				names = append(names, "the reference schedule")
			}
			for i, h := range hints {
				checkHint(t, cfg, slv, c, obj, h, names[i])
			}
		})
	}
	run(t, "cancelled", func(t TB) { checkCancelled(t, cfg, slv, c) })
	if !reflect.DeepEqual(p, orig) {
		t.Errorf("Solve modified the problem")
	}
}

// valid checks one result; it reports whether r holds a valid schedule.
func valid(t TB, what string, c Case, obj model.Objective, r *solver.Result, err error) bool {
	t.Helper()
	if err != nil {
		t.Errorf("%s: Solve failed: %v", what, err)
		return false
	}
	if r == nil {
		t.Errorf("%s: Solve returned neither a result nor an error", what)
		return false
	}
	if r.Schedule == nil {
		t.Errorf("%s: no schedule (status %s, stop %s)", what, r.Status, r.Stop)
		return false
	}
	ok := validSchedule(t, what, c, obj, r)
	if r.Status != solver.Feasible && r.Status != solver.Optimal {
		t.Errorf("%s: status %s with a schedule, want feasible or optimal", what, r.Status)
		ok = false
	}
	return ok
}

// validSchedule checks r.Schedule against Check and Evaluate and r's
// claims.
func validSchedule(t TB, what string, c Case, obj model.Objective, r *solver.Result) bool {
	t.Helper()
	p := c.Problem
	if vs := schedule.Check(p, r.Schedule); vs != nil {
		var b strings.Builder
		for i, v := range vs {
			if i == 10 {
				fmt.Fprintf(&b, "\n  ... and %d more", len(vs)-10)
				break
			}
			b.WriteString("\n  ")
			b.WriteString(v.Error())
		}
		t.Errorf("%s: infeasible schedule, %d violation(s):%s", what, len(vs), b.String())
		return false
	}
	ok := true
	want := schedule.Evaluate(p, r.Schedule, obj)
	if math.IsNaN(r.Objective) || math.Abs(r.Objective-want) > tol(want) {
		t.Errorf("%s: Result.Objective = %v, but the schedule's %s is %v", what, r.Objective, obj, want)
		ok = false
	}
	if r.Stop < solver.Finished || r.Stop > solver.WorkLimit {
		t.Errorf("%s: invalid stop reason %s", what, r.Stop)
	}
	if !math.IsNaN(r.Bound) && r.Bound > want+tol(want) {
		t.Errorf("%s: bound %v is above the objective %v", what, r.Bound, want)
		ok = false
	}
	if c.Optimum > 0 && obj.IsMakespan() {
		if want < c.Optimum-tol(c.Optimum) {
			t.Errorf("%s: makespan %v is below the proven optimum %v", what, want, c.Optimum)
			ok = false
		}
		if r.Status == solver.Optimal && want > c.Optimum+tol(c.Optimum) {
			t.Errorf("%s: status optimal with makespan %v, but the optimum is %v", what, want, c.Optimum)
			ok = false
		}
		if !math.IsNaN(r.Bound) && r.Bound > c.Optimum+tol(c.Optimum) {
			t.Errorf("%s: bound %v is above the optimum %v", what, r.Bound, c.Optimum)
			ok = false
		}
	}
	return ok
}

// checkProgress checks the progress reports of a solve ending with r.
func checkProgress(t TB, prog []solver.Progress, r *solver.Result) {
	t.Helper()
	for i := 1; i < len(prog); i++ {
		a, b := prog[i-1], prog[i]
		if b.Objective > a.Objective+tol(a.Objective) {
			t.Errorf("progress: objective went up from %v to %v (report %d)", a.Objective, b.Objective, i)
		}
		if b.Elapsed < a.Elapsed {
			t.Errorf("progress: elapsed went down from %v to %v (report %d)", a.Elapsed, b.Elapsed, i)
		}
		if b.Work < a.Work {
			t.Errorf("progress: work went down from %d to %d (report %d)", a.Work, b.Work, i)
		}
	}
	if n := len(prog); n > 0 && r.Objective > prog[n-1].Objective+tol(prog[n-1].Objective) {
		t.Errorf("progress: result objective %v is worse than the last reported %v", r.Objective, prog[n-1].Objective)
	}
}

// same checks that two results are identical.
func same(t TB, what string, a, b *solver.Result) {
	t.Helper()
	if a.Objective != b.Objective {
		t.Errorf("%s: objectives differ: %v and %v", what, a.Objective, b.Objective)
	}
	sa, sb := normalized(a.Schedule), normalized(b.Schedule)
	if len(sa.Assignments) != len(sb.Assignments) {
		t.Errorf("%s: %d and %d assignments", what, len(sa.Assignments), len(sb.Assignments))
		return
	}
	for i := range sa.Assignments {
		if !reflect.DeepEqual(sa.Assignments[i], sb.Assignments[i]) {
			t.Errorf("%s: schedules differ: %+v and %+v", what, sa.Assignments[i], sb.Assignments[i])
			return
		}
	}
}

// normalized returns a sorted copy of s with empty operator lists nil.
func normalized(s *schedule.Schedule) *schedule.Schedule {
	c := s.Clone()
	for i := range c.Assignments {
		if len(c.Assignments[i].Operators) == 0 {
			c.Assignments[i].Operators = nil
		}
	}
	c.Sort()
	return c
}

// checkHint solves with hint h under a tiny budget: the result must be
// valid and no worse than h, and h must be left alone.
func checkHint(t TB, cfg Config, slv solver.Solver, c Case, obj model.Objective, h *schedule.Schedule, name string) {
	t.Helper()
	if schedule.Check(c.Problem, h) != nil {
		t.Logf("hint %s is not feasible: not used", name)
		return
	}
	hv := schedule.Evaluate(c.Problem, h, obj)
	hint := h.Clone()
	o := cfg.opts(obj, 2)
	o.Hint = hint
	o.TimeLimit = min(cfg.TimeLimit, 100*time.Millisecond)
	if cfg.WorkLimit > 0 {
		o.WorkLimit = 1
	}
	what := "solve with " + name + " as hint"
	r, err := slv.Solve(context.Background(), c.Problem, o)
	if !valid(t, what, c, obj, r, err) {
		return
	}
	if r.Objective > hv+tol(hv) {
		t.Errorf("%s: objective %v is worse than the hint's %v", what, r.Objective, hv)
	}
	if !reflect.DeepEqual(hint, h) {
		t.Errorf("%s: Solve modified the hint", what)
	}
}

// checkCancelled solves with an already-cancelled context.
func checkCancelled(t TB, cfg Config, slv solver.Solver, c Case) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	obj := model.Single(model.Makespan)
	if !cfg.supports(model.Makespan) {
		obj = model.Single(cfg.Objectives[0])
	}
	o := cfg.opts(obj, 3)
	start := time.Now()
	r, err := slv.Solve(ctx, c.Problem, o)
	if d := time.Since(start); cfg.Timed && d > cfg.CancelGrace {
		t.Errorf("with a cancelled context Solve took %v (want at most %v)", d, cfg.CancelGrace)
	}
	switch {
	case err != nil:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("with a cancelled context Solve failed with %v, which does not wrap context.Canceled", err)
		}
	case r == nil:
		t.Errorf("with a cancelled context Solve returned neither a result nor an error")
	case r.Schedule != nil:
		validSchedule(t, "solve with a cancelled context", c, obj, r)
	}
}

// testUnsupported checks that a problem or an objective the solver does
// not support is refused with ErrUnsupported.
func testUnsupported(t TB, cfg Config) {
	tested := false
	for _, c := range Problems() {
		extra := c.Problem.Features() &^ cfg.Features
		if extra == 0 {
			continue
		}
		r, err := cfg.New().Solve(context.Background(), c.Problem, cfg.opts(model.Objective{}, 1))
		if !errors.Is(err, solver.ErrUnsupported) {
			t.Errorf("problem %s uses %s, which the solver does not support: want an error wrapping solver.ErrUnsupported, got %v (result %v)", c.Name, extra, err, describe(r))
		}
		tested = true
		break
	}
	if cfg.Objectives != nil {
		for c := model.Makespan; c <= model.FlowTime; c++ {
			if cfg.supports(c) {
				continue
			}
			var p *model.Problem
			for _, pc := range Problems() {
				if pc.Problem.Features()&^cfg.Features == 0 {
					p = pc.Problem
					break
				}
			}
			if p == nil {
				break
			}
			r, err := cfg.New().Solve(context.Background(), p, cfg.opts(model.Single(c), 1))
			if !errors.Is(err, solver.ErrUnsupported) {
				t.Errorf("objective %s is not supported: want an error wrapping solver.ErrUnsupported, got %v (result %v)", c, err, describe(r))
			}
			tested = true
			break
		}
	}
	if !tested {
		skip(t, "the solver supports every feature and objective of the built-in problems")
	}
}

func describe(r *solver.Result) string {
	if r == nil {
		return "nil"
	}
	return fmt.Sprintf("status %s, objective %v", r.Status, r.Objective)
}

// testConcurrent solves two problems at the same time with one solver.
func testConcurrent(t TB, cfg Config, cases []Case) {
	var picked []Case
	for _, c := range cases {
		if c.Problem.Features()&^cfg.Features == 0 {
			picked = append(picked, c)
		}
		if len(picked) == 2 {
			break
		}
	}
	if len(picked) == 0 {
		skip(t, "no supported problem")
		return
	}
	if len(picked) == 1 {
		picked = append(picked, picked[0])
	}
	obj := model.Single(model.Makespan)
	if !cfg.supports(model.Makespan) {
		obj = model.Single(cfg.Objectives[0])
	}
	slv := cfg.New()
	type out struct {
		r   *solver.Result
		err error
	}
	res := make([]out, len(picked))
	var wg sync.WaitGroup
	for i, c := range picked {
		// Each goroutine solves its own copy: the same problem may be
		// picked twice.
		p := cloneProblem(c.Problem)
		wg.Go(func() {
			r, err := slv.Solve(context.Background(), p, cfg.opts(obj, uint64(i+1)))
			res[i] = out{r, err}
		})
	}
	wg.Wait()
	for i, c := range picked {
		valid(t, "concurrent solve of "+c.Name, c, obj, res[i].r, res[i].err)
	}
}
