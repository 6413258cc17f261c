package schedule

import (
	"strconv"
	"testing"
	"time"
	_ "time/tzdata" // calendars in Europe/Berlin wherever the tests run

	"github.com/ordo-sched/ordo/model"
)

// ft06Data is Fisher & Thompson's 6x6 instance: per job, pairs (machine,
// processing time) in routing order, machines 0-based.
var ft06Data = [6][12]int64{
	{2, 1, 0, 3, 1, 6, 3, 7, 5, 3, 4, 6},
	{1, 8, 2, 5, 4, 10, 5, 10, 0, 10, 3, 4},
	{2, 5, 3, 4, 5, 8, 0, 9, 1, 1, 4, 7},
	{1, 5, 0, 5, 2, 5, 3, 3, 4, 8, 5, 9},
	{2, 9, 1, 3, 4, 5, 5, 4, 0, 3, 3, 1},
	{1, 3, 3, 3, 5, 9, 0, 10, 4, 4, 2, 1},
}

// ft06Starts is an optimal schedule of ft06 (makespan 55): start of each
// operation, per job in routing order. It was found by a small branch and
// bound over active schedules and is verified by Check in the tests.
var ft06Starts = [6][6]int64{
	{0, 1, 16, 22, 38, 49},
	{0, 8, 13, 28, 38, 48},
	{1, 6, 10, 18, 27, 30},
	{8, 13, 22, 29, 37, 45},
	{13, 22, 25, 41, 48, 52},
	{13, 16, 19, 28, 45, 49},
}

// ft06 returns ft06 as a benchmark problem: epoch 0, jobs and machines
// named by their 0-based index.
func ft06() *model.Problem {
	p := &model.Problem{Name: "ft06"}
	for m := range 6 {
		p.Machines = append(p.Machines, model.Machine{ID: strconv.Itoa(m)})
	}
	for j := range 6 {
		job := model.Job{ID: strconv.Itoa(j)}
		for k := range 6 {
			job.Operations = append(job.Operations, model.Operation{Alternatives: []model.Alternative{
				{Machine: strconv.Itoa(int(ft06Data[j][2*k])), Duration: ft06Data[j][2*k+1]},
			}})
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p
}

// ft06Optimal returns the optimal ft06 schedule of ft06Starts.
func ft06Optimal() *Schedule {
	s := &Schedule{}
	for j := range 6 {
		for k := range 6 {
			st := ft06Starts[j][k]
			s.Assignments = append(s.Assignments, Assignment{
				Job: j, Op: k, Machine: int(ft06Data[j][2*k]),
				SetupStart: st, Start: st, End: st + ft06Data[j][2*k+1],
			})
		}
	}
	return s
}

// op returns an operation with one alternative per (machine, duration)
// pair.
func op(pairs ...any) model.Operation {
	var o model.Operation
	for i := 0; i+1 < len(pairs); i += 2 {
		o.Alternatives = append(o.Alternatives, model.Alternative{Machine: pairs[i].(string), Duration: int64(pairs[i+1].(int))})
	}
	return o
}

// asg returns an assignment without setup.
func asg(job, op, machine int, start, end int64) Assignment {
	return Assignment{Job: job, Op: op, Machine: machine, SetupStart: start, Start: start, End: end}
}

// small returns a 2-job, 2-machine unitless problem and a feasible schedule:
//
//	J1: a on M1 (3), b on M2 (2)       J2: a on M2 (4), b on M1 (2)
//	M1: J1.a [0,3)  J2.b [4,6)         M2: J2.a [0,4)  J1.b [4,6)
func small() (*model.Problem, *Schedule) {
	p := &model.Problem{
		Name:     "small",
		Machines: []model.Machine{{ID: "M1"}, {ID: "M2"}},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{op("M1", 3), op("M2", 2)}},
			{ID: "J2", Operations: []model.Operation{op("M2", 4), op("M1", 2)}},
		},
	}
	p.Jobs[0].Operations[0].ID = "a"
	p.Jobs[0].Operations[1].ID = "b"
	p.Jobs[1].Operations[0].ID = "a"
	p.Jobs[1].Operations[1].ID = "b"
	s := &Schedule{Assignments: []Assignment{
		asg(0, 0, 0, 0, 3), asg(0, 1, 1, 4, 6),
		asg(1, 0, 1, 0, 4), asg(1, 1, 0, 4, 6),
	}}
	return p, s
}

// berlin is the time zone of the calendar tests.
func berlin(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Monday 4 March 2024, 00:00 in Berlin: tick 0 of the calendar problems.
// Minute ticks; the 2x8 calendar works Monday to Friday 06:00-22:00.
const (
	day  = 24 * 60
	h6   = 6 * 60  // 06:00
	h14  = 14 * 60 // 14:00
	h22  = 22 * 60 // 22:00
	tue  = day     // Tuesday 00:00
	week = 7 * day
)

// plant returns a calendar problem: machines M1 (2x8) and M2 (2x8 with a
// maintenance window Tuesday 06:00-10:00); an operator pool "day" on a
// 1x8 calendar (06:00-14:00) with skill "weld", capacity 1. Job J1 has op
// "cut" (M1, 120) then "weld" (M2, 600, resumable); job J2 has "paint"
// (M1 or M2, 60) needing one welder.
func plant(t testing.TB) *model.Problem {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p := &model.Problem{
		Name:  "plant",
		Epoch: time.Date(2024, 3, 4, 0, 0, 0, 0, berlin(t)),
		Calendars: []model.Calendar{
			{ID: "2x8", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: weekdays, Start: h6, End: h14}, {Days: weekdays, Start: h14, End: h22}}},
			{ID: "1x8", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: weekdays, Start: h6, End: h14}}},
		},
		Machines: []model.Machine{
			{ID: "M1", Calendar: "2x8"},
			{ID: "M2", Calendar: "2x8", Downtime: []model.Window{{Start: tue + h6, End: tue + 10*60, Reason: "maintenance"}}},
		},
		OperatorPools: []model.OperatorPool{{ID: "day", Skills: []string{"weld"}, Capacity: 1, Calendar: "1x8"}},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{op("M1", 120), op("M2", 600)}},
			{ID: "J2", Operations: []model.Operation{op("M1", 60, "M2", 60)}},
		},
	}
	p.Jobs[0].Operations[0].ID = "cut"
	p.Jobs[0].Operations[1].ID = "weld"
	p.Jobs[0].Operations[1].Resumable = true
	p.Jobs[1].Operations[0].ID = "paint"
	p.Jobs[1].Operations[0].Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
	return p
}

// plantSchedule is a feasible schedule of plant: cut Monday 06:00-08:00 on
// M1, weld on M2 from Monday 16:00 (360 minutes to 22:00, then Tuesday
// 10:00-14:00 after the maintenance), paint on M1 Monday 08:00-09:00 with
// the day pool.
func plantSchedule() *Schedule {
	return &Schedule{Assignments: []Assignment{
		asg(0, 0, 0, h6, h6+120),
		asg(0, 1, 1, 16*60, tue+h14),
		{Job: 1, Op: 0, Machine: 0, SetupStart: h6 + 120, Start: h6 + 120, End: h6 + 180, Operators: []int{0}},
	}}
}
