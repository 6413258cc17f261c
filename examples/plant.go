package examples

import (
	_ "embed"
	"fmt"

	"github.com/ordo-sched/ordo/model"
)

// PlantJSON is the example plant in the JSON problem format (the file
// examples/plant.json).
//
//go:embed plant.json
var PlantJSON []byte

// Plant decodes and validates the example plant. Each call returns a new
// problem that the caller may modify.
func Plant() (*model.Problem, error) {
	p, err := model.Decode(PlantJSON)
	if err != nil {
		return nil, fmt.Errorf("example plant: %w", err)
	}
	if issues := p.Validate(); issues != nil {
		return nil, fmt.Errorf("example plant: %w", issues)
	}
	return p, nil
}
