package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/scenario"
)

func TestCompareEndToEnd(t *testing.T) {
	problem := filepath.Join("..", "..", "examples", "plant.json")
	scs, err := filepath.Glob(filepath.Join("..", "..", "examples", "scenarios", "*.json"))
	if err != nil || len(scs) < 4 {
		t.Fatalf("example scenarios: %v, %d files", err, len(scs))
	}
	args := append([]string{"compare", "--solver", "dispatch:best", problem}, scs...)
	code, out, stderr := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	for _, f := range scs {
		if !strings.Contains(out, scenarioName(f)) {
			t.Errorf("scenario %s missing:\n%s", scenarioName(f), out)
		}
	}
	code, out, stderr = runCLI(t, append(args, "--to", "json")...)
	if code != exitOK {
		t.Fatalf("compare --to json: exit %d: %s", code, stderr)
	}
	var c scenario.Comparison
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(c.Rows) != len(scs)+1 || c.Rows[0].Name != "base" || c.Bottleneck == "" {
		t.Errorf("JSON comparison: %d rows, bottleneck %q", len(c.Rows), c.Bottleneck)
	}
	code, out, _ = runCLI(t, append(args, "--format", "markdown")...) // the hidden spelling
	if code != exitOK || !strings.HasPrefix(out, "| scenario |") {
		t.Errorf("markdown: exit %d:\n%s", code, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"jobs": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"compare", problem}, exitUsage, "want BASE SCENARIO"},
		{[]string{"compare", "--to", "csv", problem, scs[0]}, exitUsage, "--to"},
		{[]string{"compare", "--time", "-1s", problem, scs[0]}, exitUsage, "--time"},
		{[]string{"compare", "--parallel", "100000", problem, scs[0]}, exitUsage, "--parallel"},
		{[]string{"compare", "--solver", "nope", problem, scs[0]}, exitUsage, "unknown solver"},
		{[]string{"compare", problem, "missing.json"}, exitInvalid, "missing.json"},
		{[]string{"compare", problem, bad}, exitInvalid, "scenario bad: the changed problem is invalid"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

func TestSuggestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := runCLI(t, "suggest", "--solver", "dispatch:best", "--top", "3", "--out", dir, "example")
	if code != exitOK {
		t.Fatalf("suggest: exit %d: %s", code, stderr)
	}
	if strings.Count(out, "effect:") != 3 || !strings.Contains(out, "ordo compare example ") {
		t.Fatalf("suggest output:\n%s", out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) < 3 {
		t.Fatalf("%d scenario files written", len(files))
	}
	// The files confirm through ordo compare: the best change's row is the
	// one suggest printed.
	code, out, stderr = runCLI(t, "suggest", "--solver", "dispatch:best", "--json", "example")
	if code != exitOK {
		t.Fatalf("suggest --json: exit %d: %s", code, stderr)
	}
	var s scenario.Suggestions
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	best := s.Suggestions[0]
	data, err := os.ReadFile(filepath.Join(dir, best.Name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var c1, c2 bytes.Buffer
	if err := json.Compact(&c1, best.Patch); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&c2, data); err != nil {
		t.Fatal(err)
	}
	if c1.String() != c2.String() {
		t.Errorf("file %s.json differs from the suggestion's patch", best.Name)
	}
	code, out, stderr = runCLI(t, "compare", "--solver", "dispatch:best", "--to", "json", "example", filepath.Join(dir, best.Name+".json"))
	if code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	var c scenario.Comparison
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if r := c.Rows[1]; r.LateOrders != best.Outcome.LateOrders || r.WeightedTardiness != best.Outcome.WeightedTardiness {
		t.Errorf("compare confirms %d late, %g; suggest said %d late, %g", r.LateOrders, r.WeightedTardiness, best.Outcome.LateOrders, best.Outcome.WeightedTardiness)
	}
	if code, _, stderr := runCLI(t, "suggest"); code != exitUsage || !strings.Contains(stderr, "want one PROBLEM") {
		t.Errorf("suggest without a problem: exit %d, %q", code, stderr)
	}
}

func TestCompareCostsEndToEnd(t *testing.T) {
	dir := t.TempDir()
	problem := filepath.Join("..", "..", "examples", "plant-costs.json")
	if code, _, stderr := runCLI(t, "suggest", "--machines", "1", "--out", dir, problem); code != exitOK {
		t.Fatalf("suggest: exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatal("no scenario file")
	}
	code, out, stderr := runCLI(t, append([]string{"compare", problem}, files...)...)
	if code != exitOK || !strings.Contains(out, "cost breakdown:") {
		t.Errorf("compare: exit %d, %s\n%s", code, stderr, out)
	}
}
