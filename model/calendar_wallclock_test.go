package model

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// expandDirect is CalendarIntervals as it was before wallClock: every
// shift boundary goes through wallTime. It is the reference the faster
// expansion must match exactly.
func expandDirect(p *Problem, c *Calendar, horizon int64) []Interval {
	loc := time.UTC
	if c.TimeZone != "" {
		l, err := time.LoadLocation(c.TimeZone)
		if err != nil {
			return nil
		}
		loc = l
	}
	horizon = min(horizon, p.expansionCap())
	var ivs []Interval
	el := p.Epoch.In(loc)
	day := time.Date(el.Year(), el.Month(), el.Day()-1, 0, 0, 0, 0, time.UTC)
	hl := p.TimeOf(max(horizon, 0)).In(loc)
	last := time.Date(hl.Year(), hl.Month(), hl.Day(), 0, 0, 0, 0, time.UTC)
	for ; !day.After(last); day = day.AddDate(0, 0, 1) {
		y, mo, d := day.Date()
		for _, s := range c.Shifts {
			if !slices.Contains(s.Days, day.Weekday()) {
				continue
			}
			st := wallTime(y, mo, d, s.Start, loc)
			var en time.Time
			if s.End > s.Start {
				en = wallTime(y, mo, d, s.End, loc)
			} else {
				en = wallTime(y, mo, d+1, s.End, loc)
			}
			a, b := max(p.tickCeil(st), 0), min(p.TickOf(en), horizon)
			if a < b {
				ivs = append(ivs, Interval{a, b})
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
	return Subtract(Normalize(append(ivs, add...)), Normalize(sub))
}

// randomCalendar returns a problem with a random epoch (1970 to 2100, at
// any second) and tick (1 to 120 minutes) and a random calendar in zone:
// up to five shifts on random days (night shifts, midnight and 24:00
// boundaries and shifts of a whole day included) and up to four
// exceptions.
func randomCalendar(r *rand.Rand, zone string) (*Problem, *Calendar) {
	loc, _ := time.LoadLocation(zone)
	sec := r.Int64N(130 * 365 * 24 * 3600)
	if r.IntN(2) == 0 {
		sec -= sec % 60
	}
	p := &Problem{Epoch: time.Unix(sec, 0).In(loc), Resolution: time.Duration(1+r.IntN(120)) * time.Minute}
	if r.IntN(3) == 0 {
		p.Resolution = time.Minute
	}
	c := &Calendar{ID: "c", TimeZone: zone}
	minute := func() int {
		switch r.IntN(6) {
		case 0:
			return 0
		case 1:
			return 1440
		case 2:
			return 60 * r.IntN(24) // on the hour, where DST changes happen
		}
		return r.IntN(1441)
	}
	for range 1 + r.IntN(5) {
		var days []time.Weekday
		for d := range 7 {
			if r.IntN(3) > 0 {
				days = append(days, time.Weekday(d))
			}
		}
		c.Shifts = append(c.Shifts, Shift{Days: days, Start: minute(), End: minute()})
	}
	for range r.IntN(5) {
		s := r.Int64N(400 * 24 * 60)
		c.Exceptions = append(c.Exceptions, Exception{Start: s, End: s + r.Int64N(3*24*60), Working: r.IntN(2) == 0})
	}
	return p, c
}

// TestCalendarWallClockMatchesDirect expands a random calendar in every
// zone of the zoneinfo database, and many in zones with unusual
// transitions (DST at midnight, half-hour DST, yearly Ramadan changes,
// changes of standard offset), and checks that CalendarIntervals gives
// exactly the intervals of the direct expansion, wall time by wall time.
func TestCalendarWallClockMatchesDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 7))
	check := func(zone string, p *Problem, c *Calendar, h int64) {
		t.Helper()
		got, err := p.CalendarIntervals(c, h)
		if err != nil {
			t.Fatalf("zone %s: %v", zone, err)
		}
		if want := expandDirect(p, c, h); !slices.Equal(got, want) {
			t.Fatalf("zone %s, epoch %v, tick %v, shifts %+v, horizon %d:\ngot  %v\nwant %v", zone, p.Epoch, p.Resolution, c.Shifts, h, got, want)
		}
	}
	for _, zone := range zoneNames(t) {
		if _, err := time.LoadLocation(zone); err != nil {
			continue
		}
		p, c := randomCalendar(r, zone)
		check(zone, p, c, r.Int64N(int64(400*24*time.Hour/p.TickLength())))
	}
	hard := []string{"Europe/Paris", "America/Santiago", "America/Havana", "Australia/Lord_Howe", "Africa/Casablanca",
		"America/Sao_Paulo", "Asia/Tehran", "Pacific/Apia", "Europe/Moscow", "America/St_Johns", "Antarctica/Troll", "UTC"}
	for _, zone := range hard {
		for range 25 {
			p, c := randomCalendar(r, zone)
			check(zone, p, c, r.Int64N(int64(3*366*24*time.Hour/p.TickLength())))
		}
	}
	// past the expansion cap
	p, c := randomCalendar(r, "Europe/Paris")
	p.Epoch = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	check("Europe/Paris", p, c, Forever)
}

// TestUnixTicks holds the integer tick conversion against TickOf and
// tickCeil, for epochs with and without fractions of a second, ticks of
// odd lengths, and instants on both sides of the epoch, near and beyond
// the range of the arithmetic.
func TestUnixTicks(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for range 2000 {
		ep := time.Unix(r.Int64N(200*365*24*3600)-50*365*24*3600, 0)
		if r.IntN(2) == 0 {
			ep = ep.Add(time.Duration(r.Int64N(int64(time.Second))))
		}
		res := []time.Duration{time.Duration(1+r.IntN(120)) * time.Minute, time.Duration(1+r.IntN(3600)) * time.Second, time.Duration(1 + r.Int64N(int64(time.Second)))}
		p := &Problem{Epoch: ep, Resolution: res[r.IntN(len(res))]}
		u := p.unixTicks()
		for range 20 {
			span := []int64{100, 3 * 24 * 3600, 120 * 366 * 24 * 3600, 250 * 366 * 24 * 3600}[r.IntN(4)]
			s := ep.Unix() + r.Int64N(2*span) - span
			if got, want := u.floor(s), p.TickOf(time.Unix(s, 0)); got != want {
				t.Fatalf("epoch %v, tick %v: floor(%d) = %d, TickOf = %d", ep, p.Resolution, s, got, want)
			}
			if got, want := u.ceil(s), p.tickCeil(time.Unix(s, 0)); got != want {
				t.Fatalf("epoch %v, tick %v: ceil(%d) = %d, tickCeil = %d", ep, p.Resolution, s, got, want)
			}
		}
	}
}

// TestLongestIntersection holds longestIntersection against the longest
// interval of Intersect on random normalized lists.
func TestLongestIntersection(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	list := func() []Interval {
		var ivs []Interval
		for range r.IntN(12) {
			s := r.Int64N(200)
			ivs = append(ivs, Interval{s, s + r.Int64N(40)})
		}
		return Normalize(ivs)
	}
	for range 5000 {
		a, b := list(), list()
		if got, want := longestIntersection(a, b), longest(Intersect(a, b)); got != want {
			t.Fatalf("longestIntersection(%v, %v) = %d, want %d", a, b, got, want)
		}
	}
}
