package ga

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/tabu"
)

// Name is the solver's registry name.
const Name = "ga"

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

// Spec returns what the GA is and accepts: every model feature and every
// objective.
func (g *Solver) Spec() solver.Spec {
	return solver.Spec{
		Name:        Name,
		Description: "genetic algorithm (operation sequence + machine assignment, decoded through the placement engine) with a memetic local search and islands",
		Features:    model.AllFeatures,
		Stability:   true,
	}
}

// Solve runs the GA on p through the solve pipeline (solver.Run).
// Options.WorkLimit counts decodes (chromosomes turned into schedules,
// including those of the local search); Options.Workers islands run on
// as many goroutines. When it ends without a feasible schedule (and there
// is no feasible hint) it returns an error saying how far it went and why
// a dispatching rule could not place an operation (a job that cannot
// meet its deadline even alone is refused at once by Validate).
func (g *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	return solver.Run(ctx, p, opts, g.Spec(), g.solve)
}

func (g *Solver) solve(run *solver.Incumbent) error {
	ctx, p, obj, opts := run.Ctx, run.Problem, run.Objective, run.Options
	if h, _ := run.Best(); h == nil {
		if err := oneMachineBound(p); err != nil {
			return fmt.Errorf("%s: no feasible plan exists: %w", Name, err)
		}
	}
	c, err := engine.Compile(p)
	if err != nil {
		return fmt.Errorf("%s: %w", Name, err)
	}
	par := g.Params.withDefaults(c.NumOps)
	pd := newProblemData(c, obj)
	pd.stab = newStability(c, opts)
	if pd.stab == nil {
		pd.shift, pd.shiftCost = wantsShift(pd.obj)
	}
	if par.LocalSearchRate == 0 && !pd.needJobs {
		par.LocalSearchRate = 0.05
	}
	insertion := par.Decoder != Append

	// Seeds: dispatching rules, then the hint.
	var seeds []*indiv
	var seedPlans []*schedule.Schedule
	addSeed := func(s *schedule.Schedule) { seedPlans = append(seedPlans, s) }
	var seedErr error // why a dispatching seed failed
	if !par.NoSeeds {
		for i := range len(seedRules) + 1 {
			if ctx.Err() != nil {
				break
			}
			dopts := solver.Options{Objective: obj, Seed: opts.Seed, Reference: opts.Reference, Stability: opts.Stability}
			var r *solver.Result
			var err error
			if i == len(seedRules) {
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
				share := time.Duration(4)
				if pd.shift {
					// Just-in-time objectives: dispatch.Best's guarded
					// builds and right shifts are the strong seeds (and
					// the plan the GA must not be worse than); they get
					// half of the time left and, without a work limit, are
					// bounded by time only.
					share = 2
					if opts.WorkLimit <= 0 {
						dopts.WorkLimit = 0 // time only, as dispatch:best
					}
				}
				if dl, ok := ctx.Deadline(); ok {
					dopts.TimeLimit = max(time.Until(dl)/share, time.Millisecond)
				}
				r, err = dispatch.Best(ctx, p, dopts)
			} else {
				r, err = dispatch.WithRule(ctx, p, seedRules[i], dopts)
			}
			if err != nil {
				if seedErr == nil && !errorsIsCtx(err) {
					seedErr = err
				}
				continue
			}
			if r.Schedule == nil || len(schedule.Check(p, r.Schedule)) > 0 {
				continue
			}
			addSeed(r.Schedule)
			run.Offer(r.Schedule, r.Objective)
		}
	}
	if opts.Hint != nil {
		addSeed(opts.Hint)
	}
	if pd.shift {
		// Just-in-time objectives: the chromosomes decode on releases
		// delayed to the starts of the best plan so far (its jobs that
		// are not late; see jitReleases), so that the decoded plans keep
		// its delays, then are right-shifted.
		if best, _ := run.Best(); best != nil {
			q := jitReleases(p, best)
			cq, err := engine.Compile(q)
			if err != nil {
				return fmt.Errorf("%s: %w", Name, err)
			}
			npd := newProblemData(cq, obj)
			npd.shift, npd.shiftCost, npd.eval = pd.shift, pd.shiftCost, p
			c, pd = cq, npd
			if par.Decoder == Auto {
				insertion = false
			}
		}
	}
	scratch := make([]int64, c.NumOps)
	for _, s := range seedPlans {
		x := pd.newIndiv()
		pd.fromSchedule(x, s, scratch)
		seeds = append(seeds, x)
	}

	// Islands.
	workers := max(opts.Workers, 1)
	_, hasDeadline := ctx.Deadline()
	workLimit := opts.WorkLimit
	if workLimit <= 0 && !hasDeadline {
		workLimit = DefaultWorkLimit(c.NumOps)
	}
	if pd.genes == 0 {
		// Nothing to decide: every operation is fixed (or there is none).
		workers = 1
		workLimit = 1
	}
	// Plain job shops with the makespan: the tabu search is the local
	// search when it accepts the problem.
	var tv *tabu.View
	if !par.NoTabu && par.LocalSearch > 0 && obj.IsMakespan() {
		tspec := tabu.New(tabu.Params{}).Spec()
		if tspec.Supports(p, obj) == nil {
			tv, _ = tabu.NewView(c) // nil when the view refuses the problem
		}
	}
	islands := make([]*island, workers)
	for i := range islands {
		is := newIsland(i, pd, par, opts.Seed, insertion)
		is.stop = run.Done
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
		is.improved = run.Improved
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
			run.Improved(n.val, maxWork)
		}
	}

	// Collect.
	var bestIs *island
	atLimit := workLimit > 0
	for _, is := range islands {
		if is.limit == 0 || is.work < is.limit {
			atLimit = false
		}
		run.Work += is.work
		run.Iterations += is.gens
		if is.best.bad == 0 && is.work > 0 && (bestIs == nil || is.best.val < bestIs.best.val) {
			bestIs = is
		}
	}
	if atLimit && ctx.Err() == nil {
		run.WorkLimitReached()
	}
	if _, val := run.Best(); bestIs != nil && solver.Better(bestIs.best.val, val) {
		d := bestIs.dec
		if bad, _ := d.decode(bestIs.best); bad == 0 {
			s := d.plan()
			if len(schedule.Check(p, s)) == 0 {
				run.Offer(s, opts.Score(p, s, obj))
			}
		}
	}
	if s, _ := run.Best(); s == nil && !errors.Is(context.Cause(ctx), context.Canceled) {
		return noPlan(islands, seedErr, run, pd)
	}
	return nil
}

