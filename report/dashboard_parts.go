package report

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// stepPath returns an SVG path drawing a step curve through pts (value
// from At on) over [x0, x1) pixels for ticks [0, end), with y from yOf.
// Points closer than half a pixel are merged, keeping the extremes, so
// the path stays small for long plans.
func stepPath(pts []stockPoint, end int64, x0, x1 float64, yOf func(float64) float64) string {
	if len(pts) == 0 || end <= 0 {
		return ""
	}
	xOf := func(t int64) float64 { return x0 + (x1-x0)*float64(max(0, min(t, end)))/float64(end) }
	var b strings.Builder
	fmt.Fprintf(&b, "M%.1f %.1f", xOf(pts[0].At), yOf(pts[0].Stock))
	for i := 1; i < len(pts); {
		x := math.Round(xOf(pts[i].At)*2) / 2
		lo, hi := pts[i].Stock, pts[i].Stock
		j := i
		for j < len(pts) && math.Round(xOf(pts[j].At)*2)/2 == x {
			lo, hi = math.Min(lo, pts[j].Stock), math.Max(hi, pts[j].Stock)
			j++
		}
		last := pts[j-1].Stock
		fmt.Fprintf(&b, "H%.1f", x)
		if j-i > 1 {
			fmt.Fprintf(&b, "V%.1fV%.1f", yOf(lo), yOf(hi))
		}
		fmt.Fprintf(&b, "V%.1f", yOf(last))
		i = j
	}
	fmt.Fprintf(&b, "H%.1f", x1)
	return b.String()
}

