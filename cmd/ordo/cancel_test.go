//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solvers"
)

// The built CLI, shared by the tests that run it as a subprocess: TestMain
// owns its folder, and the first test that needs it builds it (once).
var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binError error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ordo-cli-test-")
	if err != nil {
		panic(err)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// ordoBinary returns the path of the ordo binary built from this package,
// building it the first time.
func ordoBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(binDir, "ordo")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binError = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if binError != nil {
		t.Fatal(binError)
	}
	return binPath
}

// timedTests reports whether ORDO_TIMED_TESTS asks for the wall-clock
// assertions (the policy of solver/solvertest: off on loaded machines).
func timedTests() bool {
	v := os.Getenv("ORDO_TIMED_TESTS")
	return v != "" && v != "0"
}

// cancelLimit is the time limit given to every solver, and cancelSlack
// what a run may take beyond it (loading, checking and writing the plan).
const (
	cancelLimit  = time.Second
	cancelSlack  = 500 * time.Millisecond
	cancelSignal = 500 * time.Millisecond
)

// run of the binary: its exit code, stderr and wall time.
type cliRun struct {
	code   int
	stderr string
	wall   time.Duration
	limit  time.Duration // the --time given
}

// runSolve runs ordo solve PROBLEM --solver NAME --time 1s --out OUT and,
// when sig is not nil, sends it after cancelSignal.
func runSolve(t *testing.T, bin, problem, name, out string, sig os.Signal, delay time.Duration) cliRun {
	t.Helper()
	limit := max(cancelLimit, 2*delay)
	cmd := exec.Command(bin, "solve", problem, "--solver", name, "--time", limit.String(), "--out", out, "--seed", "1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	if sig != nil {
		select {
		case err = <-done:
		case <-time.After(delay):
			if serr := cmd.Process.Signal(sig); serr != nil {
				t.Logf("signal: %v", serr)
			}
			err = waitBounded(t, cmd, done)
		}
	} else {
		err = waitBounded(t, cmd, done)
	}
	r := cliRun{stderr: stderr.String(), wall: time.Since(start), limit: limit}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode() // -1 when killed by a signal
	default:
		t.Fatal(err)
	}
	return r
}

// waitBounded waits for the process, killing it after a minute (a hang
// fails the test instead of blocking the suite).
func waitBounded(t *testing.T, cmd *exec.Cmd, done chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%v did not return within a minute of its 1s time limit", cmd.Args)
		return nil
	}
}

// unavailable reports whether a solver refused because its backend is not
// installed here (the MIP backends), with the reason.
func unavailable(stderr string) (string, bool) {
	for _, s := range []string{"backend unavailable", "no MIP backend"} {
		if strings.Contains(stderr, s) {
			return strings.TrimSpace(stderr), true
		}
	}
	return "", false
}

// TestCancellationAndLimits runs every registered solver through the
// built CLI with --time 1s on a problem it would work on for much longer
// (a generated plant of 3000 operations, or Taillard's ta41 for a solver
// that takes only job shops), three times: to the time limit, and with
// SIGINT and SIGTERM after half a second. Each run must exit 0 having
// written a plan that passes ordo check. With ORDO_TIMED_TESTS set, each
// run must also end within 1.5 s of wall time.
func TestCancellationAndLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every solver for up to a second per signal (-short)")
	}
	bin := ordoBinary(t)
	dir := t.TempDir()
	plant := filepath.Join(dir, "plant.json")
	data, err := model.Encode(instance.GeneratePlant(instance.PlantConfig{Orders: 300, OpsPerOrder: 10, Machines: 20, Seed: 1, ReleaseWindow: 0.5}))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(plant, data, 0o644); err != nil {
		t.Fatal(err)
	}
	timed := timedTests()
	for _, name := range solvers.Names() {
		t.Run(name, func(t *testing.T) {
			// The plant first; a solver that refuses its features gets
			// the job shop ta41.
			problem := plant
			out := filepath.Join(dir, strings.ReplaceAll(name, ":", "_")+".json")
			first := runSolve(t, bin, problem, name, out, nil, 0)
			if first.code != 0 && strings.Contains(first.stderr, "unsupported") {
				if why, ok := unavailable(first.stderr); ok {
					t.Skip(why)
				}
				problem = "ta41"
				first = runSolve(t, bin, problem, name, out, nil, 0)
			}
			if why, ok := unavailable(first.stderr); ok && first.code != 0 {
				t.Skip(why)
			}
			modes := []struct {
				label string
				sig   os.Signal
			}{{"time limit", nil}, {"SIGINT", syscall.SIGINT}, {"SIGTERM", syscall.SIGTERM}}
			for i, m := range modes {
				r := first
				if i > 0 {
					if first.wall < cancelSignal {
						// It finished before a signal could reach it.
						t.Logf("%s on %s: finished in %v, before the signal", m.label, filepath.Base(problem), first.wall.Round(time.Millisecond))
						continue
					}
					os.Remove(out)
					r = runSolve(t, bin, problem, name, out, m.sig, cancelSignal)
					// On a loaded machine the signal can arrive while the
					// problem is still being read or before the first plan:
					// the run stops with no plan, as it should. Send it
					// later, the solve running.
					for delay := 2 * cancelSignal; r.code != 0 && (strings.Contains(r.stderr, "before the solve started") || strings.Contains(r.stderr, "before the solve found its first plan")) && delay < cancelLimit*8; delay *= 2 {
						t.Logf("%s: the signal came before the solve started; again with it after %v", m.label, delay)
						r = runSolve(t, bin, problem, name, out, m.sig, delay)
					}
				}
				t.Logf("%s on %s: exit %d in %v", m.label, filepath.Base(problem), r.code, r.wall.Round(time.Millisecond))
				if r.code != 0 {
					t.Errorf("%s: exit code %d, want 0; stderr:\n%s", m.label, r.code, r.stderr)
					continue
				}
				if timed && r.wall > r.limit+cancelSlack {
					t.Errorf("%s: returned after %v, want within %v", m.label, r.wall, r.limit+cancelSlack)
				}
				// The plan written is a valid plan of the problem.
				chk := exec.Command(bin, "check", problem, out)
				if msg, err := chk.CombinedOutput(); err != nil {
					t.Errorf("%s: ordo check of the written plan: %v\n%s", m.label, err, msg)
				}
			}
		})
	}
}
