package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/bench"
)

// TestBenchEmbeddedData: names resolve in the data built into the module,
// with its bounds, when no data folder is given; --data names another one.
func TestBenchEmbeddedData(t *testing.T) {
	t.Setenv("ORDO_DATA", "")
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "bench", "ft06", "la01", "mk01", "gen:8:3:4", "--solver", "dispatch:spt", "--out", out, "--quiet", "--stop-at-best")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "4 runs") {
		t.Errorf("stdout %q", stdout)
	}
	recs, err := bench.ReadResults(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"ft06": 55, "la01": 666, "mk01": 40, "gen:8:3:4": 0}
	for _, r := range recs {
		ub, ok := want[r.Instance]
		if !ok || r.BestUB != ub || !r.Checked || !r.StopAtBest {
			t.Errorf("%s: best known %d (want %d), checked %v, error %q", r.Instance, r.BestUB, ub, r.Checked, r.Error)
		}
	}
	if len(recs) != len(want) {
		t.Errorf("%d records", len(recs))
	}

	// Another data folder: its names only, and no bounds without bounds.csv.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine1.txt"), []byte("2 2\n0 3 1 2\n1 4 0 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(t.TempDir(), "out")
	code, _, stderr = runCLI(t, "bench", "mine", "--data", dir, "--solver", "dispatch:spt", "--out", out2, "--quiet")
	if code != exitOK {
		t.Fatalf("--data: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "bench", "ft06", "--data", dir, "--out", out2, "--quiet")
	if code == exitOK || !strings.Contains(stderr, `no instance matches "ft06"`) || !strings.Contains(stderr, dir) {
		t.Errorf("ft06 in another folder: exit %d, %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "bench", "ft06", "--data", filepath.Join(dir, "nope"), "--out", out2, "--quiet")
	if code == exitOK || !strings.Contains(stderr, "nope") {
		t.Errorf("missing --data folder: exit %d, %s", code, stderr)
	}
}

// TestBenchObjectives: --objective with several objectives solves the
// plant with costs once per objective and prints the cost table; a bad or
// repeated objective is a usage error naming it.
func TestBenchObjectives(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	doc := filepath.Join(t.TempDir(), "costs.md")
	problem := filepath.Join("..", "..", "examples", "plant-costs.json")
	code, stdout, stderr := runCLI(t, "bench", problem, "--solver", "dispatch:edd", "--objective", "weighted_tardiness, cost", "--out", out, "--quiet", "--jobs", "1", "--doc", doc)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "2 runs") || !strings.Contains(stdout, "| plant-costs | dispatch:edd | cost | ") || !strings.Contains(stdout, "finished-goods holding") {
		t.Errorf("stdout:\n%s", stdout)
	}
	recs, err := bench.ReadResults(out)
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	for _, r := range recs {
		if r.Costs == nil || !r.Checked {
			t.Errorf("%s: costs %v, checked %v", r.Objective, r.Costs, r.Checked)
		}
	}
	page, err := os.ReadFile(doc)
	if err != nil || !strings.Contains(string(page), "| plant-costs | dispatch:edd | weighted_tardiness | ") {
		t.Errorf("--doc page: %v\n%s", err, page)
	}
	for _, bad := range []struct{ arg, want string }{
		{"weighted_tardiness,fast", `objective 2 ("fast")`},
		{"cost,cost", `"cost" is given twice`},
	} {
		code, _, stderr = runCLI(t, "bench", problem, "--objective", bad.arg, "--out", out, "--quiet")
		if code != exitUsage || !strings.Contains(stderr, bad.want) {
			t.Errorf("--objective %s: exit %d, %s", bad.arg, code, stderr)
		}
	}
}
