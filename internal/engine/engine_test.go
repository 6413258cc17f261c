package engine

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

func TestCalendar(t *testing.T) {
	c := NewCalendar([]model.Interval{{Start: 10, End: 20}, {Start: 20, End: 25}, {Start: 40, End: 50}, {Start: 60, End: 100}})
	if len(c.Start) != 3 || c.End[0] != 25 || c.Cum[3] != 15+10+40 {
		t.Fatalf("merged badly: %+v", c)
	}
	tests := []struct {
		name string
		got  int64
		ok   bool
		want int64
	}{
		{"fit inside", must(c.Fit(12, 5)), true, 12},
		{"fit next window", must(c.Fit(12, 14)), true, 60},
		{"fit zero length at end", must(c.Fit(25, 0)), true, 40},
		{"next working", must(c.NextWorking(30)), true, 40},
		{"advance across gap", must(c.Advance(22, 5)), true, 42},
		{"advance exact end", must(c.Advance(22, 3)), true, 25},
		{"advance zero", must(c.Advance(30, 0)), true, 30},
		{"walk back across gap", must(c.WalkBack(42, 5)), true, 22},
		{"walk back from gap", must(c.WalkBack(55, 3)), true, 47},
		{"work", c.Work(0, 45), true, 20},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	if _, ok := c.Fit(95, 10); ok {
		t.Error("fit beyond the last window")
	}
	if _, ok := c.Advance(90, 11); ok {
		t.Error("advance beyond the last window")
	}
	if _, ok := c.WalkBack(12, 3); ok {
		t.Error("walk back before the first window")
	}
	if !c.Covers(60, 100) || c.Covers(20, 41) || !c.Working(24) || c.Working(25) {
		t.Error("covers/working")
	}
	var none *Calendar
	if v, _ := none.Advance(5, 7); v != 12 || !none.Covers(-5, 5) {
		t.Error("nil calendar")
	}
}

func must(v int64, ok bool) int64 {
	if !ok {
		return -999
	}
	return v
}

func jsp() *model.Problem {
	op := func(m string, d int64) model.Operation {
		return model.Operation{Alternatives: []model.Alternative{{Machine: m, Duration: d}}}
	}
	return &model.Problem{
		Machines: []model.Machine{{ID: "A"}, {ID: "B"}},
		Jobs: []model.Job{
			{ID: "0", Operations: []model.Operation{op("A", 3), op("B", 2)}},
			{ID: "1", Operations: []model.Operation{op("B", 4), op("A", 1)}},
		},
	}
}

func TestPlainPathNoAllocation(t *testing.T) {
	c, err := Compile(jsp())
	if err != nil {
		t.Fatal(err)
	}
	if !c.Flags.Plain() {
		t.Fatalf("flags %b", c.Flags)
	}
	s := c.NewState()
	order := []int{0, 2, 1, 3}
	build := func() {
		s.Reset()
		for _, o := range order {
			pl, ok := s.EarliestStart(o, 0, 0)
			if !ok {
				t.Fatal("no placement")
			}
			s.Commit(o, pl)
		}
	}
	if n := testing.AllocsPerRun(100, build); n != 0 {
		t.Fatalf("%g allocations per build", n)
	}
	if s.Makespan() != 6 || s.Start(3) != 4 || s.Start(1) != 4 {
		t.Fatalf("makespan %d, starts %d %d", s.Makespan(), s.Start(3), s.Start(1))
	}
	if vs := schedule.Check(jsp(), s.Schedule()); len(vs) > 0 {
		t.Fatal(vs[0])
	}
}

func TestResetNoAllocationAllFeatures(t *testing.T) {
	p := instance.RandomPlant(3)
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := c.NewState()
	if n := testing.AllocsPerRun(50, s.Reset); n != 0 {
		t.Fatalf("%g allocations per Reset", n)
	}
}

// TestInsertionChangesFollowerSetup inserts an operation of the same
// family before an operation whose initial setup then disappears.
func TestInsertionChangesFollowerSetup(t *testing.T) {
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M", SetupMatrix: "S"}},
		SetupMatrices: []model.SetupMatrix{{ID: "S", Default: 20, Initial: 10}},
		Jobs: []model.Job{
			{ID: "late", Release: 100, Operations: []model.Operation{{SetupFamily: "red", Alternatives: []model.Alternative{{Machine: "M", Duration: 30}}}}},
			{ID: "early", Operations: []model.Operation{{SetupFamily: "red", Alternatives: []model.Alternative{{Machine: "M", Duration: 50}}}}},
		},
	}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := c.NewState()
	s.SetInsertion(true)
	pl, _ := s.EarliestStart(0, 0, 0)
	if pl.SetupStart != 100 || pl.Start != 110 {
		t.Fatalf("first: %+v", pl)
	}
	s.Commit(0, pl)
	pl, ok := s.EarliestStart(1, 0, 0)
	// Initial setup 10, then 50 of work ends at 60; the follower (same
	// family) then needs no setup: it may start its processing at 110.
	if !ok || pl.Pos != 0 || pl.SetupStart != 0 || pl.Start != 10 || pl.End != 60 || pl.NextSetupStart != 110 {
		t.Fatalf("inserted: %+v", pl)
	}
	s.Commit(1, pl)
	if s.SetupStart(0) != 110 {
		t.Fatalf("follower setup start %d", s.SetupStart(0))
	}
	if vs := schedule.Check(p, s.Schedule()); len(vs) > 0 {
		t.Fatal(vs[0])
	}
	// In append mode the second operation goes after the first.
	s.SetInsertion(false)
	s.Reset()
	s.Commit(0, must2(s.EarliestStart(0, 0, 0)))
	pl, _ = s.EarliestStart(1, 0, 0)
	if pl.Pos != 1 || pl.Start != 140 {
		t.Fatalf("appended: %+v", pl)
	}
}

