package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// RunSpec describes a benchmark campaign: every instance is solved by every
// solver with every seed.
type RunSpec struct {
	// Instances are the instances to solve (see FindInstances).
	Instances []instance.InstanceRef
	// Solvers are the names of the solvers to run, given to New.
	Solvers []string
	// New returns a new solver by name (required): solvers.Get for
	// ordo's registry (package solvers), or a program's own table.
	New func(name string) (solver.Solver, error)
	// Seeds are the seeds of the runs (nil: a single run with seed 0).
	Seeds []uint64
	// TimeLimit and WorkLimit bound each run (solver.Options).
	TimeLimit time.Duration
	WorkLimit int64
	// Workers is the number of goroutines of each run (0 or 1: one).
	Workers int
	// Jobs is the number of runs in parallel (0: runtime.NumCPU()). It is
	// reduced so that Jobs x Workers never exceeds the number of cores.
	Jobs int
	// OutDir receives results.csv, results.jsonl, results.json and
	// progress/*.csv. Empty: nothing is written and nothing is resumed.
	OutDir string
	// Bounds are the best known bounds by instance name (ReadBounds).
	Bounds map[string]instance.Bound
	// Objective overrides the instances' objective when it has terms.
	Objective model.Objective
	// Objectives, when not empty, replaces Objective: every instance is
	// solved once for each of them (with every solver and seed), so that
	// one campaign compares the plans of several objectives side by side
	// (CostTable). An objective without terms stands for the instance's
	// own. The first one is the reference of CostTable
	// (Record.ObjectiveRank).
	Objectives []model.Objective
	// StopAtBest stops a run as soon as its makespan reaches the instance's
	// best known upper bound (Bounds), for time-to-target measurements:
	// the run's TimeToBest is then the time to the target and its Stop is
	// "target". It applies to runs that minimise the makespan of an
	// instance with a known upper bound.
	StopAtBest bool
	// Progress receives a progress bar when it is a terminal (nil: quiet).
	Progress io.Writer
	// TrackProgress selects the runs whose objective over time is drawn in
	// the report's progress plot: patterns (path.Match) on the run's
	// "instance/solver/seed" name, or plain instance names.
	TrackProgress []string
}

// TracePoint is one improvement of a run's incumbent.
type TracePoint struct {
	Elapsed   time.Duration
	Work      int64
	Objective float64
	Bound     float64 // NaN when unknown
}

// Record is the outcome of one benchmark run.
type Record struct {
	Instance  string
	Family    string
	N, M      int // jobs and machines
	Solver    string
	Seed      uint64
	TimeLimit time.Duration
	WorkLimit int64
	Workers   int
	// Objective is the objective's name ("makespan").
	Objective string
	// Value is the objective value of the returned schedule.
	Value float64
	// Makespan is the latest end of the schedule's operations.
	Makespan int64
	// Bound is the lower bound proven by the solver (NaN when unknown).
	Bound float64
	// BestLB and BestUB are the best known makespan bounds of the instance
	// (0 when unknown).
	BestLB, BestUB int64
	// RPD is the relative deviation of Makespan from BestUB, in percent
	// (NaN when unknown).
	RPD float64
	// Status and Stop are the solver's (solver.Status, solver.Stop).
	Status string
	Stop   string
	// TimeToBest, Elapsed and Work are the run's statistics.
	TimeToBest time.Duration
	Elapsed    time.Duration
	Work       int64
	// Checked is true when the schedule passed schedule.Check; Violations
	// counts what Check found.
	Checked    bool
	Violations int
	// Error is the failure of the run (empty when it succeeded).
	Error string
	// Unsupported is true when the solver declined the instance (its error
	// wraps solver.ErrUnsupported): the run is not applicable rather than
	// failed, and summaries leave it out.
	Unsupported bool
	// Tracked marks runs selected by RunSpec.TrackProgress.
	Tracked bool
	// StopAtBest marks runs made with RunSpec.StopAtBest.
	StopAtBest bool
	// ProgressFile is the run's objective-over-time CSV, relative to the
	// output folder.
	ProgressFile string
	// Trace is the objective over time (in memory only; ReadResults loads
	// it from ProgressFile).
	Trace []TracePoint
	// Costs is the cost breakdown of the checked schedule when the
	// problem has cost fields (PlanCosts), nil otherwise.
	Costs *Costs
	// ObjectiveRank is the position of the run's objective in
	// RunSpec.Objectives (0 for the first, or without Objectives). Run
	// sets it on the records it returns, resumed ones included; it is not
	// stored.
	ObjectiveRank int
}

