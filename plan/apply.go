package plan

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// applier carries the work of one Apply call.
type applier struct {
	pl   *Plan
	evs  *Events
	np   *model.Problem // the new problem, built on a copy
	errs model.Issues

	jobIdx map[string]int           // old job ID -> index
	asg    [][]*schedule.Assignment // old schedule, by job and op
	acts   map[[2]int]*Actual       // actuals by old (job, op)
	actEv  map[[2]int]int           // the last event that reported on an op
	cancel map[int]int              // old job -> cancelling event
	owned  []bool                   // new problem's jobs with their own operations
	added  []int                    // events adding jobs, in order
	addIDs map[string]int           // added job ID -> event
	down   [][]model.Interval       // per machine, the new unavailability
}

// Apply applies evs to the plan and returns the new plan: its problem
// (a new one; pl's is not modified), its reference schedule (pl's
// schedule in the new problem's indices, with history and running work
// at their real places, operations of new jobs missing: Repair completes
// it), its actuals and its time evs.Now.
//
// The new problem shares the operations of the jobs Apply does not change
// with pl's problem: treat both problems as read-only.
//
// It is all or nothing: when an event contradicts the plan or the
// problem, Apply returns a model.Issues error whose paths name the event
// and its field (events[3].machine: unknown machine "M9") and no plan.
func Apply(pl *Plan, evs *Events) (*Plan, error) {
	if pl == nil || pl.Problem == nil || pl.Schedule == nil {
		return nil, errors.New("plan: Apply needs a plan with a problem and a schedule")
	}
	if evs == nil {
		evs = &Events{Now: pl.Now}
	}
	// The copy Apply changes: deep, except that the jobs' operations (and
	// due dates) are shared with pl.Problem until Apply copies the lists it
	// changes (applier.own).
	a := &applier{pl: pl, evs: evs, np: pl.Problem.CloneExceptJobs()}
	a.index()
	if len(a.errs) > 0 {
		return nil, a.errs
	}
	if evs.Now < pl.Now {
		a.fail("now", "now (%s) is before the plan's now (%s)", a.tm(evs.Now), a.tm(pl.Now))
	}
	for i := range evs.Events {
		a.event(i, &evs.Events[i])
	}
	if len(a.errs) > 0 {
		return nil, a.errs
	}
	np, ref, acts := a.build()
	if len(a.errs) > 0 {
		return nil, a.errs
	}
	return &Plan{Problem: np, Schedule: ref, Actuals: acts, Now: evs.Now}, nil
}

