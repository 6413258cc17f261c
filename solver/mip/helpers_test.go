package mip

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

const ft06 = `6 6
2 1 0 3 1 6 3 7 5 3 4 6
1 8 2 5 4 10 5 10 0 10 3 4
2 5 3 4 5 8 0 9 1 1 4 7
1 5 0 5 2 5 3 3 4 8 5 9
2 9 1 3 4 5 5 4 0 3 3 1
1 3 3 3 5 9 0 10 4 4 2 1
`

// parseJSP reads the standard OR-Library job-shop format.
func parseJSP(name, text string) (*model.Problem, error) {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Split(bufio.ScanWords)
	next := func() (int, error) {
		if !sc.Scan() {
			return 0, fmt.Errorf("unexpected end")
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
			mc, err := next()
			if err != nil {
				return nil, err
			}
			d, err := next()
			if err != nil {
				return nil, err
			}
			job.Operations = append(job.Operations, model.Operation{Alternatives: []model.Alternative{{Machine: strconv.Itoa(mc), Duration: int64(d)}}})
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p, nil
}

// dataDir finds ../shared/instances from the module root, or ORDO_DATA.
func dataDir(t testing.TB) string {
	if d := os.Getenv("ORDO_DATA"); d != "" {
		return d
	}
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			dd := filepath.Join(d, "..", "shared", "instances")
			if _, err := os.Stat(dd); err != nil {
				t.Skip("benchmark data not found")
			}
			return dd
		}
		if filepath.Dir(d) == d {
			t.Skip("module root not found")
		}
	}
}

func loadJSP(t testing.TB, name string) *model.Problem {
	data, err := os.ReadFile(filepath.Join(dataDir(t), "jsp", name+".txt"))
	if err != nil {
		t.Skip(err)
	}
	p, err := parseJSP(name, string(data))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
