package plan

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Diff says what changed between two plans: the operations that moved,
// the orders that became late or stopped being late, and the objective
// and key figures before and after. Its JSON form uses the tags below.
type Diff struct {
	// Moved lists the operations present in both plans whose machine or
	// start changed, by job and operation.
	Moved []Move `json:"moved"`
	// MachineChanges counts the moves that changed machine.
	MachineChanges int `json:"machine_changes"`
	// TotalShift is the sum of |start shift| over the moves, MaxShift the
	// largest, in ticks.
	TotalShift int64 `json:"total_shift"`
	MaxShift   int64 `json:"max_shift"`
	// NewlyLate and NoLongerLate list the IDs of orders late in one plan
	// only (orders in both).
	NewlyLate    []string `json:"newly_late"`
	NoLongerLate []string `json:"no_longer_late"`
	// Added and Cancelled list the IDs of orders in one plan only.
	Added     []string `json:"added"`
	Cancelled []string `json:"cancelled"`
	// Before and After are the objective and key figures of each plan.
	Before Figures `json:"before"`
	After  Figures `json:"after"`

	p *model.Problem // for formatting times
}

// Move is one operation that changed machine or start.
type Move struct {
	Job string `json:"job"`
	// Op is the 0-based index of the operation in its job, OpID its ID.
	Op   int    `json:"op"`
	OpID string `json:"op_id,omitempty"`
	// FromMachine, FromStart are the old placement, ToMachine, ToStart
	// the new one; Shift is ToStart - FromStart.
	FromMachine string `json:"from_machine"`
	ToMachine   string `json:"to_machine"`
	FromStart   int64  `json:"from_start"`
	ToStart     int64  `json:"to_start"`
	Shift       int64  `json:"shift"`
}

// Figures are a plan's objective and KPIs.
type Figures struct {
	// Objective is the value of ObjectiveName.
	Objective     float64              `json:"objective"`
	ObjectiveName string               `json:"objective_name"`
	KPIs          *schedule.KPISummary `json:"kpis"`
}

// Compare returns the differences from plan old to plan new (typically
// the result of Replan on old). Operations are matched by job ID and
// index. The objective of both is old's problem's objective, unless obj
// has terms.
func Compare(old, new *Plan, obj model.Objective) *Diff {
	if len(obj.Terms) == 0 {
		obj = old.Problem.Objective.Normalized()
	}
	d := &Diff{p: new.Problem, Moved: []Move{}, NewlyLate: []string{}, NoLongerLate: []string{}, Added: []string{}, Cancelled: []string{}}
	figures := func(pl *Plan) (Figures, schedule.KPIs) {
		k := schedule.ComputeKPIs(pl.Problem, pl.Schedule)
		return Figures{Objective: schedule.Evaluate(pl.Problem, pl.Schedule, obj), ObjectiveName: obj.String(), KPIs: schedule.NewKPISummary(pl.Problem, k)}, k
	}
	var kb, ka schedule.KPIs
	d.Before, kb = figures(old)
	d.After, ka = figures(new)
	oldJob := make(map[string]int, len(old.Problem.Jobs))
	for j := range old.Problem.Jobs {
		oldJob[old.Problem.Jobs[j].ID] = j
	}
	newJob := make(map[string]int, len(new.Problem.Jobs))
	for j := range new.Problem.Jobs {
		id := new.Problem.Jobs[j].ID
		newJob[id] = j
		if oj, ok := oldJob[id]; !ok {
			d.Added = append(d.Added, id)
		} else {
			switch lb, la := kb.Jobs[oj].Late, ka.Jobs[j].Late; {
			case la && !lb:
				d.NewlyLate = append(d.NewlyLate, id)
			case lb && !la:
				d.NoLongerLate = append(d.NoLongerLate, id)
			}
		}
	}
	for j := range old.Problem.Jobs {
		if _, ok := newJob[old.Problem.Jobs[j].ID]; !ok {
			d.Cancelled = append(d.Cancelled, old.Problem.Jobs[j].ID)
		}
	}
	type key struct {
		job string
		op  int
	}
	before := make(map[key]schedule.Assignment, len(old.Schedule.Assignments))
	for _, a := range old.Schedule.Assignments {
		if a.Job >= 0 && a.Job < len(old.Problem.Jobs) {
			before[key{old.Problem.Jobs[a.Job].ID, a.Op}] = a
		}
	}
	for _, a := range new.Schedule.Assignments {
		if a.Job < 0 || a.Job >= len(new.Problem.Jobs) || a.Machine < 0 || a.Machine >= len(new.Problem.Machines) {
			continue
		}
		job := &new.Problem.Jobs[a.Job]
		b, ok := before[key{job.ID, a.Op}]
		if !ok || b.Machine < 0 || b.Machine >= len(old.Problem.Machines) {
			continue
		}
		fm, tm := old.Problem.Machines[b.Machine].ID, new.Problem.Machines[a.Machine].ID
		if fm == tm && a.Start == b.Start {
			continue
		}
		mv := Move{Job: job.ID, Op: a.Op, FromMachine: fm, ToMachine: tm, FromStart: b.Start, ToStart: a.Start, Shift: a.Start - b.Start}
		if a.Op >= 0 && a.Op < len(job.Operations) {
			mv.OpID = job.Operations[a.Op].ID
		}
		if fm != tm {
			d.MachineChanges++
		}
		s := mv.Shift
		if s < 0 {
			s = -s
		}
		d.TotalShift += s
		d.MaxShift = max(d.MaxShift, s)
		d.Moved = append(d.Moved, mv)
	}
	slices.SortFunc(d.Moved, func(x, y Move) int {
		if r := cmp.Compare(x.FromStart, y.FromStart); r != 0 {
			return r
		}
		if r := strings.Compare(x.Job, y.Job); r != 0 {
			return r
		}
		return cmp.Compare(x.Op, y.Op)
	})
	return d
}