func (a *applier) fail(path, format string, args ...any) {
	a.errs = append(a.errs, model.Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

// tm formats tick t as a datetime (or a tick number when unitless).
func (a *applier) tm(t int64) string { return formatTick(a.pl.Problem, t) }

func formatTick(p *model.Problem, t int64) string {
	if p.Epoch.IsZero() {
		return strconv.FormatInt(t, 10)
	}
	return p.TimeOf(t).In(p.Epoch.Location()).Format(time.RFC3339)
}

// index builds the lookups of the old plan.
func (a *applier) index() {
	p := a.pl.Problem
	a.jobIdx = make(map[string]int, len(p.Jobs))
	a.asg = make([][]*schedule.Assignment, len(p.Jobs))
	for j := range p.Jobs {
		a.jobIdx[p.Jobs[j].ID] = j
		a.asg[j] = make([]*schedule.Assignment, len(p.Jobs[j].Operations))
	}
	for i := range a.pl.Schedule.Assignments {
		s := &a.pl.Schedule.Assignments[i]
		if s.Job < 0 || s.Job >= len(p.Jobs) || s.Op < 0 || s.Op >= len(p.Jobs[s.Job].Operations) ||
			s.Machine < 0 || s.Machine >= len(p.Machines) {
			a.fail(fmt.Sprintf("plan.assignments[%d]", i), "the assignment does not match the problem (job %d, operation %d, machine %d)", s.Job, s.Op, s.Machine)
			continue
		}
		if altOn(&p.Jobs[s.Job].Operations[s.Op], p.Machines[s.Machine].ID) < 0 {
			a.fail(fmt.Sprintf("plan.assignments[%d].machine", i), "machine %q is not an alternative of %s", p.Machines[s.Machine].ID, opName(&p.Jobs[s.Job], s.Op))
			continue
		}
		a.asg[s.Job][s.Op] = s
	}
	a.acts = make(map[[2]int]*Actual, len(a.pl.Actuals))
	a.actEv = map[[2]int]int{}
	for i := range a.pl.Actuals {
		ac := a.pl.Actuals[i]
		j, ok := a.jobIdx[ac.Job]
		if !ok || ac.Op < 0 || ac.Op >= len(p.Jobs[j].Operations) {
			a.fail(fmt.Sprintf("plan.actuals[%d]", i), "unknown operation %d of job %q", ac.Op, ac.Job)
			continue
		}
		a.acts[[2]int{j, ac.Op}] = &ac
	}
	a.owned = make([]bool, len(p.Jobs))
	a.cancel = map[int]int{}
	a.addIDs = map[string]int{}
	a.down = make([][]model.Interval, len(p.Machines))
}

// job resolves the job ID of event i; -1 (reported) when unknown.
func (a *applier) job(path, id string) int {
	j, ok := a.jobIdx[id]
	switch {
	case !ok:
		if e, added := a.addIDs[id]; added {
			a.fail(path, "job %q is added by events[%d]: it has no plan yet to report on", id, e)
		} else {
			a.fail(path, "unknown job %q", id)
		}
		return -1
	case a.cancel[j] > 0:
		a.fail(path, "job %q is cancelled by events[%d]", id, a.cancel[j]-1)
		return -1
	}
	return j
}

func (a *applier) machine(path, id string) int {
	for m := range a.np.Machines {
		if a.np.Machines[m].ID == id {
			return m
		}
	}
	a.fail(path, "unknown machine %q", id)
	return -1
}

func (a *applier) pool(path, id string) int {
	for k := range a.np.OperatorPools {
		if a.np.OperatorPools[k].ID == id {
			return k
		}
	}
	a.fail(path, "unknown operator pool %q", id)
	return -1
}

// notBefore reports t before the plan's now; notAfter t after the new now.
func (a *applier) notBefore(path string, t int64) bool {
	if t < a.pl.Now {
		a.fail(path, "%s is before the plan's now (%s)", a.tm(t), a.tm(a.pl.Now))
		return false
	}
	return true
}

func (a *applier) notAfter(path string, t int64) bool {
	if t > a.evs.Now {
		a.fail(path, "%s is after now (%s): report what happened", a.tm(t), a.tm(a.evs.Now))
		return false
	}
	return true
}

func (a *applier) window(path string, s, e int64) bool {
	ok := a.notBefore(path+".start", s)
	if e <= s {
		a.fail(path+".end", "the end (%s) is not after the start (%s)", a.tm(e), a.tm(s))
		return false
	}
	return ok
}

// event checks event i and records its effect.
func (a *applier) event(i int, ev *Event) {
	p := fmt.Sprintf("events[%d]", i)
	old := a.pl.Problem
	switch ev.Type {
	case TypeStarted, TypeCompleted, TypeProgress:
		j := a.job(p+".job", ev.Job)
		if j < 0 {
			return
		}
		job := &old.Jobs[j]
		k := findOp(job, ev.Op)
		if k < 0 {
			a.fail(p+".op", "job %q has no operation %q (give its id or its 0-based index)", ev.Job, ev.Op)
			return
		}
		key := [2]int{j, k}
		if !a.notBefore(p+".at", ev.At) || !a.notAfter(p+".at", ev.At) {
			return
		}
		ac := a.acts[key]
		switch ev.Type {
		case TypeStarted:
			m := a.machine(p+".machine", ev.Machine)
			if m < 0 {
				return
			}
			if !slices.ContainsFunc(job.Operations[k].Alternatives, func(al model.Alternative) bool { return al.Machine == ev.Machine }) {
				a.fail(p+".machine", "machine %q is not an alternative of %s", ev.Machine, opName(job, k))
				return
			}
			if ac != nil || job.Operations[k].Fixed != nil {
				a.fail(p, "%s has already started", opName(job, k))
				return
			}
			a.acts[key] = &Actual{Job: job.ID, Op: k, Machine: ev.Machine, Start: ev.At}
		default:
			if ac == nil {
				ac = a.assumedStart(p, j, k, ev.At)
				if ac == nil {
					return
				}
			} else {
				cp := *ac
				ac = &cp
			}
			if ac.Completed {
				a.fail(p, "%s has already completed (at %s)", opName(job, k), a.tm(ac.End))
				return
			}
			if ev.At < ac.Start {
				what := "completed"
				if ev.Type == TypeProgress {
					what = "progress reported"
				}
				a.fail(p+".at", "%s %s (%s) before it started (%s)", opName(job, k), what, a.tm(ev.At), a.tm(ac.Start))
				return
			}
			if ev.Type == TypeCompleted {
				ac.Completed, ac.End = true, ev.At
			} else {
				q := job.Quantity
				if ev.DoneQuantity < 0 || ev.DoneQuantity > q {
					a.fail(p+".done_quantity", "done quantity %g is outside [0, %g] (the job's quantity)", ev.DoneQuantity, q)
					return
				}
				if ac.HasProgress && ev.DoneQuantity < ac.Done {
					a.fail(p+".done_quantity", "done quantity %g is less than the %g reported before", ev.DoneQuantity, ac.Done)
					return
				}
				ac.HasProgress, ac.Done, ac.DoneAt = true, ev.DoneQuantity, ev.At
			}
			a.acts[key] = ac
		}
		a.actEv[key] = i
	case TypeBreakdown:
		m := a.machine(p+".machine", ev.Machine)
		if m < 0 || !a.window(p, ev.Start, ev.End) {
			return
		}
		mc := &a.np.Machines[m]
		mc.Downtime = append(mc.Downtime, model.Window{Start: ev.Start, End: ev.End, Reason: "breakdown"})
		a.down[m] = append(a.down[m], model.Interval{Start: ev.Start, End: ev.End})
	case TypeRepaired:
		m := a.machine(p+".machine", ev.Machine)
		if m < 0 || !a.notBefore(p+".at", ev.At) {
			return
		}
		mc := &a.np.Machines[m]
		found := false
		for d := range mc.Downtime {
			w := &mc.Downtime[d]
			if w.Reason == "breakdown" && w.Start <= ev.At && ev.At < w.End {
				w.End = ev.At
				found = true
			}
		}
		if !found {
			a.fail(p+".at", "machine %q has no breakdown in progress at %s", ev.Machine, a.tm(ev.At))
			return
		}
		mc.Downtime = slices.DeleteFunc(mc.Downtime, func(w model.Window) bool { return w.End <= w.Start })
		for d := range a.down[m] {
			if w := &a.down[m][d]; w.Start <= ev.At && ev.At < w.End {
				w.End = ev.At
			}
		}
	case TypeOrderAdded:
		if ev.NewJob == nil {
			a.fail(p+".job", "missing job")
			return
		}
		id := ev.NewJob.ID
		if id == "" {
			a.fail(p+".job.id", "missing job id")
			return
		}
		if j, dup := a.jobIdx[id]; dup && a.cancel[j] == 0 {
			a.fail(p+".job.id", "job %q already exists", id)
			return
		}
		if e, dup := a.addIDs[id]; dup {
			a.fail(p+".job.id", "job %q is already added by events[%d]", id, e)
			return
		}
		a.addIDs[id] = i
		a.added = append(a.added, i)
	case TypeOrderCancelled:
		j := a.job(p+".job", ev.Job)
		if j < 0 {
			return
		}
		a.cancel[j] = i + 1
	case TypeDueChanged:
		j := a.job(p+".job", ev.Job)
		if j < 0 {
			return
		}
		if ev.Due != nil {
			a.np.Jobs[j].Due = model.Tick(*ev.Due)
		} else {
			a.np.Jobs[j].Due = nil
		}
	case TypePriorityChanged:
		j := a.job(p+".job", ev.Job)
		if j < 0 {
			return
		}
		if !(ev.Weight > 0) || math.IsInf(ev.Weight, 0) {
			a.fail(p+".weight", "the weight must be a positive number, got %g", ev.Weight)
			return
		}
		a.np.Jobs[j].Weight = ev.Weight
	case TypeReceiptChanged:
		mi := -1
		for m := range a.np.Materials {
			if a.np.Materials[m].ID == ev.Material {
				mi = m
			}
		}
		if mi < 0 {
			a.fail(p+".material", "unknown material %q", ev.Material)
			return
		}
		mat := &a.np.Materials[mi]
		r := slices.IndexFunc(mat.Receipts, func(r model.Receipt) bool { return r.At == ev.At })
		if r < 0 {
			a.fail(p+".at", "material %q has no receipt planned at %s", ev.Material, a.tm(ev.At))
			return
		}
		if !ev.HasTo && ev.Quantity == nil {
			a.fail(p, "a receipt_changed event needs to or quantity")
			return
		}
		if ev.HasTo && !a.notBefore(p+".to", ev.To) {
			return
		}
		if ev.Quantity != nil && (*ev.Quantity < 0 || math.IsInf(*ev.Quantity, 0)) {
			a.fail(p+".quantity", "the quantity must be a non-negative number, got %g", *ev.Quantity)
			return
		}
		if ev.HasTo {
			mat.Receipts[r].At = ev.To
		}
		if ev.Quantity != nil {
			mat.Receipts[r].Quantity = *ev.Quantity
			if *ev.Quantity == 0 {
				mat.Receipts = slices.Delete(mat.Receipts, r, r+1)
			}
		}
	case TypeOperatorsAbsent:
		k := a.pool(p+".pool", ev.Pool)
		if k < 0 || !a.window(p, ev.Start, ev.End) {
			return
		}
		pool := a.np.OperatorPools[k]
		if ev.Count < 1 || ev.Count > pool.Capacity {
			a.fail(p+".count", "count %d is outside [1, %d] (the pool's capacity)", ev.Count, pool.Capacity)
			return
		}
		if a.np.Epoch.IsZero() {
			a.fail(p, "operator absences need a problem with an epoch (calendars)")
			return
		}
		off := []model.Interval{{Start: ev.Start, End: ev.End}}
		if ev.Count == pool.Capacity {
			a.np.OperatorPools[k].Calendar = a.calendarWith(pool.Calendar, pool.ID, nil, off, "pool")
			return
		}
		absent := pool
		absent.ID = a.freshPoolID(pool.ID + "~absent")
		absent.Skills = slices.Clone(pool.Skills)
		absent.Capacity = ev.Count
		absent.Calendar = a.calendarWith(pool.Calendar, absent.ID, nil, off, "")
		a.np.OperatorPools[k].Capacity -= ev.Count
		a.np.OperatorPools = append(a.np.OperatorPools, absent)
	case TypeCalendarChanged:
		if (ev.Machine == "") == (ev.Pool == "") {
			a.fail(p, "a calendar_changed event names a machine or a pool (one of them)")
			return
		}
		if len(ev.Add) == 0 && len(ev.Remove) == 0 {
			a.fail(p, "a calendar_changed event needs add or remove windows")
			return
		}
		good := true
		for w, iv := range ev.Add {
			good = a.window(fmt.Sprintf("%s.add[%d]", p, w), iv.Start, iv.End) && good
		}
		for w, iv := range ev.Remove {
			good = a.window(fmt.Sprintf("%s.remove[%d]", p, w), iv.Start, iv.End) && good
		}
		if !good {
			return
		}
		if ev.Machine != "" {
			m := a.machine(p+".machine", ev.Machine)
			if m < 0 {
				return
			}
			mc := &a.np.Machines[m]
			for _, iv := range ev.Remove {
				mc.Downtime = append(mc.Downtime, model.Window{Start: iv.Start, End: iv.End, Reason: "calendar change"})
				a.down[m] = append(a.down[m], iv)
			}
			if len(ev.Add) > 0 {
				// Added time also cancels downtime it covers (the machine
				// was planned for maintenance; it will work instead).
				mc.Downtime = subtractWindows(mc.Downtime, ev.Add)
				if mc.Calendar != "" {
					mc.Calendar = a.calendarWith(mc.Calendar, mc.ID, ev.Add, nil, "machine")
				}
			}
			return
		}
		k := a.pool(p+".pool", ev.Pool)
		if k < 0 {
			return
		}
		pool := &a.np.OperatorPools[k]
		if pool.Calendar == "" && len(ev.Remove) == 0 {
			return // always available: nothing to add
		}
		if a.np.Epoch.IsZero() {
			a.fail(p+".pool", "removing working time from an operator pool needs a problem with an epoch (calendars)")
			return
		}
		pool.Calendar = a.calendarWith(pool.Calendar, pool.ID, ev.Add, ev.Remove, "pool")
	default:
		a.fail(p+".type", "unknown event type %q", ev.Type)
	}
}

// fixedPools returns the operator pools (IDs) that running operation
// (j, k), fixed at f, keeps: the pools it was already fixed on at the same
// place, otherwise the published schedule's when it placed the operation
// on f's machine at f's start, otherwise none (solvers choose).
func (a *applier) fixedPools(j, k int, f *model.Fixed) []string {
	p := a.pl.Problem
	op := &p.Jobs[j].Operations[k]
	if len(op.Operators) == 0 {
		return nil
	}
	if of := op.Fixed; of != nil && of.Machine == f.Machine && of.Start == f.Start {
		return of.Pools
	}
	s := a.asg[j][k]
	if s == nil || s.Start != f.Start || s.Machine < 0 || s.Machine >= len(p.Machines) || p.Machines[s.Machine].ID != f.Machine {
		return nil
	}
	need := 0
	for _, n := range op.Operators {
		need += max(n.Count, 0)
	}
	if len(s.Operators) != need {
		return nil
	}
	out := make([]string, len(s.Operators))
	for i, o := range s.Operators {
		if o < 0 || o >= len(p.OperatorPools) {
			return nil
		}
		out[i] = p.OperatorPools[o].ID
	}
	return out
}

// sameFixed reports whether two fixed placements are equal.
func sameFixed(x, y *model.Fixed) bool {
	return x.Machine == y.Machine && x.SetupStart == y.SetupStart && x.Start == y.Start && x.End == y.End && slices.Equal(x.Pools, y.Pools)
}

// assumedStart returns the actual start of operation (j, k) that the
// schedule implies (it was planned to start before at), or reports that
// it never started.
func (a *applier) assumedStart(path string, j, k int, at int64) *Actual {
	job := &a.pl.Problem.Jobs[j]
	if f := job.Operations[k].Fixed; f != nil {
		return &Actual{Job: job.ID, Op: k, Machine: f.Machine, Start: f.Start}
	}
	s := a.asg[j][k]
	if s == nil || s.SetupStart > at {
		when := "is not in the plan"
		if s != nil {
			when = "was planned to start at " + a.tm(s.Start)
		}
		a.fail(path+".at", "%s never started (it %s): report a started event first", opName(job, k), when)
		return nil
	}
	return &Actual{Job: job.ID, Op: k, Machine: a.pl.Problem.Machines[s.Machine].ID, Start: s.Start}
}

// freshPoolID returns base, or base followed by a number, unused as a
// pool ID.
func (a *applier) freshPoolID(base string) string {
	id := base
	for n := 2; slices.ContainsFunc(a.np.OperatorPools, func(o model.OperatorPool) bool { return o.ID == id }); n++ {
		id = base + strconv.Itoa(n)
	}
	return id
}

// calendarWith returns the ID of a calendar equal to calendar id (always
// available when empty) with working exceptions add and non-working
// exceptions remove. The calendar is changed in place when only the
// resource (of kind "machine" or "pool", named owner) uses it, otherwise
// a copy named after the owner is made.
func (a *applier) calendarWith(id, owner string, add, remove []model.Interval, kind string) string {
	np := a.np
	users := 0
	for _, m := range np.Machines {
		if id != "" && m.Calendar == id {
			users++
		}
	}
	for _, o := range np.OperatorPools {
		if id != "" && o.Calendar == id {
			users++
		}
	}
	ci := slices.IndexFunc(np.Calendars, func(c model.Calendar) bool { return c.ID == id })
	if id == "" || ci < 0 || users > 1 || kind == "" {
		var c model.Calendar
		if id != "" && ci >= 0 {
			c = np.Calendars[ci].Clone()
		} else {
			all := []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
			c = model.Calendar{Shifts: []model.Shift{{Days: all, Start: 0, End: 0}}}
		}
		base := owner
		if id != "" {
			base = id + "@" + owner
		}
		nid := base
		for n := 2; slices.ContainsFunc(np.Calendars, func(c model.Calendar) bool { return c.ID == nid }); n++ {
			nid = base + strconv.Itoa(n)
		}
		c.ID = nid
		np.Calendars = append(np.Calendars, c)
		ci = len(np.Calendars) - 1
	}
	c := &np.Calendars[ci]
	for _, iv := range add {
		c.Exceptions = append(c.Exceptions, model.Exception{Start: iv.Start, End: iv.End, Working: true, Reason: "calendar change"})
	}
	for _, iv := range remove {
		c.Exceptions = append(c.Exceptions, model.Exception{Start: iv.Start, End: iv.End, Reason: "calendar change"})
	}
	return c.ID
}

// subtractWindows removes the intervals add from downtime windows ws.
func subtractWindows(ws []model.Window, add []model.Interval) []model.Window {
	cut := model.Normalize(slices.Clone(add))
	var out []model.Window
	for _, w := range ws {
		for _, iv := range model.Subtract([]model.Interval{{Start: w.Start, End: w.End}}, cut) {
			out = append(out, model.Window{Start: iv.Start, End: iv.End, Reason: w.Reason})
		}
	}
	return out
}

// opState is what Apply decides for one operation of the old plan.
type opState struct {
	fixed          bool
	mach           int
	ss, start, end int64
	fact           bool  // reported (or fixed before), not assumed
	remaining      int64 // remaining work on remMach (-1: unchanged)
	remMach        int
}

// remainingWork returns the processing time left of operation k of job on
// alternative al once done units are done (the setup done).
func remainingWork(job *model.Job, al model.Alternative, done float64) int64 {
	left := job.Quantity - done
	if al.RunPerUnit > 0 {
		return int64(math.Ceil(left * al.RunPerUnit))
	}
	if job.Quantity <= 0 {
		return al.Duration
	}
	return int64(math.Ceil(float64(al.Duration) * left / job.Quantity))
}

func altOn(op *model.Operation, machine string) int {
	return slices.IndexFunc(op.Alternatives, func(al model.Alternative) bool { return al.Machine == machine })
}

// interrupted reports whether new unavailability of machine m overlaps
// [s, e).
func (a *applier) interrupted(m int, s, e int64) bool {
	for _, w := range a.down[m] {
		if w.Start < e && s < w.End {
			return true
		}
	}
	return false
}

// build decides, for every operation of the old plan, whether it is
// history or running (fixed at its real place) or free, and builds the
// new problem, the reference schedule and the actuals.
func (a *applier) build() (*model.Problem, *schedule.Schedule, []Actual) {
	old := a.pl.Problem
	np := a.np
	now := a.evs.Now
	st := make([][]opState, len(old.Jobs))
	all := make([]opState, old.NumOperations())
	for j := range old.Jobs {
		n := len(old.Jobs[j].Operations)
		st[j], all = all[:n:n], all[n:]
		for k := range st[j] {
			st[j][k].remaining = -1
		}
	}
	machIdx := make(map[string]int, len(old.Machines))
	for m := range old.Machines {
		machIdx[old.Machines[m].ID] = m
	}
	busy := make([][]model.Interval, len(old.Machines))
	// Facts first: operations fixed before and operations reported.
	for j := range old.Jobs {
		if a.cancel[j] > 0 {
			continue
		}
		job := &old.Jobs[j]
		for k := range job.Operations {
			ac := a.acts[[2]int{j, k}]
			f := job.Operations[k].Fixed
			if ac == nil && f == nil {
				continue
			}
			s := &st[j][k]
			var m int
			var ss, start, end int64
			switch {
			case ac != nil:
				m = machIdx[ac.Machine]
				start = ac.Start
				ss = start
				alt := altOn(&job.Operations[k], ac.Machine)
				dur := job.Operations[k].Alternatives[alt].ProcessingTime(job.Quantity)
				end = start + dur
				if f != nil && f.Machine == ac.Machine && f.Start == start {
					ss, end = f.SetupStart, f.End
				} else if o := a.asg[j][k]; o != nil && o.Machine == m && o.Start == start {
					ss, end = o.SetupStart, o.End
				}
				if ac.HasProgress {
					end = ac.DoneAt + remainingWork(job, job.Operations[k].Alternatives[alt], ac.Done)
				}
				if ac.Completed {
					end = ac.End
				}
				if !ac.Completed && a.interrupted(m, ss, end) {
					if ac.HasProgress {
						s.remaining, s.remMach = remainingWork(job, job.Operations[k].Alternatives[alt], ac.Done), m
					}
					continue
				}
			default:
				m = machIdx[f.Machine]
				ss, start, end = f.SetupStart, f.Start, f.End
				if a.interrupted(m, ss, end) && end > a.pl.Now {
					continue
				}
			}
			*s = opState{fixed: true, fact: true, mach: m, ss: ss, start: start, end: end, remaining: -1}
			busy[m] = append(busy[m], model.Interval{Start: ss, End: end})
		}
	}
	// Then, unless the events report everything that started, what the
	// schedule says ran before now, in order of start
	// (predecessors first: a setup may begin before a predecessor ends),
	// when nothing contradicts it.
	type cand struct {
		j, k       int
		start, end int64 // the assignment's, for the sort
	}
	cands := make([]cand, 0, len(a.pl.Schedule.Assignments))
	for j := range old.Jobs {
		if a.cancel[j] > 0 {
			continue
		}
		if a.evs.AllReported {
			break
		}
		for k, s := range a.asg[j] {
			if s != nil && !st[j][k].fixed && st[j][k].remaining < 0 && s.SetupStart < now &&
				a.acts[[2]int{j, k}] == nil && old.Jobs[j].Operations[k].Fixed == nil {
				cands = append(cands, cand{j, k, s.Start, s.End})
			}
		}
	}
	slices.SortFunc(cands, func(x, y cand) int {
		if x.start != y.start {
			return cmp.Compare(x.start, y.start)
		}
		if x.end != y.end {
			return cmp.Compare(x.end, y.end)
		}
		if x.j != y.j {
			return x.j - y.j
		}
		return x.k - y.k
	})
	for _, c := range cands {
		s := a.asg[c.j][c.k]
		if a.interrupted(s.Machine, s.SetupStart, s.End) {
			continue
		}
		ok := true
		for _, iv := range busy[s.Machine] {
			if iv.Start < s.End && s.SetupStart < iv.End {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		a.preds(c.j, c.k, func(pj, pk int, lag int64) {
			if pj < 0 || !st[pj][pk].fixed || st[pj][pk].end+lag > s.Start {
				ok = false
			}
		})
		if !ok {
			continue
		}
		st[c.j][c.k] = opState{fixed: true, mach: s.Machine, ss: s.SetupStart, start: s.Start, end: s.End, remaining: -1}
		busy[s.Machine] = append(busy[s.Machine], model.Interval{Start: s.SetupStart, End: s.End})
	}
	// A reported start needs its predecessors started.
	keys := make([][2]int, 0, len(a.acts))
	for key := range a.acts {
		keys = append(keys, key)
	}
	slices.SortFunc(keys, func(x, y [2]int) int {
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	})
	for _, key := range keys {
		ac := a.acts[key]
		j, k := key[0], key[1]
		if a.cancel[j] > 0 || !st[j][k].fact {
			continue
		}
		ev, reported := a.actEv[key]
		if !reported {
			continue
		}
		a.preds(j, k, func(pj, pk int, _ int64) {
			if pj >= 0 && !st[pj][pk].fixed {
				a.fail(fmt.Sprintf("events[%d]", ev), "%s started (at %s) but its predecessor %s has not: report that it started first",
					opName(&old.Jobs[j], k), a.tm(ac.Start), opName(&old.Jobs[pj], pk))
			}
		})
	}
	// Cancelled jobs must not feed others.
	for j := range old.Jobs {
		if len(a.cancel) == 0 {
			break
		}
		if a.cancel[j] > 0 {
			continue
		}
		for k := range old.Jobs[j].Operations {
			for _, l := range old.Jobs[j].Operations[k].After {
				if l.Job == "" {
					continue
				}
				if pj, ok := a.jobIdx[l.Job]; ok && a.cancel[pj] > 0 {
					a.fail(fmt.Sprintf("events[%d].job", a.cancel[pj]-1), "job %q cannot be cancelled: %s follows it (cancel that job too, or change it)", l.Job, opName(&old.Jobs[j], k))
				}
			}
		}
	}
	if len(a.errs) > 0 {
		return nil, nil, nil
	}

	// The new problem.
	for j := range old.Jobs {
		if a.cancel[j] > 0 {
			continue
		}
		// The job's operations are shared with the old problem until
		// a.own(j) copies them: only a job that changes is copied.
		job := &np.Jobs[j]
		free := false
		for k := range job.Operations {
			op := &job.Operations[k]
			s := st[j][k]
			if !s.fixed {
				free = true
				if op.Fixed == nil && s.remaining < 0 {
					continue
				}
				op = &a.own(j).Operations[k]
				op.Fixed = nil
				if s.remaining >= 0 {
					op.Alternatives = slices.Clone(op.Alternatives)
					al := &op.Alternatives[altOn(op, np.Machines[s.remMach].ID)]
					al.Duration, al.Setup, al.RunPerUnit = s.remaining, 0, 0
				}
				continue
			}
			mid := np.Machines[s.mach].ID
			f := model.Fixed{Machine: mid, SetupStart: s.ss, Start: s.start, End: s.end}
			// History: its operators are gone home; a solver choosing them
			// again could find no assignment that the past's calendars
			// allow.
			history := s.end <= now
			if !history {
				f.Pools = a.fixedPools(j, k, &f)
			}
			fixedOp := func() *model.Fixed { nf := f; return &nf } // f stays on the stack
			alt := altOn(op, mid)
			pt := op.Alternatives[alt].ProcessingTime(job.Quantity)
			l := s.end - s.start
			shorten := (!op.Resumable && l != pt) || (op.Resumable && l < pt)
			if op.Fixed != nil && sameFixed(op.Fixed, &f) && !(history && op.Operators != nil) && !shorten {
				continue // unchanged
			}
			op = &a.own(j).Operations[k]
			op.Fixed = fixedOp()
			if history {
				op.Operators = nil
			}
			if shorten {
				op.Alternatives = slices.Clone(op.Alternatives)
				al := &op.Alternatives[alt]
				al.Duration, al.Setup, al.RunPerUnit = l, 0, 0
			}
		}
		if free && job.Release < now {
			job.Release = now
		}
	}
	newIdx := make([]int, len(old.Jobs))
	jobs := make([]model.Job, 0, len(np.Jobs)+len(a.added))
	for j := range np.Jobs {
		if a.cancel[j] > 0 {
			newIdx[j] = -1
			continue
		}
		newIdx[j] = len(jobs)
		jobs = append(jobs, np.Jobs[j])
	}
	addedAt := map[int]int{}
	for _, e := range a.added {
		nj := a.evs.Events[e].NewJob.Clone()
		if nj.Release < now {
			nj.Release = now
		}
		for k := range nj.Operations {
			if nj.Operations[k].Fixed != nil {
				a.fail(fmt.Sprintf("events[%d].job.operations[%d].fixed", e, k), "a new order cannot have fixed operations")
			}
		}
		addedAt[len(jobs)] = e
		jobs = append(jobs, nj)
	}
	np.Jobs = jobs
	if len(a.errs) > 0 {
		return nil, nil, nil
	}
	if is := a.validate(np, len(jobs)-len(a.added)); len(is) > 0 {
		factAt := map[int]map[int]int{}
		for key, ev := range a.actEv {
			if nj := newIdx[key[0]]; nj >= 0 {
				if factAt[nj] == nil {
					factAt[nj] = map[int]int{}
				}
				factAt[nj][key[1]] = ev
			}
		}
		for _, i := range is {
			a.errs = append(a.errs, mapIssue(i, addedAt, factAt))
		}
		return nil, nil, nil
	}

	// The reference schedule.
	ref := &schedule.Schedule{Assignments: make([]schedule.Assignment, 0, len(a.pl.Schedule.Assignments))}
	for j := range old.Jobs {
		nj := newIdx[j]
		if nj < 0 {
			continue
		}
		for k, s := range a.asg[j] {
			x := st[j][k]
			switch {
			case x.fixed:
				as := schedule.Assignment{Job: nj, Op: k, Machine: x.mach, SetupStart: x.ss, Start: x.start, End: x.end}
				if s != nil && s.Machine == x.mach && s.Start == x.start {
					as.Operators = slices.Clone(s.Operators)
				}
				ref.Assignments = append(ref.Assignments, as)
			case s != nil:
				as := *s
				as.Job = nj
				as.Operators = slices.Clone(s.Operators)
				ref.Assignments = append(ref.Assignments, as)
			}
		}
	}
	var acts []Actual
	for j := range old.Jobs {
		if newIdx[j] < 0 {
			continue
		}
		for k := range old.Jobs[j].Operations {
			// An operation interrupted by a breakdown starts again.
			if ac := a.acts[[2]int{j, k}]; ac != nil && st[j][k].fixed {
				acts = append(acts, *ac)
			}
		}
	}
	return np, ref, acts
}

// own returns job j of the new problem, first giving it its own copy of
// its operations list (shared with the old problem until then). The
// operations' own lists (alternatives ...) stay shared: replace a list
// rather than write into it.
func (a *applier) own(j int) *model.Job {
	if !a.owned[j] {
		a.np.Jobs[j].Operations = slices.Clone(a.np.Jobs[j].Operations)
		a.owned[j] = true
	}
	return &a.np.Jobs[j]
}

// preds calls fn for each predecessor of operation k of job j (pj < 0: a
// job not in the old plan), with the lag.
func (a *applier) preds(j, k int, fn func(pj, pk int, lag int64)) {
	job := &a.pl.Problem.Jobs[j]
	op := &job.Operations[k]
	if job.Routing == model.Sequence && k > 0 {
		fn(j, k-1, op.MinLag)
	}
	for _, l := range op.After {
		pj := j
		if l.Job != "" {
			var ok bool
			if pj, ok = a.jobIdx[l.Job]; !ok {
				fn(-1, 0, l.MinLag)
				continue
			}
		}
		pk := findOp(&a.pl.Problem.Jobs[pj], l.Op)
		if pk < 0 {
			continue
		}
		fn(pj, pk, l.MinLag)
	}
}

// mapIssue turns an issue Validate found in the new problem into one
// about the event that caused it, when known.
func mapIssue(i model.Issue, addedAt map[int]int, factAt map[int]map[int]int) model.Issue {
	var j, k int
	if n, _ := fmt.Sscanf(i.Path, "jobs[%d]", &j); n == 1 {
		rest := strings.TrimPrefix(i.Path, fmt.Sprintf("jobs[%d]", j))
		if e, ok := addedAt[j]; ok {
			return model.Issue{Path: fmt.Sprintf("events[%d].job%s", e, rest), Message: i.Message}
		}
		if n, _ := fmt.Sscanf(rest, ".operations[%d]", &k); n == 1 {
			if e, ok := factAt[j][k]; ok {
				return model.Issue{Path: fmt.Sprintf("events[%d]", e), Message: "in the new problem, " + i.Path + ": " + i.Message}
			}
		}
	}
	return model.Issue{Path: i.Path, Message: "in the new problem: " + i.Message}
}

// validate returns the issues of the new problem np (whose jobs from
// first on are the added ones) that Apply's own checks may miss: none when
// the events cannot make it invalid, the checks of the added jobs
// (model.ValidateAdded, the same issues as Validate) when every event adds
// an order (the jobs before them are the old problem's, changed by Apply
// only to fix what ran before now, as the schedule placed it), else
// model.Validate.
func (a *applier) validate(np *model.Problem, first int) model.Issues {
	if !a.needValidate() {
		return nil // nothing Apply did can make the problem invalid
	}
	for _, ev := range a.evs.Events {
		if ev.Type != TypeOrderAdded {
			return np.Validate()
		}
	}
	return np.ValidateAdded(first)
}

// receiptReduced reports whether an event changes a receipt's quantity.
func (a *applier) receiptReduced() bool {
	for _, ev := range a.evs.Events {
		if ev.Type == TypeReceiptChanged && ev.Quantity != nil {
			return true
		}
	}
	return false
}

// needValidate reports whether the events may make the new problem
// invalid in ways that only model.Validate sees: new jobs (references,
// cycles), reported facts (fixed operations against each other), reduced
// receipts (material balance). The other events are checked by Apply
// itself, and the fixed operations it assumes from a feasible schedule
// agree with each other.
func (a *applier) needValidate() bool {
	return len(a.added) > 0 || len(a.actEv) > 0 || a.receiptReduced()
}
