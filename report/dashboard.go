package report

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// DashboardOptions tune the dashboard.
type DashboardOptions struct {
	// Title heads the page; empty means the problem's name.
	Title string
	// Reasons, when set, says why order job (an index of Problem.Jobs) is
	// late; it is called for late orders only. Without it the dashboard
	// explains each late order with explain.Late (its delay by cause and
	// resource, adding up to the lateness); when that fails or a reason is
	// "", it shows the binding resource: the machine the order's last
	// operations waited for.
	Reasons func(job int) string
	// MaxLate bounds the late orders listed (0: all).
	MaxLate int
	// Sections are extra sections appended to the page, in order (a cost
	// breakdown, a scenario comparison).
	Sections []Section
}

// Section is one section of the dashboard.
type Section struct {
	// ID is the section's anchor (letters, digits and '-'); Title its
	// heading.
	ID, Title string
	// HTML is the section's body, trusted HTML written as is; it must be
	// self-contained (no network) like the rest of the page.
	HTML string
}

// Dashboard writes the plant dashboard of schedule s for problem p: one
// self-contained HTML file (inline CSS, SVG and a few lines of script, no
// network) with the key figures (on-time delivery, late orders, lateness,
// setup time), the late orders with their lateness and reason, the load of
// every machine per day against its working time as a heat map (the day's
// bottleneck outlined), the operator pools' load per day, the stock of
// purchased materials over time with stock-outs highlighted, the work in
// progress (orders started and not finished) over time, the setup time
// per machine, and, when the problem has costs (schedule.HasCosts), the
// plan's cost (schedule.ComputeCosts): its total, a bar per kind and the
// most expensive orders and machines; then opts.Sections.
func Dashboard(w io.Writer, p *model.Problem, s *schedule.Schedule, opts DashboardOptions) error {
	if p != nil && p.Epoch.IsZero() {
		return fmt.Errorf("report: the dashboard needs a problem with an epoch (dates), not a unitless benchmark instance")
	}
	pl, err := newPlant(p, s, 0)
	if err != nil {
		return err
	}
	if opts.Reasons == nil {
		opts.Reasons = lateReasons(p, s)
	}
	for i, sec := range opts.Sections {
		if sec.ID == "" || strings.IndexFunc(sec.ID, func(r rune) bool {
			return !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) >= 0 {
			return fmt.Errorf("report: dashboard sections[%d]: ID %q: want letters, digits and '-'", i, sec.ID)
		}
	}
	bw := bufio.NewWriter(w)
	d := &dash{plant: pl, w: bw, opts: opts}
	if schedule.HasCosts(p) {
		c := pl.k.Cost
		d.costs = &c
	}
	d.write()
	return bw.Flush()
}

type dash struct {
	*plant
	w    *bufio.Writer
	opts DashboardOptions
	// costs is the plan's cost when the problem has costs, else nil.
	costs *schedule.Costs
	days  []int64 // day boundaries (local midnight), first 0, last >= makespan
}

func (d *dash) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

func esc(s string) string { return html.EscapeString(s) }

func (d *dash) write() {
	p := d.p
	title := d.opts.Title
	if title == "" {
		title = p.Name
	}
	if title == "" {
		title = "Plan"
	}
	d.days = d.dayBounds()
	d.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>%s</title>\n<style>%s%s%s</style>\n</head>\n<body>\n", esc(title), dashCSS, heatCSS(), costCSS)
	d.printf("<header><h1>%s</h1><p>Plan from %s to %s &middot; %d orders, %d operations, %d machines &middot; times in %s</p>\n",
		esc(title), esc(d.clk.at(0)), esc(d.clk.at(d.makespan)), len(p.Jobs), len(d.s.Assignments), len(p.Machines), esc(d.clk.loc.String()))
	d.printf("<nav><a href=\"#late\">Late orders</a> <a href=\"#machines\">Machine load</a> <a href=\"#operators\">Operators</a> <a href=\"#stock\">Stock</a> <a href=\"#wip\">Work in progress</a> <a href=\"#setups\">Setups</a>")
	if d.costs != nil {
		d.printf(" <a href=\"#costs\">Cost</a>")
	}
	for _, sec := range d.opts.Sections {
		d.printf(" <a href=\"#%s\">%s</a>", sec.ID, esc(sec.Title))
	}
	d.printf("</nav></header>\n<main>\n")
	d.summary()
	d.late()
	d.machineHeat()
	d.poolHeat()
	d.stock()
	d.wip()
	d.setups()
	d.costSection()
	for _, sec := range d.opts.Sections {
		d.printf("<section id=\"%s\"><h2>%s</h2>\n%s\n</section>\n", sec.ID, esc(sec.Title), sec.HTML)
	}
	d.printf("</main>\n<script>%s</script>\n</body>\n</html>\n", dashJS)
}

// dayBounds returns the local midnights from the epoch's day to after the
// makespan, the first replaced by 0.
func (d *dash) dayBounds() []int64 {
	t0 := d.p.TimeOf(0).In(d.clk.loc)
	day := time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, d.clk.loc)
	b := []int64{0}
	for {
		day = day.AddDate(0, 0, 1)
		t := d.p.TickOf(day)
		b = append(b, t)
		if t >= d.makespan {
			return b
		}
	}
}

