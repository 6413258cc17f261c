package ga

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/solvertest"
)

func problemByName(t *testing.T, name string) *model.Problem {
	t.Helper()
	for _, c := range testProblems(t) {
		if c.Name == name {
			return c.Problem
		}
	}
	t.Fatalf("no test problem %q", name)
	return nil
}

func testIsland(t *testing.T, p *model.Problem, obj model.Objective) *island {
	t.Helper()
	c, err := engine.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	pd := newProblemData(c, obj)
	is := newIsland(0, pd, Params{}.withDefaults(c.NumOps), 7, true)
	is.stop = func() bool { return false }
	return is
}

func geneCounts(seq []int32, n int) []int {
	cnt := make([]int, n)
	for _, j := range seq {
		cnt[j]++
	}
	return cnt
}

// TestOperatorsKeepGenes checks that crossovers, mutations and local
// search moves keep every job's number of genes and valid alternatives.
func TestOperatorsKeepGenes(t *testing.T) {
	for _, name := range []string{"ft06", "flexible-3x3", "dag-links-lags", "plant"} {
		t.Run(name, func(t *testing.T) {
			p := problemByName(t, name)
			is := testIsland(t, p, model.Single(model.Makespan))
			pd := is.pd
			want := make([]int, pd.c.NumJobs)
			for _, o := range pd.jobOps {
				want[pd.c.OpJob[o]]++
			}
			validAlt := func(x *indiv) {
				for o, a := range x.alt {
					if a < 0 || a >= pd.c.AltFirst[o+1]-pd.c.AltFirst[o] {
						t.Fatalf("operation %d: alternative %d out of range", o, a)
					}
				}
			}
			p1, p2, c1, c2 := pd.newIndiv(), pd.newIndiv(), pd.newIndiv(), pd.newIndiv()
			for k := 0; k < 200; k++ {
				pd.randomize(p1, is.rng, is.sc)
				pd.randomize(p2, is.rng, is.sc)
				is.crossover(p1, p2, c1, c2)
				is.mutate(c1)
				is.mutate(c2)
				for _, c := range []*indiv{c1, c2} {
					if got := geneCounts(c.seq, pd.c.NumJobs); !slices.Equal(got, want) {
						t.Fatalf("gene counts %v, want %v", got, want)
					}
					validAlt(c)
				}
				// Local search moves.
				is.eval(c1)
				budget := 10
				is.rebase(c1, &budget)
				is.critical()
				is.buildMoves()
				for _, mv := range is.cand {
					is.trial.copyFrom(c1)
					is.apply(is.trial, mv)
					if got := geneCounts(is.trial.seq, pd.c.NumJobs); !slices.Equal(got, want) {
						t.Fatalf("move %+v: gene counts %v, want %v", mv, got, want)
					}
					validAlt(is.trial)
				}
			}
		})
	}
}

// TestNormalize checks that rewriting a decoded chromosome in start order
// gives, decoded again, the same schedule on a job shop.
func TestNormalize(t *testing.T) {
	p := problemByName(t, "ft06")
	is := testIsland(t, p, model.Single(model.Makespan))
	x := is.pd.newIndiv()
	for k := 0; k < 50; k++ {
		is.pd.randomize(x, is.rng, is.sc)
		is.eval(x)
		before := is.dec.s.Schedule()
		is.dec.normalize(x.seq)
		v := x.val
		is.eval(x)
		if x.val != v {
			t.Fatalf("normalized chromosome decodes to %v, was %v", x.val, v)
		}
		after := is.dec.s.Schedule()
		if !slices.EqualFunc(before.Assignments, after.Assignments, func(a, b schedule.Assignment) bool {
			return a.Start == b.Start && a.Machine == b.Machine
		}) {
			t.Fatal("normalized chromosome decodes to another schedule")
		}
	}
}

