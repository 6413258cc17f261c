package mip

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver/mip/lp"
)

const negInf = math.MinInt64 / 4

// pairInfo is an unordered pair of operations a < b that may share a machine.
type pairInfo struct {
	a, b     int
	machines []int
	y        int     // Y variable, -1 when constant
	yConst   float64 // its value when constant
}

// blockVar is a blocking-interval binary of an operation on a machine.
type blockVar struct {
	op, m int
	b     block
	z     int // Z variable, -1 when the side is forced
	zVal  float64
}

// lastVar is the binary F_j_k saying that sink operation op ends last in
// its job (C_j = its end).
type lastVar struct{ op, f int }

// formulation state kept for warm starts and extraction.
type vars struct {
	pairs  []pairInfo
	blocks []blockVar
	cj     []int       // C_j variable per job (-1: none)
	tj     []int       // T_j
	ej     []int       // E_j (-1: none)
	last   [][]lastVar // per job: the "ends last" binaries F_j_k (nil: none)
	uj     []int       // U_j (-1: none)
	ujOne  []bool
	cmax   int
	lmax   int
}

func (f *Formulation) endTerms(i int, coef float64) ([]lp.Term, float64) {
	op := &f.ops[i]
	terms := []lp.Term{{Var: op.s, Coef: coef}}
	if len(op.alts) == 1 {
		return terms, coef * float64(op.alts[0].p)
	}
	for _, a := range op.alts {
		terms = append(terms, lp.Term{Var: a.x, Coef: coef * float64(a.p)})
	}
	return terms, 0
}

func (f *Formulation) altOn(i, m int) (altInfo, bool) {
	for _, a := range f.ops[i].alts {
		if a.m == m {
			return a, true
		}
	}
	return altInfo{}, false
}

// xTerm returns the assignment of op i to machine m as a term (when a
// variable) and whether it is a variable.
func (f *Formulation) xVar(i, m int) int {
	a, _ := f.altOn(i, m)
	return a.x
}

