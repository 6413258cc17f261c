package dispatch

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// JIT is a just-in-time rule: the candidate whose job has the least slack
// per unit of weight goes first, slack being the due date minus the
// decision time minus the job's remaining work (negative when the job is
// already bound to be late). Jobs without a due date come last. Built
// forward, the plan still finishes early work early; RightShift then
// moves it towards its due date.
func JIT(v *View, i int) float64 {
	d, ok := v.Due(i)
	if !ok {
		return math.MaxFloat64 / 4
	}
	slack := float64(d - v.Now() - v.RemainingWork(i))
	w := v.Weight(i)
	if slack < 0 {
		return slack * w // the latest first, heavier first
	}
	return slack / w
}

// wantsRightShift reports whether obj rewards finishing no earlier than
// needed: a weighted_earliness or cost term.
func wantsRightShift(obj model.Objective) bool {
	for _, t := range obj.Terms {
		if t.Weight > 0 && (t.Criterion == model.WeightedEarliness || t.Criterion == model.Cost) {
			return true
		}
	}
	return false
}

// wantsCost reports whether obj has a cost term.
func wantsCost(obj model.Objective) bool {
	for _, t := range obj.Terms {
		if t.Weight > 0 && t.Criterion == model.Cost {
			return true
		}
	}
	return false
}

// RightShift returns a copy of s (a feasible schedule of p) in which
// finished work is moved later towards its due date without making
// anything late and keeping every constraint: each machine keeps its
// sequence; operations are taken in decreasing order of End and moved as
// late as their successors (with lags), the next operation on their
// machine (its setup start), their job's due date and deadline (for the
// operations ending the job) and the machine's regular working time (never
// into overtime windows) allow. An operation with operators moves only to
// where its operator pools are working and have operators free for it
// (beside the other operations at their places so far); it keeps its
// place when it is also resumable. An operation keeps its place when it is
// fixed, produces material (its consumers might then run short) or is
// resumable on a machine with a calendar and cannot fit later; consuming
// later never makes a stock negative. A job without a due date keeps its
// last operations in place. Passes repeat (at most shiftPasses) while
// something moves.
//
// The result is checked (schedule.Check); when the check fails, s itself
// is returned, so the result is always feasible when s is.
func RightShift(p *model.Problem, s *schedule.Schedule) *schedule.Schedule {
	return rightShift(p, s, false)
}

// RightShiftCost is RightShift for the cost objective: an operation moves
// only when its machine time (schedule.Pricer: night and weekend premiums)
// costs no more at its new place, plus, for the operations ending a job,
// the finished-goods holding cost the move saves.
func RightShiftCost(p *model.Problem, s *schedule.Schedule) *schedule.Schedule {
	return rightShift(p, s, true)
}

// shiftPasses bounds the passes of rightShift: a move can make room for
// work that a pass has already looked at (an operator freed, a successor
// moved), so passes repeat while something moves.
const shiftPasses = 4

func rightShift(p *model.Problem, s *schedule.Schedule, priced bool) *schedule.Schedule {
	out := NewShifter(p, priced).Shift(s)
	if out == s || len(schedule.Check(p, out)) > 0 {
		return s
	}
	return out
}

// Shifter right-shifts plans of one problem as RightShift (or
// RightShiftCost) does, keeping the calendars it expands (and the pricer)
// from one plan to the next while the horizon (the planning horizon, or
// the plan's makespan + 1 when later) stays the same: for searches that
// right-shift many plans of one problem (the GA). A Shifter is not safe
// for concurrent use.
type Shifter struct {
	p      *model.Problem
	priced bool
	// horizon is the horizon of the cached calendars (ok: they are).
	horizon int64
	ok      bool
	// mach: the machines' regular working intervals (nil: always);
	// pools: the operator pools' (nil: always; poolsOK false when one
	// cannot be expanded); pr: the pricer (priced).
	mach    [][]model.Interval
	machOK  bool
	pools   [][]model.Interval
	poolsOK bool
	pr      *schedule.Pricer
}

// NewShifter returns a Shifter for p; priced selects RightShiftCost's
// moves (an operation moves only when its machine time costs no more
// there, holding saved included).
func NewShifter(p *model.Problem, priced bool) *Shifter {
	return &Shifter{p: p, priced: priced}
}

// Shift returns the right-shifted copy of s (a feasible schedule of the
// Shifter's problem), or s itself when nothing moves. Unlike RightShift it
// does not check the result: the caller checks the plans it keeps
// (schedule.Check).
func (sh *Shifter) Shift(s *schedule.Schedule) *schedule.Schedule {
	out, moved := shiftRight(sh.p, s, sh)
	if !moved {
		return s
	}
	for pass := 1; pass < shiftPasses; pass++ {
		next, more := shiftRight(sh.p, out, sh)
		if !more {
			break
		}
		out = next
	}
	return out
}

