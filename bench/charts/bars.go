package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// minBarHeight is the drawn height of a bar whose value is zero (or too
// small to see), so that a solver at 0 % still shows its colour.
const minBarHeight = vg.Length(2.5)

// labelGap separates a bar's top from its value label.
const labelGap = vg.Length(2)

// valueBars is one series of a grouped bar chart: one bar per category
// (x = 0, 1, ...), shifted by offset, each labelled with its value. A NaN
// value is a missing bar: nothing is drawn for it. Unlike
// plotter.BarChart, a bar of height zero is drawn as a thin bar of
// minBarHeight, outlined, so that it stays visible.
type valueBars struct {
	values []float64 // NaN: no bar
	width  vg.Length
	offset vg.Length
	color  color.Color
	// label formats a value; vertical sets the labels upright (for bars
	// narrower than their labels).
	label    func(float64) string
	vertical bool
	font     text.Style
}

// labelStyle is the style of the value labels.
func (b *valueBars) labelStyle() text.Style {
	st := b.font
	st.Color = color.Gray{Y: 40}
	if b.vertical {
		st.Rotation = math.Pi / 2
		st.XAlign, st.YAlign = text.XLeft, text.YCenter
	} else {
		st.XAlign, st.YAlign = text.XCenter, text.YBottom
	}
	return st
}

// Plot implements plot.Plotter.
func (b *valueBars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	st := b.labelStyle()
	outline := draw.LineStyle{Color: darker(b.color), Width: vg.Points(0.75)}
	for i, v := range b.values {
		if math.IsNaN(v) {
			continue
		}
		x := trX(float64(i))
		if !c.ContainsX(x) {
			continue
		}
		lo, hi := x-b.width/2+b.offset, x+b.width/2+b.offset
		y0 := trY(0)
		y1 := trY(math.Max(0, v))
		thin := y1-y0 < minBarHeight
		if thin {
			y1 = y0 + minBarHeight
		}
		pts := []vg.Point{{X: lo, Y: y0}, {X: lo, Y: y1}, {X: hi, Y: y1}, {X: hi, Y: y0}}
		c.FillPolygon(b.color, c.ClipPolygonY(pts))
		if thin {
			c.StrokeLines(outline, c.ClipLinesY(append(pts, pts[0]))...)
		}
		c.FillText(st, vg.Point{X: (lo + hi) / 2, Y: y1 + labelGap}, b.label(v))
	}
}

// DataRange implements plot.DataRanger: the categories and the values
// (from zero).
func (b *valueBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, float64(len(b.values)-1)
	for _, v := range b.values {
		if !math.IsNaN(v) {
			ymax = math.Max(ymax, v)
		}
	}
	return xmin, xmax, 0, ymax
}

// GlyphBoxes implements plot.GlyphBoxer: the bars' sides and their
// labels, so that the plot leaves room for them.
func (b *valueBars) GlyphBoxes(plt *plot.Plot) []plot.GlyphBox {
	st := b.labelStyle()
	var boxes []plot.GlyphBox
	for i, v := range b.values {
		if math.IsNaN(v) {
			continue
		}
		r := st.Rectangle(b.label(v))
		r.Min.X += b.offset
		r.Max.X += b.offset
		r.Min.Y += labelGap + minBarHeight
		r.Max.Y += labelGap + minBarHeight
		boxes = append(boxes, plot.GlyphBox{
			X:         plt.X.Norm(float64(i)),
			Y:         plt.Y.Norm(math.Max(0, v)),
			Rectangle: r,
		})
	}
	return boxes
}

// Thumbnail implements plot.Thumbnailer for the legend.
func (b *valueBars) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y}}
	c.FillPolygon(b.color, c.ClipPolygonY(pts))
}

// darker returns c at 60 % of its brightness.
func darker(c color.Color) color.Color {
	r, g, bl, a := c.RGBA()
	return color.RGBA64{R: uint16(r * 6 / 10), G: uint16(g * 6 / 10), B: uint16(bl * 6 / 10), A: uint16(a)}
}

// percent formats a deviation for a bar's label with two decimals
// (never "-0.00 %").
func percent(v float64) string {
	if math.Abs(v) < 0.005 {
		v = 0
	}
	return fmt.Sprintf("%.2f %%", v)
}
