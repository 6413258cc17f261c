package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/ga"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// campaignPlant is one plant size of the campaign: ORDERSxMACHINES:SCENARIOS.
type campaignPlant struct {
	orders, machines, scenarios int
}

func (c campaignPlant) String() string {
	return fmt.Sprintf("%d orders, %d machines", c.orders, c.machines)
}

// campaignRow is one scenario of the campaign.
type campaignRow struct {
	Plant     string                 `json:"plant"`
	PlantSeed uint64                 `json:"plant_seed"`
	Seed      uint64                 `json:"seed"`
	Now       string                 `json:"now"`
	Events    string                 `json:"events"`
	Outcomes  []plan.CampaignOutcome `json:"outcomes"`
}

// The policies of the campaign, in report order.
const (
	polRepair         = "repair"
	polStableDispatch = "stable-dispatch"
	polStableGA       = "stable-ga"
	polFullDispatch   = "full-dispatch"
	polFullGA         = "full-ga"
)

func cmdReplanCampaign(e *env, args []string) error {
	fs := newFlags(e, "replan-campaign", "[options]",
		`Runs the disruption campaign of the living plan: seeded scenarios on generated plants (as
'ordo gen plant --orders N --machines M --seed S'), each a realistic disruption set at some now
of the published plan (a busy machine breaks for 2 to 10 hours, operations started late,
receipts slip by 1 to 3 days, 1 to 3 rush orders arrive), answered by five policies:

  repair           the old sequences kept, only what the events push moves (plan.Repair)
  stable-dispatch  re-optimisation with stability: dispatch:best against the published plan
  stable-ga        re-optimisation with stability: the GA (--time) against the published plan,
                   the repair as hint
  full-dispatch    full reschedule by dispatch:best (history and running work kept)
  full-ga          full reschedule by the GA (--time)

Per scenario and policy it reports the objective (the plants' weighted tardiness), the
operations moved against the published plan, machine changes and the time, and checks
the targets: re-optimisation with stability within 2 % of a full reschedule's objective
while moving at most a fifth as many operations. The published plan is dispatch:best's.
Everything is seeded; the GA runs are bounded by --time (wall clock, so their figures
depend on the machine's load) unless --work gives a deterministic work limit.

Example (the campaign of docs/replanning.md, about 15 minutes on 2 cores):
  ordo replan-campaign --doc docs/replanning.md`)
	plants := fs.String("plants", "200x10:40,2000x50:10", "plant sizes and scenario counts, `ORDERSxMACHINES:SCENARIOS,...`")
	plantSeeds := fs.Int("plant-seeds", 4, "distinct plants (seeds 1..N) per size; scenario i uses plant seed 1+i%N")
	seed := fs.Uint64("seed", 1, "seed of the first scenario (scenario i: seed+i)")
	limit := fs.Duration("time", 5*time.Second, "time limit of each GA run")
	work := fs.Int64("work", 0, "work limit of each GA run (0: none; set it for reproducible figures)")
	pols := fs.String("policies", strings.Join([]string{polRepair, polStableDispatch, polStableGA, polFullDispatch, polFullGA}, ","), "policies, comma-separated")
	jobs := fs.Int("jobs", 0, "scenarios run in parallel (default: the number of cores)")
	shiftCost := fs.Float64("shift-cost", 0, "stability cost per tick a start moves (default 1 when --machine-cost is 0 too)")
	machineCost := fs.Float64("machine-cost", 0, "stability cost of a machine change (default 60 when --shift-cost is 0 too)")
	frozenFactor := fs.Float64("frozen-factor", 0, "stability cost multiplier inside the frozen horizon, until the end of now's day (default 100)")
	doc := fs.String("doc", "", "write the report as a Markdown page `FILE` (e.g. docs/replanning.md)")
	asJSON := fs.Bool("json", false, "print every scenario's outcomes as JSON instead of the summary")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("replan-campaign takes no arguments, got %d", len(pos))
	}
	sizes, err := parseCampaignPlants(*plants)
	if err != nil {
		return usageError{err.Error()}
	}
	if *plantSeeds < 1 || *limit < 0 || *work < 0 || *jobs < 0 || *shiftCost < 0 || *machineCost < 0 || *frozenFactor < 0 {
		return usagef("--plant-seeds must be positive; --time, --work, --jobs and the costs not negative")
	}
	stab := solver.Stability{Shift: *shiftCost, MachineChange: *machineCost, FrozenFactor: *frozenFactor}
	var policies []plan.CampaignPolicy
	for _, name := range strings.Split(*pols, ",") {
		name = strings.TrimSpace(name)
		gaSolver := ga.New(ga.Params{})
		best := &dispatch.Solver{Name: "dispatch:best", Best: true}
		switch name {
		case polRepair:
			policies = append(policies, plan.CampaignPolicy{Name: name})
		case polStableDispatch:
			policies = append(policies, plan.CampaignPolicy{Name: name, Solver: best, Stable: true, Stability: stab})
		case polStableGA:
			policies = append(policies, plan.CampaignPolicy{Name: name, Solver: gaSolver, Stable: true, Stability: stab, TimeLimit: *limit, WorkLimit: *work})
		case polFullDispatch:
			policies = append(policies, plan.CampaignPolicy{Name: name, Solver: best})
		case polFullGA:
			policies = append(policies, plan.CampaignPolicy{Name: name, Solver: gaSolver, TimeLimit: *limit, WorkLimit: *work, HintFrom: polFullDispatch})
		default:
			return usagef("unknown policy %q (want %s, %s, %s, %s or %s)", name, polRepair, polStableDispatch, polStableGA, polFullDispatch, polFullGA)
		}
	}
	if *jobs == 0 {
		*jobs = runtime.NumCPU()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	// The published plans, one per plant.
	type task struct {
		size      campaignPlant
		plantSeed uint64
		seed      uint64
	}
	type published struct {
		p *model.Problem
		s *schedule.Schedule
	}
	type pubOnce struct {
		once sync.Once
		pub  published
		err  error
	}
	plansOf := map[[3]uint64]*pubOnce{}
	var tasks []task
	for _, sz := range sizes {
		for i := 0; i < sz.scenarios; i++ {
			ps := uint64(1 + i%*plantSeeds)
			tasks = append(tasks, task{sz, ps, *seed + uint64(i)})
			if key := [3]uint64{uint64(sz.orders), uint64(sz.machines), ps}; plansOf[key] == nil {
				plansOf[key] = &pubOnce{}
			}
		}
	}
	publish := func(t task) (published, error) {
		po := plansOf[[3]uint64{uint64(t.size.orders), uint64(t.size.machines), t.plantSeed}]
		po.once.Do(func() {
			p := instance.GeneratePlant(instance.PlantConfig{Orders: t.size.orders, Machines: t.size.machines, Seed: t.plantSeed})
			r, err := dispatch.Best(ctx, p, solver.Options{Seed: 1})
			switch {
			case err != nil:
				po.err = err
			case r.Schedule == nil:
				po.err = fmt.Errorf("dispatch:best found no plan of the plant")
			default:
				po.pub = published{p, r.Schedule}
			}
		})
		return po.pub, po.err
	}
	rows := make([]campaignRow, len(tasks))
	errs := make([]error, len(tasks))
	var mu sync.Mutex
	next, done := 0, 0
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < min(*jobs, len(tasks)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(tasks) || ctx.Err() != nil {
					return
				}
				t := tasks[i]
				if pub, err := publish(t); err != nil {
					errs[i] = err
				} else {
					rows[i], errs[i] = runCampaignScenario(ctx, pub.p, pub.s, t.size, t.plantSeed, t.seed, policies)
				}
				mu.Lock()
				done++
				if e.stderrTTY {
					fmt.Fprintf(e.stderr, "\r%d/%d scenarios (%s)", done, len(tasks), time.Since(start).Round(time.Second))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if e.stderrTTY {
		fmt.Fprintln(e.stderr)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("scenario %d (%s, plant seed %d, seed %d): %w", i+1, tasks[i].size, tasks[i].plantSeed, tasks[i].seed, err)
		}
	}
	command := "ordo replan-campaign " + shellJoin(args)
	if *asJSON {
		return printJSON(e, rows)
	}
	if *doc != "" {
		var b strings.Builder
		writeCampaignDoc(&b, rows, sizes, command, time.Since(start), *jobs)
		if err := writeFileAtomic(*doc, []byte(b.String())); err != nil {
			return err
		}
	}
	writeCampaignSummary(e.stdout, rows, sizes)
	failed := 0
	for _, r := range rows {
		for _, o := range r.Outcomes {
			if o.Error != "" {
				failed++
			}
		}
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "ordo replan-campaign: %d policy run(s) gave no plan (see the report)\n", failed)
		return errSilent
	}
	return nil
}

