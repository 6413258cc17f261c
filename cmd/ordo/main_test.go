package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			assert.Equal(t, tc.code, code, stderr)
			assert.NotContains(t, stderr, "goroutine 1 [")
		})
	}
}

func TestSolveExamplePlant(t *testing.T) {
	code, out, stderr := runCLI(t, "solve")
	require.Equal(t, exitOK, code, stderr)
	for _, want := range []string{"74 jobs", "solver dispatch", "objective weighted_tardiness", "makespan", "Machines:", "UTILISATION"} {
		assert.Contains(t, out, want)
	}
}

func TestSolveJSONIsCheckedByCheck(t *testing.T) {
	dir := t.TempDir()
	inst := filepath.Join(dir, "ta01.txt")
	code, _, stderr := runCLI(t, "gen", "taillard", "ta01", "--out", inst)
	require.Equal(t, exitOK, code, stderr)
	for _, rule := range []string{"spt", "mwkr", "atc"} {
		t.Run(rule, func(t *testing.T) {
			code, out, stderr := runCLI(t, "solve", "--solver", "dispatch:"+rule, "--json", inst)
			require.Equal(t, exitOK, code, stderr)
			doc, err := schedule.ParseDocument([]byte(out))
			require.NoError(t, err)
			assert.Equal(t, "dispatch:"+rule, doc.Solver)
			assert.Len(t, doc.Assignments, 225)
			res := filepath.Join(dir, rule+".json")
			require.NoError(t, os.WriteFile(res, []byte(out), 0o644))
			code, out, stderr = runCLI(t, "check", inst, res)
			require.Equal(t, exitOK, code, stderr)
			assert.Contains(t, out, "makespan")
			assert.Contains(t, out, "ok:")
		})
	}
}

func TestSolveOutAndGantt(t *testing.T) {
	dir := t.TempDir()
	res, svg, html := filepath.Join(dir, "r.json"), filepath.Join(dir, "g.svg"), filepath.Join(dir, "g.html")
	code, _, stderr := runCLI(t, "solve", "--out", res, "--gantt", svg)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = runCLI(t, "solve", "--gantt", html, "--solver", "dispatch:edd")
	require.Equal(t, exitOK, code, stderr)
	data, err := os.ReadFile(res)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	for _, k := range []string{"solver", "status", "objective", "makespan", "elapsed_ms", "assignments"} {
		assert.Contains(t, doc, k)
	}
	first := doc["assignments"].([]any)[0].(map[string]any)
	assert.Contains(t, first, "start_time", "problems with an epoch carry ISO datetimes")
	for _, f := range []string{svg, html} {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Contains(t, string(b), "<svg")
	}
}

func TestCheckFT06(t *testing.T) {
	ft06 := filepath.Join(dataDir(t), "jsp", "ft06.txt")
	code, out, stderr := runCLI(t, "check", ft06, "testdata/ft06-optimal.json")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "makespan 55")
	for file, kind := range map[string]string{"testdata/ft06-overlap.json": "overlap", "testdata/ft06-precedence.json": "precedence"} {
		code, out, _ := runCLI(t, "check", ft06, file)
		assert.Equal(t, exitInvalid, code, file)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		assert.Len(t, lines, 1, out)
		assert.Contains(t, out, "("+kind+")", file)
	}
}

func TestValidateBrokenFiles(t *testing.T) {
	files, err := filepath.Glob("../../model/testdata/invalid/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			code, out, stderr := runCLI(t, "validate", f)
			assert.Equal(t, exitInvalid, code)
			assert.Contains(t, out, f+": invalid")
			assert.NotContains(t, out+stderr, "panic")
			assert.NotContains(t, out+stderr, "goroutine 1 [")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			require.Greater(t, len(lines), 1, "a located message under the file name")
			for _, l := range lines[1:] {
				assert.Regexp(t, `^  (line \d+, column \d+: .+|[a-z_\[\]0-9.]+: .+)`, l)
			}
		})
	}
	code, out, _ := runCLI(t, "validate", "../../examples/plant.json")
	assert.Equal(t, exitOK, code, out)
}

func TestGenTaillardMatchesData(t *testing.T) {
	dir := dataDir(t)
	for _, name := range instance.TaillardNames() {
		code, out, stderr := runCLI(t, "gen", "taillard", name)
		require.Equal(t, exitOK, code, stderr)
		want, err := os.ReadFile(filepath.Join(dir, "jsp", name+".txt"))
		require.NoError(t, err)
		assert.Equal(t, strings.Fields(string(want)), strings.Fields(out), name)
	}
}

