package mip

import (
	"context"
	"math"
	"slices"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// nodeProp is the constraint propagation run at the nodes of a backend's
// branch-and-bound tree (lp.CutGenerator). From the bounds of a node (the
// order binaries fixed by branching, the assignment binaries, the start
// windows, the bounds of the completion variables) and, for a makespan
// objective, the incumbent (only shorter schedules matter), it propagates
// heads and tails along the precedence arcs and the fixed machine orders,
// the disjunctive rule on the pairs of operations assigned to the same
// machine, and edge finding on every machine, to a fixpoint. An empty
// window proves the node holds no better schedule; otherwise the tightened
// start bounds, order binaries and makespan bound that the node's LP
// solution violates are returned as cuts.
//
// Every deduction only removes schedules that violate the node's bounds or
// are not better than the incumbent, and starts are tightened to integers:
// with integral data, fixing the binaries leaves a system of difference
// constraints with integral bounds, whose solutions can be rounded to
// integers.
type nodeProp struct {
	n        int
	sVar     []int   // S variable of each operation
	es0      []int64 // static earliest start
	le0      []int64 // static latest end
	pmin     []int64
	fixed    []bool
	alts     [][]altInfo
	job      []int
	arcs     []npArc // precedence arcs (length without the duration of from)
	pairs    []npPair
	nm       int // number of machines
	cmax     int
	cmaxW    float64 // weight of C_max when it is the whole objective, else 0
	objConst float64
	cj       []int // completion variable of each job, -1: none
	maxIts   int
	// maxWork bounds the work of one node's propagation (elementary
	// steps); the propagation then stops with the deductions made so far,
	// which are valid.
	maxWork int64
	// ctx, when set (BuildOptions.Context), stops the propagation of
	// every node once it is done: no cuts are returned.
	ctx  context.Context
	work int64

	// scratch, one node at a time
	es, ls, p []int64
	mach      []int
	force     []int8 // per pair: 0 free, 1 a before b, -1 b before a
	byM       [][]int
	cuts      []lp.Constraint
	// edge finding scratch: the windows of one machine's operations
	efEs, efLs, efP []int64
}

type npArc struct {
	from, to int
	lag      int64
}

type npPair struct {
	a, b     int
	y        int // Y variable, -1: constant
	yConst   int8
	machines []int
	sab, sba []int64 // setups per machine of machines
}

// Propagator returns the cut generator that propagates the scheduling
// constraints at the nodes of a backend's tree (see lp.CutGenerator), for
// backends that accept one (CBC). It may be used by one solve at a time.
func (f *Formulation) Propagator() lp.CutGenerator {
	if f.node == nil {
		return nil
	}
	return f.node
}

// newNodeProp prepares the node propagation of the built model.
func (f *Formulation) newNodeProp(arcs []model.Arc) *nodeProp {
	n := len(f.ops)
	np := &nodeProp{n: n, nm: len(f.p.Machines), cmax: f.v.cmax, cj: f.v.cj, maxIts: 50, maxWork: nodeMaxWork, objConst: f.Model.ObjConst}
	if f.obj.IsMakespan() && f.v.cmax >= 0 {
		np.cmaxW = f.Model.Vars[f.v.cmax].Obj
	}
	np.sVar = make([]int, n)
	np.es0 = make([]int64, n)
	np.le0 = make([]int64, n)
	np.pmin = make([]int64, n)
	np.fixed = make([]bool, n)
	np.alts = make([][]altInfo, n)
	np.job = make([]int, n)
	for i := range f.ops {
		op := &f.ops[i]
		np.sVar[i], np.es0[i], np.le0[i], np.pmin[i] = op.s, op.es, op.le, op.pmin
		np.fixed[i] = op.fixed != nil
		np.alts[i] = op.alts
		np.job[i] = op.job
		if op.fixed != nil {
			np.es0[i], np.le0[i] = op.fixed.Start, op.fixed.Start+op.alts[0].p
		}
	}
	for _, a := range arcs {
		from, to := f.flat[a.From.Job][a.From.Op], f.flat[a.To.Job][a.To.Op]
		np.arcs = append(np.arcs, npArc{from, to, a.MinLag})
	}
	for _, pr := range f.v.pairs {
		q := npPair{a: pr.a, b: pr.b, y: pr.y, machines: pr.machines}
		if pr.y < 0 {
			q.yConst = -1
			if pr.yConst == 1 {
				q.yConst = 1
			}
		}
		for _, m := range pr.machines {
			fa, fb := f.ops[pr.a].family, f.ops[pr.b].family
			q.sab = append(q.sab, f.setup[m].time(fa, fb))
			q.sba = append(q.sba, f.setup[m].time(fb, fa))
		}
		np.pairs = append(np.pairs, q)
	}
	np.es = make([]int64, n)
	np.ls = make([]int64, n)
	np.p = make([]int64, n)
	np.mach = make([]int, n)
	np.force = make([]int8, len(np.pairs))
	np.byM = make([][]int, np.nm)
	return np
}

const npTol = 1e-6

// nodeMaxWork is the work limit of one node's propagation: a few
// milliseconds.
const nodeMaxWork = 2_000_000

func ceilTol(v float64) int64 {
	if v < -1e15 {
		return math.MinInt64 / 4
	}
	return int64(math.Ceil(v - npTol))
}

func floorTol(v float64) int64 {
	if v > 1e15 {
		return math.MaxInt64 / 4
	}
	return int64(math.Floor(v + npTol))
}

// Cuts implements lp.CutGenerator.
func (np *nodeProp) Cuts(n *lp.Node) ([]lp.Constraint, bool) {
	lo, hi, x := n.Lo, n.Hi, n.X
	if np.ctx != nil && np.ctx.Err() != nil {
		return nil, false
	}
	np.work = 0
	if !np.load(lo, hi, n.Incumbent) || !np.fixpoint() {
		return nil, true
	}
	np.cuts = np.cuts[:0]
	for i := 0; i < np.n; i++ {
		if np.fixed[i] {
			continue
		}
		s := np.sVar[i]
		if float64(np.es[i]) > x[s]+npTol && float64(np.es[i]) > lo[s]+npTol {
			np.cuts = append(np.cuts, lp.Constraint{Name: "np", Terms: []lp.Term{{Var: s, Coef: 1}}, Sense: lp.GE, RHS: float64(np.es[i])})
		}
		if float64(np.ls[i]) < x[s]-npTol && float64(np.ls[i]) < hi[s]-npTol {
			np.cuts = append(np.cuts, lp.Constraint{Name: "np", Terms: []lp.Term{{Var: s, Coef: 1}}, Sense: lp.LE, RHS: float64(np.ls[i])})
		}
	}
	for k := range np.pairs {
		pr := &np.pairs[k]
		if pr.y < 0 || np.force[k] == 0 {
			continue
		}
		if np.force[k] == 1 && x[pr.y] < 1-npTol {
			np.cuts = append(np.cuts, lp.Constraint{Name: "np", Terms: []lp.Term{{Var: pr.y, Coef: 1}}, Sense: lp.GE, RHS: 1})
		}
		if np.force[k] == -1 && x[pr.y] > npTol {
			np.cuts = append(np.cuts, lp.Constraint{Name: "np", Terms: []lp.Term{{Var: pr.y, Coef: 1}}, Sense: lp.LE, RHS: 0})
		}
	}
	if np.cmax >= 0 {
		var end int64
		for i := 0; i < np.n; i++ {
			end = max(end, np.es[i]+np.p[i])
		}
		if float64(end) > x[np.cmax]+npTol {
			np.cuts = append(np.cuts, lp.Constraint{Name: "np", Terms: []lp.Term{{Var: np.cmax, Coef: 1}}, Sense: lp.GE, RHS: float64(end)})
		}
	}
	return np.cuts, false
}

// load sets the node's windows, machines and durations from the bounds and
// the incumbent's objective; it reports false when a window is empty.
func (np *nodeProp) load(lo, hi []float64, incumbent float64) bool {
	for m := range np.byM {
		np.byM[m] = np.byM[m][:0]
	}
	var cmaxHi int64 = math.MaxInt64 / 4
	if np.cmax >= 0 {
		cmaxHi = floorTol(hi[np.cmax])
		if np.cmaxW > 0 && !math.IsInf(incumbent, 1) && !math.IsNaN(incumbent) {
			// Only a better schedule matters: w C_max + c < incumbent,
			// and C_max is an integer.
			if v := (incumbent - np.objConst) / np.cmaxW; v < 1e15 {
				cmaxHi = min(cmaxHi, int64(math.Ceil(v-npTol))-1)
			}
		}
	}
	for i := 0; i < np.n; i++ {
		np.mach[i], np.p[i] = -1, np.pmin[i]
		al := np.alts[i]
		if len(al) == 1 {
			np.mach[i], np.p[i] = al[0].m, al[0].p
		} else {
			k, left := -1, 0
			np.p[i] = math.MaxInt64
			for ai, a := range al {
				if hi[a.x] >= 0.5 {
					k, left = ai, left+1
					np.p[i] = min(np.p[i], a.p)
				}
			}
			if left == 0 {
				return false
			}
			if left == 1 {
				np.mach[i], np.p[i] = al[k].m, al[k].p
			}
		}
		if np.mach[i] >= 0 {
			np.byM[np.mach[i]] = append(np.byM[np.mach[i]], i)
		}
		if np.fixed[i] {
			np.es[i], np.ls[i] = np.es0[i], np.es0[i]
			continue
		}
		s := np.sVar[i]
		np.es[i] = max(np.es0[i], ceilTol(lo[s]))
		end := min(np.le0[i], cmaxHi)
		if c := np.cj[np.job[i]]; c >= 0 {
			end = min(end, floorTol(hi[c]))
		}
		np.ls[i] = min(floorTol(hi[s]), end-np.p[i])
		if np.es[i] > np.ls[i] {
			return false
		}
	}
	for k := range np.pairs {
		pr := &np.pairs[k]
		np.force[k] = 0
		switch {
		case pr.y < 0:
			np.force[k] = pr.yConst
		case lo[pr.y] >= 0.5:
			np.force[k] = 1
		case hi[pr.y] < 0.5:
			np.force[k] = -1
		}
	}
	return true
}

// machineOf returns the index in pr.machines of the machine both operations
// of the pair are assigned to at the node, or -1.
func (np *nodeProp) machineOf(pr *npPair) int {
	ma := np.mach[pr.a]
	if ma < 0 || ma != np.mach[pr.b] {
		return -1
	}
	for k, m := range pr.machines {
		if m == ma {
			return k
		}
	}
	return -1
}

// fixpoint propagates until nothing changes; it reports false when the node
// is infeasible.
func (np *nodeProp) fixpoint() bool {
	for it := 0; it < np.maxIts; it++ {
		if np.work > np.maxWork || np.ctx != nil && np.ctx.Err() != nil {
			return true // what was deduced holds; the rest is not tried
		}
		if !np.arcPass() {
			return false
		}
		changed := false
		for k := range np.pairs {
			pr := &np.pairs[k]
			if np.force[k] != 0 {
				continue
			}
			mi := np.machineOf(pr)
			if mi < 0 {
				continue
			}
			a, b := pr.a, pr.b
			abOK := np.es[a]+np.p[a]+pr.sab[mi] <= np.ls[b]
			baOK := np.es[b]+np.p[b]+pr.sba[mi] <= np.ls[a]
			switch {
			case !abOK && !baOK:
				return false
			case !abOK:
				np.force[k], changed = -1, true
			case !baOK:
				np.force[k], changed = 1, true
			}
		}
		for m := range np.byM {
			c, ok := np.edgeFind(np.byM[m])
			if !ok {
				return false
			}
			changed = changed || c
		}
		if !changed {
			return true
		}
	}
	return true
}

// arcPass propagates heads and tails along the precedence arcs and the
// forced machine orders until nothing changes; it reports false on an
// empty window (a positive cycle ends that way too).
func (np *nodeProp) arcPass() bool {
	relax := func(u, v int, d int64) (bool, bool) {
		ch := false
		if e := np.es[u] + d; e > np.es[v] {
			np.es[v], ch = e, true
		}
		if l := np.ls[v] - d; l < np.ls[u] {
			np.ls[u], ch = l, true
		}
		return ch, np.es[v] <= np.ls[v] && np.es[u] <= np.ls[u]
	}
	for {
		np.work += int64(len(np.arcs) + len(np.pairs))
		if np.work > 4*np.maxWork {
			return true // a long chain of small steps: stop, soundly
		}
		changed := false
		for _, a := range np.arcs {
			ch, ok := relax(a.from, a.to, np.p[a.from]+a.lag)
			if !ok {
				return false
			}
			changed = changed || ch
		}
		for k := range np.pairs {
			pr := &np.pairs[k]
			if np.force[k] == 0 {
				continue
			}
			mi := np.machineOf(pr)
			if mi < 0 {
				continue
			}
			var ch, ok bool
			if np.force[k] == 1 {
				ch, ok = relax(pr.a, pr.b, np.p[pr.a]+pr.sab[mi])
			} else {
				ch, ok = relax(pr.b, pr.a, np.p[pr.b]+pr.sba[mi])
			}
			if !ok {
				return false
			}
			changed = changed || ch
		}
		if !changed {
			return true
		}
	}
}

// edgeFind applies overload checking and edge finding on task intervals to
// the operations of one machine, on the node's windows (setups ignored,
// which keeps it valid). It reports whether a window changed and false when
// the machine is overloaded or a window empties. The windows are copied to
// dense scratch slices and each distinct pair of bounds is tried once.
func (np *nodeProp) edgeFind(list []int) (bool, bool) {
	n := len(list)
	if n < 2 {
		return false, true
	}
	np.work += int64(2 * n * n * n)
	es, ls, p := np.efEs[:0], np.efLs[:0], np.efP[:0]
	for _, o := range list {
		es, ls, p = append(es, np.es[o]), append(ls, np.ls[o]), append(p, np.p[o])
	}
	np.efEs, np.efLs, np.efP = es, ls, p
	changed := false
	defer func() {
		for k, o := range list {
			np.es[o], np.ls[o] = es[k], ls[k]
		}
	}()
	for li := 0; li < n; li++ {
		lo := es[li]
		if slices.Contains(es[:li], lo) {
			continue
		}
		for ri := 0; ri < n; ri++ {
			hi := ls[ri] + p[ri]
			if lo >= hi {
				continue
			}
			dup := false
			for k := 0; k < ri; k++ {
				if ls[k]+p[k] == hi {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			var pSum int64
			est, lct := int64(math.MaxInt64), int64(math.MinInt64)
			cnt := 0
			for o := 0; o < n; o++ {
				if es[o] >= lo && ls[o]+p[o] <= hi {
					pSum += p[o]
					est, lct = min(est, es[o]), max(lct, ls[o]+p[o])
					cnt++
				}
			}
			if cnt == 0 {
				continue
			}
			if est+pSum > lct {
				return false, false
			}
			for i := 0; i < n; i++ {
				le := ls[i] + p[i]
				if es[i] >= lo && le <= hi {
					continue
				}
				pi := p[i]
				if min(es[i], est)+pSum+pi > lct { // i after all of Omega
					if v := est + pSum; v > es[i] {
						es[i], changed = v, true
					}
				}
				if est+pSum+pi > max(le, lct) { // i before all of Omega
					if v := lct - pSum - pi; v < ls[i] {
						ls[i], changed = v, true
					}
				}
				if es[i] > ls[i] {
					return false, false
				}
			}
		}
	}
	return changed, true
}
