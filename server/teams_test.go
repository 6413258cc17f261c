package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/report"
)

// TestTeamStore runs the teams part of the store's contract against
// SQLite, and against PostgreSQL when ORDO_TEST_POSTGRES is set.
func TestTeamStore(t *testing.T) {
	for name, spec := range stores(t) {
		t.Run(name, func(t *testing.T) { testTeamStore(t, spec) })
	}
}

func testTeamStore(t *testing.T, spec string) {
	ctx := context.Background()
	st, err := OpenStore(ctx, spec)
	if err != nil {
		t.Fatalf("OpenStore(%s): %v", RedactSpec(spec), err)
	}
	defer st.Close()
	// plants are random: a PostgreSQL database is shared by runs
	plant, other := newID("plant-"), newID("plant-")
	t0 := time.Now().UTC().Truncate(time.Millisecond)
	lathes := &TeamRecord{Plant: plant, Name: "lathes", Machines: []string{"LAT-01", "LAT-02"}, Pools: []string{}, Created: t0, Updated: t0}
	created, err := st.PutTeam(ctx, lathes)
	if err != nil || !created {
		t.Fatalf("PutTeam (new): created %v, %v", created, err)
	}
	t1 := t0.Add(time.Minute)
	again := &TeamRecord{Plant: plant, Name: "lathes", Machines: []string{"LAT-02"}, Pools: []string{"turners"}, Created: t1, Updated: t1}
	created, err = st.PutTeam(ctx, again)
	if err != nil || created {
		t.Fatalf("PutTeam (existing): created %v, %v", created, err)
	}
	if !again.Created.Equal(t0) {
		t.Errorf("PutTeam over a team: created %v, want the first %v", again.Created, t0)
	}
	got, err := st.Team(ctx, plant, "lathes")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Machines, got.Pools) != "[LAT-02] [turners]" || !got.Created.Equal(t0) || !got.Updated.Equal(t1) || got.Plant != plant {
		t.Errorf("Team: %+v", got)
	}
	mills := &TeamRecord{Plant: plant, Name: "Mills", Machines: []string{"MIL-01"}, Created: t0, Updated: t0}
	if _, err := st.PutTeam(ctx, mills); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutTeam(ctx, &TeamRecord{Plant: other, Name: "lathes", Pools: []string{"p"}, Created: t0, Updated: t0}); err != nil {
		t.Fatal(err)
	}
	ts, err := st.Teams(ctx, plant)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range ts {
		names = append(names, x.Name)
	}
	if fmt.Sprint(names) != "[Mills lathes]" {
		t.Errorf("Teams: %v, want [Mills lathes] (byte order)", names)
	}
	if got, err := st.Team(ctx, other, "lathes"); err != nil || fmt.Sprint(got.Machines, got.Pools) != "[] [p]" {
		t.Errorf("the other plant's team: %+v, %v", got, err)
	}
	if _, err := st.Team(ctx, other, "Mills"); !errors.Is(err, ErrNotFound) {
		t.Errorf("another plant's team: %v, want ErrNotFound", err)
	}
	if err := st.DeleteTeam(ctx, other, "Mills"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteTeam of another plant's team: %v, want ErrNotFound", err)
	}
	if err := st.DeleteTeam(ctx, plant, "lathes"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Team(ctx, plant, "lathes"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted team: %v, want ErrNotFound", err)
	}
	if err := st.DeleteTeam(ctx, plant, "lathes"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteTeam twice: %v, want ErrNotFound", err)
	}
	if got, err := st.Team(ctx, other, "lathes"); err != nil || got.Name != "lathes" {
		t.Errorf("the other plant's team after a delete: %v", err)
	}
	if ts, err := st.Teams(ctx, newID("plant-")); err != nil || ts == nil || len(ts) != 0 {
		t.Errorf("Teams of a plant without any: %v, %v", ts, err)
	}
}

// putTeam stores a team with the planner's token and fails the test
// unless the answer is want.
func (e *testEnv) putTeam(name, body string, want int) TeamView {
	e.t.Helper()
	resp, data := e.do("PUT", "/v1/teams/"+name, e.planner, []byte(body))
	if resp.StatusCode != want {
		e.t.Fatalf("PUT /v1/teams/%s: %d, want %d: %s", name, resp.StatusCode, want, data)
	}
	return decode[TeamView](e.t, data)
}

