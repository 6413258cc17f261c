package scenario

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// Scenario is a named change to a base problem: a JSON Merge Patch (RFC
// 7396) of the base problem's JSON, or an events file (package plan,
// schema/events.schema.json) applied to the base plan.
type Scenario struct {
	// Name labels the scenario in comparisons (a file's base name).
	Name string `json:"name"`
	// Patch is the merge patch, a JSON object (nil for an events
	// scenario).
	Patch json.RawMessage `json:"patch,omitempty"`
	// Events is an events file, {"now": T, "events": [...]}, applied to
	// the base plan with plan.Apply (nil for a merge patch scenario).
	Events json.RawMessage `json:"events,omitempty"`
}

// Parse reads a scenario file: a JSON object that is either an events
// file (it has an "events" member: {"now": T, "events": [...]}) or a merge
// patch of the base problem (for example {"operator_pools": [...]} to
// change the operator pools). It checks that data is one JSON object; the
// events are checked against the problem by Compare.
func Parse(name string, data []byte) (Scenario, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return Scenario{}, fmt.Errorf("scenario %s: %w", name, err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return Scenario{}, fmt.Errorf("scenario %s: a scenario is a merge patch of the problem, a JSON object; got %s", name, jsonKind(v))
	}
	if _, ok := obj["events"]; ok {
		return Scenario{Name: name, Events: json.RawMessage(data)}, nil
	}
	return Scenario{Name: name, Patch: json.RawMessage(data)}, nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	}
	return "a number"
}

