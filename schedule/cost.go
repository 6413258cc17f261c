package schedule

import (
	"cmp"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// Costs is what a plan costs, with its breakdown by kind, order, machine
// and material. Every amount is in the problem's money (the unit of its
// cost fields).
type Costs struct {
	// Total is the sum of the kinds below.
	Total float64
	// Processing is the machines' processing time at their hourly cost
	// with night and weekend premiums.
	Processing float64
	// Setups is the setup time (Assignment.SetupStart to Start) at the
	// machines' hourly cost with premiums, plus each machine's
	// SetupChangeCost for every change of setup family.
	Setups float64
	// Overtime is the machine time spent in overtime windows outside the
	// regular calendar, at the windows' hourly cost.
	Overtime float64
	// Lateness is, per order, LatenessCostPerDay x days after the due date.
	Lateness float64
	// FinishedHolding is, per order, HoldingCostPerDay x days finished
	// before the due date (finished goods waiting in the warehouse).
	FinishedHolding float64
	// MaterialHolding is, per material, HoldingCostPerDay x the area of
	// its stock curve (units x days) over the stock horizon.
	MaterialHolding float64
	// Orders has one entry per job of the problem, in order.
	Orders []OrderCost
	// Machines has one entry per machine of the problem, in order.
	Machines []MachineCost
	// Materials has one entry per material of the problem, in order.
	Materials []MaterialCost
}

// OrderCost is the cost of one order (job): its operations' machine time
// and its lateness or finished-goods holding.
type OrderCost struct {
	Job                                                    int
	Processing, Setups, Overtime, Lateness, Holding, Total float64
}

// MachineCost is the cost of one machine's time.
type MachineCost struct {
	Machine                             int
	Processing, Setups, Overtime, Total float64
	// SetupChanges counts the changes of setup family on the machine.
	SetupChanges int
}

// MaterialCost is the holding cost of one material.
type MaterialCost struct {
	Material int
	Holding  float64
}

// ticksPer returns the number of ticks in d: a tick is one minute for a
// unitless problem.
func ticksPer(p *model.Problem, d time.Duration) float64 {
	if p.Epoch.IsZero() {
		return float64(d / time.Minute)
	}
	return float64(d) / float64(p.TickLength())
}

// HasCosts reports whether p sets any cost field.
func HasCosts(p *model.Problem) bool {
	for i := range p.Machines {
		m := &p.Machines[i]
		if m.CostPerHour != 0 || m.SetupChangeCost != 0 || len(m.Overtime) > 0 {
			return true
		}
	}
	for i := range p.Jobs {
		if p.Jobs[i].LatenessCostPerDay != 0 || p.Jobs[i].HoldingCostPerDay != 0 {
			return true
		}
	}
	for i := range p.Materials {
		if p.Materials[i].HoldingCostPerDay != 0 {
			return true
		}
	}
	return false
}

// machineRates prices one machine's time.
type machineRates struct {
	m       *model.Machine
	perTick float64 // cost_per_hour per tick
	loc     *time.Location
	premium bool
	regular []model.Interval // calendar minus downtime (nil: always)
	over    []model.Overtime // sorted by Start
	overIvs []model.Interval // the overtime windows, normalised
	p       *model.Problem
}

func newRates(p *model.Problem, m *model.Machine, horizon int64) *machineRates {
	r := &machineRates{m: m, p: p, perTick: m.CostPerHour / ticksPer(p, time.Hour)}
	r.premium = !p.Epoch.IsZero() && m.CostPerHour != 0 && (m.NightPremium != 0 || m.WeekendPremium != 0)
	if r.premium {
		r.loc = p.Epoch.Location()
		if m.Calendar != "" {
			for i := range p.Calendars {
				if p.Calendars[i].ID == m.Calendar {
					if loc, err := p.Calendars[i].Location(); err == nil {
						r.loc = loc
					}
					break
				}
			}
		}
	}
	if len(m.Overtime) > 0 && m.Calendar != "" {
		r.over = slices.Clone(m.Overtime)
		slices.SortFunc(r.over, func(a, b model.Overtime) int { return cmp.Compare(a.Start, b.Start) })
		r.overIvs = overtimeIntervals(r.over)
		mm := *m
		mm.Overtime = nil
		if ivs, err := p.MachineIntervals(&mm, horizon); err == nil {
			r.regular = ivs
		}
	}
	return r
}

// regularCost prices [a, b) of regular time with the premiums.
func (r *machineRates) regularCost(a, b int64) float64 {
	if b <= a || r.perTick == 0 {
		return 0
	}
	if !r.premium {
		return r.perTick * float64(b-a)
	}
	var c float64
	for t := a; t < b; {
		lt := r.p.TimeOf(t).In(r.loc)
		y, mo, d := lt.Date()
		h := lt.Hour()
		var next time.Time
		switch {
		case h < 6:
			next = time.Date(y, mo, d, 6, 0, 0, 0, r.loc)
		case h < 22:
			next = time.Date(y, mo, d, 22, 0, 0, 0, r.loc)
		default:
			next = time.Date(y, mo, d+1, 0, 0, 0, 0, r.loc)
		}
		nt := r.p.TickOf(next)
		if r.p.TimeOf(nt).Before(next) {
			nt++
		}
		nt = min(max(nt, t+1), b)
		f := 1.0
		if h < 6 || h >= 22 {
			f += r.m.NightPremium
		}
		if wd := lt.Weekday(); wd == time.Saturday || wd == time.Sunday {
			f += r.m.WeekendPremium
		}
		c += f * r.perTick * float64(nt-t)
		t = nt
	}
	return c
}

// price returns the regular and overtime cost of machine time [a, b),
// counting only the ticks in ivs (the machine's working time) when ivs is
// not nil.
func (r *machineRates) price(a, b int64, ivs []model.Interval) (regular, overtime float64) {
	if b <= a {
		return 0, 0
	}
	parts := []model.Interval{{Start: a, End: b}}
	if ivs != nil {
		parts = model.Intersect(parts, ivs)
	}
	for _, iv := range parts {
		if r.over == nil {
			regular += r.regularCost(iv.Start, iv.End)
			continue
		}
		for _, reg := range model.Intersect([]model.Interval{iv}, r.regular) {
			regular += r.regularCost(reg.Start, reg.End)
		}
		extra := model.Subtract([]model.Interval{iv}, r.regular)
		for _, o := range r.over {
			for _, x := range model.Intersect(extra, []model.Interval{{Start: o.Start, End: o.End}}) {
				overtime += o.CostPerHour / ticksPer(r.p, time.Hour) * float64(x.End-x.Start)
			}
			// time outside both (not working time: an infeasible plan)
			// is priced at the regular rate by the loop below
		}
		for _, x := range model.Subtract(extra, r.overIvs) {
			regular += r.regularCost(x.Start, x.End)
		}
	}
	return regular, overtime
}

func overtimeIntervals(over []model.Overtime) []model.Interval {
	out := make([]model.Interval, 0, len(over))
	for _, o := range over {
		out = append(out, model.Interval{Start: o.Start, End: o.End})
	}
	return model.Normalize(out)
}

// ComputeCosts returns the cost of schedule s of problem p with its
// breakdown. Machine time is priced from SetupStart to End of every
// assignment (setup time apart); for a resumable operation only the
// machine's working ticks count. Regular time costs the machine's
// CostPerHour, plus NightPremium x that between 22:00 and 06:00 and
// WeekendPremium x that on Saturdays and Sundays (local time in the
// machine's calendar time zone, the epoch's when it has none; no premiums
// for unitless problems). Time in an overtime window outside the machine's
// regular calendar costs the window's CostPerHour instead. A change of
// setup family between consecutive operations of a machine (in start
// order) costs the machine's SetupChangeCost, charged to the later
// operation's order. Lateness and finished-goods holding are prorated per
// tick of a day; material holding is HoldingCostPerDay x the area of the
// material's stock curve (see ComputeStock). For unitless problems a tick
// counts as one minute. ComputeCosts does not check feasibility and ignores
// assignments with out-of-range indices.
func ComputeCosts(p *model.Problem, s *Schedule) Costs {
	var c Costs
	if p == nil {
		return c
	}
	c.Orders = make([]OrderCost, len(p.Jobs))
	for j := range c.Orders {
		c.Orders[j].Job = j
	}
	c.Machines = make([]MachineCost, len(p.Machines))
	for m := range c.Machines {
		c.Machines[m].Machine = m
	}
	c.Materials = make([]MaterialCost, len(p.Materials))
	for m := range c.Materials {
		c.Materials[m].Material = m
	}
	horizon := StockHorizon(p, s) + 1
	pricer := NewPricer(p, horizon)
	byMachine := make([][]int, len(p.Machines))
	if s != nil {
		for i, a := range s.Assignments {
			if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) || a.Machine < 0 || a.Machine >= len(p.Machines) {
				continue
			}
			byMachine[a.Machine] = append(byMachine[a.Machine], i)
		}
	}
	for m := range p.Machines {
		if len(byMachine[m]) == 0 {
			continue
		}
		mc := &p.Machines[m]
		idx := byMachine[m]
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(s.Assignments[x].Start, s.Assignments[y].Start) })
		prev := ""
		for n, i := range idx {
			a := &s.Assignments[i]
			op := &p.Jobs[a.Job].Operations[a.Op]
			sr, so, pr, po := pricer.parts(a)
			if n > 0 && op.SetupFamily != prev {
				sr += mc.SetupChangeCost
				c.Machines[m].SetupChanges++
			}
			prev = op.SetupFamily
			oc, mcost := &c.Orders[a.Job], &c.Machines[m]
			oc.Processing += pr
			oc.Setups += sr
			oc.Overtime += so + po
			mcost.Processing += pr
			mcost.Setups += sr
			mcost.Overtime += so + po
		}
	}
	day := ticksPer(p, 24*time.Hour)
	comp := completions(p, s)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Due == nil {
			continue
		}
		l := comp[j] - *job.Due
		if l > 0 {
			c.Orders[j].Lateness = job.LatenessCostPerDay * float64(l) / day
		} else if l < 0 {
			c.Orders[j].Holding = job.HoldingCostPerDay * float64(-l) / day
		}
	}
	if len(p.Materials) > 0 {
		var st Stock
		need := false
		for m := range p.Materials {
			need = need || p.Materials[m].HoldingCostPerDay != 0
		}
		if need {
			st = ComputeStock(p, s)
			for m := range p.Materials {
				cv := &st.Materials[m]
				c.Materials[m].Holding = p.Materials[m].HoldingCostPerDay * cv.Area() / day
				c.MaterialHolding += c.Materials[m].Holding
			}
		}
	}
	for j := range c.Orders {
		o := &c.Orders[j]
		o.Total = o.Processing + o.Setups + o.Overtime + o.Lateness + o.Holding
		c.Processing += o.Processing
		c.Setups += o.Setups
		c.Overtime += o.Overtime
		c.Lateness += o.Lateness
		c.FinishedHolding += o.Holding
	}
	for m := range c.Machines {
		mc := &c.Machines[m]
		mc.Total = mc.Processing + mc.Setups + mc.Overtime
	}
	c.Total = c.Processing + c.Setups + c.Overtime + c.Lateness + c.FinishedHolding + c.MaterialHolding
	return c
}

