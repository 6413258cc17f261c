package mip

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// enumerateStarts calls visit with every schedule of a tiny problem
// without setups that passes schedule.Check, enumerating every machine
// choice and every integer start time in [release, horizon] of every
// operation: unlike bruteForce it also finds schedules that wait on
// purpose (earliness). Machine overlaps and precedence arcs prune partial
// schedules. It shares no code with the formulation.
func enumerateStarts(p *model.Problem, horizon int64, visit func(*schedule.Schedule)) {
	type ref struct{ j, k int }
	var ops []ref
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			ops = append(ops, ref{j, k})
		}
	}
	mIdx := map[string]int{}
	for i, m := range p.Machines {
		mIdx[m.ID] = i
	}
	pos := map[ref]int{}
	for i, r := range ops {
		pos[r] = i
	}
	arcs := p.Arcs(p.NewIndex())
	as := make([]schedule.Assignment, len(ops))
	var place func(n int)
	place = func(n int) {
		if n == len(ops) {
			s := &schedule.Schedule{Assignments: append([]schedule.Assignment(nil), as...)}
			if len(schedule.Check(p, s)) == 0 {
				visit(s)
			}
			return
		}
		r := ops[n]
		job := &p.Jobs[r.j]
		o := &job.Operations[r.k]
		if o.Fixed != nil {
			as[n] = schedule.Assignment{Job: r.j, Op: r.k, Machine: mIdx[o.Fixed.Machine],
				SetupStart: o.Fixed.SetupStart, Start: o.Fixed.Start, End: o.Fixed.End}
			place(n + 1)
			return
		}
		for _, alt := range o.Alternatives {
			m, d := mIdx[alt.Machine], alt.ProcessingTime(job.Quantity)
		starts:
			for st := job.Release; st <= horizon; st++ {
				a := schedule.Assignment{Job: r.j, Op: r.k, Machine: m, SetupStart: st, Start: st, End: st + d}
				for _, b := range as[:n] {
					if b.Machine == m && a.Start < b.End && b.Start < a.End {
						continue starts
					}
				}
				for _, arc := range arcs {
					from, to := pos[ref{arc.From.Job, arc.From.Op}], pos[ref{arc.To.Job, arc.To.Op}]
					if to == n && from < n && a.Start < as[from].End+arc.MinLag {
						continue starts
					}
					if from == n && to < n && as[to].Start < a.End+arc.MinLag {
						continue starts
					}
				}
				as[n] = a
				place(n + 1)
			}
		}
	}
	place(0)
}

// bruteStarts returns the optimum of obj over enumerateStarts and a
// schedule that reaches it (+Inf and nil when there is none).
func bruteStarts(t *testing.T, p *model.Problem, obj model.Objective, horizon int64) (float64, *schedule.Schedule) {
	t.Helper()
	best := math.Inf(1)
	var bestS *schedule.Schedule
	enumerateStarts(p, horizon, func(s *schedule.Schedule) {
		if v := schedule.Evaluate(p, s, obj); v < best-1e-12 {
			best, bestS = v, s
		}
	})
	return best, bestS
}

// bruteHorizon bounds the ends of an optimal schedule of the tiny problems
// (latest release, due date or fixed end, plus all the work, lags and
// downtime).
func bruteHorizon(p *model.Problem) int64 {
	var anchor, work int64
	for j := range p.Jobs {
		job := &p.Jobs[j]
		anchor = max(anchor, job.Release)
		if job.Due != nil {
			anchor = max(anchor, *job.Due)
		}
		for _, o := range job.Operations {
			var pm int64
			for _, a := range o.Alternatives {
				pm = max(pm, a.ProcessingTime(job.Quantity))
			}
			work += pm + max(o.MinLag, 0)
			for _, l := range o.After {
				work += max(l.MinLag, 0)
			}
			if o.Fixed != nil {
				anchor = max(anchor, o.Fixed.End)
			}
		}
	}
	for _, m := range p.Machines {
		for _, w := range m.Downtime {
			work += w.End - w.Start
		}
	}
	return anchor + work
}

