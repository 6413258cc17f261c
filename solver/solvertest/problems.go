package solvertest

import (
	"strconv"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Case is a conformance problem.
type Case struct {
	// Name identifies the case in test names ("ft06", "calendar-2x8").
	Name string
	// Problem is the problem to solve; its Features decide whether a solver
	// runs it.
	Problem *model.Problem
	// Optimum is the known optimal makespan (0: unknown). No valid schedule
	// is shorter; a solver claiming Optimal must reach it.
	Optimum float64
	// Reference is a known feasible schedule (nil: none), also used as a
	// hint the solver must not return worse than.
	Reference *schedule.Schedule
}

// Problems returns the built-in conformance problems, freshly built (the
// caller may modify them). Each is small and exercises one group of model
// features:
//
//   - ft06: Fisher & Thompson's classic 6x6 job shop (optimum 55);
//   - release-due-4x3: release dates, due dates and weights;
//   - flexible-3x3: alternative machines, a run-rate duration;
//   - calendar-2x8: a 2x8 calendar with a holiday and a maintenance window;
//   - resumable: an operation longer than a shift that pauses overnight;
//   - setups: sequence-dependent setups with an initial setup;
//   - materials: stock, a receipt and an intermediate product;
//   - operators: two operator pools with skills and capacities;
//   - fixed: two frozen operations;
//   - dag-links-lags: a DAG routing, a cross-job link and time lags;
//   - deadlines: hard deadlines.
func Problems() []Case {
	return []Case{
		{Name: "ft06", Problem: ft06(), Optimum: 55, Reference: ft06Optimal()},
		{Name: "release-due-4x3", Problem: releaseDue()},
		{Name: "flexible-3x3", Problem: flexible()},
		{Name: "calendar-2x8", Problem: calendar(), Reference: calendarReference()},
		{Name: "resumable", Problem: resumable(), Reference: resumableReference()},
		{Name: "setups", Problem: setups(), Reference: setupsReference()},
		{Name: "materials", Problem: materials(), Reference: materialsReference()},
		{Name: "operators", Problem: operators(), Reference: operatorsReference()},
		{Name: "fixed", Problem: fixed(), Reference: fixedReference()},
		{Name: "dag-links-lags", Problem: dagLinks(), Reference: dagLinksReference()},
		{Name: "deadlines", Problem: deadlines(), Reference: deadlinesReference()},
	}
}

// classic builds a unitless problem from routings of (machine, duration)
// pairs, jobs and machines named by their 0-based index.
func classic(name string, machines int, routes [][]int64) *model.Problem {
	p := &model.Problem{Name: name}
	for m := range machines {
		p.Machines = append(p.Machines, model.Machine{ID: strconv.Itoa(m)})
	}
	for j, r := range routes {
		job := model.Job{ID: strconv.Itoa(j)}
		for k := 0; k+1 < len(r); k += 2 {
			job.Operations = append(job.Operations, model.Operation{
				Alternatives: []model.Alternative{{Machine: strconv.Itoa(int(r[k])), Duration: r[k+1]}},
			})
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p
}

// asg returns an assignment without setup.
func asg(job, op, machine int, start, end int64) schedule.Assignment {
	return schedule.Assignment{Job: job, Op: op, Machine: machine, SetupStart: start, Start: start, End: end}
}

var ft06Routes = [][]int64{
	{2, 1, 0, 3, 1, 6, 3, 7, 5, 3, 4, 6},
	{1, 8, 2, 5, 4, 10, 5, 10, 0, 10, 3, 4},
	{2, 5, 3, 4, 5, 8, 0, 9, 1, 1, 4, 7},
	{1, 5, 0, 5, 2, 5, 3, 3, 4, 8, 5, 9},
	{2, 9, 1, 3, 4, 5, 5, 4, 0, 3, 3, 1},
	{1, 3, 3, 3, 5, 9, 0, 10, 4, 4, 2, 1},
}

func ft06() *model.Problem { return classic("ft06", 6, ft06Routes) }

// ft06Optimal is an optimal ft06 schedule (makespan 55).
func ft06Optimal() *schedule.Schedule {
	starts := [6][6]int64{
		{0, 1, 16, 22, 38, 49},
		{0, 8, 13, 28, 38, 48},
		{1, 6, 10, 18, 27, 30},
		{8, 13, 22, 29, 37, 45},
		{13, 22, 25, 41, 48, 52},
		{13, 16, 19, 28, 45, 49},
	}
	s := &schedule.Schedule{}
	for j := range 6 {
		for k := range 6 {
			m, d := ft06Routes[j][2*k], ft06Routes[j][2*k+1]
			s.Assignments = append(s.Assignments, asg(j, k, int(m), starts[j][k], starts[j][k]+d))
		}
	}
	return s
}

func releaseDue() *model.Problem {
	p := classic("release-due-4x3", 3, [][]int64{
		{0, 3, 1, 2, 2, 2},
		{1, 4, 0, 3, 2, 1},
		{2, 3, 1, 2, 0, 4},
		{2, 2, 0, 2, 1, 3},
	})
	for j, d := range []struct {
		rel, due int64
		w        float64
	}{{0, 12, 1}, {2, 10, 2}, {5, 20, 1}, {0, 15, 3}} {
		p.Jobs[j].Release, p.Jobs[j].Due, p.Jobs[j].Weight = d.rel, model.Tick(d.due), d.w
	}
	return p
}

func flexible() *model.Problem {
	alt := func(m string, d int64) model.Alternative { return model.Alternative{Machine: m, Duration: d} }
	op := func(alts ...model.Alternative) model.Operation { return model.Operation{Alternatives: alts} }
	return &model.Problem{
		Name:     "flexible-3x3",
		Machines: []model.Machine{{ID: "A"}, {ID: "B"}, {ID: "C"}},
		Jobs: []model.Job{
			{ID: "0", Operations: []model.Operation{op(alt("A", 3), alt("B", 5)), op(alt("B", 2), alt("C", 2)), op(alt("A", 4))}},
			{ID: "1", Operations: []model.Operation{op(alt("C", 2), alt("A", 6)), op(alt("A", 3), alt("B", 3), alt("C", 4))}},
			{ID: "2", Quantity: 10, Operations: []model.Operation{
				op(model.Alternative{Machine: "B", Setup: 1, RunPerUnit: 0.3}, model.Alternative{Machine: "C", RunPerUnit: 0.5}),
				op(alt("A", 2), alt("C", 1)),
			}},
		},
	}
}

// epoch is Monday 4 March 2024, 00:00 UTC, tick 0 of the calendar problems
// (minute ticks).
var epoch = time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)

const (
	day = 24 * 60
	h6  = 6 * 60
	h14 = 14 * 60
	h22 = 22 * 60
)

// twoShifts is a 2x8 calendar (Monday to Friday 06:00-14:00 and
// 14:00-22:00 UTC) with a public holiday on Wednesday 6 March.
func twoShifts() model.Calendar {
	wd := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	return model.Calendar{
		ID:         "2x8",
		Shifts:     []model.Shift{{Days: wd, Start: h6, End: h14}, {Days: wd, Start: h14, End: h22}},
		Exceptions: []model.Exception{{Start: 2 * day, End: 3 * day, Reason: "public holiday"}},
	}
}

func calendar() *model.Problem {
	op := func(m string, d int64) model.Operation {
		return model.Operation{Alternatives: []model.Alternative{{Machine: m, Duration: d}}}
	}
	return &model.Problem{
		Name:      "calendar-2x8",
		Epoch:     epoch,
		Calendars: []model.Calendar{twoShifts()},
		Machines: []model.Machine{
			{ID: "press", Calendar: "2x8"},
			{ID: "lathe", Calendar: "2x8", Downtime: []model.Window{{Start: 10 * 60, End: 12 * 60, Reason: "maintenance"}}},
		},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{op("press", 240), op("lathe", 180)}},
			{ID: "J2", Operations: []model.Operation{op("lathe", 300), op("press", 120)}},
			{ID: "J3", Operations: []model.Operation{op("press", 480), op("lathe", 240)}},
		},
	}
}

