package model

import (
	"testing"
	"time"
)

// FuzzCalendar expands random weekly patterns (shifts from the bytes: a
// day mask, a start and an end, night shifts included) in a random IANA
// zone, from a random epoch between 1970 and 2100, over up to two years,
// with a tick of 1 to 120 minutes. The expansion must end, without error,
// with sorted, disjoint, non-touching intervals inside [0, horizon).
func FuzzCalendar(f *testing.F) {
	names := zoneNames(f)
	f.Add(uint16(0), int64(1788753600), uint8(1), []byte{0x7f, 22, 0, 6, 0}, uint32(20000))
	f.Add(uint16(1), int64(1600000000), uint8(60), []byte{0x3e, 0, 0, 24, 0, 0x41, 6, 0, 14, 0}, uint32(9000))
	for i, n := range names {
		if n == "America/Santiago" || n == "America/Havana" || n == "Australia/Lord_Howe" || n == "Africa/Casablanca" {
			f.Add(uint16(i), int64(1788753600), uint8(1), []byte{0x7f, 0, 0, 8, 0, 0x7f, 8, 0, 16, 0, 0x7f, 16, 0, 24, 0}, uint32(60*24*30))
		}
	}
	f.Fuzz(func(t *testing.T, zone uint16, epoch int64, res uint8, pattern []byte, horizon uint32) {
		loc, err := time.LoadLocation(names[int(zone)%len(names)])
		if err != nil {
			t.Skip()
		}
		const lo, span = 0, 130 * 365 * 24 * 3600 // 1970 .. 2100
		sec := lo + (epoch%span+span)%span
		p := &Problem{Epoch: time.Unix(sec, 0).In(loc), Resolution: time.Duration(1+int(res)%120) * time.Minute}
		c := Calendar{ID: "c", TimeZone: loc.String()}
		for i := 0; i+4 < len(pattern) && len(c.Shifts) < 8; i += 5 {
			var days []time.Weekday
			for d := range 7 {
				if pattern[i]&(1<<d) != 0 {
					days = append(days, time.Weekday(d))
				}
			}
			st := (int(pattern[i+1])*60 + int(pattern[i+2])) % 1441
			en := (int(pattern[i+3])*60 + int(pattern[i+4])) % 1441
			c.Shifts = append(c.Shifts, Shift{Days: days, Start: st, End: en})
		}
		maxTicks := int64(2 * 366 * 24 * time.Hour / p.TickLength())
		h := int64(horizon) % maxTicks
		ivs, err := p.CalendarIntervals(&c, h)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkIntervals(ivs, max(h, 1)); err != nil && h > 0 {
			t.Fatalf("zone %s epoch %v: %v", loc, p.Epoch, err)
		}
		if h <= 0 && len(ivs) > 0 {
			t.Fatalf("intervals %v over an empty horizon", ivs)
		}
	})
}
