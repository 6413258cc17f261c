package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/schedule/gantt"
	"github.com/ordo-sched/ordo/solvers"
)

func writeRaw(w http.ResponseWriter, code int, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(code)
	_, _ = w.Write(data)
}

// readBody reads the request body, answering 413 when it is over the
// limit (and 400 when it cannot be read). The rest of an oversized body
// is read and dropped, up to a bound, so that the client can read the
// answer before the connection closes.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	return s.readBodyInto(w, r, new(bytes.Buffer))
}

// readBodyInto is readBody reading into buf.
func (s *Server) readBodyInto(w http.ResponseWriter, r *http.Request, buf *bytes.Buffer) ([]byte, bool) {
	limit := s.cfg.MaxBodyBytes
	if r.ContentLength > 0 && r.ContentLength <= limit {
		// room for the whole body and the read that finds its end
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	switch {
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad_body", "cannot read the request body: "+err.Error())
		return nil, false
	case n > limit:
		_, _ = io.CopyN(io.Discard, r.Body, 8<<20)
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("the request body is over the limit of %d bytes", limit))
		return nil, false
	}
	return buf.Bytes(), true
}

// decodeJSON decodes body into v, answering 400 with the position of the
// first syntax error, or 422 when a field has the wrong type.
func decodeJSON(w http.ResponseWriter, body []byte, v any) bool {
	if err := json.Unmarshal(body, v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			writeMalformed(w, body)
			return false
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_request",
				Message: fmt.Sprintf("%s: want %s, got %s", te.Field, te.Type, te.Value),
				Issues:  []Issue{{Path: te.Field, Message: fmt.Sprintf("want %s, got %s", te.Type, te.Value)}}})
			return false
		}
		writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_request", Message: err.Error()})
		return false
	}
	return true
}

// writeMalformed answers 400 for a body that is not JSON, locating the
// error.
func writeMalformed(w http.ResponseWriter, body []byte) {
	_, err := model.Decode(body)
	var issues model.Issues
	if errors.As(err, &issues) && len(issues) > 0 {
		writeJSON(w, http.StatusBadRequest, APIError{Code: "malformed_json", Message: issues[0].Message, Issues: apiIssues(issues, "")})
		return
	}
	writeError(w, http.StatusBadRequest, "malformed_json", "the body is not JSON")
}

// apiIssues converts model issues, prefixing their paths.
func apiIssues(is model.Issues, prefix string) []Issue {
	out := make([]Issue, len(is))
	for k, i := range is {
		path := i.Path
		if prefix != "" {
			if path == "" {
				path = prefix
			} else if strings.HasPrefix(path, "[") {
				path = prefix + path
			} else {
				path = prefix + "." + path
			}
		}
		out[k] = Issue{Path: path, Message: i.Message, Line: i.Line, Column: i.Column}
	}
	return out
}

// checkProblem decodes and validates a problem found at prefix in body
// (prefix "" when the body is the problem, raw then being body), returning
// every issue located in body; nil issues when it is valid.
func checkProblem(raw, body []byte, prefix string) (*model.Problem, []Issue) {
	p, err := model.DecodeValid(raw)
	if err == nil {
		return p, nil
	}
	var issues model.Issues
	if !errors.As(err, &issues) {
		return nil, []Issue{{Path: prefix, Message: err.Error()}}
	}
	if prefix != "" {
		// positions are relative to raw: find them again in the whole body
		out := apiIssues(issues, prefix)
		located := make(model.Issues, len(out))
		for k, i := range out {
			located[k] = model.Issue{Path: i.Path, Message: i.Message}
		}
		model.Locate(body, located)
		for k := range out {
			out[k].Line, out[k].Column = located[k].Line, located[k].Column
		}
		return nil, out
	}
	return nil, apiIssues(issues, "")
}

