package tabu

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ordo-sched/ordo/solver"
)

// Limits bound one call of Improve and seed it.
type Limits struct {
	// Work is the work limit in move evaluations (0: none; the search may
	// overshoot it by the moves of one step).
	Work int64
	// Deadline stops the search when passed (zero: none).
	Deadline time.Time
	// Seed seeds the workers' random sources.
	Seed uint64
	// Workers is the number of goroutines searching (default 1: the
	// search runs on the calling goroutine).
	Workers int
	// Clock is the time Outcome.TimeToBest and the elapsed times of
	// OnImprove are measured from (zero: the call).
	Clock time.Time
	// OnImprove, when set, is called on the calling goroutine with every
	// new best makespan (Progress.Objective), in decreasing order.
	OnImprove func(solver.Progress)
}

// Outcome is the result of Improve: the best solution found (never worse
// than the start) and what the search did.
type Outcome struct {
	// Seq is the best selection, as flat machine sequences (the layout of
	// View.Sequence).
	Seq []int32
	// Start is the start of every operation in the semi-active schedule
	// of Seq (each operation ends Start plus its processing time).
	Start []int64
	// Makespan is the makespan of that schedule.
	Makespan int64
	// Work is the number of move evaluations done; Iterations the number
	// of tabu steps.
	Work, Iterations int64
	// TimeToBest is when the best was found (from Limits.Clock).
	TimeToBest time.Duration
	// WorkLimit reports that the search stopped at Limits.Work.
	WorkLimit bool
}

// Improve runs the tabu search (see the package documentation) from the
// selection seq, flat machine sequences of v's operations as
// View.Sequence returns them, until the limits, the context, the view's
// lower bound or p.Target stops it; it is the search of Solve, without
// the start solution's construction and the conversions to and from
// schedules. The result is deterministic for a seed and a work limit with
// one worker. It returns an error when seq is not such a sequence or its
// selection is cyclic; a cancelled context is not an error (the best so
// far is returned).
func Improve(ctx context.Context, v *View, seq []int32, p Params, lim Limits) (*Outcome, error) {
	if v == nil {
		return nil, errors.New("tabu: nil view")
	}
	in := v.in
	if err := in.checkSeq(seq); err != nil {
		return nil, err
	}
	p = p.withDefaults()
	if p.Stagnation <= 0 {
		p.Stagnation = min(max(in.n*in.n/15, 2500), 40000)
	}
	t0 := lim.Clock
	if t0.IsZero() {
		t0 = time.Now()
	}
	sh := &shared{in: in, params: p, lim: lim, ctx: ctx, t0: t0}
	st := newState(in)
	if !st.load(seq) {
		return nil, errors.New("tabu: the start selection is cyclic")
	}
	sh.best = append([]int32(nil), seq...)
	sh.bestR = append([]int64(nil), st.r...)
	sh.bestCmax = st.cmax
	sh.bestC.Store(st.cmax)
	if in.n > 0 && sh.bestCmax > in.lb && sh.bestCmax > p.Target {
		sh.search(max(lim.Workers, 1))
	}
	return &Outcome{
		Seq:        sh.best,
		Start:      sh.bestR,
		Makespan:   sh.bestCmax,
		Work:       sh.workDone.Load(),
		Iterations: sh.iters.Load(),
		TimeToBest: sh.timeToBest,
		WorkLimit:  sh.stopWork.Load(),
	}, nil
}

// checkSeq reports whether seq holds every operation once, in the segment
// of its machine, with the machine's fixed operations first in order.
func (in *inst) checkSeq(seq []int32) error {
	if len(seq) != in.n {
		return fmt.Errorf("tabu: a sequence of %d operations for %d", len(seq), in.n)
	}
	seen := make([]bool, in.n)
	i := 0
	for m, ops := range in.machOps {
		for k := range ops {
			o := seq[i]
			if o < 0 || int(o) >= in.n || seen[o] {
				return fmt.Errorf("tabu: sequence[%d]: bad or repeated operation %d", i, o)
			}
			seen[o] = true
			if in.mach[o] != int32(m) {
				return fmt.Errorf("tabu: sequence[%d]: operation %d is not on machine %d", i, o, m)
			}
			if k < int(in.nfixed[m]) && o != ops[k] {
				return fmt.Errorf("tabu: sequence[%d]: machine %d does not start with its fixed operations in order", i, m)
			}
			i++
		}
	}
	return nil
}

