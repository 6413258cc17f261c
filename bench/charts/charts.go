package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ordo-sched/ordo/bench"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Write writes deviation.svg (DeviationPlot) and one progress plot per
// instance, progress-INSTANCE.svg (ProgressPlot of bench.ProgressRuns of
// the instance's runs), into dir when records hold the data they need, and
// returns the files written, the deviation first and then the instances
// in the records' order. It is a bench.ChartWriter.
func Write(dir string, records []bench.Record) ([]bench.Figure, error) {
	var out []bench.Figure
	if p := DeviationPlot(records); p != nil {
		if err := savePlot(p, 0, filepath.Join(dir, "deviation.svg"), len(bench.Families(records))*len(bench.Solvers(records))); err != nil {
			return nil, err
		}
		out = append(out, bench.Figure{File: "deviation.svg", Title: "Mean deviation from the best known makespan by family and solver"})
	}
	used := map[string]bool{}
	for _, inst := range byInstance(records) {
		p := ProgressPlot(bench.ProgressRuns(inst.records))
		if p == nil {
			continue
		}
		file := progressFile(inst.name, used)
		if err := savePlot(p, 1, filepath.Join(dir, file), 0); err != nil {
			return nil, err
		}
		out = append(out, bench.Figure{File: file, Title: "Objective over time: " + inst.name})
	}
	return out, nil
}

// instanceRecords are the records of one instance.
type instanceRecords struct {
	name    string
	records []bench.Record
}

// byInstance groups records by instance, in the canonical order of
// bench.SortRecords.
func byInstance(records []bench.Record) []instanceRecords {
	sorted := slices.Clone(records)
	bench.SortRecords(sorted)
	var out []instanceRecords
	index := map[string]int{}
	for _, r := range sorted {
		k, ok := index[r.Instance]
		if !ok {
			k = len(out)
			index[r.Instance] = k
			out = append(out, instanceRecords{name: r.Instance})
		}
		out[k].records = append(out[k].records, r)
	}
	return out
}

// progressFile returns the file name of the progress plot of instance:
// progress-NAME.svg with every character but letters, digits, '.', '-'
// and '_' replaced by '_', made unique among used (which it updates).
func progressFile(instance string, used map[string]bool) string {
	var b strings.Builder
	for _, r := range instance {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	stem := "progress-" + strings.Trim(b.String(), ".")
	name := stem + ".svg"
	for k := 2; used[strings.ToLower(name)]; k++ {
		name = fmt.Sprintf("%s-%d.svg", stem, k)
	}
	used[strings.ToLower(name)] = true
	return name
}

var _ bench.ChartWriter = Write

// margin is the white space around every chart.
const margin = 6 * vg.Millimeter / 3

func savePlot(p *plot.Plot, kind int, name string, bars int) error {
	w := 8 * vg.Inch
	if kind == 0 {
		w = vg.Length(math.Max(8, math.Min(20, 2.5+0.35*float64(bars)))) * vg.Inch
	}
	h := 4.5 * vg.Inch
	// The plot inside a white margin, so that neither the title nor the
	// legend touches the image's edge.
	cv := vgsvg.New(w, h)
	dc := draw.New(cv)
	var bg vg.Path
	bg.Move(vg.Point{})
	bg.Line(vg.Point{X: w})
	bg.Line(vg.Point{X: w, Y: h})
	bg.Line(vg.Point{Y: h})
	bg.Close()
	dc.SetColor(color.White)
	dc.Fill(bg)
	p.Draw(draw.Crop(dc, margin, -margin, margin, -margin))
	var b bytes.Buffer
	if _, err := cv.WriteTo(&b); err != nil {
		return fmt.Errorf("charts: plot %s: %w", name, err)
	}
	return writeAtomic(name, b.Bytes())
}

// writeAtomic writes data to name through a temporary file in the same
// folder, so that a reader never sees a partial file.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("charts: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), name)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("charts: %w", werr)
	}
	return nil
}

// DeviationPlot returns a grouped bar chart of the mean relative deviation
// from the best known upper bound, one group per family and one bar per
// solver, each bar labelled with its value ("0.00 %" for a solver that
// reached every best known, drawn as a thin bar so that it stays visible);
// nil when no record has a known deviation.
func DeviationPlot(records []bench.Record) *plot.Plot {
	sums := bench.Summarize(records)
	fams := bench.Families(records)
	solvers := bench.Solvers(records)
	byKey := map[[2]string]bench.Summary{}
	any := false
	for _, s := range sums {
		byKey[[2]string{s.Family, s.Solver}] = s
		any = any || s.RPDRuns > 0
	}
	if !any {
		return nil
	}
	// Keep the families with data.
	var shown []string
	for _, f := range fams {
		for _, sv := range solvers {
			if byKey[[2]string{f, sv}].RPDRuns > 0 {
				shown = append(shown, f)
				break
			}
		}
	}
	p := plot.New()
	p.Title.Text = "Mean deviation from the best known makespan"
	p.Y.Label.Text = "mean RPD (%)"
	p.X.Label.Text = "instance family"
	p.Y.Min = 0
	p.Legend.Top = true
	sansSerif(p)
	width := vg.Points(math.Max(4, math.Min(18, 60/float64(len(solvers)))))
	series := make([]*valueBars, len(solvers))
	top, labelW := 0.0, vg.Length(0)
	for i, sv := range solvers {
		b := &valueBars{values: make([]float64, len(shown)), width: width,
			offset: width * vg.Length(float64(i)-float64(len(solvers)-1)/2),
			color:  plotutil.Color(i), label: percent, font: p.X.Tick.Label}
		b.font.Font.Size = vg.Points(7)
		for k, f := range shown {
			b.values[k] = math.NaN()
			if s := byKey[[2]string{f, sv}]; s.RPDRuns > 0 {
				b.values[k] = s.MeanRPD
				top = math.Max(top, s.MeanRPD)
				labelW = max(labelW, b.font.Width(percent(s.MeanRPD)))
			}
		}
		series[i] = b
	}
	// Labels wider than the bars stand upright.
	vertical := labelW > width+vg.Points(2)
	for i, b := range series {
		b.vertical = vertical
		p.Add(b)
		p.Legend.Add(solvers[i], b)
	}
	p.Add(plotter.NewGrid())
	p.NominalX(shown...)
	// Room on both sides of the groups, and above the bars for their
	// labels and the legend (one line per solver at the top right).
	p.X.Min, p.X.Max = -0.6, float64(len(shown))-0.4
	room := math.Min(0.6, 0.08+0.05*float64(len(solvers)))
	if vertical {
		room = math.Min(0.7, room+0.1)
	}
	p.Y.Max = math.Max(top, 0.1) / (1 - room)
	return p
}

