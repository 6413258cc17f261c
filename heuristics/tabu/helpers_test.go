package tabu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// ft06 is Fisher & Thompson's 6x6 instance (optimum 55), standard format.
const ft06 = `6 6
2 1 0 3 1 6 3 7 5 3 4 6
1 8 2 5 4 10 5 10 0 10 3 4
2 5 3 4 5 8 0 9 1 1 4 7
1 5 0 5 2 5 3 3 4 8 5 9
2 9 1 3 4 5 5 4 0 3 3 1
1 3 3 3 5 9 0 10 4 4 2 1
`

// ft10 is Fisher & Thompson's 10x10 instance (optimum 930).
const ft10 = `10 10
0 29 1 78 2 9 3 36 4 49 5 11 6 62 7 56 8 44 9 21
0 43 2 90 4 75 9 11 3 69 1 28 6 46 5 46 7 72 8 30
1 91 0 85 3 39 2 74 8 90 5 10 7 12 6 89 9 45 4 33
1 81 2 95 0 71 4 99 6 9 8 52 7 85 3 98 9 22 5 43
2 14 0 6 1 22 5 61 3 26 4 69 8 21 7 49 9 72 6 53
2 84 1 2 5 52 3 95 8 48 9 72 0 47 6 65 4 6 7 25
1 46 0 37 3 61 2 13 6 32 5 21 9 32 8 89 7 30 4 55
2 31 0 86 1 46 5 74 4 32 6 88 8 19 9 48 7 36 3 79
0 76 1 69 3 76 5 51 2 85 9 11 6 40 7 89 4 26 8 74
1 85 0 13 2 61 6 7 8 64 9 76 5 47 3 52 4 90 7 45
`

// readJSP parses the standard (OR-Library) job-shop format.
func readJSP(r io.Reader, name string) (*model.Problem, error) {
	sc := bufio.NewScanner(r)
	sc.Split(bufio.ScanWords)
	next := func() (int, error) {
		if !sc.Scan() {
			return 0, fmt.Errorf("%s: unexpected end of data", name)
		}
		return strconv.Atoi(sc.Text())
	}
	n, err := next()
	if err != nil {
		return nil, err
	}
	m, err := next()
	if err != nil {
		return nil, err
	}
	p := &model.Problem{Name: name}
	for i := 0; i < m; i++ {
		p.Machines = append(p.Machines, model.Machine{ID: strconv.Itoa(i)})
	}
	for j := 0; j < n; j++ {
		job := model.Job{ID: strconv.Itoa(j)}
		for k := 0; k < m; k++ {
			mi, err := next()
			if err != nil {
				return nil, err
			}
			d, err := next()
			if err != nil {
				return nil, err
			}
			job.Operations = append(job.Operations, model.Operation{
				Alternatives: []model.Alternative{{Machine: strconv.Itoa(mi), Duration: int64(d)}},
			})
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p, nil
}

func mustJSP(t testing.TB, data, name string) *model.Problem {
	t.Helper()
	p, err := readJSP(strings.NewReader(data), name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// dataDir finds ../shared/instances relative to the module root, or
// ORDO_DATA; "" when absent.
func dataDir() string {
	if d := os.Getenv("ORDO_DATA"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared", "instances")
			if _, err := os.Stat(d); err == nil {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func loadInstance(t testing.TB, name string) *model.Problem {
	t.Helper()
	d := dataDir()
	if d == "" {
		t.Skip("benchmark instances not found (set ORDO_DATA)")
	}
	f, err := os.Open(filepath.Join(d, "jsp", name+".txt"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	p, err := readJSP(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// bestKnown reads the ub column of bounds.csv.
func bestKnown(t testing.TB) map[string]int64 {
	t.Helper()
	d := dataDir()
	if d == "" {
		t.Skip("benchmark instances not found")
	}
	b, err := os.ReadFile(filepath.Join(d, "bounds.csv"))
	if err != nil {
		t.Skip(err)
	}
	out := map[string]int64{}
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Split(line, ",")
		if len(f) < 5 {
			continue
		}
		ub, err := strconv.ParseInt(f[4], 10, 64)
		if err == nil {
			out[f[0]] = ub
		}
	}
	return out
}

// checkSchedule runs schedule.Check on s, then a test-local, independent
// feasibility check for the features the tabu search supports (job order with lags 0, releases, one
// operation at a time per machine, fixed placements), returning the
// makespan.
func checkSchedule(t testing.TB, p *model.Problem, s *schedule.Schedule) int64 {
	t.Helper()
	if err := schedule.Verify(p, s); err != nil {
		t.Fatalf("schedule.Check: %v", err)
	}
	x := p.NewIndex()
	type key struct{ j, k int }
	got := map[key]schedule.Assignment{}
	for _, a := range s.Assignments {
		if _, dup := got[key{a.Job, a.Op}]; dup {
			t.Fatalf("operation %d/%d assigned twice", a.Job, a.Op)
		}
		got[key{a.Job, a.Op}] = a
	}
	byMachine := map[int][]schedule.Assignment{}
	cmax := int64(0)
	for j, job := range p.Jobs {
		prevEnd := int64(-1 << 62)
		for k, op := range job.Operations {
			a, ok := got[key{j, k}]
			if !ok {
				t.Fatalf("operation %d/%d not assigned", j, k)
			}
			if f := op.Fixed; f != nil {
				if a.Machine != x.Machines[f.Machine] || a.Start != f.Start || a.End != f.End || a.SetupStart != f.SetupStart {
					t.Fatalf("fixed operation %d/%d moved: %+v", j, k, a)
				}
			} else {
				if a.Machine != x.Machines[op.Alternatives[0].Machine] {
					t.Fatalf("operation %d/%d on wrong machine", j, k)
				}
				if a.End-a.Start != op.Alternatives[0].ProcessingTime(job.Quantity) {
					t.Fatalf("operation %d/%d wrong duration", j, k)
				}
				if a.Start < job.Release {
					t.Fatalf("operation %d/%d starts %d before release %d", j, k, a.Start, job.Release)
				}
				if a.SetupStart != a.Start {
					t.Fatalf("operation %d/%d has a setup", j, k)
				}
			}
			if a.Start < prevEnd {
				t.Fatalf("operation %d/%d starts %d before its predecessor ends %d", j, k, a.Start, prevEnd)
			}
			prevEnd = a.End
			byMachine[a.Machine] = append(byMachine[a.Machine], a)
			cmax = max(cmax, a.End)
		}
	}
	if len(got) != p.NumOperations() {
		t.Fatalf("%d assignments for %d operations", len(got), p.NumOperations())
	}
	for m, as := range byMachine {
		sort.Slice(as, func(a, b int) bool {
			if as[a].Start != as[b].Start {
				return as[a].Start < as[b].Start
			}
			return as[a].End < as[b].End
		})
		for i := 1; i < len(as); i++ {
			if as[i].Start < as[i-1].End {
				t.Fatalf("machine %d: overlap %+v %+v", m, as[i-1], as[i])
			}
		}
	}
	return cmax
}
