package dispatch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

func init() {
	solver.Register(solver.Info{
		Name:        "dispatch",
		Description: "dispatching rule suited to the objective (mwkr for makespan, atc for weighted tardiness, ...), non-delay scheme",
		Features:    model.AllFeatures,
		New:         func() solver.Solver { return &Solver{Name: "dispatch"} },
	})
	for _, r := range Rules() {
		rule := r.Rule
		name := "dispatch:" + r.Name
		solver.Register(solver.Info{
			Name:        name,
			Description: "dispatching rule " + r.Name + " (" + r.Description + "), non-delay scheme",
			Features:    model.AllFeatures,
			New:         func() solver.Solver { return &Solver{Name: name, Config: Config{Rule: rule}} },
		})
	}
	solver.Register(solver.Info{
		Name:        "dispatch:best",
		Description: "every dispatching rule with the non-delay, active and serial schemes; keeps the best schedule for the objective",
		Features:    model.AllFeatures,
		New:         func() solver.Solver { return &Solver{Name: "dispatch:best", Best: true} },
	})
}

// Solver is the dispatching-rule solver of the registry: "dispatch" (the
// default rule for the objective), "dispatch:<rule>" and "dispatch:best".
// It supports every model feature and every objective.
type Solver struct {
	// Name is reported in results ("dispatch" when empty).
	Name string
	// Config is the build configuration; its Objective and Seed are taken
	// from the solve options.
	Config Config
	// Best builds a schedule with every built-in rule and each of the
	// schemes non-delay, active, active with insertion and serial with
	// insertion, and keeps the best for the objective (ties: the first).
	// Options.WorkLimit (placements evaluated), TimeLimit and ctx stop it
	// early with the best schedule so far; Options.Workers > 1 runs the
	// builds in parallel with the same result.
	Best bool
}

// Configs returns the configurations dispatch:best tries on p, in order,
// for objective obj and seed. The rules that look at setups (ATCS) are
// left out when no machine of p has a setup matrix: without setups they
// are ATC rules (with their own look-ahead parameter).
func Configs(p *model.Problem, obj model.Objective, seed uint64) []Config {
	var out []Config
	def := DefaultRuleName(obj)
	setups := false
	for i := range p.Machines {
		setups = setups || p.Machines[i].SetupMatrix != ""
	}
	type nr struct {
		name string
		rule Rule
	}
	all := []nr{}
	for _, r := range Rules() {
		all = append(all, nr{r.Name, r.Rule})
	}
	all = append(all, nr{"atc(k=1)", ATC(1)}, nr{"atc(k=4)", ATC(4)},
		nr{"atcs(k1=8)", ATCS(8, DefaultATCSK2)}, nr{"atcs(k2=0.25)", ATCS(DefaultATCK, 0.25)})
	if !setups {
		all = slices.DeleteFunc(all, func(r nr) bool { return strings.HasPrefix(r.name, "atcs") })
	}
	// The default rule and its kin first, so that a run stopped early
	// (work or time limit) has tried the rules most likely to win: the
	// kin with the non-delay and active schemes, then the other rules
	// with them, then every rule with the serial scheme (with insertion
	// it is the slowest, seconds per build on plants of 20,000
	// operations, and rarely the best).
	var kinRules, rest []nr
	taken := map[string]bool{}
	for _, name := range append([]string{def}, kin[def]...) {
		for _, r := range all {
			if r.name == name && !taken[name] {
				kinRules = append(kinRules, r)
				taken[name] = true
			}
		}
	}
	for _, r := range all {
		if !taken[r.name] {
			rest = append(rest, r)
		}
	}
	fast := []Config{
		{Scheme: NonDelay},
		{Scheme: Active},
		{Scheme: Active, Insertion: true},
	}
	serial := []Config{{Scheme: Serial, Insertion: true}}
	add := func(rules []nr, schemes []Config) {
		for _, r := range rules {
			for _, sc := range schemes {
				cfg := sc
				cfg.Rule = r.rule
				cfg.Objective = obj
				cfg.Seed = seed
				out = append(out, cfg)
			}
		}
	}
	add(kinRules, fast)
	add(rest, fast)
	add(append(kinRules, rest...), serial)
	return out
}

// kin lists, for each default rule, the rules that suit the same
// objectives, tried right after it.
var kin = map[string][]string{
	"atc":  {"atc(k=4)", "atcs(k1=8)", "atcs", "atc(k=1)", "wspt", "covert", "atcs(k2=0.25)"},
	"edd":  {"ms", "cr", "atc"},
	"ms":   {"edd", "cr", "atc"},
	"spt":  {"wspt", "lwkr"},
	"mwkr": {"mopnr", "lpt"},
}

