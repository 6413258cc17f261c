//go:build !lpsolve

package lpsolve

import (
	"context"
	"fmt"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// Available reports whether the lp_solve binding is compiled in (build tag
// lpsolve).
const Available = false

// Backend is the lp_solve backend; in this build it only reports that it
// is unavailable.
type Backend struct{}

// New returns the lp_solve backend.
func New() *Backend { return &Backend{} }

// Name returns "lpsolve".
func (*Backend) Name() string { return "lpsolve" }

// Solve returns an error wrapping lp.ErrUnavailable: ordo was built without
// the lpsolve tag.
func (*Backend) Solve(context.Context, *lp.Model, lp.Params) (*lp.Solution, error) {
	return nil, fmt.Errorf("lpsolve: %w: built without the lpsolve tag (go build -tags lpsolve, needs liblpsolve55-dev)", lp.ErrUnavailable)
}