// search runs the workers and waits for them; with several workers, their
// improvements reach OnImprove through a channel, so that it is called on
// the calling goroutine.
func (sh *shared) search(workers int) {
	if workers == 1 {
		sh.notify = sh.lim.OnImprove
		sh.work(0)
		return
	}
	sh.events = make(chan solver.Progress, 64)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			sh.work(k)
		}(k)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	report := func(pr solver.Progress) {
		if sh.lim.OnImprove != nil {
			sh.lim.OnImprove(pr)
		}
	}
	for {
		select {
		case pr := <-sh.events:
			report(pr)
		case <-done:
			for {
				select {
				case pr := <-sh.events:
					report(pr)
				default:
					return
				}
			}
		}
	}
}

// shared is the state of one search shared by its workers.
type shared struct {
	in     *inst
	params Params
	lim    Limits
	ctx    context.Context
	t0     time.Time
	// events carries the improvements of several workers to search;
	// notify, with one worker, gets them directly (nil: nobody listens).
	events chan solver.Progress
	notify func(solver.Progress)

	workDone atomic.Int64
	iters    atomic.Int64
	stop     atomic.Bool  // set by any worker: stop everything
	stopWork atomic.Bool  // the work limit was reached
	bestC    atomic.Int64 // mirror of bestCmax for lock-free reads

	mu         sync.Mutex
	best       []int32
	bestR      []int64
	bestCmax   int64
	timeToBest time.Duration
	pool       []elite
}

// elite is a solution of the path-relinking pool.
type elite struct {
	seq  []int32
	cmax int64
	hash uint64
}

// addWork counts work and returns true when the search must stop.
func (sh *shared) addWork(work int64, checkClock bool) bool {
	total := sh.workDone.Add(work)
	if sh.lim.Work > 0 && total >= sh.lim.Work {
		sh.stopWork.Store(true)
		sh.stop.Store(true)
		return true
	}
	if checkClock {
		if sh.ctx.Err() != nil || (!sh.lim.Deadline.IsZero() && time.Now().After(sh.lim.Deadline)) {
			sh.stop.Store(true)
			return true
		}
	}
	return sh.stop.Load()
}

// improve publishes a new best solution if it beats the shared one.
func (sh *shared) improve(w *walker) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if w.cmax >= sh.bestCmax {
		return
	}
	sh.bestCmax = w.cmax
	sh.bestC.Store(w.cmax)
	copy(sh.best, w.seq)
	copy(sh.bestR, w.r)
	el := time.Since(sh.t0)
	sh.timeToBest = el
	if w.cmax <= sh.in.lb || w.cmax <= sh.params.Target {
		sh.stop.Store(true)
	}
	pr := solver.Progress{Elapsed: el, Work: sh.workDone.Load(), Objective: float64(w.cmax), Bound: float64(sh.in.lb)}
	switch {
	case sh.events != nil:
		sh.events <- pr
	case sh.notify != nil:
		sh.notify(pr)
	}
}

// addElite inserts a walk's best solution into the pool: skipped when
// already there, appended while the pool is not full. A full pool drops the
// solution of least goodness among its members and the candidate, goodness
// being 0.6 times the normalised quality plus 0.4 times the normalised
// distance to the nearest other solution (the pool update of Peng, Lu &
// Cheng 2015), so that the pool stays diverse. It reports whether the
// solution entered the pool.
func (sh *shared) addElite(seq []int32, cmax int64, hash uint64) bool {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	for i := range sh.pool {
		e := &sh.pool[i]
		if e.hash == hash && e.cmax == cmax && slices.Equal(e.seq, seq) {
			return false
		}
	}
	if len(sh.pool) < sh.params.PoolSize {
		sh.pool = append(sh.pool, elite{seq: append([]int32(nil), seq...), cmax: cmax, hash: hash})
		return true
	}
	k := len(sh.pool) + 1 // the candidate is index k-1
	get := func(i int) ([]int32, int64) {
		if i == k-1 {
			return seq, cmax
		}
		return sh.pool[i].seq, sh.pool[i].cmax
	}
	near := make([]int, k)
	for i := range near {
		near[i] = 1 << 30
	}
	for i := 0; i < k; i++ {
		a, _ := get(i)
		for j := i + 1; j < k; j++ {
			b, _ := get(j)
			d := 0
			for x := range a {
				if a[x] != b[x] {
					d++
				}
			}
			near[i] = min(near[i], d)
			near[j] = min(near[j], d)
		}
	}
	cmin, cmaxv := int64(1<<62), int64(-1<<62)
	dmin, dmax := 1<<30, -1
	for i := 0; i < k; i++ {
		_, c := get(i)
		cmin, cmaxv = min(cmin, c), max(cmaxv, c)
		dmin, dmax = min(dmin, near[i]), max(dmax, near[i])
	}
	worst, wg := -1, 0.0
	for i := 0; i < k; i++ {
		_, c := get(i)
		g := 0.6*float64(cmaxv-c)/float64(cmaxv-cmin+1) + 0.4*float64(near[i]-dmin)/float64(dmax-dmin+1)
		if worst < 0 || g < wg {
			worst, wg = i, g
		}
	}
	if worst == k-1 {
		return false
	}
	e := &sh.pool[worst]
	copy(e.seq, seq)
	e.cmax, e.hash = cmax, hash
	return true
}

