package solvertest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// serial is a trivial solver: it places the operations one after another,
// never two at a time, in a topological order of the precedence arcs, each
// on its first alternative. With random set, it tries random topological
// orders (WorkLimit of them, seeded by Options.Seed) and keeps the best.
// The flaw field turns it into one of the bad solvers the suite must catch.
type serial struct {
	random bool
	flaw   string
	mu     sync.Mutex
}

const serialFeatures = model.FeatAlternatives | model.FeatReleaseDates | model.FeatDueDates | model.FeatDAG | model.FeatLags

func (s *serial) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	start := time.Now()
	if s.flaw == "ignores cancel" && ctx.Err() != nil {
		time.Sleep(300 * time.Millisecond)
	} else if err := ctx.Err(); err != nil {
		if s.flaw == "wrong cancel error" {
			return nil, fmt.Errorf("stopped")
		}
		return nil, fmt.Errorf("serial: %w", err)
	}
	obj := opts.EffectiveObjective(p)
	if s.flaw != "silent unsupported" {
		if err := solver.CheckSupport("serial", p, obj, serialFeatures, nil); err != nil {
			return nil, err
		}
	}
	if s.flaw == "mutates" {
		p.Jobs[0].Weight = 7
	}
	if s.flaw == "nil result" {
		return nil, nil
	}
	seed := opts.Seed
	if s.flaw == "nondeterministic" {
		seed = uint64(time.Now().UnixNano())
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	tries := int64(1)
	if s.random {
		tries = max(opts.WorkLimit, 1)
	}
	res := &solver.Result{Solver: "serial", Status: solver.Feasible, Stop: solver.Finished, Bound: math.NaN()}
	improve := func(sch *schedule.Schedule, work int64) {
		v := schedule.Evaluate(p, sch, obj)
		if res.Schedule != nil && v >= res.Objective {
			return
		}
		res.Schedule, res.Objective = sch, v
		if opts.OnProgress != nil {
			pv := v
			if s.flaw == "progress up" {
				pv = float64(work) // increasing
			}
			opts.OnProgress(solver.Progress{Elapsed: time.Since(start), Work: work, Objective: pv, Bound: math.NaN()})
		}
	}
	if opts.Hint != nil && schedule.Check(p, opts.Hint) == nil {
		improve(opts.Hint.Clone(), 0)
		if s.flaw == "modifies hint" {
			opts.Hint.Sort() // reorders the caller's assignments
			opts.Hint.Assignments[0].End++
		}
	}
	for w := range tries {
		if s.random && w%8 == 0 && ctx.Err() != nil {
			res.Stop = solver.Canceled
			break
		}
		improve(serialSchedule(p, rng, s.random && w > 0), w+1)
	}
	res.Stats.Work = tries
	switch s.flaw {
	case "overlap":
		for i := range res.Schedule.Assignments {
			a := &res.Schedule.Assignments[i]
			a.End -= a.Start
			a.Start, a.SetupStart = 0, 0
		}
		res.Objective = schedule.Evaluate(p, res.Schedule, obj)
	case "wrong objective":
		res.Objective++
	case "worse than hint":
		if opts.Hint != nil {
			for i := range res.Schedule.Assignments {
				a := &res.Schedule.Assignments[i]
				a.SetupStart, a.Start, a.End = a.SetupStart+10, a.Start+10, a.End+10
			}
			res.Objective = schedule.Evaluate(p, res.Schedule, obj)
		}
	case "false optimal":
		res.Status = solver.Optimal
	case "bound above":
		res.Bound = res.Objective + 1
	case "unknown status":
		res.Status = solver.Unknown
	}
	res.Stats.Elapsed = time.Since(start)
	return res, nil
}