// calendars expands (or keeps) the calendars for horizon.
func (sh *Shifter) calendars(horizon int64) {
	if sh.ok && sh.horizon == horizon {
		return
	}
	p := sh.p
	sh.horizon, sh.ok = horizon, true
	sh.mach, sh.machOK = make([][]model.Interval, len(p.Machines)), true
	for m := range p.Machines {
		// the regular working time: work is never moved into paid
		// overtime
		mc := p.Machines[m]
		mc.Overtime = nil
		if mc.Calendar != "" || len(mc.Downtime) > 0 {
			iv, err := p.MachineIntervals(&mc, horizon)
			if err != nil {
				sh.machOK = false
				break
			}
			sh.mach[m] = iv
		}
	}
	sh.pools, sh.poolsOK = make([][]model.Interval, len(p.OperatorPools)), true
	for o := range p.OperatorPools {
		if p.OperatorPools[o].Calendar == "" {
			continue
		}
		iv, err := p.PoolIntervals(&p.OperatorPools[o], horizon)
		if err != nil {
			sh.poolsOK = false
			break
		}
		sh.pools[o] = iv
	}
	sh.pr = nil
	if sh.priced {
		sh.pr = schedule.NewPricer(p, horizon)
	}
}

// shiftRight is one pass of RightShift without the check, with the
// calendars of sh: it returns the shifted copy and whether anything moved.
func shiftRight(p *model.Problem, s *schedule.Schedule, sh *Shifter) (*schedule.Schedule, bool) {
	out := s.Clone()
	as := out.Assignments
	x := p.NewIndex()
	where := make([][]int, len(p.Jobs))
	for j := range p.Jobs {
		where[j] = make([]int, len(p.Jobs[j].Operations))
		for k := range where[j] {
			where[j][k] = -1
		}
	}
	for i, a := range as {
		if a.Job >= 0 && a.Job < len(p.Jobs) && a.Op >= 0 && a.Op < len(where[a.Job]) {
			where[a.Job][a.Op] = i
		}
	}
	succ := make([][]model.Arc, len(as))
	hasSucc := make([]bool, len(as))
	for _, arc := range p.Arcs(x) {
		f, t := where[arc.From.Job][arc.From.Op], where[arc.To.Job][arc.To.Op]
		if f < 0 || t < 0 {
			continue
		}
		succ[f] = append(succ[f], arc)
		if arc.From.Job == arc.To.Job {
			hasSucc[f] = true
		}
	}
	// next on the same machine, by start
	next := make([]int, len(as))
	byM := make([][]int, len(p.Machines))
	for i, a := range as {
		next[i] = -1
		if a.Machine >= 0 && a.Machine < len(p.Machines) {
			byM[a.Machine] = append(byM[a.Machine], i)
		}
	}
	horizon := max(p.PlanningHorizon(), schedule.Makespan(s)+1)
	sh.calendars(horizon)
	if !sh.machOK {
		return s, false
	}
	ivs := sh.mach
	for _, list := range byM {
		slices.SortFunc(list, func(a, b int) int { return cmp.Compare(as[a].Start, as[b].Start) })
		for n := 1; n < len(list); n++ {
			next[list[n-1]] = list[n]
		}
	}
	pr := sh.pr
	day := float64(24 * 60)
	if pr != nil {
		if !p.Epoch.IsZero() {
			day = float64(24*time.Hour) / float64(p.TickLength())
		}
	}
	// accept reports whether a may go to b: always, unless priced and
	// the machine time costs more than the holding saved.
	accept := func(a, b schedule.Assignment, final bool) bool {
		if pr == nil {
			return true
		}
		saved := 0.0
		if final {
			saved = p.Jobs[a.Job].HoldingCostPerDay * float64(b.End-a.End) / day
		}
		return pr.MachineTime(b) <= pr.MachineTime(a)+saved+1e-9
	}
	pools := newPoolUse(p, as, sh)
	order := make([]int, len(as))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(as[b].End, as[a].End) })
	moved := false
	for _, i := range order {
		a := &as[i]
		job := &p.Jobs[a.Job]
		op := &job.Operations[a.Op]
		if op.Fixed != nil || len(op.Produces) > 0 || (len(op.Operators) > 0 && (op.Resumable || pools == nil)) {
			continue
		}
		cal := ivs[a.Machine]
		latest := int64(math.MaxInt64)
		for _, arc := range succ[i] {
			t := &as[where[arc.To.Job][arc.To.Op]]
			latest = min(latest, t.Start-arc.MinLag)
		}
		if !hasSucc[i] {
			if job.Due == nil {
				continue
			}
			latest = min(latest, *job.Due)
		}
		if job.Deadline != nil {
			latest = min(latest, *job.Deadline)
		}
		if n := next[i]; n >= 0 {
			latest = min(latest, as[n].SetupStart)
		}
		if latest <= a.End || latest == math.MaxInt64 {
			continue
		}
		if op.Resumable && cal != nil {
			if ss, st, e, ok := latestResumable(cal, latest, workIn(cal, a.SetupStart, a.Start), workIn(cal, a.Start, a.End)); ok && e > a.End && ss >= a.SetupStart {
				b := *a
				b.SetupStart, b.Start, b.End = ss, st, e
				if accept(*a, b, !hasSucc[i]) {
					*a = b
					moved = true
				}
			}
			continue
		}
		block := a.End - a.SetupStart
		end := latestFit(cal, latest, block, a.End)
		if len(a.Operators) > 0 {
			end = pools.fit(i, a, end, cal, block)
		}
		if end <= a.End {
			continue
		}
		d := end - a.End
		b := *a
		b.SetupStart += d
		b.Start += d
		b.End += d
		if accept(*a, b, !hasSucc[i]) {
			*a = b // pools sees it: it indexes as
			moved = true
		}
	}
	return out, moved
}

