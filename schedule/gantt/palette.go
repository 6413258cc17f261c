package gantt

import (
	"fmt"
	"math"
)

// color is a job's fill, outline and label colours.
type color struct {
	fill, dark, text string
}

// basePalette holds the colours of the first jobs: a qualitative palette of
// twenty well-separated hues in two lightness levels, without pure red
// (red marks late orders).
var basePalette = [...]string{
	"#4e79a7", "#f28e2b", "#a463f2", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
	"#a0cbe8", "#ffbe7d", "#c9b2f5", "#86bcb6", "#8cd17d", "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e",
}

// jobColor returns the colour of job j: the base palette for the first
// twenty jobs, then hues spread by the golden angle with three lightness
// levels. The result depends on j only.
func jobColor(j int) color {
	if j >= 0 && j < len(basePalette) {
		var r, g, b int
		fmt.Sscanf(basePalette[j], "#%02x%02x%02x", &r, &g, &b)
		rf, gf, bf := float64(r)/255, float64(g)/255, float64(b)/255
		return colorOf(rf, gf, bf)
	}
	h := math.Mod(float64(j)*137.508+18, 360)
	levels := [...]struct{ s, l float64 }{{0.62, 0.62}, {0.50, 0.76}, {0.55, 0.50}}
	lv := levels[(j/3)%len(levels)]
	return colorOf(hslRGB(h, lv.s, lv.l))
}

// colorOf returns the fill r, g, b (0..1), a darker outline and a readable
// label colour.
func colorOf(r, g, b float64) color {
	hex := func(r, g, b float64) string {
		return fmt.Sprintf("#%02x%02x%02x", int(math.Round(r*255)), int(math.Round(g*255)), int(math.Round(b*255)))
	}
	text := "#111111"
	if luminance(r, g, b) < 0.28 {
		text = "#ffffff"
	}
	return color{fill: hex(r, g, b), dark: hex(r*0.55, g*0.55, b*0.55), text: text}
}

func hslRGB(h, s, l float64) (r, g, b float64) {
	c := (1 - math.Abs(2*l-1)) * s
	hp := h / 60
	x := c * (1 - math.Abs(math.Mod(hp, 2)-1))
	switch {
	case hp < 1:
		r, g, b = c, x, 0
	case hp < 2:
		r, g, b = x, c, 0
	case hp < 3:
		r, g, b = 0, c, x
	case hp < 4:
		r, g, b = 0, x, c
	case hp < 5:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	m := l - c/2
	return r + m, g + m, b + m
}

// luminance is the relative luminance of an sRGB colour (WCAG).
func luminance(r, g, b float64) float64 {
	lin := func(c float64) float64 {
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