// Key identifies a run for resuming: instance, solver, seed, limits,
// objective and StopAtBest.
func (r *Record) Key() string {
	k := fmt.Sprintf("%s|%s|%d|%d|%d|%s", r.Instance, r.Solver, r.Seed, r.TimeLimit, r.WorkLimit, r.Objective)
	if r.StopAtBest {
		k += "|target"
	}
	return k
}

// StopTarget is the Stop of a run that RunSpec.StopAtBest ended.
const StopTarget = "target"

// Name is the run's short name, "instance/solver/seed".
func (r *Record) Name() string {
	return fmt.Sprintf("%s/%s/%d", r.Instance, r.Solver, r.Seed)
}

// ReachedBest reports whether the run's makespan reached the best known
// upper bound.
func (r *Record) ReachedBest() bool {
	return r.Error == "" && r.BestUB > 0 && r.Makespan > 0 && r.Makespan <= r.BestUB
}

// fileName is the progress file name of the run (unique per Key).
func (r *Record) fileName() string {
	lim := fmt.Sprintf("t%s_w%d", strings.ReplaceAll(r.TimeLimit.String(), ".", "p"), r.WorkLimit)
	return sanitize(fmt.Sprintf("%s_%s_s%d_%s_%s", r.Instance, r.Solver, r.Seed, lim, r.Objective)) + ".csv"
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '-'
	}, s)
}

// lessRecords is the canonical order of records: instance (numbers inside
// names compared by value), solver, seed, limits, objective.
func lessRecords(a, b *Record) bool {
	if a.Instance != b.Instance {
		return naturalLess(a.Instance, b.Instance)
	}
	if a.Solver != b.Solver {
		return a.Solver < b.Solver
	}
	if a.Seed != b.Seed {
		return a.Seed < b.Seed
	}
	if a.TimeLimit != b.TimeLimit {
		return a.TimeLimit < b.TimeLimit
	}
	if a.WorkLimit != b.WorkLimit {
		return a.WorkLimit < b.WorkLimit
	}
	return a.Objective < b.Objective
}

// SortRecords sorts records in the canonical order used in every output.
func SortRecords(records []Record) {
	sort.SliceStable(records, func(i, j int) bool { return lessRecords(&records[i], &records[j]) })
}

// naturalLess compares strings with runs of digits compared as numbers
// ("la2" < "la10").
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// task is one run to do.
type task struct {
	ref       instance.InstanceRef
	rec       Record          // identity fields filled
	objective model.Objective // no terms: the instance's own
}

