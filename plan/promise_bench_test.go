package plan

import (
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// bigRush is the 2,000-order plant's plan at 30 % of its horizon and a
// rush order due a day later.
func bigRush(b *testing.B) (*Plan, model.Job) {
	pl, evs := bigPlant(b)
	pl = New(pl.Problem, pl.Schedule, evs.Now)
	return pl, rushOrder(pl.Problem, 0, pl.Now, pl.Now+int64(24*time.Hour/pl.Problem.TickLength()))
}

// BenchmarkPromiseInsert2000 measures the insertion quote (Insert: Apply
// + Repair) of a rush order on the 2,000-order plant at 30 % of its
// horizon; median-ms is the median over the iterations (target: at most
// 20 ms).
func BenchmarkPromiseInsert2000(b *testing.B) {
	pl, job := bigRush(b)
	var q *Quote
	timeIterations(b, func() (err error) {
		q, err = Insert(pl, job)
		return err
	})
	if err := schedule.Verify(q.Plan.Problem, q.Plan.Schedule); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPromise2000 measures both quotes (Promise) of the same rush
// order (target: at most 1 s).
func BenchmarkPromise2000(b *testing.B) {
	pl, job := bigRush(b)
	var pr *Promised
	timeIterations(b, func() (err error) {
		pr, err = Promise(pl, job)
		return err
	})
	b.ReportMetric(float64(pr.Insertion.Completion-pr.WithMoves.Completion), "ticks-gained")
	if err := schedule.Verify(pr.WithMoves.Plan.Problem, pr.WithMoves.Plan.Schedule); err != nil {
		b.Fatal(err)
	}
}