// TestFromSchedule checks that a schedule read back as a chromosome
// decodes to a schedule at least as good, on every test problem.
func TestFromSchedule(t *testing.T) {
	for _, tc := range testProblems(t) {
		if tc.Reference == nil && tc.Name != "plant" {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			obj := model.Single(model.Makespan)
			ref := tc.Reference
			if ref == nil {
				r, err := dispatch.WithRule(context.Background(), tc.Problem, dispatch.ATC(dispatch.DefaultATCK), solver.Options{Objective: obj})
				if err != nil {
					t.Fatal(err)
				}
				ref = r.Schedule
			}
			is := testIsland(t, tc.Problem, obj)
			x := is.pd.newIndiv()
			if !is.pd.fromSchedule(x, ref, make([]int64, is.pd.c.NumOps)) {
				t.Fatal("schedule not read back")
			}
			is.eval(x)
			if x.bad != 0 {
				t.Fatalf("%d operations not placed", x.bad)
			}
			s := is.dec.s.Schedule()
			if v := schedule.Check(tc.Problem, s); len(v) > 0 {
				t.Fatal(v[0])
			}
			if rv := schedule.Evaluate(tc.Problem, ref, obj); x.val > rv {
				t.Errorf("reference %v, decoded %v", rv, x.val)
			}
		})
	}
}

// TestDeterministicPlant solves the example plant twice for weighted
// tardiness with one worker, a seed and a work limit: same schedule.
func TestDeterministicPlant(t *testing.T) {
	p, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	opts := solver.Options{Objective: model.Single(model.WeightedTardiness), Seed: 5, WorkLimit: 600}
	var prev *solver.Result
	for k := 0; k < 2; k++ {
		var last float64
		n := 0
		opts.OnProgress = func(pr solver.Progress) {
			if n > 0 && pr.Objective >= last {
				t.Errorf("progress not strictly improving: %v after %v", pr.Objective, last)
			}
			last = pr.Objective
			n++
		}
		r, err := New(Params{}).Solve(context.Background(), p, opts)
		if err != nil {
			t.Fatal(err)
		}
		if v := schedule.Check(p, r.Schedule); len(v) > 0 {
			t.Fatal(v[0])
		}
		if r.Stop != solver.WorkLimit || r.Stats.Work != opts.WorkLimit {
			t.Errorf("stop %v work %d, want work_limit %d", r.Stop, r.Stats.Work, opts.WorkLimit)
		}
		if n == 0 || last != r.Objective {
			t.Errorf("last progress %v, result %v", last, r.Objective)
		}
		if prev != nil && (prev.Objective != r.Objective || !slices.EqualFunc(prev.Schedule.Assignments, r.Schedule.Assignments, func(a, b schedule.Assignment) bool {
			return a.Start == b.Start && a.Machine == b.Machine && a.End == b.End
		})) {
			t.Fatal("two solves with the same seed and work limit differ")
		}
		prev = r
	}
}

// TestEvaluateRandomWeights checks the fast evaluation against
// schedule.Evaluate with random weights on the release/due problem.
func TestEvaluateRandomWeights(t *testing.T) {
	var p *model.Problem
	for _, c := range solvertest.Problems() {
		if c.Name == "release-due-4x3" {
			p = c.Problem
		}
	}
	c, err := engine.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	for k := 0; k < 100; k++ {
		var obj model.Objective
		for cr := model.Makespan; cr <= model.FlowTime; cr++ {
			if rng.IntN(2) == 0 {
				obj.Terms = append(obj.Terms, model.Term{Criterion: cr, Weight: rng.Float64() * 3})
			}
		}
		pd := newProblemData(c, obj)
		d := newDecoder(pd, k%2 == 0)
		x := pd.newIndiv()
		pd.randomize(x, rng, pd.newScratch())
		_, v := d.decode(x)
		if want := schedule.Evaluate(p, d.s.Schedule(), obj); v != want {
			t.Fatalf("%v: fast %v, Evaluate %v", obj, v, want)
		}
	}
}

