package plan

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
)

func TestEventsHandComputed(t *testing.T) {
	q := func(v float64) *float64 { return &v }
	tests := []struct {
		name string
		now  int64
		evs  []Event
		want string
	}{
		{"nothing happened", 5, nil,
			"J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[10,14) J2.1@M2[15,18)"},
		{"breakdown of M2 pushes its queue", 5, []Event{Breakdown("M2", 12, 20)},
			"J1.0@M1[0,10)* J1.1@M2[20,25) J2.0@M1[10,14) J2.1@M2[25,28)"},
		{"breakdown of M1 interrupts the running cut", 5, []Event{Breakdown("M1", 5, 12)},
			"J1.0@M1[12,22) J1.1@M2[22,27) J2.0@M1[22,26) J2.1@M2[27,30)"},
		{"repaired early", 16, []Event{Breakdown("M2", 12, 20), Repaired("M2", 16)},
			"J1.0@M1[0,10)* J1.1@M2[16,21) J2.0@M1[10,14)* J2.1@M2[21,24)"},
		{"started late", 5, []Event{Started("J1", "cut", "M1", 3)},
			"J1.0@M1[3,13)* J1.1@M2[13,18) J2.0@M1[13,17) J2.1@M2[18,21)"},
		{"started late, by index", 5, []Event{Started("J1", "0", "M1", 3)},
			"J1.0@M1[3,13)* J1.1@M2[13,18) J2.0@M1[13,17) J2.1@M2[18,21)"},
		{"completed early", 8, []Event{Completed("J1", "cut", 8)},
			"J1.0@M1[0,8)* J1.1@M2[10,15) J2.0@M1[10,14) J2.1@M2[15,18)"},
		{"progress: setup done, 2 of 8 units by 5, 6 left", 5, []Event{Progress("J1", "cut", 2, 5)},
			"J1.0@M1[0,11)* J1.1@M2[11,16) J2.0@M1[11,15) J2.1@M2[16,19)"},
		{"progress then breakdown: the remaining work after repair", 5, []Event{Progress("J1", "cut", 2, 5), Breakdown("M1", 5, 12)},
			"J1.0@M1[12,18) J1.1@M2[18,23) J2.0@M1[18,22) J2.1@M2[23,26)"},
		{"rush order into the gap", 5, []Event{OrderAdded(model.Job{ID: "J3", Due: model.Tick(9),
			Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 2}}}}})},
			"J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[10,14) J2.1@M2[15,18) J3.0@M2[5,7)"},
		{"order cancelled", 5, []Event{OrderCancelled("J2")},
			"J1.0@M1[0,10)* J1.1@M2[10,15)"},
		{"due changed", 5, []Event{DueChanged("J2", model.Tick(10))},
			"J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[10,14) J2.1@M2[15,18)"},
		{"priority changed", 5, []Event{PriorityChanged("J2", 3)},
			"J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[10,14) J2.1@M2[15,18)"},
		{"steel late", 5, []Event{ReceiptChanged("steel", 0, 12, nil)},
			"J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[12,16) J2.1@M2[16,19)"},
		{"steel late and short", 5, []Event{ReceiptChanged("steel", 0, 12, q(5))},
			"J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[12,16) J2.1@M2[16,19)"},
		{"the welder is off", 5, []Event{OperatorsAbsent("ops", 1, 8, 14)},
			"J1.0@M1[0,10)* J1.1@M2[14,19) J2.0@M1[10,14) J2.1@M2[19,22)"},
		{"M1 closed for two hours", 5, []Event{MachineCalendarChanged("M1", nil, []model.Interval{{Start: 10, End: 12}})},
			"J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[12,16) J2.1@M2[16,19)"},
		{"the welders' calendar loses a window", 5, []Event{PoolCalendarChanged("ops", nil, []model.Interval{{Start: 9, End: 11}})},
			"J1.0@M1[0,10)* J1.1@M2[11,16) J2.0@M1[10,14) J2.1@M2[16,19)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pl := base(t)
			before := pl.Problem.Clone()
			np := replan(t, pl, &Events{Now: tc.now, Events: tc.evs})
			if got := times(np.Problem, np.Schedule); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !reflect.DeepEqual(before, pl.Problem) {
				t.Errorf("Apply changed the old problem")
			}
		})
	}
}

