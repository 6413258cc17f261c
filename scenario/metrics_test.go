package scenario

import (
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

func jobs(ids ...string) []model.Job {
	out := make([]model.Job, len(ids))
	for i, id := range ids {
		out[i] = model.Job{ID: id, Operations: make([]model.Operation, 2)}
	}
	return out
}

func machines(ids ...string) []model.Machine {
	out := make([]model.Machine, len(ids))
	for i, id := range ids {
		out[i] = model.Machine{ID: id}
	}
	return out
}

// TestMoved compares two hand-built plans whose problems list the jobs and
// machines in different orders: operations are matched by IDs.
func TestMoved(t *testing.T) {
	bp := &model.Problem{Jobs: jobs("A", "B", "D"), Machines: machines("M1", "M2")}
	bs := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, Start: 0, End: 10},  // A/0 on M1 at 0
		{Job: 0, Op: 1, Machine: 1, Start: 10, End: 20}, // A/1 on M2 at 10
		{Job: 1, Op: 0, Machine: 0, Start: 10, End: 15}, // B/0 on M1 at 10
		{Job: 2, Op: 0, Machine: 1, Start: 0, End: 5},   // D/0 on M2 at 0
	}}
	p := &model.Problem{Jobs: jobs("C", "B", "A"), Machines: machines("M2", "M1")}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 2, Op: 0, Machine: 1, Start: 0, End: 10},  // A/0 on M1 at 0: not moved
		{Job: 2, Op: 1, Machine: 1, Start: 12, End: 22}, // A/1 on M1 at 12: machine, 2 later
		{Job: 1, Op: 0, Machine: 1, Start: 0, End: 5},   // B/0 on M1 at 0: 10 earlier
		{Job: 0, Op: 0, Machine: 0, Start: 0, End: 5},   // C/0: added
		{Job: 0, Op: 1, Machine: 0, Start: 5, End: 8},   // C/1: added
	}}
	got := Moved(bp, bs, p, s)
	want := Movement{Operations: 2, Machine: 1, Shift: 12, Added: 2, Removed: 1}
	if got != want {
		t.Errorf("Moved = %+v, want %+v", got, want)
	}
	if got := Moved(bp, bs, bp, bs); got != (Movement{}) {
		t.Errorf("a plan against itself: %+v, want nothing moved", got)
	}
}

const overtimeProblem = `{
  "version": 1,
  "epoch": "2026-12-07T00:00:00+01:00",
  "calendars": [
    {"id": "day", "time_zone": "Europe/Paris", "shifts": [{"days": "mon-fri", "start": "08:00", "end": "16:00"}],
     "exceptions": [
       {"start": "2026-12-12T08:00:00+01:00", "end": "2026-12-12T12:00:00+01:00", "working": true, "reason": "Saturday"},
       {"start": "2026-12-08T15:00:00+01:00", "end": "2026-12-08T18:00:00+01:00", "working": true, "reason": "overtime"},
       {"start": "2026-12-09T00:00:00+01:00", "end": "2026-12-10T00:00:00+01:00", "reason": "holiday"}]},
    {"id": "plain", "time_zone": "Europe/Paris", "shifts": [{"days": "mon-fri", "start": "08:00", "end": "16:00"}]}
  ],
  "machines": [{"id": "M", "calendar": "day"}, {"id": "N", "calendar": "plain",
    "overtime": [{"start": "2026-12-12T08:00:00+01:00", "end": "2026-12-12T12:00:00+01:00", "cost_per_hour": 100}]}],
  "jobs": [
    {"id": "sat", "operations": [{"machine": "M", "duration": "PT3H"}]},
    {"id": "eve", "operations": [{"machine": "M", "duration": "PT3H"}]},
    {"id": "fri", "operations": [{"machine": "M", "duration": "PT2H"}]},
    {"id": "other", "operations": [{"machine": "N", "duration": "PT2H"}]}
  ]
}`

// TestOvertime counts the work inside working exceptions that the weekly
// pattern does not already give, and inside a machine's overtime windows.
func TestOvertime(t *testing.T) {
	p, err := model.DecodeValid([]byte(overtimeProblem))
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour int) int64 { return int64((day*24 + hour) * 60) } // minutes from Mon 7 Dec 00:00
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Machine: 0, SetupStart: at(5, 9), Start: at(5, 9), End: at(5, 12)},   // Sat 09-12: 3 h extra
		{Job: 1, Machine: 0, SetupStart: at(1, 14), Start: at(1, 14), End: at(1, 17)}, // Tue 14-17: 1 h extra (16-17)
		{Job: 2, Machine: 0, SetupStart: at(4, 9), Start: at(4, 9), End: at(4, 11)},   // Fri: none
		{Job: 3, Machine: 1, SetupStart: at(5, 9), Start: at(5, 9), End: at(5, 11)},   // Sat 09-11 in N's overtime window: 2 h
	}}
	if err := schedule.Verify(p, s); err != nil {
		t.Fatal(err)
	}
	if got, want := Overtime(p, s), 6*time.Hour; got != want {
		t.Errorf("Overtime = %v, want %v", got, want)
	}
}
