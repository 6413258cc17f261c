package model

import (
	"archive/zip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// zoneNames lists the IANA zones of the Go distribution's zoneinfo.zip, or
// else of /usr/share/zoneinfo.
func zoneNames(t testing.TB) []string {
	t.Helper()
	var names []string
	if r, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip")); err == nil { //nolint:staticcheck // tests run with the toolchain that built them
		for _, f := range r.File {
			if !strings.HasSuffix(f.Name, "/") {
				names = append(names, f.Name)
			}
		}
		r.Close()
	}
	if len(names) == 0 {
		root := "/usr/share/zoneinfo"
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b := make([]byte, 4)
			f, err := os.Open(path)
			if err != nil {
				return nil
			}
			n, _ := f.Read(b)
			f.Close()
			if n == 4 && string(b) == "TZif" {
				rel, _ := filepath.Rel(root, path)
				if !strings.HasPrefix(rel, "posix/") && !strings.HasPrefix(rel, "right/") {
					names = append(names, rel)
				}
			}
			return nil
		})
	}
	if len(names) == 0 {
		t.Skip("no time zone database found")
	}
	sort.Strings(names)
	return names
}

// transitions returns the instants in [from, to) at which loc's offset
// changes.
func transitions(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	t := from
	for guard := 0; guard < 1000; guard++ {
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() || !end.Before(to) {
			break
		}
		out = append(out, end)
		t = end
	}
	return out
}

func offsetAt(t time.Time, loc *time.Location) int {
	_, off := t.In(loc).Zone()
	return off
}

var allDays = []time.Weekday{0, 1, 2, 3, 4, 5, 6}

// testPatterns are the shift patterns tried in every zone: the JSON
// shorthands (3x8 with its night shift crossing midnight) and shifts with
// boundaries at local midnight, where DST changes happen in some zones.
var testPatterns = []struct {
	name   string
	shifts [][2]int
}{
	{"1x8", [][2]int{{360, 840}}},
	{"2x8", [][2]int{{360, 840}, {840, 1320}}},
	{"3x8", [][2]int{{360, 840}, {840, 1320}, {1320, 360}}},
	{"midnight-3x8", [][2]int{{0, 480}, {480, 960}, {960, 1440}}},
	{"night", [][2]int{{1320, 360}}},
}

func patternCalendar(zone string, shifts [][2]int, days []time.Weekday) Calendar {
	c := Calendar{ID: "c", TimeZone: zone}
	for _, s := range shifts {
		c.Shifts = append(c.Shifts, Shift{Days: days, Start: s[0], End: s[1]})
	}
	return c
}

// checkIntervals asserts that ivs are sorted, disjoint, non-touching and
// inside [0, h).
func checkIntervals(ivs []Interval, h int64) error {
	for i, iv := range ivs {
		if iv.Start >= iv.End || iv.Start < 0 || iv.End > h {
			return fmt.Errorf("interval %d %v is empty or outside [0, %d)", i, iv, h)
		}
		if i > 0 && iv.Start <= ivs[i-1].End {
			return fmt.Errorf("intervals %d %v and %d %v are not sorted and disjoint", i-1, ivs[i-1], i, iv)
		}
	}
	return nil
}

// TestCalendarEveryZone expands every pattern, every day of the week, over
// an 8-day window around every offset change from 2020 to 2030 of every
// IANA zone (and over one ordinary week of each zone without changes). It
// asserts that the expansion ends, yields sorted disjoint intervals, that
// round-the-clock patterns give one window, and that every shift lasts its
// nominal length give or take the offset change it spans.
func TestCalendarEveryZone(t *testing.T) {
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
	windows, zones := 0, 0
	for _, name := range zoneNames(t) {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		zones++
		ts := transitions(loc, from, to)
		if len(ts) == 0 {
			ts = []time.Time{time.Date(2026, 7, 1, 0, 0, 0, 0, loc)}
		}
		for _, tr := range ts {
			windows++
			epoch := tr.Add(-3*24*time.Hour - 7*time.Minute)
			p := &Problem{Epoch: epoch.In(loc)}
			const h = 8 * 24 * 60
			delta := offsetAt(tr, loc) - offsetAt(tr.Add(-time.Second), loc)
			tol := int64(max(delta, -delta) / 60)
			for _, pat := range testPatterns {
				c := patternCalendar(name, pat.shifts, allDays)
				ivs, err := p.CalendarIntervals(&c, h)
				if err != nil {
					t.Fatalf("%s %s at %v: %v", name, pat.name, tr, err)
				}
				if err := checkIntervals(ivs, h); err != nil {
					t.Fatalf("%s %s at %v: %v", name, pat.name, tr, err)
				}
				if pat.name == "3x8" || pat.name == "midnight-3x8" {
					if len(ivs) != 1 || ivs[0] != (Interval{0, h}) {
						t.Fatalf("%s %s at %v: round-the-clock intervals %v, want [0, %d)", name, pat.name, tr, ivs, h)
					}
					continue
				}
				nominal := int64(pat.shifts[len(pat.shifts)-1][1] - pat.shifts[0][0])
				if nominal <= 0 {
					nominal += 24 * 60
				}
				if len(ivs) < 7 || len(ivs) > 9 {
					t.Fatalf("%s %s at %v: %d windows over 8 days: %v", name, pat.name, tr, len(ivs), ivs)
				}
				for i, iv := range ivs {
					clipped := iv.Start == 0 || iv.End == h
					if l := iv.Len(); l > nominal+tol || (!clipped && l < nominal-tol) {
						t.Fatalf("%s %s at %v: window %d %v lasts %d minutes, want %d give or take %d", name, pat.name, tr, i, iv, l, nominal, tol)
					}
				}
			}
		}
	}
	if zones < 300 {
		t.Errorf("only %d zones found", zones)
	}
	t.Logf("%d zones, %d windows", zones, windows)
}