func calendarReference() *schedule.Schedule {
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		asg(0, 0, 0, 360, 600), asg(2, 0, 0, 600, 1080), asg(1, 1, 0, 1080, 1200),
		asg(1, 0, 1, 720, 1020), asg(0, 1, 1, 1020, 1200), asg(2, 1, 1, day+h6, day+h6+240),
	}}
}

func resumable() *model.Problem {
	return &model.Problem{
		Name:      "resumable",
		Epoch:     epoch,
		Calendars: []model.Calendar{twoShifts()},
		Machines:  []model.Machine{{ID: "oven", Calendar: "2x8"}, {ID: "press", Calendar: "2x8"}},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{
				{ID: "bake", Resumable: true, Alternatives: []model.Alternative{{Machine: "oven", Duration: 1200}}},
				{ID: "press", Alternatives: []model.Alternative{{Machine: "press", Duration: 120}}},
			}},
			{ID: "J2", Operations: []model.Operation{
				{ID: "bake", Alternatives: []model.Alternative{{Machine: "oven", Duration: 300}}},
			}},
		},
	}
}

func resumableReference() *schedule.Schedule {
	// J1 bakes Monday 11:00-22:00 (660) and Tuesday 06:00-15:00 (540).
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		asg(1, 0, 0, 360, 660), asg(0, 0, 0, 660, day+h6+540), asg(0, 1, 1, day+h6+540, day+h6+660),
	}}
}

