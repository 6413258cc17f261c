package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestSimulateCommand(t *testing.T) {
	dir := t.TempDir()
	problem := filepath.Join(dir, "plant.json")
	if code, _, stderr := runCLI(t, "gen", "plant", "--orders", "12", "--machines", "5", "--seed", "4", "--out", problem); code != exitOK {
		t.Fatalf("gen: %s", stderr)
	}
	args := []string{"simulate", problem, "--mtbf", "60h", "--rush", "1", "--work", "20000"}
	code, out, stderr := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("simulate: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"1 run(s)", "POLICY", "repair", "optimize", "full", "MOVED/REPLAN"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, stderr = runCLI(t, append(args, "--json", "--policies", "repair,full")...)
	if code != exitOK {
		t.Fatalf("simulate --json: %s", stderr)
	}
	var rows []struct {
		Policy  string  `json:"policy"`
		Replans float64 `json:"replans"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rows) != 2 || rows[0].Policy != "repair" || rows[1].Policy != "full" || rows[0].Replans == 0 {
		t.Errorf("rows %+v", rows)
	}
	if code, _, _ := runCLI(t, "simulate", problem, "--policies", "pray"); code != exitUsage {
		t.Errorf("unknown policy: exit %d, want %d", code, exitUsage)
	}
}
