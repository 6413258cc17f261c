package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// solveCalls counts the Solve calls of the test solvers.
var solveCalls atomic.Int64

// testSolver is a trivial solver for plain job shops, registered under
// test-only names: it builds random semi-active schedules (the job whose
// next operation can start first, ties broken at random) until its work
// limit (schedules built) or time limit, reporting each improvement.
type testSolver struct {
	mode string // "greedy", "fail", "infeasible", "panic", "search"
}

// testNew is RunSpec.New for the test solvers: "benchtest:" followed by
// a mode.
func testNew(name string) (solver.Solver, error) {
	for _, mode := range []string{"greedy", "fail", "infeasible", "panic", "search"} {
		if name == "benchtest:"+mode {
			return testSolver{mode}, nil
		}
	}
	return nil, fmt.Errorf("unknown solver %q (registered: benchtest:greedy, benchtest:fail, benchtest:infeasible, benchtest:panic, benchtest:search)", name)
}

func (t testSolver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	solveCalls.Add(1)
	start := time.Now()
	switch t.mode {
	case "fail":
		return nil, solver.Unsupported("benchtest:fail", "everything")
	case "panic":
		panic("boom")
	case "infeasible":
		s := &schedule.Schedule{}
		for j := range p.Jobs {
			for k := range p.Jobs[j].Operations {
				s.Assignments = append(s.Assignments, schedule.Assignment{Job: j, Op: k, End: 1})
			}
		}
		return &solver.Result{Solver: "benchtest:infeasible", Schedule: s, Status: solver.Feasible, Objective: 1, Bound: math.NaN()}, nil
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 99))
	limit := int64(1)
	if t.mode == "search" {
		limit = opts.WorkLimit
		if limit <= 0 {
			limit = math.MaxInt64
		}
	}
	deadline := opts.Deadline(start)
	var best *schedule.Schedule
	bestV := math.Inf(1)
	var work int64
	stop := solver.Finished
	var ttb time.Duration
	for work < limit {
		if ctx.Err() != nil {
			stop = solver.Canceled
			break
		}
		if !deadline.IsZero() && time.Now().After(deadline) {
			stop = solver.Deadline
			break
		}
		s := listSchedule(p, rng)
		work++
		if v := float64(schedule.Makespan(s)); v < bestV {
			best, bestV, ttb = s, v, time.Since(start)
			if opts.OnProgress != nil {
				opts.OnProgress(solver.Progress{Elapsed: ttb, Work: work, Objective: v, Bound: math.NaN()})
			}
		}
	}
	if t.mode == "search" && work >= limit {
		stop = solver.WorkLimit
	}
	return &solver.Result{
		Solver: "benchtest:" + t.mode, Schedule: best, Status: solver.Feasible, Stop: stop,
		Objective: bestV, Bound: math.NaN(),
		Stats: solver.Stats{Elapsed: time.Since(start), TimeToBest: ttb, Work: work, Iterations: work},
	}, nil
}

// listSchedule builds a semi-active schedule of a plain job shop.
func listSchedule(p *model.Problem, rng *rand.Rand) *schedule.Schedule {
	x := p.NewIndex()
	next := make([]int, len(p.Jobs))
	jobReady := make([]int64, len(p.Jobs))
	machReady := make([]int64, len(p.Machines))
	s := &schedule.Schedule{}
	for {
		bestJ, bestT, ties := -1, int64(0), 0
		for j := range p.Jobs {
			if next[j] >= len(p.Jobs[j].Operations) {
				continue
			}
			m := x.Machines[p.Jobs[j].Operations[next[j]].Alternatives[0].Machine]
			t := max(jobReady[j], machReady[m])
			switch {
			case bestJ < 0 || t < bestT:
				bestJ, bestT, ties = j, t, 1
			case t == bestT:
				ties++
				if rng.IntN(ties) == 0 {
					bestJ = j
				}
			}
		}
		if bestJ < 0 {
			return s
		}
		op := &p.Jobs[bestJ].Operations[next[bestJ]]
		m := x.Machines[op.Alternatives[0].Machine]
		end := bestT + op.Alternatives[0].ProcessingTime(p.Jobs[bestJ].Quantity)
		s.Assignments = append(s.Assignments, schedule.Assignment{Job: bestJ, Op: next[bestJ], Machine: m, SetupStart: bestT, Start: bestT, End: end})
		jobReady[bestJ], machReady[m] = end, end
		next[bestJ]++
	}
}

