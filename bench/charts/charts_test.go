package charts_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/bench/charts"
	"gonum.org/v1/plot/plotutil"
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
	// The deviation, then one progress plot per instance, in order.
	want := []string{"deviation.svg", "progress-aa1.svg", "progress-aa2.svg", "progress-bb1.svg", "progress-bb2.svg"}
	if len(figs) != len(want) {
		t.Fatalf("figures %+v, want %v", figs, want)
	}
	for i, f := range figs {
		if f.File != want[i] {
			t.Errorf("figure %d is %s, want %s", i, f.File, want[i])
		}
		if c := xmlCheck(t, filepath.Join(dir, f.File)); c["svg"] != 1 || c["path"] == 0 {
			t.Errorf("%s elements: %v", f.File, c)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(want) {
		t.Errorf("%d files written, want %d", len(entries), len(want))
	}
	// bb2 is tracked: its progress plot shows its tracked runs (both
	// seeds); the others show the first seed of each solver.
	svg, _ := os.ReadFile(filepath.Join(dir, "progress-bb2.svg"))
	for _, want := range []string{"Objective over time: bb2", "search seed 1", "greedy seed 2", "best known 45"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("progress-bb2.svg lacks %q", want)
		}
	}
	svg, _ = os.ReadFile(filepath.Join(dir, "progress-aa1.svg"))
	for _, want := range []string{"Objective over time: aa1", "search seed 1", "greedy seed 1", "best known 30"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("progress-aa1.svg lacks %q", want)
		}
	}
	if bytes.Contains(svg, []byte("seed 2")) {
		t.Error("progress-aa1.svg shows a second seed")
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
	if !bytes.Contains(md, []byte("![Objective over time: aa2](progress-aa2.svg)")) || !bytes.Contains(md, []byte("(deviation.svg)")) {
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

// svgPaths returns the bounding boxes (width, height) of the filled paths
// of svg whose fill is col.
func svgPaths(t *testing.T, svg []byte, col color.Color) [][2]float64 {
	t.Helper()
	r, g, b, _ := col.RGBA()
	fill := fmt.Sprintf("fill:#%02X%02X%02X", r>>8, g>>8, b>>8)
	var out [][2]float64
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "path" {
			continue
		}
		var path, style string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "d":
				path = a.Value
			case "style":
				style = a.Value
			}
		}
		if !strings.Contains(style, fill) {
			continue
		}
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, pt := range strings.FieldsFunc(path, func(r rune) bool { return r == 'M' || r == 'L' || r == 'Z' }) {
			var x, y float64
			if _, err := fmt.Sscanf(pt, "%g,%g", &x, &y); err != nil {
				t.Fatalf("path %q: %v", path, err)
			}
			minX, maxX = math.Min(minX, x), math.Max(maxX, x)
			minY, maxY = math.Min(minY, y), math.Max(maxY, y)
		}
		out = append(out, [2]float64{maxX - minX, maxY - minY})
	}
}

// TestZeroBar: a solver at 0 % deviation gets a visible bar labelled
// "0.00 %"; a solver without a known deviation on a family gets no bar
// and no label there.
func TestZeroBar(t *testing.T) {
	var recs []bench.Record
	add := func(inst, fam, solver string, mk, ub int64) {
		r := bench.Record{Instance: inst, Family: fam, N: 3, M: 3, Solver: solver, Seed: 1, Objective: "makespan",
			Value: float64(mk), Makespan: mk, BestUB: ub, RPD: math.NaN(), Bound: math.NaN(), Checked: true}
		if ub > 0 {
			r.RPD = 100 * float64(mk-ub) / float64(ub)
		}
		recs = append(recs, r)
	}
	add("aa1", "aa", "greedy", 60, 50) // 20 %
	add("aa1", "aa", "search", 50, 50) // 0 %
	add("bb1", "bb", "greedy", 44, 40) // 10 %
	add("bb1", "bb", "search", 40, 0)  // unknown bound: no bar
	dir := t.TempDir()
	if _, err := charts.Write(dir, recs); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "deviation.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">0.00 %<", ">20.00 %<", ">10.00 %<"} {
		if n := bytes.Count(svg, []byte(want)); n != 1 {
			t.Errorf("deviation.svg holds %q %d times, want once", want, n)
		}
	}
	// search is the second solver: the legend's box and one bar (aa),
	// both with an area; a bar at zero height would be degenerate.
	var visible int
	for _, wh := range svgPaths(t, svg, plotutil.Color(1)) {
		if wh[0] > 0 && wh[1] > 0 {
			visible++
			if wh[1] < 2 {
				t.Errorf("search's shape %v is under 2 pt high", wh)
			}
		}
	}
	if visible != 2 {
		t.Errorf("%d shapes of search's colour with an area, want 2 (legend and the bar of aa)", visible)
	}
	// greedy: the legend and two bars.
	visible = 0
	for _, wh := range svgPaths(t, svg, plotutil.Color(0)) {
		if wh[0] > 0 && wh[1] > 0 {
			visible++
		}
	}
	if visible != 3 {
		t.Errorf("%d shapes of greedy's colour with an area, want 3", visible)
	}
}

