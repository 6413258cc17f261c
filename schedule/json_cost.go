package schedule

import (
	"strconv"

	"github.com/ordo-sched/ordo/model"
)

// CostSummary is the JSON form of Costs (kpis.cost): the total, the
// amounts by kind beside it, and the breakdown by order, machine and
// material (the entries with a non-zero amount).
type CostSummary struct {
	Total           float64            `json:"total"`
	Processing      float64            `json:"processing"`
	Setups          float64            `json:"setups"`
	Overtime        float64            `json:"overtime"`
	Lateness        float64            `json:"lateness"`
	FinishedHolding float64            `json:"finished_holding"`
	MaterialHolding float64            `json:"material_holding"`
	Orders          []OrderCostJSON    `json:"orders,omitempty"`
	Machines        []MachineCostJSON  `json:"machines,omitempty"`
	Materials       []MaterialCostJSON `json:"materials,omitempty"`
}

// OrderCostJSON is the JSON form of OrderCost.
type OrderCostJSON struct {
	Order      string  `json:"order"`
	Total      float64 `json:"total"`
	Processing float64 `json:"processing"`
	Setups     float64 `json:"setups"`
	Overtime   float64 `json:"overtime"`
	Lateness   float64 `json:"lateness"`
	Holding    float64 `json:"holding"`
}

// MachineCostJSON is the JSON form of MachineCost.
type MachineCostJSON struct {
	Machine      string  `json:"machine"`
	Total        float64 `json:"total"`
	Processing   float64 `json:"processing"`
	Setups       float64 `json:"setups"`
	Overtime     float64 `json:"overtime"`
	SetupChanges int     `json:"setup_changes"`
}

// MaterialCostJSON is the JSON form of MaterialCost.
type MaterialCostJSON struct {
	Material string  `json:"material"`
	Holding  float64 `json:"holding"`
}

// NewCostSummary converts c, computed for p, to its JSON form.
func NewCostSummary(p *model.Problem, c Costs) *CostSummary {
	s := &CostSummary{Total: c.Total, Processing: c.Processing, Setups: c.Setups, Overtime: c.Overtime,
		Lateness: c.Lateness, FinishedHolding: c.FinishedHolding, MaterialHolding: c.MaterialHolding}
	for _, o := range c.Orders {
		if o.Total != 0 {
			s.Orders = append(s.Orders, OrderCostJSON{Order: idOf(o.Job, len(p.Jobs), func(i int) string { return p.Jobs[i].ID }),
				Total: o.Total, Processing: o.Processing, Setups: o.Setups, Overtime: o.Overtime, Lateness: o.Lateness, Holding: o.Holding})
		}
	}
	for _, m := range c.Machines {
		if m.Total != 0 {
			s.Machines = append(s.Machines, MachineCostJSON{Machine: idOf(m.Machine, len(p.Machines), func(i int) string { return p.Machines[i].ID }),
				Total: m.Total, Processing: m.Processing, Setups: m.Setups, Overtime: m.Overtime, SetupChanges: m.SetupChanges})
		}
	}
	for _, m := range c.Materials {
		if m.Holding != 0 {
			s.Materials = append(s.Materials, MaterialCostJSON{Material: idOf(m.Material, len(p.Materials), func(i int) string { return p.Materials[i].ID }), Holding: m.Holding})
		}
	}
	return s
}

func idOf(i, n int, id func(int) string) string {
	if i >= 0 && i < n {
		return id(i)
	}
	return strconv.Itoa(i)
}

// StockSummary is the JSON form of Stock (kpis.stock): per material and
// for finished orders and work in progress, the step curve as
// [tick, quantity] pairs with its peak, average and first shortage.
type StockSummary struct {
	Materials []CurveJSON `json:"materials,omitempty"`
	Finished  CurveJSON   `json:"finished"`
	WIP       CurveJSON   `json:"wip"`
	// Waiting is the total time operations wait between their job's
	// operations (ticks).
	Waiting int64 `json:"waiting"`
}

// CurveJSON is the JSON form of a StockCurve.
type CurveJSON struct {
	ID      string  `json:"id"`
	Peak    float64 `json:"peak"`
	Average float64 `json:"average"`
	Min     float64 `json:"min"`
	// Shortage is the first tick with a negative stock (absent: none).
	Shortage *int64 `json:"shortage,omitempty"`
	// Points are [tick, quantity] steps.
	Points [][2]float64 `json:"points"`
}

func curveJSON(c StockCurve) CurveJSON {
	j := CurveJSON{ID: c.ID, Peak: c.Peak, Average: c.Average, Min: c.Min, Points: make([][2]float64, len(c.Points))}
	if c.Shortage >= 0 {
		sh := c.Shortage
		j.Shortage = &sh
	}
	for i, pt := range c.Points {
		j.Points[i] = [2]float64{float64(pt.At), pt.Quantity}
	}
	return j
}

// NewStockSummary converts st to its JSON form.
func NewStockSummary(st Stock) *StockSummary {
	s := &StockSummary{Finished: curveJSON(st.Finished), WIP: curveJSON(st.WIP), Waiting: st.Waiting}
	for _, c := range st.Materials {
		s.Materials = append(s.Materials, curveJSON(c))
	}
	return s
}
