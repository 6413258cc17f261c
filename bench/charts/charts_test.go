package charts_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/bench/charts"
)

// xmlCheck decodes the file as XML and counts the elements by name.
func xmlCheck(t *testing.T, name string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	counts := map[string]int{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
	return counts
}

// records returns two solvers' runs on two families, with bounds and
// traces; bb2 is tracked.
func records() []bench.Record {
	var recs []bench.Record
	for _, inst := range []struct {
		name, fam string
		ub        int64
	}{{"aa1", "aa", 30}, {"aa2", "aa", 35}, {"bb1", "bb", 40}, {"bb2", "bb", 45}} {
		for k, sv := range []string{"greedy", "search"} {
			for seed := uint64(1); seed <= 2; seed++ {
				mk := inst.ub + int64(5-3*k) + int64(seed)
				r := bench.Record{Instance: inst.name, Family: inst.fam, N: 4, M: 3, Solver: sv, Seed: seed,
					Objective: "makespan", Value: float64(mk), Makespan: mk, BestLB: 20, BestUB: inst.ub,
					RPD: 100 * float64(mk-inst.ub) / float64(inst.ub), Bound: math.NaN(), Checked: true,
					Elapsed: time.Duration(10*(k+1)) * time.Millisecond, Tracked: inst.name == "bb2"}
				r.Trace = []bench.TracePoint{
					{Elapsed: time.Millisecond, Objective: float64(mk + 9), Bound: math.NaN()},
					{Elapsed: 5 * time.Millisecond, Objective: float64(mk), Bound: math.NaN()},
				}
				recs = append(recs, r)
			}
		}
	}
	return recs
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	figs, err := charts.Write(dir, records())
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 2 || figs[0].File != "deviation.svg" || figs[1].File != "progress.svg" {
		t.Fatalf("figures %+v", figs)
	}
	for _, f := range figs {
		if c := xmlCheck(t, filepath.Join(dir, f.File)); c["svg"] != 1 || c["path"] == 0 {
			t.Errorf("%s elements: %v", f.File, c)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "progress.svg"))
	for _, want := range []string{"bb2 search seed 1", "bb2 greedy seed 2", "best known 45"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("progress.svg lacks the legend %q", want)
		}
	}
	dsvg, _ := os.ReadFile(filepath.Join(dir, "deviation.svg"))
	for _, want := range []string{"search", ">aa<", ">bb<"} {
		if !bytes.Contains(dsvg, []byte(want)) {
			t.Errorf("deviation.svg lacks %q", want)
		}
	}
	// Through bench.WriteReport: the report links the charts.
	out := t.TempDir()
	if err := bench.WriteReport(out, records(), "", "", charts.Write); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if !bytes.Contains(md, []byte("![Objective over time](progress.svg)")) || !bytes.Contains(md, []byte("(deviation.svg)")) {
		t.Errorf("report.md lacks the chart links:\n%s", md)
	}
}

func TestWriteWithoutData(t *testing.T) {
	// No bound and no trace: no chart.
	dir := t.TempDir()
	recs := []bench.Record{{Instance: "p1", Family: "p", Solver: "s", Makespan: 5, RPD: math.NaN(), Bound: math.NaN(), Checked: true}}
	figs, err := charts.Write(dir, recs)
	if err != nil || len(figs) != 0 {
		t.Errorf("figures %v, %v", figs, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
	if charts.ProgressPlot(nil) != nil || charts.DeviationPlot(nil) != nil {
		t.Error("a plot without runs")
	}
}