func (f *Formulation) buildModel(arcs []model.Arc, blocks [][]block, order []int, succs [][]model.Arc) {
	p := f.p
	mdl := &lp.Model{Name: p.Name}
	if mdl.Name == "" {
		mdl.Name = "ordo"
	}
	f.Model = mdl
	inf := lp.Inf
	// Start and assignment variables.
	for i := range f.ops {
		op := &f.ops[i]
		n := opName(op.job, op.k)
		if op.fixed != nil {
			op.s = mdl.AddVar("S_"+n, float64(op.fixed.Start), float64(op.fixed.Start), false, 0)
			continue
		}
		op.s = mdl.AddVar("S_"+n, float64(op.es), float64(op.le-op.pmin), false, 0)
		if len(op.alts) > 1 {
			var terms []lp.Term
			for ai := range op.alts {
				a := &op.alts[ai]
				hi := 1.0
				if op.es+a.p > op.le {
					hi = 0
				}
				a.x = mdl.AddVar("X_"+n+"_"+strconv.Itoa(a.m), 0, hi, true, 0)
				terms = append(terms, lp.Term{Var: a.x, Coef: 1})
			}
			mdl.AddCons("assign_"+n, terms, lp.EQ, 1)
			// latest end with the chosen duration
			t, c := f.endTerms(i, 1)
			mdl.AddCons("end_"+n, t, lp.LE, float64(op.le)-c)
		}
		// initial setups
		var it []lp.Term
		var cst float64
		need := false
		for _, a := range op.alts {
			if s := f.setup[a.m].initial(); s > 0 && s > op.es {
				need = true
				if a.x >= 0 {
					it = append(it, lp.Term{Var: a.x, Coef: -float64(s)})
				} else {
					cst += float64(s)
				}
			}
		}
		if need {
			it = append(it, lp.Term{Var: op.s, Coef: 1})
			mdl.AddCons("init_"+n, it, lp.GE, cst)
		}
	}
	// Precedence arcs.
	for ai, a := range arcs {
		from, to := f.flat[a.From.Job][a.From.Op], f.flat[a.To.Job][a.To.Op]
		if f.ops[from].fixed != nil && f.ops[to].fixed != nil {
			continue
		}
		t, c := f.endTerms(from, -1)
		t = append(t, lp.Term{Var: f.ops[to].s, Coef: 1})
		mdl.AddCons("prec_"+strconv.Itoa(ai), t, lp.GE, float64(a.MinLag)-c)
	}
	// Longest-path distances for fixing order binaries.
	dist := f.distances(order, succs)
	// Disjunctive pairs.
	byMachine := make([][]int, len(p.Machines))
	for i := range f.ops {
		for _, a := range f.ops[i].alts {
			byMachine[a.m] = append(byMachine[a.m], i)
		}
	}
	pairIdx := map[[2]int]int{}
	var pairs []pairInfo
	for m, list := range byMachine {
		for x := 0; x < len(list); x++ {
			for y := x + 1; y < len(list); y++ {
				a, b := list[x], list[y]
				if a > b {
					a, b = b, a
				}
				if f.ops[a].fixed != nil && f.ops[b].fixed != nil {
					continue
				}
				k := [2]int{a, b}
				if pi, ok := pairIdx[k]; ok {
					pairs[pi].machines = append(pairs[pi].machines, m)
					continue
				}
				pairIdx[k] = len(pairs)
				pairs = append(pairs, pairInfo{a: a, b: b, machines: []int{m}, y: -1})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].a != pairs[j].a {
			return pairs[i].a < pairs[j].a
		}
		return pairs[i].b < pairs[j].b
	})
	st := func(m int, i, j int) int64 {
		return f.setup[m].time(f.ops[i].family, f.ops[j].family)
	}
	possible := func(m, i, j int) bool { // i before j on m
		ai, _ := f.altOn(i, m)
		aj, _ := f.altOn(j, m)
		s := st(m, i, j)
		if f.ops[i].es+ai.p+s+aj.p > f.ops[j].le {
			return false
		}
		if d := dist(j, i); d > negInf && d+ai.p+s > 0 {
			return false
		}
		return true
	}
	for pi := range pairs {
		pr := &pairs[pi]
		a, b := pr.a, pr.b
		ab, ba := false, false
		for _, m := range pr.machines {
			ab = ab || possible(m, a, b)
			ba = ba || possible(m, b, a)
		}
		switch {
		case ab && ba:
			pr.y = mdl.AddBinary("Y_" + opName(f.ops[a].job, f.ops[a].k) + "_" + opName(f.ops[b].job, f.ops[b].k))
		case ba:
			pr.yConst = 0
		default:
			pr.yConst = 1
		}
		pn := opName(f.ops[a].job, f.ops[a].k) + "_" + opName(f.ops[b].job, f.ops[b].k)
		for _, m := range pr.machines {
			ms := strconv.Itoa(m)
			if pr.y >= 0 || pr.yConst == 1 {
				f.disjunct(mdl, "dA_"+pn+"_"+ms, m, a, b, pr.y, false, dist)
			}
			if pr.y >= 0 || pr.yConst == 0 {
				f.disjunct(mdl, "dB_"+pn+"_"+ms, m, b, a, pr.y, true, dist)
			}
		}
	}
	// Blocking intervals.
	var bvs []blockVar
	for i := range f.ops {
		op := &f.ops[i]
		if op.fixed != nil {
			continue
		}
		n := opName(op.job, op.k)
		for _, al := range op.alts {
			for bi, b := range blocks[al.m] {
				if b.end <= op.es || b.start >= op.le {
					continue
				}
				before := op.es+al.p <= b.start
				after := op.le-al.p >= b.end
				bn := n + "_" + strconv.Itoa(al.m) + "_" + strconv.Itoa(bi)
				bv := blockVar{op: i, m: al.m, b: b, z: -1}
				mBefore := float64(op.le - op.pmin + al.p - b.start)
				mAfter := float64(b.end - op.es)
				switch {
				case !before && !after:
					if al.x >= 0 {
						mdl.Vars[al.x].Hi = 0
					} else { // cannot happen: es/le were pushed past blocks
						mdl.AddCons("blk_"+bn, []lp.Term{{Var: op.s, Coef: 1}}, lp.LE, float64(op.es)-1)
					}
					continue
				case before && !after:
					bv.zVal = 1
					// S + p <= start + M(1-X)
					t := []lp.Term{{Var: op.s, Coef: 1}}
					rhs := float64(b.start - al.p)
					if al.x >= 0 {
						t = append(t, lp.Term{Var: al.x, Coef: mBefore})
						rhs += mBefore
					}
					mdl.AddCons("blkA_"+bn, t, lp.LE, rhs)
				case after && !before:
					bv.zVal = 0
					// S >= end - M(1-X)
					t := []lp.Term{{Var: op.s, Coef: 1}}
					rhs := float64(b.end)
					if al.x >= 0 {
						t = append(t, lp.Term{Var: al.x, Coef: -mAfter})
						rhs -= mAfter
					}
					mdl.AddCons("blkB_"+bn, t, lp.GE, rhs)
				default:
					bv.z = mdl.AddBinary("Z_" + bn)
					// before (z=1): S + p - start <= M(1-z) + M(1-X)
					t := []lp.Term{{Var: op.s, Coef: 1}, {Var: bv.z, Coef: mBefore}}
					rhs := float64(b.start-al.p) + mBefore
					if al.x >= 0 {
						t = append(t, lp.Term{Var: al.x, Coef: mBefore})
						rhs += mBefore
					}
					mdl.AddCons("blkA_"+bn, t, lp.LE, rhs)
					// after (z=0): end - S <= M z + M(1-X)
					t = []lp.Term{{Var: op.s, Coef: 1}, {Var: bv.z, Coef: mAfter}}
					rhs = float64(b.end)
					if al.x >= 0 {
						t = append(t, lp.Term{Var: al.x, Coef: -mAfter})
						rhs -= mAfter
					}
					mdl.AddCons("blkB_"+bn, t, lp.GE, rhs)
				}
				bvs = append(bvs, bv)
			}
		}
	}
	f.v = vars{pairs: pairs, blocks: bvs, cmax: -1, lmax: -1}
	f.objective(mdl, order, succs)
	f.machineCuts(mdl, byMachine, pairs, f.tails(order, succs))
	_ = inf
}

