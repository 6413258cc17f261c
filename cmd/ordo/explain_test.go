package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
)

func TestExplainLateEndToEnd(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	problem := filepath.Join("..", "..", "examples", "plant.json")
	if code, _, stderr := runCLI(t, "solve", "--json", "--out", plan, problem); code != exitOK {
		t.Fatalf("solve: exit %d: %s", code, stderr)
	}
	code, out, stderr := runCLI(t, "explain", problem, plan)
	if code != exitOK {
		t.Fatalf("explain: exit %d: %s", code, stderr)
	}
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, " late (due ") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 || !strings.Contains(out, "what causes the lateness") {
		t.Fatalf("explain output:\n%s", out)
	}

	code, out, stderr = runCLI(t, "explain", "--json", problem, plan)
	if code != exitOK {
		t.Fatalf("explain --json: exit %d: %s", code, stderr)
	}
	var r explain.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("explain --json: %v\n%s", err, out)
	}
	if len(r.Orders) != len(lines) {
		t.Errorf("JSON has %d orders, text %d lines", len(r.Orders), len(lines))
	}
	for _, o := range r.Orders {
		var sum int64
		for _, c := range o.Causes {
			sum += c.Ticks
		}
		if sum != o.Lateness || o.Lateness <= 0 {
			t.Errorf("%s: causes sum to %d, lateness %d", o.Job, sum, o.Lateness)
		}
	}
	if len(r.Orders) == 0 || len(r.Bottlenecks) == 0 {
		t.Fatal("no late order or no bottleneck in the example plant's plan")
	}

	// One order only, with its chain.
	want := r.Orders[len(r.Orders)-1].Job
	code, out, stderr = runCLI(t, "explain", "--chain", problem, plan, want)
	if code != exitOK {
		t.Fatalf("explain ORDER: exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, want+": ") || !strings.Contains(out, "\n  "+want+"/") {
		t.Errorf("explain %s --chain:\n%s", want, out)
	}
	if code, _, stderr := runCLI(t, "explain", problem, plan, "NO-SUCH-ORDER"); code != exitInvalid || !strings.Contains(stderr, "NO-SUCH-ORDER") {
		t.Errorf("unknown order: exit %d: %s", code, stderr)
	}
}

func TestExplainInfeasibleEndToEnd(t *testing.T) {
	dir := t.TempDir()
	saw := func(id string) model.Job {
		return model.Job{ID: id, Release: 360, Deadline: model.Tick(450), Operations: []model.Operation{{ID: "cut", Alternatives: []model.Alternative{{Machine: "SAW", Duration: 60}}}}}
	}
	p, err := examplePlantWith(func(p *model.Problem) {
		p.Machines = append(p.Machines, model.Machine{ID: "SAW"})
		p.Jobs = append(p.Jobs, saw("RUSH-1"), saw("RUSH-2"))
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := model.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "explain", bad)
	if code != exitInvalid {
		t.Fatalf("explain infeasible: exit %d\n%s\n%s", code, out, stderr)
	}
	for _, w := range []string{"capacity", "RUSH-1/cut and RUSH-2/cut", "to remove it:"} {
		if !strings.Contains(out, w) {
			t.Errorf("%q missing from:\n%s", w, out)
		}
	}
	code, out, _ = runCLI(t, "explain", "--json", bad)
	var inf explain.Infeasibility
	if err := json.Unmarshal([]byte(out), &inf); err != nil || code != exitInvalid || len(inf.Conflicts) == 0 {
		t.Fatalf("explain --json infeasible: exit %d, %v:\n%s", code, err, out)
	}

	code, out, stderr = runCLI(t, "explain", filepath.Join("..", "..", "examples", "plant.json"))
	if code != exitOK || !strings.Contains(out, "no conflict found") {
		t.Errorf("feasible plant: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, _ := runCLI(t, "explain"); code != exitUsage {
		t.Errorf("no argument: exit %d, want %d", code, exitUsage)
	}
}

// examplePlantWith returns the example plant changed by edit.
func examplePlantWith(edit func(*model.Problem)) (*model.Problem, error) {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "plant.json"))
	if err != nil {
		return nil, err
	}
	p, err := model.Decode(data)
	if err != nil {
		return nil, err
	}
	edit(p)
	return p, nil
}

func TestSolveInfeasibleExplains(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "saw.json")
	src := `{"version":1,"epoch":"2026-12-14T06:00:00+01:00","machines":[{"id":"SAW"}],
 "jobs":[{"id":"A","deadline":"2026-12-14T07:30:00+01:00","operations":[{"id":"cut","machine":"SAW","duration":60}]},
         {"id":"B","deadline":"2026-12-14T07:30:00+01:00","operations":[{"id":"cut","machine":"SAW","duration":60}]}]}`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "solve", path)
	if code != exitInvalid {
		t.Fatalf("exit %v, want %v; stderr: %s", code, exitInvalid, stderr)
	}
	for _, want := range []string{"capacity", "A/cut and B/cut", "jobs[0].deadline", "jobs[1].deadline", "to remove it"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}