func (d *dash) summary() {
	p, k := d.p, d.k
	withDue, onTime := 0, 0
	for _, j := range k.Jobs {
		if j.HasDue {
			withDue++
			if !j.Late {
				onTime++
			}
		}
	}
	var setup, busy int64
	nSetups := 0
	for _, m := range k.Machines {
		setup += m.Setup
		busy += m.Busy
	}
	for _, a := range d.s.Assignments {
		if a.SetupStart < a.Start {
			nSetups++
		}
	}
	d.printf("<section id=\"summary\" class=\"cards\">\n")
	card := func(class, value, label string) {
		d.printf("<div class=\"card %s\"><div class=\"v\">%s</div><div class=\"l\">%s</div></div>\n", class, value, label)
	}
	if withDue > 0 {
		pct := 100 * float64(onTime) / float64(withDue)
		class := "good"
		if pct < 95 {
			class = "warn"
		}
		if pct < 80 {
			class = "bad"
		}
		card(class, fmt.Sprintf("%.1f %%", pct), fmt.Sprintf("on-time delivery (%d of %d orders with a due date)", onTime, withDue))
		lc := "good"
		if k.LateJobs > 0 {
			lc = "bad"
		}
		card(lc, fmt.Sprint(k.LateJobs), "late orders")
		card("", esc(d.clk.span(max(k.MaxLateness, 0))), "largest lateness")
		card("", fmt.Sprintf("%.0f", k.WeightedTardiness), "weighted tardiness (weighted "+esc(tickUnit(p))+")")
	}
	card("", esc(d.clk.short(d.makespan)), "last operation ends")
	d.costCard()
	card("", esc(d.clk.hours(setup)), fmt.Sprintf("setup time (%d setups, %.1f %% of machine time)", nSetups, 100*float64(setup)/math.Max(1, float64(setup+busy))))
	d.printf("</section>\n")
}

func (d *dash) late() {
	p, k, clk := d.p, d.k, d.clk
	var late []schedule.JobKPI
	for _, j := range k.Jobs {
		if j.Late {
			late = append(late, j)
		}
	}
	sort.SliceStable(late, func(a, b int) bool { return late[a].Lateness > late[b].Lateness })
	d.printf("<section id=\"late\"><h2>Late orders (%d)</h2>\n", len(late))
	if len(late) == 0 {
		d.printf("<p>Every order with a due date is on time.</p></section>\n")
		return
	}
	if d.opts.MaxLate > 0 && len(late) > d.opts.MaxLate {
		d.printf("<p>The %d latest of %d.</p>\n", d.opts.MaxLate, len(late))
		late = late[:d.opts.MaxLate]
	}
	where, pos, preds := d.whereMap(), d.positions(), d.preds()
	reasonHead := "Why late"
	d.printf("<p><input id=\"late-filter\" type=\"search\" placeholder=\"Filter by order, product or reason\" aria-label=\"Filter late orders\"/></p>\n")
	d.printf("<div class=\"scroll tall\"><table id=\"late-table\" class=\"list\"><thead><tr><th>Order</th><th>Product</th><th class=\"num\">Weight</th><th>Due</th><th>Completion</th><th class=\"num\">Late by</th><th>%s</th></tr></thead><tbody>\n", reasonHead)
	for _, j := range late {
		job := &p.Jobs[j.Job]
		reason := ""
		if d.opts.Reasons != nil {
			reason = d.opts.Reasons(j.Job)
		}
		if reason == "" {
			reason = d.binding(j.Job, where, pos, preds)
		}
		d.printf("<tr><td>%s</td><td>%s</td><td class=\"num\">%g</td><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td></tr>\n",
			esc(job.ID), esc(job.Name), job.JobWeight(), esc(clk.short(*job.Due)), esc(clk.short(j.Completion)), esc(clk.span(j.Lateness)), esc(reason))
	}
	d.printf("</tbody></table></div></section>\n")
}

