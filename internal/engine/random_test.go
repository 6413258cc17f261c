package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// randomProblem builds a small problem using every model feature, from a
// seed. Calendars are in minutes from Monday 2025-01-06 00:00 Paris time.
func randomProblem(seed uint64) *model.Problem {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	loc, _ := time.LoadLocation("Europe/Paris")
	p := &model.Problem{
		Name:       fmt.Sprintf("random-%d", seed),
		Epoch:      time.Date(2025, 1, 6, 0, 0, 0, 0, loc),
		Resolution: time.Minute,
	}
	wk := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p.Calendars = []model.Calendar{
		{ID: "2x8", TimeZone: "Europe/Paris", Shifts: []model.Shift{{Days: wk, Start: 6 * 60, End: 14 * 60}, {Days: wk, Start: 14 * 60, End: 22 * 60}},
			Exceptions: []model.Exception{{Start: 2*1440 + 10*60, End: 3 * 1440, Reason: "holiday"}}},
		{ID: "day", TimeZone: "Europe/Paris", Shifts: []model.Shift{{Days: append(wk, time.Saturday), Start: 8 * 60, End: 12 * 60}, {Days: wk, Start: 12*60 + 30, End: 17 * 60}}},
		{ID: "3x8", TimeZone: "Europe/Paris", Shifts: []model.Shift{{Days: wk, Start: 6 * 60, End: 14 * 60}, {Days: wk, Start: 14 * 60, End: 22 * 60}, {Days: wk, Start: 22 * 60, End: 6 * 60}}},
	}
	fams := []string{"", "red", "blue", "green"}
	p.SetupMatrices = []model.SetupMatrix{
		{ID: "sm1", Default: int64(10 + r.IntN(50)), Initial: int64(r.IntN(20)), Entries: []model.SetupEntry{{From: "red", To: "blue", Time: 5}, {From: "blue", To: "red", Time: 90}}},
		{ID: "sm2", Default: 30},
	}
	nm := 2 + r.IntN(3)
	for m := 0; m < nm; m++ {
		mc := model.Machine{ID: fmt.Sprintf("M%d", m)}
		switch r.IntN(5) {
		case 0, 1:
			mc.Calendar = p.Calendars[r.IntN(len(p.Calendars))].ID
		case 2:
			mc.Downtime = []model.Window{{Start: int64(r.IntN(3000)), End: int64(3000 + r.IntN(2000)), Reason: "maintenance"}}
		}
		if r.IntN(2) == 0 {
			mc.SetupMatrix = p.SetupMatrices[r.IntN(2)].ID
		}
		p.Machines = append(p.Machines, mc)
	}
	p.Materials = []model.Material{
		{ID: "steel", Initial: float64(r.IntN(5)), Receipts: []model.Receipt{{At: int64(r.IntN(3000)), Quantity: 20}, {At: int64(r.IntN(6000)), Quantity: 30}}},
		{ID: "sub", Initial: 0},
	}
	p.OperatorPools = []model.OperatorPool{
		{ID: "welders", Skills: []string{"weld", "cut"}, Capacity: 1 + r.IntN(2)},
		{ID: "cutters", Skills: []string{"cut"}, Capacity: 1, Calendar: "day"},
		{ID: "night", Skills: []string{"weld"}, Capacity: 1, Calendar: "3x8"},
	}
	if r.IntN(3) == 0 {
		p.OperatorPools = p.OperatorPools[:1]
	}
	nj := 2 + r.IntN(4)
	subProduced := 0.0
	for j := 0; j < nj; j++ {
		job := model.Job{ID: fmt.Sprintf("J%d", j), Quantity: float64(1 + r.IntN(10)), Weight: float64(1 + r.IntN(3))}
		if r.IntN(3) == 0 {
			job.Release = int64(r.IntN(2000))
		}
		if r.IntN(2) == 0 {
			job.Due = model.Tick(int64(1000 + r.IntN(5000)))
		}
		if r.IntN(6) == 0 {
			job.Deadline = model.Tick(int64(200000))
		}
		if r.IntN(4) == 0 {
			job.Routing = model.DAG
		}
		no := 1 + r.IntN(4)
		for k := 0; k < no; k++ {
			op := model.Operation{SetupFamily: fams[r.IntN(len(fams))], Resumable: r.IntN(3) == 0}
			na := 1 + r.IntN(2)
			perm := r.Perm(nm)
			for a := 0; a < na && a < nm; a++ {
				alt := model.Alternative{Machine: p.Machines[perm[a]].ID, Duration: int64(r.IntN(200))}
				if r.IntN(3) == 0 {
					alt.RunPerUnit = float64(r.IntN(4)) + 0.5
					alt.Setup = int64(r.IntN(10))
				}
				op.Alternatives = append(op.Alternatives, alt)
			}
			if r.IntN(4) == 0 {
				op.MinLag = int64(r.IntN(100))
			}
			if job.Routing == model.DAG && k > 0 && r.IntN(2) == 0 {
				op.After = append(op.After, model.Link{Op: fmt.Sprint(r.IntN(k)), MinLag: int64(r.IntN(30))})
			}
			if j > 0 && r.IntN(6) == 0 {
				pj := r.IntN(j)
				op.After = append(op.After, model.Link{Job: p.Jobs[pj].ID, Op: fmt.Sprint(len(p.Jobs[pj].Operations) - 1)})
			}
			if r.IntN(3) == 0 {
				op.Consumes = append(op.Consumes, model.MaterialQty{Material: "steel", Quantity: float64(1 + r.IntN(4))})
			}
			if r.IntN(5) == 0 {
				op.Produces = append(op.Produces, model.MaterialQty{Material: "sub", Quantity: 2})
				subProduced += 2
			} else if subProduced >= 1 && r.IntN(4) == 0 {
				op.Consumes = append(op.Consumes, model.MaterialQty{Material: "sub", Quantity: 1})
				subProduced--
			}
			switch r.IntN(4) {
			case 0:
				op.Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
			case 1:
				op.Operators = []model.OperatorNeed{{Skill: "cut", Count: 1}}
			}
			job.Operations = append(job.Operations, op)
		}
		p.Jobs = append(p.Jobs, job)
	}
	// One fixed operation: the first of the last job, a plain one.
	if r.IntN(3) == 0 {
		j := &p.Jobs[len(p.Jobs)-1]
		op := &j.Operations[0]
		op.After, op.Consumes, op.Produces, op.Operators = nil, nil, nil, nil
		if op.Produces == nil && len(op.Consumes) == 0 {
			st := int64(r.IntN(4000))
			d := op.Alternatives[0].ProcessingTime(j.Quantity)
			op.Fixed = &model.Fixed{Machine: op.Alternatives[0].Machine, SetupStart: st - 5, Start: st, End: st + d}
			j.Release = 0
			j.Deadline = nil
		}
	}
	return p
}

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
		p := randomProblem(seed)
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
		p := randomProblem(pseed)
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
