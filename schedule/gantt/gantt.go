package gantt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Options tune a chart. The zero value gives an automatic layout.
type Options struct {
	// Title is drawn above the chart; empty means the problem's name.
	Title string
	// Width is the total width in pixels (0: automatic, growing with the
	// number of operations per machine).
	Width int
	// RowHeight is the height of a machine row in pixels (0: automatic,
	// shrinking with the number of machines).
	RowHeight int
	// From and To restrict the time window drawn, in ticks. When both are
	// zero the window is from the earliest setup start (or 0) to the
	// makespan.
	From, To int64
	// NoLabels hides the job labels inside the bars.
	NoLabels bool
	// NoLegend hides the legend under the chart.
	NoLegend bool
	// View chooses the rows: one per machine (the default) or one per
	// operator of each operator pool.
	View View
	// Week, when set, draws the week (Monday 00:00 to Monday 00:00 in the
	// chart's time zone) containing this instant on one page: it replaces
	// From and To, and the HTML page prints on one A4 landscape sheet.
	Week time.Time
}

// View is what the rows of a chart are.
type View int

const (
	// Machines draws one row per machine.
	Machines View = iota
	// Pools draws one row per operator of each operator pool (the pool's
	// capacity, more when the schedule overbooks it): an operation needing
	// operators of the pool is a bar in the rows of the operators it takes.
	Pools
)

// maxSpan bounds the time window drawn (ticks): about 190 years of minutes.
const maxSpan = 1e8

// bar is one operation to draw.
type bar struct {
	a       schedule.Assignment
	late    bool
	lastOfJ bool
}

// special is a labelled non-working window of a row: planned maintenance
// (machine downtime) or a holiday (a calendar's non-working exception).
type special struct {
	iv     model.Interval
	maint  bool
	reason string
}

// receipt is a planned delivery of a material drawn in the receipts row.
type receipt struct {
	at    int64
	label string
}

// chart is the computed layout of a Gantt chart.
type chart struct {
	p     *model.Problem
	s     *schedule.Schedule
	opts  Options
	title string

	t0, t1     int64 // time window
	left       float64
	top        float64
	plotW      float64
	rowH       float64
	width      float64
	height     float64
	legendTop  float64
	fontSize   float64
	rows       [][]bar            // per row (machine, or operator of a pool)
	labels     []string           // per row
	offTime    [][]model.Interval // per row: non-working intervals in [t0, t1)
	specials   [][]special        // per row: maintenance and holidays in [t0, t1)
	receipts   []receipt          // in [t0, t1)
	dueMarks   bool               // some late order's due date is drawn
	completion []int64            // per job, -1 when the job has no assignment
	late       []bool             // per job
	setupJobs  []bool             // per job: has a drawn setup
	nLate      int
	makespan   int64
	loc        *time.Location // of the time axis and tooltips
}

// SVG writes the Gantt chart of schedule s for problem p as a standalone
// SVG image. It returns an error naming the offending assignment when s
// does not fit p (an index out of range), or when a machine's calendar
// cannot be expanded.
func SVG(w io.Writer, p *model.Problem, s *schedule.Schedule, opts Options) error {
	c, err := layout(p, s, opts, true)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	c.writeSVG(bw, true)
	return bw.Flush()
}

