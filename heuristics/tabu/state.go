package tabu

// state is one worker's current solution: the machine sequences (a
// selection of the disjunctive graph), heads and tails.
type state struct {
	in   *inst
	seq  []int32 // flat machine sequences; machine m occupies seq[off[m]:off[m+1]]
	off  []int32
	pos  []int32 // position of an operation in seq (absolute)
	mp   []int32 // machine predecessor / successor (-1: none)
	ms   []int32
	r    []int64 // head: earliest start
	q    []int64 // tail: longest path from the operation's end to the sink
	cmax int64

	topo []int32 // a topological order of the selection
	tpos []int32 // position of an operation in topo

	// scratch
	indeg []int32
	order []int32
	mark  []int32 // visit stamps for incremental updates
	stamp int32
}

func newState(in *inst) *state {
	n := in.n
	s := &state{
		in:    in,
		seq:   make([]int32, 0, n),
		off:   make([]int32, in.nm+1),
		pos:   make([]int32, n),
		mp:    make([]int32, n),
		ms:    make([]int32, n),
		r:     make([]int64, n),
		q:     make([]int64, n),
		indeg: make([]int32, n),
		topo:  make([]int32, n),
		tpos:  make([]int32, n),
		order: make([]int32, 0, 2*n+2),
		mark:  make([]int32, n),
	}
	for m, ops := range in.machOps {
		s.off[m+1] = s.off[m] + int32(len(ops))
	}
	s.seq = s.seq[:n]
	return s
}

// load sets the machine sequences from a flat sequence and computes heads
// and tails. It returns false when the selection is cyclic.
func (s *state) load(flat []int32) bool {
	copy(s.seq, flat)
	s.relink(0, int32(len(s.seq)))
	return s.full()
}

// relink recomputes pos, mp and ms for seq[lo:hi] and their neighbours.
func (s *state) relink(lo, hi int32) {
	for i := lo; i < hi; i++ {
		o := s.seq[i]
		s.pos[o] = i
		m := s.in.mach[o]
		if i > s.off[m] {
			s.mp[o] = s.seq[i-1]
		} else {
			s.mp[o] = -1
		}
		if i+1 < s.off[m+1] {
			s.ms[o] = s.seq[i+1]
		} else {
			s.ms[o] = -1
		}
	}
	if lo > 0 && s.in.mach[s.seq[lo-1]] == s.in.mach[s.seq[lo]] {
		s.ms[s.seq[lo-1]] = s.seq[lo]
	}
	if hi < int32(len(s.seq)) && hi > 0 && s.in.mach[s.seq[hi]] == s.in.mach[s.seq[hi-1]] {
		s.mp[s.seq[hi]] = s.seq[hi-1]
	}
}

// full recomputes heads, tails and the makespan from scratch (Kahn's
// topological order). It returns false on a cycle.
func (s *state) full() bool {
	in := s.in
	n := in.n
	ord := s.order[:0]
	for o := 0; o < n; o++ {
		d := int32(0)
		if in.jp[o] >= 0 {
			d++
		}
		if s.mp[o] >= 0 {
			d++
		}
		s.indeg[o] = d
		if d == 0 {
			ord = append(ord, int32(o))
		}
	}
	for i := 0; i < len(ord); i++ {
		o := ord[i]
		if x := in.js[o]; x >= 0 {
			if s.indeg[x]--; s.indeg[x] == 0 {
				ord = append(ord, x)
			}
		}
		if x := s.ms[o]; x >= 0 {
			if s.indeg[x]--; s.indeg[x] == 0 {
				ord = append(ord, x)
			}
		}
	}
	s.order = ord
	if len(ord) != n {
		return false
	}
	copy(s.topo, ord)
	for i, o := range ord {
		s.tpos[o] = int32(i)
	}
	cmax := int64(0)
	for i, o := range ord {
		h := in.rel[o]
		if x := in.jp[o]; x >= 0 {
			h = max(h, s.r[x]+in.dur[x])
		}
		if x := s.mp[o]; x >= 0 {
			h = max(h, s.r[x]+in.dur[x])
		}
		s.r[o] = h
		if e := h + in.dur[o]; i == 0 || e > cmax {
			cmax = e
		}
	}
	for i := n - 1; i >= 0; i-- {
		o := ord[i]
		t := int64(0)
		if x := in.js[o]; x >= 0 {
			t = max(t, s.q[x]+in.dur[x])
		}
		if x := s.ms[o]; x >= 0 {
			t = max(t, s.q[x]+in.dur[x])
		}
		s.q[o] = t
	}
	s.cmax = cmax
	return true
}