// disjunct adds "i before j on machine m" (when y = 1, or y = 0 if rev):
// S_i + p_im + s_ij - S_j <= M(1 - y) + M(1 - X_im) + M(1 - X_jm).
func (f *Formulation) disjunct(mdl *lp.Model, name string, m, i, j, y int, rev bool, dist func(a, b int) int64) {
	ai, _ := f.altOn(i, m)
	aj, _ := f.altOn(j, m)
	s := f.setup[m].time(f.ops[i].family, f.ops[j].family)
	oi, oj := &f.ops[i], &f.ops[j]
	lsI := oi.le - oi.pmin
	if oi.fixed != nil {
		lsI = oi.fixed.Start
	}
	esJ := oj.es
	M := float64(lsI + ai.p + s - esJ)
	if M <= 0 {
		return // always satisfied
	}
	if y < 0 && len(oi.alts) == 1 && len(oj.alts) == 1 {
		if d := dist(i, j); d > negInf && d >= ai.p+s {
			return // implied by precedence
		}
	}
	t := []lp.Term{{Var: oi.s, Coef: 1}, {Var: oj.s, Coef: -1}}
	rhs := float64(-ai.p - s)
	if y >= 0 {
		if rev { // y = 0 means i before j: M*y
			t = append(t, lp.Term{Var: y, Coef: -M})
		} else { // M(1-y)
			t = append(t, lp.Term{Var: y, Coef: M})
			rhs += M
		}
	}
	for _, x := range []int{ai.x, aj.x} {
		if x >= 0 {
			t = append(t, lp.Term{Var: x, Coef: M})
			rhs += M
		}
	}
	mdl.AddCons(name, t, lp.LE, rhs)
}

