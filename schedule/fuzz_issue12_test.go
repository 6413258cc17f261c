package schedule

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

// FuzzCheckOracle holds Check against the tick-by-tick oracle of
// check_property_test.go on the random plant, greedy plan and corruptions
// the fuzzer's seeds choose: the verdicts must agree.
func FuzzCheckOracle(f *testing.F) {
	f.Add(uint64(12), uint64(2026), uint8(1))
	f.Add(uint64(1), uint64(2), uint8(0))
	f.Add(uint64(99), uint64(7), uint8(3))
	f.Fuzz(func(t *testing.T, a, b uint64, corruptions uint8) {
		rng := rand.New(rand.NewPCG(a, b))
		p := randomPlant(rng)
		if p.Validate() != nil {
			return
		}
		o := newOracle(p)
		s := greedyPlan(rng, p, o)
		what := "greedy plan"
		for range corruptions % 5 {
			what += ", " + corrupt(rng, p, s, o)
		}
		why := o.feasible(s)
		vs := Check(p, s)
		if why == "" && len(vs) > 0 {
			t.Fatalf("%s: the oracle finds the plan feasible but Check rejects it:\n%s\nplan %+v", what, list(vs), s.Assignments)
		}
		if why != "" && len(vs) == 0 {
			t.Fatalf("%s: the oracle finds the plan infeasible (%s) but Check accepts it\nplan %+v", what, why, s.Assignments)
		}
	})
}

// FuzzCheckDecoded decodes a problem and a result (both JSON, both
// fuzzed) and checks the result against the problem: nothing may panic,
// and a plan Check accepts places every operation exactly once, with
// start <= end, on a machine of its alternatives.
func FuzzCheckDecoded(f *testing.F) {
	dir := "../testdata/adversarial"
	pairs := [][2]string{
		{"problems/weekend-only.json", "results/weekend-only-monday.json"},
		{"problems/weekend-machine.json", "results/weekend-saturday-ok.json"},
		{"problems/weekend-pool.json", "results/weekend-pool-monday-only.json"},
		{"problems/weekend-machine.json", "results/before-tick-zero.json"},
	}
	for _, pr := range pairs {
		pd, err1 := os.ReadFile(filepath.Join(dir, pr[0]))
		rd, err2 := os.ReadFile(filepath.Join(dir, pr[1]))
		if err1 == nil && err2 == nil {
			f.Add(pd, rd)
		}
	}
	f.Add([]byte(`{"machines":[{"id":"0"}],"jobs":[{"id":"0","operations":[{"machine":"0","duration":3}]}]}`),
		[]byte(`{"assignments":[{"job":"0","op":0,"machine":"0","start":0,"end":3}]}`))
	f.Fuzz(func(t *testing.T, problem, result []byte) {
		p, err := model.Decode(problem)
		if err != nil {
			return
		}
		d, err := ParseDocument(result)
		if err != nil {
			return
		}
		s, err := d.Schedule(p)
		if err != nil {
			return
		}
		vs := Check(p, s)
		if len(vs) > 0 {
			return
		}
		seen := map[[2]int]bool{}
		for _, a := range s.Assignments {
			k := [2]int{a.Job, a.Op}
			if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) || seen[k] {
				t.Fatalf("accepted plan with a bad or duplicate assignment %+v", a)
			}
			seen[k] = true
			if a.SetupStart > a.Start || a.Start > a.End {
				t.Fatalf("accepted plan with malformed times %+v", a)
			}
			op := &p.Jobs[a.Job].Operations[a.Op]
			if op.Fixed == nil {
				ok := false
				for _, alt := range op.Alternatives {
					ok = ok || alt.Machine == p.Machines[a.Machine].ID
				}
				if !ok {
					t.Fatalf("accepted plan with %+v on a machine not among the alternatives", a)
				}
				if a.SetupStart < 0 || a.SetupStart < p.Jobs[a.Job].Release {
					t.Fatalf("accepted plan with %+v before the release or tick 0", a)
				}
			}
		}
		n := 0
		for _, j := range p.Jobs {
			n += len(j.Operations)
		}
		if len(seen) != n {
			t.Fatalf("accepted plan with %d of %d operations", len(seen), n)
		}
	})
}
