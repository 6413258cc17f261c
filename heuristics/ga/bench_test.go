package ga

import (
	"math/rand/v2"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
)

// benchDecode measures decodes of random chromosomes of p (the
// chromosomes are built before the timer starts; a decode allocates
// nothing).
func benchDecode(b *testing.B, p *model.Problem, obj model.Objective, insertion bool) {
	c, err := engine.Compile(p)
	if err != nil {
		b.Fatal(err)
	}
	pd := newProblemData(c, obj)
	d := newDecoder(pd, insertion)
	rng := rand.New(rand.NewPCG(1, 1))
	xs := make([]*indiv, 8)
	for i := range xs {
		xs[i] = pd.newIndiv()
		pd.randomize(xs[i], rng, pd.newScratch())
		if bad, _ := d.decode(xs[i]); bad != 0 {
			b.Fatalf("%d operations not placed", bad)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x := xs[i%len(xs)]
		d.decode(x)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decodes/s")
}

func BenchmarkDecodeTa41(b *testing.B) {
	p, err := instance.TaillardInstance("ta41")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("append", func(b *testing.B) { benchDecode(b, p, model.Single(model.Makespan), false) })
	b.Run("insertion", func(b *testing.B) { benchDecode(b, p, model.Single(model.Makespan), true) })
}

// plant20k is the 20,000-operation generated plant: 2,000 orders of 10
// operations on 50 machines.
func plant20k() *model.Problem {
	return instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 2000, OpsPerOrder: 10, Machines: 50})
}

func BenchmarkDecodePlant20k(b *testing.B) {
	p := plant20k()
	b.Run("append", func(b *testing.B) { benchDecode(b, p, model.Single(model.WeightedTardiness), false) })
	b.Run("insertion", func(b *testing.B) { benchDecode(b, p, model.Single(model.WeightedTardiness), true) })
}

// BenchmarkDecodeFromPlant20k measures the local search's evaluation of a
// move on the 20,000-operation plant: two genes swapped at a uniformly
// random position, decoded from the last checkpoint before it (insertion
// mode).
func BenchmarkDecodeFromPlant20k(b *testing.B) {
	p := plant20k()
	c, err := engine.Compile(p)
	if err != nil {
		b.Fatal(err)
	}
	pd := newProblemData(c, model.Single(model.WeightedTardiness))
	d := newDecoder(pd, true)
	rng := rand.New(rand.NewPCG(1, 1))
	base, x := pd.newIndiv(), pd.newIndiv()
	pd.randomize(base, rng, pd.newScratch())
	if bad, _ := d.record(base); bad != 0 {
		b.Fatalf("%d operations not placed", bad)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		x.copyFrom(base)
		g := rng.IntN(pd.genes - 1)
		x.seq[g], x.seq[g+1] = x.seq[g+1], x.seq[g]
		d.decodeFrom(x, g)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decodes/s")
}
