package explain

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

func TestInfeasibleEachKind(t *testing.T) {
	fixed := func(m string, ss, s, e int64) *model.Fixed {
		return &model.Fixed{Machine: m, SetupStart: ss, Start: s, End: e}
	}
	cases := []struct {
		name  string
		p     *model.Problem
		kind  string
		paths []string // all must be among the conflict's paths
		words []string // in the message or the fix
	}{
		{
			name: "skill nobody has",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, OperatorPools: []model.OperatorPool{{ID: "crew", Skills: []string{"weld"}, Capacity: 2}}, Jobs: []model.Job{
				{ID: "J", Operations: []model.Operation{{Alternatives: alt("M", 10), Operators: []model.OperatorNeed{{Skill: "paint", Count: 1}}}}},
			}},
			kind:  "skill",
			paths: []string{"jobs[0].operations[0].operators[0]", "operator_pools"},
			words: []string{`no operator pool has skill "paint"`, `give skill "paint"`},
		},
		{
			name: "too few operators",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, OperatorPools: []model.OperatorPool{{ID: "crew", Skills: []string{"weld"}, Capacity: 2}}, Jobs: []model.Job{
				{ID: "J", Operations: []model.Operation{{Alternatives: alt("M", 10), Operators: []model.OperatorNeed{{Skill: "weld", Count: 3}}}}},
			}},
			kind:  "skill",
			paths: []string{"jobs[0].operations[0].operators[0]", "operator_pools[0].capacity"},
			words: []string{"have 2 in total", "add 1 operator(s)"},
		},
		{
			name: "material never sufficient",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Materials: []model.Material{{ID: "STEEL", Unit: "kg", Initial: 3, Receipts: []model.Receipt{{At: 50, Quantity: 2}}}}, Jobs: []model.Job{
				{ID: "J", Operations: []model.Operation{{Alternatives: alt("M", 10), Consumes: []model.MaterialQty{{Material: "STEEL", Quantity: 10}}}}},
			}},
			kind:  "material",
			paths: []string{"materials[0]", "jobs[0].operations[0].consumes[0]"},
			words: []string{"consume 10 kg", "give 5 kg", "at least 5 kg"},
		},
		{
			name: "deadline shorter than the route through the calendar",
			p: &model.Problem{Epoch: monday, Calendars: []model.Calendar{dayShift()}, Machines: []model.Machine{{ID: "M", Calendar: "day"}}, Jobs: []model.Job{
				{ID: "J", Release: 900, Deadline: model.Tick(1440 + 540), Operations: []model.Operation{{Alternatives: alt("M", 120)}}},
			}},
			kind:  "deadline",
			paths: []string{"jobs[0].deadline", "jobs[0].release", "machines[0].calendar"},
			words: []string{"Tue 07 Jan 10:00 or later", "add working time on M"},
		},
		{
			name: "fixed operations overlap",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
				{ID: "A", Operations: []model.Operation{{Alternatives: alt("M", 10), Fixed: fixed("M", 0, 0, 10)}}},
				{ID: "B", Operations: []model.Operation{{Alternatives: alt("M", 10), Fixed: fixed("M", 5, 5, 15)}}},
			}},
			kind:  "fixed",
			paths: []string{"jobs[0].operations[0].fixed", "jobs[1].operations[0].fixed"},
			words: []string{"overlap", "tick 10 or later"},
		},
		{
			name: "fixed after the deadline",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{
				{ID: "A", Deadline: model.Tick(8), Operations: []model.Operation{{Alternatives: alt("M", 10), Fixed: fixed("M", 0, 0, 10)}}},
			}},
			kind:  "fixed",
			paths: []string{"jobs[0].operations[0].fixed", "jobs[0].deadline"},
			words: []string{"after its job's deadline"},
		},
		{
			name: "fixed before its predecessor can end",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}, {ID: "N"}}, Jobs: []model.Job{
				{ID: "A", Release: 20, Operations: []model.Operation{{Alternatives: alt("M", 100)}, {Alternatives: alt("N", 10), Fixed: fixed("N", 50, 50, 60)}}},
			}},
			kind:  "fixed",
			paths: []string{"jobs[0].operations[1].fixed", "jobs[0].release"},
			words: []string{"cannot end before tick 120"},
		},
		{
			name: "fixed operations need more operators than there are",
			p: &model.Problem{Machines: []model.Machine{{ID: "M"}, {ID: "N"}}, OperatorPools: []model.OperatorPool{{ID: "crew", Skills: []string{"weld"}, Capacity: 2}}, Jobs: []model.Job{
				{ID: "A", Operations: []model.Operation{{Alternatives: alt("M", 10), Fixed: fixed("M", 0, 0, 10), Operators: []model.OperatorNeed{{Skill: "weld", Count: 2}}}}},
				{ID: "B", Operations: []model.Operation{{Alternatives: alt("N", 10), Fixed: fixed("N", 5, 5, 15), Operators: []model.OperatorNeed{{Skill: "weld", Count: 1}}}}},
			}},
			kind:  "fixed",
			paths: []string{"jobs[0].operations[0].fixed", "jobs[1].operations[0].fixed", "operator_pools[0].capacity"},
			words: []string{"A/0 and B/0 are fixed to run together at tick 5", "need 3 operators", "add 1 operator(s)"},
		},
		{
			name: "two orders need the only saw at once",
			p: &model.Problem{Epoch: monday, Machines: []model.Machine{{ID: "SAW"}}, Jobs: []model.Job{
				{ID: "A", Release: 360, Deadline: model.Tick(450), Operations: []model.Operation{{Alternatives: alt("SAW", 60)}}},
				{ID: "B", Release: 360, Deadline: model.Tick(450), Operations: []model.Operation{{Alternatives: alt("SAW", 60)}}},
				{ID: "C", Operations: []model.Operation{{Alternatives: alt("SAW", 60)}}},
			}},
			kind:  "capacity",
			paths: []string{"jobs[0].deadline", "jobs[1].deadline", "jobs[0].release", "jobs[1].release", "machines[0]"},
			words: []string{"A/0 and B/0 can only run on SAW", "need at least 2 h", "works only 1 h 30 min", "later by at least 30 min"},
		},
		{
			name: "a chain and a sub-assembly squeeze a machine with a calendar",
			p: &model.Problem{Epoch: monday, Calendars: []model.Calendar{dayShift()}, Machines: []model.Machine{{ID: "LATHE", Calendar: "day"}, {ID: "MILL"}}, Jobs: []model.Job{
				{ID: "A", Release: 480, Deadline: model.Tick(960), Operations: []model.Operation{{Alternatives: alt("LATHE", 300)}}},
				{ID: "SUB", Release: 480, Operations: []model.Operation{{ID: "s", Alternatives: alt("LATHE", 200)}}},
				{ID: "B", Release: 0, Deadline: model.Tick(1000), Operations: []model.Operation{{Alternatives: alt("MILL", 30), After: []model.Link{{Job: "SUB", Op: "s"}}}}},
			}},
			kind:  "capacity",
			paths: []string{"jobs[0].deadline", "jobs[2].deadline", "machines[0].calendar"},
			words: []string{"need at least 8 h 20 min", "works only 8 h"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Infeasible(tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if r == nil {
				t.Fatal("no conflict found")
			}
			var c *Conflict
			for i := range r.Conflicts {
				if r.Conflicts[i].Kind == tc.kind {
					c = &r.Conflicts[i]
					break
				}
			}
			if c == nil {
				t.Fatalf("no %s conflict in %+v", tc.kind, r.Conflicts)
			}
			for _, p := range tc.paths {
				if !slices.Contains(c.Paths, p) {
					t.Errorf("path %s missing from %v", p, c.Paths)
				}
			}
			text := c.Message + " | " + c.Fix
			for _, w := range tc.words {
				if !strings.Contains(text, w) {
					t.Errorf("%q missing from %q", w, text)
				}
			}
			var b strings.Builder
			if err := r.WriteText(&b); err != nil || !strings.Contains(b.String(), c.Message) {
				t.Errorf("text %q (%v) lacks the message", b.String(), err)
			}
		})
	}
}

