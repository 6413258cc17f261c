package explain_test

import (
	"fmt"
	"os"
	"time"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Why is SHF-2 late? It waited for the lathe behind SHF-1, then for the
// night. Its slack (6 h between its release and its due date beyond its
// own 2 h of work) absorbed the first 6 h of waiting; the rest is the
// lateness.
func ExampleLate() {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p := &model.Problem{
		Epoch:     time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), // a Monday
		Calendars: []model.Calendar{{ID: "day", Shifts: []model.Shift{{Days: weekdays, Start: 8 * 60, End: 16 * 60}}}},
		Machines:  []model.Machine{{ID: "LAT-01", Calendar: "day"}},
		Jobs: []model.Job{
			{ID: "SHF-1", Release: 480, Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "LAT-01", Duration: 480}}}}},
			{ID: "SHF-2", Release: 480, Due: model.Tick(960), Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "LAT-01", Duration: 120}}}}},
		},
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 480, Start: 480, End: 960},    // Monday 08:00-16:00
		{Job: 1, Op: 0, Machine: 0, SetupStart: 1920, Start: 1920, End: 2040}, // Tuesday 08:00-10:00
	}}
	if err := schedule.Verify(p, s); err != nil {
		fmt.Println(err)
		return
	}
	r, err := explain.Late(p, s)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := r.WriteText(os.Stdout, true); err != nil {
		fmt.Println(err)
	}
	// Output:
	// SHF-2: 18 h late (due Mon 06 Jan 16:00, done Tue 07 Jan 10:00): 16 h nights and breaks (LAT-01 off shift); 2 h waiting for LAT-01 behind SHF-1
	//   SHF-2/0 on LAT-01: ready Mon 06 Jan 08:00 (held by release), runs Tue 07 Jan 08:00 to Tue 07 Jan 10:00
}

// Two orders both need the only saw from 06:00 to 07:00 and must both end
// by 07:30: each alone could, together they cannot.
func ExampleInfeasible() {
	cut := []model.Operation{{ID: "cut", Alternatives: []model.Alternative{{Machine: "SAW", Duration: 60}}}}
	p := &model.Problem{
		Epoch:    time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC),
		Machines: []model.Machine{{ID: "SAW"}},
		Jobs: []model.Job{
			{ID: "RUSH-1", Release: 360, Deadline: model.Tick(450), Operations: cut},
			{ID: "RUSH-2", Release: 360, Deadline: model.Tick(450), Operations: cut},
		},
	}
	r, err := explain.Infeasible(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := r.WriteText(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// no feasible plan exists: 1 conflict(s)
	//
	// 1. capacity: RUSH-1/cut and RUSH-2/cut can only run on SAW and need at least 2 h of it between Mon 06 Jan 06:00 and Mon 06 Jan 07:30, but SAW works only 1 h 30 min there
	//    constraints: jobs[0].deadline, jobs[0].release, jobs[1].deadline, jobs[1].release, machines[0]
	//    to remove it: move the deadline of one of RUSH-1 and RUSH-2 later by at least 30 min, release earlier, add working time on SAW between Mon 06 Jan 06:00 and Mon 06 Jan 07:30, or let one of the operations run on another machine
}
