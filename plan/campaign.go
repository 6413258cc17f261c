package plan

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// ScenarioConfig shapes the disruption set of a campaign scenario
// (Scenario). Durations are in ticks of the problem. Zero fields take the
// defaults given.
type ScenarioConfig struct {
	// Seed draws the scenario.
	Seed uint64
	// NowMin and NowMax bound now, as shares of the published plan's
	// makespan [0.15, 0.5].
	NowMin, NowMax float64
	// BreakdownMin and BreakdownMax bound the breakdown's length [2 h,
	// 10 h]; it starts at now on one of the three busiest machines (by
	// work planned after now).
	BreakdownMin, BreakdownMax int64
	// LateStarts is the most operations reported started late [3]: among
	// those the plan starts in the 4 hours before now, started up to 2
	// hours late (never after now).
	LateStarts int
	// LateReceipts is the most receipts after now delayed [2], each by
	// 1 to 3 days.
	LateReceipts int
	// RushOrders is the most rush orders [3] (at least one): copies of
	// random orders (without materials) released at now, due 1 to 3 days
	// later, of weight 5.
	RushOrders int
}

// hours converts h hours to ticks of p (minutes for a unitless problem).
func hours(p *model.Problem, h float64) int64 {
	if p.Epoch.IsZero() {
		return int64(h * 60)
	}
	return int64(h * float64(time.Hour) / float64(p.TickLength()))
}