// latestFit returns the latest end, at most latest, of a block of the given
// length inside one working interval of cal (sorted, disjoint; nil: always
// working), or -1 when there is none after floor.
func latestFit(cal []model.Interval, latest, block, floor int64) int64 {
	if cal == nil {
		return latest
	}
	k, _ := slices.BinarySearchFunc(cal, latest, func(iv model.Interval, t int64) int { return cmp.Compare(iv.Start, t) })
	for k--; k >= 0; k-- {
		e := min(cal[k].End, latest)
		if e-block >= cal[k].Start {
			return e
		}
		if cal[k].End <= floor {
			break
		}
	}
	return -1
}

// poolUse is the use of the operator pools by a plan being shifted: per
// pool its working time (nil: always available) and the assignments using
// it.
type poolUse struct {
	p    *model.Problem
	as   []schedule.Assignment
	cal  [][]model.Interval
	uses [][]int // per pool: assignment indices, one entry per operator
}

// newPoolUse indexes the operator use of the assignments as; nil when p
// has operator pools whose working time cannot be expanded (operations
// with operators then keep their places).
func newPoolUse(p *model.Problem, as []schedule.Assignment, sh *Shifter) *poolUse {
	if !sh.poolsOK {
		return nil
	}
	u := &poolUse{p: p, as: as, cal: sh.pools, uses: make([][]int, len(p.OperatorPools))}
	for i, a := range as {
		for _, o := range a.Operators {
			if o < 0 || o >= len(u.uses) {
				return nil
			}
			u.uses[o] = append(u.uses[o], i)
		}
	}
	return u
}

// fit returns the latest end, at most end, at which assignment i (a, with
// operators, not resumable; its block of setup and processing ending there
// inside one working interval of the machine's calendar cal) also runs
// inside one working interval of each of its pools with operators free
// for it; a.End or less when it cannot move later. Each candidate that
// fails gives a smaller one, so the search ends.
func (u *poolUse) fit(i int, a *schedule.Assignment, end int64, cal []model.Interval, block int64) int64 {
	proc := a.End - a.Start
	for tries := 0; tries < 64 && end > a.End; tries++ {
		next := end
		for n, o := range a.Operators {
			if slices.Index(a.Operators, o) < n {
				continue // each pool once
			}
			if c := u.cal[o]; c != nil {
				if e := latestFit(c, end, proc, a.End); e < end {
					next = min(next, e)
					continue
				}
			}
			need := 0
			for _, x := range a.Operators {
				if x == o {
					need++
				}
			}
			if e := u.free(o, i, end-proc, end, need); e < end {
				next = min(next, e)
			}
		}
		if next == end {
			return end
		}
		end = latestFit(cal, next, block, a.End)
	}
	return -1
}

