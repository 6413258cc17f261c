package bench

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Summary aggregates the runs of one solver on one instance family.
type Summary struct {
	Solver, Family string
	// Runs and Instances count the runs and the distinct instances.
	Runs, Instances int
	// MeanRPD and MaxRPD are over the runs with a known deviation (RPDRuns
	// of them); NaN when there is none.
	MeanRPD, MaxRPD float64
	RPDRuns         int
	// BestReached counts runs whose makespan reached the best known upper
	// bound; Optimal counts runs the solver proved optimal.
	BestReached, Optimal int
	// MeanTimeToBest is over the runs that returned a schedule.
	MeanTimeToBest time.Duration
	// Unsupported counts runs the solver declined (Record.Unsupported);
	// they are left out of every other figure but Runs.
	Unsupported int
	// Errors counts failed runs; AllChecked is true when every run but the
	// unsupported ones returned a schedule that passed schedule.Check.
	Errors     int
	AllChecked bool
}

// Summarize groups records by family and solver, families and solvers in
// natural order.
func Summarize(records []Record) []Summary {
	type key struct{ fam, sv string }
	groups := map[key][]*Record{}
	var keys []key
	for i := range records {
		r := &records[i]
		k := key{r.Family, r.Solver}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].fam != keys[j].fam {
			return naturalLess(keys[i].fam, keys[j].fam)
		}
		return keys[i].sv < keys[j].sv
	})
	out := make([]Summary, 0, len(keys))
	for _, k := range keys {
		out = append(out, summarize(k.sv, k.fam, groups[k]))
	}
	return out
}