// parseCampaignPlants parses ORDERSxMACHINES:SCENARIOS,...
func parseCampaignPlants(s string) ([]campaignPlant, error) {
	var out []campaignPlant
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		om, sc, ok1 := strings.Cut(f, ":")
		o, m, ok2 := strings.Cut(om, "x")
		no, err1 := strconv.Atoi(o)
		nm, err2 := strconv.Atoi(m)
		ns, err3 := strconv.Atoi(sc)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || err3 != nil || no < 1 || nm < 1 || ns < 1 {
			return nil, fmt.Errorf("bad --plants entry %q (want ORDERSxMACHINES:SCENARIOS, e.g. 200x10:40)", f)
		}
		out = append(out, campaignPlant{no, nm, ns})
	}
	return out, nil
}

func runCampaignScenario(ctx context.Context, p *model.Problem, s *schedule.Schedule, size campaignPlant, plantSeed, seed uint64, policies []plan.CampaignPolicy) (campaignRow, error) {
	row := campaignRow{Plant: size.String(), PlantSeed: plantSeed, Seed: seed}
	evs, err := plan.Scenario(p, s, plan.ScenarioConfig{Seed: seed})
	if err != nil {
		return row, err
	}
	row.Now = formatTick(p, evs.Now)
	row.Events = describeEvents(p, evs)
	row.Outcomes, err = plan.RunScenario(ctx, plan.New(p, s, 0), evs, policies)
	return row, err
}