// timeEpoch gives a problem real time (and the cost's premiums).
var timeEpoch = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

func withObjective(p *model.Problem, o string) *model.Problem {
	obj, err := model.ParseObjective(o)
	if err != nil {
		panic(err)
	}
	p.Objective = obj
	p.Name += "-" + o
	return p
}

// etCases are tiny earliness-tardiness problems whose optimum waits.
func etCases() []struct {
	name string
	p    *model.Problem
} {
	single := func() *model.Problem {
		return &model.Problem{
			Name:     "single",
			Machines: machines("M0"),
			Jobs: []model.Job{
				{ID: "a", Due: model.Tick(5), Weight: 1, Operations: []model.Operation{op("M0", 3)}},
				{ID: "b", Due: model.Tick(6), Weight: 2, Operations: []model.Operation{op("M0", 2)}},
				{ID: "c", Due: model.Tick(14), Weight: 1, Operations: []model.Operation{op("M0", 4)}},
			},
		}
	}
	flow := func() *model.Problem {
		return &model.Problem{
			Name:     "flow",
			Machines: machines("M0", "M1"),
			Jobs: []model.Job{
				{ID: "a", Due: model.Tick(9), Weight: 1, Operations: []model.Operation{op("M0", 3), op("M1", 2)}},
				{ID: "b", Release: 1, Due: model.Tick(7), Weight: 3, Operations: []model.Operation{op("M0", 2), op("M1", 3)}},
			},
		}
	}
	twoSinks := func() *model.Problem {
		return &model.Problem{
			Name:     "two-sinks",
			Machines: machines("M0", "M1"),
			Jobs: []model.Job{
				{ID: "A", Routing: model.DAG, Due: model.Tick(9), Operations: []model.Operation{
					{ID: "x", Alternatives: []model.Alternative{{Machine: "M0", Duration: 3}}},
					{ID: "y", Alternatives: []model.Alternative{{Machine: "M1", Duration: 2}}},
				}},
				{ID: "B", Due: model.Tick(4), Weight: 2, Operations: []model.Operation{op("M0", 2)}},
			},
		}
	}
	flexible := &model.Problem{
		Name:     "flexible",
		Machines: machines("M0", "M1"),
		Jobs: []model.Job{
			{ID: "a", Due: model.Tick(8), Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 3}, {Machine: "M1", Duration: 5}}}, op("M1", 2)}},
			{ID: "b", Due: model.Tick(4), Weight: 2, Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 2}, {Machine: "M1", Duration: 3}}}}},
			{ID: "c", Due: model.Tick(5), Operations: []model.Operation{op("M0", 2)}},
		},
	}
	downtime := &model.Problem{
		Name:     "downtime",
		Machines: []model.Machine{{ID: "M0", Downtime: []model.Window{{Start: 4, End: 8}}}},
		Jobs: []model.Job{
			{ID: "a", Due: model.Tick(7), Weight: 2, Operations: []model.Operation{op("M0", 2)}},
			{ID: "b", Due: model.Tick(12), Operations: []model.Operation{op("M0", 3)}},
		},
	}
	fixed := &model.Problem{
		Name:     "fixed-deadline",
		Machines: machines("M0", "M1"),
		Jobs: []model.Job{
			{ID: "f", Due: model.Tick(6), Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 3}}, Fixed: &model.Fixed{Machine: "M0", SetupStart: 2, Start: 2, End: 5}}}},
			{ID: "a", Due: model.Tick(10), Deadline: model.Tick(8), Operations: []model.Operation{op("M1", 2), op("M0", 2)}},
			{ID: "b", Due: model.Tick(4), Operations: []model.Operation{op("M1", 1)}},
		},
	}
	return []struct {
		name string
		p    *model.Problem
	}{
		{"single-jit", withObjective(single(), "weighted_tardiness+weighted_earliness")},
		{"single-earliness-makespan", withObjective(single(), "weighted_earliness+makespan")},
		{"single-earliness", withObjective(single(), "weighted_earliness")},
		{"flow-jit-fractional", withObjective(flow(), "weighted_tardiness+0.5*weighted_earliness")},
		{"flow-earliness-flow-time", withObjective(flow(), "weighted_earliness+flow_time")},
		{"two-sinks", withObjective(twoSinks(), "weighted_earliness+2*weighted_tardiness")},
		{"two-sinks-late-jobs", withObjective(twoSinks(), "weighted_earliness+late_jobs+max_lateness")},
		{"flexible", withObjective(flexible, "weighted_tardiness+weighted_earliness")},
		{"downtime", withObjective(downtime, "weighted_tardiness+weighted_earliness")},
		{"fixed-deadline", withObjective(fixed, "weighted_tardiness+3*weighted_earliness")},
	}
}

