package bench

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/instance"
)

// campaign runs the test solvers on two tiny families with bounds.
func campaign(t *testing.T, out string) []Record {
	t.Helper()
	refs := append(tinyInstances(t, "aa", 2, 4, 3), tinyInstances(t, "bb", 2, 5, 4)...)
	bounds := map[string]instance.Bound{}
	for i, r := range refs {
		bounds[r.Name] = instance.Bound{Name: r.Name, LB: 20, UB: int64(30 + 5*i), Optimal: false}
	}
	recs, err := Run(context.Background(), RunSpec{New: testNew,
		Instances: refs, Solvers: []string{"benchtest:greedy", "benchtest:search"}, Seeds: []uint64{1, 2},
		WorkLimit: 25, OutDir: out, Bounds: bounds, TrackProgress: []string{"bb2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// testCharts is a ChartWriter that writes one text file per figure,
// holding the number of records and the runs ProgressRuns chooses.
func testCharts(dir string, records []Record) ([]Figure, error) {
	var names []string
	for _, r := range ProgressRuns(records) {
		names = append(names, r.Name())
	}
	body := fmt.Sprintf("%d records; progress: %s\n", len(records), strings.Join(names, " "))
	figs := []Figure{{File: "deviation.svg", Title: "Mean deviation"}, {File: "progress.svg", Title: "Objective over time"}}
	for _, f := range figs {
		if err := os.WriteFile(filepath.Join(dir, f.File), []byte(body), 0o644); err != nil {
			return nil, err
		}
	}
	return figs, nil
}

func TestWriteReport(t *testing.T) {
	out := t.TempDir()
	recs := campaign(t, out)
	cmd := "ordo bench --solver benchtest:greedy,benchtest:search --seeds 1,2 --work 25 aa bb"
	if err := WriteReport(out, recs, "Test campaign", cmd, testCharts); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(md)
	if !strings.HasPrefix(text, "# Test campaign\n\nProduced by:\n\n```sh\n"+cmd+"\n```") {
		t.Errorf("report does not start with the title and the command:\n%s", text[:min(200, len(text))])
	}
	for _, want := range []string{
		"| benchtest:greedy | aa | 4 | 2 |", "| benchtest:search | bb | 4 | 2 |",
		"![Objective over time](progress.svg)", "deviation.svg", "Every one of the 16 schedules was verified",
		"| aa1 | 4 × 3 | 20 | 30 | benchtest:greedy | 1 |",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// The chart writer got every run; the tracked one is drawn.
	if data, err := os.ReadFile(filepath.Join(out, "progress.svg")); err != nil || !strings.HasPrefix(string(data), "16 records; progress: bb2/benchtest:greedy/1 ") {
		t.Errorf("chart writer wrote %q (%v)", data, err)
	}
	if dir := os.Getenv("BENCH_REPORT_OUT"); dir != "" {
		for _, f := range []string{"report.md", "deviation.svg", "progress.svg", "results.csv", "results.json"} {
			data, _ := os.ReadFile(filepath.Join(out, f))
			os.WriteFile(filepath.Join(dir, f), data, 0o644)
		}
	}
	// Reports from stored results are the same (deterministic).
	stored, err := ReadResults(out)
	if err != nil {
		t.Fatal(err)
	}
	out2 := t.TempDir()
	if err := WriteReport(out2, stored, "Test campaign", cmd, testCharts); err != nil {
		t.Fatal(err)
	}
	md2, _ := os.ReadFile(filepath.Join(out2, "report.md"))
	if !bytes.Equal(md, md2) {
		t.Error("report from stored results differs")
	}
}

func TestHeadlineTable(t *testing.T) {
	nan := math.NaN()
	recs := []Record{
		{Instance: "la01", Family: "la", Solver: "a", Makespan: 666, BestUB: 666, RPD: 0, Checked: true, Bound: nan},
		{Instance: "la02", Family: "la", Solver: "a", Makespan: 700, BestUB: 655, RPD: 100 * 45.0 / 655, Checked: true, Bound: nan},
		{Instance: "la01", Family: "la", Solver: "b", Makespan: 670, BestUB: 666, RPD: 100 * 4.0 / 666, Checked: true, Bound: nan},
		{Instance: "la02", Family: "la", Solver: "b", Error: "boom", RPD: nan, Bound: nan},
		{Instance: "x1", Family: "x", Solver: "a", Makespan: 10, RPD: nan, Checked: true, Bound: nan},
		{Instance: "mk01", Family: "mk", Solver: "a", Error: "a: unsupported: alternatives", Unsupported: true, RPD: nan, Bound: nan},
		{Instance: "mk01", Family: "mk", Solver: "b", Makespan: 42, BestUB: 40, RPD: 5, Checked: true, Bound: nan},
	}
	got := HeadlineTable(recs)
	for _, want := range []string{
		"| family | instances | a | b |",
		"| la | 2 | 3.44 % (1/2 best) | 0.60 % (0/2 best) ⚠ |",
		"| x | 1 | – (0/1 best) | |",
		"| mk | 1 | unsupported | 5.00 % (0/1 best) |",
		"| **all** | 4 |",
		"⚠ marks",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("headline lacks %q:\n%s", want, got)
		}
	}
	sums := Summarize(recs)
	if len(sums) != 5 || sums[0].Solver != "a" || sums[0].BestReached != 1 || sums[0].MaxRPD < 6.8 || !sums[0].AllChecked {
		t.Errorf("summaries %+v", sums)
	}
	if sums[1].Errors != 1 || sums[1].AllChecked || sums[1].RPDRuns != 1 {
		t.Errorf("summary of b %+v", sums[1])
	}
	if s := sums[2]; s.Family != "mk" || s.Unsupported != 1 || s.Errors != 0 || !s.AllChecked || s.Runs != 1 {
		t.Errorf("summary of a on mk %+v", s)
	}
}

func TestObjectiveTable(t *testing.T) {
	nan := math.NaN()
	wt := "weighted_tardiness"
	recs := []Record{
		{Instance: "plant", Family: "plant", Solver: "ga", Seed: 1, Objective: wt, Value: 5400, Checked: true, Bound: nan, RPD: nan},
		{Instance: "plant", Family: "plant", Solver: "ga", Seed: 2, Objective: wt, Value: 5740, Checked: true, Bound: nan, RPD: nan},
		{Instance: "plant", Family: "plant", Solver: "ga", Seed: 3, Objective: wt, Value: 6100, Checked: true, Bound: nan, RPD: nan},
		{Instance: "plant", Family: "plant", Solver: "rule", Seed: 1, Objective: wt, Value: 8900, Checked: true, Bound: nan, RPD: nan},
		// Left out: a failed run, an unchecked one, an unsupported one.
		{Instance: "plant", Family: "plant", Solver: "rule", Seed: 2, Objective: wt, Error: "boom", Bound: nan, RPD: nan},
		{Instance: "plant", Family: "plant", Solver: "rule", Seed: 3, Objective: wt, Value: 1, Checked: false, Bound: nan, RPD: nan},
		{Instance: "plant", Family: "plant", Solver: "mip", Seed: 1, Objective: wt, Unsupported: true, Error: "unsupported", Bound: nan, RPD: nan},
		{Instance: "small", Family: "plant", Solver: "ga", Seed: 1, Objective: wt, Value: 0, Checked: true, Bound: nan, RPD: nan},
		{Instance: "small", Family: "plant", Solver: "rule", Seed: 1, Objective: wt, Value: 30, Checked: true, Bound: nan, RPD: nan},
	}
	got := ObjectiveTable(recs)
	for _, want := range []string{
		"| instance | objective | best | ga | mip | rule | mip vs ga | rule vs ga |\n",
		"| plant | weighted_tardiness | 5400 | 5740 (+6.3 %), 1/3 at best | – | 8900 (+64.8 %), 0/1 at best | – | +55.1 % |\n",
		"| small | weighted_tardiness | 0 | 0, 1/1 at best | – | 30, 0/1 at best | – | – |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("objective table lacks %q:\n%s", want, got)
		}
	}
	if h := Headline(recs); h != got {
		t.Errorf("headline of weighted tardiness runs is not the objective table:\n%s", h)
	}
	mk := []Record{{Instance: "la01", Family: "la", Solver: "a", Objective: "makespan", Makespan: 666, Value: 666, BestUB: 666, Checked: true, Bound: nan}}
	if h := Headline(mk); h != HeadlineTable(mk) {
		t.Errorf("headline of makespan runs:\n%s", h)
	}
	if h := Headline(append(mk, recs...)); !strings.Contains(h, "| family | instances |") || !strings.Contains(h, "| instance | objective | best |") {
		t.Errorf("headline of mixed runs lacks a table:\n%s", h)
	}
}

func TestWriteBenchmarksDoc(t *testing.T) {
	recs := campaign(t, t.TempDir())
	dir := t.TempDir()
	path := filepath.Join(dir, "docs", "benchmarks.md")
	cmd := "ordo bench --out results/bench aa bb"
	if err := WriteBenchmarksDoc(path, recs, "", cmd, testCharts); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(md)
	if !strings.HasPrefix(text, "# Benchmarks\n") || !strings.Contains(text, "```sh\n"+cmd+"\n```") {
		t.Errorf("doc does not start with the command:\n%s", text[:min(300, len(text))])
	}
	if !strings.Contains(text, HeadlineTable(recs)) {
		t.Error("doc lacks the headline table")
	}
	if err := WriteBenchmarksDoc(path, recs, "GA on plants", cmd, nil); err != nil {
		t.Fatal(err)
	}
	if md, err := os.ReadFile(path); err != nil || !strings.HasPrefix(string(md), "# GA on plants\n") {
		t.Errorf("doc with a title: %v\n%.100s", err, md)
	}
	for _, f := range []string{"deviation.svg", "progress.svg"} {
		if !strings.Contains(text, "(benchmarks/"+f+")") {
			t.Errorf("doc lacks a link to %s", f)
		}
		if _, err := os.Stat(filepath.Join(dir, "docs", "benchmarks", f)); err != nil {
			t.Error(err)
		}
	}
}

func TestReportWithoutData(t *testing.T) {
	// No chart writer: no chart, still a report.
	out := t.TempDir()
	recs := []Record{{Instance: "p1", Family: "p", Solver: "s", Makespan: 5, RPD: math.NaN(), Bound: math.NaN(), Checked: true, Elapsed: time.Millisecond}}
	if err := WriteReport(out, recs, "", "", nil); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("files written without a chart writer: %v", entries)
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if !strings.HasPrefix(string(md), "# Benchmark report\n") {
		t.Errorf("report %q", md)
	}
	if err := WriteReport(out, nil, "", "", nil); err != nil {
		t.Errorf("empty report: %v", err)
	}
}

func TestProgressRuns(t *testing.T) {
	tr := []TracePoint{{Elapsed: time.Millisecond, Objective: 10}}
	recs := []Record{
		{Instance: "small", N: 2, M: 2, Solver: "a", Seed: 1, Trace: tr},
		{Instance: "big", N: 5, M: 5, Solver: "a", Seed: 2, Trace: tr},
		{Instance: "big", N: 5, M: 5, Solver: "a", Seed: 1, Trace: tr},
		{Instance: "big", N: 5, M: 5, Solver: "b", Seed: 3, Trace: tr},
		{Instance: "huge", N: 9, M: 9, Solver: "a", Seed: 1}, // no trace
	}
	var names []string
	for _, r := range ProgressRuns(recs) {
		names = append(names, r.Name())
	}
	if got := strings.Join(names, " "); got != "big/a/1 big/b/3" {
		t.Errorf("auto selection %q", got)
	}
	recs[0].Tracked = true
	if got := ProgressRuns(recs); len(got) != 1 || got[0].Instance != "small" {
		t.Errorf("tracked selection %v", got)
	}
}

// TestSummaryTableColumns: the columns about best known makespans only
// when some run optimised the makespan.
func TestSummaryTableColumns(t *testing.T) {
	nan := math.NaN()
	wt := []Record{{Instance: "plant", Family: "plant", Solver: "ga", Objective: "weighted_tardiness", Value: 5400, Checked: true, Bound: nan, RPD: nan}}
	mk := []Record{{Instance: "la01", Family: "la", Solver: "ga", Objective: "makespan", Makespan: 666, Value: 666, BestUB: 666, RPD: 0, Checked: true, Bound: nan}}
	if got := SummaryTable(wt); strings.Contains(got, "RPD") || strings.Contains(got, "best known") || !strings.Contains(got, "| ga | plant | 1 | 1 | 0 |") {
		t.Errorf("weighted tardiness runs:\n%s", got)
	}
	if got := SummaryTable(append(mk, wt...)); !strings.Contains(got, "mean RPD %") || !strings.Contains(got, "| ga | la | 1 | 1 | 0.00 | 0.00 | 1 | 0 |") {
		t.Errorf("makespan runs:\n%s", got)
	}
}
