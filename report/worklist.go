package report

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Team is who receives a work list: one machine, a group of machines, or an
// operator pool.
type Team struct {
	// Name labels the list (and its file names); empty means the machine's
	// or pool's ID, or the machine IDs joined by "+".
	Name string
	// Machines are machine IDs: the list holds their operations.
	Machines []string
	// Pool is an operator pool ID: the list holds the operations that use
	// operators of the pool. Machines and Pool are exclusive.
	Pool string
}

// WorkListOptions choose the time and the teams of work lists.
type WorkListOptions struct {
	// Shift is an instant in the shift wanted: each machine's (or pool's)
	// list covers the shift of its own calendar containing Shift, or the
	// next one starting after it when Shift falls in non-working time.
	// Without calendar a shift lasts DefaultShift from Shift.
	Shift time.Time
	// From and To, when both set, give an explicit range instead of a
	// shift: the lists hold the operations whose work (setup, else
	// processing) starts in [From, To).
	From, To time.Time
	// Teams lists the teams; nil means one list per machine, in the
	// problem's order.
	Teams []Team
}

// WorkList is the work of one team for one shift or range.
type WorkList struct {
	// Team is the team's name; Machines its machine IDs (the machines used
	// for a pool's list) and Pool its pool ID.
	Team     string
	Machines []string
	Pool     string
	// Shift is the shift (or explicit range) the list is for; Window the
	// interval of work starts it holds: from the end of the previous shift
	// to the end of this one (work starting in the gap before the shift,
	// at night or over a weekend, is the next shift's).
	Shift, Window model.Interval
	// ShiftStart and ShiftEnd are Shift as times (zero for a unitless
	// problem).
	ShiftStart, ShiftEnd time.Time
	// Items are the operations, by start of their work.
	Items []WorkItem
	// Running are operations started earlier and still running when the
	// shift starts (resumable work carried over), for information; each
	// belongs to the Items of an earlier list.
	Running []WorkItem
	// Bring totals the materials of Items, one entry per material in the
	// problem's order.
	Bring []MaterialNeed
}

// WorkItem is one operation of a work list.
type WorkItem struct {
	// Assignment is the index of the assignment in the schedule.
	Assignment int
	// Order is the job's ID, Product its name, Quantity its quantity.
	Order, Product string
	Quantity       float64
	// Op is the operation's ID and Step its position "2/5" in the routing.
	Op, Step string
	// Machine and MachineName identify the machine.
	Machine, MachineName string
	// SetupStart, Start and End are ticks; Setup is Start - SetupStart.
	SetupStart, Start, End, Setup int64
	// SetupFrom and SetupTo are the setup families changed (SetupFrom is
	// empty for the machine's first operation).
	SetupFrom, SetupTo string
	// Resumable operations may pause over non-working time.
	Resumable bool
	// Materials are the materials to bring (consumed at the start).
	Materials []MaterialNeed
	// Produces are the materials put into stock at the end.
	Produces []MaterialNeed
	// Operators are the operators needed, by pool.
	Operators []OperatorNeed
	// Next are the operations that follow downstream.
	Next []Downstream
}

// MaterialNeed is a quantity of a material.
type MaterialNeed struct {
	Material, Name, Unit string
	Quantity             float64
}

// OperatorNeed is a number of operators from a pool with a skill.
type OperatorNeed struct {
	Pool, Skill string
	Count       int
}

// Downstream is an operation that follows one of a work list.
type Downstream struct {
	// Order and Op identify the operation; Machine is where it runs and
	// Start when (ticks).
	Order, Op, Machine string
	Start              int64
}

