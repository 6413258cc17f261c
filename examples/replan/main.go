// Command replan shows the living plan: it solves the example plant, lets
// the shop floor run until a third of the plan, breaks the busiest
// machine for six hours, and replans twice: a repair (the old sequence
// kept, only what the breakdown pushes moves) and a re-optimisation that
// trades weighted tardiness against stability. It prints what changed.
//
//	go run ./examples/replan
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer) error {
	p, err := examples.Plant()
	if err != nil {
		return err
	}
	ctx := context.Background()
	d := &dispatch.Solver{} // the rule suited to the objective
	res, err := d.Solve(ctx, p, solver.Options{})
	if err != nil {
		return err
	}
	old := plan.New(p, res.Schedule, 0)

	// The busiest machine breaks down at a third of the plan, for six hours.
	busy := make([]int64, len(p.Machines))
	for _, a := range res.Schedule.Assignments {
		busy[a.Machine] += a.End - a.SetupStart
	}
	m := 0
	for k := range busy {
		if busy[k] > busy[m] {
			m = k
		}
	}
	now := schedule.Makespan(res.Schedule) / 3
	repair := now + int64(6*time.Hour/p.TickLength())
	evs := &plan.Events{Now: now, Events: []plan.Event{plan.Breakdown(p.Machines[m].ID, now, repair)}}
	fmt.Fprintf(w, "%s breaks down at %s until %s.\n\n", p.Machines[m].ID, p.TimeOf(now).Format("Mon 15:04"), p.TimeOf(repair).Format("Mon 15:04"))

	// Repair: milliseconds, the old sequence everywhere.
	repaired, err := plan.Replan(old, evs)
	if err != nil {
		return err
	}
	if err := schedule.Verify(repaired.Problem, repaired.Schedule); err != nil {
		return err
	}
	fmt.Fprintln(w, "Repair:")
	if err := plan.Compare(old, repaired, p.Objective).WriteText(w); err != nil {
		return err
	}

	// Re-optimisation against the old plan: moves inside the rest of the
	// day cost a hundred times more.
	applied, err := plan.Apply(old, evs)
	if err != nil {
		return err
	}
	opts := solver.Options{Seed: 1, WorkLimit: 2_000_000, Stability: solver.Stability{FrozenEnd: plan.DefaultFrozenEnd(p, now)}}
	best := &dispatch.Solver{Name: "dispatch:best", Best: true} // every rule and scheme
	reopt, _, err := plan.Reoptimize(ctx, applied, best, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nRe-optimisation with stability (dispatch:best):")
	return plan.Compare(old, reopt, p.Objective).WriteText(w)
}
