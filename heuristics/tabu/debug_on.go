//go:build tabudebug

package tabu

import "fmt"

// debug enables the re-check of every accepted move (build tag tabudebug).
const debug = true

// debugCheck compares the incrementally updated heads, tails, makespan,
// links and position hash with a full recomputation and panics on any
// difference.
func (w *walker) debugCheck(mv move) {
	n := w.in.n
	for o := 0; o < n; o++ {
		if x := w.in.jp[o]; x >= 0 && w.tpos[x] >= w.tpos[o] {
			panic(fmt.Sprintf("tabu debug: move %+v: topological order puts %d after its job successor %d", mv, x, o))
		}
		if x := w.mp[o]; x >= 0 && w.tpos[x] >= w.tpos[o] {
			panic(fmt.Sprintf("tabu debug: move %+v: topological order puts %d after its machine successor %d", mv, x, o))
		}
	}
	r := append([]int64(nil), w.r...)
	q := append([]int64(nil), w.q...)
	mp := append([]int32(nil), w.mp...)
	ms := append([]int32(nil), w.ms...)
	pos := append([]int32(nil), w.pos...)
	cmax, hash := w.cmax, w.hash
	w.relink(0, int32(len(w.seq)))
	if !w.full() {
		panic(fmt.Sprintf("tabu debug: move %+v created a cycle", mv))
	}
	w.rehash()
	for o := 0; o < n; o++ {
		if r[o] != w.r[o] || q[o] != w.q[o] || mp[o] != w.mp[o] || ms[o] != w.ms[o] || pos[o] != w.pos[o] {
			panic(fmt.Sprintf("tabu debug: move %+v: operation %d: incremental head %d tail %d mp %d ms %d pos %d, full head %d tail %d mp %d ms %d pos %d",
				mv, o, r[o], q[o], mp[o], ms[o], pos[o], w.r[o], w.q[o], w.mp[o], w.ms[o], w.pos[o]))
		}
	}
	if cmax != w.cmax {
		panic(fmt.Sprintf("tabu debug: move %+v: incremental makespan %d, full %d", mv, cmax, w.cmax))
	}
	if hash != w.hash {
		panic(fmt.Sprintf("tabu debug: move %+v: incremental hash %x, full %x", mv, hash, w.hash))
	}
}
