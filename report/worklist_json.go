package report

import (
	"slices"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// WorkListJSON is the API's view of a work list (WorkList): the
// work of one machine, operator pool or team for one shift (Pools: the
// pools of a team's list). Times are RFC 3339 in the plant's time zone;
// durations are minutes.
type WorkListJSON struct {
	Team        string             `json:"team"`
	Machines    []string           `json:"machines"`
	Pool        string             `json:"pool,omitempty"`
	Pools       []string           `json:"pools,omitempty"`
	ShiftStart  string             `json:"shift_start"`
	ShiftEnd    string             `json:"shift_end"`
	WindowStart string             `json:"window_start"`
	WindowEnd   string             `json:"window_end"`
	Items       []WorkItemJSON     `json:"items"`
	Running     []WorkItemJSON     `json:"running"`
	Bring       []MaterialNeedJSON `json:"bring"`
}

// WorkItemJSON is one operation of a work list (WorkItem).
type WorkItemJSON struct {
	Seq          int                `json:"seq"`
	Order        string             `json:"order"`
	Product      string             `json:"product,omitempty"`
	Quantity     float64            `json:"quantity"`
	Op           string             `json:"operation"`
	Step         string             `json:"step"`
	Machine      string             `json:"machine"`
	MachineName  string             `json:"machine_name,omitempty"`
	SetupStart   string             `json:"setup_start"`
	SetupMinutes float64            `json:"setup_min"`
	SetupFrom    string             `json:"setup_from,omitempty"`
	SetupTo      string             `json:"setup_to,omitempty"`
	Start        string             `json:"start"`
	End          string             `json:"end"`
	RunMinutes   float64            `json:"run_min"`
	Resumable    bool               `json:"resumable"`
	Materials    []MaterialNeedJSON `json:"materials"`
	Produces     []MaterialNeedJSON `json:"produces"`
	Operators    []OperatorNeedJSON `json:"operators"`
	Next         []DownstreamJSON   `json:"next"`
}

// MaterialNeedJSON is a quantity of a material.
type MaterialNeedJSON struct {
	Material string  `json:"material"`
	Name     string  `json:"name,omitempty"`
	Unit     string  `json:"unit,omitempty"`
	Quantity float64 `json:"quantity"`
}

// OperatorNeedJSON is a number of operators of a pool with a skill.
type OperatorNeedJSON struct {
	Pool  string `json:"pool"`
	Skill string `json:"skill"`
	Count int    `json:"count"`
}

// DownstreamJSON is an operation that follows one of a work list.
type DownstreamJSON struct {
	Order   string `json:"order"`
	Op      string `json:"operation"`
	Machine string `json:"machine,omitempty"`
	Start   string `json:"start,omitempty"`
}

// NewWorkListJSON returns the JSON form of the work list wl of a plan of p.
func NewWorkListJSON(p *model.Problem, wl *WorkList) WorkListJSON {
	loc := p.DisplayLocation()
	at := func(t int64) string { return p.TimeOf(t).In(loc).Format(time.RFC3339) }
	minutes := func(d int64) float64 { return float64(d) * p.TickLength().Minutes() }
	needs := func(ms []MaterialNeed) []MaterialNeedJSON {
		out := make([]MaterialNeedJSON, len(ms))
		for i, m := range ms {
			out[i] = MaterialNeedJSON(m)
		}
		return out
	}
	items := func(its []WorkItem) []WorkItemJSON {
		out := make([]WorkItemJSON, len(its))
		for i, it := range its {
			iv := WorkItemJSON{Seq: i + 1, Order: it.Order, Product: it.Product, Quantity: it.Quantity,
				Op: it.Op, Step: it.Step, Machine: it.Machine, MachineName: it.MachineName,
				SetupStart: at(it.SetupStart), SetupMinutes: minutes(it.Setup), SetupFrom: it.SetupFrom, SetupTo: it.SetupTo,
				Start: at(it.Start), End: at(it.End), RunMinutes: minutes(it.End - it.Start), Resumable: it.Resumable,
				Materials: needs(it.Materials), Produces: needs(it.Produces),
				Operators: make([]OperatorNeedJSON, len(it.Operators)), Next: make([]DownstreamJSON, len(it.Next))}
			for k, o := range it.Operators {
				iv.Operators[k] = OperatorNeedJSON(o)
			}
			for k, d := range it.Next {
				iv.Next[k] = DownstreamJSON{Order: d.Order, Op: d.Op, Machine: d.Machine}
				if d.Machine != "" {
					iv.Next[k].Start = at(d.Start)
				}
			}
			out[i] = iv
		}
		return out
	}
	machines := wl.Machines
	if machines == nil {
		machines = []string{}
	}
	return WorkListJSON{Team: wl.Team, Machines: machines, Pool: wl.Pool,
		ShiftStart: at(wl.Shift.Start), ShiftEnd: at(wl.Shift.End),
		WindowStart: at(wl.Window.Start), WindowEnd: at(wl.Window.End),
		Items: items(wl.Items), Running: items(wl.Running), Bring: needs(wl.Bring)}
}

// MergeWorkLists merges the work lists of the members of one team: the
// union of their items (each assignment once) in the order of the report
// (setup start, start, machine), the running operations not among the
// items, the materials of the items totalled in the problem's order, the
// machines of all (in the order of the lists), the shift and window
// spanning theirs.
func MergeWorkLists(p *model.Problem, name string, wls []WorkList) WorkList {
	out := WorkList{Team: name, Shift: wls[0].Shift, Window: wls[0].Window}
	inItems := map[int]bool{}
	inRunning := map[int]bool{}
	for _, wl := range wls {
		for _, m := range wl.Machines {
			if !slices.Contains(out.Machines, m) {
				out.Machines = append(out.Machines, m)
			}
		}
		out.Shift.Start, out.Shift.End = min(out.Shift.Start, wl.Shift.Start), max(out.Shift.End, wl.Shift.End)
		out.Window.Start, out.Window.End = min(out.Window.Start, wl.Window.Start), max(out.Window.End, wl.Window.End)
		for _, it := range wl.Items {
			if !inItems[it.Assignment] {
				inItems[it.Assignment] = true
				out.Items = append(out.Items, it)
			}
		}
	}
	for _, wl := range wls {
		for _, it := range wl.Running {
			if !inItems[it.Assignment] && !inRunning[it.Assignment] {
				inRunning[it.Assignment] = true
				out.Running = append(out.Running, it)
			}
		}
	}
	slices.SortStableFunc(out.Items, workItemOrder)
	slices.SortStableFunc(out.Running, workItemOrder)
	loc := p.DisplayLocation()
	out.ShiftStart, out.ShiftEnd = p.TimeOf(out.Shift.Start).In(loc), p.TimeOf(out.Shift.End).In(loc)
	total := make([]float64, len(p.Materials))
	for _, it := range out.Items {
		for _, q := range it.Materials {
			if k := slices.IndexFunc(p.Materials, func(m model.Material) bool { return m.ID == q.Material }); k >= 0 {
				total[k] += q.Quantity
			}
		}
	}
	for k, q := range total {
		if q != 0 {
			m := &p.Materials[k]
			out.Bring = append(out.Bring, MaterialNeed{Material: m.ID, Name: m.Name, Unit: m.Unit, Quantity: q})
		}
	}
	return out
}
