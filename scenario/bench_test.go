package scenario

import (
	"context"
	"testing"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/ga"
	"github.com/ordo-sched/ordo/solver"
)

// BenchmarkSuggestExamplePlant measures Suggest on the example plant: the
// base plan, its explanation and every candidate change re-planned, two at
// a time (the target is the top five in under 30 s on 2 cores).
func BenchmarkSuggestExamplePlant(b *testing.B) {
	for _, bc := range []struct {
		name string
		cfg  Config
	}{
		{"dispatch-best", Config{Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, Parallel: 2}},
		{"ga-work5000", Config{Solver: ga.New(ga.Params{}), Options: solver.Options{Seed: 1, WorkLimit: 5000}, Parallel: 2}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				s, err := Suggest(context.Background(), examples.PlantJSON, bc.cfg, SuggestOptions{})
				if err != nil {
					b.Fatal(err)
				}
				n = len(s.Suggestions)
			}
			b.ReportMetric(float64(n), "candidates")
		})
	}
}