// free reports whether need more operators of pool o are free over
// [start, end) beside the other assignments than i using it: end when they
// are, otherwise a smaller end to try (the latest start of a use that
// overlaps the interval, so that the next candidate ends before it).
func (u *poolUse) free(o, i int, start, end int64, need int) int64 {
	type ev struct {
		at    int64
		delta int
	}
	var evs []ev
	latest := int64(-1)
	for _, k := range u.uses[o] {
		b := &u.as[k]
		if k == i || b.Start >= end || b.End <= start || b.Start >= b.End {
			continue
		}
		evs = append(evs, ev{max(b.Start, start), 1}, ev{b.End, -1})
		latest = max(latest, b.Start)
	}
	if len(evs) == 0 {
		return end
	}
	slices.SortFunc(evs, func(x, y ev) int {
		if c := cmp.Compare(x.at, y.at); c != 0 {
			return c
		}
		return cmp.Compare(x.delta, y.delta) // ends first
	})
	use, peak := 0, 0
	for _, e := range evs {
		use += e.delta
		peak = max(peak, use)
	}
	if peak+need <= u.p.OperatorPools[o].Capacity {
		return end
	}
	return latest
}

// workIn returns the working ticks of cal (sorted, disjoint) in [a, b).
func workIn(cal []model.Interval, a, b int64) int64 {
	var w int64
	k, _ := slices.BinarySearchFunc(cal, a, func(iv model.Interval, t int64) int { return cmp.Compare(iv.End, t) })
	for ; k < len(cal) && cal[k].Start < b; k++ {
		w += max(0, min(cal[k].End, b)-max(cal[k].Start, a))
	}
	return w
}

// latestResumable places a resumable operation needing setup then proc
// working ticks of cal as late as possible ending by latest: it returns its
// setup start, start and end, and false when it does not fit.
func latestResumable(cal []model.Interval, latest, setup, proc int64) (ss, st, end int64, ok bool) {
	k, _ := slices.BinarySearchFunc(cal, latest, func(iv model.Interval, t int64) int { return cmp.Compare(iv.Start, t) })
	k--
	if k < 0 {
		return 0, 0, 0, false
	}
	end = min(cal[k].End, latest)
	t := end
	back := func(need int64) bool {
		for need > 0 {
			if k < 0 {
				return false
			}
			t = min(t, cal[k].End)
			avail := t - cal[k].Start
			if avail >= need {
				t -= need
				return true
			}
			need -= avail
			k--
			if k >= 0 {
				t = cal[k].End
			}
		}
		return true
	}
	if !back(proc) {
		return 0, 0, 0, false
	}
	st = t
	if !back(setup) {
		return 0, 0, 0, false
	}
	return t, st, end, true
}

// delayFractions are the shares of a job's window (release to due date)
// in which delayedReleases lets it start: the just-in-time builds.
var delayFractions = []float64{0.2, 0.35, 0.5, 0.65, 0.8, 0.9}

// jitConfigs returns the configurations of the just-in-time builds: first
// and the non-delay ATC and JIT rules.
func jitConfigs(first Config) []Config {
	atc, jit := first, first
	atc.Rule, atc.Scheme, atc.Insertion = ATC(DefaultATCK), NonDelay, false
	jit.Rule, jit.Scheme, jit.Insertion = JIT, NonDelay, false
	return []Config{first, atc, jit}
}

// delayedReleases returns a copy of p in which every job with a due date
// (and without fixed operations) is released no earlier than
// due - f x (due - release): work starts closer to when it is needed. A
// plan of the copy is a plan of p (only releases are later).
func delayedReleases(p *model.Problem, f float64) *model.Problem {
	q := *p
	q.Jobs = append([]model.Job(nil), p.Jobs...)
	for j := range q.Jobs {
		job := &q.Jobs[j]
		if job.Due == nil || *job.Due <= job.Release {
			continue
		}
		fixed := false
		for k := range job.Operations {
			fixed = fixed || job.Operations[k].Fixed != nil
		}
		if fixed {
			continue
		}
		job.Release = max(job.Release, *job.Due-int64(f*float64(*job.Due-job.Release)))
	}
	return &q
}

// jitBuilds builds with cfg on copies of p with delayed releases
// (delayedReleases) and offers every plan that passes the check on p,
// right-shifted; it stops when ctx is done.
func jitBuilds(ctx context.Context, p *model.Problem, cfg Config, offer func(*schedule.Schedule)) {
	for _, f := range delayFractions {
		if ctx.Err() != nil {
			return
		}
		s, err := Build(ctx, delayedReleases(p, f), cfg)
		if err != nil || len(schedule.Check(p, s)) > 0 {
			continue
		}
		offer(s)
	}
}

// guardFractions are the shares of a job's window (release to due date)
// in which guardedBuilds first lets it start.
var guardFractions = []float64{0.35, 0.5, 0.65, 0.8}

// guardRounds bounds the rebuilds of guardedBuilds per fraction.
const guardRounds = 16

