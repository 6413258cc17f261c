package ga

import (
	"math/rand/v2"
	"slices"

	"github.com/ordo-sched/ordo/schedule"
)

// indiv is a chromosome and its fitness: seq is the operation sequence
// (a permutation with repetition of job indices, one gene per operation
// that is not fixed), alt the machine assignment (the alternative of every
// operation, meaningful for operations with several).
type indiv struct {
	seq []int32
	alt []int32
	// pool holds the preferred operator pool of each operator an
	// operation needs (engine.State.SetOperatorPreference; -1: none).
	pool []int32
	bad  int     // operations the decoder could not place (0: feasible)
	val  float64 // objective value
}

func (pd *problemData) newIndiv() *indiv {
	x := &indiv{seq: make([]int32, pd.genes), alt: make([]int32, pd.c.NumOps), pool: make([]int32, pd.units)}
	for i := range x.pool {
		x.pool[i] = -1
	}
	return x
}

func (x *indiv) copyFrom(y *indiv) {
	copy(x.seq, y.seq)
	copy(x.alt, y.alt)
	copy(x.pool, y.pool)
	x.bad, x.val = y.bad, y.val
}

// better reports whether x is better than y: fewer unplaced operations,
// then a lower objective.
func (x *indiv) better(y *indiv) bool {
	if x.bad != y.bad {
		return x.bad < y.bad
	}
	return x.val < y.val
}

// same reports whether two chromosomes are identical.
func (x *indiv) same(y *indiv) bool {
	return slices.Equal(x.seq, y.seq) && slices.Equal(x.alt, y.alt) && slices.Equal(x.pool, y.pool)
}

// randomize makes x a random chromosome: a shuffled sequence and an
// assignment built, as in Zhang, Gao and Shi (2011), by global selection
// (probability 0.6: jobs in random order, each operation on the
// alternative minimizing the machine's accumulated load plus its
// processing time), local selection (0.3: the same with loads reset for
// each job) or at random (0.1).
func (pd *problemData) randomize(x *indiv, rng *rand.Rand, sc *scratch) {
	load, perm := sc.load, sc.perm
	c := pd.c
	k := 0
	for j := 0; j < c.NumJobs; j++ {
		for n := pd.jobFirst[j+1] - pd.jobFirst[j]; n > 0; n-- {
			x.seq[k] = int32(j)
			k++
		}
	}
	rng.Shuffle(len(x.seq), func(a, b int) { x.seq[a], x.seq[b] = x.seq[b], x.seq[a] })
	for o := range x.alt {
		x.alt[o] = 0
	}
	for i := range x.pool {
		x.pool[i] = -1
	}
	if len(pd.flex) == 0 {
		return
	}
	r := rng.Float64()
	if r >= 0.9 {
		for _, o := range pd.flex {
			x.alt[o] = int32(rng.IntN(int(c.AltFirst[o+1] - c.AltFirst[o])))
		}
		return
	}
	global := r < 0.6
	for m := range load {
		load[m] = 0
	}
	for j := range perm {
		perm[j] = int32(j)
	}
	rng.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
	for _, j := range perm {
		if !global {
			for m := range load {
				load[m] = 0
			}
		}
		for i := pd.jobFirst[j]; i < pd.jobFirst[j+1]; i++ {
			o := pd.jobOps[i]
			lo, hi := c.AltFirst[o], c.AltFirst[o+1]
			if hi-lo < 2 {
				load[c.AltMachine[lo]] += c.AltProc[lo]
				continue
			}
			best := lo
			start := lo + int32(rng.IntN(int(hi-lo)))
			for a := start; a < start+(hi-lo); a++ {
				b := a
				if b >= hi {
					b -= hi - lo
				}
				if load[c.AltMachine[b]]+c.AltProc[b] < load[c.AltMachine[best]]+c.AltProc[best] || a == start {
					best = b
				}
			}
			x.alt[o] = best - lo
			load[c.AltMachine[best]] += c.AltProc[best]
		}
	}
}

// scratch is per-goroutine working memory of randomize.
type scratch struct {
	load []int64
	perm []int32
}

func (pd *problemData) newScratch() *scratch {
	return &scratch{load: make([]int64, pd.c.NumMachines), perm: make([]int32, pd.c.NumJobs)}
}

// fromSchedule makes x the chromosome of schedule sch: the operations that
// are not fixed sorted by start, then index, and the
// alternatives of their machines. It reports false when sch does not cover
// every operation or names a machine that is not an alternative (then x
// is left with a valid chromosome for the operations it could read).
func (pd *problemData) fromSchedule(x *indiv, sch *schedule.Schedule, scratch []int64) bool {
	c := pd.c
	n := c.NumOps
	start := scratch[:n]
	for o := range start {
		start[o] = -1 << 62
	}
	seen := 0
	ok := true
	for i := range sch.Assignments {
		a := &sch.Assignments[i]
		if a.Job < 0 || a.Job >= c.NumJobs {
			ok = false
			continue
		}
		o := int(c.JobFirst[a.Job]) + a.Op
		if a.Op < 0 || o >= int(c.JobFirst[a.Job+1]) {
			ok = false
			continue
		}
		if start[o] == -1<<62 {
			seen++
		}
		start[o] = a.Start
		if lo, hi := int(c.OperFirst[o]), int(c.OperFirst[o+1]); len(a.Operators) == hi-lo && (c.FixedMachine == nil || c.FixedMachine[o] < 0) {
			for i, p := range a.Operators {
				x.pool[lo+i] = int32(p)
			}
		}
		x.alt[o] = 0
		found := false
		for k := c.AltFirst[o]; k < c.AltFirst[o+1]; k++ {
			if int(c.AltMachine[k]) == a.Machine {
				x.alt[o] = k - c.AltFirst[o]
				found = true
				break
			}
		}
		if !found {
			ok = false
		}
	}
	if seen < n {
		ok = false
	}
	pd.seqByStart(x, start)
	return ok
}

// seqByStart sets the sequence of x from the start of every operation:
// the operations that are not fixed sorted by start, then index.
func (pd *problemData) seqByStart(x *indiv, start []int64) {
	c := pd.c
	ops := make([]int32, 0, pd.genes)
	for _, o := range pd.jobOps {
		ops = append(ops, o)
	}
	slices.SortStableFunc(ops, func(a, b int32) int {
		if start[a] != start[b] {
			if start[a] < start[b] {
				return -1
			}
			return 1
		}
		return int(a) - int(b)
	})
	for k, o := range ops {
		x.seq[k] = c.OpJob[o]
	}
}
