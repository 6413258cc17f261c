package plan

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// TestParseOrderLocated: the issues of an order are located in the
// order's own text, with paths from the job.
func TestParseOrderLocated(t *testing.T) {
	pl := base(t)
	order := []byte("{\"id\": \"NEW\",\n \"operations\": [\n  {\"machine\": \"M1\", \"duration\": -5}]}")
	_, err := ParseOrder(pl.Problem, pl.Now, order)
	var is model.Issues
	if !errors.As(err, &is) || len(is) == 0 {
		t.Fatalf("negative duration: %v", err)
	}
	if is[0].Path == "" || is[0].Path[0] == '.' || is[0].Line != 3 {
		t.Errorf("issue %+v: want a job path and line 3", is[0])
	}
	if _, err := ParseOrder(pl.Problem, pl.Now, []byte(`[1]`)); err == nil {
		t.Errorf("an array is not an order")
	}
	job, err := ParseOrder(pl.Problem, pl.Now, []byte(`{"id": "NEW", "due": "2026-12-07T06:30:00Z", "operations": [{"machine": "M2", "duration": 5}]}`))
	if err != nil || job.ID != "NEW" || job.Due == nil || *job.Due != 30 {
		t.Fatalf("a valid order: %+v %v", job, err)
	}
}

// TestPromiseDocument: the document's quotes are the promise's, in
// datetimes, with lateness against the order's due date.
func TestPromiseDocument(t *testing.T) {
	pl := base(t)
	job, err := ParseOrder(pl.Problem, pl.Now, []byte(`{"id": "NEW", "due": "2026-12-07T06:01:00Z", "operations": [{"machine": "M2", "duration": 5}]}`))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := Promise(pl, job)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []Quote{pr.Insertion, pr.WithMoves} {
		if vs := schedule.Check(q.Plan.Problem, q.Plan.Schedule); len(vs) > 0 {
			t.Fatalf("quote plan: %v", vs[0])
		}
	}
	doc := NewPromiseDocument(pr, pl.Now, 3*time.Millisecond)
	want := pl.Problem.Epoch.Add(time.Duration(pr.Insertion.Completion) * time.Minute).Format(time.RFC3339)
	if doc.Order != "NEW" || doc.Insertion.Completion != want || doc.Insertion.Ticks != pr.Insertion.Completion || doc.ElapsedMS != 3 {
		t.Errorf("document %+v, want insertion completion %s", doc, want)
	}
	if !doc.Insertion.Late || doc.Insertion.Tardiness != pr.Insertion.Completion-1 {
		t.Errorf("the order due at tick 1 completing at %d: %+v", pr.Insertion.Completion, doc.Insertion)
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	for _, k := range []string{"order", "now", "insertion", "with_moves", "elapsed_ms"} {
		if _, ok := m[k]; !ok {
			t.Errorf("the document lacks %q: %s", k, data)
		}
	}
}