// HTML writes a self-contained HTML page showing the Gantt chart of s, with
// a header summarising the schedule (makespan, late orders), hover tooltips
// and a legend. The page needs no external resources.
func HTML(w io.Writer, p *model.Problem, s *schedule.Schedule, opts Options) error {
	c, err := layout(p, s, opts, false)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>%s</title>\n", esc(c.title))
	bw.WriteString(`<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 16px; color: #222; }
h1 { font-size: 20px; margin: 0 0 4px 0; }
p.kpi { margin: 0 0 12px 0; color: #444; }
p.kpi b { color: #111; }
p.kpi .late { color: #c00; }
div.chart { overflow-x: auto; border: 1px solid #ddd; }
svg .op:hover rect.bar { stroke: #000; stroke-width: 2; }
svg.hl g.op { opacity: 0.25; }
svg.hl g.op.on { opacity: 1; }
p.hint { color: #777; font-size: 12px; }
@media print { body { margin: 0; } div.chart { overflow: visible; border: none; } div.chart svg { width: 100%; height: auto; } p.hint { display: none; } }
</style>
`)
	if !opts.Week.IsZero() {
		// One week on one sheet.
		bw.WriteString("<style>@page { size: A4 landscape; margin: 8mm; }</style>\n")
	}
	bw.WriteString("</head>\n<body>\n")
	fmt.Fprintf(bw, "<h1>%s</h1>\n", esc(c.title))
	nOps := len(s.Assignments)
	fmt.Fprintf(bw, "<p class=\"kpi\"><b>%d</b> machines, <b>%d</b> orders, <b>%d</b> operations; makespan <b>%s</b>",
		len(p.Machines), len(p.Jobs), nOps, esc(c.fmtTime(c.makespan)))
	if c.hasDue() {
		if c.nLate > 0 {
			fmt.Fprintf(bw, "; <span class=\"late\"><b>%d</b> late order(s)</span>", c.nLate)
		} else {
			bw.WriteString("; no late order")
		}
	}
	bw.WriteString("</p>\n<div class=\"chart\">\n")
	c.writeSVG(bw, false)
	bw.WriteString("</div>\n<p class=\"hint\">Hover over a bar for details; the other operations of its order stay highlighted.</p>\n")
	bw.WriteString(highlightScript)
	bw.WriteString("</body>\n</html>\n")
	return bw.Flush()
}

// highlightScript highlights every operation of the order under the mouse.
const highlightScript = `<script>
//<![CDATA[
(function () {
  var svg = document.querySelector("div.chart svg");
  if (!svg) { return; }
  var ops = svg.querySelectorAll("g.op");
  function clear() {
    svg.classList.remove("hl");
    for (var i = 0; i < ops.length; i++) { ops[i].classList.remove("on"); }
  }
  for (var i = 0; i < ops.length; i++) {
    ops[i].addEventListener("mouseenter", function (e) {
      var job = e.currentTarget.getAttribute("data-job");
      clear();
      svg.classList.add("hl");
      for (var k = 0; k < ops.length; k++) {
        if (ops[k].getAttribute("data-job") === job) { ops[k].classList.add("on"); }
      }
    });
    ops[i].addEventListener("mouseleave", clear);
  }
})();
//]]>
</script>
`

func (c *chart) hasDue() bool {
	for i := range c.p.Jobs {
		if c.p.Jobs[i].Due != nil {
			return true
		}
	}
	return false
}

