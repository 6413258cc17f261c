package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/model"
	registry "github.com/ordo-sched/ordo/solvers"
)

func cmdBench(e *env, args []string) error {
	fs := newFlags(e, "bench", "[options] INSTANCES...",
		"Runs solvers on benchmark instances and writes results.csv, results.json, report.md and\nSVG plots to --out. INSTANCES are files, folders, globs, instance names (ta01, mk03),\nranges (ta01-ta10) or family names (ta, la, ft, abz, orb, swv, yn, mk, edata, rdata, ...).\nA rerun into the same --out skips the runs already recorded.")
	solvers := fs.String("solver", "dispatch", "comma-separated solver names")
	data := fs.String("data", "", "data folder (default: ../shared/instances when it exists, or $ORDO_DATA)")
	boundsPath := fs.String("bounds", "", "bounds CSV (default: bounds.csv in the data folder)")
	seeds := fs.String("seeds", "1", "comma-separated seeds, or a count like 5x (seeds 1..5)")
	limit := fs.Duration("time", 0, "time limit per run (0: none; constructive solvers finish alone)")
	work := fs.Int64("work", 0, "work limit per run (0: none)")
	workers := fs.Int("workers", 1, "workers per run")
	jobs := fs.Int("jobs", 0, "parallel runs (default: the number of cores divided by --workers)")
	out := fs.String("out", "bench-out", "output folder")
	objective := fs.String("objective", "", "objective (default: each problem's own; makespan for benchmark instances)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	doc := fs.String("doc", "", "also write a Markdown benchmark page (e.g. docs/benchmarks.md)")
	title := fs.String("title", "", "title of the report and of the --doc page (default: Benchmark report, Benchmarks)")
	readme := fs.String("readme", "", "also replace the headline table between the bench markers of this README")
	block := fs.String("readme-block", "", "name of the README's marker pair (<!-- bench:start:NAME ... --> ... <!-- bench:end:NAME -->); empty: the unnamed pair")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
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
	if *objective != "" {
		if spec.Objective, err = model.ParseObjective(*objective); err != nil {
			return usageError{err.Error()}
		}
	}
	dir := *data
	if dir == "" {
		dir, _ = bench.DataDir()
	}
	spec.Instances, err = bench.FindInstances(dir, pos)
	if err != nil {
		return err
	}
	bp := *boundsPath
	if bp == "" && dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bounds.csv")); err == nil {
			bp = filepath.Join(dir, "bounds.csv")
		}
	}
	if bp != "" {
		if spec.Bounds, err = bench.ReadBounds(bp); err != nil {
			return err
		}
	}
	if !*quiet && e.stderrTTY {
		spec.Progress = e.stderr
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	records, runErr := bench.Run(ctx, spec)
	if runErr != nil && len(records) == 0 {
		return runErr
	}
	command := "ordo bench " + shellJoin(args)
	if err := bench.WriteReport(*out, records, *title, command); err != nil {
		return err
	}
	if *doc != "" {
		if err := bench.WriteBenchmarksDoc(*doc, records, *title, command); err != nil {
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

func parseSeeds(s string) ([]uint64, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "x"); ok {
		k, err := strconv.Atoi(n)
		if err != nil || k <= 0 {
			return nil, fmt.Errorf("bad seed count %q", s)
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
