package gantt

import (
	"bufio"
	"fmt"
	"math"
	"time"
)

// tick is one labelled position of the time axis.
type tick struct {
	x     float64
	label string // minor label (hours, numbers, days)
	major bool   // a day boundary (dates) or a multiple of 5 steps (numbers)
	day   string // day label drawn on the upper line (dates only)
}

// writeAxis draws grid lines between top and bottom, with labels above the
// chart and, for tall charts, below it too.
func (c *chart) writeAxis(w *bufio.Writer, top, bottom float64) {
	var ticks []tick
	if c.p.Epoch.IsZero() {
		ticks = c.numberTicks()
	} else {
		ticks = c.dateTicks()
	}
	below := c.axisBelowHeight() > 0
	w.WriteString("<g class=\"axis\" font-size=\"11\" fill=\"#333\">\n")
	for _, t := range ticks {
		stroke, sw := "#d0d4d8", 0.6
		if t.major {
			stroke, sw = "#8a9199", 1
		}
		fmt.Fprintf(w, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>\n", t.x, top-4, t.x, bottom+4, stroke, sw)
		if t.label != "" {
			fmt.Fprintf(w, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", t.x, top-8, esc(t.label))
			if below {
				fmt.Fprintf(w, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", t.x, bottom+16, esc(t.label))
			}
		}
		if t.day != "" {
			fmt.Fprintf(w, "<text x=\"%.2f\" y=\"%.1f\" font-weight=\"bold\">%s</text>\n", t.x+3, top-26, esc(t.day))
			if below {
				fmt.Fprintf(w, "<text x=\"%.2f\" y=\"%.1f\" font-weight=\"bold\">%s</text>\n", t.x+3, bottom+32, esc(t.day))
			}
		}
	}
	w.WriteString("</g>\n")
}

// numberTicks returns ticks at multiples of 1, 2 or 5 x 10^k.
func (c *chart) numberTicks() []tick {
	span := float64(c.t1 - c.t0)
	maxTicks := math.Max(2, c.plotW/70)
	raw := span / maxTicks
	step := 1.0
	if raw > 1 {
		mag := math.Pow(10, math.Floor(math.Log10(raw)))
		switch {
		case raw <= mag:
			step = mag
		case raw <= 2*mag:
			step = 2 * mag
		case raw <= 5*mag:
			step = 5 * mag
		default:
			step = 10 * mag
		}
	}
	st := int64(step)
	first := c.t0 / st * st
	if first < c.t0 {
		first += st
	}
	var ticks []tick
	for v := first; v <= c.t1; v += st {
		ticks = append(ticks, tick{x: c.x(v), label: fmt.Sprint(v), major: (v/st)%5 == 0})
	}
	return ticks
}

var dateSteps = []time.Duration{
	time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 4 * time.Hour, 6 * time.Hour, 8 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour,
}

// dateTicks returns ticks at round wall-clock times in the epoch's location:
// hours or shifts within days (with day labels), or days and weeks.
func (c *chart) dateTicks() []tick {
	T0, T1 := c.p.TimeOf(c.t0), c.p.TimeOf(c.t1)
	span := T1.Sub(T0)
	loc := c.loc
	xOf := func(t time.Time) float64 {
		return c.left + float64(t.Sub(T0))/float64(span)*c.plotW
	}
	maxTicks := math.Max(2, c.plotW/64)
	step := dateSteps[len(dateSteps)-1]
	for _, s := range dateSteps {
		if float64(span)/float64(s) <= maxTicks {
			step = s
			break
		}
	}
	// Day labels need about 90 px; skip some days when they are narrow.
	dayPx := float64(24*time.Hour) / float64(span) * c.plotW
	dayEvery := 1
	for dayPx*float64(dayEvery) < 90 {
		dayEvery++
	}
	// Days advance by calendar date (kept as a UTC midnight, where every
	// day exists and lasts 24 h); each day starts at the first instant of
	// that date in loc, which is not midnight where a daylight-saving
	// change skips it (America/Santiago, America/Havana, Asia/Beirut).
	y, m, dd := T0.In(loc).Date()
	date0 := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	y, m, dd = T1.In(loc).Date()
	dateEnd := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	var ticks []tick
	day0, _ := dayStart(date0, loc)
	if step < 24*time.Hour {
		// Label the first, partial day at the left edge when its start is
		// before the window and there is room before the next day.
		next, _ := nextDayStart(date0, loc)
		if day0.Before(T0) && xOf(next)-c.left > 90 {
			ticks = append(ticks, tick{x: c.left, day: T0.In(loc).Format("Mon 02 Jan 2006")})
		}
		n := 0
		for date := date0; !date.After(dateEnd); date = date.AddDate(0, 0, 1) {
			d, ok := dayStart(date, loc)
			if !ok {
				continue // a date the zone skipped (Pacific/Apia, 2011-12-30)
			}
			// Ticks at round wall-clock times of the date (06:00, 12:00...),
			// each at the first instant showing that time or, in a gap of a
			// daylight-saving change, at the gap's end.
			var last time.Time
			for wall := date; wall.Before(date.Add(24 * time.Hour)); wall = wall.Add(step) {
				t := d
				if wall.After(date) {
					var ok bool
					if t, ok = firstLocal(wall, step, loc); !ok {
						continue
					}
				}
				if t.After(T1) {
					break
				}
				if !t.After(last) || t.Before(T0) {
					continue
				}
				last = t
				tk := tick{x: xOf(t), label: t.In(loc).Format("15:04")}
				if t.Equal(d) {
					tk.major = true
					if n%dayEvery == 0 && t.Before(T1) {
						tk.day = t.In(loc).Format("Mon 02 Jan")
					}
				}
				ticks = append(ticks, tk)
			}
			n++
		}
		return ticks
	}
	days := int(step / (24 * time.Hour))
	start := date0
	if days >= 7 {
		// Align weeks on Mondays.
		for start.Weekday() != time.Monday {
			start = start.AddDate(0, 0, -1)
		}
	}
	for date := start; !date.After(dateEnd); date = date.AddDate(0, 0, days) {
		t, ok := dayStart(date, loc)
		if !ok || t.Before(T0) {
			continue
		}
		if t.After(T1) {
			break
		}
		label := t.In(loc).Format("Mon 02 Jan")
		if days >= 7 {
			label = t.In(loc).Format("02 Jan")
		}
		tk := tick{x: xOf(t), label: label, major: days >= 7 || date.Weekday() == time.Monday}
		if date.Day() == 1 || len(ticks) == 0 {
			tk.day = t.In(loc).Format("January 2006")
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// dayStart returns the first instant whose date in loc is the calendar
// date of date (a UTC midnight): local midnight when it exists, else the
// daylight-saving change that skipped it; the earlier one when midnight
// occurs twice. ok is false when loc skipped the whole date.
func dayStart(date time.Time, loc *time.Location) (t time.Time, ok bool) {
	return firstLocal(date, 24*time.Hour, loc)
}

// firstLocal returns the first instant whose wall-clock time in loc lies
// in [wall, wall+span), wall being a wall-clock time written in UTC; ok is
// false when loc skips that whole range.
func firstLocal(wall time.Time, span time.Duration, loc *time.Location) (t time.Time, ok bool) {
	// Within one zone period the offset is fixed, so the instants showing
	// the range are [wall - offset, + span); the periods are scanned in
	// order over the widest window that can hold the range (offsets lie
	// within ±26 h), and the first period meeting it holds its first
	// instant.
	lo, hi := wall.Add(-27*time.Hour), wall.Add(span+27*time.Hour)
	at := lo
	for range 64 {
		start, end := at.In(loc).ZoneBounds()
		_, off := at.In(loc).Zone()
		first := wall.Add(-time.Duration(off) * time.Second)
		last := first.Add(span)
		if !start.IsZero() && first.Before(start) {
			first = start
		}
		if first.Before(at) {
			first = at
		}
		if !end.IsZero() && last.After(end) {
			last = end
		}
		if first.Before(last) {
			return first.In(loc), true
		}
		if end.IsZero() || !end.Before(hi) || !end.After(at) {
			return time.Time{}, false
		}
		at = end
	}
	return time.Time{}, false
}

// nextDayStart returns the start of the first date after date (a UTC
// midnight) that exists in loc.
func nextDayStart(date time.Time, loc *time.Location) (time.Time, bool) {
	for k := 1; k <= 3; k++ {
		if t, ok := dayStart(date.AddDate(0, 0, k), loc); ok {
			return t, true
		}
	}
	return time.Time{}, false
}
