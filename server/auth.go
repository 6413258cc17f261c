package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Role is what a token may do within its plant: a planner reads and
// writes, a viewer reads, a team (team:GROUP) reads its own group's work
// lists only: the combined list of the plant's team GROUP and the single
// lists of that team's machines and pools, or, when no team has that
// name, the list of the machine or pool GROUP.
type Role struct {
	// Kind is "planner", "viewer" or "team".
	Kind string
	// Group is the team's group for Kind "team", empty otherwise: the name
	// of a team of the plant (PUT /v1/teams/{team}), else the ID of a
	// machine or an operator pool of the plant's problems, whose work
	// lists (GET .../worklists/{group}) the team reads.
	Group string
}

// The role kinds.
const (
	RolePlanner = "planner"
	RoleViewer  = "viewer"
	RoleTeam    = "team"
)

// ParseRole reads "planner", "viewer" or "team:GROUP".
func ParseRole(s string) (Role, error) {
	switch {
	case s == RolePlanner, s == RoleViewer:
		return Role{Kind: s}, nil
	case strings.HasPrefix(s, RoleTeam+":"):
		g := strings.TrimPrefix(s, RoleTeam+":")
		if err := checkName("team group", g); err != nil {
			return Role{}, err
		}
		return Role{Kind: RoleTeam, Group: g}, nil
	}
	return Role{}, fmt.Errorf("unknown role %q (want planner, viewer or team:GROUP)", s)
}

// String returns the role as ParseRole reads it.
func (r Role) String() string {
	if r.Kind == RoleTeam {
		return RoleTeam + ":" + r.Group
	}
	return r.Kind
}

// Access is what a route needs from a token.
type Access int

const (
	// Public routes need no token.
	Public Access = iota
	// Read routes need a planner or a viewer.
	Read
	// Write routes need a planner.
	Write
	// WorkList routes need a planner, a viewer or a team token: the
	// route's {group} is the token's group, or a machine or operator pool
	// of the team of that name (stored with PUT /v1/teams/{team}), which
	// the route's handler checks against the store (403 otherwise).
	WorkList
	// Team routes need a planner, a viewer, or the token of the team the
	// route's {team} names: a team's terminal reads which machines and
	// pools its combined work list holds.
	Team
)

// Allows reports whether role r may use a route needing a; group is the
// group a WorkList route names, or the team a Team route names. For WorkList, Allows is the first gate: a
// team token passes with its own group and with any other, and the
// route's handler then lets through only the machines and pools of its
// team (Server.mayReadWorkList), which needs the store.
func (r Role) Allows(a Access, group string) bool {
	switch a {
	case Public:
		return true
	case Read:
		return r.Kind == RolePlanner || r.Kind == RoleViewer
	case Write:
		return r.Kind == RolePlanner
	case WorkList:
		return r.Kind == RolePlanner || r.Kind == RoleViewer || (r.Kind == RoleTeam && group != "")
	case Team:
		return r.Kind == RolePlanner || r.Kind == RoleViewer || (r.Kind == RoleTeam && group != "" && group == r.Group)
	}
	return false
}

// checkName accepts names made of letters, digits, '.', '_' and '-' (1 to
// 64 of them): plants and team groups.
func checkName(what, s string) error {
	if s == "" || len(s) > 64 {
		return fmt.Errorf("%s %q: want 1 to 64 characters", what, s)
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return fmt.Errorf("%s %q: only letters, digits, '.', '_' and '-' are allowed", what, s)
		}
	}
	return nil
}

// tokenPrefix starts every token, so that a leaked one is recognisable.
const tokenPrefix = "ordo_"

// HashToken returns the hex SHA-256 of a token: what the store keeps.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// CreateToken makes a new random token (32 bytes from crypto/rand) for
// plant with role, stores its hash in st and returns the token: the only
// time it is seen.
func CreateToken(ctx context.Context, st Store, plant string, role Role) (string, error) {
	if err := checkName("plant", plant); err != nil {
		return "", err
	}
	if role.Kind != RolePlanner && role.Kind != RoleViewer && role.Kind != RoleTeam {
		return "", fmt.Errorf("unknown role %q", role.Kind)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	rec := TokenRecord{Hash: HashToken(token), Plant: plant, Role: role, Created: time.Now().UTC()}
	if err := st.CreateToken(ctx, rec); err != nil {
		return "", fmt.Errorf("store token: %w", err)
	}
	return token, nil
}

// Principal is who a request comes from: the plant and role of its token.
type Principal struct {
	Plant string
	Role  Role
}

var errNoToken = errors.New("no bearer token")

// bearer returns the token of an "Authorization: Bearer TOKEN" header.
func bearer(header string) (string, error) {
	if header == "" {
		return "", errNoToken
	}
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return "", errors.New("the Authorization header is not \"Bearer TOKEN\"")
	}
	return strings.TrimSpace(tok), nil
}

// tokenCache remembers, for a bounded time, the principals of tokens the
// store has verified, keyed by the tokens' SHA-256 (never the tokens), so
// that a request does not cost a store query. Only found tokens are
// remembered: a token created since (by ordo token create, in another
// process) is looked up in the store on its first use. A token record
// changed or deleted in the store is seen once its entry expires, at most
// ttl later.
type tokenCache struct {
	ttl time.Duration
	max int

	mu sync.RWMutex
	m  map[[sha256.Size]byte]tokenEntry
}

type tokenEntry struct {
	who   Principal
	until time.Time
}

// newTokenCache returns a cache keeping entries for ttl, at most max of
// them; nil (no cache) when ttl is not positive.
func newTokenCache(ttl time.Duration, max int) *tokenCache {
	if ttl <= 0 {
		return nil
	}
	return &tokenCache{ttl: ttl, max: max, m: map[[sha256.Size]byte]tokenEntry{}}
}

// get returns the principal of the token with hash h when it was verified
// less than ttl before now.
func (c *tokenCache) get(h [sha256.Size]byte, now time.Time) (Principal, bool) {
	if c == nil {
		return Principal{}, false
	}
	c.mu.RLock()
	e, ok := c.m[h]
	c.mu.RUnlock()
	if !ok || !now.Before(e.until) {
		return Principal{}, false
	}
	return e.who, true
}

// put remembers that the token with hash h belongs to who, as of now.
func (c *tokenCache) put(h [sha256.Size]byte, who Principal, now time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		for k, e := range c.m {
			if !now.Before(e.until) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= c.max {
			clear(c.m)
		}
	}
	c.m[h] = tokenEntry{who: who, until: now.Add(c.ttl)}
}
