package model

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// referenceIntervals expands c the plain way: one interval per shift and
// day, each instant from wallTime, then Normalize (no exceptions).
func referenceIntervals(p *Problem, c *Calendar, horizon int64) []Interval {
	loc, _ := c.Location()
	horizon = min(horizon, p.expansionCap())
	el := p.Epoch.In(loc)
	day := time.Date(el.Year(), el.Month(), el.Day()-1, 0, 0, 0, 0, time.UTC)
	hl := p.TimeOf(max(horizon, 0)).In(loc)
	last := time.Date(hl.Year(), hl.Month(), hl.Day(), 0, 0, 0, 0, time.UTC)
	ticks := p.unixTicks()
	var ivs []Interval
	for d := day; !d.After(last); d = d.AddDate(0, 0, 1) {
		for _, s := range c.Shifts {
			if !slices.Contains(s.Days, d.Weekday()) {
				continue
			}
			st := wallTime(d.Year(), d.Month(), d.Day(), s.Start, loc).Unix()
			e := d
			if s.End <= s.Start {
				e = d.AddDate(0, 0, 1)
			}
			en := wallTime(e.Year(), e.Month(), e.Day(), s.End, loc).Unix()
			a, b := max(ticks.ceil(st), 0), min(ticks.floor(en), horizon)
			if a < b {
				ivs = append(ivs, Interval{a, b})
			}
		}
	}
	return Normalize(ivs)
}

// TestCalendarIntervalsMerged checks CalendarIntervals, which merges
// consecutive shifts as it finds them, against the plain expansion, on
// random weekly patterns (touching, overlapping and night shifts) in
// zones with daylight-saving time.
func TestCalendarIntervalsMerged(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	zones := []string{"UTC", "Europe/Paris", "America/Santiago", "Australia/Lord_Howe", "America/New_York"}
	for i := range 400 {
		loc, err := time.LoadLocation(zones[i%len(zones)])
		if err != nil {
			t.Skip(err)
		}
		p := &Problem{Epoch: time.Unix(1700000000+r.Int64N(400*24*3600), 0).In(loc), Resolution: time.Duration(1+r.IntN(30)) * time.Minute}
		c := Calendar{ID: "c", TimeZone: loc.String()}
		for range 1 + r.IntN(4) {
			var days []time.Weekday
			for d := range 7 {
				if r.IntN(3) > 0 {
					days = append(days, time.Weekday(d))
				}
			}
			st := r.IntN(24) * 60
			if r.IntN(2) == 0 {
				st = r.IntN(1441)
			}
			en := (st + 60*(1+r.IntN(12))) % 1441
			c.Shifts = append(c.Shifts, Shift{Days: days, Start: st, End: en})
		}
		h := int64(r.IntN(int(200 * 24 * time.Hour / p.TickLength())))
		got, err := p.CalendarIntervals(&c, h)
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceIntervals(p, &c, h); !slices.Equal(got, want) {
			t.Fatalf("zone %s epoch %v shifts %+v horizon %d:\n got %v\nwant %v", loc, p.Epoch, c.Shifts, h, got, want)
		}
	}
}