// TestAllFixed solves a job shop whose operations are all fixed: nothing
// to decide, one decode, and no limit needed to return.
func TestAllFixed(t *testing.T) {
	tc := solvertest.Problems()[0]
	if tc.Reference == nil {
		t.Skip("no reference schedule")
	}
	p := tc.Problem
	for _, a := range tc.Reference.Assignments {
		p.Jobs[a.Job].Operations[a.Op].Fixed = &model.Fixed{Machine: p.Machines[a.Machine].ID, SetupStart: a.SetupStart, Start: a.Start, End: a.End}
	}
	res, err := New(Params{NoSeeds: true}).Solve(context.Background(), p, solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v := schedule.Check(p, res.Schedule); len(v) > 0 {
		t.Fatal(v[0])
	}
	if res.Stats.Work != 1 || res.Objective != schedule.Evaluate(p, tc.Reference, model.Objective{}) {
		t.Errorf("work %d objective %v", res.Stats.Work, res.Objective)
	}
}

func TestDefaultWorkLimit(t *testing.T) {
	for _, tc := range []struct {
		ops  int
		want int64
	}{{0, 200_000}, {100, 200_000}, {1000, 50_000}, {20_000, 2_500}, {1_000_000, 1_000}} {
		if got := DefaultWorkLimit(tc.ops); got != tc.want {
			t.Errorf("DefaultWorkLimit(%d) = %d, want %d", tc.ops, got, tc.want)
		}
	}
}

// TestDecodeFrom checks the checkpoints: a chromosome changed from some
// gene on (its sequence, and the assignment of operations placed from
// that gene on) decodes from the last checkpoint before the change to
// exactly the schedule a full decode gives.
func TestDecodeFrom(t *testing.T) {
	cases := testProblems(t)
	for seed := uint64(1); seed <= 40; seed++ {
		cases = append(cases, solvertest.Case{Name: "random", Problem: instance.RandomPlant(seed)})
	}
	rng := rand.New(rand.NewPCG(3, 4))
	compared := 0
	for _, tc := range cases {
		c, err := engine.Compile(tc.Problem)
		if err != nil {
			t.Fatal(err)
		}
		obj := model.Single(model.WeightedTardiness)
		for _, mode := range []bool{false, true} {
			pd := newProblemData(c, obj)
			if pd.genes < 4 {
				continue
			}
			d, ref := newDecoder(pd, mode), newDecoder(pd, mode)
			d.every = 1 + rng.IntN(3)
			base, x := pd.newIndiv(), pd.newIndiv()
			pd.randomize(base, rng, pd.newScratch())
			for i := range base.pool {
				base.pool[i] = int32(rng.IntN(c.NumPools+1) - 1)
			}
			d.record(base)
			gene := slices.Clone(d.opGene)
			for k := 0; k < 10; k++ {
				x.copyFrom(base)
				from := rng.IntN(pd.genes)
				seg := x.seq[from:]
				rng.Shuffle(len(seg), func(a, b int) { seg[a], seg[b] = seg[b], seg[a] })
				for _, o := range pd.flex {
					if gene[o] >= int32(from) && rng.IntN(2) == 0 {
						x.alt[o] = int32(rng.IntN(int(c.AltFirst[o+1] - c.AltFirst[o])))
					}
				}
				for _, o := range pd.staffed {
					if gene[o] >= int32(from) && rng.IntN(2) == 0 {
						for i := c.OperFirst[o]; i < c.OperFirst[o+1]; i++ {
							x.pool[i] = int32(rng.IntN(c.NumPools+1) - 1)
						}
					}
				}
				bad, val := d.decodeFrom(x, from)
				rbad, rval := ref.decode(x)
				if bad != rbad || val != rval {
					t.Fatalf("%s insertion=%v from %d: decodeFrom %d/%v, decode %d/%v", tc.Name, mode, from, bad, val, rbad, rval)
				}
				for o := range c.NumOps {
					if ref.s.Placed(o) && d.opGene[o] != ref.opGene[o] {
						t.Fatalf("%s insertion=%v from %d: gene position of operation %d differs", tc.Name, mode, from, o)
					}
				}
				a, b := d.s.Schedule(), ref.s.Schedule()
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("%s insertion=%v from %d: schedules differ", tc.Name, mode, from)
				}
				if bad == 0 {
					if v := schedule.Check(tc.Problem, a); len(v) > 0 {
						t.Fatalf("%s: %v", tc.Name, v[0])
					}
				}
				compared++
			}
		}
	}
	if compared < 500 {
		t.Fatalf("only %d comparisons", compared)
	}
}