// distances returns dist(a, b): a lower bound on S_b - S_a implied by the
// precedence arcs (negInf when b is not reachable from a).
func (f *Formulation) distances(order []int, succs [][]model.Arc) func(a, b int) int64 {
	n := len(f.ops)
	if n > 1500 {
		return func(a, b int) int64 { return negInf }
	}
	pos := make([]int, n)
	for i, o := range order {
		pos[o] = i
	}
	d := make([]int64, n*n)
	for i := range d {
		d[i] = negInf
	}
	for a := 0; a < n; a++ {
		row := d[a*n : (a+1)*n]
		row[a] = 0
		for _, u := range order[pos[a]:] {
			if row[u] == negInf {
				continue
			}
			for _, arc := range succs[u] {
				v := f.flat[arc.To.Job][arc.To.Op]
				if nd := row[u] + f.ops[u].pmin + arc.MinLag; nd > row[v] {
					row[v] = nd
				}
			}
		}
		row[a] = negInf
	}
	return func(a, b int) int64 { return d[a*n+b] }
}

// objective adds the criteria variables and the objective.
func (f *Formulation) objective(mdl *lp.Model, order []int, succs [][]model.Arc) {
	p := f.p
	nj := len(p.Jobs)
	v := &f.v
	v.cj = make([]int, nj)
	v.tj = make([]int, nj)
	v.ej = make([]int, nj)
	v.last = make([][]lastVar, nj)
	v.uj = make([]int, nj)
	v.ujOne = make([]bool, nj)
	for j := range v.cj {
		v.cj[j], v.tj[j], v.ej[j], v.uj[j] = -1, -1, -1, -1
	}
	need := map[model.Criterion]float64{}
	for _, t := range f.obj.Terms {
		need[t.Criterion] += t.Weight
	}
	integral := true
	isInt := func(x float64) bool { return x == math.Trunc(x) }
	// sink: op whose end is not implied by a successor's end.
	sink := func(i int, sameJob bool) bool {
		for _, a := range succs[i] {
			if sameJob && a.To.Job != f.ops[i].job {
				continue
			}
			su := &f.ops[f.flat[a.To.Job][a.To.Op]]
			if a.MinLag+su.pmin >= 0 {
				return false
			}
		}
		return true
	}
	jobMinC := make([]int64, nj)
	jobMaxC := make([]int64, nj)
	for j := range p.Jobs {
		for _, i := range f.flat[j] {
			jobMinC[j] = max(jobMinC[j], f.ops[i].es+f.ops[i].pmin)
			jobMaxC[j] = max(jobMaxC[j], f.ops[i].le)
		}
	}
	// Per-job coefficients of tardiness and earliness: the weighted
	// criteria and the cost's lateness and holding per tick.
	tw, ew := f.dueCoefs(need)
	needC := need[model.WeightedTardiness] > 0 || need[model.MaxLateness] > 0 || need[model.LateJobs] > 0 || need[model.FlowTime] > 0 ||
		need[model.WeightedEarliness] > 0 || need[model.Cost] > 0
	if needC {
		for j := range p.Jobs {
			if len(f.flat[j]) == 0 {
				continue
			}
			v.cj[j] = mdl.AddVar("C_"+strconv.Itoa(j), float64(jobMinC[j]), float64(jobMaxC[j]), true, 0)
			for _, i := range f.flat[j] {
				if !sink(i, true) {
					continue
				}
				t, c := f.endTerms(i, -1)
				t = append(t, lp.Term{Var: v.cj[j], Coef: 1})
				mdl.AddCons("comp_"+opName(j, f.ops[i].k), t, lp.GE, -c)
			}
		}
	}
	if w := need[model.Makespan]; w > 0 && len(f.ops) > 0 {
		var lo, hi int64
		for i := range f.ops {
			lo = max(lo, f.ops[i].es+f.ops[i].pmin)
			hi = max(hi, f.ops[i].le)
		}
		lo = max(lo, f.machineBound(f.tails(order, succs)))
		f.MakespanBound = lo
		v.cmax = mdl.AddVar("C_max", float64(lo), float64(max(lo, hi)), true, w)
		integral = integral && isInt(w)
		for i := range f.ops {
			if !sink(i, false) {
				continue
			}
			t, c := f.endTerms(i, -1)
			t = append(t, lp.Term{Var: v.cmax, Coef: 1})
			mdl.AddCons("cmax_"+opName(f.ops[i].job, f.ops[i].k), t, lp.GE, -c)
		}
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Due == nil {
			continue
		}
		d := *job.Due
		if v.cj[j] < 0 { // job without operations: C_j = 0
			if tw[j] > 0 && d < 0 {
				mdl.ObjConst += tw[j] * float64(-d)
			}
			if ew[j] > 0 && d > 0 {
				mdl.ObjConst += ew[j] * float64(d)
			}
			continue
		}
		// T_j >= C_j - d_j, T_j >= 0
		if c := tw[j]; c > 0 && jobMaxC[j] > d {
			v.tj[j] = mdl.AddVar("T_"+strconv.Itoa(j), float64(max(0, jobMinC[j]-d)), float64(jobMaxC[j]-d), true, c)
			integral = integral && isInt(c)
			mdl.AddCons("tard_"+strconv.Itoa(j), []lp.Term{{Var: v.tj[j], Coef: 1}, {Var: v.cj[j], Coef: -1}}, lp.GE, float64(-d))
		}
		// E_j >= d_j - C_j, E_j >= 0, with C_j the job's exact completion
		if c := ew[j]; c > 0 && jobMinC[j] < d {
			v.ej[j] = mdl.AddVar("E_"+strconv.Itoa(j), float64(max(0, d-jobMaxC[j])), float64(d-jobMinC[j]), false, c)
			integral = integral && isInt(c)
			mdl.AddCons("early_"+strconv.Itoa(j), []lp.Term{{Var: v.ej[j], Coef: 1}, {Var: v.cj[j], Coef: 1}}, lp.GE, float64(d))
			f.exactCompletion(mdl, j, jobMaxC[j], sink)
		}
	}
	if w := need[model.MaxLateness]; w > 0 {
		var lo, hi int64 = math.MaxInt64, math.MinInt64
		any := false
		for j := range p.Jobs {
			if p.Jobs[j].Due == nil {
				continue
			}
			any = true
			lo = min(lo, jobMinC[j]-*p.Jobs[j].Due)
			hi = max(hi, jobMaxC[j]-*p.Jobs[j].Due)
		}
		if any {
			lo = math.MinInt64
			for j := range p.Jobs {
				if p.Jobs[j].Due != nil {
					lo = max(lo, jobMinC[j]-*p.Jobs[j].Due)
				}
			}
			v.lmax = mdl.AddVar("L_max", float64(lo), float64(hi), true, w)
			integral = integral && isInt(w)
			for j := range p.Jobs {
				job := &p.Jobs[j]
				if job.Due == nil {
					continue
				}
				if v.cj[j] < 0 { // job without operations: C_j = 0
					mdl.Vars[v.lmax].Lo = max(mdl.Vars[v.lmax].Lo, float64(-*job.Due))
					continue
				}
				mdl.AddCons("lmax_"+strconv.Itoa(j), []lp.Term{{Var: v.lmax, Coef: 1}, {Var: v.cj[j], Coef: -1}}, lp.GE, float64(-*job.Due))
			}
		}
	}
	if w := need[model.LateJobs]; w > 0 {
		for j := range p.Jobs {
			job := &p.Jobs[j]
			if job.Due == nil || v.cj[j] < 0 {
				continue
			}
			d := *job.Due
			switch {
			case jobMaxC[j] <= d:
			case jobMinC[j] > d:
				v.ujOne[j] = true
				mdl.ObjConst += w
			default:
				v.uj[j] = mdl.AddVar("U_"+strconv.Itoa(j), 0, 1, true, w)
				M := float64(jobMaxC[j] - d)
				mdl.AddCons("late_"+strconv.Itoa(j), []lp.Term{{Var: v.cj[j], Coef: 1}, {Var: v.uj[j], Coef: -M}}, lp.LE, float64(d))
			}
		}
		integral = integral && isInt(w)
	}
	if w := need[model.FlowTime]; w > 0 {
		for j := range p.Jobs {
			job := &p.Jobs[j]
			mdl.ObjConst -= w * float64(job.Release)
			if v.cj[j] >= 0 {
				mdl.Vars[v.cj[j]].Obj += w
			}
		}
		integral = integral && isInt(w)
	}
	if w := need[model.Cost]; w > 0 {
		f.machineTimeCost(mdl, w)
		integral = false
	}
	f.IntegralObjective = integral && isInt(mdl.ObjConst)
}

