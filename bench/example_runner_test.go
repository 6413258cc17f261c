package bench_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/solvers"
)

// Run a campaign: one instance, the tabu search from the registry, two
// seeds; then write the Markdown report and plots.
func ExampleRun() {
	out, _ := os.MkdirTemp("", "bench")
	defer os.RemoveAll(out)
	refs := []instance.InstanceRef{{Name: "tiny", Path: filepath.Join("testdata", "tiny.txt"), Format: instance.FormatJSP, Family: "tiny"}}
	records, err := bench.Run(context.Background(), bench.RunSpec{
		Instances: refs,
		New:       solvers.Get,
		Solvers:   []string{"tabu"},
		Seeds:     []uint64{1, 2},
		WorkLimit: 10,
		OutDir:    out,
		Bounds:    map[string]instance.Bound{"tiny": {Name: "tiny", LB: 10, UB: 11}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range records {
		fmt.Printf("%s makespan %d, RPD %.1f%%, checked %v\n", r.Name(), r.Makespan, r.RPD, r.Checked)
	}
	if err := bench.WriteReport(out, records, "Example", "ordo bench tiny --solver tabu --seeds 1,2 --work 10", nil); err != nil {
		fmt.Println(err)
	}
	// A rerun into the same folder finds every run recorded.
	again, _ := bench.Run(context.Background(), bench.RunSpec{Instances: refs, New: solvers.Get, Solvers: []string{"tabu"}, Seeds: []uint64{1, 2}, WorkLimit: 10, OutDir: out})
	fmt.Println(len(again), "records after the rerun")
	// Output:
	// tiny/tabu/1 makespan 11, RPD 0.0%, checked true
	// tiny/tabu/2 makespan 11, RPD 0.0%, checked true
	// 2 records after the rerun
}