// describeEvents summarises a scenario's events in a few words.
func describeEvents(p *model.Problem, evs *plan.Events) string {
	var parts []string
	count := map[plan.Type]int{}
	for _, ev := range evs.Events {
		count[ev.Type]++
		if ev.Type == plan.TypeBreakdown {
			parts = append(parts, fmt.Sprintf("%s down %s", ev.Machine, formatSpan(p, ev.End-ev.Start)))
		}
	}
	if n := count[plan.TypeStarted]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d late start(s)", n))
	}
	if n := count[plan.TypeReceiptChanged]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d late receipt(s)", n))
	}
	if n := count[plan.TypeOrderAdded]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d rush order(s)", n))
	}
	return strings.Join(parts, ", ")
}

// campaignStats are one policy's figures over the scenarios of a plant size.
type campaignStats struct {
	n, failed      int
	obj            float64
	moved, machine float64
	movedHour      float64
	elapsed        time.Duration
}

func campaignSummary(rows []campaignRow, plant string) (names []string, stats map[string]*campaignStats) {
	stats = map[string]*campaignStats{}
	for _, r := range rows {
		if r.Plant != plant {
			continue
		}
		for _, o := range r.Outcomes {
			st := stats[o.Policy]
			if st == nil {
				st = &campaignStats{}
				stats[o.Policy] = st
				names = append(names, o.Policy)
			}
			if o.Error != "" {
				st.failed++
				continue
			}
			st.n++
			st.obj += o.Objective
			st.moved += float64(o.Moved)
			st.machine += float64(o.MachineChanges)
			st.movedHour += float64(o.MovedHour)
			st.elapsed += o.Elapsed
		}
	}
	return names, stats
}

// targetCheck compares policy a (stable) with policy b (full) over the
// scenarios of plant where both gave a plan: the ratio of the total
// objectives, the scenarios within 2 %, and the ratio of moved operations.
type targetCheck struct {
	a, b          string
	n, within     int
	objA, objB    float64
	movA, movB    float64
	hourA, hourB  float64
	meetsObj, mov bool
	movHour       bool
}

