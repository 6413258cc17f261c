package model

import (
	"testing"
	"time"
)

// TestLocalDayStartAllZones: in every IANA zone, on every day that has a
// transition near it from 2000 to 2030, LocalDayStart is the first
// instant whose local date is that day: its date is the day and one
// second earlier is an earlier date.
func TestLocalDayStartAllZones(t *testing.T) {
	from := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	checked := 0
	for _, name := range zoneNames(t) {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		for _, tr := range transitions(loc, from, to) {
			// The civil dates around the transition.
			l := tr.In(loc)
			base := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
			for k := -1; k <= 1; k++ {
				day := base.AddDate(0, 0, k)
				y, m, d := day.Date()
				s := LocalDayStart(y, m, d, loc)
				sy, sm, sd := s.In(loc).Date()
				if time.Date(sy, sm, sd, 0, 0, 0, 0, time.UTC) != day {
					// The whole date may be skipped (Pacific/Apia,
					// 2011-12-30): then the start is the next date's.
					if time.Date(sy, sm, sd, 0, 0, 0, 0, time.UTC) != day.AddDate(0, 0, 1) {
						t.Fatalf("%s %s: LocalDayStart = %s, local date %d-%02d-%02d", name, day.Format("2006-01-02"), s.In(loc), sy, sm, sd)
					}
					continue
				}
				py, pm, pd := s.Add(-time.Second).In(loc).Date()
				if !time.Date(py, pm, pd, 0, 0, 0, 0, time.UTC).Before(day) {
					t.Fatalf("%s %s: LocalDayStart = %s is not the date's first instant", name, day.Format("2006-01-02"), s.In(loc))
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no day checked")
	}
}

// TestHolidaySkippedMidnight: a holiday on the day America/Santiago skips
// midnight (2026-09-06, clocks go from 00:00 to 01:00) closes that day
// only, from 01:00 -03, not from 23:00 of the day before.
func TestHolidaySkippedMidnight(t *testing.T) {
	data := []byte(`{"version":1,"epoch":"2026-08-31T00:00:00-04:00","calendars":[{"id":"C","time_zone":"America/Santiago","pattern":"3x8","days":"daily","exceptions":[{"date":"2026-09-06"}]}],
	"machines":[{"id":"M0","calendar":"C"}],"jobs":[{"id":"J0","operations":[{"id":"a","machine":"M0","duration":60}]}]}`)
	p, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if is := p.Validate(); is != nil {
		t.Fatal(is)
	}
	ivs, err := p.MachineIntervals(&p.Machines[0], p.TickOf(time.Date(2026, 9, 10, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("America/Santiago")
	closeAt := time.Date(2026, 9, 6, 1, 0, 0, 0, loc) // the day's first instant
	reopen := time.Date(2026, 9, 7, 0, 0, 0, 0, loc)  // the next midnight
	if !closeAt.Equal(time.Date(2026, 9, 6, 4, 0, 0, 0, time.UTC)) {
		t.Fatalf("zone data: 01:00 on 6 September is %s", closeAt.UTC())
	}
	var gap *Interval
	for i := 1; i < len(ivs); i++ {
		if ivs[i].Start > ivs[i-1].End {
			g := Interval{Start: ivs[i-1].End, End: ivs[i].Start}
			gap = &g
		}
	}
	if gap == nil || !p.TimeOf(gap.Start).Equal(closeAt) || !p.TimeOf(gap.End).Equal(reopen) {
		t.Fatalf("closed interval %v, want [%s, %s)", gap, closeAt, reopen)
	}
}
