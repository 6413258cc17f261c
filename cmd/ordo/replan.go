package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

// replanOutput is the JSON that 'ordo replan --json' prints.
type replanOutput struct {
	Now       int64      `json:"now"`
	NowTime   string     `json:"now_time,omitempty"`
	Mode      string     `json:"mode"`
	ElapsedMS int64      `json:"elapsed_ms"`
	Diff      *plan.Diff `json:"diff"`
}

func cmdReplan(e *env, args []string) error {
	fs := newFlags(e, "replan", "[options] PROBLEM PLAN EVENTS",
		"Applies the shop-floor events in EVENTS (JSON: {\"now\": T, \"events\": [...]}) to the plan PLAN\n"+
			"(a result JSON of 'ordo solve') of problem PROBLEM, and repairs it: history and running work\n"+
			"stay, the old sequence on every machine is kept, only what the events touch or push moves.\n"+
			"Prints what changed. The new plan and the new problem pass 'ordo check NEWPROBLEM NEWPLAN'.\n"+
			"With --optimize, a solver then re-optimises the repaired plan against the old one: moves cost\n"+
			"--shift-cost per tick and --machine-cost per machine change, --frozen-factor times more when\n"+
			"the old plan started the operation inside the frozen horizon (--frozen after now).\n"+
			"Invalid events: exit 1 with their location, and no file is written.\n\n"+
			"One of PROBLEM, PLAN and EVENTS may be - (JSON on standard input).\n"+
			"--time 0 means no time limit for --optimize, --work 0 none; negative values are refused.")
	out := fs.String("out", "", "write the new plan (result JSON) to this file")
	problemOut := fs.String("problem-out", "", "write the new problem (problem JSON) to this file")
	asJSON := fs.Bool("json", false, "print the diff as JSON instead of text")
	format := fs.String("format", "", "input format of PROBLEM: json, jsp, taillard or fjs (default: from the extension)")
	optimize := fs.Bool("optimize", false, "re-optimise after the repair, trading the objective against stability")
	solverName := fs.String("solver", "ga", "solver of --optimize (one that takes the old plan as a reference: ga, dispatch, dispatch:best, ...)")
	limit := fs.Duration("time", 5*time.Second, "time limit of --optimize (0: no limit)")
	work := fs.Int64("work", 0, "deterministic work limit of --optimize (0: none)")
	seed := fs.Uint64("seed", 1, "random seed of --optimize")
	frozen := fs.Duration("frozen", 0, "frozen horizon after now, where moves cost --frozen-factor times more (default: until the end of now's day)")
	shiftCost := fs.Float64("shift-cost", 0, "stability cost per tick an operation's start moves (default 1 when --machine-cost is 0 too)")
	machineCost := fs.Float64("machine-cost", 0, "stability cost of an operation changing machine (default 60 when --shift-cost is 0 too)")
	frozenFactor := fs.Float64("frozen-factor", 0, "cost multiplier inside the frozen horizon (default 100)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return usagef("want PROBLEM, PLAN and EVENTS, got %d argument(s)", len(pos))
	}
	var slv solver.Solver
	if *optimize {
		if slv, err = solvers.Get(*solverName); err != nil {
			return usageError{err.Error()}
		}
	}
	if err := checkDuration("time", *limit); err != nil {
		return err
	}
	if err := checkWork("work", *work); err != nil {
		return err
	}
	if *frozen < 0 || *shiftCost < 0 || *machineCost < 0 || *frozenFactor < 0 {
		return usagef("--frozen, --shift-cost, --machine-cost and --frozen-factor must not be negative")
	}
	if err := oneStdin(pos...); err != nil {
		return err
	}
	p, s, err := readPlan(e, pos[0], pos[1], *format)
	if err != nil {
		return err
	}
	if vs := schedule.Check(p, s); len(vs) > 0 {
		return fmt.Errorf("%s: the plan is not a feasible schedule of %s (%d violation(s)), first: %w", pos[1], pos[0], len(vs), vs[0])
	}
	evData, err := readInput(e, pos[2])
	if err != nil {
		return err
	}
	start := time.Now()
	evs, err := plan.ParseEvents(p, evData)
	if err != nil {
		return locatedIn(pos[2], err)
	}
	old := plan.New(p, s, plan.DefaultNow(p))
	np, err := plan.Apply(old, evs)
	if err != nil {
		var is model.Issues
		if errors.As(err, &is) {
			model.Locate(evData, is)
		}
		return locatedIn(pos[2], err)
	}
	ref := np.Schedule
	repaired, err := plan.Repair(np)
	if err != nil {
		return err
	}
	np.Schedule = repaired
	mode, name := "repair", "repair"
	if *optimize {
		st := solver.Stability{Shift: *shiftCost, MachineChange: *machineCost, FrozenFactor: *frozenFactor}
		if *frozen > 0 {
			st.FrozenEnd = np.Now + int64(*frozen/np.Problem.TickLength())
			if np.Problem.Epoch.IsZero() {
				st.FrozenEnd = np.Now + int64(*frozen/time.Minute)
			}
		} else {
			st.FrozenEnd = plan.DefaultFrozenEnd(np.Problem, np.Now)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		opts := solver.Options{TimeLimit: *limit, WorkLimit: *work, Seed: *seed, Reference: ref, Hint: repaired, Stability: st}
		rp, res, err := plan.Reoptimize(ctx, np, slv, opts)
		if err != nil {
			return err
		}
		np = rp
		mode, name = "optimize", res.Solver
		if name == "" {
			name = *solverName
		}
	}
	elapsed := time.Since(start)
	if vs := schedule.Check(np.Problem, np.Schedule); len(vs) > 0 {
		return fmt.Errorf("the replanned schedule fails the independent check (%d violation(s)), first: %w", len(vs), vs[0])
	}
	obj := np.Problem.Objective.Normalized()
	res := &solver.Result{Solver: name, Schedule: np.Schedule, Status: solver.Feasible,
		Objective: schedule.Evaluate(np.Problem, np.Schedule, obj), Bound: math.NaN()}
	newDoc, _ := solver.NewDocument(np.Problem, obj, res) // checked above
	newDoc.ElapsedMS = elapsed.Milliseconds()
	var problemData []byte
	if *problemOut != "" {
		if problemData, err = model.Encode(np.Problem); err != nil {
			return err
		}
	}
	diff := plan.Compare(old, np, obj)
	if *out != "" {
		data, err := json.MarshalIndent(newDoc, "", "  ")
		if err != nil {
			return err
		}
		if err := writeFileAtomic(*out, append(data, '\n')); err != nil {
			return err
		}
	}
	if *problemOut != "" {
		if err := writeFileAtomic(*problemOut, problemData); err != nil {
			return err
		}
	}
	if *asJSON {
		o := replanOutput{Now: np.Now, Mode: mode, ElapsedMS: elapsed.Milliseconds(), Diff: diff}
		if !np.Problem.Epoch.IsZero() {
			o.NowTime = np.Problem.TimeOf(np.Now).Format(time.RFC3339)
		}
		return printJSON(e, o)
	}
	how := "repair"
	if *optimize {
		how = "repair and re-optimisation (" + name + ")"
	}
	fmt.Fprintf(e.stdout, "replanned at %s by %s in %s: %d operations, %d fixed (history and running work)\n",
		formatTick(np.Problem, np.Now), how, elapsed.Round(time.Microsecond), len(np.Schedule.Assignments), countFixed(np.Problem))
	return diff.WriteText(e.stdout)
}

// locatedIn prefixes the located issues of err with the file name.
func locatedIn(file string, err error) error {
	var is model.Issues
	if errors.As(err, &is) {
		return fmt.Errorf("%s:\n%s", file, indent(is.Error()))
	}
	return fmt.Errorf("%s: %w", file, err)
}

func countFixed(p *model.Problem) int {
	n := 0
	for _, j := range p.Jobs {
		for _, op := range j.Operations {
			if op.Fixed != nil {
				n++
			}
		}
	}
	return n
}
