package plan

import (
	"context"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// TestInsertLeavesPlanAlone: Insert (Apply's copy-on-write of the jobs it
// fixes, ValidateAdded, Repair) leaves the old plan's problem as it was,
// gives the same quote twice, and a broken order gets the located issues
// of model.Validate.
func TestInsertLeavesPlanAlone(t *testing.T) {
	tried := 0
	for seed := uint64(1); seed <= 12; seed++ {
		p := instance.GeneratePlant(instance.PlantConfig{Seed: seed, Orders: 10, Machines: 5})
		s, err := dispatch.Build(context.Background(), p, dispatch.Config{})
		if err != nil {
			t.Logf("seed %d: %v", seed, err)
			continue
		}
		mk := schedule.Makespan(s)
		now := mk / 3
		pl := New(p, s, now)
		before := p.Clone()
		job := rushOrder(p, int(seed)%len(p.Jobs), now, now+mk/3)
		q1, err := Insert(pl, job)
		if err != nil {
			t.Errorf("seed %d: %v", seed, err)
			continue
		}
		tried++
		if err := schedule.Verify(q1.Plan.Problem, q1.Plan.Schedule); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
		if !reflect.DeepEqual(before, p) {
			t.Errorf("seed %d: Insert changed the plan's problem", seed)
		}
		q2, err := Insert(pl, job)
		if err != nil || q2.Completion != q1.Completion || !reflect.DeepEqual(q1.Plan.Schedule, q2.Plan.Schedule) {
			t.Errorf("seed %d: a second Insert differs (%v)", seed, err)
		}
		// A broken order: the issues Validate finds in the problem with
		// it, located in the event.
		bad := job.Clone()
		bad.Operations[0].Alternatives[0].Machine = "nowhere"
		bad.Weight = -2
		_, err = Insert(pl, bad)
		is, ok := err.(interface{ Unwrap() error })
		if !ok {
			t.Fatalf("seed %d: error %v does not wrap the issues", seed, err)
		}
		full := q1.Plan.Problem.Clone()
		full.Jobs[len(full.Jobs)-1] = bad
		want := full.Validate()
		got, _ := is.Unwrap().(model.Issues)
		if len(want) == 0 || len(got) != len(want) {
			t.Fatalf("seed %d: got issues %v, Validate finds %v", seed, got, want)
		}
		for i := range want {
			if got[i].Message != want[i].Message {
				t.Errorf("seed %d: issue %d: got %v, want %v", seed, i, got[i], want[i])
			}
		}
	}
	if tried < 6 {
		t.Fatalf("only %d plants tried", tried)
	}
}
