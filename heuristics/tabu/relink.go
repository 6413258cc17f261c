package tabu

// pathRelink loads solution a and moves it towards solution b (Peng, Lu &
// Cheng 2015): repeatedly, on a random machine where the sequences differ,
// the operation b has at the first differing position is inserted there,
// skipping insertions that would create a cycle. It stops after a random
// quarter to half of the initial distance (number of machine positions
// holding different operations) and leaves the walker on that intermediate
// solution. It returns the number of insertions tried (work units).
func (w *walker) pathRelink(a, b []int32) int {
	in := w.in
	if !w.load(a) {
		panic("tabu: cyclic elite solution")
	}
	diff := func(m int) int {
		d := 0
		for i := w.off[m] + in.nfixed[m]; i < w.off[m+1]; i++ {
			if w.seq[i] != b[i] {
				d++
			}
		}
		return d
	}
	dm := make([]int, in.nm)
	ms := make([]int, 0, in.nm)
	d := 0
	for m := 0; m < in.nm; m++ {
		dm[m] = diff(m)
		d += dm[m]
		if dm[m] > 0 {
			ms = append(ms, m)
		}
	}
	if d == 0 {
		for i := 0; i < 2+in.n/25; i++ {
			w.randomMove()
		}
		return 1
	}
	goal := d - (d/relinkFrac + w.rng.IntN(d/relinkFrac+1))
	tries := 0
	for d > goal && len(ms) > 0 {
		tries++
		k := w.rng.IntN(len(ms))
		m := ms[k]
		i := w.off[m] + in.nfixed[m]
		for w.seq[i] == b[i] {
			i++
		}
		x := b[i]
		j := w.pos[x]
		// insert x at position i (backward)
		for p := j; p > i; p-- {
			w.seq[p] = w.seq[p-1]
		}
		w.seq[i] = x
		w.relink(i, j+1)
		if !w.full() {
			// undo and give up on this machine for this relinking
			copy(w.seq[i:j], w.seq[i+1:j+1])
			w.seq[j] = x
			w.relink(i, j+1)
			w.full()
			ms[k] = ms[len(ms)-1]
			ms = ms[:len(ms)-1]
			continue
		}
		nd := diff(m)
		d += nd - dm[m]
		dm[m] = nd
		if nd == 0 {
			ms[k] = ms[len(ms)-1]
			ms = ms[:len(ms)-1]
		}
	}
	w.rehash()
	return tries
}
