package ga

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/ordo-sched/ordo/heuristics/tabu"
	"github.com/ordo-sched/ordo/internal/engine"
)

// mailbox is the migration slot of one island: the last migrant sent to it.
type mailbox struct {
	mu  sync.Mutex
	x   *indiv
	has bool
}

// island is one population evolving on one goroutine.
type island struct {
	id  int
	pd  *problemData
	par Params
	rng *rand.Rand
	dec *decoder

	pop, next []*indiv
	best      *indiv
	trial     *indiv
	spare     *indiv

	// Stagnation: the best at the last improvement and its generation.
	lastBest float64
	lastBad  int
	lastImp  int64

	work  int64
	limit int64 // work limit of this island (0: none)
	gens  int64
	halt  bool
	// stop reports whether the solve must stop (deadline or context);
	// called every checkEvery decodes.
	stop       func() bool
	checkEvery int64
	// improved is called when the island's best feasible chromosome
	// improves.
	improved func(val float64, work int64)

	inbox, outbox *mailbox

	// tabu, when set, is the view of the tabu search, the local search of
	// plain job shops (see tabuSearch); ctx bounds its calls.
	tabu *tabu.View
	ctx  context.Context
	scr  []int64

	mask []bool
	tmp  []int32
	sc   *scratch
	// Local search: critical operations, their tight machine
	// predecessors, visit stamps, candidate moves.
	crit     []int32
	critPred []int32
	seen     []uint32
	stamp    uint32
	cand     []move
	// base is the gene position that placed each operation in the
	// chromosome the local search works on (see rebase); keep is a copy of
	// a sequence.
	base []int32
	keep []int32
	// bs and bcomp are the schedule and the job completions of that
	// chromosome.
	bs    *engine.State
	bcomp []int64
	// early: the local search's target job finishes before its due date
	// (objectives with earliness: its operations move later).
	early bool
	// cpGenes is the size from which the local search decodes from
	// checkpoints (checkpointGenes; tests lower it). verify, set by tests,
	// decodes every chromosome decoded from checkpoints again in full and
	// counts the results that differ in mismatches.
	cpGenes    int
	verify     *decoder
	mismatches int
	// reverts counts the rebases that kept the sequence as it was
	// because its normalization decoded worse (tests).
	reverts int
}

// sameSchedule reports whether two states of one problem hold the same
// schedule: the same operations placed on the same machines at the same
// times with operators from the same pools (tests: the verify decoder).
func sameSchedule(a, b *engine.State) bool {
	c := a.Compiled()
	for o := 0; o < c.NumOps; o++ {
		if a.Placed(o) != b.Placed(o) {
			return false
		}
		if a.Placed(o) && (a.Machine(o) != b.Machine(o) || a.SetupStart(o) != b.SetupStart(o) || a.Start(o) != b.Start(o) || a.End(o) != b.End(o) || !slices.Equal(a.Operators(o), b.Operators(o))) {
			return false
		}
	}
	return true
}

// move is a local search move: kind 0 puts operation u before its machine
// predecessor q, kind 1 puts q after u, kind 2 gives u alternative q,
// kind 3 moves u q genes earlier (with its job's genes in between), kind
// 4 q genes later (with its job's genes in between).
type move struct {
	kind int8
	u, q int32
}

func newIsland(id int, pd *problemData, par Params, seed uint64, insertion bool) *island {
	is := &island{
		id:   id,
		pd:   pd,
		par:  par,
		rng:  rand.New(rand.NewPCG(seed, uint64(id)*0x9e3779b97f4a7c15+1)),
		dec:  newDecoder(pd, insertion),
		mask: make([]bool, pd.c.NumJobs),
		sc:   pd.newScratch(),
		tmp:  make([]int32, 0, pd.genes),

		critPred: make([]int32, pd.c.NumOps),
		seen:     make([]uint32, pd.c.NumOps),
		base:     make([]int32, pd.c.NumOps),
		bs:       pd.c.NewState(),
		bcomp:    make([]int64, pd.c.NumJobs),
		cpGenes:  checkpointGenes,
	}
	is.pop = make([]*indiv, par.Population)
	is.next = make([]*indiv, par.Population)
	for i := range is.pop {
		is.pop[i] = pd.newIndiv()
		is.next[i] = pd.newIndiv()
	}
	is.best = pd.newIndiv()
	is.best.bad = pd.c.NumOps + 1
	is.lastBad = pd.c.NumOps + 2
	is.trial = pd.newIndiv()
	is.spare = pd.newIndiv()
	is.checkEvery = 32
	if pd.c.NumOps >= 2000 {
		is.checkEvery = 1
	}
	return is
}

