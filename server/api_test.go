package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// docOperations returns the operations of the OpenAPI document: "METHOD
// path" -> x-ordo-access.
func docOperations(t *testing.T) map[string]string {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]struct {
			Access   string `json:"x-ordo-access"`
			Security []map[string][]string
		} `json:"paths"`
	}
	if err := json.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatalf("OpenAPI document: %v", err)
	}
	ops := map[string]string{}
	for path, item := range doc.Paths {
		for method, op := range item {
			if op.Access == "" {
				t.Errorf("%s %s has no x-ordo-access", method, path)
			}
			if (op.Access == "public") != (len(op.Security) == 0) {
				t.Errorf("%s %s: x-ordo-access %s disagrees with its security %v", method, path, op.Access, op.Security)
			}
			ops[strings.ToUpper(method)+" "+path] = op.Access
		}
	}
	return ops
}

var accessNames = map[Access]string{Public: "public", Read: "read", Write: "write", WorkList: "worklist", Team: "team"}

// TestRoutesMatchDocument holds the server's routes against the OpenAPI
// document, both ways: a route cannot be served without being documented,
// nor documented without being served, and both say what it needs.
func TestRoutesMatchDocument(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	ops := docOperations(t)
	served := map[string]bool{}
	for _, rt := range e.srv.Routes() {
		key := rt.Method + " " + rt.Path
		served[key] = true
		access, ok := ops[key]
		if !ok {
			t.Errorf("route %s is not in the OpenAPI document", key)
			continue
		}
		if access != accessNames[rt.Access] {
			t.Errorf("route %s: the document says %s, the server %s", key, access, accessNames[rt.Access])
		}
	}
	for key := range ops {
		if !served[key] {
			t.Errorf("the OpenAPI document has %s, which the server does not serve", key)
		}
	}
}

// fixture creates, with the planner of plant north, a finished solve and
// a plan, and returns their ids.
func (e *testEnv) fixture() (solveID, planID string) {
	e.t.Helper()
	resp, data := e.do("POST", "/v1/plans", e.planner, solveBody(e.t, map[string]any{"solver": "dispatch", "name": "week 49"}))
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("POST /v1/plans: %d %s", resp.StatusCode, data)
	}
	plan := decode[PlanView](e.t, data)
	resp, data = e.do("POST", "/v1/solves", e.planner, solveBody(e.t, map[string]any{"solver": "dispatch"}))
	if resp.StatusCode != http.StatusAccepted {
		e.t.Fatalf("POST /v1/solves: %d %s", resp.StatusCode, data)
	}
	job := decode[JobStatus](e.t, data)
	e.waitJob(job.ID, e.planner)
	return job.ID, plan.ID
}

// waitJob follows a job's progress stream to its end and returns the
// final status.
func (e *testEnv) waitJob(id, token string) JobStatus {
	e.t.Helper()
	events := e.stream(id, token)
	if len(events) == 0 || events[len(events)-1].name != "end" {
		e.t.Fatalf("progress stream of %s did not end with an end event: %v", id, events)
	}
	return events[len(events)-1].job
}

type sse struct {
	name string
	job  JobStatus
}

// stream reads a job's Server-Sent Events to the end.
func (e *testEnv) stream(id, token string) []sse {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.http.URL+"/v1/solves/"+id+"/progress", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		data, _ := io.ReadAll(resp.Body)
		e.t.Fatalf("progress: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	var out []sse
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	name := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			out = append(out, sse{name, decode[JobStatus](e.t, []byte(strings.TrimPrefix(line, "data: ")))})
		}
	}
	return out
}

