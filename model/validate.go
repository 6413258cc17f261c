package model

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxDuration is the largest duration, lag or setup time (in ticks) that
// Validate accepts: about two million years with one-minute ticks. It keeps
// every sum of durations far from integer overflow.
const MaxDuration int64 = 1 << 40

// maxCalendarYears bounds the span over which Validate expands calendars.
const maxCalendarYears = 30

// Validate checks the problem and returns every problem it finds, each with
// a path and a plain sentence, or nil when the problem is valid. It checks:
//
//   - identifiers: missing or duplicate ids of machines, calendars, setup
//     matrices, materials, operator pools, jobs and operations within a job;
//   - references: unknown machines, calendars, setup matrices, materials,
//     skills no pool has, precedence links to unknown jobs or operations;
//   - numbers: negative or too large durations, setups, lags and quantities,
//     non-positive weights, pools with negative capacity, operations
//     needing more operators than all the pools with the skill have;
//   - time: calendars without an epoch, bad time zones, shifts outside
//     00:00..24:00, windows that end before they start, calendars with no
//     working time within the planning horizon, a planning horizon more than
//     30 years long, releases after deadlines, deadlines that cannot be met
//     even with no other work, non-resumable operations longer than every
//     working window of their machines (and of the operator pools they
//     need);
//   - structure: jobs without operations, operations without alternatives,
//     cycles in the precedence graph (naming the operations on the cycle);
//   - materials: consumption of a material with no stock, no receipt and no
//     producer, and total consumption above the total supply;
//   - fixed operations: unknown machine or one that is not an alternative,
//     end before start, a length that differs from the processing time,
//     fixed operations overlapping on a machine or violating precedence;
//   - the objective: unknown criteria and non-positive weights;
//   - limits: identifiers, skills and setup families with control
//     characters (NUL, newlines) or invalid UTF-8; releases before the
//     epoch (tick 0, where planning starts); a total work (durations, lags
//     and setups) above MaxDuration, so that no sum of times overflows;
//     with an epoch, operations longer than the 30-year planning horizon
//     (resumable ones: longer than their machines' working time within
//     it) and a planning horizon reaching past year 9999;
//   - fixed operations against the plant: fixed operations that together
//     need more operators at the same time than the pools have, and fixed
//     operations consuming a material before enough of it can be there
//     (both name the operations involved).
//
// Validate never panics, whatever the problem holds, and runs in time
// roughly linear in the size of the problem.
func (p *Problem) Validate() Issues {
	ix := indexPool.Get().(*pooledIndex)
	defer ix.put()
	v := &validator{p: p, x: ix.index(p), sane: true}
	v.run()
	if len(v.issues) == 0 {
		return nil
	}
	return v.issues
}

// ValidateAdded returns exactly the issues Validate returns for p, faster,
// when p is a valid problem with jobs added at its end: p.Jobs[from:] are
// the added jobs and p with p.Jobs[:from] only passes Validate (Apply and
// Promise add orders so). It runs the same checks as Validate, except
// that the non-resumable and resumable fits (operations against their
// machines' working windows, the costly part: calendars expanded over the
// planning horizon) and the identifiers (of jobs, operations, skills and
// setup families) are checked for the added jobs only, the calendars'
// working time is not checked again, and fixed operations are checked
// against each other only when an added job has one: with the earlier
// jobs valid, these checks pass for them (added jobs only extend the
// planning horizon; added operations that are not fixed conflict with no
// fixed one). With from <= 0 it is Validate.
func (p *Problem) ValidateAdded(from int) Issues {
	ix := indexPool.Get().(*pooledIndex)
	defer ix.put()
	v := &validator{p: p, x: ix.index(p), sane: true, from: min(max(from, 0), len(p.Jobs))}
	v.run()
	if len(v.issues) == 0 {
		return nil
	}
	return v.issues
}

type validator struct {
	p *Problem
	// from is the first job to check the time windows of (fit,
	// resumableFit, calendars): 0 for Validate, the first added job for
	// ValidateAdded.
	from   int
	x      *Index
	issues Issues
	// sane is false when some number is so large that arithmetic on the
	// problem could overflow: the checks that compute with times are then
	// skipped.
	sane bool
	// nodes: global operation numbering
	base []int // base[j] = global index of job j's first operation
	// zones holds the loaded location of each calendar (nil when bad).
	zones []*time.Location
}

