package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/schedule"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// runCLIWith runs the command line in-process with the given stdin.
func runCLIWith(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

// TestSolveFailedPlanIsNotFeasible: two fixed operations need the only
// operator at the same time. The plan fails the built-in check: exit 1,
// no report, no chart, and the documents say "invalid", never "feasible".
func TestSolveFailedPlanIsNotFeasible(t *testing.T) {
	dir := t.TempDir()
	out, svg := filepath.Join(dir, "r.json"), filepath.Join(dir, "g.svg")
	code, stdout, stderr := runCLI(t, "solve", "--json", "--out", out, "--gantt", svg, "testdata/fixed-operator-conflict.json")
	if code != exitInvalid {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInvalid, stderr)
	}
	if strings.Contains(stdout, `"feasible"`) || strings.Contains(stdout, `"optimal"`) {
		t.Errorf("stdout presents the plan as feasible:\n%s", stdout)
	}
	if _, err := os.Stat(svg); err == nil {
		t.Errorf("a Gantt chart of the failed plan was drawn")
	}
	if data, err := os.ReadFile(out); err == nil {
		// The problem may also be rejected by Validate (then nothing is
		// written); when a document is written, it says invalid.
		doc, err := schedule.ParseDocument(data)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Status != "invalid" || len(doc.Violations) == 0 {
			t.Errorf("--out written with status %q and %d violation(s)", doc.Status, len(doc.Violations))
		}
		if !bytes.Equal(append([]byte(nil), stdout...), data) {
			t.Errorf("--json and --out differ")
		}
	} else if !strings.Contains(stderr, "invalid problem") {
		t.Errorf("no --out written, and the problem was not rejected: %s", stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	// Without --json, nothing on stdout claims a feasible plan.
	code, stdout, _ = runCLI(t, "solve", "testdata/fixed-operator-conflict.json")
	if code != exitInvalid || strings.Contains(stdout, "feasible") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// TestSolveOutCheckedFirst: an --out that cannot be written fails before
// the solve, and leaves nothing behind.
func TestSolveOutCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "no-such-dir", "r.json"), dir} {
		code, stdout, stderr := runCLI(t, "solve", "--out", path, "--solver", "dispatch", "../../model/testdata/valid/tiny.json")
		if code != exitInvalid || !strings.Contains(stderr, "cannot write") || strings.Contains(stdout, "solver") {
			t.Errorf("--out %s: exit %d, stdout %q, stderr %q", path, code, stdout, stderr)
		}
	}
	out := filepath.Join(dir, "r.json")
	code, _, stderr := runCLI(t, "solve", "--out", out, "../../model/testdata/valid/tiny.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil || doc["status"] != "feasible" && doc["status"] != "optimal" {
		t.Errorf("--out: status %v, %v", doc["status"], err)
	}
}

var located = regexp.MustCompile(`line \d+, column \d+: jobs\[0\]\.operations\[1\]\.alternatives\[0\]\.machine: unknown machine "M9"`)

