package dispatch_test

import (
	"context"
	"flag"
	"fmt"
	"math"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/internal/plantgen"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

var (
	measure       = flag.Bool("measure", false, "run TestMeasure* (long; never in CI)")
	measureOrders = flag.Int("measure.orders", 2000, "TestMeasurePlantPolicies: orders of the generated plant (10 operations each, machines: orders/40, seed 1)")
	measureWindow = flag.Float64("measure.window", 0, "TestMeasurePlantPolicies: plantgen.Config.ReleaseWindow (0: its default)")
)

// TestMeasurePlantPolicies prints, for a generated plant, the weighted
// tardiness of policies that differ widely (dispatching rules with every
// scheme, static job orders) and the best of the rules (dispatch:best's
// configurations and ATC with k = 8) on the same plant with one
// constraint relaxed (no sequence-dependent setups, unlimited materials,
// no operators, every machine on 3x8): how much room the plant leaves to
// sequencing, and what drives its tardiness (docs/plant-2000.md). Run it
// with
//
//	go test ./heuristics/dispatch -run TestMeasurePlantPolicies -v -measure
func TestMeasurePlantPolicies(t *testing.T) {
	if !*measure {
		t.Skip("measurement: run with -measure")
	}
	gen := func() *model.Problem {
		return plantgen.Generate(plantgen.Config{Seed: 1, Orders: *measureOrders, OpsPerOrder: 10, Machines: max(*measureOrders/40, 5), ReleaseWindow: *measureWindow})
	}
	p := gen()
	obj := p.Objective
	ctx := context.Background()
	build := func(p *model.Problem, cfg dispatch.Config) float64 {
		cfg.Objective = obj
		s, err := dispatch.Build(ctx, p, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := schedule.Verify(p, s); err != nil {
			t.Fatal(err)
		}
		return schedule.Evaluate(p, s, obj)
	}
	fmt.Printf("%s: %d operations, weighted tardiness (weighted minutes)\n", p.Name, len(p.Jobs)*10)
	best, worst := math.Inf(1), 0.0
	var bestCfg dispatch.Config
	for _, cfg := range dispatch.Configs(p, obj, 1) {
		v := build(p, cfg)
		if v < best {
			bestCfg = cfg
		}
		best, worst = min(best, v), max(worst, v)
	}
	fmt.Printf("dispatch:best's %d configurations: best %.0f, worst %.0f\n", len(dispatch.Configs(p, obj, 1)), best, worst)
	bestCfg.Objective = obj
	s, err := dispatch.Build(ctx, p, bestCfg)
	if err != nil {
		t.Fatal(err)
	}
	k := schedule.ComputeKPIs(p, s)
	var busy, setup int64
	for _, m := range k.Machines {
		busy, setup = busy+m.Busy, setup+m.Setup
	}
	fmt.Printf("its schedule: %d of %d orders late; machines: %d minutes of processing, %d of setups\n", k.LateJobs, len(p.Jobs), busy, setup)
	work := make([]float64, len(p.Jobs))
	for j := range p.Jobs {
		for _, op := range p.Jobs[j].Operations {
			work[j] += float64(op.Alternatives[0].ProcessingTime(p.Jobs[j].Quantity))
		}
	}
	static := []struct {
		name string
		key  func(j int) float64
	}{
		{"release order (FIFO by order)", func(j int) float64 { return float64(p.Jobs[j].Release) }},
		{"earliest due date of the order", func(j int) float64 { return float64(*p.Jobs[j].Due) }},
		{"weight / work of the order", func(j int) float64 { return -p.Jobs[j].JobWeight() / work[j] }},
		{"due date - 5000 x weight", func(j int) float64 { return float64(*p.Jobs[j].Due) - 5000*p.Jobs[j].JobWeight() }},
	}
	for _, st := range static {
		key := st.key
		rule := func(v *dispatch.View, i int) float64 { return key(v.Job(i)) }
		fmt.Printf("static order, %s: non-delay %.0f, active %.0f\n", st.name,
			build(p, dispatch.Config{Scheme: dispatch.NonDelay, Rule: rule}), build(p, dispatch.Config{Scheme: dispatch.Active, Rule: rule}))
	}
	relax := []struct {
		name string
		f    func(p *model.Problem)
	}{
		{"as generated", func(p *model.Problem) {}},
		{"no sequence-dependent setups", func(p *model.Problem) {
			for i := range p.Machines {
				p.Machines[i].SetupMatrix = ""
			}
		}},
		{"every receipt in stock at the start", func(p *model.Problem) {
			for i := range p.Materials {
				m := &p.Materials[i]
				for _, r := range m.Receipts {
					m.Initial += r.Quantity
				}
				m.Receipts = nil
			}
		}},
		{"no operators", func(p *model.Problem) {
			p.OperatorPools = nil
			for j := range p.Jobs {
				for k := range p.Jobs[j].Operations {
					p.Jobs[j].Operations[k].Operators = nil
				}
			}
		}},
		{"every machine on 3x8", func(p *model.Problem) {
			for i := range p.Machines {
				p.Machines[i].Calendar = "3x8"
			}
		}},
	}
	for _, r := range relax {
		q := gen()
		r.f(q)
		// dispatch:best's configurations and ATC with k = 8 (which ATCS
		// with k1 = 8 becomes without setups).
		cfgs := dispatch.Configs(q, obj, 1)
		for _, sc := range []dispatch.Config{{Scheme: dispatch.NonDelay}, {Scheme: dispatch.Active}, {Scheme: dispatch.Active, Insertion: true}} {
			sc.Rule = dispatch.ATC(8)
			cfgs = append(cfgs, sc)
		}
		b := math.Inf(1)
		for _, cfg := range cfgs {
			b = min(b, build(q, cfg))
		}
		fmt.Printf("%s: best of %d rule configurations %.0f (%+.1f %% from dispatch:best on the plant)\n", r.name, len(cfgs), b, 100*(b-best)/best)
	}
}
