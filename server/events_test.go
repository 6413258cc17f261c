package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/plan"
)

const breakdown = `{"now": "2026-12-07T08:00:00+01:00", "events": [
  {"type": "breakdown", "machine": "LAT-01", "start": "2026-12-07T08:00:00+01:00", "end": "2026-12-07T14:00:00+01:00"}
]}`

// TestEvents applies a breakdown to a plan: a new version with the
// repaired schedule (checked against the new problem) and its diff; bad
// events get located issues, a stale base 409; all of it against SQLite
// and PostgreSQL.
func TestEvents(t *testing.T) {
	for name, spec := range stores(t) {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, spec, Config{})
			_, planID := e.fixture()
			url := "/v1/plans/" + planID
			resp, data := e.do("POST", url+"/events", e.planner, []byte(breakdown))
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("events: %d %s", resp.StatusCode, data)
			}
			v2 := decode[VersionView](t, data)
			if v2.Version != 2 || v2.Base != 1 || v2.Events == "" || resp.Header.Get("Location") != url+"/versions/2" {
				t.Errorf("new version: %+v", v2)
			}
			var diff plan.Diff
			if err := json.Unmarshal(v2.Diff, &diff); err != nil {
				t.Fatalf("diff: %v", err)
			}
			if len(diff.Moved) == 0 {
				t.Errorf("a six-hour breakdown of LAT-01 moved nothing")
			}
			for _, m := range diff.Moved {
				if m.ToMachine == "LAT-01" && m.ToStart < 8*60+6*60 && m.ToStart >= 8*60 {
					t.Errorf("operation %s/%d placed on LAT-01 during the breakdown at %d", m.Job, m.Op, m.ToStart)
				}
			}
			_, problem2 := e.do("GET", url+"/versions/2/problem", e.viewer, nil)
			checkResult(t, problem2, v2.Result)
			if _, data := e.do("GET", url, e.viewer, nil); decode[PlanView](t, data).Version != 2 {
				t.Errorf("plan after events: %.200s", data)
			}
			// invalid events: every issue located, nothing changes
			bad := `{"now": "2026-12-07T08:00:00+01:00", "events": [
  {"type": "breakdown", "machine": "NOPE", "start": "2026-12-07T08:00:00+01:00", "end": "2026-12-07T09:00:00+01:00"}
]}`
			resp, data = e.do("POST", url+"/events", e.planner, []byte(bad))
			ae := decode[APIError](t, data)
			if resp.StatusCode != http.StatusUnprocessableEntity || ae.Code != "invalid_events" || len(ae.Issues) == 0 ||
				!strings.HasPrefix(ae.Issues[0].Path, "events[0]") || ae.Issues[0].Line != 2 {
				t.Errorf("invalid events: %d %s", resp.StatusCode, data)
			}
			if resp, data := e.do("POST", url+"/events", e.planner, []byte(`{"now": "2026-12-07T08:00:00+01:00", "events": [{"type": "explosion"}]}`)); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("unknown event type: %d %s", resp.StatusCode, data)
			}
			if resp, data := e.do("POST", url+"/events", e.planner, []byte(`{"now": `)); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("malformed events: %d %s", resp.StatusCode, data)
			}
			// events dated before the plan's now
			early := strings.ReplaceAll(breakdown, "T08:00", "T07:00")
			if resp, data := e.do("POST", url+"/events", e.planner, []byte(early)); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("events before now: %d %s", resp.StatusCode, data)
			}
			// written against version 1, now stale
			if resp, data := e.do("POST", url+"/events?base=1", e.planner, []byte(breakdown)); resp.StatusCode != http.StatusConflict {
				t.Errorf("stale base: %d %s", resp.StatusCode, data)
			}
			_, data = e.do("GET", url+"/events", e.viewer, nil)
			var list struct{ Events []EventsView }
			_ = json.Unmarshal(data, &list)
			if len(list.Events) != 1 || list.Events[0].From != 1 || list.Events[0].To != 2 || list.Events[0].ID != v2.Events {
				t.Errorf("events list: %s", data)
			}
			if _, data := e.do("GET", url+"/versions", e.viewer, nil); strings.Count(string(data), `"version"`) != 2 {
				t.Errorf("versions after events: %s", data)
			}
			// the KPIs and Gantt of the new version
			if resp, _ := e.do("GET", url+"/versions/2/gantt", e.viewer, nil); resp.StatusCode != http.StatusOK {
				t.Errorf("gantt of version 2: %d", resp.StatusCode)
			}
			// a second events file builds on version 2 (its now and actuals)
			next := `{"now": "2026-12-07T10:00:00+01:00", "events": [{"type": "repaired", "machine": "LAT-01", "at": "2026-12-07T10:00:00+01:00"}]}`
			resp, data = e.do("POST", url+"/events?base=2", e.planner, []byte(next))
			if resp.StatusCode != http.StatusCreated || decode[VersionView](t, data).Version != 3 {
				t.Errorf("second events: %d %.300s", resp.StatusCode, data)
			}
			_, problem3 := e.do("GET", url+"/versions/3/problem", e.viewer, nil)
			checkResult(t, problem3, decode[VersionView](t, data).Result)
		})
	}
}
