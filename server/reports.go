package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/plan"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/scenario"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

// Limits of a comparison request.
const (
	// maxScenarios bounds the scenarios of one comparison.
	maxScenarios = 16
	// defaultCompareSolver plans a comparison when the request names no
	// solver (the default of ordo compare).
	defaultCompareSolver = "dispatch:best"
)

// reportRoutes are the routes of what people read from a plan version
// (work lists, dashboard, costs, explanations) and of the answers computed
// on demand from it (promise, comparison). Comparisons run at most
// MaxSolves at once (each plans its problems one after the other), beside
// the solve jobs.
func (s *Server) reportRoutes() []Route {
	slots := make(chan struct{}, s.cfg.MaxSolves)
	const v = "/v1/plans/{id}/versions/{version}"
	return []Route{
		{"GET", v + "/worklists", Read, s.versionWorkLists},
		{"GET", v + "/worklists/{group}", WorkList, s.versionWorkList},
		{"GET", v + "/dashboard", Read, s.versionDashboard},
		{"GET", v + "/costs", Read, s.versionCosts},
		{"GET", v + "/late", Read, s.versionLate},
		{"GET", v + "/late/{order}", Read, s.versionLate},
		{"POST", v + "/promise", Read, s.versionPromise},
		{"POST", v + "/compare", Read, func(w http.ResponseWriter, r *http.Request, who Principal) {
			s.versionCompare(w, r, who, slots)
		}},
	}
}

// writeParamError answers 400 for a bad query parameter, naming it.
func writeParamError(w http.ResponseWriter, name, msg string) {
	writeJSON(w, http.StatusBadRequest, APIError{Code: "invalid_parameter",
		Message: fmt.Sprintf("query parameter %s: %s", name, msg),
		Issues:  []Issue{{Path: name, Message: msg}}})
}

// queryFormat reads the format query parameter: one of allowed, the first by
// default. It answers 400 and returns "" when it is none of them.
func queryFormat(w http.ResponseWriter, r *http.Request, allowed ...string) string {
	f := r.URL.Query().Get("format")
	if f == "" {
		return allowed[0]
	}
	if !slices.Contains(allowed, f) {
		writeParamError(w, "format", fmt.Sprintf("%q: want one of %v", f, allowed))
		return ""
	}
	return f
}

// versionPlan returns the problem and schedule of the version the path
// names, or answers the error (404, 503) and returns nil.
func (s *Server) versionPlan(w http.ResponseWriter, r *http.Request, who Principal) (*VersionRecord, *model.Problem, *schedule.Schedule) {
	v := s.version(w, r, who)
	if v == nil {
		return nil, nil, nil
	}
	p, sc, err := versionSchedule(v)
	if err != nil {
		s.storeError(w, "plan version", err)
		return nil, nil, nil
	}
	return v, p, sc
}

// workListOptions reads the time of work lists from the query: shift (an
// ISO datetime in the shift), or from and to (a range). It answers 400
// and returns false when they are missing or not datetimes.
func workListOptions(w http.ResponseWriter, r *http.Request, p *model.Problem) (report.WorkListOptions, bool) {
	var opts report.WorkListOptions
	q := r.URL.Query()
	shift, from, to := q.Get("shift"), q.Get("from"), q.Get("to")
	if (shift == "") == (from == "" && to == "") {
		writeParamError(w, "shift", "give shift (an ISO datetime in the shift, e.g. 2026-12-14T06:00), or from and to")
		return opts, false
	}
	if (from == "") != (to == "") {
		name := "to"
		if from == "" {
			name = "from"
		}
		writeParamError(w, name, "give both from and to")
		return opts, false
	}
	for _, f := range []struct {
		name, value string
		t           *time.Time
	}{{"shift", shift, &opts.Shift}, {"from", from, &opts.From}, {"to", to, &opts.To}} {
		if f.value == "" {
			continue
		}
		t, err := report.ParseTime(p, f.value)
		if err != nil {
			writeParamError(w, f.name, err.Error())
			return opts, false
		}
		*f.t = t
	}
	return opts, true
}

// workLists answers the report's work lists of opts, or answers 422 and
// returns nil when the report refuses them.
func workLists(w http.ResponseWriter, p *model.Problem, sc *schedule.Schedule, opts report.WorkListOptions) []report.WorkList {
	wls, err := report.WorkLists(p, sc, opts)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_worklist", err.Error())
		return nil
	}
	return wls
}