func (v *validator) add(path, format string, args ...any) {
	v.issues = append(v.issues, Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

// timeStr formats tick t for a message.
func (v *validator) timeStr(t int64) string {
	if v.p.Epoch.IsZero() || t > Forever || t < -Forever {
		return fmt.Sprintf("tick %d", t)
	}
	e := &encoder{p: v.p, res: int64(v.p.TickLength()), loc: epochZone(v.p.Epoch)}
	if s, ok := e.time(t).(string); ok {
		return s
	}
	return fmt.Sprintf("tick %d", t)
}

// durStr formats a duration of d ticks for a message.
func (v *validator) durStr(d int64) string {
	if v.p.Epoch.IsZero() {
		return fmt.Sprintf("%d ticks", d)
	}
	r := v.p.TickLength()
	if d == 0 || d > 0 && d < int64(math.MaxInt64/r) || d < 0 && -d < int64(math.MaxInt64/r) {
		return FormatISODuration(time.Duration(d) * r)
	}
	return fmt.Sprintf("%d ticks", d)
}

func (v *validator) time(path string, t int64) {
	if t > Forever || t < -Forever {
		v.add(path, "time %d is out of range", t)
		v.sane = false
	}
}

func (v *validator) duration(path, what string, d int64) {
	switch {
	case d < 0:
		v.add(path, "negative %s %s", what, v.durStr(d))
	case d > MaxDuration:
		v.add(path, "%s %d is too large", what, d)
		v.sane = false
	}
}

func (v *validator) quantity(path, what string, q float64) {
	switch {
	case math.IsNaN(q) || math.IsInf(q, 0):
		v.add(path, "%s %v is not a number", what, q)
		v.sane = false
	case q < 0:
		v.add(path, "negative %s %g", what, q)
	case q > 1e15:
		v.add(path, "%s %g is too large", what, q)
		v.sane = false
	}
}

func (v *validator) run() {
	p := v.p
	if p.Resolution < 0 {
		v.add("resolution", "the resolution must be positive, got %s", p.Resolution)
	}
	if p.Horizon < 0 {
		v.add("horizon", "the horizon must not be negative")
	}
	v.time("horizon", p.Horizon)
	if p.Epoch.IsZero() && len(p.Calendars) > 0 {
		v.add("calendars", "a problem with calendars needs an epoch (the instant of tick 0, with its time zone)")
	}
	v.ids()
	v.calendars()
	v.machines()
	v.matrices()
	v.materials()
	v.costs()
	v.pools()
	v.jobs()
	v.objective()
	v.precedence()
	v.materialBalance()
	// Fixed operations conflict only with each other (added operations
	// that are not fixed only add supply for fixedMaterials): with the
	// jobs before v.from valid, only added fixed operations can.
	fixedAdded := v.from == 0 || v.fixedFrom()
	if fixedAdded {
		v.fixedOverlaps()
	}
	v.totalWork()
	if fixedAdded {
		v.fixedOperators()
		v.fixedMaterials()
	}
	v.timeChecks()
}

// fixedFrom reports whether a job from v.from on has a fixed operation.
func (v *validator) fixedFrom() bool {
	for j := v.from; j < len(v.p.Jobs); j++ {
		for k := range v.p.Jobs[j].Operations {
			if v.p.Jobs[j].Operations[k].Fixed != nil {
				return true
			}
		}
	}
	return false
}

// ids reports missing and duplicate identifiers.
func (v *validator) ids() {
	p, x := v.p, v.x
	// The maps of the index hold the first element of each id: with as
	// many ids as elements, none is a duplicate.
	check := func(kind, list string, from, n int, id func(int) string, first map[string]int) {
		distinct := len(first) == n
		for i := from; i < n; i++ {
			s := id(i)
			path := func() string { return fmt.Sprintf("%s[%d].id", list, i) }
			if s == "" {
				v.add(path(), "missing %s id", kind)
				continue
			}
			if badLabel(s) {
				v.label(path(), kind+" id", s)
			}
			if distinct {
				continue
			}
			if f := first[s]; f != i {
				v.add(path(), "duplicate %s id %q (also %s[%d])", kind, s, list, f)
			}
		}
	}
	check("machine", "machines", 0, len(p.Machines), func(i int) string { return p.Machines[i].ID }, x.Machines)
	check("calendar", "calendars", 0, len(p.Calendars), func(i int) string { return p.Calendars[i].ID }, x.Calendars)
	check("setup matrix", "setup_matrices", 0, len(p.SetupMatrices), func(i int) string { return p.SetupMatrices[i].ID }, x.SetupMatrices)
	check("material", "materials", 0, len(p.Materials), func(i int) string { return p.Materials[i].ID }, x.Materials)
	check("operator pool", "operator_pools", 0, len(p.OperatorPools), func(i int) string { return p.OperatorPools[i].ID }, x.Pools)
	// The identifiers of the jobs before v.from and of their operations
	// are valid, and an added job duplicates none of them but itself.
	check("job", "jobs", v.from, len(p.Jobs), func(i int) string { return p.Jobs[i].ID }, x.Jobs)
	for j := v.from; j < len(p.Jobs); j++ {
		job := &p.Jobs[j]
		distinct := len(x.Ops[j]) == len(job.Operations)
		for k := range job.Operations {
			id := job.OpID(k)
			if badLabel(id) {
				v.label(fmt.Sprintf("jobs[%d].operations[%d].id", j, k), "operation id", id)
			}
			op := &job.Operations[k]
			if badLabel(op.SetupFamily) {
				v.label(fmt.Sprintf("jobs[%d].operations[%d].setup_family", j, k), "setup family", op.SetupFamily)
			}
			for n, need := range op.Operators {
				if badLabel(need.Skill) {
					v.label(fmt.Sprintf("jobs[%d].operations[%d].operators[%d].skill", j, k, n), "skill", need.Skill)
				}
			}
			if distinct {
				continue
			}
			if f := x.Ops[j][id]; f != k {
				v.add(fmt.Sprintf("jobs[%d].operations[%d].id", j, k), "duplicate operation id %q in job %q (also operations[%d])", id, job.ID, f)
			}
		}
	}
}

// badLabel reports whether label would report s: invalid UTF-8 or a
// control character.
func badLabel(s string) bool {
	// ASCII first: its control characters are 0x00-0x1F and 0x7F
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return true
		} else if c >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		return false
	}
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// label reports an identifier (or skill, or family) that holds control
// characters (NUL, newlines ...) or is not valid UTF-8: such names break
// the reports, the CSV and the SVG Gantt.
func (v *validator) label(path, what, s string) {
	if !utf8.ValidString(s) {
		v.add(path, "the %s %q is not valid UTF-8", what, s)
		return
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			v.add(path, "the %s %q contains the control character %U", what, s, r)
			return
		}
	}
}

// calendarRef reports an unknown calendar id at path()+".calendar". The
// paths of this file are functions, called only to report an issue:
// most problems have none, and formatting every path would cost more
// than the checks.
func (v *validator) calendarRef(path func() string, id string) {
	if id == "" {
		return
	}
	if _, ok := v.x.Calendars[id]; !ok {
		v.add(path()+".calendar", "unknown calendar %q", id)
	}
}

// window checks the time window [start, end) at path().
func (v *validator) window(path func() string, start, end int64) {
	if badTime(start) {
		v.time(path()+".start", start)
	}
	if badTime(end) {
		v.time(path()+".end", end)
	}
	if end < start {
		v.add(path()+".end", "the window ends (%s) before it starts (%s)", v.timeStr(end), v.timeStr(start))
	}
}

func (v *validator) calendars() {
	p := v.p
	v.zones = make([]*time.Location, len(p.Calendars))
	for i := range p.Calendars {
		c := &p.Calendars[i]
		path := func() string { return fmt.Sprintf("calendars[%d]", i) }
		loc, err := loadZone(c.TimeZone)
		if err != nil {
			v.add(path()+".time_zone", "%v", err)
		}
		v.zones[i] = loc
		if len(c.Shifts) == 0 && !hasWorkingException(c) {
			v.add(path()+".shifts", "the calendar has no shifts and no working exceptions: it never works")
		}
		for k, s := range c.Shifts {
			sp := func() string { return fmt.Sprintf("calendars[%d].shifts[%d]", i, k) }
			if len(s.Days) == 0 {
				v.add(sp()+".days", "the shift has no days")
			}
			seen := [7]bool{}
			for _, d := range s.Days {
				if d < 0 || d > 6 {
					v.add(sp()+".days", "invalid weekday %d", int(d))
					continue
				}
				if seen[d] {
					v.add(sp()+".days", "day %s is listed twice", dayNames[d])
				}
				seen[d] = true
			}
			if s.Start < 0 || s.Start > 24*60 {
				v.add(sp()+".start", "start %d is outside 00:00..24:00 (0..1440 minutes after midnight)", s.Start)
				v.zones[i] = nil
			}
			if s.End < 0 || s.End > 24*60 {
				v.add(sp()+".end", "end %d is outside 00:00..24:00 (0..1440 minutes after midnight)", s.End)
				v.zones[i] = nil
			}
		}
		for k, e := range c.Exceptions {
			v.window(func() string { return fmt.Sprintf("calendars[%d].exceptions[%d]", i, k) }, e.Start, e.End)
		}
	}
}

func hasWorkingException(c *Calendar) bool {
	for _, e := range c.Exceptions {
		if e.Working && e.End > e.Start {
			return true
		}
	}
	return false
}

func (v *validator) machines() {
	for i := range v.p.Machines {
		m := &v.p.Machines[i]
		path := func() string { return fmt.Sprintf("machines[%d]", i) }
		v.calendarRef(path, m.Calendar)
		if m.SetupMatrix != "" {
			if _, ok := v.x.SetupMatrices[m.SetupMatrix]; !ok {
				v.add(path()+".setup_matrix", "unknown setup matrix %q", m.SetupMatrix)
			}
		}
		for k, d := range m.Downtime {
			v.window(func() string { return fmt.Sprintf("machines[%d].downtime[%d]", i, k) }, d.Start, d.End)
		}
	}
}

func (v *validator) matrices() {
	for i := range v.p.SetupMatrices {
		s := &v.p.SetupMatrices[i]
		path := func() string { return fmt.Sprintf("setup_matrices[%d]", i) }
		if badDuration(s.Default) {
			v.duration(path()+".default", "default setup time", s.Default)
		}
		if badDuration(s.Initial) {
			v.duration(path()+".initial", "initial setup time", s.Initial)
		}
		// the first entry of each pair: a scan of the entries before
		// when they are few, a map when many
		var seen map[[2]string]int
		if len(s.Entries) > maxScan {
			seen = make(map[[2]string]int, len(s.Entries))
		}
		for k, e := range s.Entries {
			ep := func() string { return fmt.Sprintf("setup_matrices[%d].entries[%d]", i, k) }
			if badDuration(e.Time) {
				v.duration(ep()+".time", "setup time", e.Time)
			}
			f, dup := -1, false
			if seen != nil {
				key := [2]string{e.From, e.To}
				if f, dup = seen[key]; !dup {
					seen[key] = k
				}
			} else {
				for b := 0; b < k && !dup; b++ {
					if s.Entries[b].From == e.From && s.Entries[b].To == e.To {
						f, dup = b, true
					}
				}
			}
			if dup {
				v.add(ep(), "duplicate entry from %q to %q (also entries[%d])", e.From, e.To, f)
			}
		}
	}
}

