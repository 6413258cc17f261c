package tabu

import (
	"math/rand/v2"
)

// move relocates the operation at absolute position from to absolute
// position to on the same machine: before the operation now at to when
// to < from (backward), after it when to > from (forward).
type move struct {
	from, to int32
}

const negInf = -1 << 62

// walker is one tabu-search walk: a state plus the tabu structure, the
// neighbourhood buffers and the random source.
type walker struct {
	*state
	rng  *rand.Rand
	tabu []int64 // tabuOff[m] + lidx(a)*len + lidx(b): arc a->b forbidden while iter < value
	iter int64

	keys   []uint64 // per-operation random keys of the position hash
	hash   uint64
	recent [cycleWindow]uint64

	path   []int32
	moves  []move
	feas   []move  // feasible moves of the last step
	jumps  []jump  // back-jump list, most recent last
	scr    []int64 // estimated heads of a segment
	tenure int     // base tenure
}

const cycleWindow = 64

// maxJumps is the length of the back-jump list.
const maxJumps = 5

// relinkFrac sets how far a relinking goes: d/relinkFrac plus a random part
// of d/relinkFrac of the distance d (a quarter to a half).
const relinkFrac = 4

func newWalker(in *inst, seed uint64) *walker {
	w := &walker{
		state: newState(in),
		rng:   rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^seed)),
		tabu:  make([]int64, in.tabuOff[in.nm]),
		keys:  make([]uint64, in.n),
		path:  make([]int32, 0, in.n),
		scr:   make([]int64, in.n+1),
		jumps: make([]jump, 0, maxJumps),
	}
	for i := range w.keys {
		w.keys[i] = w.rng.Uint64() | 1
	}
	w.tenure = 10
	if in.nm > 0 {
		w.tenure += in.nj / in.nm
	}
	return w
}

// randomTenure draws a tenure in [L, 1.5L+1].
func (w *walker) randomTenure() int {
	return w.tenure + w.rng.IntN(w.tenure/2+2)
}

// rehash recomputes the position hash from scratch.
func (w *walker) rehash() {
	h := uint64(0)
	for o, p := range w.pos {
		h += w.keys[o] * uint64(p)
	}
	w.hash = h
}

// tabuIdx returns the tabu-matrix index of arc a->b (same machine).
func (w *walker) tabuIdx(a, b int32) int {
	in := w.in
	m := in.mach[a]
	l := int32(len(in.machOps[m]))
	return int(in.tabuOff[m] + in.lidx[a]*l + in.lidx[b])
}

// criticalPath fills w.path with one critical path, from its first to its
// last operation, preferring machine arcs (longer blocks).
func (w *walker) criticalPath() {
	in := w.in
	end := int32(-1)
	start := 0
	if in.nm > 1 {
		start = w.rng.IntN(in.nm)
	}
	for i := 0; i < in.nm; i++ {
		m := (start + i) % in.nm
		if w.off[m] == w.off[m+1] {
			continue
		}
		o := w.seq[w.off[m+1]-1]
		if w.r[o]+in.dur[o] == w.cmax {
			end = o
			break
		}
	}
	p := w.path[:0]
	for o := end; o >= 0; {
		p = append(p, o)
		x, y := w.mp[o], in.jp[o]
		mt := x >= 0 && w.r[x]+in.dur[x] == w.r[o]
		jt := y >= 0 && w.r[y]+in.dur[y] == w.r[o]
		switch {
		case mt && jt:
			if w.rng.IntN(2) == 0 {
				o = x
			} else {
				o = y
			}
		case mt:
			o = x
		case jt:
			o = y
		default:
			o = -1
		}
	}
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
	w.path = p
}

// neighbourhood fills w.moves with the N7 moves (Zhang et al. 2007) of the
// critical blocks of w.path.
func (w *walker) neighbourhood() {
	in := w.in
	w.moves = w.moves[:0]
	p := w.path
	for i := 0; i < len(p); {
		j := i
		for j+1 < len(p) && w.mp[p[j+1]] == p[j] {
			j++
		}
		// block p[i..j]
		bs, be := w.pos[p[i]], w.pos[p[j]]
		m := in.mach[p[i]]
		if lo := w.off[m] + in.nfixed[m]; bs < lo {
			bs = lo
		}
		if be-bs >= 1 {
			first := i == 0 && in.plain
			last := j == len(p)-1
			w.blockMoves(bs, be, first, last)
		}
		i = j + 1
	}
}

// blockMoves adds the N7 moves of block seq[bs..be] without duplicates:
// internal operations to the front or the end of the block, the first
// operation after any other, the last before any other. In the first block
// of a plain instance (no release dates, no fixed operations) only moves that
// change the block's last operation can improve the makespan; in the last
// block only moves that change its first operation (Nowicki & Smutnicki
// 1996, Zhang et al. 2007).
func (w *walker) blockMoves(bs, be int32, first, last bool) {
	if first && last {
		return
	}
	add := func(from, to int32) { w.moves = append(w.moves, move{from, to}) }
	if !first { // moves that change only the first operation
		for i := bs + 2; i < be; i++ {
			add(i, bs)
		}
		for i := bs + 1; i < be; i++ {
			add(bs, i)
		}
	}
	if !last { // moves that change only the last operation
		for i := bs + 1; i <= be-2; i++ {
			add(i, be)
		}
		for i := bs + 1; i < be; i++ {
			add(be, i)
		}
	}
	// moves that change both
	add(bs, be)
	if be-bs >= 2 {
		add(be, bs)
	}
}