// Run solves every (instance, solver, seed) of spec, checks every schedule
// with schedule.Check, and returns one Record per run in canonical order
// (SortRecords). Runs already recorded in spec.OutDir (same Key) are not
// run again, failed ones included: their records are returned as stored
// (delete a run's line from results.jsonl to redo it). Each finished run is
// appended at once to results.csv and results.jsonl (crash-safe); at the
// end both are rewritten in canonical order and results.json is written.
//
// A failed run (load error, solver error, panic) gives a Record with Error
// set, not an error. Run returns an error for an invalid spec (no solver,
// unknown solver name), when the output cannot be written, or ctx.Err()
// when ctx is cancelled (runs interrupted by the cancellation are not
// recorded, so that a rerun does them).
func Run(ctx context.Context, spec RunSpec) ([]Record, error) {
	if len(spec.Solvers) == 0 {
		return nil, errors.New("bench: no solver given")
	}
	if spec.New == nil {
		return nil, errors.New("bench: RunSpec.New is nil (use solvers.Get)")
	}
	for _, name := range spec.Solvers {
		if _, err := spec.New(name); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	seeds := spec.Seeds
	if len(seeds) == 0 {
		seeds = []uint64{0}
	}
	var store *resultStore
	done := map[string]Record{}
	if spec.OutDir != "" {
		var err error
		if store, err = openStore(spec.OutDir); err != nil {
			return nil, err
		}
		defer store.close()
		for _, r := range store.records {
			done[r.Key()] = r
		}
	}

	// The runs of the spec, in canonical order.
	objectives := spec.Objectives
	if len(objectives) == 0 {
		objectives = []model.Objective{spec.Objective}
	}
	var all []task
	seen := map[string]bool{}
	for _, ref := range spec.Instances {
		own := ""
		for rank, o := range objectives {
			obj := ""
			if len(o.Terms) > 0 {
				obj = o.String()
			} else {
				if own == "" {
					// The instance's own objective: part of the run's
					// key, so resolved before running. Only JSON problems
					// and generated plants have one; the benchmark
					// formats are makespan problems.
					own = model.Objective{}.Normalized().String()
					if ref.Format == instance.FormatJSON || ref.Format == instance.FormatPlantGen {
						if p, err := ref.Load(); err == nil {
							own = p.Objective.Normalized().String()
						}
					}
				}
				obj = own
			}
			for _, sv := range spec.Solvers {
				for _, seed := range seeds {
					rec := Record{
						Instance: ref.Name, Family: familyOf(ref), Solver: sv, Seed: seed,
						TimeLimit: spec.TimeLimit, WorkLimit: spec.WorkLimit, Workers: max(spec.Workers, 1),
						Objective: obj, StopAtBest: spec.StopAtBest, ObjectiveRank: rank,
					}
					k := rec.Key()
					if seen[k] {
						continue
					}
					seen[k] = true
					all = append(all, task{ref: ref, rec: rec, objective: o})
				}
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return lessRecords(&all[i].rec, &all[j].rec) })

	results := make([]Record, len(all))
	have := make([]bool, len(all))
	var todo []int
	for i := range all {
		if r, ok := done[all[i].rec.Key()]; ok {
			if len(spec.TrackProgress) > 0 {
				r.Tracked = tracked(spec.TrackProgress, &r)
			}
			r.ObjectiveRank = all[i].rec.ObjectiveRank
			results[i], have[i] = r, true
			continue
		}
		todo = append(todo, i)
	}

	// Stop dispatching runs when the results cannot be written.
	parent := ctx
	ctx, cancelRuns := context.WithCancel(ctx)
	defer cancelRuns()

	jobs := effectiveJobs(spec.Jobs, spec.Workers, len(todo))
	bar := newProgressBar(spec.Progress, len(todo), jobs, spec.TimeLimit)
	defer bar.finish()

	type outcome struct {
		i   int
		rec Record
		ok  bool // false: interrupted by cancellation, not recorded
	}
	taskCh := make(chan int)
	outCh := make(chan outcome)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range taskCh {
				rec, ok := runOne(ctx, spec, all[i])
				outCh <- outcome{i, rec, ok}
			}
		}()
	}
	go func() {
		defer close(taskCh)
		for _, i := range todo {
			select {
			case taskCh <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(outCh)
	}()

	var writeErr error
	n := 0
	for o := range outCh {
		n++
		bar.update(n, o.rec.Name())
		if !o.ok {
			continue
		}
		o.rec.Tracked = tracked(spec.TrackProgress, &o.rec)
		results[o.i], have[o.i] = o.rec, true
		if store != nil && writeErr == nil {
			if writeErr = store.append(&results[o.i]); writeErr != nil {
				cancelRuns()
			}
		}
	}
	var out []Record
	for i := range results {
		if have[i] {
			out = append(out, results[i])
		}
	}
	if store != nil {
		if err := store.finish(); err != nil && writeErr == nil {
			writeErr = err
		}
	}
	if writeErr != nil {
		return out, writeErr
	}
	return out, parent.Err()
}

// effectiveJobs returns the number of parallel runs: jobs (default the
// number of cores), reduced so that jobs x workers fits the cores, at least
// one and at most the number of runs.
func effectiveJobs(jobs, workers, runs int) int {
	cpus := runtime.NumCPU()
	if jobs <= 0 {
		jobs = cpus
	}
	workers = max(workers, 1)
	jobs = min(jobs, max(1, cpus/workers))
	return max(1, min(jobs, runs))
}

// familyOf returns the instance's family (Family of its name when the
// reference has none).
func familyOf(ref instance.InstanceRef) string {
	if ref.Family != "" {
		return ref.Family
	}
	return instance.Family(ref.Name)
}

// tracked reports whether r matches one of the TrackProgress patterns.
func tracked(patterns []string, r *Record) bool {
	name := r.Name()
	for _, p := range patterns {
		if p == r.Instance || p == name {
			return true
		}
		if ok, _ := path.Match(p, name); ok {
			return true
		}
		if ok, _ := path.Match(p, r.Instance); ok {
			return true
		}
	}
	return false
}

// runOne loads the instance and solves it once. ok is false when the run
// was interrupted by the cancellation of ctx.
func runOne(ctx context.Context, spec RunSpec, t task) (rec Record, ok bool) {
	rec = t.rec
	rec.Bound, rec.RPD = math.NaN(), math.NaN()
	if b, found := spec.Bounds[rec.Instance]; found {
		rec.BestLB, rec.BestUB = b.LB, b.UB
	}
	if ctx.Err() != nil {
		return rec, false
	}
	p, err := t.ref.Load()
	if err != nil {
		rec.Error = fmt.Sprintf("load %s: %v", t.ref.Path, err)
		return rec, true
	}
	rec.N, rec.M = len(p.Jobs), len(p.Machines)
	opts := solver.Options{
		TimeLimit: spec.TimeLimit,
		WorkLimit: spec.WorkLimit,
		Seed:      rec.Seed,
		Workers:   spec.Workers,
		Objective: t.objective,
	}
	rec.Objective = opts.EffectiveObjective(p).String()
	var mu sync.Mutex
	target, reached := math.Inf(-1), false
	stopRun := context.CancelFunc(func() {})
	if spec.StopAtBest && rec.BestUB > 0 && rec.Objective == model.Single(model.Makespan).String() {
		target = float64(rec.BestUB)
	}
	opts.OnProgress = func(pr solver.Progress) {
		mu.Lock()
		rec.Trace = append(rec.Trace, TracePoint{Elapsed: pr.Elapsed, Work: pr.Work, Objective: pr.Objective, Bound: pr.Bound})
		if pr.Objective <= target && !reached {
			reached = true
			stopRun()
		}
		mu.Unlock()
	}
	sv, err := spec.New(rec.Solver)
	if err != nil {
		rec.Error = err.Error()
		return rec, true
	}
	runCtx := ctx
	if spec.TimeLimit > 0 {
		// A guard against solvers that overrun their limit.
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, spec.TimeLimit+spec.TimeLimit/2+2*time.Second)
		defer cancel()
	}
	if !math.IsInf(target, -1) {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithCancel(runCtx)
		defer cancel()
		mu.Lock()
		stopRun = cancel
		mu.Unlock()
	}
	start := time.Now()
	res, err := solveSafely(runCtx, sv, p, opts)
	wall := time.Since(start)
	mu.Lock()
	defer mu.Unlock()
	if ctx.Err() != nil {
		return rec, false
	}
	rec.Elapsed = wall
	if err != nil {
		rec.Error = err.Error()
		rec.Unsupported = errors.Is(err, solver.ErrUnsupported)
		return rec, true
	}
	if res == nil {
		rec.Error = "solver returned no result"
		return rec, true
	}
	rec.Status, rec.Stop = res.Status.String(), res.Stop.String()
	if reached && res.Objective <= target {
		rec.Stop = StopTarget
	}
	rec.Value, rec.Bound = res.Objective, res.Bound
	if res.Stats.Elapsed > 0 {
		rec.Elapsed = res.Stats.Elapsed
	}
	rec.TimeToBest, rec.Work = res.Stats.TimeToBest, res.Stats.Work
	if res.Schedule == nil {
		if res.Status != solver.Infeasible {
			rec.Error = "no schedule returned"
		}
		return rec, true
	}
	for _, a := range res.Schedule.Assignments {
		rec.Makespan = max(rec.Makespan, a.End)
	}
	rec.Violations, err = checkSchedule(p, res.Schedule)
	if err != nil {
		rec.Error = err.Error()
	}
	rec.Checked = err == nil && rec.Violations == 0
	if rec.Checked {
		rec.Costs = PlanCosts(p, res.Schedule)
	}
	if !rec.Checked && rec.Error == "" {
		rec.Error = fmt.Sprintf("schedule.Check found %d violation(s)", rec.Violations)
	}
	if rec.BestUB > 0 {
		rec.RPD = 100 * float64(rec.Makespan-rec.BestUB) / float64(rec.BestUB)
	}
	if rec.TimeToBest == 0 {
		// The solver did not say: the first report of the final value.
		for _, tp := range rec.Trace {
			if tp.Objective == rec.Value {
				rec.TimeToBest = tp.Elapsed
				break
			}
		}
	}
	// Close the trace with the final incumbent at the end of the run.
	if n := len(rec.Trace); n == 0 || rec.Trace[n-1].Objective != rec.Value || rec.Trace[n-1].Elapsed < rec.Elapsed {
		rec.Trace = append(rec.Trace, TracePoint{Elapsed: rec.Elapsed, Work: rec.Work, Objective: rec.Value, Bound: rec.Bound})
	}
	return rec, true
}

// solveSafely calls s.Solve and turns a panic into an error.
func solveSafely(ctx context.Context, s solver.Solver, p *model.Problem, opts solver.Options) (res *solver.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("solver panicked: %v", r)
		}
	}()
	return s.Solve(ctx, p, opts)
}

// checkSchedule runs schedule.Check and returns the number of violations;
// the error describes the first one.
func checkSchedule(p *model.Problem, s *schedule.Schedule) (int, error) {
	v := schedule.Check(p, s)
	if len(v) == 0 {
		return 0, nil
	}
	return len(v), fmt.Errorf("schedule.Check: %d violation(s), first: %w", len(v), v[0])
}

// ensureDir creates dir and its progress folder.
func ensureDir(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "progress"), 0o755); err != nil {
		return fmt.Errorf("bench: create output folder: %w", err)
	}
	return nil
}