// TestSeedsDecodeFaithfully: a dispatching rule's schedule, read as a
// chromosome (operations by start, their machines and operator pools),
// decodes to a schedule in which no operation starts later, on plants
// with operators shared between pools, materials and setups.
func TestSeedsDecodeFaithfully(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		p := instance.GeneratePlant(instance.PlantConfig{Orders: 200, Machines: 20, Seed: seed})
		obj := p.Objective
		c, err := engine.Compile(p)
		if err != nil {
			t.Fatal(err)
		}
		pd := newProblemData(c, obj)
		if len(pd.staffed) == 0 {
			t.Fatal("the plant needs no operators")
		}
		d := newDecoder(pd, true)
		x := pd.newIndiv()
		for i, rule := range []dispatch.Rule{nil, dispatch.EDD, dispatch.MWKR} {
			name := []string{"dispatch", "dispatch:edd", "dispatch:mwkr"}[i]
			r, err := dispatch.WithRule(context.Background(), p, rule, solver.Options{Objective: obj})
			if err != nil {
				t.Fatal(err)
			}
			if v := schedule.Check(p, r.Schedule); len(v) > 0 {
				t.Fatal(v[0])
			}
			if !pd.fromSchedule(x, r.Schedule, make([]int64, c.NumOps)) {
				t.Fatalf("%s: schedule not read", name)
			}
			bad, val := d.decode(x)
			if bad != 0 {
				t.Fatalf("seed %d %s: %d operations not placed", seed, name, bad)
			}
			if v := schedule.Check(p, d.s.Schedule()); len(v) > 0 {
				t.Fatal(v[0])
			}
			for o := 0; o < c.NumOps; o++ {
				if got, want := d.s.Start(o), r.Schedule.Assignments[o].Start; got > want {
					t.Fatalf("seed %d %s: operation %d starts at %d, in the rule's schedule at %d", seed, name, o, got, want)
				}
			}
			if val > r.Objective {
				t.Fatalf("seed %d %s: decoded %v, rule %v", seed, name, val, r.Objective)
			}
		}
	}
}

// TestAppendDecodeReproducesSchedules: a schedule built by appending to
// machine sequences (the non-delay and active schemes without insertion),
// turned into a chromosome, decodes in append mode into the very same
// schedule: machines, times and operator pools (the pools are strict
// preferences; passed over when busy, an operation started early took the
// pool a later one needed and the 20,000-operation plant's best rule
// decoded 10 % worse).
func TestAppendDecodeReproducesSchedules(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		p := instance.GeneratePlant(instance.PlantConfig{Orders: 200, Machines: 20, Seed: seed})
		c, err := engine.Compile(p)
		if err != nil {
			t.Fatal(err)
		}
		pd := newProblemData(c, p.Objective)
		d := newDecoder(pd, false)
		x := pd.newIndiv()
		for _, cfg := range []dispatch.Config{
			{Scheme: dispatch.NonDelay, Rule: dispatch.ATC(2)},
			{Scheme: dispatch.Active, Rule: dispatch.ATC(4)},
			{Scheme: dispatch.Active, Rule: dispatch.ATCS(8, 1)},
			{Scheme: dispatch.Active, Rule: dispatch.MWKR},
		} {
			sch, err := dispatch.Build(context.Background(), p, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !pd.fromSchedule(x, sch, make([]int64, c.NumOps)) {
				t.Fatal("schedule not read")
			}
			if bad, val := d.decode(x); bad != 0 || val != schedule.Evaluate(p, sch, p.Objective) {
				t.Errorf("seed %d %v: decoded %v with %d operations unplaced, schedule %v", seed, cfg.Scheme, val, bad, schedule.Evaluate(p, sch, p.Objective))
			}
			for _, a := range sch.Assignments {
				o := int(c.JobFirst[a.Job]) + a.Op
				if d.s.Machine(o) != a.Machine || d.s.SetupStart(o) != a.SetupStart || d.s.Start(o) != a.Start || d.s.End(o) != a.End || !slices.Equal(d.s.Operators(o), toInt32(a.Operators)) {
					t.Fatalf("seed %d %v: operation %d decoded on %d [%d %d %d] pools %v, scheduled on %d [%d %d %d] pools %v", seed, cfg.Scheme, o,
						d.s.Machine(o), d.s.SetupStart(o), d.s.Start(o), d.s.End(o), d.s.Operators(o), a.Machine, a.SetupStart, a.Start, a.End, a.Operators)
				}
			}
		}
	}
}

func toInt32(x []int) []int32 {
	out := make([]int32, len(x))
	for i, v := range x {
		out[i] = int32(v)
	}
	return out
}

// TestLocalSearchCheckpoints runs the local search with checkpoints on
// small problems (checkpoints every 1 to 3 genes) and decodes every
// chromosome it evaluates from a checkpoint again in full: the results
// must be equal, so the first gene each move changes is right.
func TestLocalSearchCheckpoints(t *testing.T) {
	cases := testProblems(t)
	for seed := uint64(1); seed <= 20; seed++ {
		cases = append(cases, solvertest.Case{Name: "random", Problem: instance.RandomPlant(seed)})
	}
	if st := checkpointRuns(t, cases); st.evaluated < 5000 {
		t.Fatalf("only %d decodes", st.evaluated)
	}
}

