package schedule

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// Kind is the kind of a Violation: which constraint of the model a schedule
// breaks.
type Kind int

// The kinds of violations reported by Check.
const (
	// Missing: an operation of the problem has no assignment.
	Missing Kind = iota + 1
	// Duplicate: an operation is scheduled more than once.
	Duplicate
	// UnknownOperation: an assignment's job or operation index is out of
	// range.
	UnknownOperation
	// BadMachine: the machine index is out of range, or the machine is not
	// among the operation's alternatives.
	BadMachine
	// BadTimes: an assignment's times are malformed (End before Start, or
	// SetupStart after Start); it is not checked further.
	BadTimes
	// Duration: End - Start differs from the processing time of the
	// operation on its machine.
	Duration
	// Precedence: an operation starts before a predecessor's end plus the
	// minimum time lag.
	Precedence
	// Overlap: two operations (setups included) overlap on a machine.
	Overlap
	// Setup: the sequence-dependent setup before an operation has the
	// wrong length (SetupStart does not match the setup matrix).
	Setup
	// Calendar: an operation (or its setup) runs in non-working time of its
	// machine or of its operators' pools, or a resumable operation's
	// working time differs from its processing time.
	Calendar
	// Horizon: an operation on a machine or pool with a calendar ends after
	// the planning horizon, beyond which calendars are not expanded.
	Horizon
	// Release: an operation (or its setup) starts before its job's release.
	Release
	// Deadline: an operation ends after its job's hard deadline.
	Deadline
	// Material: the stock of a material is negative at some instant.
	Material
	// OperatorCount: the number of operators assigned differs from the
	// number the operation needs.
	OperatorCount
	// OperatorSkill: an assigned operator pool is unknown or lacks the
	// needed skill.
	OperatorSkill
	// OperatorCapacity: an operator pool has more operators in use than its
	// capacity at some instant.
	OperatorCapacity
	// Fixed: a fixed operation is not placed exactly as frozen.
	Fixed
	// Model: the problem itself is malformed (an unknown reference, a
	// calendar that cannot be expanded), so some constraint could not be
	// checked; model.Validate says more.
	Model
)

var kindNames = [...]string{
	Missing: "missing", Duplicate: "duplicate", UnknownOperation: "unknown_operation",
	BadMachine: "bad_machine", BadTimes: "bad_times", Duration: "duration",
	Precedence: "precedence", Overlap: "overlap", Setup: "setup", Calendar: "calendar",
	Horizon: "horizon", Release: "release", Deadline: "deadline", Material: "material",
	OperatorCount: "operator_count", OperatorSkill: "operator_skill",
	OperatorCapacity: "operator_capacity", Fixed: "fixed", Model: "model",
}

// String returns the kind's name in snake case ("overlap",
// "operator_capacity").
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Kinds returns every violation kind, in declaration order.
func Kinds() []Kind {
	ks := make([]Kind, 0, len(kindNames)-1)
	for k := Missing; int(k) < len(kindNames); k++ {
		ks = append(ks, k)
	}
	return ks
}

// Violation is one broken constraint of a schedule.
type Violation struct {
	// Kind says which constraint is broken.
	Kind Kind
	// Job and Op locate the operation concerned (indices into Problem.Jobs
	// and the job's Operations); -1 when not applicable.
	Job, Op int
	// Machine is the machine index concerned; -1 when not applicable.
	Machine int
	// Path locates the violation in the result ("assignments[4]") or, for
	// missing operations and materials, in the problem
	// ("jobs[2].operations[1]", "materials[0]").
	Path string
	// Message is a plain sentence naming the job, operation, machine and
	// times involved.
	Message string
}

// Error returns "path: message (kind)".
func (v Violation) Error() string {
	return fmt.Sprintf("%s: %s (%s)", v.Path, v.Message, v.Kind)
}

// MaxViolations caps the number of violations Check reports.
const MaxViolations = 1000

// ViolationsError is the error returned by Verify.
type ViolationsError struct {
	// Violations are all the violations found (at most MaxViolations).
	Violations []Violation
}

// Error lists the first 20 violations, one per line.
func (e *ViolationsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "infeasible schedule: %d violation(s)", len(e.Violations))
	for i, v := range e.Violations {
		if i == 20 {
			fmt.Fprintf(&b, "\n  ... and %d more", len(e.Violations)-20)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(v.Error())
	}
	return b.String()
}

