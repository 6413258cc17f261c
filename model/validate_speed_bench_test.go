package model_test

import (
	"fmt"
	"testing"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

// TestValidateEquivGenerated compares Validate, ValidateAdded and
// CalendarIntervals with their frozen copies (model.EquivCheck, in
// validate_equiv_test.go) on generated plants of several sizes, random
// plants, Taillard instances and the example plant, and on mutations of
// each. It lives here because package model cannot import the instance
// package.
func TestValidateEquivGenerated(t *testing.T) {
	n := 25
	if testing.Short() {
		n = 5
	}
	var ps []*model.Problem
	var names []string
	add := func(name string, p *model.Problem) { ps, names = append(ps, p), append(names, name) }
	for seed := uint64(1); seed <= 12; seed++ {
		add(fmt.Sprintf("GeneratePlant(%d)", seed), instance.GeneratePlant(instance.PlantConfig{Seed: seed, Orders: 4 + int(seed)*3, Machines: 2 + int(seed)}))
		add(fmt.Sprintf("RandomPlant(%d)", seed), instance.RandomPlant(seed))
	}
	add("GeneratePlant(large)", instance.GeneratePlant(instance.PlantConfig{Seed: 99, Orders: 200, Machines: 30}))
	for _, name := range []string{"ta01", "ta11"} {
		p, err := instance.TaillardInstance(name)
		if err != nil {
			t.Fatal(err)
		}
		add(name, p)
	}
	plant, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	add("examples.Plant", plant)
	cases, bad := 0, 0
	for i, p := range ps {
		bad += model.EquivCheck(t, names[i], p, n, uint64(1000+i))
		cases += n + 1
	}
	t.Logf("%d problems, %d cases, %d with issues", len(ps), cases, bad)
	if bad < cases/4 || bad > cases-cases/10 {
		t.Fatalf("%d cases, %d with issues: the mutations do not exercise the checks", cases, bad)
	}
}

// BenchmarkValidatePlant measures Validate on the example plant
// (examples/plant.json): what POST /v1/validate does after decoding.
func BenchmarkValidatePlant(b *testing.B) {
	p, err := examples.Plant()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if is := p.Validate(); is != nil {
			b.Fatal(is)
		}
	}
}

// BenchmarkValidateGeneratedPlant measures Validate on a generated plant
// of 100 orders on 20 machines.
func BenchmarkValidateGeneratedPlant(b *testing.B) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 100, Machines: 20})
	if is := p.Validate(); is != nil {
		b.Fatal(is)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Validate()
	}
}

// BenchmarkCalendarIntervalsPlant measures expanding every calendar of
// the example plant over its planning horizon.
func BenchmarkCalendarIntervalsPlant(b *testing.B) {
	p, err := examples.Plant()
	if err != nil {
		b.Fatal(err)
	}
	h := p.PlanningHorizon()
	b.ReportAllocs()
	for b.Loop() {
		for i := range p.Calendars {
			if _, err := p.CalendarIntervals(&p.Calendars[i], h); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkValidatePlantFrozen measures the frozen copy of Validate on the
// example plant, to compare with BenchmarkValidatePlant in one run.
func BenchmarkValidatePlantFrozen(b *testing.B) {
	p, err := examples.Plant()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if is := model.FrozenValidate(p); is != nil {
			b.Fatal(is)
		}
	}
}

// BenchmarkCalendarIntervalsPlantFrozen is BenchmarkCalendarIntervalsPlant
// with the frozen copy of CalendarIntervals.
func BenchmarkCalendarIntervalsPlantFrozen(b *testing.B) {
	p, err := examples.Plant()
	if err != nil {
		b.Fatal(err)
	}
	h := p.PlanningHorizon()
	b.ReportAllocs()
	for b.Loop() {
		for i := range p.Calendars {
			if _, err := model.FrozenCalendarIntervals(p, &p.Calendars[i], h); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkValidateGeneratedPlantFrozen is BenchmarkValidateGeneratedPlant
// with the frozen copy of Validate.
func BenchmarkValidateGeneratedPlantFrozen(b *testing.B) {
	p := instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: 100, Machines: 20})
	b.ReportAllocs()
	for b.Loop() {
		model.FrozenValidate(p)
	}
}

// TestValidateConcurrent validates problems of different sizes, valid and
// not, from several goroutines at once (Validate reuses buffers between
// calls) and holds the issues to those of the frozen copy.
func TestValidateConcurrent(t *testing.T) {
	var ps []*model.Problem
	for seed := uint64(1); seed <= 8; seed++ {
		p := instance.GeneratePlant(instance.PlantConfig{Seed: seed, Orders: 5 * int(seed), Machines: 3 + int(seed)})
		if seed%2 == 0 && len(p.Jobs) > 1 {
			p.Jobs[1].Operations[0].After = append(p.Jobs[1].Operations[0].After, model.Link{Op: p.Jobs[1].OpID(len(p.Jobs[1].Operations) - 1)})
		}
		ps = append(ps, p)
	}
	want := make([]model.Issues, len(ps))
	bad := 0
	for i, p := range ps {
		want[i] = model.FrozenValidate(p)
		if len(want[i]) > 0 {
			bad++
		}
	}
	if bad == 0 || bad == len(ps) {
		t.Fatalf("%d of %d problems with issues: want some of each", bad, len(ps))
	}
	done := make(chan string)
	for w := 0; w < 4; w++ {
		go func() {
			msg := ""
			for r := 0; r < 30 && msg == ""; r++ {
				i := (w + r) % len(ps)
				if got := ps[i].Validate(); fmt.Sprint(got) != fmt.Sprint(want[i]) {
					msg = fmt.Sprintf("problem %d: %v, want %v", i, got, want[i])
				}
			}
			done <- msg
		}()
	}
	for w := 0; w < 4; w++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

// brokenPlant returns the example plant with an operation that never fits
// a working window: the time checks then run over the short horizon and
// again over the whole one (the worst case of Validate).
func brokenPlant(b *testing.B) *model.Problem {
	p, err := examples.Plant()
	if err != nil {
		b.Fatal(err)
	}
	op := &p.Jobs[0].Operations[0]
	op.Resumable = false
	for a := range op.Alternatives {
		op.Alternatives[a].Duration, op.Alternatives[a].RunPerUnit = 100*24*60, 0
	}
	if len(p.Validate()) == 0 {
		b.Fatal("the broken plant passes Validate")
	}
	return p
}

// BenchmarkValidatePlantBroken measures Validate on brokenPlant.
func BenchmarkValidatePlantBroken(b *testing.B) {
	p := brokenPlant(b)
	b.ReportAllocs()
	for b.Loop() {
		p.Validate()
	}
}

// BenchmarkValidatePlantBrokenFrozen is BenchmarkValidatePlantBroken with
// the frozen copy of Validate.
func BenchmarkValidatePlantBrokenFrozen(b *testing.B) {
	p := brokenPlant(b)
	b.ReportAllocs()
	for b.Loop() {
		model.FrozenValidate(p)
	}
}