func (d *dash) stock() {
	p := d.p
	produced := map[string]bool{}
	consumed := map[string]bool{}
	for j := range p.Jobs {
		for _, op := range p.Jobs[j].Operations {
			for _, q := range op.Produces {
				produced[q.Material] = true
			}
			for _, q := range op.Consumes {
				consumed[q.Material] = true
			}
		}
	}
	type row struct {
		m         int
		curve     []stockPoint
		low, peak float64
		lowAt     int64
		outs      int
		recv      float64
	}
	var rows []row
	nInter := 0
	for m := range p.Materials {
		mat := &p.Materials[m]
		if produced[mat.ID] {
			nInter++
			continue
		}
		if !consumed[mat.ID] {
			continue
		}
		c, low, lowAt := d.stockCurve(m)
		r := row{m: m, curve: c, low: low, lowAt: lowAt}
		for k, pt := range c {
			r.peak = math.Max(r.peak, pt.Stock)
			if pt.Stock <= 1e-9 && (k == 0 || c[k-1].Stock > 1e-9) && pt.At > 0 {
				r.outs++
			}
		}
		for _, rc := range mat.Receipts {
			r.recv += rc.Quantity
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(a, b int) bool {
		if (rows[a].outs > 0) != (rows[b].outs > 0) {
			return rows[a].outs > 0
		}
		ra, rb := rows[a].low/math.Max(rows[a].peak, 1e-9), rows[b].low/math.Max(rows[b].peak, 1e-9)
		return ra < rb
	})
	d.printf("<section id=\"stock\"><h2>Stock of purchased materials</h2>\n")
	if len(rows) == 0 {
		d.printf("<p>No purchased material is consumed.</p></section>\n")
		return
	}
	d.printf("<p class=\"note\">Stock over the plan (from the epoch to the last operation), receipts as green ticks; a red band where the stock is used up (a stock-out: the next consumption waits for a receipt). Materials that ran out come first, then by lowest stock relative to the peak.")
	if nInter > 0 {
		d.printf(" %d intermediate materials made in house are counted in the work in progress below.", nInter)
	}
	d.printf("</p>\n")
	const maxRows = 80
	if len(rows) > maxRows {
		d.printf("<p>The %d most critical of %d materials.</p>\n", maxRows, len(rows))
		rows = rows[:maxRows]
	}
	d.printf("<div class=\"scroll tall\"><table class=\"list stock\"><thead><tr><th>Material</th><th>Unit</th><th class=\"num\">Initial</th><th class=\"num\">Received</th><th class=\"num\">Lowest</th><th>On</th><th class=\"num\">Stock-outs</th><th>Stock over the plan</th></tr></thead><tbody>\n")
	const w, h = 360.0, 44.0
	for _, r := range rows {
		mat := &p.Materials[r.m]
		class := ""
		if r.outs > 0 {
			class = " class=\"short\""
		}
		top := math.Max(r.peak, 1e-9)
		yOf := func(v float64) float64 { return h - 3 - (h-6)*math.Max(0, v)/top }
		var svg strings.Builder
		fmt.Fprintf(&svg, "<svg class=\"spark\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"stock of %s\">", w, h, w, h, esc(mat.ID))
		xOf := func(t int64) float64 { return w * float64(max(0, min(t, d.makespan))) / float64(max(d.makespan, 1)) }
		for k, pt := range r.curve {
			if pt.Stock > 1e-9 {
				continue
			}
			end := d.makespan
			if k+1 < len(r.curve) {
				end = r.curve[k+1].At
			}
			fmt.Fprintf(&svg, "<rect class=\"out\" x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%.0f\"/>", xOf(pt.At), math.Max(1, xOf(end)-xOf(pt.At)), h)
		}
		for _, rc := range mat.Receipts {
			if rc.At <= d.makespan {
				fmt.Fprintf(&svg, "<path class=\"rcpt\" d=\"M%.1f %.0f l-3 5 h6 z\"><title>receipt of %s %s on %s</title></path>", xOf(rc.At), h-5, fmtQty(rc.Quantity), esc(mat.Unit), esc(d.clk.short(rc.At)))
			}
		}
		fmt.Fprintf(&svg, "<path class=\"line\" d=\"%s\"/></svg>", stepPath(r.curve, d.makespan, 0, w, yOf))
		d.printf("<tr%s><td title=\"%s\">%s</td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td>%s</td><td class=\"num\">%d</td><td>%s</td></tr>\n",
			class, esc(mat.Name), esc(mat.ID), esc(mat.Unit), fmtQty(mat.Initial), fmtQty(r.recv), fmtQty(r.low), esc(d.clk.short(r.lowAt)), r.outs, svg.String())
	}
	d.printf("</tbody></table></div></section>\n")
}

func (d *dash) wip() {
	p, s := d.p, d.s
	start := make([]int64, len(p.Jobs))
	for j := range start {
		start[j] = math.MaxInt64
	}
	for _, a := range s.Assignments {
		start[a.Job] = min(start[a.Job], a.SetupStart)
	}
	type ev struct {
		at    int64
		delta int
	}
	var evs []ev
	for j, k := range d.k.Jobs {
		if start[j] == math.MaxInt64 {
			continue
		}
		evs = append(evs, ev{start[j], 1}, ev{k.Completion, -1})
	}
	sort.SliceStable(evs, func(a, b int) bool {
		if evs[a].at != evs[b].at {
			return evs[a].at < evs[b].at
		}
		return evs[a].delta < evs[b].delta
	})
	var pts []stockPoint
	n, peak, peakAt := 0, 0, int64(0)
	pts = append(pts, stockPoint{0, 0})
	for _, e := range evs {
		n += e.delta
		if pts[len(pts)-1].At == e.at {
			pts[len(pts)-1].Stock = float64(n)
		} else {
			pts = append(pts, stockPoint{e.at, float64(n)})
		}
		if n > peak {
			peak, peakAt = n, e.at
		}
	}
	const w, h, left, bottom = 1100.0, 240.0, 48.0, 34.0
	top := math.Max(1, float64(peak))
	yOf := func(v float64) float64 { return 10 + (h-bottom-10)*(1-v/top) }
	d.printf("<section id=\"wip\"><h2>Work in progress</h2>\n<p class=\"note\">Orders started (first setup or operation begun) and not finished, over the plan; peak %d orders on %s.</p>\n", peak, esc(d.clk.short(peakAt)))
	d.printf("<div class=\"scroll\"><svg class=\"chart\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"orders in progress over time\">\n", w, h, w, h)
	// Y grid.
	for _, v := range niceTicks(top) {
		y := yOf(v)
		d.printf("<line class=\"grid\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/><text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\">%g</text>\n", left, w-10, y, y, left-6, y, v)
	}
	d.dayAxis(left, w-10, h-bottom)
	d.printf("<path class=\"wip\" d=\"%s\"/>\n</svg></div></section>\n", stepPath(pts, d.makespan, left, w-10, yOf))
}

// niceTicks returns 3 to 6 round values from 0 to about top.
func niceTicks(top float64) []float64 {
	step := math.Pow(10, math.Floor(math.Log10(top)))
	for top/step > 6 {
		step *= 2
	}
	for top/step < 3 && step > 1 {
		step /= 2
	}
	var out []float64
	for v := 0.0; v <= top+1e-9; v += step {
		out = append(out, v)
	}
	return out
}

// dayAxis draws date labels under a chart spanning [x0, x1) for [0,
// makespan), at y.
func (d *dash) dayAxis(x0, x1, y float64) {
	nD := len(d.days) - 1
	every := max(1, (nD+13)/14)
	xOf := func(t int64) float64 {
		return x0 + (x1-x0)*float64(max(0, min(t, d.makespan)))/float64(max(d.makespan, 1))
	}
	d.printf("<line class=\"axis\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", x0, x1, y, y)
	for i := 0; i < nD; i += every {
		x := xOf(d.days[i])
		t := d.p.TimeOf(d.days[i]).In(d.clk.loc)
		d.printf("<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\">%s</text>\n", x, x, y, y+5, x+2, y+16, t.Format("Mon 02 Jan"))
	}
}

func (d *dash) setups() {
	p := d.p
	type row struct {
		m     int
		setup int64
		n     int
	}
	var rows []row
	var total int64
	for m, mk := range d.k.Machines {
		r := row{m: m, setup: mk.Setup}
		for _, i := range d.byM[m] {
			if a := d.s.Assignments[i]; a.SetupStart < a.Start {
				r.n++
			}
		}
		total += mk.Setup
		if r.n > 0 {
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].setup > rows[b].setup })
	d.printf("<section id=\"setups\"><h2>Setup time</h2>\n")
	if len(rows) == 0 {
		d.printf("<p>The plan has no sequence-dependent setups.</p></section>\n")
		return
	}
	d.printf("<p class=\"note\">Sequence-dependent setup time per machine over the plan: %s in total.</p>\n<table class=\"list bars\"><thead><tr><th>Machine</th><th class=\"num\">Setups</th><th class=\"num\">Setup time</th><th class=\"num\">Share of the machine's time</th><th></th></tr></thead><tbody>\n", esc(d.clk.hours(total)))
	maxS := float64(rows[0].setup)
	for _, r := range rows {
		mk := d.k.Machines[r.m]
		share := 100 * float64(mk.Setup) / math.Max(1, float64(mk.Setup+mk.Busy))
		d.printf("<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%s</td><td class=\"num\">%.1f %%</td><td><div class=\"bar\" style=\"width:%.0fpx\"></div></td></tr>\n",
			esc(machineLabel(&p.Machines[r.m])), r.n, esc(d.clk.hours(r.setup)), share, math.Max(1, 300*float64(r.setup)/math.Max(maxS, 1)))
	}
	d.printf("</tbody></table></section>\n")
}

