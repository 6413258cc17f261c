package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// runCLI runs the command line in-process and returns its exit code and
// outputs.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

func dataDir(t *testing.T) string { return testinst.DataDir(t) }

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"help", []string{"help"}, exitOK},
		{"bad flag", []string{"solve", "--no-such-flag"}, exitUsage},
		{"unknown solver", []string{"solve", "--solver", "nope"}, exitUsage},
		{"bad objective", []string{"solve", "--objective", "fast"}, exitUsage},
		{"check needs two files", []string{"check", "a.json"}, exitUsage},
		{"validate needs a file", []string{"validate"}, exitUsage},
		{"gen needs a generator", []string{"gen"}, exitUsage},
		{"bad gantt extension", []string{"solve", "--gantt", "x.png"}, exitUsage},
		{"missing file", []string{"solve", "does-not-exist.json"}, exitInvalid},
		{"command help", []string{"solve", "-h"}, exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if got, want := code, tc.code; got != want {
				t.Errorf("code: got %v, want %v: %v", got, want, stderr)
			}
			if strings.Contains(stderr, "goroutine 1 [") {
				t.Errorf("%q contains %q", stderr, "goroutine 1 [")
			}
		})
	}
}

func TestSolveExamplePlant(t *testing.T) {
	code, out, stderr := runCLI(t, "solve")
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	for _, want := range []string{"74 orders", "solver dispatch", "objective weighted_tardiness", "makespan", "Machines:", "UTILISATION"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q does not contain %q", out, want)
		}
	}
}

func TestSolveJSONIsCheckedByCheck(t *testing.T) {
	dir := t.TempDir()
	inst := filepath.Join(dir, "ta01.txt")
	code, _, stderr := runCLI(t, "gen", "taillard", "ta01", "--out", inst)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	for _, rule := range []string{"spt", "mwkr", "atc"} {
		t.Run(rule, func(t *testing.T) {
			code, out, stderr := runCLI(t, "solve", "--solver", "dispatch:"+rule, "--json", inst)
			if got, want := code, exitOK; got != want {
				t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
			}
			doc, err := schedule.ParseDocument([]byte(out))
			if err := err; err != nil {
				t.Fatalf("%v", err)
			}
			if got, want := doc.Solver, "dispatch:"+rule; got != want {
				t.Errorf("doc.Solver: got %v, want %v", got, want)
			}
			if n := len(doc.Assignments); n != 225 {
				t.Errorf("len(doc.Assignments) = %d, want %d", n, 225)
			}
			res := filepath.Join(dir, rule+".json")
			if err := os.WriteFile(res, []byte(out), 0o644); err != nil {
				t.Fatalf("%v", err)
			}
			code, out, stderr = runCLI(t, "check", inst, res)
			if got, want := code, exitOK; got != want {
				t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
			}
			if !strings.Contains(out, "makespan") {
				t.Errorf("%q does not contain %q", out, "makespan")
			}
			if !strings.Contains(out, "ok:") {
				t.Errorf("%q does not contain %q", out, "ok:")
			}
		})
	}
}

func TestSolveOutAndGantt(t *testing.T) {
	dir := t.TempDir()
	res, svg, html := filepath.Join(dir, "r.json"), filepath.Join(dir, "g.svg"), filepath.Join(dir, "g.html")
	code, _, stderr := runCLI(t, "solve", "--out", res, "--gantt", svg)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	code, _, stderr = runCLI(t, "solve", "--gantt", html, "--solver", "dispatch:edd")
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	data, err := os.ReadFile(res)
	if err := err; err != nil {
		t.Fatalf("%v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%v", err)
	}
	for _, k := range []string{"solver", "status", "objective", "makespan", "elapsed_ms", "assignments"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("the result has no %q", k)
		}
	}
	first := doc["assignments"].([]any)[0].(map[string]any)
	if _, ok := first["start_time"]; !ok {
		t.Errorf("assignment %v has no start_time: problems with an epoch carry ISO datetimes", first)
	}
	for _, f := range []string{svg, html} {
		b, err := os.ReadFile(f)
		if err := err; err != nil {
			t.Fatalf("%v", err)
		}
		if !strings.Contains(string(b), "<svg") {
			t.Errorf("%q does not contain %q", string(b), "<svg")
		}
	}
}

