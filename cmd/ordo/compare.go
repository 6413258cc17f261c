package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/scenario"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

// planFlags are the solve flags of compare and suggest.
type planFlags struct {
	solverName *string
	limit      *time.Duration
	work       *int64
	seed       *uint64
	parallel   *int
	stable     *bool
}

func addPlanFlags(fs *flag.FlagSet) planFlags {
	return planFlags{
		solverName: fs.String("solver", "dispatch:best", "solver registry name (see 'ordo solve --list')"),
		limit:      fs.Duration("time", 10*time.Second, "time limit of each solve"),
		work:       fs.Int64("work", 0, "deterministic work limit of each solve (solver-defined units; 0: none)"),
		seed:       fs.Uint64("seed", 1, "random seed of each solve"),
		parallel:   fs.Int("parallel", 0, "problems planned at once (0: the number of cores)"),
		stable:     fs.Bool("stable", false, "plan each scenario against the base plan, moving few operations (solvers dispatch and ga)"),
	}
}

func (f planFlags) config() (scenario.Config, error) {
	s, err := solvers.Get(*f.solverName)
	if err != nil {
		return scenario.Config{}, usagef("%v", err)
	}
	if err := checkDuration("time", *f.limit); err != nil {
		return scenario.Config{}, err
	}
	if err := checkWork("work", *f.work); err != nil {
		return scenario.Config{}, err
	}
	if *f.parallel != 0 {
		if err := checkWorkers("parallel", *f.parallel); err != nil {
			return scenario.Config{}, err
		}
	}
	cfg := scenario.Config{
		Solver:   s,
		Options:  solver.Options{TimeLimit: *f.limit, WorkLimit: *f.work, Seed: *f.seed},
		Parallel: *f.parallel,
	}
	if *f.stable {
		cfg.Stable = &solver.Stability{}
	}
	return cfg, nil
}

// readBase reads a base problem's JSON: "example" (when no such file
// exists) is the built-in example plant.
func readBase(e *env, path string) ([]byte, error) {
	if path == "example" {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return examples.PlantJSON, nil
		}
	}
	return readInput(e, path)
}

// scenarioName names a scenario after its file: the base name without
// its extension.
func scenarioName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

func cmdCompare(e *env, args []string) error {
	fs := newFlags(e, "compare", "[flags] BASE SCENARIO...",
		"Plans the BASE problem (JSON; 'example' is the built-in example plant) and\n"+
			"each SCENARIO, in parallel, and prints one table: late orders, weighted\n"+
			"tardiness, makespan, utilisation of the base plan's bottleneck machine,\n"+
			"overtime hours (work in extra shifts added by calendar exceptions or in\n"+
			"overtime windows), the operations moved against the base plan and, when the\n"+
			"problem has costs, the cost with its breakdown. A SCENARIO file is a JSON Merge\n"+
			"Patch (RFC 7396) of the base problem, or an events file ({\"now\": T,\n"+
			"\"events\": [...]}, as for 'ordo replan') applied to the base plan. With --seed\n"+
			"and --work the table is reproducible.")
	pf := addPlanFlags(fs)
	format := fs.String("to", "text", "output format: text, markdown or json")
	// --format is the input format in the other commands; here, where the
	// input is always JSON, it is kept as a hidden spelling of --to.
	fs.StringVar(format, "format", "text", "deprecated: use --to")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("want BASE SCENARIO...")
	}
	switch *format {
	case "text", "markdown", "json":
	default:
		return usagef("--to %q: want text, markdown or json", *format)
	}
	cfg, err := pf.config()
	if err != nil {
		return err
	}
	base, err := readBase(e, pos[0])
	if err != nil {
		return err
	}
	var scs []scenario.Scenario
	for _, path := range pos[1:] {
		data, err := readInput(e, path)
		if err != nil {
			return err
		}
		s, err := scenario.Parse(scenarioName(path), data)
		if err != nil {
			return err
		}
		scs = append(scs, s)
	}
	c, err := scenario.Compare(context.Background(), base, scs, cfg)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return printJSON(e, c)
	case "markdown":
		return c.WriteMarkdown(e.stdout)
	}
	if err := c.WriteText(e.stdout); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\nsolver %s; weighted tardiness in weighted time; moved: operations on another machine or start than in the base plan\n", *pf.solverName)
	return err
}
