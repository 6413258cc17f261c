package schedule

import (
	"cmp"
	"slices"

	"github.com/ordo-sched/ordo/model"
)

// StockPoint is one step of a stock curve: from At on (until the next
// point) the quantity on hand is Quantity.
type StockPoint struct {
	At       int64
	Quantity float64
}

// StockCurve is the quantity on hand of one item over the plan's horizon,
// as a step function.
type StockCurve struct {
	// Material is the index of the material in Problem.Materials, or -1
	// for the curves that are not a material (finished orders, work in
	// progress).
	Material int
	// ID is the material's ID ("finished" and "wip" for the others).
	ID string
	// Points are the steps in increasing At, the first at tick 0; only
	// changes of the quantity make a new point.
	Points []StockPoint
	// Peak and Min are the largest and smallest quantities over the curve.
	Peak, Min float64
	// Average is the time-weighted mean quantity over [0, Horizon).
	Average float64
	// Horizon is the end of the span the average is taken over (see
	// StockHorizon).
	Horizon int64
	// Shortage is the first tick at which the quantity is negative (a
	// plan that consumes stock it does not have), -1 when there is none.
	Shortage int64
}

// Stock is the stock and work in progress of a plan over time.
type Stock struct {
	// Materials has one curve per material of the problem, in order:
	// initial stock, receipts (at their time), consumption at the start of
	// the consuming operations and production at their end.
	Materials []StockCurve
	// Finished counts the finished orders waiting for their due date: an
	// order completing at C before its due date d adds one over [C, d).
	Finished StockCurve
	// WIP counts the orders in progress: started (first SetupStart) and
	// not yet completed.
	WIP StockCurve
	// Waiting is the total time operations wait between the end of their
	// job's previous operation (in the job's routing list) and their own
	// start: work in progress standing between machines, in ticks.
	Waiting int64
}

// StockHorizon returns the span stock figures and holding costs are taken
// over: the latest of the makespan, the last receipt and the latest due
// date, at least 1.
func StockHorizon(p *model.Problem, s *Schedule) int64 {
	h := max(Makespan(s), 1)
	for i := range p.Materials {
		for _, r := range p.Materials[i].Receipts {
			h = max(h, r.At)
		}
	}
	for i := range p.Jobs {
		if d := p.Jobs[i].Due; d != nil {
			h = max(h, *d)
		}
	}
	return h
}

type delta struct {
	at  int64
	qty float64
}

// curve builds the step curve of the changes ds over [0, h).
func curve(id string, mat int, ds []delta, h int64) StockCurve {
	slices.SortStableFunc(ds, func(a, b delta) int { return cmp.Compare(a.at, b.at) })
	c := StockCurve{Material: mat, ID: id, Horizon: h, Shortage: -1}
	var q, area float64
	c.Points = append(c.Points, StockPoint{At: 0})
	for n := 0; n < len(ds); {
		at := max(ds[n].at, 0)
		for n < len(ds) && max(ds[n].at, 0) == at {
			q += ds[n].qty
			n++
		}
		last := &c.Points[len(c.Points)-1]
		if last.At == at {
			last.Quantity = q
		} else if last.Quantity != q {
			c.Points = append(c.Points, StockPoint{At: at, Quantity: q})
		}
	}
	c.Peak, c.Min = c.Points[0].Quantity, c.Points[0].Quantity
	for i, pt := range c.Points {
		c.Peak, c.Min = max(c.Peak, pt.Quantity), min(c.Min, pt.Quantity)
		if pt.Quantity < -1e-9 && c.Shortage < 0 {
			c.Shortage = pt.At
		}
		end := h
		if i+1 < len(c.Points) {
			end = min(c.Points[i+1].At, h)
		}
		if end > pt.At {
			area += pt.Quantity * float64(end-pt.At)
		}
	}
	c.Average = area / float64(h)
	return c
}

// Area returns the integral of the curve over [0, Horizon) (quantity x
// ticks).
func (c *StockCurve) Area() float64 { return c.Average * float64(c.Horizon) }

// ComputeStock returns the stock and work-in-progress curves of schedule s
// of problem p. Assignments with out-of-range indices and unknown material
// IDs are ignored; feasibility is not checked (a negative stock shows as a
// Shortage).
func ComputeStock(p *model.Problem, s *Schedule) Stock {
	h := StockHorizon(p, s)
	idx := make(map[string]int, len(p.Materials))
	ds := make([][]delta, len(p.Materials))
	for m := range p.Materials {
		mat := &p.Materials[m]
		if _, dup := idx[mat.ID]; !dup {
			idx[mat.ID] = m
		}
		ds[m] = append(ds[m], delta{0, mat.Initial})
		for _, r := range mat.Receipts {
			ds[m] = append(ds[m], delta{r.At, r.Quantity})
		}
	}
	first := make([]int64, len(p.Jobs))
	started := make([]bool, len(p.Jobs))
	ends := make([][]int64, len(p.Jobs))
	starts := make([][]int64, len(p.Jobs))
	for j := range p.Jobs {
		ends[j] = make([]int64, len(p.Jobs[j].Operations))
		starts[j] = make([]int64, len(p.Jobs[j].Operations))
	}
	placed := make([][]bool, len(p.Jobs))
	for j := range p.Jobs {
		placed[j] = make([]bool, len(p.Jobs[j].Operations))
	}
	if s != nil {
		for _, a := range s.Assignments {
			if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) {
				continue
			}
			op := &p.Jobs[a.Job].Operations[a.Op]
			for _, q := range op.Consumes {
				if m, ok := idx[q.Material]; ok {
					ds[m] = append(ds[m], delta{a.Start, -q.Quantity})
				}
			}
			for _, q := range op.Produces {
				if m, ok := idx[q.Material]; ok {
					ds[m] = append(ds[m], delta{a.End, q.Quantity})
				}
			}
			if !started[a.Job] || a.SetupStart < first[a.Job] {
				first[a.Job], started[a.Job] = a.SetupStart, true
			}
			starts[a.Job][a.Op], ends[a.Job][a.Op], placed[a.Job][a.Op] = a.Start, a.End, true
		}
	}
	var st Stock
	for m := range p.Materials {
		st.Materials = append(st.Materials, curve(p.Materials[m].ID, m, ds[m], h))
	}
	c := completions(p, s)
	var fin, wip []delta
	for j := range p.Jobs {
		if !started[j] {
			continue
		}
		wip = append(wip, delta{first[j], 1}, delta{c[j], -1})
		if d := p.Jobs[j].Due; d != nil && c[j] < *d {
			fin = append(fin, delta{c[j], 1}, delta{*d, -1})
		}
		for k := 1; k < len(p.Jobs[j].Operations); k++ {
			if placed[j][k] && placed[j][k-1] && starts[j][k] > ends[j][k-1] {
				st.Waiting += starts[j][k] - ends[j][k-1]
			}
		}
	}
	st.Finished = curve("finished", -1, fin, h)
	st.WIP = curve("wip", -1, wip, h)
	return st
}