// feasible reports whether move mv keeps the selection acyclic (sufficient
// conditions of Balas & Vazacopoulos 1998 on heads and tails).
func (w *walker) feasible(mv move) bool {
	in := w.in
	u := w.seq[mv.from]
	if mv.to < mv.from {
		v := w.seq[mv.to]
		x := in.jp[u]
		if x < 0 {
			return true
		}
		if in.mach[x] == in.mach[u] && w.pos[x] >= mv.to && w.pos[x] < mv.from {
			return false
		}
		return w.r[x] < w.r[v]+in.dur[v]
	}
	v := w.seq[mv.to]
	x := in.js[u]
	if x < 0 {
		return true
	}
	if in.mach[x] == in.mach[u] && w.pos[x] > mv.from && w.pos[x] <= mv.to {
		return false
	}
	return w.q[x] < w.q[v]+in.dur[v]
}

// estimate returns an estimate of the makespan after move mv: heads and
// tails of the moved segment are recomputed assuming those of all other
// operations unchanged (Balas & Vazacopoulos 1998).
func (w *walker) estimate(mv move) int64 {
	in := w.in
	r, q, dur, seq := w.r, w.q, in.dur, w.seq
	u := seq[mv.from]
	hjp := func(o int32) int64 {
		h := in.rel[o]
		if x := in.jp[o]; x >= 0 {
			h = max(h, r[x]+dur[x])
		}
		return h
	}
	tjs := func(o int32) int64 {
		if x := in.js[o]; x >= 0 {
			return q[x] + dur[x]
		}
		return 0
	}
	est := int64(negInf)
	if mv.to < mv.from {
		// new order: u, seq[to..from-1]
		prev := int64(negInf)
		if a := w.mp[seq[mv.to]]; a >= 0 {
			prev = r[a] + dur[a]
		}
		ru := max(hjp(u), prev)
		prev = ru + dur[u]
		sc := w.scr
		for i := mv.to; i < mv.from; i++ {
			x := seq[i]
			h := max(hjp(x), prev)
			sc[i-mv.to] = h
			prev = h + dur[x]
		}
		t := int64(0)
		if b := w.ms[u]; b >= 0 {
			t = q[b] + dur[b]
		}
		for i := mv.from - 1; i >= mv.to; i-- {
			x := seq[i]
			tx := max(tjs(x), t)
			est = max(est, sc[i-mv.to]+dur[x]+tx)
			t = tx + dur[x]
		}
		return max(est, ru+dur[u]+max(tjs(u), t))
	}
	// new order: seq[from+1..to], u
	prev := int64(negInf)
	if a := w.mp[u]; a >= 0 {
		prev = r[a] + dur[a]
	}
	sc := w.scr
	for i := mv.from + 1; i <= mv.to; i++ {
		x := seq[i]
		h := max(hjp(x), prev)
		sc[i-mv.from] = h
		prev = h + dur[x]
	}
	ru := max(hjp(u), prev)
	t := int64(0)
	if b := w.ms[seq[mv.to]]; b >= 0 {
		t = q[b] + dur[b]
	}
	tu := max(tjs(u), t)
	est = ru + dur[u] + tu
	t = tu + dur[u]
	for i := mv.to; i > mv.from; i-- {
		x := seq[i]
		tx := max(tjs(x), t)
		est = max(est, sc[i-mv.from]+dur[x]+tx)
		t = tx + dur[x]
	}
	return est
}

// isTabu reports whether mv recreates an arc forbidden at this iteration.
func (w *walker) isTabu(mv move) bool {
	u := w.seq[mv.from]
	if mv.to < mv.from {
		for i := mv.to; i < mv.from; i++ {
			if w.tabu[w.tabuIdx(u, w.seq[i])] > w.iter {
				return true
			}
		}
		return false
	}
	for i := mv.from + 1; i <= mv.to; i++ {
		if w.tabu[w.tabuIdx(w.seq[i], u)] > w.iter {
			return true
		}
	}
	return false
}

