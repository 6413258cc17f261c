package mip

import (
	"math"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// bruteForce returns the optimum of a tiny problem by enumerating every
// order of the operations and every machine choice, placing each operation
// as early as possible after the previous one on its machine (semi-active
// schedules contain an optimum for the regular objectives of the model).
// Every candidate goes through schedule.Verify. It shares no code with the
// formulation.
func bruteForce(p *model.Problem, obj model.Objective) (float64, *schedule.Schedule) {
	type ref struct{ j, k int }
	var ops []ref
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			ops = append(ops, ref{j, k})
		}
	}
	mIdx := map[string]int{}
	for i, m := range p.Machines {
		mIdx[m.ID] = i
	}
	arcs := p.Arcs(p.NewIndex())
	horizon := p.PlanningHorizon()
	wins := make([][]model.Interval, len(p.Machines))
	for i := range p.Machines {
		wins[i], _ = p.MachineIntervals(&p.Machines[i], horizon)
	}
	setupOf := func(m int, prevFam string, first bool, fam string) int64 {
		id := p.Machines[m].SetupMatrix
		if id == "" {
			return 0
		}
		for _, sm := range p.SetupMatrices {
			if sm.ID != id {
				continue
			}
			if first {
				return sm.Initial
			}
			for _, e := range sm.Entries {
				if e.From == prevFam && e.To == fam {
					return e.Time
				}
			}
			if prevFam == fam {
				return 0
			}
			return sm.Default
		}
		return 0
	}
	best := math.Inf(1)
	var bestS *schedule.Schedule
	n := len(ops)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	choice := make([]int, n)
	var place func()
	place = func() {
		s := &schedule.Schedule{}
		end := map[ref]int64{}
		lastEnd := make([]int64, len(p.Machines))
		lastFam := make([]string, len(p.Machines))
		used := make([]bool, len(p.Machines))
		for _, pi := range perm {
			r := ops[pi]
			job := &p.Jobs[r.j]
			op := &job.Operations[r.k]
			if op.Fixed != nil {
				m := mIdx[op.Fixed.Machine]
				s.Assignments = append(s.Assignments, schedule.Assignment{Job: r.j, Op: r.k, Machine: m,
					SetupStart: op.Fixed.SetupStart, Start: op.Fixed.Start, End: op.Fixed.End})
				end[r] = op.Fixed.End
				lastEnd[m], lastFam[m], used[m] = op.Fixed.End, op.SetupFamily, true
				continue
			}
			alt := op.Alternatives[choice[pi]]
			m := mIdx[alt.Machine]
			d := alt.ProcessingTime(job.Quantity)
			est := job.Release
			for _, a := range arcs {
				if a.To.Job == r.j && a.To.Op == r.k {
					e, ok := end[ref{a.From.Job, a.From.Op}]
					if !ok {
						return // predecessor not placed yet: order invalid
					}
					est = max(est, e+a.MinLag)
				}
			}
			su := setupOf(m, lastFam[m], !used[m], op.SetupFamily)
			t := max(est, lastEnd[m]+su, job.Release+su)
			// first working window holding [t-su, t+d)
			ok := false
			for _, w := range wins[m] {
				st := max(t, w.Start+su)
				if st+d <= w.End {
					t, ok = st, true
					break
				}
			}
			if !ok {
				return
			}
			s.Assignments = append(s.Assignments, schedule.Assignment{Job: r.j, Op: r.k, Machine: m, SetupStart: t - su, Start: t, End: t + d})
			end[r] = t + d
			lastEnd[m], lastFam[m], used[m] = t+d, op.SetupFamily, true
		}
		if schedule.Verify(p, s) != nil {
			return
		}
		if v := schedule.Evaluate(p, s, obj); v < best {
			best, bestS = v, s
		}
	}
	var choose func(i int)
	choose = func(i int) {
		if i == n {
			place()
			return
		}
		r := ops[i]
		na := len(p.Jobs[r.j].Operations[r.k].Alternatives)
		if p.Jobs[r.j].Operations[r.k].Fixed != nil {
			na = 1
		}
		for c := 0; c < na; c++ {
			choice[i] = c
			choose(i + 1)
		}
	}
	var permute func(k int)
	permute = func(k int) {
		if k == n {
			choose(0)
			return
		}
		for i := k; i < n; i++ {
			perm[k], perm[i] = perm[i], perm[k]
			permute(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	permute(0)
	return best, bestS
}