func (v *validator) materials() {
	for i := range v.p.Materials {
		m := &v.p.Materials[i]
		if badQuantity(m.Initial) {
			v.quantity(fmt.Sprintf("materials[%d].initial", i), "initial stock", m.Initial)
		}
		for k, r := range m.Receipts {
			rp := func() string { return fmt.Sprintf("materials[%d].receipts[%d]", i, k) }
			if badTime(r.At) {
				v.time(rp()+".at", r.At)
			}
			if badQuantity(r.Quantity) {
				v.quantity(rp()+".quantity", "quantity", r.Quantity)
			}
		}
	}
}

func (v *validator) pools() {
	for i := range v.p.OperatorPools {
		o := &v.p.OperatorPools[i]
		path := func() string { return fmt.Sprintf("operator_pools[%d]", i) }
		for k, sk := range o.Skills {
			if badLabel(sk) {
				v.label(fmt.Sprintf("operator_pools[%d].skills[%d]", i, k), "skill", sk)
			}
		}
		if o.Capacity < 0 {
			v.add(path()+".capacity", "negative capacity %d", o.Capacity)
		}
		v.calendarRef(path, o.Calendar)
	}
}

func (v *validator) jobs() {
	p := v.p
	// skill -> total capacity of the pools that have it
	skillCap := make(map[string]int)
	for i := range p.OperatorPools {
		o := &p.OperatorPools[i]
		// each skill of the pool once: a scan of the skills before when
		// they are few, a map when many
		var seen map[string]bool
		if len(o.Skills) > maxScan {
			seen = make(map[string]bool, len(o.Skills))
		}
		for k, s := range o.Skills {
			if seen != nil && !seen[s] || seen == nil && !containsStr(o.Skills[:k], s) {
				if seen != nil {
					seen[s] = true
				}
				skillCap[s] += max(o.Capacity, 0)
			}
		}
	}
	v.base = make([]int, len(p.Jobs)+1)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		v.base[j+1] = v.base[j] + len(job.Operations)
		path := func() string { return fmt.Sprintf("jobs[%d]", j) }
		if badQuantity(job.Quantity) {
			v.quantity(path()+".quantity", "quantity", job.Quantity)
		}
		if math.IsNaN(job.Weight) || job.Weight < 0 || math.IsInf(job.Weight, 0) {
			v.add(path()+".weight", "the weight must be positive, got %g", job.Weight)
		}
		if job.Routing != Sequence && job.Routing != DAG {
			v.add(path()+".routing", "unknown routing kind %d", job.Routing)
		}
		if badTime(job.Release) {
			v.time(path()+".release", job.Release)
		}
		if job.Release < 0 {
			v.add(path()+".release", "the job is released (%s) before the epoch, where planning starts: give a release at or after the epoch, or leave it out", v.timeStr(job.Release))
		}
		if job.Due != nil && badTime(*job.Due) {
			v.time(path()+".due", *job.Due)
		}
		if job.Deadline != nil {
			if badTime(*job.Deadline) {
				v.time(path()+".deadline", *job.Deadline)
			}
			if *job.Deadline < job.Release {
				v.add(path()+".deadline", "the deadline (%s) is before the release date (%s)", v.timeStr(*job.Deadline), v.timeStr(job.Release))
			}
		}
		if len(job.Operations) == 0 {
			v.add(path()+".operations", "the job has no operations")
		}
		usesRate := false
		for k := range job.Operations {
			op := &job.Operations[k]
			op.validate(v, j, k, skillCap, &usesRate)
		}
		if usesRate && job.Quantity == 0 {
			v.add(path()+".quantity", "the job has no quantity but operations with run_per_unit durations")
		}
	}
}

func (op *Operation) validate(v *validator, j, k int, skillCap map[string]int, usesRate *bool) {
	p, x := v.p, v.x
	job := &p.Jobs[j]
	path := func() string { return fmt.Sprintf("jobs[%d].operations[%d]", j, k) }
	if len(op.Alternatives) == 0 {
		v.add(path()+".alternatives", "the operation has no alternative machine")
	}
	for a, alt := range op.Alternatives {
		ap := func() string { return fmt.Sprintf("%s.alternatives[%d]", path(), a) }
		switch _, ok := x.Machines[alt.Machine]; {
		case alt.Machine == "":
			v.add(ap()+".machine", "missing machine")
		case !ok:
			v.add(ap()+".machine", "unknown machine %q", alt.Machine)
		}
		for b := 0; b < a; b++ {
			if op.Alternatives[b].Machine == alt.Machine && alt.Machine != "" {
				v.add(ap()+".machine", "machine %q is listed twice (also alternatives[%d])", alt.Machine, b)
				break
			}
		}
		if badDuration(alt.Duration) {
			v.duration(ap()+".duration", "duration", alt.Duration)
		}
		if badDuration(alt.Setup) {
			v.duration(ap()+".setup", "setup time", alt.Setup)
		}
		r := alt.RunPerUnit
		switch {
		case math.IsNaN(r) || math.IsInf(r, 0):
			v.add(ap()+".run_per_unit", "run_per_unit %v is not a number", r)
			v.sane = false
		case r < 0:
			v.add(ap()+".run_per_unit", "negative run_per_unit %g", r)
		case r > 0:
			*usesRate = true
			if q := job.Quantity; !math.IsNaN(q) && q*r+float64(alt.Setup) > float64(MaxDuration) {
				v.add(ap()+".run_per_unit", "the processing time (quantity %g x %g + setup) is too large", q, r)
				v.sane = false
			}
		}
	}
	if badDuration(op.MinLag) {
		v.duration(path()+".min_lag", "min_lag", op.MinLag)
	}
	for l, link := range op.After {
		lp := func() string { return fmt.Sprintf("%s.after[%d]", path(), l) }
		if badDuration(link.MinLag) {
			v.duration(lp()+".min_lag", "min_lag", link.MinLag)
		}
		pj := j
		if link.Job != "" {
			var ok bool
			if pj, ok = x.Jobs[link.Job]; !ok {
				v.add(lp()+".job", "unknown job %q", link.Job)
				continue
			}
		}
		if link.Op == "" {
			v.add(lp()+".op", "missing op")
			continue
		}
		if _, ok := x.Ops[pj][link.Op]; !ok {
			v.add(lp()+".op", "unknown operation %q in job %q", link.Op, p.Jobs[pj].ID)
		}
	}
	mq := func(list []MaterialQty, what string) {
		for q, m := range list {
			mp := func() string { return fmt.Sprintf("%s.%s[%d]", path(), what, q) }
			switch _, ok := x.Materials[m.Material]; {
			case m.Material == "":
				v.add(mp()+".material", "missing material")
			case !ok:
				v.add(mp()+".material", "unknown material %q", m.Material)
			}
			if badQuantity(m.Quantity) {
				v.quantity(mp()+".quantity", "quantity", m.Quantity)
			}
		}
	}
	mq(op.Consumes, "consumes")
	mq(op.Produces, "produces")
	total := 0
	for n, need := range op.Operators {
		np := func() string { return fmt.Sprintf("%s.operators[%d]", path(), n) }
		if need.Skill == "" {
			v.add(np()+".skill", "missing skill")
			continue
		}
		c, ok := skillCap[need.Skill]
		if !ok {
			v.add(np()+".skill", "no operator pool has skill %q", need.Skill)
			continue
		}
		if need.Count < 1 {
			v.add(np()+".count", "the count must be at least 1, got %d", need.Count)
			continue
		}
		total += need.Count
		if need.Count > c {
			v.add(np()+".count", "needs %s with skill %q but the pools with it have %d in total", plural(need.Count, "operator"), need.Skill, c)
		}
	}
	if len(op.Operators) > 1 && total > 0 {
		// all needs together cannot use more operators than the pools
		// having any of the skills hold
		avail := 0
		for i := range p.OperatorPools {
			o := &p.OperatorPools[i]
			for _, need := range op.Operators {
				if containsStr(o.Skills, need.Skill) {
					avail += max(o.Capacity, 0)
					break
				}
			}
		}
		if total > avail {
			v.add(path()+".operators", "needs %s in all but the pools with the skills have %d in total", plural(total, "operator"), avail)
		}
	}
	if f := op.Fixed; f != nil {
		fp := func() string { return path() + ".fixed" }
		if badTime(f.SetupStart) {
			v.time(fp()+".setup_start", f.SetupStart)
		}
		if badTime(f.Start) {
			v.time(fp()+".start", f.Start)
		}
		if badTime(f.End) {
			v.time(fp()+".end", f.End)
		}
		if f.End < f.Start {
			v.add(fp()+".end", "the fixed operation ends (%s) before it starts (%s)", v.timeStr(f.End), v.timeStr(f.Start))
		}
		if f.SetupStart > f.Start {
			v.add(fp()+".setup_start", "the setup starts (%s) after the operation (%s)", v.timeStr(f.SetupStart), v.timeStr(f.Start))
		}
		alt := -1
		for a := range op.Alternatives {
			if op.Alternatives[a].Machine == f.Machine {
				alt = a
				break
			}
		}
		switch _, known := x.Machines[f.Machine]; {
		case f.Machine == "":
			v.add(fp()+".machine", "missing machine")
		case !known:
			v.add(fp()+".machine", "unknown machine %q", f.Machine)
		case alt < 0:
			v.add(fp()+".machine", "machine %q is not among the operation's alternatives", f.Machine)
		case v.sane && f.End >= f.Start && !math.IsNaN(job.Quantity):
			pt := op.Alternatives[alt].ProcessingTime(job.Quantity)
			l := f.End - f.Start
			if !op.Resumable && l != pt {
				v.add(fp(), "the fixed placement lasts %s but the operation takes %s on %q", v.durStr(l), v.durStr(pt), f.Machine)
			} else if op.Resumable && l < pt {
				v.add(fp(), "the fixed placement lasts %s but the operation takes at least %s on %q", v.durStr(l), v.durStr(pt), f.Machine)
			}
		}
		if len(f.Pools) > 0 {
			v.fixedPools(fp()+".pools", op, f.Pools, x)
		}
	}
}

