package main

import "testing"

// TestServeProcs: the service runs one P more than its cores with as many
// validation turns as cores, unless GOMAXPROCS is set in the environment.
func TestServeProcs(t *testing.T) {
	for _, c := range []struct {
		env                string
		cores, procs, turn int
	}{
		{"", 2, 3, 2},
		{"", 1, 2, 1},
		{"", 16, 17, 16},
		{"2", 2, 2, 2},
		{"8", 8, 8, 8},
	} {
		procs, turns := serveProcs(c.env, c.cores)
		if procs != c.procs || turns != c.turn {
			t.Errorf("GOMAXPROCS=%q on %d cores: %d procs, %d turns; want %d, %d", c.env, c.cores, procs, turns, c.procs, c.turn)
		}
	}
}