func TestApplyProblemChanges(t *testing.T) {
	pl := base(t)
	np, err := Apply(pl, &Events{Now: 5, Events: []Event{
		DueChanged("J2", model.Tick(10)), PriorityChanged("J2", 3), Breakdown("M2", 12, 20),
		Progress("J1", "cut", 2, 5), OperatorsAbsent("ops", 1, 8, 14),
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := np.Problem
	if j := p.Jobs[1]; *j.Due != 10 || j.Weight != 3 || j.Release != 5 {
		t.Errorf("J2: due %d weight %g release %d, want 10 3 5", *j.Due, j.Weight, j.Release)
	}
	if d := p.Machines[1].Downtime; len(d) != 1 || d[0].Start != 12 || d[0].End != 20 {
		t.Errorf("M2 downtime %v", d)
	}
	f := p.Jobs[0].Operations[0].Fixed
	if f == nil || f.Start != 0 || f.End != 11 || f.Machine != "M1" {
		t.Errorf("J1.cut fixed %+v, want M1 [0,11)", f)
	}
	if al := p.Jobs[0].Operations[0].Alternatives[0]; al.ProcessingTime(8) != 11 {
		t.Errorf("J1.cut's alternative takes %d, want its real 11", al.ProcessingTime(8))
	}
	if len(p.Calendars) != 1 || p.OperatorPools[0].Calendar != p.Calendars[0].ID {
		t.Errorf("absence: pools %+v calendars %+v", p.OperatorPools, p.Calendars)
	}
	if len(np.Actuals) != 1 || np.Actuals[0].Done != 2 || np.Actuals[0].Start != 0 {
		t.Errorf("actuals %+v", np.Actuals)
	}
}

func TestOperatorsAbsentSplitsPool(t *testing.T) {
	pl := base(t)
	pl.Problem.OperatorPools[0].Capacity = 3
	np := replan(t, pl, &Events{Now: 5, Events: []Event{OperatorsAbsent("ops", 2, 8, 14)}})
	ps := np.Problem.OperatorPools
	if len(ps) != 2 || ps[0].Capacity != 1 || ps[1].Capacity != 2 || ps[1].Calendar == "" || ps[0].Calendar != "" {
		t.Fatalf("pools %+v", ps)
	}
	if got, want := times(np.Problem, np.Schedule), "J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[10,14) J2.1@M2[15,18)"; got != want {
		t.Errorf("got %s, want %s (one welder is left)", got, want)
	}
}

func TestReplanTwiceSameResult(t *testing.T) {
	evs := &Events{Now: 5, Events: []Event{Breakdown("M1", 5, 12), ReceiptChanged("steel", 0, 20, nil)}}
	a := replan(t, base(t), evs)
	b := replan(t, base(t), evs)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the same events gave two plans")
	}
	// A plan replanned with no events stays as it is.
	c := replan(t, a, &Events{Now: a.Now})
	if got, want := times(c.Problem, c.Schedule), times(a.Problem, a.Schedule); got != want {
		t.Errorf("replanning without events moved work:\n%s\n%s", got, want)
	}
}

func TestApplyErrors(t *testing.T) {
	job3 := model.Job{ID: "J3", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M9", Duration: 2}}}}}
	dup := model.Job{ID: "J1", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 2}}}}}
	tests := []struct {
		name    string
		planNow int64
		now     int64
		evs     []Event
		want    string
	}{
		{"unknown machine", 0, 5, []Event{Breakdown("M1", 6, 8), Breakdown("M9", 6, 8)}, `events[1].machine: unknown machine "M9"`},
		{"now before the plan's", 4, 3, nil, `now: `},
		{"breakdown before now", 4, 5, []Event{Breakdown("M1", 3, 8)}, `events[0].start: `},
		{"breakdown ends first", 0, 5, []Event{Breakdown("M1", 8, 8)}, `events[0].end: the end`},
		{"unknown job", 0, 5, []Event{Started("J9", "0", "M1", 1)}, `events[0].job: unknown job "J9"`},
		{"unknown op", 0, 5, []Event{Started("J1", "drill", "M1", 1)}, `events[0].op: job "J1" has no operation "drill"`},
		{"not an alternative", 0, 5, []Event{Started("J1", "cut", "M2", 1)}, `events[0].machine: machine "M2" is not an alternative`},
		{"started twice", 0, 5, []Event{Started("J1", "cut", "M1", 1), Started("J1", "cut", "M1", 2)}, `events[1]: operation "cut" of job "J1" has already started`},
		{"started in the future", 0, 5, []Event{Started("J1", "cut", "M1", 6)}, `events[0].at: `},
		{"completed before started", 0, 5, []Event{Started("J1", "cut", "M1", 3), Completed("J1", "cut", 2)}, `events[1].at: operation "cut" of job "J1" completed`},
		{"completed, never started", 0, 12, []Event{Completed("J2", "1", 12)}, `events[0].at: operation 1 of job "J2" never started`},
		{"progress too large", 0, 5, []Event{Progress("J1", "cut", 9, 5)}, `events[0].done_quantity`},
		{"repaired, never broken", 0, 5, []Event{Repaired("M1", 4)}, `events[0].at: machine "M1" has no breakdown`},
		{"order added twice", 0, 5, []Event{OrderAdded(dup)}, `events[0].job.id: job "J1" already exists`},
		{"order added on an unknown machine", 0, 5, []Event{OrderAdded(job3)}, `events[0].job.operations[0].alternatives[0].machine`},
		{"cancelled twice", 0, 5, []Event{OrderCancelled("J2"), OrderCancelled("J2")}, `events[1].job: job "J2" is cancelled by events[0]`},
		{"weight zero", 0, 5, []Event{PriorityChanged("J2", 0)}, `events[0].weight`},
		{"no such receipt", 0, 5, []Event{ReceiptChanged("steel", 3, 9, nil)}, `events[0].at: material "steel" has no receipt`},
		{"unknown material", 0, 5, []Event{ReceiptChanged("copper", 0, 9, nil)}, `events[0].material: unknown material "copper"`},
		{"too many absent", 0, 5, []Event{OperatorsAbsent("ops", 2, 5, 9)}, `events[0].count`},
		{"unknown pool", 0, 5, []Event{OperatorsAbsent("crew", 1, 5, 9)}, `events[0].pool: unknown operator pool "crew"`},
		{"calendar of both", 0, 5, []Event{{Type: TypeCalendarChanged, Machine: "M1", Pool: "ops", Add: []model.Interval{{Start: 5, End: 6}}}}, `events[0]: a calendar_changed event names a machine or a pool`},
		{"calendar window before now", 3, 5, []Event{MachineCalendarChanged("M1", []model.Interval{{Start: 1, End: 6}}, nil)}, `events[0].add[0].start`},
		{"started before its predecessor", 0, 5, []Event{Started("J1", "weld", "M2", 1), Breakdown("M1", 0, 3)}, `events[0]: operation "weld" of job "J1" started (at `},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pl := base(t)
			pl.Now = tc.planNow
			before := pl.Problem.Clone()
			np, err := Apply(pl, &Events{Now: tc.now, Events: tc.evs})
			if err == nil {
				t.Fatalf("no error; new plan %s", times(np.Problem, np.Schedule))
			}
			var is model.Issues
			if !errors.As(err, &is) {
				t.Fatalf("error %T %v, want model.Issues", err, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if np != nil {
				t.Errorf("a plan came with the error")
			}
			if !reflect.DeepEqual(before, pl.Problem) {
				t.Errorf("the failed Apply changed the problem")
			}
		})
	}
}

