package engine

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// fixedPoolsProblem: two fixed operations at the same time, one needing
// skill a (pools A and B have it), the other skill b (only A has it).
func fixedPoolsProblem(pools1, pools2 []string) *model.Problem {
	return &model.Problem{
		Machines:      []model.Machine{{ID: "M1"}, {ID: "M2"}},
		OperatorPools: []model.OperatorPool{{ID: "A", Skills: []string{"a", "b"}, Capacity: 1}, {ID: "B", Skills: []string{"a"}, Capacity: 1}},
		Jobs: []model.Job{
			{ID: "J1", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 10}},
				Operators: []model.OperatorNeed{{Skill: "a", Count: 1}}, Fixed: &model.Fixed{Machine: "M1", Start: 0, End: 10, Pools: pools1}}}},
			{ID: "J2", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M2", Duration: 10}},
				Operators: []model.OperatorNeed{{Skill: "b", Count: 1}}, Fixed: &model.Fixed{Machine: "M2", Start: 0, End: 10, Pools: pools2}}}},
		},
	}
}

// TestFixedPools: fixed operations given their pools are committed on
// exactly those (the feasible assignment); a reset state gives them again.
func TestFixedPools(t *testing.T) {
	p := fixedPoolsProblem([]string{"B"}, []string{"A"})
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := c.NewState()
	for range 2 {
		s.Reset()
		sc := s.Schedule()
		if err := schedule.Verify(p, sc); err != nil {
			t.Fatalf("fixed on their pools: %v", err)
		}
		if got := s.OperatorTable(); !slices.Equal(got, []int32{1, 0}) {
			t.Fatalf("operators %v, want [1 0]", got)
		}
		// A preference never moves a fixed operation off its pools.
		s.SetOperatorPreference([]int32{0, 0})
		s.SetStrictOperatorPreference(true)
	}
	// Given on one operation only: that one is committed first, the other
	// chooses by skill among the operators left.
	p = fixedPoolsProblem(nil, []string{"A"})
	if c, err = Compile(p); err != nil {
		t.Fatal(err)
	}
	s = c.NewState()
	s.Reset()
	if err := schedule.Verify(p, s.Schedule()); err != nil {
		t.Fatalf("one fixed on its pool: %v", err)
	}
	if got := s.OperatorTable(); !slices.Equal(got, []int32{1, 0}) {
		t.Fatalf("operators %v, want [1 0]", got)
	}
}

func TestFixedPoolsCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		pools []string
		path  string
		msg   string
	}{
		{"count", []string{"A", "A"}, "jobs[1].operations[0].fixed.pools", "needs 1 operator"},
		{"unknown", []string{"C"}, "jobs[1].operations[0].fixed.pools[0]", `unknown operator pool "C"`},
		{"skill", []string{"B"}, "jobs[1].operations[0].fixed.pools[0]", `lacks the skill "b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(fixedPoolsProblem(nil, tt.pools))
			var ce *CompileError
			if !errors.As(err, &ce) || ce.Path != tt.path || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want %s: %s", err, tt.path, tt.msg)
			}
		})
	}
}