// Verify returns nil when s is a feasible schedule of p, and a
// *ViolationsError listing the violations otherwise.
func Verify(p *model.Problem, s *Schedule) error {
	if vs := Check(p, s); len(vs) > 0 {
		return &ViolationsError{Violations: vs}
	}
	return nil
}

// Check verifies schedule s against every constraint of problem p and
// returns the violations found (nil when s is feasible), at most
// MaxViolations, in a deterministic order: the assignments one by one
// (identity, machine, times, fixed placement, duration, release, deadline,
// operators, calendars), then missing operations, then each machine
// (setups, overlaps), precedence arcs, materials and operator pools.
//
// Check is the independent oracle solvers are tested against: it re-derives
// every constraint from the Problem alone (model.Arcs, Problem.MachineIntervals,
// Problem.PoolIntervals, model.Intersect, Problem.PlanningHorizon) and shares
// no code with the solvers. The semantics are those of the model package:
//
//   - every operation is scheduled exactly once on one of its alternative
//     machines, with End - Start equal to its processing time there
//     (resumable operations: the working ticks inside [Start, End));
//   - start(To) >= end(From) + lag for every precedence arc;
//   - a machine holds one operation at a time, its setup [SetupStart, Start)
//     included; the setup before an operation follows the machine's setup
//     matrix from the family of the previous operation in Start order
//     (Initial before the first);
//   - a non-resumable operation runs inside one working window of its
//     effective calendar (machine working time intersected with the
//     calendars of the operator pools it uses), its setup and itself inside
//     one working window of the machine; a resumable one starts and ends on
//     working ticks and its working ticks equal its processing time;
//   - no operation or setup starts before tick 0 (the epoch: planning
//     starts there) or before the job's release, none ends after its
//     deadline;
//   - material stock, after all additions and then all consumptions of each
//     instant, is never negative (tolerance 1e-9 relative to the stock's
//     magnitude);
//   - operators: as many pool entries as the needs ask, each pool having the
//     skill, no pool over capacity at any instant of [Start, End);
//   - fixed operations are placed exactly as frozen; machine eligibility,
//     duration, setup, calendar and release are then not checked for them
//     (they are facts from the shop floor), the other constraints are.
//
// A machine or pool whose calendar has no working time at all before an
// operation's end is closed for it, not unknown: the operation is reported.
// Only a calendar that cannot be expanded (a Model violation) leaves the
// working time of an assignment unchecked.
//
// Check never panics, whatever the schedule holds (nil, indices out of
// range, absurd times). Each calendar is expanded once per call.
func Check(p *model.Problem, s *Schedule) []Violation {
	if p == nil {
		return []Violation{{Kind: Model, Job: -1, Op: -1, Machine: -1, Path: "problem", Message: "there is no problem to check against"}}
	}
	if s == nil {
		s = &Schedule{}
	}
	c := newChecker(p, s)
	c.run()
	return c.out
}

// checker holds the state of one Check call.
type checker struct {
	p   *model.Problem
	s   *Schedule
	x   *model.Index
	out []Violation

	opOff  []int  // dense operation number of (job, 0)
	first  []int  // per dense operation: index of its (first) assignment, -1
	usable []bool // per assignment: identity and times are sound
	opsOK  []bool // per assignment: operator entries are sound (count, pools)

	horizon  int64              // planning horizon
	expanded int64              // calendars are expanded over [0, expanded)
	machIv   [][]model.Interval // working intervals per machine (may be empty)
	machOK   []bool             // machIv is known (false: reported as Model)
	machCal  []bool             // machine has a calendar or downtime
	machSM   []*setupTable      // setup table per machine (nil: none)
	poolIv   [][]model.Interval // working intervals per pool (may be empty)
	poolOK   []bool             // poolIv is known (false: reported as Model)
	poolCal  []bool             // pool has a calendar
	fixedMac []int              // per dense op with Fixed: machine index (-1 unknown)
}

// setupTable is a setup matrix prepared for lookups.
type setupTable struct {
	m       *model.SetupMatrix
	entries map[[2]string]int64
}

func (t *setupTable) time(prev string, first bool, fam string) int64 {
	if t == nil {
		return 0
	}
	if first {
		return t.m.Initial
	}
	if v, ok := t.entries[[2]string{prev, fam}]; ok {
		return v
	}
	if prev == fam {
		return 0
	}
	return t.m.Default
}

