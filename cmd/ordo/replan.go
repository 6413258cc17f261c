package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
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
			"Invalid events: exit 1 with their location, and no file is written.")
	out := fs.String("out", "", "write the new plan (result JSON) to this file")
	problemOut := fs.String("problem-out", "", "write the new problem (problem JSON) to this file")
	asJSON := fs.Bool("json", false, "print the diff as JSON instead of text")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return usagef("want PROBLEM, PLAN and EVENTS, got %d argument(s)", len(pos))
	}
	p, err := loadProblem(e, pos[0], "")
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return err
	}
	doc, err := schedule.ParseDocument(data)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[1], err)
	}
	s, err := doc.Schedule(p)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[1], err)
	}
	if vs := schedule.Check(p, s); len(vs) > 0 {
		return fmt.Errorf("%s: the plan is not a feasible schedule of %s (%d violation(s)), first: %v", pos[1], pos[0], len(vs), vs[0])
	}
	evData, err := os.ReadFile(pos[2])
	if err != nil {
		return err
	}
	start := time.Now()
	evs, err := plan.ParseEvents(p, evData)
	if err != nil {
		return located(pos[2], err)
	}
	old := plan.New(p, s, plan.DefaultNow(p))
	np, err := plan.Apply(old, evs)
	if err != nil {
		var is model.Issues
		if errors.As(err, &is) {
			model.Locate(evData, is)
		}
		return located(pos[2], err)
	}
	repaired, err := plan.Repair(np)
	if err != nil {
		return err
	}
	np.Schedule = repaired
	elapsed := time.Since(start)
	if vs := schedule.Check(np.Problem, np.Schedule); len(vs) > 0 {
		return fmt.Errorf("the replanned schedule fails the independent check (%d violation(s)), first: %v", len(vs), vs[0])
	}
	obj := np.Problem.Objective.Normalized()
	res := &solver.Result{Solver: "repair", Schedule: np.Schedule, Status: solver.Feasible,
		Objective: schedule.Evaluate(np.Problem, np.Schedule, obj), Bound: math.NaN()}
	newDoc := resultDocument(np.Problem, res, obj, elapsed)
	var problemData []byte
	if *problemOut != "" {
		if problemData, err = model.Encode(np.Problem); err != nil {
			return err
		}
	}
	diff := plan.Compare(old, np, obj)
	if *out != "" {
		if err := writeJSON(*out, newDoc); err != nil {
			return err
		}
	}
	if *problemOut != "" {
		if err := os.WriteFile(*problemOut, problemData, 0o644); err != nil {
			return err
		}
	}
	if *asJSON {
		o := replanOutput{Now: np.Now, Mode: "repair", ElapsedMS: elapsed.Milliseconds(), Diff: diff}
		if !np.Problem.Epoch.IsZero() {
			o.NowTime = np.Problem.TimeOf(np.Now).Format(time.RFC3339)
		}
		data, err := json.MarshalIndent(o, "", "  ")
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(append(data, '\n'))
		return err
	}
	fmt.Fprintf(e.stdout, "replanned at %s by repair in %s: %d operations, %d fixed (history and running work)\n",
		formatTick(np.Problem, np.Now), elapsed.Round(time.Microsecond), len(np.Schedule.Assignments), countFixed(np.Problem))
	return diff.WriteText(e.stdout)
}

// located prefixes the located issues of err with the file name.
func located(file string, err error) error {
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