func must2(pl Placement, ok bool) Placement {
	if !ok {
		panic("no placement")
	}
	return pl
}

// TestMaterialFutureConsumption: a consumption committed later in time
// still counts against an earlier one.
func TestMaterialFutureConsumption(t *testing.T) {
	op := func(q float64) model.Operation {
		return model.Operation{Alternatives: []model.Alternative{{Machine: "M", Duration: 10}},
			Consumes: []model.MaterialQty{{Material: "steel", Quantity: q}}}
	}
	p := &model.Problem{
		Machines:  []model.Machine{{ID: "M"}, {ID: "N"}},
		Materials: []model.Material{{ID: "steel", Initial: 10, Receipts: []model.Receipt{{At: 300, Quantity: 5}}}},
		Jobs: []model.Job{
			{ID: "A", Release: 100, Operations: []model.Operation{op(8)}},
			{ID: "B", Operations: []model.Operation{op(5)}},
			{ID: "C", Operations: []model.Operation{op(20)}},
		},
	}
	p.Jobs[1].Operations[0].Alternatives[0].Machine = "N"
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := c.NewState()
	s.Commit(0, must2(s.EarliestStart(0, 0, 0)))
	pl, ok := s.EarliestStart(1, 0, 0)
	if !ok || pl.Start != 300 {
		t.Fatalf("B: %+v %v", pl, ok)
	}
	s.Commit(1, pl)
	if _, ok := s.EarliestStart(2, 0, 0); ok || s.Failure().Reason != Material || s.Failure().Material != 0 {
		t.Fatalf("C: %v", s.Failure())
	}
	if got := s.Stock(0, 350); got != 2 {
		t.Fatalf("stock %g", got)
	}
}

