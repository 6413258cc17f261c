package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/schedule/gantt"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

func cmdSolve(e *env, args []string) error {
	fs := newFlags(e, "solve", "[options] [FILE]",
		"Builds a schedule for the problem in FILE (JSON, .txt standard job shop, .tai Taillard,\n.fjs Brandimarte, or a Taillard name such as ta01); without FILE, for the built-in example plant.")
	solverName := fs.String("solver", "dispatch", "solver registry name (see --list)")
	list := fs.Bool("list", false, "list the registered solvers and what each supports, then exit")
	objective := fs.String("objective", "", "objective: makespan, weighted_tardiness, max_lateness, late_jobs, flow_time or a weighted sum like makespan+0.5*flow_time (default: the problem's)")
	limit := fs.Duration("time", 10*time.Second, "time limit")
	work := fs.Int64("work", 0, "deterministic work limit (solver-defined units; 0: none)")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", 1, "worker goroutines the solver may use")
	out := fs.String("out", "", "write the result JSON to this file")
	asJSON := fs.Bool("json", false, "print the result JSON on stdout instead of the report")
	format := fs.String("format", "", "input format: json, jsp, taillard or fjs (default: from the extension)")
	ganttPath := fs.String("gantt", "", "draw a Gantt chart to this file (.svg or .html)")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if *list {
		return listSolvers(e.stdout)
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
	p, err := loadProblem(e, file, *format)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	res, err := s.Solve(ctx, p, opts)
	elapsed := time.Since(start)
	if err != nil {
		return err
	}
	if res.Schedule == nil {
		return fmt.Errorf("%s found no schedule (status %s, stopped: %s)", *solverName, res.Status, res.Stop)
	}
	if res.Solver == "" {
		res.Solver = *solverName
	}
	obj := opts.EffectiveObjective(p)
	doc := resultDocument(p, res, obj, elapsed)
	if *out != "" {
		if err := writeJSON(*out, doc); err != nil {
			return err
		}
	}
	if *ganttPath != "" {
		if err := drawGantt(*ganttPath, p, res.Schedule); err != nil {
			return err
		}
	}
	violations := schedule.Check(p, res.Schedule)
	if *asJSON {
		data, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return err
		}
		e.stdout.Write(append(data, '\n'))
	} else {
		printReport(e.stdout, p, res, obj, file, elapsed)
	}
	if len(violations) > 0 {
		fmt.Fprintf(e.stderr, "ordo solve: the schedule fails the independent check (%d violation(s)):\n", len(violations))
		for i, v := range violations {
			if i == 20 {
				fmt.Fprintf(e.stderr, "  ... and %d more\n", len(violations)-20)
				break
			}
			fmt.Fprintf(e.stderr, "  %s\n", v.Error())
		}
		return errSilent
	}
	return nil
}

// resultDocument builds the result JSON of DESIGN.md section 5.
func resultDocument(p *model.Problem, res *solver.Result, obj model.Objective, elapsed time.Duration) *schedule.Document {
	doc := schedule.NewDocument(p, res.Schedule)
	doc.Solver = res.Solver
	doc.Status = res.Status.String()
	doc.Objective = res.Objective
	doc.ObjectiveName = obj.String()
	if !math.IsNaN(res.Bound) && !math.IsInf(res.Bound, 0) {
		b := res.Bound
		doc.Bound = &b
	}
	doc.ElapsedMS = elapsed.Milliseconds()
	return doc
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func drawGantt(path string, p *model.Problem, s *schedule.Schedule) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if strings.EqualFold(filepath.Ext(path), ".svg") {
		err = gantt.SVG(f, p, s, gantt.Options{})
	} else {
		err = gantt.HTML(f, p, s, gantt.Options{})
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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

func printReport(w io.Writer, p *model.Problem, res *solver.Result, obj model.Objective, file string, elapsed time.Duration) {
	name := p.Name
	if name == "" {
		name = displayName(file)
	}
	k := schedule.ComputeKPIs(p, res.Schedule)
	fmt.Fprintf(w, "%s: %d jobs, %d operations, %d machines\n", name, len(p.Jobs), p.NumOperations(), len(p.Machines))
	fmt.Fprintf(w, "solver %s: %s (%s) in %s\n", res.Solver, res.Status, res.Stop, elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "objective %s = %g", obj, res.Objective)
	if !math.IsNaN(res.Bound) && !math.IsInf(res.Bound, 0) && res.Bound > 0 {
		fmt.Fprintf(w, " (lower bound %g)", res.Bound)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "makespan %s\n", formatTick(p, k.Makespan))
	hasDue := false
	for i := range p.Jobs {
		if p.Jobs[i].Due != nil {
			hasDue = true
		}
	}
	if hasDue {
		fmt.Fprintf(w, "late orders %d of %d, weighted tardiness %s, max lateness %s\n",
			k.LateJobs, len(p.Jobs), formatFloatSpan(p, k.WeightedTardiness), formatSpan(p, k.MaxLateness))
		var late []schedule.JobKPI
		for _, j := range k.Jobs {
			if j.Late {
				late = append(late, j)
			}
		}
		sort.SliceStable(late, func(a, b int) bool { return late[a].Lateness > late[b].Lateness })
		if len(late) > 0 {
			fmt.Fprintln(w, "\nLate orders:")
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  ORDER\tWEIGHT\tDUE\tCOMPLETION\tLATENESS")
			for _, j := range late {
				job := &p.Jobs[j.Job]
				fmt.Fprintf(tw, "  %s\t%g\t%s\t%s\t%s\n", job.ID, job.JobWeight(), formatTick(p, *job.Due), formatTick(p, j.Completion), formatSpan(p, j.Lateness))
			}
			tw.Flush()
		}
	}
	fmt.Fprintln(w, "\nMachines:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  MACHINE\tOPS\tBUSY\tSETUP\tWORKING\tUTILISATION\t")
	ops := make([]int, len(p.Machines))
	for _, a := range res.Schedule.Assignments {
		if a.Machine >= 0 && a.Machine < len(ops) {
			ops[a.Machine]++
		}
	}
	for _, m := range k.Machines {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\t%.1f%%\t\n", p.Machines[m.Machine].ID, ops[m.Machine],
			formatSpan(p, m.Busy), formatSpan(p, m.Setup), formatSpan(p, m.Working), 100*m.Utilisation)
	}
	tw.Flush()
}

func formatFloatSpan(p *model.Problem, v float64) string {
	if p.Epoch.IsZero() {
		return fmt.Sprintf("%g", v)
	}
	return fmt.Sprintf("%s (weighted)", formatSpan(p, int64(math.Round(v))))
}