// noPlan returns the error of a run that found no feasible schedule: how
// far it went, how many operations its best chromosome could not place,
// and the reason a dispatching rule gave.
func noPlan(islands []*island, seedErr error, run *solver.Incumbent, pd *problemData) error {
	bad := pd.c.NumOps + 1
	for _, is := range islands {
		bad = min(bad, is.best.bad)
	}
	var why string
	switch {
	case run.Options.WorkLimit > 0 && run.Work >= run.Options.WorkLimit:
		why = fmt.Sprintf("in the work limit of %d decodes", run.Options.WorkLimit)
	case run.Done():
		why = fmt.Sprintf("before the time limit (%d decodes)", run.Work)
	default:
		why = fmt.Sprintf("in %d decodes", run.Work)
	}
	msg := fmt.Sprintf("%s: no feasible plan found %s", Name, why)
	if bad <= pd.c.NumOps {
		msg += fmt.Sprintf("; the best plan tried leaves %d of %d operations unplaced", bad, pd.c.NumOps)
	}
	if seedErr != nil {
		return fmt.Errorf("%s; %w", msg, seedErr)
	}
	return errors.New(msg)
}

// oneMachineBound returns an error when a one-machine relaxation proves
// that p has no feasible schedule: on some machine, the operations that
// can only run there and must end by a time d (their job's deadline less
// the shortest work after them) cannot all fit between the earliest of
// their starts (release plus the shortest work before them) and d. It
// ignores calendars, setups, operators and materials, which only delay
// operations, so a proof holds for p itself.
func oneMachineBound(p *model.Problem) error {
	const inf = math.MaxInt64 / 4
	add := func(a, b int64) int64 { // saturating, for values in [-inf, inf]
		if s := a + b; s < inf {
			return s
		}
		return inf
	}
	x := p.NewIndex()
	base := make([]int, len(p.Jobs)+1)
	for j := range p.Jobs {
		base[j+1] = base[j] + len(p.Jobs[j].Operations)
	}
	n := base[len(p.Jobs)]
	pt, head, le, mach := make([]int64, n), make([]int64, n), make([]int64, n), make([]int, n)
	fixedStart := make([]int64, n) // the start of a fixed operation (after its setup); -1: not fixed
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op, g := &job.Operations[k], base[j]+k
			head[g], le[g], mach[g], fixedStart[g] = job.Release, inf, -1, -1
			if job.Deadline != nil {
				le[g] = *job.Deadline
			}
			if f := op.Fixed; f != nil {
				head[g], pt[g], le[g], fixedStart[g] = f.SetupStart, f.End-f.SetupStart, min(le[g], f.End), f.Start
				if m, ok := x.Machines[f.Machine]; ok {
					mach[g] = m
				}
				continue
			}
			pt[g] = inf
			for a, alt := range op.Alternatives {
				pt[g] = min(pt[g], max(alt.ProcessingTime(job.Quantity), 0))
				m, ok := x.Machines[alt.Machine]
				switch {
				case !ok:
					mach[g] = -2
				case a == 0:
					mach[g] = m
				case mach[g] != m:
					mach[g] = -2
				}
			}
		}
	}
	// Heads forward and latest ends backward along a topological order
	// of the precedence arcs (Validate has excluded cycles).
	arcs := p.Arcs(x)
	succ := make([][]model.Arc, n)
	indeg := make([]int, n)
	for _, a := range arcs {
		g, h := base[a.From.Job]+a.From.Op, base[a.To.Job]+a.To.Op
		succ[g] = append(succ[g], a)
		indeg[h]++
	}
	order := make([]int, 0, n)
	for g := range n {
		if indeg[g] == 0 {
			order = append(order, g)
		}
	}
	for i := 0; i < len(order); i++ {
		g := order[i]
		for _, a := range succ[g] {
			h := base[a.To.Job] + a.To.Op
			if fixedStart[h] < 0 { // a fixed operation's times are given
				head[h] = max(head[h], add(add(head[g], pt[g]), a.MinLag))
			}
			if indeg[h]--; indeg[h] == 0 {
				order = append(order, h)
			}
		}
	}
	if len(order) < n {
		return nil // a cycle: Validate reports it
	}
	for i := n - 1; i >= 0; i-- {
		g := order[i]
		if fixedStart[g] >= 0 {
			continue // a fact: its times are given, whatever follows it
		}
		for _, a := range succ[g] {
			h := base[a.To.Job] + a.To.Op
			switch {
			case fixedStart[h] >= 0:
				// h starts at its given start; its setup may run before
				// g ends (a setup needs only the machine)
				le[g] = min(le[g], fixedStart[h]-a.MinLag)
			case le[h] < inf:
				le[g] = min(le[g], le[h]-pt[h]-a.MinLag)
			}
		}
	}
	name := func(g int) string {
		j := sort.Search(len(p.Jobs), func(j int) bool { return base[j+1] > g })
		return fmt.Sprintf("job %q operation %q", p.Jobs[j].ID, p.Jobs[j].OpID(g-base[j]))
	}
	byMachine := make([][]int, len(p.Machines))
	for g := range n {
		if le[g] >= inf {
			continue
		}
		if add(head[g], pt[g]) > le[g] {
			return fmt.Errorf("%s cannot end by %d (its job's deadline less the work after it): it starts at %d at the earliest and takes %d", name(g), le[g], head[g], pt[g])
		}
		if mach[g] >= 0 {
			byMachine[mach[g]] = append(byMachine[mach[g]], g)
		}
	}
	for m, ops := range byMachine {
		slices.SortStableFunc(ops, func(a, b int) int { return cmp.Compare(le[a], le[b]) })
		sum, first := int64(0), int64(inf)
		for i, g := range ops {
			sum, first = add(sum, pt[g]), min(first, head[g])
			if add(first, sum) > le[g] {
				return fmt.Errorf("machine %q cannot run the %d operations that must end by %d (deadlines) in time: they cannot start before %d and take %d in all (%s among them)",
					p.Machines[m].ID, i+1, le[g], first, sum, name(g))
			}
		}
	}
	return nil
}

