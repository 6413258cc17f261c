package scenario

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Suggestion is one single change to a problem, evaluated by planning the
// changed problem with the same solver and options as the base.
type Suggestion struct {
	// Scenario is the change as a merge patch of the base problem; its
	// Name ("saturday-GRD-01") suits a file name.
	Scenario
	// Kind is "saturday", "saturday-2", "overtime", "operator" or
	// "receipt".
	Kind string `json:"kind"`
	// Resource is the machine, operator pool or material changed.
	Resource string `json:"resource"`
	// Change says what changes, in one sentence.
	Change string `json:"change"`
	// Outcome is the changed problem's plan, compared with the base's.
	Outcome Row `json:"outcome"`
	// GainLate is the base's late orders minus the changed plan's;
	// GainTardiness likewise for the weighted tardiness (ticks). Positive
	// gains are improvements.
	GainLate      int     `json:"gain_late_orders"`
	GainTardiness float64 `json:"gain_weighted_tardiness"`
	// GainCost is the base plan's cost minus the changed plan's, when
	// the problem has costs (schedule.ComputeCosts).
	GainCost float64 `json:"gain_cost,omitempty"`
	patch    map[string]any
}

// Suggestions are the evaluated single changes for a problem, best first.
type Suggestions struct {
	// Base is the base problem's plan.
	Base Row `json:"base"`
	// Bottlenecks are the resources causing the base plan's lateness
	// (explain.Late), most first.
	Bottlenecks []explain.Bottleneck `json:"bottlenecks"`
	// Suggestions are all the candidates evaluated, ranked by gain in
	// weighted tardiness, then in late orders, then in cost (when the
	// problem has costs), then by name; those that could not be planned
	// come last.
	Suggestions []Suggestion `json:"suggestions"`
	// Tick is the length of a tick ("1m0s"; empty for unitless problems).
	Tick string `json:"tick,omitempty"`
	p    *model.Problem
}

// SuggestOptions bound the candidates Suggest generates.
type SuggestOptions struct {
	// Machines is the number of machines that get shift candidates: the
	// machines of the bottlenecks first, then the machines the late
	// orders' chains pass through most (0: 4).
	Machines int
	// OvertimeHours is the length of an overtime window after each
	// weekday shift (0: 2).
	OvertimeHours int
}

// Suggest plans the base problem (its JSON), finds what causes its late
// orders (explain.Late's bottlenecks), generates single changes that
// relieve those resources, and evaluates each by planning the changed
// problem with cfg, in parallel:
//
//   - on a machine with a calendar: a Saturday shift (06:00-14:00 in the
//     calendar's time zone) or two (06:00-22:00) on every Saturday up to the
//     base plan's end, or overtime after every weekday shift end, each as
//     working calendar exceptions of a copy of the machine's calendar;
//   - on an operator pool: one more operator (capacity + 1);
//   - on a material: the receipt that ended a late order's wait delivered
//     when the first waiting operation was ready.
//
// A base plan without late orders gets no candidates. The result is
// reproducible with a seed and a work limit in cfg.Options.
func Suggest(ctx context.Context, base []byte, cfg Config, so SuggestOptions) (*Suggestions, error) {
	bp, err := model.DecodeValid(base)
	if err != nil {
		return nil, fmt.Errorf("base problem: %w", err)
	}
	plans, err := solveAll(ctx, []string{"base"}, []*model.Problem{bp}, nil, cfg)
	if err != nil {
		return nil, err
	}
	if plans[0].Err != nil {
		return nil, fmt.Errorf("base problem: %w", plans[0].Err)
	}
	bs := plans[0].Schedule
	rep, err := explain.Late(bp, bs)
	if err != nil {
		return nil, err
	}
	cands, err := candidates(base, bp, bs, rep, so)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(cands))
	problems := make([]*model.Problem, len(cands))
	refs := make([]*schedule.Schedule, len(cands))
	for i, c := range cands {
		_, p, err := c.Apply(base)
		if err != nil {
			return nil, err
		}
		names[i], problems[i], refs[i] = c.Name, p, Reference(bp, bs, p)
	}
	cp, err := solveAll(ctx, names, problems, refs, cfg)
	if err != nil {
		return nil, err
	}
	cmpn := compare(append(plans, cp...), rep)
	out := &Suggestions{Base: cmpn.Rows[0], Bottlenecks: rep.Bottlenecks, Tick: cmpn.Tick, p: bp}
	if out.Bottlenecks == nil {
		out.Bottlenecks = []explain.Bottleneck{}
	}
	for i, c := range cands {
		c.Outcome = cmpn.Rows[i+1]
		if c.Outcome.Error == "" {
			c.GainLate = out.Base.LateOrders - c.Outcome.LateOrders
			c.GainTardiness = out.Base.WeightedTardiness - c.Outcome.WeightedTardiness
			if out.Base.Cost != nil && c.Outcome.Cost != nil {
				c.GainCost = out.Base.Cost.Total - c.Outcome.Cost.Total
			}
		}
		out.Suggestions = append(out.Suggestions, c)
	}
	slices.SortStableFunc(out.Suggestions, func(a, b Suggestion) int {
		ea, eb := a.Outcome.Error != "", b.Outcome.Error != ""
		if ea != eb {
			if ea {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.GainTardiness, a.GainTardiness), cmp.Compare(b.GainLate, a.GainLate), cmp.Compare(b.GainCost, a.GainCost), cmp.Compare(a.Name, b.Name))
	})
	if out.Suggestions == nil {
		out.Suggestions = []Suggestion{}
	}
	return out, nil
}

