package schedule_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// timetablePlant: a saw and a lathe on a 1x8 calendar (06:00-14:00) in
// Paris from Monday 2026-12-21; A = cut 60 min (one welder) then turn
// 120 min, due Monday 08:00; B = turn 30 min, due Monday 12:00.
func timetablePlant(t *testing.T) *model.Problem {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 12, 21, h, m, 0, 0, loc) }
	pl := model.NewPlant("tt", at(0, 0))
	cal := pl.Calendar("day", model.OneShift, loc)
	saw, lathe := pl.Machine("saw", cal), pl.Machine("lathe", cal)
	pl.Operators("welders", 1, cal, "weld")
	pl.Order("A", at(8, 0)).Op("cut", saw.For(time.Hour)).Needs(1, "weld").Then("", lathe.For(2*time.Hour))
	pl.Order("B", at(12, 0)).Op("turn", lathe.For(30*time.Minute))
	p, err := pl.Build()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTimetable(t *testing.T) {
	p := timetablePlant(t)
	const six = 6 * 60
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 1, Machine: 1, SetupStart: six + 90, Start: six + 90, End: six + 210},
		{Job: 1, Op: 0, Machine: 1, SetupStart: six, Start: six, End: six + 30},
		{Job: 0, Op: 0, Machine: 0, SetupStart: six, Start: six, End: six + 60, Operators: []int{0}},
	}}
	tt, err := schedule.NewTimetable(p, s)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, op := range tt.Ops {
		ops = append(ops, op.Machine+" "+op.Job+"/"+op.Op+" "+op.Start.Format("15:04")+"-"+op.End.Format("15:04")+" "+strings.Join(op.Operators, ","))
	}
	want := "lathe B/turn 06:00-06:30 |saw A/cut 06:00-07:00 welders|lathe A/1 07:30-09:30 "
	if got := strings.Join(ops, "|"); got != want {
		t.Errorf("ops:\n got %q\nwant %q", got, want)
	}
	if name, _ := tt.End.Zone(); tt.End.Format("Mon 15:04") != "Mon 09:30" || name != "CET" {
		t.Errorf("End = %v, want Monday 09:30 in Paris", tt.End)
	}
	a, b := tt.Orders[0], tt.Orders[1]
	if a.Job != "A" || !a.Late || a.Lateness != 90*time.Minute || a.Due.Format("15:04") != "08:00" {
		t.Errorf("order A = %+v", a)
	}
	if b.Job != "B" || b.Late || b.Lateness != -330*time.Minute || b.Completion.Format("15:04") != "06:30" {
		t.Errorf("order B = %+v", b)
	}
	if tt.LateOrders != 1 || tt.TotalTardiness != 90*time.Minute || tt.MaxLateness != 90*time.Minute {
		t.Errorf("late %d, tardiness %v, max lateness %v", tt.LateOrders, tt.TotalTardiness, tt.MaxLateness)
	}
	lathe := tt.Machines[1]
	// 150 busy minutes over the lathe's working time 06:00-09:30.
	if lathe.Machine != "lathe" || lathe.Busy != 150*time.Minute || lathe.Setup != 0 || lathe.Utilisation != 150.0/210 {
		t.Errorf("lathe = %+v", lathe)
	}
	if tt.KPIs.Makespan != six+210 {
		t.Errorf("KPIs.Makespan = %d", tt.KPIs.Makespan)
	}
}

func TestTimetableRefuses(t *testing.T) {
	p := timetablePlant(t)
	bad := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, Start: 0, End: 60, Operators: []int{0}}, // at night
		{Job: 7, Op: 0, Machine: 0, Start: 0, End: 60},
	}}
	_, err := schedule.NewTimetable(p, bad)
	var ve *schedule.ViolationsError
	if !errors.As(err, &ve) {
		t.Errorf("infeasible schedule: err = %v, want a *ViolationsError", err)
	}
	if _, err := schedule.NewTimetable(p, nil); err == nil {
		t.Error("nil schedule accepted")
	}
	unitless := &model.Problem{Machines: []model.Machine{{ID: "m"}},
		Jobs: []model.Job{{ID: "j", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "m", Duration: 3}}}}}}}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{{Job: 0, Op: 0, Machine: 0, Start: 0, End: 3}}}
	if _, err := schedule.NewTimetable(unitless, s); err == nil || !strings.Contains(err.Error(), "no epoch") {
		t.Errorf("unitless problem: err = %v", err)
	}
	if _, err := schedule.NewTimetable(nil, s); err == nil {
		t.Error("nil problem accepted")
	}
}
