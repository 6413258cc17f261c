package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ordo-sched/ordo/model"
	ordoreport "github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/schedule/gantt"
)

const reportUsage = `Writes what people read from a plan (a result JSON of 'ordo solve --out'):

  ordo report worklists PROBLEM PLAN --shift 2026-12-14T06:00 --out DIR
      the teams' work lists of a shift: one CSV (for the MES) and one
      printable HTML file (A4 landscape) per machine and per operator pool,
      written into DIR
  ordo report dashboard PROBLEM PLAN --out plant.html
      the plant dashboard, one self-contained HTML file
  ordo report gantt PROBLEM PLAN --out gantt.html [--pools] [--week DATE]
      the Gantt chart (.html or .svg): machines or operators, the whole
      plan or one week on one page
  ordo report text PROBLEM PLAN
      the planner's terminal report
  ordo report costs PROBLEM PLAN [--format markdown|csv] [--out FILE]
      the plan's cost: total and breakdown by kind, order and machine

One of PROBLEM and PLAN may be - (JSON on standard input).
Run 'ordo report SUBCOMMAND --help' for the options of each.`

func cmdReport(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("want a subcommand: worklists, dashboard, gantt, text or costs\n\n%s", reportUsage)
	}
	switch args[0] {
	case "worklists":
		return cmdReportWorklists(e, args[1:])
	case "dashboard":
		return cmdReportDashboard(e, args[1:])
	case "text":
		return cmdReportText(e, args[1:])
	case "gantt":
		return cmdReportGantt(e, args[1:])
	case "costs":
		return cmdReportCosts(e, args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintln(e.stdout, "Usage: ordo report worklists|dashboard|gantt|text|costs PROBLEM PLAN [options]\n\n"+reportUsage)
		return nil
	}
	return usagef("unknown subcommand %q (want worklists, dashboard, gantt, text or costs)", args[0])
}

// readPlan reads the problem at problemPath (any format; "-": stdin) and
// the plan at planPath (a result JSON; "-": stdin, not both), resolving the
// plan's ids against the problem. It does not check the plan (explain
// explains any plan; loadPlan checks).
func readPlan(e *env, problemPath, planPath, format string) (*model.Problem, *schedule.Schedule, error) {
	if err := oneStdin(problemPath, planPath); err != nil {
		return nil, nil, err
	}
	p, err := loadProblem(e, problemPath, format)
	if err != nil {
		return nil, nil, err
	}
	data, err := readInput(e, planPath)
	if err != nil {
		return nil, nil, err
	}
	doc, err := schedule.ParseDocument(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", planPath, err)
	}
	s, err := doc.Schedule(p)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", planPath, err)
	}
	return p, s, nil
}

// loadPlan reads PROBLEM and PLAN and checks that the plan is a feasible
// schedule of the problem.
func loadPlan(e *env, problemPath, planPath, format string) (*model.Problem, *schedule.Schedule, error) {
	p, s, err := readPlan(e, problemPath, planPath, format)
	if err != nil {
		return nil, nil, err
	}
	if vs := schedule.Check(p, s); len(vs) > 0 {
		return nil, nil, fmt.Errorf("%s is not a feasible plan of %s (%d violation(s), the first: %s); see 'ordo check'", planPath, problemPath, len(vs), vs[0].Error())
	}
	return p, s, nil
}

// twoArgs parses the flags and wants PROBLEM and PLAN.
func twoArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 2 {
		return nil, usagef("want PROBLEM and PLAN, got %d argument(s)", len(pos))
	}
	return pos, nil
}

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// fileName makes a team name safe as a file name.
func fileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.', r == '+':
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	if b.Len() == 0 {
		return "team"
	}
	return b.String()
}