// Scenario draws a realistic disruption set for the plan of schedule s of
// problem p (the published plan, at tick 0): at a now drawn in the plan,
// a busy machine breaks for hours, operations started late, receipts
// slip, rush orders arrive. The same seed gives the same events, and
// Apply accepts them for New(p, s, 0).
func Scenario(p *model.Problem, s *schedule.Schedule, cfg ScenarioConfig) (*Events, error) {
	r := rand.New(rand.NewPCG(cfg.Seed, 0x63616d70))
	if cfg.NowMin <= 0 && cfg.NowMax <= 0 {
		cfg.NowMin, cfg.NowMax = 0.15, 0.5
	}
	if cfg.NowMax < cfg.NowMin {
		return nil, fmt.Errorf("plan: scenario: NowMax %g < NowMin %g", cfg.NowMax, cfg.NowMin)
	}
	if cfg.BreakdownMin <= 0 {
		cfg.BreakdownMin = hours(p, 2)
	}
	if cfg.BreakdownMax < cfg.BreakdownMin {
		cfg.BreakdownMax = max(cfg.BreakdownMin, hours(p, 10))
	}
	if cfg.LateStarts == 0 {
		cfg.LateStarts = 3
	}
	if cfg.LateReceipts == 0 {
		cfg.LateReceipts = 2
	}
	if cfg.RushOrders <= 0 {
		cfg.RushOrders = 3
	}
	span := schedule.Makespan(s)
	if span <= 0 || len(p.Machines) == 0 {
		return nil, fmt.Errorf("plan: scenario: the plan is empty")
	}
	now := max(1, int64((cfg.NowMin+r.Float64()*(cfg.NowMax-cfg.NowMin))*float64(span)))
	evs := &Events{Now: now}

	// A busy machine breaks.
	load := make([]int64, len(p.Machines))
	for _, a := range s.Assignments {
		if a.End > now {
			load[a.Machine] += a.End - max(a.SetupStart, now)
		}
	}
	ms := make([]int, len(p.Machines))
	for m := range ms {
		ms[m] = m
	}
	slices.SortStableFunc(ms, func(a, b int) int { return cmp.Compare(load[b], load[a]) })
	m := ms[r.IntN(min(3, len(ms)))]
	dur := cfg.BreakdownMin + r.Int64N(cfg.BreakdownMax-cfg.BreakdownMin+1)
	evs.Events = append(evs.Events, Breakdown(p.Machines[m].ID, now, now+dur))

	// Operations started late: planned to start in the 4 hours before
	// now, each the last one its machine starts before now and the last
	// its job starts before now (so that nothing assumed to follow the
	// plan runs into the delay), and not on the broken machine.
	lastOnMachine := map[int]int{} // machine -> assignment starting last before now
	lastOfJob := map[int]int{}
	for i, a := range s.Assignments {
		if a.SetupStart >= now {
			continue
		}
		if k, ok := lastOnMachine[a.Machine]; !ok || s.Assignments[k].SetupStart < a.SetupStart {
			lastOnMachine[a.Machine] = i
		}
		if k, ok := lastOfJob[a.Job]; !ok || s.Assignments[k].Start < a.Start {
			lastOfJob[a.Job] = i
		}
	}
	var cands []int
	for mach, i := range lastOnMachine {
		a := s.Assignments[i]
		op := &p.Jobs[a.Job].Operations[a.Op]
		if mach == m || op.Fixed != nil || a.SetupStart != a.Start || a.Start < now-hours(p, 4) || lastOfJob[a.Job] != i || len(a.Operators) > 0 {
			continue
		}
		cands = append(cands, i)
	}
	slices.Sort(cands)
	r.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	for _, i := range cands[:min(len(cands), cfg.LateStarts)] {
		a := s.Assignments[i]
		delay := 1 + r.Int64N(max(1, min(hours(p, 2), now-a.Start)))
		at := min(now, a.Start+delay)
		job := &p.Jobs[a.Job]
		evs.Events = append(evs.Events, Started(job.ID, fmt.Sprint(a.Op), p.Machines[a.Machine].ID, at))
	}

	// Late receipts.
	type rc struct {
		mat string
		at  int64
	}
	var rcs []rc
	for _, mat := range p.Materials {
		for _, x := range mat.Receipts {
			if x.At > now {
				rcs = append(rcs, rc{mat.ID, x.At})
			}
		}
	}
	r.Shuffle(len(rcs), func(i, j int) { rcs[i], rcs[j] = rcs[j], rcs[i] })
	seen := map[rc]bool{}
	for _, x := range rcs[:min(len(rcs), cfg.LateReceipts)] {
		if seen[x] {
			continue
		}
		seen[x] = true
		to := x.at + hours(p, 24) + r.Int64N(hours(p, 48)+1)
		evs.Events = append(evs.Events, ReceiptChanged(x.mat, x.at, to, nil))
	}

	// Rush orders.
	n := 1 + r.IntN(cfg.RushOrders)
	for i, tries := 0, 0; i < n && tries < 20*n && len(p.Jobs) > 0; tries++ {
		src := &p.Jobs[r.IntN(len(p.Jobs))]
		job := src.Clone()
		local := true
		for k := range job.Operations {
			op := &job.Operations[k]
			op.Fixed, op.Consumes, op.Produces = nil, nil, nil
			for _, l := range op.After {
				local = local && l.Job == ""
			}
		}
		if !local {
			continue
		}
		i++
		job.ID = fmt.Sprintf("RUSH-%d", i)
		job.Release, job.Deadline, job.Weight = now, nil, 5
		job.Due = model.Tick(now + hours(p, 24) + r.Int64N(hours(p, 48)+1))
		evs.Events = append(evs.Events, OrderAdded(job))
	}
	return evs, nil
}

// CampaignPolicy is one way of answering a campaign scenario.
type CampaignPolicy struct {
	// Name names the policy in reports.
	Name string
	// Solver is nil for repair alone; otherwise it solves the new
	// problem, with the published plan as reference and the repair as
	// hint when Stable is set (re-optimisation with stability), from
	// scratch otherwise (full reschedule: history and running work kept,
	// as Apply fixes them).
	Solver solver.Solver
	Stable bool
	// TimeLimit and WorkLimit bound the solver (0: none).
	TimeLimit time.Duration
	WorkLimit int64
	// Stability weighs the moves of a stable policy; its FrozenEnd, when
	// zero, is DefaultFrozenEnd of now.
	Stability solver.Stability
	// HintFrom names an earlier policy of the same RunScenario call whose
	// plan is the solver's hint (a full reschedule started from another
	// one); its time is added to this policy's. Ignored for stable
	// policies, whose hint is the repair.
	HintFrom string
}

