package report

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// DefaultShift is the length of a work list's shift on a machine or pool
// that has no calendar (always available): the lists then cut time into
// blocks of this length from the requested instant.
const DefaultShift = 8 * time.Hour

// ShiftInstances returns the shifts of calendar calID (an ID of
// p.Calendars) that end in (from, to]: one interval per occurrence of a
// shift of the weekly pattern, in the calendar's time zone, and one per
// working exception, sorted by end. Shifts wholly inside non-working time
// (holidays, closures, and the downtime given) are left out; the others
// keep their nominal bounds even when an exception shortens them.
func ShiftInstances(p *model.Problem, calID string, from, to int64, down []model.Window) ([]model.Interval, error) {
	if p.Epoch.IsZero() {
		return nil, fmt.Errorf("report: shifts need a problem with an epoch")
	}
	var cal *model.Calendar
	for i := range p.Calendars {
		if p.Calendars[i].ID == calID {
			cal = &p.Calendars[i]
		}
	}
	if cal == nil {
		return nil, fmt.Errorf("report: unknown calendar %q", calID)
	}
	loc, err := cal.Location()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	ceil := func(t time.Time) int64 {
		k := p.TickOf(t)
		if p.TimeOf(k).Before(t) {
			k++
		}
		return k
	}
	var out []model.Interval
	startLocal := p.TimeOf(from).In(loc)
	day := time.Date(startLocal.Year(), startLocal.Month(), startLocal.Day()-1, 0, 0, 0, 0, loc)
	endT := p.TimeOf(to)
	for !day.After(endT) {
		y, mo, d := day.Date()
		for _, s := range cal.Shifts {
			if !slices.Contains(s.Days, day.Weekday()) {
				continue
			}
			st := time.Date(y, mo, d, s.Start/60, s.Start%60, 0, 0, loc)
			en := time.Date(y, mo, d, s.End/60, s.End%60, 0, 0, loc)
			if s.End <= s.Start {
				en = time.Date(y, mo, d+1, s.End/60, s.End%60, 0, 0, loc)
			}
			out = append(out, model.Interval{Start: ceil(st), End: p.TickOf(en)})
		}
		day = time.Date(y, mo, d+1, 0, 0, 0, 0, loc)
	}
	var off []model.Interval
	for _, e := range cal.Exceptions {
		if e.Working {
			out = append(out, model.Interval{Start: e.Start, End: e.End})
		} else {
			off = append(off, model.Interval{Start: e.Start, End: e.End})
		}
	}
	for _, d := range down {
		off = append(off, model.Interval{Start: d.Start, End: d.End})
	}
	off = model.Normalize(off)
	kept := out[:0]
	for _, iv := range out {
		if iv.Start >= iv.End || iv.End <= from || iv.End > to {
			continue
		}
		if len(model.Subtract([]model.Interval{iv}, off)) == 0 {
			continue
		}
		kept = append(kept, iv)
	}
	slices.SortFunc(kept, func(a, b model.Interval) int {
		if a.End != b.End {
			return int(a.End - b.End)
		}
		return int(a.Start - b.Start)
	})
	return slices.Compact(kept), nil
}

// shiftAt returns the shift of calendar calID containing tick t (a shift
// starting at t when one ends there), else the next shift starting after
// t, and the window of operations the shift's list holds: from the end of
// the previous shift to the end of this one. The windows of consecutive
// shifts therefore cut time without gaps or overlaps, so that every
// operation, even one starting in non-working time, falls in exactly one
// list. Without calendar the shift is [t, t+DefaultShift).
func shiftAt(p *model.Problem, calID string, down []model.Window, t int64) (shift, window model.Interval, err error) {
	if calID == "" {
		n := int64(DefaultShift / p.TickLength())
		return model.Interval{Start: t, End: t + n}, model.Interval{Start: t, End: t + n}, nil
	}
	day := int64(24 * time.Hour / p.TickLength())
	for span := 8 * day; span <= 800*day; span *= 4 {
		inst, err := ShiftInstances(p, calID, t-span, t+span, down)
		if err != nil {
			return shift, window, err
		}
		best := -1
		for i, iv := range inst {
			if iv.Start <= t && t < iv.End && (best < 0 || iv.Start > inst[best].Start) {
				best = i
			}
		}
		if best < 0 {
			for i, iv := range inst {
				if iv.Start > t && (best < 0 || iv.Start < inst[best].Start) {
					best = i
				}
			}
		}
		if best < 0 {
			continue
		}
		shift = inst[best]
		window = model.Interval{Start: math.MinInt64, End: shift.End}
		for i := best - 1; i >= 0; i-- {
			if inst[i].End < shift.End {
				window.Start = inst[i].End
				break
			}
		}
		if window.Start == math.MinInt64 && span < 800*day {
			continue // look further back for the previous shift
		}
		return shift, window, nil
	}
	return shift, window, fmt.Errorf("report: calendar %q has no shift within 800 days of %s", calID, p.TimeOf(t).Format(time.RFC3339))
}
