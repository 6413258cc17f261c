package jsontree

import (
	"os"
	"testing"
)

// BenchmarkParse measures parsing the example plant
// (examples/plant.json).
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../../examples/plant.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
