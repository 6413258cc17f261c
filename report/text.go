package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Run describes the solver run that produced a schedule, for the header of
// the terminal report. Every field is optional.
type Run struct {
	// Solver is the solver's registry name.
	Solver string
	// Status and Stop are the result's status and stop reason as text
	// ("feasible", "time limit").
	Status, Stop string
	// Objective is the objective optimised and Value its value; Value is
	// shown only when Objective has terms.
	Objective model.Objective
	Value     float64
	// Bound is a lower bound on the objective; NaN, infinite or 0 means
	// none.
	Bound float64
	// Elapsed is the solver's wall-clock time.
	Elapsed time.Duration
}

// TextOptions tune the terminal report.
type TextOptions struct {
	// Name heads the report; empty means the problem's name.
	Name string
	// Run, when set, adds the solver's line and the objective.
	Run *Run
	// MaxLate bounds the late orders listed (0: 30; negative: all).
	MaxLate int
}

// Text writes the planner's terminal report of schedule s for problem p:
// the solver run, the plan's end, the late orders with their lateness, and
// a table per resource kind: machines (operations, busy, setup and working
// time in hours, utilisation over the plan's horizon, from the epoch to the
// end of the last operation, and per week), operator pools (operator-hours
// used and available) and materials (initial stock, receipts, consumption,
// production, final and lowest stock with its date). When the problem has
// costs (schedule.HasCosts) a line gives the plan's total cost and its main
// kinds with their shares (see CostMarkdown for the breakdown). Every
// figure carries its unit.
func Text(w io.Writer, p *model.Problem, s *schedule.Schedule, opts TextOptions) error {
	pl, err := newPlant(p, s, 0)
	if err != nil {
		return err
	}
	ew := &errWriter{w: w}
	pl.writeText(ew, opts)
	return ew.err
}

// errWriter remembers the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

// Write writes b unless an earlier write failed; it never fails itself,
// so that tabwriter keeps going, and Text returns the first error.
func (e *errWriter) Write(b []byte) (int, error) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
	return len(b), nil
}

func (pl *plant) writeText(w io.Writer, opts TextOptions) {
	p, k, clk := pl.p, pl.k, pl.clk
	name := opts.Name
	if name == "" {
		name = p.Name
	}
	if name == "" {
		name = "schedule"
	}
	fmt.Fprintf(w, "%s: %d orders, %d operations, %d machines, %d operator pools, %d materials\n",
		name, len(p.Jobs), p.NumOperations(), len(p.Machines), len(p.OperatorPools), len(p.Materials))
	if r := opts.Run; r != nil {
		if r.Solver != "" || r.Status != "" {
			fmt.Fprintf(w, "solver %s: %s", r.Solver, r.Status)
			if r.Stop != "" {
				fmt.Fprintf(w, " (%s)", r.Stop)
			}
			fmt.Fprintf(w, " in %s\n", r.Elapsed.Round(time.Millisecond))
		}
		if len(r.Objective.Terms) > 0 || r.Value != 0 {
			unit := objectiveUnit(p, r.Objective)
			fmt.Fprintf(w, "objective %s = %s %s", r.Objective, strconv.FormatFloat(r.Value, 'f', -1, 64), unit)
			if !math.IsNaN(r.Bound) && !math.IsInf(r.Bound, 0) && r.Bound > 0 {
				fmt.Fprintf(w, " (lower bound %g %s)", r.Bound, unit)
			}
			fmt.Fprintln(w)
		}
	}
	if clk.unitless() {
		fmt.Fprintf(w, "makespan %d time units\n", k.Makespan)
	} else {
		fmt.Fprintf(w, "plan from %s to %s (makespan %s = %s)\n", clk.at(0), clk.at(k.Makespan), clk.span(k.Makespan), clk.hours(k.Makespan))
	}
	if schedule.HasCosts(p) {
		pl.textCost(w)
	}
	hasDue := false
	for i := range p.Jobs {
		hasDue = hasDue || p.Jobs[i].Due != nil
	}
	if hasDue {
		fmt.Fprintf(w, "late orders: %d of %d; weighted tardiness %s weighted %s; max lateness %s\n",
			k.LateJobs, len(p.Jobs), strconv.FormatFloat(k.WeightedTardiness, 'f', -1, 64), tickUnit(p), clk.span(k.MaxLateness))
		var late []schedule.JobKPI
		for _, j := range k.Jobs {
			if j.Late {
				late = append(late, j)
			}
		}
		sort.SliceStable(late, func(a, b int) bool { return late[a].Lateness > late[b].Lateness })
		if len(late) > 0 {
			limit := opts.MaxLate
			if limit == 0 {
				limit = 30
			}
			fmt.Fprintln(w, "\nLate orders, latest first:")
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  ORDER\tPRODUCT\tWEIGHT\tDUE\tCOMPLETION\tLATE BY")
			for n, j := range late {
				if limit > 0 && n == limit {
					fmt.Fprintf(tw, "  ... and %d more\t\t\t\t\t\n", len(late)-limit)
					break
				}
				job := &p.Jobs[j.Job]
				fmt.Fprintf(tw, "  %s\t%s\t%g\t%s\t%s\t%s\n", job.ID, job.Name, job.JobWeight(), clk.at(*job.Due), clk.at(j.Completion), clk.span(j.Lateness))
			}
			tw.Flush()
		}
	}
	pl.textMachines(w)
	pl.textWeeks(w)
	pl.textPools(w)
	pl.textMaterials(w)
}