// pick copies two distinct random pool members into a and b; false when the
// pool has fewer than two.
func (sh *shared) pick(w *walker, a, b []int32) bool {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	n := len(sh.pool)
	if n < 2 {
		return false
	}
	i := w.rng.IntN(n)
	j := w.rng.IntN(n - 1)
	if j >= i {
		j++
	}
	copy(a, sh.pool[i].seq)
	copy(b, sh.pool[j].seq)
	return true
}

// work is the loop of worker k: tabu walks from the shared best, then from
// path-relinked pairs of elite solutions or perturbed elite solutions.
func (sh *shared) work(k int) {
	in := sh.in
	w := newWalker(in, sh.lim.Seed*0x100000001b3+uint64(k)*0x9e3779b97f4a7c15+1)
	sh.mu.Lock()
	startSeq := append([]int32(nil), sh.best...)
	sh.mu.Unlock()
	runBest := make([]int32, in.n)
	a := make([]int32, in.n)
	b := make([]int32, in.n)
	w.load(startSeq)
	if k > 0 {
		for i := 0; i < 2+in.n/50; i++ {
			w.randomMove()
		}
	}
	w.rehash()
	stale := 0
	for !sh.stop.Load() {
		// one tabu walk with back jumps
		runCmax := w.cmax
		copy(runBest, w.seq)
		runHash := w.hash
		w.iter += int64(4 * w.tenure) // expire the previous walk's tabu arcs
		w.jumps = w.jumps[:0]
		since, cycles, jumps := 0, 0, 0
		store := true
		for ri := 0; !sh.stop.Load(); ri++ {
			aspire := min(sh.bestC.Load(), runCmax)
			evals, moved := w.step(aspire, store)
			store = false
			sh.iters.Add(1)
			if sh.addWork(int64(max(evals, 1)), ri&63 == 0) {
				break
			}
			if moved && w.cmax < runCmax {
				runCmax = w.cmax
				copy(runBest, w.seq)
				runHash = w.hash
				since, store = 0, true
				if w.cmax < sh.bestC.Load() {
					sh.improve(w)
				}
				continue
			}
			if moved {
				since++
				// cycle detection on the position hash
				for _, h := range w.recent {
					if h == w.hash {
						cycles++
						break
					}
				}
				w.recent[w.iter%cycleWindow] = w.hash
			}
			if !moved || since >= sh.params.Stagnation || cycles > cycleWindow {
				jumps++
				if jumps > sh.params.MaxJumps {
					break
				}
				evals, ok := w.backJump()
				if !ok {
					break
				}
				sh.addWork(int64(evals), false)
				since, cycles = 0, 0
				w.recent = [cycleWindow]uint64{}
				if w.cmax < runCmax {
					runCmax = w.cmax
					copy(runBest, w.seq)
					runHash = w.hash
					store = true
					if w.cmax < sh.bestC.Load() {
						sh.improve(w)
					}
				}
			}
		}
		if sh.stop.Load() {
			break
		}
		if sh.addElite(runBest, runCmax, runHash) {
			stale = 0
		} else {
			stale++
		}
		// next start: relinking while walks bring new elite solutions;
		// after a walk that ended on a known solution, a perturbation of
		// its best that doubles with every such walk in a row
		if stale == 0 && sh.pick(w, a, b) {
			sh.addWork(int64(w.pathRelink(a, b)), false)
		} else {
			w.load(runBest)
			moves := (2 + in.n/25) << min(stale, 6)
			for i := 0; i < moves; i++ {
				w.randomMove()
			}
			sh.addWork(int64(moves), false)
		}
		w.rehash()
		w.recent = [cycleWindow]uint64{}
	}
}
