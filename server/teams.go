package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
)

// Limits of a team.
const (
	// maxTeamMembers bounds the machines plus pools of a team.
	maxTeamMembers = 1000
	// maxMemberID bounds the length of a member's ID.
	maxMemberID = 256
)

// teamRoutes are the routes of a plant's teams: groups of machines and
// operator pools that share one work list
// (/v1/plans/{id}/versions/{version}/worklists/{team}).
func (s *Server) teamRoutes() []Route {
	return []Route{
		{"GET", "/v1/teams", Read, s.listTeams},
		{"GET", "/v1/teams/{team}", Team, s.getTeam},
		{"PUT", "/v1/teams/{team}", Write, s.putTeam},
		{"DELETE", "/v1/teams/{team}", Write, s.deleteTeam},
	}
}

// TeamView is the API's view of a team.
type TeamView struct {
	Name      string   `json:"name"`
	Plant     string   `json:"plant"`
	Machines  []string `json:"machines"`
	Pools     []string `json:"pools"`
	CreatedAt string   `json:"created_at"`
	UpdatedAt string   `json:"updated_at"`
	URL       string   `json:"url"`
}

func teamView(t *TeamRecord) TeamView {
	return TeamView{Name: t.Name, Plant: t.Plant, Machines: nonNil(t.Machines), Pools: nonNil(t.Pools),
		CreatedAt: timeString(t.Created), UpdatedAt: timeString(t.Updated), URL: "/v1/teams/" + t.Name}
}

// TeamRequest is the body of PUT /v1/teams/{team}: the IDs of the
// machines and of the operator pools of the team. They are checked
// against a plan version's problem when the team's work list is read, not
// here (the plans of a plant may differ).
type TeamRequest struct {
	Machines []string `json:"machines"`
	Pools    []string `json:"pools"`
}

// Check returns the issues of a team request: no member at all, an empty,
// too long or repeated ID, too many members.
func (req *TeamRequest) Check() []Issue {
	var issues []Issue
	if len(req.Machines)+len(req.Pools) == 0 {
		return []Issue{{Path: "machines", Message: "a team needs at least one machine or operator pool"}}
	}
	if n := len(req.Machines) + len(req.Pools); n > maxTeamMembers {
		return []Issue{{Path: "machines", Message: fmt.Sprintf("%d machines and pools: at most %d", n, maxTeamMembers)}}
	}
	for _, list := range []struct {
		name string
		ids  []string
	}{{"machines", req.Machines}, {"pools", req.Pools}} {
		seen := map[string]bool{}
		for i, id := range list.ids {
			path := fmt.Sprintf("%s[%d]", list.name, i)
			switch {
			case strings.TrimSpace(id) == "":
				issues = append(issues, Issue{Path: path, Message: "an empty ID"})
			case len(id) > maxMemberID:
				issues = append(issues, Issue{Path: path, Message: fmt.Sprintf("an ID of %d bytes: at most %d", len(id), maxMemberID)})
			case seen[id]:
				issues = append(issues, Issue{Path: path, Message: fmt.Sprintf("%q is listed twice", id)})
			}
			seen[id] = true
		}
	}
	return issues
}

// SetTeam checks and stores plant's team name with machines and pools, as
// PUT /v1/teams/{team} does (for administrators without HTTP: ordo team
// set), and reports whether it created the team.
func SetTeam(ctx context.Context, st Store, plant, name string, machines, pools []string) (*TeamRecord, bool, error) {
	if err := checkName("plant", plant); err != nil {
		return nil, false, err
	}
	if err := checkName("team", name); err != nil {
		return nil, false, err
	}
	req := TeamRequest{Machines: machines, Pools: pools}
	if issues := req.Check(); len(issues) > 0 {
		msgs := make([]string, len(issues))
		for i, is := range issues {
			msgs[i] = is.Path + ": " + is.Message
		}
		return nil, false, fmt.Errorf("team %s: %s", name, strings.Join(msgs, "; "))
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	t := &TeamRecord{Plant: plant, Name: name, Machines: nonNil(machines), Pools: nonNil(pools), Created: now, Updated: now}
	created, err := st.PutTeam(ctx, t)
	if err != nil {
		return nil, false, fmt.Errorf("store team: %w", err)
	}
	return t, created, nil
}

// teamName reads the {team} of the path; it answers 404 (a name no team
// can have) and returns "" when it is not a valid name.
func teamName(w http.ResponseWriter, r *http.Request) string {
	name := r.PathValue("team")
	if err := checkName("team", name); err != nil {
		writeError(w, http.StatusNotFound, "not_found", err.Error())
		return ""
	}
	return name
}

func (s *Server) listTeams(w http.ResponseWriter, r *http.Request, who Principal) {
	ts, err := s.store.Teams(r.Context(), who.Plant)
	if err != nil {
		s.storeError(w, "teams", err)
		return
	}
	out := make([]TeamView, len(ts))
	for i, t := range ts {
		out[i] = teamView(t)
	}
	writeJSON(w, http.StatusOK, map[string]any{"teams": out})
}

func (s *Server) getTeam(w http.ResponseWriter, r *http.Request, who Principal) {
	name := teamName(w, r)
	if name == "" {
		return
	}
	t, err := s.store.Team(r.Context(), who.Plant, name)
	if err != nil {
		s.storeError(w, fmt.Sprintf("team %q", name), err)
		return
	}
	writeJSON(w, http.StatusOK, teamView(t))
}

// putTeam creates (201) or replaces (200) a team.
func (s *Server) putTeam(w http.ResponseWriter, r *http.Request, who Principal) {
	name := r.PathValue("team")
	if err := checkName("team", name); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_team", Message: err.Error(),
			Issues: []Issue{{Path: "team", Message: err.Error()}}})
		return
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	var req TeamRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(&req)
	if err == nil && dec.Decode(new(json.RawMessage)) != io.EOF {
		err = &json.SyntaxError{}
	}
	if err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			writeMalformed(w, body)
		case errors.As(err, &te):
			msg := fmt.Sprintf("want %s, got %s", te.Type, te.Value)
			writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_team",
				Message: te.Field + ": " + msg, Issues: []Issue{{Path: te.Field, Message: msg}}})
		default:
			// an unknown field: "json: unknown field \"x\""
			msg := strings.TrimPrefix(err.Error(), "json: ")
			writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_team",
				Message: msg + " (a team has machines and pools)", Issues: []Issue{{Message: msg}}})
		}
		return
	}
	if issues := req.Check(); len(issues) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_team",
			Message: fmt.Sprintf("team %s has %d issue(s); the first: %s: %s", name, len(issues), issues[0].Path, issues[0].Message),
			Issues:  locateIssues(body, issues)})
		return
	}
	now := time.Now().UTC().Truncate(time.Millisecond) // what the store keeps
	t := &TeamRecord{Plant: who.Plant, Name: name, Machines: nonNil(req.Machines), Pools: nonNil(req.Pools), Created: now, Updated: now}
	created, err := s.store.PutTeam(r.Context(), t)
	if err != nil {
		s.storeError(w, "team", err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
		w.Header().Set("Location", "/v1/teams/"+name)
	}
	writeJSON(w, code, teamView(t))
}