// TestEveryRouteRefused tries every route of the OpenAPI document with no
// token, a malformed header, an unknown token, a viewer's token, a team's
// token and another plant's token: each is refused as the document says.
func TestEveryRouteRefused(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	solveID, planID := e.fixture()
	ops := docOperations(t)
	keys := make([]string, 0, len(ops))
	for k := range ops {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		access := ops[key]
		method, path, _ := strings.Cut(key, " ")
		id := planID
		if strings.HasPrefix(path, "/v1/solves/") {
			id = solveID
		}
		url := strings.NewReplacer("{id}", id, "{version}", "1", "{group}", "lathes", "{order}", "SHF-4111", "{team}", "lathes").Replace(path)
		var body []byte
		if method == "POST" {
			body = plantJSON()
		}
		if access == "public" {
			if resp, data := e.do(method, url, "", body); resp.StatusCode != http.StatusOK {
				t.Errorf("%s without a token: %d, want 200: %s", key, resp.StatusCode, data)
			}
			continue
		}
		for _, tok := range []string{"", "ordo_unknown"} {
			resp, data := e.do(method, url, tok, body)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s with token %q: %d, want 401: %s", key, tok, resp.StatusCode, data)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s with token %q: no WWW-Authenticate header", key, tok)
			}
		}
		if resp, _ := e.do(method, url, e.viewer, body); access == "write" && resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a viewer's token: %d, want 403", key, resp.StatusCode)
		} else if access != "write" && (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized) {
			t.Errorf("%s with a viewer's token: %d, want it allowed", key, resp.StatusCode)
		}
		teamRoute := access == "worklist" || access == "team"
		if resp, _ := e.do(method, url, e.team, body); !teamRoute && resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a team's token: %d, want 403", key, resp.StatusCode)
		} else if teamRoute && (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized) {
			t.Errorf("%s with the group's team token: %d, want it allowed", key, resp.StatusCode)
		}
		if teamRoute {
			// the team of group lathes may not read another group's
			// lists, nor another team's record
			other := strings.NewReplacer("{id}", id, "{version}", "1", "{group}", "LAT-01", "{team}", "LAT-01").Replace(path)
			if resp, _ := e.do(method, other, e.team, body); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s of another group with a team's token: %d, want 403", key, resp.StatusCode)
			}
		}
		if strings.Contains(path, "{id}") {
			if resp, data := e.do(method, url, e.other, body); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s with another plant's token: %d, want 404: %s", key, resp.StatusCode, data)
			}
		}
	}
	// the refusals changed nothing: the plan is still at version 1
	if _, data := e.do("GET", "/v1/plans/"+planID, e.viewer, nil); decode[PlanView](t, data).Version != 1 {
		t.Errorf("plan changed: %s", data)
	}
}

func TestValidate(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	resp, data := e.do("POST", "/v1/validate", e.viewer, plantJSON())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("valid plant: %d %s", resp.StatusCode, data)
	}
	if v := decode[Validation](t, data); !v.Valid || v.Jobs == 0 || v.Machines == 0 {
		t.Errorf("validation: %+v", v)
	}

	// two faults: an unknown machine and a negative quantity
	bad := strings.Replace(string(plantJSON()), `"machine": "`, `"machine": "NOPE-`, 1)
	resp, data = e.do("POST", "/v1/validate", e.planner, []byte(bad))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid plant: %d %s", resp.StatusCode, data)
	}
	ae := decode[APIError](t, data)
	if ae.Code != "invalid_problem" || len(ae.Issues) == 0 {
		t.Fatalf("invalid plant: %+v", ae)
	}
	found := false
	for _, is := range ae.Issues {
		if strings.Contains(is.Message, "NOPE-") && is.Line > 0 && is.Path != "" {
			found = true
			// the issue points at the machine's line or at its operation
			// (the shorthand "machine" has no alternatives[0] in the text)
			want := 1 + strings.Count(bad[:strings.Index(bad, "NOPE-")], "\n")
			if is.Line > want || is.Line < want-5 {
				t.Errorf("issue %+v: the unknown machine is on line %d", is, want)
			}
		}
	}
	if !found {
		t.Errorf("no located issue names the unknown machine: %+v", ae.Issues)
	}

	// malformed JSON: 400 with a position
	resp, data = e.do("POST", "/v1/validate", e.planner, []byte("{\n  \"jobs\": [1,,]\n}"))
	if ae := decode[APIError](t, data); resp.StatusCode != http.StatusBadRequest || ae.Code != "malformed_json" || len(ae.Issues) != 1 || ae.Issues[0].Line != 2 {
		t.Errorf("malformed JSON: %d %s", resp.StatusCode, data)
	}

	// an embedded problem's issues are located in the whole body
	body := solveBody(t, map[string]any{"solver": "dispatch"})
	body = []byte(strings.Replace(string(body), `"machine":"`, `"machine":"NOPE-`, 1))
	resp, data = e.do("POST", "/v1/solves", e.planner, body)
	ae = decode[APIError](t, data)
	if resp.StatusCode != http.StatusUnprocessableEntity || len(ae.Issues) == 0 || !strings.HasPrefix(ae.Issues[0].Path, "problem.") {
		t.Errorf("solve of an invalid problem: %d %s", resp.StatusCode, data)
	}
	// unknown solver, bad objective, wrong types
	for _, fields := range []map[string]any{{"solver": "nope"}, {"objective": "speed"}, {"time_limit_ms": -1}, {"seed": "x"}, {"time_limit_ms": int64(1e12)}} {
		resp, data := e.do("POST", "/v1/solves", e.planner, solveBody(t, fields))
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("solve with %v: %d %s", fields, resp.StatusCode, data)
		}
	}
	if resp, data := e.do("POST", "/v1/solves", e.planner, []byte(`{"solver": "dispatch"}`)); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("solve without a problem: %d %s", resp.StatusCode, data)
	}
}