func newChecker(p *model.Problem, s *Schedule) *checker {
	c := &checker{p: p, s: s, x: p.NewIndex()}
	c.opOff = make([]int, len(p.Jobs)+1)
	for j := range p.Jobs {
		c.opOff[j+1] = c.opOff[j] + len(p.Jobs[j].Operations)
	}
	n := c.opOff[len(p.Jobs)]
	c.first = make([]int, n)
	for i := range c.first {
		c.first[i] = -1
	}
	c.usable = make([]bool, len(s.Assignments))
	c.opsOK = make([]bool, len(s.Assignments))
	c.fixedMac = make([]int, n)
	return c
}

func (c *checker) full() bool { return len(c.out) >= MaxViolations }

func (c *checker) add(k Kind, job, op, machine int, path, format string, args ...any) {
	if c.full() {
		return
	}
	c.out = append(c.out, Violation{Kind: k, Job: job, Op: op, Machine: machine, Path: path, Message: fmt.Sprintf(format, args...)})
}

// opName names operation k of job j for messages.
func (c *checker) opName(j, k int) string {
	job := &c.p.Jobs[j]
	return fmt.Sprintf("job %q op %q", job.ID, job.OpID(k))
}

func (c *checker) machName(m int) string {
	if m >= 0 && m < len(c.p.Machines) {
		return fmt.Sprintf("machine %q", c.p.Machines[m].ID)
	}
	return fmt.Sprintf("machine #%d", m)
}

// tm formats tick t, with its date when the problem has an epoch.
func (c *checker) tm(t int64) string {
	if c.p.Epoch.IsZero() || t <= -model.Forever || t >= model.Forever {
		return fmt.Sprint(t)
	}
	return fmt.Sprintf("%d (%s)", t, c.p.TimeOf(t).Format(time.RFC3339))
}

func apath(i int) string { return fmt.Sprintf("assignments[%d]", i) }

func (c *checker) run() {
	c.prepare()
	c.assignments()
	c.missing()
	c.machines()
	c.precedence()
	c.materials()
	c.operators()
}

// prepare resolves the problem's references and expands calendars.
func (c *checker) prepare() {
	p := c.p
	c.horizon = p.PlanningHorizon()
	// Calendars are only needed up to the latest end in the schedule: an
	// interval list may then be empty (no working time before that end),
	// which is known working time, not an unknown one; an assignment
	// ending after the expansion (or the horizon) is reported.
	var maxEnd int64 = 1
	for _, a := range c.s.Assignments {
		if a.End > maxEnd && a.End < model.Forever {
			maxEnd = a.End
		}
	}
	h := min(c.horizon, maxEnd)
	c.expanded = h
	c.machIv = make([][]model.Interval, len(p.Machines))
	c.machOK = make([]bool, len(p.Machines))
	c.machCal = make([]bool, len(p.Machines))
	c.machSM = make([]*setupTable, len(p.Machines))
	tables := make([]*setupTable, len(p.SetupMatrices))
	// Working intervals of machines without downtime and of pools are
	// those of their calendar alone: expand each calendar once and share.
	byCal := map[string][]model.Interval{}
	for m := range p.Machines {
		mc := &p.Machines[m]
		c.machCal[m] = mc.Calendar != "" || len(mc.Downtime) > 0
		iv, shared := byCal[mc.Calendar]
		var err error
		if !shared || len(mc.Downtime) > 0 || len(mc.Overtime) > 0 {
			iv, err = p.MachineIntervals(mc, h)
			if err == nil && len(mc.Downtime) == 0 && len(mc.Overtime) == 0 {
				byCal[mc.Calendar] = iv
			}
		}
		if err != nil {
			c.add(Model, -1, -1, m, fmt.Sprintf("machines[%d].calendar", m), "cannot check the working time of machine %q: %v", mc.ID, err)
		} else {
			c.machIv[m], c.machOK[m] = iv, true
		}
		if mc.SetupMatrix != "" {
			i, ok := c.x.SetupMatrices[mc.SetupMatrix]
			if !ok {
				c.add(Model, -1, -1, m, fmt.Sprintf("machines[%d].setup_matrix", m), "machine %q refers to unknown setup matrix %q; its setups are not checked", mc.ID, mc.SetupMatrix)
				continue
			}
			if tables[i] == nil {
				sm := &p.SetupMatrices[i]
				t := &setupTable{m: sm, entries: make(map[[2]string]int64, len(sm.Entries))}
				for _, e := range sm.Entries {
					key := [2]string{e.From, e.To}
					if _, dup := t.entries[key]; !dup {
						t.entries[key] = e.Time
					}
				}
				tables[i] = t
			}
			c.machSM[m] = tables[i]
		}
	}
	c.poolIv = make([][]model.Interval, len(p.OperatorPools))
	c.poolCal = make([]bool, len(p.OperatorPools))
	c.poolOK = make([]bool, len(p.OperatorPools))
	for o := range p.OperatorPools {
		op := &p.OperatorPools[o]
		c.poolCal[o] = op.Calendar != ""
		if iv, ok := byCal[op.Calendar]; ok {
			c.poolIv[o], c.poolOK[o] = iv, true
			continue
		}
		iv, err := p.PoolIntervals(op, h)
		if err != nil {
			c.add(Model, -1, -1, -1, fmt.Sprintf("operator_pools[%d].calendar", o), "cannot check the working time of operator pool %q: %v", op.ID, err)
			continue
		}
		byCal[op.Calendar] = iv
		c.poolIv[o], c.poolOK[o] = iv, true
	}
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			f := p.Jobs[j].Operations[k].Fixed
			if f == nil {
				continue
			}
			m, ok := c.x.Machines[f.Machine]
			if !ok {
				m = -1
				c.add(Model, j, k, -1, fmt.Sprintf("jobs[%d].operations[%d].fixed.machine", j, k), "%s is fixed on unknown machine %q", c.opName(j, k), f.Machine)
			}
			c.fixedMac[c.opOff[j]+k] = m
		}
	}
}