// TestIntegerTicks: a makespan axis is labelled with integers whatever
// its range; an objective with fractions keeps fractional ticks.
func TestIntegerTicks(t *testing.T) {
	for _, c := range []struct{ lo, hi float64 }{
		{1234, 1235}, {1234, 1237}, {55, 61}, {0, 9}, {666, 735}, {1000, 5000}, {98765, 123456}, {1, 2.5e9},
	} {
		r := bench.Record{Instance: "x1", Family: "x", Solver: "s", Seed: 1, Objective: "makespan", Makespan: int64(c.lo),
			BestUB: int64(c.lo), Bound: math.NaN(), RPD: 0, Checked: true, Elapsed: 2 * time.Second,
			Trace: []bench.TracePoint{{Elapsed: time.Second / 3, Objective: c.hi}, {Elapsed: time.Second, Objective: c.lo}}}
		p := charts.ProgressPlot([]bench.Record{r})
		ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
		labelled := 0
		prev := math.Inf(-1)
		for _, tk := range ticks {
			if tk.Value <= prev {
				t.Errorf("%v: ticks not increasing: %v", c, ticks)
				break
			}
			prev = tk.Value
			if tk.Value != math.Trunc(tk.Value) {
				t.Errorf("%v: tick at %v", c, tk.Value)
			}
			if tk.Label == "" {
				continue
			}
			labelled++
			if v, err := strconv.ParseInt(tk.Label, 10, 64); err != nil || float64(v) != tk.Value {
				t.Errorf("%v: tick %v labelled %q", c, tk.Value, tk.Label)
			}
		}
		if labelled < 2 || labelled > 12 || len(ticks) > 60 {
			t.Errorf("%v: %d labelled ticks of %d over [%g, %g]", c, labelled, len(ticks), p.Y.Min, p.Y.Max)
		}
		// The labels are the ones drawn.
		dir := t.TempDir()
		if _, err := charts.Write(dir, []bench.Record{r}); err != nil {
			t.Fatal(err)
		}
		svg, _ := os.ReadFile(filepath.Join(dir, "progress-x1.svg"))
		for _, tk := range ticks {
			if tk.Label != "" && !bytes.Contains(svg, []byte(">"+tk.Label+"<")) {
				t.Errorf("%v: progress-x1.svg lacks the tick label %q", c, tk.Label)
			}
		}
	}
	// A weighted tardiness of fractions: fractional ticks.
	r := bench.Record{Instance: "x1", Family: "x", Solver: "s", Seed: 1, Objective: "weighted-tardiness", Bound: math.NaN(),
		RPD: math.NaN(), Checked: true, Elapsed: time.Second,
		Trace: []bench.TracePoint{{Elapsed: time.Second / 3, Objective: 0.75}, {Elapsed: time.Second, Objective: 0.25}}}
	p := charts.ProgressPlot([]bench.Record{r})
	fractional := false
	for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		fractional = fractional || (tk.Label != "" && tk.Value != math.Trunc(tk.Value))
	}
	if !fractional {
		t.Error("an objective between 0.25 and 0.75 has no fractional tick")
	}
}

// TestProgressPerInstance: one progress plot per instance with a trace,
// with file names made safe and distinct.
func TestProgressPerInstance(t *testing.T) {
	var recs []bench.Record
	for _, inst := range []string{"gen:20:5", "gen/20/5", "plant", "Plant", "empty"} {
		for _, sv := range []string{"a", "b"} {
			r := bench.Record{Instance: inst, Family: "g", Solver: sv, Seed: 1, Objective: "makespan", Makespan: 9,
				Bound: math.NaN(), RPD: math.NaN(), Checked: true, Elapsed: time.Second}
			if inst != "empty" {
				r.Trace = []bench.TracePoint{{Elapsed: time.Millisecond, Objective: 12}, {Elapsed: time.Second / 2, Objective: 9}}
			}
			recs = append(recs, r)
		}
	}
	dir := t.TempDir()
	figs, err := charts.Write(dir, recs)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	titles := map[string]bool{}
	for _, f := range figs {
		lower := strings.ToLower(f.File)
		if seen[lower] || strings.ContainsAny(f.File, ":/\\") || !strings.HasPrefix(f.File, "progress-") {
			t.Errorf("file name %q (seen %v)", f.File, seen[lower])
		}
		seen[lower] = true
		titles[f.Title] = true
		if c := xmlCheck(t, filepath.Join(dir, f.File)); c["svg"] != 1 {
			t.Errorf("%s: %v", f.File, c)
		}
	}
	if len(figs) != 4 {
		t.Errorf("%d figures, want 4 (no trace on empty, no deviation): %+v", len(figs), figs)
	}
	for _, inst := range []string{"gen:20:5", "gen/20/5", "plant", "Plant"} {
		if !titles["Objective over time: "+inst] {
			t.Errorf("no progress plot of %s: %+v", inst, figs)
		}
	}
}