// TestCalendarYearsMidnightDST expands 2020-2030 for zones whose DST
// changes happen at local midnight (or did), for every pattern on weekdays
// and on every day, and compares the total working time with the nominal
// one corrected by the offset changes.
func TestCalendarYearsMidnightDST(t *testing.T) {
	for _, name := range []string{"America/Santiago", "America/Asuncion", "America/Havana", "America/Sao_Paulo", "Asia/Tehran", "Africa/Casablanca", "Australia/Lord_Howe", "Antarctica/Troll", "Europe/Paris"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Logf("zone %s not available", name)
			continue
		}
		epoch := time.Date(2020, 1, 1, 0, 0, 0, 0, loc)
		end := time.Date(2031, 1, 1, 0, 0, 0, 0, loc)
		p := &Problem{Epoch: epoch}
		h := p.TickOf(end)
		ts := transitions(loc, epoch, end)
		var slack int64
		for _, tr := range ts {
			d := offsetAt(tr, loc) - offsetAt(tr.Add(-time.Second), loc)
			slack += int64(max(d, -d) / 60)
		}
		for _, days := range [][]time.Weekday{allDays, {1, 2, 3, 4, 5}} {
			for _, pat := range testPatterns {
				c := patternCalendar(name, pat.shifts, days)
				ivs, err := p.CalendarIntervals(&c, h)
				if err != nil {
					t.Fatal(err)
				}
				if err := checkIntervals(ivs, h); err != nil {
					t.Fatalf("%s %s: %v", name, pat.name, err)
				}
				var total int64
				for _, iv := range ivs {
					total += iv.Len()
				}
				// nominal: civil days counted in UTC
				var nominal int64
				for d := time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC); d.Year() < 2031; d = d.AddDate(0, 0, 1) {
					on := false
					for _, wd := range days {
						on = on || wd == d.Weekday()
					}
					if !on {
						continue
					}
					for _, s := range pat.shifts {
						st, en := int64(s[0]), int64(s[1])
						if en <= st {
							en += 24 * 60
						}
						day := int64(d.Sub(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) / time.Minute)
						a, b := max(day+st, 0), min(day+en, 11*366*24*60)
						if y := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC); day+en > int64(y.Sub(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))/time.Minute) {
							b = int64(y.Sub(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) / time.Minute)
						}
						if a < b {
							nominal += b - a
						}
					}
				}
				if diff := total - nominal; diff > slack || -diff > slack {
					t.Errorf("%s %s on %d days: %d working minutes, nominal %d, off by %d (more than the %d minutes of offset changes)", name, pat.name, len(days), total, nominal, diff, slack)
				}
			}
		}
	}
}

// TestCalendarSantiagoIssue is the calendar of the issue: a 2x8 weekday
// calendar in America/Santiago over September 2026, whose DST change
// happens at local midnight (Sunday 6 September 00:00 does not exist).
func TestCalendarSantiagoIssue(t *testing.T) {
	p := mustDecode(t, `{"version":1,"epoch":"2026-08-31T00:00:00-04:00","calendars":[{"id":"C","time_zone":"America/Santiago","pattern":"2x8","days":"mon-fri"}],"machines":[{"id":"M0","calendar":"C"}],"jobs":[{"id":"J0","operations":[{"id":"a","machine":"M0","duration":60}]}]}`)
	if is := p.Validate(); is != nil {
		t.Fatal(is)
	}
	ivs, err := p.CalendarIntervals(&p.Calendars[0], 14*24*60)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkIntervals(ivs, 14*24*60); err != nil {
		t.Fatal(err)
	}
	// two weeks, Monday to Friday, 06:00-22:00 local: 10 windows of 16 h
	if len(ivs) != 10 {
		t.Fatalf("%d windows, want 10: %v", len(ivs), ivs)
	}
	for _, iv := range ivs {
		st := p.TimeOf(iv.Start).In(p.Epoch.Location())
		if iv.Len() != 16*60 {
			t.Errorf("window %v lasts %d minutes", iv, iv.Len())
		}
		santiago, _ := time.LoadLocation("America/Santiago")
		if l := p.TimeOf(iv.Start).In(santiago); l.Hour() != 6 || l.Minute() != 0 {
			t.Errorf("window %v starts at %v local", iv, st)
		}
	}
}

// TestWallTimeGap checks that a shift boundary in a DST gap moves to the
// end of the gap.
func TestWallTimeGap(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	got := wallTime(2026, 9, 6, 0, loc)
	want := time.Date(2026, 9, 6, 1, 0, 0, 0, loc)
	if !got.Equal(want) {
		t.Errorf("wallTime(2026-09-06 00:00 Santiago) = %v, want %v", got, want)
	}
	got = wallTime(2026, 9, 6, 30, loc)
	if !got.Equal(want) {
		t.Errorf("wallTime(2026-09-06 00:30 Santiago) = %v, want %v", got, want)
	}
	if got := wallTime(2026, 9, 7, 6*60, loc); got.Hour() != 6 {
		t.Errorf("wallTime(2026-09-07 06:00) = %v", got)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	if got, want := wallTime(2026, 3, 29, 2*60+30, paris), time.Date(2026, 3, 29, 3, 0, 0, 0, paris); !got.Equal(want) {
		t.Errorf("wallTime(2026-03-29 02:30 Paris) = %v, want %v", got, want)
	}
}