func lookupSolver(name string) (solvers.Info, error) {
	info, ok := solvers.Lookup(name)
	if !ok {
		return info, fmt.Errorf("unknown solver %q (registered: %s)", name, strings.Join(solvers.Names(), ", "))
	}
	return info, nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request, _ Principal) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request, _ Principal) {
	select {
	case <-s.stopping:
		writeError(w, http.StatusServiceUnavailable, "shutting_down", "the service is shutting down")
		return
	default:
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		writeError(w, http.StatusServiceUnavailable, "store_unavailable", "the store cannot be reached: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request, _ Principal) {
	writeRaw(w, http.StatusOK, "application/json", OpenAPI)
}

// SolverInfo is the API's view of a registered solver.
type SolverInfo struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Accepts     string `json:"accepts"`
}

func (s *Server) listSolvers(w http.ResponseWriter, r *http.Request, _ Principal) {
	out := []SolverInfo{}
	for _, info := range solvers.List() {
		out = append(out, SolverInfo{Name: info.Name, Description: info.Description, Accepts: info.Accepts()})
	}
	writeJSON(w, http.StatusOK, map[string]any{"solvers": out})
}

// Validation is the answer of POST /v1/validate for a valid problem.
type Validation struct {
	Valid      bool   `json:"valid"`
	Name       string `json:"name,omitempty"`
	Jobs       int    `json:"jobs"`
	Operations int    `json:"operations"`
	Machines   int    `json:"machines"`
	Features   string `json:"features"`
}

// validateBodies are the buffers POST /v1/validate reads bodies into:
// nothing of a body outlives its request there (the decoded problem and
// the answer copy what they keep).
var validateBodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBody is the largest buffer kept in validateBodies.
const maxPooledBody = 4 << 20

func (s *Server) validate(w http.ResponseWriter, r *http.Request, _ Principal) {
	buf := validateBodies.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBody {
			buf.Reset()
			validateBodies.Put(buf)
		}
	}()
	// the body is read before the turn: a client that sends it slowly
	// waits on its own connection, never holding a turn the others need
	body, ok := s.readBodyInto(w, r, buf)
	if !ok {
		return
	}
	done, ok := s.admit(r)
	if !ok {
		return
	}
	defer done()
	p, issues := checkProblem(body, body, "")
	if len(issues) == 1 && issues[0].Path == "" && strings.HasPrefix(issues[0].Message, "malformed JSON") {
		writeJSON(w, http.StatusBadRequest, APIError{Code: "malformed_json", Message: issues[0].Message, Issues: issues})
		return
	}
	if issues != nil {
		writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_problem",
			Message: fmt.Sprintf("the problem has %d issue(s)", len(issues)), Issues: issues})
		return
	}
	writeJSON(w, http.StatusOK, Validation{Valid: true, Name: p.Name, Jobs: len(p.Jobs), Operations: p.NumOperations(),
		Machines: len(p.Machines), Features: p.Features().String()})
}

// PlanView is the API's view of a plan: its record and, for one version
// (the latest unless asked), the result document.
type PlanView struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Plant     string          `json:"plant"`
	Version   int             `json:"version"`
	CreatedAt string          `json:"created_at"`
	UpdatedAt string          `json:"updated_at"`
	URL       string          `json:"url"`
	Result    json.RawMessage `json:"result,omitempty"`
}

func planView(p *PlanRecord, result []byte) PlanView {
	return PlanView{ID: p.ID, Name: p.Name, Plant: p.Plant, Version: p.Latest,
		CreatedAt: timeString(p.Created), UpdatedAt: timeString(p.Updated), URL: "/v1/plans/" + p.ID, Result: result}
}

