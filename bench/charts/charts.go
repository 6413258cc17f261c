package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/ordo-sched/ordo/bench"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Write writes deviation.svg (DeviationPlot) and progress.svg
// (ProgressPlot of bench.ProgressRuns) into dir when records hold the data
// they need, and returns the files written. It is a bench.ChartWriter.
func Write(dir string, records []bench.Record) ([]bench.Figure, error) {
	var out []bench.Figure
	if p := DeviationPlot(records); p != nil {
		if err := savePlot(p, 0, filepath.Join(dir, "deviation.svg"), len(bench.Families(records))*len(bench.Solvers(records))); err != nil {
			return nil, err
		}
		out = append(out, bench.Figure{File: "deviation.svg", Title: "Mean deviation from the best known makespan by family and solver"})
	}
	if p := ProgressPlot(bench.ProgressRuns(records)); p != nil {
		if err := savePlot(p, 1, filepath.Join(dir, "progress.svg"), 0); err != nil {
			return nil, err
		}
		out = append(out, bench.Figure{File: "progress.svg", Title: "Objective over time"})
	}
	return out, nil
}

var _ bench.ChartWriter = Write

func savePlot(p *plot.Plot, kind int, name string, bars int) error {
	w := 8 * vg.Inch
	if kind == 0 {
		w = vg.Length(math.Max(8, math.Min(20, 2.5+0.35*float64(bars)))) * vg.Inch
	}
	wt, err := p.WriterTo(w, 4.5*vg.Inch, "svg")
	if err != nil {
		return fmt.Errorf("charts: plot %s: %w", name, err)
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
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
// solver; nil when no record has a known deviation.
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
	width := vg.Points(math.Max(4, math.Min(18, 60/float64(len(solvers)))))
	for i, sv := range solvers {
		vals := make(plotter.Values, len(shown))
		for k, f := range shown {
			if s := byKey[[2]string{f, sv}]; s.RPDRuns > 0 {
				vals[k] = math.Max(0, s.MeanRPD)
			}
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			continue
		}
		bars.Color = plotutil.Color(i)
		bars.LineStyle.Width = 0
		bars.Offset = width * vg.Length(float64(i)-float64(len(solvers)-1)/2)
		p.Add(bars)
		p.Legend.Add(sv, bars)
	}
	p.Add(plotter.NewGrid())
	p.NominalX(shown...)
	// Room on both sides of the groups and above the bars for the legend.
	p.X.Min, p.X.Max = -0.6, float64(len(shown))-0.4
	top := 0.0
	for _, f := range shown {
		for _, sv := range solvers {
			if s := byKey[[2]string{f, sv}]; s.RPDRuns > 0 {
				top = math.Max(top, s.MeanRPD)
			}
		}
	}
	p.Y.Max = math.Max(top, 0.1) * (1.15 + 0.07*float64(len(solvers)))
	sansSerif(p)
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
// trace.
func ProgressPlot(runs []bench.Record) *plot.Plot {
	if len(runs) == 0 {
		return nil
	}
	p := plot.New()
	p.Title.Text = "Objective over time"
	p.X.Label.Text = "elapsed (s)"
	p.Y.Label.Text = runs[0].Objective
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	runs = slices.Clone(runs)
	bench.SortRecords(runs)
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
		if len(xys) == 0 {
			continue
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
		p.Legend.Add(fmt.Sprintf("%s %s seed %d", r.Instance, r.Solver, r.Seed), line)
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
	for _, r := range runs {
		if r.Instance != runs[0].Instance || r.Objective != "makespan" {
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
	for _, r := range runs {
		for _, tp := range r.Trace {
			lo, hi = math.Min(lo, tp.Objective), math.Max(hi, tp.Objective)
		}
	}
	if hi >= lo {
		span := math.Max(hi-lo, math.Max(1, 0.02*math.Abs(hi)))
		p.Y.Min = lo - 0.05*span
		p.Y.Max = hi + span*(0.1+0.08*float64(len(runs)))
	}
	sansSerif(p)
	p.Legend.TextStyle.Color = color.Black
	return p
}