// CampaignOutcome is what one policy gave on one scenario.
type CampaignOutcome struct {
	Policy string `json:"policy"`
	// Objective is the new plan's value of the problem's objective
	// (without the stability penalty).
	Objective float64 `json:"objective"`
	// Moved counts the operations of the published plan whose machine or
	// start the new plan changes; MachineChanges those that changed
	// machine; MaxShift the largest |start shift| (ticks).
	Moved          int   `json:"moved"`
	MachineChanges int   `json:"machine_changes"`
	MaxShift       int64 `json:"max_shift"`
	// MovedHour counts the moves that changed machine or shifted the
	// start by more than an hour (60 ticks for a unitless problem).
	MovedHour int `json:"moved_hour"`
	// Elapsed is the time replanning took (Apply excluded; the repair
	// included for the stable policies, which start from it).
	Elapsed time.Duration `json:"elapsed_ns"`
	// Error says why the policy gave no plan ("" when it did).
	Error string `json:"error,omitempty"`
}

// RunScenario applies evs to the plan pl and answers the new plan by
// every policy: the outcome of each, in order. Every schedule returned
// passed schedule.Check against the new problem.
func RunScenario(ctx context.Context, pl *Plan, evs *Events, policies []CampaignPolicy) ([]CampaignOutcome, error) {
	np, err := Apply(pl, evs)
	if err != nil {
		return nil, err
	}
	obj := np.Problem.Objective.Normalized()
	var out []CampaignOutcome
	plans := map[string]*schedule.Schedule{}
	times := map[string]time.Duration{}
	hour := hours(np.Problem, 1)
	for _, pol := range policies {
		o := CampaignOutcome{Policy: pol.Name}
		t0 := time.Now()
		var s, repaired *schedule.Schedule
		var err error
		if pol.Solver == nil || pol.Stable {
			repaired, err = Repair(np)
		}
		switch {
		case err != nil:
		case pol.Solver == nil:
			s = repaired
		default:
			opts := solver.Options{Seed: 1, TimeLimit: pol.TimeLimit, WorkLimit: pol.WorkLimit}
			if pol.Stable {
				opts.Reference, opts.Hint, opts.Stability = np.Schedule, repaired, pol.Stability
				if opts.Stability.FrozenEnd == 0 {
					opts.Stability.FrozenEnd = DefaultFrozenEnd(np.Problem, np.Now)
				}
			} else if h := plans[pol.HintFrom]; h != nil {
				opts.Hint = h
				t0 = t0.Add(-times[pol.HintFrom])
			}
			var r *solver.Result
			if r, err = pol.Solver.Solve(ctx, np.Problem, opts); err == nil {
				if r.Schedule == nil {
					err = fmt.Errorf("no schedule (status %s)", r.Status)
				} else {
					s = r.Schedule
				}
			}
		}
		o.Elapsed = time.Since(t0)
		if err == nil {
			err = schedule.Verify(np.Problem, s)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			o.Error = err.Error()
			out = append(out, o)
			continue
		}
		o.Objective = schedule.Evaluate(np.Problem, s, obj)
		next := *np
		next.Schedule = s
		d := Compare(np, &next, obj)
		o.Moved, o.MachineChanges, o.MaxShift = len(d.Moved), d.MachineChanges, d.MaxShift
		for _, mv := range d.Moved {
			if mv.FromMachine != mv.ToMachine || mv.Shift > hour || mv.Shift < -hour {
				o.MovedHour++
			}
		}
		plans[pol.Name], times[pol.Name] = s, o.Elapsed
		out = append(out, o)
	}
	return out, nil
}