// doc is the base problem's JSON as a tree, for building patches.
type doc struct {
	p    *model.Problem
	tree map[string]any
}

// array returns a copy of the top-level array key (nil when absent).
func (d *doc) array(key string) []any {
	a, _ := d.tree[key].([]any)
	return slices.Clone(a)
}

// find returns the index of the element of a whose "id" is id (-1: none).
func find(a []any, id string) int {
	for i, e := range a {
		if o, ok := e.(map[string]any); ok && o["id"] == id {
			return i
		}
	}
	return -1
}

// with returns a shallow copy of the object a[i] with key set to v.
func with(a []any, i int, key string, v any) map[string]any {
	o := map[string]any{}
	for k, x := range a[i].(map[string]any) {
		o[k] = x
	}
	o[key] = v
	return o
}

// timeValue writes tick t as the problem's JSON does: an ISO datetime when
// the problem has an epoch, else the integer.
func (d *doc) timeValue(t int64) any {
	if d.p.Epoch.IsZero() {
		return t
	}
	return d.p.TimeOf(t).Format(time.RFC3339)
}

func candidates(base []byte, p *model.Problem, s *schedule.Schedule, rep *explain.Report, so SuggestOptions) ([]Suggestion, error) {
	if len(rep.Orders) == 0 {
		return nil, nil
	}
	v, err := decodeJSON(base)
	if err != nil {
		return nil, err
	}
	tree, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("base problem: not a JSON object")
	}
	d := &doc{p: p, tree: tree}
	nm := cmp.Or(so.Machines, 4)
	ot := cmp.Or(so.OvertimeHours, 2)
	horizon := schedule.Makespan(s)
	var out []Suggestion
	var machines []string
	for _, b := range rep.Bottlenecks {
		switch b.Type {
		case "machine":
			machines = append(machines, b.Resource)
		case "operators":
			out = append(out, d.operator(b.Resource)...)
		case "material":
			out = append(out, d.receipt(b.Resource, rep)...)
		}
	}
	// Then the machines of the late orders' chains, most used first.
	count := map[string]int{}
	var chain []string
	for _, o := range rep.Orders {
		for _, st := range o.Chain {
			if count[st.Machine] == 0 {
				chain = append(chain, st.Machine)
			}
			count[st.Machine]++
		}
	}
	slices.SortStableFunc(chain, func(a, b string) int { return cmp.Compare(count[b], count[a]) })
	for _, m := range chain {
		if !slices.Contains(machines, m) {
			machines = append(machines, m)
		}
	}
	if len(machines) > nm {
		machines = machines[:nm]
	}
	for _, m := range machines {
		out = append(out, d.shifts(m, horizon, ot)...)
	}
	for i := range out {
		data, err := json.Marshal(out[i].patch)
		if err != nil {
			return nil, err
		}
		out[i].Patch = data
	}
	return out, nil
}