// TestSolveLifecycle submits a solve, follows its progress stream, and
// reads its status and result.
func TestSolveLifecycle(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	resp, data := e.do("POST", "/v1/solves", e.planner, solveBody(t, map[string]any{"solver": "dispatch", "seed": 3}))
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("submit: %d %s", resp.StatusCode, data)
	}
	job := decode[JobStatus](t, data)
	if resp.Header.Get("Location") != "/v1/solves/"+job.ID || job.URL != "/v1/solves/"+job.ID {
		t.Errorf("Location %q, url %q", resp.Header.Get("Location"), job.URL)
	}
	final := e.waitJob(job.ID, e.viewer)
	if final.State != JobDone || final.Objective == nil || final.ResultURL == "" {
		t.Fatalf("final status: %+v", final)
	}
	resp, data = e.do("GET", job.URL, e.viewer, nil)
	if st := decode[JobStatus](t, data); resp.StatusCode != http.StatusOK || st.State != JobDone || *st.Objective != *final.Objective {
		t.Errorf("status: %d %s", resp.StatusCode, data)
	}
	resp, data = e.do("GET", final.ResultURL, e.viewer, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("result: %d %s", resp.StatusCode, data)
	}
	doc := checkResult(t, plantJSON(), data)
	if doc.Objective != *final.Objective || doc.Solver == "" {
		t.Errorf("result objective %g solver %q, status objective %g", doc.Objective, doc.Solver, *final.Objective)
	}
	// a finished job's stream is one end event
	if ev := e.stream(job.ID, e.viewer); len(ev) != 1 || ev[0].name != "end" || ev[0].job.State != JobDone {
		t.Errorf("stream of a finished job: %+v", ev)
	}
	// cancelling a finished job changes nothing
	if resp, data := e.do("POST", job.URL+"/cancel", e.planner, nil); resp.StatusCode != http.StatusOK || decode[JobStatus](t, data).State != JobDone {
		t.Errorf("cancel of a finished job: %d %s", resp.StatusCode, data)
	}
	// a plan from the finished solve
	resp, data = e.do("POST", "/v1/plans", e.planner, []byte(fmt.Sprintf(`{"solve": %q, "name": "from a solve"}`, job.ID)))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("plan from a solve: %d %s", resp.StatusCode, data)
	}
	if pv := decode[PlanView](t, data); pv.Name != "from a solve" || pv.Version != 1 {
		t.Errorf("plan: %+v", pv)
	}
	if resp, data := e.do("POST", "/v1/plans", e.other, []byte(fmt.Sprintf(`{"solve": %q}`, job.ID))); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("plan from another plant's solve: %d %s", resp.StatusCode, data)
	}
}