func TestGenPlant(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "plant.json")
	code, _, stderr := runCLI(t, "gen", "plant", "--orders", "20", "--machines", "5", "--out", f)
	require.Equal(t, exitOK, code, stderr)
	code, out, stderr := runCLI(t, "solve", "--solver", "dispatch:atc", f)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "20 jobs")

	// A wider release window spreads the orders' releases further.
	lastRelease := func(args ...string) int64 {
		g := filepath.Join(dir, "g.json")
		code, _, stderr := runCLI(t, append([]string{"gen", "plant", "--orders", "200", "--machines", "10", "--out", g}, args...)...)
		require.Equal(t, exitOK, code, stderr)
		p, err := model.DecodeFile(g)
		require.NoError(t, err)
		var last int64
		for _, j := range p.Jobs {
			last = max(last, j.Release)
		}
		return last
	}
	assert.Greater(t, lastRelease("--release-window", "1.5"), 2*lastRelease())
	code, _, _ = runCLI(t, "gen", "plant", "--release-window", "-1")
	assert.Equal(t, exitUsage, code)
}

func TestBenchWritesAndResumes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	doc := filepath.Join(dir, "benchmarks.md")
	readme := filepath.Join(dir, "README.md")
	require.NoError(t, os.WriteFile(readme, []byte("# x\n\n"+readmeStart+"\nold\n"+readmeEnd+"\n"), 0o644))
	args := []string{"bench", "ta01", "ta02", "--solver", "dispatch:spt,dispatch:mwkr", "--out", out, "--quiet", "--doc", doc, "--readme", readme}
	code, stdout, stderr := runCLI(t, args...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "4 runs")
	files := []string{"results.csv", "results.json", "report.md", "deviation.svg"}
	for _, f := range files {
		_, err := os.Stat(filepath.Join(out, f))
		assert.NoError(t, err, f)
	}
	b, err := os.ReadFile(readme)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "old")
	assert.Contains(t, string(b), "ordo bench ta01")
	csv1, err := os.ReadFile(filepath.Join(out, "results.csv"))
	require.NoError(t, err)
	code, _, stderr = runCLI(t, args...)
	require.Equal(t, exitOK, code, stderr)
	csv2, err := os.ReadFile(filepath.Join(out, "results.csv"))
	require.NoError(t, err)
	assert.Equal(t, string(csv1), string(csv2), "a rerun does no new work")
}

// TestBenchPlantReadmeBlock benchmarks a plant for its own objective and
// writes the objective table into a named README block, leaving the
// unnamed one alone.
func TestBenchPlantReadmeBlock(t *testing.T) {
	dir := t.TempDir()
	plant := filepath.Join(dir, "plant.json")
	code, _, stderr := runCLI(t, "gen", "plant", "--orders", "15", "--machines", "5", "--out", plant)
	require.Equal(t, exitOK, code, stderr)
	readme := filepath.Join(dir, "README.md")
	start, end := readmeMarkers("plant")
	require.NoError(t, os.WriteFile(readme, []byte("# x\n\n"+readmeStart+"\nkeep\n"+readmeEnd+"\n\n"+start+"\nold\n"+end+"\n"), 0o644))
	code, stdout, stderr := runCLI(t, "bench", plant, "--solver", "dispatch:atc,dispatch:edd", "--out", filepath.Join(dir, "out"), "--quiet", "--readme", readme, "--readme-block", "plant")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "| instance | objective | best | dispatch:atc | dispatch:edd |")
	b, err := os.ReadFile(readme)
	require.NoError(t, err)
	assert.Contains(t, string(b), "keep")
	assert.NotContains(t, string(b), "old")
	assert.Contains(t, string(b), "| weighted_tardiness |")
	code, _, stderr = runCLI(t, "bench", plant, "--solver", "dispatch:atc", "--out", filepath.Join(dir, "out2"), "--quiet", "--readme", readme, "--readme-block", "missing")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, stderr, "bench:start:missing")
}

func TestExportLP(t *testing.T) {
	dir := t.TempDir()
	inst := filepath.Join(dir, "ta01.txt")
	code, _, stderr := runCLI(t, "gen", "taillard", "ta01", "--out", inst)
	require.Equal(t, exitOK, code, stderr)
	for _, f := range []string{"lp", "mps"} {
		code, out, stderr := runCLI(t, "export", "--format", f, inst)
		require.Equal(t, exitOK, code, stderr)
		assert.NotEmpty(t, out)
	}
	code, _, stderr = runCLI(t, "export", "--format", "xls", inst)
	assert.Equal(t, exitUsage, code, stderr)
}

func TestShellJoin(t *testing.T) {
	got := shellJoin([]string{"ta01-ta10", "--title", "plants (weighted)", "bench-out/*.json", "it's"})
	assert.Equal(t, `ta01-ta10 --title 'plants (weighted)' 'bench-out/*.json' 'it'\''s'`, got)
}