// heatLevels is the number of colour classes of the heat maps (h0 to
// h10, by tenths of load).
const heatLevels = 11

// heatClass returns the CSS class of a load ratio.
func heatClass(r float64) string {
	return fmt.Sprintf("h%d", int(math.Round(math.Max(0, math.Min(1, r))*float64(heatLevels-1))))
}

// heatCSS returns the rules of the heat classes.
func heatCSS() string {
	var b strings.Builder
	for i := 0; i < heatLevels; i++ {
		bg, fg := heat(float64(i) / float64(heatLevels-1))
		fmt.Fprintf(&b, "td.h%d{background:%s;color:%s}", i, bg, fg)
	}
	return b.String()
}

// heat returns the background colour of a load ratio in [0, 1] (and over).
func heat(r float64) (bg, fg string) {
	r = math.Max(0, math.Min(1, r))
	// From #f4f8fb (idle) to #b30000 (full) through #fdd49e (half).
	type rgb struct{ r, g, b float64 }
	stops := []rgb{{244, 248, 251}, {253, 212, 158}, {239, 101, 72}, {179, 0, 0}}
	x := r * float64(len(stops)-1)
	i := min(int(x), len(stops)-2)
	f := x - float64(i)
	c := rgb{stops[i].r + f*(stops[i+1].r-stops[i].r), stops[i].g + f*(stops[i+1].g-stops[i].g), stops[i].b + f*(stops[i+1].b-stops[i].b)}
	fg = "#000"
	if r > 0.7 {
		fg = "#fff"
	}
	return fmt.Sprintf("#%02x%02x%02x", int(c.r), int(c.g), int(c.b)), fg
}

func (d *dash) dayHeader(first string) {
	d.printf("<thead><tr><th class=\"name\">%s</th>", first)
	for i := 0; i+1 < len(d.days); i++ {
		t := d.p.TimeOf(d.days[i]).In(d.clk.loc)
		class := ""
		if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
			class = " class=\"we\""
		}
		d.printf("<th%s>%s<br/>%s</th>", class, t.Format("Mon"), t.Format("02 Jan"))
	}
	d.printf("<th class=\"num\">Plan</th></tr></thead>\n")
}

func (d *dash) machineHeat() {
	p := d.p
	nD := len(d.days) - 1
	type cell struct {
		load, working int64
	}
	cells := make([][]cell, len(p.Machines))
	best := make([]int, nD)
	bestR := make([]float64, nD)
	for i := range best {
		best[i] = -1
	}
	for m := range p.Machines {
		cells[m] = make([]cell, nD)
		for i := 0; i < nD; i++ {
			b, s, w := d.machineLoad(m, d.days[i], d.days[i+1])
			cells[m][i] = cell{b + s, w}
			if w > 0 {
				r := float64(b+s) / float64(w)
				if r > bestR[i] || r == bestR[i] && best[i] >= 0 && b+s > cells[best[i]][i].load {
					best[i], bestR[i] = m, r
				}
			}
		}
	}
	d.printf("<section id=\"machines\"><h2>Machine load per day</h2>\n<p class=\"note\">Each cell is the machine's busy and setup time over its working time that day (percent); grey: the machine does not work (night-only gaps aside: weekends, holidays, maintenance). The busiest machine of each day is outlined, and named in the last row. Hover a cell for the hours (busy and setup of working time), a grey cell for why the machine stopped.</p>\n")
	d.printf("<div class=\"scroll\"><table class=\"heat\">")
	d.dayHeader("Machine")
	d.printf("<tbody>\n")
	for m := range p.Machines {
		mach := &p.Machines[m]
		d.printf("<tr><th class=\"name\" title=\"%s\">%s <span>%s</span></th>", esc(mach.Name), esc(mach.ID), esc(mach.Name))
		for i, c := range cells[m] {
			if c.working == 0 {
				d.printf("<td class=\"off\" title=\"%s\"></td>", esc(d.offReason(m, d.days[i], d.days[i+1])))
				continue
			}
			r := float64(c.load) / float64(c.working)
			class := heatClass(r)
			if best[i] == m {
				class += " top"
			}
			d.printf("<td class=\"%s\" title=\"%.1f of %.1f h\">%.0f</td>", class, d.clk.hoursOf(c.load), d.clk.hoursOf(c.working), 100*r)
		}
		d.printf("<td class=\"num\">%.0f %%</td></tr>\n", 100*d.k.Machines[m].Utilisation)
	}
	d.printf("<tr class=\"busiest\"><th class=\"name\">Busiest</th>")
	for i := range best {
		if best[i] < 0 {
			d.printf("<td></td>")
			continue
		}
		d.printf("<td title=\"%s\">%s</td>", esc(machineLabel(&p.Machines[best[i]])), esc(p.Machines[best[i]].ID))
	}
	d.printf("<td></td></tr>\n</tbody></table></div>\n%s</section>\n", heatLegend())
}