func cmdReportWorklists(e *env, args []string) error {
	fs := newFlags(e, "report worklists", "PROBLEM PLAN (--shift DATETIME | --from DATETIME --to DATETIME) --out DIR [options]",
		"Writes the work lists of a shift (or a range) from a plan (a result JSON): one CSV and one printable\nHTML file per machine and per operator pool, directly into DIR. Datetimes are ISO, with or without\noffset (without: the plant's time zone): each machine's list covers the shift of its own calendar\ncontaining --shift (or the next one).")
	shift := fs.String("shift", "", "an instant in the shift, e.g. 2026-12-14T06:00")
	from := fs.String("from", "", "explicit range start (instead of --shift)")
	to := fs.String("to", "", "explicit range end")
	out := fs.String("out", "", "directory to write the files into (created if missing)")
	machines := fs.String("machines", "", "comma-separated machine IDs to list (default: every machine)")
	pools := fs.String("pools", "", "comma-separated operator pool IDs to list (default: every pool; 'none' for none)")
	var groups listFlag
	fs.Var(&groups, "group", "a team of several machines, NAME=ID,ID (repeatable); replaces their single lists")
	format := fs.String("format", "", "problem format (default: from the extension)")
	pos, err := twoArgs(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out DIR is required")
	}
	if (*shift == "") == (*from == "" && *to == "") {
		return usagef("give --shift, or --from and --to")
	}
	p, s, err := loadPlan(e, pos[0], pos[1], *format)
	if err != nil {
		return err
	}
	var opts ordoreport.WorkListOptions
	parse := func(name, v string) error {
		if v == "" {
			return nil
		}
		t, err := ordoreport.ParseTime(p, v)
		if err != nil {
			return usagef("--%s: %v", name, err)
		}
		switch name {
		case "shift":
			opts.Shift = t
		case "from":
			opts.From = t
		case "to":
			opts.To = t
		}
		return nil
	}
	for _, f := range [][2]string{{"shift", *shift}, {"from", *from}, {"to", *to}} {
		if err := parse(f[0], f[1]); err != nil {
			return err
		}
	}
	grouped := map[string]bool{}
	for _, g := range groups {
		name, ids, ok := strings.Cut(g, "=")
		if !ok || name == "" || len(splitIDs(ids)) == 0 {
			return usagef("--group %q: want NAME=ID,ID", g)
		}
		opts.Teams = append(opts.Teams, ordoreport.Team{Name: name, Machines: splitIDs(ids)})
		for _, id := range splitIDs(ids) {
			grouped[id] = true
		}
	}
	ms := splitIDs(*machines)
	if *machines == "" {
		for _, m := range p.Machines {
			ms = append(ms, m.ID)
		}
	}
	for _, id := range ms {
		if !grouped[id] {
			opts.Teams = append(opts.Teams, ordoreport.Team{Machines: []string{id}})
		}
	}
	if *pools != "none" {
		ps := splitIDs(*pools)
		if *pools == "" {
			for _, o := range p.OperatorPools {
				ps = append(ps, o.ID)
			}
		}
		for _, id := range ps {
			opts.Teams = append(opts.Teams, ordoreport.Team{Pool: id})
		}
	}
	wls, err := ordoreport.WorkLists(p, s, opts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	total := 0
	for i := range wls {
		wl := &wls[i]
		base := filepath.Join(*out, fileName(wl.Team))
		if err := writeFile(base+".csv", func(w *bufio.Writer) error { return ordoreport.WriteWorkListCSV(w, p, wl) }); err != nil {
			return err
		}
		if err := writeFile(base+".html", func(w *bufio.Writer) error { return ordoreport.WriteWorkListHTML(w, p, wl) }); err != nil {
			return err
		}
		total += len(wl.Items)
	}
	fmt.Fprintf(e.stdout, "%d work lists (%d operations) written to %s\n", len(wls), total, *out)
	return nil
}

func cmdReportDashboard(e *env, args []string) error {
	fs := newFlags(e, "report dashboard", "PROBLEM PLAN --out FILE.html",
		"Writes the plant dashboard of a plan (a result JSON) as one self-contained HTML file:\non-time delivery, late orders and why, machine and operator load per day, stock, work in progress, setups.")
	out := fs.String("out", "", "the HTML file to write (- for standard output)")
	title := fs.String("title", "", "the page's title (default: the problem's name)")
	format := fs.String("format", "", "problem format (default: from the extension)")
	pos, err := twoArgs(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out FILE.html is required (- for standard output)")
	}
	p, s, err := loadPlan(e, pos[0], pos[1], *format)
	if err != nil {
		return err
	}
	opts := ordoreport.DashboardOptions{Title: *title}
	if *out == "-" {
		return ordoreport.Dashboard(e.stdout, p, s, opts)
	}
	return writeFile(*out, func(w *bufio.Writer) error { return ordoreport.Dashboard(w, p, s, opts) })
}

func cmdReportText(e *env, args []string) error {
	fs := newFlags(e, "report text", "PROBLEM PLAN", "Prints the planner's report of a plan (a result JSON).")
	format := fs.String("format", "", "problem format (default: from the extension)")
	pos, err := twoArgs(fs, args)
	if err != nil {
		return err
	}
	p, s, err := loadPlan(e, pos[0], pos[1], *format)
	if err != nil {
		return err
	}
	return ordoreport.Text(e.stdout, p, s, ordoreport.TextOptions{Name: displayNameOf(p, pos[0])})
}

func cmdReportCosts(e *env, args []string) error {
	fs := newFlags(e, "report costs", "PROBLEM PLAN [--to markdown|csv] [--out FILE]",
		"Writes the cost of a plan (a result JSON): its total and the breakdown by kind\n(processing, setups, overtime, lateness, holding), by order and by machine,\nin Markdown or as CSV rows scope,id,kind,amount.")
	to := fs.String("to", "", "output format: markdown or csv (default: csv for an --out FILE.csv, else markdown)")
	out := fs.String("out", "", "the file to write (default: standard output)")
	problemFormat := fs.String("format", "", "problem format (default: from the extension)")
	fs.StringVar(problemFormat, "problem-format", "", "deprecated: the same as --format")
	pos, err := twoArgs(fs, args)
	if err != nil {
		return err
	}
	f := strings.ToLower(*to)
	if f == "" {
		f = "markdown"
		if strings.EqualFold(filepath.Ext(*out), ".csv") {
			f = "csv"
		}
	}
	var write func(w *bufio.Writer, p *model.Problem, s *schedule.Schedule) error
	switch f {
	case "markdown", "md":
		write = func(w *bufio.Writer, p *model.Problem, s *schedule.Schedule) error {
			return ordoreport.CostMarkdown(w, p, s)
		}
	case "csv":
		write = func(w *bufio.Writer, p *model.Problem, s *schedule.Schedule) error {
			return ordoreport.CostCSV(w, p, s)
		}
	default:
		return usagef("--to %q: want markdown or csv", *to)
	}
	p, s, err := loadPlan(e, pos[0], pos[1], *problemFormat)
	if err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw, p, s); err != nil {
			return err
		}
		return bw.Flush()
	}
	return writeFile(*out, func(w *bufio.Writer) error { return write(w, p, s) })
}

