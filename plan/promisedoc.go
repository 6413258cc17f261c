package plan

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// ParseOrder reads a new order for problem p: a job JSON object as in a
// problem's "jobs". It is read as the job of an order_added event at now,
// so that it means exactly what it means in an events file. Problems are
// returned as a model.Issues error located in data (paths from the job:
// "operations[0].machine").
func ParseOrder(p *model.Problem, now int64, data []byte) (model.Job, error) {
	wrapped := fmt.Appendf(nil, `{"now": %d, "events": [{"type": "order_added", "job": %s}]}`, now, data)
	evs, err := ParseEvents(p, wrapped)
	if err != nil {
		var is model.Issues
		if !errors.As(err, &is) {
			return model.Job{}, err
		}
		const prefix = "events[0].job"
		out := make(model.Issues, 0, len(is))
		for _, i := range is {
			if !strings.HasPrefix(i.Path, prefix) {
				// an issue of the wrapper: the order is not JSON
				out = append(out, model.Issue{Message: i.Message})
				continue
			}
			path := strings.TrimPrefix(strings.TrimPrefix(i.Path, prefix), ".")
			out = append(out, model.Issue{Path: path, Message: i.Message})
		}
		model.Locate(data, out)
		return model.Job{}, out
	}
	if len(evs.Events) != 1 || evs.Events[0].NewJob == nil {
		return model.Job{}, errors.New("not a job object")
	}
	return *evs.Events[0].NewJob, nil
}

// PromiseQuote is one quote of a PromiseDocument.
type PromiseQuote struct {
	// Completion is a datetime (RFC 3339), or ticks for unitless
	// problems.
	Completion any   `json:"completion"`
	Ticks      int64 `json:"completion_tick"`
	// Late says whether the completion is after the order's due date;
	// Tardiness is by how much (ticks).
	Late      bool  `json:"late"`
	Tardiness int64 `json:"tardiness"`
	// Moved counts the other orders' operations that move.
	Moved int `json:"moved_operations"`
}

// PromiseDocument is the JSON answer to a promise: what 'ordo promise
// --json' prints and what the service's promise route answers.
type PromiseDocument struct {
	Order     string       `json:"order"`
	Now       any          `json:"now"`
	Insertion PromiseQuote `json:"insertion"`
	WithMoves PromiseQuote `json:"with_moves"`
	ElapsedMS int64        `json:"elapsed_ms"`
}

// NewPromiseDocument returns the document of pr, quoted at now in elapsed.
// Times are RFC 3339 datetimes, or ticks for unitless problems.
func NewPromiseDocument(pr *Promised, now int64, elapsed time.Duration) PromiseDocument {
	np := pr.Insertion.Plan.Problem
	var due *int64
	for j := range np.Jobs {
		if np.Jobs[j].ID == pr.Order {
			due = np.Jobs[j].Due
		}
	}
	timeOf := func(t int64) any {
		if np.Epoch.IsZero() {
			return t
		}
		return np.TimeOf(t).Format(time.RFC3339)
	}
	quote := func(q Quote) PromiseQuote {
		o := PromiseQuote{Completion: timeOf(q.Completion), Ticks: q.Completion, Moved: q.Moved}
		if due != nil && q.Completion > *due {
			o.Late, o.Tardiness = true, q.Completion-*due
		}
		return o
	}
	return PromiseDocument{Order: pr.Order, Now: timeOf(now), Insertion: quote(pr.Insertion),
		WithMoves: quote(pr.WithMoves), ElapsedMS: elapsed.Milliseconds()}
}