// fixedPools checks the pools of a fixed operation: one known pool per
// operator the operation needs, need by need, each with the need's skill.
func (v *validator) fixedPools(path string, op *Operation, pools []string, x *Index) {
	need := 0
	for _, n := range op.Operators {
		need += max(n.Count, 0)
	}
	if len(pools) != need {
		v.add(path, "gives %d operator pool(s) but the operation needs %s", len(pools), plural(need, "operator"))
		return
	}
	e := 0
	for _, n := range op.Operators {
		for range max(n.Count, 0) {
			id := pools[e]
			pi, known := x.Pools[id]
			switch {
			case !known:
				v.add(fmt.Sprintf("%s[%d]", path, e), "unknown operator pool %q", id)
			case !containsStr(v.p.OperatorPools[pi].Skills, n.Skill):
				v.add(fmt.Sprintf("%s[%d]", path, e), "operator pool %q does not have the skill %q this operator needs", id, n.Skill)
			}
			e++
		}
	}
}

// maxScan is the number of elements up to which duplicates are found by
// scanning the elements before rather than with a map.
const maxScan = 16

func badDuration(d int64) bool { return d < 0 || d > MaxDuration }

func badQuantity(q float64) bool { return !(q >= 0 && q <= 1e15) }

func badTime(t int64) bool { return t > Forever || t < -Forever }

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (v *validator) objective() {
	for i, t := range v.p.Objective.Terms {
		if t.Criterion < 0 || int(t.Criterion) >= len(criterionNames) {
			v.add(fmt.Sprintf("objective[%d].criterion", i), "unknown criterion %d", int(t.Criterion))
		}
		if !(t.Weight > 0) || math.IsInf(t.Weight, 0) {
			v.add(fmt.Sprintf("objective[%d].weight", i), "the weight must be positive, got %g", t.Weight)
		}
	}
}

// opName names global operation g for messages ("J1/op2").
func (v *validator) opName(g int) string {
	j := sort.Search(len(v.p.Jobs), func(j int) bool { return v.base[j+1] > g })
	k := g - v.base[j]
	return fmt.Sprintf("%s/%s", v.p.Jobs[j].ID, v.p.Jobs[j].OpID(k))
}

func (v *validator) opPath(g int) string {
	j := sort.Search(len(v.p.Jobs), func(j int) bool { return v.base[j+1] > g })
	return fmt.Sprintf("jobs[%d].operations[%d]", j, g-v.base[j])
}

