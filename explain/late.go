package explain

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Kind is the kind of a cause of delay (or, for Processing and Lag, of
// time an order needs whatever the plan).
type Kind string

// The kinds of time on an order's chain.
const (
	// Machine: the machine was busy with other orders' operations (or the
	// free gap before the next one was too short).
	Machine Kind = "machine"
	// Setup: a setup on the machine before the operation.
	Setup Kind = "setup"
	// Closed: the machine was outside its weekly shifts; Reason is "night"
	// (a break shorter than a day) or "weekend" (a day or more).
	Closed Kind = "closed"
	// Holiday: a non-working exception of the machine's calendar; Reason
	// is the exception's reason.
	Holiday Kind = "holiday"
	// Downtime: a planned downtime of the machine; Reason is its reason.
	Downtime Kind = "downtime"
	// Material: the material was not in stock before a receipt or a
	// production (Reason says which, at what time).
	Material Kind = "material"
	// Operators: the operator pool was fully busy.
	Operators Kind = "operators"
	// OperatorsOff: the operator pool was outside its calendar.
	OperatorsOff Kind = "operators_off"
	// Release: a predecessor's order (a sub-assembly) was released later
	// than this order.
	Release Kind = "release"
	// Fixed: a fixed operation (frozen from the shop floor) starts where it
	// was frozen.
	Fixed Kind = "fixed"
	// Idle: nothing in the plan held the operation: the plan chose to
	// wait.
	Idle Kind = "idle"
	// Work: the order's own processing and lags take longer than the time
	// from its release to its due date (the order could not be on time
	// even alone in the plant).
	Work Kind = "work"
	// Processing: the operation's own processing (never a cause).
	Processing Kind = "processing"
	// Lag: a minimum time lag after a predecessor (never a cause).
	Lag Kind = "lag"
)

// intrinsic reports whether time of kind k is the order's own work.
func (k Kind) intrinsic() bool { return k == Processing || k == Lag }

// Segment is a stretch of an order's chain with one cause.
type Segment struct {
	// Kind is what the time was spent on.
	Kind Kind `json:"kind"`
	// Start and End bound the segment, in ticks.
	Start int64 `json:"start"`
	End   int64 `json:"end"`
	// Counted is the part of the segment counted in the lateness (see
	// Order): zero for Processing and Lag, and for waits the slack
	// absorbed.
	Counted int64 `json:"counted"`
	// Resource is the machine, pool or material ID concerned ("" for
	// Release, Fixed and Lag).
	Resource string `json:"resource,omitempty"`
	// Reason details the cause: "night" or "weekend" for Closed, the
	// exception's or downtime's reason, the receipt or production that
	// ended a material wait, the setup families.
	Reason string `json:"reason,omitempty"`
	// Orders are the IDs of the orders holding the resource (Machine,
	// Operators), supplying the material, or released later (Release).
	Orders []string `json:"orders,omitempty"`
	// Job and Op identify the chain operation the segment belongs to.
	Job string `json:"job"`
	Op  string `json:"op"`
}

// Step is one operation of a late order's chain of binding constraints,
// from the last operation back.
type Step struct {
	Job     string `json:"job"`
	Op      string `json:"op"`
	Machine string `json:"machine"`
	// Ready is the earliest start the operation's predecessors and release
	// allow.
	Ready      int64 `json:"ready"`
	SetupStart int64 `json:"setup_start"`
	Start      int64 `json:"start"`
	End        int64 `json:"end"`
	// HeldBy says what Ready is: "release", or "JOB/OP" for the
	// predecessor whose end plus lag it is.
	HeldBy string `json:"held_by"`
}

// Cause is the summed delay of one kind on one resource with one reason.
type Cause struct {
	Kind     Kind     `json:"kind"`
	Resource string   `json:"resource,omitempty"`
	Reason   string   `json:"reason,omitempty"`
	Orders   []string `json:"orders,omitempty"`
	// Ticks is the part of the lateness this cause explains.
	Ticks int64 `json:"ticks"`
	// Text is the cause as a phrase ("2 d 04 h waiting for LAT-01 behind
	// SHF-4122 and SHF-4125").
	Text string `json:"text"`
}

// Order explains why one order is late.
//
// The accounting is exact. Let B = min(release, completion) be the order's
// earliest start and C its completion. The chain of binding constraints,
// walked back from the operation that ends at C, partitions [B, C) into
// segments (each operation's processing and setup, the wait before it
// classified tick by tick, the lag after its binding predecessor; a
// predecessor's order released after B gives a Release segment). Work is
// the total of the Processing and Lag segments: the time the order needs
// whatever the plan. Slack = Due - B - Work. When Slack > 0 it absorbs the
// earliest waits (the order waited first at no cost, until its slack ran
// out); every wait after that counts in full. When Slack <= 0 every wait
// counts and a Work cause of -Slack is added. Either way the causes add up
// to Lateness = C - Due exactly.
type Order struct {
	Job        string `json:"job"`
	Index      int    `json:"index"`
	Release    int64  `json:"release"`
	Due        int64  `json:"due"`
	Completion int64  `json:"completion"`
	Lateness   int64  `json:"lateness"`
	// Work is the order's own processing and lags on the chain.
	Work int64 `json:"work"`
	// Slack is Due - min(Release, Completion) - Work (negative: the order
	// could not be on time).
	Slack int64 `json:"slack"`
	// Causes sum to Lateness, largest first.
	Causes []Cause `json:"causes"`
	// Chain lists the chain's operations from the last back.
	Chain []Step `json:"chain"`
	// Segments partition [min(Release, Completion), Completion) in time
	// order.
	Segments []Segment `json:"segments"`
	// Summary is the explanation as one sentence.
	Summary string `json:"summary"`
}

// Report explains the late orders of a plan.
type Report struct {
	// Orders are the late orders, latest (largest lateness) first.
	Orders []Order `json:"orders"`
	// Bottlenecks are the resources causing the lateness of Orders, most
	// first. The shares of all resources plus those of the causes on no
	// resource (releases, fixed operations, orders whose own work exceeds
	// their release-to-due time) add up to 1.
	Bottlenecks []Bottleneck `json:"bottlenecks"`
	// Tick is the length of one tick ("1m0s"); empty for unitless
	// problems, whose times are plain ticks.
	Tick string `json:"tick,omitempty"`

	p *model.Problem
}

// Late explains every late order of schedule s of problem p (an order is
// late when its completion, the latest end of its operations, exceeds its
// due date). When only is not empty, only the orders with those IDs are
// explained (an unknown ID is an error; an order on time gives no entry).
// s must schedule every operation once on a valid machine (as
// schedule.Check would accept apart from timing); it need not be optimal
// nor made by ordo.
func Late(p *model.Problem, s *schedule.Schedule, only ...string) (*Report, error) {
	if p == nil || s == nil {
		return nil, errors.New("explain: no problem or no schedule")
	}
	ix, err := newIndex(p, s)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	for d, a := range ix.asg {
		if a < 0 {
			j := sort.Search(len(p.Jobs), func(j int) bool { return ix.off[j+1] > d })
			return nil, fmt.Errorf("explain: job %q op %q is not scheduled", p.Jobs[j].ID, p.Jobs[j].OpID(d-ix.off[j]))
		}
	}
	want := map[int]bool{}
	for _, id := range only {
		j, ok := ix.x.Jobs[id]
		if !ok {
			return nil, fmt.Errorf("explain: unknown order %q", id)
		}
		want[j] = true
	}
	r := &Report{p: p}
	if !p.Epoch.IsZero() {
		r.Tick = p.TickLength().String()
	}
	for j := range p.Jobs {
		if len(want) > 0 && !want[j] {
			continue
		}
		job := &p.Jobs[j]
		if job.Due == nil || len(job.Operations) == 0 {
			continue
		}
		last, c := -1, int64(0)
		for k := range job.Operations {
			a := &s.Assignments[ix.asg[ix.off[j]+k]]
			if last < 0 || a.End > c {
				last, c = k, a.End
			}
		}
		if c <= *job.Due {
			continue
		}
		r.Orders = append(r.Orders, ix.explain(j, ix.off[j]+last))
	}
	slices.SortStableFunc(r.Orders, func(a, b Order) int { return cmp.Compare(b.Lateness, a.Lateness) })
	r.Bottlenecks = r.bottlenecks()
	return r, nil
}

// chain walks the binding constraints of job j back from dense operation
// last and returns the order's explanation.
func (ix *index) explain(j, last int) Order {
	p := ix.p
	job := &p.Jobs[j]
	c := ix.s.Assignments[ix.asg[last]].End
	base := min(job.Release, c)
	o := Order{Job: job.ID, Index: j, Release: job.Release, Due: *job.Due, Completion: c, Lateness: c - *job.Due}
	var segs []Segment // backwards
	t := c             // explained down to t
	emit := func(sg Segment) {
		sg.End = min(sg.End, t)
		sg.Start = max(sg.Start, base)
		if sg.Start >= sg.End {
			return
		}
		t = sg.Start
		if n := len(segs); n > 0 && segs[n-1].Start == sg.End && sameCause(&segs[n-1], &sg) {
			// Orders gather backwards here; dedupe reverses them.
			segs[n-1].Start = sg.Start
			segs[n-1].Orders = append(segs[n-1].Orders, sg.Orders...)
			return
		}
		segs = append(segs, sg)
	}
	d := last
	for range len(ix.asg) + 1 {
		if t <= base {
			break
		}
		ai := ix.asg[d]
		a := &ix.s.Assignments[ai]
		oj := a.Job
		ojob := &p.Jobs[oj]
		opID := ojob.OpID(a.Op)
		// The operation's own time, then its wait.
		part := ix.part[:0]
		add := func(sg Segment) { part = append(part, sg) }
		ix.opTime(ai, add)
		own := len(part)
		ready, from := ix.ready(d)
		fixed := ojob.Operations[a.Op].Fixed != nil
		if ready < a.SetupStart {
			if fixed {
				add(Segment{Kind: Fixed, Start: ready, End: a.SetupStart})
			} else {
				ix.wait(ai, ready, a.SetupStart, add)
			}
		}
		// part holds the operation's own time forwards, then its wait
		// forwards: emit each backwards.
		for i := own - 1; i >= 0; i-- {
			part[i].Job, part[i].Op = ojob.ID, opID
			emit(part[i])
		}
		for i := len(part) - 1; i >= own; i-- {
			part[i].Job, part[i].Op = ojob.ID, opID
			emit(part[i])
		}
		ix.part = part
		held := "release"
		if from >= 0 {
			fj := sort.Search(len(p.Jobs), func(x int) bool { return ix.off[x+1] > from })
			held = p.Jobs[fj].ID + "/" + p.Jobs[fj].OpID(from-ix.off[fj])
		}
		o.Chain = append(o.Chain, Step{Job: ojob.ID, Op: opID, Machine: p.Machines[a.Machine].ID, Ready: ready, SetupStart: a.SetupStart, Start: a.Start, End: a.End, HeldBy: held})
		t = min(t, max(ready, base))
		if t <= base {
			break
		}
		if from < 0 {
			// Held by the release of another order (this job's own release
			// is base, reached above).
			emit(Segment{Kind: Release, Start: base, End: t, Orders: []string{ojob.ID}, Job: ojob.ID, Op: opID})
			break
		}
		pa := &ix.s.Assignments[ix.asg[from]]
		if pa.End < ready {
			emit(Segment{Kind: Lag, Start: pa.End, End: ready, Job: ojob.ID, Op: opID})
		}
		t = min(t, max(pa.End, base))
		d = from
	}
	if t > base {
		// Not reached in a well-formed problem (precedence cycles).
		emit(Segment{Kind: Idle, Start: base, End: t, Job: job.ID})
	}
	slices.Reverse(segs)
	seen := map[string]bool{}
	for i := range segs {
		segs[i].Orders = dedupeReversed(segs[i].Orders, seen)
	}
	o.Segments = segs
	ix.account(&o)
	o.Summary = ix.summary(&o)
	return o
}

func sameCause(a, b *Segment) bool {
	return a.Kind == b.Kind && a.Resource == b.Resource && a.Reason == b.Reason && a.Job == b.Job && a.Op == b.Op
}

// dedupeReversed returns the distinct IDs of ids in reverse order (seen is
// scratch space, left empty).
func dedupeReversed(ids []string, seen map[string]bool) []string {
	if len(ids) < 2 {
		return ids
	}
	out := make([]string, 0, len(ids))
	for i := len(ids) - 1; i >= 0; i-- {
		if !seen[ids[i]] {
			seen[ids[i]] = true
			out = append(out, ids[i])
		}
	}
	for _, id := range out {
		delete(seen, id)
	}
	return out
}

// mergeOrders returns the IDs of a then those of b not in a.
func mergeOrders(a, b []string) []string {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// ready returns the earliest start of dense operation d allowed by its
// release and predecessors, and the binding predecessor (-1: the release).
// Ties go to the predecessor, so the chain continues.
func (ix *index) ready(d int) (int64, int) {
	a := &ix.s.Assignments[ix.asg[d]]
	r, from := ix.p.Jobs[a.Job].Release, -1
	for _, pr := range ix.preds[d] {
		pa := &ix.s.Assignments[ix.asg[pr.from]]
		if e := pa.End + pr.lag; e > r || (e == r && from < 0) {
			r, from = e, pr.from
		}
	}
	return r, from
}

// opTime emits, forwards, the segments of assignment ai's own time
// [SetupStart, End): setup and processing, with the non-working time a
// resumable operation pauses over classified as closures.
func (ix *index) opTime(ai int, emit func(Segment)) {
	p := ix.p
	a := &ix.s.Assignments[ai]
	op := &p.Jobs[a.Job].Operations[a.Op]
	mid := p.Machines[a.Machine].ID
	setup := Segment{Kind: Setup, Resource: mid, Reason: ix.setupReason(ai)}
	work := Segment{Kind: Processing, Resource: mid}
	if !op.Resumable || op.Fixed != nil {
		if a.SetupStart < a.Start {
			setup.Start, setup.End = a.SetupStart, a.Start
			emit(setup)
		}
		if a.Start < a.End {
			work.Start, work.End = a.Start, a.End
			emit(work)
		}
		return
	}
	for t := a.SetupStart; t < a.End; {
		kind := work
		lim := a.End
		if t < a.Start {
			kind, lim = setup, a.Start
		}
		if sg, ok := ix.closedAt(ai, t, lim); ok {
			emit(sg)
			t = sg.End
			continue
		}
		// Working: until the next closure of the machine or a pool.
		end := min(lim, ix.nextClosure(ai, t))
		kind.Start, kind.End = t, end
		emit(kind)
		t = end
	}
}

// setupReason describes the setup before assignment ai.
func (ix *index) setupReason(ai int) string {
	p := ix.p
	a := &ix.s.Assignments[ai]
	if a.SetupStart == a.Start {
		return ""
	}
	fam := p.Jobs[a.Job].Operations[a.Op].SetupFamily
	mi := &ix.mach[a.Machine]
	prev := ""
	first := true
	// The previous operation in start order: occupations do not overlap,
	// so it is the latest one starting before this one's setup.
	k := sort.Search(len(mi.occ), func(i int) bool { return mi.occ[i].start >= a.SetupStart })
	for k--; k >= 0; k-- {
		if pa := &ix.s.Assignments[mi.occ[k].asg]; mi.occ[k].asg != ai && pa.Start <= a.Start {
			prev, first = p.Jobs[pa.Job].Operations[pa.Op].SetupFamily, false
			break
		}
	}
	if first {
		return "initial setup to " + family(fam)
	}
	return family(prev) + " to " + family(fam)
}

// family names a setup family for texts.
func family(f string) string {
	if f == "" {
		return "no family"
	}
	return strconv.Quote(f)
}

// closedAt classifies tick t when the machine of assignment ai, or one of
// its operator pools, does not work at t: the closure's segment, ending at
// the earliest of lim, the closure's end and the next working start.
func (ix *index) closedAt(ai int, t, lim int64) (Segment, bool) {
	a := &ix.s.Assignments[ai]
	mi := &ix.mach[a.Machine]
	if ok, _ := inIntervals(mi.work, t); !ok {
		sg := ix.machineClosure(a.Machine, t)
		sg.End = min(sg.End, lim)
		return sg, true
	}
	for _, o := range a.Operators {
		pi := &ix.pools[o]
		if ok, _ := inIntervals(pi.work, t); !ok {
			end := min(lim, nextStart(pi.work, t))
			return Segment{Kind: OperatorsOff, Resource: ix.p.OperatorPools[o].ID, Start: t, End: end}, true
		}
	}
	return Segment{}, false
}

// nextClosure returns the end of the working window at t of the machine
// of assignment ai intersected with its pools' windows.
func (ix *index) nextClosure(ai int, t int64) int64 {
	a := &ix.s.Assignments[ai]
	end := model.Forever
	if _, i := inIntervals(ix.mach[a.Machine].work, t); i < len(ix.mach[a.Machine].work) {
		end = ix.mach[a.Machine].work[i].End
	}
	for _, o := range a.Operators {
		w := ix.pools[o].work
		if _, i := inIntervals(w, t); i < len(w) {
			end = min(end, w[i].End)
		}
	}
	return end
}

// machineClosure classifies non-working tick t of machine m: downtime,
// holiday (calendar exception) or outside the weekly shifts.
func (ix *index) machineClosure(m int, t int64) Segment {
	mi := &ix.mach[m]
	id := ix.p.Machines[m].ID
	end := nextStart(mi.work, t)
	for _, w := range mi.down {
		if w.Start <= t && t < w.End {
			return Segment{Kind: Downtime, Resource: id, Reason: w.Reason, Start: t, End: min(end, w.End)}
		}
	}
	for _, e := range mi.exc {
		if e.Start <= t && t < e.End {
			return Segment{Kind: Holiday, Resource: id, Reason: e.Reason, Start: t, End: min(end, e.End)}
		}
	}
	sg := Segment{Kind: Closed, Resource: id, Reason: "outside the calendar", Start: t, End: end}
	if mi.pattern != nil {
		in, i := inIntervals(mi.pattern, t)
		if !in {
			gs := int64(0)
			if i > 0 {
				gs = mi.pattern[i-1].End
			}
			ge := model.Forever
			if i < len(mi.pattern) {
				ge = mi.pattern[i].Start
			}
			sg.Reason = "night"
			if ix.day > 0 && ge-gs >= ix.day {
				sg.Reason = "weekend"
			}
			sg.End = min(end, ge)
		}
		// Inside the pattern yet not working: a closure cut at the
		// horizon; keep "outside the calendar".
	}
	// Split where a downtime or an exception starts.
	for _, w := range mi.down {
		if w.Start > t && w.Start < sg.End {
			sg.End = w.Start
		}
	}
	for _, e := range mi.exc {
		if e.Start > t && e.Start < sg.End {
			sg.End = e.Start
		}
	}
	return sg
}

// wait classifies the wait [lo, hi) before assignment ai's setup start,
// emitting segments forwards. At each tick the first that applies is the
// cause: the material not yet available; the machine busy; the machine
// closed; an operator pool off shift or fully busy; the free time before
// the next operation on the machine, or (for a non-resumable operation)
// before the machine's next closure, too short for the operation; else
// idle.
func (ix *index) wait(ai int, lo, hi int64, emit func(Segment)) {
	p := ix.p
	a := &ix.s.Assignments[ai]
	op := &p.Jobs[a.Job].Operations[a.Op]
	mi := &ix.mach[a.Machine]
	mid := p.Machines[a.Machine].ID
	need := a.End - a.SetupStart
	matT, matID, matWhy, matOrders := ix.materialReady(ai)
	matT -= a.Start - a.SetupStart
	for t := lo; t < hi; {
		sg := ix.waitAt(ai, t, hi, op.Resumable, need, matT, matID, matWhy, matOrders, mi, mid)
		if sg.End <= t {
			sg.End = hi // cannot happen; guarantees progress
		}
		sg.End = min(sg.End, hi)
		emit(sg)
		t = sg.End
	}
}

func (ix *index) waitAt(ai int, t, hi int64, resumable bool, need, matT int64, matID, matWhy string, matOrders []string, mi *machInfo, mid string) Segment {
	p := ix.p
	a := &ix.s.Assignments[ai]
	if t < matT {
		return Segment{Kind: Material, Resource: matID, Reason: matWhy, Orders: matOrders, Start: t, End: matT}
	}
	if o, end := mi.occupiedAt(t, ai); o >= 0 {
		return Segment{Kind: Machine, Resource: mid, Orders: []string{p.Jobs[ix.s.Assignments[o].Job].ID}, Start: t, End: end}
	}
	if sg, ok := ix.closedAt(ai, t, hi); ok {
		return sg
	}
	next := hi
	for _, o := range a.Operators {
		pi := &ix.pools[o]
		use, change := pi.useAt(t)
		cnt := 0
		for _, x := range a.Operators {
			if x == o {
				cnt++
			}
		}
		if use+cnt > pi.cap {
			var ords []string
			for _, u := range pi.usersAt(t) {
				ords = mergeOrders(ords, []string{p.Jobs[ix.s.Assignments[u].Job].ID})
			}
			return Segment{Kind: Operators, Resource: p.OperatorPools[o].ID, Orders: ords, Start: t, End: change}
		}
		next = min(next, change)
	}
	// Free and working at t: does the operation fit?
	nextOcc := model.Forever
	if k := mi.nextOcc(t, ai); k >= 0 {
		nextOcc = mi.occ[k].start
		if nextOcc-t < need {
			o := mi.occ[k].asg
			return Segment{Kind: Machine, Resource: mid, Orders: []string{p.Jobs[ix.s.Assignments[o].Job].ID}, Start: t, End: nextOcc}
		}
	}
	we := ix.nextClosure(ai, t)
	if !resumable && we-t < need {
		// The window ends too soon: the closure that ends it holds the
		// operation.
		var sg Segment
		if ok, _ := inIntervals(mi.work, we); !ok {
			sg = ix.machineClosure(a.Machine, we)
		} else {
			sg, _ = ix.closedAt(ai, we, model.Forever)
		}
		sg.Start, sg.End = t, we
		return sg
	}
	end := min(next, nextOcc, we)
	if !resumable {
		end = min(end, we-need+1)
	}
	return Segment{Kind: Idle, Resource: mid, Start: t, End: end}
}

// materialReady returns the earliest instant from which every material
// assignment ai consumes stays in stock until its start (so it could have
// been consumed there), with the binding material, the receipt or
// production that made it available, and the producing orders.
func (ix *index) materialReady(ai int) (int64, string, string, []string) {
	p := ix.p
	a := &ix.s.Assignments[ai]
	best := -model.Forever
	var id, why string
	var orders []string
	for _, q := range p.Jobs[a.Job].Operations[a.Op].Consumes {
		m, ok := ix.x.Materials[q.Material]
		if !ok || q.Quantity <= 0 {
			continue
		}
		mi := &ix.mats[m]
		k := sort.Search(len(mi.times), func(i int) bool { return mi.times[i] >= a.Start })
		i := mi.lastBelow(k, q.Quantity)
		if i < 0 || i+1 >= len(mi.times) {
			continue
		}
		at := mi.times[i+1]
		if at <= best {
			continue
		}
		best, id = at, p.Materials[m].ID
		why, orders = ix.additionAt(m, at)
	}
	return best, id, why, orders
}

// additionAt describes the additions of material m at tick at.
func (ix *index) additionAt(m int, at int64) (string, []string) {
	mi := &ix.mats[m]
	i := sort.Search(len(mi.adds), func(i int) bool { return mi.adds[i].at >= at })
	var orders []string
	receipt := false
	for ; i < len(mi.adds) && mi.adds[i].at == at; i++ {
		if mi.adds[i].asg < 0 {
			receipt = true
			continue
		}
		orders = mergeOrders(orders, []string{ix.p.Jobs[ix.s.Assignments[mi.adds[i].asg].Job].ID})
	}
	when := formatTime(ix.p, at)
	switch {
	case receipt:
		return "delivery of " + when, orders
	case len(orders) > 0:
		return "production ending " + when, orders
	}
	return "stock freed " + when, nil
}

// account fills Work, Slack, the segments' Counted and the causes.
func (ix *index) account(o *Order) {
	base := min(o.Release, o.Completion)
	for _, sg := range o.Segments {
		if sg.Kind.intrinsic() {
			o.Work += sg.End - sg.Start
		}
	}
	o.Slack = o.Due - base - o.Work
	absorb := max(o.Slack, 0)
	for i := range o.Segments {
		sg := &o.Segments[i]
		if sg.Kind.intrinsic() {
			continue
		}
		l := sg.End - sg.Start
		a := min(absorb, l)
		absorb -= a
		sg.Counted = l - a
	}
	type key struct {
		k        Kind
		res, why string
	}
	idx := map[key]int{}
	var inCause []map[string]bool
	for _, sg := range o.Segments {
		if sg.Counted == 0 {
			continue
		}
		k := key{sg.Kind, sg.Resource, sg.Reason}
		i, ok := idx[k]
		if !ok {
			i = len(o.Causes)
			idx[k] = i
			o.Causes = append(o.Causes, Cause{Kind: sg.Kind, Resource: sg.Resource, Reason: sg.Reason})
			inCause = append(inCause, nil)
		}
		o.Causes[i].Ticks += sg.Counted
		for _, id := range sg.Orders {
			if !inCause[i][id] {
				if inCause[i] == nil {
					inCause[i] = map[string]bool{}
				}
				inCause[i][id] = true
				o.Causes[i].Orders = append(o.Causes[i].Orders, id)
			}
		}
	}
	if o.Slack < 0 {
		o.Causes = append(o.Causes, Cause{Kind: Work, Ticks: -o.Slack})
	}
	slices.SortStableFunc(o.Causes, func(a, b Cause) int { return cmp.Compare(b.Ticks, a.Ticks) })
	for i := range o.Causes {
		o.Causes[i].Text = ix.causeText(&o.Causes[i], o.Job)
	}
}