// TestTeamRoutes creates, replaces, lists, reads and deletes teams, and
// gets the documented errors for bad bodies, unknown teams and tokens
// that may not.
func TestTeamRoutes(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})

	tv := e.putTeam("LATHES", `{"machines": ["LAT-01", "LAT-02"]}`, http.StatusCreated)
	if tv.Name != "LATHES" || tv.Plant != "north" || fmt.Sprint(tv.Machines) != "[LAT-01 LAT-02]" || tv.Pools == nil || len(tv.Pools) != 0 || tv.URL != "/v1/teams/LATHES" {
		t.Errorf("created team: %+v", tv)
	}
	tv2 := e.putTeam("LATHES", `{"machines": ["LAT-01"], "pools": ["quality"]}`, http.StatusOK)
	if fmt.Sprint(tv2.Machines, tv2.Pools) != "[LAT-01] [quality]" || tv2.CreatedAt != tv.CreatedAt {
		t.Errorf("replaced team: %+v (created at first %s)", tv2, tv.CreatedAt)
	}
	e.putTeam("ASSEMBLY", `{"pools": ["assembly-team"]}`, http.StatusCreated)

	resp, data := e.do("GET", "/v1/teams", e.viewer, nil)
	list := decode[struct{ Teams []TeamView }](t, data)
	if resp.StatusCode != http.StatusOK || len(list.Teams) != 2 || list.Teams[0].Name != "ASSEMBLY" || list.Teams[1].Name != "LATHES" {
		t.Errorf("GET /v1/teams: %d %s", resp.StatusCode, data)
	}
	resp, data = e.do("GET", "/v1/teams/LATHES", e.viewer, nil)
	if got := decode[TeamView](t, data); resp.StatusCode != http.StatusOK || fmt.Sprint(got.Machines, got.Pools) != "[LAT-01] [quality]" {
		t.Errorf("GET /v1/teams/LATHES: %d %s", resp.StatusCode, data)
	}

	// another plant sees none of them
	resp, data = e.do("GET", "/v1/teams", e.other, nil)
	if list := decode[struct{ Teams []TeamView }](t, data); resp.StatusCode != http.StatusOK || len(list.Teams) != 0 {
		t.Errorf("another plant's GET /v1/teams: %d %s", resp.StatusCode, data)
	}
	for _, m := range []string{"GET", "DELETE"} {
		resp, data = e.do(m, "/v1/teams/LATHES", e.other, nil)
		wantAPIError(t, "another plant's "+m, resp, data, http.StatusNotFound, "not_found", "")
	}

	// who may not
	for _, c := range []struct{ method, path, token, what string }{
		{"PUT", "/v1/teams/LATHES", e.viewer, "a viewer's PUT"},
		{"DELETE", "/v1/teams/LATHES", e.viewer, "a viewer's DELETE"},
		{"GET", "/v1/teams", e.team, "a team token's list"},
		{"GET", "/v1/teams/LATHES", e.team, "a team token's GET"},
		{"PUT", "/v1/teams/lathes", e.team, "a team token's PUT"},
	} {
		resp, data := e.do(c.method, c.path, c.token, []byte(`{"machines": ["X"]}`))
		wantAPIError(t, c.what, resp, data, http.StatusForbidden, "forbidden", "")
	}
	resp, data = e.do("PUT", "/v1/teams/LATHES", "", []byte(`{"machines": ["X"]}`))
	wantAPIError(t, "no token", resp, data, http.StatusUnauthorized, "unauthorized", "")

	// bad bodies and names
	for _, c := range []struct {
		what, name, body string
		code             int
		errCode, path    string
	}{
		{"malformed JSON", "LATHES", `{"machines": ["LAT-01"`, http.StatusBadRequest, "malformed_json", ""},
		{"not JSON", "LATHES", `machines`, http.StatusBadRequest, "malformed_json", ""},
		{"empty body", "LATHES", ``, http.StatusBadRequest, "malformed_json", ""},
		{"two values", "LATHES", `{"machines": ["A"]} {}`, http.StatusBadRequest, "malformed_json", ""},
		{"wrong type", "LATHES", `{"machines": "LAT-01"}`, http.StatusUnprocessableEntity, "invalid_team", "machines"},
		{"unknown field", "LATHES", `{"machines": ["LAT-01"], "machine": ["X"]}`, http.StatusUnprocessableEntity, "invalid_team", ""},
		{"no member", "LATHES", `{"machines": [], "pools": []}`, http.StatusUnprocessableEntity, "invalid_team", "machines"},
		{"nothing", "LATHES", `{}`, http.StatusUnprocessableEntity, "invalid_team", "machines"},
		{"repeated", "LATHES", `{"machines": ["LAT-01", "LAT-01"]}`, http.StatusUnprocessableEntity, "invalid_team", "machines[1]"},
		{"empty ID", "LATHES", `{"machines": ["LAT-01"], "pools": [" "]}`, http.StatusUnprocessableEntity, "invalid_team", "pools[0]"},
		{"long ID", "LATHES", `{"machines": ["` + strings.Repeat("M", maxMemberID+1) + `"]}`, http.StatusUnprocessableEntity, "invalid_team", "machines[0]"},
		{"bad name", "a%20b", `{"machines": ["LAT-01"]}`, http.StatusUnprocessableEntity, "invalid_team", "team"},
		{"long name", strings.Repeat("n", 65), `{"machines": ["LAT-01"]}`, http.StatusUnprocessableEntity, "invalid_team", "team"},
	} {
		resp, data := e.do("PUT", "/v1/teams/"+c.name, e.planner, []byte(c.body))
		ae := wantAPIError(t, c.what, resp, data, c.code, c.errCode, c.path)
		if c.what == "unknown field" && !strings.Contains(ae.Message, `"machine"`) {
			t.Errorf("unknown field: the message does not name it: %s", ae.Message)
		}
	}
	many := make([]string, maxTeamMembers+1)
	for i := range many {
		many[i] = fmt.Sprintf("%q", fmt.Sprintf("M%d", i))
	}
	resp, data = e.do("PUT", "/v1/teams/BIG", e.planner, []byte(`{"machines": [`+strings.Join(many, ",")+`]}`))
	wantAPIError(t, "too many members", resp, data, http.StatusUnprocessableEntity, "invalid_team", "machines")
	// the failed PUTs changed nothing
	if _, data := e.do("GET", "/v1/teams/LATHES", e.viewer, nil); fmt.Sprint(decode[TeamView](t, data).Machines) != "[LAT-01]" {
		t.Errorf("LATHES after refused PUTs: %s", data)
	}
	if resp, _ := e.do("GET", "/v1/teams/BIG", e.viewer, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a refused PUT created its team: %d", resp.StatusCode)
	}

	// unknown teams
	for _, m := range []string{"GET", "DELETE"} {
		resp, data := e.do(m, "/v1/teams/NOPE", e.planner, nil)
		wantAPIError(t, m+" of an unknown team", resp, data, http.StatusNotFound, "not_found", "")
		resp, data = e.do(m, "/v1/teams/a%20b", e.planner, nil)
		wantAPIError(t, m+" of a name no team has", resp, data, http.StatusNotFound, "not_found", "")
	}

	// delete
	if resp, data := e.do("DELETE", "/v1/teams/LATHES", e.planner, nil); resp.StatusCode != http.StatusNoContent || len(data) != 0 {
		t.Errorf("DELETE: %d %q", resp.StatusCode, data)
	}
	resp, data = e.do("GET", "/v1/teams/LATHES", e.viewer, nil)
	wantAPIError(t, "GET after DELETE", resp, data, http.StatusNotFound, "not_found", "")
	resp, data = e.do("GET", "/v1/teams", e.viewer, nil)
	if list := decode[struct{ Teams []TeamView }](t, data); resp.StatusCode != http.StatusOK || len(list.Teams) != 1 || list.Teams[0].Name != "ASSEMBLY" {
		t.Errorf("teams after DELETE: %d %s", resp.StatusCode, data)
	}
	// a new PUT creates it again
	e.putTeam("LATHES", `{"machines": ["LAT-02"]}`, http.StatusCreated)
}

