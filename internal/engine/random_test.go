package engine

import (
	"math/rand/v2"
	"testing"

	"github.com/ordo-sched/ordo/internal/plantgen"
	"github.com/ordo-sched/ordo/schedule"
)

// randomBuild places the operations in a random order, each on a random
// alternative at its earliest start.
func randomBuild(t *testing.T, s *State, r *rand.Rand) (placed bool, why Failure) {
	c := s.c
	var avail []int
	for !s.Done() {
		avail = avail[:0]
		for o := 0; o < c.NumOps; o++ {
			if !s.Placed(o) && s.Pending(o) == 0 {
				avail = append(avail, o)
			}
		}
		r.Shuffle(len(avail), func(a, b int) { avail[a], avail[b] = avail[b], avail[a] })
		done := false
		for _, o := range avail {
			na := int(c.AltFirst[o+1] - c.AltFirst[o])
			a := r.IntN(na)
			pl, ok := s.EarliestStart(o, a, int64(r.IntN(50)))
			if !ok {
				why = s.Failure()
				if why.Reason == Material {
					continue
				}
				return false, why
			}
			if pl.Alt != int32(a) || pl.Start < s.Ready(o) || pl.SetupStart > pl.Start || pl.End < pl.Start {
				t.Fatalf("bad placement %+v of op %d", pl, o)
			}
			s.Commit(o, pl)
			done = true
			break
		}
		if !done {
			return false, why
		}
	}
	return true, Failure{}
}

func TestRandomProblemsAllFeatures(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 100
	}
	built := 0
	for seed := uint64(1); seed <= uint64(n); seed++ {
		p := plantgen.Random(seed)
		c, err := Compile(p)
		if err != nil {
			t.Fatalf("seed %d: compile: %v", seed, err)
		}
		s := c.NewState()
		r := rand.New(rand.NewPCG(seed, 7))
		for round := 0; round < 3; round++ {
			s.SetInsertion(round%2 == 1)
			s.Reset()
			ok, why := randomBuild(t, s, r)
			if !ok {
				if why.Reason == Material || why.Reason == Deadline {
					continue
				}
				t.Fatalf("seed %d round %d: no placement: %v", seed, round, why.Reason)
			}
			built++
			sch := s.Schedule()
			if vs := schedule.Check(p, sch); len(vs) > 0 {
				for i, v := range vs {
					if i < 10 {
						t.Errorf("seed %d round %d (insertion %v): %v", seed, round, s.Insertion(), v)
					}
				}
				t.FailNow()
			}
			if got, want := s.Makespan(), schedule.Makespan(sch); got != want {
				t.Fatalf("seed %d: Makespan %d, schedule says %d", seed, got, want)
			}
		}
	}
	if built < n {
		t.Fatalf("only %d schedules built out of %d", built, 3*n)
	}
	t.Logf("%d schedules built and checked", built)
}

func FuzzEngine(f *testing.F) {
	for s := uint64(0); s < 8; s++ {
		f.Add(s, s*31+1)
	}
	f.Fuzz(func(t *testing.T, pseed, bseed uint64) {
		p := plantgen.Random(pseed)
		c, err := Compile(p)
		if err != nil {
			t.Fatalf("compile: %v", err)
		}
		s := c.NewState()
		s.SetInsertion(bseed%2 == 1)
		ok, _ := randomBuild(t, s, rand.New(rand.NewPCG(bseed, 1)))
		if !ok {
			return
		}
		if vs := schedule.Check(p, s.Schedule()); len(vs) > 0 {
			t.Fatalf("%d violations, first: %v", len(vs), vs[0])
		}
	})
}
