package model

import (
	"slices"
	"testing"
)

func TestAllArcs(t *testing.T) {
	p := &Problem{
		Machines: []Machine{{ID: "M"}},
		Jobs: []Job{
			{ID: "A", Operations: []Operation{
				{ID: "a1", Alternatives: []Alternative{{Machine: "M", Duration: 1}}},
				{ID: "a2", MinLag: 2, Alternatives: []Alternative{{Machine: "M", Duration: 1}}},
			}},
			{ID: "B", Routing: DAG, Operations: []Operation{
				{ID: "b1", Alternatives: []Alternative{{Machine: "M", Duration: 1}}},
				{ID: "b2", After: []Link{{Op: "b1"}, {Job: "A", Op: "a2", MinLag: 3}, {Op: "nope"}}, Alternatives: []Alternative{{Machine: "M", Duration: 1}}},
			}},
		},
	}
	want := []Arc{
		{From: OpRef{0, 0}, To: OpRef{0, 1}, MinLag: 2},
		{From: OpRef{1, 0}, To: OpRef{1, 1}},
		{From: OpRef{0, 1}, To: OpRef{1, 1}, MinLag: 3},
	}
	x := p.NewIndex()
	if got := p.Arcs(x); !slices.Equal(got, want) {
		t.Errorf("Arcs = %v, want %v", got, want)
	}
	if got := slices.Collect(p.AllArcs(x)); !slices.Equal(got, want) {
		t.Errorf("AllArcs = %v, want %v", got, want)
	}
	n := 0
	for range p.AllArcs(x) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("stopped after %d arcs", n)
	}
}

// Jobs with the same operation IDs share one map; the lookups are those of
// separate maps.
func TestIndexSharedOps(t *testing.T) {
	op := func(id string) Operation { return Operation{ID: id, Alternatives: []Alternative{{Machine: "M"}}} }
	p := &Problem{Jobs: []Job{
		{ID: "J0", Operations: []Operation{op(""), op("")}},
		{ID: "J1", Operations: []Operation{op("x"), op("")}},
		{ID: "J2", Operations: []Operation{op(""), op("")}},
		{ID: "J3", Operations: []Operation{op("x"), op("y")}},
	}}
	x := p.NewIndex()
	for j := range p.Jobs {
		if len(x.Ops[j]) != len(p.Jobs[j].Operations) {
			t.Errorf("job %d: %d operation IDs", j, len(x.Ops[j]))
		}
		for k := range p.Jobs[j].Operations {
			if got, ok := x.Ops[j][p.Jobs[j].OpID(k)]; !ok || got != k {
				t.Errorf("job %d op %d: lookup %d %v", j, k, got, ok)
			}
		}
	}
	if _, ok := x.Ops[3]["1"]; ok {
		t.Error(`job 3 has no operation "1"`)
	}
	if _, ok := x.Ops[1]["0"]; ok {
		t.Error(`job 1 has no operation "0"`)
	}
}
