package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
)

// TestAdmit: a request waits for a free turn, and gives up when its
// client does (no turn taken).
func TestAdmit(t *testing.T) {
	s := &Server{cpu: make(chan struct{}, 1)}
	r := httptest.NewRequest(http.MethodPost, "/v1/validate", nil)
	done, ok := s.admit(r)
	if !ok {
		t.Fatal("a free turn was refused")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, ok := s.admit(r.WithContext(ctx)); ok {
		t.Fatal("a request whose client is gone was admitted while the only turn is taken")
	}
	done()
	done2, ok := s.admit(r)
	if !ok || len(s.cpu) != 1 {
		t.Fatalf("after the turn ended: ok %v, %d turns taken", ok, len(s.cpu))
	}
	done2()
	if len(s.cpu) != 0 {
		t.Fatalf("%d turns still taken", len(s.cpu))
	}
}

// TestCPUTurns: the server takes Config.CPUTurns validations at once,
// GOMAXPROCS of them when the configuration leaves it at 0.
func TestCPUTurns(t *testing.T) {
	for _, c := range []struct{ set, want int }{{0, runtime.GOMAXPROCS(0)}, {3, 3}, {1, 1}} {
		e := newEnv(t, sqliteSpec(t), Config{CPUTurns: c.set})
		if got := cap(e.srv.cpu); got != c.want {
			t.Errorf("CPUTurns %d: %d turns, want %d", c.set, got, c.want)
		}
		e.close()
	}
}