// WorkLists returns the work lists of schedule s for the teams and time of
// opts, one per team in order. Teams default to one per machine. It
// returns an error when a team names an unknown machine or pool, when
// neither a shift nor a range is given, or when s does not fit p.
func WorkLists(p *model.Problem, s *schedule.Schedule, opts WorkListOptions) ([]WorkList, error) {
	if p != nil && p.Epoch.IsZero() {
		return nil, errors.New("report: work lists need a problem with an epoch (dates), not a unitless benchmark instance")
	}
	pl, err := newPlant(p, s, 0)
	if err != nil {
		return nil, err
	}
	explicit := !opts.From.IsZero() || !opts.To.IsZero()
	if explicit && (opts.From.IsZero() || opts.To.IsZero() || !opts.From.Before(opts.To)) {
		return nil, fmt.Errorf("report: work list range from %s to %s: want both ends, the first before the second", opts.From.Format(time.RFC3339), opts.To.Format(time.RFC3339))
	}
	if !explicit && opts.Shift.IsZero() {
		return nil, errors.New("report: work lists need a shift instant or a range")
	}
	teams := opts.Teams
	if teams == nil {
		for _, m := range p.Machines {
			teams = append(teams, Team{Machines: []string{m.ID}})
		}
	}
	succ := make(map[model.OpRef][]model.OpRef)
	for _, a := range p.Arcs(pl.x) {
		succ[a.From] = append(succ[a.From], a.To)
	}
	where := make(map[model.OpRef]int, len(s.Assignments))
	for i, a := range s.Assignments {
		where[model.OpRef{Job: a.Job, Op: a.Op}] = i
	}
	var out []WorkList
	for ti, tm := range teams {
		wl, err := pl.workList(tm, opts, explicit, succ, where)
		if err != nil {
			return nil, fmt.Errorf("report: teams[%d]: %w", ti, err)
		}
		out = append(out, wl)
	}
	return out, nil
}

// member is one machine or pool of a team with the window of its shift.
type member struct {
	shift, window model.Interval
}

func (pl *plant) workList(tm Team, opts WorkListOptions, explicit bool, succ map[model.OpRef][]model.OpRef, where map[model.OpRef]int) (WorkList, error) {
	p := pl.p
	wl := WorkList{Team: tm.Name, Pool: tm.Pool}
	if tm.Pool != "" && len(tm.Machines) > 0 {
		return wl, fmt.Errorf("team %q: give machines or a pool, not both", tm.Name)
	}
	if tm.Pool == "" && len(tm.Machines) == 0 {
		return wl, errors.New("a team needs machines or a pool")
	}
	t := p.TickOf(opts.Shift)
	rangeOf := func(cal string, down []model.Window) (member, error) {
		if explicit {
			iv := model.Interval{Start: p.TickOf(opts.From), End: p.TickOf(opts.To)}
			return member{iv, iv}, nil
		}
		sh, win, err := shiftAt(p, cal, down, t)
		return member{sh, win}, err
	}
	// The window of each assignment's machine (or of the pool).
	var inList func(a *schedule.Assignment) bool
	var shifts []member
	if tm.Pool != "" {
		o, ok := pl.x.Pools[tm.Pool]
		if !ok {
			return wl, fmt.Errorf("unknown operator pool %q", tm.Pool)
		}
		if wl.Team == "" {
			wl.Team = tm.Pool
		}
		mb, err := rangeOf(p.OperatorPools[o].Calendar, nil)
		if err != nil {
			return wl, err
		}
		shifts = append(shifts, mb)
		inList = func(a *schedule.Assignment) bool {
			return slices.Contains(a.Operators, o) && mb.window.Start <= a.SetupStart && a.SetupStart < mb.window.End
		}
	} else {
		win := make(map[int]member)
		for _, id := range tm.Machines {
			m, ok := pl.x.Machines[id]
			if !ok {
				return wl, fmt.Errorf("unknown machine %q", id)
			}
			mb, err := rangeOf(p.Machines[m].Calendar, p.Machines[m].Downtime)
			if err != nil {
				return wl, err
			}
			win[m] = mb
			shifts = append(shifts, mb)
			wl.Machines = append(wl.Machines, id)
		}
		if wl.Team == "" {
			wl.Team = strings.Join(tm.Machines, "+")
		}
		inList = func(a *schedule.Assignment) bool {
			mb, ok := win[a.Machine]
			return ok && mb.window.Start <= a.SetupStart && a.SetupStart < mb.window.End
		}
	}
	wl.Shift, wl.Window = shifts[0].shift, shifts[0].window
	for _, mb := range shifts[1:] {
		wl.Shift.Start, wl.Shift.End = min(wl.Shift.Start, mb.shift.Start), max(wl.Shift.End, mb.shift.End)
		wl.Window.Start, wl.Window.End = min(wl.Window.Start, mb.window.Start), max(wl.Window.End, mb.window.End)
	}
	wl.ShiftStart, wl.ShiftEnd = p.TimeOf(wl.Shift.Start).In(pl.clk.loc), p.TimeOf(wl.Shift.End).In(pl.clk.loc)

	usedM := make(map[int]bool)
	for i := range pl.s.Assignments {
		a := &pl.s.Assignments[i]
		switch {
		case inList(a):
			wl.Items = append(wl.Items, pl.workItem(i, succ, where))
			usedM[a.Machine] = true
		case a.SetupStart < wl.Shift.Start && a.End > wl.Shift.Start && pl.teamHas(tm, a):
			wl.Running = append(wl.Running, pl.workItem(i, succ, where))
		}
	}
	slices.SortStableFunc(wl.Items, workItemOrder)
	slices.SortStableFunc(wl.Running, workItemOrder)
	if tm.Pool != "" {
		for m := range p.Machines {
			if usedM[m] {
				wl.Machines = append(wl.Machines, p.Machines[m].ID)
			}
		}
	}
	tot := make([]float64, len(p.Materials))
	for _, it := range wl.Items {
		for _, q := range it.Materials {
			tot[pl.x.Materials[q.Material]] += q.Quantity
		}
	}
	for m, q := range tot {
		if q != 0 {
			wl.Bring = append(wl.Bring, pl.need(m, q))
		}
	}
	return wl, nil
}

