package dispatch

import (
	"context"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

// TestReuseIsExact: reusing evaluations whose resources did not change
// gives exactly the schedules of re-evaluating everything.
func TestReuseIsExact(t *testing.T) {
	probs := []*model.Problem{instance.GeneratePlant(instance.PlantConfig{Seed: 4, Orders: 40, OpsPerOrder: 6, Machines: 9})}
	for seed := uint64(1); seed <= 40; seed++ {
		probs = append(probs, instance.RandomPlant(seed))
	}
	for _, p := range probs {
		a, err := NewBuilder(p)
		if err != nil {
			t.Fatal(err)
		}
		b := a.Clone()
		b.noReuse = true
		for _, r := range Rules() {
			for _, sc := range []Config{{Scheme: NonDelay}, {Scheme: Active}, {Scheme: Active, Insertion: true}, {Scheme: Serial, Insertion: true}} {
				sc.Rule = r.Rule
				ea := a.Run(context.Background(), sc)
				eb := b.Run(context.Background(), sc)
				if (ea == nil) != (eb == nil) {
					t.Fatalf("%s %s %v: errors %v / %v", p.Name, r.Name, sc.Scheme, ea, eb)
				}
				if ea != nil {
					continue
				}
				if !reflect.DeepEqual(a.Schedule(), b.Schedule()) {
					t.Fatalf("%s %s %v insertion %v: schedules differ", p.Name, r.Name, sc.Scheme, sc.Insertion)
				}
				if a.Work() > b.Work() {
					t.Fatalf("reuse does more work")
				}
			}
		}
	}
}