// randomETProblem returns a random tiny problem (2 or 3 jobs, 4 operations
// at most, 2 machines, alternatives, due dates, weights and releases) for
// an earliness-tardiness objective.
func randomETProblem(rng *rand.Rand) *model.Problem {
	p := &model.Problem{Name: "random", Machines: machines("M0", "M1")}
	nj := 2 + rng.IntN(2)
	left := 4
	for j := 0; j < nj; j++ {
		nops := 1
		if left-(nj-j-1) >= 2 && rng.IntN(2) == 0 {
			nops = 2
		}
		left -= nops
		job := model.Job{ID: fmt.Sprintf("j%d", j), Weight: float64(1 + rng.IntN(3)), Release: int64(rng.IntN(3))}
		var total int64
		for k := 0; k < nops; k++ {
			var o model.Operation
			d := int64(1 + rng.IntN(4))
			total += d
			m := rng.IntN(2)
			o.Alternatives = []model.Alternative{{Machine: fmt.Sprintf("M%d", m), Duration: d}}
			if rng.IntN(3) == 0 {
				o.Alternatives = append(o.Alternatives, model.Alternative{Machine: fmt.Sprintf("M%d", 1-m), Duration: d + int64(rng.IntN(3))})
			}
			job.Operations = append(job.Operations, o)
		}
		if rng.IntN(5) > 0 {
			job.Due = model.Tick(job.Release + total + int64(rng.IntN(8)))
		}
		p.Jobs = append(p.Jobs, job)
	}
	objs := []string{"weighted_tardiness+weighted_earliness", "2*weighted_earliness+weighted_tardiness", "weighted_earliness+makespan", "weighted_earliness+0.5*flow_time"}
	return withObjective(p, objs[rng.IntN(len(objs))])
}

// checkOptimal solves p with backend be in three configurations (the
// heuristic hint as a cutoff, as a warm start only, no hint at all) and
// requires a proved optimum equal to want, a schedule that passes
// schedule.Verify and whose value is the reported objective, and a bound
// equal to want (a bound above it would not be a lower bound).
func checkOptimal(t *testing.T, be lp.Backend, p *model.Problem, want float64) {
	t.Helper()
	obj := p.Objective.Normalized()
	for _, cfg := range []struct{ noHint, noCutoff bool }{{false, false}, {false, true}, {true, false}} {
		s := &Solver{Name: "mip", Backend: be, NoHint: cfg.noHint, NoCutoff: cfg.noCutoff}
		r, err := s.Solve(context.Background(), p, solver.Options{}) // to the proof: no clock
		if err != nil {
			t.Fatalf("%+v: %v", cfg, err)
		}
		if r.Bound > want+1e-6 {
			t.Errorf("%+v: bound %v above the optimum %v", cfg, r.Bound, want)
		}
		if r.Status != solver.Optimal {
			t.Fatalf("%+v: status %v, want optimal", cfg, r.Status)
		}
		if err := schedule.Verify(p, r.Schedule); err != nil {
			t.Fatalf("%+v: schedule.Verify: %v", cfg, err)
		}
		got := schedule.Evaluate(p, r.Schedule, obj)
		if math.Abs(got-want) > 1e-6 || math.Abs(r.Objective-got) > 1e-9 {
			t.Fatalf("%+v: objective %v (reported %v), brute force %v", cfg, got, r.Objective, want)
		}
		if math.Abs(r.Bound-want) > 1e-6 {
			t.Fatalf("%+v: bound %v, want %v", cfg, r.Bound, want)
		}
	}
}