// tinyInstances writes count random n x m job shops (JSP format) into a
// temporary folder, named fam1, fam2, ...
func tinyInstances(t testing.TB, fam string, count, n, m int) []instance.InstanceRef {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(count*n*m), 5))
	var refs []instance.InstanceRef
	for i := 1; i <= count; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "%d %d\n", n, m)
		for j := 0; j < n; j++ {
			for k, mach := range rng.Perm(m) {
				if k > 0 {
					b.WriteByte(' ')
				}
				fmt.Fprintf(&b, "%d %d", mach, 1+rng.IntN(20))
			}
			b.WriteByte('\n')
		}
		name := fmt.Sprintf("%s%d", fam, i)
		path := filepath.Join(dir, name+".txt")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, instance.InstanceRef{Name: name, Path: path, Format: instance.FormatJSP, Family: fam})
	}
	return refs
}

func TestRunWritesAndResumes(t *testing.T) {
	refs := append(tinyInstances(t, "aa", 3, 4, 3), tinyInstances(t, "bb", 2, 5, 4)...)
	bounds := map[string]instance.Bound{}
	for _, r := range refs {
		bounds[r.Name] = instance.Bound{Name: r.Name, LB: 10, UB: 40}
	}
	out := t.TempDir()
	spec := RunSpec{New: testNew,
		Instances: refs, Solvers: []string{"benchtest:search", "benchtest:greedy"}, Seeds: []uint64{2, 1},
		WorkLimit: 30, Jobs: 3, OutDir: out, Bounds: bounds, TrackProgress: []string{"aa1/benchtest:search/*"},
	}
	solveCalls.Store(0)
	recs, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	want := len(refs) * 2 * 2
	if len(recs) != want || solveCalls.Load() != int64(want) {
		t.Fatalf("got %d records after %d solves, want %d", len(recs), solveCalls.Load(), want)
	}
	for i := range recs {
		r := &recs[i]
		if i > 0 && !lessRecords(&recs[i-1], r) {
			t.Errorf("records not in canonical order at %d: %s after %s", i, r.Name(), recs[i-1].Name())
		}
		if !r.Checked || r.Violations != 0 || r.Error != "" {
			t.Errorf("%s: checked %v, %d violations, error %q", r.Name(), r.Checked, r.Violations, r.Error)
		}
		if r.Makespan <= 0 || r.Value != float64(r.Makespan) || r.Objective != "makespan" {
			t.Errorf("%s: makespan %d, value %g, objective %q", r.Name(), r.Makespan, r.Value, r.Objective)
		}
		if wantRPD := 100 * float64(r.Makespan-40) / 40; math.Abs(r.RPD-wantRPD) > 1e-9 {
			t.Errorf("%s: RPD %g, want %g", r.Name(), r.RPD, wantRPD)
		}
		if r.N == 0 || r.M == 0 || r.Family == "" || r.Status != "feasible" || len(r.Trace) == 0 {
			t.Errorf("%s: incomplete record %+v", r.Name(), r)
		}
		if r.Tracked != (r.Instance == "aa1" && r.Solver == "benchtest:search") {
			t.Errorf("%s: tracked %v", r.Name(), r.Tracked)
		}
		if _, err := os.Stat(filepath.Join(out, r.ProgressFile)); err != nil {
			t.Errorf("%s: progress file: %v", r.Name(), err)
		}
	}
	// Deterministic with a work limit: a second campaign in a new folder
	// gives the same makespans.
	spec2 := spec
	spec2.OutDir = t.TempDir()
	spec2.Jobs = 1
	recs2, err := Run(context.Background(), spec2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if recs[i].Makespan != recs2[i].Makespan || recs[i].Key() != recs2[i].Key() {
			t.Errorf("run %s not reproducible: %d vs %d", recs[i].Name(), recs[i].Makespan, recs2[i].Makespan)
		}
	}

	// Files: CSV with a header and one row per run, JSONL and JSON arrays.
	csvData, _ := os.ReadFile(filepath.Join(out, ResultsCSV))
	if lines := strings.Count(string(csvData), "\n"); lines != want+1 {
		t.Errorf("results.csv has %d lines, want %d", lines, want+1)
	}
	var fromJSON []Record
	data, _ := os.ReadFile(filepath.Join(out, ResultsJSON))
	if err := json.Unmarshal(data, &fromJSON); err != nil || len(fromJSON) != want {
		t.Fatalf("results.json: %v, %d records", err, len(fromJSON))
	}
	for i := range fromJSON {
		if fromJSON[i].Key() != recs[i].Key() || fromJSON[i].Makespan != recs[i].Makespan {
			t.Errorf("results.json record %d differs: %s", i, fromJSON[i].Name())
		}
	}

	// Rerun: nothing to do, same records.
	solveCalls.Store(0)
	again, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if solveCalls.Load() != 0 {
		t.Errorf("rerun solved %d times, want 0", solveCalls.Load())
	}
	if len(again) != want {
		t.Fatalf("rerun returned %d records", len(again))
	}
	for i := range again {
		if again[i].Key() != recs[i].Key() || again[i].Makespan != recs[i].Makespan || len(again[i].Trace) != len(recs[i].Trace) {
			t.Errorf("rerun record %d differs: %+v", i, again[i])
		}
	}
	// A larger campaign into the same folder runs only the new seed.
	spec.Seeds = []uint64{1, 2, 3}
	solveCalls.Store(0)
	more, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if solveCalls.Load() != int64(len(refs)*2) || len(more) != len(refs)*2*3 {
		t.Errorf("extension solved %d times and returned %d records", solveCalls.Load(), len(more))
	}
}