// assignments checks each assignment on its own.
func (c *checker) assignments() {
	p := c.p
	for i := range c.s.Assignments {
		if c.full() {
			return
		}
		a := &c.s.Assignments[i]
		if a.Job < 0 || a.Job >= len(p.Jobs) {
			c.add(UnknownOperation, -1, -1, -1, apath(i), "job index %d is out of range (the problem has %d jobs)", a.Job, len(p.Jobs))
			continue
		}
		job := &p.Jobs[a.Job]
		if a.Op < 0 || a.Op >= len(job.Operations) {
			c.add(UnknownOperation, a.Job, -1, -1, apath(i), "operation index %d is out of range (job %q has %d operations)", a.Op, job.ID, len(job.Operations))
			continue
		}
		d := c.opOff[a.Job] + a.Op
		if f := c.first[d]; f >= 0 {
			c.add(Duplicate, a.Job, a.Op, a.Machine, apath(i), "%s is scheduled twice (already by assignments[%d])", c.opName(a.Job, a.Op), f)
			continue
		}
		c.first[d] = i
		if a.End < a.Start || a.SetupStart > a.Start {
			c.add(BadTimes, a.Job, a.Op, a.Machine, apath(i), "%s has malformed times: setup start %d, start %d, end %d (want setup start <= start <= end)", c.opName(a.Job, a.Op), a.SetupStart, a.Start, a.End)
			continue
		}
		c.usable[i] = true
		c.assignment(i, a)
	}
}

