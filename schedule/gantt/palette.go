package gantt

import (
	"fmt"
	"math"
)

// color is a job's fill, outline and label colours.
type color struct {
	fill, dark, text string
}

// jobColor returns the colour of job j: hues spread by the golden angle so
// that neighbouring jobs differ, with three lightness levels so that jobs
// whose hues come close again still differ. The result depends on j only.
func jobColor(j int) color {
	h := math.Mod(float64(j)*137.508+18, 360)
	levels := [...]struct{ s, l float64 }{{0.62, 0.62}, {0.50, 0.76}, {0.55, 0.50}}
	lv := levels[(j/3)%len(levels)]
	fill := hsl(h, lv.s, lv.l)
	dark := hsl(h, lv.s, lv.l*0.55)
	text := "#111111"
	if relLuminance(h, lv.s, lv.l) < 0.33 {
		text = "#ffffff"
	}
	return color{fill: fill, dark: dark, text: text}
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

func hsl(h, s, l float64) string {
	r, g, b := hslRGB(h, s, l)
	return fmt.Sprintf("#%02x%02x%02x", int(math.Round(r*255)), int(math.Round(g*255)), int(math.Round(b*255)))
}

func relLuminance(h, s, l float64) float64 {
	r, g, b := hslRGB(h, s, l)
	lin := func(c float64) float64 {
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
