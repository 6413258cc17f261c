package scenario

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
)

// columns returns the table's header and one line of cells per row.
func (c *Comparison) columns() ([]string, [][]string) {
	head := []string{"scenario", "status", "late orders", "weighted tardiness", "makespan", c.Bottleneck + " util.", "overtime h", "moved ops"}
	p := c.base
	if p == nil {
		p = &model.Problem{}
	}
	var base *Row
	if len(c.Rows) > 0 && c.Rows[0].Error == "" {
		base = &c.Rows[0]
	}
	var lines [][]string
	for i, r := range c.Rows {
		if r.Error != "" {
			lines = append(lines, []string{r.Name, "error: " + r.Error, "", "", "", "", "", ""})
			continue
		}
		late := fmt.Sprint(r.LateOrders)
		wt := explain.FormatDuration(p, int64(r.WeightedTardiness+0.5))
		moved := "-"
		if i > 0 && base != nil {
			late += fmt.Sprintf(" (%+d)", r.LateOrders-base.LateOrders)
			d := r.WeightedTardiness - base.WeightedTardiness
			sign := "+"
			if d < 0 {
				sign, d = "-", -d
			}
			wt += fmt.Sprintf(" (%s%s)", sign, explain.FormatDuration(p, int64(d+0.5)))
			moved = fmt.Sprint(r.Moved)
			if r.MovedMachine > 0 {
				moved += fmt.Sprintf(" (%d machine)", r.MovedMachine)
			}
		}
		lines = append(lines, []string{
			r.Name, r.Status, late, wt, explain.FormatDuration(p, r.Makespan),
			fmt.Sprintf("%.1f%%", 100*r.Utilisation), fmt.Sprintf("%.1f", r.OvertimeHours), moved,
		})
	}
	return head, lines
}

// WriteText writes the comparison as an aligned text table, with each
// scenario's change in late orders and weighted tardiness against the
// base in parentheses.
func (c *Comparison) WriteText(w io.Writer) error {
	head, lines := c.columns()
	width := make([]int, len(head))
	for _, l := range append([][]string{head}, lines...) {
		for j, cell := range l {
			width[j] = max(width[j], len([]rune(cell)))
		}
	}
	var b strings.Builder
	for _, l := range append([][]string{head}, lines...) {
		for j, cell := range l {
			pad := strings.Repeat(" ", width[j]-len([]rune(cell)))
			if j > 0 {
				b.WriteString("  ")
			}
			if j < 2 {
				b.WriteString(cell + pad)
			} else {
				b.WriteString(pad + cell)
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the comparison as a Markdown table.
func (c *Comparison) WriteMarkdown(w io.Writer) error {
	head, lines := c.columns()
	var b strings.Builder
	row := func(cells []string) {
		b.WriteString("|")
		for _, cell := range cells {
			b.WriteString(" " + strings.ReplaceAll(cell, "|", `\|`) + " |")
		}
		b.WriteString("\n")
	}
	row(head)
	b.WriteString("|---|---|")
	for range head[2:] {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, l := range lines {
		row(l)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteText writes the bottlenecks and the top suggestions (all when top
// is 0 or more than there are), each with its gain and the changed plan's
// figures.
func (s *Suggestions) WriteText(w io.Writer, top int) error {
	p := s.p
	if p == nil {
		p = &model.Problem{}
	}
	dur := func(x float64) string { return explain.FormatDuration(p, int64(x+0.5)) }
	var b strings.Builder
	fmt.Fprintf(&b, "base plan: %d late order(s), weighted tardiness %s\n", s.Base.LateOrders, dur(s.Base.WeightedTardiness))
	if len(s.Bottlenecks) > 0 {
		b.WriteString("\nwhat causes the lateness:\n")
		for i, bn := range s.Bottlenecks {
			if i == 5 {
				break
			}
			fmt.Fprintf(&b, "  %3.0f%% %s %s: %s, %d order(s)\n", 100*bn.Share, bn.Type, bn.Resource, explain.FormatDuration(p, bn.Ticks), len(bn.Orders))
		}
	}
	if len(s.Suggestions) == 0 {
		b.WriteString("\nno suggestion: the base plan has no late order\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	n := len(s.Suggestions)
	if top > 0 && top < n {
		n = top
	}
	fmt.Fprintf(&b, "\nbest single changes (%d evaluated by re-planning):\n", len(s.Suggestions))
	for i, sg := range s.Suggestions[:n] {
		fmt.Fprintf(&b, "%2d. %s\n    %s\n", i+1, sg.Name, sg.Change)
		if sg.Outcome.Error != "" {
			fmt.Fprintf(&b, "    could not be planned: %s\n", sg.Outcome.Error)
			continue
		}
		fmt.Fprintf(&b, "    effect: %s late orders, %s weighted tardiness -> %d late, %s; overtime %.1f h; %d operation(s) moved\n",
			signed(-sg.GainLate, strconv.Itoa), signed(-sg.GainTardiness, dur), sg.Outcome.LateOrders, dur(sg.Outcome.WeightedTardiness), sg.Outcome.OvertimeHours, sg.Outcome.Moved)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// signed renders a change with its sign: "-3", "+1 h", "+0".
func signed[T int | float64](x T, f func(T) string) string {
	switch {
	case x < 0:
		return "-" + f(-x)
	case x > 0:
		return "+" + f(x)
	}
	return "+0"
}