// MaxListed is the number of moves WriteText lists one by one.
const MaxListed = 20

// WriteText writes the diff for people: the objective and figures before
// and after, the moves (the first MaxListed, largest shift first among
// equals in order of old start), the orders newly late and no longer
// late.
func (d *Diff) WriteText(w io.Writer) error {
	var b strings.Builder
	bf, af := d.Before, d.After
	fmt.Fprintf(&b, "objective (%s): %s -> %s (%s)\n", bf.ObjectiveName, num(bf.Objective), num(af.Objective), signed(af.Objective-bf.Objective))
	if bf.KPIs != nil && af.KPIs != nil {
		kb, ka := bf.KPIs, af.KPIs
		fmt.Fprintf(&b, "makespan: %s -> %s; late orders: %d -> %d; weighted tardiness: %s -> %s; max lateness: %s -> %s\n",
			d.tm(kb.Makespan), d.tm(ka.Makespan), kb.LateJobs, ka.LateJobs, num(kb.WeightedTardiness), num(ka.WeightedTardiness),
			d.span(kb.MaxLateness), d.span(ka.MaxLateness))
	}
	fmt.Fprintf(&b, "%d operation(s) moved, %d changed machine", len(d.Moved), d.MachineChanges)
	if len(d.Moved) > 0 {
		fmt.Fprintf(&b, "; total shift %s, largest %s", d.span(d.TotalShift), d.span(d.MaxShift))
	}
	b.WriteString("\n")
	for i, m := range d.Moved {
		if i == MaxListed {
			fmt.Fprintf(&b, "  ... and %d more\n", len(d.Moved)-MaxListed)
			break
		}
		op := strconv.Itoa(m.Op)
		if m.OpID != "" && m.OpID != op {
			op += " (" + m.OpID + ")"
		}
		where := m.ToMachine
		if m.FromMachine != m.ToMachine {
			where = m.FromMachine + " -> " + m.ToMachine
		}
		sh := d.span(m.Shift)
		if m.Shift >= 0 {
			sh = "+" + sh
		}
		fmt.Fprintf(&b, "  %s op %s on %s: %s -> %s (%s)\n", m.Job, op, where, d.tm(m.FromStart), d.tm(m.ToStart), sh)
	}
	list := func(label string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", label, strings.Join(ids, ", "))
		}
	}
	list("newly late", d.NewlyLate)
	list("no longer late", d.NoLongerLate)
	list("added", d.Added)
	list("cancelled", d.Cancelled)
	_, err := io.WriteString(w, b.String())
	return err
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func signed(v float64) string {
	if v >= 0 {
		return "+" + num(v)
	}
	return num(v)
}

// tm formats a time of the plan.
func (d *Diff) tm(t int64) string {
	if d.p == nil || d.p.Epoch.IsZero() {
		return strconv.FormatInt(t, 10)
	}
	return d.p.TimeOf(t).In(d.p.Epoch.Location()).Format("2006-01-02 15:04")
}

// span formats a duration of ticks.
func (d *Diff) span(v int64) string {
	if d.p == nil || d.p.Epoch.IsZero() {
		return strconv.FormatInt(v, 10)
	}
	s := (time.Duration(v) * d.p.TickLength()).String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}
