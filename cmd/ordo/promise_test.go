package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPromiseCommand quotes a rush order on the example plant with costs
// (from stdin) and adds the same order with an order_added event and
// 'ordo replan': the order completes when promised by insertion.
func TestPromiseCommand(t *testing.T) {
	dir := t.TempDir()
	problem := filepath.Join("..", "..", "examples", "plant-costs.json")
	planFile := filepath.Join(dir, "plan.json")
	if code, _, errs := ordo(t, "", "solve", "--out", planFile, "--time", "5s", problem); code != exitOK {
		t.Fatalf("solve: exit %d: %s", code, errs)
	}
	order := `{"id": "RUSH-1", "quantity": 20, "release": "2026-12-08T06:00:00+01:00", "due": "2026-12-10T14:00:00+01:00",
		"lateness_cost_per_day": 500, "operations": [{"machine": "SAW-01", "setup": 10, "run_per_unit": 2},
		{"machine": "DRL-01", "duration": "PT2H"}]}`
	code, out, errs := ordo(t, order, "promise", "--json", "--now", "2026-12-08T06:00:00+01:00", problem, planFile, "-")
	if code != exitOK {
		t.Fatalf("promise: exit %d: %s", code, errs)
	}
	var got struct {
		Order     string `json:"order"`
		Insertion struct {
			Completion string `json:"completion"`
		} `json:"insertion"`
		WithMoves struct {
			Completion string `json:"completion"`
		} `json:"with_moves"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Order != "RUSH-1" || got.Insertion.Completion == "" || got.WithMoves.Completion > got.Insertion.Completion {
		t.Fatalf("quotes %+v", got)
	}
	events := `{"now": "2026-12-08T06:00:00+01:00", "events": [{"type": "order_added", "job": ` + order + `}]}`
	evFile, newPlan := filepath.Join(dir, "events.json"), filepath.Join(dir, "new.json")
	if err := os.WriteFile(evFile, []byte(events), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := ordo(t, "", "replan", "--out", newPlan, problem, planFile, evFile); code != exitOK {
		t.Fatalf("replan: exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(newPlan)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Assignments []struct {
			Job     string `json:"job"`
			EndTime string `json:"end_time"`
		} `json:"assignments"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	last := ""
	for _, a := range doc.Assignments {
		if a.Job == "RUSH-1" && a.EndTime > last {
			last = a.EndTime
		}
	}
	if last != got.Insertion.Completion {
		t.Errorf("promised %s by insertion, ordo replan completes the order at %s", got.Insertion.Completion, last)
	}
	// A bad order is located.
	code, _, errs = ordo(t, `{"id": "X", "lateness_cost_per_day": -1, "operations": [{"machine": "SAW-01", "duration": 5}]}`,
		"promise", problem, planFile, "-")
	if code == exitOK || !strings.Contains(errs, "lateness_cost_per_day") {
		t.Errorf("a negative cost: exit %d, %s", code, errs)
	}
}
