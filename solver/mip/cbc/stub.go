//go:build !cbc

package cbc

import (
	"context"
	"fmt"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// Available reports whether the CBC binding is compiled in (build tag cbc).
const Available = false

// Backend is the CBC backend; in this build it only reports that it is
// unavailable.
type Backend struct{}

// New returns the CBC backend.
func New() *Backend { return &Backend{} }

// Name returns "cbc".
func (*Backend) Name() string { return "cbc" }

// Solve returns an error wrapping lp.ErrUnavailable: ordo was built without
// the cbc tag.
func (*Backend) Solve(context.Context, *lp.Model, lp.Params) (*lp.Solution, error) {
	return nil, fmt.Errorf("cbc: %w: built without the cbc tag (go build -tags cbc, needs coinor-libcbc-dev)", lp.ErrUnavailable)
}
