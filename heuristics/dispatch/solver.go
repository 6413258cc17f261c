package dispatch

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// Solver is the dispatching-rule solver: "dispatch" (the default rule for
// the objective), "dispatch:<rule>" and "dispatch:best", as the registry
// facade (package solvers) names them. It supports every model feature
// and every objective.
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
	"jit":  {"ms", "edd", "atc", "cr"},
}

// Spec returns what the solver is and accepts: every model feature and
// every objective.
func (d *Solver) Spec() solver.Spec {
	name := d.name()
	desc := "dispatching rule suited to the objective (mwkr for makespan, atc for weighted tardiness, ...), non-delay scheme"
	switch {
	case d.Best:
		desc = "every dispatching rule with the non-delay, active and serial schemes; keeps the best schedule for the objective"
	case strings.HasPrefix(name, "dispatch:"):
		rule := strings.TrimPrefix(name, "dispatch:")
		for _, r := range Rules() {
			if r.Name == rule {
				desc = "dispatching rule " + r.Name + " (" + r.Description + "), non-delay scheme"
			}
		}
	}
	return solver.Spec{Name: name, Description: desc, Features: model.AllFeatures, Stability: true}
}

func (d *Solver) name() string {
	if d.Name == "" {
		return "dispatch"
	}
	return d.Name
}

// Best returns the best schedule of dispatch:best for p: every built-in
// rule with every scheme (Configs), the best for opts' objective kept.
// opts.WorkLimit (placements), TimeLimit and ctx stop it early with the
// best schedule so far. It is the start of the improvement heuristics.
func Best(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	return (&Solver{Name: "dispatch:best", Best: true}).Solve(ctx, p, opts)
}

// WithRule returns the schedule of rule (nil: the default rule for opts'
// objective, see DefaultRuleName) with the non-delay scheme, as the
// solver "dispatch:<rule>" builds it for a built-in rule.
func WithRule(ctx context.Context, p *model.Problem, rule Rule, opts solver.Options) (*solver.Result, error) {
	return (&Solver{Name: "dispatch", Config: Config{Rule: rule}}).Solve(ctx, p, opts)
}

// Solve builds the schedule(s) and returns the best, through the solve
// pipeline (solver.Run). An invalid problem is an error; so is a problem
// no configuration could schedule (a *PlacementError says which operation
// and why) when there is no feasible hint either.
func (d *Solver) Solve(ctx context.Context, p *model.Problem, opts solver.Options) (*solver.Result, error) {
	return solver.Run(ctx, p, opts, d.Spec(), d.solve)
}

func (d *Solver) solve(run *solver.Incumbent) error {
	ctx, p, obj, opts := run.Ctx, run.Problem, run.Objective, run.Options
	b, err := NewBuilder(p)
	if err != nil {
		return fmt.Errorf("%s: %w", d.name(), err)
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
		found   bool
		lastErr error
	)
	// The builds with the least weighted tardiness and their
	// configurations: the references of the guarded just-in-time builds.
	var refs []tardBuild
	jit := wantsRightShift(obj)
	wt := model.Single(model.WeightedTardiness)
	offer := func(s *schedule.Schedule, val float64, ci int) {
		found = true
		if jit && ci >= 0 {
			refs = keepLeastTardy(refs, tardBuild{s, configs[ci], schedule.Evaluate(p, s, wt)})
		}
		run.Offer(s, val)
		if jit {
			if r := RightShift(p, s); r != s {
				run.Offer(r, opts.Score(p, r, obj))
			}
			if wantsCost(obj) {
				if r := RightShiftCost(p, s); r != s {
					run.Offer(r, opts.Score(p, r, obj))
				}
			}
		}
	}
	// guard runs the guarded just-in-time builds from the plans of least
	// weighted tardiness (only the least tardy one for objectives with a
	// cost term), once every configuration has been built, and
	// finishes the run (or reports the work limit); a cancelled run is
	// left to Run (Deadline or Canceled).
	guard := func(ctx context.Context) {
		if jit && d.Best {
			spend := func(w int64) bool {
				run.Work += w
				run.Iterations++
				return opts.WorkLimit <= 0 || run.Work < opts.WorkLimit
			}
			for n, r := range refs {
				if n > 0 && wantsCost(obj) {
					break // pricing every plan is slow: the least tardy only
				}
				if !guardedBuilds(ctx, p, r.cfg, r.s, func(s *schedule.Schedule) { offer(s, opts.Score(p, s, obj), -1) }, spend) {
					if ctx.Err() == nil {
						run.WorkLimitReached()
					}
					return
				}
			}
		}
		run.Finish()
	}
	if jit && ctx.Err() == nil {
		// just in time first (cheap, and what these objectives need
		// most): the first configuration, ATC and JIT on releases delayed
		// towards the due dates (offer right-shifts them)
		for _, cfg := range jitConfigs(configs[0]) {
			jitBuilds(ctx, p, cfg, func(s *schedule.Schedule) { offer(s, opts.Score(p, s, obj), -1) })
		}
	}
	workers := max(opts.Workers, 1)
	if !d.Best || workers == 1 || len(configs) == 1 {
		done := true
		for ci, cfg := range configs {
			if opts.WorkLimit > 0 && run.Work >= opts.WorkLimit && found {
				run.WorkLimitReached()
				done = false
				break
			}
			err := b.Run(ctx, cfg)
			run.Work += b.Work()
			run.Iterations++
			if err != nil {
				if ctx.Err() != nil {
					return nil //nolint:nilerr // a cancelled build is a stop, not an error: Run reports Deadline or Canceled
				}
				lastErr = err
				continue
			}
			s := b.Schedule()
			offer(s, opts.Score(p, s, obj), ci)
		}
		if done {
			guard(ctx)
		}
	} else {
		d.parallel(ctx, b, configs, workers, p, obj, opts, run, offer, &lastErr)
		if ctx.Err() != nil && run.Iterations < int64(len(configs)) {
			return nil // Run: Deadline or Canceled
		}
		if run.Iterations == int64(len(configs)) {
			guard(ctx)
		}
	}
	if s, _ := run.Best(); s == nil && lastErr != nil && ctx.Err() == nil {
		return lastErr
	}
	return nil
}

// parallel runs the configurations on several goroutines; results are
// offered in configuration order, so the outcome does not depend on the
// number of workers.
func (d *Solver) parallel(ctx context.Context, b *Builder, configs []Config, workers int, p *model.Problem, obj model.Objective,
	opts solver.Options, run *solver.Incumbent, offer func(*schedule.Schedule, float64, int), lastErr *error) {
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
		run.Work += o.work
		if !o.done {
			continue
		}
		run.Iterations++
		if o.err != nil {
			*lastErr = o.err
			continue
		}
		offer(o.s, o.val, i)
	}
	if opts.WorkLimit > 0 && work >= opts.WorkLimit && run.Iterations < int64(len(configs)) {
		run.WorkLimitReached()
	}
}
