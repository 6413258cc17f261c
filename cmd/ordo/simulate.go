package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

// simulateRow is one policy's figures averaged over the runs.
type simulateRow struct {
	Policy            plan.Policy  `json:"policy"`
	Every             plan.Cadence `json:"every"`
	Runs              int          `json:"runs"`
	WeightedTardiness float64      `json:"weighted_tardiness"`
	LateOrders        float64      `json:"late_orders"`
	Replans           float64      `json:"replans"`
	MovedPerReplan    float64      `json:"moved_per_replan"`
	MeanShift         float64      `json:"mean_shift"`
	MachineChanges    float64      `json:"machine_changes"`
	ReplanMS          float64      `json:"replan_ms_per_replan"`
	Fallbacks         int          `json:"fallbacks"`
}

func cmdSimulate(e *env, args []string) error {
	fs := newFlags(e, "simulate", "[options] [PROBLEM]",
		"Runs the plan of PROBLEM (default: the example plant) forward under seeded disruptions\n"+
			"(breakdowns, varying durations, late receipts, rush orders), replanning by each policy:\n"+
			"  repair    the right shift: sequences kept, what the events push moves right, new orders\n"+
			"            into the gaps (aliases: right-shift, none)\n"+
			"  optimize  repair, then re-optimise with stability against the plan (--optimizer)\n"+
			"  full      reschedule from scratch (--optimizer), history and running work kept\n"+
			"at every event (--every event) or at the start of every shift of the machines' calendars\n"+
			"(--every shift: events accumulate until the next shift start, late receipts are announced\n"+
			"at the shift start before their date, breakdowns are answered at once), or both.\n"+
			"Prints, per cadence and policy and averaged over --runs seeds, the realised weighted\n"+
			"tardiness and late orders, the plan's nervousness (operations moved per replan, mean shift)\n"+
			"and the replanning time; --doc also writes the table and the command as a Markdown page.\n\n"+
			"Example (docs/simulation.md: 20 seeded weeks of the example plant with breakdowns):\n"+
			"  ordo simulate --runs 20 --horizon 168h --every event,shift --work 200000 --doc docs/simulation.md\n\n"+
			"PROBLEM may be - (problem JSON on standard input).\n"+
			fmt.Sprintf("--runs is at most %d and --rush at most %d; negative durations and --work are refused.", maxRuns, maxRush))
	initial := fs.String("solver", "dispatch", "solver of the initial plan")
	optimizer := fs.String("optimizer", "dispatch:best", "solver of the optimize and full policies")
	policies := fs.String("policies", "repair,optimize,full", "policies, comma-separated")
	seed := fs.Uint64("seed", 1, "seed of the first run")
	runs := fs.Int("runs", 1, "number of runs (seeds seed, seed+1, ...)")
	horizon := fs.Duration("horizon", 0, "time over which disruptions happen (default: the initial plan's makespan)")
	mtbf := fs.Duration("mtbf", 40*time.Hour, "mean time between failures of each machine (0: no breakdowns)")
	mttr := fs.Duration("mttr", 4*time.Hour, "mean time to repair")
	noise := fs.Float64("noise", 0.1, "real durations vary uniformly by this share around the planned ones")
	late := fs.Float64("late-receipts", 0.2, "probability that a receipt arrives late")
	delay := fs.Duration("max-delay", 48*time.Hour, "largest delay of a late receipt")
	rush := fs.Int("rush", 2, "rush orders per run")
	slack := fs.Duration("rush-slack", 48*time.Hour, "time a rush order is due after it arrives")
	work := fs.Int64("work", 0, "work limit of each optimizer call (0: its default)")
	frozen := fs.Duration("frozen", 0, "frozen horizon of the optimize policy (default: until the end of the day)")
	asJSON := fs.Bool("json", false, "print the table as JSON")
	format := fs.String("format", "", "input format of PROBLEM: json, jsp, taillard or fjs (default: from the extension)")
	every := fs.String("every", "event", "when to replan: event, shift, or both comma-separated")
	doc := fs.String("doc", "", "also write the table and the command as a Markdown page `FILE`")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("want at most one problem file, got %d", len(pos))
	}
	if err := checkCount("runs", *runs, 1, maxRuns); err != nil {
		return err
	}
	if err := checkCount("rush", *rush, 0, maxRush); err != nil {
		return err
	}
	if err := checkWork("work", *work); err != nil {
		return err
	}
	if *runs < 1 || *noise < 0 || *noise >= 1 || *late < 0 || *late > 1 || *rush < 0 || *mtbf < 0 || *mttr < 0 || *delay < 0 || *slack < 0 || *horizon < 0 || *frozen < 0 {
		return usagef("--runs must be positive, --noise in [0, 1), --late-receipts in [0, 1], durations and --rush not negative")
	}
	var pols []plan.Policy
	for _, s := range strings.Split(*policies, ",") {
		pol, err := plan.ParsePolicy(strings.TrimSpace(s))
		if err != nil {
			return usageError{err.Error()}
		}
		pols = append(pols, pol)
	}
	var cadences []plan.Cadence
	for _, s := range strings.Split(*every, ",") {
		c := plan.Cadence(strings.TrimSpace(s))
		if c != plan.EveryEvent && c != plan.EveryShift {
			return usagef("unknown --every %q (want event or shift)", s)
		}
		cadences = append(cadences, c)
	}
	first, err := solvers.Get(*initial)
	if err != nil {
		return usageError{err.Error()}
	}
	opt, err := solvers.Get(*optimizer)
	if err != nil {
		return usageError{err.Error()}
	}
	file := ""
	if len(pos) == 1 {
		file = pos[0]
	}
	p, err := loadProblem(e, file, *format)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := first.Solve(ctx, p, solver.Options{Seed: *seed})
	if err != nil {
		return err
	}
	if res.Schedule == nil {
		return fmt.Errorf("%s found no initial plan", *initial)
	}
	ticks := func(d time.Duration) int64 { return int64(d / p.TickLength()) }
	rows := make([]simulateRow, len(pols)*len(cadences))
	for r := 0; r < *runs; r++ {
		for ci, c := range cadences {
			cfg := plan.SimConfig{Seed: *seed + uint64(r), Horizon: ticks(*horizon), MTBF: float64(ticks(*mtbf)), MTTR: float64(ticks(*mttr)),
				DurationNoise: *noise, LateReceipts: *late, MaxReceiptDelay: ticks(*delay), RushOrders: *rush, RushSlack: ticks(*slack),
				Optimizer: opt, WorkLimit: *work, FrozenSpan: ticks(*frozen), Every: c}
			out, err := plan.Simulate(ctx, p, res.Schedule, cfg, pols)
			if err != nil {
				return err
			}
			for i, o := range out {
				row := &rows[ci*len(pols)+i]
				row.Policy, row.Every = o.Policy, o.Every
				row.Runs++
				row.WeightedTardiness += o.WeightedTardiness
				row.LateOrders += float64(o.LateOrders)
				row.Replans += float64(o.Replans)
				row.MovedPerReplan += o.MovedPerReplan
				row.MeanShift += o.MeanShift
				row.MachineChanges += float64(o.MachineChanges)
				if o.Replans > 0 {
					row.ReplanMS += float64(o.ReplanTime.Microseconds()) / 1000 / float64(o.Replans)
				}
				row.Fallbacks += o.Fallbacks
			}
		}
	}
	for i := range rows {
		n := float64(rows[i].Runs)
		rows[i].WeightedTardiness /= n
		rows[i].LateOrders /= n
		rows[i].Replans /= n
		rows[i].MovedPerReplan /= n
		rows[i].MeanShift /= n
		rows[i].MachineChanges /= n
		rows[i].ReplanMS /= n
	}
	if *asJSON {
		return printJSON(e, rows)
	}
	head := fmt.Sprintf("%s: %d run(s), initial plan by %s (weighted tardiness %s), optimizer %s",
		displayName(file), *runs, *initial, formatFloat(res.Objective), *optimizer)
	if *doc != "" {
		if err := writeSimulationDoc(*doc, p, rows, head, "ordo simulate "+shellJoin(args)); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, head)
	tw := tabwriter.NewWriter(e.stdout, 2, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "REPLAN AT\tPOLICY\tWEIGHTED TARDINESS\tLATE ORDERS\tREPLANS\tMOVED/REPLAN\tMEAN SHIFT\tMACHINE CHANGES\tMS/REPLAN\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.1f\t%.1f\t%.1f\t%s\t%.1f\t%.2f\t\n", r.Every, r.Policy, r.WeightedTardiness, r.LateOrders, r.Replans,
			r.MovedPerReplan, formatSpan(p, int64(r.MeanShift)), r.MachineChanges, r.ReplanMS)
	}
	return tw.Flush()
}

