package instance_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

func TestGeneratePlantValidAndSchedulable(t *testing.T) {
	cases := []instance.PlantConfig{
		{},
		{Seed: 7, Orders: 60, OpsPerOrder: 8, Machines: 23, Families: 6},
		{Seed: 3, Orders: 10, Materials: -1, Operators: -1, Fixed: -1},
		{Seed: 11, Orders: 200, OpsPerOrder: 10, Machines: 50},
	}
	for _, cfg := range cases {
		p := instance.GeneratePlant(cfg)
		t.Run(p.Name, func(t *testing.T) {
			if iss := p.Validate(); iss != nil {
				t.Fatalf("invalid: %v", iss)
			}
			f := p.Features()
			want := model.FeatCalendars | model.FeatSetups | model.FeatDueDates | model.FeatReleaseDates
			if !f.Has(want) {
				t.Errorf("features %v lack %v", f, want)
			}
			for _, sc := range []dispatch.Config{
				{Scheme: dispatch.NonDelay},
				{Scheme: dispatch.Active, Insertion: true},
				{Scheme: dispatch.Serial, Insertion: true, Rule: dispatch.EDD},
			} {
				s, err := dispatch.Build(context.Background(), p, sc)
				if err != nil {
					t.Fatalf("%v: %v", sc.Scheme, err)
				}
				if vs := schedule.Check(p, s); len(vs) > 0 {
					t.Fatalf("%v: %d violations, first %v", sc.Scheme, len(vs), vs[0])
				}
			}
		})
	}
}

func TestGeneratePlantDeterministic(t *testing.T) {
	a := instance.GeneratePlant(instance.PlantConfig{Seed: 5, Orders: 30})
	b := instance.GeneratePlant(instance.PlantConfig{Seed: 5, Orders: 30})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same config, different plants")
	}
	c := instance.GeneratePlant(instance.PlantConfig{Seed: 6, Orders: 30})
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds, same plant")
	}
	if n := a.NumOperations(); n != 30*5 {
		t.Fatalf("%d operations", n)
	}
}