// precedence finds cycles, checks fixed operations against each other and
// bounds every job's completion from below to check deadlines.
func (v *validator) precedence() {
	p := v.p
	n := v.base[len(p.Jobs)]
	// the arcs and lists below are in buffers the next validation reuses
	s := scratchPool.Get().(*scratch)
	defer s.put()
	s.arcs = slices.AppendSeq(slices.Grow(s.arcs[:0], p.maxArcs()), p.AllArcs(v.x))
	arcs := s.arcs
	// the int32 lists below, in one buffer
	s.i32 = zeroed(s.i32, 2*(n+1)+2*len(arcs)+5*n)
	buf := s.i32
	take := func(k int) []int32 {
		s := buf[:k:k]
		buf = buf[k:]
		return s
	}
	// CSR adjacency, forward and backward
	outStart := take(n + 1)
	inStart := take(n + 1)
	g := func(r OpRef) int { return v.base[r.Job] + r.Op }
	for _, a := range arcs {
		outStart[g(a.From)+1]++
		inStart[g(a.To)+1]++
	}
	for i := 0; i < n; i++ {
		outStart[i+1] += outStart[i]
		inStart[i+1] += inStart[i]
	}
	outArc := take(len(arcs))
	inArc := take(len(arcs))
	{
		po := take(n)
		copy(po, outStart)
		pi := take(n)
		copy(pi, inStart)
		for i, a := range arcs {
			f, t := g(a.From), g(a.To)
			outArc[po[f]] = int32(i)
			po[f]++
			inArc[pi[t]] = int32(i)
			pi[t]++
		}
	}
	// Kahn's algorithm
	indeg := take(n)
	for i := 0; i < n; i++ {
		indeg[i] = inStart[i+1] - inStart[i]
	}
	order := take(n)[:0]
	for i := 0; i < n; i++ {
		if indeg[i] == 0 {
			order = append(order, int32(i))
		}
	}
	for h := 0; h < len(order); h++ {
		u := order[h]
		for _, ai := range outArc[outStart[u]:outStart[u+1]] {
			t := g(arcs[ai].To)
			indeg[t]--
			if indeg[t] == 0 {
				order = append(order, int32(t))
			}
		}
	}
	if len(order) < n {
		v.cycles(arcs, inStart, inArc, indeg, g)
	}

	// fixed operations against each other
	for _, a := range arcs {
		ff := p.Jobs[a.From.Job].Operations[a.From.Op].Fixed
		ft := p.Jobs[a.To.Job].Operations[a.To.Op].Fixed
		if ff != nil && ft != nil && v.sane && ft.Start < ff.End+a.MinLag {
			lag := ""
			if a.MinLag != 0 {
				lag = " plus the lag of " + v.durStr(a.MinLag)
			}
			v.add(v.opPath(g(a.To))+".fixed.start", "the fixed operation starts (%s) before its predecessor %s ends (%s)%s",
				v.timeStr(ft.Start), v.opName(g(a.From)), v.timeStr(ff.End), lag)
		}
	}

	if !v.sane || len(order) < n {
		return
	}
	// earliest finish ignoring capacity and calendars
	s.i64 = zeroed(s.i64, n)
	ef := s.i64
	jobOf := take(n)
	for j := range p.Jobs {
		for k := v.base[j]; k < v.base[j+1]; k++ {
			jobOf[k] = int32(j)
		}
	}
	for _, u := range order {
		j := int(jobOf[u])
		job := &p.Jobs[j]
		op := &job.Operations[int(u)-v.base[j]]
		if op.Fixed != nil {
			ef[u] = op.Fixed.End
			continue
		}
		es := job.Release
		for _, ai := range inArc[inStart[u]:inStart[u+1]] {
			a := arcs[ai]
			es = max(es, ef[g(a.From)]+a.MinLag)
		}
		pmin := int64(-1)
		for _, alt := range op.Alternatives {
			if d := alt.ProcessingTime(job.Quantity); d >= 0 && (pmin < 0 || d < pmin) {
				pmin = d
			}
		}
		ef[u] = es + max(pmin, 0)
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Deadline == nil || v.base[j] == v.base[j+1] {
			continue
		}
		c := ef[v.base[j]]
		for k := v.base[j]; k < v.base[j+1]; k++ {
			c = max(c, ef[k])
		}
		if c > *job.Deadline && *job.Deadline >= job.Release {
			v.add(fmt.Sprintf("jobs[%d].deadline", j), "the deadline (%s) cannot be met: even with no other work the job cannot finish before %s",
				v.timeStr(*job.Deadline), v.timeStr(c))
		}
	}
}

// scratch holds the buffers of precedence, which the next validation
// reuses through scratchPool: nothing in them outlives the check.
type scratch struct {
	arcs []Arc
	i32  []int32
	i64  []int64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch is the largest buffer (in elements) put back in scratchPool:
// the buffers of a huge problem are not kept.
const maxScratch = 1 << 16

// put returns s to scratchPool, unless a buffer is too large to keep.
func (s *scratch) put() {
	if cap(s.arcs) <= maxScratch && cap(s.i32) <= maxScratch && cap(s.i64) <= maxScratch {
		scratchPool.Put(s)
	}
}

// zeroed returns buf resized to n zeros, reallocated when too small.
func zeroed[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// cycles reports the precedence cycles among the operations Kahn's
// algorithm could not order (at most maxCycles of them).
func (v *validator) cycles(arcs []Arc, inStart, inArc, indeg []int32, g func(OpRef) int) {
	const maxCycles = 20
	n := len(indeg)
	walk := make([]int32, n) // walk id that visited a node, 0 = none
	pos := make([]int32, n)
	reported := 0
	var path []int
	for s := 0; s < n && reported < maxCycles; s++ {
		if indeg[s] == 0 || walk[s] != 0 {
			continue
		}
		id := int32(s + 1)
		path = path[:0]
		u := s
		for {
			if walk[u] == id { // closed a cycle
				cyc := append([]int(nil), path[pos[u]:]...)
				v.reportCycle(cyc)
				reported++
				break
			}
			if walk[u] != 0 { // reached an earlier walk
				break
			}
			walk[u] = id
			pos[u] = int32(len(path))
			path = append(path, u)
			next := -1
			for _, ai := range inArc[inStart[u]:inStart[u+1]] {
				if f := g(arcs[ai].From); indeg[f] > 0 {
					next = f
					break
				}
			}
			if next < 0 {
				break
			}
			u = next
		}
	}
}

// reportCycle reports one cycle, given backwards (each node's successor
// comes before it).
func (v *validator) reportCycle(back []int) {
	cyc := make([]int, len(back))
	for i, u := range back {
		cyc[len(back)-1-i] = u
	}
	// start from the smallest operation, for stable messages
	m := 0
	for i := range cyc {
		if cyc[i] < cyc[m] {
			m = i
		}
	}
	cyc = append(cyc[m:], cyc[:m]...)
	names := make([]string, 0, len(cyc)+1)
	for _, u := range cyc {
		names = append(names, v.opName(u))
	}
	names = append(names, names[0])
	if len(cyc) == 1 {
		v.add(v.opPath(cyc[0])+".after", "precedence cycle: operation %s must follow itself", names[0])
		return
	}
	v.add(v.opPath(cyc[0]), "precedence cycle (job/operation): %s", strings.Join(names, " -> "))
}

// materialBalance reports materials consumed with no possible supply, and
// total consumption above the total supply.
func (v *validator) materialBalance() {
	p, x := v.p, v.x
	if len(p.Materials) == 0 {
		return
	}
	type use struct{ j, k, q int }
	// per material: the total consumption and production, the number of
	// producers and the first consumption
	type balance struct {
		demand, produced float64
		producers        int
		firstUse         use
	}
	bal := make([]balance, len(p.Materials))
	for i := range bal {
		bal[i].firstUse.j = -1
	}
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			op := &p.Jobs[j].Operations[k]
			for q, c := range op.Consumes {
				if m, ok := x.Materials[c.Material]; ok && !math.IsNaN(c.Quantity) {
					bal[m].demand += c.Quantity
					if bal[m].firstUse.j < 0 && c.Quantity > 0 {
						bal[m].firstUse = use{j, k, q}
					}
				}
			}
			for _, c := range op.Produces {
				if m, ok := x.Materials[c.Material]; ok && !math.IsNaN(c.Quantity) {
					bal[m].produced += c.Quantity
					if c.Quantity > 0 {
						bal[m].producers++
					}
				}
			}
		}
	}
	for m := range p.Materials {
		mat := &p.Materials[m]
		if bal[m].demand <= 0 || !v.sane {
			continue
		}
		supply := mat.Initial + bal[m].produced
		received := false
		for _, r := range mat.Receipts {
			supply += r.Quantity
			received = received || r.Quantity > 0
		}
		if mat.Initial <= 0 && !received && bal[m].producers == 0 {
			u := bal[m].firstUse
			v.add(fmt.Sprintf("jobs[%d].operations[%d].consumes[%d].material", u.j, u.k, u.q),
				"material %q has no initial stock, no receipts and no operation produces it", mat.ID)
			continue
		}
		if bal[m].demand > supply+1e-9*max(1, math.Abs(supply)) {
			v.add(fmt.Sprintf("materials[%d]", m), "the operations consume %g %s of material %q in total but only %g can be available (initial stock, receipts and production)",
				bal[m].demand, mat.Unit, mat.ID, supply)
		}
	}
}