// teamHas reports whether assignment a is the team's work (any time).
func (pl *plant) teamHas(tm Team, a *schedule.Assignment) bool {
	if tm.Pool != "" {
		o := pl.x.Pools[tm.Pool]
		return slices.Contains(a.Operators, o)
	}
	return slices.Contains(tm.Machines, pl.p.Machines[a.Machine].ID)
}

func (pl *plant) need(m int, q float64) MaterialNeed {
	mat := &pl.p.Materials[m]
	return MaterialNeed{Material: mat.ID, Name: mat.Name, Unit: mat.Unit, Quantity: q}
}

// workItem describes assignment i.
func (pl *plant) workItem(i int, succ map[model.OpRef][]model.OpRef, where map[model.OpRef]int) WorkItem {
	p, s := pl.p, pl.s
	a := &s.Assignments[i]
	job := &p.Jobs[a.Job]
	op := &job.Operations[a.Op]
	mach := &p.Machines[a.Machine]
	it := WorkItem{
		Assignment: i, Order: job.ID, Product: job.Name, Quantity: job.Quantity,
		Op: job.OpID(a.Op), Step: fmt.Sprintf("%d/%d", a.Op+1, len(job.Operations)),
		Machine: mach.ID, MachineName: mach.Name,
		SetupStart: a.SetupStart, Start: a.Start, End: a.End, Setup: a.Start - a.SetupStart,
		SetupTo: op.SetupFamily, Resumable: op.Resumable,
	}
	// The family of the previous operation on the machine.
	row := pl.byM[a.Machine]
	if k := slices.Index(row, i); k > 0 {
		prev := &s.Assignments[row[k-1]]
		it.SetupFrom = p.Jobs[prev.Job].Operations[prev.Op].SetupFamily
	}
	for _, q := range op.Consumes {
		if m, ok := pl.x.Materials[q.Material]; ok {
			it.Materials = append(it.Materials, pl.need(m, q.Quantity))
		}
	}
	for _, q := range op.Produces {
		if m, ok := pl.x.Materials[q.Material]; ok {
			it.Produces = append(it.Produces, pl.need(m, q.Quantity))
		}
	}
	// Operators: the pools used, need by need.
	k := 0
	for _, need := range op.Operators {
		count := map[int]int{}
		var pools []int
		for c := 0; c < need.Count && k < len(a.Operators); c++ {
			o := a.Operators[k]
			if count[o] == 0 {
				pools = append(pools, o)
			}
			count[o]++
			k++
		}
		for _, o := range pools {
			it.Operators = append(it.Operators, OperatorNeed{Pool: p.OperatorPools[o].ID, Skill: need.Skill, Count: count[o]})
		}
	}
	for _, nx := range succ[model.OpRef{Job: a.Job, Op: a.Op}] {
		d := Downstream{Order: p.Jobs[nx.Job].ID, Op: p.Jobs[nx.Job].OpID(nx.Op), Start: math.MinInt64}
		if w, ok := where[nx]; ok {
			b := &s.Assignments[w]
			d.Machine, d.Start = p.Machines[b.Machine].ID, b.Start
		}
		it.Next = append(it.Next, d)
	}
	sort.SliceStable(it.Next, func(x, y int) bool { return it.Next[x].Start < it.Next[y].Start })
	return it
}

// workItemOrder orders the items of a work list: by setup start, start,
// then machine.
func workItemOrder(x, y WorkItem) int {
	if x.SetupStart != y.SetupStart {
		return cmp.Compare(x.SetupStart, y.SetupStart)
	}
	if x.Start != y.Start {
		return cmp.Compare(x.Start, y.Start)
	}
	return strings.Compare(x.Machine, y.Machine)
}