func summarize(sv, fam string, rs []*Record) Summary {
	s := Summary{Solver: sv, Family: fam, Runs: len(rs), MeanRPD: math.NaN(), MaxRPD: math.NaN(), AllChecked: true}
	inst := map[string]bool{}
	var sumRPD float64
	var sumTTB time.Duration
	nTTB := 0
	for _, r := range rs {
		inst[r.Instance] = true
		if r.Unsupported {
			s.Unsupported++
			continue
		}
		if r.Error != "" {
			s.Errors++
		}
		if !r.Checked {
			s.AllChecked = false
		}
		if r.Error == "" && !math.IsNaN(r.RPD) {
			sumRPD += r.RPD
			if s.RPDRuns == 0 || r.RPD > s.MaxRPD {
				s.MaxRPD = r.RPD
			}
			s.RPDRuns++
		}
		if r.ReachedBest() {
			s.BestReached++
		}
		if r.Status == "optimal" && r.Checked {
			s.Optimal++
		}
		if r.Error == "" && r.Makespan > 0 {
			sumTTB += r.TimeToBest
			nTTB++
		}
	}
	s.Instances = len(inst)
	if s.RPDRuns > 0 {
		s.MeanRPD = sumRPD / float64(s.RPDRuns)
	}
	if nTTB > 0 {
		s.MeanTimeToBest = sumTTB / time.Duration(nTTB)
	}
	return s
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

func secs(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f", d.Seconds())
	case d >= 100*time.Millisecond:
		return fmt.Sprintf("%.2f", d.Seconds())
	default:
		return fmt.Sprintf("%.3f", d.Seconds())
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}

// Solvers returns the solvers of records, sorted.
func Solvers(records []Record) []string {
	seen := map[string]bool{}
	var out []string
	for i := range records {
		if !seen[records[i].Solver] {
			seen[records[i].Solver] = true
			out = append(out, records[i].Solver)
		}
	}
	sort.Strings(out)
	return out
}

// Families returns the families of records in natural order.
func Families(records []Record) []string {
	seen := map[string]bool{}
	var out []string
	for i := range records {
		if !seen[records[i].Family] {
			seen[records[i].Family] = true
			out = append(out, records[i].Family)
		}
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

// HeadlineTable returns a Markdown table with one row per instance family
// and one column per solver: the mean deviation from the best known upper
// bound (percent) and the number of runs that reached it. A last row sums
// up all families. Families without known bounds show "–".
func HeadlineTable(records []Record) string {
	solvers := Solvers(records)
	fams := Families(records)
	var b strings.Builder
	solverHeader(&b, "| family | instances |", "|---|---:|", solvers)
	row := func(label string, rs []Record) {
		inst := map[string]bool{}
		for i := range rs {
			inst[rs[i].Instance] = true
		}
		fmt.Fprintf(&b, "| %s | %d |", label, len(inst))
		for _, sv := range solvers {
			var sub []*Record
			for i := range rs {
				if rs[i].Solver == sv {
					sub = append(sub, &rs[i])
				}
			}
			if len(sub) == 0 {
				b.WriteString(" |")
				continue
			}
			s := summarize(sv, label, sub)
			if s.Unsupported == s.Runs {
				b.WriteString(" unsupported |")
				continue
			}
			cell := pct(s.MeanRPD) + " %"
			if math.IsNaN(s.MeanRPD) {
				cell = "–"
			}
			cell += fmt.Sprintf(" (%d/%d best)", s.BestReached, s.Runs-s.Unsupported)
			if !s.AllChecked {
				cell += " ⚠"
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	for _, f := range fams {
		var rs []Record
		for i := range records {
			if records[i].Family == f {
				rs = append(rs, records[i])
			}
		}
		row(mdEscape(f), rs)
	}
	if len(fams) > 1 {
		row("**all**", records)
	}
	b.WriteString("\nCells: mean relative deviation of the makespan from the best known upper bound, 100 × (Cmax − UB) / UB, and the number of runs that reached the best known (of all runs)")
	allChecked, unsupported := true, false
	for i := range records {
		allChecked = allChecked && (records[i].Checked || records[i].Unsupported)
		unsupported = unsupported || records[i].Unsupported
	}
	if unsupported {
		b.WriteString("; \"unsupported\": the solver does not handle the family's model features")
	}
	if allChecked {
		b.WriteString(". Every schedule passed `schedule.Check`.\n")
	} else {
		b.WriteString("; ⚠ marks cells with failed runs or schedules that did not pass `schedule.Check`.\n")
	}
	return b.String()
}

// Headline returns the headline of a campaign: HeadlineTable (deviation
// from the best known makespans) when the runs optimised the makespan,
// ObjectiveTable (objective values against the best run) when they
// optimised other objectives, both when both kinds are present.
//
// When some runs have a cost breakdown (problems with cost fields), the
// CostTable of their plans follows.
func Headline(records []Record) string {
	other, mk := hasOtherObjectives(records), hasMakespan(records)
	var h string
	switch {
	case other && mk:
		h = HeadlineTable(records) + "\n" + ObjectiveTable(records)
	case other:
		h = ObjectiveTable(records)
	default:
		h = HeadlineTable(records)
	}
	if hasCosts(records) {
		h += "\n" + CostTable(records)
	}
	return h
}

// solverHeader writes the header of a table whose leading columns are
// head (with separator sep) followed by one right-aligned column per
// solver.
func solverHeader(b *strings.Builder, head, sep string, solvers []string) {
	b.WriteString(head)
	for _, sv := range solvers {
		fmt.Fprintf(b, " %s |", mdEscape(sv))
	}
	b.WriteString("\n" + sep)
	for range solvers {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
}

// SummaryTable returns the per solver × family Markdown table. The
// columns about the best known makespans (RPD, best known reached) are
// left out when no run optimised the makespan.
func SummaryTable(records []Record) string {
	mk := hasMakespan(records)
	var b strings.Builder
	if mk {
		b.WriteString("| solver | family | runs | instances | mean RPD % | max RPD % | best known reached | proven optimal | mean time to best (s) | unsupported | errors | all checked |\n")
		b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	} else {
		b.WriteString("| solver | family | runs | instances | proven optimal | mean time to best (s) | unsupported | errors | all checked |\n")
		b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---|\n")
	}
	for _, s := range Summarize(records) {
		fmt.Fprintf(&b, "| %s | %s | %d | %d |", mdEscape(s.Solver), mdEscape(s.Family), s.Runs, s.Instances)
		if mk {
			fmt.Fprintf(&b, " %s | %s | %d |", pct(s.MeanRPD), pct(s.MaxRPD), s.BestReached)
		}
		fmt.Fprintf(&b, " %d | %s | %d | %d | %s |\n", s.Optimal, secs(s.MeanTimeToBest), s.Unsupported, s.Errors, yesNo(s.AllChecked))
	}
	return b.String()
}

// hasMakespan reports whether some record optimised the makespan.
func hasMakespan(records []Record) bool {
	for i := range records {
		if records[i].Objective == "makespan" {
			return true
		}
	}
	return false
}

// InstanceTable returns a Markdown table with one row per run.
func InstanceTable(records []Record) string {
	recs := append([]Record(nil), records...)
	SortRecords(recs)
	var b strings.Builder
	b.WriteString("| instance | n × m | best LB | best UB | solver | seed | objective | value | makespan | RPD % | bound | status | time to best (s) | elapsed (s) | checked | error |\n")
	b.WriteString("|---|---|---:|---:|---|---:|---|---:|---:|---:|---:|---|---:|---:|---|---|\n")
	for i := range recs {
		r := &recs[i]
		bound := "–"
		if !math.IsNaN(r.Bound) {
			bound = fmt.Sprintf("%g", r.Bound)
		}
		checked := yesNo(r.Checked)
		if r.Unsupported {
			checked = "n/a"
		}
		mk := fmt.Sprint(r.Makespan)
		if r.ReachedBest() {
			mk = "**" + mk + "**"
		}
		val := "–"
		if r.Error == "" && !r.Unsupported {
			val = num(r.Value)
		}
		fmt.Fprintf(&b, "| %s | %d × %d | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			mdEscape(r.Instance), r.N, r.M, optInt(r.BestLB), optInt(r.BestUB), mdEscape(r.Solver), r.Seed, mdEscape(r.Objective), val, mk, pct(r.RPD),
			bound, r.Status, secs(r.TimeToBest), secs(r.Elapsed), checked, mdEscape(r.Error))
	}
	return b.String()
}

// hasOtherObjectives reports whether some record optimised an objective
// other than the makespan (for which the best known bounds mean nothing).
func hasOtherObjectives(records []Record) bool {
	for i := range records {
		if records[i].Objective != "makespan" {
			return true
		}
	}
	return false
}

// ObjectiveTable returns a Markdown table with one row per instance and
// objective and one column per solver: the median objective value of the
// solver's runs, its gap to the best value any run found on that
// instance, 100 × (median − best) / |best| (omitted when the best is 0),
// and how many of the solver's runs found that best value. It is the
// comparison for objectives without best known bounds (weighted
// tardiness on a plant, ...). Runs that failed, did not pass
// schedule.Check or were unsupported are left out.
func ObjectiveTable(records []Record) string {
	solvers := Solvers(records)
	type key struct{ inst, obj string }
	vals := map[key]map[string][]float64{}
	var keys []key
	for i := range records {
		r := &records[i]
		if r.Error != "" || r.Unsupported || !r.Checked {
			continue
		}
		k := key{r.Instance, r.Objective}
		if vals[k] == nil {
			vals[k] = map[string][]float64{}
			keys = append(keys, k)
		}
		vals[k][r.Solver] = append(vals[k][r.Solver], r.Value)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].inst != keys[j].inst {
			return naturalLess(keys[i].inst, keys[j].inst)
		}
		return keys[i].obj < keys[j].obj
	})
	median := func(vs []float64) float64 {
		sorted := append([]float64(nil), vs...)
		sort.Float64s(sorted)
		med := sorted[len(sorted)/2]
		if len(sorted)%2 == 0 {
			med = (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
		}
		return med
	}
	var b strings.Builder
	head, sep := "| instance | objective | best |", "|---|---|---:|"
	var vs []string // "<solver> vs <first>" columns
	if len(solvers) > 1 {
		for _, sv := range solvers[1:] {
			vs = append(vs, sv+" vs "+solvers[0])
		}
	}
	solverHeader(&b, head, sep, append(append([]string(nil), solvers...), vs...))
	for _, k := range keys {
		best := math.Inf(1)
		for _, vs := range vals[k] {
			for _, v := range vs {
				best = min(best, v)
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s |", mdEscape(k.inst), mdEscape(k.obj), num(best))
		for _, sv := range solvers {
			vs := vals[k][sv]
			if len(vs) == 0 {
				b.WriteString(" – |")
				continue
			}
			med := median(vs)
			atBest := 0
			for _, v := range vs {
				if v <= best {
					atBest++
				}
			}
			cell := num(med)
			if best != 0 {
				cell += fmt.Sprintf(" (+%.1f %%)", 100*(med-best)/math.Abs(best))
			}
			fmt.Fprintf(&b, " %s, %d/%d at best |", cell, atBest, len(vs))
		}
		for _, sv := range solvers[min(1, len(solvers)):] {
			ref, own := vals[k][solvers[0]], vals[k][sv]
			if len(ref) == 0 || len(own) == 0 || median(ref) == 0 {
				b.WriteString(" – |")
				continue
			}
			r := median(ref)
			fmt.Fprintf(&b, " %+.1f %% |", 100*(median(own)-r)/math.Abs(r))
		}
		b.WriteString("\n")
	}
	b.WriteString("\nCells: the median objective value of the solver's runs (seeds), its gap to the best value any run found on the instance, and how many of its runs found that value (lower is better)")
	if len(solvers) > 1 {
		fmt.Fprintf(&b, "; \"vs %s\": the change of the solver's median from %s's median (negative: better)", mdEscape(solvers[0]), mdEscape(solvers[0]))
	}
	b.WriteString(". Only runs whose schedule passed `schedule.Check` count.\n")
	return b.String()
}

// num formats an objective value: whole numbers in full, others with six
// significant digits.
func num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

func optInt(v int64) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprint(v)
}

// mdEscape makes s safe inside a Markdown table cell.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

// settings describes the limits of the records ("time limit 10s, seeds 1-3").
func settings(records []Record) string {
	limits := map[string]bool{}
	seeds := map[uint64]bool{}
	objs := map[string]bool{}
	var lim, obj []string
	for i := range records {
		r := &records[i]
		l := "no limit"
		switch {
		case r.TimeLimit > 0 && r.WorkLimit > 0:
			l = fmt.Sprintf("time limit %s and work limit %d", r.TimeLimit, r.WorkLimit)
		case r.TimeLimit > 0:
			l = fmt.Sprintf("time limit %s", r.TimeLimit)
		case r.WorkLimit > 0:
			l = fmt.Sprintf("work limit %d", r.WorkLimit)
		}
		if r.Workers > 1 {
			l += fmt.Sprintf(", %d workers", r.Workers)
		}
		if !limits[l] {
			limits[l] = true
			lim = append(lim, l)
		}
		seeds[r.Seed] = true
		if !objs[r.Objective] {
			objs[r.Objective] = true
			obj = append(obj, r.Objective)
		}
	}
	insts := map[string]bool{}
	for i := range records {
		insts[records[i].Instance] = true
	}
	return fmt.Sprintf("%d runs: %d instances, %d solver(s), %d seed(s); %s; objective %s. Machine: %s/%s, %d cores, %s.",
		len(records), len(insts), len(Solvers(records)), len(seeds), strings.Join(lim, "; "), strings.Join(obj, ", "),
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
}

func checkedLine(records []Record) string {
	failed, unsupported := 0, 0
	for i := range records {
		switch {
		case records[i].Unsupported:
			unsupported++
		case !records[i].Checked:
			failed++
		}
	}
	line := fmt.Sprintf("Every one of the %d schedules was verified by `schedule.Check` and is feasible.", len(records)-unsupported)
	if failed > 0 {
		line = fmt.Sprintf("**%d of %d runs did not return a schedule that passed `schedule.Check`** (see the error column).", failed, len(records)-unsupported)
	}
	if unsupported > 0 {
		line += fmt.Sprintf(" %d run(s) were declined by their solver as unsupported.", unsupported)
	}
	return line
}

// maxProgressLines caps the number of runs ProgressRuns chooses.
const maxProgressLines = 10

// ProgressRuns chooses the runs to draw in the progress plot: the tracked
// ones (RunSpec.TrackProgress), or else the runs of the first seed on the
// largest instance (most operations) having a trace; at most ten.
func ProgressRuns(records []Record) []Record {
	var out []Record
	for i := range records {
		if records[i].Tracked && len(records[i].Trace) > 0 {
			out = append(out, records[i])
		}
	}
	if len(out) == 0 {
		best, size := "", -1
		for i := range records {
			r := &records[i]
			if len(r.Trace) == 0 {
				continue
			}
			if sz := r.N * r.M; sz > size || (sz == size && naturalLess(r.Instance, best)) {
				best, size = r.Instance, sz
			}
		}
		seedOf := map[string]uint64{}
		for i := range records {
			r := &records[i]
			if r.Instance != best || len(r.Trace) == 0 {
				continue
			}
			if s, ok := seedOf[r.Solver]; !ok || r.Seed < s {
				seedOf[r.Solver] = r.Seed
			}
		}
		for i := range records {
			r := &records[i]
			if r.Instance == best && len(r.Trace) > 0 && seedOf[r.Solver] == r.Seed {
				out = append(out, *r)
			}
		}
	}
	SortRecords(out)
	if len(out) > maxProgressLines {
		out = out[:maxProgressLines]
	}
	return out
}

// Figure is a chart written beside a report: its file name, relative to
// the report's folder, and its title.
type Figure struct {
	File, Title string
}

// ChartWriter writes the charts of records into the folder dir and returns
// them, in the order the report shows them. Package bench/charts provides
// one (charts.Write); bench itself draws nothing, so that it does not link
// a plotting library.
type ChartWriter func(dir string, records []Record) ([]Figure, error)

// WriteReport writes outDir/report.md (the command, a summary per solver
// and family, the charts and a per-run table). charts, when not nil,
// writes the charts into outDir (charts.Write draws deviation.svg, the
// mean deviation by family and solver, and one progress-INSTANCE.svg per
// instance, the objective over time of its runs).
func WriteReport(outDir string, records []Record, title, command string, charts ChartWriter) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if title == "" {
		title = "Benchmark report"
	}
	plots, err := writeCharts(charts, outDir, records)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)
	writeCommand(&b, command)
	fmt.Fprintf(&b, "%s %s\n\n", settings(records), checkedLine(records))
	b.WriteString("Results: [results.csv](results.csv), [results.json](results.json); objective over time of each run in [progress/](progress/).\n\n")
	b.WriteString("## Summary by solver and family\n\n")
	b.WriteString(SummaryTable(records))
	if hasMakespan(records) {
		b.WriteString("\nRPD: relative deviation of the makespan from the best known upper bound, 100 × (Cmax − UB) / UB. Best known reached: Cmax ≤ UB.")
	} else {
		b.WriteString("\n")
	}
	b.WriteString(" Proven optimal: the solver's status is optimal.\n\n")
	b.WriteString("## Headline\n\n")
	b.WriteString(Headline(records))
	writePlotLinks(&b, plots, "")
	b.WriteString("\n## Runs\n\n")
	b.WriteString(InstanceTable(records))
	return writeAtomic(filepath.Join(outDir, "report.md"), []byte(b.String()))
}

func writeCommand(b *strings.Builder, command string) {
	if command == "" {
		return
	}
	b.WriteString("Produced by:\n\n```sh\n")
	b.WriteString(command)
	b.WriteString("\n```\n\n")
}

// writeCharts calls charts when it is not nil.
func writeCharts(charts ChartWriter, dir string, records []Record) ([]Figure, error) {
	if charts == nil {
		return nil, nil
	}
	return charts(dir, records)
}

func writePlotLinks(b *strings.Builder, plots []Figure, prefix string) {
	if len(plots) == 0 {
		return
	}
	b.WriteString("\n## Plots\n\n")
	for _, p := range plots {
		fmt.Fprintf(b, "### %s\n\n![%s](%s%s)\n\n", p.Title, p.Title, prefix, p.File)
	}
}

// WriteBenchmarksDoc writes the Markdown page at path (docs/benchmarks.md)
// under the heading title ("Benchmarks" when empty): the command that
// produced it at the top, the headline table, the table per solver and
// family, the charts (written by charts when not nil, beside the page in a
// folder named after it: docs/benchmarks/deviation.svg and progress-INSTANCE.svg)
// and the per-run table.
func WriteBenchmarksDoc(path string, records []Record, title, command string, charts ChartWriter) error {
	dir := filepath.Dir(path)
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	assets := filepath.Join(dir, stem)
	if charts != nil {
		if err := os.MkdirAll(assets, 0o755); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
	}
	plots, err := writeCharts(charts, assets, records)
	if err != nil {
		return err
	}
	var b strings.Builder
	if title == "" {
		title = "Benchmarks"
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	b.WriteString("<!-- Generated by `ordo bench`: do not edit by hand; rerun the command below. -->\n\n")
	writeCommand(&b, command)
	fmt.Fprintf(&b, "%s %s\n\n", settings(records), checkedLine(records))
	b.WriteString("## Headline\n\n")
	b.WriteString(Headline(records))
	b.WriteString("\n## By solver and family\n\n")
	b.WriteString(SummaryTable(records))
	writePlotLinks(&b, plots, stem+"/")
	b.WriteString("\n## Runs\n\n")
	b.WriteString(InstanceTable(records))
	return writeAtomic(path, []byte(b.String()))
}
