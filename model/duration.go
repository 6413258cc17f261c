package model

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// ParseISODuration parses an ISO-8601 duration such as "PT1H30M", "P2D",
// "P1W" or "PT0.5S" into a time.Duration. Days are 24 hours and weeks 7
// days; years and months are refused (they have no fixed length), and so
// are negative durations and durations that are not a whole number of
// nanoseconds.
func ParseISODuration(s string) (time.Duration, error) {
	r, err := parseISODuration(s)
	if err != nil {
		return 0, err
	}
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, fmt.Errorf("duration %q is out of range or not a whole number of nanoseconds", s)
	}
	return time.Duration(r.Num().Int64()), nil
}

// FormatISODuration formats d as an ISO-8601 duration with hours, minutes
// and seconds ("PT1H30M", "PT0.5S", "PT0S"). Negative durations get a
// leading minus sign.
func FormatISODuration(d time.Duration) string {
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		if d == -d { // math.MinInt64
			b.WriteString("PT2562047H47M16.854775808S")
			return b.String()
		}
		d = -d
	}
	b.WriteString("PT")
	h := int64(d / time.Hour)
	m := int64(d % time.Hour / time.Minute)
	ns := int64(d % time.Minute)
	if h > 0 {
		b.WriteString(strconv.FormatInt(h, 10))
		b.WriteByte('H')
	}
	if m > 0 {
		b.WriteString(strconv.FormatInt(m, 10))
		b.WriteByte('M')
	}
	if ns > 0 || (h == 0 && m == 0) {
		b.WriteString(strconv.FormatInt(ns/1e9, 10))
		if f := ns % 1e9; f > 0 {
			frac := strings.TrimRight(fmt.Sprintf("%09d", f), "0")
			b.WriteByte('.')
			b.WriteString(frac)
		}
		b.WriteByte('S')
	}
	return b.String()
}

var errNegativeDuration = errors.New("negative duration")

// parseISODuration parses an ISO-8601 duration into an exact number of
// nanoseconds.
func parseISODuration(s string) (*big.Rat, error) {
	bad := func(why string) error {
		return fmt.Errorf("bad ISO-8601 duration %q: %s (write e.g. PT1H30M, P2D or P1W)", s, why)
	}
	u := strings.ToUpper(strings.TrimSpace(s))
	if strings.HasPrefix(u, "-") {
		return nil, fmt.Errorf("duration %q is negative", s)
	}
	u = strings.TrimPrefix(u, "+")
	if !strings.HasPrefix(u, "P") {
		return nil, bad("it must start with P")
	}
	u = u[1:]
	if u == "" {
		return nil, bad("it has no components")
	}
	total := new(big.Rat)
	inTime := false
	// order of the designators: date part W, D; time part H, M, S
	last := -1
	components := 0
	for u != "" {
		if u[0] == 'T' {
			if inTime {
				return nil, bad("T appears twice")
			}
			inTime = true
			u = u[1:]
			if u == "" {
				return nil, bad("nothing follows T")
			}
			continue
		}
		i := 0
		for i < len(u) && (u[i] >= '0' && u[i] <= '9' || u[i] == '.' || u[i] == ',') {
			i++
		}
		if i == 0 || i == len(u) {
			return nil, bad("expected a number followed by a designator")
		}
		num := strings.ReplaceAll(u[:i], ",", ".")
		if num[0] == '.' || num[len(num)-1] == '.' || strings.Count(num, ".") > 1 {
			return nil, bad(fmt.Sprintf("bad number %q", u[:i]))
		}
		v, ok := new(big.Rat).SetString(num)
		if !ok {
			return nil, bad(fmt.Sprintf("bad number %q", u[:i]))
		}
		des := u[i]
		u = u[i+1:]
		var order int
		var unit int64
		switch {
		case !inTime && (des == 'Y' || des == 'M'):
			return nil, bad("years and months have no fixed length; use days (D) or weeks (W)")
		case !inTime && des == 'W':
			order, unit = 0, int64(7*24*time.Hour)
		case !inTime && des == 'D':
			order, unit = 1, int64(24*time.Hour)
		case inTime && des == 'H':
			order, unit = 2, int64(time.Hour)
		case inTime && des == 'M':
			order, unit = 3, int64(time.Minute)
		case inTime && des == 'S':
			order, unit = 4, int64(time.Second)
		default:
			return nil, bad(fmt.Sprintf("unexpected designator %q", string(des)))
		}
		if order <= last {
			return nil, bad("designators out of order or repeated")
		}
		last = order
		components++
		total.Add(total, v.Mul(v, new(big.Rat).SetInt64(unit)))
	}
	if components == 0 {
		return nil, bad("it has no components")
	}
	return total, nil
}