// eval decodes x and records its fitness; it returns false (leaving x
// unevaluated) once the island must stop.
func (is *island) eval(x *indiv) bool { return is.evalMode(x, decodeFull, 0) }

// How evalMode decodes: from the start, from the last checkpoint before
// a gene (decodeFrom), from the start recording checkpoints, or from the
// last checkpoint before a gene recording the checkpoints after it
// (recordFrom).
const (
	decodeFull = iota
	decodeFromGene
	decodeRecord
	decodeRecordFrom
)

// evalMode is eval with a choice of decoding (see the decode* constants;
// from is the first gene that differs from the recorded chromosome).
func (is *island) evalMode(x *indiv, mode, from int) bool {
	if is.halt {
		return false
	}
	if is.limit > 0 && is.work >= is.limit {
		is.halt = true
		return false
	}
	if is.work%is.checkEvery == 0 && is.stop() {
		is.halt = true
		return false
	}
	is.work++
	switch mode {
	case decodeFromGene:
		x.bad, x.val = is.dec.decodeFrom(x, from)
	case decodeRecord:
		x.bad, x.val = is.dec.record(x)
	case decodeRecordFrom:
		x.bad, x.val = is.dec.recordFrom(x, from)
	default:
		x.bad, x.val = is.dec.decode(x)
	}
	if is.verify != nil && mode != decodeFull {
		if bad, val := is.verify.decode(x); bad != x.bad || val != x.val || !sameSchedule(is.verify.s, is.dec.s) {
			is.mismatches++
		}
	}
	if x.better(is.best) {
		is.best.copyFrom(x)
		if x.bad == 0 && is.improved != nil {
			is.improved(x.val, is.work)
		}
	}
	return true
}

func (is *island) sortPop() {
	slices.SortStableFunc(is.pop, func(a, b *indiv) int {
		switch {
		case a.better(b):
			return -1
		case b.better(a):
			return 1
		}
		return 0
	})
}

// init fills the population: the seeds first, then random chromosomes.
func (is *island) init(seeds []*indiv) {
	for i, x := range is.pop {
		if i < len(seeds) {
			x.copyFrom(seeds[i])
		} else {
			is.pd.randomize(x, is.rng, is.sc)
		}
		if !is.eval(x) {
			// Unevaluated members rank last.
			for _, y := range is.pop[i:] {
				y.bad = is.pd.c.NumOps + 1
			}
			break
		}
	}
	is.sortPop()
}

// run evolves the population until the island halts.
func (is *island) run() {
	for !is.halt {
		is.generation()
	}
}

func (is *island) tournament() *indiv {
	best := is.pop[is.rng.IntN(len(is.pop))]
	for k := 1; k < is.par.Tournament; k++ {
		if x := is.pop[is.rng.IntN(len(is.pop))]; x.better(best) {
			best = x
		}
	}
	return best
}

