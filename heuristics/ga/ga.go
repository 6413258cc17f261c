package ga

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"

	_ "github.com/ordo-sched/ordo/heuristics/dispatch" // the seeding rules, through the registry
	"github.com/ordo-sched/ordo/heuristics/tabu"
)

// Name is the solver's registry name.
const Name = "ga"

func init() {
	solver.Register(solver.Info{
		Name:        Name,
		Description: "genetic algorithm (operation sequence + machine assignment, decoded through the placement engine) with a memetic local search and islands",
		Features:    model.AllFeatures,
		New:         func() solver.Solver { return New(Params{}) },
	})
}

// Decoder selects how chromosomes become schedules.
type Decoder int

const (
	// Auto: insertion (active schedules) for every problem.
	Auto Decoder = iota
	// Insertion: each operation goes into the earliest idle gap of its
	// machine that fits it (active schedules).
	Insertion
	// Append: each operation goes after the last one placed on its
	// machine (semi-active schedules); on plain job shops this is the
	// engine's fast path.
	Append
)

// Params tunes the algorithm. The zero value gives the defaults in
// brackets.
type Params struct {
	// Population is the size of each island's population [100 up to
	// 1,000 operations, 50 up to 5,000, 20 beyond].
	Population int
	// Tournament is the tournament size of the selection [2].
	Tournament int
	// Crossover is the crossover probability [0.8].
	Crossover float64
	// Mutation is the probability of mutating a child of a crossover
	// (children of no crossover are always mutated) [0.3].
	Mutation float64
	// Elite is the number of best chromosomes copied unchanged to the next
	// generation [2].
	Elite int
	// LocalSearch is the number of decodes of the memetic local search
	// run on the best child of each generation [max(200, operations)];
	// negative: no local search.
	LocalSearch int
	// LocalSearchRate is the probability that a child other than the
	// best of its generation also goes through the local search [0.05 for
	// the makespan alone, 0 for objectives on jobs]; negative: none.
	LocalSearchRate float64
	// Restart is the number of generations without improvement of an
	// island's best after which its population, elites aside, is
	// replaced by random chromosomes [50]; negative: never.
	Restart int
	// Migration is the number of generations between migrations around
	// the ring of islands [10].
	Migration int
	// Decoder selects the schedule builder [Auto].
	Decoder Decoder
	// TabuWork is the work limit (evaluated moves) of each call of the
	// tabu search used as the local search on plain job shops with the
	// makespan objective [200 per operation, at least 20,000].
	TabuWork int
	// NoTabu uses the engine's local search on plain job shops too.
	NoTabu bool
	// NoSeeds disables seeding the population with dispatching rules.
	NoSeeds bool
}

func (p Params) withDefaults(numOps int) Params {
	if p.Population <= 0 {
		switch {
		case numOps <= 1000:
			p.Population = 100
		case numOps <= 5000:
			p.Population = 50
		default:
			p.Population = 20
		}
	}
	p.Population = max(p.Population, 2)
	if p.Tournament <= 0 {
		p.Tournament = 2
	}
	if p.Crossover <= 0 {
		p.Crossover = 0.8
	}
	if p.Mutation <= 0 {
		p.Mutation = 0.3
	}
	if p.Elite <= 0 {
		p.Elite = 2
	}
	if p.LocalSearch == 0 {
		p.LocalSearch = max(200, numOps)
	}

	if p.Restart == 0 {
		p.Restart = 50
	}
	if p.TabuWork <= 0 {
		p.TabuWork = max(20000, 200*numOps)
	}
	if p.Migration <= 0 {
		p.Migration = 10
	}
	return p
}

// DefaultWorkLimit is the work limit (decodes) of a solve given neither a
// time limit, nor a work limit, nor a context with a deadline:
// 50,000,000 / operations, clamped to [1,000, 200,000].
func DefaultWorkLimit(numOps int) int64 {
	return min(max(50_000_000/int64(max(numOps, 1)), 1_000), 200_000)
}

// Solver is the genetic algorithm. Its zero value (or New(Params{})) uses
// the default parameters.
type Solver struct {
	// Params tunes the algorithm.
	Params Params
}

// New returns a GA solver with the given parameters.
func New(p Params) *Solver { return &Solver{Params: p} }

