package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	neturl "net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/scenario"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

// testShift is an instant in the example plant's first Monday morning shift
// (plant time, Europe/Paris).
const testShift = "2026-12-07T06:00"

// createPlan posts problem as a plan solved by dispatch and returns its
// URL.
func (e *testEnv) createPlan(problem []byte) string {
	e.t.Helper()
	body, err := json.Marshal(map[string]any{"problem": json.RawMessage(problem), "solver": "dispatch"})
	if err != nil {
		e.t.Fatal(err)
	}
	resp, data := e.do("POST", "/v1/plans", e.planner, body)
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("POST /v1/plans: %d %s", resp.StatusCode, data)
	}
	return decode[PlanView](e.t, data).URL
}

// versionOf reads a version's problem and result through the API and
// holds the result against the problem with schedule.Check.
func (e *testEnv) versionOf(planURL, version string) (*model.Problem, *schedule.Schedule) {
	e.t.Helper()
	_, problem := e.do("GET", planURL+"/versions/"+version+"/problem", e.viewer, nil)
	_, data := e.do("GET", planURL+"/versions/"+version, e.viewer, nil)
	vv := decode[VersionView](e.t, data)
	doc := checkResult(e.t, problem, vv.Result)
	p, err := model.Decode(problem)
	if err != nil {
		e.t.Fatal(err)
	}
	s, err := doc.Schedule(p)
	if err != nil {
		e.t.Fatal(err)
	}
	return p, s
}

// token creates a token of plant north with role.
func (e *testEnv) token(role string) string {
	e.t.Helper()
	r, err := ParseRole(role)
	if err != nil {
		e.t.Fatal(err)
	}
	tok, err := CreateToken(context.Background(), e.store, "north", r)
	if err != nil {
		e.t.Fatal(err)
	}
	return tok
}

// wantAPIError checks an error answer's status and code, and that an issue
// names path (when path is not empty).
func wantAPIError(t *testing.T, what string, resp *http.Response, data []byte, code int, errCode, path string) APIError {
	t.Helper()
	if resp.StatusCode != code {
		t.Errorf("%s: %d, want %d: %s", what, resp.StatusCode, code, data)
		return APIError{}
	}
	ae := decode[APIError](t, data)
	if errCode != "" && ae.Code != errCode {
		t.Errorf("%s: code %q, want %q: %s", what, ae.Code, errCode, data)
	}
	if path != "" && (len(ae.Issues) == 0 || ae.Issues[0].Path != path) {
		t.Errorf("%s: want an issue at %q: %s", what, path, data)
	}
	if !strings.Contains(ae.Message, path) {
		t.Errorf("%s: the message does not name %q: %s", what, path, ae.Message)
	}
	return ae
}