func (s *Server) deleteTeam(w http.ResponseWriter, r *http.Request, who Principal) {
	name := teamName(w, r)
	if name == "" {
		return
	}
	if err := s.store.DeleteTeam(r.Context(), who.Plant, name); err != nil {
		s.storeError(w, fmt.Sprintf("team %q", name), err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// mayReadWorkList reports whether the team token of who may read the work
// list of group: its own group's (the team named like its role, or the
// machine or pool of that ID), and the single lists of the machines and
// pools of its team, but never another team's list. Planners and viewers
// read every list. It answers 403 (or 503 when the store fails) and
// returns false when not.
func (s *Server) mayReadWorkList(w http.ResponseWriter, r *http.Request, who Principal, group string) bool {
	if who.Role.Kind != RoleTeam || who.Role.Group == group {
		return true
	}
	forbid := func() bool {
		writeError(w, http.StatusForbidden, "forbidden",
			fmt.Sprintf("a team:%s token may not %s %s: it reads the lists of its team and of the team's machines and pools", who.Role.Group, r.Method, r.URL.Path))
		return false
	}
	// group names another team: never
	if _, err := s.store.Team(r.Context(), who.Plant, group); err == nil {
		return forbid()
	} else if !errors.Is(err, ErrNotFound) {
		s.storeError(w, "team", err)
		return false
	}
	own, err := s.store.Team(r.Context(), who.Plant, who.Role.Group)
	if errors.Is(err, ErrNotFound) {
		return forbid()
	}
	if err != nil {
		s.storeError(w, "team", err)
		return false
	}
	if slices.Contains(own.Machines, group) || slices.Contains(own.Pools, group) {
		return true
	}
	return forbid()
}

// unknownMembers returns an issue for each machine and pool of team t that
// problem p lacks.
func unknownMembers(p *model.Problem, t *TeamRecord) []Issue {
	var issues []Issue
	for i, id := range t.Machines {
		if !slices.ContainsFunc(p.Machines, func(m model.Machine) bool { return m.ID == id }) {
			issues = append(issues, Issue{Path: fmt.Sprintf("machines[%d]", i), Message: fmt.Sprintf("no machine %q", id)})
		}
	}
	for i, id := range t.Pools {
		if !slices.ContainsFunc(p.OperatorPools, func(o model.OperatorPool) bool { return o.ID == id }) {
			issues = append(issues, Issue{Path: fmt.Sprintf("pools[%d]", i), Message: fmt.Sprintf("no operator pool %q", id)})
		}
	}
	return issues
}

// teamWorkList returns the one work list of team t: report.WorkLists makes
// the list of its machines together (as ordo report worklists --group
// does) and one per pool, and they are merged into one, in time order,
// each operation once.
func teamWorkList(p *model.Problem, sc *schedule.Schedule, opts report.WorkListOptions, t *TeamRecord) (report.WorkList, error) {
	opts.Teams = nil
	if len(t.Machines) > 0 {
		opts.Teams = append(opts.Teams, report.Team{Name: t.Name, Machines: t.Machines})
	}
	for _, o := range t.Pools {
		opts.Teams = append(opts.Teams, report.Team{Name: t.Name, Pool: o})
	}
	wls, err := report.WorkLists(p, sc, opts)
	if err != nil {
		return report.WorkList{}, err
	}
	if len(wls) == 1 {
		return wls[0], nil
	}
	return report.MergeWorkLists(p, t.Name, wls), nil
}
