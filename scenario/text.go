package scenario

import (
	"fmt"
	"io"
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
