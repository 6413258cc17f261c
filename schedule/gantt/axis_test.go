package gantt

import (
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below even on machines without zoneinfo

	"github.com/ordo-sched/ordo/model"
)

// dstMidnightZones are zones whose daylight-saving changes happen at local
// midnight (skipped, repeated or turned back), with a date of such a
// change, and a plain zone for comparison.
var dstMidnightZones = []struct {
	zone string
	date string // a date of a change at midnight
}{
	{"America/Santiago", "2026-09-06"},  // 00:00 -> 01:00
	{"America/Santiago", "2026-04-05"},  // 00:00 -> 23:00 the day before
	{"America/Havana", "2026-03-08"},    // 00:00 -> 01:00
	{"America/Havana", "2026-11-01"},    // 01:00 -> 00:00: midnight twice
	{"Asia/Beirut", "2026-03-29"},       // 00:00 -> 01:00
	{"Asia/Beirut", "2026-10-25"},       // 00:00 -> 23:00 the day before
	{"America/Asuncion", "2020-10-04"},  // 00:00 -> 01:00
	{"America/Sao_Paulo", "2018-11-04"}, // 00:00 -> 01:00
	{"Pacific/Apia", "2011-12-30"},      // the whole day skipped
	{"Europe/Paris", "2026-03-29"},      // 02:00 -> 03:00
}

// localDate returns t's date in loc as a UTC midnight.
func localDate(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// TestDayStart: over several years, every date that exists in the zone
// starts at an instant of that date whose previous instant is on an
// earlier date, and the starts increase strictly.
func TestDayStart(t *testing.T) {
	seen := map[string]bool{}
	for _, z := range dstMidnightZones {
		if seen[z.zone] {
			continue
		}
		seen[z.zone] = true
		loc, err := time.LoadLocation(z.zone)
		if err != nil {
			t.Fatal(err)
		}
		var prev time.Time
		skipped := 0
		for date := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC); date.Year() < 2031; date = date.AddDate(0, 0, 1) {
			s, ok := dayStart(date, loc)
			if !ok {
				skipped++
				if z.zone != "Pacific/Apia" || date.Format(time.DateOnly) != "2011-12-30" {
					t.Errorf("%s: %s has no start", z.zone, date.Format(time.DateOnly))
				}
				continue
			}
			if got := localDate(s, loc); !got.Equal(date) {
				t.Errorf("%s: %s starts at %v, on %s", z.zone, date.Format(time.DateOnly), s, got.Format(time.DateOnly))
			}
			if before := localDate(s.Add(-time.Nanosecond), loc); !before.Before(date) {
				t.Errorf("%s: %s starts at %v, but %v is on %s already", z.zone, date.Format(time.DateOnly), s,
					s.Add(-time.Nanosecond).In(loc), before.Format(time.DateOnly))
			}
			if !prev.IsZero() && !s.After(prev) {
				t.Errorf("%s: %s starts at %v, not after the day before (%v)", z.zone, date.Format(time.DateOnly), s, prev)
			}
			if h, m, sec := s.In(loc).Clock(); s.Nanosecond() != 0 || sec != 0 || (h != 0 && (h != 1 || m != 0)) {
				t.Errorf("%s: %s starts at %v", z.zone, date.Format(time.DateOnly), s.In(loc))
			}
			prev = s
		}
		if z.zone == "Pacific/Apia" && skipped != 1 {
			t.Errorf("Pacific/Apia: %d dates skipped, want 1", skipped)
		}
	}
	// The documented cases.
	santiago, _ := time.LoadLocation("America/Santiago")
	if s, _ := dayStart(time.Date(2026, 9, 6, 0, 0, 0, 0, time.UTC), santiago); s.In(santiago).Format("15:04 -07") != "01:00 -03" {
		t.Errorf("Santiago 2026-09-06 starts at %v", s.In(santiago))
	}
	havana, _ := time.LoadLocation("America/Havana")
	if s, _ := dayStart(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), havana); s.In(havana).Format("15:04 -07") != "00:00 -04" {
		t.Errorf("Havana 2026-11-01 starts at %v, want the first midnight", s.In(havana))
	}
}

