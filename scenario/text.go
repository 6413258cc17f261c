package scenario

import (
	"fmt"
	"io"
	"math"
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
	costs := c.hasCosts()
	if costs {
		head = append(head, "cost")
	}
	var lines [][]string
	for i, r := range c.Rows {
		if r.Error != "" {
			l := []string{r.Name, "error: " + r.Error, "", "", "", "", "", ""}
			if costs {
				l = append(l, "")
			}
			lines = append(lines, l)
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
		l := []string{
			r.Name, r.Status, late, wt, explain.FormatDuration(p, r.Makespan),
			fmt.Sprintf("%.1f%%", 100*r.Utilisation), fmt.Sprintf("%.1f", r.OvertimeHours), moved,
		}
		if costs {
			cell := "-"
			if r.Cost != nil {
				cell = money(r.Cost.Total)
				if i > 0 && base != nil && base.Cost != nil {
					cell += " (" + signedMoney(r.Cost.Total-base.Cost.Total) + ")"
				}
			}
			l = append(l, cell)
		}
		lines = append(lines, l)
	}
	return head, lines
}

// hasCosts reports whether a row has costs.
func (c *Comparison) hasCosts() bool {
	for _, r := range c.Rows {
		if r.Cost != nil {
			return true
		}
	}
	return false
}

// costColumns returns the cost breakdown table (nil without costs).
func (c *Comparison) costColumns() ([]string, [][]string) {
	if !c.hasCosts() {
		return nil, nil
	}
	head := []string{"scenario", "total", "processing", "setups", "overtime", "lateness", "finished holding", "material holding"}
	var lines [][]string
	for _, r := range c.Rows {
		if r.Cost == nil {
			continue
		}
		k := r.Cost
		lines = append(lines, []string{r.Name, money(k.Total), money(k.Processing), money(k.Setups), money(k.Overtime),
			money(k.Lateness), money(k.FinishedHolding), money(k.MaterialHolding)})
	}
	return head, lines
}

// money renders an amount with two decimals and thousands separated by
// spaces ("12 345.60").
func money(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, ch := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(ch)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

// signedMoney renders a difference of amounts with its sign.
func signedMoney(x float64) string {
	if math.Abs(x) < 0.005 {
		return "+0.00"
	}
	if x < 0 {
		return "-" + money(-x)
	}
	return "+" + money(x)
}

// WriteText writes the comparison as an aligned text table, with each
// scenario's change in late orders and weighted tardiness against the
// base in parentheses.
func (c *Comparison) WriteText(w io.Writer) error {
	head, lines := c.columns()
	if err := writeAligned(w, head, lines); err != nil {
		return err
	}
	if head, lines := c.costColumns(); head != nil {
		if _, err := io.WriteString(w, "\ncost breakdown:\n"); err != nil {
			return err
		}
		return writeAligned(w, head, lines)
	}
	return nil
}

// writeAligned writes a table with the first column left-aligned, the
// others right-aligned (the second left-aligned too when it is a status).
func writeAligned(w io.Writer, head []string, lines [][]string) error {
	leftCols := 1
	if len(head) > 1 && head[1] == "status" {
		leftCols = 2
	}
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
			if j < leftCols {
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

// WriteMarkdown writes the comparison as a Markdown table, followed by
// the cost breakdown table when the problems have costs.
func (c *Comparison) WriteMarkdown(w io.Writer) error {
	head, lines := c.columns()
	if err := writeMarkdownTable(w, head, lines, 2); err != nil {
		return err
	}
	if head, lines := c.costColumns(); head != nil {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		return writeMarkdownTable(w, head, lines, 1)
	}
	return nil
}

// writeMarkdownTable writes a Markdown table whose first left columns are
// left-aligned and the others right-aligned.
func writeMarkdownTable(w io.Writer, head []string, lines [][]string, left int) error {
	var b strings.Builder
	row := func(cells []string) {
		b.WriteString("|")
		for _, cell := range cells {
			b.WriteString(" " + strings.ReplaceAll(cell, "|", `\|`) + " |")
		}
		b.WriteString("\n")
	}
	row(head)
	b.WriteString("|")
	for j := range head {
		if j < left {
			b.WriteString("---|")
		} else {
			b.WriteString("---:|")
		}
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
	fmt.Fprintf(&b, "base plan: %d late order(s), weighted tardiness %s", s.Base.LateOrders, dur(s.Base.WeightedTardiness))
	if s.Base.Cost != nil {
		fmt.Fprintf(&b, ", cost %s", money(s.Base.Cost.Total))
	}
	b.WriteString("\n")
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
		if c := sg.Outcome.Cost; c != nil {
			fmt.Fprintf(&b, "    cost: %s -> %s (processing %s, overtime %s, lateness %s)\n",
				signedMoney(-sg.GainCost), money(c.Total), money(c.Processing), money(c.Overtime), money(c.Lateness))
		}
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
