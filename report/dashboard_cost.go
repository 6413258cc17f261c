package report

import (
	"math"
	"sort"

	"github.com/ordo-sched/ordo/schedule"
)

// costTop bounds the orders and machines the dashboard's cost section
// lists.
const costTop = 10

// barWidth returns the width in pixels of a bar for v against top.
func barWidth(v, top, full float64) float64 {
	if top <= 0 || v <= 0 {
		return 0
	}
	return math.Max(1, full*v/top)
}

// costCard is the summary card of the plan's cost.
func (d *dash) costCard() {
	if d.costs == nil {
		return
	}
	d.printf("<div class=\"card\"><div class=\"v\"><a href=\"#costs\">%s</a></div><div class=\"l\">plan cost (see Cost)</div></div>\n", moneyGrouped(d.costs.Total))
}

// costSection writes the plan's cost: total, a bar per kind, the most
// expensive orders and machines.
func (d *dash) costSection() {
	c := d.costs
	if c == nil {
		return
	}
	p := d.p
	d.printf("<section id=\"costs\"><h2>Cost</h2>\n")
	d.printf("<p class=\"note\">What the plan costs, in the unit of money of the problem's cost fields: machine time at its hourly cost with night and weekend premiums, setups (time and family changes), overtime, lateness penalties, finished goods held before their due date and purchased materials held in stock. The full breakdown per order and machine: <code>ordo report costs PROBLEM PLAN</code>.</p>\n")
	d.printf("<p class=\"total\">Total <b>%s</b></p>\n", moneyGrouped(c.Total))

	amounts := costKinds(c)
	top := 0.0
	for _, v := range amounts {
		top = math.Max(top, v)
	}
	d.printf("<table class=\"list bars costkinds\"><thead><tr><th>Kind</th><th class=\"num\">Amount</th><th class=\"num\">Share</th><th></th></tr></thead><tbody>\n")
	for i, v := range amounts {
		d.printf("<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td><div class=\"bar cost k%d\" style=\"width:%.0fpx\"></div></td></tr>\n",
			esc(kindLabel(CostKinds[i])), moneyGrouped(v), share(v, c.Total), i, barWidth(v, top, 360))
	}
	d.printf("</tbody></table>\n<div class=\"costtops\">\n")

	ms := append([]schedule.MachineCost(nil), c.Machines...)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].Total > ms[b].Total })
	ms = ms[:min(costTop, len(ms))]
	d.printf("<div><h3>Most expensive machines</h3><table class=\"list bars\"><thead><tr><th>Machine</th><th class=\"num\">Processing</th><th class=\"num\">Setups</th><th class=\"num\">Overtime</th><th class=\"num\">Total</th><th></th></tr></thead><tbody>\n")
	mTop := 0.0
	if len(ms) > 0 {
		mTop = ms[0].Total
	}
	for _, m := range ms {
		d.printf("<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\"><b>%s</b></td><td><div class=\"bar\" style=\"width:%.0fpx\"></div></td></tr>\n",
			esc(machineLabel(&p.Machines[m.Machine])), moneyGrouped(m.Processing), moneyGrouped(m.Setups), moneyGrouped(m.Overtime), moneyGrouped(m.Total), barWidth(m.Total, mTop, 160))
	}
	d.printf("</tbody></table></div>\n")

	ords := append([]schedule.OrderCost(nil), c.Orders...)
	sort.SliceStable(ords, func(a, b int) bool { return ords[a].Total > ords[b].Total })
	ords = ords[:min(costTop, len(ords))]
	d.printf("<div><h3>Most expensive orders</h3><table class=\"list bars\"><thead><tr><th>Order</th><th>Product</th><th class=\"num\">Machine time</th><th class=\"num\">Lateness</th><th class=\"num\">Holding</th><th class=\"num\">Total</th><th></th></tr></thead><tbody>\n")
	oTop := 0.0
	if len(ords) > 0 {
		oTop = ords[0].Total
	}
	for _, o := range ords {
		j := &p.Jobs[o.Job]
		d.printf("<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\"><b>%s</b></td><td><div class=\"bar\" style=\"width:%.0fpx\"></div></td></tr>\n",
			esc(j.ID), esc(j.Name), moneyGrouped(o.Processing+o.Setups+o.Overtime), moneyGrouped(o.Lateness), moneyGrouped(o.Holding), moneyGrouped(o.Total), barWidth(o.Total, oTop, 160))
	}
	d.printf("</tbody></table></div>\n</div></section>\n")
}

const costCSS = `
p.total { font-size: 20px; margin: 4px 0 10px 0; }
.costtops { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 12px; }
.costtops h3 { font-size: 15px; margin: 0 0 6px 0; }
div.bar.cost.k0 { background: #1f5f99; } div.bar.cost.k1 { background: #5b7fa6; } div.bar.cost.k2 { background: #e0a100; }
div.bar.cost.k3 { background: #c62828; } div.bar.cost.k4 { background: #6a3d9a; } div.bar.cost.k5 { background: #2e8b57; }
.card .v a { color: inherit; text-decoration: none; }
`
