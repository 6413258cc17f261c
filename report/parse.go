package report

import (
	"fmt"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// Location returns the time zone reports show dates in: the calendars'
// zone when they all share one, else the zone of the problem's epoch.
func Location(p *model.Problem) *time.Location { return p.DisplayLocation() }

// ParseTime parses an ISO datetime for problem p: RFC 3339
// ("2026-12-14T06:00:00+01:00"), or without seconds, or without offset
// ("2026-12-14T06:00", "2026-12-14 06:00"), in which case it is a wall
// clock time in the plant's zone (Location). A bare date means its
// midnight.
func ParseTime(p *model.Problem, s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	loc := time.UTC
	if p != nil && !p.Epoch.IsZero() {
		loc = p.DisplayLocation()
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an ISO datetime (want e.g. 2026-12-14T06:00 or 2026-12-14T06:00:00+01:00)", s)
}