// simpleISODuration reads the common form of an ISO-8601 duration in
// integer nanoseconds, without the exact arithmetic of parseISODuration:
// "P", then whole numbers (digits only) with the designators W and D, then
// optionally "T" and whole numbers with H, M and S, each designator at
// most once and in this order, at least one in all. It reports false for
// anything else (other forms, fractions, lower case, spaces, signs, and
// totals beyond int64), which parseISODuration then reads or rejects;
// when it reports true, parseISODuration gives the same value.
func simpleISODuration(s string) (int64, bool) {
	if len(s) < 3 || s[0] != 'P' {
		return 0, false
	}
	units := [...]struct {
		des    byte
		inTime bool
		unit   int64
	}{{'W', false, int64(7 * 24 * time.Hour)}, {'D', false, int64(24 * time.Hour)},
		{'H', true, int64(time.Hour)}, {'M', true, int64(time.Minute)}, {'S', true, int64(time.Second)}}
	var total int64
	next, components := 0, 0
	inTime := false
	for i := 1; i < len(s); {
		if s[i] == 'T' {
			if inTime || i+1 == len(s) {
				return 0, false
			}
			inTime = true
			i++
			continue
		}
		var v int64
		st := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if v > (math.MaxInt64-9)/10 {
				return 0, false
			}
			v = v*10 + int64(s[i]-'0')
			i++
		}
		if i == st || i == len(s) {
			return 0, false
		}
		des := s[i]
		i++
		for next < len(units) && (units[next].des != des || units[next].inTime != inTime) {
			next++
		}
		if next == len(units) {
			return 0, false
		}
		u := units[next].unit
		next++
		if v > (math.MaxInt64-total)/u {
			return 0, false
		}
		total += v * u
		components++
	}
	return total, components > 0
}

// parseClock parses a wall-clock time of day "HH:MM" (00:00 to 24:00) into
// minutes after midnight.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, fmt.Errorf("bad time of day %q (write HH:MM, e.g. 06:00)", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || h[0] == '-' || h[0] == '+' || m[0] == '-' || m[0] == '+' ||
		hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("bad time of day %q (write HH:MM between 00:00 and 24:00)", s)
	}
	return hh*60 + mm, nil
}

// formatClock formats minutes after midnight as "HH:MM"; ok is false when
// m is outside 0..1440.
func formatClock(m int) (string, bool) {
	if m < 0 || m > 24*60 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", m/60, m%60), true
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func parseDay(s string) (time.Weekday, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "sun", "sunday", "su":
		return time.Sunday, true
	case "mon", "monday", "mo":
		return time.Monday, true
	case "tue", "tues", "tuesday", "tu":
		return time.Tuesday, true
	case "wed", "wednesday", "we":
		return time.Wednesday, true
	case "thu", "thur", "thurs", "thursday", "th":
		return time.Thursday, true
	case "fri", "friday", "fr":
		return time.Friday, true
	case "sat", "saturday", "sa":
		return time.Saturday, true
	}
	return 0, false
}

// parseDays parses a list of weekdays written as a string: day names
// ("mon", "Monday") and ranges ("mon-fri", "fri-mon" wraps around the
// week) separated by commas, or one of "daily", "weekdays", "weekend".
func parseDays(s string) ([]time.Weekday, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "daily", "everyday", "all":
		s = "mon-sun"
	case "weekdays":
		s = "mon-fri"
	case "weekend", "weekends":
		s = "sat-sun"
	}
	var days []time.Weekday
	for _, item := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(item, "-")
		da, ok := parseDay(a)
		if !ok {
			return nil, fmt.Errorf("bad day %q (write mon, tue, ... or a range such as mon-fri)", strings.TrimSpace(a))
		}
		if !isRange {
			days = append(days, da)
			continue
		}
		db, ok := parseDay(b)
		if !ok {
			return nil, fmt.Errorf("bad day %q (write mon, tue, ... or a range such as mon-fri)", strings.TrimSpace(b))
		}
		for d := da; ; d = (d + 1) % 7 {
			days = append(days, d)
			if d == db {
				break
			}
		}
	}
	seen := [7]bool{}
	for _, d := range days {
		if seen[d] {
			return nil, fmt.Errorf("day %s is listed twice in %q", dayNames[d], s)
		}
		seen[d] = true
	}
	return days, nil
}

// formatDays writes days as a range string ("mon-fri") when they are at
// least three consecutive days in week order, as a list of names
// otherwise. ok is false when a day is not a valid weekday.
func formatDays(days []time.Weekday) (any, bool) {
	names := make([]string, len(days))
	for i, d := range days {
		if d < 0 || d > 6 {
			return nil, false
		}
		names[i] = dayNames[d]
	}
	if len(days) >= 3 && len(days) <= 7 {
		run := true
		for i := 1; i < len(days); i++ {
			if days[i] != (days[i-1]+1)%7 {
				run = false
				break
			}
		}
		if run {
			return names[0] + "-" + names[len(names)-1], true
		}
	}
	return names, true
}