// TestSolveShowsLocatedIssues: solve, validate and check report an invalid
// problem the same way, with line, column and path.
func TestSolveShowsLocatedIssues(t *testing.T) {
	file := "../../model/testdata/invalid/unknown-machine.json"
	_, stdout, _ := runCLI(t, "validate", file)
	want := located.FindString(stdout)
	if want == "" {
		t.Fatalf("validate does not locate the issue:\n%s", stdout)
	}
	for _, args := range [][]string{{"solve", file}, {"check", file, "testdata/ft06-optimal.json"}} {
		code, _, stderr := runCLI(t, args...)
		if code != exitInvalid || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant %s", args[0], code, stderr, want)
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLIWith(t, string(data), "solve", "-")
	if code != exitInvalid || !strings.Contains(stderr, want) {
		t.Errorf("solve -: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestByteOrderMark: a UTF-8 byte-order mark before a problem or a result
// is accepted, and positions do not count it.
func TestByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	problem, err := os.ReadFile("../../model/testdata/valid/tiny.json")
	if err != nil {
		t.Fatal(err)
	}
	pf := filepath.Join(dir, "p.json")
	if err := os.WriteFile(pf, append([]byte(bom), problem...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI(t, "validate", pf); code != exitOK {
		t.Fatalf("validate: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr := runCLI(t, "solve", "--json", pf)
	if code != exitOK {
		t.Fatalf("solve: exit %d\n%s", code, stderr)
	}
	rf := filepath.Join(dir, "r.json")
	if err := os.WriteFile(rf, append([]byte(bom), stdout...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI(t, "check", pf, rf); code != exitOK {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(bom+`{"jobs": [], "qty": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stdout, _ := runCLI(t, "validate", bad); !strings.Contains(stdout, `line 1, column 14: qty: unknown key "qty"`) {
		t.Errorf("validate: %s", stdout)
	}
}

// TestCheckComparesClaims: ordo check reports a result whose claimed
// objective, makespan or KPIs differ from its schedule's.
func TestCheckComparesClaims(t *testing.T) {
	dir := t.TempDir()
	pf := "../../model/testdata/valid/tiny.json"
	code, stdout, stderr := runCLI(t, "solve", "--json", pf)
	if code != exitOK {
		t.Fatalf("solve: exit %d\n%s", code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	rf := filepath.Join(dir, "r.json")
	for _, tc := range []struct {
		field string
		set   func(map[string]any)
	}{
		{"objective", func(d map[string]any) { d["objective"] = d["objective"].(float64) + 1 }},
		{"makespan", func(d map[string]any) { d["makespan"] = d["makespan"].(float64) - 1 }},
		{"kpis.flow_time", func(d map[string]any) { d["kpis"].(map[string]any)["flow_time"] = 1.0 }},
	} {
		var forged map[string]any
		if err := json.Unmarshal([]byte(stdout), &forged); err != nil {
			t.Fatal(err)
		}
		tc.set(forged)
		data, err := json.MarshalIndent(forged, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(rf, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := runCLI(t, "check", pf, rf)
		if code != exitInvalid || !regexp.MustCompile(`line \d+, column \d+: `+regexp.QuoteMeta(tc.field)+`: the document claims`).MatchString(out) {
			t.Errorf("forged %s: exit %d\n%s%s", tc.field, code, out, stderr)
		}
	}
}

// TestSolveOutputConformsToResultSchema validates the result documents of
// solves (feasible plans, with and without an epoch, and a failed plan)
// against schema/result.schema.json with an independent validator.
func TestSolveOutputConformsToResultSchema(t *testing.T) {
	schema := compileSchema(t, "result.schema.json")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"../../model/testdata/valid/tiny.json"}, exitOK},
		{[]string{"../../model/testdata/valid/full.json"}, exitOK},
		{[]string{"../../model/testdata/valid/unitless.json", "--solver", "dispatch:spt"}, exitOK},
		{[]string{"../../examples/plant.json"}, exitOK},
		{[]string{"testdata/fixed-operator-conflict.json"}, exitInvalid},
	} {
		code, stdout, stderr := runCLI(t, append([]string{"solve", "--json"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s", tc.args, code, tc.code, stderr)
			continue
		}
		if stdout == "" {
			continue // the problem was rejected (nothing written)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%v: the result does not conform to the schema: %v", tc.args, err)
		}
		if _, err := schedule.ParseDocument([]byte(stdout)); err != nil {
			t.Errorf("%v: %v", tc.args, err)
		}
	}
}

// compileSchema compiles schema/name with the independent validator.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "schema", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	url := "https://github.com/ordo-sched/ordo/schema/" + name
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGeneratedPlantConformsToProblemSchema: the plants of ordo gen plant
// conform to schema/problem.schema.json.
func TestGeneratedPlantConformsToProblemSchema(t *testing.T) {
	schema := compileSchema(t, "problem.schema.json")
	for _, seed := range []string{"1", "7"} {
		code, stdout, stderr := runCLI(t, "gen", "plant", "--orders", "20", "--seed", seed)
		if code != exitOK {
			t.Fatalf("gen plant: exit %d\n%s", code, stderr)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("seed %s: %v", seed, err)
		}
	}
}
