package model

import (
	"fmt"
	"slices"
	"time"
)

// Plant builds a Problem in the plant's own terms: calendars with shift
// patterns and holidays, machines, materials with receipts, operator pools
// and orders whose operations run a time.Duration on this machine or that
// one. Times are time.Time and durations time.Duration; the plant turns
// them into the ticks of the Problem (one minute each, counted from the
// epoch given to NewPlant).
//
// Adding a calendar, machine, material, pool, order or operation returns a
// handle (CalendarRef, MachineRef, ...) that later calls take instead of a
// string identifier, so a reference cannot be misspelled. The handles'
// methods change the plant and return the handle, so calls chain.
//
// Mistakes (a duration that is not a whole number of minutes, a handle of
// another plant, a missing time zone) are collected and reported together
// by Build, with Problem.Validate's findings: the building calls themselves
// never fail. The zero Plant is not usable: call NewPlant.
//
// A plant on two shifts in Paris, closed on Christmas day, with steel
// delivered on Wednesday and an order whose turning runs on the lathe or,
// slower, on the mill (see ExamplePlant for the whole program):
//
//	paris, err := time.LoadLocation("Europe/Paris")
//	...
//	pl := model.NewPlant("week 52", monday).Minimize(model.WeightedTardiness)
//	shifts := pl.Calendar("2x8", model.TwoShifts, paris).Holidays(christmas)
//	saw, lathe, mill := pl.Machine("saw", shifts), pl.Machine("lathe", shifts), pl.Machine("mill", shifts)
//	steel := pl.Material("steel", 4).Receipt(wednesday.Add(10*time.Hour), 10)
//	pl.Order("A", tuesday.Add(14*time.Hour)).
//		Op("cut", saw.For(40*time.Minute)).Consumes(steel, 2).
//		Then("turn", lathe.For(6*time.Hour), mill.For(7*time.Hour))
//	p, err := pl.Build()
//	...
//	res, err := (&dispatch.Solver{}).Solve(ctx, p, solver.Options{})
//	...
//	tt, err := schedule.NewTimetable(p, res.Schedule) // ids, time.Time, time.Duration
type Plant struct {
	p      Problem
	zones  []*time.Location // per calendar
	issues Issues
}

// NewPlant starts a plant named name whose time starts at epoch (tick 0,
// typically the start of the planning week). Result times are given in
// epoch's location.
func NewPlant(name string, epoch time.Time) *Plant {
	pl := &Plant{p: Problem{Name: name, Epoch: epoch}} // one-minute ticks
	if epoch.IsZero() {
		pl.fail("epoch", "a plant needs an epoch (the instant of tick 0)")
	}
	return pl
}

// Minimize sets the plant's objective to the single criterion c (makespan
// when never called).
func (pl *Plant) Minimize(c Criterion) *Plant {
	pl.p.Objective = Single(c)
	return pl
}

// SetObjective sets the plant's objective (a weighted sum of criteria; see
// ParseObjective).
func (pl *Plant) SetObjective(o Objective) *Plant {
	pl.p.Objective = o
	return pl
}

// Build returns the problem described so far, or an error (of type Issues)
// listing every mistake made while building and every finding of
// Problem.Validate. The problem is a copy: later changes to the plant do
// not affect it, so a plant can be built, extended (a rush order) and built
// again.
func (pl *Plant) Build() (*Problem, error) {
	p := pl.p.Clone()
	issues := slices.Clone(pl.issues)
	issues = append(issues, p.Validate()...)
	if len(issues) > 0 {
		return nil, issues
	}
	return p, nil
}

