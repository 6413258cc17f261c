package schedule

import (
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// weekendPlant is the plant of issue 12: machine M1 works only on Saturday
// and Sunday 06:00-18:00 (UTC); the epoch is a Monday 00:00.
func weekendPlant() *model.Problem {
	weekend := []time.Weekday{time.Saturday, time.Sunday}
	return &model.Problem{
		Epoch: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
		Calendars: []model.Calendar{{ID: "weekend", Shifts: []model.Shift{
			{Days: weekend, Start: 6 * 60, End: 18 * 60},
		}}},
		Machines: []model.Machine{{ID: "M1", Calendar: "weekend"}, {ID: "M2"}},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{op("M1", 120), op("M2", 60)}},
			{ID: "J2", Operations: []model.Operation{op("M1", 60), op("M2", 60)}},
		},
	}
}

// TestCheckIssue12Weekend is the example of issue 12: a plan that runs a
// weekend-only machine on Monday 00:00-02:00 and 10:00-11:00 must be
// rejected (the calendar has no working time before the plan's end, which
// the checker used to take for "unknown").
func TestCheckIssue12Weekend(t *testing.T) {
	p := weekendPlant()
	s := &Schedule{Assignments: []Assignment{
		asg(0, 0, 0, 0, 120), asg(0, 1, 1, 120, 180),
		asg(1, 0, 0, 600, 660), asg(1, 1, 1, 660, 720),
	}}
	vs := Check(p, s)
	n := 0
	for _, v := range vs {
		if v.Kind == Calendar {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("want 2 calendar violations (both operations on M1), got:\n%s", list(vs))
	}
	// the same plan on Saturday is feasible
	sat := int64(5*24*60 + 6*60)
	s = &Schedule{Assignments: []Assignment{
		asg(0, 0, 0, sat, sat+120), asg(0, 1, 1, sat+120, sat+180),
		asg(1, 0, 0, sat+120, sat+180), asg(1, 1, 1, sat+180, sat+240),
	}}
	if vs := Check(p, s); vs != nil {
		t.Fatalf("the Saturday plan is feasible, got:\n%s", list(vs))
	}
}

// TestCheckIssue12Pool: an operator pool working only at weekends, its
// operation on an always-available machine on Monday.
func TestCheckIssue12Pool(t *testing.T) {
	p := weekendPlant()
	p.Machines[0].Calendar = ""
	p.OperatorPools = []model.OperatorPool{{ID: "P", Skills: []string{"weld"}, Capacity: 1, Calendar: "weekend"}}
	p.Jobs[0].Operations[0].Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
	a := asg(0, 0, 0, 0, 120)
	a.Operators = []int{0}
	s := &Schedule{Assignments: []Assignment{a, asg(0, 1, 1, 120, 180), asg(1, 0, 0, 120, 180), asg(1, 1, 1, 180, 240)}}
	vs := Check(p, s)
	if len(vs) != 1 || vs[0].Kind != Calendar || vs[0].Job != 0 || vs[0].Op != 0 {
		t.Fatalf("want one calendar violation of J1's first operation, got:\n%s", list(vs))
	}
}

// TestCheckIssue12BeforeTickZero: operations before the epoch are
// rejected, on a calendar machine (whose calendar starts at tick 0) and on
// an always-available one.
func TestCheckIssue12BeforeTickZero(t *testing.T) {
	p := weekendPlant()
	s := &Schedule{Assignments: []Assignment{
		asg(0, 0, 0, -3000, -2880), asg(0, 1, 1, -2880, -2820),
		asg(1, 0, 0, -2820, -2760), asg(1, 1, 1, -2760, -2700),
	}}
	vs := Check(p, s)
	bad := map[[2]int]bool{}
	for _, v := range vs {
		bad[[2]int{v.Job, v.Op}] = true
	}
	for _, a := range s.Assignments {
		if !bad[[2]int{a.Job, a.Op}] {
			t.Errorf("J%d op %d before tick 0 is not reported; got:\n%s", a.Job+1, a.Op, list(vs))
		}
	}
}

// TestCheckEndBeyondForever: an operation ending at or after model.Forever
// on a calendar machine is reported, not skipped.
func TestCheckEndBeyondForever(t *testing.T) {
	p := weekendPlant()
	p.Horizon = model.Forever
	s := &Schedule{Assignments: []Assignment{
		asg(0, 0, 0, model.Forever-120, model.Forever), asg(0, 1, 1, model.Forever, model.Forever+60),
		asg(1, 0, 0, 7200+6*60, 7200+7*60), asg(1, 1, 1, 7200+7*60, 7200+8*60),
	}}
	vs := Check(p, s)
	found := false
	for _, v := range vs {
		found = found || (v.Job == 0 && v.Op == 0)
	}
	if !found {
		t.Fatalf("the operation ending at Forever is not reported:\n%s", list(vs))
	}
}