// serialSchedule places the operations one after another in a topological
// order (random ties when shuffle is set).
func serialSchedule(p *model.Problem, rng *rand.Rand, shuffle bool) *schedule.Schedule {
	x := p.NewIndex()
	type ref = model.OpRef
	preds := map[ref][]model.Arc{}
	succs := map[ref][]ref{}
	indeg := map[ref]int{}
	for _, a := range p.Arcs(x) {
		preds[a.To] = append(preds[a.To], a)
		succs[a.From] = append(succs[a.From], a.To)
		indeg[a.To]++
	}
	var ready []ref
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			if indeg[ref{Job: j, Op: k}] == 0 {
				ready = append(ready, ref{Job: j, Op: k})
			}
		}
	}
	end := map[ref]int64{}
	s := &schedule.Schedule{}
	var t int64
	for len(ready) > 0 {
		i := 0
		if shuffle {
			i = rng.IntN(len(ready))
		}
		o := ready[i]
		ready = append(ready[:i], ready[i+1:]...)
		job := &p.Jobs[o.Job]
		op := &job.Operations[o.Op]
		st := max(t, job.Release)
		for _, a := range preds[o] {
			st = max(st, end[a.From]+a.MinLag)
		}
		alt := op.Alternatives[0]
		e := st + alt.ProcessingTime(job.Quantity)
		s.Assignments = append(s.Assignments, schedule.Assignment{Job: o.Job, Op: o.Op, Machine: x.Machines[alt.Machine], SetupStart: st, Start: st, End: e})
		end[o], t = e, e
		for _, n := range succs[o] {
			if indeg[n]--; indeg[n] == 0 {
				ready = append(ready, n)
			}
		}
	}
	return s
}

// recorder is a TB that collects failures.
type recorder struct {
	mu     sync.Mutex
	errors []string
	logs   []string
}

func (r *recorder) Helper() {}
func (r *recorder) Logf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestGoodSolvers(t *testing.T) {
	t.Run("serial", func(t *testing.T) {
		Run(t, Config{New: func() solver.Solver { return &serial{} }, Features: serialFeatures, Exact: true})
	})
	t.Run("random serial", func(t *testing.T) {
		Run(t, Config{New: func() solver.Solver { return &serial{random: true} }, Features: serialFeatures, WorkLimit: 50})
	})
	t.Run("every feature", func(t *testing.T) {
		all := model.Features(1<<12 - 1)
		Run(t, Config{New: func() solver.Solver { return replay{} }, Features: all, Exact: true})
	})
	t.Run("makespan only", func(t *testing.T) {
		Run(t, Config{New: func() solver.Solver { return onlyMakespan{&serial{}} }, Features: serialFeatures, Objectives: []model.Criterion{model.Makespan}, Exact: true})
	})
}

// replay supports every feature: it returns the reference schedule of a
// built-in problem (found by name), or the serial schedule.
type replay struct{}

func (replay) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	obj := opts.EffectiveObjective(p)
	s := serialSchedule(p, nil, false)
	for _, c := range Problems() {
		if c.Name == p.Name && c.Reference != nil {
			s = c.Reference
		}
	}
	if opts.Hint != nil && schedule.Check(p, opts.Hint) == nil && schedule.Evaluate(p, opts.Hint, obj) < schedule.Evaluate(p, s, obj) {
		s = opts.Hint.Clone()
	}
	return &solver.Result{Solver: "replay", Schedule: s, Status: solver.Feasible, Objective: schedule.Evaluate(p, s, obj), Bound: math.NaN()}, nil
}

// onlyMakespan refuses every objective but makespan.
type onlyMakespan struct{ *serial }

func (o onlyMakespan) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	if err := solver.CheckSupport("serial", p, opts.EffectiveObjective(p), serialFeatures, []model.Criterion{model.Makespan}); err != nil {
		return nil, err
	}
	return o.serial.Solve(ctx, p, opts)
}

func TestGoodSolverRecorded(t *testing.T) {
	rec := &recorder{}
	Run(rec, Config{New: func() solver.Solver { return &serial{random: true} }, Features: serialFeatures, WorkLimit: 20})
	if len(rec.errors) > 0 {
		t.Fatalf("a good solver fails:\n%s", strings.Join(rec.errors, "\n"))
	}
	skipped := 0
	for _, l := range rec.logs {
		if strings.Contains(l, "skipped") {
			skipped++
		}
	}
	if skipped == 0 {
		t.Errorf("problems with unsupported features should be skipped: logs %q", rec.logs)
	}
}

