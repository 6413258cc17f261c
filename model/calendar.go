package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// Forever is the end tick of an always-available resource's working time.
const Forever int64 = math.MaxInt64 / 4

// Interval is a half-open interval of ticks [Start, End).
type Interval struct {
	Start, End int64
}

// Len returns the interval's length in ticks.
func (iv Interval) Len() int64 { return iv.End - iv.Start }

// TimeOf returns the instant of tick t (the zero time for unitless problems).
func (p *Problem) TimeOf(t int64) time.Time {
	if p.Epoch.IsZero() {
		return time.Time{}
	}
	return p.Epoch.Add(time.Duration(t) * p.TickLength())
}

// DisplayLocation returns the time zone to show the problem's dates in: the
// calendars' zone when they all share one (DST-aware), else the epoch's.
func (p *Problem) DisplayLocation() *time.Location {
	zone := ""
	for i := range p.Calendars {
		z := p.Calendars[i].TimeZone
		if z == "" || (zone != "" && z != zone) {
			return p.Epoch.Location()
		}
		zone = z
	}
	if zone != "" {
		if loc, err := loadLocation(zone); err == nil {
			return loc
		}
	}
	return p.Epoch.Location()
}

// TickLength returns the length of one tick (Resolution, one minute by
// default). It is meaningless for unitless problems.
func (p *Problem) TickLength() time.Duration {
	if p.Resolution <= 0 {
		return time.Minute
	}
	return p.Resolution
}

// TickOf returns the tick of instant t, rounded down.
func (p *Problem) TickOf(t time.Time) int64 {
	d := t.Sub(p.Epoch)
	r := p.TickLength()
	q := int64(d / r)
	if d%r < 0 {
		q--
	}
	return q
}

func (p *Problem) tickCeil(t time.Time) int64 {
	d := t.Sub(p.Epoch)
	r := p.TickLength()
	q := int64(d / r)
	if d%r > 0 {
		q++
	}
	return q
}