// TestWorkLists reads the work lists of a shift: every list holds exactly
// the operations of its machine whose setup starts in its window, in
// JSON, CSV and HTML; a team token reads its own group's list only.
func TestWorkLists(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	url := e.createPlan(plantJSON())
	p, s := e.versionOf(url, "1")
	v := url + "/versions/1"

	resp, data := e.do("GET", v+"/worklists?shift="+testShift, e.viewer, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("worklists: %d %s", resp.StatusCode, data)
	}
	all := decode[struct{ Worklists []report.WorkListJSON }](t, data).Worklists
	if len(all) != len(p.Machines)+len(p.OperatorPools) {
		t.Fatalf("%d work lists, want one per machine and pool (%d)", len(all), len(p.Machines)+len(p.OperatorPools))
	}
	at := func(iso string) int64 {
		tm, err := time.Parse(time.RFC3339, iso)
		if err != nil {
			t.Fatalf("time %q: %v", iso, err)
		}
		return p.TickOf(tm)
	}
	items := 0
	for i, m := range p.Machines {
		wl := all[i]
		if wl.Team != m.ID || len(wl.Machines) != 1 || wl.Machines[0] != m.ID {
			t.Errorf("list %d: team %q machines %v, want %s", i, wl.Team, wl.Machines, m.ID)
			continue
		}
		from, to := at(wl.WindowStart), at(wl.WindowEnd)
		if !(from < to) || at(wl.ShiftStart) < from || at(wl.ShiftEnd) != to {
			t.Errorf("%s: window [%s, %s), shift [%s, %s)", m.ID, wl.WindowStart, wl.WindowEnd, wl.ShiftStart, wl.ShiftEnd)
		}
		var want []string
		for _, a := range s.Assignments {
			if a.Machine == i && from <= a.SetupStart && a.SetupStart < to {
				want = append(want, p.Jobs[a.Job].ID+"/"+p.Jobs[a.Job].OpID(a.Op))
			}
		}
		var got []string
		for k, it := range wl.Items {
			got = append(got, it.Order+"/"+it.Op)
			if it.Machine != m.ID || it.Seq != k+1 || at(it.SetupStart) < from || at(it.SetupStart) >= to || at(it.Start) > at(it.End) {
				t.Errorf("%s item %d: %+v", m.ID, k, it)
			}
		}
		if fmt.Sprint(sortedCopy(got)) != fmt.Sprint(sortedCopy(want)) {
			t.Errorf("%s: items %v, want the operations starting in its window %v", m.ID, got, want)
		}
		items += len(got)
	}
	if items == 0 {
		t.Errorf("no machine has work in the shift of %s", testShift)
	}
	for k, o := range p.OperatorPools {
		if wl := all[len(p.Machines)+k]; wl.Pool != o.ID || wl.Team != o.ID {
			t.Errorf("pool list %d: %+v", k, wl)
		}
	}

	// one group's list: JSON, CSV, HTML; the team reads its own
	team := e.token("team:LAT-01")
	var lat report.WorkListJSON
	for _, wl := range all {
		if wl.Team == "LAT-01" {
			lat = wl
		}
	}
	resp, data = e.do("GET", v+"/worklists/LAT-01?shift="+testShift, team, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("team's own list: %d %s", resp.StatusCode, data)
	}
	if got := decode[report.WorkListJSON](t, data); len(got.Items) != len(lat.Items) || got.ShiftStart != lat.ShiftStart {
		t.Errorf("LAT-01 alone: %d items from %s, in the list of all: %d from %s", len(got.Items), got.ShiftStart, len(lat.Items), lat.ShiftStart)
	}
	resp, data = e.do("GET", v+"/worklists/LAT-01?format=csv&shift="+testShift, team, nil)
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) != 1+len(lat.Items) || strings.Join(rows[0], ",") != strings.Join(report.WorkListCSVHeader, ",") {
		t.Errorf("csv: %d rows (want %d), %v: %.300s", len(rows), 1+len(lat.Items), err, data)
	}
	for k, it := range lat.Items {
		if k+1 < len(rows) && (rows[k+1][4] != it.Order || rows[k+1][7] != it.Op) {
			t.Errorf("csv row %d: %v, want %s/%s", k+1, rows[k+1], it.Order, it.Op)
		}
	}
	resp, data = e.do("GET", v+"/worklists/LAT-01?format=html&shift="+testShift, e.viewer, nil)
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(data), "<html") || !strings.Contains(string(data), "LAT-01") {
		t.Errorf("html: %d %s %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	// an operator pool is a group too
	pool := e.token("team:assembly-team")
	resp, data = e.do("GET", v+"/worklists/assembly-team?shift="+testShift, pool, nil)
	if got := decode[report.WorkListJSON](t, data); resp.StatusCode != http.StatusOK || got.Pool != "assembly-team" {
		t.Errorf("pool's list: %d %.300s", resp.StatusCode, data)
	}
	// a team reads nothing else
	for _, path := range []string{
		v + "/worklists/LAT-02?shift=" + testShift, v + "/worklists/assembly-team?shift=" + testShift,
		v + "/worklists?shift=" + testShift, v + "/kpis", v + "/dashboard", v + "/late", url,
	} {
		if resp, data := e.do("GET", path, team, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("team:LAT-01 reads %s: %d %.200s", path, resp.StatusCode, data)
		}
	}
	if resp, data := e.do("POST", v+"/promise", team, []byte(`{"id": "X"}`)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("team:LAT-01 quotes an order: %d %.200s", resp.StatusCode, data)
	}
	// another plant does not find the plan, even for its own group
	south := func() string {
		r, _ := ParseRole("team:LAT-01")
		tok, err := CreateToken(context.Background(), e.store, "south", r)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}()
	if resp, data := e.do("GET", v+"/worklists/LAT-01?shift="+testShift, south, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another plant's team: %d %.200s", resp.StatusCode, data)
	}

	// errors
	resp, data = e.do("GET", v+"/worklists/NOPE?shift="+testShift, e.viewer, nil)
	wantAPIError(t, "unknown group", resp, data, http.StatusNotFound, "not_found", "")
	resp, data = e.do("GET", v+"/worklists/LAT-01?shift=yesterday", e.viewer, nil)
	wantAPIError(t, "bad shift", resp, data, http.StatusBadRequest, "invalid_parameter", "shift")
	resp, data = e.do("GET", v+"/worklists?shift=2026-13-40T06:00", e.viewer, nil)
	wantAPIError(t, "impossible date", resp, data, http.StatusBadRequest, "invalid_parameter", "shift")
	resp, data = e.do("GET", v+"/worklists", e.viewer, nil)
	wantAPIError(t, "no shift", resp, data, http.StatusBadRequest, "invalid_parameter", "shift")
	resp, data = e.do("GET", v+"/worklists?from=2026-12-07T06:00", e.viewer, nil)
	wantAPIError(t, "from without to", resp, data, http.StatusBadRequest, "invalid_parameter", "to")
	resp, data = e.do("GET", v+"/worklists/LAT-01?shift="+testShift+"&format=pdf", e.viewer, nil)
	wantAPIError(t, "unknown format", resp, data, http.StatusBadRequest, "invalid_parameter", "format")
	resp, data = e.do("GET", v+"/worklists?from=2026-12-08T06:00&to=2026-12-07T06:00", e.viewer, nil)
	wantAPIError(t, "range backwards", resp, data, http.StatusUnprocessableEntity, "invalid_worklist", "")
	// an explicit range holds the operations starting in it
	resp, data = e.do("GET", v+"/worklists/LAT-01?from=2026-12-07T00:00&to=2026-12-14T00:00", e.viewer, nil)
	if got := decode[report.WorkListJSON](t, data); resp.StatusCode != http.StatusOK || len(got.Items) < len(lat.Items) {
		t.Errorf("a week's range: %d, %d items (the shift has %d)", resp.StatusCode, len(got.Items), len(lat.Items))
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// TestDashboardCosts reads the dashboard and the cost report of a plan
// with costs; the cost total is the one of the plan's result document.
func TestDashboardCosts(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	problem, err := os.ReadFile("../examples/plant-costs.json")
	if err != nil {
		t.Fatal(err)
	}
	url := e.createPlan(problem)
	v := url + "/versions/latest"
	e.versionOf(url, "latest")

	resp, data := e.do("GET", v+"/dashboard?title=Week+49", e.viewer, nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(data), "Week 49") || strings.Contains(string(data), "<script src=") {
		t.Errorf("dashboard: %d %s %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}

	_, data = e.do("GET", v, e.viewer, nil)
	var res struct {
		Result struct {
			KPIs struct{ Cost *schedule.CostSummary } `json:"kpis"`
		} `json:"result"`
	}
	if err := json.Unmarshal(data, &res); err != nil || res.Result.KPIs.Cost == nil || res.Result.KPIs.Cost.Total <= 0 {
		t.Fatalf("the plan's result has no cost: %v %.300s", err, data)
	}
	total := res.Result.KPIs.Cost.Total
	resp, data = e.do("GET", v+"/costs", e.viewer, nil)
	cs := decode[schedule.CostSummary](t, data)
	if resp.StatusCode != http.StatusOK || cs.Total != total || len(cs.Machines) == 0 {
		t.Errorf("costs: %d total %g, the result's %g", resp.StatusCode, cs.Total, total)
	}
	resp, data = e.do("GET", v+"/costs?format=csv", e.viewer, nil)
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) < 2 {
		t.Fatalf("costs csv: %d %v %.200s", resp.StatusCode, err, data)
	}
	found := false
	for _, r := range rows {
		if len(r) == 4 && r[0] == "total" && r[2] == "total" {
			found = r[3] == fmt.Sprintf("%.2f", total)
		}
	}
	if !found {
		t.Errorf("costs csv lacks the total row %.2f: %.300s", total, data)
	}
	resp, data = e.do("GET", v+"/costs?format=markdown", e.viewer, nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/markdown") || !strings.Contains(string(data), "|") {
		t.Errorf("costs markdown: %d %s %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	resp, data = e.do("GET", v+"/costs?format=xlsx", e.viewer, nil)
	wantAPIError(t, "unknown cost format", resp, data, http.StatusBadRequest, "invalid_parameter", "format")
	resp, data = e.do("GET", url+"/versions/7/costs", e.viewer, nil)
	wantAPIError(t, "unknown version", resp, data, http.StatusNotFound, "not_found", "")
}

// TestLate explains the late orders: each order's causes add up to its
// lateness, which is its completion in the plan less its due date.
func TestLate(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	url := e.createPlan(plantJSON())
	p, s := e.versionOf(url, "1")
	v := url + "/versions/1"
	completion := map[string]int64{}
	for _, a := range s.Assignments {
		completion[p.Jobs[a.Job].ID] = max(completion[p.Jobs[a.Job].ID], a.End)
	}
	late, onTime := map[string]bool{}, ""
	for _, j := range p.Jobs {
		if j.Due != nil && completion[j.ID] > *j.Due {
			late[j.ID] = true
		} else if j.Due != nil {
			onTime = j.ID
		}
	}
	if len(late) == 0 || onTime == "" {
		t.Fatalf("the example plan has %d late orders and on-time order %q: the test needs both", len(late), onTime)
	}
	type order struct {
		Job                   string
		Due, Completion, Late int64 `json:"-"`
		Lateness              int64
		Causes                []struct{ Ticks int64 }
	}
	resp, data := e.do("GET", v+"/late", e.viewer, nil)
	rep := decode[struct{ Orders []order }](t, data)
	if resp.StatusCode != http.StatusOK || len(rep.Orders) != len(late) {
		t.Fatalf("late: %d, %d orders, want %d", resp.StatusCode, len(rep.Orders), len(late))
	}
	for _, o := range rep.Orders {
		var sum int64
		for _, c := range o.Causes {
			sum += c.Ticks
		}
		var due int64
		for _, j := range p.Jobs {
			if j.ID == o.Job {
				due = *j.Due
			}
		}
		if !late[o.Job] || o.Lateness != completion[o.Job]-due || sum != o.Lateness {
			t.Errorf("order %s: lateness %d, causes %d; the plan completes it %d after its due date", o.Job, o.Lateness, sum, completion[o.Job]-due)
		}
	}
	one := rep.Orders[len(rep.Orders)-1].Job
	_, data = e.do("GET", v+"/late/"+one, e.viewer, nil)
	if got := decode[struct{ Orders []order }](t, data); len(got.Orders) != 1 || got.Orders[0].Job != one {
		t.Errorf("late/%s: %.300s", one, data)
	}
	resp, data = e.do("GET", v+"/late/"+onTime, e.viewer, nil)
	if got := decode[struct{ Orders []order }](t, data); resp.StatusCode != http.StatusOK || got.Orders == nil || len(got.Orders) != 0 {
		t.Errorf("late/%s (on time): %d %.300s", onTime, resp.StatusCode, data)
	}
	resp, data = e.do("GET", v+"/late/NOPE", e.viewer, nil)
	if ae := wantAPIError(t, "unknown order", resp, data, http.StatusNotFound, "not_found", ""); !strings.Contains(ae.Message, "NOPE") {
		t.Errorf("unknown order: the message does not name it: %s", data)
	}
	if resp, data := e.do("GET", v+"/late", e.other, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another plant: %d %s", resp.StatusCode, data)
	}
}

// rushOrder is a new order of the example plant.
const rushOrder = `{"id": "RUSH-1", "due": "2026-12-09T16:00:00+01:00", "weight": 5, "quantity": 10,
  "operations": [{"machine": "SAW-01", "duration": 60}, {"machine": "LAT-01", "duration": 120}]}`

// TestPromise quotes a rush order, then adds it with an order_added
// event: the new version completes it exactly when the insertion quote
// said. Quoting changes nothing.
func TestPromise(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	url := e.createPlan(plantJSON())
	v := url + "/versions/1"
	const now = "2026-12-08T06:00:00+01:00"
	resp, data := e.do("POST", v+"/promise?now="+neturl.QueryEscape(now), e.viewer, []byte(rushOrder))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("promise: %d %s", resp.StatusCode, data)
	}
	var doc struct {
		Order     string
		Now       string
		Insertion struct {
			Completion string
			Tick       int64 `json:"completion_tick"`
			Late       bool
			Tardiness  int64
			Moved      int `json:"moved_operations"`
		}
		WithMoves struct {
			Tick int64 `json:"completion_tick"`
		} `json:"with_moves"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	nowT, _ := time.Parse(time.RFC3339, now)
	if nt, err := time.Parse(time.RFC3339, doc.Now); doc.Order != "RUSH-1" || err != nil || !nt.Equal(nowT) ||
		doc.Insertion.Moved != 0 || doc.WithMoves.Tick > doc.Insertion.Tick {
		t.Errorf("promise: %s", data)
	}
	// quoting changed nothing
	if _, data := e.do("GET", url, e.viewer, nil); decode[PlanView](t, data).Version != 1 {
		t.Errorf("the plan changed: %s", data)
	}
	// the order added by an event completes when promised
	events := fmt.Sprintf(`{"now": %q, "events": [{"type": "order_added", "job": %s}]}`, now, rushOrder)
	resp, data = e.do("POST", url+"/events", e.planner, []byte(events))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("events: %d %s", resp.StatusCode, data)
	}
	p, s := e.versionOf(url, "2")
	var done int64 = -1
	for _, a := range s.Assignments {
		if p.Jobs[a.Job].ID == "RUSH-1" {
			done = max(done, a.End)
		}
	}
	if done != doc.Insertion.Tick {
		t.Errorf("promised %s (tick %d) by insertion; the order_added event completes it at tick %d", doc.Insertion.Completion, doc.Insertion.Tick, done)
	}
	due := p.TickOf(mustTime(t, "2026-12-09T16:00:00+01:00"))
	if doc.Insertion.Late != (done > due) || (doc.Insertion.Late && doc.Insertion.Tardiness != done-due) {
		t.Errorf("lateness of the quote: %+v, completion %d, due %d", doc.Insertion, done, due)
	}

	// errors
	resp, data = e.do("POST", v+"/promise", e.viewer, []byte("{\"id\": \"X\",\n \"operations\": [,]}"))
	if ae := wantAPIError(t, "malformed order", resp, data, http.StatusBadRequest, "malformed_json", ""); len(ae.Issues) == 0 || ae.Issues[0].Line != 2 {
		t.Errorf("malformed order: want line 2: %s", data)
	}
	bad := "{\"id\": \"X\",\n \"operations\": [\n  {\"machine\": \"SAW-01\", \"duration\": -5}]}"
	resp, data = e.do("POST", v+"/promise", e.viewer, []byte(bad))
	if ae := wantAPIError(t, "invalid order", resp, data, http.StatusUnprocessableEntity, "invalid_order", ""); len(ae.Issues) == 0 ||
		!strings.HasPrefix(ae.Issues[0].Path, "operations[0]") || ae.Issues[0].Line != 3 {
		t.Errorf("invalid order: want an issue at operations[0] on line 3: %s", data)
	}
	resp, data = e.do("POST", v+"/promise", e.viewer, []byte(strings.Replace(rushOrder, "RUSH-1", "SHF-4111", 1)))
	wantAPIError(t, "existing order", resp, data, http.StatusUnprocessableEntity, "invalid_order", "")
	resp, data = e.do("POST", v+"/promise", e.viewer, []byte(strings.Replace(rushOrder, "LAT-01", "NOPE-9", 1)))
	wantAPIError(t, "unknown machine", resp, data, http.StatusUnprocessableEntity, "invalid_order", "")
	resp, data = e.do("POST", v+"/promise?now=tomorrow", e.viewer, []byte(rushOrder))
	wantAPIError(t, "bad now", resp, data, http.StatusBadRequest, "invalid_parameter", "now")
	resp, data = e.do("POST", url+"/versions/9/promise", e.viewer, []byte(rushOrder))
	wantAPIError(t, "unknown version", resp, data, http.StatusNotFound, "not_found", "")
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// TestCompare compares the example scenarios against a plan's problem:
// one row per scenario after the base, reproducible with a seed and a
// work limit.
func TestCompare(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	url := e.createPlan(plantJSON())
	v := url + "/versions/1"
	var scs []CompareScenario
	for _, name := range []string{"saturday-grinder", "accept-4111-late"} {
		data, err := os.ReadFile("../examples/scenarios/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, CompareScenario{Name: name, Scenario: data})
	}
	body := func(fields map[string]any) []byte {
		m := map[string]any{"solver": "dispatch", "seed": 1, "work_limit": 100000, "scenarios": scs}
		for k, v := range fields {
			m[k] = v
		}
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	type row struct {
		Name, Status, Error string
		LateOrders          int     `json:"late_orders"`
		WeightedTardiness   float64 `json:"weighted_tardiness"`
		Makespan            int64
	}
	resp, data := e.do("POST", v+"/compare", e.viewer, body(nil))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("compare: %d %s", resp.StatusCode, data)
	}
	c := decode[struct {
		Bottleneck string
		Rows       []row
	}](t, data)
	if len(c.Rows) != 3 || c.Rows[0].Name != "base" || c.Rows[1].Name != "saturday-grinder" || c.Rows[2].Name != "accept-4111-late" || c.Bottleneck == "" {
		t.Fatalf("comparison: %s", data)
	}
	for _, r := range c.Rows {
		if r.Error != "" || r.Makespan <= 0 {
			t.Errorf("row %+v", r)
		}
	}
	// the base row is the version's problem planned by the same solver:
	// the stored plan was made by dispatch too
	_, kd := e.do("GET", v+"/kpis", e.viewer, nil)
	k := decode[struct {
		Makespan          int64
		WeightedTardiness float64 `json:"weighted_tardiness"`
	}](t, kd)
	if c.Rows[0].Makespan != k.Makespan || c.Rows[0].WeightedTardiness != k.WeightedTardiness {
		t.Errorf("base row %+v, the plan's KPIs %+v", c.Rows[0], k)
	}
	// the same as scenario.Compare on the version's problem
	_, problem := e.do("GET", v+"/problem", e.viewer, nil)
	var parsed []scenario.Scenario
	for _, sc := range scs {
		ps, err := scenario.Parse(sc.Name, sc.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, ps)
	}
	slv, _ := solvers.Get("dispatch")
	want, err := scenario.Compare(context.Background(), problem, parsed, scenario.Config{Solver: slv,
		Options: solver.Options{TimeLimit: 10 * time.Second, WorkLimit: 100000, Seed: 1, Workers: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range want.Rows {
		if r.Plan.Schedule != nil {
			if vs := schedule.Check(r.Plan.Problem, r.Plan.Schedule); len(vs) > 0 {
				t.Fatalf("scenario %s: %v", r.Name, vs[0])
			}
		}
	}
	if wantJSON, _ := json.Marshal(want); strings.TrimSpace(string(data)) != string(wantJSON) {
		t.Errorf("the service's comparison differs from scenario.Compare's:\n%s\n%s", data, wantJSON)
	}
	// reproducible
	if _, again := e.do("POST", v+"/compare", e.viewer, body(nil)); string(again) != string(data) {
		t.Errorf("the same comparison twice differs:\n%s\n%s", data, again)
	}

	// errors
	resp, data = e.do("POST", v+"/compare", e.viewer, body(map[string]any{"scenarios": []any{}}))
	wantAPIError(t, "no scenario", resp, data, http.StatusUnprocessableEntity, "invalid_request", "scenarios")
	twice := []CompareScenario{scs[0], scs[0]}
	resp, data = e.do("POST", v+"/compare", e.viewer, body(map[string]any{"scenarios": twice}))
	if ae := wantAPIError(t, "a name twice", resp, data, http.StatusUnprocessableEntity, "invalid_request", "scenarios[1].name"); len(ae.Issues) > 0 && ae.Issues[0].Line == 0 {
		t.Errorf("the issue is not located: %s", data)
	}
	resp, data = e.do("POST", v+"/compare", e.viewer, body(map[string]any{"scenarios": []any{map[string]any{"name": "x", "scenario": []int{1}}}}))
	wantAPIError(t, "not an object", resp, data, http.StatusUnprocessableEntity, "invalid_request", "scenarios[0].scenario")
	resp, data = e.do("POST", v+"/compare", e.viewer, body(map[string]any{"solver": "nope"}))
	wantAPIError(t, "unknown solver", resp, data, http.StatusUnprocessableEntity, "invalid_request", "solver")
	resp, data = e.do("POST", v+"/compare", e.viewer, body(map[string]any{"time_limit_ms": int64(1e12)}))
	wantAPIError(t, "time limit", resp, data, http.StatusUnprocessableEntity, "invalid_request", "time_limit_ms")
	badPatch := []any{map[string]any{"name": "broken", "scenario": map[string]any{"machines": []any{map[string]any{"id": ""}}}}}
	resp, data = e.do("POST", v+"/compare", e.viewer, body(map[string]any{"scenarios": badPatch}))
	if ae := wantAPIError(t, "invalid changed problem", resp, data, http.StatusUnprocessableEntity, "invalid_scenario", ""); !strings.Contains(ae.Message, "broken") {
		t.Errorf("the error does not name the scenario: %s", data)
	}
	resp, data = e.do("POST", v+"/compare", e.viewer, []byte(`{"scenarios": [`))
	wantAPIError(t, "malformed", resp, data, http.StatusBadRequest, "malformed_json", "")
}

// TestUnitless: a problem without dates has no work lists (422), and its
// quotes are ticks.
func TestUnitless(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	url := e.createPlan([]byte(`{"version": 1, "machines": [{"id": "M1"}, {"id": "M2"}],
  "jobs": [{"id": "J1", "due": 4, "operations": [{"machine": "M1", "duration": 5}, {"machine": "M2", "duration": 3}]},
           {"id": "J2", "operations": [{"machine": "M2", "duration": 4}, {"machine": "M1", "duration": 2}]}]}`))
	e.versionOf(url, "1")
	v := url + "/versions/1"
	resp, data := e.do("GET", v+"/worklists/M1?shift=2026-12-07T06:00", e.viewer, nil)
	if ae := wantAPIError(t, "unitless work list", resp, data, http.StatusUnprocessableEntity, "invalid_worklist", ""); !strings.Contains(ae.Message, "epoch") {
		t.Errorf("unitless work list: %s", data)
	}
	resp, data = e.do("POST", v+"/promise", e.viewer, []byte(`{"id": "J3", "due": 100, "operations": [{"machine": "M1", "duration": 2}]}`))
	var doc struct {
		Insertion struct {
			Completion any
			Tick       int64 `json:"completion_tick"`
		}
	}
	if err := json.Unmarshal(data, &doc); resp.StatusCode != http.StatusOK || err != nil || doc.Insertion.Completion != float64(doc.Insertion.Tick) || doc.Insertion.Tick < 2 {
		t.Errorf("unitless promise: %d %s", resp.StatusCode, data)
	}
	resp, data = e.do("GET", v+"/late/J1", e.viewer, nil)
	if got := decode[struct{ Orders []struct{ Job string } }](t, data); resp.StatusCode != http.StatusOK || len(got.Orders) != 1 {
		t.Errorf("J1 (5 + 3 ticks of work, due at 4) is late: %d %s", resp.StatusCode, data)
	}
}
