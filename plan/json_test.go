package plan

import (
	"errors"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

func TestParseEvents(t *testing.T) {
	pl := base(t)
	data := `{
  "now": "2026-12-07T06:05:00Z",
  "events": [
    {"type": "started", "job": "J1", "op": "cut", "machine": "M1", "at": "2026-12-07T07:03:00+01:00"},
    {"type": "completed", "job": "J1", "op": 0, "at": 5},
    {"type": "progress", "job": "J1", "op": "weld", "done_quantity": 2.5, "at": 5},
    {"type": "breakdown", "machine": "M2", "start": "2026-12-07T06:12:00Z", "end": "2026-12-07T06:20:00Z"},
    {"type": "repaired", "machine": "M2", "at": 16},
    {"type": "order_added", "job": {"id": "J3", "due": "2026-12-07T06:09:00Z", "operations": [{"machine": "M2", "duration": "PT2M"}]}},
    {"type": "order_cancelled", "job": "J2"},
    {"type": "due_changed", "job": "J1", "due": "2026-12-07T08:00:00Z"},
    {"type": "priority_changed", "job": "J1", "weight": 2},
    {"type": "receipt_changed", "material": "steel", "at": 0, "to": 12, "quantity": 4},
    {"type": "operators_absent", "pool": "ops", "count": 1, "start": 8, "end": 14},
    {"type": "calendar_changed", "machine": "M1", "add": [{"start": 30, "end": 40}], "remove": [{"start": 10, "end": 12}]}
  ]
}`
	evs, err := ParseEvents(pl.Problem, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if evs.Now != 5 || len(evs.Events) != 12 {
		t.Fatalf("now %d, %d events", evs.Now, len(evs.Events))
	}
	e := evs.Events
	checks := []struct {
		got, want any
	}{
		{e[0].At, int64(3)}, {e[0].Machine, "M1"}, {e[1].Op, "0"}, {e[2].DoneQuantity, 2.5},
		{e[3].Start, int64(12)}, {e[3].End, int64(20)}, {e[4].At, int64(16)},
		{e[5].Job, "J3"}, {e[5].NewJob.Operations[0].Alternatives[0].Duration, int64(2)}, {*e[5].NewJob.Due, int64(9)},
		{e[6].Type, TypeOrderCancelled}, {*e[7].Due, int64(120)}, {e[8].Weight, 2.0},
		{e[9].To, int64(12)}, {*e[9].Quantity, 4.0}, {e[10].Count, 1}, {e[10].Pool, "ops"},
		{e[11].Add[0], model.Interval{Start: 30, End: 40}}, {e[11].Remove[0], model.Interval{Start: 10, End: 12}},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("check %d: got %v, want %v", i, c.got, c.want)
		}
	}
}

func TestParseEventsErrors(t *testing.T) {
	pl := base(t)
	tests := []struct{ name, data, want string }{
		{"malformed", `{"now": 5, "events": [}`, "line 1, column 23: malformed JSON"},
		{"not an object", `[1]`, "an events file is a JSON object"},
		{"no now", `{"events": []}`, `missing field "now"`},
		{"unknown top field", `{"now": 1, "event": []}`, `event: unknown field "event"`},
		{"unknown type", "{\"now\": 1, \"events\": [\n {\"type\": \"exploded\"}]}", `line 2, column 11: events[0].type: unknown event type "exploded"`},
		{"missing field", `{"now": 1, "events": [{"type": "breakdown", "machine": "M1", "start": 3}]}`, `events[0]: missing field "end" of a breakdown event`},
		{"unknown field", `{"now": 1, "events": [{"type": "repaired", "machine": "M1", "at": 3, "when": 4}]}`, `events[0].when: unknown field "when" for a repaired event`},
		{"bad datetime", `{"now": 1, "events": [{"type": "repaired", "machine": "M1", "at": "yesterday"}]}`, `events[0].at: bad datetime "yesterday"`},
		{"datetime off a tick", `{"now": "2026-12-07T06:05:30Z"}`, `now: datetime "2026-12-07T06:05:30Z" is not on a tick boundary`},
		{"fractional tick", `{"now": 1.5}`, `now: expected a datetime string or a whole tick number`},
		{"bad job", `{"now": 1, "events": [{"type": "order_added", "job": {"id": "J3", "operations": [{"machine": "M2", "duration": "soon"}]}}]}`, `events[0].job.operations[0].duration`},
		{"bad window", `{"now": 1, "events": [{"type": "calendar_changed", "pool": "ops", "add": [{"start": 1}]}]}`, `events[0].add[0]: missing field "end"`},
		{"number as string", `{"now": 1, "events": [{"type": "priority_changed", "job": "J1", "weight": "high"}]}`, `events[0].weight: expected a number, got a string`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := ParseEvents(pl.Problem, []byte(tc.data))
			if err == nil {
				t.Fatalf("no error, events %+v", evs)
			}
			var is model.Issues
			if !errors.As(err, &is) {
				t.Fatalf("error %T, want model.Issues", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestParseEventsUnitless(t *testing.T) {
	p := &model.Problem{Machines: []model.Machine{{ID: "0"}}, Jobs: []model.Job{{ID: "0", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "0", Duration: 3}}}}}}}
	if _, err := ParseEvents(p, []byte(`{"now": "2026-12-07T06:05:00Z"}`)); err == nil || !strings.Contains(err.Error(), "without epoch") {
		t.Errorf("datetime in a unitless problem: %v", err)
	}
	evs, err := ParseEvents(p, []byte(`{"now": 2, "events": [{"type": "breakdown", "machine": 0, "start": 2, "end": 4}]}`))
	if err != nil || evs.Events[0].Machine != "0" {
		t.Fatalf("%v %+v", err, evs)
	}
}