func TestRunFailures(t *testing.T) {
	refs := tinyInstances(t, "cc", 1, 3, 3)
	refs = append(refs, instance.InstanceRef{Name: "missing", Path: filepath.Join(t.TempDir(), "missing.txt"), Format: instance.FormatJSP})
	recs, err := Run(context.Background(), RunSpec{New: testNew,
		Instances: refs, Solvers: []string{"benchtest:fail", "benchtest:infeasible", "benchtest:panic"}, OutDir: t.TempDir(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("got %d records", len(recs))
	}
	wants := map[string]string{
		"cc1/benchtest:fail/0":           "unsupported",
		"cc1/benchtest:infeasible/0":     "violation",
		"cc1/benchtest:panic/0":          "panicked: boom",
		"missing/benchtest:fail/0":       "load",
		"missing/benchtest:infeasible/0": "load",
		"missing/benchtest:panic/0":      "load",
	}
	for _, r := range recs {
		w, ok := wants[r.Name()]
		if !ok {
			t.Errorf("unexpected run %s", r.Name())
			continue
		}
		if !strings.Contains(r.Error, w) || r.Checked {
			t.Errorf("%s: error %q (want %q), checked %v", r.Name(), r.Error, w, r.Checked)
		}
		if r.Unsupported != (r.Name() == "cc1/benchtest:fail/0") {
			t.Errorf("%s: unsupported %v", r.Name(), r.Unsupported)
		}
		if r.Name() == "cc1/benchtest:infeasible/0" && r.Violations == 0 {
			t.Errorf("%s: no violation counted", r.Name())
		}
	}

	tests := []struct {
		name string
		spec RunSpec
		want string
	}{
		{"no solver", RunSpec{New: testNew, Instances: refs}, "no solver"},
		{"unknown solver", RunSpec{New: testNew, Instances: refs, Solvers: []string{"nope"}}, `unknown solver "nope"`},
		{"output is a file", RunSpec{New: testNew, Instances: refs, Solvers: []string{"benchtest:greedy"}, OutDir: refs[0].Path}, "create output folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(context.Background(), tc.spec)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestRunCancel(t *testing.T) {
	refs := tinyInstances(t, "dd", 4, 4, 4)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	recs, err := Run(ctx, RunSpec{New: testNew, Instances: refs, Solvers: []string{"benchtest:search"}, OutDir: out, TimeLimit: time.Second})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if len(recs) != 0 {
		t.Errorf("cancelled campaign recorded %d runs", len(recs))
	}
	stored, err := ReadResults(out)
	if err != nil || len(stored) != 0 {
		t.Errorf("stored %d records (%v) after cancellation", len(stored), err)
	}
}

func TestRunTimeLimit(t *testing.T) {
	refs := tinyInstances(t, "ee", 1, 3, 3)
	recs, err := Run(context.Background(), RunSpec{New: testNew, Instances: refs, Solvers: []string{"benchtest:search"}, TimeLimit: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Stop != "deadline" || recs[0].TimeLimit != 20*time.Millisecond || !recs[0].Checked {
		t.Fatalf("got %+v", recs)
	}
	if !math.IsNaN(recs[0].RPD) || recs[0].BestUB != 0 {
		t.Errorf("RPD %g without a bound", recs[0].RPD)
	}
}

func TestReadResultsTruncated(t *testing.T) {
	refs := tinyInstances(t, "ff", 2, 3, 3)
	out := t.TempDir()
	spec := RunSpec{New: testNew, Instances: refs, Solvers: []string{"benchtest:greedy"}, OutDir: out}
	if _, err := Run(context.Background(), spec); err != nil {
		t.Fatal(err)
	}
	// Simulate a crash in the middle of writing a third line.
	f, _ := os.OpenFile(filepath.Join(out, ResultsJSONL), os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"instance":"ff3","sol`)
	f.Close()
	recs, err := ReadResults(out)
	if err != nil || len(recs) != 2 {
		t.Fatalf("ReadResults: %d records, %v", len(recs), err)
	}
	solveCalls.Store(0)
	again, err := Run(context.Background(), spec)
	if err != nil || len(again) != 2 || solveCalls.Load() != 0 {
		t.Fatalf("rerun after crash: %d records, %d solves, %v", len(again), solveCalls.Load(), err)
	}
	// A corrupt line in the middle is an error naming the line.
	os.WriteFile(filepath.Join(out, ResultsJSONL), []byte("{}\nnot json\n{}\n"), 0o644)
	if _, err := ReadResults(out); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("got %v, want an error at line 2", err)
	}
}

func TestRecordJSON(t *testing.T) {
	r := Record{Instance: "ta01", Solver: "tabu", Seed: 3, TimeLimit: 1500 * time.Millisecond, Objective: "makespan",
		Value: 1300, Makespan: 1300, Bound: math.NaN(), RPD: math.NaN(), Elapsed: 1234567 * time.Microsecond, Checked: true}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"bound":null`) || !strings.Contains(string(data), `"time_limit":"1.5s"`) {
		t.Errorf("unexpected JSON %s", data)
	}
	var back Record
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Key() != r.Key() || !math.IsNaN(back.Bound) || !math.IsNaN(back.RPD) || back.Elapsed != r.Elapsed {
		t.Errorf("round trip: %+v", back)
	}
}

func TestEffectiveJobs(t *testing.T) {
	cpus := effectiveJobs(1000, 1, 1000)
	tests := []struct {
		name                   string
		jobs, workers, runs, w int
	}{
		{"default is the cores", 0, 1, 1000, cpus},
		{"fewer runs", 0, 1, 1, 1},
		{"asked fewer", 1, 1, 10, 1},
		{"workers take cores", 0, cpus, 10, 1},
		{"too many workers", 4, 10 * cpus, 10, 1},
		{"no runs", 0, 1, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := effectiveJobs(tc.jobs, tc.workers, tc.runs); got != tc.w {
				t.Errorf("effectiveJobs(%d, %d, %d) = %d, want %d", tc.jobs, tc.workers, tc.runs, got, tc.w)
			}
			if got := effectiveJobs(tc.jobs, tc.workers, tc.runs); got*max(tc.workers, 1) > cpus && got > 1 {
				t.Errorf("oversubscribed: %d jobs x %d workers", got, tc.workers)
			}
		})
	}
}

func TestNaturalLess(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"la2", "la10", true},
		{"la10", "la2", false},
		{"ta01", "ta1", false},
		{"abz5", "la01", true},
		{"yn1", "yn1", false},
		{"edata_la01", "edata_la1x", true},
		{"a", "ab", true},
	}
	for _, tc := range tests {
		if got := naturalLess(tc.a, tc.b); got != tc.want {
			t.Errorf("naturalLess(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestProgressBar(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) || IsTerminal(nil) {
		t.Error("a buffer is not a terminal")
	}
	var buf bytes.Buffer
	clock := time.Unix(0, 0)
	b := newBar(&buf, 10, 2, 0, false)
	b.now = func() time.Time { return clock }
	b.start = clock
	clock = clock.Add(30 * time.Second)
	b.update(3, "ta01/tabu/1")
	if got := b.line(); !strings.Contains(got, "3/10 runs") || !strings.Contains(got, "elapsed 30s") || !strings.Contains(got, "ETA 1m10s") || !strings.Contains(got, "ta01/tabu/1") {
		t.Errorf("line %q", got)
	}
	b.finish()
	if !strings.HasSuffix(buf.String(), "\n") || !strings.Contains(buf.String(), "\r") {
		t.Errorf("output %q", buf.String())
	}
	// Not a terminal: quiet.
	var quiet bytes.Buffer
	q := newProgressBar(&quiet, 5, 1, time.Second)
	q.update(1, "x")
	q.finish()
	if quiet.Len() != 0 {
		t.Errorf("wrote %q to a non-terminal", quiet.String())
	}
}

func TestDataFamilies(t *testing.T) {
	data := instance.Embedded()
	refs, err := data.Find([]string{"ft06", "la01", "gen:6:3:4"})
	if err != nil {
		t.Fatal(err)
	}
	bounds, err := data.Bounds()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := Run(context.Background(), RunSpec{New: testNew, Instances: refs[:2], Solvers: []string{"benchtest:search"}, WorkLimit: 20, Bounds: bounds, Seeds: []uint64{1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if !r.Checked || r.BestUB == 0 || r.RPD < 0 || r.Makespan < r.BestLB {
			t.Errorf("%s: %+v", r.Name(), r)
		}
	}
	if recs[0].Instance != "ft06" || recs[0].BestUB != 55 || recs[0].N != 6 || recs[0].M != 6 || recs[0].Family != "ft" {
		t.Errorf("ft06 record: %+v", recs[0])
	}
	// A generated plant runs with its own objective (and the test solvers
	// decline it).
	recs, err = Run(context.Background(), RunSpec{New: testNew, Instances: refs[2:], Solvers: []string{"benchtest:fail"}, Bounds: bounds, Seeds: []uint64{1}})
	if err != nil {
		t.Fatal(err)
	}
	if r := recs[0]; !r.Unsupported || r.Instance != "gen:6:3:4" || r.Family != "plant" || r.Objective != "weighted_tardiness" || r.N != 6 || r.M != 4 {
		t.Errorf("plant record: %+v", r)
	}
}

var benchSink sync.Map

func BenchmarkRecordJSON(b *testing.B) {
	r := Record{Instance: "ta01", Solver: "tabu", Value: 1231, Makespan: 1231, Bound: math.NaN(), RPD: 0, Checked: true}
	b.ReportAllocs()
	for b.Loop() {
		data, _ := json.Marshal(r)
		benchSink.Store(0, data)
	}
}

func TestRunJSONObjective(t *testing.T) {
	path := filepath.Join("..", "examples", "plant.json")
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	spec := RunSpec{New: testNew, Instances: []instance.InstanceRef{{Name: "plant", Path: path, Format: instance.FormatJSON}}, Solvers: []string{"benchtest:fail"}, OutDir: out}
	recs, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Objective != "weighted_tardiness" || !recs[0].Unsupported || recs[0].N == 0 {
		t.Fatalf("got %+v", recs)
	}
	solveCalls.Store(0)
	if again, err := Run(context.Background(), spec); err != nil || len(again) != 1 || solveCalls.Load() != 0 {
		t.Errorf("rerun: %d records, %d solves, %v", len(again), solveCalls.Load(), err)
	}
}

// TestStopAtBest: a run stops at the best known makespan, and the same
// campaign without the target runs to its work limit.
func TestStopAtBest(t *testing.T) {
	refs := tinyInstances(t, "cc", 2, 5, 4)
	bounds := map[string]instance.Bound{}
	for _, r := range refs {
		bounds[r.Name] = instance.Bound{Name: r.Name, LB: 1, UB: 1 << 40} // any schedule reaches it
	}
	spec := RunSpec{New: testNew, Instances: refs, Solvers: []string{"benchtest:search"}, Seeds: []uint64{1}, WorkLimit: 1 << 40, Bounds: bounds, StopAtBest: true, OutDir: t.TempDir()}
	recs, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Stop != StopTarget || !r.StopAtBest || !r.Checked || r.Work >= 1<<40 || !strings.HasSuffix(r.Key(), "|target") {
			t.Errorf("%s: stop %q, work %d, key %s, checked %v", r.Name(), r.Stop, r.Work, r.Key(), r.Checked)
		}
	}
	stored, err := ReadResults(spec.OutDir)
	if err != nil || len(stored) != len(recs) || !stored[0].StopAtBest {
		t.Errorf("stored records %+v, %v", stored, err)
	}
	// Without a known bound, or without StopAtBest, the work limit stops
	// the run.
	spec.Bounds, spec.WorkLimit, spec.OutDir = nil, 50, ""
	for _, sab := range []bool{true, false} {
		spec.StopAtBest = sab
		recs, err = Run(context.Background(), spec)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if r.Stop != solver.WorkLimit.String() || r.Work != 50 {
				t.Errorf("StopAtBest %v without bounds: %s: stop %q, work %d", sab, r.Name(), r.Stop, r.Work)
			}
		}
	}
}
