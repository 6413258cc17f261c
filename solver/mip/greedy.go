package mip

import (
	"math"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// greedyHint builds a schedule by serial list scheduling with a few
// priority rules and returns the best for obj (nil when none is valid, or
// when the problem has fixed operations or machine calendars, which the
// greedy does not handle). It is the fallback upper bound when the hint
// solver finds nothing.
func greedyHint(p *model.Problem, obj model.Objective) *schedule.Schedule {
	f, err := Build(p, obj, BuildOptions{})
	if err != nil {
		return nil
	}
	for i := range f.ops {
		if f.ops[i].fixed != nil {
			return nil
		}
	}
	for m := range p.Machines {
		if p.Machines[m].Calendar != "" || len(p.Machines[m].Downtime) > 0 {
			return nil
		}
	}
	arcs := p.Arcs(p.NewIndex())
	n := len(f.ops)
	preds := make([][]model.Arc, n)
	for _, a := range arcs {
		to := f.flat[a.To.Job][a.To.Op]
		preds[to] = append(preds[to], a)
	}
	// remaining work of each job after each op (for slack rules)
	due := make([]float64, len(p.Jobs))
	for j := range p.Jobs {
		due[j] = math.Inf(1)
		if d := p.Jobs[j].Due; d != nil {
			due[j] = float64(*d)
		}
	}
	var best *schedule.Schedule
	bestV := math.Inf(1)
	for rule := 0; rule < 4; rule++ {
		s := f.greedy(rule, preds, due)
		if s == nil || check(p, s) != nil {
			continue
		}
		if v := schedule.Evaluate(p, s, obj); v < bestV {
			best, bestV = s, v
		}
	}
	return best
}

func (f *Formulation) greedy(rule int, preds [][]model.Arc, due []float64) *schedule.Schedule {
	p := f.p
	n := len(f.ops)
	nm := len(p.Machines)
	lastEnd := make([]int64, nm)
	lastFam := make([]string, nm)
	used := make([]bool, nm)
	done := make([]bool, n)
	end := make([]int64, n)
	s := &schedule.Schedule{Assignments: make([]schedule.Assignment, 0, n)}
	for step := 0; step < n; step++ {
		bi, bm := -1, altInfo{}
		var bs, bsu int64
		var bk1, bk2 float64
		for i := 0; i < n; i++ {
			if done[i] {
				continue
			}
			op := &f.ops[i]
			est := op.release
			ready := true
			for _, a := range preds[i] {
				pi := f.flat[a.From.Job][a.From.Op]
				if !done[pi] {
					ready = false
					break
				}
				est = max(est, end[pi]+a.MinLag)
			}
			if !ready {
				continue
			}
			for _, al := range op.alts {
				su := f.setup[al.m].initial()
				if used[al.m] {
					su = f.setup[al.m].time(lastFam[al.m], op.family)
				}
				st := max(est, lastEnd[al.m]+su, op.release+su)
				var k1, k2 float64
				switch rule {
				case 0: // earliest completion, then earliest due date
					k1, k2 = float64(st+al.p), due[op.job]
				case 1: // earliest start, then earliest due date
					k1, k2 = float64(st), due[op.job]
				case 2: // earliest start, then shortest processing time
					k1, k2 = float64(st), float64(al.p)
				default: // earliest start, then highest weight per tick
					k1, k2 = float64(st), -p.Jobs[op.job].JobWeight()/float64(al.p+1)
				}
				if bi < 0 || k1 < bk1 || (k1 == bk1 && k2 < bk2) {
					bi, bm, bs, bsu, bk1, bk2 = i, al, st, su, k1, k2
				}
			}
		}
		if bi < 0 {
			return nil
		}
		op := &f.ops[bi]
		done[bi] = true
		end[bi] = bs + bm.p
		lastEnd[bm.m], lastFam[bm.m], used[bm.m] = end[bi], op.family, true
		s.Assignments = append(s.Assignments, schedule.Assignment{
			Job: op.job, Op: op.k, Machine: bm.m, SetupStart: bs - bsu, Start: bs, End: end[bi]})
	}
	return s
}
