package model

import (
	"testing"
	"time"
)

func lengths(ivs []Interval) []int64 {
	out := make([]int64, len(ivs))
	for i, iv := range ivs {
		out[i] = iv.Len()
	}
	return out
}

func calendarByID(t *testing.T, p *Problem, id string) *Calendar {
	t.Helper()
	for i := range p.Calendars {
		if p.Calendars[i].ID == id {
			return &p.Calendars[i]
		}
	}
	t.Fatalf("no calendar %q", id)
	return nil
}

// TestDSTSpring checks shifts over the last Sunday of March 2026 in Paris
// (clocks go from 02:00 to 03:00): the night shift that spans the change
// lasts 7 hours, and everything after it is one hour earlier in ticks.
func TestDSTSpring(t *testing.T) {
	p, err := DecodeFile("testdata/valid/dst-paris.json")
	if err != nil {
		t.Fatal(err)
	}
	h := p.PlanningHorizon()
	if want := int64(7*24*60 - 60); h != want {
		t.Fatalf("horizon = %d, want %d", h, want)
	}
	nights, err := p.CalendarIntervals(calendarByID(t, p, "nights"), h)
	if err != nil {
		t.Fatal(err)
	}
	// Thu night (cut at the epoch), Fri night 8h, Sat night 7h, then 8h
	want := []Interval{{0, 360}, {1320, 1800}, {2760, 3180}, {4140, 4620}, {5580, 6060}}
	for i, w := range want {
		if nights[i] != w {
			t.Fatalf("night shifts = %v, want %v first", nights[:len(want)], want)
		}
	}
	if l := lengths(nights)[2]; l != 7*60 {
		t.Errorf("the night shift over the change lasts %d minutes, want 420", l)
	}
	// the Saturday night shift ends at 06:00 summer time
	if end := p.TimeOf(nights[2].End); !end.Equal(time.Date(2026, 3, 29, 6, 0, 0, 0, paris(t))) {
		t.Errorf("Saturday night shift ends at %v", end)
	}

	// 3x8 seven days a week: one continuous window, minus the one-hour
	// briefing on Monday 14:00 summer time
	round, err := p.CalendarIntervals(calendarByID(t, p, "3x8-7d"), h)
	if err != nil {
		t.Fatal(err)
	}
	briefing := int64(3*24*60 + 14*60 - 60)
	if want := []Interval{{0, briefing}, {briefing + 60, h}}; len(round) != 2 || round[0] != want[0] || round[1] != want[1] {
		t.Errorf("3x8 7-day intervals = %v, want %v", round, want)
	}

	// the press (nights only) fits its 7-hour operation only in 7-hour or
	// longer windows: the problem is valid
	if is := p.Validate(); is != nil {
		t.Fatal(is)
	}
}

// TestDSTAutumn checks the last Sunday of October 2026 (03:00 back to
// 02:00): the night shift that spans the change lasts 9 hours.
func TestDSTAutumn(t *testing.T) {
	p := &Problem{
		Epoch: time.Date(2026, 10, 23, 0, 0, 0, 0, paris(t)), // a Friday
		Calendars: []Calendar{{ID: "3x8", TimeZone: "Europe/Paris", Shifts: []Shift{
			{Days: weekdays(0, 1, 2, 3, 4, 5, 6), Start: 360, End: 840},
			{Days: weekdays(0, 1, 2, 3, 4, 5, 6), Start: 840, End: 1320},
			{Days: weekdays(0, 1, 2, 3, 4, 5, 6), Start: 1320, End: 360},
		}}},
	}
	c := &p.Calendars[0]
	h := int64(4 * 24 * 60)
	ivs, err := p.CalendarIntervals(c, h)
	if err != nil {
		t.Fatal(err)
	}
	// round the clock: one window covering the 25-hour Sunday
	if len(ivs) != 1 || ivs[0] != (Interval{0, h}) {
		t.Fatalf("intervals = %v", ivs)
	}
	// the night shift alone
	c.Shifts = c.Shifts[2:]
	ivs, err = p.CalendarIntervals(c, h)
	if err != nil {
		t.Fatal(err)
	}
	got := lengths(ivs)
	want := []int64{360, 480, 540, 480, 60} // the horizon cuts Monday night
	if len(got) != len(want) {
		t.Fatalf("night shift lengths = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("night shift lengths = %v, want %v", got, want)
		}
	}
	if end := p.TimeOf(ivs[2].End); !end.Equal(time.Date(2026, 10, 25, 6, 0, 0, 0, paris(t))) {
		t.Errorf("Saturday night shift ends at %v", end)
	}
}

// TestDSTWeekdays3x8 checks a Monday-to-Friday 3x8 calendar over the
// spring change: the week-end is off and Monday's first shift starts at
// 06:00 summer time.
func TestDSTWeekdays3x8(t *testing.T) {
	p := mustDecode(t, `{"epoch": "2026-03-27T00:00:00+01:00", "calendars": [
		{"id": "c", "time_zone": "Europe/Paris", "pattern": "3x8", "days": "mon-fri", "exceptions": [{"date": "2026-04-06", "reason": "Easter Monday"}]}]}`)
	ivs, err := p.CalendarIntervals(&p.Calendars[0], 14*24*60)
	if err != nil {
		t.Fatal(err)
	}
	monday := int64(3*24*60 + 6*60 - 60)
	want := []Interval{{0, 1800}, {monday, monday + 5*24*60}}
	if ivs[0] != want[0] || ivs[1] != want[1] {
		t.Fatalf("intervals = %v, want %v first", ivs[:2], want)
	}
	// Easter Monday (2026-04-06) is off: the next week starts on Tuesday
	// at 00:00, when the holiday ends, since Monday's night shift runs
	// until Tuesday 06:00
	tuesday := p.TickOf(time.Date(2026, 4, 7, 0, 0, 0, 0, paris(t)))
	if ivs[2].Start != tuesday {
		t.Errorf("third window starts at %v, want Tuesday 00:00", p.TimeOf(ivs[2].Start))
	}
}