func (pl *Plant) fail(path, format string, args ...any) {
	pl.issues = append(pl.issues, Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

// tick converts instant t to a tick, reporting at path an instant that is
// not on a whole minute from the epoch.
func (pl *Plant) tick(path string, t time.Time) int64 {
	if t.IsZero() {
		pl.fail(path, "missing time")
		return 0
	}
	if t.Sub(pl.p.Epoch)%pl.p.TickLength() != 0 {
		pl.fail(path, "%s is not a whole number of minutes from the epoch %s",
			t.Format(time.RFC3339Nano), pl.p.Epoch.Format(time.RFC3339))
	}
	return pl.p.TickOf(t)
}

// ticks converts duration d to ticks, reporting at path a negative
// duration or one that is not a whole number of minutes.
func (pl *Plant) ticks(path string, d time.Duration) int64 {
	r := pl.p.TickLength()
	if d < 0 {
		pl.fail(path, "negative duration %v", d)
	} else if d%r != 0 {
		pl.fail(path, "duration %v is not a whole number of minutes", d)
	}
	return int64(d / r)
}

// ShiftPattern names a weekly shift pattern, as in the JSON format's
// calendar "pattern".
type ShiftPattern string

// The shift patterns: one, two or three eight-hour shifts a day starting
// at 06:00 (06:00-14:00, 14:00-22:00, 22:00-06:00).
const (
	OneShift    ShiftPattern = "1x8"
	TwoShifts   ShiftPattern = "2x8"
	ThreeShifts ShiftPattern = "3x8"
	// NoShifts starts a calendar without shifts, to be given with
	// CalendarRef.Shift.
	NoShifts ShiftPattern = ""
)

// mondayToFriday are the default working days of a pattern.
var mondayToFriday = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// CalendarRef refers to a calendar of a Plant. Its zero value means "always
// available" where a calendar is optional (Plant.Machine, Plant.Operators).
type CalendarRef struct {
	pl *Plant
	i  int
}

// Calendar adds a working-time calendar with the given shift pattern on
// days (Monday to Friday when none are given) in time zone zone. Holidays,
// closures, extra shifts and other shifts are added through the returned
// handle.
func (pl *Plant) Calendar(id string, pattern ShiftPattern, zone *time.Location, days ...time.Weekday) CalendarRef {
	path := fmt.Sprintf("calendars[%d]", len(pl.p.Calendars))
	c := Calendar{ID: id}
	switch {
	case zone == nil:
		pl.fail(path+".time_zone", "missing time zone (give time.UTC or time.LoadLocation(\"Europe/Paris\"))")
		zone = time.UTC
	case zone == time.Local || zone.String() == "Local":
		pl.fail(path+".time_zone", "time zone Local depends on the computer: give an IANA zone such as Europe/Paris")
	default:
		c.TimeZone = zone.String()
	}
	if len(days) == 0 {
		days = mondayToFriday
	}
	if pattern != NoShifts {
		// The same table as the JSON shorthand "pattern".
		pat, ok := patterns[string(pattern)]
		if !ok {
			pl.fail(path+".pattern", "unknown shift pattern %q (want 1x8, 2x8 or 3x8)", string(pattern))
		}
		for _, sh := range pat {
			c.Shifts = append(c.Shifts, Shift{Days: slices.Clone(days), Start: sh[0], End: sh[1]})
		}
	}
	pl.p.Calendars = append(pl.p.Calendars, c)
	pl.zones = append(pl.zones, zone)
	return CalendarRef{pl, len(pl.p.Calendars) - 1}
}

// ID returns the calendar's identifier ("" for the zero CalendarRef).
func (c CalendarRef) ID() string {
	if c.pl == nil {
		return ""
	}
	return c.pl.p.Calendars[c.i].ID
}

func (c CalendarRef) path() string { return fmt.Sprintf("calendars[%d]", c.i) }

// Shift adds a working period from start to end (times of day, as
// durations after midnight: 6*time.Hour) on days (Monday to Friday when
// none are given). An end not after the start ends on the next day.
func (c CalendarRef) Shift(start, end time.Duration, days ...time.Weekday) CalendarRef {
	if c.pl == nil {
		return c
	}
	cal := &c.pl.p.Calendars[c.i]
	path := fmt.Sprintf("%s.shifts[%d]", c.path(), len(cal.Shifts))
	clock := func(d time.Duration) int {
		if d < 0 || d > 24*time.Hour || d%time.Minute != 0 {
			c.pl.fail(path, "time of day %v is not a whole minute within 0..24h", d)
		}
		return int(d / time.Minute)
	}
	if len(days) == 0 {
		days = mondayToFriday
	}
	cal.Shifts = append(cal.Shifts, Shift{Days: slices.Clone(days), Start: clock(start), End: clock(end)})
	return c
}

// Holidays closes the calendar on whole days: each day is the calendar
// date (year, month, day) of the given time, from midnight to midnight in
// the calendar's time zone.
func (c CalendarRef) Holidays(days ...time.Time) CalendarRef {
	if c.pl == nil {
		return c
	}
	zone := c.pl.zones[c.i]
	for _, d := range days {
		y, m, dd := d.Date()
		c.except(LocalDayStart(y, m, dd, zone), LocalDayStart(y, m, dd+1, zone), false, "holiday")
	}
	return c
}

// Closed closes the calendar from from to to (maintenance of the whole
// plant, a strike).
func (c CalendarRef) Closed(from, to time.Time, reason string) CalendarRef {
	return c.except(from, to, false, reason)
}

// Extra opens the calendar from from to to (overtime, a Saturday shift).
func (c CalendarRef) Extra(from, to time.Time, reason string) CalendarRef {
	return c.except(from, to, true, reason)
}

func (c CalendarRef) except(from, to time.Time, working bool, reason string) CalendarRef {
	if c.pl == nil {
		return c
	}
	cal := &c.pl.p.Calendars[c.i]
	path := fmt.Sprintf("%s.exceptions[%d]", c.path(), len(cal.Exceptions))
	e := Exception{Start: c.pl.tick(path+".start", from), End: c.pl.tick(path+".end", to), Working: working, Reason: reason}
	cal.Exceptions = append(cal.Exceptions, e)
	return c
}

// calendarID returns the ID of calendar c for an object at path, reporting
// a handle of another plant.
func (pl *Plant) calendarID(path string, c CalendarRef) string {
	if c.pl == nil {
		return ""
	}
	if c.pl != pl {
		pl.fail(path, "calendar %q belongs to another plant", c.ID())
		return ""
	}
	return c.ID()
}

// MachineRef refers to a machine of a Plant.
type MachineRef struct {
	pl *Plant
	i  int
}

// Machine adds a machine working on calendar cal (the zero CalendarRef:
// always available).
func (pl *Plant) Machine(id string, cal CalendarRef) MachineRef {
	path := fmt.Sprintf("machines[%d]", len(pl.p.Machines))
	pl.p.Machines = append(pl.p.Machines, Machine{ID: id, Calendar: pl.calendarID(path+".calendar", cal)})
	return MachineRef{pl, len(pl.p.Machines) - 1}
}

// ID returns the machine's identifier.
func (m MachineRef) ID() string {
	if m.pl == nil {
		return ""
	}
	return m.pl.p.Machines[m.i].ID
}

// Name sets the machine's human label.
func (m MachineRef) Name(name string) MachineRef {
	if m.pl != nil {
		m.pl.p.Machines[m.i].Name = name
	}
	return m
}

// Down makes the machine unavailable from from to to (planned
// maintenance), on top of its calendar.
func (m MachineRef) Down(from, to time.Time, reason string) MachineRef {
	if m.pl == nil {
		return m
	}
	mc := &m.pl.p.Machines[m.i]
	path := fmt.Sprintf("machines[%d].downtime[%d]", m.i, len(mc.Downtime))
	mc.Downtime = append(mc.Downtime, Window{Start: m.pl.tick(path+".start", from), End: m.pl.tick(path+".end", to), Reason: reason})
	return m
}

// For is the machine as an alternative of an operation lasting d
// (OrderRef.Op).
func (m MachineRef) For(d time.Duration) MachineTime {
	return MachineTime{Machine: m, Duration: d}
}

// Rate is the machine as an alternative of an operation lasting setup plus
// perUnit times the order's quantity.
func (m MachineRef) Rate(setup, perUnit time.Duration) MachineTime {
	return MachineTime{Machine: m, Setup: setup, PerUnit: perUnit}
}

// MachineTime is one machine an operation may run on, with its duration:
// Duration, or Setup + PerUnit x the order's quantity when PerUnit is set.
// Build it with MachineRef.For or MachineRef.Rate.
type MachineTime struct {
	Machine  MachineRef
	Duration time.Duration
	Setup    time.Duration
	PerUnit  time.Duration
}

// MaterialRef refers to a material of a Plant.
type MaterialRef struct {
	pl *Plant
	i  int
}

// Material adds a stocked material with initial stock at the epoch.
func (pl *Plant) Material(id string, initial float64) MaterialRef {
	pl.p.Materials = append(pl.p.Materials, Material{ID: id, Initial: initial})
	return MaterialRef{pl, len(pl.p.Materials) - 1}
}

// ID returns the material's identifier.
func (m MaterialRef) ID() string {
	if m.pl == nil {
		return ""
	}
	return m.pl.p.Materials[m.i].ID
}

// Unit sets the material's unit label ("kg", "pcs").
func (m MaterialRef) Unit(unit string) MaterialRef {
	if m.pl != nil {
		m.pl.p.Materials[m.i].Unit = unit
	}
	return m
}

// Receipt adds a planned delivery of quantity at instant at.
func (m MaterialRef) Receipt(at time.Time, quantity float64) MaterialRef {
	if m.pl == nil {
		return m
	}
	mat := &m.pl.p.Materials[m.i]
	path := fmt.Sprintf("materials[%d].receipts[%d].at", m.i, len(mat.Receipts))
	mat.Receipts = append(mat.Receipts, Receipt{At: m.pl.tick(path, at), Quantity: quantity})
	return m
}

// PoolRef refers to an operator pool of a Plant.
type PoolRef struct {
	pl *Plant
	i  int
}

// Operators adds a pool of capacity interchangeable operators who all have
// skills, working on calendar cal (the zero CalendarRef: always).
// Operations ask for operators by skill (StepRef.Needs).
func (pl *Plant) Operators(id string, capacity int, cal CalendarRef, skills ...string) PoolRef {
	path := fmt.Sprintf("operator_pools[%d]", len(pl.p.OperatorPools))
	pl.p.OperatorPools = append(pl.p.OperatorPools, OperatorPool{ID: id, Capacity: capacity,
		Calendar: pl.calendarID(path+".calendar", cal), Skills: slices.Clone(skills)})
	return PoolRef{pl, len(pl.p.OperatorPools) - 1}
}

// ID returns the pool's identifier.
func (o PoolRef) ID() string {
	if o.pl == nil {
		return ""
	}
	return o.pl.p.OperatorPools[o.i].ID
}

// OrderRef refers to an order (a Job) of a Plant.
type OrderRef struct {
	pl *Plant
	j  int
}

// Order adds an order due at due (the zero time: no due date). Its
// operations are added in routing order with OrderRef.Op.
func (pl *Plant) Order(id string, due time.Time) OrderRef {
	path := fmt.Sprintf("jobs[%d]", len(pl.p.Jobs))
	j := Job{ID: id}
	if !due.IsZero() {
		j.Due = Tick(pl.tick(path+".due", due))
	}
	pl.p.Jobs = append(pl.p.Jobs, j)
	return OrderRef{pl, len(pl.p.Jobs) - 1}
}

func (o OrderRef) job() *Job { return &o.pl.p.Jobs[o.j] }

// ID returns the order's identifier.
func (o OrderRef) ID() string {
	if o.pl == nil {
		return ""
	}
	return o.job().ID
}

// Release sets the earliest start of the order's operations.
func (o OrderRef) Release(at time.Time) OrderRef {
	if o.pl != nil {
		o.job().Release = o.pl.tick(fmt.Sprintf("jobs[%d].release", o.j), at)
	}
	return o
}

// Deadline sets a hard completion deadline.
func (o OrderRef) Deadline(at time.Time) OrderRef {
	if o.pl != nil {
		o.job().Deadline = Tick(o.pl.tick(fmt.Sprintf("jobs[%d].deadline", o.j), at))
	}
	return o
}

// Weight sets the order's priority weight in weighted objectives.
func (o OrderRef) Weight(w float64) OrderRef {
	if o.pl != nil {
		o.job().Weight = w
	}
	return o
}

// Quantity sets the order quantity, which scales the durations given with
// MachineRef.Rate.
func (o OrderRef) Quantity(q float64) OrderRef {
	if o.pl != nil {
		o.job().Quantity = q
	}
	return o
}

// Op appends an operation to the order's routing: it follows the previous
// one and runs on one of the machines on (alternatives, each with its own
// duration). id names it within the order (its index when empty).
func (o OrderRef) Op(id string, on ...MachineTime) StepRef {
	if o.pl == nil {
		return StepRef{}
	}
	pl, job := o.pl, o.job()
	k := len(job.Operations)
	path := fmt.Sprintf("jobs[%d].operations[%d]", o.j, k)
	op := Operation{ID: id}
	if len(on) == 0 {
		pl.fail(path, "no machine: give at least one, as machine.For(duration)")
	}
	for i, mt := range on {
		ap := fmt.Sprintf("%s.alternatives[%d]", path, i)
		switch {
		case mt.Machine.pl == nil:
			pl.fail(ap+".machine", "missing machine (a zero MachineRef)")
		case mt.Machine.pl != pl:
			pl.fail(ap+".machine", "machine %q belongs to another plant", mt.Machine.ID())
		}
		a := Alternative{Machine: mt.Machine.ID()}
		if mt.PerUnit != 0 {
			a.Setup = pl.ticks(ap+".setup", mt.Setup)
			if mt.PerUnit < 0 {
				pl.fail(ap+".run_per_unit", "negative duration %v", mt.PerUnit)
			}
			a.RunPerUnit = float64(mt.PerUnit) / float64(pl.p.TickLength())
		} else {
			a.Duration = pl.ticks(ap+".duration", mt.Duration+mt.Setup)
		}
		op.Alternatives = append(op.Alternatives, a)
	}
	job.Operations = append(job.Operations, op)
	return StepRef{pl, o.j, k}
}

// StepRef refers to an operation of an order of a Plant.
type StepRef struct {
	pl   *Plant
	j, k int
}

func (s StepRef) op() *Operation { return &s.pl.p.Jobs[s.j].Operations[s.k] }

func (s StepRef) path() string { return fmt.Sprintf("jobs[%d].operations[%d]", s.j, s.k) }

// ID returns the operation's effective identifier (its index when it was
// added without one).
func (s StepRef) ID() string {
	if s.pl == nil {
		return ""
	}
	return s.pl.p.Jobs[s.j].OpID(s.k)
}

// Then appends the next operation to the same order's routing (see
// OrderRef.Op), so that a routing reads as one chain:
// order.Op("cut", saw.For(d)).Then("turn", lathe.For(d1), mill.For(d2)).
func (s StepRef) Then(id string, on ...MachineTime) StepRef { return s.Order().Op(id, on...) }

// Order returns the order the operation belongs to.
func (s StepRef) Order() OrderRef { return OrderRef{s.pl, s.j} }

// Consumes takes quantity of material m from stock when the operation
// starts.
func (s StepRef) Consumes(m MaterialRef, quantity float64) StepRef {
	if s.pl != nil {
		op := s.op()
		op.Consumes = append(op.Consumes, MaterialQty{Material: s.material(fmt.Sprintf("%s.consumes[%d]", s.path(), len(op.Consumes)), m), Quantity: quantity})
	}
	return s
}

// Produces puts quantity of material m into stock when the operation ends.
func (s StepRef) Produces(m MaterialRef, quantity float64) StepRef {
	if s.pl != nil {
		op := s.op()
		op.Produces = append(op.Produces, MaterialQty{Material: s.material(fmt.Sprintf("%s.produces[%d]", s.path(), len(op.Produces)), m), Quantity: quantity})
	}
	return s
}

func (s StepRef) material(path string, m MaterialRef) string {
	switch {
	case m.pl == nil:
		s.pl.fail(path+".material", "missing material (a zero MaterialRef)")
	case m.pl != s.pl:
		s.pl.fail(path+".material", "material %q belongs to another plant", m.ID())
	}
	return m.ID()
}

// Needs asks for count operators with skill during the operation (the
// skill of some pool given to Plant.Operators).
func (s StepRef) Needs(count int, skill string) StepRef {
	if s.pl != nil {
		op := s.op()
		op.Operators = append(op.Operators, OperatorNeed{Skill: skill, Count: count})
	}
	return s
}

// After makes the operation start no earlier than lag after prev ends
// (prev may belong to another order: a sub-assembly).
func (s StepRef) After(prev StepRef, lag time.Duration) StepRef {
	if s.pl == nil {
		return s
	}
	op := s.op()
	path := fmt.Sprintf("%s.after[%d]", s.path(), len(op.After))
	l := Link{Op: prev.ID(), MinLag: s.pl.ticks(path+".min_lag", lag)}
	switch {
	case prev.pl == nil:
		s.pl.fail(path, "missing operation (a zero StepRef)")
	case prev.pl != s.pl:
		s.pl.fail(path, "operation %q belongs to another plant", prev.ID())
	case prev.j != s.j:
		l.Job = prev.Order().ID()
	}
	op.After = append(op.After, l)
	return s
}

// Lag sets the minimum time between the end of the previous operation of
// the order and the start of this one (transfer, cooling).
func (s StepRef) Lag(d time.Duration) StepRef {
	if s.pl != nil {
		s.op().MinLag = s.pl.ticks(s.path()+".min_lag", d)
	}
	return s
}

// Resumable lets the operation pause over non-working time of its machine
// (otherwise it must fit one continuous working window).
func (s StepRef) Resumable() StepRef {
	if s.pl != nil {
		s.op().Resumable = true
	}
	return s
}