// writeSimulationDoc writes the policy table of a simulation as a
// Markdown page, with the command that produced it.
func writeSimulationDoc(path string, p *model.Problem, rows []simulateRow, head, command string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Simulation: replanning policies on a shop floor that moves\n\n")
	fmt.Fprintf(&b, "Generated by `%s` (do not edit by hand).\n\n", command)
	fmt.Fprintf(&b, "%s.\n\n", head)
	b.WriteString(`Each run plays the initial plan forward on a simulated shop floor: machines break down
(exponential times between failures and to repair), real durations vary around the planned
ones, receipts arrive late and rush orders arrive, all drawn from the run's seed, the same for
every policy. The floor starts each operation at its planned start or, when its predecessor or
the operation before it on the machine ends late, as soon as they end. Each policy replans at
every event (*event*) or at the start of every shift of the machines' calendars (*shift*:
events accumulate until the next shift start, late receipts are announced at the shift start
before their date, breakdowns are answered at once):

- **repair** is the right shift: the sequences kept, nothing re-sequenced, nothing pulled
  earlier; what the events push moves right, new orders go into the earliest gaps
  (` + "`--policies right-shift`" + ` and ` + "`none`" + ` are its aliases: without replanning the floor would
  right-shift the plan itself);
- **optimize** repairs, then re-optimises with stability against the current plan;
- **full** reschedules from scratch, history and running work kept.

Figures are means over the runs: weighted tardiness and late orders are realised (what the
floor did); moved/replan counts the operations a replan moved (machine or start changed),
mean shift how far a moved operation's start moved; ms/replan is wall-clock time on a shared
machine.

| replan at | policy | weighted tardiness | late orders | replans | moved/replan | mean shift | machine changes | ms/replan |
|---|---|---:|---:|---:|---:|---:|---:|---:|
`)
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %.0f | %.1f | %.1f | %.1f | %s | %.1f | %.2f |\n", r.Every, r.Policy, r.WeightedTardiness, r.LateOrders, r.Replans,
			r.MovedPerReplan, formatSpan(p, int64(r.MeanShift)), r.MachineChanges, r.ReplanMS)
	}
	return writeFileAtomic(path, []byte(b.String()))
}

func formatFloat(v float64) string { return fmt.Sprintf("%.0f", v) }
