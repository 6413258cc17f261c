package model

// A frozen copy of the validator as it was before it was made cheaper
// (commit 6b10af9: validate.go, validate_cost.go, and the calendar,
// interval and index functions it uses), renamed with a "frozen" prefix.
// The equivalence tests hold the current Validate, ValidateAdded and
// CalendarIntervals to it. Do not edit it to follow a speed change: it is
// the reference. A change that means to alter what Validate reports ends
// its use: delete this file and validate_speed_bench_test.go's
// comparisons with it in that change (the tests of validate_test.go and
// the others stay the specification).

import (
	"cmp"
	"fmt"
	"io/fs"
	"iter"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// FrozenValidate is the Validate of before the speed work, for the
// equivalence tests of package model_test.
func FrozenValidate(p *Problem) Issues { return frozenValidate(p) }

// FrozenValidateAdded is the ValidateAdded of before the speed work.
func FrozenValidateAdded(p *Problem, from int) Issues { return frozenValidateAdded(p, from) }

// FrozenCalendarIntervals is the CalendarIntervals of before the speed work.
func FrozenCalendarIntervals(p *Problem, c *Calendar, h int64) ([]Interval, error) {
	return frozenCalendarIntervals(p, c, h)
}

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
func frozenValidate(p *Problem) Issues {
	v := &frozenValidator{p: p, x: frozenNewIndex(p), sane: true}
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
func frozenValidateAdded(p *Problem, from int) Issues {
	v := &frozenValidator{p: p, x: frozenNewIndex(p), sane: true, from: min(max(from, 0), len(p.Jobs))}
	v.run()
	if len(v.issues) == 0 {
		return nil
	}
	return v.issues
}

type frozenValidator struct {
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

func (v *frozenValidator) add(path, format string, args ...any) {
	v.issues = append(v.issues, Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

// timeStr formats tick t for a message.
func (v *frozenValidator) timeStr(t int64) string {
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
func (v *frozenValidator) durStr(d int64) string {
	if v.p.Epoch.IsZero() {
		return fmt.Sprintf("%d ticks", d)
	}
	r := v.p.TickLength()
	if d == 0 || d > 0 && d < int64(math.MaxInt64/r) || d < 0 && -d < int64(math.MaxInt64/r) {
		return FormatISODuration(time.Duration(d) * r)
	}
	return fmt.Sprintf("%d ticks", d)
}

func (v *frozenValidator) time(path string, t int64) {
	if t > Forever || t < -Forever {
		v.add(path, "time %d is out of range", t)
		v.sane = false
	}
}

func (v *frozenValidator) duration(path, what string, d int64) {
	switch {
	case d < 0:
		v.add(path, "negative %s %s", what, v.durStr(d))
	case d > MaxDuration:
		v.add(path, "%s %d is too large", what, d)
		v.sane = false
	}
}

func (v *frozenValidator) quantity(path, what string, q float64) {
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

func (v *frozenValidator) run() {
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
func (v *frozenValidator) fixedFrom() bool {
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
func (v *frozenValidator) ids() {
	p, x := v.p, v.x
	check := func(kind, list string, from, n int, id func(int) string, first map[string]int) {
		for i := from; i < n; i++ {
			s := id(i)
			path := func() string { return fmt.Sprintf("%s[%d].id", list, i) }
			if s == "" {
				v.add(path(), "missing %s id", kind)
				continue
			}
			if frozenBadLabel(s) {
				v.label(path(), kind+" id", s)
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
		for k := range job.Operations {
			id := job.OpID(k)
			if frozenBadLabel(id) {
				v.label(fmt.Sprintf("jobs[%d].operations[%d].id", j, k), "operation id", id)
			}
			op := &job.Operations[k]
			if frozenBadLabel(op.SetupFamily) {
				v.label(fmt.Sprintf("jobs[%d].operations[%d].setup_family", j, k), "setup family", op.SetupFamily)
			}
			for n, need := range op.Operators {
				if frozenBadLabel(need.Skill) {
					v.label(fmt.Sprintf("jobs[%d].operations[%d].operators[%d].skill", j, k, n), "skill", need.Skill)
				}
			}
			if f := x.Ops[j][id]; f != k {
				v.add(fmt.Sprintf("jobs[%d].operations[%d].id", j, k), "duplicate operation id %q in job %q (also operations[%d])", id, job.ID, f)
			}
		}
	}
}

// badLabel reports whether label would report s: invalid UTF-8 or a
// control character.
func frozenBadLabel(s string) bool {
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
func (v *frozenValidator) label(path, what, s string) {
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

func (v *frozenValidator) calendarRef(path, id string) {
	if id == "" {
		return
	}
	if _, ok := v.x.Calendars[id]; !ok {
		v.add(path, "unknown calendar %q", id)
	}
}

func (v *frozenValidator) window(path string, start, end int64) {
	v.time(path+".start", start)
	v.time(path+".end", end)
	if end < start {
		v.add(path+".end", "the window ends (%s) before it starts (%s)", v.timeStr(end), v.timeStr(start))
	}
}

func (v *frozenValidator) calendars() {
	p := v.p
	v.zones = make([]*time.Location, len(p.Calendars))
	for i := range p.Calendars {
		c := &p.Calendars[i]
		path := fmt.Sprintf("calendars[%d]", i)
		loc, err := loadZone(c.TimeZone)
		if err != nil {
			v.add(path+".time_zone", "%v", err)
		}
		v.zones[i] = loc
		if len(c.Shifts) == 0 && !frozenHasWorkingException(c) {
			v.add(path+".shifts", "the calendar has no shifts and no working exceptions: it never works")
		}
		for k, s := range c.Shifts {
			sp := fmt.Sprintf("%s.shifts[%d]", path, k)
			if len(s.Days) == 0 {
				v.add(sp+".days", "the shift has no days")
			}
			seen := [7]bool{}
			for _, d := range s.Days {
				if d < 0 || d > 6 {
					v.add(sp+".days", "invalid weekday %d", int(d))
					continue
				}
				if seen[d] {
					v.add(sp+".days", "day %s is listed twice", dayNames[d])
				}
				seen[d] = true
			}
			if s.Start < 0 || s.Start > 24*60 {
				v.add(sp+".start", "start %d is outside 00:00..24:00 (0..1440 minutes after midnight)", s.Start)
				v.zones[i] = nil
			}
			if s.End < 0 || s.End > 24*60 {
				v.add(sp+".end", "end %d is outside 00:00..24:00 (0..1440 minutes after midnight)", s.End)
				v.zones[i] = nil
			}
		}
		for k, e := range c.Exceptions {
			v.window(fmt.Sprintf("%s.exceptions[%d]", path, k), e.Start, e.End)
		}
	}
}

func frozenHasWorkingException(c *Calendar) bool {
	for _, e := range c.Exceptions {
		if e.Working && e.End > e.Start {
			return true
		}
	}
	return false
}

func (v *frozenValidator) machines() {
	for i := range v.p.Machines {
		m := &v.p.Machines[i]
		path := fmt.Sprintf("machines[%d]", i)
		v.calendarRef(path+".calendar", m.Calendar)
		if m.SetupMatrix != "" {
			if _, ok := v.x.SetupMatrices[m.SetupMatrix]; !ok {
				v.add(path+".setup_matrix", "unknown setup matrix %q", m.SetupMatrix)
			}
		}
		for k, d := range m.Downtime {
			v.window(fmt.Sprintf("%s.downtime[%d]", path, k), d.Start, d.End)
		}
	}
}

func (v *frozenValidator) matrices() {
	for i := range v.p.SetupMatrices {
		s := &v.p.SetupMatrices[i]
		path := fmt.Sprintf("setup_matrices[%d]", i)
		v.duration(path+".default", "default setup time", s.Default)
		v.duration(path+".initial", "initial setup time", s.Initial)
		seen := make(map[[2]string]int, len(s.Entries))
		for k, e := range s.Entries {
			ep := fmt.Sprintf("%s.entries[%d]", path, k)
			v.duration(ep+".time", "setup time", e.Time)
			key := [2]string{e.From, e.To}
			if f, ok := seen[key]; ok {
				v.add(ep, "duplicate entry from %q to %q (also entries[%d])", e.From, e.To, f)
			} else {
				seen[key] = k
			}
		}
	}
}

func (v *frozenValidator) materials() {
	for i := range v.p.Materials {
		m := &v.p.Materials[i]
		path := fmt.Sprintf("materials[%d]", i)
		v.quantity(path+".initial", "initial stock", m.Initial)
		for k, r := range m.Receipts {
			rp := fmt.Sprintf("%s.receipts[%d]", path, k)
			v.time(rp+".at", r.At)
			v.quantity(rp+".quantity", "quantity", r.Quantity)
		}
	}
}

func (v *frozenValidator) pools() {
	for i := range v.p.OperatorPools {
		o := &v.p.OperatorPools[i]
		path := fmt.Sprintf("operator_pools[%d]", i)
		for k, sk := range o.Skills {
			v.label(fmt.Sprintf("%s.skills[%d]", path, k), "skill", sk)
		}
		if o.Capacity < 0 {
			v.add(path+".capacity", "negative capacity %d", o.Capacity)
		}
		v.calendarRef(path+".calendar", o.Calendar)
	}
}

func (v *frozenValidator) jobs() {
	p := v.p
	// skill -> total capacity of the pools that have it
	skillCap := make(map[string]int)
	for i := range p.OperatorPools {
		o := &p.OperatorPools[i]
		seen := make(map[string]bool, len(o.Skills))
		for _, s := range o.Skills {
			if !seen[s] {
				seen[s] = true
				skillCap[s] += max(o.Capacity, 0)
			}
		}
	}
	v.base = make([]int, len(p.Jobs)+1)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		v.base[j+1] = v.base[j] + len(job.Operations)
		path := func() string { return fmt.Sprintf("jobs[%d]", j) }
		if frozenBadQuantity(job.Quantity) {
			v.quantity(path()+".quantity", "quantity", job.Quantity)
		}
		if math.IsNaN(job.Weight) || job.Weight < 0 || math.IsInf(job.Weight, 0) {
			v.add(path()+".weight", "the weight must be positive, got %g", job.Weight)
		}
		if job.Routing != Sequence && job.Routing != DAG {
			v.add(path()+".routing", "unknown routing kind %d", job.Routing)
		}
		if frozenBadTime(job.Release) {
			v.time(path()+".release", job.Release)
		}
		if job.Release < 0 {
			v.add(path()+".release", "the job is released (%s) before the epoch, where planning starts: give a release at or after the epoch, or leave it out", v.timeStr(job.Release))
		}
		if job.Due != nil && frozenBadTime(*job.Due) {
			v.time(path()+".due", *job.Due)
		}
		if job.Deadline != nil {
			if frozenBadTime(*job.Deadline) {
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
			frozenOpValidate(op, v, j, k, skillCap, &usesRate)
		}
		if usesRate && job.Quantity == 0 {
			v.add(path()+".quantity", "the job has no quantity but operations with run_per_unit durations")
		}
	}
}

func frozenOpValidate(op *Operation, v *frozenValidator, j, k int, skillCap map[string]int, usesRate *bool) {
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
		if frozenBadDuration(alt.Duration) {
			v.duration(ap()+".duration", "duration", alt.Duration)
		}
		if frozenBadDuration(alt.Setup) {
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
	if frozenBadDuration(op.MinLag) {
		v.duration(path()+".min_lag", "min_lag", op.MinLag)
	}
	for l, link := range op.After {
		lp := func() string { return fmt.Sprintf("%s.after[%d]", path(), l) }
		if frozenBadDuration(link.MinLag) {
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
			if frozenBadQuantity(m.Quantity) {
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
			v.add(np()+".count", "needs %s with skill %q but the pools with it have %d in total", frozenPlural(need.Count, "operator"), need.Skill, c)
		}
	}
	if len(op.Operators) > 1 && total > 0 {
		// all needs together cannot use more operators than the pools
		// having any of the skills hold
		avail := 0
		for i := range p.OperatorPools {
			o := &p.OperatorPools[i]
			for _, need := range op.Operators {
				if frozenContainsStr(o.Skills, need.Skill) {
					avail += max(o.Capacity, 0)
					break
				}
			}
		}
		if total > avail {
			v.add(path()+".operators", "needs %s in all but the pools with the skills have %d in total", frozenPlural(total, "operator"), avail)
		}
	}
	if f := op.Fixed; f != nil {
		fp := func() string { return path() + ".fixed" }
		if frozenBadTime(f.SetupStart) {
			v.time(fp()+".setup_start", f.SetupStart)
		}
		if frozenBadTime(f.Start) {
			v.time(fp()+".start", f.Start)
		}
		if frozenBadTime(f.End) {
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
func (v *frozenValidator) fixedPools(path string, op *Operation, pools []string, x *Index) {
	need := 0
	for _, n := range op.Operators {
		need += max(n.Count, 0)
	}
	if len(pools) != need {
		v.add(path, "gives %d operator pool(s) but the operation needs %s", len(pools), frozenPlural(need, "operator"))
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
			case !frozenContainsStr(v.p.OperatorPools[pi].Skills, n.Skill):
				v.add(fmt.Sprintf("%s[%d]", path, e), "operator pool %q does not have the skill %q this operator needs", id, n.Skill)
			}
			e++
		}
	}
}

func frozenBadDuration(d int64) bool { return d < 0 || d > MaxDuration }

func frozenBadQuantity(q float64) bool { return !(q >= 0 && q <= 1e15) }

func frozenBadTime(t int64) bool { return t > Forever || t < -Forever }

func frozenContainsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (v *frozenValidator) objective() {
	for i, t := range v.p.Objective.Terms {
		path := fmt.Sprintf("objective[%d]", i)
		if t.Criterion < 0 || int(t.Criterion) >= len(criterionNames) {
			v.add(path+".criterion", "unknown criterion %d", int(t.Criterion))
		}
		if !(t.Weight > 0) || math.IsInf(t.Weight, 0) {
			v.add(path+".weight", "the weight must be positive, got %g", t.Weight)
		}
	}
}

// opName names global operation g for messages ("J1/op2").
func (v *frozenValidator) opName(g int) string {
	j := sort.Search(len(v.p.Jobs), func(j int) bool { return v.base[j+1] > g })
	k := g - v.base[j]
	return fmt.Sprintf("%s/%s", v.p.Jobs[j].ID, v.p.Jobs[j].OpID(k))
}

func (v *frozenValidator) opPath(g int) string {
	j := sort.Search(len(v.p.Jobs), func(j int) bool { return v.base[j+1] > g })
	return fmt.Sprintf("jobs[%d].operations[%d]", j, g-v.base[j])
}

// precedence finds cycles, checks fixed operations against each other and
// bounds every job's completion from below to check deadlines.
func (v *frozenValidator) precedence() {
	p := v.p
	n := v.base[len(p.Jobs)]
	arcs := frozenArcs(p, v.x)
	// CSR adjacency, forward and backward
	outStart := make([]int32, n+1)
	inStart := make([]int32, n+1)
	g := func(r OpRef) int { return v.base[r.Job] + r.Op }
	for _, a := range arcs {
		outStart[g(a.From)+1]++
		inStart[g(a.To)+1]++
	}
	for i := 0; i < n; i++ {
		outStart[i+1] += outStart[i]
		inStart[i+1] += inStart[i]
	}
	outArc := make([]int32, len(arcs))
	inArc := make([]int32, len(arcs))
	{
		po := append([]int32(nil), outStart[:n]...)
		pi := append([]int32(nil), inStart[:n]...)
		for i, a := range arcs {
			f, t := g(a.From), g(a.To)
			outArc[po[f]] = int32(i)
			po[f]++
			inArc[pi[t]] = int32(i)
			pi[t]++
		}
	}
	// Kahn's algorithm
	indeg := make([]int32, n)
	for i := 0; i < n; i++ {
		indeg[i] = inStart[i+1] - inStart[i]
	}
	order := make([]int32, 0, n)
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
	ef := make([]int64, n)
	jobOf := make([]int32, n)
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

// cycles reports the precedence cycles among the operations Kahn's
// algorithm could not order (at most maxCycles of them).
func (v *frozenValidator) cycles(arcs []Arc, inStart, inArc, indeg []int32, g func(OpRef) int) {
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
func (v *frozenValidator) reportCycle(back []int) {
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
func (v *frozenValidator) materialBalance() {
	p, x := v.p, v.x
	if len(p.Materials) == 0 {
		return
	}
	demand := make([]float64, len(p.Materials))
	produced := make([]float64, len(p.Materials))
	producers := make([]int, len(p.Materials))
	type use struct{ j, k, q int }
	firstUse := make([]use, len(p.Materials))
	for i := range firstUse {
		firstUse[i].j = -1
	}
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			op := &p.Jobs[j].Operations[k]
			for q, c := range op.Consumes {
				if m, ok := x.Materials[c.Material]; ok && !math.IsNaN(c.Quantity) {
					demand[m] += c.Quantity
					if firstUse[m].j < 0 && c.Quantity > 0 {
						firstUse[m] = use{j, k, q}
					}
				}
			}
			for _, c := range op.Produces {
				if m, ok := x.Materials[c.Material]; ok && !math.IsNaN(c.Quantity) {
					produced[m] += c.Quantity
					if c.Quantity > 0 {
						producers[m]++
					}
				}
			}
		}
	}
	for m := range p.Materials {
		mat := &p.Materials[m]
		if demand[m] <= 0 || !v.sane {
			continue
		}
		supply := mat.Initial + produced[m]
		received := false
		for _, r := range mat.Receipts {
			supply += r.Quantity
			received = received || r.Quantity > 0
		}
		if mat.Initial <= 0 && !received && producers[m] == 0 {
			u := firstUse[m]
			v.add(fmt.Sprintf("jobs[%d].operations[%d].consumes[%d].material", u.j, u.k, u.q),
				"material %q has no initial stock, no receipts and no operation produces it", mat.ID)
			continue
		}
		if demand[m] > supply+1e-9*max(1, math.Abs(supply)) {
			v.add(fmt.Sprintf("materials[%d]", m), "the operations consume %g %s of material %q in total but only %g can be available (initial stock, receipts and production)",
				demand[m], mat.Unit, mat.ID, supply)
		}
	}
}

// fixedOverlaps reports fixed operations that overlap on a machine.
func (v *frozenValidator) fixedOverlaps() {
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
func (v *frozenValidator) timeChecks() {
	p := v.p
	if !v.sane || p.Epoch.IsZero() {
		v.fitUnitless()
		return
	}
	capTicks := int64(maxCalendarYears * 366 * 24 * time.Hour / p.TickLength())
	h := min(frozenPlanningHorizon(p), capTicks)
	if end := p.Epoch.Add(time.Duration(h) * p.TickLength()); end.Year() > 9999 {
		v.add("epoch", "the planning horizon ends in year %d: plans after year 9999 cannot be written as dates (move the epoch)", end.Year())
	}
	if len(p.Calendars) > 0 {
		if t, path := v.latestDate(); t > capTicks {
			v.add(path, "%s is more than %d years after the epoch: calendars cannot be expanded that far (check the date, or leave it out)",
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
	// The calendars are expanded when first needed: ValidateAdded needs
	// only those of the added jobs' machines and pools.
	calIvs := make([][]Interval, len(p.Calendars))
	calOK := make([]bool, len(p.Calendars))
	calDone := make([]bool, len(p.Calendars))
	cal := func(i int) ([]Interval, bool) {
		if !calDone[i] {
			calDone[i] = true
			c := &p.Calendars[i]
			if v.zones[i] != nil && !v.badShifts(c) {
				if ivs, err := frozenCalendarIntervals(p, c, h); err == nil {
					calIvs[i], calOK[i] = ivs, true
				}
			}
		}
		return calIvs[i], calOK[i]
	}
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
	resolve := func(id string, down []Window) ([]Interval, bool) {
		ivs := []Interval{{0, Forever}}
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
		return frozenSubtract(ivs, frozenNormalize(d)), true
	}
	// fit and resumableFit both need the working time of the machines:
	// each is resolved once.
	mIvs := make([][]Interval, len(p.Machines))
	mState := make([]int8, len(p.Machines)) // 0 unresolved, 1 good, -1 bad
	machine := func(m int) ([]Interval, bool) {
		if mState[m] == 0 {
			ivs, ok := resolve(p.Machines[m].Calendar, p.Machines[m].Downtime)
			mIvs[m], mState[m] = ivs, -1
			if ok {
				mState[m] = 1
			}
		}
		return mIvs[m], mState[m] > 0
	}
	v.fit(machine, func(o int) ([]Interval, bool) {
		return resolve(p.OperatorPools[o].Calendar, nil)
	})
	v.resumableFit(h, machine)
}

// resumableFit reports resumable operations whose processing time exceeds
// the working time of every alternative machine within the planning
// horizon [0, h) (at most 30 years after the epoch).
func (v *frozenValidator) resumableFit(h int64, machineIvs func(int) ([]Interval, bool)) {
	p := v.p
	workOf := make(map[int]int64)
	for j := v.from; j < len(p.Jobs); j++ {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			if !op.Resumable || op.Fixed != nil || len(op.Alternatives) == 0 {
				continue
			}
			most, parts, short := v.altsShort(job, op, func(m int) int64 {
				w, seen := workOf[m]
				if !seen {
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
func (v *frozenValidator) totalWork() {
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
func (v *frozenValidator) fixedOperators() {
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
					v.opName(u.g), others(), v.timeStr(u.start), frozenPlural(need[s], "operator"), s, c)
				reported = true
				break
			}
		}
		if !reported {
			inNeed := func(skill string) bool { _, ok := need[skill]; return ok }
			if c, known := poolsWith(inNeed); known && total > c {
				v.add(v.opPath(u.g)+".fixed", "the fixed operation %s and the fixed operation(s) %s running at %s need %s together, but the pools with their skills have %d",
					v.opName(u.g), others(), v.timeStr(u.start), frozenPlural(total, "operator"), c)
			}
		}
	}
}

// fixedMaterials reports fixed operations that consume a material before
// enough of it can be there: the initial stock, the receipts until then and
// what the operations that can end by then produce.
func (v *frozenValidator) fixedMaterials() {
	p, x := v.p, v.x
	if len(p.Materials) == 0 || !v.sane {
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

// latestDate returns the latest date of the problem that extends the
// planning horizon, and its path.
func (v *frozenValidator) latestDate() (int64, string) {
	p := v.p
	var latest int64
	path := ""
	upd := func(t int64, f string, args ...any) {
		if t > latest && t < Forever {
			latest, path = t, fmt.Sprintf(f, args...)
		}
	}
	upd(p.Horizon, "horizon")
	for j := range p.Jobs {
		job := &p.Jobs[j]
		upd(job.Release, "jobs[%d].release", j)
		if job.Due != nil {
			upd(*job.Due, "jobs[%d].due", j)
		}
		if job.Deadline != nil {
			upd(*job.Deadline, "jobs[%d].deadline", j)
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
	return latest, path
}

// fitUnitless checks operations against machine downtime in problems
// without calendars.
func (v *frozenValidator) fitUnitless() {
	if !v.sane {
		return
	}
	p := v.p
	v.fit(func(m int) ([]Interval, bool) {
		if p.Machines[m].Calendar != "" {
			return nil, false
		}
		var d []Interval
		for _, w := range p.Machines[m].Downtime {
			if w.Start < w.End {
				d = append(d, Interval{w.Start, w.End})
			}
		}
		return frozenSubtract([]Interval{{0, Forever}}, frozenNormalize(d)), true
	}, func(o int) ([]Interval, bool) {
		return []Interval{{0, Forever}}, p.OperatorPools[o].Calendar == ""
	})
}

func (v *frozenValidator) badShifts(c *Calendar) bool {
	for _, s := range c.Shifts {
		if s.Start < 0 || s.Start > 24*60 || s.End < 0 || s.End > 24*60 {
			return true
		}
	}
	return false
}

// longestIntersection is frozenLongest(frozenIntersect(a, b)), without building the
// intersection.
func frozenLongestIntersection(a, b []Interval) int64 {
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

func frozenLongest(ivs []Interval) int64 {
	var l int64
	for _, iv := range ivs {
		l = max(l, iv.Len())
	}
	return l
}

// fit reports non-resumable operations longer than the longest working
// window of every alternative machine, intersected with the working time
// of the pools that have the skills the operation needs.
func (v *frozenValidator) fit(machineIvs func(int) ([]Interval, bool), poolIvs func(int) ([]Interval, bool)) {
	p := v.p
	mIvs := make([][]Interval, len(p.Machines))
	mState := make([]int8, len(p.Machines)) // 0 unresolved, 1 good, -1 bad
	machine := func(m int) ([]Interval, bool) {
		if mState[m] == 0 {
			ivs, ok := machineIvs(m)
			mIvs[m], mState[m] = ivs, -1
			if ok {
				mState[m] = 1
			}
		}
		return mIvs[m], mState[m] > 0
	}
	// the union of the working time of the pools having a skill
	skillIvs := make(map[string][]Interval)
	skillOK := make(map[string]bool)
	skill := func(s string) ([]Interval, bool) {
		if ok, seen := skillOK[s]; seen {
			return skillIvs[s], ok
		}
		// The working time of one pool is normalized already: it is the
		// union as it is, and only the union of several is built.
		var u, first []Interval
		ok, pools := true, 0
		for i := range p.OperatorPools {
			if frozenContainsStr(p.OperatorPools[i].Skills, s) {
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
			u = frozenNormalize(u)
		}
		skillIvs[s], skillOK[s] = u, ok
		return u, ok
	}
	type key struct {
		m      int
		skills string
	}
	longestOf := make(map[key]int64)
	for j := v.from; j < len(p.Jobs); j++ {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			if op.Resumable || op.Fixed != nil || len(op.Alternatives) == 0 {
				continue
			}
			var skills []string
			for _, n := range op.Operators {
				skills = append(skills, n.Skill)
			}
			sk := strings.Join(skills, "\x00")
			best, parts, short := v.altsShort(job, op, func(m int) int64 {
				kk := key{m, sk}
				l, seen := longestOf[kk]
				if !seen {
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
							ivs = frozenIntersect(ivs, sivs)
						}
					}
					l = -1
					switch {
					case ok && len(skills) > 0:
						l = frozenLongestIntersection(ivs, last)
					case ok:
						l = frozenLongest(ivs)
					}
					longestOf[kk] = l
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
func (v *frozenValidator) altsShort(job *Job, op *Operation, room func(m int) int64) (best int64, parts []string, short bool) {
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

func frozenPlural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// costs checks the cost fields of machines, jobs and materials: every
// amount finite, non-negative and below 1e12, premiums at most 10 (1000 %),
// overtime windows non-empty, inside the time range and not overlapping
// each other on one machine.
func (v *frozenValidator) costs() {
	p := v.p
	money := func(path, what string, x float64) {
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			v.add(path, "the %s must be a finite number, got %g", what, x)
		case x < 0:
			v.add(path, "the %s must not be negative, got %g", what, x)
		case x > maxMoney:
			v.add(path, "the %s %g is too large (at most %g)", what, x, float64(maxMoney))
		}
	}
	premium := func(path, what string, x float64) {
		if x > 10 {
			v.add(path, "the %s %g is a share of the hourly cost (0.25 adds a quarter); at most 10", what, x)
			return
		}
		money(path, what, x)
	}
	for i := range p.Machines {
		m := &p.Machines[i]
		path := fmt.Sprintf("machines[%d]", i)
		money(path+".cost_per_hour", "cost per hour", m.CostPerHour)
		premium(path+".night_premium", "night premium", m.NightPremium)
		premium(path+".weekend_premium", "weekend premium", m.WeekendPremium)
		money(path+".setup_change_cost", "setup change cost", m.SetupChangeCost)
		order := make([]int, len(m.Overtime))
		for k, o := range m.Overtime {
			op := fmt.Sprintf("%s.overtime[%d]", path, k)
			v.time(op+".start", o.Start)
			v.time(op+".end", o.End)
			if o.End <= o.Start {
				v.add(op, "the overtime window must end after it starts (start %s, end %s)", v.timeStr(o.Start), v.timeStr(o.End))
			}
			money(op+".cost_per_hour", "overtime cost per hour", o.CostPerHour)
			order[k] = k
		}
		sort.SliceStable(order, func(a, b int) bool { return m.Overtime[order[a]].Start < m.Overtime[order[b]].Start })
		for x := 1; x < len(order); x++ {
			a, b := m.Overtime[order[x-1]], m.Overtime[order[x]]
			if a.End > b.Start && a.End > a.Start && b.End > b.Start {
				v.add(fmt.Sprintf("%s.overtime[%d]", path, order[x]), "the overtime window overlaps %s.overtime[%d] (machine %q)", path, order[x-1], m.ID)
			}
		}
	}
	for i := range p.Jobs {
		j := &p.Jobs[i]
		if frozenGoodMoney(j.LatenessCostPerDay) && frozenGoodMoney(j.HoldingCostPerDay) {
			continue // nothing to report: no path to format
		}
		path := fmt.Sprintf("jobs[%d]", i)
		money(path+".lateness_cost_per_day", "lateness cost per day", j.LatenessCostPerDay)
		money(path+".holding_cost_per_day", "holding cost per day", j.HoldingCostPerDay)
	}
	for i := range p.Materials {
		if x := p.Materials[i].HoldingCostPerDay; !frozenGoodMoney(x) {
			money(fmt.Sprintf("materials[%d].holding_cost_per_day", i), "holding cost per unit and day", x)
		}
	}
}

// goodMoney reports whether the money check of costs passes for x.
func frozenGoodMoney(x float64) bool { return x >= 0 && x <= maxMoney }

// PlanningHorizon returns the end of the planning horizon: Horizon when set,
// otherwise a conservative bound by which every operation can be finished:
// the latest date mentioned in the problem plus the total work stretched by
// the sparsest calendar's share of working time, plus four weeks.
func frozenPlanningHorizon(p *Problem) int64 {
	if p.Horizon > 0 {
		return p.Horizon
	}
	var latest int64
	upd := func(t int64) {
		if t > latest && t < Forever {
			latest = t
		}
	}
	var work int64
	for i := range p.Jobs {
		j := &p.Jobs[i]
		upd(j.Release)
		if j.Due != nil {
			upd(*j.Due)
		}
		if j.Deadline != nil {
			upd(*j.Deadline)
		}
		for k := range j.Operations {
			op := &j.Operations[k]
			var mx int64
			for _, a := range op.Alternatives {
				if d := a.ProcessingTime(j.Quantity); d > mx && d < Forever {
					mx = d
				}
			}
			work += mx + op.MinLag
			for _, l := range op.After {
				work += max(l.MinLag, 0)
			}
			if op.Fixed != nil {
				upd(op.Fixed.End)
			}
		}
	}
	var maxSetup int64
	for _, s := range p.SetupMatrices {
		maxSetup = max(maxSetup, s.Default, s.Initial)
		for _, e := range s.Entries {
			maxSetup = max(maxSetup, e.Time)
		}
	}
	for _, j := range p.Jobs {
		work += maxSetup * int64(len(j.Operations))
	}
	for _, m := range p.Materials {
		for _, r := range m.Receipts {
			upd(r.At)
		}
	}
	for _, m := range p.Machines {
		for _, d := range m.Downtime {
			upd(d.End)
		}
	}
	for _, c := range p.Calendars {
		for _, e := range c.Exceptions {
			upd(e.End)
		}
	}
	if p.Epoch.IsZero() || len(p.Calendars) == 0 {
		return latest + work + 1
	}
	week := int64(7 * 24 * time.Hour / p.TickLength())
	factor := 1.0
	for i := range p.Calendars {
		w := p.Calendars[i].WeeklyMinutes()
		if w > 0 {
			factor = math.Max(factor, float64(7*24*60)/float64(w))
		}
	}
	h := float64(latest) + float64(work)*factor*1.5 + float64(4*week)
	if h > float64(Forever/2) {
		return Forever / 2
	}
	return int64(h)
}

// expansionCap returns the last tick calendars are expanded to.
func frozenExpansionCap(p *Problem) int64 {
	return int64(MaxExpansionYears * 366 * 24 * time.Hour / p.TickLength())
}

// CalendarIntervals expands calendar c (an element of p.Calendars) into
// sorted, disjoint working intervals over [0, horizon): the weekly pattern in
// the calendar's time zone (so DST changes shorten or lengthen the shifts
// that span them), plus working exceptions, minus non-working exceptions.
//
// The weekly pattern is walked over civil dates (a day counter that does not
// depend on the time zone), so days whose local midnight does not exist (a
// DST change at 00:00, as in America/Santiago) are neither repeated nor
// skipped; a shift boundary that falls in such a gap moves to the end of the
// gap. The horizon is cut at MaxExpansionYears after the epoch.
func frozenCalendarIntervals(p *Problem, c *Calendar, horizon int64) ([]Interval, error) {
	if p.Epoch.IsZero() {
		return nil, fmt.Errorf("calendar %q: a problem with calendars needs an epoch", c.ID)
	}
	loc, err := c.Location()
	if err != nil {
		return nil, err
	}
	horizon = min(horizon, frozenExpansionCap(p))
	var ivs []Interval
	// Civil dates run in UTC, where every day has 24 hours: the walk from
	// the day before the epoch's local date to the horizon's local date
	// always advances and ends.
	el := p.Epoch.In(loc)
	day := time.Date(el.Year(), el.Month(), el.Day()-1, 0, 0, 0, 0, time.UTC)
	hl := p.TimeOf(max(horizon, 0)).In(loc)
	last := time.Date(hl.Year(), hl.Month(), hl.Day(), 0, 0, 0, 0, time.UTC).Unix()
	// The days are counted in Unix seconds of their UTC midnight, so that
	// a shift's wall time is a sum; wc converts wall times to instants,
	// by arithmetic away from the zone's transitions.
	wc := frozenWallClock{loc: loc}
	wd := day.Weekday()
	perWeek := 0
	for _, s := range c.Shifts {
		perWeek += len(s.Days)
	}
	weeks := int((last-day.Unix())/secondsPerDay)/7 + 1
	// A shift that starts within (or where ends) the last interval is
	// merged into it as it is found, as Normalize would: the list is
	// shorter than one interval per shift when shifts follow each other
	// (2x8, 3x8). Its length is then foreseen from its first eight days.
	// There is room for the working exceptions too, and for as many more
	// intervals as there are non-working ones, so that they are
	// subtracted in place.
	ivs = make([]Interval, 0, 2*perWeek+2*len(c.Exceptions))
	sized := false
	ticks := frozenNewUnixTicks(p)
	for du := day.Unix(); du <= last; du, wd = du+secondsPerDay, (wd+1)%7 {
		if !sized && du-day.Unix() >= 8*secondsPerDay {
			sized = true
			ivs = slices.Grow(ivs, len(ivs)*weeks+2*perWeek+2*len(c.Exceptions))
		}
		for _, s := range c.Shifts {
			if !slices.Contains(s.Days, wd) {
				continue
			}
			st := wc.at(du, s.Start)
			var en int64
			if s.End > s.Start {
				en = wc.at(du, s.End)
			} else {
				en = wc.at(du+secondsPerDay, s.End)
			}
			a, b := ticks.ceil(st), ticks.floor(en)
			a, b = max(a, 0), min(b, horizon)
			if a < b {
				if n := len(ivs); n > 0 && a >= ivs[n-1].Start && a <= ivs[n-1].End {
					ivs[n-1].End = max(ivs[n-1].End, b)
				} else {
					ivs = append(ivs, Interval{a, b})
				}
			}
		}
	}
	var add, sub []Interval
	for _, e := range c.Exceptions {
		iv := Interval{max(e.Start, 0), min(e.End, horizon)}
		if iv.Start >= iv.End {
			continue
		}
		if e.Working {
			add = append(add, iv)
		} else {
			sub = append(sub, iv)
		}
	}
	ivs = frozenNormalize(append(ivs, add...))
	return frozenSubtractInPlace(ivs, frozenNormalize(sub)), nil
}

// subtractInPlace is frozenSubtract(a, b), built in the memory of a (grown
// when its capacity cannot take len(b) more intervals): a is moved up by
// len(b) and the result written from the start. Each interval written
// is either the last part of an interval of a already read or a part
// ending where an interval of b starts (at most len(b) of them), so that
// the writes never overtake the reads.
func frozenSubtractInPlace(a, b []Interval) []Interval {
	if len(b) == 0 {
		return a
	}
	n, k := len(a), len(b)
	buf := slices.Grow(a, k)[:n+k]
	copy(buf[k:], buf[:n])
	return frozenSubtractInto(buf[:0], buf[k:], b)
}

// wallTime returns the instant at which the clocks of loc show minute
// minutes after midnight of the civil date y-mo-d (minute 1440 is the next
// midnight). When the clocks skip that wall time (a DST gap), it returns the
// end of the gap: the first instant that exists after it.
func frozenWallTime(y int, mo time.Month, d, minute int, loc *time.Location) time.Time {
	t := time.Date(y, mo, d, 0, minute, 0, 0, loc)
	want := time.Date(y, mo, d, 0, minute, 0, 0, time.UTC)
	lt := t.In(loc)
	got := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), time.UTC)
	if got.Equal(want) {
		return t
	}
	// t is in a gap: it was resolved with the offset of one side of it.
	start, end := t.ZoneBounds()
	if got.Before(want) {
		// t's zone is the one before the gap: the gap ends where it ends.
		if !end.IsZero() {
			return end
		}
		return t
	}
	// t's zone is the one after the gap: the gap ends where it starts.
	if !start.IsZero() {
		return start
	}
	return t
}

// frozenWallClock converts wall times of loc to instants (Unix seconds) like
// wallTime, remembering the zone period (constant UTC offset) of the last
// instant it found: a wall time w whose instant w-off falls inside that
// period, at least wallMargin from both its ends, is that instant (the
// clocks show it exactly once), found by a subtraction. Wall times nearer
// a transition (DST gaps and overlaps included) go through wallTime.
type frozenWallClock struct {
	loc *time.Location
	// ok is set once a period is known: instants in [start, end) are off
	// seconds east of UTC (start and end already moved in by wallMargin).
	ok              bool
	start, end, off int64
}

// at returns the instant of frozenWallTime(y, mo, d, minute, loc), where
// dayUnix is the Unix time of the civil date y-mo-d at 00:00 UTC.
func (c *frozenWallClock) at(dayUnix int64, minute int) int64 {
	w := dayUnix + int64(minute)*60
	if c.ok {
		if t := w - c.off; t >= c.start && t < c.end {
			return t
		}
	}
	y, mo, d := time.Unix(dayUnix, 0).UTC().Date()
	t := frozenWallTime(y, mo, d, minute, c.loc)
	_, off := t.Zone()
	s, e := t.ZoneBounds()
	c.start, c.end, c.off = math.MinInt64/2, math.MaxInt64/2, int64(off)
	if !s.IsZero() {
		c.start = s.Unix() + wallMargin
	}
	if !e.IsZero() {
		c.end = e.Unix() - wallMargin
	}
	c.ok = c.start < c.end
	return t.Unix()
}

// frozenUnixTicks converts Unix seconds to the ticks of a problem, by integer
// arithmetic where the instant is within 200 years of the epoch (exactly
// what tickCeil and TickOf compute), through them elsewhere.
type frozenUnixTicks struct {
	p         *Problem
	sec, nsec int64 // the epoch
	res       int64 // the tick length in nanoseconds
	lo, hi    int64 // the Unix seconds converted by arithmetic
}

func frozenNewUnixTicks(p *Problem) frozenUnixTicks {
	const span = 200 * 366 * secondsPerDay
	sec := p.Epoch.Unix()
	return frozenUnixTicks{p: p, sec: sec, nsec: int64(p.Epoch.Nanosecond()), res: int64(p.TickLength()), lo: sec - span, hi: sec + span}
}

// floor is p.TickOf(time.Unix(s, 0)).
func (u *frozenUnixTicks) floor(s int64) int64 {
	if s < u.lo || s > u.hi {
		return u.p.TickOf(time.Unix(s, 0))
	}
	d := u.nanos(s)
	q := d / u.res
	if d%u.res < 0 {
		q--
	}
	return q
}

// ceil is p.tickCeil(time.Unix(s, 0)).
func (u *frozenUnixTicks) ceil(s int64) int64 {
	if s < u.lo || s > u.hi {
		return u.p.tickCeil(time.Unix(s, 0))
	}
	d := u.nanos(s)
	q := d / u.res
	if d%u.res > 0 {
		q++
	}
	return q
}

// Normalize sorts intervals and merges overlapping or touching ones; empty
// intervals are dropped. It reuses ivs' storage.
func frozenNormalize(ivs []Interval) []Interval {
	// The order among equal starts does not matter: they all merge.
	slices.SortFunc(ivs, func(a, b Interval) int { return cmp.Compare(a.Start, b.Start) })
	out := ivs[:0]
	for _, iv := range ivs {
		if iv.Start >= iv.End {
			continue
		}
		if n := len(out); n > 0 && iv.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, iv.End)
			continue
		}
		out = append(out, iv)
	}
	return out
}

// Subtract returns the parts of normalized intervals a not covered by
// normalized intervals b.
func frozenSubtract(a, b []Interval) []Interval {
	if len(b) == 0 {
		return a
	}
	// b cuts each interval of a at most once per interval of b it starts
	// inside, so that the result has at most len(a)+len(b) intervals
	return frozenSubtractInto(make([]Interval, 0, len(a)+len(b)), a, b)
}

// subtractInto appends to out the parts of normalized intervals a not
// covered by normalized intervals b, and returns it (nil when nothing is
// left). out may share memory with a when the writes never overtake the
// reads (subtractInPlace).
func frozenSubtractInto(out, a, b []Interval) []Interval {
	j := 0
	for i := range a {
		iv := a[i]
		s := iv.Start
		for j < len(b) && b[j].End <= s {
			j++
		}
		k := j
		for k < len(b) && b[k].Start < iv.End {
			if b[k].Start > s {
				out = append(out, Interval{s, b[k].Start})
			}
			s = max(s, b[k].End)
			k++
		}
		if s < iv.End {
			out = append(out, Interval{s, iv.End})
		}
	}
	if len(out) == 0 {
		return nil // nothing left is a nil list
	}
	return out
}

// Intersect returns the intersection of two normalized interval lists.
func frozenIntersect(a, b []Interval) []Interval {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	// each step of the walk below ends one interval of a or b, and at
	// most one interval of the result with it
	out := make([]Interval, 0, len(a)+len(b)-1)
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		s, e := max(a[i].Start, b[j].Start), min(a[i].End, b[j].End)
		if s < e {
			out = append(out, Interval{s, e})
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	if len(out) == 0 {
		return nil // as before: no intersection is a nil list
	}
	return out
}

func (u *frozenUnixTicks) nanos(s int64) int64 { return (s-u.sec)*int64(time.Second) - u.nsec }

// NewIndex builds the identifier maps of p.
func frozenNewIndex(p *Problem) *Index {
	x := &Index{
		Machines:      make(map[string]int, len(p.Machines)),
		Jobs:          make(map[string]int, len(p.Jobs)),
		Ops:           make([]map[string]int, len(p.Jobs)),
		Materials:     make(map[string]int, len(p.Materials)),
		Pools:         make(map[string]int, len(p.OperatorPools)),
		Calendars:     make(map[string]int, len(p.Calendars)),
		SetupMatrices: make(map[string]int, len(p.SetupMatrices)),
	}
	put := func(m map[string]int, id string, i int) {
		if _, ok := m[id]; !ok {
			m[id] = i
		}
	}
	for i := range p.Machines {
		put(x.Machines, p.Machines[i].ID, i)
	}
	// Jobs with the same operation IDs (in benchmark instances: the same
	// number of operations, none with an ID) share one map.
	like := make(map[int]int) // number of operations -> the last job with a map of its own
	for i := range p.Jobs {
		j := &p.Jobs[i]
		put(x.Jobs, j.ID, i)
		if s, ok := like[len(j.Operations)]; ok && frozenSameOpIDs(&p.Jobs[s], j) {
			x.Ops[i] = x.Ops[s]
			continue
		}
		x.Ops[i] = make(map[string]int, len(j.Operations))
		for k := range j.Operations {
			put(x.Ops[i], j.OpID(k), k)
		}
		like[len(j.Operations)] = i
	}
	for i := range p.Materials {
		put(x.Materials, p.Materials[i].ID, i)
	}
	for i := range p.OperatorPools {
		put(x.Pools, p.OperatorPools[i].ID, i)
	}
	for i := range p.Calendars {
		put(x.Calendars, p.Calendars[i].ID, i)
	}
	for i := range p.SetupMatrices {
		put(x.SetupMatrices, p.SetupMatrices[i].ID, i)
	}
	return x
}

// sameOpIDs reports whether jobs a and b, of the same number of
// operations, have the same operation IDs.
func frozenSameOpIDs(a, b *Job) bool {
	for k := range a.Operations {
		if a.Operations[k].ID != b.Operations[k].ID {
			return false
		}
	}
	return true
}

// Op resolves a link from an operation of job j to its predecessor.
func frozenOp(x *Index, j int, l Link) (OpRef, bool) {
	pj := j
	if l.Job != "" {
		var ok bool
		if pj, ok = x.Jobs[l.Job]; !ok {
			return OpRef{}, false
		}
	}
	k, ok := x.Ops[pj][l.Op]
	return OpRef{pj, k}, ok
}

// Arcs returns every precedence arc of p: the chain of each Sequence routing
// (with the operations' MinLag) and every After link. Links that do not
// resolve are skipped (Validate reports them).
func frozenArcs(p *Problem, x *Index) []Arc {
	na := 0
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Routing == Sequence && len(job.Operations) > 0 {
			na += len(job.Operations) - 1
		}
		for k := range job.Operations {
			na += len(job.Operations[k].After)
		}
	}
	arcs := make([]Arc, 0, na)
	for a := range frozenAllArcs(p, x) {
		arcs = append(arcs, a)
	}
	return arcs
}

// AllArcs is Arcs as an iterator, for a caller that keeps the arcs in a
// form of its own: job by job, each operation's routing arc, then its
// After links.
func frozenAllArcs(p *Problem, x *Index) iter.Seq[Arc] {
	return func(yield func(Arc) bool) {
		for j := range p.Jobs {
			job := &p.Jobs[j]
			for k := range job.Operations {
				op := &job.Operations[k]
				if job.Routing == Sequence && k > 0 {
					if !yield(Arc{From: OpRef{j, k - 1}, To: OpRef{j, k}, MinLag: op.MinLag}) {
						return
					}
				}
				for _, l := range op.After {
					if from, ok := frozenOp(x, j, l); ok {
						if !yield(Arc{From: from, To: OpRef{j, k}, MinLag: l.MinLag}) {
							return
						}
					}
				}
			}
		}
	}
}

// The equivalence tests.

// equivZones are the time zones the mutations give epochs and calendars:
// DST at 02:00, at midnight (America/Santiago), over midnight backwards
// (Antarctica/Casey), half-hour DST (Australia/Lord_Howe), a day skipped
// (Pacific/Apia), and an unknown one.
var equivZones = []string{"", "UTC", "Europe/Paris", "America/Santiago", "Antarctica/Casey", "Australia/Lord_Howe", "Pacific/Apia", "America/Sitka", "Nowhere/Land"}

// equivCopy returns a copy of v sharing no memory with it.
func equivCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(equivCopy(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(equivCopy(v.Index(i)))
		}
		return c
	case reflect.Struct:
		if v.Type() == timeType {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		for i := 0; i < v.NumField(); i++ {
			c.Field(i).Set(equivCopy(v.Field(i)))
		}
		return c
	default:
		return v
	}
}

// copyProblem returns a deep copy of p.
func copyProblem(p *Problem) *Problem {
	return equivCopy(reflect.ValueOf(p)).Interface().(*Problem)
}

// equivLeaves collects the settable leaves of v (numbers, strings,
// booleans, times, nil-able pointers) and the slices, for the mutations.
func equivLeaves(v reflect.Value, leaves, slices *[]reflect.Value, strs *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		*leaves = append(*leaves, v)
		if !v.IsNil() {
			equivLeaves(v.Elem(), leaves, slices, strs)
		}
	case reflect.Slice:
		*slices = append(*slices, v)
		for i := 0; i < v.Len(); i++ {
			equivLeaves(v.Index(i), leaves, slices, strs)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			*leaves = append(*leaves, v)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			equivLeaves(v.Field(i), leaves, slices, strs)
		}
	case reflect.String:
		*strs = append(*strs, v.String())
		*leaves = append(*leaves, v)
	default:
		*leaves = append(*leaves, v)
	}
}

// equivMutate changes p at random: one field (number, string, flag, time,
// pointer) set to a value near a boundary of some check, one slice
// element removed or repeated, or one of the changes that move the time
// checks (longer operations, fewer shifts, a horizon, long exceptions).
func equivMutate(r *rand.Rand, p *Problem) {
	tpd := int64(24 * time.Hour / p.TickLength()) // ticks per day
	days := func() int64 { return tpd * int64(r.IntN(40)) }
	switch r.IntN(10) {
	case 0: // an operation much longer or a bit longer
		if len(p.Jobs) == 0 {
			return
		}
		j := &p.Jobs[r.IntN(len(p.Jobs))]
		if len(j.Operations) == 0 {
			return
		}
		op := &j.Operations[r.IntN(len(j.Operations))]
		if r.IntN(3) == 0 {
			op.Resumable = !op.Resumable
		}
		for a := range op.Alternatives {
			switch r.IntN(4) {
			case 0:
				op.Alternatives[a].Duration *= int64(2 + r.IntN(20))
			case 1:
				op.Alternatives[a].Duration = days() + int64(r.IntN(int(tpd)))
			case 2:
				op.Alternatives[a].Duration = tpd*int64(r.IntN(400)) + int64(r.IntN(3)) - 1
			}
		}
		return
	case 1: // a horizon
		switch r.IntN(3) {
		case 0:
			p.Horizon = days() + int64(r.IntN(int(tpd)))
		case 1:
			p.Horizon = tpd * int64(r.IntN(12000))
		default:
			p.Horizon = 0
		}
		return
	case 2: // a long exception, working or not
		if len(p.Calendars) == 0 {
			return
		}
		c := &p.Calendars[r.IntN(len(p.Calendars))]
		s := days() - tpd
		c.Exceptions = append(c.Exceptions, Exception{Start: s, End: s + days() + int64(r.IntN(int(tpd))), Working: r.IntN(3) == 0})
		return
	case 3: // downtime
		if len(p.Machines) == 0 {
			return
		}
		m := &p.Machines[r.IntN(len(p.Machines))]
		s := days()
		m.Downtime = append(m.Downtime, Window{Start: s, End: s + days() + int64(r.IntN(int(tpd)))})
		return
	case 4: // a zone
		z := equivZones[r.IntN(len(equivZones))]
		if len(p.Calendars) > 0 && r.IntN(2) == 0 {
			p.Calendars[r.IntN(len(p.Calendars))].TimeZone = z
			return
		}
		if loc, err := time.LoadLocation(z); err == nil && !p.Epoch.IsZero() {
			y, _, d := p.Epoch.Date()
			mo := time.Month(1 + r.IntN(12))
			p.Epoch = time.Date(y+r.IntN(3)-1, mo, d, r.IntN(3), 0, 0, 0, loc)
		}
		return
	}
	var leaves, sl []reflect.Value
	var strs []string
	equivLeaves(reflect.ValueOf(p).Elem(), &leaves, &sl, &strs)
	if r.IntN(4) == 0 && len(sl) > 0 {
		s := sl[r.IntN(len(sl))]
		if s.Len() == 0 {
			return
		}
		i := r.IntN(s.Len())
		if r.IntN(2) == 0 {
			s.Set(reflect.AppendSlice(s.Slice(0, i), s.Slice(i+1, s.Len())))
		} else {
			s.Set(reflect.Append(s, equivCopy(s.Index(i))))
		}
		return
	}
	if len(leaves) == 0 {
		return
	}
	v := leaves[r.IntN(len(leaves))]
	switch v.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int8, reflect.Int16:
		if v.Type() == reflect.TypeOf(time.Duration(0)) {
			v.SetInt([]int64{0, -1, int64(time.Second), int64(time.Hour), int64(15 * time.Minute), int64(time.Millisecond)}[r.IntN(6)])
			return
		}
		x := v.Int()
		c := []int64{0, -1, 1, x * 2, x * 10, x / 2, x + 1, x - 1, Forever + 1, -Forever - 1, MaxDuration, MaxDuration + 1, 1440, 1441, int64(r.IntN(1441)), x + 60, 7, days(), tpd * 15, tpd*15 - 1, tpd * 400, tpd * 12000}[r.IntN(22)]
		if !v.OverflowInt(c) {
			v.SetInt(c)
		}
	case reflect.Float64:
		x := v.Float()
		v.SetFloat([]float64{math.NaN(), math.Inf(1), -1, 0, x * 2, x * 1000, 1e16, 0.5, x + 1}[r.IntN(9)])
	case reflect.String:
		c := []string{"", "x\n", "\xff", "new"}
		if len(strs) > 0 {
			c = append(c, strs[r.IntN(len(strs))], strs[r.IntN(len(strs))])
		}
		v.SetString(c[r.IntN(len(c))])
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			switch v.Type().Elem() {
			case reflect.TypeOf(int64(0)):
				v.Set(reflect.ValueOf(Tick(days())))
			case reflect.TypeOf(Fixed{}):
				m := ""
				if len(p.Machines) > 0 {
					m = p.Machines[r.IntN(len(p.Machines))].ID
				}
				s := days()
				v.Set(reflect.ValueOf(&Fixed{Machine: m, SetupStart: s, Start: s, End: s + int64(r.IntN(int(tpd)))}))
			}
		} else if r.IntN(2) == 0 {
			v.Set(reflect.Zero(v.Type()))
		}
	case reflect.Struct: // a time
		switch r.IntN(3) {
		case 0:
			v.Set(reflect.ValueOf(time.Time{}))
		default:
			v.Set(reflect.ValueOf(time.Date(2000+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 0, 0, 0, time.UTC)))
		}
	}
}

// equivPhrases are parts of the messages of the time checks; equivSeen
// counts the issues of the equivalence tests with each.
var equivPhrases = []string{"never fits a working window", "resumable operation is longer than the planning horizon", "has no working time within", "after the end of the horizon", "calendars cannot be expanded that far", "after year 9999", "longer than the planning horizon (at most"}

var equivSeen = make([]int, len(equivPhrases))

// unNaN replaces the NaNs of p by a number, for diffProblems, and returns p.
func unNaN(p *Problem) *Problem {
	var leaves, sl []reflect.Value
	var strs []string
	equivLeaves(reflect.ValueOf(p).Elem(), &leaves, &sl, &strs)
	for _, v := range leaves {
		if v.Kind() == reflect.Float64 && math.IsNaN(v.Float()) {
			v.SetFloat(-123.456)
		}
	}
	return p
}

// EquivCheck holds Validate, ValidateAdded and CalendarIntervals equal to
// their frozen copies on p and on n mutations of p (1 to 3 changes each),
// seeded by seed. It returns the number of cases compared that have
// issues. It is exported for the tests of package model_test (generated
// plants).
func EquivCheck(t testing.TB, name string, p *Problem, n int, seed uint64) (bad int) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	for trial := -1; trial < n; trial++ {
		q := copyProblem(p)
		if trial >= 0 {
			for m := 1 + r.IntN(3); m > 0; m-- {
				equivMutate(r, q)
			}
		}
		keep := copyProblem(q)
		want := frozenValidate(q)
		got := q.Validate()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s trial %d: Validate found\n%v\nthe frozen one\n%v", name, trial, got, want)
		}
		if len(want) > 0 {
			bad++
		}
		for _, is := range want {
			for k, phrase := range equivPhrases {
				if strings.Contains(is.Message, phrase) {
					equivSeen[k]++
				}
			}
		}
		if d := diffProblems(unNaN(copyProblem(q)), unNaN(keep)); d != "" {
			t.Fatalf("%s trial %d: Validate changed the problem: %s", name, trial, d)
		}
		from := r.IntN(len(q.Jobs) + 2)
		if g, w := q.ValidateAdded(from), frozenValidateAdded(q, from); !reflect.DeepEqual(g, w) {
			t.Fatalf("%s trial %d: ValidateAdded(%d) found\n%v\nthe frozen one\n%v", name, trial, from, g, w)
		}
		if q.Epoch.IsZero() || q.Resolution < 0 {
			continue
		}
		hs := []int64{0, 1, 15 * 24 * 60, q.Horizon, r.Int64N(1 << 20)}
		if len(want) == 0 {
			hs = append(hs, q.PlanningHorizon())
		}
		for i := range q.Calendars {
			c := &q.Calendars[i]
			for _, h := range hs {
				gi, ge := q.CalendarIntervals(c, h)
				wi, we := frozenCalendarIntervals(q, c, h)
				if !reflect.DeepEqual(gi, wi) || fmt.Sprint(ge) != fmt.Sprint(we) {
					t.Fatalf("%s trial %d: CalendarIntervals(calendars[%d], %d) = %v, %v; the frozen one %v, %v", name, trial, i, h, gi, ge, wi, we)
				}
			}
		}
	}
	return bad
}

// validEquivFiles lists every JSON file of the repository.
func validEquivFiles(t *testing.T) []string {
	var files []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestValidateEquivFiles compares Validate, ValidateAdded and
// CalendarIntervals with their frozen copies on every JSON problem of the
// repository that decodes, and on mutations of each.
func TestValidateEquivFiles(t *testing.T) {
	n := 60
	if testing.Short() {
		n = 10
	}
	problems, cases, bad := 0, 0, 0
	for i, f := range validEquivFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Decode(data)
		if err != nil || p == nil {
			continue
		}
		problems++
		bad += EquivCheck(t, f, p, n, uint64(i))
		cases += n + 1
	}
	t.Logf("%d problems, %d cases, %d with issues", problems, cases, bad)
	for k, phrase := range equivPhrases {
		t.Logf("%5d issues with %q", equivSeen[k], phrase)
		if equivSeen[k] == 0 {
			t.Errorf("no issue with %q: the mutations do not exercise that check", phrase)
		}
	}
	if problems < 30 || bad < cases/3 || bad > cases-cases/10 {
		t.Fatalf("%d problems, %d cases, %d with issues: the files or the mutations do not exercise the checks", problems, cases, bad)
	}
}

// TestCalendarIntervalsShortPart holds the working time that timeChecks
// finds over a short horizon first (calendarIntervals(c, upTo, h)) to be a
// part of that over the whole horizon (CalendarIntervals(c, h)): the
// proof that a check passing over the short horizon passes over the whole
// rests on it. The calendars are those of the repository's problems, in
// every zone of equivZones, from epochs all over the year.
func TestCalendarIntervalsShortPart(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	cases, same := 0, 0
	for _, f := range validEquivFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Decode(data)
		if err != nil || p == nil || p.Epoch.IsZero() || len(p.Calendars) == 0 {
			continue
		}
		tpd := int64(24 * time.Hour / p.TickLength())
		for _, z := range equivZones {
			loc, err := time.LoadLocation(z)
			if err != nil {
				continue
			}
			for trial := 0; trial < 6; trial++ {
				q := copyProblem(p)
				q.Epoch = time.Date(1990+r.IntN(50), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 0, 0, 0, loc)
				for i := range q.Calendars {
					q.Calendars[i].TimeZone = z
				}
				for i := range q.Calendars {
					c := &q.Calendars[i]
					upTo := []int64{0, 1, tpd, 15 * tpd, r.Int64N(40 * tpd)}[r.IntN(5)]
					h := upTo + []int64{0, 1, tpd / 2, r.Int64N(400 * tpd)}[r.IntN(4)]
					short, err1 := q.calendarIntervals(c, upTo, h)
					full, err2 := q.CalendarIntervals(c, h)
					if fmt.Sprint(err1) != fmt.Sprint(err2) {
						t.Fatalf("%s, zone %q: errors %v and %v", f, z, err1, err2)
					}
					cases++
					if cut := Intersect(full, []Interval{{0, upTo}}); reflect.DeepEqual(short, cut) || len(short)+len(cut) == 0 {
						same++
					}
					k := 0
					for _, iv := range short {
						for k < len(full) && full[k].End < iv.End {
							k++
						}
						if iv.End > upTo || k == len(full) || full[k].Start > iv.Start {
							t.Fatalf("%s, zone %q, epoch %v, calendars[%d]: %v over [0, %d) (walk to %d) is not within %v", f, z, q.Epoch, i, iv, upTo, h, full)
						}
					}
				}
			}
		}
	}
	t.Logf("%d cases, %d the whole working time cut at the short horizon", cases, same)
	if cases < 500 || same < cases*9/10 {
		t.Fatalf("%d cases, %d the whole cut at the short horizon", cases, same)
	}
}

// TestBadLabelEquiv holds badLabel equal to its frozen copy on every rune
// up to U+0800 (alone and among ASCII letters), on invalid UTF-8 and on
// random bytes.
func TestBadLabelEquiv(t *testing.T) {
	var cases []string
	for r := rune(0); r < 0x800; r++ {
		cases = append(cases, string(r), "ab"+string(r)+"cd", string(r)+"\xff")
	}
	cases = append(cases, "", "\xff", "a\xc3", "\xed\xa0\x80", "é\x7f", "日本\n")
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rnd.IntN(8))
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := badLabel(s), frozenBadLabel(s); got != want {
			t.Fatalf("badLabel(%q) = %v, the frozen one %v", s, got, want)
		}
	}
}

// BenchmarkValidateFrozen is BenchmarkValidate (80,000 operations) with
// the frozen copy of Validate.
func BenchmarkValidateFrozen(b *testing.B) {
	p := bigProblem(8000)
	b.ReportAllocs()
	for b.Loop() {
		if is := frozenValidate(p); is != nil {
			b.Fatal(is[0])
		}
	}
}