// createPlan solves a problem (waiting for the solve) or takes a finished
// solve job's result, and stores a plan with it as version 1.
func (s *Server) createPlan(w http.ResponseWriter, r *http.Request, who Principal) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	var req solveRequest
	if !decodeJSON(w, body, &req) {
		return
	}
	var job JobRecord
	switch {
	case req.Solve != "" && len(req.Problem) > 0:
		writeError(w, http.StatusUnprocessableEntity, "invalid_request", "give either problem or solve, not both")
		return
	case req.Solve != "":
		j, _, err := s.job(r.Context(), who.Plant, req.Solve)
		if errors.Is(err, ErrNotFound) {
			writeError(w, http.StatusUnprocessableEntity, "unknown_solve", fmt.Sprintf("no solve job %q", req.Solve))
			return
		}
		if err != nil {
			s.storeError(w, "solve job", err)
			return
		}
		job = j
	default:
		j := s.newJob(w, body, &req, who)
		if j == nil || !s.submit(w, r, j) {
			return
		}
		lj := s.live(j.ID)
		if lj != nil {
			// the solve may take its whole time limit: keep the connection
			_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Duration(req.TimeLimitMS)*time.Millisecond + s.cfg.WriteTimeout))
			select {
			case <-lj.done:
			case <-r.Context().Done():
				return
			case <-s.stopping:
				select {
				case <-lj.done:
				case <-time.After(10 * time.Second):
					writeError(w, http.StatusServiceUnavailable, "shutting_down", "the service shut down before the solve started; it resumes at the next start: "+j.ID)
					return
				}
			}
		}
		var err error
		if job, _, err = s.job(r.Context(), who.Plant, j.ID); err != nil {
			s.storeError(w, "solve job", err)
			return
		}
	}
	if job.Result == nil {
		msg := fmt.Sprintf("solve job %s has no schedule (state %s)", job.ID, job.State)
		if job.Error != "" {
			msg += ": " + job.Error
		}
		code := http.StatusUnprocessableEntity
		if job.State == JobQueued || job.State == JobRunning {
			code = http.StatusConflict
		}
		writeError(w, code, "no_schedule", msg)
		return
	}
	p, err := model.Decode(job.Problem)
	if err != nil {
		s.storeError(w, "problem of solve job "+job.ID, err)
		return
	}
	name := req.Name
	if name == "" {
		name = p.Name
	}
	now := time.Now().UTC()
	rec := &PlanRecord{ID: newID("p_"), Plant: who.Plant, Name: name, Created: now, Updated: now}
	v := &VersionRecord{Created: now, Now: plan.DefaultNow(p), Problem: job.Problem, Result: job.Result, Actuals: []byte("[]"), Events: ""}
	if err := s.store.CreatePlan(r.Context(), rec, v); err != nil {
		s.storeError(w, "plan", err)
		return
	}
	view := planView(rec, job.Result)
	w.Header().Set("Location", view.URL)
	writeJSON(w, http.StatusCreated, view)
}

func (s *Server) listPlans(w http.ResponseWriter, r *http.Request, who Principal) {
	plans, err := s.store.Plans(r.Context(), who.Plant)
	if err != nil {
		s.storeError(w, "plans", err)
		return
	}
	out := make([]PlanView, len(plans))
	for i, p := range plans {
		out[i] = planView(p, nil)
	}
	writeJSON(w, http.StatusOK, map[string]any{"plans": out})
}

func (s *Server) getPlan(w http.ResponseWriter, r *http.Request, who Principal) {
	id := r.PathValue("id")
	p, err := s.store.Plan(r.Context(), who.Plant, id)
	if err != nil {
		s.storeError(w, "plan", err)
		return
	}
	v, err := s.store.Version(r.Context(), who.Plant, id, p.Latest)
	if err != nil {
		s.storeError(w, "plan version", err)
		return
	}
	writeJSON(w, http.StatusOK, planView(p, v.Result))
}

// VersionView is the API's view of a plan version.
type VersionView struct {
	Plan      string          `json:"plan"`
	Version   int             `json:"version"`
	Base      int             `json:"base,omitempty"`
	CreatedAt string          `json:"created_at"`
	Now       int64           `json:"now"`
	Events    string          `json:"events,omitempty"`
	URL       string          `json:"url"`
	Result    json.RawMessage `json:"result,omitempty"`
	Diff      json.RawMessage `json:"diff,omitempty"`
}

