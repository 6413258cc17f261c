package tabu

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// Name is the registry name of the tabu search.
const Name = "tabu"

// Features are the model features the tabu search supports. Due dates are
// accepted (they do not change the makespan).
const Features = model.FeatReleaseDates | model.FeatFixed | model.FeatDueDates

// Limits are what the tabu search refuses although its Features allow
// them (Check implements them).
var Limits = []string{
	"objectives other than the makespan alone",
	"a fixed operation after a non-fixed operation of its job",
}

// Spec returns what the tabu search is and accepts.
func (s *Solver) Spec() solver.Spec {
	return solver.Spec{
		Name:        Name,
		Description: "tabu search with path relinking on the disjunctive graph (job shop, makespan)",
		Features:    Features,
		Objectives:  []model.Criterion{model.Makespan},
		Limits:      Limits,
		Check:       check,
	}
}

// check refuses what Limits describe.
func check(p *model.Problem, obj model.Objective) error {
	if !obj.IsMakespan() {
		return solver.Unsupported(Name, "objective "+obj.String()+" (makespan only)")
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := 1; k < len(job.Operations); k++ {
			if job.Operations[k].Fixed != nil && job.Operations[k-1].Fixed == nil {
				return solver.Unsupported(Name, fmt.Sprintf("jobs[%d].operations[%d] (job %q): fixed operation after a non-fixed operation of its job", j, k, job.ID))
			}
		}
	}
	return nil
}

// DefaultWorkLimit is the work limit (move evaluations) applied when a call
// sets neither a time limit, nor a work limit, nor a context deadline.
const DefaultWorkLimit = 50_000_000

// Params tune the search. The zero value means the defaults.
type Params struct {
	// Stagnation is the number of iterations without improving the best
	// solution of the current walk after which the walk jumps back to an
	// elite solution of its back-jump list, or, when the list is empty, a new
	// walk starts from a relinked or perturbed pool solution (default:
	// ops²/15 for ops operations, at least 2500, at most 40000).
	Stagnation int
	// MaxJumps is the number of back jumps after which a walk ends
	// (default 10).
	MaxJumps int
	// PoolSize is the number of elite solutions kept for path relinking
	// (default 10).
	PoolSize int
	// Target, when positive, stops the search as soon as a schedule with a
	// makespan at most Target is found (time-to-target measurements).
	Target int64
	// NoInitial skips the dispatching start (dispatch.Best) and uses the
	// built-in most-work-remaining rule only.
	NoInitial bool
}

func (p Params) withDefaults() Params {
	if p.MaxJumps <= 0 {
		p.MaxJumps = 10
	}
	if p.PoolSize <= 0 {
		p.PoolSize = 10
	}
	return p
}

// Solver is the tabu search. Create it with New (or through the registry
// facade, package solvers).
type Solver struct {
	params Params
}

// New returns a tabu-search solver with the given parameters.
func New(p Params) *Solver { return &Solver{params: p.withDefaults()} }

// Solve minimises the makespan of the job shop p through the solve
// pipeline (solver.Run). See the package documentation for the algorithm,
// the supported features and the work unit.
func (s *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	return solver.Run(ctx, p, opts, s.Spec(), s.solve)
}

