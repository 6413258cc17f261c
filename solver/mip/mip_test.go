package mip

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip/cbc"
	"github.com/ordo-sched/ordo/solver/mip/execsolver"
	"github.com/ordo-sched/ordo/solver/mip/lp"
	"github.com/ordo-sched/ordo/solver/mip/lpsolve"
)

type namedBackend struct {
	name string
	be   lp.Backend
}

// backends returns every backend usable here: the cgo bindings when built
// with their tags, and each program found on PATH.
func backends() []namedBackend {
	var out []namedBackend
	if cbc.Available {
		out = append(out, namedBackend{"cbc", cbc.New()})
	}
	if lpsolve.Available {
		out = append(out, namedBackend{"lpsolve", lpsolve.New()})
	}
	for _, prog := range execsolver.Programs {
		if b := execsolver.New(prog); b.Available() == nil {
			out = append(out, namedBackend{"exec:" + prog, b})
		}
	}
	return out
}

func bestBackend(t *testing.T) lp.Backend {
	t.Helper()
	b, err := Select()
	if err != nil {
		t.Skip(err)
	}
	return b
}

func op(m string, d int64) model.Operation {
	return model.Operation{Alternatives: []model.Alternative{{Machine: m, Duration: d}}}
}

func machines(ids ...string) []model.Machine {
	var out []model.Machine
	for _, id := range ids {
		out = append(out, model.Machine{ID: id})
	}
	return out
}

func twtProblem() *model.Problem {
	return &model.Problem{
		Name:     "twt",
		Machines: machines("M0", "M1"),
		Jobs: []model.Job{
			{ID: "a", Release: 0, Due: model.Tick(6), Weight: 1, Operations: []model.Operation{op("M0", 3), op("M1", 2)}},
			{ID: "b", Release: 2, Due: model.Tick(7), Weight: 3, Operations: []model.Operation{op("M1", 4), op("M0", 2)}},
			{ID: "c", Release: 1, Due: model.Tick(9), Weight: 2, Operations: []model.Operation{op("M0", 2), op("M1", 3)}},
		},
		Objective: model.Single(model.WeightedTardiness),
	}
}