// assignment checks usable assignment i.
func (c *checker) assignment(i int, a *Assignment) {
	p := c.p
	job := &p.Jobs[a.Job]
	op := &job.Operations[a.Op]
	machOK := a.Machine >= 0 && a.Machine < len(p.Machines)
	if !machOK {
		c.add(BadMachine, a.Job, a.Op, a.Machine, apath(i)+".machine", "%s is on machine index %d, out of range (the problem has %d machines)", c.opName(a.Job, a.Op), a.Machine, len(p.Machines))
	}
	fixed := op.Fixed != nil
	if fixed {
		f := op.Fixed
		fm := c.fixedMac[c.opOff[a.Job]+a.Op]
		if (fm >= 0 && a.Machine != fm) || a.SetupStart != f.SetupStart || a.Start != f.Start || a.End != f.End {
			c.add(Fixed, a.Job, a.Op, a.Machine, apath(i), "%s is fixed on machine %q with setup start %s, start %s, end %s, but is scheduled on %s with setup start %s, start %s, end %s",
				c.opName(a.Job, a.Op), f.Machine, c.tm(f.SetupStart), c.tm(f.Start), c.tm(f.End), c.machName(a.Machine), c.tm(a.SetupStart), c.tm(a.Start), c.tm(a.End))
		}
	}
	// Processing times on the assigned machine (nil when not allowed).
	var ptimes []int64
	if machOK {
		mid := p.Machines[a.Machine].ID
		for _, alt := range op.Alternatives {
			if alt.Machine == mid {
				ptimes = append(ptimes, alt.ProcessingTime(job.Quantity))
			}
		}
		if ptimes == nil && !fixed {
			ids := make([]string, len(op.Alternatives))
			for k, alt := range op.Alternatives {
				ids[k] = fmt.Sprintf("%q", alt.Machine)
			}
			c.add(BadMachine, a.Job, a.Op, a.Machine, apath(i)+".machine", "%s is on machine %q, which is not among its alternatives (%s)", c.opName(a.Job, a.Op), mid, strings.Join(ids, ", "))
		}
	}
	if !fixed && ptimes != nil && !op.Resumable && !slices.Contains(ptimes, a.End-a.Start) {
		c.add(Duration, a.Job, a.Op, a.Machine, apath(i), "%s lasts %d ticks (%s to %s) on %s, but its processing time there is %s", c.opName(a.Job, a.Op), a.End-a.Start, c.tm(a.Start), c.tm(a.End), c.machName(a.Machine), fmtTimes(ptimes))
	}
	if !fixed && a.SetupStart < 0 {
		c.add(Release, a.Job, a.Op, a.Machine, apath(i), "%s starts (with its setup) at %s, before tick 0 (the epoch, where planning starts)", c.opName(a.Job, a.Op), c.tm(a.SetupStart))
	} else if !fixed && a.SetupStart < job.Release {
		what := "starts"
		if a.SetupStart < a.Start {
			what = "starts its setup"
		}
		c.add(Release, a.Job, a.Op, a.Machine, apath(i), "%s %s at %s, before the job's release at %s", c.opName(a.Job, a.Op), what, c.tm(a.SetupStart), c.tm(job.Release))
	}
	if job.Deadline != nil && a.End > *job.Deadline {
		c.add(Deadline, a.Job, a.Op, a.Machine, apath(i), "%s ends at %s, after the job's deadline at %s", c.opName(a.Job, a.Op), c.tm(a.End), c.tm(*job.Deadline))
	}
	pools := c.operatorEntries(i, a)
	if !fixed && machOK {
		c.calendar(i, a, ptimes, pools)
	}
}

func fmtTimes(ts []int64) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = fmt.Sprint(t)
	}
	return strings.Join(s, " or ")
}

// operatorEntries checks the operator entries of usable assignment i and
// returns the distinct valid pools it uses, in first-use order.
func (c *checker) operatorEntries(i int, a *Assignment) []int {
	p := c.p
	op := &p.Jobs[a.Job].Operations[a.Op]
	need := 0
	for _, n := range op.Operators {
		need += max(n.Count, 0)
	}
	var pools []int
	for _, o := range a.Operators {
		if o >= 0 && o < len(p.OperatorPools) && !slices.Contains(pools, o) {
			pools = append(pools, o)
		}
	}
	if len(a.Operators) != need {
		c.add(OperatorCount, a.Job, a.Op, a.Machine, apath(i)+".operators", "%s is given %d operator(s) but needs %d", c.opName(a.Job, a.Op), len(a.Operators), need)
		return pools
	}
	ok := true
	e := 0
	for _, n := range op.Operators {
		for range max(n.Count, 0) {
			o := a.Operators[e]
			path := fmt.Sprintf("%s.operators[%d]", apath(i), e)
			e++
			if o < 0 || o >= len(p.OperatorPools) {
				c.add(OperatorSkill, a.Job, a.Op, a.Machine, path, "%s uses operator pool index %d, out of range (the problem has %d pools)", c.opName(a.Job, a.Op), o, len(p.OperatorPools))
				ok = false
				continue
			}
			if !slices.Contains(p.OperatorPools[o].Skills, n.Skill) {
				c.add(OperatorSkill, a.Job, a.Op, a.Machine, path, "%s needs an operator with skill %q, but operator pool %q does not have it", c.opName(a.Job, a.Op), n.Skill, p.OperatorPools[o].ID)
				ok = false
			}
		}
	}
	c.opsOK[i] = ok
	return pools
}