// versionWorkLists answers the work lists of every machine and every
// operator pool of a version for a shift, as JSON.
func (s *Server) versionWorkLists(w http.ResponseWriter, r *http.Request, who Principal) {
	_, p, sc := s.versionPlan(w, r, who)
	if p == nil {
		return
	}
	opts, ok := workListOptions(w, r, p)
	if !ok {
		return
	}
	for _, m := range p.Machines {
		opts.Teams = append(opts.Teams, report.Team{Machines: []string{m.ID}})
	}
	for _, o := range p.OperatorPools {
		opts.Teams = append(opts.Teams, report.Team{Pool: o.ID})
	}
	wls := workLists(w, p, sc, opts)
	if wls == nil {
		return
	}
	out := make([]report.WorkListJSON, len(wls))
	for i := range wls {
		out[i] = report.NewWorkListJSON(p, &wls[i])
	}
	writeJSON(w, http.StatusOK, map[string]any{"worklists": out})
}

// versionWorkList answers the work list of one group for a shift, as JSON,
// CSV (report.WriteWorkListCSV) or printable HTML
// (report.WriteWorkListHTML). The group is the name of a team of the
// plant (one list for its machines and pools, see teamWorkList), else a
// machine ID, else an operator pool ID. A team token reads its own
// group's list and the lists of its team's machines and pools
// (mayReadWorkList).
func (s *Server) versionWorkList(w http.ResponseWriter, r *http.Request, who Principal) {
	group := r.PathValue("group")
	if !s.mayReadWorkList(w, r, who, group) {
		return
	}
	v, p, sc := s.versionPlan(w, r, who)
	if p == nil {
		return
	}
	f := queryFormat(w, r, "json", "csv", "html")
	if f == "" {
		return
	}
	tm, err := s.store.Team(r.Context(), who.Plant, group)
	if err != nil && !errors.Is(err, ErrNotFound) {
		s.storeError(w, "team", err)
		return
	}
	var team report.Team
	switch {
	case tm != nil:
		if issues := unknownMembers(p, tm); len(issues) > 0 {
			names := make([]string, len(issues))
			for i, is := range issues {
				names[i] = is.Path + ": " + is.Message
			}
			writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "unknown_team_member",
				Message: fmt.Sprintf("team %s has members that version %d lacks: %s", group, v.Version, strings.Join(names, "; ")), Issues: issues})
			return
		}
	case slices.ContainsFunc(p.Machines, func(m model.Machine) bool { return m.ID == group }):
		team.Machines = []string{group}
	case slices.ContainsFunc(p.OperatorPools, func(o model.OperatorPool) bool { return o.ID == group }):
		team.Pool = group
	default:
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("group %q: no team, machine or operator pool of that name in version %d", group, v.Version))
		return
	}
	opts, ok := workListOptions(w, r, p)
	if !ok {
		return
	}
	var wl *report.WorkList
	if tm != nil {
		merged, err := teamWorkList(p, sc, opts, tm)
		if err != nil {
			writeError(w, http.StatusUnprocessableEntity, "invalid_worklist", err.Error())
			return
		}
		wl = &merged
	} else {
		opts.Teams = []report.Team{team}
		wls := workLists(w, p, sc, opts)
		if wls == nil {
			return
		}
		wl = &wls[0]
	}
	var buf bytes.Buffer
	switch f {
	case "json":
		view := report.NewWorkListJSON(p, wl)
		if tm != nil {
			view.Pools = nonNil(tm.Pools)
		}
		writeJSON(w, http.StatusOK, view)
		return
	case "csv":
		if err := report.WriteWorkListCSV(&buf, p, wl); err != nil {
			writeError(w, http.StatusInternalServerError, "internal", err.Error())
			return
		}
		writeRaw(w, http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	case "html":
		if err := report.WriteWorkListHTML(&buf, p, wl); err != nil {
			writeError(w, http.StatusInternalServerError, "internal", err.Error())
			return
		}
		writeRaw(w, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
	}
}

// versionDashboard answers the plant dashboard of a version
// (report.Dashboard): one self-contained HTML page.
func (s *Server) versionDashboard(w http.ResponseWriter, r *http.Request, who Principal) {
	_, p, sc := s.versionPlan(w, r, who)
	if p == nil {
		return
	}
	var buf bytes.Buffer
	if err := report.Dashboard(&buf, p, sc, report.DashboardOptions{Title: r.URL.Query().Get("title")}); err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_plan", "the dashboard cannot be drawn: "+err.Error())
		return
	}
	writeRaw(w, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

// versionCosts answers the cost of a version's plan: the cost summary of
// the result JSON (schedule.NewCostSummary), or report.CostCSV's rows, or
// report.CostMarkdown's tables.
func (s *Server) versionCosts(w http.ResponseWriter, r *http.Request, who Principal) {
	_, p, sc := s.versionPlan(w, r, who)
	if p == nil {
		return
	}
	f := queryFormat(w, r, "json", "csv", "markdown")
	if f == "" {
		return
	}
	var buf bytes.Buffer
	var err error
	contentType := "text/csv; charset=utf-8"
	switch f {
	case "json":
		writeJSON(w, http.StatusOK, schedule.NewCostSummary(p, schedule.ComputeCosts(p, sc)))
		return
	case "csv":
		err = report.CostCSV(&buf, p, sc)
	case "markdown":
		err, contentType = report.CostMarkdown(&buf, p, sc), "text/markdown; charset=utf-8"
	}
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_plan", "the cost report cannot be made: "+err.Error())
		return
	}
	writeRaw(w, http.StatusOK, contentType, buf.Bytes())
}

// versionLate answers why the version's late orders are late
// (explain.Late), or, with {order}, why that order is (no entry when it
// is on time).
func (s *Server) versionLate(w http.ResponseWriter, r *http.Request, who Principal) {
	v, p, sc := s.versionPlan(w, r, who)
	if p == nil {
		return
	}
	var only []string
	if id := r.PathValue("order"); id != "" {
		if !slices.ContainsFunc(p.Jobs, func(j model.Job) bool { return j.ID == id }) {
			writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("order %q not found in version %d", id, v.Version))
			return
		}
		only = []string{id}
	}
	rep, err := explain.Late(p, sc, only...)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_plan", err.Error())
		return
	}
	if rep.Orders == nil {
		rep.Orders = []explain.Order{}
	}
	if rep.Bottlenecks == nil {
		rep.Bottlenecks = []explain.Bottleneck{}
	}
	writeJSON(w, http.StatusOK, rep)
}