// dueCoefs returns, per job with a due date, the objective coefficients
// of its tardiness and earliness (per tick): the job's weight times the
// weights of weighted_tardiness and weighted_earliness, plus the weight of
// cost times its lateness and holding cost per tick.
func (f *Formulation) dueCoefs(need map[model.Criterion]float64) (tw, ew []float64) {
	p := f.p
	tw = make([]float64, len(p.Jobs))
	ew = make([]float64, len(p.Jobs))
	day := ticksPer(p, 24*time.Hour)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Due == nil {
			continue
		}
		tw[j] = need[model.WeightedTardiness] * job.JobWeight()
		ew[j] = need[model.WeightedEarliness] * job.JobWeight()
		if w := need[model.Cost]; w > 0 {
			tw[j] += w * job.LatenessCostPerDay / day
			ew[j] += w * job.HoldingCostPerDay / day
		}
	}
	return tw, ew
}

// exactCompletion bounds C_j from above by the end of the job's last
// operation, so that C_j equals the job's completion (needed when the
// objective rewards a later C_j). With one sink operation (an operation
// whose end no successor in the job implies) C_j <= its end; with several,
// binaries F_j_k choose the one that ends last:
//
//	sum_k F_j_k = 1,  C_j <= S_k + p_k + M_k (1 - F_j_k)
//
// with M_k = maxC_j - (ES_k + pmin_k).
func (f *Formulation) exactCompletion(mdl *lp.Model, j int, maxC int64, sink func(int, bool) bool) {
	cj := f.v.cj[j]
	var sinks []int
	for _, i := range f.flat[j] {
		if sink(i, true) {
			sinks = append(sinks, i)
		}
	}
	upper := func(i int, name string, fv int, M float64) {
		t, c := f.endTerms(i, -1)
		t = append(t, lp.Term{Var: cj, Coef: 1})
		rhs := -c
		if fv >= 0 {
			t = append(t, lp.Term{Var: fv, Coef: M})
			rhs += M
		}
		mdl.AddCons(name, t, lp.LE, rhs)
	}
	bigM := make([]float64, len(sinks))
	for n, i := range sinks {
		op := &f.ops[i]
		lo := op.es + op.pmin
		if op.fixed != nil {
			lo = op.fixed.End
		}
		bigM[n] = float64(maxC - lo)
		if len(sinks) == 1 || bigM[n] <= 0 {
			// C_j >= this end >= every other end, or there is only one.
			upper(i, "compub_"+opName(j, op.k), -1, 0)
			return
		}
	}
	sum := make([]lp.Term, 0, len(sinks))
	for n, i := range sinks {
		n2 := opName(j, f.ops[i].k)
		fv := mdl.AddBinary("F_" + n2)
		f.v.last[j] = append(f.v.last[j], lastVar{op: i, f: fv})
		sum = append(sum, lp.Term{Var: fv, Coef: 1})
		upper(i, "compub_"+n2, fv, bigM[n])
	}
	mdl.AddCons("last_"+strconv.Itoa(j), sum, lp.EQ, 1)
}