// itemKeys returns "order/operation" of a list's items, in its order.
func itemKeys(items []report.WorkItemJSON) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Order + "/" + it.Op
	}
	return out
}

// unionByTime returns the items of lists, each operation once, in time
// order (setup start, start, machine).
func unionByTime(t *testing.T, lists ...report.WorkListJSON) []report.WorkItemJSON {
	t.Helper()
	parse := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatalf("time %q: %v", s, err)
		}
		return tm
	}
	seen := map[string]bool{}
	var out []report.WorkItemJSON
	for _, wl := range lists {
		for _, it := range wl.Items {
			if k := it.Order + "/" + it.Op; !seen[k] {
				seen[k] = true
				out = append(out, it)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y report.WorkItemJSON) int {
		if c := parse(x.SetupStart).Compare(parse(y.SetupStart)); c != 0 {
			return c
		}
		if c := parse(x.Start).Compare(parse(y.Start)); c != 0 {
			return c
		}
		return strings.Compare(x.Machine, y.Machine)
	})
	return out
}

// TestTeamWorkLists reads the work list of a team: one list of its
// machines and pools, the union of their single lists in time order; a
// team:NAME token reads it and its members' lists, nothing else; a team
// whose members a version lacks gets 422 naming them.
func TestTeamWorkLists(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	url := e.createPlan(plantJSON())
	p, s := e.versionOf(url, "1")
	v := url + "/versions/1"
	q := "?shift=" + testShift
	single := func(group, q string) report.WorkListJSON {
		t.Helper()
		resp, data := e.do("GET", v+"/worklists/"+group+q, e.viewer, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s's list: %d %s", group, resp.StatusCode, data)
		}
		return decode[report.WorkListJSON](t, data)
	}
	lat1, lat2 := single("LAT-01", q), single("LAT-02", q)
	if len(lat1.Items)+len(lat2.Items) == 0 {
		t.Fatalf("the lathes have no work in the shift of %s", testShift)
	}

	e.putTeam("LATHES", `{"machines": ["LAT-01", "LAT-02"]}`, http.StatusCreated)
	lathes := e.token("team:LATHES")
	resp, data := e.do("GET", v+"/worklists/LATHES"+q, lathes, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the team's list: %d %s", resp.StatusCode, data)
	}
	got := decode[report.WorkListJSON](t, data)
	want := unionByTime(t, lat1, lat2)
	if fmt.Sprint(itemKeys(got.Items)) != fmt.Sprint(itemKeys(want)) {
		t.Errorf("LATHES items %v, want the union of LAT-01's and LAT-02's in time order %v", itemKeys(got.Items), itemKeys(want))
	}
	for k, it := range got.Items {
		if it.Seq != k+1 || (it.Machine != "LAT-01" && it.Machine != "LAT-02") {
			t.Errorf("LATHES item %d: seq %d on %s", k, it.Seq, it.Machine)
		}
	}
	if got.Team != "LATHES" || fmt.Sprint(got.Machines) != "[LAT-01 LAT-02]" || got.Pool != "" || len(got.Pools) != 0 {
		t.Errorf("LATHES list: team %q machines %v pool %q pools %v", got.Team, got.Machines, got.Pool, got.Pools)
	}
	// the same as the operations of the schedule on the lathes in their
	// machines' windows
	n := 0
	for _, a := range s.Assignments {
		id := p.Machines[a.Machine].ID
		for _, wl := range []report.WorkListJSON{lat1, lat2} {
			if wl.Machines[0] == id {
				st := p.TimeOf(a.SetupStart)
				from, _ := time.Parse(time.RFC3339, wl.WindowStart)
				to, _ := time.Parse(time.RFC3339, wl.WindowEnd)
				if !st.Before(from) && st.Before(to) {
					n++
				}
			}
		}
	}
	if n != len(got.Items) {
		t.Errorf("LATHES has %d items, the schedule %d operations starting in the lathes' windows", len(got.Items), n)
	}

	// CSV and HTML of the team's list
	resp, data = e.do("GET", v+"/worklists/LATHES"+q+"&format=csv", lathes, nil)
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) != 1+len(got.Items) {
		t.Errorf("LATHES csv: %d, %d rows (want %d), %v", resp.StatusCode, len(rows), 1+len(got.Items), err)
	}
	resp, data = e.do("GET", v+"/worklists/LATHES"+q+"&format=html", lathes, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), "LAT-01") || !strings.Contains(string(data), "LAT-02") {
		t.Errorf("LATHES html: %d %.200s", resp.StatusCode, data)
	}

	// the team token reads its members' lists, and nothing else
	for _, m := range []string{"LAT-01", "LAT-02"} {
		resp, data := e.do("GET", v+"/worklists/"+m+q, lathes, nil)
		if got := decode[report.WorkListJSON](t, data); resp.StatusCode != http.StatusOK || got.Team != m {
			t.Errorf("team:LATHES reads %s: %d %.200s", m, resp.StatusCode, data)
		}
	}
	e.putTeam("MILLS", `{"machines": ["MIL-01", "MIL-02"]}`, http.StatusCreated)
	for _, path := range []string{
		v + "/worklists/MILLS" + q, v + "/worklists/MIL-01" + q, v + "/worklists/assembly-team" + q,
		v + "/worklists" + q, v + "/kpis", url, "/v1/teams/MILLS", "/v1/teams",
	} {
		resp, data := e.do("GET", path, lathes, nil)
		wantAPIError(t, "team:LATHES reads "+path, resp, data, http.StatusForbidden, "forbidden", "")
	}
	// the team token reads its own team's record (which machines and
	// pools its list holds)
	if resp, data := e.do("GET", "/v1/teams/LATHES", lathes, nil); resp.StatusCode != http.StatusOK ||
		!slices.Equal(decode[TeamView](t, data).Machines, []string{"LAT-01", "LAT-02"}) {
		t.Errorf("team:LATHES reads its team: %d %.200s", resp.StatusCode, data)
	}
	// a team named like one of its members' machines is still another
	// team's list
	e.putTeam("LAT-02", `{"machines": ["LAT-02"]}`, http.StatusCreated)
	resp, data = e.do("GET", v+"/worklists/LAT-02"+q, lathes, nil)
	wantAPIError(t, "team:LATHES reads team LAT-02", resp, data, http.StatusForbidden, "forbidden", "")
	if resp, data := e.do("DELETE", "/v1/teams/LAT-02", e.planner, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE LAT-02: %d %s", resp.StatusCode, data)
	}
	// another plant's team token of the same name finds no plan
	south, err := CreateToken(context.Background(), e.store, "south", Role{Kind: RoleTeam, Group: "LATHES"})
	if err != nil {
		t.Fatal(err)
	}
	resp, data = e.do("GET", v+"/worklists/LATHES"+q, south, nil)
	wantAPIError(t, "south's team:LATHES", resp, data, http.StatusNotFound, "not_found", "")

	// a team of machines and pools over a week: operations in several
	// (on ASM-01 with assembly-team) appear once, all in time order
	week := "?from=2026-12-07T00:00&to=2026-12-14T00:00"
	lat1w, asm1, pool, quality := single("LAT-01", week), single("ASM-01", week), single("assembly-team", week), single("quality", week)
	e.putTeam("ASSEMBLY", `{"machines": ["LAT-01", "ASM-01"], "pools": ["assembly-team", "quality"]}`, http.StatusCreated)
	resp, data = e.do("GET", v+"/worklists/ASSEMBLY"+week, e.token("team:ASSEMBLY"), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ASSEMBLY: %d %s", resp.StatusCode, data)
	}
	mixed := decode[report.WorkListJSON](t, data)
	want = unionByTime(t, lat1w, asm1, pool, quality)
	appended := append(append(append(itemKeys(lat1w.Items), itemKeys(asm1.Items)...), itemKeys(pool.Items)...), itemKeys(quality.Items)...)
	if len(lat1w.Items) == 0 || len(quality.Items) == 0 || !overlap(asm1, pool) || slices.IsSortedFunc(appended, func(a, b string) int {
		return slices.Index(itemKeys(want), a) - slices.Index(itemKeys(want), b)
	}) {
		t.Fatalf("the fixture does not test the merge: LAT-01 %v, ASM-01 %v, assembly-team %v, quality %v", itemKeys(lat1w.Items), itemKeys(asm1.Items), itemKeys(pool.Items), itemKeys(quality.Items))
	}
	if fmt.Sprint(itemKeys(mixed.Items)) != fmt.Sprint(itemKeys(want)) {
		t.Errorf("ASSEMBLY items %v, want the union of LAT-01's, ASM-01's, assembly-team's and quality's in time order %v", itemKeys(mixed.Items), itemKeys(want))
	}
	if mixed.Team != "ASSEMBLY" || !slices.Equal(mixed.Machines[:min(2, len(mixed.Machines))], []string{"LAT-01", "ASM-01"}) || fmt.Sprint(mixed.Pools) != "[assembly-team quality]" || mixed.Pool != "" {
		t.Errorf("ASSEMBLY list: team %q machines %v pool %q pools %v", mixed.Team, mixed.Machines, mixed.Pool, mixed.Pools)
	}
	for _, it := range mixed.Items {
		if !slices.Contains(mixed.Machines, it.Machine) {
			t.Errorf("ASSEMBLY: item %s/%s on %s, not among its machines %v", it.Order, it.Op, it.Machine, mixed.Machines)
		}
	}
	// bring totals the items' materials
	tot := map[string]float64{}
	for _, it := range mixed.Items {
		for _, m := range it.Materials {
			tot[m.Material] += m.Quantity
		}
	}
	for _, b := range mixed.Bring {
		if tot[b.Material] != b.Quantity {
			t.Errorf("ASSEMBLY bring %s: %v, the items need %v", b.Material, b.Quantity, tot[b.Material])
		}
		delete(tot, b.Material)
	}
	if len(tot) > 0 {
		t.Errorf("ASSEMBLY bring lacks %v", tot)
	}

	// a team with members the version lacks
	e.putTeam("GHOSTS", `{"machines": ["LAT-01", "LAT-99"], "pools": ["nobody"]}`, http.StatusCreated)
	resp, data = e.do("GET", v+"/worklists/GHOSTS"+q, e.viewer, nil)
	ae := wantAPIError(t, "unknown members", resp, data, http.StatusUnprocessableEntity, "unknown_team_member", "machines[1]")
	if !strings.Contains(ae.Message, "LAT-99") || !strings.Contains(ae.Message, "nobody") || strings.Contains(ae.Message, "LAT-01") ||
		len(ae.Issues) != 2 || ae.Issues[1].Path != "pools[0]" {
		t.Errorf("unknown members: %s", data)
	}
	// the ordinary errors of a work list hold for teams too
	resp, data = e.do("GET", v+"/worklists/LATHES", lathes, nil)
	wantAPIError(t, "no shift", resp, data, http.StatusBadRequest, "invalid_parameter", "shift")
	resp, data = e.do("GET", v+"/worklists/LATHES?from=2026-12-08T06:00&to=2026-12-07T06:00", lathes, nil)
	wantAPIError(t, "range backwards", resp, data, http.StatusUnprocessableEntity, "invalid_worklist", "")

	// deleted, the team's token reads only a machine or pool of its name
	if resp, data := e.do("DELETE", "/v1/teams/LATHES", e.planner, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE LATHES: %d %s", resp.StatusCode, data)
	}
	resp, data = e.do("GET", v+"/worklists/LAT-01"+q, lathes, nil)
	wantAPIError(t, "team:LATHES without its team", resp, data, http.StatusForbidden, "forbidden", "")
	resp, data = e.do("GET", v+"/worklists/LATHES"+q, lathes, nil)
	wantAPIError(t, "the deleted team's list", resp, data, http.StatusNotFound, "not_found", "")
}

