package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

var (
	oaOnce      sync.Once
	oaValidator validator.Validator
	oaErr       error
)

// apiValidator returns a validator of requests and responses against the
// OpenAPI document.
func apiValidator(t testing.TB) validator.Validator {
	t.Helper()
	oaOnce.Do(func() {
		doc, err := libopenapi.NewDocument(OpenAPI)
		if err != nil {
			oaErr = err
			return
		}
		v, errs := validator.NewValidator(doc)
		if len(errs) > 0 {
			oaErr = errs[0]
			return
		}
		if ok, verrs := v.ValidateDocument(); !ok {
			var b strings.Builder
			for _, e := range verrs {
				b.WriteString(e.Error() + "\n")
			}
			oaErr = &docError{b.String()}
			return
		}
		oaValidator = v
	})
	if oaErr != nil {
		t.Fatalf("OpenAPI document: %v", oaErr)
	}
	return oaValidator
}

type docError struct{ msg string }

func (e *docError) Error() string { return e.msg }

// testEnv is a server on loopback over a fresh store.
type testEnv struct {
	t     *testing.T
	srv   *Server
	http  *httptest.Server
	store Store
	spec  string // the store's spec, to open it again
	// tokens: planner and viewer of plant "north", planner of "south",
	// team of "north"
	planner, viewer, other, team string
}

// sqliteSpec returns the spec of a new SQLite store in a test directory.
func sqliteSpec(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "ordo.db")
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// newEnv starts a server over the store at spec with cfg.
func newEnv(t *testing.T, spec string, cfg Config) *testEnv {
	t.Helper()
	ctx := context.Background()
	st, err := OpenStore(ctx, spec)
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	cfg.Store = st
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	srv, err := New(ctx, cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e := &testEnv{t: t, srv: srv, store: st, spec: spec}
	e.http = httptest.NewServer(srv.Handler())
	t.Cleanup(e.close)
	mk := func(plant, role string) string {
		r, err := ParseRole(role)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := CreateToken(ctx, st, plant, r)
		if err != nil {
			t.Fatalf("CreateToken: %v", err)
		}
		return tok
	}
	e.planner, e.viewer, e.other, e.team = mk("north", "planner"), mk("north", "viewer"), mk("south", "planner"), mk("north", "team:lathes")
	return e
}

// close stops the HTTP server, shuts the service down and closes the
// store (idempotent).
func (e *testEnv) close() {
	if e.http == nil {
		return
	}
	e.http.Close()
	e.http = nil
	if err := e.srv.Shutdown(context.Background()); err != nil {
		e.t.Errorf("Shutdown: %v", err)
	}
	if err := e.store.Close(); err != nil {
		e.t.Errorf("store Close: %v", err)
	}
}

// do sends a request and returns the response with its body read; the
// response is validated against the OpenAPI document.
func (e *testEnv) do(method, path, token string, body []byte) (*http.Response, []byte) {
	e.t.Helper()
	return doValidated(e.t, e.http.URL, method, path, token, body)
}

func doValidated(t *testing.T, base, method, path, token string, body []byte) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	checkResponse(t, req, resp, data)
	return resp, data
}

// checkResponse validates a response against the OpenAPI document.
func checkResponse(t testing.TB, req *http.Request, resp *http.Response, data []byte) {
	t.Helper()
	v := apiValidator(t)
	vreq := req.Clone(context.Background())
	vreq.Body = http.NoBody
	vresp := &http.Response{StatusCode: resp.StatusCode, Header: resp.Header.Clone(), Body: io.NopCloser(bytes.NewReader(data)), Request: vreq}
	if ok, errs := v.ValidateHttpResponse(vreq, vresp); !ok {
		var b strings.Builder
		for _, e := range errs {
			b.WriteString("\n  " + e.Error())
			for _, se := range e.SchemaValidationErrors {
				b.WriteString("\n    " + se.Reason + " at " + se.FieldPath)
			}
		}
		t.Errorf("%s %s -> %d does not match the OpenAPI document:%s\nbody: %.400s", req.Method, req.URL.Path, resp.StatusCode, b.String(), data)
	}
}

// plantJSON returns the example plant's JSON.
func plantJSON() []byte { return examples.PlantJSON }

// solveBody returns a request body with the example plant and fields.
func solveBody(t testing.TB, fields map[string]any) []byte {
	t.Helper()
	m := map[string]any{"problem": json.RawMessage(plantJSON())}
	for k, v := range fields {
		m[k] = v
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func decode[T any](t testing.TB, data []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("decode %T: %v\n%.300s", v, err, data)
	}
	return v
}

// checkResult holds a result document against its problem with
// schedule.Check.
func checkResult(t testing.TB, problem, result []byte) *schedule.Document {
	t.Helper()
	p, err := model.Decode(problem)
	if err != nil {
		t.Fatalf("problem: %v", err)
	}
	doc, err := schedule.ParseDocument(result)
	if err != nil {
		t.Fatalf("result document: %v", err)
	}
	s, err := doc.Schedule(p)
	if err != nil {
		t.Fatalf("result schedule: %v", err)
	}
	if v := schedule.Check(p, s); len(v) > 0 {
		t.Fatalf("the result fails schedule.Check: %v", v[0].Error())
	}
	if len(doc.Assignments) != p.NumOperations() {
		t.Fatalf("result has %d assignments, the problem %d operations", len(doc.Assignments), p.NumOperations())
	}
	return doc
}

// postgresSpec returns ORDO_TEST_POSTGRES ("" when unset).
func postgresSpec() string { return os.Getenv("ORDO_TEST_POSTGRES") }

// stores returns the specs to test against: a new SQLite file always,
// PostgreSQL when ORDO_TEST_POSTGRES is set.
func stores(t *testing.T) map[string]string {
	m := map[string]string{"sqlite": sqliteSpec(t)}
	if pg := postgresSpec(); pg != "" {
		m["postgres"] = pg
	}
	return m
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
