package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// liveJob is a queued or running solve job as the server follows it: its
// record (updated in place under mu) and a channel closed at each change,
// which progress streams wait on.
type liveJob struct {
	mu        sync.Mutex
	rec       *JobRecord
	work      int64
	changed   chan struct{}
	done      chan struct{}
	persisted chan struct{} // closed once the job's record is stored
	lost      bool          // the record could not be stored: report nothing
}

// snapshot returns a copy of the record and the channel of its next change.
func (lj *liveJob) snapshot() (JobRecord, int64, <-chan struct{}) {
	lj.mu.Lock()
	defer lj.mu.Unlock()
	return *lj.rec, lj.work, lj.changed
}

// update changes the record under the lock and wakes the watchers.
func (lj *liveJob) update(fn func(*JobRecord)) JobRecord {
	lj.mu.Lock()
	defer lj.mu.Unlock()
	fn(lj.rec)
	close(lj.changed)
	lj.changed = make(chan struct{})
	return *lj.rec
}

func (s *Server) live(id string) *liveJob {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.jobs[id]
}

// enqueue hands job j to the runner; create says whether to store it
// first (a new job) or whether it is already stored (a resumed one).
func (s *Server) enqueue(ctx context.Context, j *JobRecord, create bool) error {
	rec := *j // the live copy; j stays the caller's
	lj := &liveJob{rec: &rec, changed: make(chan struct{}), done: make(chan struct{}), persisted: make(chan struct{})}
	var params SolveParams
	if err := json.Unmarshal(j.Params, &params); err != nil {
		return fmt.Errorf("job %s parameters: %w", j.ID, err)
	}
	s.mu.Lock()
	s.jobs[j.ID] = lj
	s.mu.Unlock()
	if err := s.runner.Submit(Task{ID: j.ID, Problem: j.Problem, Params: params}); err != nil {
		s.mu.Lock()
		delete(s.jobs, j.ID)
		s.mu.Unlock()
		return err
	}
	if create {
		if err := s.store.CreateJob(ctx, j); err != nil {
			s.runner.Cancel(j.ID)
			lj.mu.Lock()
			lj.lost = true
			lj.mu.Unlock()
			close(lj.persisted)
			s.forget(lj)
			return fmt.Errorf("store job: %w", err)
		}
	}
	close(lj.persisted)
	return nil
}

// forget removes a finished job from the live jobs.
func (s *Server) forget(lj *liveJob) {
	s.mu.Lock()
	if s.jobs[lj.rec.ID] == lj {
		delete(s.jobs, lj.rec.ID)
	}
	s.mu.Unlock()
}

// persist writes a job record, retrying a few times: the store may be
// busy for a moment.
func (s *Server) persist(rec JobRecord) {
	var err error
	for attempt := range 5 {
		if err = s.store.UpdateJob(context.Background(), &rec); err == nil {
			return
		}
		time.Sleep(time.Duration(50<<attempt) * time.Millisecond)
	}
	s.log.Error("cannot store solve job", "job", rec.ID, "state", rec.State, "err", err)
}

// Started implements Reporter.
func (s *Server) Started(id string) {
	lj := s.live(id)
	if lj == nil {
		return
	}
	<-lj.persisted
	if lj.lost {
		return
	}
	rec := lj.update(func(r *JobRecord) { r.State, r.Started = JobRunning, time.Now().UTC() })
	s.persist(rec)
	s.log.Info("solve started", "job", id, "plant", rec.Plant, "solver", rec.Solver)
}

// Progress implements Reporter.
func (s *Server) Progress(id string, p solver.Progress) {
	lj := s.live(id)
	if lj == nil {
		return
	}
	lj.update(func(r *JobRecord) {
		if !math.IsNaN(p.Objective) && !math.IsInf(p.Objective, 0) {
			r.HasObjective, r.Objective = true, p.Objective
		}
		if !math.IsNaN(p.Bound) && !math.IsInf(p.Bound, 0) {
			r.HasBound, r.Bound = true, p.Bound
		}
		lj.work = p.Work
	})
}

