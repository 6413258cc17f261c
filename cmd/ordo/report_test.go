package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// examplePlanFiles writes the example plant and a plan of it (ordo solve
// --out) into a temporary directory.
func examplePlanFiles(t *testing.T) (dir, problem, plan string) {
	t.Helper()
	dir = t.TempDir()
	problem, plan = filepath.Join(dir, "plant.json"), filepath.Join(dir, "plan.json")
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "plant.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(problem, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "solve", "--out", plan, problem); code != exitOK {
		t.Fatalf("solve: exit %d: %s", code, stderr)
	}
	return dir, problem, plan
}

func TestReportWorklists(t *testing.T) {
	dir, problem, plan := examplePlanFiles(t)
	out := filepath.Join(dir, "lists")
	code, stdout, stderr := runCLI(t, "report", "worklists", problem, plan, "--shift", "2026-12-14T06:00", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "14 work lists") {
		t.Errorf("stdout %q, want 14 work lists (12 machines, 2 pools)", stdout)
	}
	for _, team := range []string{"SAW-01", "LAT-01", "TST-01", "assembly-team", "quality"} {
		f, err := os.Open(filepath.Join(out, team+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) == 0 || rows[0][0] != "team" {
			t.Errorf("%s.csv: %v, %d rows", team, err, len(rows))
		}
		for _, r := range rows[1:] {
			if r[0] != team || !strings.HasPrefix(r[1], "2026-12-14T") {
				t.Errorf("%s.csv: row %v is not this team's on 14 December", team, r)
			}
		}
		h, err := os.ReadFile(filepath.Join(out, team+".html"))
		if err != nil || !strings.Contains(string(h), "A4 landscape") {
			t.Errorf("%s.html: %v, or no A4 page", team, err)
		}
	}
	// A group and an explicit range.
	out2 := filepath.Join(dir, "lists2")
	code, _, stderr = runCLI(t, "report", "worklists", problem, plan, "--from", "2026-12-14T06:00+01:00", "--to", "2026-12-15T06:00+01:00",
		"--machines", "SAW-01", "--group", "turning=LAT-01,LAT-02", "--pools", "none", "--out", out2)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	names, _ := filepath.Glob(filepath.Join(out2, "*"))
	if len(names) != 4 {
		t.Errorf("wrote %v, want SAW-01 and turning, CSV and HTML", names)
	}
}

func TestReportDashboardAndText(t *testing.T) {
	dir, problem, plan := examplePlanFiles(t)
	page := filepath.Join(dir, "plant.html")
	if code, _, stderr := runCLI(t, "report", "dashboard", problem, plan, "--out", page); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	h, err := os.ReadFile(page)
	if err != nil || !strings.Contains(string(h), "Machine load per day") {
		t.Errorf("dashboard: %v, or no heat map", err)
	}
	for _, args := range [][]string{{"--out", "g.html"}, {"--out", "g.svg", "--pools"}, {"--out", "w.html", "--week", "2026-12-16"}} {
		args[1] = filepath.Join(dir, args[1])
		if code, _, stderr := runCLI(t, append([]string{"report", "gantt", problem, plan}, args...)...); code != exitOK {
			t.Fatalf("gantt %v: exit %d: %s", args, code, stderr)
		}
		g, err := os.ReadFile(args[1])
		if err != nil || !strings.Contains(string(g), "<svg") {
			t.Errorf("gantt %v: %v, or no chart", args, err)
		}
		if len(args) > 2 && args[2] == "--week" && !strings.Contains(string(g), "week 51") {
			t.Errorf("gantt %v: not the week of 16 December", args)
		}
	}
	code, stdout, stderr := runCLI(t, "report", "text", problem, plan)
	if code != exitOK || !strings.Contains(stdout, "Machines: busy") || !strings.Contains(stdout, "LAT-01") {
		t.Errorf("text: exit %d, %s\n%s", code, stderr, stdout)
	}
}

func TestReportErrors(t *testing.T) {
	dir, problem, plan := examplePlanFiles(t)
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"assignments": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report"}, exitUsage, "want a subcommand"},
		{[]string{"report", "pie"}, exitUsage, `unknown subcommand "pie"`},
		{[]string{"report", "worklists", problem}, exitUsage, "want PROBLEM and PLAN"},
		{[]string{"report", "worklists", problem, plan, "--out", dir}, exitUsage, "give --shift"},
		{[]string{"report", "worklists", problem, plan, "--shift", "monday", "--out", dir}, exitUsage, "not an ISO datetime"},
		{[]string{"report", "worklists", problem, plan, "--shift", "2026-12-14T06:00"}, exitUsage, "--out DIR is required"},
		{[]string{"report", "worklists", problem, plan, "--shift", "2026-12-14T06:00", "--machines", "NOPE", "--out", dir}, exitInvalid, `unknown machine "NOPE"`},
		{[]string{"report", "dashboard", problem, plan}, exitUsage, "--out FILE.html is required"},
		{[]string{"report", "gantt", problem, plan, "--out", "x.png"}, exitUsage, "--out wants a .html or .svg file"},
		{[]string{"report", "gantt", problem, plan, "--out", "x.svg", "--week", "soon"}, exitUsage, "not an ISO datetime"},
		{[]string{"report", "dashboard", problem, bad, "--out", "x.html"}, exitInvalid, "bad.json"},
		{[]string{"report", "text", problem, filepath.Join(dir, "missing.json")}, exitInvalid, "missing.json"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}
