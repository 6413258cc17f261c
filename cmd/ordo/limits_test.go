package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every count and duration outside its documented limit is a usage error
// (exit 2) that names the flag, before any work starts.
func TestLimitsRefused(t *testing.T) {
	tooMany := fmt.Sprint(maxWorkers() + 1)
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"solve", "--workers", "100000"}, "--workers"},
		{[]string{"solve", "--workers", tooMany}, "--workers"},
		{[]string{"solve", "--workers", "0"}, "--workers"},
		{[]string{"solve", "--workers", "-3"}, "--workers"},
		{[]string{"solve", "--time", "-1s"}, "--time"},
		{[]string{"solve", "--work", "-5"}, "--work"},
		{[]string{"bench", "ft06", "--time", "-1s"}, "--time"},
		{[]string{"bench", "ft06", "--work", "-1"}, "--work"},
		{[]string{"bench", "ft06", "--workers", "100000"}, "--workers"},
		{[]string{"bench", "ft06", "--jobs", "100000"}, "--jobs"},
		{[]string{"bench", "ft06", "--jobs", "-1"}, "--jobs"},
		{[]string{"bench", "ft06", "--seeds", "1000000000x"}, "--seeds"},
		{[]string{"gen", "plant", "--orders", "1000000000"}, "--orders"},
		{[]string{"gen", "plant", "--orders", "0"}, "--orders"},
		{[]string{"gen", "plant", "--ops", "100000"}, "--ops"},
		{[]string{"gen", "plant", "--machines", "10000000"}, "--machines"},
		{[]string{"gen", "plant", "--orders", "1000000", "--ops", "1000"}, "--orders times --ops"},
		{[]string{"gen", "plant", "--release-window", "-1"}, "--release-window"},
		{[]string{"replan", "a", "b", "c", "--time", "-1s"}, "--time"},
		{[]string{"replan", "a", "b", "c", "--work", "-1"}, "--work"},
		{[]string{"simulate", "--runs", "1000000000"}, "--runs"},
		{[]string{"simulate", "--rush", "1000000000"}, "--rush"},
		{[]string{"simulate", "--work", "-1"}, "--work"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.flag) {
			t.Errorf("ordo %s: exit %d, stderr %q; want exit 2 naming %s", strings.Join(tc.args, " "), code, stderr, tc.flag)
		}
	}
}

