package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/ordo-sched/ordo/model"
)

// WorkListCSVHeader is the header row of WriteWorkListCSV, for MES imports.
// Times are RFC 3339 in the plant's time zone; durations are minutes;
// materials, operators and downstream operations are "; "-separated lists.
var WorkListCSVHeader = []string{
	"team", "shift_start", "shift_end", "seq", "order", "product", "quantity",
	"operation", "step", "machine", "machine_name", "setup_start", "setup_min",
	"setup_from", "setup_to", "start", "end", "run_min", "resumable",
	"materials", "operators", "next",
}

// WriteWorkListCSV writes work list wl as CSV: the header row
// WorkListCSVHeader, then one row per item in order.
func WriteWorkListCSV(w io.Writer, p *model.Problem, wl *WorkList) error {
	clk := newClock(p)
	cw := csv.NewWriter(w)
	if err := cw.Write(WorkListCSVHeader); err != nil {
		return err
	}
	mins := func(d int64) string { return fmt.Sprintf("%g", clk.hoursOf(d)*60) }
	for n, it := range wl.Items {
		row := []string{
			wl.Team, clk.iso(wl.Shift.Start), clk.iso(wl.Shift.End), fmt.Sprint(n + 1), it.Order, it.Product, fmtQty(it.Quantity),
			it.Op, it.Step, it.Machine, it.MachineName, clk.iso(it.SetupStart), mins(it.Setup),
			it.SetupFrom, it.SetupTo, clk.iso(it.Start), clk.iso(it.End), mins(it.End - it.Start), fmt.Sprint(it.Resumable),
			materialList(it.Materials), operatorList(it.Operators), nextList(clk, it.Next),
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func materialList(ms []MaterialNeed) string {
	var parts []string
	for _, m := range ms {
		s := m.Material + " " + fmtQty(m.Quantity)
		if m.Unit != "" {
			s += " " + m.Unit
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func operatorList(os []OperatorNeed) string {
	var parts []string
	for _, o := range os {
		parts = append(parts, fmt.Sprintf("%d x %s (%s)", o.Count, o.Skill, o.Pool))
	}
	return strings.Join(parts, "; ")
}

func nextList(clk clock, ds []Downstream) string {
	var parts []string
	for _, d := range ds {
		s := d.Order + "/" + d.Op
		if d.Machine != "" {
			s += " on " + d.Machine + " at " + clk.short(d.Start)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// WriteWorkListHTML writes work list wl as a printable HTML page: A4
// landscape, large type, one printed page per machine of the list (a
// pool's list has one page per machine its operators work on). The page
// needs no external resources.
func WriteWorkListHTML(w io.Writer, p *model.Problem, wl *WorkList) error {
	clk := newClock(p)
	bw := bufio.NewWriter(w)
	title := fmt.Sprintf("Work list %s, %s", wl.Team, shiftLabel(clk, wl))
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", html.EscapeString(title), workListCSS)
	x := p.NewIndex()
	pages := wl.Machines
	if len(pages) == 0 {
		pages = []string{""}
	}
	for _, mid := range pages {
		var items, running []WorkItem
		for _, it := range wl.Items {
			if mid == "" || it.Machine == mid {
				items = append(items, it)
			}
		}
		for _, it := range wl.Running {
			if mid == "" || it.Machine == mid {
				running = append(running, it)
			}
		}
		bw.WriteString("<section class=\"page\">\n<header>\n")
		head := wl.Team
		if m, ok := x.Machines[mid]; ok {
			head = machineLabel(&p.Machines[m])
			if wl.Pool != "" {
				head = "Operators " + wl.Pool + " at " + head
			}
		}
		fmt.Fprintf(bw, "<h1>%s</h1>\n<p class=\"shift\">%s</p>\n", html.EscapeString(head), html.EscapeString(shiftLabel(clk, wl)))
		fmt.Fprintf(bw, "<p class=\"plan\">%s &middot; %d operation(s)</p>\n</header>\n", html.EscapeString(p.Name), len(items))
		if len(items) == 0 {
			bw.WriteString("<p class=\"empty\">No operation starts in this shift.</p>\n")
		} else {
			writeItemsTable(bw, clk, items, wl.Pool != "", wl.Shift.End)
		}
		if len(running) > 0 {
			bw.WriteString("<h2>Still running from an earlier shift</h2>\n<ul class=\"running\">\n")
			for _, it := range running {
				fmt.Fprintf(bw, "<li>%s %s (%s), op %s on %s, until %s</li>\n", html.EscapeString(it.Order), html.EscapeString(it.Product), fmtQty(it.Quantity),
					html.EscapeString(it.Op), html.EscapeString(it.Machine), html.EscapeString(clk.short(it.End)))
			}
			bw.WriteString("</ul>\n")
		}
		var bring []MaterialNeed
		tot := map[string]int{}
		for _, it := range items {
			for _, q := range it.Materials {
				if k, ok := tot[q.Material]; ok {
					bring[k].Quantity += q.Quantity
				} else {
					tot[q.Material] = len(bring)
					bring = append(bring, q)
				}
			}
		}
		if len(bring) > 0 {
			bw.WriteString("<h2>Materials to bring for the shift</h2>\n<p class=\"bring\">")
			for k, q := range bring {
				if k > 0 {
					bw.WriteString(" &middot; ")
				}
				fmt.Fprintf(bw, "<b>%s %s</b> %s", fmtQty(q.Quantity), html.EscapeString(q.Unit), html.EscapeString(matName(q)))
			}
			bw.WriteString("</p>\n")
		}
		bw.WriteString("</section>\n")
	}
	bw.WriteString("</body>\n</html>\n")
	return bw.Flush()
}

func matName(q MaterialNeed) string {
	if q.Name != "" {
		return q.Name + " (" + q.Material + ")"
	}
	return q.Material
}

func shiftLabel(clk clock, wl *WorkList) string {
	if clk.unitless() {
		return fmt.Sprintf("from %d to %d", wl.Shift.Start, wl.Shift.End)
	}
	a, b := clk.p.TimeOf(wl.Shift.Start).In(clk.loc), clk.p.TimeOf(wl.Shift.End).In(clk.loc)
	end := b.Format("15:04")
	if b.YearDay() != a.YearDay() {
		end = b.Format("Mon 02 Jan 15:04")
	}
	return fmt.Sprintf("Shift %s – %s (%s)", a.Format("Monday 02 January 2006 15:04"), end, a.Format("MST"))
}

func writeItemsTable(bw *bufio.Writer, clk clock, items []WorkItem, showMachine bool, shiftEnd int64) {
	bw.WriteString("<table>\n<thead><tr><th>#</th><th>Start – end</th><th>Order / product</th><th class=\"num\">Qty</th><th>Op</th><th>Setup before</th><th>Bring</th><th>Operators</th><th>Then</th></tr></thead>\n<tbody>\n")
	for n, it := range items {
		fmt.Fprintf(bw, "<tr><td class=\"seq\">%d</td>", n+1)
		fmt.Fprintf(bw, "<td class=\"time\"><b>%s</b> – %s", clk.p.TimeOf(it.Start).In(clk.loc).Format("15:04"), html.EscapeString(endLabel(clk, it)))
		if it.End > shiftEnd {
			bw.WriteString("<br/><span class=\"small\">continues into the next shift</span>")
		}
		if showMachine {
			fmt.Fprintf(bw, "<br/><span class=\"small\">%s</span>", html.EscapeString(it.Machine))
		}
		bw.WriteString("</td>")
		fmt.Fprintf(bw, "<td><b>%s</b><br/><span class=\"small\">%s</span></td>", html.EscapeString(it.Order), html.EscapeString(it.Product))
		fmt.Fprintf(bw, "<td class=\"num\">%s</td>", fmtQty(it.Quantity))
		fmt.Fprintf(bw, "<td>%s<br/><span class=\"small\">step %s</span></td>", html.EscapeString(it.Op), it.Step)
		bw.WriteString("<td>")
		if it.Setup > 0 {
			fmt.Fprintf(bw, "<b>%s</b> from %s", clk.span(it.Setup), clk.p.TimeOf(it.SetupStart).In(clk.loc).Format("15:04"))
			if it.SetupFrom != "" || it.SetupTo != "" {
				from := it.SetupFrom
				if from == "" {
					from = "start"
				}
				fmt.Fprintf(bw, "<br/><span class=\"small\">%s → %s</span>", html.EscapeString(from), html.EscapeString(it.SetupTo))
			}
		} else {
			bw.WriteString("–")
		}
		bw.WriteString("</td><td>")
		if len(it.Materials) == 0 {
			bw.WriteString("–")
		}
		for k, q := range it.Materials {
			if k > 0 {
				bw.WriteString("<br/>")
			}
			fmt.Fprintf(bw, "<b>%s %s</b> %s", fmtQty(q.Quantity), html.EscapeString(q.Unit), html.EscapeString(q.Material))
		}
		bw.WriteString("</td><td>")
		if len(it.Operators) == 0 {
			bw.WriteString("–")
		}
		for k, o := range it.Operators {
			if k > 0 {
				bw.WriteString("<br/>")
			}
			fmt.Fprintf(bw, "%d × %s", o.Count, html.EscapeString(o.Skill))
		}
		bw.WriteString("</td><td class=\"small\">")
		for k, d := range it.Next {
			if k > 0 {
				bw.WriteString("<br/>")
			}
			if d.Start == math.MinInt64 {
				fmt.Fprintf(bw, "%s/%s", html.EscapeString(d.Order), html.EscapeString(d.Op))
				continue
			}
			fmt.Fprintf(bw, "%s/%s → <b>%s</b> %s", html.EscapeString(d.Order), html.EscapeString(d.Op), html.EscapeString(d.Machine), html.EscapeString(clk.short(d.Start)))
		}
		if len(it.Next) == 0 {
			bw.WriteString("finished order")
		}
		bw.WriteString("</td></tr>\n")
	}
	bw.WriteString("</tbody>\n</table>\n")
}

func endLabel(clk clock, it WorkItem) string {
	a, b := clk.p.TimeOf(it.Start).In(clk.loc), clk.p.TimeOf(it.End).In(clk.loc)
	if a.YearDay() != b.YearDay() {
		return b.Format("Mon 15:04")
	}
	return b.Format("15:04")
}

const workListCSS = `
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 15pt; color: #000; margin: 0; }
section.page { page-break-after: always; break-after: page; padding: 4mm; }
section.page:last-child { page-break-after: auto; break-after: auto; }
header { border-bottom: 3px solid #000; margin-bottom: 4mm; }
h1 { font-size: 26pt; margin: 0; }
h2 { font-size: 17pt; margin: 5mm 0 2mm 0; }
p.shift { font-size: 19pt; font-weight: bold; margin: 1mm 0; }
p.plan { font-size: 11pt; color: #333; margin: 1mm 0 2mm 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 2mm 2.5mm; vertical-align: top; text-align: left; }
th { background: #e6e6e6; font-size: 12pt; }
tbody tr { break-inside: avoid; page-break-inside: avoid; }
tbody tr:nth-child(even) { background: #f5f5f5; }
td.seq { font-size: 18pt; font-weight: bold; text-align: center; }
td.time { white-space: nowrap; font-size: 17pt; }
td.num { text-align: right; font-size: 17pt; }
.small { font-size: 11pt; color: #222; }
p.empty { font-size: 18pt; }
p.bring { font-size: 15pt; }
@media screen { body { background: #ddd; } section.page { background: #fff; width: 297mm; min-height: 210mm; margin: 8mm auto; box-shadow: 0 1px 6px rgba(0,0,0,0.3); } }
`
