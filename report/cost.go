package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// CostKinds names the kinds of cost of the cost report, in the order it
// lists them: machine processing time, setups (time and family changes),
// overtime, lateness penalties, finished goods held before their due date
// and purchased materials held in stock.
var CostKinds = []string{"processing", "setups", "overtime", "lateness", "holding", "material_holding"}

// costKinds returns the plan's amount per kind, in CostKinds' order.
func costKinds(c *schedule.Costs) []float64 {
	return []float64{c.Processing, c.Setups, c.Overtime, c.Lateness, c.FinishedHolding, c.MaterialHolding}
}

// kindLabel is a kind's name for people.
func kindLabel(kind string) string {
	switch kind {
	case "holding":
		return "finished-goods holding"
	case "material_holding":
		return "material holding"
	}
	return kind
}

// money formats an amount with two decimals (no currency: the problem's
// cost fields carry none).
func money(v float64) string {
	if v > -0.005 && v < 0.005 {
		v = 0 // no "-0.00"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// moneyGrouped is money with the thousands separated by thin spaces, for
// pages people read (not for CSV).
func moneyGrouped(v float64) string {
	s := money(v)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac
}

// costs computes the costs of s after checking its indices.
func costs(p *model.Problem, s *schedule.Schedule) (schedule.Costs, error) {
	if p == nil || s == nil {
		return schedule.Costs{}, fmt.Errorf("report: no problem or no schedule")
	}
	if err := checkIndices(p, s); err != nil {
		return schedule.Costs{}, err
	}
	return schedule.ComputeCosts(p, s), nil
}

// CostCSV writes the cost breakdown of schedule s for problem p as CSV,
// as schedule.ComputeCosts computes it, with the header
// "scope,id,kind,amount" then:
//
//   - one row "total,,total,X": the plan's total;
//   - one row per kind (scope "kind", id and kind the kind's name, see
//     CostKinds), all kinds, even zero ones;
//   - per order (scope "order", id the job's ID), one row per kind with a
//     non-zero amount (processing, setups, overtime, lateness, holding)
//     then a row of kind "total";
//   - per machine (scope "machine"), one row per non-zero kind
//     (processing, setups, overtime) then a row of kind "total";
//   - per material with a holding cost (scope "material"), one row of
//     kind "material_holding".
//
// Amounts have two decimals and no currency. The rows of the orders and
// the materials (kinds other than "total") add up to the plan's total.
func CostCSV(w io.Writer, p *model.Problem, s *schedule.Schedule) error {
	c, err := costs(p, s)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	row := func(scope, id, kind string, v float64) {
		_ = cw.Write([]string{scope, id, kind, money(v)})
	}
	_ = cw.Write([]string{"scope", "id", "kind", "amount"})
	row("total", "", "total", c.Total)
	for i, v := range costKinds(&c) {
		row("kind", CostKinds[i], CostKinds[i], v)
	}
	for _, o := range c.Orders {
		id := p.Jobs[o.Job].ID
		for i, v := range []float64{o.Processing, o.Setups, o.Overtime, o.Lateness, o.Holding} {
			if v != 0 {
				row("order", id, CostKinds[i], v)
			}
		}
		row("order", id, "total", o.Total)
	}
	for _, m := range c.Machines {
		id := p.Machines[m.Machine].ID
		for i, v := range []float64{m.Processing, m.Setups, m.Overtime} {
			if v != 0 {
				row("machine", id, CostKinds[i], v)
			}
		}
		row("machine", id, "total", m.Total)
	}
	for _, m := range c.Materials {
		if p.Materials[m.Material].HoldingCostPerDay != 0 {
			row("material", p.Materials[m.Material].ID, "material_holding", m.Holding)
		}
	}
	cw.Flush()
	return cw.Error()
}

// mdCell escapes a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

// share formats v as a percentage of total.
func share(v, total float64) string {
	if total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f %%", 100*v/total)
}

// CostMarkdown writes the cost report of schedule s for problem p in
// Markdown: the plan's total, a table by kind with each kind's share, a
// table by machine (processing, setups with the number of setup-family
// changes, overtime, total) and a table by order (processing, setups,
// overtime, lateness, finished-goods holding, total), both most expensive
// first, and the materials' holding cost when any material has one.
// Amounts are schedule.ComputeCosts' with two decimals, in the unit of
// money of the problem's cost fields.
func CostMarkdown(w io.Writer, p *model.Problem, s *schedule.Schedule) error {
	c, err := costs(p, s)
	if err != nil {
		return err
	}
	ew := &errWriter{w: w}
	name := p.Name
	if name == "" {
		name = "the plan"
	}
	fmt.Fprintf(ew, "# Cost of %s\n\n", mdCell(name))
	fmt.Fprintf(ew, "**Total: %s** (in the unit of money of the problem's cost fields).\n\n", money(c.Total))
	if !schedule.HasCosts(p) {
		fmt.Fprintf(ew, "The problem sets no cost field (cost_per_hour, setup_change_cost, overtime, lateness_cost_per_day, holding_cost_per_day): every amount is zero.\n\n")
	}
	fmt.Fprintf(ew, "## By kind\n\n| Kind | Amount | Share |\n|---|---:|---:|\n")
	for i, v := range costKinds(&c) {
		fmt.Fprintf(ew, "| %s | %s | %s |\n", kindLabel(CostKinds[i]), money(v), share(v, c.Total))
	}
	fmt.Fprintf(ew, "| **total** | **%s** | |\n\n", money(c.Total))

	ms := append([]schedule.MachineCost(nil), c.Machines...)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].Total > ms[b].Total })
	fmt.Fprintf(ew, "## By machine, most expensive first\n\n| Machine | Name | Processing | Setups | Setup changes | Overtime | Total | Share |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range ms {
		mc := &p.Machines[m.Machine]
		fmt.Fprintf(ew, "| %s | %s | %s | %s | %d | %s | %s | %s |\n", mdCell(mc.ID), mdCell(mc.Name), money(m.Processing), money(m.Setups), m.SetupChanges, money(m.Overtime), money(m.Total), share(m.Total, c.Total))
	}
	ords := append([]schedule.OrderCost(nil), c.Orders...)
	sort.SliceStable(ords, func(a, b int) bool { return ords[a].Total > ords[b].Total })
	fmt.Fprintf(ew, "\n## By order, most expensive first\n\n| Order | Product | Processing | Setups | Overtime | Lateness | Holding | Total | Share |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, o := range ords {
		j := &p.Jobs[o.Job]
		fmt.Fprintf(ew, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mdCell(j.ID), mdCell(j.Name), money(o.Processing), money(o.Setups), money(o.Overtime), money(o.Lateness), money(o.Holding), money(o.Total), share(o.Total, c.Total))
	}
	var mats []schedule.MaterialCost
	for _, m := range c.Materials {
		if p.Materials[m.Material].HoldingCostPerDay != 0 {
			mats = append(mats, m)
		}
	}
	if len(mats) > 0 {
		sort.SliceStable(mats, func(a, b int) bool { return mats[a].Holding > mats[b].Holding })
		fmt.Fprintf(ew, "\n## Materials held in stock\n\n| Material | Name | Holding cost per unit and day | Holding | Share |\n|---|---|---:|---:|---:|\n")
		for _, m := range mats {
			mat := &p.Materials[m.Material]
			fmt.Fprintf(ew, "| %s | %s | %g | %s | %s |\n", mdCell(mat.ID), mdCell(mat.Name), mat.HoldingCostPerDay, money(m.Holding), share(m.Holding, c.Total))
		}
	}
	return ew.err
}
