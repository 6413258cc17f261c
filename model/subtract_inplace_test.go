package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomNormalized returns a normalized list of up to n intervals in
// [0, 100).
func randomNormalized(r *rand.Rand, n int) []Interval {
	var ivs []Interval
	for range r.IntN(n + 1) {
		s := r.Int64N(100)
		ivs = append(ivs, Interval{s, s + 1 + r.Int64N(20)})
	}
	return Normalize(ivs)
}

// TestSubtractInPlace checks subtractInPlace against Subtract, with and
// without spare capacity.
func TestSubtractInPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		a := randomNormalized(r, 12)
		b := randomNormalized(r, 6)
		want := Subtract(slices.Clone(a), b)
		for _, spare := range []int{0, len(b)} {
			in := append(make([]Interval, 0, len(a)+spare), a...)
			got := subtractInPlace(in, b)
			if !slices.Equal(got, want) || (len(b) > 0 && (got == nil) != (want == nil)) {
				t.Fatalf("subtractInPlace(%v, %v) with %d spare = %v, want %v", a, b, spare, got, want)
			}
		}
	}
}
