package explain

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// checkReport verifies the accounting of every order of r: the segments
// partition [min(release, completion), completion) in time order, the
// counted parts and Work and Slack follow Order's rules, and the causes add
// up to the lateness exactly.
func checkReport(t *testing.T, p *model.Problem, s *schedule.Schedule, r *Report) {
	t.Helper()
	comp := map[int]int64{}
	for _, a := range s.Assignments {
		comp[a.Job] = max(comp[a.Job], a.End)
	}
	late := 0
	for j := range p.Jobs {
		if d := p.Jobs[j].Due; d != nil && comp[j] > *d {
			late++
		}
	}
	if len(r.Orders) != late {
		t.Errorf("%d orders explained, %d late", len(r.Orders), late)
	}
	for _, o := range r.Orders {
		job := &p.Jobs[o.Index]
		if o.Completion != comp[o.Index] || o.Lateness != o.Completion-*job.Due || o.Lateness <= 0 {
			t.Errorf("%s: completion %d lateness %d, want %d and %d", o.Job, o.Completion, o.Lateness, comp[o.Index], comp[o.Index]-*job.Due)
		}
		base := min(job.Release, o.Completion)
		at := base
		var work, counted int64
		for i, sg := range o.Segments {
			if sg.Start != at || sg.End <= sg.Start {
				t.Fatalf("%s: segment %d [%d, %d) does not follow %d", o.Job, i, sg.Start, sg.End, at)
			}
			at = sg.End
			if sg.Kind.intrinsic() {
				work += sg.End - sg.Start
				if sg.Counted != 0 {
					t.Errorf("%s: %s segment counted %d", o.Job, sg.Kind, sg.Counted)
				}
			}
			if sg.Counted < 0 || sg.Counted > sg.End-sg.Start {
				t.Errorf("%s: segment %d counts %d of %d", o.Job, i, sg.Counted, sg.End-sg.Start)
			}
			counted += sg.Counted
		}
		if at != o.Completion {
			t.Fatalf("%s: segments end at %d, completion %d", o.Job, at, o.Completion)
		}
		if work != o.Work || o.Slack != *job.Due-base-work {
			t.Errorf("%s: work %d slack %d, segments give %d and %d", o.Job, o.Work, o.Slack, work, *job.Due-base-work)
		}
		var sum int64
		for _, c := range o.Causes {
			if c.Ticks <= 0 {
				t.Errorf("%s: cause %s of %d ticks", o.Job, c.Kind, c.Ticks)
			}
			sum += c.Ticks
		}
		if sum != o.Lateness {
			t.Errorf("%s: causes sum to %d, lateness %d (%s)", o.Job, sum, o.Lateness, o.Summary)
		}
		if want := o.Lateness - max(-o.Slack, 0); counted != want {
			t.Errorf("%s: segments count %d, want %d", o.Job, counted, want)
		}
		if len(o.Chain) == 0 || o.Chain[0].End != o.Completion {
			t.Errorf("%s: chain %+v does not start at the completion", o.Job, o.Chain)
		}
	}
	// Bottlenecks: the resources' ticks plus the causes on no resource
	// are the total lateness.
	var total, rest, onRes int64
	for _, o := range r.Orders {
		total += o.Lateness
		for _, c := range o.Causes {
			if resourceType(c.Kind) == "" || c.Resource == "" {
				rest += c.Ticks
			}
		}
	}
	var share float64
	for i, b := range r.Bottlenecks {
		onRes += b.Ticks
		share += b.Share
		var byKind int64
		for _, v := range b.ByKind {
			byKind += v
		}
		if byKind != b.Ticks || b.Ticks <= 0 || len(b.Orders) == 0 {
			t.Errorf("bottleneck %d %+v: by kind %d", i, b, byKind)
		}
	}
	if onRes+rest != total || share > 1+1e-9 {
		t.Errorf("bottlenecks %d + on no resource %d != total lateness %d (share %g)", onRes, rest, total, share)
	}
}