func TestCalendarAdd(t *testing.T) {
	// Maintenance of M1 over [10, 12) pushes J2.0; adding working time
	// over it cancels that.
	pl := base(t)
	pl.Problem.Machines[0].Downtime = []model.Window{{Start: 10, End: 12, Reason: "maintenance"}}
	pl.Schedule.Assignments[1].SetupStart, pl.Schedule.Assignments[1].Start, pl.Schedule.Assignments[1].End = 12, 12, 16
	pl.Schedule.Assignments[3].SetupStart, pl.Schedule.Assignments[3].Start, pl.Schedule.Assignments[3].End = 16, 16, 19
	np := replan(t, pl, &Events{Now: 5, Events: []Event{MachineCalendarChanged("M1", []model.Interval{{Start: 10, End: 12}}, nil)}})
	if d := np.Problem.Machines[0].Downtime; len(d) != 0 {
		t.Errorf("downtime left: %v", d)
	}
	// Repair only shifts right: the plan stays, but M1 may now work at 10.
	if got, want := times(np.Problem, np.Schedule), "J1.0@M1[0,10)* J1.1@M2[10,15) J2.0@M1[12,16) J2.1@M2[16,19)"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// A machine on a calendar shared with another gets its own copy.
	pl = base(t)
	pl.Problem.Calendars = []model.Calendar{{ID: "day", Shifts: []model.Shift{{Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, Start: 6 * 60, End: 14 * 60}}}}
	pl.Problem.Machines[0].Calendar, pl.Problem.Machines[1].Calendar = "day", "day"
	np, err := Apply(pl, &Events{Now: 5, Events: []Event{MachineCalendarChanged("M1", []model.Interval{{Start: 480, End: 600}}, nil)}})
	if err != nil {
		t.Fatal(err)
	}
	cals := np.Problem.Calendars
	if len(cals) != 2 || np.Problem.Machines[0].Calendar != "day@M1" || np.Problem.Machines[1].Calendar != "day" ||
		len(cals[1].Exceptions) != 1 || !cals[1].Exceptions[0].Working || len(cals[0].Exceptions) != 0 {
		t.Errorf("calendars %+v, machines %+v", cals, np.Problem.Machines)
	}
}

func TestApplyBadPlan(t *testing.T) {
	pl := base(t)
	pl.Schedule.Assignments[2].Machine = 0 // J1.weld on M1: not an alternative
	if _, err := Apply(pl, &Events{Now: 5}); err == nil || !strings.Contains(err.Error(), `plan.assignments[2].machine: machine "M1" is not an alternative`) {
		t.Errorf("error %v", err)
	}
	pl.Schedule.Assignments[2].Job = 9
	if _, err := Apply(pl, &Events{Now: 5}); err == nil || !strings.Contains(err.Error(), "plan.assignments[2]: the assignment does not match") {
		t.Errorf("error %v", err)
	}
	if _, err := Apply(&Plan{}, nil); err == nil {
		t.Errorf("an empty plan applied")
	}
}