// TestLocalSearchCheckpointsTightPlants is TestLocalSearchCheckpoints on
// random plants with deadlines on half of the jobs and operations that
// need one or two operators from four overlapping pools: strict pool
// preferences fail there (the decoder takes any pool) and normalized
// sequences decode worse (the rebase keeps the sequence as it was), and
// both paths must keep decodes from checkpoints exact.
func TestLocalSearchCheckpointsTightPlants(t *testing.T) {
	var cases []solvertest.Case
	for seed := uint64(1); seed <= 200; seed++ {
		p := instance.RandomPlant(seed)
		tighten(p, seed)
		if p.Validate() != nil {
			continue
		}
		cases = append(cases, solvertest.Case{Name: p.Name, Problem: p})
	}
	st := checkpointRuns(t, cases)
	t.Logf("%d plants, %d decodes, %d operations with any pool, %d kept sequences", len(cases), st.evaluated, st.anyPool, st.reverts)
	if st.anyPool == 0 || st.reverts == 0 {
		t.Fatalf("%d decodes, %d operations with any pool, %d kept sequences: a path is not exercised", st.evaluated, st.anyPool, st.reverts)
	}
}

// tighten gives half of p's jobs a deadline a few times their work and
// most operations operator needs from four pools sharing skills (p is a
// plantgen.Random plant: it has the calendars "day" and "3x8").
func tighten(p *model.Problem, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 77))
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Operations[0].Fixed != nil || r.IntN(2) == 0 {
			continue
		}
		var sum int64
		for _, op := range job.Operations {
			sum += op.Alternatives[0].ProcessingTime(job.Quantity) + 60
		}
		d := job.Release + sum*int64(2+r.IntN(6))
		job.Deadline = &d
	}
	p.OperatorPools = []model.OperatorPool{
		{ID: "welders", Skills: []string{"weld", "cut"}, Capacity: 2},
		{ID: "cutters", Skills: []string{"cut", "weld"}, Capacity: 1, Calendar: "day"},
		{ID: "night", Skills: []string{"weld"}, Capacity: 2, Calendar: "3x8"},
		{ID: "extra", Skills: []string{"weld", "cut"}, Capacity: 1},
	}
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			op := &p.Jobs[j].Operations[k]
			if op.Fixed != nil {
				continue
			}
			switch r.IntN(4) {
			case 0:
				op.Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
			case 1:
				op.Operators = []model.OperatorNeed{{Skill: "weld", Count: 2}}
			case 2:
				op.Operators = []model.OperatorNeed{{Skill: "cut", Count: 1}, {Skill: "weld", Count: 1}}
			default:
				op.Operators = nil
			}
		}
	}
}

type checkpointStats struct{ evaluated, anyPool, reverts int }

// checkpointRuns runs the local search with checkpoints every 1 to 3
// genes on the cases (both objectives, both decoders) and decodes every
// chromosome it evaluates from a checkpoint again in full: the schedules
// must be equal, and so must every schedule pass schedule.Check.
func checkpointRuns(t *testing.T, cases []solvertest.Case) checkpointStats {
	t.Helper()
	var st checkpointStats
	for ci, tc := range cases {
		c, err := engine.Compile(tc.Problem)
		if err != nil {
			t.Fatal(err)
		}
		for _, obj := range []model.Objective{model.Single(model.Makespan), model.Single(model.WeightedTardiness)} {
			pd := newProblemData(c, obj)
			if pd.genes < 4 {
				continue
			}
			for _, ins := range []bool{false, true} {
				is := newIsland(0, pd, Params{}.withDefaults(c.NumOps), uint64(ci+1), ins)
				is.stop = func() bool { return false }
				is.cpGenes = 1
				is.dec.every = 1 + ci%3
				is.verify = newDecoder(pd, ins)
				x := pd.newIndiv()
				for k := 0; k < 3; k++ {
					pd.randomize(x, is.rng, is.sc)
					if !is.eval(x) || x.bad > 0 {
						continue
					}
					is.localSearch(x, 300)
					if is.eval(x) && x.bad == 0 {
						if vs := schedule.Check(tc.Problem, is.dec.s.Schedule()); len(vs) > 0 {
							t.Fatalf("%s insertion=%v: %v", tc.Name, ins, vs[0])
						}
					}
				}
				if is.mismatches > 0 {
					t.Fatalf("%s insertion=%v: %d decodes from checkpoints differ from full decodes", tc.Name, ins, is.mismatches)
				}
				st.evaluated += int(is.work)
				st.anyPool += is.dec.anyPool
				st.reverts += is.reverts
			}
		}
	}
	return st
}