func versionView(v *VersionRecord, full bool) VersionView {
	vv := VersionView{Plan: v.PlanID, Version: v.Version, Base: v.Base, CreatedAt: timeString(v.Created), Now: v.Now,
		Events: v.Events, URL: fmt.Sprintf("/v1/plans/%s/versions/%d", v.PlanID, v.Version)}
	if full {
		vv.Result, vv.Diff = v.Result, v.Diff
	}
	return vv
}

func (s *Server) listVersions(w http.ResponseWriter, r *http.Request, who Principal) {
	vs, err := s.store.Versions(r.Context(), who.Plant, r.PathValue("id"))
	if err != nil {
		s.storeError(w, "plan", err)
		return
	}
	out := make([]VersionView, len(vs))
	for i, v := range vs {
		out[i] = versionView(v, false)
	}
	writeJSON(w, http.StatusOK, map[string]any{"versions": out})
}

// version reads the {id} and {version} ("latest" or a number) of the
// path and returns the version, or answers 404 and returns nil.
func (s *Server) version(w http.ResponseWriter, r *http.Request, who Principal) *VersionRecord {
	n := 0
	if vs := r.PathValue("version"); vs != "latest" {
		var err error
		if n, err = strconv.Atoi(vs); err != nil || n < 1 {
			writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("version %q: want a number from 1 or latest", vs))
			return nil
		}
	}
	v, err := s.store.Version(r.Context(), who.Plant, r.PathValue("id"), n)
	if err != nil {
		s.storeError(w, "plan version", err)
		return nil
	}
	return v
}

func (s *Server) getVersion(w http.ResponseWriter, r *http.Request, who Principal) {
	if v := s.version(w, r, who); v != nil {
		writeJSON(w, http.StatusOK, versionView(v, true))
	}
}

func (s *Server) versionProblem(w http.ResponseWriter, r *http.Request, who Principal) {
	if v := s.version(w, r, who); v != nil {
		writeRaw(w, http.StatusOK, "application/json", v.Problem)
	}
}

// versionSchedule decodes a version's problem and schedule.
func versionSchedule(v *VersionRecord) (*model.Problem, *schedule.Schedule, error) {
	p, err := model.Decode(v.Problem)
	if err != nil {
		return nil, nil, fmt.Errorf("problem of version %d: %w", v.Version, err)
	}
	doc, err := schedule.ParseDocument(v.Result)
	if err != nil {
		return nil, nil, fmt.Errorf("result of version %d: %w", v.Version, err)
	}
	sc, err := doc.Schedule(p)
	if err != nil {
		return nil, nil, fmt.Errorf("schedule of version %d: %w", v.Version, err)
	}
	return p, sc, nil
}

func (s *Server) versionKPIs(w http.ResponseWriter, r *http.Request, who Principal) {
	v := s.version(w, r, who)
	if v == nil {
		return
	}
	p, sc, err := versionSchedule(v)
	if err != nil {
		s.storeError(w, "plan version", err)
		return
	}
	writeJSON(w, http.StatusOK, schedule.NewKPISummary(p, schedule.ComputeKPIs(p, sc)))
}

func (s *Server) versionGantt(w http.ResponseWriter, r *http.Request, who Principal) {
	v := s.version(w, r, who)
	if v == nil {
		return
	}
	p, sc, err := versionSchedule(v)
	if err != nil {
		s.storeError(w, "plan version", err)
		return
	}
	var buf bytes.Buffer
	if err := gantt.SVG(&buf, p, sc, gantt.Options{}); err != nil {
		writeError(w, http.StatusInternalServerError, "gantt", err.Error())
		return
	}
	writeRaw(w, http.StatusOK, "image/svg+xml", buf.Bytes())
}