// layout validates s against p and computes the chart geometry.
func layout(p *model.Problem, s *schedule.Schedule, opts Options, standalone bool) (*chart, error) {
	if p == nil {
		return nil, errors.New("gantt: nil problem")
	}
	if s == nil {
		return nil, errors.New("gantt: nil schedule")
	}
	c := &chart{p: p, s: s, opts: opts}
	c.title = opts.Title
	if c.title == "" {
		c.title = p.Name
	}
	if c.title == "" {
		c.title = "Schedule"
	}
	c.loc = axisLocation(p)
	nJ := len(p.Jobs)
	c.completion = make([]int64, nJ)
	for j := range c.completion {
		c.completion[j] = -1
	}
	c.late = make([]bool, nJ)
	c.setupJobs = make([]bool, nJ)
	c.rows = make([][]bar, len(p.Machines))
	minT := int64(0)
	for i, a := range s.Assignments {
		if a.Job < 0 || a.Job >= nJ {
			return nil, fmt.Errorf("gantt: assignment %d: job index %d out of range [0, %d)", i, a.Job, nJ)
		}
		if a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) {
			return nil, fmt.Errorf("gantt: assignment %d: operation index %d out of range for job %q (%d operations)", i, a.Op, p.Jobs[a.Job].ID, len(p.Jobs[a.Job].Operations))
		}
		if a.Machine < 0 || a.Machine >= len(p.Machines) {
			return nil, fmt.Errorf("gantt: assignment %d: machine index %d out of range [0, %d)", i, a.Machine, len(p.Machines))
		}
		if a.End < a.Start || a.SetupStart > a.Start {
			return nil, fmt.Errorf("gantt: assignment %d (job %q op %d): times out of order (setup %d, start %d, end %d)", i, p.Jobs[a.Job].ID, a.Op, a.SetupStart, a.Start, a.End)
		}
		if a.End > c.completion[a.Job] {
			c.completion[a.Job] = a.End
		}
		if a.End > c.makespan {
			c.makespan = a.End
		}
		if a.SetupStart < minT {
			minT = a.SetupStart
		}
		if a.SetupStart < a.Start {
			c.setupJobs[a.Job] = true
		}
	}
	for j := range p.Jobs {
		if d := p.Jobs[j].Due; d != nil && c.completion[j] > *d {
			c.late[j] = true
			c.nLate++
		}
	}
	c.t0, c.t1 = minT, c.makespan
	if opts.From != 0 || opts.To != 0 {
		c.t0, c.t1 = opts.From, opts.To
	}
	if !opts.Week.IsZero() {
		if p.Epoch.IsZero() {
			return nil, errors.New("gantt: a week view needs a problem with an epoch (dates)")
		}
		t := opts.Week.In(c.loc)
		// The week's Monday as a civil date (UTC days all have 24 hours),
		// then its first instant in the plant's zone.
		date := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		date = date.AddDate(0, 0, -(int(date.Weekday())+6)%7)
		y, m, d := date.Date()
		mon := model.LocalDayStart(y, m, d, c.loc)
		c.t0, c.t1 = p.TickOf(mon), p.TickOf(model.LocalDayStart(y, m, d+7, c.loc))
		if opts.Title == "" {
			_, wk := date.ISOWeek()
			c.title += fmt.Sprintf(", week %d (%s to %s)", wk, date.Format("Mon 02 Jan"), date.AddDate(0, 0, 6).Format("Sun 02 Jan 2006"))
		}
	}
	if c.t1 <= c.t0 {
		c.t1 = c.t0 + 1
	}
	if c.t1-c.t0 > maxSpan {
		return nil, fmt.Errorf("gantt: time window [%d, %d) spans more than %d ticks", c.t0, c.t1, int64(maxSpan))
	}
	horizon := max(c.t1, 1)
	// offOf returns the non-working parts of the window given working
	// intervals.
	offOf := func(ivs []model.Interval) []model.Interval {
		var on []model.Interval
		for _, iv := range ivs {
			on = append(on, model.Interval{Start: max(iv.Start, c.t0), End: min(iv.End, c.t1)})
		}
		return model.Subtract([]model.Interval{{Start: c.t0, End: c.t1}}, model.Normalize(on))
	}
	// holidays returns the non-working exceptions of calendar id in the
	// window.
	holidays := func(id string) []special {
		var out []special
		for i := range p.Calendars {
			if p.Calendars[i].ID != id {
				continue
			}
			for _, e := range p.Calendars[i].Exceptions {
				if !e.Working && e.Start < c.t1 && e.End > c.t0 {
					out = append(out, special{iv: model.Interval{Start: max(e.Start, c.t0), End: min(e.End, c.t1)}, reason: e.Reason})
				}
			}
		}
		return out
	}

	if opts.View == Pools {
		c.rows = nil
		if err := c.poolRows(holidays, offOf, horizon); err != nil {
			return nil, err
		}
	} else {
		c.rows = make([][]bar, len(p.Machines))
		for _, a := range s.Assignments {
			c.rows[a.Machine] = append(c.rows[a.Machine], bar{a: a, late: c.late[a.Job], lastOfJ: a.End == c.completion[a.Job]})
		}
		c.offTime = make([][]model.Interval, len(p.Machines))
		c.specials = make([][]special, len(p.Machines))
		for m := range p.Machines {
			mach := &p.Machines[m]
			c.labels = append(c.labels, machineName(mach))
			if mach.Calendar == "" && len(mach.Downtime) == 0 {
				continue
			}
			ivs, err := p.MachineIntervals(mach, horizon)
			if err != nil {
				return nil, fmt.Errorf("gantt: %w", err)
			}
			c.offTime[m] = offOf(ivs)
			c.specials[m] = holidays(mach.Calendar)
			for _, d := range mach.Downtime {
				if d.Start < c.t1 && d.End > c.t0 {
					c.specials[m] = append(c.specials[m], special{iv: model.Interval{Start: max(d.Start, c.t0), End: min(d.End, c.t1)}, maint: true, reason: d.Reason})
				}
			}
		}
	}
	maxOps := 0
	for m := range c.rows {
		r := c.rows[m]
		sort.SliceStable(r, func(x, y int) bool {
			if r[x].a.Start != r[y].a.Start {
				return r[x].a.Start < r[y].a.Start
			}
			return r[x].a.Job < r[y].a.Job
		})
		maxOps = max(maxOps, len(r))
	}
	// Setups and due-date marks as drawn in these rows.
	for j := range c.setupJobs {
		c.setupJobs[j] = false
	}
	for _, row := range c.rows {
		for _, b := range row {
			if b.a.SetupStart < b.a.Start {
				c.setupJobs[b.a.Job] = true
			}
			if due := p.Jobs[b.a.Job].Due; b.late && b.lastOfJ && *due >= c.t0 && *due <= c.t1 {
				c.dueMarks = true
			}
		}
	}
	for i := range p.Materials {
		mat := &p.Materials[i]
		for _, r := range mat.Receipts {
			if r.At >= c.t0 && r.At <= c.t1 {
				label := fmt.Sprintf("Receipt of %s", mat.ID)
				if mat.Name != "" {
					label += " (" + mat.Name + ")"
				}
				label += fmt.Sprintf(": %g %s at %s", r.Quantity, mat.Unit, c.fmtTime(r.At))
				c.receipts = append(c.receipts, receipt{at: r.At, label: strings.TrimSpace(label)})
			}
		}
	}
	sort.SliceStable(c.receipts, func(i, j int) bool { return c.receipts[i].at < c.receipts[j].at })

	// Geometry.
	nM := c.nRows()
	maxName := 4
	for _, l := range c.labels {
		maxName = max(maxName, len([]rune(l)))
	}
	c.left = math.Min(220, 16+6.6*float64(maxName))
	c.width = float64(opts.Width)
	if c.width <= 0 {
		// Wide enough for about 22 px per operation on the busiest machine
		// and 28 px for an operation of median duration, within 1200-4800.
		want := float64(maxOps) * 22
		if med := medianDuration(s); med > 0 {
			want = math.Max(want, float64(c.t1-c.t0)/float64(med)*28)
		}
		c.width = math.Max(1200, math.Min(4800, c.left+30+want))
		if !opts.Week.IsZero() {
			c.width = 1500
		}
	}
	c.plotW = math.Max(100, c.width-c.left-30)
	c.width = c.left + c.plotW + 30
	c.rowH = float64(opts.RowHeight)
	if c.rowH <= 0 {
		switch {
		case nM <= 12:
			c.rowH = 32
		default:
			c.rowH = math.Max(16, math.Min(32, 480/float64(nM)+8))
		}
	}
	c.fontSize = math.Min(12, math.Max(9, c.rowH*0.55))
	c.top = 50 // axis labels: days and hours
	if standalone {
		c.top += 26 // the title
	}
	c.legendTop = c.top + float64(max(nM, 1))*c.rowH + c.axisBelowHeight() + 18
	c.height = c.legendTop + c.legendHeight() + 12
	return c, nil
}