// fixedOverlaps reports fixed operations that overlap on a machine.
func (v *validator) fixedOverlaps() {
	p := v.p
	type fx struct {
		g          int
		start, end int64
	}
	per := make(map[string][]fx)
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			if f := p.Jobs[j].Operations[k].Fixed; f != nil && f.Machine != "" {
				per[f.Machine] = append(per[f.Machine], fx{v.base[j] + k, f.SetupStart, f.End})
			}
		}
	}
	if len(per) == 0 {
		return
	}
	machines := make([]string, 0, len(per))
	for m := range per {
		machines = append(machines, m)
	}
	sort.Strings(machines)
	for _, m := range machines {
		list := per[m]
		sort.Slice(list, func(a, b int) bool {
			if list[a].start != list[b].start {
				return list[a].start < list[b].start
			}
			return list[a].g < list[b].g
		})
		for i := 1; i < len(list); i++ {
			prev, cur := list[i-1], list[i]
			if cur.start < prev.end && cur.end > cur.start && prev.end > prev.start {
				v.add(v.opPath(cur.g)+".fixed", "the fixed operation overlaps fixed operation %s on machine %q", v.opName(prev.g), m)
			}
		}
	}
}

// timeChecks expands the calendars over the planning horizon: calendars
// with no working time, operations that never fit a working window, jobs
// released after the horizon.
func (v *validator) timeChecks() {
	p := v.p
	if !v.sane || p.Epoch.IsZero() {
		v.fitUnitless()
		return
	}
	capTicks := int64(maxCalendarYears * 366 * 24 * time.Hour / p.TickLength())
	h := min(p.PlanningHorizon(), capTicks)
	if end := p.Epoch.Add(time.Duration(h) * p.TickLength()); end.Year() > 9999 {
		v.add("epoch", "the planning horizon ends in year %d: plans after year 9999 cannot be written as dates (move the epoch)", end.Year())
	}
	if len(p.Calendars) > 0 {
		if t, path := v.latestDate(); t > capTicks {
			v.add(path.String(), "%s is more than %d years after the epoch: calendars cannot be expanded that far (check the date, or leave it out)",
				v.timeStr(t), maxCalendarYears)
		}
	}
	if p.Horizon > 0 {
		for j := range p.Jobs {
			if p.Jobs[j].Release >= p.Horizon {
				v.add(fmt.Sprintf("jobs[%d].release", j), "the job is released (%s) after the end of the horizon (%s)", v.timeStr(p.Jobs[j].Release), v.timeStr(p.Horizon))
			}
		}
	}
	// The calendars are expanded over the first days of the horizon
	// first: their working time there is a part of that over the whole
	// horizon (see calendarIntervals), and so are the working time of
	// the machines and pools and its windows, so that each check that
	// passes there (some working time, a window long enough, enough
	// working time) passes over the whole horizon too. Only when one
	// fails are the issues of that pass dropped and the checks run again
	// over the whole horizon, which finds every issue they report.
	if short := shortHorizonDays * int64(24*time.Hour/p.TickLength()); short < h {
		mark := len(v.issues)
		v.calendarChecks(h, short)
		if len(v.issues) == mark {
			return
		}
		v.issues = v.issues[:mark]
	}
	v.calendarChecks(h, h)
}

// shortHorizonDays is the length of the horizon over which timeChecks
// expands the calendars first: two weeks and a day hold the longest
// window of most weekly patterns, and enough working time for most
// resumable operations.
const shortHorizonDays = 15

// calendarChecks reports the calendars with no working time within the
// planning horizon [0, h) (when v.from is 0) and the operations that do
// not fit their machines' working time (fit, resumableFit), with the
// calendars expanded over [0, upTo) (upTo <= h).
func (v *validator) calendarChecks(h, upTo int64) {
	p := v.p
	// The calendars are expanded when first needed: ValidateAdded needs
	// only those of the added jobs' machines and pools.
	cal := memo(len(p.Calendars), func(i int) ([]Interval, bool) {
		c := &p.Calendars[i]
		if v.zones[i] != nil && !v.badShifts(c) {
			if ivs, err := p.calendarIntervals(c, upTo, h); err == nil {
				return ivs, true
			}
		}
		return nil, false
	})
	if v.from == 0 {
		// With a valid problem before the added jobs, every calendar has
		// working time within its planning horizon, and within this one,
		// which added jobs only extend.
		for i := range p.Calendars {
			if ivs, ok := cal(i); ok && len(ivs) == 0 {
				v.add(fmt.Sprintf("calendars[%d]", i), "the calendar %q has no working time within the planning horizon (%s to %s)", p.Calendars[i].ID, v.timeStr(0), v.timeStr(h))
			}
		}
	}
	// always is the working time of a machine or pool without calendar
	// (shared: the checks only read the lists)
	always := []Interval{{0, Forever}}
	resolve := func(id string, down []Window) ([]Interval, bool) {
		ivs := always
		if id != "" {
			c, ok := v.x.Calendars[id]
			if !ok {
				return nil, false
			}
			var good bool
			if ivs, good = cal(c); !good {
				return nil, false
			}
		}
		var d []Interval
		for _, w := range down {
			if w.Start < w.End {
				d = append(d, Interval{w.Start, w.End})
			}
		}
		return Subtract(ivs, Normalize(d)), true
	}
	// fit and resumableFit both need the working time of the machines:
	// each is resolved once.
	machine := memo(len(p.Machines), func(m int) ([]Interval, bool) {
		return resolve(p.Machines[m].Calendar, p.Machines[m].Downtime)
	})
	v.fit(machine, func(o int) ([]Interval, bool) {
		return resolve(p.OperatorPools[o].Calendar, nil)
	})
	v.resumableFit(h, machine)
}

// resumableFit reports resumable operations whose processing time exceeds
// the working time of every alternative machine within the planning
// horizon [0, h) (at most 30 years after the epoch).
func (v *validator) resumableFit(h int64, machineIvs func(int) ([]Interval, bool)) {
	p := v.p
	const unknown = -2 // the work of a machine not computed yet
	var workOf []int64
	for j := v.from; j < len(p.Jobs); j++ {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			if !op.Resumable || op.Fixed != nil || len(op.Alternatives) == 0 {
				continue
			}
			if workOf == nil {
				workOf = make([]int64, len(p.Machines))
				for m := range workOf {
					workOf[m] = unknown
				}
			}
			most, parts, short := v.altsShort(job, op, func(m int) int64 {
				w := workOf[m]
				if w == unknown {
					ivs, ok := machineIvs(m)
					w = -1
					if ok {
						w = 0
						for _, iv := range ivs {
							w += min(iv.End, h) - min(iv.Start, h)
						}
					}
					workOf[m] = w
				}
				return w
			})
			if short {
				v.add(fmt.Sprintf("jobs[%d].operations[%d]", j, k),
					"the resumable operation is longer than the planning horizon: it takes %s of working time but its machines work at most %s between %s and %s (the horizon is at most %d years)",
					strings.Join(parts, ", "), v.durStr(most), v.timeStr(0), v.timeStr(h), maxCalendarYears)
			}
		}
	}
}

