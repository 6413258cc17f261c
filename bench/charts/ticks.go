package charts

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// integerTicks is a plot.Ticker for integer quantities (makespans): major
// ticks at multiples of a step of 1, 2 or 5 times a power of ten, never
// below 1, labelled as integers; minor ticks between them when they fall
// on integers too.
type integerTicks struct{}

var _ plot.Ticker = integerTicks{}

// maxTicks bounds the ticks integerTicks returns over any range.
const maxTicks = 200

// Ticks implements plot.Ticker.
func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	if math.IsNaN(lo) || math.IsNaN(hi) || hi < lo {
		return nil
	}
	if math.Abs(lo) > 1e15 || math.Abs(hi) > 1e15 {
		// Beyond exact integer arithmetic: the default ticks.
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step := integerStep(hi - lo)
	minor := int64(0)
	switch {
	case step%5 == 0 && step >= 5:
		minor = step / 5
	case step%2 == 0:
		minor = step / 2
	}
	var ticks []plot.Tick
	first, last := math.Ceil(lo), math.Floor(hi)
	inc := step
	if minor > 0 {
		inc = minor
	}
	start := int64(math.Ceil(lo/float64(inc))) * inc
	for v := start; float64(v) <= last && len(ticks) < maxTicks; v += inc {
		t := plot.Tick{Value: float64(v)}
		if v%step == 0 {
			t.Label = strconv.FormatInt(v, 10)
		}
		ticks = append(ticks, t)
	}
	if len(ticks) == 0 && first <= last {
		ticks = append(ticks, plot.Tick{Value: first, Label: strconv.FormatInt(int64(first), 10)})
	}
	return ticks
}

// integerStep returns the step between labelled ticks over a range of
// span: the smallest of 1, 2, 5, 10, 20, 50... giving at most six
// intervals.
func integerStep(span float64) int64 {
	step := int64(1)
	for m := 0; float64(step)*6 < span && step < math.MaxInt64/10; m++ {
		switch m % 3 {
		case 0, 2:
			step *= 2
		case 1:
			step = step / 2 * 5
		}
	}
	return step
}