// TestFixedOperatorsIgnorePreferences: a fixed operation that needs
// operators gets the same pool whatever the preferences of the chromosome
// decoded before, so decoding a chromosome twice gives the same result.
func TestFixedOperatorsIgnorePreferences(t *testing.T) {
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M1"}, {ID: "M2"}},
		OperatorPools: []model.OperatorPool{{ID: "A", Skills: []string{"weld", "qc"}, Capacity: 1}, {ID: "B", Skills: []string{"paint", "qc"}, Capacity: 1}},
		Jobs: []model.Job{
			{ID: "inspect", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "qc", Count: 1}},
				Fixed: &model.Fixed{Machine: "M1", Start: 0, End: 10}}}},
			{ID: "weld", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "weld", Count: 1}}}}},
		},
	}
	c, err := engine.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	pd := newProblemData(c, model.Single(model.Makespan))
	d := newDecoder(pd, true)
	x, y := pd.newIndiv(), pd.newIndiv()
	pd.randomize(x, rand.New(rand.NewPCG(1, 1)), pd.newScratch())
	y.copyFrom(x)
	y.pool[0] = 1 // the fixed operation's pool: ignored
	_, v1 := d.decode(x)
	_, v2 := d.decode(y)
	_, v3 := d.decode(x)
	if v1 != v2 || v1 != v3 {
		t.Fatalf("makespans %v, %v, %v: the fixed operation's pool depends on preferences", v1, v2, v3)
	}
	if v1 != 20 {
		t.Fatalf("makespan %v, want 20 (the fixed inspection takes pool A, the welder waits)", v1)
	}
	if v := schedule.Check(p, d.s.Schedule()); len(v) > 0 {
		t.Fatal(v[0])
	}
}

// TestStrictPoolFallsBack: the second job prefers pool B, busy with the
// first job until 100, but must end by its deadline 50: rather than leave
// it unplaced, the decoder gives it pool A, free at 0. The third job, on
// the same machine, waits for its preferred B again.
func TestStrictPoolFallsBack(t *testing.T) {
	qc := []model.OperatorNeed{{Skill: "qc", Count: 1}}
	deadline := int64(50)
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M1"}, {ID: "M2"}},
		OperatorPools: []model.OperatorPool{{ID: "A", Skills: []string{"qc"}, Capacity: 1}, {ID: "B", Skills: []string{"qc"}, Capacity: 1}},
		Jobs: []model.Job{
			{ID: "long", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 100}}, Operators: qc}}},
			{ID: "urgent", Deadline: &deadline, Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}}, Operators: qc}}},
			{ID: "later", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}}, Operators: qc}}},
		},
	}
	c, err := engine.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	obj := model.Single(model.Makespan)
	pd := newProblemData(c, obj)
	d := newDecoder(pd, true)
	x := pd.newIndiv()
	copy(x.seq, []int32{0, 1, 2})
	copy(x.pool, []int32{1, 1, 1})
	if bad, _ := d.decode(x); bad != 0 {
		t.Fatalf("%d operations not placed", bad)
	}
	if vs := schedule.Check(p, d.s.Schedule()); len(vs) > 0 {
		t.Fatal(vs[0])
	}
	if got := d.s.Operators(1); d.s.Start(1) != 0 || len(got) != 1 || got[0] != 0 {
		t.Fatalf("urgent job starts at %d with pools %v, want 0 with pool A", d.s.Start(1), got)
	}
	if got := d.s.Operators(0); len(got) != 1 || got[0] != 1 {
		t.Fatalf("long job has pools %v, want its preferred B", got)
	}
	// The next operation waits for B again (A is free from 10).
	if got := d.s.Operators(2); d.s.Start(2) != 100 || len(got) != 1 || got[0] != 1 {
		t.Fatalf("later job starts at %d with pools %v, want 100 with its preferred B", d.s.Start(2), got)
	}
}
