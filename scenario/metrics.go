package scenario

import (
	"slices"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Movement counts the operations that a plan moved against a base plan.
type Movement struct {
	// Operations counts the operations present in both plans (same job ID,
	// same operation index) that are on another machine (by ID) or start
	// at another time.
	Operations int
	// Machine counts those that are on another machine.
	Machine int
	// Shift is the total of |start - base start| over the moved
	// operations, in ticks.
	Shift int64
	// Added and Removed count the operations of one plan that the other
	// lacks (orders added or cancelled by the scenario).
	Added, Removed int
}

type opKey struct {
	job string
	op  int
}

type placement struct {
	machine string
	start   int64
}

// Moved compares schedule s of problem p with the base schedule bs of
// problem bp. Operations are matched by job ID and operation index, so the
// two problems may differ in their jobs, machines and their order; times
// are ticks from each problem's epoch and must share it.
func Moved(bp *model.Problem, bs *schedule.Schedule, p *model.Problem, s *schedule.Schedule) Movement {
	index := func(p *model.Problem, s *schedule.Schedule) map[opKey]placement {
		m := make(map[opKey]placement, len(s.Assignments))
		for _, a := range s.Assignments {
			if a.Job < 0 || a.Job >= len(p.Jobs) || a.Machine < 0 || a.Machine >= len(p.Machines) {
				continue
			}
			m[opKey{p.Jobs[a.Job].ID, a.Op}] = placement{p.Machines[a.Machine].ID, a.Start}
		}
		return m
	}
	before := index(bp, bs)
	var mv Movement
	seen := 0
	for _, a := range s.Assignments {
		if a.Job < 0 || a.Job >= len(p.Jobs) || a.Machine < 0 || a.Machine >= len(p.Machines) {
			continue
		}
		b, ok := before[opKey{p.Jobs[a.Job].ID, a.Op}]
		if !ok {
			mv.Added++
			continue
		}
		seen++
		onOther := b.machine != p.Machines[a.Machine].ID
		if onOther || b.start != a.Start {
			mv.Operations++
			mv.Shift += abs(a.Start - b.start)
		}
		if onOther {
			mv.Machine++
		}
	}
	mv.Removed = len(before) - seen
	return mv
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// Overtime returns the machine time that schedule s of problem p works in
// extra time: the parts of its operations (setups included) that lie in
// working time that a calendar exception (working: true) adds to the
// weekly pattern of the machine's calendar, or in the machine's overtime
// windows outside its calendar. It is zero for a problem without either.
func Overtime(p *model.Problem, s *schedule.Schedule) time.Duration {
	horizon := schedule.Makespan(s)
	type cal struct{ with, extra []model.Interval }
	cals := map[string]cal{}
	calendar := func(id string) cal {
		if c, ok := cals[id]; ok || id == "" {
			return c
		}
		i := slices.IndexFunc(p.Calendars, func(c model.Calendar) bool { return c.ID == id })
		if i < 0 {
			return cal{}
		}
		c := &p.Calendars[i]
		plain := *c
		plain.Exceptions = slices.DeleteFunc(slices.Clone(c.Exceptions), func(e model.Exception) bool { return e.Working })
		with, err1 := p.CalendarIntervals(c, horizon)
		without, err2 := p.CalendarIntervals(&plain, horizon)
		var out cal
		if err1 == nil && err2 == nil {
			out = cal{with: with, extra: model.Subtract(with, without)}
		}
		cals[id] = out
		return out
	}
	extra := make([][]model.Interval, len(p.Machines))
	some := false
	for m := range p.Machines {
		mc := &p.Machines[m]
		c := calendar(mc.Calendar)
		ex := slices.Clone(c.extra)
		if len(mc.Overtime) > 0 {
			regular := c.with
			if mc.Calendar == "" {
				regular = []model.Interval{{Start: 0, End: model.Forever}}
			}
			ex = model.Normalize(append(ex, model.Subtract(mc.WithOvertime(slices.Clone(regular)), regular)...))
		}
		extra[m] = ex
		some = some || len(ex) > 0
	}
	if !some {
		return 0
	}
	var ticks int64
	for _, a := range s.Assignments {
		if a.Machine < 0 || a.Machine >= len(p.Machines) {
			continue
		}
		for _, iv := range extra[a.Machine] {
			ticks += max(0, min(iv.End, a.End)-max(iv.Start, a.SetupStart))
		}
	}
	return time.Duration(ticks) * p.TickLength()
}