// tinyCases are small problems exercising each supported feature.
func tinyCases() []struct {
	name string
	p    *model.Problem
} {
	withObj := func(p *model.Problem, o string) *model.Problem {
		obj, err := model.ParseObjective(o)
		if err != nil {
			panic(err)
		}
		p.Objective = obj
		p.Name += "-" + o
		return p
	}
	deadline := &model.Problem{
		Name:     "deadline",
		Machines: machines("M0", "M1"),
		Jobs: []model.Job{
			{ID: "a", Operations: []model.Operation{op("M0", 4), op("M1", 4)}},
			{ID: "b", Deadline: model.Tick(5), Operations: []model.Operation{op("M0", 2), op("M1", 2)}},
			{ID: "c", Operations: []model.Operation{op("M1", 3)}},
		},
	}
	setups := &model.Problem{
		Name:          "setups",
		Machines:      []model.Machine{{ID: "M0", SetupMatrix: "S"}, {ID: "M1"}},
		SetupMatrices: []model.SetupMatrix{{ID: "S", Default: 5, Initial: 2, Entries: []model.SetupEntry{{From: "A", To: "B", Time: 1}, {From: "B", To: "A", Time: 8}}}},
		Jobs: []model.Job{
			{ID: "a1", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 3}}, SetupFamily: "A"}}},
			{ID: "b1", Operations: []model.Operation{op("M1", 2), {Alternatives: []model.Alternative{{Machine: "M0", Duration: 2}}, SetupFamily: "B"}}},
			{ID: "a2", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 2}}, SetupFamily: "A"}}},
			{ID: "c1", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 1}}, SetupFamily: "C"}}},
		},
	}
	fixed := &model.Problem{
		Name:     "fixed",
		Machines: machines("M0", "M1"),
		Jobs: []model.Job{
			{ID: "f", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 4}}, Fixed: &model.Fixed{Machine: "M0", SetupStart: 5, Start: 5, End: 9}}, op("M1", 2)}},
			{ID: "a", Operations: []model.Operation{op("M0", 3), op("M1", 3)}},
			{ID: "b", Operations: []model.Operation{op("M1", 2), op("M0", 4)}},
		},
	}
	downtime := &model.Problem{
		Name:     "downtime",
		Machines: []model.Machine{{ID: "M0", Downtime: []model.Window{{Start: 4, End: 10}}}, {ID: "M1"}},
		Jobs: []model.Job{
			{ID: "a", Operations: []model.Operation{op("M0", 3), op("M1", 2)}},
			{ID: "b", Operations: []model.Operation{op("M1", 2), op("M0", 5)}},
			{ID: "c", Operations: []model.Operation{op("M0", 2)}},
		},
	}
	flexible := &model.Problem{
		Name:     "flexible",
		Machines: machines("M0", "M1"),
		Jobs: []model.Job{
			{ID: "a", Due: model.Tick(5), Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 3}, {Machine: "M1", Duration: 5}}}, op("M1", 2)}},
			{ID: "b", Due: model.Tick(4), Weight: 2, Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M0", Duration: 2}, {Machine: "M1", Duration: 3}}}}},
			{ID: "c", Due: model.Tick(6), Operations: []model.Operation{op("M0", 2), {Alternatives: []model.Alternative{{Machine: "M0", Duration: 1}, {Machine: "M1", Duration: 2}}}}},
		},
		Objective: model.Single(model.WeightedTardiness),
	}
	dag := &model.Problem{
		Name:     "dag-links-lags",
		Machines: machines("M0", "M1"),
		Jobs: []model.Job{
			{ID: "A", Routing: model.DAG, Operations: []model.Operation{
				{ID: "x", Alternatives: []model.Alternative{{Machine: "M0", Duration: 3}}},
				{ID: "y", Alternatives: []model.Alternative{{Machine: "M1", Duration: 2}}},
				{ID: "z", Alternatives: []model.Alternative{{Machine: "M0", Duration: 2}}, After: []model.Link{{Op: "x"}, {Op: "y", MinLag: 2}}},
			}},
			{ID: "B", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "M1", Duration: 2}}, After: []model.Link{{Job: "A", Op: "x", MinLag: 1}}},
				{Alternatives: []model.Alternative{{Machine: "M0", Duration: 1}}, MinLag: 3},
			}},
		},
	}
	epoch := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	calendar := &model.Problem{
		Name:      "calendar",
		Epoch:     epoch,
		Horizon:   4 * 1440,
		Calendars: []model.Calendar{{ID: "day", Shifts: []model.Shift{{Days: days, Start: 8 * 60, End: 16 * 60}}}},
		Machines:  []model.Machine{{ID: "M0", Calendar: "day"}, {ID: "M1"}},
		Jobs: []model.Job{
			{ID: "a", Operations: []model.Operation{op("M0", 300), op("M1", 120)}},
			{ID: "b", Operations: []model.Operation{op("M1", 600), op("M0", 240)}},
			{ID: "c", Operations: []model.Operation{op("M0", 200)}},
		},
	}
	return []struct {
		name string
		p    *model.Problem
	}{
		{"twt", twtProblem()},
		{"max-lateness", withObj(twtProblem(), "max_lateness")},
		{"late-jobs", withObj(twtProblem(), "late_jobs")},
		{"flow-time", withObj(twtProblem(), "flow_time")},
		{"makespan", withObj(twtProblem(), "makespan")},
		{"weighted-sum", withObj(twtProblem(), "makespan+0.5*flow_time+2*weighted_tardiness")},
		{"deadline", deadline},
		{"setups", setups},
		{"fixed", fixed},
		{"downtime", downtime},
		{"flexible", flexible},
		{"dag-links-lags", withObj(dag, "makespan+flow_time")},
		{"calendar", calendar},
	}
}