// candidate is a complete schedule known during a solve.
type candidate struct {
	s   *schedule.Schedule
	val float64
}

// Solve runs the GA on p. Options.WorkLimit counts decodes (chromosomes
// turned into schedules, including those of the local search);
// Options.Workers islands run on as many goroutines.
func (g *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	start := time.Now()
	if p == nil {
		return nil, fmt.Errorf("%s: no problem", Name)
	}
	if iss := p.Validate(); iss != nil {
		return nil, fmt.Errorf("%s: invalid problem: %w", Name, iss)
	}
	obj := opts.EffectiveObjective(p)
	if err := solver.CheckSupport(Name, p, obj, model.AllFeatures, nil); err != nil {
		return nil, err
	}
	for _, t := range obj.Normalized().Terms {
		if t.Criterion < model.Makespan || t.Criterion > model.FlowTime {
			return nil, solver.Unsupported(Name, "objective "+t.Criterion.String())
		}
	}
	if opts.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.TimeLimit)
		defer cancel()
	}
	res := &solver.Result{Solver: Name, Status: solver.Unknown, Bound: math.NaN()}
	var best candidate
	offer := func(s *schedule.Schedule, val float64) {
		if s == nil || (best.s != nil && val >= best.val) {
			return
		}
		best = candidate{s, val}
	}
	var hint candidate
	if opts.Hint != nil && len(schedule.Check(p, opts.Hint)) == 0 {
		hint = candidate{opts.Hint.Clone(), schedule.Evaluate(p, opts.Hint, obj)}
	}
	finish := func() (*solver.Result, error) {
		if hint.s != nil && (best.s == nil || hint.val <= best.val) {
			best = hint
		}
		if best.s != nil {
			res.Schedule = best.s
			res.Objective = best.val
			res.Status = solver.Feasible
		}
		res.Stats.Elapsed = time.Since(start)
		return res, nil
	}
	stopOf := func() solver.Stop {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return solver.Deadline
		}
		return solver.Canceled
	}
	if ctx.Err() != nil {
		res.Stop = stopOf()
		return finish()
	}

	c, err := engine.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Name, err)
	}
	par := g.Params.withDefaults(c.NumOps)
	pd := newProblemData(c, obj)
	if par.LocalSearchRate == 0 && !pd.needJobs {
		par.LocalSearchRate = 0.05
	}
	insertion := par.Decoder != Append

	// Progress: reported on this goroutine only.
	var lastVal float64
	reported := false
	progress := func(val float64, work int64) {
		if reported && val >= lastVal {
			return
		}
		reported, lastVal = true, val
		res.Stats.TimeToBest = time.Since(start)
		if opts.OnProgress != nil {
			opts.OnProgress(solver.Progress{Elapsed: res.Stats.TimeToBest, Work: work, Objective: val, Bound: math.NaN()})
		}
	}

	// Seeds: dispatching rules, then the hint.
	var seeds []*indiv
	scratch := make([]int64, c.NumOps)
	addSeed := func(s *schedule.Schedule) {
		x := pd.newIndiv()
		pd.fromSchedule(x, s, scratch)
		seeds = append(seeds, x)
	}
	var dispatched []candidate
	if !par.NoSeeds {
		for _, name := range seedRules() {
			if ctx.Err() != nil {
				break
			}
			ds, err := solver.Get(name)
			if err != nil {
				continue
			}
			dopts := solver.Options{Objective: obj, Seed: opts.Seed}
			if name == "dispatch:best" {
				// Every rule and scheme: bounded by placements (so that a
				// solve with a work limit stays reproducible) and, under a
				// deadline, by a quarter of the time left (it tries the
				// rules and schemes likeliest to win first; on large
				// plants the rest of its run is mostly the slow serial
				// scheme, and the local search needs the time more).
				dopts.WorkLimit = max(2_000_000, 2000*int64(c.NumOps))
				if opts.WorkLimit > 0 {
					// A decode places every operation: at most half
					// of the solve's work in placements.
					dopts.WorkLimit = min(dopts.WorkLimit, max(int64(c.NumOps), opts.WorkLimit*int64(c.NumOps)/2))
				}
				if dl, ok := ctx.Deadline(); ok {
					dopts.TimeLimit = max(time.Until(dl)/4, time.Millisecond)
				}
			}
			r, err := ds.Solve(ctx, p, dopts)
			if err != nil || r.Schedule == nil || len(schedule.Check(p, r.Schedule)) > 0 {
				continue
			}
			dispatched = append(dispatched, candidate{r.Schedule, r.Objective})
			addSeed(r.Schedule)
			if len(dispatched) == 1 || r.Objective < lastVal {
				progress(r.Objective, 0)
			}
		}
	}
	if opts.Hint != nil {
		addSeed(opts.Hint)
		if hint.s != nil {
			progress(hint.val, 0)
		}
	}
	for _, d := range dispatched {
		offer(d.s, d.val)
	}

	// Islands.
	workers := max(opts.Workers, 1)
	deadline, hasDeadline := ctx.Deadline()
	workLimit := opts.WorkLimit
	if workLimit <= 0 && !hasDeadline {
		workLimit = DefaultWorkLimit(c.NumOps)
	}
	if pd.genes == 0 {
		// Nothing to decide: every operation is fixed (or there is none).
		workers = 1
		workLimit = 1
	}
	stop := func() bool {
		if ctx.Err() != nil {
			return true
		}
		return hasDeadline && !time.Now().Before(deadline)
	}
	// Plain job shops with the makespan: the tabu search is the local
	// search when it accepts the problem.
	var tv *tabu.View
	if !par.NoTabu && par.LocalSearch > 0 && obj.IsMakespan() {
		tv, _ = tabu.NewView(c) // nil when the tabu search does not accept the problem
	}
	islands := make([]*island, workers)
	for i := range islands {
		is := newIsland(i, pd, par, opts.Seed, insertion)
		is.stop = stop
		is.ctx = ctx
		is.scr = make([]int64, c.NumOps)
		is.tabu = tv
		if workLimit > 0 {
			is.limit = max(1, workLimit/int64(workers))
		}
		islands[i] = is
	}
	if workers > 1 {
		boxes := make([]*mailbox, workers)
		for i := range boxes {
			boxes[i] = &mailbox{}
		}
		for i, is := range islands {
			is.inbox = boxes[i]
			is.outbox = boxes[(i+1)%workers]
		}
	}
	if workers == 1 {
		is := islands[0]
		is.improved = progress
		is.init(seeds)
		is.run()
	} else {
		type note struct {
			val  float64
			work int64
		}
		ch := make(chan note, 64)
		var wg sync.WaitGroup
		for _, is := range islands {
			is.improved = func(val float64, work int64) { ch <- note{val, work} }
			wg.Add(1)
			go func() {
				defer wg.Done()
				is.init(seeds)
				is.run()
			}()
		}
		go func() { wg.Wait(); close(ch) }()
		var maxWork int64
		for n := range ch {
			maxWork = max(maxWork, n.work)
			progress(n.val, maxWork)
		}
	}

	// Collect.
	var bestIs *island
	atLimit := workLimit > 0
	for _, is := range islands {
		if is.limit == 0 || is.work < is.limit {
			atLimit = false
		}
		res.Stats.Work += is.work
		res.Stats.Iterations += is.gens
		if is.best.bad == 0 && is.work > 0 && (bestIs == nil || is.best.val < bestIs.best.val) {
			bestIs = is
		}
	}
	switch {
	case ctx.Err() != nil:
		res.Stop = stopOf()
	case atLimit:
		res.Stop = solver.WorkLimit
	default:
		res.Stop = solver.Deadline
	}
	if bestIs != nil && (best.s == nil || bestIs.best.val < best.val) {
		d := bestIs.dec
		if bad, _ := d.decode(bestIs.best); bad == 0 {
			s := d.s.Schedule()
			if len(schedule.Check(p, s)) == 0 {
				offer(s, schedule.Evaluate(p, s, obj))
			}
		}
	}
	return finish()
}

// seedRules names the dispatching solvers whose schedules seed the
// population.
func seedRules() []string {
	return []string{"dispatch", "dispatch:mwkr", "dispatch:mopnr", "dispatch:spt", "dispatch:atc", "dispatch:edd", "dispatch:ms", "dispatch:best"}
}