// PlanningHorizon returns the end of the planning horizon: Horizon when set,
// otherwise a conservative bound by which every operation can be finished:
// the latest date mentioned in the problem plus the total work stretched by
// the sparsest calendar's share of working time, plus four weeks.
func (p *Problem) PlanningHorizon() int64 {
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

// WeeklyMinutes returns the working minutes of the calendar's weekly
// pattern (without exceptions).
func (c *Calendar) WeeklyMinutes() int {
	total := 0
	for _, s := range c.Shifts {
		l := s.End - s.Start
		if l <= 0 {
			l += 24 * 60
		}
		total += l * len(s.Days)
	}
	return total
}

// MaxExpansionYears bounds the span over which calendars are expanded:
// CalendarIntervals never produces working time more than this many years
// after the epoch (later ticks are non-working). It keeps expansion finite
// and free of time arithmetic overflow whatever the horizon; Validate
// rejects dates beyond its own, smaller bound (30 years).
const MaxExpansionYears = 100

// expansionCap returns the last tick calendars are expanded to.
func (p *Problem) expansionCap() int64 {
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
func (p *Problem) CalendarIntervals(c *Calendar, horizon int64) ([]Interval, error) {
	return p.calendarIntervals(c, horizon, horizon)
}

// calendarIntervals is CalendarIntervals(c, horizon) with the walk over
// the days also stopped at the local date of tick walk (at least
// horizon): its working time is then a part of that of
// CalendarIntervals(c, walk) (the same days, the same exceptions, cut at
// an earlier tick), which Validate's time checks use to expand calendars
// over a short horizon first.
func (p *Problem) calendarIntervals(c *Calendar, horizon, walk int64) ([]Interval, error) {
	if p.Epoch.IsZero() {
		return nil, fmt.Errorf("calendar %q: a problem with calendars needs an epoch", c.ID)
	}
	loc, err := c.Location()
	if err != nil {
		return nil, err
	}
	horizon = min(horizon, p.expansionCap())
	var ivs []Interval
	// Civil dates run in UTC, where every day has 24 hours: the walk from
	// the day before the epoch's local date to the horizon's local date
	// always advances and ends.
	el := p.Epoch.In(loc)
	day := time.Date(el.Year(), el.Month(), el.Day()-1, 0, 0, 0, 0, time.UTC)
	hl := p.TimeOf(max(horizon, 0)).In(loc)
	last := time.Date(hl.Year(), hl.Month(), hl.Day(), 0, 0, 0, 0, time.UTC).Unix()
	if walk != horizon {
		wl := p.TimeOf(max(min(walk, p.expansionCap()), 0)).In(loc)
		last = min(last, time.Date(wl.Year(), wl.Month(), wl.Day(), 0, 0, 0, 0, time.UTC).Unix())
	}
	// The days are counted in Unix seconds of their UTC midnight, so that
	// a shift's wall time is a sum; wc converts wall times to instants,
	// by arithmetic away from the zone's transitions.
	wc := wallClock{loc: loc}
	wd := day.Weekday()
	perWeek := 0
	// the days of each shift as a bit set (bit d: weekday d; weekdays
	// outside 0..6 never match), and those of any shift
	var masksBuf [8]uint8
	masks := masksBuf[:0]
	if len(c.Shifts) > len(masksBuf) {
		masks = make([]uint8, 0, len(c.Shifts))
	}
	var anyDay uint8
	for _, s := range c.Shifts {
		perWeek += len(s.Days)
		var m uint8
		for _, d := range s.Days {
			if d >= 0 && d <= 6 {
				m |= 1 << d
			}
		}
		masks = append(masks, m)
		anyDay |= m
	}
	weeks := int((last-day.Unix())/secondsPerDay)/7 + 1
	// A shift that starts within (or where ends) the last interval is
	// merged into it as it is found, as Normalize would: the list is
	// shorter than one interval per shift when shifts follow each other
	// (2x8, 3x8). Its length is then foreseen from its first eight days.
	// There is room for the working exceptions too, and for as many more
	// intervals as there are non-working ones, so that they are
	// subtracted in place.
	// A walk of a few weeks (the short horizon of Validate) is sized at
	// once.
	sized := weeks <= 3
	if sized {
		ivs = make([]Interval, 0, (weeks+2)*perWeek+2*len(c.Exceptions))
	} else {
		ivs = make([]Interval, 0, 2*perWeek+2*len(c.Exceptions))
	}
	ticks := p.unixTicks()
	for du := day.Unix(); du <= last; du, wd = du+secondsPerDay, (wd+1)%7 {
		if !sized && du-day.Unix() >= 8*secondsPerDay {
			sized = true
			ivs = slices.Grow(ivs, len(ivs)*weeks+2*perWeek+2*len(c.Exceptions))
		}
		if anyDay&(1<<wd) == 0 {
			continue
		}
		for k := range c.Shifts {
			if masks[k]&(1<<wd) == 0 {
				continue
			}
			s := &c.Shifts[k]
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
	ivs = Normalize(append(ivs, add...))
	return subtractInPlace(ivs, Normalize(sub)), nil
}

// subtractInPlace is Subtract(a, b), built in the memory of a (grown
// when its capacity cannot take len(b) more intervals): a is moved up by
// len(b) and the result written from the start. Each interval written
// is either the last part of an interval of a already read or a part
// ending where an interval of b starts (at most len(b) of them), so that
// the writes never overtake the reads.
func subtractInPlace(a, b []Interval) []Interval {
	if len(b) == 0 {
		return a
	}
	n, k := len(a), len(b)
	buf := slices.Grow(a, k)[:n+k]
	copy(buf[k:], buf[:n])
	return subtractInto(buf[:0], buf[k:], b)
}

// LocalDayStart returns the first instant of the civil date y-mo-d in loc:
// its midnight, or the end of the daylight-saving gap when the clocks skip
// midnight (America/Santiago in September). time.Date would give 23:00 of
// the day before there.
// When the clocks go back over midnight, so that it occurs twice
// (Antarctica/Casey in March 2019), it is the earlier one.
func LocalDayStart(y int, mo time.Month, d int, loc *time.Location) time.Time {
	t := wallTime(y, mo, d, 0, loc)
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	// Midnight read with the offset of the zone period before t's.
	_, off := start.Add(-time.Nanosecond).In(loc).Zone()
	e := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Add(-time.Duration(off) * time.Second)
	if l := e.In(loc); e.Before(start) && l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 && l.Day() == d {
		return e
	}
	return t
}

// wallTime returns the instant at which the clocks of loc show minute
// minutes after midnight of the civil date y-mo-d (minute 1440 is the next
// midnight). When the clocks skip that wall time (a DST gap), it returns the
// end of the gap: the first instant that exists after it.
func wallTime(y int, mo time.Month, d, minute int, loc *time.Location) time.Time {
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

const secondsPerDay = 24 * 60 * 60

// wallMargin keeps the arithmetic of wallClock this far (in seconds) from
// a zone transition: more than any UTC offset, so that a wall time whose
// instant it computes lies, as a UTC reading too, in the same zone period.
const wallMargin = 2 * secondsPerDay

// wallClock converts wall times of loc to instants (Unix seconds) like
// wallTime, remembering the zone period (constant UTC offset) of the last
// instant it found: a wall time w whose instant w-off falls inside that
// period, at least wallMargin from both its ends, is that instant (the
// clocks show it exactly once), found by a subtraction. Wall times nearer
// a transition (DST gaps and overlaps included) go through wallTime.
type wallClock struct {
	loc *time.Location
	// ok is set once a period is known: instants in [start, end) are off
	// seconds east of UTC (start and end already moved in by wallMargin).
	ok              bool
	start, end, off int64
}

// at returns the instant of wallTime(y, mo, d, minute, loc), where
// dayUnix is the Unix time of the civil date y-mo-d at 00:00 UTC.
func (c *wallClock) at(dayUnix int64, minute int) int64 {
	w := dayUnix + int64(minute)*60
	if c.ok {
		if t := w - c.off; t >= c.start && t < c.end {
			return t
		}
	}
	y, mo, d := time.Unix(dayUnix, 0).UTC().Date()
	t := wallTime(y, mo, d, minute, c.loc)
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

// unixTicks converts Unix seconds to the ticks of a problem, by integer
// arithmetic where the instant is within 200 years of the epoch (exactly
// what tickCeil and TickOf compute), through them elsewhere.
type unixTicks struct {
	p         *Problem
	sec, nsec int64 // the epoch
	res       int64 // the tick length in nanoseconds
	lo, hi    int64 // the Unix seconds converted by arithmetic
}

func (p *Problem) unixTicks() unixTicks {
	const span = 200 * 366 * secondsPerDay
	sec := p.Epoch.Unix()
	return unixTicks{p: p, sec: sec, nsec: int64(p.Epoch.Nanosecond()), res: int64(p.TickLength()), lo: sec - span, hi: sec + span}
}

// nanos returns the nanoseconds from the epoch to Unix second s.
func (u *unixTicks) nanos(s int64) int64 { return (s-u.sec)*int64(time.Second) - u.nsec }

// floor is p.TickOf(time.Unix(s, 0)).
func (u *unixTicks) floor(s int64) int64 {
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
func (u *unixTicks) ceil(s int64) int64 {
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

// MachineIntervals returns the working intervals of machine m (an element of
// p.Machines) over [0, horizon): its calendar and overtime windows minus its
// downtime. A machine without a calendar is available over [0, Forever)
// minus its downtime.
func (p *Problem) MachineIntervals(m *Machine, horizon int64) ([]Interval, error) {
	ivs, err := p.calendarOrAlways(m.Calendar, horizon)
	if err != nil {
		return nil, fmt.Errorf("machine %q: %w", m.ID, err)
	}
	ivs = m.WithOvertime(ivs)
	var down []Interval
	for _, d := range m.Downtime {
		if d.Start < d.End {
			down = append(down, Interval{d.Start, d.End})
		}
	}
	return Subtract(ivs, Normalize(down)), nil
}

// PoolIntervals returns the working intervals of operator pool o.
func (p *Problem) PoolIntervals(o *OperatorPool, horizon int64) ([]Interval, error) {
	ivs, err := p.calendarOrAlways(o.Calendar, horizon)
	if err != nil {
		return nil, fmt.Errorf("operator pool %q: %w", o.ID, err)
	}
	return ivs, nil
}

func (p *Problem) calendarOrAlways(id string, horizon int64) ([]Interval, error) {
	if id == "" {
		return []Interval{{0, Forever}}, nil
	}
	for i := range p.Calendars {
		if p.Calendars[i].ID == id {
			return p.CalendarIntervals(&p.Calendars[i], horizon)
		}
	}
	return nil, fmt.Errorf("unknown calendar %q", id)
}

// Normalize sorts intervals and merges overlapping or touching ones; empty
// intervals are dropped. It reuses ivs' storage.
func Normalize(ivs []Interval) []Interval {
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
func Subtract(a, b []Interval) []Interval {
	if len(b) == 0 {
		return a
	}
	// b cuts each interval of a at most once per interval of b it starts
	// inside, so that the result has at most len(a)+len(b) intervals
	return subtractInto(make([]Interval, 0, len(a)+len(b)), a, b)
}

// subtractInto appends to out the parts of normalized intervals a not
// covered by normalized intervals b, and returns it (nil when nothing is
// left). out may share memory with a when the writes never overtake the
// reads (subtractInPlace).
func subtractInto(out, a, b []Interval) []Interval {
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
func Intersect(a, b []Interval) []Interval {
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

// zoneCache maps IANA zone names to the locations loaded for them.
var zoneCache sync.Map // string -> *time.Location

// Location returns the time zone of the calendar's shifts and dates: its
// TimeZone, UTC when it has none. The zones are loaded once per process.
func (c *Calendar) Location() (*time.Location, error) {
	if c.TimeZone == "" {
		return time.UTC, nil
	}
	l, err := loadLocation(c.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("calendar %q: unknown time zone %q", c.ID, c.TimeZone)
	}
	return l, nil
}

// loadLocation is time.LoadLocation, remembering the zones it loaded: a
// *time.Location is immutable and safe for concurrent use, and loading
// one reads and parses its zoneinfo file each time (a service decodes
// and validates many problems in the same zones). Unknown names are not
// remembered, so that the set stays that of the zoneinfo database. A
// zoneinfo database updated on disk is seen by the next process.
func loadLocation(name string) (*time.Location, error) {
	if l, ok := zoneCache.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zoneCache.Store(name, l)
	return l, nil
}