// ticksPer returns the number of ticks in d as schedule.ComputeCosts
// counts them: a tick is one minute for a unitless problem.
func ticksPer(p *model.Problem, d time.Duration) float64 {
	if p.Epoch.IsZero() {
		return float64(d / time.Minute)
	}
	return float64(d) / float64(p.TickLength())
}

// machineTimeCost adds w times the machines' time cost to the objective:
// the processing time on the chosen machine at its cost per hour (a
// constant for a single alternative, on the X binaries otherwise), and for
// a fixed operation its whole fixed time, setup included. checkCost has
// refused what makes this cost depend on more than the assignment.
func (f *Formulation) machineTimeCost(mdl *lp.Model, w float64) {
	p := f.p
	hour := ticksPer(p, time.Hour)
	for i := range f.ops {
		op := &f.ops[i]
		if op.fixed != nil {
			perTick := p.Machines[op.alts[0].m].CostPerHour / hour
			mdl.ObjConst += w * perTick * float64(op.fixed.End-op.fixed.SetupStart)
			continue
		}
		for _, a := range op.alts {
			c := w * (p.Machines[a.m].CostPerHour / hour) * float64(a.p)
			if a.x >= 0 {
				mdl.Vars[a.x].Obj += c
			} else {
				mdl.ObjConst += c
			}
		}
	}
}