// guardedBuilds looks for just-in-time plans that keep the tardiness of ref,
// one of the plans of least weighted tardiness found so far (built with
// cfg): for each fraction f of guardFractions it builds with cfg on
// releases delayed towards the due dates (delayedReleases), then, round
// after round, gives back part of its delay to every job that the delay
// made later than in ref (half of it, all of it when the job's tardiness
// more than doubled), or halves every delay when the jobs made later are
// not delayed themselves (the others' delays crowd them), and builds
// again, until no job is later than in ref or guardRounds rounds have
// passed. Releases only ever move back towards the problem's: the rounds
// lead from the just-in-time plan towards ref, and the plans on the way
// keep most jobs near their due dates with little more tardiness than ref.
// Every plan that passes the check on p is offered (offer right-shifts
// it). spend is told the work of each build and returns false to stop
// (work limit). guardedBuilds returns false when it stopped early: ctx done
// or spend said stop.
func guardedBuilds(ctx context.Context, p *model.Problem, cfg Config, ref *schedule.Schedule, offer func(*schedule.Schedule), spend func(work int64) bool) bool {
	if ref == nil {
		return true
	}
	refT := tardinessByJob(p, ref)
	for _, f := range guardFractions {
		q := delayedReleases(p, f)
		for round := 0; round < guardRounds; round++ {
			if ctx.Err() != nil {
				return false
			}
			b, err := NewBuilder(q)
			if err != nil {
				break
			}
			err = b.Run(ctx, cfg)
			if !spend(b.Work()) {
				return false
			}
			if err != nil {
				break
			}
			s := b.Schedule()
			if len(schedule.Check(p, s)) > 0 {
				break
			}
			offer(s)
			tard := tardinessByJob(p, s)
			changed, harmed := false, false
			for j := range q.Jobs {
				r0, r := p.Jobs[j].Release, q.Jobs[j].Release
				harmed = harmed || tard[j] > refT[j]
				if r <= r0 || tard[j] <= refT[j] {
					continue
				}
				if tard[j] > 2*refT[j] {
					q.Jobs[j].Release = r0
				} else {
					q.Jobs[j].Release = r0 + (r-r0)/2
				}
				changed = true
			}
			if !harmed {
				break
			}
			if !changed {
				// the jobs made late are not delayed themselves: the
				// others' delays crowd them, so every delay shrinks
				for j := range q.Jobs {
					r0 := p.Jobs[j].Release
					q.Jobs[j].Release = r0 + (q.Jobs[j].Release-r0)/2
				}
			}
		}
	}
	return true
}

// tardinessByJob returns max(0, C - due) of every job of p in s (0 for
// jobs without a due date).
func tardinessByJob(p *model.Problem, s *schedule.Schedule) []int64 {
	c := make([]int64, len(p.Jobs))
	for _, a := range s.Assignments {
		if a.Job >= 0 && a.Job < len(c) {
			c[a.Job] = max(c[a.Job], a.End)
		}
	}
	for j := range c {
		if d := p.Jobs[j].Due; d != nil && c[j] > *d {
			c[j] -= *d
		} else {
			c[j] = 0
		}
	}
	return c
}

// guardRefs is the number of least tardy builds that guardedBuilds starts
// from.
const guardRefs = 6

// tardBuild is a build and its weighted tardiness.
type tardBuild struct {
	s   *schedule.Schedule
	cfg Config
	wt  float64
}

// keepLeastTardy adds b to refs, the guardRefs builds of least weighted
// tardiness so far in increasing order (ties: the earlier first), and
// returns the new list. A build whose plan is already in refs (another
// configuration giving the same plan) is not added: the guarded builds
// from it would mostly repeat.
func keepLeastTardy(refs []tardBuild, b tardBuild) []tardBuild {
	for _, r := range refs {
		if r.wt == b.wt && samePlan(r.s, b.s) {
			return refs
		}
	}
	k := len(refs)
	for k > 0 && b.wt < refs[k-1].wt {
		k--
	}
	if k >= guardRefs {
		return refs
	}
	refs = slices.Insert(refs, k, b)
	if len(refs) > guardRefs {
		refs = refs[:guardRefs]
	}
	return refs
}

// samePlan reports whether a and b place every operation alike.
func samePlan(a, b *schedule.Schedule) bool {
	return slices.EqualFunc(a.Assignments, b.Assignments, func(x, y schedule.Assignment) bool {
		return x.Job == y.Job && x.Op == y.Op && x.Machine == y.Machine && x.SetupStart == y.SetupStart &&
			x.Start == y.Start && x.End == y.End && slices.Equal(x.Operators, y.Operators)
	})
}