// versionPromise quotes a new order (the body: a job JSON object as in a
// problem's "jobs") in the version's plan at its now (or ?now=): the
// answer of 'ordo promise --json' (plan.PromiseDocument). The plan does
// not change: an order_added event does that.
func (s *Server) versionPromise(w http.ResponseWriter, r *http.Request, who Principal) {
	v := s.version(w, r, who)
	if v == nil {
		return
	}
	pl, err := loadPlan(v)
	if err != nil {
		s.storeError(w, "plan version", err)
		return
	}
	if q := r.URL.Query().Get("now"); q != "" {
		raw := json.RawMessage(strconv.Quote(q))
		if _, err := strconv.ParseInt(q, 10, 64); err == nil {
			raw = json.RawMessage(q)
		}
		now, err := plan.ParseTime(pl.Problem, raw)
		if err != nil {
			writeParamError(w, "now", err.Error())
			return
		}
		pl.Now = now
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	if !json.Valid(body) {
		writeMalformed(w, body)
		return
	}
	job, err := plan.ParseOrder(pl.Problem, pl.Now, body)
	if err != nil {
		var is model.Issues
		if errors.As(err, &is) {
			writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_order",
				Message: fmt.Sprintf("the order has %d issue(s)", len(is)), Issues: apiIssues(is, "")})
			return
		}
		writeError(w, http.StatusUnprocessableEntity, "invalid_order", err.Error())
		return
	}
	start := time.Now()
	pr, err := plan.Promise(pl, job)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_order", "the order cannot be quoted: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, plan.NewPromiseDocument(pr, pl.Now, time.Since(start)))
}

// CompareRequest is the body of POST .../compare: the scenarios (as 'ordo
// compare' reads them from files) and how to plan them.
type CompareRequest struct {
	// Scenarios are named scenario documents.
	Scenarios []CompareScenario `json:"scenarios"`
	// SolveParams plan the base and every scenario (solver default
	// dispatch:best).
	SolveParams
	// Stable plans every scenario against the base plan.
	Stable bool `json:"stable"`
}

// CompareScenario is one scenario: a name and a scenario document, a
// JSON Merge Patch of the version's problem or an events file
// (scenario.Parse).
type CompareScenario struct {
	Name     string          `json:"name"`
	Scenario json.RawMessage `json:"scenario"`
}

