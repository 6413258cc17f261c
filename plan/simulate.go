package plan

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// Policy is how a simulation answers the shop floor's events.
type Policy string

// The replanning policies of Simulate.
const (
	// PolicyRepair repairs the plan: it is the right shift (the
	// sequences kept, nothing re-sequenced, nothing pulled earlier: what
	// the events push moves right, as little as the constraints allow),
	// with the operations of new orders in the earliest gaps. The names
	// "right-shift" and "none" are aliases (ParsePolicy): without any
	// replanning the shop floor would right-shift the plan itself, and
	// new orders need a place anyway.
	PolicyRepair Policy = "repair"
	// PolicyOptimize repairs, then re-optimises with stability against
	// the plan (SimConfig.Optimizer, default dispatch:best).
	PolicyOptimize Policy = "optimize"
	// PolicyFull reschedules from scratch (SimConfig.Optimizer without a
	// reference), keeping history and running work only.
	PolicyFull Policy = "full"
)

// Policies lists the policies in the order Simulate reports them.
func Policies() []Policy { return []Policy{PolicyRepair, PolicyOptimize, PolicyFull} }

// ParsePolicy returns the policy of a name: repair, optimize or full, or
// the aliases of repair, right-shift and none.
func ParsePolicy(name string) (Policy, error) {
	switch name {
	case "right-shift", "none":
		return PolicyRepair, nil
	}
	for _, p := range Policies() {
		if string(p) == name {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown policy %q (want repair, right-shift, none, optimize or full)", name)
}

// Cadence is when a simulation replans.
type Cadence string

// The replanning cadences of Simulate.
const (
	// EveryEvent replans at every disruption (the default).
	EveryEvent Cadence = "event"
	// EveryShift replans at the start of every shift of the machines'
	// calendars (every 8 hours from tick 0 for machines without one),
	// the events accumulated since the last replan: rush orders wait for
	// the next shift start, late receipts are announced at the last
	// shift start before their planned date. A breakdown cannot wait: it
	// is answered at once.
	EveryShift Cadence = "shift"
)

// SimConfig describes the disruptions of a simulation. Durations are in
// ticks of the problem. The zero value simulates a plant where nothing
// goes wrong.
type SimConfig struct {
	// Seed draws the disruptions: the same seed gives every policy the
	// same disruptions.
	Seed uint64
	// Horizon is the time over which disruptions happen (0: the initial
	// plan's makespan).
	Horizon int64
	// MTBF and MTTR are each machine's mean time between failures and
	// mean time to repair (exponential; 0 MTBF: no breakdowns).
	MTBF, MTTR float64
	// DurationNoise makes each operation's real duration its planned one
	// times a factor drawn uniformly in [1-DurationNoise, 1+DurationNoise].
	DurationNoise float64
	// LateReceipts is the probability that a receipt arrives late, by a
	// delay drawn uniformly up to MaxReceiptDelay; the supplier says so
	// on the planned date.
	LateReceipts    float64
	MaxReceiptDelay int64
	// RushOrders is the number of rush orders arriving over the horizon:
	// copies of random orders (without materials) due RushSlack after
	// they arrive, with weight RushWeight (default 5).
	RushOrders int
	RushSlack  int64
	RushWeight float64
	// Optimizer is the solver of PolicyOptimize and PolicyFull (default
	// dispatch:best), run with WorkLimit (0: its default) and Stability.
	Optimizer solver.Solver
	WorkLimit int64
	Stability solver.Stability
	// FrozenSpan is the frozen horizon of PolicyOptimize after each
	// replan's now, when Stability.FrozenEnd is zero (0: until the end of
	// now's day, DefaultFrozenEnd).
	FrozenSpan int64
	// Every is when to replan ("": EveryEvent).
	Every Cadence
}

// SimResult is what one policy gave over a simulation.
type SimResult struct {
	Policy Policy `json:"policy"`
	// Every is the replanning cadence.
	Every Cadence `json:"every"`
	// WeightedTardiness and LateOrders are realised: measured on what the
	// shop floor did.
	WeightedTardiness float64 `json:"weighted_tardiness"`
	LateOrders        int     `json:"late_orders"`
	// Replans is the number of replans; Moved the operations they moved
	// (machine or start changed, in total) and MeanShift the mean |start
	// shift| of a moved operation (ticks); MachineChanges those that
	// changed machine.
	Replans        int     `json:"replans"`
	Moved          int     `json:"moved"`
	MovedPerReplan float64 `json:"moved_per_replan"`
	MeanShift      float64 `json:"mean_shift"`
	MachineChanges int     `json:"machine_changes"`
	// ReplanTime is the time spent replanning; Fallbacks counts replans
	// where the policy's solver failed and the repair was kept.
	ReplanTime time.Duration `json:"replan_ns"`
	Fallbacks  int           `json:"fallbacks"`
}

// disruption is one event the simulation sends at its time.
type disruption struct {
	at int64
	ev Event
}

// Simulate runs the plan of schedule s of problem p forward under random
// disruptions (cfg), once per policy, replanning at every disruption,
// and reports per policy what the shop floor realised. The shop floor
// executes the current plan: an operation starts at its planned start or,
// when its predecessor or the operation before it on the machine ends
// late, as soon as they end, and lasts its real duration; every start
// and completion is reported to the replanning (Events.AllReported).
func Simulate(ctx context.Context, p *model.Problem, s *schedule.Schedule, cfg SimConfig, policies []Policy) ([]SimResult, error) {
	if err := schedule.Verify(p, s); err != nil {
		return nil, fmt.Errorf("plan: simulate: the initial schedule: %w", err)
	}
	if cfg.Horizon <= 0 {
		cfg.Horizon = schedule.Makespan(s)
	}
	if cfg.Optimizer == nil {
		cfg.Optimizer = &dispatch.Solver{Name: "dispatch:best", Best: true}
	}
	switch cfg.Every {
	case "":
		cfg.Every = EveryEvent
	case EveryEvent, EveryShift:
	default:
		return nil, fmt.Errorf("plan: simulate: unknown cadence %q (want event or shift)", cfg.Every)
	}
	dis := disruptions(p, cfg)
	if cfg.Every == EveryShift {
		starts, err := shiftStarts(p, cfg.Horizon)
		if err != nil {
			return nil, fmt.Errorf("plan: simulate: %w", err)
		}
		dis = byShift(dis, starts)
	}
	var out []SimResult
	for _, pol := range policies {
		r, err := simulate(ctx, p, s, cfg, dis, pol)
		if err != nil {
			return nil, fmt.Errorf("plan: simulate %s: %w", pol, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// disruptions draws the events of a simulation, sorted by time.
func disruptions(p *model.Problem, cfg SimConfig) []disruption {
	r := rand.New(rand.NewPCG(cfg.Seed, 0x73696d))
	var out []disruption
	if cfg.MTBF > 0 {
		for m := range p.Machines {
			t := 0.0
			for {
				t += r.ExpFloat64() * cfg.MTBF
				if t >= float64(cfg.Horizon) {
					break
				}
				ttr := max(1, int64(math.Ceil(r.ExpFloat64()*cfg.MTTR)))
				at := int64(t)
				out = append(out, disruption{at, Breakdown(p.Machines[m].ID, at, at+ttr)})
				t += float64(ttr)
			}
		}
	}
	if cfg.LateReceipts > 0 && cfg.MaxReceiptDelay > 0 {
		for _, mat := range p.Materials {
			for _, rc := range mat.Receipts {
				if rc.At > 0 && rc.At < cfg.Horizon && r.Float64() < cfg.LateReceipts {
					out = append(out, disruption{rc.At, ReceiptChanged(mat.ID, rc.At, rc.At+1+r.Int64N(cfg.MaxReceiptDelay), nil)})
				}
			}
		}
	}
	w := cfg.RushWeight
	if w <= 0 {
		w = 5
	}
	for i := 0; i < cfg.RushOrders && len(p.Jobs) > 0; i++ {
		at := 1 + r.Int64N(max(cfg.Horizon-1, 1))
		src := &p.Jobs[r.IntN(len(p.Jobs))]
		job := src.Clone()
		job.ID = fmt.Sprintf("RUSH-%03d", i+1)
		job.Release, job.Deadline, job.Weight = at, nil, w
		job.Due = model.Tick(at + cfg.RushSlack)
		local := true
		for k := range job.Operations {
			op := &job.Operations[k]
			op.Fixed, op.Consumes, op.Produces = nil, nil, nil
			for _, l := range op.After {
				local = local && l.Job == ""
			}
		}
		if local {
			out = append(out, disruption{at, OrderAdded(job)})
		}
	}
	slices.SortStableFunc(out, func(a, b disruption) int { return cmp.Compare(a.at, b.at) })
	return out
}

// shiftStarts returns the starts of the shifts of the machines'
// calendars in (0, horizon], sorted (every 8 hours from tick 0 when no
// machine has a calendar).
func shiftStarts(p *model.Problem, horizon int64) ([]int64, error) {
	seen := map[int64]bool{}
	used := map[string]bool{}
	always := false
	for _, m := range p.Machines {
		used[m.Calendar] = true
		always = always || m.Calendar == ""
	}
	for i := range p.Calendars {
		c := &p.Calendars[i]
		if !used[c.ID] {
			continue
		}
		for _, sh := range c.Shifts {
			// One shift at a time, so that back-to-back shifts stay apart.
			one := model.Calendar{ID: c.ID, TimeZone: c.TimeZone, Shifts: []model.Shift{sh}}
			ivs, err := p.CalendarIntervals(&one, horizon+1)
			if err != nil {
				return nil, err
			}
			for _, iv := range ivs {
				if iv.Start > 0 {
					seen[iv.Start] = true
				}
			}
		}
	}
	if always || len(seen) == 0 {
		step := max(1, hours(p, 8))
		for t := step; t <= horizon; t += step {
			seen[t] = true
		}
	}
	out := make([]int64, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out, nil
}

// byShift moves the disruptions to the replans of the shift cadence: a
// breakdown stays at its time, a late receipt goes to the last shift start
// at or before its planned date, anything else to the next shift start
// at or after its time; every shift start without a disruption gets a
// replan too (a nil event).
func byShift(dis []disruption, starts []int64) []disruption {
	var out []disruption
	for _, d := range dis {
		switch d.ev.Type {
		case TypeBreakdown:
		case TypeReceiptChanged:
			if i, _ := slices.BinarySearch(starts, d.at+1); i > 0 {
				d.at = starts[i-1]
			}
		default:
			if i, _ := slices.BinarySearch(starts, d.at); i < len(starts) {
				d.at = starts[i]
			}
		}
		out = append(out, d)
	}
	for _, t := range starts {
		out = append(out, disruption{at: t})
	}
	slices.SortStableFunc(out, func(a, b disruption) int { return cmp.Compare(a.at, b.at) })
	return out
}

// floor is the shop floor of one simulation: what started and ended.
type floor struct {
	cfg      SimConfig
	jobs     map[string]*model.Job // the orders as first known (real durations)
	started  map[opKey]startRec
	finished map[opKey]int64
}

type opKey struct {
	job string
	op  int
}

type startRec struct {
	machine string
	at      int64
}

// duration returns the real duration of an operation on a machine.
func (f *floor) duration(k opKey, machine string, planned int64) int64 {
	job := f.jobs[k.job]
	if job != nil && k.op < len(job.Operations) {
		if a := altOn(&job.Operations[k.op], machine); a >= 0 {
			planned = job.Operations[k.op].Alternatives[a].ProcessingTime(job.Quantity)
		}
	}
	if f.cfg.DurationNoise <= 0 || planned == 0 {
		return planned
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/%d", f.cfg.Seed, k.job, k.op)
	u := float64(h.Sum64()>>11) / (1 << 53)
	return max(1, int64(math.Round(float64(planned)*(1+f.cfg.DurationNoise*(2*u-1)))))
}

// execute runs plan pl as the shop floor would until until: it returns
// the real placement of every operation (machine, start, end).
func (f *floor) execute(pl *Plan) map[opKey][3]int64 {
	p, s := pl.Problem, pl.Schedule
	order := slices.Clone(s.Assignments)
	slices.SortFunc(order, func(a, b schedule.Assignment) int {
		if r := cmp.Compare(a.Start, b.Start); r != 0 {
			return r
		}
		return cmp.Compare(a.End, b.End)
	})
	x := p.NewIndex()
	preds := map[model.OpRef][]model.Arc{}
	for _, a := range p.Arcs(x) {
		preds[a.To] = append(preds[a.To], a)
	}
	ends := map[model.OpRef]int64{}
	machEnd := make([]int64, len(p.Machines))
	for m := range machEnd {
		machEnd[m] = math.MinInt64
	}
	out := make(map[opKey][3]int64, len(order))
	for _, a := range order {
		job := &p.Jobs[a.Job]
		k := opKey{job.ID, a.Op}
		mid := p.Machines[a.Machine].ID
		var st, en int64
		switch rec, ok := f.started[k]; {
		case ok:
			st = rec.at
			if e, done := f.finished[k]; done {
				en = e
			} else {
				en = st + f.duration(k, rec.machine, a.End-a.Start)
			}
			if m, ok := x.Machines[rec.machine]; ok {
				a.Machine = m
			}
		default:
			st = a.Start
			if machEnd[a.Machine] != math.MinInt64 {
				st = max(st, machEnd[a.Machine]+(a.Start-a.SetupStart))
			}
			for _, arc := range preds[model.OpRef{Job: a.Job, Op: a.Op}] {
				if e, ok := ends[arc.From]; ok {
					st = max(st, e+arc.MinLag)
				}
			}
			en = st + f.duration(k, mid, a.End-a.Start)
		}
		ends[model.OpRef{Job: a.Job, Op: a.Op}] = en
		machEnd[a.Machine] = max(machEnd[a.Machine], en)
		out[k] = [3]int64{int64(a.Machine), st, en}
	}
	return out
}

// report returns the starts and completions before t that the floor has
// not reported yet, and records them.
func (f *floor) report(pl *Plan, real map[opKey][3]int64, t int64) []Event {
	keys := make([]opKey, 0, len(real))
	for k := range real {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b opKey) int {
		if r := cmp.Compare(real[a][1], real[b][1]); r != 0 {
			return r
		}
		if r := cmp.Compare(a.job, b.job); r != 0 {
			return r
		}
		return cmp.Compare(a.op, b.op)
	})
	var evs []Event
	for _, k := range keys {
		r := real[k]
		if r[1] >= t {
			continue
		}
		mid := pl.Problem.Machines[r[0]].ID
		if _, ok := f.started[k]; !ok {
			f.started[k] = startRec{mid, r[1]}
			evs = append(evs, Started(k.job, fmt.Sprint(k.op), mid, r[1]))
		}
		if _, ok := f.finished[k]; !ok && r[2] <= t {
			f.finished[k] = r[2]
			evs = append(evs, Completed(k.job, fmt.Sprint(k.op), r[2]))
		}
	}
	return evs
}

func simulate(ctx context.Context, p *model.Problem, s *schedule.Schedule, cfg SimConfig, dis []disruption, pol Policy) (SimResult, error) {
	res := SimResult{Policy: pol, Every: cfg.Every}
	f := &floor{cfg: cfg, jobs: map[string]*model.Job{}, started: map[opKey]startRec{}, finished: map[opKey]int64{}}
	for j := range p.Jobs {
		f.jobs[p.Jobs[j].ID] = &p.Jobs[j]
		for k, op := range p.Jobs[j].Operations {
			if op.Fixed != nil {
				f.started[opKey{p.Jobs[j].ID, k}] = startRec{op.Fixed.Machine, op.Fixed.Start}
			}
		}
	}
	pl := New(p, s, 0)
	var shift int64
	for i := 0; i < len(dis); {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		t := dis[i].at
		real := f.execute(pl)
		evs := &Events{Now: max(t, pl.Now), AllReported: true, Events: f.report(pl, real, t)}
		for ; i < len(dis) && dis[i].at == t; i++ {
			ev := dis[i].ev
			if ev.Type == "" {
				continue // a shift start
			}
			if ev.Type == TypeOrderAdded {
				f.jobs[ev.Job] = ev.NewJob
			}
			evs.Events = append(evs.Events, ev)
		}
		t0 := time.Now()
		np, err := Apply(pl, evs)
		if err != nil {
			return res, err
		}
		// Interrupted operations start again.
		for k := range f.started {
			if _, done := f.finished[k]; done {
				continue
			}
			if j := slices.IndexFunc(np.Problem.Jobs, func(j model.Job) bool { return j.ID == k.job }); j >= 0 && np.Problem.Jobs[j].Operations[k.op].Fixed == nil {
				delete(f.started, k)
			}
		}
		repaired, err := Repair(np)
		if err != nil {
			return res, err
		}
		next := *np
		next.Schedule = repaired
		if pol != PolicyRepair {
			opts := solver.Options{Seed: cfg.Seed, WorkLimit: cfg.WorkLimit}
			if pol == PolicyOptimize {
				opts.Reference, opts.Hint, opts.Stability = np.Schedule, repaired, cfg.Stability
				switch {
				case opts.Stability.FrozenEnd != 0:
				case cfg.FrozenSpan > 0:
					opts.Stability.FrozenEnd = np.Now + cfg.FrozenSpan
				default:
					opts.Stability.FrozenEnd = DefaultFrozenEnd(np.Problem, np.Now)
				}
			}
			r, err := cfg.Optimizer.Solve(ctx, np.Problem, opts)
			if err == nil && r.Schedule != nil && len(schedule.Check(np.Problem, r.Schedule)) == 0 {
				next.Schedule = r.Schedule
			} else {
				// The solver failed (a deadline it cannot meet): keep the
				// repair.
				res.Fallbacks++
			}
		}
		res.ReplanTime += time.Since(t0)
		d := Compare(pl, &next, model.Objective{})
		res.Replans++
		res.Moved += len(d.Moved)
		res.MachineChanges += d.MachineChanges
		shift += d.TotalShift
		pl = &next
	}
	real := f.execute(pl)
	comp := map[string]int64{}
	for k, r := range real {
		comp[k.job] = max(comp[k.job], r[2])
	}
	for _, job := range pl.Problem.Jobs {
		if job.Due == nil {
			continue
		}
		if late := comp[job.ID] - *job.Due; late > 0 {
			res.WeightedTardiness += job.JobWeight() * float64(late)
			res.LateOrders++
		}
	}
	if res.Replans > 0 {
		res.MovedPerReplan = float64(res.Moved) / float64(res.Replans)
	}
	if res.Moved > 0 {
		res.MeanShift = float64(shift) / float64(res.Moved)
	}
	return res, nil
}