// totalWork reports problems whose total work (every operation's longest
// processing time, its lags and the largest setup) exceeds MaxDuration, so
// that no sum of times can overflow, and, in problems with an epoch,
// operations longer than the 30-year planning horizon on every machine.
func (v *validator) totalWork() {
	if !v.sane {
		return
	}
	p := v.p
	var maxSetup int64
	for _, s := range p.SetupMatrices {
		maxSetup = max(maxSetup, s.Default, s.Initial)
		for _, e := range s.Entries {
			maxSetup = max(maxSetup, e.Time)
		}
	}
	var capTicks int64 = -1
	if !p.Epoch.IsZero() {
		capTicks = int64(maxCalendarYears * 366 * 24 * time.Hour / p.TickLength())
	}
	var total int64
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if math.IsNaN(job.Quantity) {
			return
		}
		for k := range job.Operations {
			op := &job.Operations[k]
			var mx int64
			mn := int64(-1)
			for _, a := range op.Alternatives {
				d := max(a.ProcessingTime(job.Quantity), 0)
				mx = max(mx, d)
				if mn < 0 || d < mn {
					mn = d
				}
			}
			if capTicks >= 0 && mn > capTicks && !op.Resumable && op.Fixed == nil {
				v.add(fmt.Sprintf("jobs[%d].operations[%d]", j, k), "the operation takes at least %s, longer than the planning horizon (at most %d years)", v.durStr(mn), maxCalendarYears)
			}
			total += mx + max(op.MinLag, 0) + max(maxSetup, 0)
			for _, l := range op.After {
				total += max(l.MinLag, 0)
				if total > MaxDuration {
					break
				}
			}
			if total > MaxDuration {
				v.add("jobs", "the operations take more than %d ticks in total (durations, lags and setups, from jobs[%d].operations[%d] on): sums of times could overflow", MaxDuration, j, k)
				v.sane = false
				return
			}
		}
	}
}

// fixedOperators reports fixed operations that need more operators at the
// same time than the pools have: per skill, and all skills together.
func (v *validator) fixedOperators() {
	p := v.p
	type use struct {
		g          int
		start, end int64
		needs      []OperatorNeed
	}
	var uses []use
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			op := &p.Jobs[j].Operations[k]
			if f := op.Fixed; f != nil && f.End > f.Start && len(op.Operators) > 0 {
				uses = append(uses, use{v.base[j] + k, f.Start, f.End, op.Operators})
			}
		}
	}
	if len(uses) < 2 {
		return
	}
	sort.SliceStable(uses, func(a, b int) bool { return uses[a].start < uses[b].start })
	// poolsWith sums the capacities of the pools with a skill has accepts,
	// and tells whether there is one.
	poolsWith := func(has func(skill string) bool) (int, bool) {
		c, any := 0, false
		for i := range p.OperatorPools {
			o := &p.OperatorPools[i]
			for _, s := range o.Skills {
				if has(s) {
					c += max(o.Capacity, 0)
					any = true
					break
				}
			}
		}
		return c, any
	}
	var active []use
	for _, u := range uses {
		// the fixed operations running when u starts
		keep := active[:0]
		for _, a := range active {
			if a.end > u.start {
				keep = append(keep, a)
			}
		}
		active = append(keep, u)
		if len(active) < 2 {
			continue
		}
		need := map[string]int{}
		total := 0
		for _, a := range active {
			for _, n := range a.needs {
				if n.Count > 0 && n.Skill != "" {
					need[n.Skill] += n.Count
					total += n.Count
				}
			}
		}
		others := func() string {
			var names []string
			for _, a := range active[:len(active)-1] {
				names = append(names, v.opName(a.g))
			}
			return strings.Join(names, ", ")
		}
		skills := make([]string, 0, len(need))
		for s := range need {
			skills = append(skills, s)
		}
		sort.Strings(skills)
		reported := false
		for _, s := range skills {
			c, known := poolsWith(func(skill string) bool { return skill == s })
			if known && need[s] > c {
				v.add(v.opPath(u.g)+".fixed", "the fixed operation %s and the fixed operation(s) %s running at %s need %s with skill %q together, but the pools with it have %d",
					v.opName(u.g), others(), v.timeStr(u.start), plural(need[s], "operator"), s, c)
				reported = true
				break
			}
		}
		if !reported {
			inNeed := func(skill string) bool { _, ok := need[skill]; return ok }
			if c, known := poolsWith(inNeed); known && total > c {
				v.add(v.opPath(u.g)+".fixed", "the fixed operation %s and the fixed operation(s) %s running at %s need %s together, but the pools with their skills have %d",
					v.opName(u.g), others(), v.timeStr(u.start), plural(total, "operator"), c)
			}
		}
	}
}

// fixedMaterials reports fixed operations that consume a material before
// enough of it can be there: the initial stock, the receipts until then and
// what the operations that can end by then produce.
func (v *validator) fixedMaterials() {
	p, x := v.p, v.x
	if len(p.Materials) == 0 || !v.sane || !v.fixedConsume() {
		return
	}
	type cons struct {
		g   int
		at  int64
		qty float64
	}
	type prod struct {
		end int64 // earliest end
		qty float64
	}
	consumers := make([][]cons, len(p.Materials))
	producers := make([][]prod, len(p.Materials))
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			if f := op.Fixed; f != nil {
				for _, c := range op.Consumes {
					if m, ok := x.Materials[c.Material]; ok && c.Quantity > 0 {
						consumers[m] = append(consumers[m], cons{v.base[j] + k, f.Start, c.Quantity})
					}
				}
			}
			earliest := int64(math.MaxInt64)
			if f := op.Fixed; f != nil {
				earliest = f.End
			} else {
				for _, a := range op.Alternatives {
					earliest = min(earliest, max(job.Release, 0)+max(a.ProcessingTime(job.Quantity), 0))
				}
			}
			for _, c := range op.Produces {
				if m, ok := x.Materials[c.Material]; ok && c.Quantity > 0 {
					producers[m] = append(producers[m], prod{earliest, c.Quantity})
				}
			}
		}
	}
	for m := range p.Materials {
		cs := consumers[m]
		if len(cs) == 0 {
			continue
		}
		mat := &p.Materials[m]
		sort.SliceStable(cs, func(a, b int) bool { return cs[a].at < cs[b].at })
		var demand float64 // the consumption of cs[:i+1], summed in order
		for i, c := range cs {
			demand += c.qty
			supply := mat.Initial
			for _, r := range mat.Receipts {
				if r.At <= c.at {
					supply += r.Quantity
				}
			}
			for _, pr := range producers[m] {
				if pr.end <= c.at {
					supply += pr.qty
				}
			}
			if demand > supply+1e-9*max(1, math.Abs(supply)) {
				var names []string
				for _, d := range cs[:i+1] {
					if d.g != c.g {
						names = append(names, v.opName(d.g))
					}
				}
				with := ""
				if len(names) > 0 {
					with = " (with the fixed operation(s) " + strings.Join(names, ", ") + " before it)"
				}
				v.add(v.opPath(c.g)+".fixed", "the fixed operation %s consumes material %q at %s%s, %g in all, but at most %g can be there by then (initial stock, receipts and production)",
					v.opName(c.g), mat.ID, v.timeStr(c.at), with, demand, supply)
				break
			}
		}
	}
}

// fixedConsume reports whether a fixed operation consumes a material
// (fixedMaterials has nothing to check when none does).
func (v *validator) fixedConsume() bool {
	for j := range v.p.Jobs {
		for k := range v.p.Jobs[j].Operations {
			if op := &v.p.Jobs[j].Operations[k]; op.Fixed != nil && len(op.Consumes) > 0 {
				return true
			}
		}
	}
	return false
}