func checkTarget(rows []campaignRow, plant, a, b string) (targetCheck, bool) {
	tc := targetCheck{a: a, b: b}
	for _, r := range rows {
		if r.Plant != plant {
			continue
		}
		var oa, ob *plan.CampaignOutcome
		for i := range r.Outcomes {
			o := &r.Outcomes[i]
			if o.Error != "" {
				continue
			}
			if o.Policy == a {
				oa = o
			}
			if o.Policy == b || (b == "full-best" && (o.Policy == polFullDispatch || o.Policy == polFullGA) && (ob == nil || o.Objective < ob.Objective)) {
				ob = o
			}
		}
		if oa == nil || ob == nil {
			continue
		}
		tc.n++
		tc.objA += oa.Objective
		tc.objB += ob.Objective
		tc.movA += float64(oa.Moved)
		tc.movB += float64(ob.Moved)
		tc.hourA += float64(oa.MovedHour)
		tc.hourB += float64(ob.MovedHour)
		if oa.Objective <= ob.Objective*1.02+1e-9 {
			tc.within++
		}
	}
	tc.meetsObj = tc.objA <= tc.objB*1.02+1e-9
	tc.mov = tc.movA*5 <= tc.movB
	tc.movHour = tc.hourA*5 <= tc.hourB
	return tc, tc.n > 0
}

func pct(a, b float64) string {
	if b == 0 {
		if a == 0 {
			return "+0.0 %"
		}
		return "n/a"
	}
	return fmt.Sprintf("%+.1f %%", 100*(a/b-1))
}

func ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", a/b)
}

func yesNo(ok bool) string {
	if ok {
		return "met"
	}
	return "missed"
}

func campaignTargets(rows []campaignRow, plant string) []targetCheck {
	var out []targetCheck
	for _, pair := range [][2]string{{polStableGA, polFullGA}, {polStableDispatch, polFullDispatch}, {polStableGA, "full-best"}, {polStableDispatch, "full-best"}} {
		if tc, ok := checkTarget(rows, plant, pair[0], pair[1]); ok {
			out = append(out, tc)
		}
	}
	return out
}

// writeCampaignSummary writes the per-size policy table and the target
// checks as aligned text.
func writeCampaignSummary(w io.Writer, rows []campaignRow, sizes []campaignPlant) {
	for _, sz := range sizes {
		names, stats := campaignSummary(rows, sz.String())
		fmt.Fprintf(w, "%s: %d scenario(s)\n", sz, sz.scenarios)
		tw := tabwriter.NewWriter(w, 2, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "POLICY\tMEAN OBJECTIVE\tMEAN MOVED\tMOVED > 1H\tMACHINE CHANGES\tMEAN TIME\tFAILED\t")
		for _, name := range names {
			st := stats[name]
			d := float64(max(st.n, 1))
			fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%.1f\t%.1f\t%s\t%d\t\n", name, st.obj/d, st.moved/d, st.movedHour/d, st.machine/d, (st.elapsed / time.Duration(max(st.n, 1))).Round(time.Millisecond), st.failed)
		}
		tw.Flush()
		for _, tc := range campaignTargets(rows, sz.String()) {
			fmt.Fprintf(w, "  %s vs %s: objective %s (%d/%d scenarios within 2 %%: %s), moved ratio %s (at most 0.2: %s), moved > 1 h ratio %s\n",
				tc.a, tc.b, pct(tc.objA, tc.objB), tc.within, tc.n, yesNo(tc.meetsObj), ratio(tc.movA, tc.movB), yesNo(tc.mov), ratio(tc.hourA, tc.hourB))
		}
		fmt.Fprintln(w)
	}
}

