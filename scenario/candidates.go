package scenario

import (
	"fmt"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
)

// shifts returns the shift candidates of machine id: Saturday shifts, a
// Saturday double shift and weekday overtime, each on a copy of the
// machine's calendar with working exceptions (a machine without a
// calendar is always available and gets none).
func (d *doc) shifts(id string, horizon int64, overtimeHours int) []Suggestion {
	mi := slices.IndexFunc(d.p.Machines, func(m model.Machine) bool { return m.ID == id })
	if mi < 0 || d.p.Machines[mi].Calendar == "" || d.p.Epoch.IsZero() {
		return nil
	}
	ci := slices.IndexFunc(d.p.Calendars, func(c model.Calendar) bool { return c.ID == d.p.Machines[mi].Calendar })
	if ci < 0 {
		return nil
	}
	cal := &d.p.Calendars[ci]
	loc, err := cal.Location()
	if err != nil {
		return nil
	}
	working, err := d.p.CalendarIntervals(cal, horizon+7*24*int64(time.Hour/d.p.TickLength()))
	if err != nil {
		return nil
	}
	closed := func(a, b int64) bool {
		for _, iv := range working {
			if iv.Start < b && a < iv.End {
				return false
			}
		}
		return a < b
	}
	var out []Suggestion
	// Saturdays from the epoch's day to the plan's end.
	saturday := func(from, to int, kind, what string) {
		var ex []exception
		day := d.p.Epoch.In(loc)
		day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
		for !day.After(d.p.TimeOf(horizon)) {
			if day.Weekday() == time.Saturday {
				a := d.p.TickOf(day.Add(time.Duration(from) * time.Hour))
				b := d.p.TickOf(day.Add(time.Duration(to) * time.Hour))
				if a >= 0 && closed(a, b) {
					ex = append(ex, exception{a, b, what})
				}
			}
			day = day.AddDate(0, 0, 1)
		}
		if len(ex) == 0 {
			return
		}
		out = append(out, d.calendarChange(mi, ci, kind, ex,
			fmt.Sprintf("%s on %s on %s", what, id, d.days(ex, loc))))
	}
	saturday(6, 14, "saturday", "Saturday shift 06:00-14:00")
	saturday(6, 22, "saturday-2", "Saturday shifts 06:00-22:00")
	// Overtime after each weekday shift end that is followed by closed
	// time.
	length := int64(time.Duration(overtimeHours) * time.Hour / d.p.TickLength())
	var ex []exception
	for _, iv := range working {
		e := iv.End
		if e >= horizon || e <= 0 {
			continue
		}
		wd := d.p.TimeOf(e - 1).In(loc).Weekday()
		if wd == time.Saturday || wd == time.Sunday || !closed(e, e+length) {
			continue
		}
		ex = append(ex, exception{e, e + length, fmt.Sprintf("overtime %d h", overtimeHours)})
	}
	if len(ex) > 0 {
		out = append(out, d.calendarChange(mi, ci, "overtime", ex,
			fmt.Sprintf("%d h overtime after each weekday shift on %s (%d windows, %s)", overtimeHours, id, len(ex), d.days(ex, loc))))
	}
	return out
}

type exception struct {
	start, end int64
	reason     string
}

// days lists the local dates of exceptions ("Sat 12 Dec, Sat 19 Dec").
func (d *doc) days(ex []exception, loc *time.Location) string {
	s := ""
	for i, e := range ex {
		if i == 6 {
			return s + fmt.Sprintf(" and %d more", len(ex)-i)
		}
		if i > 0 {
			s += ", "
		}
		s += d.p.TimeOf(e.start).In(loc).Format("Mon 2 Jan")
	}
	return s
}

