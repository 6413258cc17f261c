package server

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// countingStore counts the token lookups of the store it wraps.
type countingStore struct {
	Store
	lookups atomic.Int64
}

func (c *countingStore) TokenByHash(ctx context.Context, hash string) (TokenRecord, error) {
	c.lookups.Add(1)
	return c.Store.TokenByHash(ctx, hash)
}

// TestTokenCache checks that a verified token is looked up in the store
// once, that unknown tokens are looked up every time (so a token created
// meanwhile works at once), that a viewer's cached token is still refused
// a write, and that with a negative TokenCacheTTL every request asks the
// store.
func TestTokenCache(t *testing.T) {
	ctx := context.Background()
	for _, ttl := range []time.Duration{0, -1} {
		st, err := OpenStore(ctx, sqliteSpec(t))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		cs := &countingStore{Store: st}
		srv, err := New(ctx, Config{Store: cs, Logger: quietLogger(), TokenCacheTTL: ttl})
		if err != nil {
			t.Fatal(err)
		}
		viewer, err := CreateToken(ctx, st, "north", Role{Kind: RoleViewer})
		if err != nil {
			t.Fatal(err)
		}
		do := func(method, path, token string) int {
			req := httptest.NewRequest(method, path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			w := httptest.NewRecorder()
			srv.Handler().ServeHTTP(w, req)
			return w.Code
		}
		for range 3 {
			if code := do("GET", "/v1/plans", viewer); code != http.StatusOK {
				t.Fatalf("ttl %v: viewer lists plans: %d", ttl, code)
			}
			if code := do("POST", "/v1/plans", viewer); code != http.StatusForbidden {
				t.Fatalf("ttl %v: viewer creates a plan: %d, want 403", ttl, code)
			}
		}
		want := int64(1)
		if ttl < 0 {
			want = 6
		}
		if n := cs.lookups.Load(); n != want {
			t.Errorf("ttl %v: %d store lookups for 6 requests with one token, want %d", ttl, n, want)
		}
		cs.lookups.Store(0)
		for range 2 {
			if code := do("GET", "/v1/plans", "ordo_unknown"); code != http.StatusUnauthorized {
				t.Fatalf("ttl %v: unknown token: %d", ttl, code)
			}
		}
		if n := cs.lookups.Load(); n != 2 {
			t.Errorf("ttl %v: %d store lookups for 2 requests with an unknown token, want 2", ttl, n)
		}
		planner, err := CreateToken(ctx, st, "north", Role{Kind: RolePlanner})
		if err != nil {
			t.Fatal(err)
		}
		if code := do("GET", "/v1/plans", planner); code != http.StatusOK {
			t.Errorf("ttl %v: a token created after the server started: %d", ttl, code)
		}
	}
}

// TestTokenCacheExpiry checks the cache's entries against the clock it
// is given: trusted before ttl has passed, not at ttl, and the number of
// entries bounded.
func TestTokenCacheExpiry(t *testing.T) {
	if newTokenCache(0, 10) != nil || newTokenCache(-time.Second, 10) != nil {
		t.Fatal("a cache with no positive ttl")
	}
	c := newTokenCache(10*time.Second, 4)
	t0 := time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)
	h := sha256.Sum256([]byte("ordo_a"))
	who := Principal{Plant: "north", Role: Role{Kind: RolePlanner}}
	if _, ok := c.get(h, t0); ok {
		t.Fatal("an empty cache knows a token")
	}
	c.put(h, who, t0)
	if got, ok := c.get(h, t0.Add(10*time.Second-time.Nanosecond)); !ok || got != who {
		t.Errorf("before the ttl: %+v, %v", got, ok)
	}
	if _, ok := c.get(h, t0.Add(10*time.Second)); ok {
		t.Error("trusted after the ttl")
	}
	if _, ok := c.get(sha256.Sum256([]byte("ordo_b")), t0); ok {
		t.Error("another token is known")
	}
	for i := range 20 {
		c.put(sha256.Sum256(fmt.Appendf(nil, "ordo_%d", i)), who, t0.Add(time.Duration(i)*time.Second))
		if len(c.m) > 4 {
			t.Fatalf("%d entries, at most 4", len(c.m))
		}
	}
	// the last one put is there
	if _, ok := c.get(sha256.Sum256([]byte("ordo_19")), t0.Add(20*time.Second)); !ok {
		t.Error("the last token put is not known")
	}
}
