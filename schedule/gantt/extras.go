package gantt

import (
	"bufio"
	"fmt"
	"math"
	"sort"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Colours of the non-working windows with a reason.
const (
	maintColor   = "#e07b00" // planned maintenance (machine downtime)
	holidayColor = "#6a4fc4" // holidays and closures (calendar exceptions)
	dueColor     = "#d00000"
	receiptColor = "#1b7a36"
)

// nRows is the number of rows drawn: machines or operators, plus the
// receipts row.
func (c *chart) nRows() int {
	n := len(c.rows)
	if len(c.receipts) > 0 {
		n++
	}
	return n
}

// poolRows fills the rows of the operator-pool view: for each pool, one
// row per operator (its capacity, more when the schedule overbooks it);
// each operator taken by an operation gets a bar in the first free row of
// its pool.
func (c *chart) poolRows(holidays func(string) []special, offOf func([]model.Interval) []model.Interval, horizon int64) error {
	p, s := c.p, c.s
	for i, a := range s.Assignments {
		for k, o := range a.Operators {
			if o < 0 || o >= len(p.OperatorPools) {
				return fmt.Errorf("gantt: assignment %d: operators[%d]: pool index %d out of range [0, %d)", i, k, o, len(p.OperatorPools))
			}
		}
	}
	for o := range p.OperatorPools {
		pool := &p.OperatorPools[o]
		var bars []bar
		for _, a := range s.Assignments {
			for _, q := range a.Operators {
				if q == o {
					b := bar{a: a, late: c.late[a.Job], lastOfJ: a.End == c.completion[a.Job]}
					b.a.SetupStart = b.a.Start // operators work during processing only
					bars = append(bars, b)
				}
			}
		}
		sort.SliceStable(bars, func(x, y int) bool { return bars[x].a.Start < bars[y].a.Start })
		var laneEnd []int64
		var lanes [][]bar
		for _, b := range bars {
			l := -1
			for k, e := range laneEnd {
				if e <= b.a.Start {
					l = k
					break
				}
			}
			if l < 0 {
				l = len(laneEnd)
				laneEnd = append(laneEnd, 0)
				lanes = append(lanes, nil)
			}
			laneEnd[l] = b.a.End
			lanes[l] = append(lanes[l], b)
		}
		n := max(pool.Capacity, len(lanes), 1)
		ivs, err := p.PoolIntervals(pool, horizon)
		if err != nil {
			return fmt.Errorf("gantt: %w", err)
		}
		off := offOf(ivs)
		hol := holidays(pool.Calendar)
		for k := 0; k < n; k++ {
			var row []bar
			if k < len(lanes) {
				row = lanes[k]
			}
			c.rows = append(c.rows, row)
			c.labels = append(c.labels, fmt.Sprintf("%s %d/%d", pool.ID, k+1, pool.Capacity))
			if pool.Calendar == "" {
				c.offTime = append(c.offTime, nil)
			} else {
				c.offTime = append(c.offTime, off)
			}
			c.specials = append(c.specials, hol)
		}
	}
	if len(c.rows) == 0 {
		c.rows = [][]bar{nil}
		c.labels = []string{"(no operator pool)"}
		c.offTime = [][]model.Interval{nil}
		c.specials = [][]special{nil}
	}
	return nil
}

// writeDefs' extra patterns: maintenance, holidays and pauses.
func writeExtraDefs(w *bufio.Writer) {
	fmt.Fprintf(w, "<pattern id=\"maint\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffe3c2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"%s\" stroke-width=\"3\"/></pattern>\n", maintColor)
	fmt.Fprintf(w, "<pattern id=\"holiday\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(-45)\"><rect width=\"8\" height=\"8\" fill=\"#e6e0fa\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"%s\" stroke-width=\"2\"/></pattern>\n", holidayColor)
	w.WriteString("<pattern id=\"pause\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#000000\" fill-opacity=\"0.28\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-opacity=\"0.8\" stroke-width=\"1.5\"/></pattern>\n")
}

// writeSpecials draws maintenance windows and holidays over the
// non-working shading, each with its reason.
func (c *chart) writeSpecials(w *bufio.Writer) {
	w.WriteString("<g class=\"specials\">\n")
	for m, sp := range c.specials {
		y := c.top + float64(m)*c.rowH
		for _, x := range sp {
			x0, x1 := c.x(x.iv.Start), c.x(x.iv.End)
			fill, kind, col := "url(#holiday)", "holiday", holidayColor
			if x.maint {
				fill, kind, col = "url(#maint)", "maintenance", maintColor
			}
			reason := x.reason
			if reason == "" {
				reason = kind
			}
			fmt.Fprintf(w, "<g class=\"%s\"><title>%s: %s, %s – %s</title><rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1\"/>",
				kind, esc(c.labels[m]), esc(reason), esc(c.fmtTime(x.iv.Start)), esc(c.fmtTime(x.iv.End)), x0, y+0.5, math.Max(x1-x0, 1), c.rowH-1, fill, col)
			label := reason
			if textWidth(label, c.fontSize)+8 > x1-x0 {
				label = kind
			}
			if tw := textWidth(label, c.fontSize); tw+8 <= x1-x0 {
				fmt.Fprintf(w, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"#000\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">%s</text>", (x0+x1)/2, y+c.rowH/2, esc(label))
			}
			w.WriteString("</g>\n")
		}
	}
	w.WriteString("</g>\n")
}

// writePauses draws the non-working time inside a resumable bar, so that
// the pause shows through it.
func (c *chart) writePauses(w *bufio.Writer, row int, a schedule.Assignment, y, h float64) {
	if row >= len(c.offTime) {
		return
	}
	for _, iv := range c.offTime[row] {
		s, e := max(iv.Start, a.Start, c.t0), min(iv.End, a.End, c.t1)
		if s >= e {
			continue
		}
		x0, x1 := c.x(s), c.x(e)
		fmt.Fprintf(w, "<rect class=\"pause\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"url(#pause)\"><title>paused: non-working time %s – %s</title></rect>", x0, y, math.Max(x1-x0, 0.5), h, esc(c.fmtTime(s)), esc(c.fmtTime(e)))
	}
}

// writeDueMarks draws, for every late order, its due date in the row of
// its last operation: a dashed red line at the due date and a red bracket
// to the completion.
func (c *chart) writeDueMarks(w *bufio.Writer) {
	w.WriteString("<g class=\"due-marks\">\n")
	for m, row := range c.rows {
		for _, b := range row {
			if !b.late || !b.lastOfJ {
				continue
			}
			job := &c.p.Jobs[b.a.Job]
			due := *job.Due
			if due < c.t0 || due > c.t1 {
				continue
			}
			y := c.top + float64(m)*c.rowH
			xd, xe := c.x(due), c.x(c.clip(b.a.End))
			fmt.Fprintf(w, "<g class=\"due\"><title>Order %s due %s, finished %s: late by %s</title>", esc(job.ID), esc(c.fmtTime(due)), esc(c.fmtTime(b.a.End)), esc(c.fmtDur(b.a.End-due)))
			fmt.Fprintf(w, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>", xd, y+1, xd, y+c.rowH-1, dueColor)
			fmt.Fprintf(w, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>", xd, y+c.rowH-2, xe, y+c.rowH-2, dueColor)
			w.WriteString("</g>\n")
		}
	}
	w.WriteString("</g>\n")
}

// writeReceipts draws the material receipts in their own row.
func (c *chart) writeReceipts(w *bufio.Writer) {
	if len(c.receipts) == 0 {
		return
	}
	y := c.top + float64(len(c.rows))*c.rowH
	w.WriteString("<g class=\"receipts\">\n")
	for _, r := range c.receipts {
		x := c.x(r.at)
		fmt.Fprintf(w, "<g class=\"receipt\"><title>%s</title><line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/><path d=\"M%.2f %.1f l-6 -9 h12 z\" fill=\"%s\"/></g>\n",
			esc(r.label), x, y+2, x, y+c.rowH-2, receiptColor, x, y+c.rowH-3, receiptColor)
	}
	w.WriteString("</g>\n")
}
