package dispatch_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// BenchmarkPlantPolicies measures, on generated plants, the weighted
// tardiness of policies that differ widely (dispatch:best's rule
// configurations, static job orders with the non-delay and active
// schemes) and the best of the rules (dispatch:best's configurations and
// ATC with k = 8) on the same plant with one constraint relaxed (no
// sequence-dependent setups, every receipt in stock, no operators, every
// machine on 3x8): how much room the plant leaves to sequencing, and what
// drives its tardiness (docs/plant-2000.md). Each sub-benchmark reports
// the weighted tardiness (wtard, weighted minutes) of its policy besides
// the time of one run; the relaxed plants also report their deviation from
// the unrelaxed plant's best (pct-vs-plant). The plants have 10 operations
// per order and orders/40 machines (seed 1). Run it with
//
//	go test ./heuristics/dispatch -run '^$' -bench 'PlantPolicies/^orders=2000$/' -benchtime 1x -timeout 0
//
// (^orders=200$ is a quick version; ^orders=2000,window=1.2$ is a plant
// that keeps up with its orders; the patterns are anchored because
// orders=200 also matches orders=2000).
func BenchmarkPlantPolicies(b *testing.B) {
	for _, pc := range []struct {
		name   string
		orders int
		window float64
	}{{"orders=200", 200, 0}, {"orders=2000", 2000, 0}, {"orders=2000,window=1.2", 2000, 1.2}} {
		b.Run(pc.name, func(b *testing.B) {
			gen := func() *model.Problem {
				return instance.GeneratePlant(instance.PlantConfig{Seed: 1, Orders: pc.orders, OpsPerOrder: 10, Machines: max(pc.orders/40, 5), ReleaseWindow: pc.window})
			}
			benchPolicies(b, gen)
		})
	}
}

// build builds p's schedule with cfg, verifies it and returns its
// objective value.
func build(b *testing.B, p *model.Problem, cfg dispatch.Config, obj model.Objective) (float64, *schedule.Schedule) {
	cfg.Objective = obj
	s, err := dispatch.Build(context.Background(), p, cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := schedule.Verify(p, s); err != nil {
		b.Fatal(err)
	}
	return schedule.Evaluate(p, s, obj), s
}

// bestOf returns the best value of cfgs on p and the configuration giving
// it.
func bestOf(b *testing.B, p *model.Problem, cfgs []dispatch.Config, obj model.Objective) (best, worst float64, bestCfg dispatch.Config) {
	best, worst = math.Inf(1), math.Inf(-1)
	for _, cfg := range cfgs {
		v, _ := build(b, p, cfg, obj)
		if v < best {
			best, bestCfg = v, cfg
		}
		worst = max(worst, v)
	}
	return best, worst, bestCfg
}

func benchPolicies(b *testing.B, gen func() *model.Problem) {
	p := gen()
	obj := p.Objective
	var best float64 // the best of dispatch:best's configurations on p
	b.Run("dispatch-best-configs", func(b *testing.B) {
		var worst float64
		var bestCfg dispatch.Config
		cfgs := dispatch.Configs(p, obj, 1)
		for b.Loop() {
			best, worst, bestCfg = bestOf(b, p, cfgs, obj)
		}
		_, s := build(b, p, bestCfg, obj)
		k := schedule.ComputeKPIs(p, s)
		var busy, setup int64
		for _, m := range k.Machines {
			busy, setup = busy+m.Busy, setup+m.Setup
		}
		b.ReportMetric(best, "wtard")
		b.ReportMetric(worst, "worst-wtard")
		b.ReportMetric(float64(len(cfgs)), "configs")
		b.ReportMetric(float64(k.LateJobs), "late-orders")
		b.ReportMetric(float64(busy), "busy-min")
		b.ReportMetric(float64(setup), "setup-min")
	})
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
		{"release", func(j int) float64 { return float64(p.Jobs[j].Release) }},
		{"due", func(j int) float64 { return float64(*p.Jobs[j].Due) }},
		{"weight-per-work", func(j int) float64 { return -p.Jobs[j].JobWeight() / work[j] }},
		{"due-minus-5000-weight", func(j int) float64 { return float64(*p.Jobs[j].Due) - 5000*p.Jobs[j].JobWeight() }},
	}
	for _, st := range static {
		key := st.key
		rule := func(v *dispatch.View, i int) float64 { return key(v.Job(i)) }
		for _, sc := range []dispatch.Scheme{dispatch.NonDelay, dispatch.Active} {
			b.Run(fmt.Sprintf("static=%s/%v", st.name, sc), func(b *testing.B) {
				var v float64
				for b.Loop() {
					v, _ = build(b, p, dispatch.Config{Scheme: sc, Rule: rule}, obj)
				}
				b.ReportMetric(v, "wtard")
			})
		}
	}
	relax := []struct {
		name string
		f    func(p *model.Problem)
	}{
		{"none", func(p *model.Problem) {}},
		{"no-setups", func(p *model.Problem) {
			for i := range p.Machines {
				p.Machines[i].SetupMatrix = ""
			}
		}},
		{"receipts-in-stock", func(p *model.Problem) {
			for i := range p.Materials {
				m := &p.Materials[i]
				for _, r := range m.Receipts {
					m.Initial += r.Quantity
				}
				m.Receipts = nil
			}
		}},
		{"no-operators", func(p *model.Problem) {
			p.OperatorPools = nil
			for j := range p.Jobs {
				for k := range p.Jobs[j].Operations {
					p.Jobs[j].Operations[k].Operators = nil
				}
			}
		}},
		{"all-3x8", func(p *model.Problem) {
			for i := range p.Machines {
				p.Machines[i].Calendar = "3x8"
			}
		}},
	}
	for _, r := range relax {
		b.Run("relaxed="+r.name, func(b *testing.B) {
			q := gen()
			r.f(q)
			// dispatch:best's configurations and ATC with k = 8 (which
			// ATCS with k1 = 8 becomes without setups).
			cfgs := dispatch.Configs(q, obj, 1)
			for _, sc := range []dispatch.Config{{Scheme: dispatch.NonDelay}, {Scheme: dispatch.Active}, {Scheme: dispatch.Active, Insertion: true}} {
				sc.Rule = dispatch.ATC(8)
				cfgs = append(cfgs, sc)
			}
			var v float64
			for b.Loop() {
				v, _, _ = bestOf(b, q, cfgs, obj)
			}
			b.ReportMetric(v, "wtard")
			if best > 0 {
				b.ReportMetric(100*(v-best)/best, "pct-vs-plant")
			}
		})
	}
}