func TestCheckFT06(t *testing.T) {
	ft06 := filepath.Join(dataDir(t), "jsp", "ft06.txt")
	code, out, stderr := runCLI(t, "check", ft06, "testdata/ft06-optimal.json")
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	if !strings.Contains(out, "makespan 55") {
		t.Errorf("%q does not contain %q", out, "makespan 55")
	}
	for file, kind := range map[string]string{"testdata/ft06-overlap.json": "overlap", "testdata/ft06-precedence.json": "precedence"} {
		code, out, _ := runCLI(t, "check", ft06, file)
		if got, want := code, exitInvalid; got != want {
			t.Errorf("code: got %v, want %v: %v", got, want, file)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if n := len(lines); n != 1 {
			t.Errorf("len(lines) = %d, want %d: %v", n, 1, out)
		}
		if !strings.Contains(out, "("+kind+")") {
			t.Errorf("%q does not contain %q: %v", out, "("+kind+")", file)
		}
	}
}

func TestValidateBrokenFiles(t *testing.T) {
	files, err := filepath.Glob("../../model/testdata/invalid/*.json")
	if err := err; err != nil {
		t.Fatalf("%v", err)
	}
	if len(files) == 0 {
		t.Fatalf("files is empty")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			code, out, stderr := runCLI(t, "validate", f)
			if got, want := code, exitInvalid; got != want {
				t.Errorf("code: got %v, want %v", got, want)
			}
			if !strings.Contains(out, f+": invalid") {
				t.Errorf("%q does not contain %q", out, f+": invalid")
			}
			if strings.Contains(out+stderr, "panic") {
				t.Errorf("%q contains %q", out+stderr, "panic")
			}
			if strings.Contains(out+stderr, "goroutine 1 [") {
				t.Errorf("%q contains %q", out+stderr, "goroutine 1 [")
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if !(len(lines) > 1) {
				t.Fatalf("len(lines) = %v, want more than %v: %v", len(lines), 1, "a located message under the file name")
			}
			for _, l := range lines[1:] {
				if !regexp.MustCompile(`^  (line \d+, column \d+: .+|[a-z_\[\]0-9.]+: .+)`).MatchString(l) {
					t.Errorf("%q does not match %s", l, `^  (line \d+, column \d+: .+|[a-z_\[\]0-9.]+: .+)`)
				}
			}
		})
	}
	code, out, _ := runCLI(t, "validate", "../../examples/plant.json")
	if got, want := code, exitOK; got != want {
		t.Errorf("code: got %v, want %v: %v", got, want, out)
	}
}

func TestGenTaillardMatchesData(t *testing.T) {
	dir := dataDir(t)
	for _, name := range instance.TaillardNames() {
		code, out, stderr := runCLI(t, "gen", "taillard", name)
		if got, want := code, exitOK; got != want {
			t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
		}
		want, err := os.ReadFile(filepath.Join(dir, "jsp", name+".txt"))
		if err := err; err != nil {
			t.Fatalf("%v", err)
		}
		if got, want := strings.Fields(out), strings.Fields(string(want)); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
}

func TestGenPlant(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "plant.json")
	code, _, stderr := runCLI(t, "gen", "plant", "--orders", "20", "--machines", "5", "--out", f)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	code, out, stderr := runCLI(t, "solve", "--solver", "dispatch:atc", f)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	if !strings.Contains(out, "20 orders") {
		t.Errorf("%q does not contain %q", out, "20 orders")
	}

	// A wider release window spreads the orders' releases further.
	lastRelease := func(args ...string) int64 {
		g := filepath.Join(dir, "g.json")
		code, _, stderr := runCLI(t, append([]string{"gen", "plant", "--orders", "200", "--machines", "10", "--out", g}, args...)...)
		if got, want := code, exitOK; got != want {
			t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
		}
		p, err := model.DecodeFile(g)
		if err := err; err != nil {
			t.Fatalf("%v", err)
		}
		var last int64
		for _, j := range p.Jobs {
			last = max(last, j.Release)
		}
		return last
	}
	if !(lastRelease("--release-window", "1.5") > 2*lastRelease()) {
		t.Errorf("with --release-window 1.5 the last release is %v, want more than %v", lastRelease("--release-window", "1.5"), 2*lastRelease())
	}
	code, _, _ = runCLI(t, "gen", "plant", "--release-window", "-1")
	if got, want := code, exitUsage; got != want {
		t.Errorf("code: got %v, want %v", got, want)
	}
}