func setups() *model.Problem {
	p := classic("setups", 2, [][]int64{{0, 4, 1, 3}, {0, 2, 1, 2}, {1, 3, 0, 3}})
	p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 3, Initial: 1, Entries: []model.SetupEntry{
		{From: "A", To: "B", Time: 5}, {From: "B", To: "A", Time: 2},
	}}}
	for m := range p.Machines {
		p.Machines[m].SetupMatrix = "S"
	}
	for j, fams := range [][]string{{"A", "B"}, {"B", "A"}, {"A", "A"}} {
		for k, f := range fams {
			p.Jobs[j].Operations[k].SetupFamily = f
		}
	}
	return p
}

func setupsReference() *schedule.Schedule {
	set := func(job, op, m int, ss, s, e int64) schedule.Assignment {
		return schedule.Assignment{Job: job, Op: op, Machine: m, SetupStart: ss, Start: s, End: e}
	}
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		set(0, 0, 0, 0, 1, 5), set(1, 0, 0, 5, 10, 12), set(2, 1, 0, 12, 14, 17),
		set(2, 0, 1, 0, 1, 4), set(0, 1, 1, 4, 9, 12), set(1, 1, 1, 12, 14, 16),
	}}
}

func materials() *model.Problem {
	p := classic("materials", 2, [][]int64{{0, 3, 1, 2}, {0, 4}, {1, 3}})
	p.Materials = []model.Material{
		{ID: "steel", Unit: "kg", Initial: 2, Receipts: []model.Receipt{{At: 10, Quantity: 5}}},
		{ID: "part", Unit: "pcs"},
	}
	p.Jobs[0].Operations[0].Consumes = []model.MaterialQty{{Material: "steel", Quantity: 2}}
	p.Jobs[0].Operations[1].Produces = []model.MaterialQty{{Material: "part", Quantity: 1}}
	p.Jobs[1].Operations[0].Consumes = []model.MaterialQty{{Material: "steel", Quantity: 3}}
	p.Jobs[2].Operations[0].Consumes = []model.MaterialQty{{Material: "part", Quantity: 1}}
	return p
}

func materialsReference() *schedule.Schedule {
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		asg(0, 0, 0, 0, 3), asg(0, 1, 1, 3, 5), asg(2, 0, 1, 5, 8), asg(1, 0, 0, 10, 14),
	}}
}