// TestTinyOptimal compares the MIP optimum with exhaustive enumeration on
// small problems covering every supported feature and objective, on every
// backend available (the cgo bindings when built with their tags, each
// program on PATH), with the heuristic hint as a cutoff, as a warm start
// only, and without any hint (checkOptimal). Without a hint lp_solve once
// stopped at its first incumbent and called it optimal (late_jobs 2
// instead of 1, flow_time 25 instead of 24; see solver/mip/lpsolve).
func TestTinyOptimal(t *testing.T) {
	bs := backends()
	if len(bs) == 0 {
		t.Skip("no MIP backend available")
	}
	for _, tc := range tinyCases() {
		want, _ := bruteForce(tc.p, tc.p.Objective.Normalized())
		if math.IsInf(want, 1) {
			t.Fatalf("%s: brute force found no feasible schedule", tc.name)
		}
		for _, b := range bs {
			t.Run(tc.name+"/"+b.name, func(t *testing.T) { checkOptimal(t, b.be, tc.p, want) })
		}
	}
}

// TestWarmStartFeasible checks that the warm start built from a feasible
// schedule satisfies the model.
func TestWarmStartFeasible(t *testing.T) {
	be := bestBackend(t)
	for _, tc := range tinyCases() {
		t.Run(tc.name, func(t *testing.T) {
			obj := tc.p.Objective.Normalized()
			_, hint := bruteForce(tc.p, obj)
			f, err := Build(tc.p, obj, BuildOptions{Hint: hint})
			if err != nil {
				t.Fatal(err)
			}
			if v, where := f.Model.Violation(f.Start); v > 1e-6 {
				t.Fatalf("warm start violates %s by %g", where, v)
			}
			if got, want := f.Model.Objective(f.Start), schedule.Evaluate(tc.p, hint, obj); math.Abs(got-want) > 1e-9 {
				t.Fatalf("warm start objective %v, schedule %v", got, want)
			}
			_ = be
		})
	}
}

// TestFt06AllBackends has every backend prove ft06 optimal (55). The hint
// is the deterministic greedy schedule (68), so the backend has to find
// and prove the optimum itself (a heuristic hint of 55 would let the
// propagation in Build prove it without any backend). There is no time
// limit: the work is fixed, so a loaded machine makes the test slower, not
// failing; a generous context deadline still fails a backend that hangs.
func TestFt06AllBackends(t *testing.T) {
	p := testinst.FT06()
	bs := backends()
	if len(bs) == 0 {
		t.Skip("no MIP backend available")
	}
	obj := p.Objective.Normalized()
	hint := greedyHint(p, obj)
	if v := schedule.Evaluate(p, hint, obj); v <= 55 {
		t.Fatalf("greedy hint %v: the backends would have nothing to prove", v)
	}
	for _, b := range bs {
		t.Run(b.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			s := &Solver{Name: "mip", Backend: b.be}
			r, err := s.Solve(ctx, p, solver.Options{Hint: hint})
			if err != nil {
				t.Fatal(err)
			}
			if r.Stop == solver.Canceled {
				t.Fatal("no proof within 5 minutes")
			}
			if err := schedule.Verify(p, r.Schedule); err != nil {
				t.Fatal(err)
			}
			if r.Status != solver.Optimal || r.Objective != 55 || r.Bound != 55 {
				t.Fatalf("status %v objective %v bound %v, want optimal 55", r.Status, r.Objective, r.Bound)
			}
		})
	}
}

