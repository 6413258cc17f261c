package gantt_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/schedule/gantt"
)

// Draw a two-machine schedule with a night shift break and a late order.
func ExampleSVG() {
	p := &model.Problem{
		Name:      "Two presses",
		Epoch:     time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC), // Monday 06:00, ticks are minutes
		Calendars: []model.Calendar{{ID: "day", Shifts: []model.Shift{{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 6 * 60, End: 22 * 60}}}},
		Machines:  []model.Machine{{ID: "P1", Calendar: "day"}, {ID: "P2"}},
		Jobs: []model.Job{
			{ID: "A-100", Due: model.Tick(600), Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "P1", Duration: 240}}},
				{Alternatives: []model.Alternative{{Machine: "P2", Duration: 120}}},
			}},
			{ID: "B-200", Due: model.Tick(500), Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "P1", Duration: 300}}},
			}},
		},
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 240},
		{Job: 0, Op: 1, Machine: 1, SetupStart: 240, Start: 240, End: 360},
		{Job: 1, Op: 0, Machine: 0, SetupStart: 240, Start: 240, End: 540},
	}}
	var b strings.Builder
	if err := gantt.SVG(&b, p, s, gantt.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	svg := b.String()
	fmt.Println("bars:", strings.Count(svg, `class="bar"`))
	fmt.Println("late markers:", strings.Count(svg, `class="late-marker"`))
	fmt.Println("first day:", strings.Contains(svg, "Mon 02 Mar"))
	// os.WriteFile("plan.svg", []byte(svg), 0o644) to look at it; gantt.HTML
	// writes a page with the same chart.
	// Output:
	// bars: 3
	// late markers: 1
	// first day: true
}