// The largest allowed values pass the checks, and --time 0 (no limit) is
// accepted where it is documented.
func TestLimitsAccepted(t *testing.T) {
	if err := checkSolveLimits(0, 0, maxWorkers()); err != nil {
		t.Errorf("--time 0 --work 0 --workers %d: %v", maxWorkers(), err)
	}
	if err := checkPlantSize(maxGenOrders, maxGenOperations/maxGenOrders, maxGenMachines); err != nil {
		t.Errorf("largest plant: %v", err)
	}
	if _, err := parseSeeds(fmt.Sprintf("%dx", maxSeeds)); err != nil {
		t.Errorf("%dx: %v", maxSeeds, err)
	}
	if maxWorkers() < 4 || maxWorkers() > maxWorkersCap {
		t.Errorf("maxWorkers %d outside [4, %d]", maxWorkers(), maxWorkersCap)
	}
	// --time 0 on a solver that finishes alone: it runs to the end.
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	if code, _, stderr := runCLI(t, "solve", "ft06", "--time", "0", "--workers", fmt.Sprint(maxWorkers()), "--out", out); code != exitOK {
		t.Fatalf("solve ft06 --time 0: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := runCLI(t, "check", "ft06", out); code != exitOK {
		t.Errorf("check: exit %d: %s%s", code, stdout, stderr)
	}
}

// Every command that runs a solver documents the meaning of --time 0 and
// the limits in its help.
func TestLimitsDocumented(t *testing.T) {
	for _, cmd := range []string{"solve", "bench", "replan"} {
		_, stdout, _ := runCLI(t, cmd, "--help")
		if !strings.Contains(stdout, "--time 0 means no time limit") {
			t.Errorf("ordo %s --help does not say what --time 0 means:\n%s", cmd, stdout)
		}
	}
	for cmd, want := range map[string]string{"solve": "--workers is at most", "bench": "--seeds at most", "simulate": "--runs is at most", "gen": "limited to"} {
		if _, stdout, _ := runCLI(t, cmd, "--help"); !strings.Contains(stdout, want) {
			t.Errorf("ordo %s --help does not state its limits (%q):\n%s", cmd, want, stdout)
		}
	}
}

// Only one input may come from standard input; a result on stdin is
// checked against a problem file.
func TestStdinOnce(t *testing.T) {
	for _, args := range [][]string{{"check", "-", "-"}, {"explain", "-", "-"}, {"report", "text", "-", "-"}, {"replan", "-", "-", "x"}} {
		if code, _, stderr := runCLI(t, args...); code != exitUsage || !strings.Contains(stderr, "only one input") {
			t.Errorf("ordo %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	if code, _, stderr := runCLI(t, "solve", "la01", "--out", out); code != exitOK {
		t.Fatalf("solve la01: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLIWith(t, string(data), "check", "la01", "-"); code != exitOK || !strings.HasPrefix(stdout, "ok:") {
		t.Errorf("check la01 - (stdin): exit %d: %s%s", code, stdout, stderr)
	}
	for _, cmd := range []string{"solve", "validate", "check", "explain", "replan", "simulate", "export"} {
		_, stdout, _ := runCLI(t, cmd, "--help")
		if !strings.Contains(stdout, "-") || !strings.Contains(stdout, "standard input") && !strings.Contains(stdout, "stdin") {
			t.Errorf("ordo %s --help does not document - for standard input", cmd)
		}
	}
	if _, stdout, _ := runCLI(t, "report", "--help"); !strings.Contains(stdout, "standard input") {
		t.Errorf("ordo report --help does not document - for standard input")
	}
}

// Names of the built-in benchmark set resolve where a problem file is
// expected; a family is refused with a message, an unknown name is a
// missing file.
func TestSolveBenchmarkNames(t *testing.T) {
	for name, want := range map[string]string{"ft06": "6 orders, 36 operations", "la01": "10 orders, 50 operations", "mk01": "10 orders", "ta01": "15 orders, 225 operations"} {
		code, stdout, stderr := runCLI(t, "solve", name)
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("solve %s: exit %d, want %q in:\n%s%s", name, code, want, stdout, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "solve", "la"); code != exitInvalid || !strings.Contains(stderr, "names 40 benchmark instances") {
		t.Errorf("solve la: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "solve", "no-such-file.json"); code != exitInvalid || !strings.Contains(stderr, "cannot read no-such-file.json") {
		t.Errorf("solve no-such-file.json: exit %d: %s", code, stderr)
	}
}

// gen's output format is --to, as in export; --format, its old spelling,
// still works and is hidden from the help.
func TestGenToAndHiddenFormat(t *testing.T) {
	_, want, _ := runCLI(t, "gen", "taillard", "ta01", "--to", "taillard")
	_, old, _ := runCLI(t, "gen", "taillard", "ta01", "--format", "taillard")
	_, jsp, _ := runCLI(t, "gen", "taillard", "ta01")
	if !strings.HasPrefix(want, "Nb of jobs") || old != want || jsp == want {
		t.Errorf("--to taillard:\n%.80s\n--format taillard:\n%.80s\ndefault:\n%.80s", want, old, jsp)
	}
	_, help, _ := runCLI(t, "gen", "--help")
	if !strings.Contains(help, "-to string") || strings.Contains(help, "-format") {
		t.Errorf("gen --help should show --to and hide --format:\n%s", help)
	}
	if code, _, stderr := runCLI(t, "gen", "taillard", "ta01", "--to", "lp"); code != exitUsage || !strings.Contains(stderr, "--to") {
		t.Errorf("--to lp: exit %d: %s", code, stderr)
	}
}