// TestResumableOperatorClass: a resumable operation needing an operator
// whose pool works mornings only pauses when the pool does.
func TestResumableOperatorClass(t *testing.T) {
	wk := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p := &model.Problem{
		Epoch: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), Resolution: time.Minute,
		Calendars: []model.Calendar{
			{ID: "day", TimeZone: "UTC", Shifts: []model.Shift{{Days: wk, Start: 8 * 60, End: 18 * 60}}},
			{ID: "am", TimeZone: "UTC", Shifts: []model.Shift{{Days: wk, Start: 6 * 60, End: 12 * 60}}},
		},
		Machines:      []model.Machine{{ID: "M", Calendar: "day"}},
		OperatorPools: []model.OperatorPool{{ID: "morning", Skills: []string{"x"}, Capacity: 1, Calendar: "am"}},
		Jobs: []model.Job{{ID: "A", Operations: []model.Operation{{Resumable: true,
			Alternatives: []model.Alternative{{Machine: "M", Duration: 300}},
			Operators:    []model.OperatorNeed{{Skill: "x", Count: 1}}}}}},
	}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := c.NewState()
	pl, ok := s.EarliestStart(0, 0, 0)
	// Monday 08:00-12:00 (240), Tuesday 08:00-09:00 (60).
	if !ok || pl.Start != 8*60 || pl.End != 1440+9*60 || pl.Class != 1 {
		t.Fatalf("%+v %v", pl, ok)
	}
	s.Commit(0, pl)
	sch := s.Schedule()
	if vs := schedule.Check(p, sch); len(vs) > 0 {
		t.Fatal(vs[0])
	}
	if got := sch.Assignments[0].Operators; len(got) != 1 || got[0] != 0 {
		t.Fatalf("operators %v", got)
	}
}

// TestFixedPredecessorDeadline: the predecessor of a fixed operation must
// end before the fixed start.
func TestFixedPredecessorDeadline(t *testing.T) {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "M"}, {ID: "N"}},
		Jobs: []model.Job{
			{ID: "J", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "M", Duration: 30}}},
				{Alternatives: []model.Alternative{{Machine: "N", Duration: 10}}, Fixed: &model.Fixed{Machine: "N", SetupStart: 50, Start: 50, End: 60}},
			}},
			{ID: "K", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M", Duration: 30}}}}},
		},
	}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.LatestEnd[0] != 50 {
		t.Fatalf("latest end %d", c.LatestEnd[0])
	}
	s := c.NewState()
	if !s.Placed(1) || s.Start(1) != 50 {
		t.Fatal("fixed operation not committed by Reset")
	}
	s.Commit(2, must2(s.EarliestStart(2, 0, 0)))
	if _, ok := s.EarliestStart(0, 0, 0); ok || s.Failure().Reason != Deadline {
		t.Fatalf("want a deadline failure, got %v", s.Failure())
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *model.Problem)
		path string
	}{
		{"unknown machine", func(p *model.Problem) { p.Jobs[1].Operations[0].Alternatives[0].Machine = "Z" }, "jobs[1].operations[0].alternatives[0].machine"},
		{"cycle", func(p *model.Problem) {
			p.Jobs[0].Operations[0].After = []model.Link{{Op: "1"}}
		}, "jobs[0].operations[0]"},
		{"unknown material", func(p *model.Problem) {
			p.Jobs[0].Operations[1].Consumes = []model.MaterialQty{{Material: "gold", Quantity: 1}}
		}, "jobs[0].operations[1].consumes[0].material"},
		{"unknown skill", func(p *model.Problem) {
			p.Jobs[0].Operations[1].Operators = []model.OperatorNeed{{Skill: "fly", Count: 1}}
		}, "jobs[0].operations[1].operators[0].skill"},
		{"unknown link", func(p *model.Problem) {
			p.Jobs[0].Operations[1].After = []model.Link{{Job: "nope", Op: "0"}}
		}, "jobs[0].operations[1].after[0].job"},
		{"no problem", nil, "problem"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p *model.Problem
			if tt.edit != nil {
				p = jsp()
				tt.edit(p)
			}
			_, err := Compile(p)
			var ce *CompileError
			if !errors.As(err, &ce) || ce.Path != tt.path || !strings.Contains(err.Error(), tt.path) {
				t.Fatalf("got %v", err)
			}
		})
	}
}