// TestEarlinessTardinessOptimal compares the MIP optimum with exhaustive
// enumeration of start times on every backend available.
func TestEarlinessTardinessOptimal(t *testing.T) {
	bs := backends()
	if len(bs) == 0 {
		t.Skip("no MIP backend available")
	}
	for _, tc := range etCases() {
		want, _ := bruteStarts(t, tc.p, tc.p.Objective.Normalized(), bruteHorizon(tc.p))
		if math.IsInf(want, 1) {
			t.Fatalf("%s: brute force found no feasible schedule", tc.name)
		}
		for _, b := range bs {
			t.Run(tc.name+"/"+b.name, func(t *testing.T) { checkOptimal(t, b.be, tc.p, want) })
		}
	}
}

// TestEarlinessTardinessRandom does the same on random tiny problems with
// every backend available.
func TestEarlinessTardinessRandom(t *testing.T) {
	bs := backends()
	if len(bs) == 0 {
		t.Skip("no MIP backend available")
	}
	rng := rand.New(rand.NewPCG(16, 2026))
	for i := 0; i < 12; i++ {
		p := randomETProblem(rng)
		want, _ := bruteStarts(t, p, p.Objective.Normalized(), bruteHorizon(p))
		if math.IsInf(want, 1) {
			t.Fatalf("instance %d: brute force found no feasible schedule", i)
		}
		for _, b := range bs {
			t.Run(fmt.Sprintf("%d-%s/%s", i, p.Name, b.name), func(t *testing.T) { checkOptimal(t, b.be, p, want) })
		}
	}
}

// TestEarlinessWaits checks on a case whose optimum is known by hand that
// the returned schedule keeps the solver's waiting start times: job c
// (due 14, 4 ticks) must end at 14, not be left-shifted to 9.
func TestEarlinessWaits(t *testing.T) {
	be := bestBackend(t)
	p := etCases()[0].p
	r, err := (&Solver{Backend: be}).Solve(context.Background(), p, solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v := schedule.Check(p, r.Schedule); len(v) > 0 {
		t.Fatal(v)
	}
	// a (3, due 5) and b (2, due 6, weight 2): b at [4,6) and a at [1,4)
	// costs 1 of earliness; c at [10,14).
	for _, a := range r.Schedule.Assignments {
		if a.Job == 2 && a.End != 14 {
			t.Errorf("job c ends at %d, want 14 (just in time)", a.End)
		}
	}
	if r.Objective != 1 || r.Status != solver.Optimal {
		t.Errorf("objective %v status %v, want optimal 1", r.Objective, r.Status)
	}
}

// TestExtractMatchesBackend solves the formulation directly and checks
// that the schedule read back from the backend's values is valid and worth
// exactly the backend's objective value: no re-placement moves the
// waiting operations.
func TestExtractMatchesBackend(t *testing.T) {
	be := bestBackend(t)
	for _, tc := range append(etCases(), costCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			obj := tc.p.Objective.Normalized()
			f, err := Build(tc.p, obj, BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			sol, err := be.Solve(context.Background(), f.Model, lp.Params{})
			if err != nil {
				t.Fatal(err)
			}
			if sol.Status != lp.Optimal {
				t.Fatalf("status %v", sol.Status)
			}
			s := f.Extract(sol.Values)
			if v := schedule.Check(tc.p, s); len(v) > 0 {
				t.Fatal(v)
			}
			if got := schedule.Evaluate(tc.p, s, obj); math.Abs(got-sol.Objective) > 1e-6*math.Max(1, math.Abs(got)) {
				t.Fatalf("schedule worth %v, backend claims %v", got, sol.Objective)
			}
		})
	}
}

