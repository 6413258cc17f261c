// Command atc schedules the example plant with the apparent tardiness cost
// (ATC) dispatching rule for total weighted tardiness, and prints the
// orders that finish late.
//
//	go run ./examples/atc
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"text/tabwriter"
	"time"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run schedules the example plant and writes the report to w.
func run(w io.Writer) error {
	p, err := examples.Plant()
	if err != nil {
		return err
	}
	res, err := dispatch.WithRule(context.Background(), p, dispatch.ATC(dispatch.DefaultATCK), solver.Options{
		Objective: model.Single(model.WeightedTardiness),
	})
	if err != nil {
		return err
	}
	if err := schedule.Verify(p, res.Schedule); err != nil {
		return err // never happens: every solver's schedule passes the checker
	}
	k := schedule.ComputeKPIs(p, res.Schedule)
	fmt.Fprintf(w, "%s: %d orders, weighted tardiness %g, makespan %s\n",
		p.Name, len(p.Jobs), res.Objective, p.TimeOf(k.Makespan).Format("Mon 2 Jan 15:04"))
	if k.LateJobs == 0 {
		fmt.Fprintln(w, "no order is late")
		return nil
	}
	if k.LateJobs == 1 {
		fmt.Fprintln(w, "1 late order:")
	} else {
		fmt.Fprintf(w, "%d late orders:\n", k.LateJobs)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "order\tweight\tdue\tcompletion\tlateness")
	const layout = "Mon 2 Jan 15:04"
	for _, j := range k.Jobs {
		if !j.Late {
			continue
		}
		job := &p.Jobs[j.Job]
		late := time.Duration(j.Lateness) * p.TickLength()
		fmt.Fprintf(tw, "%s\t%g\t%s\t%s\t%s\n", job.ID, job.JobWeight(),
			p.TimeOf(*job.Due).Format(layout), p.TimeOf(j.Completion).Format(layout), late)
	}
	return tw.Flush()
}
