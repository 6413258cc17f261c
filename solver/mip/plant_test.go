package mip

import (
	"math/rand/v2"
	"strconv"

	"github.com/ordo-sched/ordo/model"
)

// smallPlant returns a deterministic plant: n orders with 1 to 3 operations
// on m machines (some with two alternative machines when flexible),
// release dates, due dates and weights; objective weighted tardiness.
func smallPlant(seed uint64, n, m int, flexible bool) *model.Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := &model.Problem{Name: "plant" + strconv.FormatUint(seed, 10), Objective: model.Single(model.WeightedTardiness)}
	for i := 0; i < m; i++ {
		p.Machines = append(p.Machines, model.Machine{ID: "M" + strconv.Itoa(i)})
	}
	for j := 0; j < n; j++ {
		job := model.Job{ID: "order" + strconv.Itoa(j), Release: int64(rng.IntN(30)), Weight: float64(1 + rng.IntN(3))}
		k := 1 + rng.IntN(3)
		perm := rng.Perm(m)
		var work int64
		for o := 0; o < k; o++ {
			d := int64(3 + rng.IntN(12))
			work += d
			op := model.Operation{Alternatives: []model.Alternative{{Machine: "M" + strconv.Itoa(perm[o]), Duration: d}}}
			if flexible && rng.IntN(2) == 0 {
				alt := perm[(o+k)%m]
				if alt != perm[o] {
					op.Alternatives = append(op.Alternatives, model.Alternative{Machine: "M" + strconv.Itoa(alt), Duration: d + int64(rng.IntN(4))})
				}
			}
			job.Operations = append(job.Operations, op)
		}
		job.Due = model.Tick(job.Release + work + int64(rng.IntN(25)))
		p.Jobs = append(p.Jobs, job)
	}
	return p
}