func mustCheck(t *testing.T, p *model.Problem, s *schedule.Schedule) {
	t.Helper()
	if issues := p.Validate(); len(issues) > 0 {
		t.Fatalf("invalid problem: %v", issues)
	}
	if err := schedule.Verify(p, s); err != nil {
		t.Fatalf("hand-built schedule: %v", err)
	}
}

// causes returns "kind/resource/reason=ticks" for each cause, sorted by
// the report's order.
func causes(o Order) string {
	var parts []string
	for _, c := range o.Causes {
		parts = append(parts, fmt.Sprintf("%s/%s/%s[%s]=%d", c.Kind, c.Resource, c.Reason, strings.Join(c.Orders, ","), c.Ticks))
	}
	return strings.Join(parts, " ")
}

func alt(m string, d int64) []model.Alternative {
	return []model.Alternative{{Machine: m, Duration: d}}
}

var monday = time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// dayShift is a calendar of 08:00-16:00 Monday to Friday, UTC.
func dayShift(exc ...model.Exception) model.Calendar {
	return model.Calendar{ID: "day", Shifts: []model.Shift{{Days: weekdays, Start: 8 * 60, End: 16 * 60}}, Exceptions: exc}
}

func TestLateEachCause(t *testing.T) {
	a := func(j, op, m int, ss, s, e int64, ops ...int) schedule.Assignment {
		return schedule.Assignment{Job: j, Op: op, Machine: m, SetupStart: ss, Start: s, End: e, Operators: ops}
	}
	cases := []struct {
		name string
		p    *model.Problem
		s    []schedule.Assignment
		want string // causes of the late order
	}{
		{
			name: "machine busy",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
				{ID: "J1", Due: model.Tick(1000), Operations: []model.Operation{{Alternatives: alt("M", 100)}}},
				{ID: "J2", Due: model.Tick(60), Operations: []model.Operation{{Alternatives: alt("M", 50)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 0, 0, 100), a(1, 0, 0, 100, 100, 150)},
			want: "machine/M/[J1]=90", // slack 10 absorbs the first 10 of the 100
		},
		{
			name: "own work",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
				{ID: "J", Due: model.Tick(30), Operations: []model.Operation{{Alternatives: alt("M", 50)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 0, 0, 50)},
			want: "work//[]=20",
		},
		{
			name: "night",
			p: &model.Problem{Epoch: monday, Calendars: []model.Calendar{dayShift()}, Machines: []model.Machine{{ID: "M", Calendar: "day"}}, Jobs: []model.Job{
				{ID: "J", Release: 1200, Due: model.Tick(1260), Operations: []model.Operation{{Alternatives: alt("M", 60)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 1920, 1920, 1980)},
			want: "closed/M/night[]=720",
		},
		{
			name: "weekend, the end of Friday's shift too short",
			p: &model.Problem{Epoch: monday, Calendars: []model.Calendar{dayShift()}, Machines: []model.Machine{{ID: "M", Calendar: "day"}}, Jobs: []model.Job{
				{ID: "J", Release: 4*1440 + 930, Due: model.Tick(4*1440 + 990), Operations: []model.Operation{{Alternatives: alt("M", 60)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 7*1440+480, 7*1440+480, 7*1440+540)},
			want: "closed/M/weekend[]=3870",
		},
		{
			name: "holiday between two nights",
			p: &model.Problem{Epoch: monday, Calendars: []model.Calendar{dayShift(model.Exception{Start: 1440, End: 2880, Reason: "Epiphany"})}, Machines: []model.Machine{{ID: "M", Calendar: "day"}}, Jobs: []model.Job{
				{ID: "J", Release: 960, Due: model.Tick(1020), Operations: []model.Operation{{Alternatives: alt("M", 60)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 3360, 3360, 3420)},
			want: "holiday/M/Epiphany[]=1440 closed/M/night[]=960",
		},
		{
			name: "downtime",
			p: &model.Problem{Machines: []model.Machine{{ID: "M", Downtime: []model.Window{{Start: 100, End: 300, Reason: "maintenance"}}}}, Jobs: []model.Job{
				{ID: "J", Release: 50, Due: model.Tick(150), Operations: []model.Operation{{Alternatives: alt("M", 100)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 300, 300, 400)},
			want: "downtime/M/maintenance[]=250",
		},
		{
			name: "setup",
			p: &model.Problem{SetupMatrices: []model.SetupMatrix{{ID: "sm", Default: 30}}, Machines: []model.Machine{{ID: "M", SetupMatrix: "sm"}}, Jobs: []model.Job{
				{ID: "J1", Due: model.Tick(1000), Operations: []model.Operation{{Alternatives: alt("M", 100), SetupFamily: "A"}}},
				{ID: "J2", Due: model.Tick(150), Operations: []model.Operation{{Alternatives: alt("M", 50), SetupFamily: "B"}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 0, 0, 100), a(1, 0, 0, 100, 130, 180)},
			want: `setup/M/"A" to "B"[]=30`, // the 100 behind J1 is absorbed by the slack
		},
		{
			name: "material receipt",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Materials: []model.Material{{ID: "STEEL", Receipts: []model.Receipt{{At: 200, Quantity: 10}}}}, Jobs: []model.Job{
				{ID: "J", Due: model.Tick(100), Operations: []model.Operation{{Alternatives: alt("M", 50), Consumes: []model.MaterialQty{{Material: "STEEL", Quantity: 5}}}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 200, 200, 250)},
			want: "material/STEEL/delivery of tick 200[]=150",
		},
		{
			name: "material produced by another order",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}, {ID: "N"}}, Materials: []model.Material{{ID: "PART", Initial: 1}}, Jobs: []model.Job{
				{ID: "SUB", Due: model.Tick(1000), Operations: []model.Operation{{Alternatives: alt("N", 80), Produces: []model.MaterialQty{{Material: "PART", Quantity: 2}}}}},
				{ID: "J", Due: model.Tick(20), Operations: []model.Operation{{Alternatives: alt("M", 20), Consumes: []model.MaterialQty{{Material: "PART", Quantity: 2}}}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 1, 0, 0, 80), a(1, 0, 0, 80, 80, 100)},
			want: "material/PART/production ending tick 80[SUB]=80",
		},
		{
			name: "operators busy",
			p: &model.Problem{Machines: []model.Machine{{ID: "M1"}, {ID: "M2"}}, OperatorPools: []model.OperatorPool{{ID: "welders", Skills: []string{"weld"}, Capacity: 1}}, Jobs: []model.Job{
				{ID: "J1", Due: model.Tick(1000), Operations: []model.Operation{{Alternatives: alt("M1", 100), Operators: []model.OperatorNeed{{Skill: "weld", Count: 1}}}}},
				{ID: "J2", Due: model.Tick(60), Operations: []model.Operation{{Alternatives: alt("M2", 60), Operators: []model.OperatorNeed{{Skill: "weld", Count: 1}}}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 0, 0, 100, 0), a(1, 0, 1, 100, 100, 160, 0)},
			want: "operators/welders/[J1]=100",
		},
		{
			name: "operators off shift",
			p: &model.Problem{Epoch: monday, Calendars: []model.Calendar{dayShift()}, Machines: []model.Machine{{ID: "M"}}, OperatorPools: []model.OperatorPool{{ID: "day crew", Skills: []string{"run"}, Capacity: 1, Calendar: "day"}}, Jobs: []model.Job{
				{ID: "J", Due: model.Tick(60), Operations: []model.Operation{{Alternatives: alt("M", 60), Operators: []model.OperatorNeed{{Skill: "run", Count: 1}}}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 480, 480, 540, 0)},
			want: "operators_off/day crew/[]=480",
		},
		{
			name: "sub-assembly released later",
			p: &model.Problem{Machines: []model.Machine{{ID: "M1"}, {ID: "M2"}}, Jobs: []model.Job{
				{ID: "SUB", Release: 100, Operations: []model.Operation{{ID: "a", Alternatives: alt("M1", 50)}}},
				{ID: "J", Due: model.Tick(50), Operations: []model.Operation{{Alternatives: alt("M2", 50), After: []model.Link{{Job: "SUB", Op: "a"}}}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 100, 100, 150), a(1, 0, 1, 150, 150, 200)},
			want: "release//[SUB]=100 work//[]=50",
		},
		{
			name: "lag",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
				{ID: "J", Due: model.Tick(100), Operations: []model.Operation{{Alternatives: alt("M", 50)}, {Alternatives: alt("M", 50), MinLag: 30}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 0, 0, 50), a(0, 1, 0, 80, 80, 130)},
			want: "work//[]=30",
		},
		{
			name: "idle",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
				{ID: "J", Due: model.Tick(100), Operations: []model.Operation{{Alternatives: alt("M", 50)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 70, 70, 120)},
			want: "idle/M/[]=20",
		},
		{
			name: "resumable over the night",
			p: &model.Problem{Epoch: monday, Calendars: []model.Calendar{dayShift()}, Machines: []model.Machine{{ID: "M", Calendar: "day"}}, Jobs: []model.Job{
				{ID: "J", Release: 900, Due: model.Tick(1020), Operations: []model.Operation{{Alternatives: alt("M", 120), Resumable: true}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 900, 900, 1980)},
			want: "closed/M/night[]=960",
		},
		{
			name: "gap before the next operation too short",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
				{ID: "J1", Due: model.Tick(1000), Operations: []model.Operation{{Alternatives: alt("M", 100)}}},
				{ID: "J2", Due: model.Tick(50), Operations: []model.Operation{{Alternatives: alt("M", 50)}}},
			}},
			s:    []schedule.Assignment{a(0, 0, 0, 30, 30, 130), a(1, 0, 0, 130, 130, 180)},
			want: "machine/M/[J1]=130",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &schedule.Schedule{Assignments: tc.s}
			mustCheck(t, tc.p, s)
			r, err := Late(tc.p, s)
			if err != nil {
				t.Fatal(err)
			}
			checkReport(t, tc.p, s, r)
			if len(r.Orders) != 1 {
				t.Fatalf("%d late orders, want 1", len(r.Orders))
			}
			if got := causes(r.Orders[0]); got != tc.want {
				t.Errorf("causes %s, want %s\n%s", got, tc.want, r.Orders[0].Summary)
			}
		})
	}
}

func solveDispatch(t testing.TB, p *model.Problem) *schedule.Schedule {
	t.Helper()
	res, err := (&dispatch.Solver{}).Solve(context.Background(), p, solver.Options{Seed: 1})
	if err != nil || res.Schedule == nil {
		return nil
	}
	if err := schedule.Verify(p, res.Schedule); err != nil {
		t.Fatalf("%s: dispatch schedule: %v", p.Name, err)
	}
	return res.Schedule
}

func TestLateRandomPlants(t *testing.T) {
	explained := 0
	kinds := map[Kind]int64{}
	tally := func(r *Report) {
		for _, o := range r.Orders {
			for _, c := range o.Causes {
				kinds[c.Kind] += c.Ticks
			}
		}
	}
	for seed := uint64(1); seed <= 40; seed++ {
		p := randomPlant(seed)
		s := solveDispatch(t, p)
		if s == nil {
			continue
		}
		r, err := Late(p, s)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		checkReport(t, p, s, r)
		tally(r)
		explained += len(r.Orders)
	}
	for seed := uint64(1); seed <= 4; seed++ {
		p := generatePlant(seed, 60, 10, 5, 0)
		s := solveDispatch(t, p)
		if s == nil {
			t.Fatalf("generated plant %d: no schedule", seed)
		}
		r, err := Late(p, s)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, p, s, r)
		tally(r)
		explained += len(r.Orders)
	}
	if explained < 20 {
		t.Errorf("only %d late orders explained over all random plants", explained)
	}
	t.Logf("%d late orders; ticks per cause kind: %v", explained, kinds)
	for _, k := range []Kind{Machine, Closed, Downtime, Material, Setup, Operators} {
		if kinds[k] == 0 {
			t.Errorf("no %s cause in any random plant: %v", k, kinds)
		}
	}
}

func TestLateOnly(t *testing.T) {
	p := generatePlant(3, 40, 5, 4, 0)
	s := solveDispatch(t, p)
	all, err := Late(p, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Orders) == 0 {
		t.Fatal("no late order to pick")
	}
	want := all.Orders[len(all.Orders)-1]
	one, err := Late(p, s, want.Job)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Orders) != 1 || one.Orders[0].Summary != want.Summary {
		t.Errorf("only %s: %+v, want %s", want.Job, one.Orders, want.Summary)
	}
	if _, err := Late(p, s, "NO-SUCH-ORDER"); err == nil {
		t.Error("unknown order: no error")
	}
}

func TestLateBadInput(t *testing.T) {
	p := &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
		{ID: "J", Due: model.Tick(10), Operations: []model.Operation{{Alternatives: alt("M", 50)}}},
	}}
	for name, s := range map[string]*schedule.Schedule{
		"missing":     {},
		"bad machine": {Assignments: []schedule.Assignment{{Job: 0, Op: 0, Machine: 3, End: 50}}},
		"bad job":     {Assignments: []schedule.Assignment{{Job: 2, Op: 0, Machine: 0, End: 50}}},
		"bad times":   {Assignments: []schedule.Assignment{{Job: 0, Op: 0, Machine: 0, Start: 50, End: 10}}},
		"twice":       {Assignments: []schedule.Assignment{{Job: 0, Op: 0, End: 50}, {Job: 0, Op: 0, End: 50}}},
	} {
		if _, err := Late(p, s); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := Late(nil, nil); err == nil {
		t.Error("nil: no error")
	}
}

func BenchmarkLate2000(b *testing.B) {
	p := generatePlant(1, 2000, 50, 10, 0.5)
	s := solveDispatch(b, p)
	if s == nil {
		b.Fatal("no schedule")
	}
	// The machine is shared: beside the wall-clock ns/op, report the CPU
	// time per explanation of every late order (GC included).
	var n int
	c0, cpuOK := cpuTime()
	for b.Loop() {
		r, err := Late(p, s)
		if err != nil {
			b.Fatal(err)
		}
		n = len(r.Orders)
	}
	if c1, ok := cpuTime(); ok && cpuOK {
		b.ReportMetric(float64((c1-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	b.ReportMetric(float64(n), "late-orders")
}

// Late explains any plan, feasible or not: on schedules broken at random
// (operations moved in time, onto other machines, overlapping, before
// their predecessors) it must not fail or panic, and its accounting must
// stay exact.
func TestLateBrokenPlans(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		p := randomPlant(seed)
		s := solveDispatch(t, p)
		if s == nil {
			continue
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		for round := range 5 {
			b := s.Clone()
			for i := range b.Assignments {
				a := &b.Assignments[i]
				switch rng.IntN(4) {
				case 0:
					d := rng.Int64N(2000) - 1000
					a.SetupStart += d
					a.Start += d
					a.End += d
				case 1:
					a.Machine = rng.IntN(len(p.Machines))
				case 2:
					a.SetupStart = a.Start
				}
			}
			r, err := Late(p, b)
			if err != nil {
				t.Fatalf("seed %d round %d: %v", seed, round, err)
			}
			checkReport(t, p, b, r)
		}
	}
}