// Pricer prices machine time like ComputeCosts, one assignment at a time
// (for heuristics that compare placements).
type Pricer struct {
	p       *model.Problem
	horizon int64
	rates   []*machineRates
	work    [][]model.Interval
}

// NewPricer returns a Pricer for p, whose calendars it expands over
// [0, horizon).
func NewPricer(p *model.Problem, horizon int64) *Pricer {
	return &Pricer{p: p, horizon: horizon, rates: make([]*machineRates, len(p.Machines)), work: make([][]model.Interval, len(p.Machines))}
}

// MachineTime returns the cost of a's machine time (setup and processing,
// regular and overtime) as ComputeCosts counts it, without the setup
// change cost. An assignment with out-of-range indices costs 0.
func (pr *Pricer) MachineTime(a Assignment) float64 {
	p := pr.p
	if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) || a.Machine < 0 || a.Machine >= len(p.Machines) {
		return 0
	}
	sr, so, pp, po := pr.parts(&a)
	return sr + so + pp + po
}

// parts returns the regular and overtime cost of a's setup and of its
// processing (a's indices in range).
func (pr *Pricer) parts(a *Assignment) (setupReg, setupOver, procReg, procOver float64) {
	p := pr.p
	mc := &p.Machines[a.Machine]
	r := pr.rates[a.Machine]
	if r == nil {
		r = newRates(p, mc, pr.horizon)
		pr.rates[a.Machine] = r
	}
	var ivs []model.Interval
	if p.Jobs[a.Job].Operations[a.Op].Resumable && (mc.Calendar != "" || len(mc.Downtime) > 0) {
		if pr.work[a.Machine] == nil {
			pr.work[a.Machine], _ = p.MachineIntervals(mc, pr.horizon)
		}
		ivs = pr.work[a.Machine]
	}
	setupReg, setupOver = r.price(a.SetupStart, a.Start, ivs)
	procReg, procOver = r.price(a.Start, a.End, ivs)
	return setupReg, setupOver, procReg, procOver
}