// Apply applies the scenario's patch to the base problem JSON and returns
// the changed problem JSON and the decoded, validated problem. Errors name
// the scenario. An events scenario needs the base plan: see ApplyEvents.
func (s Scenario) Apply(base []byte) ([]byte, *model.Problem, error) {
	if s.Events != nil {
		return nil, nil, fmt.Errorf("scenario %s: an events scenario applies to a plan, not to a problem (ApplyEvents)", s.Name)
	}
	data, err := MergePatch(base, s.Patch)
	if err != nil {
		return nil, nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	p, err := model.DecodeValid(data)
	if err != nil {
		return nil, nil, fmt.Errorf("scenario %s: the changed problem is invalid: %w", s.Name, err)
	}
	return data, p, nil
}

// ParseEvents reads the scenario's events for the base problem bp.
func (s Scenario) ParseEvents(bp *model.Problem) (*plan.Events, error) {
	if s.Events == nil {
		return nil, fmt.Errorf("scenario %s: not an events scenario", s.Name)
	}
	evs, err := plan.ParseEvents(bp, s.Events)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	return evs, nil
}

// ApplyEvents applies the scenario's events to the base plan (problem bp,
// schedule bs, at plan.DefaultNow) and returns the changed problem: what
// ran before the events' now is history, fixed at its place, what runs
// then is frozen, the rest may move (plan.Apply).
func (s Scenario) ApplyEvents(bp *model.Problem, bs *schedule.Schedule) (*model.Problem, error) {
	p, _, err := s.applyEvents(bp, bs)
	return p, err
}

// applyEvents returns the changed problem and the base schedule in its
// indices (plan.Apply's reference schedule).
func (s Scenario) applyEvents(bp *model.Problem, bs *schedule.Schedule) (*model.Problem, *schedule.Schedule, error) {
	evs, err := s.ParseEvents(bp)
	if err != nil {
		return nil, nil, err
	}
	np, err := plan.Apply(plan.New(bp, bs, plan.DefaultNow(bp)), evs)
	if err != nil {
		return nil, nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	return np.Problem, np.Schedule, nil
}

// Reference returns the base schedule bs of problem bp in the indices of
// problem p: the assignments whose job (by ID), operation index, machine
// (by ID, one of the operation's alternatives in p) and operator pools (by
// ID) exist in p. It is the reference a stable re-plan of p moves little.
func Reference(bp *model.Problem, bs *schedule.Schedule, p *model.Problem) *schedule.Schedule {
	jobs := make(map[string]int, len(p.Jobs))
	for j := range p.Jobs {
		jobs[p.Jobs[j].ID] = j
	}
	machines := make(map[string]int, len(p.Machines))
	for m := range p.Machines {
		machines[p.Machines[m].ID] = m
	}
	pools := make(map[string]int, len(p.OperatorPools))
	for o := range p.OperatorPools {
		pools[p.OperatorPools[o].ID] = o
	}
	ref := &schedule.Schedule{}
next:
	for _, a := range bs.Assignments {
		if a.Job < 0 || a.Job >= len(bp.Jobs) || a.Machine < 0 || a.Machine >= len(bp.Machines) {
			continue
		}
		j, ok := jobs[bp.Jobs[a.Job].ID]
		m, okm := machines[bp.Machines[a.Machine].ID]
		if !ok || !okm || a.Op < 0 || a.Op >= len(p.Jobs[j].Operations) {
			continue
		}
		op := &p.Jobs[j].Operations[a.Op]
		if !slices.ContainsFunc(op.Alternatives, func(alt model.Alternative) bool { return alt.Machine == p.Machines[m].ID }) {
			continue
		}
		b := a
		b.Job, b.Machine, b.Operators = j, m, nil
		for _, o := range a.Operators {
			if o < 0 || o >= len(bp.OperatorPools) {
				continue next
			}
			po, ok := pools[bp.OperatorPools[o].ID]
			if !ok {
				continue next
			}
			b.Operators = append(b.Operators, po)
		}
		ref.Assignments = append(ref.Assignments, b)
	}
	return ref
}

// Config says how Compare and Suggest plan the problems.
type Config struct {
	// Solver plans every problem. Compare calls it from several goroutines
	// at once, so its Solve must be safe for concurrent use (the built-in
	// solvers are).
	Solver solver.Solver
	// Options are the options of every solve (a Seed and a WorkLimit make
	// the comparison reproducible).
	Options solver.Options
	// Parallel is the number of problems planned at once (0: GOMAXPROCS).
	Parallel int
	// Stable, when set, plans every scenario against the base plan: the
	// base schedule (matched by job ID, operation index and machine ID) is
	// the solve's Options.Reference and *Stable its Options.Stability, so
	// the scenario moves as few operations as the weights say. The solver
	// must support stability (dispatch and ga do).
	Stable *solver.Stability
}

func (c *Config) parallel() int {
	if c.Parallel > 0 {
		return c.Parallel
	}
	return runtime.GOMAXPROCS(0)
}

// Plan is a problem and the schedule the solver made for it.
type Plan struct {
	Name     string
	Problem  *model.Problem
	Result   *solver.Result
	Schedule *schedule.Schedule
	// Err is the solver's error (nil when it planned).
	Err error
}

// solveAll plans each problem in parallel; plans[i] answers problems[i].
// A solver error is stored in the plan; only a cancelled context is
// returned.
func solveAll(ctx context.Context, names []string, problems []*model.Problem, refs []*schedule.Schedule, cfg Config) ([]Plan, error) {
	if cfg.Solver == nil {
		return nil, errors.New("scenario: no solver")
	}
	plans := make([]Plan, len(problems))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(cfg.parallel(), len(problems)) {
		wg.Go(func() {
			for i := range next {
				pl := Plan{Name: names[i], Problem: problems[i]}
				opts := cfg.Options
				if refs != nil && refs[i] != nil && cfg.Stable != nil {
					opts.Reference, opts.Stability = refs[i], *cfg.Stable
				}
				res, err := cfg.Solver.Solve(ctx, problems[i], opts)
				switch {
				case err != nil:
					pl.Err = err
				case res.Schedule == nil:
					pl.Result, pl.Err = res, fmt.Errorf("no schedule (status %s)", res.Status)
				default:
					pl.Result, pl.Schedule = res, res.Schedule
					if verr := schedule.Verify(problems[i], res.Schedule); verr != nil {
						pl.Err = fmt.Errorf("the solver's schedule is infeasible: %w", verr)
					}
				}
				plans[i] = pl
			}
		})
	}
	for i := range problems {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return plans, nil
}

// Row is the outcome of one scenario in a comparison.
type Row struct {
	// Name is the scenario's name ("base" for the base problem).
	Name string `json:"name"`
	// Status is the solver's status ("feasible", "optimal"...) or "error".
	Status string `json:"status"`
	// Error is the solver's error, when it failed.
	Error string `json:"error,omitempty"`
	// LateOrders counts the orders that end after their due date.
	LateOrders int `json:"late_orders"`
	// WeightedTardiness is the sum of weight times tardiness (ticks).
	WeightedTardiness float64 `json:"weighted_tardiness"`
	// Makespan is the end of the last operation (ticks).
	Makespan int64 `json:"makespan"`
	// Utilisation is the utilisation of the comparison's bottleneck
	// machine over [0, makespan).
	Utilisation float64 `json:"bottleneck_utilisation"`
	// OvertimeHours are the machine hours worked in extra shifts: working
	// time that a calendar exception (working: true) adds to the weekly
	// pattern.
	OvertimeHours float64 `json:"overtime_hours"`
	// Moved counts the operations, present in both plans, that are on
	// another machine or start at another time than in the base plan;
	// MovedMachine counts those on another machine.
	Moved        int `json:"moved"`
	MovedMachine int `json:"moved_machine"`
	// Shift is the total of |start - base start| over the moved
	// operations (ticks).
	Shift int64 `json:"shift"`
	// Cost is what the plan costs, by kind, order, machine and material
	// (schedule.ComputeCosts), when the scenario's problem has costs.
	Cost *schedule.CostSummary `json:"cost,omitempty"`
	// Plan is the scenario's problem and schedule.
	Plan *Plan `json:"-"`
}

// Comparison is the base plan and each scenario's, side by side.
type Comparison struct {
	// Bottleneck is the ID of the base plan's bottleneck machine: the
	// machine that causes most of its lateness (explain.Late), or without
	// late orders the machine with the highest utilisation. Every row
	// gives this machine's utilisation.
	Bottleneck string `json:"bottleneck"`
	// Tick is the length of a tick ("1m0s"; empty for unitless problems).
	Tick string `json:"tick,omitempty"`
	// Rows are the base (first) and the scenarios, in the order given.
	Rows []Row `json:"rows"`
	base *model.Problem
}

// Compare plans the base problem (its JSON) and each scenario, in
// parallel, and compares them. Merge patch scenarios are planned with the
// base; events scenarios apply to the base plan, so they are planned
// after it. Compare fails when a scenario cannot be applied (a bad patch,
// an invalid changed problem, events that contradict the base plan) or
// the base cannot be planned; a scenario the solver cannot plan gets a
// row with its error. With a seed and a work limit in cfg.Options the
// comparison is reproducible.
func Compare(ctx context.Context, base []byte, scenarios []Scenario, cfg Config) (*Comparison, error) {
	bp, err := model.DecodeValid(base)
	if err != nil {
		return nil, fmt.Errorf("base problem: %w", err)
	}
	// Every scenario is checked before any solve.
	names := []string{"base"}
	problems := []*model.Problem{bp}
	var later []int
	for i, s := range scenarios {
		if s.Events != nil {
			if _, err := s.ParseEvents(bp); err != nil {
				return nil, err
			}
			later = append(later, i)
			continue
		}
		_, p, err := s.Apply(base)
		if err != nil {
			return nil, err
		}
		names = append(names, s.Name)
		problems = append(problems, p)
	}
	// Merge patch scenarios are planned with the base, unless they need
	// its plan as their reference.
	n := len(problems)
	if cfg.Stable != nil {
		n = 1
	}
	first, err := solveAll(ctx, names[:n], problems[:n], nil, cfg)
	if err != nil {
		return nil, err
	}
	if first[0].Err != nil {
		return nil, fmt.Errorf("base problem: %w", first[0].Err)
	}
	bs := first[0].Schedule
	var refs []*schedule.Schedule
	names, problems = names[n:], problems[n:]
	for _, p := range problems {
		refs = append(refs, Reference(bp, bs, p))
	}
	for _, i := range later {
		p, ref, err := scenarios[i].applyEvents(bp, bs)
		if err != nil {
			return nil, err
		}
		names = append(names, scenarios[i].Name)
		problems = append(problems, p)
		refs = append(refs, ref)
	}
	second, err := solveAll(ctx, names, problems, refs, cfg)
	if err != nil {
		return nil, err
	}
	first = append(first, second[:len(second)-len(later)]...)
	second = second[len(second)-len(later):]
	// The rows in the order given.
	plans := []Plan{first[0]}
	f, l := 1, 0
	for _, s := range scenarios {
		if s.Events != nil {
			plans = append(plans, second[l])
			l++
		} else {
			plans = append(plans, first[f])
			f++
		}
	}
	return compare(plans, nil), nil
}

// ComparePlans compares plans already made: plans[0] is the base.
func ComparePlans(plans []Plan) (*Comparison, error) {
	if len(plans) == 0 || plans[0].Schedule == nil {
		return nil, errors.New("scenario: no base plan")
	}
	return compare(plans, nil), nil
}

// compare compares plans (plans[0] is the base); rep is explain.Late's
// report on the base plan when the caller has it, else nil.
func compare(plans []Plan, rep *explain.Report) *Comparison {
	base := plans[0]
	c := &Comparison{base: base.Problem}
	if !base.Problem.Epoch.IsZero() {
		c.Tick = base.Problem.TickLength().String()
	}
	c.Bottleneck = bottleneckMachine(base.Problem, base.Schedule, rep)
	for i := range plans {
		pl := &plans[i]
		r := Row{Name: pl.Name, Plan: pl}
		if pl.Result != nil {
			r.Status = pl.Result.Status.String()
		}
		if pl.Err != nil {
			r.Status, r.Error = "error", pl.Err.Error()
			c.Rows = append(c.Rows, r)
			continue
		}
		k := schedule.ComputeKPIs(pl.Problem, pl.Schedule)
		r.LateOrders, r.WeightedTardiness, r.Makespan = k.LateJobs, k.WeightedTardiness, k.Makespan
		for m, mk := range k.Machines {
			if pl.Problem.Machines[m].ID == c.Bottleneck {
				r.Utilisation = mk.Utilisation
			}
		}
		r.OvertimeHours = Overtime(pl.Problem, pl.Schedule).Hours()
		if schedule.HasCosts(pl.Problem) {
			r.Cost = schedule.NewCostSummary(pl.Problem, k.Cost)
		}
		if i > 0 {
			mv := Moved(base.Problem, base.Schedule, pl.Problem, pl.Schedule)
			r.Moved, r.MovedMachine, r.Shift = mv.Operations, mv.Machine, mv.Shift
		}
		c.Rows = append(c.Rows, r)
	}
	return c
}

// bottleneckMachine returns the machine that causes most of the lateness
// of schedule s (explain.Late's first machine bottleneck), or, without
// lateness on a machine, the machine with the highest utilisation.
// rep is explain.Late's report on s, computed here when nil.
func bottleneckMachine(p *model.Problem, s *schedule.Schedule, rep *explain.Report) string {
	if rep == nil {
		rep, _ = explain.Late(p, s)
	}
	if rep != nil {
		for _, b := range rep.Bottlenecks {
			if b.Type == "machine" {
				return b.Resource
			}
		}
	}
	id, best := "", -1.0
	for m, mk := range schedule.ComputeKPIs(p, s).Machines {
		if mk.Utilisation > best {
			id, best = p.Machines[m].ID, mk.Utilisation
		}
	}
	return id
}