// latestDate returns the latest date of the problem that extends the
// planning horizon, and its path.
func (v *validator) latestDate() (int64, datePath) {
	p := v.p
	var latest int64
	// the path of the latest date
	format, i1, i2 := "", 0, 0
	upd := func(t int64, f string, a, b int) {
		if t > latest && t < Forever {
			latest, format, i1, i2 = t, f, a, b
		}
	}
	upd(p.Horizon, "horizon", 0, 0)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		upd(job.Release, "jobs[%d].release", j, 0)
		if job.Due != nil {
			upd(*job.Due, "jobs[%d].due", j, 0)
		}
		if job.Deadline != nil {
			upd(*job.Deadline, "jobs[%d].deadline", j, 0)
		}
		for k := range job.Operations {
			if f := job.Operations[k].Fixed; f != nil {
				upd(f.End, "jobs[%d].operations[%d].fixed.end", j, k)
			}
		}
	}
	for i := range p.Materials {
		for k, r := range p.Materials[i].Receipts {
			upd(r.At, "materials[%d].receipts[%d].at", i, k)
		}
	}
	for i := range p.Machines {
		for k, d := range p.Machines[i].Downtime {
			upd(d.End, "machines[%d].downtime[%d].end", i, k)
		}
	}
	for i := range p.Calendars {
		for k, e := range p.Calendars[i].Exceptions {
			upd(e.End, "calendars[%d].exceptions[%d].end", i, k)
		}
	}
	return latest, datePath{format, i1, i2}
}

// datePath is the path of a date: a format with up to two indices,
// formatted only to report an issue.
type datePath struct {
	format string
	i1, i2 int
}

// String returns the path.
func (d datePath) String() string {
	switch strings.Count(d.format, "%d") {
	case 0:
		return d.format
	case 1:
		return fmt.Sprintf(d.format, d.i1)
	}
	return fmt.Sprintf(d.format, d.i1, d.i2)
}

// fitUnitless checks operations against machine downtime in problems
// without calendars.
func (v *validator) fitUnitless() {
	if !v.sane {
		return
	}
	p := v.p
	machine := memo(len(p.Machines), func(m int) ([]Interval, bool) {
		if p.Machines[m].Calendar != "" {
			return nil, false
		}
		var d []Interval
		for _, w := range p.Machines[m].Downtime {
			if w.Start < w.End {
				d = append(d, Interval{w.Start, w.End})
			}
		}
		return Subtract([]Interval{{0, Forever}}, Normalize(d)), true
	})
	v.fit(machine, func(o int) ([]Interval, bool) {
		return []Interval{{0, Forever}}, p.OperatorPools[o].Calendar == ""
	})
}

func (v *validator) badShifts(c *Calendar) bool {
	for _, s := range c.Shifts {
		if s.Start < 0 || s.Start > 24*60 || s.End < 0 || s.End > 24*60 {
			return true
		}
	}
	return false
}

// longestIntersection is longest(Intersect(a, b)), without building the
// intersection.
func longestIntersection(a, b []Interval) int64 {
	var l int64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if s, e := max(a[i].Start, b[j].Start), min(a[i].End, b[j].End); s < e {
			l = max(l, e-s)
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	return l
}

func longest(ivs []Interval) int64 {
	var l int64
	for _, iv := range ivs {
		l = max(l, iv.Len())
	}
	return l
}

// work is the working time of a calendar, machine or skill, computed when
// first needed: its intervals, whether they are known (ok) and whether
// they were computed (done).
type work struct {
	ivs      []Interval
	ok, done bool
}

// memo returns f over 0..n-1 with each result computed once, when first
// asked.
func memo(n int, f func(int) ([]Interval, bool)) func(int) ([]Interval, bool) {
	ws := make([]work, n)
	return func(i int) ([]Interval, bool) {
		w := &ws[i]
		if !w.done {
			w.done = true
			w.ivs, w.ok = f(i)
		}
		return w.ivs, w.ok
	}
}

// fit reports non-resumable operations longer than the longest working
// window of every alternative machine, intersected with the working time
// of the pools that have the skills the operation needs. machine gives
// the working time of a machine (computed once each), pool that of an
// operator pool.
func (v *validator) fit(machine func(int) ([]Interval, bool), poolIvs func(int) ([]Interval, bool)) {
	p := v.p
	// the union of the working time of the pools having a skill
	skillWork := make(map[string]work)
	skill := func(s string) ([]Interval, bool) {
		if w, seen := skillWork[s]; seen {
			return w.ivs, w.ok
		}
		// The working time of one pool is normalized already: it is the
		// union as it is, and only the union of several is built.
		var u, first []Interval
		ok, pools := true, 0
		for i := range p.OperatorPools {
			if containsStr(p.OperatorPools[i].Skills, s) {
				ivs, good := poolIvs(i)
				ok = ok && good
				pools++
				switch pools {
				case 1:
					first = ivs
				case 2:
					u = append(append(u, first...), ivs...)
				default:
					u = append(u, ivs...)
				}
			}
		}
		ok = ok && pools > 0 // an unknown skill is reported elsewhere
		if pools == 1 {
			u = first
		} else {
			u = Normalize(u)
		}
		skillWork[s] = work{ivs: u, ok: ok, done: true}
		return u, ok
	}
	// longestOf[skills][m] is the longest window of machine m with the
	// operators of the skills (joined with NULs; unknown when not
	// computed yet).
	const unknown = -2
	longestOf := make(map[string][]int64)
	var skillsBuf [4]string
	var keyBuf [64]byte
	skills, key := skillsBuf[:0], keyBuf[:0]
	for j := v.from; j < len(p.Jobs); j++ {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			if op.Resumable || op.Fixed != nil || len(op.Alternatives) == 0 {
				continue
			}
			skills, key = skills[:0], key[:0]
			for i, n := range op.Operators {
				skills = append(skills, n.Skill)
				if i > 0 {
					key = append(key, 0)
				}
				key = append(key, n.Skill...)
			}
			lm := longestOf[string(key)]
			if lm == nil {
				lm = make([]int64, len(p.Machines))
				for m := range lm {
					lm[m] = unknown
				}
				longestOf[string(key)] = lm
			}
			best, parts, short := v.altsShort(job, op, func(m int) int64 {
				l := lm[m]
				if l == unknown {
					ivs, ok := machine(m)
					// the last intersection is only measured, not built
					var last []Interval
					for i, s := range skills {
						if !ok {
							break
						}
						var sivs []Interval
						sivs, ok = skill(s)
						if i == len(skills)-1 {
							last = sivs
						} else {
							ivs = Intersect(ivs, sivs)
						}
					}
					l = -1
					switch {
					case ok && len(skills) > 0:
						l = longestIntersection(ivs, last)
					case ok:
						l = longest(ivs)
					}
					lm[m] = l
				}
				return l
			})
			if short {
				with := ""
				if len(skills) > 0 {
					with = " (with the operators it needs)"
				}
				v.add(fmt.Sprintf("jobs[%d].operations[%d]", j, k),
					"the operation is not resumable and never fits a working window: it takes %s but the longest working window of its machines%s is %s",
					strings.Join(parts, ", "), with, v.durStr(best))
			}
		}
	}
}

// altsShort reports whether every alternative machine of op is known and
// its room (given by room, negative when unknown) is shorter than the
// alternative's processing time; it returns the largest room and one
// "<time> on <machine>" part per alternative for the message.
func (v *validator) altsShort(job *Job, op *Operation, room func(m int) int64) (best int64, parts []string, short bool) {
	for _, alt := range op.Alternatives {
		m, ok := v.x.Machines[alt.Machine]
		if !ok {
			return 0, nil, false
		}
		r := room(m)
		if r < 0 {
			return 0, nil, false
		}
		pt := alt.ProcessingTime(job.Quantity)
		if pt <= r {
			return 0, nil, false
		}
		best = max(best, r)
	}
	// no alternative fits: describe them (only now, as most operations fit)
	for _, alt := range op.Alternatives {
		parts = append(parts, fmt.Sprintf("%s on %q", v.durStr(alt.ProcessingTime(job.Quantity)), alt.Machine))
	}
	return best, parts, true
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