// TestDateTicksAtMidnightChanges: around each change, the time axis has
// one day tick per calendar date, in order, none twice, at hour and day
// steps alike.
func TestDateTicksAtMidnightChanges(t *testing.T) {
	for _, z := range dstMidnightZones {
		loc, err := time.LoadLocation(z.zone)
		if err != nil {
			t.Fatal(err)
		}
		change, _ := time.Parse(time.DateOnly, z.date)
		for _, c := range []struct {
			days  int
			plotW float64
		}{{10, 2400}, {3, 1400}, {40, 900}, {120, 900}, {400, 600}} {
			// From noon, several days before the change.
			before := change.AddDate(0, 0, -c.days/2)
			epoch := time.Date(before.Year(), before.Month(), before.Day(), 12, 0, 0, 0, loc)
			p := &model.Problem{Epoch: epoch}
			ch := &chart{p: p, t0: 0, t1: int64(c.days) * 24 * 60, left: 100, plotW: c.plotW, loc: loc}
			ticks := ch.dateTicks()
			if len(ticks) == 0 {
				t.Errorf("%s %s over %d days: no tick", z.zone, z.date, c.days)
				continue
			}
			T0, T1 := p.TimeOf(ch.t0), p.TimeOf(ch.t1)
			prevX := -1.0
			days := map[string]int{}
			var majors []float64
			for _, tk := range ticks {
				if tk.label != "" {
					// The time labels strictly increase (a day label
					// alone may share the left edge with the first).
					if tk.x <= prevX {
						t.Errorf("%s %s over %d days: ticks not in order at %q (x %.2f after %.2f)", z.zone, z.date, c.days, tk.label, tk.x, prevX)
					}
					prevX = tk.x
				}
				if tk.x < ch.left-1e-9 || tk.x > ch.left+ch.plotW+1e-9 {
					t.Errorf("%s %s over %d days: tick %q at x %.2f outside the chart", z.zone, z.date, c.days, tk.label, tk.x)
				}
				// Hour ticks fall on round wall-clock times: every 8 h over
				// 10 days, every 4 h over 3 days (day starts aside).
				if every := map[int]int{10: 8, 3: 4}[c.days]; every > 0 && !tk.major && tk.label != "" {
					var h, m int
					if _, err := fmt.Sscanf(tk.label, "%d:%d", &h, &m); err != nil || h%every != 0 || m != 0 {
						t.Errorf("%s %s over %d days: tick %q, want a multiple of %d h", z.zone, z.date, c.days, tk.label, every)
					}
				}
				if tk.major && tk.x > ch.left {
					majors = append(majors, tk.x)
				}
				if tk.day != "" && tk.x > ch.left {
					days[tk.day]++
				}
			}
			for d, n := range days {
				if n > 1 {
					t.Errorf("%s %s over %d days: day %q labelled %d times", z.zone, z.date, c.days, d, n)
				}
			}
			// Hour steps: a major tick at the start of each date in the
			// window, labelled with that date's time of day.
			if c.days <= 10 {
				var want []float64
				var wantDays []string
				for date := localDate(T0, loc); !date.After(localDate(T1, loc)); date = date.AddDate(0, 0, 1) {
					s, ok := dayStart(date, loc)
					if ok && s.After(T0) && !s.After(T1) {
						want = append(want, ch.left+float64(s.Sub(T0))/float64(T1.Sub(T0))*ch.plotW)
						if s.Before(T1) {
							wantDays = append(wantDays, s.In(loc).Format("Mon 02 Jan"))
						}
					}
				}
				if len(majors) != len(want) {
					t.Errorf("%s %s over %d days: %d day ticks, want %d", z.zone, z.date, c.days, len(majors), len(want))
				} else {
					for i := range want {
						if d := majors[i] - want[i]; d > 1e-6 || d < -1e-6 {
							t.Errorf("%s %s over %d days: day tick %d at x %.2f, want %.2f", z.zone, z.date, c.days, i, majors[i], want[i])
						}
					}
				}
				for _, d := range wantDays {
					if days[d] != 1 {
						t.Errorf("%s %s over %d days: day %q labelled %d times, want once (labels %v)", z.zone, z.date, c.days, d, days[d], days)
					}
				}
			}
			// The day of the change itself, when days are labelled daily.
			if c.days == 10 && !strings.HasPrefix(z.zone, "Pacific/") {
				if s, ok := dayStart(change, loc); ok && days[s.In(loc).Format("Mon 02 Jan")] != 1 {
					t.Errorf("%s %s: the day of the change is not labelled (labels %v)", z.zone, z.date, days)
				}
			}
		}
	}
}