// Solve builds the schedule(s) and returns the best. An invalid problem
// is an error; so is a problem no configuration could schedule (a
// *PlacementError says which operation and why). With Options.Reference,
// best means the lowest Options.Score (objective plus stability penalty),
// the hint included.
func (d *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	start := time.Now()
	name := d.Name
	if name == "" {
		name = "dispatch"
	}
	if p == nil {
		return nil, fmt.Errorf("%s: no problem", name)
	}
	if iss := p.Validate(); iss != nil {
		return nil, fmt.Errorf("%s: invalid problem: %w", name, iss)
	}
	obj := opts.EffectiveObjective(p)
	if opts.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.TimeLimit)
		defer cancel()
	}
	res := &solver.Result{Solver: name, Status: solver.Unknown, Bound: math.NaN()}
	stop := func(err error) solver.Stop {
		if errors.Is(err, context.DeadlineExceeded) {
			return solver.Deadline
		}
		return solver.Canceled
	}
	if err := ctx.Err(); err != nil {
		res.Stop = stop(err)
		res.Stats.Elapsed = time.Since(start)
		return d.withHint(p, obj, res, opts, start), nil
	}
	b, err := NewBuilder(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var configs []Config
	if d.Best {
		configs = Configs(p, obj, opts.Seed)
	} else {
		cfg := d.Config
		cfg.Objective = obj
		cfg.Seed = opts.Seed
		configs = []Config{cfg}
	}

	var (
		best    *schedule.Schedule
		bestVal float64
		lastErr error
	)
	offer := func(s *schedule.Schedule, val float64) {
		if best == nil || val < bestVal {
			best, bestVal = s, val
			res.Stats.TimeToBest = time.Since(start)
			if opts.OnProgress != nil {
				opts.OnProgress(solver.Progress{Elapsed: res.Stats.TimeToBest, Work: res.Stats.Work, Objective: val, Bound: math.NaN()})
			}
		}
	}
	workers := max(opts.Workers, 1)
	if !d.Best || workers == 1 || len(configs) == 1 {
		for _, cfg := range configs {
			if opts.WorkLimit > 0 && res.Stats.Work >= opts.WorkLimit && best != nil {
				res.Stop = solver.WorkLimit
				break
			}
			err := b.Run(ctx, cfg)
			res.Stats.Work += b.Work()
			res.Stats.Iterations++
			if err != nil {
				if ctx.Err() != nil {
					res.Stop = stop(ctx.Err())
					break
				}
				lastErr = err
				continue
			}
			s := b.Schedule()
			offer(s, opts.Score(p, s, obj))
		}
	} else {
		d.parallel(ctx, b, configs, workers, p, obj, opts, res, offer, &lastErr)
		if ctx.Err() != nil && res.Stats.Iterations < int64(len(configs)) {
			res.Stop = stop(ctx.Err())
		}
	}
	res.Schedule = best
	if best != nil {
		res.Status = solver.Feasible
		res.Objective = bestVal
	}
	res = d.withHint(p, obj, res, opts, start)
	res.Stats.Elapsed = time.Since(start)
	if res.Schedule == nil && lastErr != nil && ctx.Err() == nil {
		return nil, lastErr
	}
	return res, nil
}

// parallel runs the configurations on several goroutines; results are
// offered in configuration order, so the outcome does not depend on the
// number of workers.
func (d *Solver) parallel(ctx context.Context, b *Builder, configs []Config, workers int, p *model.Problem, obj model.Objective,
	opts solver.Options, res *solver.Result, offer func(*schedule.Schedule, float64), lastErr *error) {
	type out struct {
		s    *schedule.Schedule
		val  float64
		err  error
		work int64
		done bool
	}
	outs := make([]out, len(configs))
	var mu sync.Mutex
	var next int
	var work int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(configs)); w++ {
		wb := b
		if w > 0 {
			wb = b.Clone()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				if i >= len(configs) || ctx.Err() != nil || (opts.WorkLimit > 0 && work >= opts.WorkLimit) {
					mu.Unlock()
					return
				}
				next++
				mu.Unlock()
				err := wb.Run(ctx, configs[i])
				o := out{err: err, work: wb.Work(), done: err == nil || ctx.Err() == nil}
				if err == nil {
					o.s = wb.Schedule()
					o.val = opts.Score(p, o.s, obj)
				}
				mu.Lock()
				outs[i] = o
				work += o.work
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for i := range outs {
		o := &outs[i]
		res.Stats.Work += o.work
		if !o.done {
			continue
		}
		res.Stats.Iterations++
		if o.err != nil {
			*lastErr = o.err
			continue
		}
		offer(o.s, o.val)
	}
	if opts.WorkLimit > 0 && work >= opts.WorkLimit && res.Stats.Iterations < int64(len(configs)) {
		res.Stop = solver.WorkLimit
	}
}

// withHint returns the hint instead of the result when the hint is
// feasible and better (or when there is no result).
func (d *Solver) withHint(p *model.Problem, obj model.Objective, res *solver.Result, opts solver.Options, start time.Time) *solver.Result {
	if opts.Hint == nil || len(schedule.Check(p, opts.Hint)) > 0 {
		return res
	}
	v := opts.Score(p, opts.Hint, obj)
	if res.Schedule == nil || v < res.Objective {
		res.Schedule = opts.Hint.Clone()
		res.Objective = v
		res.Status = solver.Feasible
		res.Stats.TimeToBest = time.Since(start)
	}
	return res
}
