package model

import (
	"fmt"
	"math"
	"sort"
)

// maxMoney bounds every cost field: larger amounts are taken for input
// errors (and would lose cents in float64 sums).
const maxMoney = 1e12

// costs checks the cost fields of machines, jobs and materials: every
// amount finite, non-negative and below 1e12, premiums at most 10 (1000 %),
// overtime windows non-empty, inside the time range and not overlapping
// each other on one machine.
func (v *validator) costs() {
	p := v.p
	// money and premium check an amount at path()+field; the path is
	// formatted only to report an issue.
	money := func(path func() string, field, what string, x float64) {
		switch {
		case goodMoney(x):
		case math.IsNaN(x) || math.IsInf(x, 0):
			v.add(path()+field, "the %s must be a finite number, got %g", what, x)
		case x < 0:
			v.add(path()+field, "the %s must not be negative, got %g", what, x)
		case x > maxMoney:
			v.add(path()+field, "the %s %g is too large (at most %g)", what, x, float64(maxMoney))
		}
	}
	premium := func(path func() string, field, what string, x float64) {
		if x > 10 {
			v.add(path()+field, "the %s %g is a share of the hourly cost (0.25 adds a quarter); at most 10", what, x)
			return
		}
		money(path, field, what, x)
	}
	for i := range p.Machines {
		m := &p.Machines[i]
		path := func() string { return fmt.Sprintf("machines[%d]", i) }
		money(path, ".cost_per_hour", "cost per hour", m.CostPerHour)
		premium(path, ".night_premium", "night premium", m.NightPremium)
		premium(path, ".weekend_premium", "weekend premium", m.WeekendPremium)
		money(path, ".setup_change_cost", "setup change cost", m.SetupChangeCost)
		if len(m.Overtime) == 0 {
			continue
		}
		order := make([]int, len(m.Overtime))
		for k, o := range m.Overtime {
			op := func() string { return fmt.Sprintf("machines[%d].overtime[%d]", i, k) }
			if badTime(o.Start) {
				v.time(op()+".start", o.Start)
			}
			if badTime(o.End) {
				v.time(op()+".end", o.End)
			}
			if o.End <= o.Start {
				v.add(op(), "the overtime window must end after it starts (start %s, end %s)", v.timeStr(o.Start), v.timeStr(o.End))
			}
			money(op, ".cost_per_hour", "overtime cost per hour", o.CostPerHour)
			order[k] = k
		}
		sort.SliceStable(order, func(a, b int) bool { return m.Overtime[order[a]].Start < m.Overtime[order[b]].Start })
		for x := 1; x < len(order); x++ {
			a, b := m.Overtime[order[x-1]], m.Overtime[order[x]]
			if a.End > b.Start && a.End > a.Start && b.End > b.Start {
				v.add(fmt.Sprintf("%s.overtime[%d]", path(), order[x]), "the overtime window overlaps %s.overtime[%d] (machine %q)", path(), order[x-1], m.ID)
			}
		}
	}
	for i := range p.Jobs {
		j := &p.Jobs[i]
		if goodMoney(j.LatenessCostPerDay) && goodMoney(j.HoldingCostPerDay) {
			continue // nothing to report: no path to format
		}
		path := func() string { return fmt.Sprintf("jobs[%d]", i) }
		money(path, ".lateness_cost_per_day", "lateness cost per day", j.LatenessCostPerDay)
		money(path, ".holding_cost_per_day", "holding cost per day", j.HoldingCostPerDay)
	}
	for i := range p.Materials {
		money(func() string { return fmt.Sprintf("materials[%d]", i) }, ".holding_cost_per_day", "holding cost per unit and day", p.Materials[i].HoldingCostPerDay)
	}
}

// goodMoney reports whether the money check of costs passes for x.
func goodMoney(x float64) bool { return x >= 0 && x <= maxMoney }

// WithOvertime returns ivs (working intervals of machine m, sorted and
// disjoint) joined with m's overtime windows: the time the machine may work.
// It returns ivs itself when m has no overtime.
func (m *Machine) WithOvertime(ivs []Interval) []Interval {
	if len(m.Overtime) == 0 {
		return ivs
	}
	out := make([]Interval, 0, len(ivs)+len(m.Overtime))
	out = append(out, ivs...)
	for _, o := range m.Overtime {
		if o.Start < o.End {
			out = append(out, Interval{o.Start, o.End})
		}
	}
	return Normalize(out)
}
