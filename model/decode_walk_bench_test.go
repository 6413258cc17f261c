package model

import (
	"os"
	"testing"

	"github.com/ordo-sched/ordo/internal/jsontree"
)

// plantTree returns the text of the example plant (examples/plant.json)
// and its parsed tree.
func plantTree(b *testing.B) ([]byte, *jnode) {
	data, err := os.ReadFile("../examples/plant.json")
	if err != nil {
		b.Fatal(err)
	}
	root, err := jsontree.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	return data, root
}

// BenchmarkDecodeWalk measures the decode walk alone (the tree already
// parsed) on the example plant.
func BenchmarkDecodeWalk(b *testing.B) {
	data, root := plantTree(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, is := newWalk(data, root); is != nil {
			b.Fatal(is)
		}
	}
}

// BenchmarkDecodeWalkFrozen measures the frozen copy of the walk
// (decode_equiv_test.go) like BenchmarkDecodeWalk, to compare the two in
// one run.
func BenchmarkDecodeWalkFrozen(b *testing.B) {
	data, root := plantTree(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, is := oldWalk(data, root); is != nil {
			b.Fatal(is)
		}
	}
}