// versionCompare plans the version's problem and each scenario and
// answers the comparison (scenario.Compare; the JSON of 'ordo compare
// --to json'). The plan does not change.
func (s *Server) versionCompare(w http.ResponseWriter, r *http.Request, who Principal, slots chan struct{}) {
	v := s.version(w, r, who)
	if v == nil {
		return
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	var req CompareRequest
	if !decodeJSON(w, body, &req) {
		return
	}
	var issues []Issue
	var scs []scenario.Scenario
	names := map[string]bool{}
	if len(req.Scenarios) == 0 || len(req.Scenarios) > maxScenarios {
		issues = append(issues, Issue{Path: "scenarios", Message: fmt.Sprintf("want 1 to %d scenarios, got %d", maxScenarios, len(req.Scenarios))})
	}
	for i, sc := range req.Scenarios {
		path := fmt.Sprintf("scenarios[%d]", i)
		switch {
		case sc.Name == "" || sc.Name == "base":
			issues = append(issues, Issue{Path: path + ".name", Message: "want a name other than \"base\""})
			continue
		case names[sc.Name]:
			issues = append(issues, Issue{Path: path + ".name", Message: fmt.Sprintf("scenario %q is given twice", sc.Name)})
			continue
		}
		names[sc.Name] = true
		parsed, err := scenario.Parse(sc.Name, sc.Scenario)
		if err != nil {
			issues = append(issues, Issue{Path: path + ".scenario", Message: err.Error()})
			continue
		}
		scs = append(scs, parsed)
	}
	if req.Solver == "" {
		req.Solver = defaultCompareSolver
	}
	slv, err := solvers.Get(req.Solver)
	if err != nil {
		issues = append(issues, Issue{Path: "solver", Message: err.Error()})
	}
	if req.TimeLimitMS < 0 {
		issues = append(issues, Issue{Path: "time_limit_ms", Message: "must not be negative"})
	}
	if req.WorkLimit < 0 {
		issues = append(issues, Issue{Path: "work_limit", Message: "must not be negative"})
	}
	if req.TimeLimitMS == 0 {
		req.TimeLimitMS = s.cfg.DefaultTimeLimit.Milliseconds()
	}
	if maxMS := s.cfg.MaxTimeLimit.Milliseconds(); req.TimeLimitMS > maxMS {
		issues = append(issues, Issue{Path: "time_limit_ms", Message: fmt.Sprintf("%d is over the service's limit of %d", req.TimeLimitMS, maxMS)})
	}
	opts, err := req.SolveParams.Options()
	if err != nil {
		issues = append(issues, Issue{Path: "objective", Message: err.Error()})
	}
	if len(issues) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_request",
			Message: fmt.Sprintf("the comparison request has %d issue(s); the first: %s: %s", len(issues), issues[0].Path, issues[0].Message),
			Issues:  locateIssues(body, issues)})
		return
	}
	cfg := scenario.Config{Solver: slv, Options: opts, Parallel: 1}
	if req.Stable {
		cfg.Stable = &solver.Stability{}
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go func() {
		select {
		case <-s.stopping:
			cancel()
		case <-ctx.Done():
		}
	}()
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
		// The comparison plans 1+len(scs) problems one after the other:
		// keep the connection that long.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Duration(len(scs)+1)*opts.TimeLimit + s.cfg.WriteTimeout))
	case <-ctx.Done():
		writeError(w, http.StatusServiceUnavailable, "shutting_down", "the comparison was cancelled before it started")
		return
	}
	c, err := scenario.Compare(ctx, v.Problem, scs, cfg)
	switch {
	case ctx.Err() != nil:
		writeError(w, http.StatusServiceUnavailable, "shutting_down", "the comparison was cancelled: "+ctx.Err().Error())
	case err != nil:
		writeError(w, http.StatusUnprocessableEntity, "invalid_scenario", err.Error())
	default:
		writeJSON(w, http.StatusOK, c)
	}
}

// modelIssues converts API issues to model issues for model.Locate.
func modelIssues(is []Issue) model.Issues {
	out := make(model.Issues, len(is))
	for i, x := range is {
		out[i] = model.Issue{Path: x.Path, Message: x.Message}
	}
	return out
}

// locateIssues returns issues with the lines and columns of their paths in
// body.
func locateIssues(body []byte, is []Issue) []Issue {
	mi := modelIssues(is)
	model.Locate(body, mi)
	out := slices.Clone(is)
	for i := range out {
		out[i].Line, out[i].Column = mi[i].Line, mi[i].Column
	}
	return out
}
