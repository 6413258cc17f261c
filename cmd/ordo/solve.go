package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
	ordoreport "github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/schedule/gantt"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

func cmdSolve(e *env, args []string) error {
	fs := newFlags(e, "solve", "[options] [FILE]",
		"Builds a schedule for the problem in FILE (JSON, .txt standard job shop, .tai Taillard,\n.fjs Brandimarte, or the name of a built-in benchmark instance such as ft06, la01, ta01 or\nmk03; \"-\": JSON on stdin); without FILE, for the built-in example plant.\nInputs are limited to 256 MiB. An invalid problem is reported like 'ordo validate' does\n(line, column, path).\n\nEvery plan is checked independently before it is reported. A plan that fails the check\nexits 1 with its violations: no report and no Gantt chart, and --json/--out write the\nresult with \"status\": \"invalid\" and the list of \"violations\", never as feasible.\n\n"+limitsHelp())
	solverName := fs.String("solver", "dispatch", "solver registry name (see --list)")
	list := fs.Bool("list", false, "list the registered solvers and what each supports, then exit")
	objective := fs.String("objective", "", "objective: makespan, weighted_tardiness, max_lateness, late_jobs, flow_time, weighted_earliness, cost or a weighted sum like weighted_tardiness+0.1*weighted_earliness (default: the problem's)")
	limit := fs.Duration("time", 10*time.Second, "time limit (0: no limit)")
	work := fs.Int64("work", 0, "deterministic work limit (solver-defined units; 0: none)")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", 1, "worker goroutines the solver may use (1 to 4 per core)")
	out := fs.String("out", "", "write the result JSON to this file (checked writable before the solve)")
	asJSON := fs.Bool("json", false, "print the result JSON on stdout instead of the report")
	format := fs.String("format", "", "input format: json, jsp, taillard or fjs (default: from the extension)")
	ganttPath := fs.String("gantt", "", "draw a Gantt chart to this file (.svg or .html)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *list {
		return listSolvers(e.stdout)
	}
	if err := checkSolveLimits(*limit, *work, *workers); err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("want at most one problem file, got %d", len(pos))
	}
	file := ""
	if len(pos) == 1 {
		file = pos[0]
	}
	if *ganttPath != "" {
		if ext := strings.ToLower(filepath.Ext(*ganttPath)); ext != ".svg" && ext != ".html" && ext != ".htm" {
			return usagef("--gantt wants a .svg or .html file, got %q", *ganttPath)
		}
	}
	opts := solver.Options{TimeLimit: *limit, WorkLimit: *work, Seed: *seed, Workers: *workers}
	if *objective != "" {
		obj, err := model.ParseObjective(*objective)
		if err != nil {
			return usageError{err.Error()}
		}
		opts.Objective = obj
	}
	s, err := solvers.Get(*solverName)
	if err != nil {
		return usageError{err.Error()}
	}
	// Ctrl-C and a service manager's SIGTERM both stop the solve with
	// its best plan so far (while the problem is read: with no plan).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	p, err := loadProblem(e, file, *format)
	if err != nil {
		return err
	}
	// Open the outputs before the solve: a path that cannot be written
	// fails now, not after a long solve.
	var outFile, ganttFile *pendingFile
	defer func() { outFile.discard(); ganttFile.discard() }()
	if *out != "" {
		if outFile, err = newPendingFile(*out); err != nil {
			return err
		}
	}
	if *ganttPath != "" {
		if ganttFile, err = newPendingFile(*ganttPath); err != nil {
			return err
		}
	}

	if ctx.Err() != nil {
		return errors.New("interrupted before the solve started: no plan")
	}
	start := time.Now()
	res, err := s.Solve(ctx, p, opts)
	elapsed := time.Since(start)
	if err != nil {
		if errors.Is(err, solver.ErrUnsupported) || ctx.Err() != nil {
			return err
		}
		return explainFailure(e, p, err)
	}
	if res.Schedule == nil && ctx.Err() != nil {
		return fmt.Errorf("interrupted before the solve found its first plan: no plan (stopped: %s)", res.Stop)
	}
	if res.Schedule == nil {
		return explainFailure(e, p, fmt.Errorf("%s found no schedule (status %s, stopped: %s)", *solverName, res.Status, res.Stop))
	}
	if res.Solver == "" {
		res.Solver = *solverName
	}
	obj := opts.EffectiveObjective(p)
	doc, violations := solver.NewDocument(p, obj, res)
	doc.ElapsedMS = elapsed.Milliseconds()
	var data []byte
	if *out != "" || *asJSON {
		if data, err = json.MarshalIndent(doc, "", "  "); err != nil {
			return fmt.Errorf("writing the result: %w", err)
		}
		data = append(data, '\n')
	}
	if *out != "" {
		if err := outFile.commit(data); err != nil {
			return err
		}
	}
	if len(violations) > 0 {
		// The plan fails the independent check: no report, no chart, and
		// the documents written say "status": "invalid" with the
		// violations, never "feasible".
		if *asJSON {
			e.stdout.Write(data)
		}
		fmt.Fprintf(e.stderr, "ordo solve: %s returned a plan that fails the independent check (%d violation(s)); it is not a valid plan", res.Solver, len(violations))
		if *out != "" || *asJSON {
			fmt.Fprintf(e.stderr, " (written with \"status\": %q)", solver.StatusInvalid)
		}
		fmt.Fprintln(e.stderr, ":")
		for i, v := range violations {
			if i == 20 {
				fmt.Fprintf(e.stderr, "  ... and %d more\n", len(violations)-20)
				break
			}
			fmt.Fprintf(e.stderr, "  %s\n", v.Error())
		}
		return errSilent
	}
	if *ganttPath != "" {
		if err := drawGantt(ganttFile, p, res.Schedule); err != nil {
			return err
		}
	}
	if *asJSON {
		e.stdout.Write(data)
	} else {
		name := p.Name
		if name == "" {
			name = displayName(file)
		}
		run := &ordoreport.Run{Solver: res.Solver, Status: res.Status.String(), Stop: res.Stop.String(),
			Objective: obj, Value: res.Objective, Bound: res.Bound, Elapsed: elapsed}
		if err := ordoreport.Text(e.stdout, p, res.Schedule, ordoreport.TextOptions{Name: name, Run: run}); err != nil {
			return err
		}
	}
	return nil
}