// overlap reports whether two lists share an operation.
func overlap(a, b report.WorkListJSON) bool {
	keys := itemKeys(a.Items)
	for _, k := range itemKeys(b.Items) {
		if slices.Contains(keys, k) {
			return true
		}
	}
	return false
}

// TestTeamMigration opens a store left at schema version 1 (before teams):
// opening it applies migration 2, and teams work.
func TestTeamMigration(t *testing.T) {
	ctx := context.Background()
	spec := sqliteSpec(t)
	st, err := OpenStore(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	db := st.(*sqlStore).db
	for _, stmt := range []string{`DROP TABLE teams`, `DELETE FROM schema_migrations WHERE version >= 2`} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if _, err := st.Teams(ctx, "north"); err == nil {
		t.Fatal("the teams table is still there")
	}
	st.Close()
	st, err = OpenStore(ctx, spec)
	if err != nil {
		t.Fatalf("OpenStore of a version-1 store: %v", err)
	}
	defer st.Close()
	var n int
	if err := st.(*sqlStore).db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(migrations) {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, len(migrations))
	}
	now := time.Now().UTC()
	if _, err := st.PutTeam(ctx, &TeamRecord{Plant: "north", Name: "lathes", Machines: []string{"LAT-01"}, Created: now, Updated: now}); err != nil {
		t.Fatalf("PutTeam after the migration: %v", err)
	}
	if ts, err := st.Teams(ctx, "north"); err != nil || len(ts) != 1 {
		t.Errorf("Teams after the migration: %v, %v", ts, err)
	}
}
