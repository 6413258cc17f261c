package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/bench/charts"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	registry "github.com/ordo-sched/ordo/solvers"
)

func cmdBench(e *env, args []string) error {
	fs := newFlags(e, "bench", "[options] INSTANCES...",
		`Runs solvers on benchmark instances, checks every schedule, and writes results.csv,
results.json, report.md and SVG charts to --out. A rerun into the same --out skips the
runs already recorded.

INSTANCES are instance names (ft06, ta01, mk03, edata_la01), ranges (ta01-ta10, la01-05),
family names (ft, la, abz, orb, swv, yn, ta, mk, edata, rdata, dpp, kacem, sfjs, mfjs,
barnes), globs (la0*), files or folders (.json, .txt, .jsp, .tai, .fjs), and generated
plants gen:ORDERS[:OPS[:MACHINES[:WINDOW[:SEED]]]] (as ordo gen plant; WINDOW is the
release window). Names refer to the benchmark data built into ordo (162 job-shop and 210
flexible job-shop instances with their best known makespans) unless --data or ORDO_DATA
names a folder.

Examples:
  ordo bench ft la ta mk --solver dispatch:best,tabu --time 10s
  ordo bench la01-la10 --solver tabu --time 10s --seeds 5x --stop-at-best
  ordo bench gen:2000:10:50:1.2 examples/plant.json --solver dispatch:best,ga --time 60s
  ordo bench examples/plant-costs.json --solver dispatch:best --time 10s \
    --objective 'weighted_tardiness,weighted_tardiness+0.1*weighted_earliness,cost'

On problems with cost fields, every run also records its plan's cost breakdown
(schedule.ComputeCosts: weighted tardiness and earliness, finished-goods and material
holding, lateness, machine time, total), and the headline ends with a table of the
plans of each objective side by side.

`+limitsHelp()+fmt.Sprintf(" --jobs is at most %d too, and --seeds at most %d seeds.", maxWorkers(), maxSeeds))
	solvers := fs.String("solver", "dispatch", "comma-separated solver `NAMES` (e.g. dispatch:best,tabu,ga; an unknown name lists them all)")
	data := fs.String("data", "", "instance folder `DIR` (any layout), with the best known bounds in DIR/bounds.csv\n(default: $ORDO_DATA, or the data built into ordo)")
	boundsPath := fs.String("bounds", "", "CSV `FILE` of best known makespan bounds, columns name,n,m,lb,ub,optimal (default: the data's bounds.csv)")
	seeds := fs.String("seeds", "1", "comma-separated `SEEDS`, or a count like 5x (seeds 1..5)")
	limit := fs.Duration("time", 0, "time limit per run (0: no limit; constructive solvers finish alone)")
	work := fs.Int64("work", 0, "work limit per run (0: none)")
	workers := fs.Int("workers", 1, "workers per run")
	jobs := fs.Int("jobs", 0, "parallel runs (default: the number of cores divided by --workers)")
	out := fs.String("out", "bench-out", "output folder `DIR`")
	objective := fs.String("objective", "", "the `OBJECTIVES` of the runs, written as in problem files; several, comma-separated, solve every\ninstance once per objective, the first being the reference of the cost table (default: each problem's own;\nmakespan for benchmark instances)")
	stopAtBest := fs.Bool("stop-at-best", false, "stop each makespan run when it reaches the best known makespan (time to target)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	title := fs.String("title", "", "the `TITLE` of report.md and of the --doc page (default: Benchmark report, Benchmarks)")
	doc := fs.String("doc", "", "also write the results as a Markdown page `FILE`, its charts in a folder beside it")
	readme := fs.String("readme", "", "also put the headline table into the Markdown `FILE` (a README), replacing what lies\nbetween the lines "+readmeStart+"\nand "+readmeEnd)
	block := fs.String("readme-block", "", "with --readme: use the marker pair named `NAME` (bench:start:NAME ... bench:end:NAME),\nfor a file with several tables")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkSolveLimits(*limit, *work, *workers); err != nil {
		return err
	}
	if *jobs != 0 {
		if err := checkWorkers("jobs", *jobs); err != nil {
			return err
		}
	}
	if len(pos) == 0 {
		return usagef("no instances given (e.g. ordo bench ft la01-la05 --solver dispatch,tabu)")
	}
	spec := bench.RunSpec{New: registry.Get, TimeLimit: *limit, WorkLimit: *work, Workers: *workers, Jobs: *jobs, OutDir: *out}
	for _, s := range strings.Split(*solvers, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if _, ok := registry.Lookup(s); !ok {
			return usagef("unknown solver %q (registered: %s)", s, strings.Join(registry.Names(), ", "))
		}
		spec.Solvers = append(spec.Solvers, s)
	}
	if spec.Seeds, err = parseSeeds(*seeds); err != nil {
		return usageError{err.Error()}
	}
	if spec.Objectives, err = parseObjectives(*objective); err != nil {
		return usageError{err.Error()}
	}
	d, err := instance.OpenData(*data)
	if err != nil {
		return err
	}
	spec.Instances, err = d.Find(pos)
	if err != nil {
		return err
	}
	if *boundsPath != "" {
		spec.Bounds, err = instance.ReadBounds(*boundsPath)
	} else {
		spec.Bounds, err = d.Bounds()
	}
	if err != nil {
		return err
	}
	spec.StopAtBest = *stopAtBest
	if !*quiet && e.stderrTTY {
		spec.Progress = e.stderr
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	records, runErr := bench.Run(ctx, spec)
	if runErr != nil && len(records) == 0 {
		return runErr
	}
	command := "ordo bench " + shellJoin(args)
	if err := bench.WriteReport(*out, records, *title, command, charts.Write); err != nil {
		return err
	}
	if *doc != "" {
		if err := bench.WriteBenchmarksDoc(*doc, records, *title, command, charts.Write); err != nil {
			return err
		}
	}
	if *readme != "" {
		if err := updateReadme(*readme, *block, bench.Headline(records), command); err != nil {
			return err
		}
	}
	fmt.Fprint(e.stdout, bench.Headline(records))
	fmt.Fprintf(e.stdout, "\n%d runs; results in %s\n", len(records), *out)
	if runErr != nil {
		return fmt.Errorf("stopped early (%w); the report covers the %d finished run(s), rerun the same command to resume", runErr, len(records))
	}
	failed, unsupported := 0, 0
	for _, r := range records {
		switch {
		case r.Unsupported:
			unsupported++
		case r.Error != "" || !r.Checked:
			failed++
		}
	}
	if unsupported > 0 {
		fmt.Fprintf(e.stderr, "ordo bench: %d run(s) skipped: the solver does not support the instance (see report.md)\n", unsupported)
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "ordo bench: %d run(s) failed or produced a schedule that fails the check\n", failed)
		return errSilent
	}
	return nil
}

// parseObjectives parses the comma-separated objectives of --objective
// (none when s is empty). A repeated objective is an error.
func parseObjectives(s string) ([]model.Objective, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []model.Objective
	seen := map[string]bool{}
	for i, f := range strings.Split(s, ",") {
		o, err := model.ParseObjective(f)
		if err != nil {
			return nil, fmt.Errorf("--objective: objective %d (%q): %w", i+1, strings.TrimSpace(f), err)
		}
		if seen[o.String()] {
			return nil, fmt.Errorf("--objective: objective %q is given twice", o.String())
		}
		seen[o.String()] = true
		out = append(out, o)
	}
	return out, nil
}

func parseSeeds(s string) ([]uint64, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "x"); ok {
		k, err := strconv.Atoi(n)
		if err != nil || k <= 0 {
			return nil, fmt.Errorf("bad seed count %q", s)
		}
		if k > maxSeeds {
			return nil, fmt.Errorf("--seeds %s: at most %d seeds", s, maxSeeds)
		}
		seeds := make([]uint64, k)
		for i := range seeds {
			seeds[i] = uint64(i + 1)
		}
		return seeds, nil
	}
	var seeds []uint64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("bad seed %q", f)
		}
		seeds = append(seeds, v)
		if len(seeds) > maxSeeds {
			return nil, fmt.Errorf("--seeds: at most %d seeds", maxSeeds)
		}
	}
	return seeds, nil
}

