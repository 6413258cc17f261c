package jsontree_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/internal/jsontree"
	"github.com/ordo-sched/ordo/model"
)

// value converts a tree to what encoding/json decodes (with UseNumber),
// the last of duplicate keys winning.
func value(n *jsontree.Node) any {
	switch n.Kind {
	case jsontree.Null:
		return nil
	case jsontree.Bool:
		return n.Bool
	case jsontree.Number:
		return json.Number(n.Text)
	case jsontree.String:
		return n.Text
	case jsontree.Array:
		out := make([]any, len(n.Arr))
		for i := range n.Arr {
			out[i] = value(&n.Arr[i])
		}
		return out
	}
	out := map[string]any{}
	for i := range n.Obj {
		out[n.Obj[i].Key] = value(&n.Obj[i].Val)
	}
	return out
}

// TestGeneratedPlants parses generated problems (random plants using
// every feature of the format, and larger generated plants), encoded
// compact, indented with spaces and indented with tabs, one after
// another with one Parser, and holds each tree against encoding/json.
// The strings of a tree must stay valid after the next Parse, though
// the text was read from a buffer that the next text overwrites.
func TestGeneratedPlants(t *testing.T) {
	var problems []*model.Problem
	for seed := range uint64(40) {
		problems = append(problems, instance.RandomPlant(seed))
	}
	for seed := range uint64(3) {
		problems = append(problems, instance.GeneratePlant(instance.PlantConfig{Seed: seed, Orders: 60, Machines: 12}))
	}
	var q jsontree.Parser
	var before []any // the values of the trees read so far
	var kept []*jsontree.Node
	var buf []byte
	var strs, copies []string // the strings of the reused Parser's trees, and copies of them
	for k, p := range problems {
		enc, err := model.Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		var compact, tabs bytes.Buffer
		if err := json.Compact(&compact, enc); err != nil {
			t.Fatal(err)
		}
		if err := json.Indent(&tabs, enc, "", "\t"); err != nil {
			t.Fatal(err)
		}
		for _, text := range [][]byte{enc, compact.Bytes(), tabs.Bytes()} {
			d := json.NewDecoder(bytes.NewReader(text))
			d.UseNumber()
			var want any
			if err := d.Decode(&want); err != nil {
				t.Fatal(err)
			}
			buf = append(buf[:0], text...)
			root, err := q.Parse(buf)
			if err != nil {
				t.Fatalf("problem %d: %v", k, err)
			}
			if got := value(root); !reflect.DeepEqual(got, want) {
				t.Fatalf("problem %d: the tree differs from encoding/json's value", k)
			}
			collect(root, func(s string) {
				strs = append(strs, s)
				copies = append(copies, strings.Clone(s))
			})
			// A fresh parse of the same text keeps its tree (and its
			// strings) after the reused Parser moves on.
			fresh, err := jsontree.Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			kept = append(kept, fresh)
			before = append(before, want)
		}
	}
	for i := range buf {
		buf[i] = '#'
	}
	if !reflect.DeepEqual(strs, copies) {
		t.Error("the strings of a tree changed after the next Parse")
	}
	for i, n := range kept {
		if !reflect.DeepEqual(value(n), before[i]) {
			t.Fatalf("tree %d changed after later parses", i)
		}
	}
}

// collect calls f with every key and every string or number text of n.
func collect(n *jsontree.Node, f func(string)) {
	if n.Kind == jsontree.String || n.Kind == jsontree.Number {
		f(n.Text)
	}
	for i := range n.Arr {
		collect(&n.Arr[i], f)
	}
	for i := range n.Obj {
		f(n.Obj[i].Key)
		collect(&n.Obj[i].Val, f)
	}
}