// Infeasible must never claim a conflict in a problem that has a feasible
// plan: every problem dispatch schedules feasibly gets nil.
func TestInfeasibleSoundOnFeasiblePlants(t *testing.T) {
	n := 0
	for seed := uint64(1); seed <= 40; seed++ {
		p := randomPlant(seed)
		if s := solveDispatch(t, p); s == nil {
			continue
		}
		n++
		r, err := Infeasible(p)
		if err != nil {
			t.Fatal(err)
		}
		if r != nil {
			t.Errorf("seed %d has a feasible plan, yet: %+v", seed, r.Conflicts)
		}
	}
	for seed := uint64(1); seed <= 3; seed++ {
		p := generatePlant(seed, 60, 10, 5, 0)
		s := solveDispatch(t, p)
		if s == nil {
			t.Fatal("no schedule")
		}
		// Deadlines at the plan's completions keep it feasible and make
		// the energy check work on every machine.
		comp := make([]int64, len(p.Jobs))
		for _, a := range s.Assignments {
			comp[a.Job] = max(comp[a.Job], a.End)
		}
		for j := range p.Jobs {
			p.Jobs[j].Deadline = model.Tick(comp[j])
		}
		r, err := Infeasible(p)
		if err != nil {
			t.Fatal(err)
		}
		if r != nil {
			t.Errorf("generated plant %d with deadlines met by a plan, yet: %+v", seed, r.Conflicts)
		}
		n++
	}
	if n < 10 {
		t.Errorf("only %d feasible plants tried", n)
	}
}

