package scenario

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/ga"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// exampleScenarios reads the scenario files of examples/scenarios.
func exampleScenarios(t testing.TB) []Scenario {
	t.Helper()
	files, err := filepath.Glob("../examples/scenarios/*.json")
	if err != nil || len(files) < 4 {
		t.Fatalf("example scenarios: %v (%d files)", err, len(files))
	}
	var out []Scenario
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(strings.TrimSuffix(filepath.Base(f), ".json"), data)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// checkRows holds every plan of c against schedule.Check and its row
// against the plan's KPIs.
func checkRows(t *testing.T, c *Comparison) {
	t.Helper()
	for _, r := range c.Rows {
		if r.Error != "" {
			t.Errorf("%s: %s", r.Name, r.Error)
			continue
		}
		if v := schedule.Check(r.Plan.Problem, r.Plan.Schedule); len(v) > 0 {
			t.Errorf("%s: infeasible plan: %v", r.Name, v[0])
		}
		k := schedule.ComputeKPIs(r.Plan.Problem, r.Plan.Schedule)
		if r.LateOrders != k.LateJobs || r.WeightedTardiness != k.WeightedTardiness || r.Makespan != k.Makespan {
			t.Errorf("%s: row %d late, %g, %d; plan %d late, %g, %d", r.Name, r.LateOrders, r.WeightedTardiness, r.Makespan, k.LateJobs, k.WeightedTardiness, k.Makespan)
		}
	}
}

func TestCompareExampleScenarios(t *testing.T) {
	scs := exampleScenarios(t)
	cfg := Config{Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, Parallel: 2}
	c, err := Compare(context.Background(), examples.PlantJSON, scs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Rows) != len(scs)+1 || c.Rows[0].Name != "base" {
		t.Fatalf("rows %d (first %q), want base and %d scenarios", len(c.Rows), c.Rows[0].Name, len(scs))
	}
	checkRows(t, c)
	if c.Bottleneck == "" {
		t.Error("no bottleneck machine")
	}
	for i, r := range c.Rows {
		if r.Name != "base" && r.Name != scs[i-1].Name {
			t.Errorf("row %d is %q, want %q", i, r.Name, scs[i-1].Name)
		}
		// Only the Saturday scenario adds working exceptions.
		if extra := r.Name == "saturday-grinder"; (r.OvertimeHours > 0) != extra {
			t.Errorf("%s: overtime %.1f h", r.Name, r.OvertimeHours)
		}
		if r.Name == "base" && (r.Moved != 0 || r.Shift != 0) {
			t.Errorf("base moved %d operations against itself", r.Moved)
		}
		if r.Name == "grinder-night-shift" && r.Moved == 0 {
			t.Errorf("%s: a third shift on the bottleneck moved nothing", r.Name)
		}
	}
	var text, md bytes.Buffer
	if err := c.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, s := range scs {
		if !strings.Contains(text.String(), s.Name) || !strings.Contains(md.String(), "| "+s.Name+" |") {
			t.Errorf("scenario %s missing from the tables:\n%s\n%s", s.Name, text.String(), md.String())
		}
	}
	if n := strings.Count(md.String(), "\n"); n != len(c.Rows)+2 {
		t.Errorf("markdown has %d lines, want %d", n, len(c.Rows)+2)
	}
}

// TestCompareDeterministic plans the scenarios twice with a randomised
// solver, a seed and a work limit, in parallel: the same table.
func TestCompareDeterministic(t *testing.T) {
	scs := exampleScenarios(t)[:2]
	cfg := Config{Solver: ga.New(ga.Params{}), Options: solver.Options{Seed: 7, WorkLimit: 60}, Parallel: 2}
	var out [2][]byte
	for i := range out {
		c, err := Compare(context.Background(), examples.PlantJSON, scs, cfg)
		if err != nil {
			t.Fatal(err)
		}
		checkRows(t, c)
		out[i], err = json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Errorf("two comparisons differ:\n%s\n%s", out[0], out[1])
	}
}

func TestCompareErrors(t *testing.T) {
	cfg := Config{Solver: &dispatch.Solver{Name: "dispatch"}}
	bad, err := Parse("no-lathe", []byte(`{"machines": [{"id": "SAW-01"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compare(context.Background(), examples.PlantJSON, []Scenario{bad}, cfg)
	if err == nil || !strings.Contains(err.Error(), "scenario no-lathe: the changed problem is invalid") {
		t.Errorf("invalid changed problem: error %v", err)
	}
	if _, err := Compare(context.Background(), []byte(`{"version": 1, "jobs": 5}`), nil, cfg); err == nil || !strings.Contains(err.Error(), "base problem") {
		t.Errorf("invalid base: error %v", err)
	}
	if _, err := Compare(context.Background(), examples.PlantJSON, nil, Config{}); err == nil {
		t.Error("no solver: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Compare(ctx, examples.PlantJSON, nil, cfg); err == nil {
		t.Error("cancelled context: no error")
	}
}

// TestEventsScenario compares an events scenario with the merge patch
// that makes the same change (a due date moved): the same plan.
func TestEventsScenario(t *testing.T) {
	const due = "2026-12-21T14:00:00+01:00"
	ev, err := Parse("events", []byte(`{"now": "2026-12-07T00:00:00+01:00", "events": [{"type": "due_changed", "job": "SHF-4111", "due": "`+due+`"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if err := json.Unmarshal(examples.PlantJSON, &tree); err != nil {
		t.Fatal(err)
	}
	js := tree["jobs"].([]any)
	found := false
	for _, j := range js {
		if o := j.(map[string]any); o["id"] == "SHF-4111" {
			o["due"], found = due, true
		}
	}
	if !found {
		t.Fatal("no SHF-4111 in the example plant")
	}
	data, err := json.Marshal(map[string]any{"jobs": js})
	if err != nil {
		t.Fatal(err)
	}
	mp, err := Parse("patch", data)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, Parallel: 2}
	c, err := Compare(context.Background(), examples.PlantJSON, []Scenario{ev, mp}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, c)
	if c.Rows[1].Name != "events" || c.Rows[2].Name != "patch" {
		t.Fatalf("rows %s, %s", c.Rows[1].Name, c.Rows[2].Name)
	}
	a, b := c.Rows[1], c.Rows[2]
	if a.LateOrders != b.LateOrders || a.WeightedTardiness != b.WeightedTardiness || a.Makespan != b.Makespan || a.Moved != b.Moved {
		t.Errorf("events %+v and patch %+v differ", a, b)
	}
	if a.WeightedTardiness >= c.Rows[0].WeightedTardiness {
		t.Errorf("a later due date on a late order: weighted tardiness %g, base %g", a.WeightedTardiness, c.Rows[0].WeightedTardiness)
	}

	bad, err := Parse("breakdown", []byte(`{"now": "2026-12-07T00:00:00+01:00", "events": [{"type": "breakdown", "machine": "NOPE", "start": "2026-12-07T06:00:00+01:00", "end": "2026-12-07T08:00:00+01:00"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Compare(context.Background(), examples.PlantJSON, []Scenario{bad}, cfg); err == nil || !strings.Contains(err.Error(), "scenario breakdown") || !strings.Contains(err.Error(), "NOPE") {
		t.Errorf("events on an unknown machine: error %v", err)
	}
}

// TestCompareStable plans the scenarios against the base plan: a third
// shift on the bottleneck then moves fewer operations, with every plan
// still checked.
func TestCompareStable(t *testing.T) {
	var night Scenario
	for _, s := range exampleScenarios(t) {
		if s.Name == "grinder-night-shift" {
			night = s
		}
	}
	if night.Patch == nil {
		t.Fatal("no grinder-night-shift scenario")
	}
	noop := Scenario{Name: "noop", Patch: []byte(`{}`)}
	cfg := Config{Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, Parallel: 2}
	free, err := Compare(context.Background(), examples.PlantJSON, []Scenario{noop, night}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Stable = &solver.Stability{}
	stable, err := Compare(context.Background(), examples.PlantJSON, []Scenario{noop, night}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, free)
	checkRows(t, stable)
	if free.Rows[1].Moved != 0 || stable.Rows[1].Moved != 0 {
		t.Errorf("an empty patch moved %d (free) and %d (stable) operations", free.Rows[1].Moved, stable.Rows[1].Moved)
	}
	if f, s := free.Rows[2].Moved, stable.Rows[2].Moved; s >= f {
		t.Errorf("%s: %d operations moved stable, %d free", night.Name, s, f)
	}
}

func TestReference(t *testing.T) {
	bp, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	res, err := (&dispatch.Solver{Name: "dispatch"}).Solve(context.Background(), bp, solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bs := res.Schedule
	if v := schedule.Check(bp, bs); len(v) > 0 {
		t.Fatal(v[0])
	}
	if ref := Reference(bp, bs, bp); len(ref.Assignments) != len(bs.Assignments) || Moved(bp, bs, bp, ref) != (Movement{}) {
		t.Errorf("the base in its own problem: %d of %d assignments, %+v", len(ref.Assignments), len(bs.Assignments), Moved(bp, bs, bp, ref))
	}
	// Without LAT-02 (and the jobs reordered), the operations on LAT-02
	// drop out of the reference; the others keep their places.
	p, _ := examples.Plant()
	p.Machines = slices.DeleteFunc(p.Machines, func(m model.Machine) bool { return m.ID == "LAT-02" })
	slices.Reverse(p.Jobs)
	onLat2 := 0
	for _, a := range bs.Assignments {
		if bp.Machines[a.Machine].ID == "LAT-02" {
			onLat2++
		}
	}
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			op := &p.Jobs[j].Operations[k]
			op.Alternatives = slices.DeleteFunc(op.Alternatives, func(a model.Alternative) bool { return a.Machine == "LAT-02" })
		}
	}
	ref := Reference(bp, bs, p)
	if onLat2 == 0 || len(ref.Assignments) != len(bs.Assignments)-onLat2 {
		t.Errorf("%d assignments kept, want %d - %d on LAT-02", len(ref.Assignments), len(bs.Assignments), onLat2)
	}
	if mv := Moved(bp, bs, p, ref); mv.Operations != 0 || mv.Removed != onLat2 {
		t.Errorf("reference against the base: %+v", mv)
	}
}

// failing refuses problems named "fail" and plans the others with
// dispatch.
type failing struct{ dispatch.Solver }

func (f *failing) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	if p.Name == "fail" {
		return nil, errors.New("refused")
	}
	return f.Solver.Solve(ctx, p, opts)
}

// TestCompareRowError keeps a scenario the solver cannot plan as a row
// with its error.
func TestCompareRowError(t *testing.T) {
	cfg := Config{Solver: &failing{dispatch.Solver{Name: "dispatch"}}}
	c, err := Compare(context.Background(), examples.PlantJSON, []Scenario{{Name: "renamed", Patch: []byte(`{"name": "fail"}`)}}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Rows[1]; r.Status != "error" || r.Error != "refused" {
		t.Errorf("row %+v", r)
	}
	var b bytes.Buffer
	if err := c.WriteText(&b); err != nil || !strings.Contains(b.String(), "error: refused") {
		t.Errorf("text %q, %v", b.String(), err)
	}
	if _, err := Compare(context.Background(), []byte(`{"version": 1, "name": "fail", "machines": [{"id": "M"}], "jobs": []}`), nil, cfg); err == nil || !strings.Contains(err.Error(), "base problem: refused") {
		t.Errorf("base refused: %v", err)
	}
}
