package plan

import (
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/schedule"
)

// FuzzParseEvents feeds arbitrary events files to ParseEvents and Apply:
// they never panic, and a failed Apply leaves the plan's problem alone.
func FuzzParseEvents(f *testing.F) {
	for _, s := range []string{
		`{"now": 5, "events": [{"type": "breakdown", "machine": "M1", "start": 5, "end": 12}]}`,
		`{"now": "2026-12-07T06:05:00Z", "events": [{"type": "started", "job": "J1", "op": 0, "machine": "M1", "at": 3}]}`,
		`{"now": 8, "events": [{"type": "completed", "job": "J1", "op": "cut", "at": 8}, {"type": "order_cancelled", "job": "J2"}]}`,
		`{"now": 5, "events": [{"type": "order_added", "job": {"id": "J3", "operations": [{"machine": "M2", "duration": 2}]}}]}`,
		`{"now": 5, "events": [{"type": "receipt_changed", "material": "steel", "at": 0, "to": 12, "quantity": 2}]}`,
		`{"now": 5, "events": [{"type": "operators_absent", "pool": "ops", "count": 1, "start": 8, "end": 14}]}`,
		`{"now": 5, "events": [{"type": "calendar_changed", "pool": "ops", "remove": [{"start": 9, "end": 11}]}]}`,
		`{"now": 5, "events": [{"type": "progress", "job": "J1", "op": "cut", "done_quantity": 2, "at": 5}]}`,
		`{"now": 5, "events": [{"type": "repaired", "machine": "M1", "at": 5}, {"type": "due_changed", "job": "J1"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pl := base(t)
		before := pl.Problem.Clone()
		evs, err := ParseEvents(pl.Problem, data)
		if err != nil {
			return
		}
		np, err := Replan(pl, evs)
		if !reflect.DeepEqual(before, pl.Problem) {
			t.Fatalf("Replan changed the old problem")
		}
		if err != nil {
			return
		}
		if len(np.Schedule.Assignments) != np.Problem.NumOperations() {
			t.Fatalf("%d assignments for %d operations", len(np.Schedule.Assignments), np.Problem.NumOperations())
		}
		if err := schedule.Verify(np.Problem, np.Schedule); err != nil {
			t.Fatalf("replanned schedule: %v", err)
		}
	})
}