// generation builds the next population: elites, then offspring of
// tournament-selected parents by crossover and mutation; the best
// offspring goes through the local search; random immigrants replace
// the worse half when the population has lost its diversity.
func (is *island) generation() {
	P := len(is.pop)
	par := &is.par
	elite := min(par.Elite, P)
	for i := 0; i < elite; i++ {
		is.next[i].copyFrom(is.pop[i])
	}
	bestChild := -1
	for i := elite; i < P && !is.halt; i += 2 {
		p1, p2 := is.tournament(), is.tournament()
		c1 := is.next[i]
		c2 := is.spare
		if i+1 < P {
			c2 = is.next[i+1]
		}
		crossed := false
		if is.rng.Float64() < par.Crossover && !p1.same(p2) {
			is.crossover(p1, p2, c1, c2)
			crossed = true
		} else {
			c1.copyFrom(p1)
			c2.copyFrom(p2)
		}
		for _, c := range [2]*indiv{c1, c2} {
			if !crossed || is.rng.Float64() < par.Mutation {
				is.mutate(c)
			}
		}
		if !is.eval(c1) {
			c1.copyFrom(p1)
			break
		}
		if bestChild < 0 || c1.better(is.next[bestChild]) {
			bestChild = i
		}
		if i+1 < P {
			if !is.eval(c2) {
				c2.copyFrom(p2)
				break
			}
			if c2.better(is.next[bestChild]) {
				bestChild = i + 1
			}
		}
	}
	if is.halt {
		// Keep the evaluated part of the new generation only when
		// complete; the old population stays otherwise.
		return
	}
	if bestChild >= 0 && elite > 0 && is.pd.genes >= is.cpGenes && is.next[0].better(is.next[bestChild]) {
		// Large problems: children rarely beat the elite and decodes
		// are dear; the local search goes on from the best instead.
		bestChild = 0
	}
	if is.tabu != nil && bestChild >= 0 {
		is.tabuSearch(is.next[bestChild])
	} else if par.LocalSearch > 0 && bestChild >= 0 {
		is.localSearch(is.next[bestChild], par.LocalSearch)
		if par.LocalSearchRate > 0 {
			for i := elite; i < P && !is.halt; i++ {
				if i != bestChild && is.rng.Float64() < par.LocalSearchRate {
					is.localSearch(is.next[i], par.LocalSearch)
				}
			}
		}
	}
	is.pop, is.next = is.next, is.pop
	is.sortPop()
	is.gens++
	if is.halt {
		return
	}
	is.migrate()
	is.immigrants()
	is.restart()
}

// restart re-seeds the population around the best after
// Params.Restart generations without improvement of the island's best:
// the elites stay, the others become random chromosomes.
func (is *island) restart() {
	if is.best.val < is.lastBest || is.best.bad < is.lastBad {
		is.lastBest, is.lastBad, is.lastImp = is.best.val, is.best.bad, is.gens
		return
	}
	if is.par.Restart <= 0 || is.gens-is.lastImp < int64(is.par.Restart) {
		return
	}
	is.lastImp = is.gens
	for i := is.par.Elite; i < len(is.pop); i++ {
		is.pd.randomize(is.pop[i], is.rng, is.sc)
		if !is.eval(is.pop[i]) {
			is.pop[i].copyFrom(is.best)
		}
	}
	is.sortPop()
}

// immigrants replaces the worse half of the population with random
// chromosomes when fewer than a quarter of its fitness values differ.
func (is *island) immigrants() {
	P := len(is.pop)
	distinct := 1
	for i := 1; i < P; i++ {
		if is.pop[i].bad != is.pop[i-1].bad || is.pop[i].val != is.pop[i-1].val {
			distinct++
		}
	}
	if distinct*4 >= P {
		return
	}
	for i := P / 2; i < P; i++ {
		is.pd.randomize(is.pop[i], is.rng, is.sc)
		if !is.eval(is.pop[i]) {
			is.pop[i].copyFrom(is.best)
		}
	}
	is.sortPop()
}

// migrate sends the island's best to the next island of the ring and
// takes in the migrant waiting in its own mailbox (replacing its worst).
func (is *island) migrate() {
	if is.outbox == nil || is.par.Migration <= 0 || is.gens%int64(is.par.Migration) != 0 {
		return
	}
	is.outbox.mu.Lock()
	if is.outbox.x == nil {
		is.outbox.x = is.pd.newIndiv()
	}
	is.outbox.x.copyFrom(is.best)
	is.outbox.has = true
	is.outbox.mu.Unlock()
	is.inbox.mu.Lock()
	if is.inbox.has {
		w := is.pop[len(is.pop)-1]
		w.copyFrom(is.inbox.x)
		is.inbox.has = false
	}
	is.inbox.mu.Unlock()
	is.sortPop()
	if is.pop[0].better(is.best) {
		is.best.copyFrom(is.pop[0])
	}
}

