package plan

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// randomEvents draws a breakdown starting at now on a random machine, a
// late receipt, a due date change and a rush order copied from a job.
func randomEvents(r *rand.Rand, p *model.Problem, s *schedule.Schedule) (*Events, int) {
	mk := schedule.Makespan(s)
	now := r.Int64N(max(mk/2, 1))
	m := r.IntN(len(p.Machines))
	evs := &Events{Now: now, Events: []Event{Breakdown(p.Machines[m].ID, now, now+1+r.Int64N(max(mk/4, 1)))}}
	for _, mat := range p.Materials {
		for _, rc := range mat.Receipts {
			if rc.At >= now && r.IntN(3) == 0 {
				evs.Events = append(evs.Events, ReceiptChanged(mat.ID, rc.At, rc.At+r.Int64N(200), nil))
			}
		}
	}
	j := r.IntN(len(p.Jobs))
	evs.Events = append(evs.Events, DueChanged(p.Jobs[j].ID, model.Tick(now+r.Int64N(max(mk, 1)))))
	if r.IntN(2) == 0 {
		rush := p.Jobs[r.IntN(len(p.Jobs))].Clone()
		rush.ID = "rush"
		rush.Deadline = nil
		ok := true
		for k := range rush.Operations {
			rush.Operations[k].Fixed = nil
			rush.Operations[k].Consumes = nil
			rush.Operations[k].Produces = nil
			for _, l := range rush.Operations[k].After {
				ok = ok && l.Job == ""
			}
		}
		if ok {
			evs.Events = append(evs.Events, OrderAdded(rush))
		}
	}
	return evs, m
}

// dispatchedPlant is a random plant (every third seed a generated
// 15-order, 6-machine plant) and its dispatch schedule.
func dispatchedPlant(seed uint64) (*model.Problem, *schedule.Schedule, error) {
	var p *model.Problem
	if seed%3 == 0 {
		p = instance.GeneratePlant(instance.PlantConfig{Seed: seed, Orders: 15, Machines: 6})
	} else {
		p = instance.RandomPlant(seed)
	}
	s, err := dispatch.Build(context.Background(), p, dispatch.Config{})
	return p, s, err
}

// TestRepairRandomPlants replans random plants after random events:
// every repaired schedule passes schedule.Check against the new problem,
// history and running work (off the broken machine) keep their places,
// nothing runs on the broken machine inside its breakdown, and the same
// events give the same plan.
func TestRepairRandomPlants(t *testing.T) {
	solved, repaired := 0, 0
	for seed := uint64(1); seed <= 60; seed++ {
		p, s, err := dispatchedPlant(seed)
		if err != nil {
			continue
		}
		solved++
		r := rand.New(rand.NewPCG(seed, 7))
		evs, broken := randomEvents(r, p, s)
		name := fmt.Sprintf("seed %d", seed)
		pl := New(p, s, 0)
		np, err := Replan(pl, evs)
		if err != nil {
			var re *RepairError
			if errors.As(err, &re) && re.Reason == "deadline" {
				continue // the events make a deadline impossible
			}
			t.Errorf("%s: %v", name, err)
			continue
		}
		repaired++
		if err := schedule.Verify(np.Problem, np.Schedule); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		newAt := map[[2]int]schedule.Assignment{}
		for _, a := range np.Schedule.Assignments {
			if a.Job < len(p.Jobs) {
				newAt[[2]int{a.Job, a.Op}] = a
			}
			if a.Machine == broken {
				bd := evs.Events[0]
				if a.SetupStart < bd.End && bd.Start < a.End {
					t.Errorf("%s: job %d op %d runs on the broken machine [%d,%d) inside its breakdown [%d,%d)", name, a.Job, a.Op, a.SetupStart, a.End, bd.Start, bd.End)
				}
			}
		}
		for _, a := range s.Assignments {
			b := newAt[[2]int{a.Job, a.Op}]
			history := a.End <= evs.Now
			running := a.SetupStart < evs.Now && evs.Now < a.End && a.Machine != broken
			if (history || running) && (a.Start != b.Start || a.End != b.End || a.Machine != b.Machine) {
				t.Errorf("%s: job %d op %d [%d,%d) on %d moved to [%d,%d) on %d (now %d)", name, a.Job, a.Op, a.Start, a.End, a.Machine, b.Start, b.End, b.Machine, evs.Now)
			}
		}
		again, err := Replan(New(p, s, 0), evs)
		if err != nil || !reflect.DeepEqual(again, np) {
			t.Errorf("%s: replanning again gave another plan (%v)", name, err)
		}
	}
	t.Logf("%d plants solved, %d repaired", solved, repaired)
	if solved < 20 || repaired < solved*3/4 {
		t.Errorf("only %d plants solved, %d repaired", solved, repaired)
	}
}