// TestCancelKeepsBest cancels a long tabu search: the job ends canceled
// with its best schedule, which can become a plan.
func TestCancelKeepsBest(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	resp, data := e.do("POST", "/v1/solves", e.planner, solveBody(t, map[string]any{"solver": "ga", "time_limit_ms": 600000}))
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("submit: %d %s", resp.StatusCode, data)
	}
	job := decode[JobStatus](t, data)
	// wait until it runs with an incumbent
	req, _ := http.NewRequest(http.MethodGet, e.http.URL+job.ProgressURL, nil)
	req.Header.Set("Authorization", "Bearer "+e.viewer)
	sresp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(sresp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			if st := decode[JobStatus](t, []byte(line)); st.State == JobRunning && st.Objective != nil {
				break
			}
		}
	}
	resp, data = e.do("POST", job.URL+"/cancel", e.planner, nil)
	st := decode[JobStatus](t, data)
	if resp.StatusCode != http.StatusOK || st.State != JobCanceled || st.ResultURL == "" || st.Objective == nil {
		t.Fatalf("cancel: %d %s", resp.StatusCode, data)
	}
	// the stream that was open ends with the canceled state
	var last JobStatus
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			last = decode[JobStatus](t, []byte(line))
		}
	}
	sresp.Body.Close()
	if last.State != JobCanceled {
		t.Errorf("the open stream ended with %+v", last)
	}
	_, data = e.do("GET", st.ResultURL, e.viewer, nil)
	checkResult(t, plantJSON(), data)
	if resp, data := e.do("POST", "/v1/plans", e.planner, []byte(fmt.Sprintf(`{"solve": %q}`, job.ID))); resp.StatusCode != http.StatusCreated {
		t.Errorf("plan from a canceled solve: %d %s", resp.StatusCode, data)
	}
}

// TestQueueFull: with one solve running and one place in the queue, a
// third solve is refused with 429; cancelling the queued one frees it.
func TestQueueFull(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{MaxSolves: 1, QueueSize: 1})
	long := solveBody(t, map[string]any{"solver": "ga", "time_limit_ms": 600000})
	var ids []string
	for i := range 3 {
		resp, data := e.do("POST", "/v1/solves", e.planner, long)
		want := http.StatusAccepted
		if i == 2 {
			want = http.StatusTooManyRequests
		}
		if resp.StatusCode != want {
			t.Fatalf("solve %d: %d, want %d: %s", i, resp.StatusCode, want, data)
		}
		if i == 2 {
			if resp.Header.Get("Retry-After") == "" {
				t.Errorf("429 without Retry-After")
			}
			continue
		}
		ids = append(ids, decode[JobStatus](t, data).ID)
	}
	// the second is queued: cancelling drops it without a result
	resp, data := e.do("POST", "/v1/solves/"+ids[1]+"/cancel", e.planner, nil)
	if st := decode[JobStatus](t, data); resp.StatusCode != http.StatusOK || st.State != JobCanceled || st.ResultURL != "" {
		t.Errorf("cancel of a queued solve: %d %s", resp.StatusCode, data)
	}
	if resp, data := e.do("GET", "/v1/solves/"+ids[1]+"/result", e.viewer, nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("result of a dropped solve: %d %s", resp.StatusCode, data)
	}
	resp, data = e.do("POST", "/v1/solves/"+ids[0]+"/cancel", e.planner, nil)
	if st := decode[JobStatus](t, data); resp.StatusCode != http.StatusOK || st.State != JobCanceled {
		t.Errorf("cancel of the running solve: %d %s", resp.StatusCode, data)
	}
}

