package explain

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// formatTime renders tick t as a short date ("Thu 09 Jan 08:00") in the
// epoch's location, or as a plain tick for unitless problems.
func formatTime(p *model.Problem, t int64) string {
	if p.Epoch.IsZero() || t <= -model.Forever || t >= model.Forever {
		return fmt.Sprintf("tick %d", t)
	}
	return p.TimeOf(t).Format("Mon 02 Jan 15:04")
}

// FormatDuration renders d ticks of problem p for a planner: "3 d 06 h",
// "20 h", "2 h 05 min", "45 min" (seconds are dropped), or "N ticks" for
// unitless problems.
func FormatDuration(p *model.Problem, d int64) string {
	if p.Epoch.IsZero() {
		if d == 1 {
			return "1 tick"
		}
		return fmt.Sprintf("%d ticks", d)
	}
	dur := time.Duration(d) * p.TickLength()
	mins := int64(dur / time.Minute)
	days, hours, m := mins/(24*60), mins/60%24, mins%60
	switch {
	case days > 0 && m == 0:
		return fmt.Sprintf("%d d %02d h", days, hours)
	case days > 0:
		return fmt.Sprintf("%d d %02d h %02d min", days, hours, m)
	case hours > 0 && m == 0:
		return fmt.Sprintf("%d h", hours)
	case hours > 0:
		return fmt.Sprintf("%d h %02d min", hours, m)
	case mins == 0 && dur > 0:
		return dur.String()
	}
	return fmt.Sprintf("%d min", m)
}

// listOrders renders "A", "A and B", "A, B and C", "A, B, C and 4 more".
func listOrders(ids []string) string {
	const show = 3
	switch {
	case len(ids) == 0:
		return ""
	case len(ids) == 1:
		return ids[0]
	case len(ids) <= show:
		return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
	}
	return strings.Join(ids[:show], ", ") + fmt.Sprintf(" and %d more", len(ids)-show)
}

// causePhrase describes a cause without its duration.
func causePhrase(c *Cause) string {
	switch c.Kind {
	case Machine:
		if len(c.Orders) > 0 {
			return fmt.Sprintf("waiting for %s behind %s", c.Resource, listOrders(c.Orders))
		}
		return "waiting for " + c.Resource
	case Setup:
		return fmt.Sprintf("setup on %s (%s)", c.Resource, c.Reason)
	case Closed:
		switch c.Reason {
		case "weekend":
			return fmt.Sprintf("weekend (%s closed)", c.Resource)
		case "night":
			return fmt.Sprintf("nights and breaks (%s off shift)", c.Resource)
		}
		return fmt.Sprintf("%s closed (%s)", c.Resource, c.Reason)
	case Holiday:
		r := c.Reason
		if r == "" {
			r = "calendar exception"
		}
		return fmt.Sprintf("%s closed: %s", c.Resource, r)
	case Downtime:
		r := c.Reason
		if r == "" {
			r = "planned downtime"
		}
		return fmt.Sprintf("%s down: %s", c.Resource, r)
	case Material:
		s := fmt.Sprintf("waiting for material %s (%s", c.Resource, c.Reason)
		if len(c.Orders) > 0 {
			s += " by " + listOrders(c.Orders)
		}
		return s + ")"
	case Operators:
		if len(c.Orders) > 0 {
			return fmt.Sprintf("waiting for operators of %s (busy with %s)", c.Resource, listOrders(c.Orders))
		}
		return fmt.Sprintf("waiting for operators of %s", c.Resource)
	case OperatorsOff:
		return fmt.Sprintf("operators of %s off shift", c.Resource)
	case Release:
		return "waiting for the release of " + listOrders(c.Orders)
	case Fixed:
		return "held by an operation fixed on the shop floor"
	case Idle:
		if c.Resource != "" {
			return fmt.Sprintf("idle before %s (nothing held it: the plan chose to wait)", c.Resource)
		}
		return "idle (nothing held it: the plan chose to wait)"
	case Work:
		return "its own work takes longer than release to due date"
	}
	return string(c.Kind)
}

func (ix *index) causeText(c *Cause, _ string) string {
	return FormatDuration(ix.p, c.Ticks) + " " + causePhrase(c)
}

func (ix *index) summary(o *Order) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s late (due %s, done %s)", o.Job, FormatDuration(ix.p, o.Lateness), formatTime(ix.p, o.Due), formatTime(ix.p, o.Completion))
	for i, c := range o.Causes {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(c.Text)
	}
	return b.String()
}

// WriteText writes the report for a planner: one summary line per late
// order (with detail, followed by its chain from the last operation back),
// then, when two or more orders are late, the resources that cause most
// of the lateness (Report.Bottlenecks).
func (r *Report) WriteText(w io.Writer, detail bool) error {
	if len(r.Orders) == 0 {
		_, err := fmt.Fprintln(w, "no late orders")
		return err
	}
	for _, o := range r.Orders {
		if _, err := fmt.Fprintln(w, o.Summary); err != nil {
			return err
		}
		if !detail {
			continue
		}
		for _, st := range o.Chain {
			tm := func(t int64) string { return fmt.Sprint(t) }
			if r.p != nil {
				tm = func(t int64) string { return formatTime(r.p, t) }
			}
			setup := ""
			if st.SetupStart < st.Start {
				setup = ", setup from " + tm(st.SetupStart)
			}
			if _, err := fmt.Fprintf(w, "  %s/%s on %s: ready %s (held by %s)%s, runs %s to %s\n", st.Job, st.Op, st.Machine, tm(st.Ready), st.HeldBy, setup, tm(st.Start), tm(st.End)); err != nil {
				return err
			}
		}
	}
	if len(r.Orders) < 2 {
		return nil
	}
	return r.writeBottlenecks(w, r.Bottlenecks, 5)
}