// crossover recombines p1 and p2 into c1 and c2: POX or JOX on the
// sequence (see the package documentation), uniform on the assignment.
func (is *island) crossover(p1, p2, c1, c2 *indiv) {
	nj := len(is.mask)
	for j := range is.mask {
		is.mask[j] = false
	}
	if is.rng.IntN(2) == 0 || len(p1.seq) < 2 {
		// POX: a random non-empty proper subset of the jobs.
		cnt := 0
		for j := range is.mask {
			if is.rng.IntN(2) == 0 {
				is.mask[j] = true
				cnt++
			}
		}
		if nj > 1 && (cnt == 0 || cnt == nj) {
			j := is.rng.IntN(nj)
			is.mask[j] = cnt == 0
		}
	} else {
		// JOX: the jobs of a random window of p1.
		n := len(p1.seq)
		a := is.rng.IntN(n)
		b := a + 1 + is.rng.IntN(max(1, n/2))
		for k := a; k < min(b, n); k++ {
			is.mask[p1.seq[k]] = true
		}
	}
	orderCross(p1.seq, p2.seq, c1.seq, is.mask, true)
	orderCross(p2.seq, p1.seq, c2.seq, is.mask, true)
	copy(c1.alt, p1.alt)
	copy(c2.alt, p2.alt)
	for _, o := range is.pd.flex {
		if is.rng.IntN(2) == 0 {
			c1.alt[o], c2.alt[o] = p2.alt[o], p1.alt[o]
		}
	}
	copy(c1.pool, p1.pool)
	copy(c2.pool, p2.pool)
	c := is.pd.c
	for _, o := range is.pd.staffed {
		if is.rng.IntN(2) == 0 {
			lo, hi := c.OperFirst[o], c.OperFirst[o+1]
			copy(c1.pool[lo:hi], p2.pool[lo:hi])
			copy(c2.pool[lo:hi], p1.pool[lo:hi])
		}
	}
}

// orderCross writes into c the genes of a whose job has mask == keep at
// their positions in a, and fills the other positions with the other
// genes in the order of b.
func orderCross(a, b, c []int32, mask []bool, keep bool) {
	k := 0
	for i, j := range a {
		if mask[j] == keep {
			c[i] = j
			continue
		}
		for mask[b[k]] == keep {
			k++
		}
		c[i] = b[k]
		k++
	}
}

// mutate applies one swap, insertion or reassignment mutation to x.
func (is *island) mutate(x *indiv) {
	n := len(x.seq)
	kinds := 2
	if len(is.pd.flex) > 0 {
		kinds = 3
	}
	switch is.rng.IntN(kinds) {
	case 0:
		if n < 2 {
			return
		}
		for try := 0; try < 8; try++ {
			a, b := is.rng.IntN(n), is.rng.IntN(n)
			if x.seq[a] != x.seq[b] {
				x.seq[a], x.seq[b] = x.seq[b], x.seq[a]
				return
			}
		}
	case 1:
		if n < 2 {
			return
		}
		insertGene(x.seq, is.rng.IntN(n), is.rng.IntN(n))
	case 2:
		k := 1 + is.rng.IntN(2)
		for ; k > 0; k-- {
			is.reassign(x, int(is.pd.flex[is.rng.IntN(len(is.pd.flex))]))
		}
	}
}

// reassign gives operation o another alternative, at random.
func (is *island) reassign(x *indiv, o int) {
	c := is.pd.c
	na := int(c.AltFirst[o+1] - c.AltFirst[o])
	if na < 2 {
		return
	}
	if f := c.FastAlt[o]; f != x.alt[o] && is.rng.IntN(2) == 0 {
		x.alt[o] = f
		return
	}
	a := is.rng.IntN(na - 1)
	if a >= int(x.alt[o]) {
		a++
	}
	x.alt[o] = int32(a)
}

// insertGene moves the gene at position from to position to.
func insertGene(seq []int32, from, to int) {
	g := seq[from]
	if from < to {
		copy(seq[from:to], seq[from+1:to+1])
	} else if from > to {
		copy(seq[to+1:from+1], seq[to:from])
	}
	seq[to] = g
}
