package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// checkIndices returns an error naming the first assignment of s whose
// indices do not fit p.
func checkIndices(p *model.Problem, s *schedule.Schedule) error {
	if p == nil {
		return fmt.Errorf("report: nil problem")
	}
	if s == nil {
		return fmt.Errorf("report: nil schedule")
	}
	for i, a := range s.Assignments {
		if a.Job < 0 || a.Job >= len(p.Jobs) {
			return fmt.Errorf("report: assignments[%d]: job index %d out of range [0, %d)", i, a.Job, len(p.Jobs))
		}
		if a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) {
			return fmt.Errorf("report: assignments[%d]: operation index %d out of range for order %q (%d operations)", i, a.Op, p.Jobs[a.Job].ID, len(p.Jobs[a.Job].Operations))
		}
		if a.Machine < 0 || a.Machine >= len(p.Machines) {
			return fmt.Errorf("report: assignments[%d]: machine index %d out of range [0, %d)", i, a.Machine, len(p.Machines))
		}
		for k, o := range a.Operators {
			if o < 0 || o >= len(p.OperatorPools) {
				return fmt.Errorf("report: assignments[%d].operators[%d]: pool index %d out of range [0, %d)", i, k, o, len(p.OperatorPools))
			}
		}
		if a.SetupStart > a.Start || a.Start > a.End {
			return fmt.Errorf("report: assignments[%d] (order %q, operation %s): times out of order (setup %d, start %d, end %d)", i, p.Jobs[a.Job].ID, p.Jobs[a.Job].OpID(a.Op), a.SetupStart, a.Start, a.End)
		}
	}
	return nil
}

// clock formats ticks as dates (with an epoch) or plain numbers.
type clock struct {
	p   *model.Problem
	loc *time.Location
}

func newClock(p *model.Problem) clock { return clock{p: p, loc: p.DisplayLocation()} }

func (c clock) unitless() bool { return c.p.Epoch.IsZero() }

// at formats tick t as "Mon 2006-01-02 15:04 MST".
func (c clock) at(t int64) string {
	if c.unitless() {
		return fmt.Sprintf("t=%d", t)
	}
	return c.p.TimeOf(t).In(c.loc).Format("Mon 2006-01-02 15:04 MST")
}

// short formats tick t as "Mon 14 15:04" for tables.
func (c clock) short(t int64) string {
	if c.unitless() {
		return fmt.Sprintf("%d", t)
	}
	return c.p.TimeOf(t).In(c.loc).Format("Mon 02 Jan 15:04")
}

// iso formats tick t as RFC 3339 (the tick number when unitless).
func (c clock) iso(t int64) string {
	if c.unitless() {
		return fmt.Sprintf("%d", t)
	}
	return c.p.TimeOf(t).In(c.loc).Format(time.RFC3339)
}

// hoursOf returns d ticks in hours (ticks when unitless).
func (c clock) hoursOf(d int64) float64 {
	if c.unitless() {
		return float64(d)
	}
	return (time.Duration(d) * c.p.TickLength()).Hours()
}

// hours formats a machine or operator time: "12.5 h" (or "125 time units").
func (c clock) hours(d int64) string {
	if c.unitless() {
		return fmt.Sprintf("%d %s", d, tickUnit(c.p))
	}
	return fmt.Sprintf("%.1f h", c.hoursOf(d))
}

// span formats a lateness or a short duration: "2 d 3 h 05 min", "45 min".
func (c clock) span(d int64) string {
	if c.unitless() {
		return fmt.Sprintf("%d %s", d, tickUnit(c.p))
	}
	dur := time.Duration(d) * c.p.TickLength()
	sign := ""
	if dur < 0 {
		sign, dur = "-", -dur
	}
	days := int(dur / (24 * time.Hour))
	dur -= time.Duration(days) * 24 * time.Hour
	h, m := int(dur/time.Hour), int(dur%time.Hour/time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d d", days))
	}
	if h > 0 || days > 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	parts = append(parts, fmt.Sprintf("%02d min", m))
	if days == 0 && h == 0 {
		parts[len(parts)-1] = fmt.Sprintf("%d min", m)
	}
	return sign + strings.Join(parts, " ")
}

// tickUnit names one tick: "minutes", "seconds", or "time units" for a
// unitless problem.
func tickUnit(p *model.Problem) string {
	if p.Epoch.IsZero() {
		return "time units"
	}
	switch l := p.TickLength(); l {
	case time.Minute:
		return "min"
	case time.Second:
		return "s"
	case time.Hour:
		return "h"
	default:
		return fmt.Sprintf("ticks of %s", l)
	}
}

// criterionUnit is the unit of one criterion's value.
func criterionUnit(p *model.Problem, c model.Criterion) string {
	switch c {
	case model.WeightedTardiness:
		return "weighted " + tickUnit(p)
	case model.LateJobs:
		return "late orders"
	case model.Makespan, model.MaxLateness, model.FlowTime:
		return tickUnit(p)
	}
	return ""
}

// objectiveUnit is the unit of an objective's value: the criterion's unit
// for a single criterion, a description of the mix otherwise.
func objectiveUnit(p *model.Problem, o model.Objective) string {
	n := o.Normalized()
	if len(n.Terms) == 1 {
		u := criterionUnit(p, n.Terms[0].Criterion)
		if n.Terms[0].Weight != 1 && u != "" {
			u = "weighted " + strings.TrimPrefix(u, "weighted ")
		}
		return u
	}
	return "weighted sum of criteria in their own units"
}

// fmtQty formats a material quantity without needless decimals.
func fmtQty(q float64) string {
	if q == math.Trunc(q) && math.Abs(q) < 1e15 {
		return fmt.Sprintf("%.0f", q)
	}
	return fmt.Sprintf("%.3g", q)
}

// machineLabel is "ID – Name" or the ID alone.
func machineLabel(m *model.Machine) string {
	if m.Name != "" && m.Name != m.ID {
		return m.ID + " – " + m.Name
	}
	return m.ID
}

// overlap returns the length of [a, b) ∩ [c, d).
func overlap(a, b, c, d int64) int64 {
	return max(0, min(b, d)-max(a, c))
}
