package ga

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/internal/plantgen"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

var (
	measure        = flag.Bool("measure", false, "run TestMeasure* (long; never in CI)")
	measureInst    = flag.String("measure.inst", "mk01-mk10", "instance specifications (bench.FindInstances): mk01-mk10, la01-la40, ...")
	measureTime    = flag.Duration("measure.time", 10*time.Second, "time limit per run")
	measureSeeds   = flag.Int("measure.seeds", 1, "runs (seeds) per instance")
	measureWorkers = flag.Int("measure.workers", 1, "workers (islands) per run")
	measureDecoder = flag.String("measure.decoder", "auto", "decoder: auto, insertion or append")
	measureLS      = flag.Int("measure.ls", 0, "Params.LocalSearch (0: default, -1: none)")
	measurePop     = flag.Int("measure.pop", 0, "Params.Population (0: default)")
	measureRate    = flag.Float64("measure.lsrate", 0, "Params.LocalSearchRate")
	measureRestart = flag.Int("measure.restart", 0, "Params.Restart")
	measureTabu    = flag.Int("measure.tabu", 0, "Params.TabuWork (-1: Params.NoTabu)")
	measurePlant   = flag.String("measure.plant", "example", "TestMeasurePlant: example, or gen:ORDERS[:OPS[:MACHINES[:RELEASEWINDOW]]] for a plantgen plant (seed 1)")
	measureProg    = flag.Bool("measure.progress", false, "print progress")
)

func measureParams() Params {
	par := Params{LocalSearch: *measureLS, Population: *measurePop, LocalSearchRate: *measureRate, Restart: *measureRestart}
	if *measureTabu < 0 {
		par.NoTabu = true
	} else {
		par.TabuWork = *measureTabu
	}
	switch *measureDecoder {
	case "insertion":
		par.Decoder = Insertion
	case "append":
		par.Decoder = Append

	}
	return par
}

func progressPrinter() func(solver.Progress) {
	return func(pr solver.Progress) {
		if *measureProg {
			fmt.Printf("  %.2fs work %d: %v\n", pr.Elapsed.Seconds(), pr.Work, pr.Objective)
		}
	}
}

// TestMeasureBench reports makespans and deviations from the best known
// upper bound of benchmark instances. Example:
//
//	go test ./heuristics/ga -run TestMeasureBench -measure -measure.inst mk01-mk10 -measure.time 30s -timeout 0
func TestMeasureBench(t *testing.T) {
	if !*measure {
		t.Skip("use -measure")
	}
	dir, ok := bench.DataDir()
	if !ok {
		t.Skip("no benchmark data")
	}
	bounds, err := bench.ReadBounds(filepath.Join(dir, "bounds.csv"))
	if err != nil {
		t.Fatal(err)
	}
	refs, err := bench.FindInstances(dir, strings.Split(*measureInst, ","))
	if err != nil {
		t.Fatal(err)
	}
	var all []float64
	for _, ref := range refs {
		p, err := ref.Load()
		if err != nil {
			t.Fatal(err)
		}
		ub := float64(bounds[ref.Name].UB)
		var rpds []float64
		for s := 0; s < *measureSeeds; s++ {
			res, err := New(measureParams()).Solve(context.Background(), p, solver.Options{TimeLimit: *measureTime, Seed: uint64(s + 1), Workers: *measureWorkers, OnProgress: progressPrinter()})
			if err != nil {
				t.Fatal(err)
			}
			if v := schedule.Check(p, res.Schedule); len(v) > 0 {
				t.Fatalf("%s: %v", ref.Name, v[0])
			}
			rpd := 100 * (res.Objective - ub) / ub
			rpds = append(rpds, rpd)
			all = append(all, rpd)
			fmt.Printf("%s seed %d: %v (ub %v, rpd %.2f%%) time-to-best %.1fs work %d gens %d\n", ref.Name, s+1, res.Objective, ub, rpd, res.Stats.TimeToBest.Seconds(), res.Stats.Work, res.Stats.Iterations)
		}
		fmt.Printf("%s: median rpd %.2f%%\n", ref.Name, median(rpds))
	}
	fmt.Printf("ALL: %d runs, mean rpd %.3f%%, median %.3f%%\n", len(all), mean(all), median(all))
}

// TestMeasurePlant compares the GA's total weighted tardiness on the
// example plant with dispatch:best's. Example:
//
//	go test ./heuristics/ga -run TestMeasurePlant -measure -measure.time 60s -timeout 0
func TestMeasurePlant(t *testing.T) {
	if !*measure {
		t.Skip("use -measure")
	}
	p, err := measuredPlant(*measurePlant)
	if err != nil {
		t.Fatal(err)
	}
	obj := model.Single(model.WeightedTardiness)
	dr, err := dispatch.Best(context.Background(), p, solver.Options{Objective: obj})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%s: %d operations; dispatch:best: %v (%.1fs)\n", *measurePlant, p.NumOperations(), dr.Objective, dr.Stats.Elapsed.Seconds())
	var vals []float64
	for s := 0; s < *measureSeeds; s++ {
		res, err := New(measureParams()).Solve(context.Background(), p, solver.Options{Objective: obj, TimeLimit: *measureTime, Seed: uint64(s + 1), Workers: *measureWorkers, OnProgress: progressPrinter()})
		if err != nil {
			t.Fatal(err)
		}
		if v := schedule.Check(p, res.Schedule); len(v) > 0 {
			t.Fatalf("%v", v[0])
		}
		vals = append(vals, res.Objective)
		fmt.Printf("ga seed %d: %v (%.1f%% below dispatch:best) time-to-best %.1fs work %d gens %d\n", s+1, res.Objective, 100*(dr.Objective-res.Objective)/dr.Objective, res.Stats.TimeToBest.Seconds(), res.Stats.Work, res.Stats.Iterations)
	}
	m := median(vals)
	fmt.Printf("median %v: %.1f%% below dispatch:best %v\n", m, 100*(dr.Objective-m)/dr.Objective, dr.Objective)
}

// measuredPlant returns the example plant or a generated one.
func measuredPlant(spec string) (*model.Problem, error) {
	if spec == "example" {
		return examples.Plant()
	}
	rest, ok := strings.CutPrefix(spec, "gen:")
	if !ok {
		return nil, fmt.Errorf("plant %q: want example or gen:ORDERS[:OPS[:MACHINES[:RELEASEWINDOW]]]", spec)
	}
	cfg := plantgen.Config{Seed: 1}
	for i, f := range strings.Split(rest, ":") {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, fmt.Errorf("plant %q: %v", spec, err)
		}
		switch i {
		case 0:
			cfg.Orders = int(v)
		case 1:
			cfg.OpsPerOrder = int(v)
		case 2:
			cfg.Machines = int(v)
		case 3:
			cfg.ReleaseWindow = v
		}
	}
	return plantgen.Generate(cfg), nil
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func median(x []float64) float64 {
	y := append([]float64(nil), x...)
	sort.Float64s(y)
	n := len(y)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return y[n/2]
	}
	return (y[n/2-1] + y[n/2]) / 2
}
