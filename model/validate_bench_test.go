package model

import (
	"os"
	"testing"
)

// BenchmarkDecodeValidate measures decoding and validating the example
// plant (examples/plant.json): what `ordo validate` and POST /v1/validate
// do for a valid problem.
func BenchmarkDecodeValidate(b *testing.B) {
	data, err := os.ReadFile("../examples/plant.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		if issues := p.Validate(); len(issues) > 0 {
			b.Fatal(issues)
		}
	}
}