// TestPlans creates a plan and reads it, its versions, problem, KPIs and
// Gantt chart, against SQLite and PostgreSQL.
func TestPlans(t *testing.T) {
	for name, spec := range stores(t) {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, spec, Config{})
			resp, data := e.do("POST", "/v1/plans", e.planner, solveBody(t, map[string]any{"solver": "dispatch", "name": "week 49"}))
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d %s", resp.StatusCode, data)
			}
			pv := decode[PlanView](t, data)
			if pv.ID == "" || pv.Version != 1 || pv.Plant != "north" || pv.Name != "week 49" || resp.Header.Get("Location") != pv.URL {
				t.Errorf("created plan: %+v", pv)
			}
			checkResult(t, plantJSON(), pv.Result)
			_, data = e.do("GET", pv.URL, e.viewer, nil)
			if got := decode[PlanView](t, data); got.ID != pv.ID || string(got.Result) != string(pv.Result) {
				t.Errorf("GET plan: %.300s", data)
			}
			_, data = e.do("GET", "/v1/plans", e.viewer, nil)
			if !strings.Contains(string(data), pv.ID) {
				t.Errorf("plan list lacks %s: %.300s", pv.ID, data)
			}
			if _, data = e.do("GET", "/v1/plans", e.other, nil); strings.Contains(string(data), pv.ID) {
				t.Errorf("another plant lists %s", pv.ID)
			}
			_, data = e.do("GET", pv.URL+"/versions", e.viewer, nil)
			if vs := decode[struct{ Versions []VersionView }](t, data); len(vs.Versions) != 1 || vs.Versions[0].Version != 1 {
				t.Errorf("versions: %s", data)
			}
			for _, v := range []string{"1", "latest"} {
				_, data = e.do("GET", pv.URL+"/versions/"+v, e.viewer, nil)
				if vv := decode[VersionView](t, data); vv.Version != 1 || string(vv.Result) != string(pv.Result) {
					t.Errorf("version %s: %.300s", v, data)
				}
			}
			for _, v := range []string{"2", "0", "x"} {
				if resp, data := e.do("GET", pv.URL+"/versions/"+v+"/kpis", e.viewer, nil); resp.StatusCode != http.StatusNotFound {
					t.Errorf("version %s: %d %s", v, resp.StatusCode, data)
				}
			}
			_, data = e.do("GET", pv.URL+"/versions/1/problem", e.viewer, nil)
			var posted bytes.Buffer
			_ = json.Compact(&posted, plantJSON())
			if string(data) != posted.String() {
				t.Errorf("problem of version 1 differs from the one posted")
			}
			_, data = e.do("GET", pv.URL+"/versions/latest/kpis", e.viewer, nil)
			var doc struct{ Makespan int64 }
			_ = json.Unmarshal(pv.Result, &doc)
			if k := decode[struct{ Makespan int64 }](t, data); k.Makespan != doc.Makespan || k.Makespan <= 0 {
				t.Errorf("KPIs makespan %d, result %d", k.Makespan, doc.Makespan)
			}
			resp, data = e.do("GET", pv.URL+"/versions/1/gantt", e.viewer, nil)
			if resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(data), "<svg") {
				t.Errorf("gantt: %s %.100s", resp.Header.Get("Content-Type"), data)
			}
		})
	}
}

