package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

func cmdPromise(e *env, args []string) error {
	fs := newFlags(e, "promise", "[options] PROBLEM PLAN ORDER",
		"Quotes a new order ORDER (a job JSON object as in the problem's \"jobs\", in a file or \"-\" for\n"+
			"stdin) in the plan PLAN (a result JSON of 'ordo solve') of problem PROBLEM: the earliest\n"+
			"completion by insertion into the plan without moving anything else (exactly what an\n"+
			"order_added event and 'ordo replan' give), and the earliest when other orders may move but\n"+
			"none becomes late or later. --out and --moves-out write the plans that realise them.")
	asJSON := fs.Bool("json", false, "print the quotes as JSON")
	nowFlag := fs.String("now", "", "time of the quote (a datetime, or ticks; default: the problem's latest fixed setup start, or its epoch)")
	out := fs.String("out", "", "write the plan realising the insertion quote (result JSON) to this file")
	movesOut := fs.String("moves-out", "", "write the plan realising the quote with moves (result JSON) to this file")
	problemOut := fs.String("problem-out", "", "write the problem with the order added (problem JSON) to this file")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return usagef("want PROBLEM, PLAN and ORDER, got %d argument(s)", len(pos))
	}
	if err := oneStdin(pos...); err != nil {
		return err
	}
	p, s, err := readPlan(e, pos[0], pos[1], "")
	if err != nil {
		return err
	}
	if vs := schedule.Check(p, s); len(vs) > 0 {
		return fmt.Errorf("%s: the plan is not a feasible schedule of %s (%d violation(s)), first: %w", pos[1], pos[0], len(vs), vs[0])
	}
	now := plan.DefaultNow(p)
	if *nowFlag != "" {
		raw := json.RawMessage(strconv.Quote(*nowFlag))
		if _, err := strconv.ParseInt(*nowFlag, 10, 64); err == nil {
			raw = json.RawMessage(*nowFlag)
		}
		if now, err = plan.ParseTime(p, raw); err != nil {
			return usagef("--now: %v", err)
		}
	}
	order, err := readInput(e, pos[2])
	if err != nil {
		return err
	}
	job, err := plan.ParseOrder(p, now, order)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[2], err)
	}
	start := time.Now()
	pr, err := plan.Promise(plan.New(p, s, now), job)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	np := pr.Insertion.Plan.Problem
	jn := -1
	for j := range np.Jobs {
		if np.Jobs[j].ID == job.ID {
			jn = j
		}
	}
	doc := plan.NewPromiseDocument(pr, now, elapsed)
	write := func(path string, q plan.Quote, name string) error {
		if path == "" {
			return nil
		}
		obj := np.Objective.Normalized()
		res := &solver.Result{Solver: name, Schedule: q.Plan.Schedule, Status: solver.Feasible,
			Objective: schedule.Evaluate(np, q.Plan.Schedule, obj)}
		d, vs := solver.NewDocument(np, obj, res)
		if len(vs) > 0 {
			return fmt.Errorf("the %s plan fails the independent check: %w", name, vs[0])
		}
		data, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return err
		}
		return writeFileAtomic(path, append(data, '\n'))
	}
	if err := write(*out, pr.Insertion, "promise:insertion"); err != nil {
		return err
	}
	if err := write(*movesOut, pr.WithMoves, "promise:with_moves"); err != nil {
		return err
	}
	if *problemOut != "" {
		data, err := model.Encode(np)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(*problemOut, data); err != nil {
			return err
		}
	}
	if *asJSON {
		return printJSON(e, doc)
	}
	due := "no due date"
	if d := np.Jobs[jn].Due; d != nil {
		due = "due " + formatTick(np, *d)
	}
	fmt.Fprintf(e.stdout, "order %s (%s), quoted at %s in %s:\n", job.ID, due, formatTick(np, now), elapsed.Round(time.Microsecond))
	for _, x := range []struct {
		name string
		q    plan.PromiseQuote
	}{{"by insertion (nothing else moves)", doc.Insertion}, {"with moves (no other order gets later)", doc.WithMoves}} {
		late := ""
		if x.q.Late {
			late = ", late by " + formatSpan(np, x.q.Tardiness)
		}
		fmt.Fprintf(e.stdout, "  %-40s %s%s (%d operations of other orders move)\n", x.name+":", formatTick(np, x.q.Ticks), late, x.q.Moved)
	}
	return nil
}