// TestEarlinessModelExact checks without any backend that the model
// values schedules exactly (the vector built from the brute-force optimum,
// and from the earliest schedule, which finishes jobs early, is feasible
// and worth the schedule's objective value) and that it cannot claim a
// completion later than the job's last end: moving C_j of an early job to
// its due date (E_j to 0) violates the model whichever operation is taken
// to end last.
func TestEarlinessModelExact(t *testing.T) {
	moved, movedLast := 0, 0
	for _, tc := range append(etCases(), costCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			obj := tc.p.Objective.Normalized()
			_, best := bruteStarts(t, tc.p, obj, bruteHorizon(tc.p))
			_, early := bruteStarts(t, tc.p, model.Single(model.FlowTime), bruteHorizon(tc.p))
			if best == nil || early == nil {
				t.Fatal("brute force found no feasible schedule")
			}
			for _, s := range []*schedule.Schedule{best, early} {
				f, err := Build(tc.p, obj, BuildOptions{Hint: s})
				if err != nil {
					t.Fatal(err)
				}
				if v, where := f.Model.Violation(f.Start); v > 1e-6 {
					t.Fatalf("the schedule violates %s by %g", where, v)
				}
				if got, want := f.Model.Objective(f.Start), schedule.Evaluate(tc.p, s, obj); math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
					t.Fatalf("model objective %v, schedule %v", got, want)
				}
				for j := range tc.p.Jobs {
					if f.v.ej[j] < 0 || f.Start[f.v.ej[j]] == 0 {
						continue
					}
					x := append([]float64(nil), f.Start...)
					x[f.v.cj[j]] += x[f.v.ej[j]]
					x[f.v.ej[j]] = 0
					if f.v.tj[j] >= 0 {
						x[f.v.tj[j]] = 0
					}
					for _, l := range f.v.last[j] {
						x[l.f] = 0
					}
					for _, l := range f.v.last[j] {
						x[l.f] = 1
						if v, _ := f.Model.Violation(x); v < 0.5 {
							t.Errorf("job %d: C_j moved to the due date is feasible in the model", j)
						}
						x[l.f] = 0
						movedLast++
					}
					if len(f.v.last[j]) == 0 {
						if v, _ := f.Model.Violation(x); v < 0.5 {
							t.Errorf("job %d: C_j moved to the due date is feasible in the model", j)
						}
					}
					moved++
				}
			}
		})
	}
	if moved == 0 || movedLast == 0 {
		t.Errorf("the completion was moved %d times, %d with several last operations: the test checks nothing", moved, movedLast)
	}
}

// costProblem has machines with hourly costs, alternatives of different
// cost, a fixed operation, and orders with lateness and holding costs per
// day (a unitless problem: a tick is a minute, a day 1440 ticks).
func costProblem() *model.Problem {
	return &model.Problem{
		Name: "cost",
		Machines: []model.Machine{
			{ID: "cheap", CostPerHour: 30},
			{ID: "fast", CostPerHour: 240, NightPremium: 0.5}, // no premiums without an epoch
		},
		Jobs: []model.Job{
			{ID: "a", Due: model.Tick(8), LatenessCostPerDay: 2880, HoldingCostPerDay: 720, Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "cheap", Duration: 5}, {Machine: "fast", Duration: 3}}}}},
			{ID: "b", Due: model.Tick(6), LatenessCostPerDay: 14400, HoldingCostPerDay: 1440, Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "cheap", Duration: 4}, {Machine: "fast", Duration: 2}}}, op("fast", 1)}},
			{ID: "f", Due: model.Tick(12), HoldingCostPerDay: 100, Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "cheap", Duration: 3}}, Fixed: &model.Fixed{Machine: "cheap", SetupStart: 9, Start: 9, End: 12}}}},
		},
	}
}