func TestBadSolversFail(t *testing.T) {
	cases := []struct {
		flaw   string
		random bool
		want   string // a substring of some failure
	}{
		{"overlap", false, "infeasible schedule"},
		{"wrong objective", false, "but the schedule's makespan is"},
		{"nondeterministic", true, "schedules differ"},
		{"ignores cancel", false, "with a cancelled context Solve took"},
		{"wrong cancel error", false, "does not wrap context.Canceled"},
		{"worse than hint", false, "worse than the hint"},
		{"modifies hint", false, "Solve modified the hint"},
		{"progress up", true, "progress: objective went up"},
		{"silent unsupported", false, "want an error wrapping solver.ErrUnsupported"},
		{"mutates", false, "Solve modified the problem"},
		{"false optimal", false, "status optimal with makespan 197, but the optimum is 55"},
		{"bound above", false, "is above the objective"},
		{"unknown status", false, "status unknown with a schedule"},
		{"nil result", false, "Solve returned neither a result nor an error"},
	}
	for _, tc := range cases {
		t.Run(tc.flaw, func(t *testing.T) {
			rec := &recorder{}
			Run(rec, Config{
				New:         func() solver.Solver { return &serial{random: tc.random, flaw: tc.flaw} },
				Features:    serialFeatures,
				WorkLimit:   map[bool]int64{true: 30}[tc.random],
				Exact:       !tc.random,
				CancelGrace: 150 * time.Millisecond,
				Timed:       tc.flaw == "ignores cancel", // a 300 ms sleep is slow on any machine
			})
			if len(rec.errors) == 0 {
				t.Fatalf("the suite passes a solver with flaw %q", tc.flaw)
			}
			found := false
			for _, e := range rec.errors {
				found = found || strings.Contains(e, tc.want)
			}
			if !found {
				t.Errorf("no failure mentions %q:\n%s", tc.want, strings.Join(rec.errors, "\n"))
			}
		})
	}
}

func TestUnsupportedObjective(t *testing.T) {
	// Claims to support only makespan but solves weighted tardiness
	// silently.
	rec := &recorder{}
	Run(rec, Config{New: func() solver.Solver { return &serial{} }, Features: serialFeatures, Objectives: []model.Criterion{model.Makespan}, Exact: true})
	found := false
	for _, e := range rec.errors {
		found = found || strings.Contains(e, "objective weighted_tardiness is not supported")
	}
	if !found {
		t.Errorf("a solver accepting an unsupported objective passes:\n%s", strings.Join(rec.errors, "\n"))
	}
}

func TestNilNew(t *testing.T) {
	rec := &recorder{}
	Run(rec, Config{})
	if len(rec.errors) != 1 {
		t.Errorf("errors: %q", rec.errors)
	}
}

func TestProblems(t *testing.T) {
	want := map[string]model.Features{
		"ft06":            0,
		"release-due-4x3": model.FeatReleaseDates | model.FeatDueDates,
		"flexible-3x3":    model.FeatAlternatives,
		"calendar-2x8":    model.FeatCalendars,
		"resumable":       model.FeatCalendars | model.FeatResumable,
		"setups":          model.FeatSetups,
		"materials":       model.FeatMaterials,
		"operators":       model.FeatOperators,
		"fixed":           model.FeatFixed,
		"dag-links-lags":  model.FeatDAG | model.FeatLags,
		"deadlines":       model.FeatDeadlines,
	}
	cases := Problems()
	if len(cases) != len(want) {
		t.Errorf("%d problems, want %d", len(cases), len(want))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if got := c.Problem.Features(); got != want[c.Name] {
				t.Errorf("features %s, want %s", got, want[c.Name])
			}
			if issues := c.Problem.Validate(); len(issues) > 0 {
				t.Errorf("invalid problem: %v", issues)
			}
			ref := c.Reference
			if ref == nil {
				// Classic problems: the serial schedule is feasible.
				ref = serialSchedule(c.Problem, nil, false)
			}
			if err := schedule.Verify(c.Problem, ref); err != nil {
				t.Errorf("reference schedule: %v", err)
			}
			if c.Optimum > 0 {
				if got := schedule.Makespan(ref); float64(got) != c.Optimum {
					t.Errorf("reference makespan %d, optimum %g", got, c.Optimum)
				}
			}
		})
	}
}

func TestCloneProblem(t *testing.T) {
	for _, c := range Problems() {
		q := cloneProblem(c.Problem)
		if fmt.Sprintf("%+v", q) == "" {
			t.Fatal("empty")
		}
		// Mutating the clone deeply leaves the original intact.
		q.Jobs[0].Operations[0].Alternatives[0].Duration += 100
		if c.Problem.Jobs[0].Operations[0].Alternatives[0].Duration == q.Jobs[0].Operations[0].Alternatives[0].Duration {
			t.Errorf("%s: clone shares alternatives", c.Name)
		}
	}
}
