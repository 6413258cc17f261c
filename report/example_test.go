package report_test

import (
	"fmt"
	"os"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
)

// smallPlant is a two-machine workshop on a 06:00-14:00 / 14:00-22:00
// calendar with one material, one operator pool and two orders.
func smallPlant() (*model.Problem, *schedule.Schedule) {
	epoch := time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC) // a Monday
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p := &model.Problem{
		Name:  "Workshop",
		Epoch: epoch,
		Calendars: []model.Calendar{{ID: "2x8", Shifts: []model.Shift{
			{Days: weekdays, Start: 6 * 60, End: 14 * 60},
			{Days: weekdays, Start: 14 * 60, End: 22 * 60},
		}}},
		Machines: []model.Machine{
			{ID: "SAW", Name: "Band saw", Calendar: "2x8"},
			{ID: "LATHE", Name: "CNC lathe", Calendar: "2x8"},
		},
		Materials:     []model.Material{{ID: "BAR", Name: "Steel bar", Unit: "kg", Initial: 100}},
		OperatorPools: []model.OperatorPool{{ID: "turners", Skills: []string{"turning"}, Capacity: 1, Calendar: "2x8"}},
		Jobs: []model.Job{
			{ID: "A-1", Name: "Shaft S30", Quantity: 10, Due: model.Tick(13 * 60), Operations: []model.Operation{
				{ID: "saw", Consumes: []model.MaterialQty{{Material: "BAR", Quantity: 30}}, Alternatives: []model.Alternative{{Machine: "SAW", Duration: 60}}},
				{ID: "turn", Operators: []model.OperatorNeed{{Skill: "turning", Count: 1}}, Alternatives: []model.Alternative{{Machine: "LATHE", Duration: 180}}},
			}},
			{ID: "B-2", Name: "Shaft S40", Quantity: 5, Due: model.Tick(12 * 60), Operations: []model.Operation{
				{ID: "saw", Consumes: []model.MaterialQty{{Material: "BAR", Quantity: 20}}, Alternatives: []model.Alternative{{Machine: "SAW", Duration: 45}}},
				{ID: "turn", Operators: []model.OperatorNeed{{Skill: "turning", Count: 1}}, Alternatives: []model.Alternative{{Machine: "LATHE", Duration: 120}}},
			}},
		},
	}
	h := int64(60)
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 6 * h, Start: 6 * h, End: 7 * h},
		{Job: 1, Op: 0, Machine: 0, SetupStart: 7 * h, Start: 7 * h, End: 7*h + 45},
		{Job: 0, Op: 1, Machine: 1, SetupStart: 7 * h, Start: 7 * h, End: 10 * h, Operators: []int{0}},
		{Job: 1, Op: 1, Machine: 1, SetupStart: 10 * h, Start: 10 * h, End: 12 * h, Operators: []int{0}},
	}}
	if err := schedule.Verify(p, s); err != nil {
		panic(err)
	}
	return p, s
}

// The planner's report of a small plan.
func ExampleText() {
	p, s := smallPlant()
	if err := report.Text(os.Stdout, p, s, report.TextOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Workshop: 2 orders, 4 operations, 2 machines, 1 operator pools, 1 materials
	// plan from Mon 2026-12-14 00:00 UTC to Mon 2026-12-14 12:00 UTC (makespan 12 h 00 min = 12.0 h)
	// late orders: 0 of 2; weighted tardiness 0 weighted min; max lateness 0 min
	//
	// Machines: busy, setup and working time in h over the plan; utilisation = (busy + setup) / working
	//     MACHINE       NAME  OPS  BUSY  SETUP  WORKING  UTILISATION
	//         SAW   Band saw    2   1.8    0.0      6.0       29.2 %
	//       LATHE  CNC lathe    2   5.0    0.0      6.0       83.3 %
	//
	// Operators: operator-hours used and available over the plan
	//        POOL   SKILLS  OPERATORS  USED  AVAILABLE  UTILISATION
	//     turners  turning          1   5.0        6.0       83.3 %
	//
	// Materials bought in: quantities in each material's unit
	//     MATERIAL  UNIT  INITIAL  RECEIVED  CONSUMED  FINAL  LOWEST                ON
	//          BAR    kg      100         0        50     50      50  Mon 14 Dec 07:00
}

// The work lists of the saw and of the turners for Monday's morning shift,
// and the saw's as CSV for the MES.
func ExampleWorkLists() {
	p, s := smallPlant()
	wls, err := report.WorkLists(p, s, report.WorkListOptions{
		Shift: time.Date(2026, 12, 14, 6, 0, 0, 0, time.UTC),
		Teams: []report.Team{{Machines: []string{"SAW"}}, {Pool: "turners"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, wl := range wls {
		fmt.Printf("%s, %s to %s:\n", wl.Team, wl.ShiftStart.Format("Mon 15:04"), wl.ShiftEnd.Format("15:04"))
		for _, it := range wl.Items {
			fmt.Printf("  %s-%s %s %s (%g) on %s", p.TimeOf(it.Start).Format("15:04"), p.TimeOf(it.End).Format("15:04"), it.Order, it.Product, it.Quantity, it.Machine)
			for _, m := range it.Materials {
				fmt.Printf(", bring %g %s %s", m.Quantity, m.Unit, m.Material)
			}
			for _, n := range it.Next {
				fmt.Printf(", then %s on %s at %s", n.Op, n.Machine, p.TimeOf(n.Start).Format("15:04"))
			}
			fmt.Println()
		}
	}
	if err := report.WriteWorkListCSV(os.Stdout, p, &wls[0]); err != nil {
		fmt.Println(err)
	}
	// Output:
	// SAW, Mon 06:00 to 14:00:
	//   06:00-07:00 A-1 Shaft S30 (10) on SAW, bring 30 kg BAR, then turn on LATHE at 07:00
	//   07:00-07:45 B-2 Shaft S40 (5) on SAW, bring 20 kg BAR, then turn on LATHE at 10:00
	// turners, Mon 06:00 to 14:00:
	//   07:00-10:00 A-1 Shaft S30 (10) on LATHE
	//   10:00-12:00 B-2 Shaft S40 (5) on LATHE
	// team,shift_start,shift_end,seq,order,product,quantity,operation,step,machine,machine_name,setup_start,setup_min,setup_from,setup_to,start,end,run_min,resumable,materials,operators,next
	// SAW,2026-12-14T06:00:00Z,2026-12-14T14:00:00Z,1,A-1,Shaft S30,10,saw,1/2,SAW,Band saw,2026-12-14T06:00:00Z,0,,,2026-12-14T06:00:00Z,2026-12-14T07:00:00Z,60,false,BAR 30 kg,,A-1/turn on LATHE at Mon 14 Dec 07:00
	// SAW,2026-12-14T06:00:00Z,2026-12-14T14:00:00Z,2,B-2,Shaft S40,5,saw,1/2,SAW,Band saw,2026-12-14T07:00:00Z,0,,,2026-12-14T07:00:00Z,2026-12-14T07:45:00Z,45,false,BAR 20 kg,,B-2/turn on LATHE at Mon 14 Dec 10:00
}