// sansSerif sets every text of p in the sans-serif variant of the default
// font.
func sansSerif(p *plot.Plot) {
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		st.Font.Variant = "Sans"
	}
}

// ProgressPlot returns a step plot of the objective over time of runs
// (their Trace), each line held to the run's end; nil when no run has a
// trace. When every run is on the same instance, the title names it and
// a makespan plot shows the instance's best known upper bound. An
// objective whose values are all integers (a makespan) gets integer ticks.
func ProgressPlot(runs []bench.Record) *plot.Plot {
	runs = slices.DeleteFunc(slices.Clone(runs), func(r bench.Record) bool { return len(r.Trace) == 0 })
	if len(runs) == 0 {
		return nil
	}
	bench.SortRecords(runs)
	oneInstance := true
	for _, r := range runs {
		oneInstance = oneInstance && r.Instance == runs[0].Instance
	}
	p := plot.New()
	p.Title.Text = "Objective over time"
	if oneInstance {
		p.Title.Text += ": " + runs[0].Instance
	}
	p.X.Label.Text = "elapsed (s)"
	p.Y.Label.Text = runs[0].Objective
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	maxX := 0.0
	for _, r := range runs {
		maxX = math.Max(maxX, r.Elapsed.Seconds())
		for _, tp := range r.Trace {
			maxX = math.Max(maxX, tp.Elapsed.Seconds())
		}
	}
	for i, r := range runs {
		var xys plotter.XYs
		for _, tp := range r.Trace {
			xys = append(xys, plotter.XY{X: tp.Elapsed.Seconds(), Y: tp.Objective})
		}
		last := xys[len(xys)-1]
		end := math.Max(r.Elapsed.Seconds(), last.X)
		if end > last.X {
			xys = append(xys, plotter.XY{X: end, Y: last.Y})
		}
		line, err := plotter.NewLine(xys)
		if err != nil {
			continue
		}
		col := plotutil.Color(i)
		line.StepStyle = plotter.PostStep
		line.Color = col
		line.Width = vg.Points(1.5)
		line.Dashes = plotutil.Dashes(i / 7)
		p.Add(line)
		name := fmt.Sprintf("%s seed %d", r.Solver, r.Seed)
		if !oneInstance {
			name = r.Instance + " " + name
		}
		p.Legend.Add(name, line)
		// A dot where the run stopped, and a dotted line beyond it so
		// that runs ending early (constructive heuristics) stay visible.
		if sc, err := plotter.NewScatter(plotter.XYs{{X: end, Y: last.Y}}); err == nil {
			sc.GlyphStyle.Color = col
			sc.GlyphStyle.Shape = draw.CircleGlyph{}
			sc.GlyphStyle.Radius = vg.Points(3)
			p.Add(sc)
		}
		if end < maxX*0.99 {
			if ext, err := plotter.NewLine(plotter.XYs{{X: end, Y: last.Y}, {X: maxX, Y: last.Y}}); err == nil {
				ext.Color = col
				ext.Width = vg.Points(1)
				ext.Dashes = []vg.Length{vg.Points(1), vg.Points(3)}
				p.Add(ext)
			}
		}
	}
	// The best known upper bound, when every run is on the same instance.
	ub := runs[0].BestUB
	if !oneInstance {
		ub = 0
	}
	for _, r := range runs {
		if r.Objective != "makespan" {
			ub = 0
		}
	}
	if ub > 0 {
		ref, err := plotter.NewLine(plotter.XYs{{X: 0, Y: float64(ub)}, {X: math.Max(maxX*1.02, 0.001), Y: float64(ub)}})
		if err == nil {
			ref.Color = color.Gray{Y: 90}
			ref.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
			p.Add(ref)
			p.Legend.Add(fmt.Sprintf("best known %d", ub), ref)
		}
	}
	p.X.Min = 0
	p.X.Max = math.Max(maxX*1.02, 0.001)
	// Headroom above the first incumbents for the legend.
	lo, hi := math.Inf(1), math.Inf(-1)
	if ub > 0 {
		lo = float64(ub)
	}
	integral := true
	for _, r := range runs {
		for _, tp := range r.Trace {
			lo, hi = math.Min(lo, tp.Objective), math.Max(hi, tp.Objective)
			integral = integral && tp.Objective == math.Trunc(tp.Objective)
		}
	}
	if hi >= lo {
		span := math.Max(hi-lo, math.Max(1, 0.02*math.Abs(hi)))
		p.Y.Min = lo - 0.05*span
		lines := len(runs)
		if ub > 0 {
			lines++
		}
		p.Y.Max = hi + span*(0.1+0.08*float64(lines))
	}
	if integral {
		p.Y.Tick.Marker = integerTicks{}
	}
	sansSerif(p)
	p.Legend.TextStyle.Color = color.Black
	return p
}
