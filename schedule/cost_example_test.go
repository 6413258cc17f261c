package schedule_test

import (
	"fmt"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// A lathe at 60 an hour with a 50 % night premium turns one order from
// 20:00 to 23:00 on a Monday, a day before it is due: two day hours, one
// night hour, and one day of finished goods waiting at 30 a day.
func ExampleComputeCosts() {
	p := &model.Problem{
		Epoch:    time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
		Machines: []model.Machine{{ID: "lathe", CostPerHour: 60, NightPremium: 0.5}},
		Jobs: []model.Job{{ID: "A", Due: model.Tick(47 * 60), HoldingCostPerDay: 30,
			Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "lathe", Duration: 180}}}}}},
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 0, Op: 0, Machine: 0, SetupStart: 20 * 60, Start: 20 * 60, End: 23 * 60}}}
	c := schedule.ComputeCosts(p, s)
	fmt.Printf("total %.2f: processing %.2f, finished goods %.2f\n", c.Total, c.Processing, c.FinishedHolding)
	// Output:
	// total 240.00: processing 210.00, finished goods 30.00
}
