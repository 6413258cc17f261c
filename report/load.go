package report

import (
	"sort"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// plant holds what several reports compute from a problem and a schedule:
// the working intervals of machines and pools and the assignments per
// machine in start order.
type plant struct {
	p        *model.Problem
	s        *schedule.Schedule
	clk      clock
	x        *model.Index
	makespan int64
	horizon  int64              // end of the intervals computed
	mIvs     [][]model.Interval // per machine: working intervals over [0, horizon)
	pIvs     [][]model.Interval // per pool
	byM      [][]int            // per machine: assignment indices by start
	k        schedule.KPIs
	stock    *schedule.Stock // schedule.ComputeStock, computed on first use
}

// newPlant checks the indices of s and expands the calendars up to the
// makespan (at least until end).
func newPlant(p *model.Problem, s *schedule.Schedule, end int64) (*plant, error) {
	if err := checkIndices(p, s); err != nil {
		return nil, err
	}
	pl := &plant{p: p, s: s, clk: newClock(p), x: p.NewIndex(), makespan: schedule.Makespan(s)}
	pl.horizon = max(pl.makespan, end, 1)
	pl.mIvs = make([][]model.Interval, len(p.Machines))
	for m := range p.Machines {
		ivs, err := p.MachineIntervals(&p.Machines[m], pl.horizon)
		if err != nil {
			return nil, err
		}
		pl.mIvs[m] = ivs
	}
	pl.pIvs = make([][]model.Interval, len(p.OperatorPools))
	for o := range p.OperatorPools {
		ivs, err := p.PoolIntervals(&p.OperatorPools[o], pl.horizon)
		if err != nil {
			return nil, err
		}
		pl.pIvs[o] = ivs
	}
	pl.byM = make([][]int, len(p.Machines))
	for i, a := range s.Assignments {
		pl.byM[a.Machine] = append(pl.byM[a.Machine], i)
	}
	for m := range pl.byM {
		r := pl.byM[m]
		sort.SliceStable(r, func(x, y int) bool {
			ax, ay := &s.Assignments[r[x]], &s.Assignments[r[y]]
			if ax.Start != ay.Start {
				return ax.Start < ay.Start
			}
			return ax.SetupStart < ay.SetupStart
		})
	}
	pl.k = schedule.ComputeKPIs(p, s)
	return pl, nil
}

func (pl *plant) op(a *schedule.Assignment) *model.Operation {
	return &pl.p.Jobs[a.Job].Operations[a.Op]
}

// busyIn returns the processing and setup ticks of assignment a inside
// [from, to): a resumable operation only counts its machine's working time.
func (pl *plant) busyIn(a *schedule.Assignment, from, to int64) (busy, setup int64) {
	if pl.op(a).Resumable {
		ivs := pl.mIvs[a.Machine]
		return model.WorkIn(ivs, max(a.Start, from), min(a.End, to)), model.WorkIn(ivs, max(a.SetupStart, from), min(a.Start, to))
	}
	return overlap(a.Start, a.End, from, to), overlap(a.SetupStart, a.Start, from, to)
}

// machineLoad returns the busy and setup ticks and the working ticks of
// machine m inside [from, to).
func (pl *plant) machineLoad(m int, from, to int64) (busy, setup, working int64) {
	for _, i := range pl.byM[m] {
		a := &pl.s.Assignments[i]
		if a.End <= from || a.SetupStart >= to {
			continue
		}
		b, s := pl.busyIn(a, from, to)
		busy += b
		setup += s
	}
	return busy, setup, model.WorkIn(pl.mIvs[m], from, to)
}

// poolLoad returns the operator ticks used from pool o inside [from, to)
// and the operator ticks available (capacity times working time).
func (pl *plant) poolLoad(o int, from, to int64) (used, avail int64) {
	for i := range pl.s.Assignments {
		a := &pl.s.Assignments[i]
		if a.End <= from || a.Start >= to {
			continue
		}
		n := 0
		for _, q := range a.Operators {
			if q == o {
				n++
			}
		}
		if n > 0 {
			used += int64(n) * overlap(a.Start, a.End, from, to)
		}
	}
	return used, int64(pl.p.OperatorPools[o].Capacity) * model.WorkIn(pl.pIvs[o], from, to)
}

// stockPoint is the stock of a material from At on.
type stockPoint struct {
	At    int64
	Stock float64
}

// stockCurve returns the stock of material m over time as
// schedule.ComputeStock counts it (initial stock, receipts, consumption at
// the start of the consuming operations, production at their end): one
// point per instant where it changes, the first at 0. low is the lowest
// stock reached and lowAt when (first reached); shortage is the first
// instant the stock is negative (the plan uses stock it does not have),
// -1 when never.
func (pl *plant) stockCurve(m int) (curve []stockPoint, low float64, lowAt, shortage int64) {
	if pl.stock == nil {
		st := schedule.ComputeStock(pl.p, pl.s)
		pl.stock = &st
	}
	c := &pl.stock.Materials[m]
	curve = make([]stockPoint, len(c.Points))
	low, lowAt = c.Points[0].Quantity, 0
	for i, pt := range c.Points {
		curve[i] = stockPoint{pt.At, pt.Quantity}
		if pt.Quantity < low {
			low, lowAt = pt.Quantity, pt.At
		}
	}
	return curve, low, lowAt, c.Shortage
}