// calendarChange returns the suggestion that gives machine mi a copy of
// calendar ci with the working exceptions ex.
func (d *doc) calendarChange(mi, ci int, kind string, ex []exception, change string) Suggestion {
	m, c := d.p.Machines[mi].ID, d.p.Calendars[ci].ID
	newID := c + "+" + kind + "-" + m
	cals := d.array("calendars")
	ms := d.array("machines")
	jc := find(cals, c)
	jm := find(ms, m)
	old, _ := cals[jc].(map[string]any)["exceptions"].([]any)
	exs := slices.Clone(old)
	for _, e := range ex {
		exs = append(exs, map[string]any{"start": d.timeValue(e.start), "end": d.timeValue(e.end), "working": true, "reason": e.reason})
	}
	nc := with(cals, jc, "exceptions", exs)
	nc["id"] = newID
	cals = append(cals, nc)
	ms[jm] = with(ms, jm, "calendar", newID)
	return Suggestion{
		Scenario: Scenario{Name: kind + "-" + m},
		Kind:     kind, Resource: m, Change: change,
		patch: map[string]any{"calendars": cals, "machines": ms},
	}
}

// operator returns the candidate that adds one operator to pool id.
func (d *doc) operator(id string) []Suggestion {
	pools := d.array("operator_pools")
	i := find(pools, id)
	pi := slices.IndexFunc(d.p.OperatorPools, func(o model.OperatorPool) bool { return o.ID == id })
	if i < 0 || pi < 0 {
		return nil
	}
	n := d.p.OperatorPools[pi].Capacity
	pools[i] = with(pools, i, "capacity", n+1)
	return []Suggestion{{
		Scenario: Scenario{Name: "operator-" + id},
		Kind:     "operator", Resource: id,
		Change: fmt.Sprintf("one more operator in %s (%d instead of %d)", id, n+1, n),
		patch:  map[string]any{"operator_pools": pools},
	}}
}

// receipt returns the candidate that delivers, when the first waiting
// operation was ready, the receipt of material id that ended the late
// orders' waits for it.
func (d *doc) receipt(id string, rep *explain.Report) []Suggestion {
	mi := slices.IndexFunc(d.p.Materials, func(m model.Material) bool { return m.ID == id })
	mats := d.array("materials")
	ji := find(mats, id)
	if mi < 0 || ji < 0 {
		return nil
	}
	recs := d.p.Materials[mi].Receipts
	jrecs, _ := mats[ji].(map[string]any)["receipts"].([]any)
	if len(jrecs) != len(recs) {
		return nil
	}
	// The receipt that ended each wait: the latest one at or before its
	// end; the earliest start of the waits it ended.
	need := map[int]int64{}
	for _, o := range rep.Orders {
		for _, sg := range o.Segments {
			if sg.Kind != explain.Material || sg.Resource != id {
				continue
			}
			best := -1
			for r, rc := range recs {
				if rc.At > sg.Start && rc.At <= sg.End && (best < 0 || rc.At > recs[best].At) {
					best = r
				}
			}
			if best < 0 {
				continue
			}
			if t, ok := need[best]; !ok || sg.Start < t {
				need[best] = sg.Start
			}
		}
	}
	var out []Suggestion
	for r := range recs {
		t, ok := need[r]
		if !ok {
			continue
		}
		nr := slices.Clone(jrecs)
		nr[r] = with(nr, r, "at", d.timeValue(t))
		nm := slices.Clone(mats)
		nm[ji] = with(mats, ji, "receipts", nr)
		name := fmt.Sprintf("receipt-%s-%d", id, r+1)
		out = append(out, Suggestion{
			Scenario: Scenario{Name: name},
			Kind:     "receipt", Resource: id,
			Change: fmt.Sprintf("the %s receipt of %s (%g) delivered at %s", id, d.when(recs[r].At), recs[r].Quantity, d.when(t)),
			patch:  map[string]any{"materials": nm},
		})
	}
	return out
}

// when renders tick t for a sentence.
func (d *doc) when(t int64) string {
	if d.p.Epoch.IsZero() {
		return fmt.Sprintf("tick %d", t)
	}
	return d.p.TimeOf(t).In(d.p.Epoch.Location()).Format("Mon 2 Jan 15:04")
}