// Finished implements Reporter: it stores the result document (the best
// schedule, also of a cancelled solve) and the final state.
func (s *Server) Finished(id string, res *solver.Result, elapsed time.Duration, err error) {
	lj := s.live(id)
	if lj == nil {
		return
	}
	<-lj.persisted
	if lj.lost {
		s.forget(lj)
		close(lj.done)
		return
	}
	snap, _, _ := lj.snapshot()
	var doc []byte
	state, errMsg := JobDone, ""
	if err == nil {
		doc, err = resultDocument(snap.Problem, snap.Params, res, elapsed)
	}
	switch {
	case err != nil:
		state, errMsg = JobFailed, err.Error()
	case res.Stop == solver.Canceled:
		state = JobCanceled
	case doc == nil:
		state, errMsg = JobFailed, fmt.Sprintf("%s found no schedule (status %s, stopped: %s)", snap.Solver, res.Status, res.Stop)
	}
	rec := lj.update(func(r *JobRecord) {
		r.State, r.Error, r.Ended, r.Result = state, errMsg, time.Now().UTC(), doc
		if res != nil {
			r.Status, r.Stop = res.Status.String(), res.Stop.String()
			if doc != nil && !math.IsNaN(res.Objective) && !math.IsInf(res.Objective, 0) {
				r.HasObjective, r.Objective = true, res.Objective
			}
			if !math.IsNaN(res.Bound) && !math.IsInf(res.Bound, 0) {
				r.HasBound, r.Bound = true, res.Bound
			}
		}
	})
	s.persist(rec)
	s.metrics.finished.WithLabelValues(rec.Solver, state).Inc()
	if rec.HasObjective && doc != nil {
		s.metrics.objective.WithLabelValues(rec.Solver).Set(rec.Objective)
	}
	s.forget(lj)
	close(lj.done)
	s.log.Info("solve finished", "job", id, "plant", rec.Plant, "solver", rec.Solver, "state", state,
		"objective", rec.Objective, "ms", elapsed.Milliseconds(), "err", errMsg)
}

// resultDocument builds the result JSON (schema/result.schema.json) of res with
// solver.NewDocument, refusing a schedule that fails schedule.Check; nil when
// res has none.
func resultDocument(problem, params []byte, res *solver.Result, elapsed time.Duration) ([]byte, error) {
	if res == nil || res.Schedule == nil {
		return nil, nil
	}
	p, err := model.Decode(problem)
	if err != nil {
		return nil, err
	}
	var sp SolveParams
	if err := json.Unmarshal(params, &sp); err != nil {
		return nil, err
	}
	opts, err := sp.Options()
	if err != nil {
		return nil, err
	}
	doc, vs := solver.NewDocument(p, opts.EffectiveObjective(p), res)
	if len(vs) > 0 {
		return nil, fmt.Errorf("the solver's schedule fails the independent check: %w", &schedule.ViolationsError{Violations: vs})
	}
	if doc.Solver == "" {
		doc.Solver = sp.Solver
	}
	doc.ElapsedMS = elapsed.Milliseconds()
	return json.Marshal(doc)
}

// JobStatus is the API's view of a solve job.
type JobStatus struct {
	ID          string   `json:"id"`
	State       string   `json:"state"`
	Solver      string   `json:"solver"`
	CreatedAt   string   `json:"created_at"`
	StartedAt   string   `json:"started_at,omitempty"`
	EndedAt     string   `json:"ended_at,omitempty"`
	ElapsedMS   int64    `json:"elapsed_ms"`
	Work        int64    `json:"work,omitempty"`
	Objective   *float64 `json:"objective,omitempty"`
	Bound       *float64 `json:"bound,omitempty"`
	Status      string   `json:"status,omitempty"`
	Stop        string   `json:"stop,omitempty"`
	Error       string   `json:"error,omitempty"`
	URL         string   `json:"url"`
	ProgressURL string   `json:"progress_url"`
	ResultURL   string   `json:"result_url,omitempty"`
}

