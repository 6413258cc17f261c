package explain

import (
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

// The test plants come from the plant generator; this file is the only one
// that names its package (moving to instance: instance.RandomPlant and
// instance.GeneratePlant(instance.PlantConfig{...})).

// randomPlant returns the generator's small random problem using every feature.
func randomPlant(seed uint64) *model.Problem { return instance.RandomPlant(seed) }

// generatePlant returns a generated plant.
func generatePlant(seed uint64, orders, machines, opsPerOrder int, releaseWindow float64) *model.Problem {
	return instance.GeneratePlant(instance.PlantConfig{Seed: seed, Orders: orders, Machines: machines, OpsPerOrder: opsPerOrder, ReleaseWindow: releaseWindow})
}