func (s *Solver) solve(run *solver.Incumbent) error {
	ctx, p, opts, t0 := run.Ctx, run.Problem, run.Options, run.Start
	weight := run.Objective.Normalized().Terms[0].Weight
	in, err := compile(p)
	if err != nil {
		return err
	}
	run.Bound = weight * float64(in.lb)
	if in.n == 0 {
		run.Offer(&schedule.Schedule{}, 0)
		run.Bound = 0
		run.Optimal()
		return nil
	}

	// Start solution: the hint, else the best of dispatch:best and the
	// built-in rule. A feasible hint or dispatch schedule is returned
	// itself when nothing better is found.
	var hint *schedule.Schedule
	hintCmax := int64(math.MaxInt64)
	st := newState(in)
	var start []int32
	startCmax := int64(math.MaxInt64)
	if opts.Hint != nil {
		if err := in.verify(opts.Hint); err == nil {
			if flat, err := in.seqFromSchedule(opts.Hint); err == nil && st.load(flat) {
				hint, hintCmax = opts.Hint, scheduleMakespan(opts.Hint)
				start, startCmax = flat, st.cmax
			}
		}
	}
	if start == nil {
		if !s.params.NoInitial {
			r, err := dispatch.Best(ctx, p, solver.Options{Seed: opts.Seed, TimeLimit: opts.TimeLimit, Objective: model.Single(model.Makespan)})
			if err == nil && r != nil && r.Schedule != nil && in.verify(r.Schedule) == nil {
				if flat, err := in.seqFromSchedule(r.Schedule); err == nil && st.load(flat) {
					start, startCmax = flat, st.cmax
					// kept as a fallback, like a hint: it may use idle
					// time before fixed operations
					hint, hintCmax = r.Schedule, scheduleMakespan(r.Schedule)
				}
			}
		}
		flat := in.mwkr()
		if !st.load(flat) {
			return errors.New("tabu: internal error: cyclic start solution")
		}
		if st.cmax < startCmax {
			start, startCmax = flat, st.cmax
		}
	}

	if opts.WorkLimit <= 0 && opts.TimeLimit <= 0 {
		if _, ok := ctx.Deadline(); !ok {
			opts.WorkLimit = DefaultWorkLimit
		}
	}
	workers := max(opts.Workers, 1)
	params := s.params
	if params.Stagnation <= 0 {
		params.Stagnation = min(max(in.n*in.n/15, 2500), 40000)
	}
	sh := &shared{
		in: in, params: params, opts: opts, ctx: ctx, t0: t0,
		deadline: opts.Deadline(t0),
		events:   make(chan solver.Progress, 64),
	}
	st.load(start)
	sh.best = append([]int32(nil), start...)
	sh.bestR = append([]int64(nil), st.r...)
	sh.bestCmax = st.cmax
	sh.bestC.Store(st.cmax)
	run.Improved(weight*float64(sh.bestCmax), 0)
	if sh.bestCmax > in.lb && sh.bestCmax > s.params.Target {
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
		report := func(pr solver.Progress) { run.Improved(weight*pr.Objective, pr.Work) }
	loop:
		for {
			select {
			case pr := <-sh.events:
				report(pr)
			case <-done:
				break loop
			}
		}
		for {
			select {
			case pr := <-sh.events:
				report(pr)
				continue
			default:
			}
			break
		}
	}

	run.Work = sh.workDone.Load()
	run.Iterations = sh.iters.Load()
	final := sh.bestCmax
	best := in.schedule(sh.bestR)
	if hint != nil && hintCmax < final {
		// pinning fixed operations first can lose a hint's placement
		best = copySchedule(hint)
		final = hintCmax
	}
	run.Offer(best, weight*float64(final))
	switch {
	case final <= in.lb:
		run.Optimal()
	case final <= s.params.Target:
		run.Finish()
	case sh.stopWork.Load():
		run.WorkLimitReached()
	}
	return nil
}

func copySchedule(s *schedule.Schedule) *schedule.Schedule {
	c := &schedule.Schedule{Assignments: make([]schedule.Assignment, len(s.Assignments))}
	for i, a := range s.Assignments {
		a.Operators = append([]int(nil), a.Operators...)
		c.Assignments[i] = a
	}
	return c
}

// shared is the state of one solve shared by its workers.
type shared struct {
	in       *inst
	params   Params
	opts     solver.Options
	ctx      context.Context
	t0       time.Time
	deadline time.Time
	events   chan solver.Progress

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
	if sh.opts.WorkLimit > 0 && total >= sh.opts.WorkLimit {
		sh.stopWork.Store(true)
		sh.stop.Store(true)
		return true
	}
	if checkClock {
		if sh.ctx.Err() != nil || (!sh.deadline.IsZero() && time.Now().After(sh.deadline)) {
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
	sh.events <- solver.Progress{Elapsed: el, Work: sh.workDone.Load(), Objective: float64(w.cmax), Bound: float64(sh.in.lb)}
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
	w := newWalker(in, sh.opts.Seed*0x100000001b3+uint64(k)*0x9e3779b97f4a7c15+1)
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
