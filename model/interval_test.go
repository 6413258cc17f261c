package model

import (
	"math/rand/v2"
	"testing"
)

// TestWorkIn holds WorkIn against a tick-by-tick count on random
// calendars and windows.
func TestWorkIn(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 2000; n++ {
		var ivs []Interval
		for k := rng.IntN(6); k > 0; k-- {
			a := rng.Int64N(60)
			ivs = append(ivs, Interval{a, a + rng.Int64N(15)})
		}
		ivs = Normalize(ivs)
		s, e := rng.Int64N(80)-10, rng.Int64N(80)-10
		var want int64
		for x := s; x < e; x++ {
			for _, iv := range ivs {
				if iv.Start <= x && x < iv.End {
					want++
				}
			}
		}
		if got := WorkIn(ivs, s, e); got != want {
			t.Fatalf("WorkIn(%v, %d, %d) = %d, want %d", ivs, s, e, got, want)
		}
	}
}
