package plan

import (
	"fmt"
	"testing"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// rushOrder returns a copy of job j of p as a new order "RUSH": no fixed
// operations, no links to other jobs, released at now, due at due.
func rushOrder(p *model.Problem, j int, now, due int64) model.Job {
	src := &p.Jobs[j]
	job := model.Job{ID: "RUSH", Quantity: src.Quantity, Release: now, Due: model.Tick(due), Weight: 3, Routing: src.Routing}
	for _, op := range src.Operations {
		op.Fixed = nil
		var after []model.Link
		for _, l := range op.After {
			if l.Job == "" || l.Job == src.ID {
				after = append(after, model.Link{Op: l.Op, MinLag: l.MinLag})
			}
		}
		op.After = after
		op.Consumes, op.Produces = nil, nil
		job.Operations = append(job.Operations, op)
	}
	return job
}

// TestPromiseMatchesReplan quotes rush orders on random plants: the
// insertion quote is exactly the completion an order_added event and
// Replan give; the quote with moves is never later, its plan passes the
// check, and no other order is later in it than in the insertion plan.
func TestPromiseMatchesReplan(t *testing.T) {
	quoted, earlier := 0, 0
	for seed := uint64(1); seed <= 45; seed++ {
		p, s, err := dispatchedPlant(seed)
		if err != nil {
			continue
		}
		mk := schedule.Makespan(s)
		now := mk / 4
		job := rushOrder(p, int(seed)%len(p.Jobs), now, now+mk/3)
		name := fmt.Sprintf("seed %d", seed)
		pr, err := Promise(New(p, s, now), job)
		if err != nil {
			continue // a deadline the new order makes impossible, ...
		}
		quoted++
		np, err := Replan(New(p, s, now), &Events{Now: now, Events: []Event{OrderAdded(job)}})
		if err != nil {
			t.Fatalf("%s: Promise succeeded, Replan failed: %v", name, err)
		}
		jn := len(np.Problem.Jobs) - 1
		if np.Problem.Jobs[jn].ID != "RUSH" {
			t.Fatalf("%s: the new job is not last", name)
		}
		if c := completion(np.Schedule, jn); c != pr.Insertion.Completion {
			t.Errorf("%s: promised %d by insertion, order_added + replan gives %d", name, pr.Insertion.Completion, c)
		}
		for _, q := range []Quote{pr.Insertion, pr.WithMoves} {
			if err := schedule.Verify(q.Plan.Problem, q.Plan.Schedule); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if c := completion(q.Plan.Schedule, jn); c != q.Completion {
				t.Errorf("%s: quote %d, its plan completes the order at %d", name, q.Completion, c)
			}
		}
		if pr.WithMoves.Completion > pr.Insertion.Completion {
			t.Errorf("%s: with moves %d, later than insertion %d", name, pr.WithMoves.Completion, pr.Insertion.Completion)
		}
		if pr.WithMoves.Completion < pr.Insertion.Completion {
			earlier++
			ti, tm := tardiness(np.Problem, pr.Insertion.Plan.Schedule, jn), tardiness(np.Problem, pr.WithMoves.Plan.Schedule, jn)
			for j := range ti {
				if tm[j] > ti[j] {
					t.Errorf("%s: order %s: tardiness %d with moves, %d by insertion", name, np.Problem.Jobs[j].ID, tm[j], ti[j])
				}
			}
		}
	}
	t.Logf("%d orders quoted, %d earlier with moves", quoted, earlier)
	if quoted < 15 || earlier == 0 {
		t.Errorf("%d orders quoted, %d earlier with moves", quoted, earlier)
	}
}
