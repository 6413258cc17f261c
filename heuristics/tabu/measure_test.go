package tabu

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/solver"
)

var (
	measure        = flag.Bool("measure", false, "run TestMeasure (long; never in CI)")
	measureInst    = flag.String("measure.inst", "ft10", "comma-separated instances, or la, ta01-10 style groups: la01-la40")
	measureTime    = flag.Duration("measure.time", 10*time.Second, "time limit per run")
	measureSeeds   = flag.Int("measure.seeds", 1, "runs (seeds) per instance")
	measureWorkers = flag.Int("measure.workers", 1, "workers per run")
	measureTarget  = flag.Bool("measure.target", false, "stop each run at the best known makespan (time to target)")
	measureStag    = flag.Int("measure.stag", 0, "Params.Stagnation (0: default)")
	measureWork    = flag.Int64("measure.work", 0, "work limit per run instead of the time limit")
	measureProg    = flag.Bool("measure.progress", false, "print progress")
	measureJumps   = flag.Int("measure.jumps", 0, "Params.MaxJumps (0: default)")
	measurePool    = flag.Int("measure.pool", 0, "Params.PoolSize (0: default)")
)

// expand turns "la01-la40,ft10" into names.
func expand(spec string) []string {
	var out []string
	for _, part := range strings.Split(spec, ",") {
		a, b, ok := strings.Cut(part, "-")
		if !ok {
			out = append(out, part)
			continue
		}
		i := strings.IndexAny(a, "0123456789")
		prefix := a[:i]
		var lo, hi int
		fmt.Sscan(a[i:], &lo)
		fmt.Sscan(strings.TrimPrefix(b, prefix), &hi)
		for k := lo; k <= hi; k++ {
			out = append(out, fmt.Sprintf("%s%02d", prefix, k))
		}
	}
	return out
}

// TestMeasure reports makespans, deviations from the best known and times
// to best. Example:
//
//	go test ./heuristics/tabu -run TestMeasure -measure -measure.inst la01-la40 -measure.time 10s
func TestMeasure(t *testing.T) {
	if !*measure {
		t.Skip("use -measure")
	}
	ub := bestKnown(t)
	if *measureWork > 0 {
		*measureTime = 0
	}
	var rpds []float64
	for _, name := range expand(*measureInst) {
		p := loadInstance(t, name)
		var times []float64
		var rs []float64
		for s := 0; s < *measureSeeds; s++ {
			par := Params{Stagnation: *measureStag, MaxJumps: *measureJumps, PoolSize: *measurePool}
			if *measureTarget {
				par.Target = ub[name]
			}
			res, err := New(par).Solve(context.Background(), p, solver.Options{TimeLimit: *measureTime, WorkLimit: *measureWork, Seed: uint64(s + 1), Workers: *measureWorkers,
				OnProgress: func(pr solver.Progress) {
					if *measureProg {
						fmt.Printf("  %.2fs %v\n", pr.Elapsed.Seconds(), pr.Objective)
					}
				}})
			if err != nil {
				t.Fatal(err)
			}
			c := checkSchedule(t, p, res.Schedule)
			rpd := 100 * float64(c-ub[name]) / float64(ub[name])
			rs = append(rs, rpd)
			rpds = append(rpds, rpd)
			times = append(times, res.Stats.TimeToBest.Seconds())
			fmt.Printf("%s seed %d: %d (ub %d, rpd %.2f%%) time-to-best %.2fs work %d iters %d elapsed %.1fs\n",
				name, s+1, c, ub[name], rpd, res.Stats.TimeToBest.Seconds(), res.Stats.Work, res.Stats.Iterations, res.Stats.Elapsed.Seconds())
		}
		sort.Float64s(times)
		fmt.Printf("%s: median time-to-best %.2fs, mean rpd %.3f%%\n", name, times[len(times)/2], mean(rs))
	}
	fmt.Printf("ALL: runs %d mean rpd %.3f%%\n", len(rpds), mean(rpds))
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