// apply performs mv: forbids the reversed arcs for a random tenure when
// tenure > 0, reorders the machine sequence, updates hash, heads, tails.
func (w *walker) apply(mv move, tenure int) {
	seq := w.seq
	u := seq[mv.from]
	until := w.iter + int64(tenure)
	if mv.to < mv.from {
		for i := mv.from; i > mv.to; i-- {
			x := seq[i-1]
			if tenure > 0 {
				w.tabu[w.tabuIdx(x, u)] = until
			}
			w.hash += w.keys[x]
			seq[i] = x
		}
		seq[mv.to] = u
		w.hash += w.keys[u] * uint64(mv.to-mv.from)
		w.relink(mv.to, mv.from+1)
		w.update(mv.to, mv.from+1)
	} else {
		for i := mv.from; i < mv.to; i++ {
			x := seq[i+1]
			if tenure > 0 {
				w.tabu[w.tabuIdx(u, x)] = until
			}
			w.hash -= w.keys[x]
			seq[i] = x
		}
		seq[mv.to] = u
		w.hash += w.keys[u] * uint64(mv.to-mv.from)
		w.relink(mv.from, mv.to+1)
		w.update(mv.from, mv.to+1)
	}
	if debug {
		w.debugCheck(mv)
	}
}

// step performs one tabu-search iteration: it evaluates the neighbourhood
// and applies the best allowed move. aspire is the makespan a tabu move must
// beat to be allowed. It returns the number of moves evaluated and whether
// no move was possible.
func (w *walker) step(aspire int64, store bool) (evals int, moved bool) {
	w.criticalPath()
	w.neighbourhood()
	if len(w.moves) == 0 {
		return 0, false
	}
	feas := w.feas[:0]
	best, bestTabu := move{-1, -1}, move{-1, -1}
	bv, btv := int64(1<<62), int64(1<<62)
	nb, nbt := 0, 0
	for _, mv := range w.moves {
		if !w.feasible(mv) {
			continue
		}
		evals++
		feas = append(feas, mv)
		e := w.estimate(mv)
		if w.isTabu(mv) && e >= aspire {
			if e < btv {
				bestTabu, btv, nbt = mv, e, 1
			} else if e == btv {
				nbt++
				if w.rng.IntN(nbt) == 0 {
					bestTabu = mv
				}
			}
			continue
		}
		if e < bv {
			best, bv, nb = mv, e, 1
		} else if e == bv {
			nb++
			if w.rng.IntN(nb) == 0 {
				best = mv
			}
		}
	}
	if best.from < 0 {
		best = bestTabu
	}
	w.feas = feas
	if best.from < 0 {
		return evals, false
	}
	if store {
		w.pushJump(best)
	}
	w.iter++
	w.apply(best, w.randomTenure())
	return evals, true
}

// jump is an entry of the back-jump list (Nowicki & Smutnicki 1996): an
// elite solution and the moves from it not yet tried.
type jump struct {
	seq   []int32
	moves []move
}

// pushJump records the current solution with its feasible moves other than
// taken, dropping the oldest entry when the list is full.
func (w *walker) pushJump(taken move) {
	var j jump
	if len(w.jumps) == cap(w.jumps) {
		j = w.jumps[0]
		copy(w.jumps, w.jumps[1:])
		w.jumps = w.jumps[:len(w.jumps)-1]
	} else {
		j.seq = make([]int32, w.in.n)
	}
	copy(j.seq, w.seq)
	j.moves = j.moves[:0]
	for _, mv := range w.feas {
		if mv != taken {
			j.moves = append(j.moves, mv)
		}
	}
	if len(j.moves) > 0 {
		w.jumps = append(w.jumps, j)
	}
}

// backJump returns to the most recent elite solution of the back-jump list,
// applies its best untried move (by estimate) with a fresh tabu list and
// returns the moves evaluated; false when the list is empty.
func (w *walker) backJump() (int, bool) {
	for len(w.jumps) > 0 {
		j := &w.jumps[len(w.jumps)-1]
		w.load(j.seq)
		best, bv, nb := -1, int64(0), 0
		for i, mv := range j.moves {
			e := w.estimate(mv)
			if best < 0 || e < bv {
				best, bv, nb = i, e, 1
			} else if e == bv {
				nb++
				if w.rng.IntN(nb) == 0 {
					best = i
				}
			}
		}
		evals := len(j.moves)
		mv := j.moves[best]
		j.moves[best] = j.moves[len(j.moves)-1]
		j.moves = j.moves[:len(j.moves)-1]
		if len(j.moves) == 0 {
			w.jumps = w.jumps[:len(w.jumps)-1]
		}
		w.iter += int64(4 * w.tenure)
		w.iter++
		w.apply(mv, w.randomTenure())
		return evals, true
	}
	return 0, false
}

// randomMove applies a random feasible neighbourhood move without tabu
// bookkeeping (perturbation). It returns false when there is none.
func (w *walker) randomMove() bool {
	w.criticalPath()
	w.neighbourhood()
	for tries := 0; tries < 4 && len(w.moves) > 0; tries++ {
		mv := w.moves[w.rng.IntN(len(w.moves))]
		if w.feasible(mv) {
			w.apply(mv, 0)
			return true
		}
	}
	return false
}

// load sets the walker's solution from flat machine sequences (heads,
// tails and hash); false when the selection is cyclic.
func (w *walker) load(flat []int32) bool {
	if !w.state.load(flat) {
		return false
	}
	w.rehash()
	return true
}
