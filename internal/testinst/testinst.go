// Package testinst gives tests the classic instances they share: ft06 and
// ft10 built in (two small published instances, kept as text so that a
// reader sees them), and any instance of the benchmark data embedded in
// package instance (or of the folder named by ORDO_DATA), so that no test
// ever skips for want of data.
package testinst

import (
	"os"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
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

// ft10 is Fisher & Thompson's 10x10 instance (optimum 930), standard format.
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

func mustJSP(name, text string) *model.Problem {
	p, err := instance.ReadJSP(strings.NewReader(text), name)
	if err != nil {
		panic("testinst: " + err.Error())
	}
	return p
}

// FT06 returns a fresh copy of ft06 (6 jobs x 6 machines, optimum 55).
func FT06() *model.Problem { return mustJSP("ft06", ft06) }

// FT10 returns a fresh copy of ft10 (10 jobs x 10 machines, optimum 930).
func FT10() *model.Problem { return mustJSP("ft10", ft10) }

// data returns the benchmark data: the folder named by ORDO_DATA, or the
// embedded data.
func data(tb testing.TB) *instance.Data {
	tb.Helper()
	d, err := instance.OpenData("")
	if err != nil {
		tb.Fatalf("benchmark data: %v", err)
	}
	return d
}

// DataDir returns a folder holding the benchmark data (jsp/, fjsp/,
// bounds.csv, ...), for tests that need files: the folder named by
// ORDO_DATA, or else a copy of the embedded data in a temporary folder
// removed when tb ends.
func DataDir(tb testing.TB) string {
	tb.Helper()
	d := data(tb)
	if d.Dir() != "" {
		return d.Dir()
	}
	dir := tb.TempDir()
	if err := os.CopyFS(dir, d.FS()); err != nil {
		tb.Fatalf("copy of the embedded data: %v", err)
	}
	return dir
}

// Load returns the named instance of the benchmark data ("la01", "mk03",
// "ta41"), failing tb when it cannot be found or read.
func Load(tb testing.TB, name string) *model.Problem {
	tb.Helper()
	d := data(tb)
	p, err := d.Load(name)
	if err != nil {
		tb.Fatalf("instance %s of the %s: %v", name, d, err)
	}
	return p
}

// Bounds returns the best known bounds of the benchmark data (bounds.csv).
func Bounds(tb testing.TB) map[string]instance.Bound {
	tb.Helper()
	b, err := data(tb).Bounds()
	if err != nil {
		tb.Fatalf("bounds: %v", err)
	}
	if len(b) == 0 {
		tb.Fatalf("the %s has no %s", data(tb), instance.BoundsFile)
	}
	return b
}