const dashCSS = `
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0; color: #1d232a; background: #f3f5f7; font-size: 14px; }
header { background: #1f3b57; color: #fff; padding: 14px 20px 8px 20px; }
header h1 { margin: 0 0 4px 0; font-size: 22px; }
header p { margin: 0 0 6px 0; color: #d6e2ee; }
nav a { color: #fff; margin-right: 14px; font-weight: 600; text-decoration: none; }
nav a:hover { text-decoration: underline; }
main { padding: 12px 20px 30px 20px; }
section { background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,0.12); padding: 12px 16px; margin: 0 0 16px 0; }
section h2 { margin: 0 0 8px 0; font-size: 18px; }
section.cards { display: flex; flex-wrap: wrap; gap: 12px; background: none; box-shadow: none; padding: 0; }
.card { background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,0.12); padding: 10px 16px; min-width: 170px; border-top: 5px solid #8aa1b8; }
.card .v { font-size: 26px; font-weight: 700; }
.card .l { color: #55606b; font-size: 12px; max-width: 220px; }
.card.good { border-top-color: #2e8b57; } .card.warn { border-top-color: #e0a100; } .card.bad { border-top-color: #c62828; }
.card.bad .v { color: #b71c1c; }
p.note { color: #55606b; margin: 0 0 8px 0; max-width: 1100px; }
.scroll { overflow: auto; max-width: 100%; }
.scroll.tall { max-height: 520px; }
table { border-collapse: collapse; }
table.list th, table.list td { padding: 4px 8px; border-bottom: 1px solid #e3e7eb; text-align: left; vertical-align: middle; }
table.list thead th { position: sticky; top: 0; background: #eef2f5; z-index: 1; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.heat { font-size: 11px; }
table.heat th { font-weight: 600; padding: 2px 3px; white-space: nowrap; background: #fff; }
table.heat thead th { position: sticky; top: 0; font-size: 10px; }
table.heat th.we { color: #999; }
table.heat th.name { text-align: left; position: sticky; left: 0; background: #fff; z-index: 2; min-width: 90px; }
table.heat th.name span { font-weight: 400; color: #6b7680; }
table.heat td { width: 30px; min-width: 30px; height: 22px; text-align: center; border: 1px solid #fff; }
table.heat td.off { background: repeating-linear-gradient(45deg, #e3e3e3, #e3e3e3 3px, #f3f3f3 3px, #f3f3f3 6px); }
table.heat td.top { outline: 2px solid #111; outline-offset: -2px; font-weight: 700; }
table.heat td.num { width: auto; padding: 0 6px; }
table.heat tr.busiest td { font-size: 9px; font-weight: 700; color: #333; writing-mode: vertical-rl; transform: rotate(180deg); height: 56px; }
p.legend span { display: inline-block; padding: 1px 8px; margin-right: 2px; font-size: 11px; }
p.legend span.off { background: repeating-linear-gradient(45deg, #e3e3e3, #e3e3e3 3px, #f3f3f3 3px, #f3f3f3 6px); }
table.stock tr.short td { background: #fdecea; }
table.stock tr.short td:first-child { border-left: 4px solid #c62828; font-weight: 700; }
svg.spark .line { fill: none; stroke: #1f5f99; stroke-width: 1.4; }
svg.spark .out { fill: #e53935; fill-opacity: 0.35; }
svg.spark .rcpt { fill: #2e8b57; }
svg.chart { font-size: 11px; fill: #333; }
svg.chart .grid { stroke: #e3e7eb; }
svg.chart .axis, svg.chart .tick { stroke: #888; }
svg.chart .wip { fill: none; stroke: #6a3d9a; stroke-width: 1.6; }
div.bar { height: 12px; background: #5b7fa6; border-radius: 2px; }
input[type=search] { padding: 5px 8px; width: 320px; font-size: 14px; }
@media print { body { background: #fff; } section { box-shadow: none; break-inside: avoid; } .scroll, .scroll.tall { max-height: none; overflow: visible; } }
`

const dashJS = `
(function () {
  var input = document.getElementById("late-filter");
  var table = document.getElementById("late-table");
  if (!input || !table) { return; }
  var rows = table.tBodies[0].rows;
  input.addEventListener("input", function () {
    var q = input.value.toLowerCase();
    for (var i = 0; i < rows.length; i++) {
      rows[i].style.display = rows[i].textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
    }
  });
})();
`
