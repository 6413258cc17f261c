package mip

import (
	"container/heap"
	"sort"

	"github.com/ordo-sched/ordo/model"
)

// tails returns, for every operation, a lower bound on the time between its
// end and the end of the schedule: the longest chain of successors'
// shortest processing times and lags.
func (f *Formulation) tails(order []int, succs [][]model.Arc) []int64 {
	q := make([]int64, len(f.ops))
	for n := len(order) - 1; n >= 0; n-- {
		i := order[n]
		for _, a := range succs[i] {
			s := f.flat[a.To.Job][a.To.Op]
			q[i] = max(q[i], a.MinLag+f.ops[s].pmin+q[s])
		}
	}
	return q
}

// machineBound returns the one-machine lower bound on the makespan: for
// every machine, the preemptive schedule of the operations that must run
// on it (heads = earliest starts, tails from tails) by largest tail first,
// which is optimal for the preemptive one-machine problem (Jackson's rule).
func (f *Formulation) machineBound(q []int64) int64 {
	byM := map[int][]int{}
	var lb int64
	for i := range f.ops {
		op := &f.ops[i]
		lb = max(lb, op.es+op.pmin+q[i])
		if len(op.alts) == 1 {
			byM[op.alts[0].m] = append(byM[op.alts[0].m], i)
		}
	}
	ms := make([]int, 0, len(byM))
	for m := range byM {
		ms = append(ms, m)
	}
	sort.Ints(ms)
	for _, m := range ms {
		list := byM[m]
		sort.Slice(list, func(a, b int) bool { return f.ops[list[a]].es < f.ops[list[b]].es })
		rem := make(map[int]int64, len(list))
		for _, i := range list {
			rem[i] = f.ops[i].alts[0].p
		}
		h := &tailHeap{q: q}
		t := int64(0)
		k := 0
		for k < len(list) || h.Len() > 0 {
			if h.Len() == 0 && t < f.ops[list[k]].es {
				t = f.ops[list[k]].es
			}
			for k < len(list) && f.ops[list[k]].es <= t {
				heap.Push(h, list[k])
				k++
			}
			i := h.ops[0]
			// run i until it finishes or the next release
			run := rem[i]
			if k < len(list) && f.ops[list[k]].es-t < run {
				run = f.ops[list[k]].es - t
			}
			t += run
			rem[i] -= run
			if rem[i] == 0 {
				heap.Pop(h)
				lb = max(lb, t+q[i])
			}
		}
	}
	return lb
}

type tailHeap struct {
	ops []int
	q   []int64
}

func (h *tailHeap) Len() int { return len(h.ops) }
func (h *tailHeap) Less(a, b int) bool {
	if h.q[h.ops[a]] != h.q[h.ops[b]] {
		return h.q[h.ops[a]] > h.q[h.ops[b]]
	}
	return h.ops[a] < h.ops[b]
}
func (h *tailHeap) Swap(a, b int) { h.ops[a], h.ops[b] = h.ops[b], h.ops[a] }
func (h *tailHeap) Push(x any)    { h.ops = append(h.ops, x.(int)) }
func (h *tailHeap) Pop() any {
	x := h.ops[len(h.ops)-1]
	h.ops = h.ops[:len(h.ops)-1]
	return x
}
