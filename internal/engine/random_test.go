package engine

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/instance"
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
		p := instance.RandomPlant(seed)
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
		p := instance.RandomPlant(pseed)
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

// TestCopyFromContinuesIdentically checks checkpoints: a state copied
// part way through a build (into a state that held another schedule)
// goes on exactly as the original.
func TestCopyFromContinuesIdentically(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 40
	}
	compared := 0
	for seed := uint64(1); seed <= uint64(n); seed++ {
		p := instance.RandomPlant(seed)
		c, err := Compile(p)
		if err != nil {
			t.Fatalf("seed %d: compile: %v", seed, err)
		}
		orig, cp := c.NewState(), c.NewState()
		ins := seed%2 == 0
		orig.SetInsertion(ins)
		cp.SetInsertion(!ins)
		// Dirty the copy's buffers with a schedule of its own.
		randomBuild(t, cp, rand.New(rand.NewPCG(seed, 99)))
		pcg := rand.NewPCG(seed, 3)
		r := rand.New(pcg)
		// Place about half of the operations.
		var avail []int
		for orig.NumPlaced() < c.NumOps/2 {
			avail = avail[:0]
			for o := 0; o < c.NumOps; o++ {
				if !orig.Placed(o) && orig.Pending(o) == 0 {
					if _, ok := orig.EarliestStart(o, 0, 0); ok {
						avail = append(avail, o)
					}
				}
			}
			if len(avail) == 0 {
				break
			}
			o := avail[r.IntN(len(avail))]
			pl, _ := orig.EarliestStart(o, 0, 0)
			orig.Commit(o, pl)
		}
		cp.CopyFrom(orig)
		if cp.Insertion() != orig.Insertion() || cp.NumPlaced() != orig.NumPlaced() {
			t.Fatalf("seed %d: copy has mode %v and %d placed, want %v and %d", seed, cp.Insertion(), cp.NumPlaced(), orig.Insertion(), orig.NumPlaced())
		}
		pcg2 := *pcg
		ok1, _ := randomBuild(t, orig, r)
		ok2, _ := randomBuild(t, cp, rand.New(&pcg2))
		if ok1 != ok2 {
			t.Fatalf("seed %d: original built %v, copy %v", seed, ok1, ok2)
		}
		if !ok1 {
			continue
		}
		a, b := orig.Schedule(), cp.Schedule()
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d: the copy built a different schedule", seed)
		}
		if vs := schedule.Check(p, b); len(vs) > 0 {
			t.Fatalf("seed %d: %v", seed, vs[0])
		}
		compared++
	}
	if compared < n/2 {
		t.Fatalf("only %d of %d builds compared", compared, n)
	}
}