// axisLocation returns the time zone of the dates shown (see
// model.Problem.DisplayLocation).
func axisLocation(p *model.Problem) *time.Location {
	return p.DisplayLocation()
}

// medianDuration returns the median processing time of the assignments.
func medianDuration(s *schedule.Schedule) int64 {
	if len(s.Assignments) == 0 {
		return 0
	}
	d := make([]int64, len(s.Assignments))
	for i, a := range s.Assignments {
		d[i] = a.End - a.Start
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

func (c *chart) axisBelowHeight() float64 {
	if c.nRows() > 15 {
		return 40
	}
	return 0
}

// machineName is the row label of m: its name, else its ID ("M3" for the
// numeric IDs of benchmark instances).
func machineName(m *model.Machine) string {
	if m.Name != "" {
		return m.Name
	}
	if isNumber(m.ID) {
		return "M" + m.ID
	}
	return m.ID
}

// jobLabel is the bar label of job j: its ID ("J3" for numeric IDs).
func jobLabel(j *model.Job) string {
	if isNumber(j.ID) {
		return "J" + j.ID
	}
	return j.ID
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// x maps a tick to a horizontal pixel position.
func (c *chart) x(t int64) float64 {
	return c.left + float64(t-c.t0)*c.plotW/float64(c.t1-c.t0)
}

func (c *chart) clip(t int64) int64 { return min(max(t, c.t0), c.t1) }

// writeSVG writes the <svg> element (with an XML declaration when
// standalone).
func (c *chart) writeSVG(w *bufio.Writer, standalone bool) {
	if standalone {
		w.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	}
	fmt.Fprintf(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"%.1f\">\n",
		c.width, c.height, c.width, c.height, c.fontSize)
	fmt.Fprintf(w, "<title>%s</title>\n", esc(c.title))
	c.writeDefs(w)
	w.WriteString("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
	if standalone {
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", c.left, esc(c.title))
	}

	nM := len(c.rows)
	bottom := c.top + float64(c.nRows())*c.rowH
	// Row backgrounds and machine names.
	w.WriteString("<g class=\"rows\">\n")
	for m := 0; m < nM; m++ {
		y := c.top + float64(m)*c.rowH
		fill := "#ffffff"
		if m%2 == 1 {
			fill = "#f4f6f8"
		}
		fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", c.left, y, c.plotW, c.rowH, fill)
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\">%s</text>\n",
			c.left-8, y+c.rowH/2, esc(c.labels[m]))
	}
	if len(c.receipts) > 0 {
		y := c.top + float64(nM)*c.rowH
		fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#eef7ee\"/>\n", c.left, y, c.plotW, c.rowH)
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\" font-style=\"italic\">Material receipts</text>\n", c.left-8, y+c.rowH/2)
	}
	w.WriteString("</g>\n")

	// Non-working time.
	w.WriteString("<g class=\"nonworking\" fill=\"#c8c8c8\" fill-opacity=\"0.75\">\n")
	for m, ivs := range c.offTime {
		y := c.top + float64(m)*c.rowH
		for _, iv := range ivs {
			x0, x1 := c.x(iv.Start), c.x(iv.End)
			fmt.Fprintf(w, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\"><title>%s: not working %s – %s</title></rect>\n",
				x0, y, math.Max(x1-x0, 0.5), c.rowH, esc(c.labels[m]), esc(c.fmtTime(iv.Start)), esc(c.fmtTime(iv.End)))
		}
	}
	w.WriteString("</g>\n")
	c.writeSpecials(w)

	// Axis with grid lines (drawn over the shading, under the bars).
	c.writeAxis(w, c.top, bottom)

	// Operations.
	pad := math.Max(1.5, c.rowH*0.12)
	w.WriteString("<g class=\"ops\">\n")
	for m, row := range c.rows {
		y := c.top + float64(m)*c.rowH + pad
		h := c.rowH - 2*pad
		for _, b := range row {
			a := b.a
			if a.End < c.t0 || a.SetupStart > c.t1 {
				continue
			}
			job := &c.p.Jobs[a.Job]
			col := jobColor(a.Job)
			fmt.Fprintf(w, "<g class=\"op\" data-job=\"%s\">", esc(job.ID))
			fmt.Fprintf(w, "<title>%s</title>", esc(c.tooltip(b)))
			if a.SetupStart < a.Start {
				sx0, sx1 := c.x(c.clip(a.SetupStart)), c.x(c.clip(a.Start))
				fmt.Fprintf(w, "<rect class=\"setup\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"url(#setup%d)\" stroke=\"%s\" stroke-width=\"0.6\"/>",
					sx0, y, math.Max(sx1-sx0, 0.5), h, a.Job, col.dark)
			}
			x0, x1 := c.x(c.clip(a.Start)), c.x(c.clip(a.End))
			bw := math.Max(x1-x0, 0.8)
			stroke, sw := col.dark, 0.6
			if b.late {
				stroke, sw = "#d00000", 2
			}
			fmt.Fprintf(w, "<rect class=\"bar\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" rx=\"2\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"/>",
				x0, y, bw, h, col.fill, stroke, sw)
			if c.p.Jobs[a.Job].Operations[a.Op].Resumable {
				c.writePauses(w, m, a, y, h)
			}
			if !c.opts.NoLabels {
				label := jobLabel(job)
				if tw := textWidth(label, c.fontSize); tw+6 <= bw {
					fmt.Fprintf(w, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"%s\" pointer-events=\"none\">%s</text>",
						x0+bw/2, y+h/2, col.text, esc(label))
				}
			}
			if b.late && b.lastOfJ {
				// A red marker above the end of the late order's last operation.
				mx, my := x1, y
				fmt.Fprintf(w, "<path class=\"late-marker\" d=\"M%.1f %.1f l-5 -6 h10 z\" fill=\"#d00000\"/>", mx, my+1)
			}
			w.WriteString("</g>\n")
		}
	}
	w.WriteString("</g>\n")
	c.writeDueMarks(w)
	c.writeReceipts(w)

	// Frame.
	fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\" stroke-width=\"1\"/>\n",
		c.left, c.top, c.plotW, bottom-c.top)
	if !c.opts.NoLegend {
		c.writeLegend(w)
	}
	w.WriteString("</svg>\n")
}

func (c *chart) writeDefs(w *bufio.Writer) {
	w.WriteString("<defs>\n")
	for j, ok := range c.setupJobs {
		if !ok {
			continue
		}
		col := jobColor(j)
		fmt.Fprintf(w, "<pattern id=\"setup%d\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"%s\" stroke-width=\"3\"/></pattern>\n", j, col.dark)
	}
	writeExtraDefs(w)
	w.WriteString("<pattern id=\"setupLegend\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#555555\" stroke-width=\"3\"/></pattern>\n")
	w.WriteString("</defs>\n")
}

// tooltip is the hover text of an operation.
func (c *chart) tooltip(b bar) string {
	a := b.a
	job := &c.p.Jobs[a.Job]
	var sb strings.Builder
	fmt.Fprintf(&sb, "Order %s", job.ID)
	if job.Name != "" {
		fmt.Fprintf(&sb, " (%s)", job.Name)
	}
	fmt.Fprintf(&sb, ", operation %s (%d of %d)\n", job.OpID(a.Op), a.Op+1, len(job.Operations))
	fmt.Fprintf(&sb, "Machine %s\n", machineName(&c.p.Machines[a.Machine]))
	if a.SetupStart < a.Start {
		fmt.Fprintf(&sb, "Setup %s – %s\n", c.fmtTime(a.SetupStart), c.fmtTime(a.Start))
	}
	fmt.Fprintf(&sb, "Start %s\nEnd %s\nDuration %s", c.fmtTime(a.Start), c.fmtTime(a.End), c.fmtDur(a.End-a.Start))
	if job.Due != nil {
		fmt.Fprintf(&sb, "\nDue %s", c.fmtTime(*job.Due))
		if b.late {
			fmt.Fprintf(&sb, " – LATE by %s", c.fmtDur(c.completion[a.Job]-*job.Due))
		}
	}
	return sb.String()
}

// fmtTime formats a tick: a date and time when the problem has an epoch, the
// plain number otherwise.
func (c *chart) fmtTime(t int64) string {
	if c.p.Epoch.IsZero() {
		return fmt.Sprint(t)
	}
	return c.p.TimeOf(t).In(c.loc).Format("Mon 2006-01-02 15:04")
}

// fmtDur formats a number of ticks as a duration when the problem has an
// epoch.
func (c *chart) fmtDur(d int64) string {
	if c.p.Epoch.IsZero() {
		return fmt.Sprint(d)
	}
	dur := time.Duration(d) * c.p.TickLength()
	days := int64(dur / (24 * time.Hour))
	dur -= time.Duration(days) * 24 * time.Hour
	h := int64(dur / time.Hour)
	mnt := int64((dur % time.Hour) / time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh%02d", days, h, mnt)
	case h > 0:
		return fmt.Sprintf("%dh%02d", h, mnt)
	default:
		return fmt.Sprintf("%d min", mnt)
	}
}

// textWidth estimates the rendered width of s in pixels.
func textWidth(s string, fontSize float64) float64 {
	return float64(len([]rune(s))) * fontSize * 0.62
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	return xmlEscaper.Replace(s)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;", "'", "&apos;")

// legendItem is one entry of the legend.
type legendItem struct {
	kind  string // "job", "setup", "off", "late"
	job   int
	label string
	x, y  float64
}

const legendRowH = 18

// legendItems lays out the legend entries from (c.left, 0) in rows.
func (c *chart) legendItems() []legendItem {
	if c.opts.NoLegend {
		return nil
	}
	var items []legendItem
	if len(c.p.Jobs) <= 60 {
		for j := range c.p.Jobs {
			label := jobLabel(&c.p.Jobs[j])
			if c.late[j] {
				label += " (late)"
			}
			items = append(items, legendItem{kind: "job", job: j, label: label})
		}
	} else {
		items = append(items, legendItem{kind: "note", label: fmt.Sprintf("%d orders, one colour each (hover a bar for details)", len(c.p.Jobs))})
	}
	hasSetup, hasOff := false, false
	for _, s := range c.setupJobs {
		hasSetup = hasSetup || s
	}
	for _, o := range c.offTime {
		hasOff = hasOff || len(o) > 0
	}
	if hasSetup {
		items = append(items, legendItem{kind: "setup", label: "setup"})
	}
	if hasOff {
		items = append(items, legendItem{kind: "off", label: "non-working time (nights, weekends)"})
	}
	hasMaint, hasHol, hasPause := false, false, false
	for _, sp := range c.specials {
		for _, x := range sp {
			hasMaint = hasMaint || x.maint
			hasHol = hasHol || !x.maint
		}
	}
	for m, row := range c.rows {
		for _, b := range row {
			if c.p.Jobs[b.a.Job].Operations[b.a.Op].Resumable && m < len(c.offTime) {
				for _, iv := range c.offTime[m] {
					hasPause = hasPause || (iv.Start < b.a.End && iv.End > b.a.Start)
				}
			}
		}
	}
	if hasMaint {
		items = append(items, legendItem{kind: "maint", label: "planned maintenance"})
	}
	if hasHol {
		items = append(items, legendItem{kind: "holiday", label: "holiday or closure"})
	}
	if hasPause {
		items = append(items, legendItem{kind: "pause", label: "resumable operation paused"})
	}
	if c.dueMarks {
		items = append(items, legendItem{kind: "due", label: "due date of a late order"})
	}
	if len(c.receipts) > 0 {
		items = append(items, legendItem{kind: "receipt", label: "material receipt"})
	}
	if c.nLate > 0 {
		items = append(items, legendItem{kind: "late", label: fmt.Sprintf("late order (%d)", c.nLate)})
	}
	x, y := c.left, 0.0
	maxX := c.left + c.plotW
	for i := range items {
		w := 22 + textWidth(items[i].label, 11) + 14
		if items[i].kind == "note" {
			w -= 22
		}
		if x+w > maxX && x > c.left {
			x, y = c.left, y+legendRowH
		}
		items[i].x, items[i].y = x, y
		x += w
	}
	return items
}

func (c *chart) legendHeight() float64 {
	items := c.legendItems()
	if len(items) == 0 {
		return 0
	}
	return items[len(items)-1].y + legendRowH
}

func (c *chart) writeLegend(w *bufio.Writer) {
	items := c.legendItems()
	if len(items) == 0 {
		return
	}
	w.WriteString("<g class=\"legend\" font-size=\"11\">\n")
	for _, it := range items {
		x, y := it.x, c.legendTop+it.y
		textX := x + 22
		switch it.kind {
		case "job":
			col := jobColor(it.job)
			stroke, sw := col.dark, 0.6
			if c.late[it.job] {
				stroke, sw = "#d00000", 2
			}
			fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" rx=\"2\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"/>", x, y, col.fill, stroke, sw)
		case "setup":
			fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" fill=\"url(#setupLegend)\" stroke=\"#555\" stroke-width=\"0.6\"/>", x, y)
		case "off":
			fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" fill=\"#c8c8c8\" stroke=\"#999\" stroke-width=\"0.6\"/>", x, y)
		case "late":
			fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" rx=\"2\" fill=\"#ffffff\" stroke=\"#d00000\" stroke-width=\"2\"/><path d=\"M%.1f %.1f l-5 -6 h10 z\" fill=\"#d00000\"/>", x, y, x+16, y+1)
		case "maint":
			fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" fill=\"url(#maint)\" stroke=\"%s\" stroke-width=\"0.8\"/>", x, y, maintColor)
		case "holiday":
			fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" fill=\"url(#holiday)\" stroke=\"%s\" stroke-width=\"0.8\"/>", x, y, holidayColor)
		case "pause":
			fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"12\" fill=\"#7aa6d6\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"12\" fill=\"url(#pause)\"/>", x, y, x+4, y)
		case "due":
			fmt.Fprintf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>", x+2, y, x+2, y+12, dueColor, x+2, y+11, x+16, y+11, dueColor)
		case "receipt":
			fmt.Fprintf(w, "<path d=\"M%.1f %.1f l-6 -9 h12 z\" fill=\"%s\"/>", x+8, y+11, receiptColor)
		case "note":
			textX = x
		}
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" dominant-baseline=\"central\">%s</text>\n", textX, y+6, esc(it.label))
	}
	w.WriteString("</g>\n")
}