func drawGantt(f *pendingFile, p *model.Problem, s *schedule.Schedule) error {
	var err error
	if strings.EqualFold(filepath.Ext(f.path), ".svg") {
		err = gantt.SVG(f.tmp, p, s, gantt.Options{})
	} else {
		err = gantt.HTML(f.tmp, p, s, gantt.Options{})
	}
	return f.finish(err)
}

func listSolvers(w io.Writer) error {
	for _, info := range solvers.List() {
		objs := "all"
		if info.Objectives != nil {
			var names []string
			for _, c := range info.Objectives {
				names = append(names, c.String())
			}
			objs = strings.Join(names, ", ")
		}
		fmt.Fprintf(w, "%-16s %s\n%-16s objectives: %s; model features: %s\n", info.Name, info.Description, "", objs, info.Features)
		if len(info.Limits) > 0 {
			fmt.Fprintf(w, "%-16s refuses: %s\n", "", strings.Join(info.Limits, "; "))
		}
	}
	return nil
}

// explainFailure reports a solve that found no plan: with the conflicting
// constraints (explain.Infeasible, as 'ordo explain PROBLEM' prints them)
// when ordo can name them, otherwise the solver's error alone.
func explainFailure(e *env, p *model.Problem, err error) error {
	inf, ierr := explain.Infeasible(p)
	if ierr != nil || inf == nil {
		return err
	}
	fmt.Fprintf(e.stderr, "ordo solve: %v\n", err)
	if werr := inf.WriteText(e.stderr); werr != nil {
		return werr
	}
	return errSilent
}

// formatTick renders a tick as a date when the problem has an epoch.
func formatTick(p *model.Problem, t int64) string {
	if p.Epoch.IsZero() {
		return fmt.Sprintf("%d", t)
	}
	return p.TimeOf(t).Format("Mon 2006-01-02 15:04 MST")
}

// formatSpan renders a duration in ticks (as hours and minutes when the
// problem has an epoch).
func formatSpan(p *model.Problem, d int64) string {
	if p.Epoch.IsZero() {
		return fmt.Sprintf("%d", d)
	}
	dur := time.Duration(d) * p.TickLength()
	sign := ""
	if dur < 0 {
		sign, dur = "-", -dur
	}
	days := int(dur / (24 * time.Hour))
	dur -= time.Duration(days) * 24 * time.Hour
	h, m := int(dur/time.Hour), int(dur%time.Hour/time.Minute)
	if days > 0 {
		return fmt.Sprintf("%s%dd%02dh%02d", sign, days, h, m)
	}
	return fmt.Sprintf("%s%dh%02d", sign, h, m)
}