// jitReleases returns a copy of p in which every job that is not late in
// s (a feasible plan of p) and has no fixed operation is released at the
// first start (setup included) of its operations in s: the decodes keep
// the delays of s for the jobs it finishes in time, and late jobs keep
// their releases. A plan of the copy is a plan of p (releases are only
// later).
func jitReleases(p *model.Problem, s *schedule.Schedule) *model.Problem {
	first := make([]int64, len(p.Jobs))
	end := make([]int64, len(p.Jobs))
	seen := make([]bool, len(p.Jobs))
	for _, a := range s.Assignments {
		if a.Job < 0 || a.Job >= len(first) {
			continue
		}
		if !seen[a.Job] || a.SetupStart < first[a.Job] {
			first[a.Job] = a.SetupStart
		}
		end[a.Job] = max(end[a.Job], a.End)
		seen[a.Job] = true
	}
	q := *p
	q.Jobs = append([]model.Job(nil), p.Jobs...)
	for j := range q.Jobs {
		job := &q.Jobs[j]
		if !seen[j] || job.Due == nil || end[j] > *job.Due || first[j] <= job.Release {
			continue
		}
		fixed := false
		for k := range job.Operations {
			fixed = fixed || job.Operations[k].Fixed != nil
		}
		if !fixed {
			job.Release = first[j]
		}
	}
	return &q
}

// seedRules are the dispatching rules whose schedules seed the
// population (nil: the default rule for the objective), before those of
// dispatch.Best (every rule and scheme).
var seedRules = []dispatch.Rule{nil, dispatch.MWKR, dispatch.MOPNR, dispatch.SPT, dispatch.ATC(dispatch.DefaultATCK), dispatch.EDD, dispatch.MS}

func errorsIsCtx(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