func TestUnsupported(t *testing.T) {
	base := func() *model.Problem {
		p := twtProblem()
		return p
	}
	cases := []struct {
		name string
		edit func(p *model.Problem)
		want string
	}{
		{"materials", func(p *model.Problem) {
			p.Materials = []model.Material{{ID: "steel", Initial: 1}}
			p.Jobs[0].Operations[0].Consumes = []model.MaterialQty{{Material: "steel", Quantity: 1}}
		}, "materials"},
		{"operators", func(p *model.Problem) {
			p.OperatorPools = []model.OperatorPool{{ID: "team", Skills: []string{"weld"}, Capacity: 1}}
			p.Jobs[0].Operations[0].Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
		}, "operators"},
		{"resumable-downtime", func(p *model.Problem) {
			p.Machines[0].Downtime = []model.Window{{Start: 3, End: 5}}
			p.Jobs[0].Operations[0].Resumable = true
		}, "resumable"},
		{"many-blocks", func(p *model.Problem) {
			for i := int64(0); i < 200; i++ {
				p.Machines[0].Downtime = append(p.Machines[0].Downtime, model.Window{Start: 3*i + 1, End: 3*i + 2})
			}
		}, "non-working intervals"},
		{"setups-and-downtime", func(p *model.Problem) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 1}}
			p.Machines[0].SetupMatrix = "S"
			p.Machines[0].Downtime = []model.Window{{Start: 3, End: 5}}
		}, "setups and a calendar"},
		{"triangle", func(p *model.Problem) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 1, Entries: []model.SetupEntry{{From: "A", To: "C", Time: 50}}}}
			p.Machines[0].SetupMatrix = "S"
			p.Jobs[0].Operations[0].SetupFamily = "A"
			p.Jobs[1].Operations[1].SetupFamily = "B"
			p.Jobs[2].Operations[0].SetupFamily = "C"
		}, "triangle"},
		{"release-and-setups", func(p *model.Problem) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 1}}
			p.Machines[0].SetupMatrix = "S"
			p.Jobs[0].Operations[0].SetupFamily = "A"
			p.Jobs[1].Operations[1].SetupFamily = "B"
		}, "release date"},
		{"negative-weight", func(p *model.Problem) {
			p.Objective = model.Objective{Terms: []model.Term{{Criterion: model.Makespan, Weight: -1}}}
		}, "negative objective weight"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := base()
			tc.edit(p)
			_, err := Build(p, p.Objective, BuildOptions{})
			if !errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrUnsupported naming %q", err, tc.want)
			}
			// Solve refuses it before any work (the hint heuristic does
			// not run), except the number of non-working intervals, which
			// depends on the horizon.
			hints := &countingSolver{}
			s := &Solver{Name: "mip", Backend: execsolver.New("cbc"), HintSolver: hints}
			_, err = s.Solve(context.Background(), p, solver.Options{})
			if tc.name == "negative-weight" {
				// an invalid objective, refused by Validate
				if err == nil || !strings.Contains(err.Error(), "weight must be positive") {
					t.Fatalf("Solve err = %v, want an invalid objective", err)
				}
				return
			}
			if !errors.Is(err, solver.ErrUnsupported) {
				t.Fatalf("Solve err = %v, want ErrUnsupported", err)
			}
			if hints.calls > 0 && tc.name != "many-blocks" {
				t.Errorf("the hint heuristic ran %d time(s) before the refusal", hints.calls)
			}
		})
	}
}

// countingSolver counts its calls and finds nothing.
type countingSolver struct{ calls int }

func (c *countingSolver) Solve(context.Context, *model.Problem, solver.Options) (*solver.Result, error) {
	c.calls++
	return &solver.Result{}, nil
}

func TestUnavailableBackends(t *testing.T) {
	p := twtProblem()
	for name, avail := range map[string]bool{"mip:cbc": cbc.Available, "mip:lpsolve": lpsolve.Available} {
		if avail {
			continue
		}
		s := &Solver{Name: name, Backend: cbc.New()}
		if name == "mip:lpsolve" {
			s.Backend = lpsolve.New()
		}
		_, err := s.Solve(context.Background(), p, solver.Options{})
		if !errors.Is(err, lp.ErrUnavailable) || !strings.Contains(err.Error(), "built without") {
			t.Fatalf("%s: err = %v, want ErrUnavailable", name, err)
		}
	}
}

func TestCancelled(t *testing.T) {
	be := bestBackend(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &Solver{Name: "mip", Backend: be}
	r, err := s.Solve(ctx, twtProblem(), solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Stop != solver.Canceled {
		t.Fatalf("stop %v, want canceled", r.Stop)
	}
}

func TestExportFormats(t *testing.T) {
	p := twtProblem()
	for _, format := range []string{"lp", "mps"} {
		var b strings.Builder
		if err := Export(p, model.Objective{}, format, &b); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"S_0_0", "S_2_1", "C_0", "T_1"} {
			if !strings.Contains(b.String(), name) {
				t.Errorf("%s export lacks variable %s", format, name)
			}
		}
	}
	if err := Export(p, model.Objective{}, "xlsx", &strings.Builder{}); err == nil || !strings.Contains(err.Error(), "xlsx") {
		t.Fatalf("err = %v, want unknown format", err)
	}
}