func timeString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func jobStatus(j *JobRecord, work int64) JobStatus {
	st := JobStatus{
		ID: j.ID, State: j.State, Solver: j.Solver, CreatedAt: timeString(j.Created),
		StartedAt: timeString(j.Started), EndedAt: timeString(j.Ended), Work: work,
		Status: j.Status, Stop: j.Stop, Error: j.Error,
		URL: "/v1/solves/" + j.ID, ProgressURL: "/v1/solves/" + j.ID + "/progress",
	}
	if !j.Started.IsZero() {
		end := j.Ended
		if end.IsZero() {
			end = time.Now()
		}
		st.ElapsedMS = end.Sub(j.Started).Milliseconds()
	}
	if j.HasObjective {
		v := j.Objective
		st.Objective = &v
	}
	if j.HasBound {
		v := j.Bound
		st.Bound = &v
	}
	if j.Result != nil {
		st.ResultURL = st.URL + "/result"
	}
	return st
}

// job returns the plant's job: live when it is queued or running,
// otherwise from the store.
func (s *Server) job(ctx context.Context, plant, id string) (JobRecord, int64, error) {
	if lj := s.live(id); lj != nil {
		rec, work, _ := lj.snapshot()
		if rec.Plant == plant {
			return rec, work, nil
		}
		return JobRecord{}, 0, ErrNotFound
	}
	j, err := s.store.Job(ctx, plant, id)
	if err != nil {
		return JobRecord{}, 0, err
	}
	return *j, 0, nil
}

// storeError answers a store error: 404 for ErrNotFound, 503 otherwise.
func (s *Server) storeError(w http.ResponseWriter, what string, err error) {
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "not_found", what+" not found")
		return
	}
	s.log.Error("store", "what", what, "err", err)
	writeError(w, http.StatusServiceUnavailable, "store_unavailable", "the store failed: "+err.Error())
}

// solveRequest is the body of POST /v1/solves (and, with Name and Solve,
// of POST /v1/plans).
type solveRequest struct {
	Problem json.RawMessage `json:"problem"`
	SolveParams
	Name  string `json:"name"`
	Solve string `json:"solve"`
}

// newJob checks a solve request and returns its job record, or answers
// the error and returns nil.
func (s *Server) newJob(w http.ResponseWriter, body []byte, req *solveRequest, who Principal) *JobRecord {
	if req.Solver == "" {
		req.Solver = "dispatch"
	}
	if _, err := lookupSolver(req.Solver); err != nil {
		writeError(w, http.StatusUnprocessableEntity, "unknown_solver", err.Error())
		return nil
	}
	if req.TimeLimitMS < 0 || req.WorkLimit < 0 {
		writeError(w, http.StatusUnprocessableEntity, "invalid_parameters", "time_limit_ms and work_limit must not be negative")
		return nil
	}
	if req.TimeLimitMS == 0 {
		req.TimeLimitMS = s.cfg.DefaultTimeLimit.Milliseconds()
	}
	if maxMS := s.cfg.MaxTimeLimit.Milliseconds(); req.TimeLimitMS > maxMS {
		writeError(w, http.StatusUnprocessableEntity, "invalid_parameters", fmt.Sprintf("time_limit_ms %d is over the service's limit of %d", req.TimeLimitMS, maxMS))
		return nil
	}
	if _, err := req.SolveParams.Options(); err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_parameters", err.Error())
		return nil
	}
	if len(req.Problem) == 0 || string(req.Problem) == "null" {
		writeError(w, http.StatusUnprocessableEntity, "invalid_problem", "the request has no problem")
		return nil
	}
	if _, issues := checkProblem(req.Problem, body, "problem"); issues != nil {
		writeJSON(w, http.StatusUnprocessableEntity, APIError{Code: "invalid_problem",
			Message: fmt.Sprintf("the problem has %d issue(s)", len(issues)), Issues: issues})
		return nil
	}
	params, _ := json.Marshal(req.SolveParams)
	return &JobRecord{
		ID: newID("s_"), Plant: who.Plant, State: JobQueued, Solver: req.Solver,
		Problem: req.Problem, Params: params, Created: time.Now().UTC(),
	}
}

