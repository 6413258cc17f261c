package model_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/ga"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// A small plant built in Go: three machines on a Monday-Friday two-shift
// calendar in Paris (closed on Christmas day), five orders with routings
// and due dates, some operations on the lathe or the mill, and steel that
// arrives on Wednesday. Two solvers plan the week: the default dispatching
// rule and the genetic algorithm (a seed and a work limit make it
// reproducible).
func ExamplePlant() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	day := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, paris) } // Mon 21 .. Fri 25
	pl := model.NewPlant("week 52", day(21, 0, 0)).Minimize(model.WeightedTardiness)
	shifts := pl.Calendar("2x8", model.TwoShifts, paris).Holidays(day(25, 0, 0))
	saw, lathe, mill := pl.Machine("saw", shifts), pl.Machine("lathe", shifts), pl.Machine("mill", shifts)
	steel := pl.Material("steel", 4).Receipt(day(23, 10, 0), 10)
	h, m := time.Hour, time.Minute
	pl.Order("A", day(21, 14, 0)).Op("cut", saw.For(40*m)).Consumes(steel, 2).Then("turn", lathe.For(6*h), mill.For(7*h))
	pl.Order("B", day(22, 12, 0)).Weight(2).Op("cut", saw.For(30*m)).Consumes(steel, 4).Then("mill", mill.For(h))
	pl.Order("C", day(22, 20, 0)).Op("turn", lathe.For(5*h)).Then("mill", mill.For(45*m))
	pl.Order("D", day(24, 12, 0)).Op("cut", saw.For(50*m)).Consumes(steel, 4).Then("turn", lathe.For(h), mill.For(80*m))
	pl.Order("E", day(21, 22, 0)).Op("mill", mill.For(8*h)).Then("turn", lathe.For(4*h))
	p, err := pl.Build()
	if err != nil {
		panic(err)
	}
	solvers := []solver.Solver{&dispatch.Solver{}, ga.New(ga.Params{})}
	for _, s := range solvers {
		res, err := s.Solve(context.Background(), p, solver.Options{Seed: 1, WorkLimit: 2000})
		if err != nil {
			panic(err)
		}
		tt, err := schedule.NewTimetable(p, res.Schedule) // checks the schedule
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: weighted tardiness %.0f min, %d late, done %s\n", res.Solver, res.Objective, tt.LateOrders, tt.End.Format("Mon 15:04"))
		for _, o := range tt.Orders {
			fmt.Printf("  %s due %s done %s late %v\n", o.Job, o.Due.Format("Mon 15:04"), o.Completion.Format("Mon 15:04"), max(o.Lateness, 0))
		}
		if s == solvers[len(solvers)-1] {
			for _, op := range tt.Ops {
				fmt.Printf("  %-5s %s/%-4s %s-%s\n", op.Machine, op.Job, op.Op, op.Start.Format("Mon 15:04"), op.End.Format("15:04"))
			}
		}
	}
	// Output:
	// dispatch: weighted tardiness 3000 min, 2 late, done Wed 12:20
	//   A due Mon 14:00 done Mon 17:00 late 3h0m0s
	//   B due Tue 12:00 done Wed 11:30 late 23h30m0s
	//   C due Tue 20:00 done Mon 14:45 late 0s
	//   D due Thu 12:00 done Wed 12:20 late 0s
	//   E due Mon 22:00 done Mon 21:00 late 0s
	// ga: weighted tardiness 2820 min, 1 late, done Wed 12:20
	//   A due Mon 14:00 done Mon 12:40 late 0s
	//   B due Tue 12:00 done Wed 11:30 late 23h30m0s
	//   C due Tue 20:00 done Tue 11:45 late 0s
	//   D due Thu 12:00 done Wed 12:20 late 0s
	//   E due Mon 22:00 done Mon 18:00 late 0s
	//   mill  E/mill Mon 06:00-14:00
	//   saw   A/cut  Mon 06:00-06:40
	//   lathe A/turn Mon 06:40-12:40
	//   lathe E/turn Mon 14:00-18:00
	//   lathe C/turn Tue 06:00-11:00
	//   mill  C/mill Tue 11:00-11:45
	//   saw   B/cut  Wed 10:00-10:30
	//   mill  B/mill Wed 10:30-11:30
	//   saw   D/cut  Wed 10:30-11:20
	//   lathe D/turn Wed 11:20-12:20
}