// TestOperatorPreference: two pools share the skill "qc"; "weld" is only
// in pool A. Without preferences the qc operation takes pool A (lowest
// index) and the weld operation waits; preferring pool B for it lets
// both run at once. A preference the pool cannot serve is passed over.
func TestOperatorPreference(t *testing.T) {
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M1"}, {ID: "M2"}},
		OperatorPools: []model.OperatorPool{{ID: "A", Skills: []string{"weld", "qc"}, Capacity: 1}, {ID: "B", Skills: []string{"paint", "qc"}, Capacity: 1}},
		Jobs: []model.Job{
			{ID: "inspect", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "qc", Count: 1}}}}},
			{ID: "weld", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "weld", Count: 1}}}}},
		},
	}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	run := func(pref []int32) (weldStart int64, inspectPool int32) {
		s := c.NewState()
		s.SetOperatorPreference(pref)
		placeInOrder(t, p, s, 2)
		return s.Start(1), s.OperatorTable()[0]
	}
	if st, pool := run(nil); st != 10 || pool != 0 {
		t.Fatalf("no preference: weld starts at %d, inspection on pool %d; want 10 and 0", st, pool)
	}
	if st, pool := run([]int32{1, -1}); st != 0 || pool != 1 {
		t.Fatalf("inspection prefers B: weld starts at %d, inspection on pool %d; want 0 and 1", st, pool)
	}
	// The weld operation prefers B, which has no welder: pool A serves it.
	if st, pool := run([]int32{1, 1}); st != 0 || pool != 1 {
		t.Fatalf("weld prefers B: weld starts at %d, inspection on pool %d; want 0 and 1", st, pool)
	}
}

// TestStrictOperatorPreference: pool B (qc) is busy until 10 with a
// first inspection; a second inspection prefers B. Passed over when busy,
// the preference lets it take pool A at 0; strict, it waits for B until
// 10, and A stays free for the weld operation. A strict preference that
// the pool cannot serve (no skill) is still passed over.
func TestStrictOperatorPreference(t *testing.T) {
	qc := []model.OperatorNeed{{Skill: "qc", Count: 1}}
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M1"}, {ID: "M2"}, {ID: "M3"}},
		OperatorPools: []model.OperatorPool{{ID: "A", Skills: []string{"weld", "qc"}, Capacity: 1}, {ID: "B", Skills: []string{"paint", "qc"}, Capacity: 1}},
		Jobs: []model.Job{
			{ID: "inspect1", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 10}}, Operators: qc}}},
			{ID: "inspect2", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}}, Operators: qc}}},
			{ID: "weld", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M3", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "weld", Count: 1}}}}},
		},
	}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	run := func(strict bool, pref []int32) (starts [3]int64, pools [3]int32) {
		s := c.NewState()
		s.SetOperatorPreference(pref)
		s.SetStrictOperatorPreference(strict)
		placeInOrder(t, p, s, 3)
		for o := 0; o < 3; o++ {
			starts[o] = s.Start(o)
			pools[o] = s.OperatorTable()[o]
		}
		return starts, pools
	}
	if st, pl := run(false, []int32{1, 1, -1}); st != [3]int64{0, 0, 10} || pl != [3]int32{1, 0, 0} {
		t.Errorf("preference passed over: starts %v, pools %v; want [0 0 10] and [1 0 0]", st, pl)
	}
	if st, pl := run(true, []int32{1, 1, -1}); st != [3]int64{0, 10, 0} || pl != [3]int32{1, 1, 0} {
		t.Errorf("strict preference: starts %v, pools %v; want [0 10 0] and [1 1 0]", st, pl)
	}
	if st, pl := run(true, []int32{1, 1, 1}); st != [3]int64{0, 10, 0} || pl != [3]int32{1, 1, 0} {
		t.Errorf("strict preference without the skill: starts %v, pools %v; want [0 10 0] and [1 1 0]", st, pl)
	}
}