// startFrom builds the warm-start vector of schedule s.
func (f *Formulation) startFrom(s *schedule.Schedule, _ [][]block) []float64 {
	p := f.p
	x := make([]float64, len(f.Model.Vars))
	type pl struct {
		m          int
		start, end int64
		ok         bool
	}
	at := make([]pl, len(f.ops))
	for _, a := range s.Assignments {
		if a.Job < 0 || a.Job >= len(f.flat) || a.Op < 0 || a.Op >= len(f.flat[a.Job]) {
			return nil
		}
		at[f.flat[a.Job][a.Op]] = pl{a.Machine, a.Start, a.End, true}
	}
	for i := range f.ops {
		op := &f.ops[i]
		if !at[i].ok {
			return nil
		}
		x[op.s] = float64(at[i].start)
		for _, a := range op.alts {
			if a.x >= 0 && a.m == at[i].m {
				x[a.x] = 1
			}
		}
	}
	for _, pr := range f.v.pairs {
		if pr.y < 0 {
			continue
		}
		a, b := at[pr.a], at[pr.b]
		if a.start < b.start || (a.start == b.start && a.end <= b.end) {
			x[pr.y] = 1
		}
	}
	for _, bv := range f.v.blocks {
		if bv.z >= 0 && at[bv.op].end <= bv.b.start {
			x[bv.z] = 1
		}
	}
	cj := make([]int64, len(p.Jobs))
	var cmax int64
	for i := range f.ops {
		cj[f.ops[i].job] = max(cj[f.ops[i].job], at[i].end)
		cmax = max(cmax, at[i].end)
	}
	lm := int64(math.MinInt64)
	for j := range p.Jobs {
		if f.v.cj[j] >= 0 {
			x[f.v.cj[j]] = float64(cj[j])
		}
		if d := p.Jobs[j].Due; d != nil {
			if f.v.tj[j] >= 0 {
				x[f.v.tj[j]] = float64(max(0, cj[j]-*d))
			}
			if f.v.ej[j] >= 0 {
				x[f.v.ej[j]] = float64(max(0, *d-cj[j]))
			}
			if f.v.uj[j] >= 0 && cj[j] > *d {
				x[f.v.uj[j]] = 1
			}
			lm = max(lm, cj[j]-*d)
		}
	}
	for j, lv := range f.v.last {
		for _, l := range lv {
			if at[l.op].end == cj[j] {
				x[l.f] = 1
				break
			}
		}
	}
	if f.v.cmax >= 0 {
		x[f.v.cmax] = float64(cmax)
	}
	if f.v.lmax >= 0 {
		x[f.v.lmax] = float64(lm)
	}
	return x
}

// Extract reads the schedule of solution values x: machines from the
// assignment binaries, starts rounded to the nearest tick, ends from the
// processing times and setup starts from the machine sequences.
func (f *Formulation) Extract(x []float64) *schedule.Schedule {
	s := &schedule.Schedule{Assignments: make([]schedule.Assignment, 0, len(f.ops))}
	for i := range f.ops {
		op := &f.ops[i]
		if op.fixed != nil {
			s.Assignments = append(s.Assignments, schedule.Assignment{
				Job: op.job, Op: op.k, Machine: op.alts[0].m,
				SetupStart: op.fixed.SetupStart, Start: op.fixed.Start, End: op.fixed.End})
			continue
		}
		al := op.alts[0]
		if len(op.alts) > 1 {
			best := -1.0
			for _, a := range op.alts {
				if x[a.x] > best {
					best, al = x[a.x], a
				}
			}
		}
		st := int64(math.Round(x[op.s]))
		s.Assignments = append(s.Assignments, schedule.Assignment{
			Job: op.job, Op: op.k, Machine: al.m, SetupStart: st, Start: st, End: st + al.p})
	}
	f.setSetupStarts(s)
	return s
}