// writeCampaignDoc writes the Markdown report of the campaign.
func writeCampaignDoc(w io.Writer, rows []campaignRow, sizes []campaignPlant, command string, elapsed time.Duration, jobs int) {
	fmt.Fprintf(w, "# Replanning: the disruption campaign\n\n")
	fmt.Fprintf(w, "Generated by `%s` (%d scenarios, %d in parallel, %s on %s; do not edit by hand).\n\n",
		command, len(rows), jobs, elapsed.Round(time.Second), runtime.GOOS+"/"+runtime.GOARCH)
	fmt.Fprint(w, `Each scenario takes a generated plant (`+"`ordo gen plant --orders N --machines M --seed S`"+`),
its published plan (dispatch:best's), and a seeded disruption set at some now between 15 % and
50 % of the plan's makespan: one of the three busiest machines breaks at now for 2 to 10 hours,
up to three operations planned in the four hours before now started late (up to 2 hours),
up to two receipts after now slip by 1 to 3 days, and 1 to 3 rush orders (copies of random
orders, weight 5, due 1 to 3 days after now) arrive. The events are applied (plan.Apply:
history and running work fixed), then answered by each policy:

| policy | what it does |
|---|---|
| repair | the old sequence on every machine kept; only what the events push moves, new orders into the gaps (plan.Repair) |
| stable-dispatch | re-optimisation with stability: dispatch:best, every schedule scored as weighted tardiness plus the stability penalty against the published plan, the repair as hint |
| stable-ga | re-optimisation with stability: the GA, same score, the repair as hint |
| full-dispatch | full reschedule by dispatch:best (no reference; history and running work kept) |
| full-ga | full reschedule by the GA (no reference), started from full-dispatch's plan as hint (its time included) |

The stability penalty (solver.Stability) charges, per operation of the published plan, 1 per
minute its start moves and 60 for a machine change, 100 times more when the published plan
starts it before the end of now's day (the frozen horizon). *Objective* is the new plan's
weighted tardiness (without the penalty); *moved* counts the operations of the published plan
whose machine or start changed (late-started operations count for every policy), *moved > 1 h*
those that changed machine or start by more than an hour; *time* is
the wall-clock time of the policy (the repair included), on a machine shared with other work,
so times and the GA's time-bounded figures vary from run to run.

`)
	for _, sz := range sizes {
		names, stats := campaignSummary(rows, sz.String())
		fmt.Fprintf(w, "## %s (%d scenarios)\n\n", capitalize(sz.String()), sz.scenarios)
		fmt.Fprintln(w, "| policy | mean objective | vs full-dispatch | vs full-ga | mean moved | moved > 1 h | machine changes | mean time | failed |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
		fd, fg := stats[polFullDispatch], stats[polFullGA]
		for _, name := range names {
			st := stats[name]
			d := float64(max(st.n, 1))
			vsD, vsG := "", ""
			if fd != nil {
				vsD = pct(st.obj, fd.obj)
			}
			if fg != nil {
				vsG = pct(st.obj, fg.obj)
			}
			fmt.Fprintf(w, "| %s | %.0f | %s | %s | %.1f | %.1f | %.1f | %s | %d |\n", name, st.obj/d, vsD, vsG, st.moved/d, st.movedHour/d, st.machine/d,
				(st.elapsed / time.Duration(max(st.n, 1))).Round(time.Millisecond), st.failed)
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Target: re-optimisation with stability within 2 % of a full reschedule's objective (total over the scenarios) while moving at most a fifth as many operations (full-best: the better full reschedule of each scenario).")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| stable | full | objective | scenarios within 2 % | objective target | moved ratio | moves target | moved > 1 h ratio |")
		fmt.Fprintln(w, "|---|---|---:|---:|---|---:|---|---:|")
		for _, tc := range campaignTargets(rows, sz.String()) {
			fmt.Fprintf(w, "| %s | %s | %s | %d/%d | %s | %s | %s | %s |\n", tc.a, tc.b, pct(tc.objA, tc.objB), tc.within, tc.n, yesNo(tc.meetsObj), ratio(tc.movA, tc.movB), yesNo(tc.mov), ratio(tc.hourA, tc.hourB))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "## Every scenario\n\nObjective / operations moved per policy.\n\n")
	if len(rows) == 0 {
		return
	}
	var names []string
	for _, o := range rows[0].Outcomes {
		names = append(names, o.Policy)
	}
	fmt.Fprintf(w, "| plant | plant seed | seed | now | events | %s |\n", strings.Join(names, " | "))
	fmt.Fprintf(w, "|---|---:|---:|---|---|%s\n", strings.Repeat("---:|", len(names)))
	for _, r := range rows {
		cells := make([]string, len(r.Outcomes))
		for i, o := range r.Outcomes {
			if o.Error != "" {
				cells[i] = "failed: " + strings.Join(strings.Fields(strings.ReplaceAll(o.Error, "|", "/")), " ")
			} else {
				cells[i] = fmt.Sprintf("%.0f / %d", o.Objective, o.Moved)
			}
		}
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s | %s |\n", r.Plant, r.PlantSeed, r.Seed, r.Now, r.Events, strings.Join(cells, " | "))
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
