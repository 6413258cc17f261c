package server

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solvers"
)

// ErrBusy is returned by Runner.Submit when as many solves as allowed are
// running and the queue is full (the service answers 429).
var ErrBusy = errors.New("too many solves: the queue is full")

// ErrClosed is returned by Runner.Submit after Shutdown began.
var ErrClosed = errors.New("the solver runner is shutting down")

// Task is one solve handed to a Runner: everything a worker needs, in
// values a work queue could serialise (the problem in its JSON form and
// the parameters).
type Task struct {
	// ID is the solve job's id.
	ID string
	// Problem is the problem JSON; Params the solve's parameters.
	Problem []byte
	Params  SolveParams
}

// Reporter receives what happens to the tasks of a Runner. Its methods
// may be called from several goroutines at once, never twice at once for
// one task.
type Reporter interface {
	// Started is called when a task starts solving.
	Started(id string)
	// Progress is called each time the task's incumbent improves.
	Progress(id string, p solver.Progress)
	// Finished is called once when a started task ends: with the solver's
	// result (its best schedule, also when cancelled) or its error.
	Finished(id string, res *solver.Result, elapsed time.Duration, err error)
}

// Runner runs solves: the seam where a work queue over several machines
// can replace the in-process LocalRunner.
type Runner interface {
	// Submit queues a task; it returns ErrBusy when the queue is full and
	// ErrClosed after Shutdown.
	Submit(t Task) error
	// Cancel stops a queued or running task: a running one stops with its
	// best schedule (Reporter.Finished); a queued one is dropped and
	// Cancel reports true with running false. It reports whether the task
	// was known.
	Cancel(id string) (known, running bool)
	// Counts returns the number of tasks running and queued.
	Counts() (running, queued int)
	// Shutdown stops accepting tasks, cancels the running ones and waits
	// until their results are reported (or ctx ends). Queued tasks are
	// left unstarted.
	Shutdown(ctx context.Context) error
}

// LocalRunner runs tasks in this process: at most Workers at once, up to
// Queue more waiting, in submission order.
type LocalRunner struct {
	rep   Reporter
	queue chan Task

	mu       sync.Mutex
	closed   bool
	running  map[string]context.CancelFunc
	queued   map[string]bool // id -> still wanted
	wg       sync.WaitGroup
	stopping chan struct{}
}

// NewLocalRunner starts workers goroutines (at least 1) with a queue of
// queue tasks (at least 0), reporting to rep.
func NewLocalRunner(workers, queue int, rep Reporter) *LocalRunner {
	workers = max(workers, 1)
	queue = max(queue, 0)
	r := &LocalRunner{
		rep: rep, queue: make(chan Task, queue),
		running: map[string]context.CancelFunc{}, queued: map[string]bool{},
		stopping: make(chan struct{}),
	}
	r.wg.Add(workers)
	for range workers {
		go r.work()
	}
	return r
}

func (r *LocalRunner) work() {
	defer r.wg.Done()
	for {
		select {
		case <-r.stopping:
			return
		case t := <-r.queue:
			r.run(t)
		}
	}
}

func (r *LocalRunner) run(t Task) {
	r.mu.Lock()
	wanted := r.queued[t.ID]
	delete(r.queued, t.ID)
	if !wanted || r.closed {
		r.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.running[t.ID] = cancel
	r.mu.Unlock()
	r.rep.Started(t.ID)
	start := time.Now()
	res, err := solveTask(ctx, t, func(p solver.Progress) { r.rep.Progress(t.ID, p) })
	elapsed := time.Since(start)
	r.mu.Lock()
	delete(r.running, t.ID)
	r.mu.Unlock()
	cancel()
	r.rep.Finished(t.ID, res, elapsed, err)
}

// solveTask decodes the task's problem and runs its solver.
func solveTask(ctx context.Context, t Task, progress func(solver.Progress)) (res *solver.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("solver %s panicked: %v", t.Params.Solver, v)
		}
	}()
	p, err := model.Decode(t.Problem)
	if err != nil {
		return nil, fmt.Errorf("problem: %w", err)
	}
	s, err := solvers.Get(t.Params.Solver)
	if err != nil {
		return nil, err
	}
	opts, err := t.Params.Options()
	if err != nil {
		return nil, err
	}
	opts.OnProgress = progress
	return s.Solve(ctx, p, opts)
}

// Submit implements Runner.
func (r *LocalRunner) Submit(t Task) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrClosed
	}
	select {
	case r.queue <- t:
		r.queued[t.ID] = true
		return nil
	default:
		return ErrBusy
	}
}

// Cancel implements Runner.
func (r *LocalRunner) Cancel(id string) (known, running bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if cancel, ok := r.running[id]; ok {
		cancel()
		return true, true
	}
	if r.queued[id] {
		r.queued[id] = false
		return true, false
	}
	return false, false
}

// Counts implements Runner.
func (r *LocalRunner) Counts() (running, queued int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, wanted := range r.queued {
		if wanted {
			queued++
		}
	}
	return len(r.running), queued
}

// Shutdown implements Runner.
func (r *LocalRunner) Shutdown(ctx context.Context) error {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.stopping)
		for _, cancel := range r.running {
			cancel()
		}
	}
	r.mu.Unlock()
	done := make(chan struct{})
	go func() { r.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// SolveParams are a solve's parameters, as the API receives them.
type SolveParams struct {
	// Solver is the solver's registry name (default "dispatch").
	Solver string `json:"solver"`
	// Objective overrides the problem's ("makespan+0.5*flow_time").
	Objective string `json:"objective,omitempty"`
	// TimeLimitMS is the time limit in milliseconds.
	TimeLimitMS int64 `json:"time_limit_ms,omitempty"`
	// WorkLimit is the deterministic work limit (0: none).
	WorkLimit int64 `json:"work_limit,omitempty"`
	// Seed seeds the solver.
	Seed uint64 `json:"seed,omitempty"`
}

// Options returns the solver options of the parameters.
func (sp SolveParams) Options() (solver.Options, error) {
	opts := solver.Options{
		TimeLimit: time.Duration(sp.TimeLimitMS) * time.Millisecond,
		WorkLimit: sp.WorkLimit, Seed: sp.Seed, Workers: 1,
	}
	if sp.Objective != "" {
		obj, err := model.ParseObjective(sp.Objective)
		if err != nil {
			return opts, fmt.Errorf("objective: %w", err)
		}
		opts.Objective = obj
	}
	return opts, nil
}