// Markers delimiting the generated benchmark table in the README (the
// unnamed pair; a named pair has ":NAME" after "bench:start" and
// "bench:end").
const (
	readmeStart = "<!-- bench:start (generated by ordo bench --readme; do not edit) -->"
	readmeEnd   = "<!-- bench:end -->"
)

// readmeMarkers returns the marker pair of block name ("" for the unnamed
// one).
func readmeMarkers(name string) (start, end string) {
	if name == "" {
		return readmeStart, readmeEnd
	}
	return "<!-- bench:start:" + name + " (generated by ordo bench --readme; do not edit) -->", "<!-- bench:end:" + name + " -->"
}

// updateReadme replaces the text between the bench markers of block name
// in a README with the headline table and the command that produced it.
func updateReadme(path, name, table, command string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(data)
	start, end := readmeMarkers(name)
	i := strings.Index(s, start)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no benchmark markers (%s ... %s)", path, start, end)
	}
	body := fmt.Sprintf("%s\n\nProduced by `%s`:\n\n%s\n", start, command, strings.TrimSpace(table))
	s = s[:i] + body + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}

// shellJoin joins command-line arguments as a POSIX shell would need
// them: arguments with spaces or shell metacharacters in single quotes.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a != "" && !strings.ContainsAny(a, " \t\n'\"\\$`!&|;<>()*?[]#~{}") {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}
