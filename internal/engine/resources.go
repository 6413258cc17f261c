package engine

import "github.com/ordo-sched/ordo/model"

// matEps is the tolerance of stock checks (absolute; schedule.Check's is
// relative to the stock's magnitude and never smaller).
const matEps = 5e-10

// matLine is the stock timeline of one material: net changes at event
// times (sorted, one entry per time), the stock level after each event
// time, and the suffix minimum of the levels.
type matLine struct {
	t   []int64
	d   []float64
	lvl []float64
	suf []float64
}

func (ml *matLine) reset(c *Compiled, m int) {
	lo, hi := c.MatEvFirst[m], c.MatEvFirst[m+1]
	k := int(hi - lo)
	ml.t = append(ml.t[:0], c.MatEvTime[lo:hi]...)
	ml.d = append(ml.d[:0], c.MatEvQty[lo:hi]...)
	ml.lvl = ml.lvl[:k]
	ml.suf = ml.suf[:k]
	ml.recompute(0)
}

// recompute refreshes levels from index from on, and the suffix minima.
func (ml *matLine) recompute(from int) {
	n := len(ml.t)
	prev := 0.0
	if from > 0 {
		prev = ml.lvl[from-1]
	}
	for i := from; i < n; i++ {
		prev += ml.d[i]
		ml.lvl[i] = prev
	}
	m := 0.0
	for i := n - 1; i >= 0; i-- {
		v := ml.lvl[i]
		if i < n-1 && m < v {
			v = m
		}
		if i < from && ml.suf[i] == v {
			break
		}
		ml.suf[i] = v
		m = v
	}
}