// TestBodyLimit: bodies over the limit get 413 (with and without a
// Content-Length, and a 100 MB one), and the service keeps serving.
func TestBodyLimit(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{MaxBodyBytes: 1 << 20})
	big := make([]byte, 2<<20)
	for i := range big {
		big[i] = ' '
	}
	if resp, data := e.do("POST", "/v1/validate", e.planner, big); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB body: %d %s", resp.StatusCode, data)
	}
	// chunked: the length is not announced
	req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/v1/validate", io.MultiReader(strings.NewReader(string(big))))
	req.Header.Set("Authorization", "Bearer "+e.planner)
	req.ContentLength = -1
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("chunked: %v", err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	checkResponse(t, req, resp, data)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 2 MiB body: %d %s", resp.StatusCode, data)
	}
	// 100 MB announced: refused before it is read
	req, _ = http.NewRequest(http.MethodPost, e.http.URL+"/v1/solves", io.LimitReader(zeros{}, 100<<20))
	req.Header.Set("Authorization", "Bearer "+e.planner)
	req.ContentLength = 100 << 20
	if resp, err := http.DefaultClient.Do(req); err == nil {
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		checkResponse(t, req, resp, data)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("100 MB body: %d %s", resp.StatusCode, data)
		}
	}
	if resp, data := e.do("POST", "/v1/validate", e.planner, plantJSON()); resp.StatusCode != http.StatusOK {
		t.Errorf("after the large bodies: %d %s", resp.StatusCode, data)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestSlowClient: a client that sends half a header is cut off by the
// header timeout, while another client is served meanwhile.
func TestSlowClient(t *testing.T) {
	st, err := OpenStore(context.Background(), sqliteSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(context.Background(), Config{Store: st, Logger: quietLogger(), ReadHeaderTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Config = srv.HTTPServer("")
	ts.Start()
	defer func() { ts.Close(); _ = srv.Shutdown(context.Background()); st.Close() }()

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST /v1/validate HTTP/1.1\r\nHost: x\r\n")
	// meanwhile, another client is served
	resp, data := doValidated(t, ts.URL, "GET", "/healthz", "", nil)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("healthz beside a slow client: %d %s", resp.StatusCode, data)
	}
	// the slow one is closed by the server (a safety deadline guards the
	// test against a server that never closes it)
	_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
	rest, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept the slow connection open")
	}
	if len(rest) > 0 && !strings.Contains(string(rest), "408") {
		t.Errorf("the slow client got %q", rest)
	}
}

// TestSlowBodyKeepsValidating: clients that send a validation request's
// body slowly, as many as there are turns and more, do not hold the
// turns: another client's validation is answered meanwhile.
func TestSlowBodyKeepsValidating(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	addr := e.http.Listener.Addr().String()
	body := plantJSON()
	for range cap(e.srv.cpu) + 1 {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		// the headers and a first part of the body, the rest never comes
		fmt.Fprintf(conn, "POST /v1/validate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
			e.viewer, len(body), body[:len(body)/2])
	}
	// the slow requests reach their handlers (a handler that took a turn
	// before reading the body would keep it for as long as the client
	// waits: this test's server has no read timeout)
	time.Sleep(300 * time.Millisecond)
	client := &http.Client{Timeout: 20 * time.Second}
	req, err := http.NewRequest(http.MethodPost, e.http.URL+"/v1/validate", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.viewer)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("a validation beside %d slow bodies: %v", cap(e.srv.cpu)+1, err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("a validation beside slow bodies: %d %s", resp.StatusCode, data)
	}
	if n := len(e.srv.cpu); n != 0 {
		t.Errorf("%d turns taken while only slow bodies are being read", n)
	}
}

// TestShutdownKeepsBest: shutting down cancels a running solve and
// stores its best schedule; a queued solve stays queued and resumes with
// the next server on the same store.
func TestShutdownKeepsBest(t *testing.T) {
	spec := sqliteSpec(t)
	e := newEnv(t, spec, Config{MaxSolves: 1})
	long := solveBody(t, map[string]any{"solver": "ga", "time_limit_ms": 600000})
	_, data := e.do("POST", "/v1/solves", e.planner, long)
	running := decode[JobStatus](t, data)
	_, data = e.do("POST", "/v1/solves", e.planner, solveBody(t, map[string]any{"solver": "dispatch"}))
	queued := decode[JobStatus](t, data)
	// wait for the first to have an incumbent
	for ev := range e.streamUntil(running.ID, func(st JobStatus) bool { return st.Objective != nil }) {
		_ = ev
	}
	planner := e.planner
	e.close()

	st, err := OpenStore(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	j, err := st.Job(context.Background(), "north", running.ID)
	if err != nil || j.State != JobCanceled || j.Result == nil {
		t.Fatalf("running job after shutdown: %v; state %s, error %q, result %t", err, j.State, j.Error, j.Result != nil)
	}
	checkResult(t, plantJSON(), j.Result)
	if q, err := st.Job(context.Background(), "north", queued.ID); err != nil || q.State != JobQueued {
		t.Fatalf("queued job after shutdown: %v, %v", q.State, err)
	}
	st.Close()

	e2 := newEnvTokens(t, spec, planner)
	final := e2.waitJob(queued.ID, planner)
	if final.State != JobDone {
		t.Errorf("the queued job after a restart: %+v", final)
	}
}

// streamUntil follows a job's progress until cond holds or the stream
// ends.
func (e *testEnv) streamUntil(id string, cond func(JobStatus) bool) func(func(JobStatus) bool) {
	return func(yield func(JobStatus) bool) {
		req, _ := http.NewRequest(http.MethodGet, e.http.URL+"/v1/solves/"+id+"/progress", nil)
		req.Header.Set("Authorization", "Bearer "+e.planner)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			e.t.Fatal(err)
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if line, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				st := decode[JobStatus](e.t, []byte(line))
				if !yield(st) || cond(st) {
					return
				}
			}
		}
	}
}

// newEnvTokens starts a server over an existing store whose tokens the
// caller holds.
func newEnvTokens(t *testing.T, spec, planner string) *testEnv {
	st, err := OpenStore(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(context.Background(), Config{Store: st, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	e := &testEnv{t: t, srv: srv, store: st, spec: spec, planner: planner, http: httptest.NewServer(srv.Handler())}
	t.Cleanup(e.close)
	return e
}

// TestRestartPersistence closes the service and opens a new one on the
// same SQLite file: tokens, plans, versions and solves are all there.
func TestRestartPersistence(t *testing.T) {
	spec := sqliteSpec(t)
	e := newEnv(t, spec, Config{})
	solveID, planID := e.fixture()
	_, plan1 := e.do("GET", "/v1/plans/"+planID, e.viewer, nil)
	_, solve1 := e.do("GET", "/v1/solves/"+solveID+"/result", e.viewer, nil)
	planner, viewer := e.planner, e.viewer
	e.close()

	e2 := newEnvTokens(t, spec, planner)
	resp, plan2 := e2.do("GET", "/v1/plans/"+planID, viewer, nil)
	if resp.StatusCode != http.StatusOK || string(plan2) != string(plan1) {
		t.Errorf("plan after restart: %d\n%.300s\nwant\n%.300s", resp.StatusCode, plan2, plan1)
	}
	resp, solve2 := e2.do("GET", "/v1/solves/"+solveID+"/result", viewer, nil)
	if resp.StatusCode != http.StatusOK || string(solve2) != string(solve1) {
		t.Errorf("solve result after restart: %d", resp.StatusCode)
	}
	if resp, data := e2.do("GET", "/v1/plans/"+planID+"/versions/1/gantt", viewer, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("gantt after restart: %d %.200s", resp.StatusCode, data)
	}
}

func TestHealthMetrics(t *testing.T) {
	e := newEnv(t, sqliteSpec(t), Config{})
	for _, p := range []string{"/healthz", "/readyz", "/v1/openapi.json"} {
		if resp, data := e.do("GET", p, "", nil); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", p, resp.StatusCode, data)
		}
	}
	e.do("POST", "/v1/validate", e.viewer, plantJSON())
	e.fixture()
	_, data := e.do("GET", "/metrics", "", nil)
	for _, want := range []string{
		`ordo_http_requests_total{code="200",method="POST",route="POST /v1/validate"} 1`,
		`ordo_http_request_duration_seconds_bucket{method="POST",route="POST /v1/validate"`,
		"ordo_solves_running 0", "ordo_solves_queued 0",
		"ordo_request_body_bytes 0", "ordo_request_body_busy_total 0",
		`ordo_solves_finished_total{solver="dispatch",state="done"} 2`,
		`ordo_solve_objective{solver="dispatch"}`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// an unknown route (not in the document, so not validated against it)
	if resp, err := http.Get(e.http.URL + "/v1/nothing"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown route: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	// readiness fails when the store is gone
	e.store.Close()
	if resp, _ := e.do("GET", "/readyz", "", nil); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz with a closed store: %d", resp.StatusCode)
	}
}

// TestBodyMemory: when the bodies in memory are at the limit, a request
// with a body waits, then gets 503 with Retry-After, while requests
// without a body are served; once the room is given back, bodies are
// read again.
func TestBodyMemory(t *testing.T) {
	body := plantJSON()
	limit := int64(4 * len(body))
	e := newEnv(t, sqliteSpec(t), Config{MaxBodyBytes: limit, MaxBodyMemory: limit, BodyWait: 200 * time.Millisecond})
	// a client announces a body of the whole limit and sends a part of it
	conn, err := net.Dial("tcp", e.http.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/validate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n%s",
		e.viewer, limit, body[:100])
	deadline := time.Now().Add(20 * time.Second)
	for e.srv.bodies.TryAcquire(1) {
		e.srv.bodies.Release(1)
		if time.Now().After(deadline) {
			t.Fatal("the slow body never reserved its room")
		}
		time.Sleep(10 * time.Millisecond)
	}
	resp, data := e.do("POST", "/v1/validate", e.viewer, body)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("a body beyond the room: %d (Retry-After %q) %s", resp.StatusCode, resp.Header.Get("Retry-After"), data)
	}
	if ae := decode[APIError](t, data); ae.Code != "busy" {
		t.Errorf("a body beyond the room: code %q", ae.Code)
	}
	if resp, data := e.do("GET", "/v1/plans", e.viewer, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("a request without a body while the room is taken: %d %s", resp.StatusCode, data)
	}
	_, metrics := e.do("GET", "/metrics", "", nil)
	for _, want := range []string{fmt.Sprintf("ordo_request_body_bytes %d\n", limit), "ordo_request_body_busy_total 1\n"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// the slow client leaves: its room is given back
	conn.Close()
	for {
		resp, data = e.do("POST", "/v1/validate", e.viewer, body)
		if resp.StatusCode == http.StatusOK {
			break
		}
		if resp.StatusCode != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("after the slow client left: %d %s", resp.StatusCode, data)
		}
	}
}