func operators() *model.Problem {
	p := classic("operators", 3, [][]int64{{0, 3, 1, 2}, {1, 4, 2, 2}, {2, 3}})
	p.OperatorPools = []model.OperatorPool{
		{ID: "setters", Skills: []string{"setup"}, Capacity: 1},
		{ID: "crew", Skills: []string{"run", "setup"}, Capacity: 2},
	}
	p.Jobs[0].Operations[0].Operators = []model.OperatorNeed{{Skill: "run", Count: 1}}
	p.Jobs[0].Operations[1].Operators = []model.OperatorNeed{{Skill: "setup", Count: 1}}
	p.Jobs[1].Operations[0].Operators = []model.OperatorNeed{{Skill: "run", Count: 2}}
	p.Jobs[2].Operations[0].Operators = []model.OperatorNeed{{Skill: "setup", Count: 1}, {Skill: "run", Count: 1}}
	return p
}

func operatorsReference() *schedule.Schedule {
	with := func(a schedule.Assignment, pools ...int) schedule.Assignment { a.Operators = pools; return a }
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		with(asg(0, 0, 0, 0, 3), 1), with(asg(0, 1, 1, 7, 9), 0),
		with(asg(1, 0, 1, 3, 7), 1, 1), asg(1, 1, 2, 7, 9),
		with(asg(2, 0, 2, 0, 3), 0, 1),
	}}
}

func fixed() *model.Problem {
	p := classic("fixed", 3, [][]int64{{0, 3, 1, 2, 2, 2}, {1, 4, 2, 3, 0, 1}, {2, 2, 0, 4, 1, 3}})
	p.Jobs[0].Operations[0].Fixed = &model.Fixed{Machine: "0", SetupStart: 0, Start: 0, End: 3}
	p.Jobs[1].Operations[0].Fixed = &model.Fixed{Machine: "1", SetupStart: 1, Start: 1, End: 5}
	return p
}

func fixedReference() *schedule.Schedule {
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		asg(0, 0, 0, 0, 3), asg(2, 1, 0, 3, 7), asg(1, 2, 0, 8, 9),
		asg(1, 0, 1, 1, 5), asg(0, 1, 1, 5, 7), asg(2, 2, 1, 7, 10),
		asg(2, 0, 2, 0, 2), asg(1, 1, 2, 5, 8), asg(0, 2, 2, 8, 10),
	}}
}

func dagLinks() *model.Problem {
	op := func(id, m string, d int64) model.Operation {
		return model.Operation{ID: id, Alternatives: []model.Alternative{{Machine: m, Duration: d}}}
	}
	p := &model.Problem{
		Name:     "dag-links-lags",
		Machines: []model.Machine{{ID: "0"}, {ID: "1"}, {ID: "2"}},
		Jobs: []model.Job{
			{ID: "A", Routing: model.DAG, Operations: []model.Operation{op("a", "0", 2), op("b", "1", 3), op("c", "2", 2)}},
			{ID: "B", Operations: []model.Operation{op("", "0", 3), op("", "2", 2)}},
		},
	}
	p.Jobs[0].Operations[2].After = []model.Link{{Op: "a"}, {Op: "b"}}
	p.Jobs[1].Operations[1].MinLag = 1
	p.Jobs[1].Operations[1].After = []model.Link{{Job: "A", Op: "c", MinLag: 2}}
	return p
}

func dagLinksReference() *schedule.Schedule {
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		asg(0, 0, 0, 0, 2), asg(0, 1, 1, 0, 3), asg(0, 2, 2, 3, 5), asg(1, 0, 0, 2, 5), asg(1, 1, 2, 7, 9),
	}}
}

func deadlines() *model.Problem {
	p := classic("deadlines", 2, [][]int64{{0, 3, 1, 2}, {1, 4, 0, 2}, {0, 2}})
	for j, d := range []int64{8, 9, 12} {
		p.Jobs[j].Deadline = model.Tick(d)
	}
	return p
}

func deadlinesReference() *schedule.Schedule {
	return &schedule.Schedule{Assignments: []schedule.Assignment{
		asg(0, 0, 0, 0, 3), asg(1, 1, 0, 4, 6), asg(2, 0, 0, 6, 8), asg(1, 0, 1, 0, 4), asg(0, 1, 1, 4, 6),
	}}
}
