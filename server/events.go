package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// laterRoutes are the routes of features that build on the plan package.
func (s *Server) laterRoutes() []Route {
	return []Route{
		{"POST", "/v1/plans/{id}/events", Write, s.postEvents},
		{"GET", "/v1/plans/{id}/events", Read, s.listEvents},
	}
}

// loadPlan rebuilds the plan of a stored version: its problem, schedule,
// actuals and now.
func loadPlan(v *VersionRecord) (*plan.Plan, error) {
	p, sc, err := versionSchedule(v)
	if err != nil {
		return nil, err
	}
	pl := plan.New(p, sc, v.Now)
	if len(v.Actuals) > 0 {
		if err := json.Unmarshal(v.Actuals, &pl.Actuals); err != nil {
			return nil, fmt.Errorf("actuals of version %d: %w", v.Version, err)
		}
	}
	return pl, nil
}

// EventsResult is the answer of POST /v1/plans/{id}/events: the new
// version, with its result and its diff to the version the events were
// applied to.
type EventsResult struct {
	VersionView
}

// postEvents applies an events file (schema/events.schema.json) to the plan's
// latest version (or to ?base=N, which must be the latest), repairs the
// schedule, and stores the events and the new version in one transaction
// before answering 201 with the new version and its diff.
func (s *Server) postEvents(w http.ResponseWriter, r *http.Request, who Principal) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	if !json.Valid(body) {
		writeMalformed(w, body)
		return
	}
	id := r.PathValue("id")
	pr, err := s.store.Plan(r.Context(), who.Plant, id)
	if err != nil {
		s.storeError(w, "plan", err)
		return
	}
	base := pr.Latest
	if b := r.URL.Query().Get("base"); b != "" {
		n, err := strconv.Atoi(b)
		if err != nil || n < 1 {
			writeError(w, http.StatusUnprocessableEntity, "invalid_request", fmt.Sprintf("base %q: want a version number", b))
			return
		}
		if n != pr.Latest {
			writeError(w, http.StatusConflict, "conflict", fmt.Sprintf("base version %d is not the plan's latest version (%d): apply the events to the latest", n, pr.Latest))
			return
		}
	}
	v, err := s.store.Version(r.Context(), who.Plant, id, base)
	if err != nil {
		s.storeError(w, "plan version", err)
		return
	}
	old, err := loadPlan(v)
	if err != nil {
		s.storeError(w, "plan version", err)
		return
	}
	start := time.Now()
	evs, err := plan.ParseEvents(old.Problem, body)
	if err != nil {
		writeEventsError(w, body, err)
		return
	}
	np, err := plan.Apply(old, evs)
	if err != nil {
		writeEventsError(w, body, err)
		return
	}
	repaired, err := plan.Repair(np)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_events", "the plan cannot be repaired after these events: "+err.Error())
		return
	}
	np.Schedule = repaired
	obj := np.Problem.Objective.Normalized()
	res := &solver.Result{Solver: "repair", Schedule: np.Schedule, Status: solver.Feasible,
		Objective: schedule.Evaluate(np.Problem, np.Schedule, obj), Bound: math.NaN()}
	doc, violations := solver.NewDocument(np.Problem, obj, res)
	if len(violations) > 0 {
		s.log.Error("repaired schedule fails the check", "plan", id, "violation", violations[0].Error())
		writeError(w, http.StatusInternalServerError, "internal", "the repaired schedule fails the independent check: "+violations[0].Error())
		return
	}
	doc.ElapsedMS = time.Since(start).Milliseconds()
	diff := plan.Compare(old, np, obj)
	problemJSON, err := model.Encode(np.Problem)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", "cannot encode the new problem: "+err.Error())
		return
	}
	resultJSON, err1 := json.Marshal(doc)
	diffJSON, err2 := json.Marshal(diff)
	actualsJSON, err3 := json.Marshal(np.Actuals)
	if err := errors.Join(err1, err2, err3); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err.Error())
		return
	}
	if actualsJSON == nil || string(actualsJSON) == "null" {
		actualsJSON = []byte("[]")
	}
	now := time.Now().UTC()
	ev := &EventsRecord{ID: newID("e_"), Body: body, Created: now}
	nv := &VersionRecord{PlanID: id, Base: base, Created: now, Now: np.Now, Problem: problemJSON,
		Result: resultJSON, Actuals: actualsJSON, Diff: diffJSON}
	if err := s.store.AddVersion(r.Context(), who.Plant, ev, nv); err != nil {
		if errors.Is(err, ErrConflict) {
			writeError(w, http.StatusConflict, "conflict", err.Error())
			return
		}
		s.storeError(w, "plan version", err)
		return
	}
	s.log.Info("events applied", "plan", id, "plant", who.Plant, "events", len(evs.Events), "version", nv.Version, "moved", len(diff.Moved))
	vv := versionView(nv, true)
	w.Header().Set("Location", vv.URL)
	writeJSON(w, http.StatusCreated, EventsResult{vv})
}

// writeEventsError answers 422 with the located issues of an events file.
func writeEventsError(w http.ResponseWriter, body []byte, err error) {
	var is model.Issues
	if errors.As(err, &is) {
		model.Locate(body, is)
		writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_events",
			Message: fmt.Sprintf("the events have %d issue(s)", len(is)), Issues: apiIssues(is, "")})
		return
	}
	writeError(w, http.StatusUnprocessableEntity, "invalid_events", err.Error())
}

// EventsView is the API's view of an events file applied to a plan.
type EventsView struct {
	ID        string          `json:"id"`
	From      int             `json:"from_version"`
	To        int             `json:"to_version"`
	CreatedAt string          `json:"created_at"`
	Events    json.RawMessage `json:"events"`
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request, who Principal) {
	evs, err := s.store.Events(r.Context(), who.Plant, r.PathValue("id"))
	if err != nil {
		s.storeError(w, "plan", err)
		return
	}
	out := make([]EventsView, len(evs))
	for i, e := range evs {
		out[i] = EventsView{ID: e.ID, From: e.From, To: e.To, CreatedAt: timeString(e.Created), Events: e.Body}
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": out})
}
