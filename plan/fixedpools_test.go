package plan

import (
	"slices"
	"testing"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// twoRunningPoolsProblem: two operations run at the same time, one
// needing skill a (pools A and B have it), the other skill b (only A
// has it). The published schedule gives the first pool B, the second
// pool A: the only feasible assignment, which the lowest pool first
// (A for the first) misses.
func twoRunningPoolsProblem() (*model.Problem, *schedule.Schedule) {
	p := &model.Problem{
		Machines:      []model.Machine{{ID: "M1"}, {ID: "M2"}},
		OperatorPools: []model.OperatorPool{{ID: "A", Skills: []string{"a", "b"}, Capacity: 1}, {ID: "B", Skills: []string{"a"}, Capacity: 1}},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "a", Count: 1}}}}},
			{ID: "J2", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}}, Operators: []model.OperatorNeed{{Skill: "b", Count: 1}}}}},
		},
	}
	s := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, Start: 0, End: 10, Operators: []int{1}},
		{Job: 1, Op: 0, Machine: 1, Start: 0, End: 10, Operators: []int{0}},
	}}
	return p, s
}

// TestApplyKeepsRunningPools: replanning while both operations run keeps
// the pools the published schedule gave them, so the repair is feasible.
func TestApplyKeepsRunningPools(t *testing.T) {
	p, s := twoRunningPoolsProblem()
	if err := schedule.Verify(p, s); err != nil {
		t.Fatalf("published schedule: %v", err)
	}
	np, err := Apply(New(p, s, 0), &Events{Now: 5})
	if err != nil {
		t.Fatal(err)
	}
	for j, want := range [][]string{{"B"}, {"A"}} {
		f := np.Problem.Jobs[j].Operations[0].Fixed
		if f == nil {
			t.Fatalf("job %d: not fixed", j)
		}
		if !slices.Equal(f.Pools, want) {
			t.Errorf("job %d: fixed on pools %v, want %v", j, f.Pools, want)
		}
	}
	if p.Jobs[0].Operations[0].Fixed != nil {
		t.Errorf("Apply changed the old problem")
	}
	rs, err := Repair(np)
	if err != nil {
		t.Fatal(err)
	}
	if err := schedule.Verify(np.Problem, rs); err != nil {
		t.Fatalf("repaired schedule: %v", err)
	}
	for i, want := range [][]int{{1}, {0}} {
		if got := rs.Assignments[i].Operators; !slices.Equal(got, want) {
			t.Errorf("assignment %d: operators %v, want %v", i, got, want)
		}
	}
	// Applying again (nothing new) keeps them.
	np2, err := Apply(np, &Events{Now: 6})
	if err != nil {
		t.Fatal(err)
	}
	if got := np2.Problem.Jobs[0].Operations[0].Fixed.Pools; !slices.Equal(got, []string{"B"}) {
		t.Errorf("second apply: pools %v, want [B]", got)
	}
	// Done before now: history, its operators gone, no pools.
	np3, err := Apply(New(p, s, 0), &Events{Now: 12})
	if err != nil {
		t.Fatal(err)
	}
	if f := np3.Problem.Jobs[0].Operations[0].Fixed; f == nil || f.Pools != nil || np3.Problem.Jobs[0].Operations[0].Operators != nil {
		t.Errorf("history operation: fixed %+v, operators %v; want fixed without pools or operators", f, np3.Problem.Jobs[0].Operations[0].Operators)
	}
}

// TestApplyStartedElsewhereNoPools: an operation reported started at
// another time than the plan's does not take the plan's pools.
func TestApplyStartedElsewhereNoPools(t *testing.T) {
	p, s := twoRunningPoolsProblem()
	np, err := Apply(New(p, s, 0), &Events{Now: 5, Events: []Event{Started("J1", "0", "M1", 2)}})
	if err != nil {
		t.Fatal(err)
	}
	if f := np.Problem.Jobs[0].Operations[0].Fixed; f == nil || f.Start != 2 || f.Pools != nil {
		t.Errorf("J1: fixed %+v, want at 2 without pools", f)
	}
	if f := np.Problem.Jobs[1].Operations[0].Fixed; f == nil || !slices.Equal(f.Pools, []string{"A"}) {
		t.Errorf("J2: fixed %+v, want pools [A]", f)
	}
}
