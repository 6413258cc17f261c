package report

import (
	"fmt"
	"math"

	"github.com/ordo-sched/ordo/model"
)

// preds returns the predecessors of every operation for binding.
func (pl *plant) preds() map[model.OpRef][]model.Arc {
	pr := make(map[model.OpRef][]model.Arc)
	for _, a := range pl.p.Arcs(pl.x) {
		pr[a.To] = append(pr[a.To], a)
	}
	return pr
}

// binding names the resource a late order waited for, computed simply:
// starting from the order's last operation, while an operation started
// when a predecessor let it (its predecessor ended after its machine was
// free), step back to that predecessor; the first operation found whose
// machine was freed after its predecessors ended waited for that machine.
func (pl *plant) binding(job int, where map[model.OpRef]int, pos []int, preds map[model.OpRef][]model.Arc) string {
	p, s, clk := pl.p, pl.s, pl.clk
	cur := -1
	for i, a := range s.Assignments {
		if a.Job == job && (cur < 0 || a.End > s.Assignments[cur].End) {
			cur = i
		}
	}
	if cur < 0 {
		return "not scheduled"
	}
	for steps := 0; steps <= len(s.Assignments); steps++ {
		a := &s.Assignments[cur]
		row := pl.byM[a.Machine]
		mEnd, prevOn := int64(math.MinInt64), -1
		if k := pos[cur]; k > 0 {
			prevOn = row[k-1]
			mEnd = s.Assignments[prevOn].End
		}
		pEnd, pArg := int64(math.MinInt64), -1
		for _, arc := range preds[model.OpRef{Job: a.Job, Op: a.Op}] {
			if w, ok := where[arc.From]; ok {
				if e := s.Assignments[w].End + arc.MinLag; e > pEnd {
					pEnd, pArg = e, w
				}
			}
		}
		job := &p.Jobs[a.Job]
		step := fmt.Sprintf("%s step %d/%d", job.ID, a.Op+1, len(job.Operations))
		mach := &p.Machines[a.Machine]
		switch {
		case prevOn >= 0 && mEnd >= pEnd:
			b := &s.Assignments[prevOn]
			return fmt.Sprintf("machine %s: %s waited for it (busy with %s until %s)", machineLabel(mach), step, p.Jobs[b.Job].ID, clk.short(b.End))
		case pArg >= 0:
			if a.SetupStart <= pEnd || model.WorkIn(pl.mIvs[a.Machine], pEnd, a.SetupStart) == 0 {
				cur = pArg
				continue
			}
			return fmt.Sprintf("working time, materials or operators at %s: %s started %s after its previous step", machineLabel(mach), step, clk.span(a.SetupStart-pEnd))
		default:
			if a.SetupStart > job.Release {
				return fmt.Sprintf("working time, materials or operators at %s: %s started %s after the release", machineLabel(mach), step, clk.span(a.SetupStart-job.Release))
			}
			return fmt.Sprintf("the route's length: %s started at the release on %s", step, machineLabel(mach))
		}
	}
	return ""
}

// positions returns each assignment's position in its machine's row.
func (pl *plant) positions() []int {
	pos := make([]int, len(pl.s.Assignments))
	for _, row := range pl.byM {
		for k, i := range row {
			pos[i] = k
		}
	}
	return pos
}

// whereMap maps operations to their assignment.
func (pl *plant) whereMap() map[model.OpRef]int {
	w := make(map[model.OpRef]int, len(pl.s.Assignments))
	for i, a := range pl.s.Assignments {
		w[model.OpRef{Job: a.Job, Op: a.Op}] = i
	}
	return w
}