func (pl *plant) textMachines(w io.Writer) {
	p, k, clk := pl.p, pl.k, pl.clk
	unit := "h"
	if clk.unitless() {
		unit = tickUnit(p)
	}
	fmt.Fprintf(w, "\nMachines: busy, setup and working time in %s over the plan; utilisation = (busy + setup) / working\n", unit)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  MACHINE\tNAME\tOPS\tBUSY\tSETUP\tWORKING\tUTILISATION\t")
	for _, m := range k.Machines {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%s\t%.1f %%\t\n", p.Machines[m.Machine].ID, p.Machines[m.Machine].Name, len(pl.byM[m.Machine]),
			num(clk, m.Busy), num(clk, m.Setup), num(clk, m.Working), 100*m.Utilisation)
	}
	tw.Flush()
}

// num formats ticks in hours with one decimal (ticks when unitless).
func num(clk clock, d int64) string {
	if clk.unitless() {
		return fmt.Sprint(d)
	}
	return fmt.Sprintf("%.1f", clk.hoursOf(d))
}

// weeks returns the starts of the calendar weeks (Monday 00:00 in the
// report's time zone) covering [0, end), the first clipped to 0, plus end.
func (pl *plant) weeks(end int64) []int64 {
	if pl.clk.unitless() || end <= 0 {
		return nil
	}
	p := pl.p
	t0 := p.TimeOf(0).In(pl.clk.loc)
	day := time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, pl.clk.loc)
	for day.Weekday() != time.Monday {
		day = day.AddDate(0, 0, -1)
	}
	b := []int64{0}
	for {
		day = day.AddDate(0, 0, 7)
		t := p.TickOf(day)
		if t >= end {
			break
		}
		b = append(b, t)
	}
	return append(b, end)
}