// update restores the topological order and recomputes heads, tails and
// the makespan after the operations in seq[lo:hi] were reordered (the rest
// of the graph is unchanged). The operations of the segment occupy topological
// positions a..b; only that region can be out of order, so it is re-sorted by
// Kahn's algorithm restricted to it. Heads are then recomputed along the order
// from a, tails backwards from b (heads before a and tails after b cannot
// change). The selection must be acyclic.
func (s *state) update(lo, hi int32) {
	in := s.in
	a, b := int32(len(s.topo)), int32(-1)
	for i := lo; i < hi; i++ {
		t := s.tpos[s.seq[i]]
		a = min(a, t)
		b = max(b, t)
	}
	region := s.topo[a : b+1]
	s.stamp++
	st := s.stamp
	for _, o := range region {
		s.mark[o] = st
	}
	queue := s.order[:0]
	for _, o := range region {
		d := int32(0)
		if x := in.jp[o]; x >= 0 && s.mark[x] == st {
			d++
		}
		if x := s.mp[o]; x >= 0 && s.mark[x] == st {
			d++
		}
		s.indeg[o] = d
		if d == 0 {
			queue = append(queue, o)
		}
	}
	for i := 0; i < len(queue); i++ {
		o := queue[i]
		if x := in.js[o]; x >= 0 && s.mark[x] == st {
			if s.indeg[x]--; s.indeg[x] == 0 {
				queue = append(queue, x)
			}
		}
		if x := s.ms[o]; x >= 0 && s.mark[x] == st {
			if s.indeg[x]--; s.indeg[x] == 0 {
				queue = append(queue, x)
			}
		}
	}
	if len(queue) != len(region) {
		panic("tabu: internal error: move created a cycle")
	}
	copy(region, queue)
	for i, o := range region {
		s.tpos[o] = a + int32(i)
	}
	s.order = queue[:0]
	r, q, dur, rel, jp, js, mp, ms := s.r, s.q, in.dur, in.rel, in.jp, in.js, s.mp, s.ms
	// Heads: only operations marked dirty are recomputed (the moved segment
	// and the successor of its last operation, whose machine predecessors
	// changed, then the successors of every operation whose head changed);
	// the pass ends when no dirty operation is pending.
	s.stamp++
	st = s.stamp
	pending := 0
	dirty := func(o int32) {
		if o >= 0 && s.mark[o] != st {
			s.mark[o] = st
			pending++
		}
	}
	for i := lo; i < hi; i++ {
		dirty(s.seq[i])
	}
	dirty(ms[s.seq[hi-1]])
	for _, o := range s.topo[a:] {
		if s.mark[o] != st {
			continue
		}
		h := rel[o]
		if x := jp[o]; x >= 0 {
			h = max(h, r[x]+dur[x])
		}
		if x := mp[o]; x >= 0 {
			h = max(h, r[x]+dur[x])
		}
		if h != r[o] {
			r[o] = h
			dirty(js[o])
			dirty(ms[o])
		}
		if pending--; pending == 0 {
			break
		}
	}
	// Tails, symmetrically, backwards from b.
	s.stamp++
	st = s.stamp
	pending = 0
	for i := lo; i < hi; i++ {
		dirty(s.seq[i])
	}
	dirty(mp[s.seq[lo]])
	for i := b; i >= 0; i-- {
		o := s.topo[i]
		if s.mark[o] != st {
			continue
		}
		t := int64(0)
		if x := js[o]; x >= 0 {
			t = max(t, q[x]+dur[x])
		}
		if x := ms[o]; x >= 0 {
			t = max(t, q[x]+dur[x])
		}
		if t != q[o] {
			q[o] = t
			dirty(jp[o])
			dirty(mp[o])
		}
		if pending--; pending == 0 {
			break
		}
	}
	// The operation ending last is last on its machine.
	cmax := int64(0)
	first := true
	for m := 0; m < in.nm; m++ {
		if s.off[m] == s.off[m+1] {
			continue
		}
		o := s.seq[s.off[m+1]-1]
		if e := r[o] + dur[o]; first || e > cmax {
			cmax, first = e, false
		}
	}
	s.cmax = cmax
}