// calendar checks the working time of usable, non-fixed assignment i on a
// valid machine.
func (c *checker) calendar(i int, a *Assignment, ptimes []int64, pools []int) {
	p := c.p
	op := &p.Jobs[a.Job].Operations[a.Op]
	m := a.Machine
	restricted := c.machCal[m]
	hasCal := p.Machines[m].Calendar != ""
	if !c.machOK[m] {
		return // reported as Model
	}
	for _, o := range pools {
		if !c.poolOK[o] {
			return // reported as Model
		}
		restricted = restricted || c.poolCal[o]
		hasCal = hasCal || c.poolCal[o]
	}
	if !restricted && !op.Resumable {
		return // always available: nothing to check
	}
	if hasCal && a.End > c.horizon {
		c.add(Horizon, a.Job, a.Op, m, apath(i), "%s ends at %s, after the planning horizon %s over which calendars are expanded", c.opName(a.Job, a.Op), c.tm(a.End), c.tm(c.horizon))
		return
	}
	if hasCal && a.End > c.expanded {
		// An end at or beyond model.Forever: calendars cannot be expanded
		// that far.
		c.add(Horizon, a.Job, a.Op, m, apath(i), "%s ends at %s, beyond the time calendars can be expanded to", c.opName(a.Job, a.Op), c.tm(a.End))
		return
	}
	// Effective calendar over [SetupStart, End): the machine's working time
	// intersected with that of every pool used.
	eff := clip(c.machIv[m], a.Start, a.End)
	for _, o := range pools {
		eff = model.Intersect(eff, clip(c.poolIv[o], a.Start, a.End))
	}
	onWhat := func() string {
		s := c.machName(m)
		if len(pools) > 0 {
			ids := make([]string, len(pools))
			for k, o := range pools {
				ids[k] = fmt.Sprintf("%q", p.OperatorPools[o].ID)
			}
			s += " with operator pool(s) " + strings.Join(ids, ", ")
		}
		return s
	}
	if !op.Resumable {
		if a.End > a.Start && !within(eff, a.Start, a.End) {
			c.add(Calendar, a.Job, a.Op, m, apath(i), "%s runs from %s to %s, which is not inside one working window of %s", c.opName(a.Job, a.Op), c.tm(a.Start), c.tm(a.End), onWhat())
			return
		}
		if a.SetupStart < a.Start && !within(c.machIv[m], a.SetupStart, max(a.End, a.Start)) {
			c.add(Calendar, a.Job, a.Op, m, apath(i), "%s with its setup runs from %s to %s, which is not inside one working window of %s", c.opName(a.Job, a.Op), c.tm(a.SetupStart), c.tm(a.End), c.machName(m))
		}
		return
	}
	if a.End == a.Start {
		if ptimes != nil && !slices.Contains(ptimes, 0) {
			c.add(Duration, a.Job, a.Op, m, apath(i), "%s lasts 0 ticks at %s on %s, but its processing time there is %s", c.opName(a.Job, a.Op), c.tm(a.Start), c.machName(m), fmtTimes(ptimes))
		}
		return
	}
	w := model.WorkIn(eff, a.Start, a.End)
	if w == a.End-a.Start {
		// No pause: an ordinary duration check.
		if ptimes != nil && !slices.Contains(ptimes, w) {
			c.add(Duration, a.Job, a.Op, m, apath(i), "%s lasts %d ticks (%s to %s) on %s, but its processing time there is %s", c.opName(a.Job, a.Op), w, c.tm(a.Start), c.tm(a.End), c.machName(m), fmtTimes(ptimes))
		}
		return
	}
	switch {
	case !working(eff, a.Start):
		c.add(Calendar, a.Job, a.Op, m, apath(i), "resumable %s starts at %s, in non-working time of %s", c.opName(a.Job, a.Op), c.tm(a.Start), onWhat())
	case !working(eff, a.End-1):
		c.add(Calendar, a.Job, a.Op, m, apath(i), "resumable %s ends at %s, after non-working time of %s", c.opName(a.Job, a.Op), c.tm(a.End), onWhat())
	case ptimes != nil && !slices.Contains(ptimes, w):
		c.add(Calendar, a.Job, a.Op, m, apath(i), "resumable %s has %d working ticks between %s and %s on %s, but its processing time there is %s", c.opName(a.Job, a.Op), w, c.tm(a.Start), c.tm(a.End), onWhat(), fmtTimes(ptimes))
	}
}

// missing reports operations without an assignment.
func (c *checker) missing() {
	for j := range c.p.Jobs {
		for k := range c.p.Jobs[j].Operations {
			if c.first[c.opOff[j]+k] < 0 {
				c.add(Missing, j, k, -1, fmt.Sprintf("jobs[%d].operations[%d]", j, k), "%s is not scheduled", c.opName(j, k))
			}
		}
	}
}