func (pl *plant) textWeeks(w io.Writer) {
	b := pl.weeks(pl.makespan)
	if len(b) < 3 || len(b) > 27 {
		return // a single week (the table above says it all) or too many columns
	}
	clk := pl.clk
	fmt.Fprintln(w, "\nUtilisation per week: busy + setup over working time ('-': the machine does not work that week)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	var head strings.Builder
	head.WriteString("  MACHINE\t")
	for i := 0; i+1 < len(b); i++ {
		t := pl.p.TimeOf(b[i]).In(clk.loc)
		_, wk := t.ISOWeek()
		fmt.Fprintf(&head, "W%02d %s\t", wk, t.Format("02 Jan"))
	}
	fmt.Fprintln(tw, head.String())
	for m := range pl.p.Machines {
		fmt.Fprintf(tw, "  %s\t", pl.p.Machines[m].ID)
		for i := 0; i+1 < len(b); i++ {
			busy, setup, working := pl.machineLoad(m, b[i], b[i+1])
			if working == 0 {
				fmt.Fprint(tw, "-\t")
				continue
			}
			fmt.Fprintf(tw, "%.0f %%\t", 100*float64(busy+setup)/float64(working))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func (pl *plant) textPools(w io.Writer) {
	p, clk := pl.p, pl.clk
	if len(p.OperatorPools) == 0 {
		return
	}
	unit := "operator-hours"
	if clk.unitless() {
		unit = "operator-" + tickUnit(p)
	}
	fmt.Fprintf(w, "\nOperators: %s used and available over the plan\n", unit)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  POOL\tSKILLS\tOPERATORS\tUSED\tAVAILABLE\tUTILISATION\t")
	for o := range p.OperatorPools {
		pool := &p.OperatorPools[o]
		used, avail := pl.poolLoad(o, 0, pl.makespan)
		u := 0.0
		if avail > 0 {
			u = 100 * float64(used) / float64(avail)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%.1f %%\t\n", pool.ID, strings.Join(pool.Skills, ", "), pool.Capacity, num(clk, used), num(clk, avail), u)
	}
	tw.Flush()
}

// maxMaterialLines bounds the materials listed by Text.
const maxMaterialLines = 30

func (pl *plant) textMaterials(w io.Writer) {
	p, clk := pl.p, pl.clk
	if len(p.Materials) == 0 {
		return
	}
	produced := map[string]bool{}
	for j := range p.Jobs {
		for _, op := range p.Jobs[j].Operations {
			for _, q := range op.Produces {
				produced[q.Material] = true
			}
		}
	}
	var list []int
	nInter := 0
	for m := range p.Materials {
		if produced[p.Materials[m].ID] {
			nInter++
		} else {
			list = append(list, m)
		}
	}
	if len(list) == 0 {
		fmt.Fprintf(w, "\nMaterials: %d, all made in house\n", nInter)
		return
	}
	fmt.Fprint(w, "\nMaterials bought in: quantities in each material's unit")
	if nInter > 0 {
		fmt.Fprintf(w, " (and %d made in house)", nInter)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  MATERIAL\tUNIT\tINITIAL\tRECEIVED\tCONSUMED\tFINAL\tLOWEST\tON\t")
	for n, m := range list {
		if n == maxMaterialLines && len(list) > maxMaterialLines+1 {
			fmt.Fprintf(tw, "  ... and %d more\t\t\t\t\t\t\t\t\n", len(list)-n)
			break
		}
		mat := &p.Materials[m]
		var recv, cons float64
		for _, r := range mat.Receipts {
			recv += r.Quantity
		}
		for i := range pl.s.Assignments {
			op := pl.op(&pl.s.Assignments[i])
			for _, q := range op.Consumes {
				if q.Material == mat.ID {
					cons += q.Quantity
				}
			}
		}
		curve, low, lowAt, _ := pl.stockCurve(m)
		final := curve[len(curve)-1].Stock
		unit := mat.Unit
		if unit == "" {
			unit = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", mat.ID, unit, fmtQty(mat.Initial), fmtQty(recv), fmtQty(cons), fmtQty(final), fmtQty(low), clk.short(lowAt))
	}
	tw.Flush()
}

// textCost writes the plan's cost line: the total and the three largest
// kinds with their shares.
func (pl *plant) textCost(w io.Writer) {
	c := pl.k.Cost
	type kind struct {
		name string
		v    float64
	}
	var ks []kind
	for i, v := range costKinds(&c) {
		if v != 0 {
			ks = append(ks, kind{kindLabel(CostKinds[i]), v})
		}
	}
	sort.SliceStable(ks, func(a, b int) bool { return ks[a].v > ks[b].v })
	fmt.Fprintf(w, "cost %s (money of the cost fields)", money(c.Total))
	for n, k := range ks {
		if n == 3 {
			fmt.Fprintf(w, ", %d more kind(s)", len(ks)-n)
			break
		}
		sep := ", "
		if n == 0 {
			sep = ": "
		}
		fmt.Fprintf(w, "%s%s %s (%s)", sep, k.name, money(k.v), share(k.v, c.Total))
	}
	fmt.Fprintln(w)
}