func heatLegend() string {
	var b strings.Builder
	b.WriteString("<p class=\"legend\">Load: ")
	for _, r := range []float64{0, 0.25, 0.5, 0.75, 1} {
		bg, fg := heat(r)
		fmt.Fprintf(&b, "<span style=\"background:%s;color:%s\">%.0f %%</span>", bg, fg, 100*r)
	}
	b.WriteString("<span class=\"off\">not working</span></p>\n")
	return b.String()
}

// offReason says why machine m does not work in [from, to).
func (d *dash) offReason(m int, from, to int64) string {
	mach := &d.p.Machines[m]
	var why []string
	for _, w := range mach.Downtime {
		if w.Start < to && w.End > from {
			why = append(why, nonEmpty(w.Reason, "downtime"))
		}
	}
	for i := range d.p.Calendars {
		c := &d.p.Calendars[i]
		if c.ID != mach.Calendar {
			continue
		}
		for _, e := range c.Exceptions {
			if !e.Working && e.Start < to && e.End > from {
				why = append(why, nonEmpty(e.Reason, "closed"))
			}
		}
	}
	if len(why) == 0 {
		return "no shift"
	}
	return strings.Join(why, ", ")
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (d *dash) poolHeat() {
	p := d.p
	d.printf("<section id=\"operators\"><h2>Operators' load per day</h2>\n")
	if len(p.OperatorPools) == 0 {
		d.printf("<p>The plant has no operator pools.</p></section>\n")
		return
	}
	d.printf("<p class=\"note\">Operator-hours used over operator-hours available (operators times the pool's working time) per day, in percent.</p>\n<div class=\"scroll\"><table class=\"heat\">")
	d.dayHeader("Pool")
	d.printf("<tbody>\n")
	for o := range p.OperatorPools {
		pool := &p.OperatorPools[o]
		d.printf("<tr><th class=\"name\">%s <span>%d × %s</span></th>", esc(pool.ID), pool.Capacity, esc(strings.Join(pool.Skills, ", ")))
		for i := 0; i+1 < len(d.days); i++ {
			used, avail := d.poolLoad(o, d.days[i], d.days[i+1])
			if avail == 0 {
				d.printf("<td class=\"off\" title=\"not working\"></td>")
				continue
			}
			r := float64(used) / float64(avail)
			d.printf("<td class=\"%s\" title=\"%.1f of %.1f operator-hours\">%.0f</td>", heatClass(r), d.clk.hoursOf(used), d.clk.hoursOf(avail), 100*r)
		}
		used, avail := d.poolLoad(o, 0, d.makespan)
		d.printf("<td class=\"num\">%.0f %%</td></tr>\n", 100*float64(used)/math.Max(1, float64(avail)))
	}
	d.printf("</tbody></table></div></section>\n")
}

// lateReasons explains the late orders of s with explain.Late: each
// order's summary sentence, by job index. It returns nil when the plan
// cannot be explained (the dashboard then shows binding resources).
func lateReasons(p *model.Problem, s *schedule.Schedule) func(job int) string {
	r, err := explain.Late(p, s)
	if err != nil || r == nil {
		return nil
	}
	byID := make(map[string]string, len(r.Orders))
	for _, o := range r.Orders {
		byID[o.Job] = o.Summary
	}
	return func(job int) string { return byID[p.Jobs[job].ID] }
}
