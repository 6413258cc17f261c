package model

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSimpleISODuration holds simpleISODuration against parseISODuration:
// whatever the fast reader accepts, the exact one accepts with the same
// value, on the common forms (which it must accept) and on random strings
// over the alphabet of durations.
func TestSimpleISODuration(t *testing.T) {
	check := func(s string) bool {
		t.Helper()
		ns, ok := simpleISODuration(s)
		if !ok {
			return false
		}
		r, err := parseISODuration(s)
		if err != nil {
			t.Fatalf("simpleISODuration(%q) = %d, but parseISODuration fails: %v", s, ns, err)
		}
		if r.Cmp(new(big.Rat).SetInt64(ns)) != 0 {
			t.Fatalf("simpleISODuration(%q) = %d, parseISODuration = %s", s, ns, r.RatString())
		}
		return true
	}
	for _, s := range []string{"PT1M", "PT90M", "PT1H30M", "P2D", "P1W", "P1W2DT3H4M5S", "PT0S", "P0D", "PT45S", "P01D", "P10000W"} {
		if !check(s) {
			t.Errorf("simpleISODuration(%q) is not read", s)
		}
	}
	for _, s := range []string{"", "P", "PT", "P1DT", "PT1D", "P1M", "P1Y", "PT1H1H", "PT1M1H", "P1D1W", "pt1m", " PT1M", "+PT1M", "-PT1M",
		"PT1.5M", "PT1,5M", "PT-1M", "PTT1M", "P1DTT1H", "PT99999999999999999999S", "P9999999999999W", "PT1"} {
		if check(s) {
			t.Errorf("simpleISODuration(%q) is read; parseISODuration should decide", s)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := "PTWDHMSY0123456789.,+-pt "
	for range 200000 {
		var b strings.Builder
		if r.IntN(4) > 0 {
			b.WriteByte('P')
		}
		for range r.IntN(10) {
			if r.IntN(3) == 0 {
				b.WriteString([]string{"1", "12", "0", "9223372036854775807", "1000000"}[r.IntN(5)])
			}
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		check(b.String())
	}
}