func TestBenchWritesAndResumes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	doc := filepath.Join(dir, "benchmarks.md")
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("# x\n\n"+readmeStart+"\nold\n"+readmeEnd+"\n"), 0o644); err != nil {
		t.Fatalf("%v", err)
	}
	args := []string{"bench", "ta01", "ta02", "--solver", "dispatch:spt,dispatch:mwkr", "--out", out, "--quiet", "--doc", doc, "--readme", readme}
	code, stdout, stderr := runCLI(t, args...)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	if !strings.Contains(stdout, "4 runs") {
		t.Errorf("%q does not contain %q", stdout, "4 runs")
	}
	files := []string{"results.csv", "results.json", "report.md", "deviation.svg"}
	for _, f := range files {
		_, err := os.Stat(filepath.Join(out, f))
		if err := err; err != nil {
			t.Errorf("%v: %v", err, f)
		}
	}
	b, err := os.ReadFile(readme)
	if err := err; err != nil {
		t.Fatalf("%v", err)
	}
	if strings.Contains(string(b), "old") {
		t.Errorf("%q contains %q", string(b), "old")
	}
	if !strings.Contains(string(b), "ordo bench ta01") {
		t.Errorf("%q does not contain %q", string(b), "ordo bench ta01")
	}
	csv1, err := os.ReadFile(filepath.Join(out, "results.csv"))
	if err := err; err != nil {
		t.Fatalf("%v", err)
	}
	code, _, stderr = runCLI(t, args...)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	csv2, err := os.ReadFile(filepath.Join(out, "results.csv"))
	if err := err; err != nil {
		t.Fatalf("%v", err)
	}
	if got, want := string(csv2), string(csv1); got != want {
		t.Errorf("string(csv2): got %v, want %v: %v", got, want, "a rerun does no new work")
	}
}

// TestBenchPlantReadmeBlock benchmarks a plant for its own objective and
// writes the objective table into a named README block, leaving the
// unnamed one alone.
func TestBenchPlantReadmeBlock(t *testing.T) {
	dir := t.TempDir()
	plant := filepath.Join(dir, "plant.json")
	code, _, stderr := runCLI(t, "gen", "plant", "--orders", "15", "--machines", "5", "--out", plant)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	readme := filepath.Join(dir, "README.md")
	start, end := readmeMarkers("plant")
	if err := os.WriteFile(readme, []byte("# x\n\n"+readmeStart+"\nkeep\n"+readmeEnd+"\n\n"+start+"\nold\n"+end+"\n"), 0o644); err != nil {
		t.Fatalf("%v", err)
	}
	code, stdout, stderr := runCLI(t, "bench", plant, "--solver", "dispatch:atc,dispatch:edd", "--out", filepath.Join(dir, "out"), "--quiet", "--readme", readme, "--readme-block", "plant")
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	if !strings.Contains(stdout, "| instance | objective | best | dispatch:atc | dispatch:edd |") {
		t.Errorf("%q does not contain %q", stdout, "| instance | objective | best | dispatch:atc | dispatch:edd |")
	}
	b, err := os.ReadFile(readme)
	if err := err; err != nil {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(string(b), "keep") {
		t.Errorf("%q does not contain %q", string(b), "keep")
	}
	if strings.Contains(string(b), "old") {
		t.Errorf("%q contains %q", string(b), "old")
	}
	if !strings.Contains(string(b), "| weighted_tardiness |") {
		t.Errorf("%q does not contain %q", string(b), "| weighted_tardiness |")
	}
	code, _, stderr = runCLI(t, "bench", plant, "--solver", "dispatch:atc", "--out", filepath.Join(dir, "out2"), "--quiet", "--readme", readme, "--readme-block", "missing")
	if got, want := code, exitInvalid; got != want {
		t.Errorf("code: got %v, want %v", got, want)
	}
	if !strings.Contains(stderr, "bench:start:missing") {
		t.Errorf("%q does not contain %q", stderr, "bench:start:missing")
	}
}

func TestExportLP(t *testing.T) {
	dir := t.TempDir()
	inst := filepath.Join(dir, "ta01.txt")
	code, _, stderr := runCLI(t, "gen", "taillard", "ta01", "--out", inst)
	if got, want := code, exitOK; got != want {
		t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
	}
	for _, f := range []string{"lp", "mps"} {
		code, out, stderr := runCLI(t, "export", "--format", f, inst)
		if got, want := code, exitOK; got != want {
			t.Fatalf("code: got %v, want %v: %v", got, want, stderr)
		}
		if len(out) == 0 {
			t.Errorf("out is empty")
		}
	}
	code, _, stderr = runCLI(t, "export", "--format", "xls", inst)
	if got, want := code, exitUsage; got != want {
		t.Errorf("code: got %v, want %v: %v", got, want, stderr)
	}
}

func TestShellJoin(t *testing.T) {
	got := shellJoin([]string{"ta01-ta10", "--title", "plants (weighted)", "bench-out/*.json", "it's"})
	if got, want := got, `ta01-ta10 --title 'plants (weighted)' 'bench-out/*.json' 'it'\''s'`; got != want {
		t.Errorf("got: got %v, want %v", got, want)
	}
}