func TestInfeasibleInvalidProblems(t *testing.T) {
	for name, p := range map[string]*model.Problem{
		"empty":           {},
		"unknown machine": {Jobs: []model.Job{{ID: "J", Deadline: model.Tick(1), Operations: []model.Operation{{Alternatives: alt("X", 5)}}}}},
		"cycle": {Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{{ID: "J", Routing: model.DAG, Deadline: model.Tick(1), Operations: []model.Operation{
			{ID: "a", Alternatives: alt("M", 5), After: []model.Link{{Op: "b"}}},
			{ID: "b", Alternatives: alt("M", 5), After: []model.Link{{Op: "a"}}},
		}}}},
		"unknown calendar": {Epoch: monday, Machines: []model.Machine{{ID: "M", Calendar: "nope"}}, Jobs: []model.Job{{ID: "J", Deadline: model.Tick(1), Operations: []model.Operation{{Alternatives: alt("M", 5)}}}}},
		"unknown link":     {Machines: []model.Machine{{ID: "M"}}, Jobs: []model.Job{{ID: "J", Operations: []model.Operation{{Alternatives: alt("M", 5), After: []model.Link{{Job: "K", Op: "x"}}}}}}},
	} {
		if _, err := Infeasible(p); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Infeasible(nil); err == nil {
		t.Error("nil problem: no error")
	}
}

// The sweep over windows gives the same least work per window as summing
// energyIn over the operations.
func TestSweepWindowsMatchesDirectSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for round := range 200 {
		n := 1 + rng.IntN(12)
		ops := make([]energyOp, n)
		for i := range ops {
			est := rng.Int64N(100)
			p := rng.Int64N(30)
			ops[i] = energyOp{est: est, p: p, lct: est + p + rng.Int64N(60)}
		}
		windows := 0
		seen := map[[2]int64]bool{}
		sweepWindows(ops, func(ai, bi int, need int64, inv int) {
			a, b := ops[ai].est, ops[bi].lct
			key := [2]int64{a, b}
			if seen[key] || b <= a {
				t.Fatalf("round %d: window [%d, %d) twice or empty", round, a, b)
			}
			seen[key] = true
			windows++
			var want int64
			wantInv := 0
			for i := range ops {
				if e := energyIn(&ops[i], a, b); e > 0 {
					want += e
					wantInv++
				}
			}
			if need != want || inv != wantInv {
				t.Fatalf("round %d: window [%d, %d): need %d inv %d, want %d and %d (ops %+v)", round, a, b, need, inv, want, wantInv, ops)
			}
		})
		// Every pair of distinct bounds with a < b is visited.
		pairs := map[[2]int64]bool{}
		for i := range ops {
			for j := range ops {
				if ops[i].est < ops[j].lct {
					pairs[[2]int64{ops[i].est, ops[j].lct}] = true
				}
			}
		}
		if windows != len(pairs) {
			t.Fatalf("round %d: %d windows, want %d", round, windows, len(pairs))
		}
	}
}

// BenchmarkInfeasible2000 looks for conflicts in the 2,000-order plant
// with a deadline on every order (40 days after its release), the worst
// case of the energy check.
func BenchmarkInfeasible2000(b *testing.B) {
	p := generatePlant(1, 2000, 50, 10, 0.5)
	for j := range p.Jobs {
		p.Jobs[j].Deadline = model.Tick(p.Jobs[j].Release + 40*24*60)
	}
	c0, cpuOK := cpuTime()
	for b.Loop() {
		if _, err := Infeasible(p); err != nil {
			b.Fatal(err)
		}
	}
	if c1, ok := cpuTime(); ok && cpuOK {
		b.ReportMetric(float64((c1-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
