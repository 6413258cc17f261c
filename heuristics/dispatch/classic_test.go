package dispatch_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// dataDir returns a folder holding the benchmark data.
func dataDir(t testing.TB) string {
	t.Helper()
	return testinst.DataDir(t)
}

func loadJSP(t testing.TB, dir, name string) *model.Problem {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "jsp", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := instance.ReadJSP(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestClassicReferenceMakespans reproduces every value of
// pdr_reference_makespans.csv: 6 rules x 2 schemes on 162 instances.
func TestClassicReferenceMakespans(t *testing.T) {
	dir := dataDir(t)
	f, err := os.Open(filepath.Join(dir, "pdr_reference_makespans.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	checked, bad := 0, 0
	for _, row := range rows[1:] {
		name := row[0]
		p := loadJSP(t, dir, name)
		for c := 1; c < len(header); c++ {
			col := header[c]
			scheme := dispatch.NonDelay
			if strings.HasPrefix(col, "gt_") {
				scheme = dispatch.Active
			}
			rule := col[3:]
			want, err := strconv.ParseInt(row[c], 10, 64)
			if err != nil {
				t.Fatalf("%s %s: %v", name, col, err)
			}
			s, err := dispatch.Classic(p, scheme, rule)
			if err != nil {
				t.Fatalf("%s %s: %v", name, col, err)
			}
			// Every schedule goes through the independent checker.
			if vs := schedule.Check(p, s); len(vs) > 0 {
				t.Fatalf("%s %s: infeasible: %v", name, col, vs[0])
			}
			if got := schedule.Makespan(s); got != want {
				bad++
				if bad <= 20 {
					t.Errorf("%s %s: makespan %d, reference %d", name, col, got, want)
				}
			}
			checked++
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d reference values differ", bad, checked)
	}
	t.Logf("%d reference makespans reproduced exactly (%d instances)", checked, len(rows)-1)
}
