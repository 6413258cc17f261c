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

// promiseQuote is one quote of 'ordo promise --json'.
type promiseQuote struct {
	// Completion is a datetime, or ticks for unitless problems.
	Completion any   `json:"completion"`
	Ticks      int64 `json:"completion_tick"`
	// Late says whether the completion is after the order's due date;
	// Tardiness is by how much (ticks).
	Late      bool  `json:"late"`
	Tardiness int64 `json:"tardiness"`
	// Moved counts the other orders' operations that move.
	Moved int `json:"moved_operations"`
}

// promiseOutput is what 'ordo promise --json' prints.
type promiseOutput struct {
	Order     string       `json:"order"`
	Now       any          `json:"now"`
	Insertion promiseQuote `json:"insertion"`
	WithMoves promiseQuote `json:"with_moves"`
	ElapsedMS int64        `json:"elapsed_ms"`
}

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
	// The order is read as an order_added event, so that it means
	// exactly what it means in an events file.
	wrapped := fmt.Appendf(nil, `{"now": %d, "events": [{"type": "order_added", "job": %s}]}`, now, order)
	evs, err := plan.ParseEvents(p, wrapped)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[2], err)
	}
	if len(evs.Events) != 1 || evs.Events[0].NewJob == nil {
		return fmt.Errorf("%s: not a job object", pos[2])
	}
	job := *evs.Events[0].NewJob
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
	timeOf := func(t int64) any {
		if np.Epoch.IsZero() {
			return t
		}
		return np.TimeOf(t).Format(time.RFC3339)
	}
	quote := func(q plan.Quote) promiseQuote {
		o := promiseQuote{Completion: timeOf(q.Completion), Ticks: q.Completion, Moved: q.Moved}
		if d := np.Jobs[jn].Due; d != nil && q.Completion > *d {
			o.Late, o.Tardiness = true, q.Completion-*d
		}
		return o
	}
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
		o := promiseOutput{Order: job.ID, Now: timeOf(now), Insertion: quote(pr.Insertion), WithMoves: quote(pr.WithMoves), ElapsedMS: elapsed.Milliseconds()}
		data, err := json.MarshalIndent(o, "", "  ")
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(append(data, '\n'))
		return err
	}
	due := "no due date"
	if d := np.Jobs[jn].Due; d != nil {
		due = "due " + formatTick(np, *d)
	}
	fmt.Fprintf(e.stdout, "order %s (%s), quoted at %s in %s:\n", job.ID, due, formatTick(np, now), elapsed.Round(time.Microsecond))
	for _, x := range []struct {
		name string
		q    plan.Quote
	}{{"by insertion (nothing else moves)", pr.Insertion}, {"with moves (no other order gets later)", pr.WithMoves}} {
		qq := quote(x.q)
		late := ""
		if qq.Late {
			late = ", late by " + formatSpan(np, qq.Tardiness)
		}
		fmt.Fprintf(e.stdout, "  %-40s %s%s (%d operations of other orders move)\n", x.name+":", formatTick(np, x.q.Completion), late, x.q.Moved)
	}
	return nil
}