// machines checks setups and overlaps machine by machine.
func (c *checker) machines() {
	p := c.p
	byMach := make([][]int, len(p.Machines))
	for i, a := range c.s.Assignments {
		if c.usable[i] && a.Machine >= 0 && a.Machine < len(p.Machines) {
			byMach[a.Machine] = append(byMach[a.Machine], i)
		}
	}
	as := c.s.Assignments
	for m, list := range byMach {
		if c.full() {
			return
		}
		// Setups, in Start order.
		slices.SortFunc(list, func(x, y int) int {
			a, b := &as[x], &as[y]
			if r := cmp.Compare(a.Start, b.Start); r != 0 {
				return r
			}
			if r := cmp.Compare(a.End, b.End); r != 0 {
				return r
			}
			if r := cmp.Compare(a.Job, b.Job); r != 0 {
				return r
			}
			return cmp.Compare(a.Op, b.Op)
		})
		sm := c.machSM[m]
		for n, i := range list {
			a := &as[i]
			op := &p.Jobs[a.Job].Operations[a.Op]
			if op.Fixed != nil {
				continue
			}
			prev := ""
			if n > 0 {
				pa := &as[list[n-1]]
				prev = p.Jobs[pa.Job].Operations[pa.Op].SetupFamily
			}
			want := sm.time(prev, n == 0, op.SetupFamily)
			got := a.Start - a.SetupStart
			if op.Resumable && want > 0 && c.machOK[m] {
				got = model.WorkIn(c.machIv[m], a.SetupStart, a.Start)
			}
			if got != want {
				after := "as the first operation on the machine"
				if n > 0 {
					pa := &as[list[n-1]]
					after = fmt.Sprintf("after %s (family %q)", c.opName(pa.Job, pa.Op), prev)
				}
				c.add(Setup, a.Job, a.Op, m, apath(i)+".setup_start", "%s (family %q) on %s %s needs a setup of %d ticks, but has %d (setup start %s, start %s)",
					c.opName(a.Job, a.Op), op.SetupFamily, c.machName(m), after, want, got, c.tm(a.SetupStart), c.tm(a.Start))
			}
		}
		// Overlaps, in SetupStart order.
		slices.SortStableFunc(list, func(x, y int) int { return cmp.Compare(as[x].SetupStart, as[y].SetupStart) })
		holder := -1
		for _, i := range list {
			a := &as[i]
			if a.SetupStart >= a.End {
				continue
			}
			if holder >= 0 && a.SetupStart < as[holder].End {
				h := &as[holder]
				c.add(Overlap, a.Job, a.Op, m, apath(i), "%s [%s, %s) overlaps %s [%s, %s) on %s (setups included) from %s to %s",
					c.opName(a.Job, a.Op), c.tm(a.SetupStart), c.tm(a.End), c.opName(h.Job, h.Op), c.tm(h.SetupStart), c.tm(h.End), c.machName(m),
					c.tm(a.SetupStart), c.tm(min(a.End, h.End)))
			}
			if holder < 0 || a.End > as[holder].End {
				holder = i
			}
		}
	}
}

// precedence checks every arc of the problem.
func (c *checker) precedence() {
	for _, arc := range c.p.Arcs(c.x) {
		if c.full() {
			return
		}
		fi := c.first[c.opOff[arc.From.Job]+arc.From.Op]
		ti := c.first[c.opOff[arc.To.Job]+arc.To.Op]
		if fi < 0 || ti < 0 || !c.usable[fi] || !c.usable[ti] {
			continue
		}
		f, t := &c.s.Assignments[fi], &c.s.Assignments[ti]
		if t.Start < f.End+arc.MinLag {
			lag := ""
			if arc.MinLag != 0 {
				lag = fmt.Sprintf(" plus its lag of %d", arc.MinLag)
			}
			c.add(Precedence, arc.To.Job, arc.To.Op, t.Machine, apath(ti), "%s starts at %s, before its predecessor %s ends at %s%s (earliest start %s)",
				c.opName(arc.To.Job, arc.To.Op), c.tm(t.Start), c.opName(arc.From.Job, arc.From.Op), c.tm(f.End), lag, c.tm(f.End+arc.MinLag))
		}
	}
}

// stockEvent is a change of a material's stock.
type stockEvent struct {
	mat  int
	at   int64
	qty  float64 // > 0 addition, < 0 consumption
	asg  int     // assignment index, -1 for initial stock and receipts
	cons bool
}

