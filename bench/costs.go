package bench

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Costs is what a run's plan costs, for problems with cost fields
// (schedule.HasCosts): the breakdown of schedule.ComputeCosts on the checked
// schedule, with the plan's weighted tardiness and weighted earliness
// (schedule.Evaluate) beside it, whatever the run's objective was.
type Costs struct {
	// WeightedTardiness and WeightedEarliness are the criteria of the
	// plan (weight x ticks).
	WeightedTardiness float64 `json:"weighted_tardiness"`
	WeightedEarliness float64 `json:"weighted_earliness"`
	// FinishedHolding, MaterialHolding and Lateness are the kinds of
	// schedule.Costs of the same names.
	FinishedHolding float64 `json:"finished_holding"`
	MaterialHolding float64 `json:"material_holding"`
	Lateness        float64 `json:"lateness"`
	// Processing, Setups and Overtime are the machine time kinds; Machine
	// is their sum.
	Processing float64 `json:"processing"`
	Setups     float64 `json:"setups"`
	Overtime   float64 `json:"overtime"`
	Machine    float64 `json:"machine"`
	// Total is schedule.Costs.Total.
	Total float64 `json:"total"`
}

// PlanCosts returns the cost breakdown of schedule s of p, or nil when p
// has no cost field. It calls schedule.ComputeCosts and schedule.Evaluate;
// s should have passed schedule.Check.
func PlanCosts(p *model.Problem, s *schedule.Schedule) *Costs {
	if p == nil || s == nil || !schedule.HasCosts(p) {
		return nil
	}
	c := schedule.ComputeCosts(p, s)
	return &Costs{
		WeightedTardiness: schedule.Evaluate(p, s, model.Single(model.WeightedTardiness)),
		WeightedEarliness: schedule.Evaluate(p, s, model.Single(model.WeightedEarliness)),
		FinishedHolding:   c.FinishedHolding,
		MaterialHolding:   c.MaterialHolding,
		Lateness:          c.Lateness,
		Processing:        c.Processing,
		Setups:            c.Setups,
		Overtime:          c.Overtime,
		Machine:           c.Processing + c.Setups + c.Overtime,
		Total:             c.Total,
	}
}

// costColumns are the results.csv columns of Record.Costs, after CSVHeader's
// others (empty when the run has no costs).
var costColumns = []string{"weighted_tardiness", "weighted_earliness", "finished_holding", "material_holding",
	"lateness_cost", "processing_cost", "setup_cost", "overtime_cost", "machine_cost", "total_cost"}

func (c *Costs) csvCells() []string {
	if c == nil {
		return make([]string, len(costColumns))
	}
	out := make([]string, 0, len(costColumns))
	for _, v := range []float64{c.WeightedTardiness, c.WeightedEarliness, c.FinishedHolding, c.MaterialHolding,
		c.Lateness, c.Processing, c.Setups, c.Overtime, c.Machine, c.Total} {
		out = append(out, strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64))
	}
	return out
}

// hasCosts reports whether some record has a cost breakdown.
func hasCosts(records []Record) bool {
	for i := range records {
		if records[i].Costs != nil {
			return true
		}
	}
	return false
}

// money formats an amount rounded to a whole number with thousands
// separators ("102,280").
func money(v float64) string {
	s := strconv.FormatFloat(math.Abs(math.Round(v)), 'f', 0, 64)
	var b strings.Builder
	if math.Round(v) < 0 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// change formats the relative change of v from ref ("+4.2 %"); "" when ref
// is 0.
func change(v, ref float64) string {
	if ref == 0 {
		if v == 0 {
			return "+0 %"
		}
		return ""
	}
	d := 100 * (v - ref) / math.Abs(ref)
	if math.Abs(d) < 0.05 {
		return "+0 %"
	}
	return fmt.Sprintf("%+.1f %%", d)
}

// CostTable returns a Markdown table comparing the plans of the runs that
// have a cost breakdown (Record.Costs): one row per instance, solver, seed
// and objective, with the plan's weighted tardiness, finished-goods
// holding, material holding, lateness, machine cost (processing + setups +
// overtime) and total cost. Within each instance, solver and seed, the
// first objective (the lowest Record.ObjectiveRank, then the name) is the
// reference: the weighted tardiness and the finished-goods holding of the
// other objectives' plans show their change from it, and the cheapest
// total is in bold. Runs that failed or did not pass schedule.Check are
// left out. It is "" when no record has costs.
func CostTable(records []Record) string {
	var rs []*Record
	for i := range records {
		r := &records[i]
		if r.Costs != nil && r.Error == "" && r.Checked {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return ""
	}
	type key struct {
		inst, sv string
		seed     uint64
	}
	groups := map[key][]*Record{}
	var keys []key
	for _, r := range rs {
		k := key{r.Instance, r.Solver, r.Seed}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.inst != b.inst {
			return naturalLess(a.inst, b.inst)
		}
		if a.sv != b.sv {
			return a.sv < b.sv
		}
		return a.seed < b.seed
	})
	seeds := map[uint64]bool{}
	for _, r := range rs {
		seeds[r.Seed] = true
	}
	var b strings.Builder
	b.WriteString("| instance | solver |")
	if len(seeds) > 1 {
		b.WriteString(" seed |")
	}
	b.WriteString(" objective | weighted tardiness | finished-goods holding | material holding | lateness | machine | total |\n|---|---|")
	if len(seeds) > 1 {
		b.WriteString("---:|")
	}
	b.WriteString("---|---:|---:|---:|---:|---:|---:|\n")
	for _, k := range keys {
		g := groups[k]
		sort.SliceStable(g, func(i, j int) bool {
			if g[i].ObjectiveRank != g[j].ObjectiveRank {
				return g[i].ObjectiveRank < g[j].ObjectiveRank
			}
			return g[i].Objective < g[j].Objective
		})
		ref := g[0].Costs
		cheapest := math.Inf(1)
		for _, r := range g {
			cheapest = min(cheapest, r.Costs.Total)
		}
		for n, r := range g {
			c := r.Costs
			wt, fh := money(c.WeightedTardiness), money(c.FinishedHolding)
			if n > 0 {
				if d := change(c.WeightedTardiness, ref.WeightedTardiness); d != "" {
					wt += " (" + d + ")"
				}
				if d := change(c.FinishedHolding, ref.FinishedHolding); d != "" {
					fh += " (" + d + ")"
				}
			}
			total := money(c.Total)
			if len(g) > 1 && c.Total == cheapest {
				total = "**" + total + "**"
			}
			fmt.Fprintf(&b, "| %s | %s |", mdEscape(k.inst), mdEscape(k.sv))
			if len(seeds) > 1 {
				fmt.Fprintf(&b, " %d |", k.seed)
			}
			fmt.Fprintf(&b, " %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(r.Objective), wt, fh,
				money(c.MaterialHolding), money(c.Lateness), money(c.Machine), total)
		}
	}
	b.WriteString("\nEach row is the plan of one run, priced by `schedule.ComputeCosts` after `schedule.Check`. Weighted tardiness is in weight × ticks; the other columns are money: " +
		"finished-goods holding (orders finished before their due date), material holding, lateness penalties, machine time (processing + setups + overtime) and the total. " +
		"In brackets: the change from the plan of the first objective of the same instance, solver and seed; in bold: the cheapest total among them.\n")
	return b.String()
}
