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
	midnight := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	var ticks []tick
	day0 := midnight(T0)
	if step < 24*time.Hour {
		// Label the first, partial day at the left edge when its midnight is
		// before the window and there is room before the next midnight.
		next := day0.AddDate(0, 0, 1)
		if day0.Before(T0) && xOf(next)-c.left > 90 {
			ticks = append(ticks, tick{x: c.left, day: T0.In(loc).Format("Mon 02 Jan 2006")})
		}
		n := 0
		for d := day0; !d.After(T1); d, n = d.AddDate(0, 0, 1), n+1 {
			end := d.AddDate(0, 0, 1)
			for t := d; t.Before(end) && !t.After(T1); t = t.Add(step) {
				if t.Before(T0) {
					continue
				}
				tk := tick{x: xOf(t), label: t.In(loc).Format("15:04")}
				if t.Equal(d) {
					tk.major = true
					if n%dayEvery == 0 && t.Before(T1) {
						tk.day = t.In(loc).Format("Mon 02 Jan")
					}
				}
				ticks = append(ticks, tk)
			}
		}
		return ticks
	}
	days := int(step / (24 * time.Hour))
	start := day0
	if days >= 7 {
		// Align weeks on Mondays.
		for start.Weekday() != time.Monday {
			start = start.AddDate(0, 0, -1)
		}
	}
	for t := start; !t.After(T1); t = t.AddDate(0, 0, days) {
		if t.Before(T0) {
			continue
		}
		label := t.In(loc).Format("Mon 02 Jan")
		if days >= 7 {
			label = t.In(loc).Format("02 Jan")
		}
		tk := tick{x: xOf(t), label: label, major: days >= 7 || t.Weekday() == time.Monday}
		if t.In(loc).Day() == 1 || len(ticks) == 0 {
			tk.day = t.In(loc).Format("January 2006")
		}
		ticks = append(ticks, tk)
	}
	return ticks
}
