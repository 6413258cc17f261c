package main

import (
	"fmt"
	"runtime"
	"time"
)

// The limits of the command line's counts and durations. A value outside
// them is a usage error (exit 2) naming the flag, before any work starts:
// none of them can make ordo take unbounded memory or time.
//
// A time limit of 0 means "no limit" in every command (the solver runs
// until it finishes, its work limit stops it, or Ctrl-C / SIGTERM); a work
// limit of 0 means "none" (or the command's default where its help says
// so). Negative durations and work limits are rejected.
const (
	// maxWorkersCap bounds --workers and bench --jobs whatever the
	// number of cores.
	maxWorkersCap = 256
	// maxGenOrders bounds gen plant --orders.
	maxGenOrders = 1_000_000
	// maxGenOpsPerOrder bounds gen plant --ops.
	maxGenOpsPerOrder = 1_000
	// maxGenMachines bounds gen plant --machines.
	maxGenMachines = 100_000
	// maxGenOperations bounds gen plant --orders times --ops (and bench's
	// gen: instances): about 2.5 GB of problem JSON at most.
	maxGenOperations = 10_000_000
	// maxSeeds bounds the number of seeds of bench --seeds.
	maxSeeds = 10_000
	// maxRuns bounds simulate --runs.
	maxRuns = 10_000
	// maxRush bounds simulate --rush (rush orders per run).
	maxRush = 10_000
)

// maxWorkers is the largest --workers (and bench --jobs): four per core,
// at most maxWorkersCap.
func maxWorkers() int { return min(4*runtime.NumCPU(), maxWorkersCap) }

// limitsHelp is the paragraph of every command's help that states the
// limits of its flags.
func limitsHelp() string {
	return fmt.Sprintf("--time 0 means no time limit (the run ends when the solver finishes, its --work limit\n"+
		"stops it, or on Ctrl-C or SIGTERM, with the best plan so far); --work 0 means none.\n"+
		"Negative durations and work limits are refused; --workers is at most %d here\n"+
		"(4 per core, at most %d).", maxWorkers(), maxWorkersCap)
}

// checkDuration refuses a negative duration flag.
func checkDuration(flag string, d time.Duration) error {
	if d < 0 {
		return usagef("--%s must not be negative, got %s (0 means no limit)", flag, d)
	}
	return nil
}

// checkWork refuses a negative work limit.
func checkWork(flag string, w int64) error {
	if w < 0 {
		return usagef("--%s must not be negative, got %d (0 means no limit)", flag, w)
	}
	return nil
}

// checkWorkers refuses a worker count below 1 or above maxWorkers.
func checkWorkers(flag string, n int) error {
	if n < 1 || n > maxWorkers() {
		return usagef("--%s must be between 1 and %d (4 per core, at most %d), got %d", flag, maxWorkers(), maxWorkersCap, n)
	}
	return nil
}

// checkCount refuses a count outside [lo, hi].
func checkCount(flag string, n, lo, hi int) error {
	if n < lo || n > hi {
		return usagef("--%s must be between %d and %d, got %d", flag, lo, hi, n)
	}
	return nil
}

// checkPlantSize refuses generated plants beyond the limits (orders,
// operations per order, machines and their product).
func checkPlantSize(orders, ops, machines int) error {
	if err := checkCount("orders", orders, 1, maxGenOrders); err != nil {
		return err
	}
	if err := checkCount("ops", ops, 1, maxGenOpsPerOrder); err != nil {
		return err
	}
	if err := checkCount("machines", machines, 1, maxGenMachines); err != nil {
		return err
	}
	if orders*ops > maxGenOperations {
		return usagef("--orders times --ops must be at most %d operations, got %d", maxGenOperations, orders*ops)
	}
	return nil
}

// oneStdin refuses more than one "-" (standard input) among paths.
func oneStdin(paths ...string) error {
	n := 0
	for _, p := range paths {
		if p == "-" {
			n++
		}
	}
	if n > 1 {
		return usagef("only one input may be - (standard input), got %d", n)
	}
	return nil
}

// checkSolveLimits checks the --time, --work and --workers flags shared
// by the commands that run a solver.
func checkSolveLimits(limit time.Duration, work int64, workers int) error {
	if err := checkDuration("time", limit); err != nil {
		return err
	}
	if err := checkWork("work", work); err != nil {
		return err
	}
	return checkWorkers("workers", workers)
}