// setSetupStarts sets SetupStart of every non-fixed assignment from the
// machine sequences (in Start order).
func (f *Formulation) setSetupStarts(s *schedule.Schedule) {
	byM := map[int][]int{}
	for i, a := range s.Assignments {
		if f.setup[a.Machine] != nil {
			byM[a.Machine] = append(byM[a.Machine], i)
		}
	}
	for m, list := range byM {
		sort.SliceStable(list, func(x, y int) bool {
			a, b := s.Assignments[list[x]], s.Assignments[list[y]]
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			return a.End < b.End
		})
		t := f.setup[m]
		for n, i := range list {
			a := &s.Assignments[i]
			if f.ops[f.flat[a.Job][a.Op]].fixed != nil {
				continue
			}
			st := t.initial()
			if n > 0 {
				prev := s.Assignments[list[n-1]]
				st = t.time(f.ops[f.flat[prev.Job][prev.Op]].family, f.ops[f.flat[a.Job][a.Op]].family)
			}
			a.SetupStart = a.Start - st
		}
	}
}

// machineCuts adds, for every machine m and every operation i that must run
// on it (single alternative), the linearised one-machine bounds
//
//	S_i >= min_{o in J_m} ES_o + sum_{o in J_m, o != i} p_o [o before i]
//	C_max >= S_i + p_i + sum_{o in J_m, o != i} p_o [i before o] + min_{o in J_m} q_o
//
// where [o before i] is Y or 1 - Y and q_o the tail of o. They are valid
// for every schedule and much tighten the LP relaxation of the disjunctive
// model.
func (f *Formulation) machineCuts(mdl *lp.Model, byMachine [][]int, pairs []pairInfo, q []int64) {
	type ord struct {
		y      int
		yConst float64
		first  bool // the pair's a is the operation considered
	}
	idx := make(map[[2]int]int, len(pairs))
	for k, pr := range pairs {
		idx[[2]int{pr.a, pr.b}] = k
	}
	for m, list := range byMachine {
		var jm []int
		for _, i := range list {
			if len(f.ops[i].alts) == 1 {
				jm = append(jm, i)
			}
		}
		if len(jm) < 3 {
			continue
		}
		minES, minQ := int64(math.MaxInt64), int64(math.MaxInt64)
		for _, i := range jm {
			minES, minQ = min(minES, f.ops[i].es), min(minQ, q[i])
		}
		ms := strconv.Itoa(m)
		for _, i := range jm {
			if f.ops[i].fixed != nil {
				continue
			}
			n := opName(f.ops[i].job, f.ops[i].k)
			// before(o, i) as terms + constant, sign s applied to p_o.
			head := []lp.Term{{Var: f.ops[i].s, Coef: 1}}
			headRHS := float64(minES)
			tail := []lp.Term{{Var: f.ops[i].s, Coef: -1}}
			tailRHS := float64(f.ops[i].alts[0].p + minQ)
			for _, o := range jm {
				if o == i {
					continue
				}
				po := float64(f.alts0(o))
				a, b := min(i, o), max(i, o)
				k, ok := idx[[2]int{a, b}]
				if !ok {
					// both fixed cannot happen (i is not fixed)
					continue
				}
				pr := pairs[k]
				// y = 1 means a before b.
				iFirst := a == i
				if pr.y < 0 {
					iBefore := (pr.yConst == 1) == iFirst
					if iBefore {
						tailRHS += po
					} else {
						headRHS += po
					}
					continue
				}
				if iFirst { // i before o = y; o before i = 1 - y
					tail = append(tail, lp.Term{Var: pr.y, Coef: -po})
					head = append(head, lp.Term{Var: pr.y, Coef: po})
					headRHS += po
				} else { // i before o = 1 - y; o before i = y
					tail = append(tail, lp.Term{Var: pr.y, Coef: po})
					tailRHS += po
					head = append(head, lp.Term{Var: pr.y, Coef: -po})
				}
			}
			mdl.AddCons("mhead_"+n+"_"+ms, head, lp.GE, headRHS)
			if f.v.cmax >= 0 {
				tail = append(tail, lp.Term{Var: f.v.cmax, Coef: 1})
				mdl.AddCons("mtail_"+n+"_"+ms, tail, lp.GE, tailRHS)
			}
		}
	}
}

func (f *Formulation) alts0(i int) int64 { return f.ops[i].alts[0].p }
