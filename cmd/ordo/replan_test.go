package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/schedule"
)

// replanSetup generates a small plant, solves it and returns the paths of
// the problem and the plan.
func replanSetup(t *testing.T) (dir, problem, planPath string) {
	t.Helper()
	dir = t.TempDir()
	problem = filepath.Join(dir, "plant.json")
	if code, _, stderr := runCLI(t, "gen", "plant", "--orders", "30", "--machines", "8", "--seed", "3", "--out", problem); code != exitOK {
		t.Fatalf("gen: %s", stderr)
	}
	code, out, stderr := runCLI(t, "solve", "--json", problem)
	if code != exitOK {
		t.Fatalf("solve: %s", stderr)
	}
	planPath = filepath.Join(dir, "plan.json")
	if err := os.WriteFile(planPath, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, problem, planPath
}

const replanEvents = `{"now": "2025-01-08T10:00:00+01:00",
 "events": [
  {"type": "breakdown", "machine": "CUT-3", "start": "2025-01-08T10:00:00+01:00", "end": "2025-01-08T16:00:00+01:00"},
  {"type": "receipt_changed", "material": "RM02", "at": "2025-01-13T06:00:00+01:00", "to": "2025-01-15T06:00:00+01:00"},
  {"type": "order_added", "job": {"id": "RUSH-1", "quantity": 5, "due": "2025-01-09T12:00:00+01:00", "weight": 10,
     "operations": [{"id": "10", "machine": "CUT-1", "setup": 10, "run_per_unit": 2}, {"id": "20", "machine": "MILL-2", "duration": "PT45M"}]}}
 ]}`

func TestReplanEndToEnd(t *testing.T) {
	dir, problem, planPath := replanSetup(t)
	events := filepath.Join(dir, "events.json")
	if err := os.WriteFile(events, []byte(replanEvents), 0o644); err != nil {
		t.Fatal(err)
	}
	newPlan, newProblem := filepath.Join(dir, "new-plan.json"), filepath.Join(dir, "new-problem.json")
	code, out, stderr := runCLI(t, "replan", problem, planPath, events, "--out", newPlan, "--problem-out", newProblem)
	if code != exitOK {
		t.Fatalf("replan: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"replanned at Wed 2025-01-08 10:00", "by repair", "objective (weighted_tardiness)", "operation(s) moved", "added: RUSH-1"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, stderr = runCLI(t, "check", newProblem, newPlan)
	if code != exitOK {
		t.Fatalf("check of the new plan: exit %d: %s%s", code, out, stderr)
	}
	data, err := os.ReadFile(newPlan)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := schedule.ParseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Solver != "repair" || doc.Status != "feasible" || !strings.Contains(string(data), `"elapsed_ms"`) {
		t.Errorf("new plan: solver %q status %q", doc.Solver, doc.Status)
	}
	rush := 0
	for _, a := range doc.Assignments {
		if a.Job == "RUSH-1" {
			rush++
		}
	}
	if rush != 2 {
		t.Errorf("the rush order has %d operations in the new plan, want 2", rush)
	}
	// The new plan is a plan: replan it again with nothing new.
	quiet := filepath.Join(dir, "quiet.json")
	if err := os.WriteFile(quiet, []byte(`{"now": "2025-01-08T11:00:00+01:00", "events": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCLI(t, "replan", newProblem, newPlan, quiet, "--json")
	if code != exitOK {
		t.Fatalf("second replan: %s", stderr)
	}
	var o struct {
		Mode string `json:"mode"`
		Diff struct {
			Moved []json.RawMessage `json:"moved"`
		} `json:"diff"`
	}
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	if o.Mode != "repair" || len(o.Diff.Moved) != 0 {
		t.Errorf("replanning without events: mode %q, %d moves", o.Mode, len(o.Diff.Moved))
	}
}

func TestReplanInvalidEvents(t *testing.T) {
	dir, problem, planPath := replanSetup(t)
	tests := []struct{ name, events, want string }{
		{"unknown machine", `{"now": "2025-01-08T10:00:00+01:00",
  "events": [{"type": "breakdown", "machine": "M9", "start": "2025-01-08T10:00:00+01:00", "end": "2025-01-08T12:00:00+01:00"}]}`,
			`line 2, column 47: events[0].machine: unknown machine "M9"`},
		{"completed before started", `{"now": "2025-01-08T10:00:00+01:00", "events": [
  {"type": "started", "job": "O00002", "op": "10", "machine": "CUT-4", "at": "2025-01-08T09:00:00+01:00"},
  {"type": "completed", "job": "O00002", "op": 0, "at": "2025-01-08T08:00:00+01:00"}]}`,
			`events[1].at: operation "10" of job "O00002" completed`},
		{"before the plan's now", `{"now": "2025-01-08T10:00:00+01:00", "events": [
  {"type": "breakdown", "machine": "CUT-1", "start": "2025-01-05T10:00:00+01:00", "end": "2025-01-08T12:00:00+01:00"}]}`,
			`events[0].start: 2025-01-05T10:00:00+01:00 is before the plan's now`},
		{"malformed", `{"now": 5, "events": [`, `malformed JSON`},
		{"unknown type", `{"now": 5, "events": [{"type": "fire"}]}`, `events[0].type: unknown event type "fire"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			events := filepath.Join(dir, "bad.json")
			if err := os.WriteFile(events, []byte(tc.events), 0o644); err != nil {
				t.Fatal(err)
			}
			newPlan, newProblem := filepath.Join(dir, "np.json"), filepath.Join(dir, "nprob.json")
			code, _, stderr := runCLI(t, "replan", problem, planPath, events, "--out", newPlan, "--problem-out", newProblem)
			if code != exitInvalid {
				t.Errorf("exit %d, want %d", code, exitInvalid)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
			for _, f := range []string{newPlan, newProblem} {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("%s was written", f)
				}
			}
		})
	}
	if code, _, _ := runCLI(t, "replan", problem, planPath); code != exitUsage {
		t.Errorf("two arguments: exit %d, want %d", code, exitUsage)
	}
}

func TestReplanOptimize(t *testing.T) {
	dir, problem, planPath := replanSetup(t)
	events := filepath.Join(dir, "events.json")
	if err := os.WriteFile(events, []byte(replanEvents), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, slv := range []string{"dispatch", "ga"} {
		t.Run(slv, func(t *testing.T) {
			newPlan, newProblem := filepath.Join(dir, slv+"-plan.json"), filepath.Join(dir, slv+"-problem.json")
			code, out, stderr := runCLI(t, "replan", problem, planPath, events, "--optimize", "--solver", slv, "--work", "3000",
				"--frozen", "8h", "--json", "--out", newPlan, "--problem-out", newProblem)
			if code != exitOK {
				t.Fatalf("replan --optimize: exit %d: %s", code, stderr)
			}
			var o struct {
				Mode string `json:"mode"`
				Diff struct {
					Before struct{ Objective float64 } `json:"before"`
					After  struct{ Objective float64 } `json:"after"`
				} `json:"diff"`
			}
			if err := json.Unmarshal([]byte(out), &o); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if o.Mode != "optimize" {
				t.Errorf("mode %q", o.Mode)
			}
			if code, out, stderr := runCLI(t, "check", newProblem, newPlan); code != exitOK {
				t.Fatalf("check: %s%s", out, stderr)
			}
			data, err := os.ReadFile(newPlan)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := schedule.ParseDocument(data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Solver != slv || doc.Objective != o.Diff.After.Objective {
				t.Errorf("new plan: solver %q objective %g, diff's after %g", doc.Solver, doc.Objective, o.Diff.After.Objective)
			}
		})
	}
	if code, _, _ := runCLI(t, "replan", problem, planPath, events, "--optimize", "--solver", "nope"); code != exitUsage {
		t.Errorf("unknown solver: exit %d, want %d", code, exitUsage)
	}
}