// materials checks that no stock goes negative.
func (c *checker) materials() {
	p := c.p
	var ev []stockEvent
	for m := range p.Materials {
		mat := &p.Materials[m]
		ev = append(ev, stockEvent{mat: m, at: 0, qty: mat.Initial, asg: -1})
		for _, r := range mat.Receipts {
			ev = append(ev, stockEvent{mat: m, at: r.At, qty: r.Quantity, asg: -1})
		}
	}
	for i, a := range c.s.Assignments {
		if !c.usable[i] {
			continue
		}
		op := &p.Jobs[a.Job].Operations[a.Op]
		for k, q := range op.Consumes {
			m, ok := c.x.Materials[q.Material]
			if !ok {
				c.add(Model, a.Job, a.Op, -1, fmt.Sprintf("jobs[%d].operations[%d].consumes[%d].material", a.Job, a.Op, k), "%s consumes unknown material %q", c.opName(a.Job, a.Op), q.Material)
				continue
			}
			ev = append(ev, stockEvent{mat: m, at: a.Start, qty: -q.Quantity, asg: i, cons: true})
		}
		for k, q := range op.Produces {
			m, ok := c.x.Materials[q.Material]
			if !ok {
				c.add(Model, a.Job, a.Op, -1, fmt.Sprintf("jobs[%d].operations[%d].produces[%d].material", a.Job, a.Op, k), "%s produces unknown material %q", c.opName(a.Job, a.Op), q.Material)
				continue
			}
			ev = append(ev, stockEvent{mat: m, at: a.End, qty: q.Quantity, asg: i})
		}
	}
	slices.SortStableFunc(ev, func(a, b stockEvent) int {
		if r := cmp.Compare(a.mat, b.mat); r != 0 {
			return r
		}
		if r := cmp.Compare(a.at, b.at); r != 0 {
			return r
		}
		// Additions before consumptions at the same instant.
		switch {
		case a.cons == b.cons:
			return 0
		case b.cons:
			return -1
		}
		return 1
	})
	var stock, scale float64
	for n := 0; n < len(ev); {
		e := ev[n]
		if n == 0 || ev[n-1].mat != e.mat {
			stock, scale = 0, 1
		}
		// One instant of one material.
		end := n
		consumer := -1
		for end < len(ev) && ev[end].mat == e.mat && ev[end].at == e.at {
			stock += ev[end].qty
			scale = max(scale, math.Abs(stock), math.Abs(ev[end].qty))
			if ev[end].cons && consumer < 0 {
				consumer = ev[end].asg
			}
			end++
		}
		n = end
		if consumer >= 0 && stock < -1e-9*scale {
			a := &c.s.Assignments[consumer]
			mat := &p.Materials[e.mat]
			unit := ""
			if mat.Unit != "" {
				unit = " " + mat.Unit
			}
			c.add(Material, a.Job, a.Op, a.Machine, fmt.Sprintf("materials[%d]", e.mat), "stock of material %q is %g%s at %s, after %s starts (short by %g%s)",
				mat.ID, stock, unit, c.tm(e.at), c.opName(a.Job, a.Op), -stock, unit)
		}
	}
}

// poolEvent is a change of a pool's number of operators in use.
type poolEvent struct {
	pool  int
	at    int64
	delta int
	asg   int
}

// operators checks the capacity of every operator pool.
func (c *checker) operators() {
	p := c.p
	var ev []poolEvent
	for i, a := range c.s.Assignments {
		if !c.usable[i] || !c.opsOK[i] || a.Start >= a.End {
			continue
		}
		for _, o := range a.Operators {
			ev = append(ev, poolEvent{pool: o, at: a.Start, delta: 1, asg: i}, poolEvent{pool: o, at: a.End, delta: -1, asg: i})
		}
	}
	slices.SortStableFunc(ev, func(a, b poolEvent) int {
		if r := cmp.Compare(a.pool, b.pool); r != 0 {
			return r
		}
		if r := cmp.Compare(a.at, b.at); r != 0 {
			return r
		}
		return cmp.Compare(a.delta, b.delta) // releases first
	})
	use := 0
	for n := 0; n < len(ev); {
		e := ev[n]
		if n == 0 || ev[n-1].pool != e.pool {
			use = 0
		}
		end := n
		starter := -1
		for end < len(ev) && ev[end].pool == e.pool && ev[end].at == e.at {
			use += ev[end].delta
			if ev[end].delta > 0 && starter < 0 {
				starter = ev[end].asg
			}
			end++
		}
		n = end
		pool := &p.OperatorPools[e.pool]
		if starter >= 0 && use > pool.Capacity {
			a := &c.s.Assignments[starter]
			c.add(OperatorCapacity, a.Job, a.Op, a.Machine, fmt.Sprintf("operator_pools[%d]", e.pool), "operator pool %q has %d operator(s) in use at %s (when %s starts), but its capacity is %d",
				pool.ID, use, c.tm(e.at), c.opName(a.Job, a.Op), pool.Capacity)
		}
	}
}
