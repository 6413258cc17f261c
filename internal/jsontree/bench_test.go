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

// BenchmarkParserReuse measures parsing the example plant again and again
// with one Parser, as the decoder's pool does.
func BenchmarkParserReuse(b *testing.B) {
	data, err := os.ReadFile("../../examples/plant.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	var q Parser
	for b.Loop() {
		if _, err := q.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