func costCases() []struct {
	name string
	p    *model.Problem
} {
	return []struct {
		name string
		p    *model.Problem
	}{
		{"cost", withObjective(costProblem(), "cost")},
		{"cost-jit", withObjective(costProblem(), "cost+weighted_tardiness+0.5*weighted_earliness")},
	}
}

// TestCostOptimal compares the MIP's cost optimum with exhaustive
// enumeration, on every backend available.
func TestCostOptimal(t *testing.T) {
	bs := backends()
	if len(bs) == 0 {
		t.Skip("no MIP backend available")
	}
	for _, tc := range costCases() {
		want, _ := bruteStarts(t, tc.p, tc.p.Objective.Normalized(), bruteHorizon(tc.p))
		for _, b := range bs {
			t.Run(tc.name+"/"+b.name, func(t *testing.T) { checkOptimal(t, b.be, tc.p, want) })
		}
	}
}

// TestCostMatchesComputeCosts checks without any backend that the
// model's objective equals schedule.ComputeCosts' total on every feasible
// schedule of the cost problem that the enumeration visits.
func TestCostMatchesComputeCosts(t *testing.T) {
	p := withObjective(costProblem(), "cost")
	obj := p.Objective.Normalized()
	f, err := Build(p, obj, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	enumerateStarts(p, bruteHorizon(p), func(s *schedule.Schedule) {
		x := f.startFrom(s, nil)
		got, want := f.Model.Objective(x), schedule.ComputeCosts(p, s).Total
		if math.Abs(got-want) > 1e-9*math.Max(1, want) {
			t.Fatalf("model cost %v, ComputeCosts %v for %+v", got, want, s.Assignments)
		}
		checked++
	})
	if checked < 100 {
		t.Fatalf("only %d schedules checked", checked)
	}
}

// TestCostUnsupported checks that the cost objective is refused, with the
// machine named, where the formulation cannot express it, and accepted
// otherwise.
func TestCostUnsupported(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *model.Problem)
		want string
	}{
		{"premiums", func(p *model.Problem) {
			p.Epoch = timeEpoch
		}, `premiums (machine "fast")`},
		{"overtime", func(p *model.Problem) {
			p.Machines[0].Overtime = []model.Overtime{{Start: 100, End: 200, CostPerHour: 90}}
		}, `overtime windows (machine "cheap")`},
		{"setup-time", func(p *model.Problem) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 1}}
			p.Machines[0].SetupMatrix = "S"
		}, `hourly cost on machine "cheap" with sequence-dependent setups`},
		{"setup-change", func(p *model.Problem) {
			p.Machines[1].SetupChangeCost = 50
			p.Jobs[0].Operations[0].SetupFamily = "A"
			p.Jobs[1].Operations[0].SetupFamily = "B"
		}, `setup change cost on machine "fast"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := withObjective(costProblem(), "cost")
			tc.edit(p)
			if iss := p.Validate(); iss != nil {
				t.Fatalf("invalid test problem: %v", iss)
			}
			s := &Solver{Name: "mip", HintSolver: &countingSolver{}}
			spec := s.Spec()
			err := spec.Supports(p, p.Objective)
			if !errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Supports: err = %v, want ErrUnsupported naming %q", err, tc.want)
			}
			if _, err := Build(p, p.Objective, BuildOptions{}); !errors.Is(err, solver.ErrUnsupported) {
				t.Fatalf("Build: err = %v, want ErrUnsupported", err)
			}
			// The same problem under just in time is accepted.
			if err := spec.Supports(p, model.Objective{Terms: []model.Term{{Criterion: model.WeightedTardiness, Weight: 1}, {Criterion: model.WeightedEarliness, Weight: 1}}}); err != nil {
				t.Fatalf("just in time refused: %v", err)
			}
		})
	}
	s := &Solver{}
	spec := s.Spec()
	if err := spec.Supports(costProblem(), model.Single(model.Cost)); err != nil {
		t.Fatalf("cost problem refused: %v", err)
	}
}