// TestStrictPreferenceMatching: an operation needs two welders; pools A
// and B have one each. A unit free to take any pool must not take A when
// the other unit is bound to it, in whatever order the units come.
func TestStrictPreferenceMatching(t *testing.T) {
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M1"}},
		OperatorPools: []model.OperatorPool{{ID: "A", Skills: []string{"weld"}, Capacity: 1}, {ID: "B", Skills: []string{"weld"}, Capacity: 1}},
		Jobs: []model.Job{
			{ID: "J", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "weld", Count: 2}}}}},
		},
	}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, pref := range [][]int32{{-1, 0}, {0, -1}, {-1, 1}, {1, 0}} {
		s := c.NewState()
		s.SetOperatorPreference(pref)
		s.SetStrictOperatorPreference(true)
		placeInOrder(t, p, s, 1)
		got := s.Operators(0)
		for u, want := range pref {
			if want >= 0 && !slices.Contains(got, want) {
				t.Errorf("preferences %v: pools %v lack the bound pool %d of unit %d", pref, got, want, u)
			}
		}
	}
}

// TestSetupTime: the setup before an operation at a position of a
// machine's sequence, from the family of the operation before it.
func TestSetupTime(t *testing.T) {
	p := &model.Problem{
		SetupMatrices: []model.SetupMatrix{{ID: "S", Default: 30, Initial: 5, Entries: []model.SetupEntry{{From: "a", To: "b", Time: 10}}}},
		Machines:      []model.Machine{{ID: "M1", SetupMatrix: "S"}, {ID: "M2"}},
	}
	op := func(fam string, m string) model.Operation {
		return model.Operation{SetupFamily: fam, Alternatives: []model.Alternative{{Machine: m, Duration: 10}}}
	}
	p.Jobs = []model.Job{
		{ID: "A", Operations: []model.Operation{op("a", "M1")}},
		{ID: "B", Operations: []model.Operation{op("b", "M1")}},
		{ID: "C", Operations: []model.Operation{op("a", "M1")}},
		{ID: "D", Operations: []model.Operation{op("b", "M2")}},
	}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := c.NewState()
	pl, ok := s.EarliestStart(0, 0, 0)
	if !ok {
		t.Fatal(s.Failure())
	}
	s.Commit(0, pl) // M1: A (family a)
	for _, tc := range []struct {
		o, m, pos int
		want      int64
	}{
		{1, 0, 0, 5},  // first on M1: the initial setup
		{1, 0, 1, 10}, // after A: a -> b
		{2, 0, 1, 0},  // after A: same family
		{3, 1, 0, 0},  // M2 has no matrix
	} {
		if got := s.SetupTime(tc.o, tc.m, tc.pos); got != tc.want {
			t.Errorf("SetupTime(%d, %d, %d) = %d, want %d", tc.o, tc.m, tc.pos, got, tc.want)
		}
	}
	pl, _ = s.EarliestStart(1, 0, 0)
	s.Commit(1, pl) // M1: A, B
	if got := s.SetupTime(2, 0, 2); got != 30 {
		t.Errorf("after B (b -> a, no entry): %d, want the default 30", got)
	}
}

// placeInOrder places operations 0..n-1 of p (one alternative each), in
// order, at their earliest start, and checks the schedule.
func placeInOrder(t *testing.T, p *model.Problem, s *State, n int) {
	t.Helper()
	for o := 0; o < n; o++ {
		pl, ok := s.EarliestStart(o, 0, 0)
		if !ok {
			t.Fatalf("op %d: %v", o, s.Failure())
		}
		s.Commit(o, pl)
	}
	if vs := schedule.Check(p, s.Schedule()); len(vs) > 0 {
		t.Fatal(vs[0])
	}
}