// submit queues a new job, answering 429 or 503 when it cannot.
func (s *Server) submit(w http.ResponseWriter, r *http.Request, j *JobRecord) bool {
	select {
	case <-s.stopping:
		writeError(w, http.StatusServiceUnavailable, "shutting_down", "the service is shutting down")
		return false
	default:
	}
	err := s.enqueue(r.Context(), j, true)
	switch {
	case errors.Is(err, ErrBusy):
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusTooManyRequests, "queue_full",
			fmt.Sprintf("%d solves are running and %d waiting; try again later", s.cfg.MaxSolves, s.cfg.QueueSize))
		return false
	case errors.Is(err, ErrClosed):
		writeError(w, http.StatusServiceUnavailable, "shutting_down", "the service is shutting down")
		return false
	case err != nil:
		s.storeError(w, "solve job", err)
		return false
	}
	return true
}

func (s *Server) submitSolve(w http.ResponseWriter, r *http.Request, who Principal) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	var req solveRequest
	if !decodeJSON(w, body, &req) {
		return
	}
	j := s.newJob(w, body, &req, who)
	if j == nil || !s.submit(w, r, j) {
		return
	}
	st := jobStatus(j, 0)
	w.Header().Set("Location", st.URL)
	writeJSON(w, http.StatusAccepted, st)
}

func (s *Server) getSolve(w http.ResponseWriter, r *http.Request, who Principal) {
	j, work, err := s.job(r.Context(), who.Plant, r.PathValue("id"))
	if err != nil {
		s.storeError(w, "solve job", err)
		return
	}
	writeJSON(w, http.StatusOK, jobStatus(&j, work))
}

func (s *Server) cancelSolve(w http.ResponseWriter, r *http.Request, who Principal) {
	id := r.PathValue("id")
	j, _, err := s.job(r.Context(), who.Plant, id)
	if err != nil {
		s.storeError(w, "solve job", err)
		return
	}
	if j.State == JobQueued || j.State == JobRunning {
		lj := s.live(id)
		if known, running := s.runner.Cancel(id); known && !running && lj != nil {
			// dropped from the queue: it ends here, without a result
			rec := lj.update(func(r *JobRecord) { r.State, r.Ended, r.Stop = JobCanceled, time.Now().UTC(), solver.Canceled.String() })
			s.persist(rec)
			s.forget(lj)
			close(lj.done)
		}
		if lj != nil {
			select {
			case <-lj.done:
			case <-r.Context().Done():
				return
			}
		}
		if j, _, err = s.job(r.Context(), who.Plant, id); err != nil {
			s.storeError(w, "solve job", err)
			return
		}
	}
	writeJSON(w, http.StatusOK, jobStatus(&j, 0))
}

func (s *Server) solveResult(w http.ResponseWriter, r *http.Request, who Principal) {
	j, _, err := s.job(r.Context(), who.Plant, r.PathValue("id"))
	if err != nil {
		s.storeError(w, "solve job", err)
		return
	}
	if j.Result == nil {
		writeError(w, http.StatusConflict, "no_result", fmt.Sprintf("solve job %s has no result (state %s)", j.ID, j.State))
		return
	}
	writeRaw(w, http.StatusOK, "application/json", j.Result)
}

// streamSolve sends the job's status as Server-Sent Events: a "progress"
// event at each change (a better objective or bound, a new state) and an
// "end" event with the final status, then closes.
func (s *Server) streamSolve(w http.ResponseWriter, r *http.Request, who Principal) {
	id := r.PathValue("id")
	j, _, err := s.job(r.Context(), who.Plant, id)
	if err != nil {
		s.storeError(w, "solve job", err)
		return
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	send := func(event string, st JobStatus) bool {
		data, _ := json.Marshal(st)
		_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	lj := s.live(id)
	if lj == nil {
		send("end", jobStatus(&j, 0))
		return
	}
	heartbeat := time.NewTicker(15 * time.Second)
	defer heartbeat.Stop()
	for {
		rec, work, changed := lj.snapshot()
		select {
		case <-lj.done:
			rec, work, _ = lj.snapshot()
			send("end", jobStatus(&rec, work))
			return
		default:
		}
		if !send("progress", jobStatus(&rec, work)) {
			return
		}
	wait:
		select {
		case <-changed:
		case <-lj.done:
		case <-heartbeat.C:
			_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
			goto wait
		case <-r.Context().Done():
			return
		case <-s.stopping:
			// the shutdown cancels the solve: wait for its end (stored)
			select {
			case <-lj.done:
			case <-time.After(5 * time.Second):
				return
			}
		}
	}
}