func displayNameOf(p *model.Problem, path string) string {
	if p.Name != "" {
		return p.Name
	}
	return displayName(path)
}

func cmdReportGantt(e *env, args []string) error {
	fs := newFlags(e, "report gantt", "PROBLEM PLAN --out FILE.html|FILE.svg [--pools] [--week DATETIME]",
		"Draws the Gantt chart of a plan (a result JSON): one row per machine (or per operator with --pools),\nthe whole plan or, with --week, the week containing a date on one page.")
	out := fs.String("out", "", "the .html or .svg file to write")
	pools := fs.Bool("pools", false, "one row per operator of each operator pool instead of one per machine")
	week := fs.String("week", "", "draw only the week (Monday to Sunday) containing this ISO date or datetime")
	format := fs.String("format", "", "problem format (default: from the extension)")
	pos, err := twoArgs(fs, args)
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".html" && ext != ".htm" && ext != ".svg" {
		return usagef("--out wants a .html or .svg file, got %q", *out)
	}
	p, s, err := loadPlan(e, pos[0], pos[1], *format)
	if err != nil {
		return err
	}
	var opts gantt.Options
	if *pools {
		opts.View = gantt.Pools
	}
	if *week != "" {
		t, err := ordoreport.ParseTime(p, *week)
		if err != nil {
			return usagef("--week: %v", err)
		}
		opts.Week = t
	}
	return writeFile(*out, func(w *bufio.Writer) error {
		if ext == ".svg" {
			return gantt.SVG(w, p, s, opts)
		}
		return gantt.HTML(w, p, s, opts)
	})
}