// last returns the index of the last event at or before t (-1 if none).
func (ml *matLine) last(t int64) int {
	lo, hi := 0, len(ml.t)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ml.t[mid] <= t {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// earliest returns the earliest time >= s0 at which q can be consumed
// without the stock going negative then or at any later time, and false
// when there is none with the events committed so far.
func (ml *matLine) earliest(q float64, s0 int64) (int64, bool) {
	need := q - matEps
	n := len(ml.t)
	idx := ml.last(s0)
	if idx < 0 {
		s := 0.0
		if n > 0 {
			s = min(0, ml.suf[0])
		}
		if s >= need {
			return s0, true
		}
		idx = 0
	} else if ml.suf[idx] >= need {
		return s0, true
	}
	lo, hi := idx, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ml.suf[mid] >= need {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == n {
		return 0, false
	}
	return max(ml.t[lo], s0), true
}

// add records a stock change of q at time t.
func (ml *matLine) add(t int64, q float64) {
	i := ml.last(t)
	if i >= 0 && ml.t[i] == t {
		ml.d[i] += q
		ml.recompute(i)
		return
	}
	i++
	ml.t = append(ml.t, 0)
	ml.d = append(ml.d, 0)
	ml.lvl = append(ml.lvl, 0)
	ml.suf = append(ml.suf, 0)
	copy(ml.t[i+1:], ml.t[i:])
	copy(ml.d[i+1:], ml.d[i:])
	ml.t[i], ml.d[i] = t, q
	ml.recompute(i)
}

// level returns the stock after all events at or before t.
func (ml *matLine) level(t int64) float64 {
	i := ml.last(t)
	if i < 0 {
		return 0
	}
	return ml.lvl[i]
}

// profile is the number of operators of one pool in use over time: a step
// function, u[i] on [t[i], t[i+1]), with t[0] = MinTime.
type profile struct {
	t []int64
	u []int32
}

func (pr *profile) reset() {
	pr.t = append(pr.t[:0], MinTime)
	pr.u = append(pr.u[:0], 0)
}

// idx returns the index of the step holding t.
func (pr *profile) idx(t int64) int {
	lo, hi := 0, len(pr.t)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if pr.t[mid] <= t {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// maxUse returns the largest use over [s, e) (0 for an empty interval).
func (pr *profile) maxUse(s, e int64) int32 {
	if e <= s {
		return 0
	}
	i := pr.idx(s)
	m := pr.u[i]
	for i++; i < len(pr.t) && pr.t[i] < e; i++ {
		m = max(m, pr.u[i])
	}
	return m
}

// nextBreak returns the first step boundary after s (model.Forever when
// none).
func (pr *profile) nextBreak(s int64) int64 {
	i := pr.idx(s) + 1
	if i < len(pr.t) {
		return pr.t[i]
	}
	return model.Forever
}

// split makes t a step boundary and returns its index.
func (pr *profile) split(t int64) int {
	i := pr.idx(t)
	if pr.t[i] == t {
		return i
	}
	i++
	pr.t = append(pr.t, 0)
	pr.u = append(pr.u, 0)
	copy(pr.t[i+1:], pr.t[i:])
	copy(pr.u[i+1:], pr.u[i:])
	pr.t[i] = t
	pr.u[i] = pr.u[i-1]
	return i
}

// add adds k operators in use over [s, e).
func (pr *profile) add(s, e int64, k int32) {
	if e <= s || k == 0 {
		return
	}
	i := pr.split(s)
	j := pr.split(e)
	for ; i < j; i++ {
		pr.u[i] += k
	}
}

// assigner matches the operator units an operation needs to pools with
// free capacity (a small bipartite b-matching by augmenting paths; the
// preferred pool of a unit is tried first, then pools by increasing index,
// so the result is deterministic; in strict mode a unit with a preferred
// pool that has the skill and some capacity takes that pool or fails).
type assigner struct {
	free     []int32 // capacity available per pool for this placement
	used     []int32 // units taken per pool
	unitNeed []int32 // need index (global) of each unit
	unitPool []int32 // chosen pool of each unit
	visit    []int32 // DFS stamps per pool
	stamp    int32
	nu       int
	// pref, when set, holds a preferred pool per operator unit, in the
	// layout of State.oper (-1: none); unitPref is the preference of
	// each unit of the current operation.
	pref     []int32
	unitPref []int32
	// strict: a unit with a usable preferred pool takes that pool or
	// nothing (State.SetStrictOperatorPreference).
	strict bool
}

func (a *assigner) init(c *Compiled) {
	mu := 0
	for o := 0; o < c.NumOps; o++ {
		mu = max(mu, int(c.OperFirst[o+1]-c.OperFirst[o]))
	}
	a.free = make([]int32, c.NumPools)
	a.used = make([]int32, c.NumPools)
	a.visit = make([]int32, c.NumPools)
	a.unitNeed = make([]int32, mu)
	a.unitPool = make([]int32, mu)
	a.unitPref = make([]int32, mu)
}

// assign tries to give operation o its operators from a.free.
func (a *assigner) assign(c *Compiled, o int) bool {
	u := 0
	for i := c.NeedFirst[o]; i < c.NeedFirst[o+1]; i++ {
		for k := int32(0); k < c.NeedCount[i]; k++ {
			a.unitNeed[u] = i
			a.unitPool[u] = -1
			a.unitPref[u] = -1
			if a.pref != nil {
				a.unitPref[u] = a.pref[int(c.OperFirst[o])+u]
			}
			u++
		}
	}
	a.nu = u
	for p := range a.used {
		a.used[p] = 0
	}
	// Strict: the units bound to a pool first, so that a unit free to
	// take any pool cannot take the only operator of a bound one (the
	// bound units never move along augmenting paths).
	pass := 1 // without strictness no unit is bound: one pass
	if a.strict {
		pass = 0
	}
	for ; pass < 2; pass++ {
		for u := 0; u < a.nu; u++ {
			if bound := a.strict && a.unitPref[u] >= 0; bound != (pass == 0) {
				continue
			}
			a.stamp++
			if !a.augment(c, u) {
				return false
			}
		}
	}
	return true
}

func (a *assigner) augment(c *Compiled, u int) bool {
	s := int(c.NeedSkill[a.unitNeed[u]])
	ns := c.NumSkills
	if p := a.unitPref[u]; p >= 0 && int(p) < len(a.free) && c.PoolSkill[int(p)*ns+s] {
		if a.used[p] < a.free[p] {
			a.unitPool[u] = p
			a.used[p]++
			return true
		}
		if a.strict && c.PoolCap[p] > 0 {
			// Bound to p: only by moving a unit that is not bound out
			// of it (a bound one fails here in turn).
			if a.visit[p] == a.stamp {
				return false
			}
			a.visit[p] = a.stamp
			for v := 0; v < a.nu; v++ {
				if v != u && a.unitPool[v] == p && a.augment(c, v) {
					a.used[p]--
					a.unitPool[u] = p
					a.used[p]++
					return true
				}
			}
			return false
		}
	}
	for p := range a.free {
		if c.PoolSkill[p*ns+s] && a.used[p] < a.free[p] {
			a.unitPool[u] = int32(p)
			a.used[p]++
			return true
		}
	}
	for p := range a.free {
		if !c.PoolSkill[p*ns+s] || a.free[p] == 0 || a.visit[p] == a.stamp {
			continue
		}
		a.visit[p] = a.stamp
		for v := 0; v < a.nu; v++ {
			if v == u || a.unitPool[v] != int32(p) {
				continue
			}
			if a.augment(c, v) {
				a.used[p]--
				a.unitPool[u] = int32(p)
				a.used[p]++
				return true
			}
		}
	}
	return false
}

// write stores the chosen pools in dst, need by need, sorted within each
// need, and returns the number of operators of each distinct pool in
// a.used.
func (a *assigner) write(dst []int32) {
	copy(dst, a.unitPool[:a.nu])
	// Sort within each need (insertion sort: tiny runs).
	for s := 0; s < a.nu; {
		e := s + 1
		for e < a.nu && a.unitNeed[e] == a.unitNeed[s] {
			e++
		}
		for i := s + 1; i < e; i++ {
			for j := i; j > s && dst[j] < dst[j-1]; j-- {
				dst[j], dst[j-1] = dst[j-1], dst[j]
			}
		}
		s = e
	}
}
