package schedule

import (
	"math"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

func TestEvaluate(t *testing.T) {
	p, s := small() // C(J1) = 6, C(J2) = 6
	p.Jobs[0].Due, p.Jobs[0].Weight = model.Tick(5), 2
	p.Jobs[1].Due, p.Jobs[1].Release = model.Tick(10), 0
	mixed, err := model.ParseObjective("makespan+0.5*flow_time+10*late_jobs")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		obj  model.Objective
		want float64
	}{
		{"empty is makespan", model.Objective{}, 6},
		{"makespan", model.Single(model.Makespan), 6},
		{"weighted tardiness", model.Single(model.WeightedTardiness), 2 * 1},
		{"max lateness", model.Single(model.MaxLateness), 1},
		{"late jobs", model.Single(model.LateJobs), 1},
		{"flow time", model.Single(model.FlowTime), 12},
		{"weighted sum", mixed, 6 + 0.5*12 + 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Evaluate(p, s, tc.obj); got != tc.want {
				t.Errorf("Evaluate = %g, want %g", got, tc.want)
			}
		})
	}
	t.Run("max lateness negative when all early", func(t *testing.T) {
		q, s := small()
		q.Jobs[0].Due, q.Jobs[1].Due = model.Tick(20), model.Tick(9)
		if got := Evaluate(q, s, model.Single(model.MaxLateness)); got != -3 {
			t.Errorf("max lateness = %g, want -3", got)
		}
	})
	t.Run("no due dates", func(t *testing.T) {
		q, s := small()
		for _, c := range []model.Criterion{model.WeightedTardiness, model.MaxLateness, model.LateJobs} {
			if got := Evaluate(q, s, model.Single(c)); got != 0 {
				t.Errorf("%s = %g, want 0", c, got)
			}
		}
	})
	t.Run("flow time from release", func(t *testing.T) {
		q, s := small()
		q.Jobs[1].Release = 2
		s.Assignments[2] = asg(1, 0, 1, 2, 6)
		s.Assignments[1] = asg(0, 1, 1, 6, 8)
		s.Assignments[3] = asg(1, 1, 0, 6, 8)
		if got := Evaluate(q, s, model.Single(model.FlowTime)); got != 8+6 {
			t.Errorf("flow time = %g, want 14", got)
		}
	})
	t.Run("unknown criterion", func(t *testing.T) {
		if got := Evaluate(p, s, model.Single(model.Criterion(42))); !math.IsNaN(got) {
			t.Errorf("got %g, want NaN", got)
		}
	})
	t.Run("garbage", func(t *testing.T) {
		g := &Schedule{Assignments: []Assignment{asg(9, 0, 0, 0, 100), asg(-1, 0, 0, 0, 3)}}
		if got := Evaluate(p, g, model.Single(model.Makespan)); got != 100 {
			t.Errorf("makespan = %g", got)
		}
		if got := Evaluate(p, nil, model.Single(model.FlowTime)); got != 0 {
			t.Errorf("flow time of nil = %g", got)
		}
	})
}

func TestMakespan(t *testing.T) {
	if Makespan(nil) != 0 || Makespan(&Schedule{}) != 0 {
		t.Error("empty schedules have makespan 0")
	}
	if got := Makespan(ft06Optimal()); got != 55 {
		t.Errorf("ft06: %d", got)
	}
}

func TestComputeKPIs(t *testing.T) {
	p, s := small()
	p.Jobs[0].Due, p.Jobs[0].Weight = model.Tick(5), 2
	k := ComputeKPIs(p, s)
	if k.Makespan != 6 || k.WeightedTardiness != 2 || k.MaxLateness != 1 || k.LateJobs != 1 || k.FlowTime != 12 {
		t.Errorf("criteria: %+v", k)
	}
	want := []JobKPI{
		{Job: 0, Completion: 6, HasDue: true, Lateness: 1, Tardiness: 1, Late: true},
		{Job: 1, Completion: 6},
	}
	for i, w := range want {
		if k.Jobs[i] != w {
			t.Errorf("job %d: %+v, want %+v", i, k.Jobs[i], w)
		}
	}
	if m := k.Machines[0]; m.Busy != 5 || m.Working != 6 || math.Abs(m.Utilisation-5.0/6) > 1e-12 {
		t.Errorf("M1: %+v", m)
	}

	t.Run("calendars and setups", func(t *testing.T) {
		p, s := plant(t), plantSchedule()
		p.SetupMatrices = []model.SetupMatrix{{ID: "S", Initial: 60}}
		p.Machines[1].SetupMatrix = "S"
		s.Assignments[1] = Assignment{Job: 0, Op: 1, Machine: 1, SetupStart: h22 - 30, Start: tue + 630, End: tue + 630 + 600}
		if vs := Check(p, s); vs != nil {
			t.Fatal(list(vs))
		}
		k := ComputeKPIs(p, s)
		mk := int64(tue + 1230)
		if k.Makespan != mk {
			t.Fatalf("makespan %d, want %d", k.Makespan, mk)
		}
		// M1 works Monday 06-22 (960) and Tuesday 06:00-20:30 (870).
		if m := k.Machines[0]; m.Busy != 180 || m.Setup != 0 || m.Working != 960+870 {
			t.Errorf("M1: %+v", m)
		}
		// M2: Monday 960, Tuesday 10:00-20:30 (630); busy 600, setup 60
		// working minutes of the 9 hours between SetupStart and Start.
		m := k.Machines[1]
		if m.Busy != 600 || m.Setup != 60 || m.Working != 960+630 {
			t.Errorf("M2: %+v", m)
		}
		if want := 660.0 / 1590; math.Abs(m.Utilisation-want) > 1e-12 {
			t.Errorf("M2 utilisation %g, want %g", m.Utilisation, want)
		}
	})
}
