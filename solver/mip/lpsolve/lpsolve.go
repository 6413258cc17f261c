//go:build lpsolve

package lpsolve

/*
#cgo CFLAGS: -I/usr/include/lpsolve
#cgo LDFLAGS: -llpsolve55 -lcolamd -lm -ldl
#include <stdlib.h>
#include <lp_lib.h>

// ordo_abort is lp_solve's abort callback: it stops the solve once the
// int pointed to by handle is non-zero. It also clears the minimum
// objective improvement that lp_solve assumed (bb_deltaOF, set by
// MIP_stepOF when solve() preprocesses the model, before the first
// branch-and-bound node, where this callback already runs): see the
// package documentation.
static int __WINAPI ordo_abort(lprec *lp, void *handle) {
	lp->bb_deltaOF = 0;
	return *(volatile int *)handle != 0;
}

static void ordo_set_abort(lprec *lp, int *flag) {
	put_abortfunc(lp, ordo_abort, flag);
}
*/
import "C"

import (
	"context"
	"fmt"
	"math"
	"unsafe"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// Available reports whether the lp_solve binding is compiled in (build tag
// lpsolve).
const Available = true

// Backend solves models with lp_solve 5.5 in-process. It implements
// lp.Backend; several goroutines may use one Backend at once (each Solve
// owns its lp_solve model).
type Backend struct{}

// New returns the lp_solve backend.
func New() *Backend { return &Backend{} }

// Name returns "lpsolve".
func (*Backend) Name() string { return "lpsolve" }

// Solve loads m into a new lp_solve model and solves it. The warm start is
// not used (lp_solve has none for MIPs); the bound is known only at
// optimality.
func (b *Backend) Solve(ctx context.Context, m *lp.Model, p lp.Params) (*lp.Solution, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	nc := len(m.Vars)
	lpr := C.make_lp(0, C.int(nc))
	if lpr == nil {
		return nil, fmt.Errorf("lpsolve: make_lp failed for %d columns", nc)
	}
	defer C.delete_lp(lpr)
	flag := (*C.int)(C.calloc(1, C.size_t(unsafe.Sizeof(C.int(0)))))
	defer C.free(unsafe.Pointer(flag))
	C.ordo_set_abort(lpr, flag)
	C.set_verbose(lpr, C.NEUTRAL)
	if p.Verbose {
		C.set_verbose(lpr, C.NORMAL)
	}
	inf := float64(C.get_infinite(lpr))
	bnd := func(v float64) C.double {
		switch {
		case math.IsInf(v, 1) || v >= inf:
			return C.double(inf)
		case math.IsInf(v, -1) || v <= -inf:
			return C.double(-inf)
		}
		return C.double(v)
	}
	// Scratch arrays in C memory, sized for the longest row.
	maxLen := nc
	for _, c := range m.Cons {
		maxLen = max(maxLen, len(c.Terms))
	}
	rowP := (*C.double)(C.calloc(C.size_t(max(maxLen, 1)), C.size_t(unsafe.Sizeof(C.double(0)))))
	colP := (*C.int)(C.calloc(C.size_t(max(maxLen, 1)), C.size_t(unsafe.Sizeof(C.int(0)))))
	defer C.free(unsafe.Pointer(rowP))
	defer C.free(unsafe.Pointer(colP))
	row := unsafe.Slice(rowP, max(maxLen, 1))
	col := unsafe.Slice(colP, max(maxLen, 1))
	n := 0
	for j, v := range m.Vars {
		if v.Obj != 0 {
			row[n], col[n] = C.double(v.Obj), C.int(j+1)
			n++
		}
	}
	if C.set_obj_fnex(lpr, C.int(n), rowP, colP) == 0 {
		return nil, fmt.Errorf("lpsolve: set_obj_fnex failed")
	}
	C.set_minim(lpr)
	C.set_add_rowmode(lpr, 1)
	for _, c := range m.Cons {
		for k, t := range c.Terms {
			row[k], col[k] = C.double(t.Coef), C.int(t.Var+1)
		}
		ct := C.int(C.LE)
		switch c.Sense {
		case lp.GE:
			ct = C.GE
		case lp.EQ:
			ct = C.EQ
		}
		if C.add_constraintex(lpr, C.int(len(c.Terms)), rowP, colP, ct, C.double(c.RHS)) == 0 {
			return nil, fmt.Errorf("lpsolve: add_constraintex failed on %s", c.Name)
		}
	}
	C.set_add_rowmode(lpr, 0)
	for j, v := range m.Vars {
		cj := C.int(j + 1)
		if math.IsInf(v.Lo, -1) && math.IsInf(v.Hi, 1) {
			C.set_unbounded(lpr, cj)
		} else {
			C.set_bounds(lpr, cj, bnd(v.Lo), bnd(v.Hi))
		}
		if v.Integer {
			C.set_int(lpr, cj, 1)
		}
		cs := C.CString(v.Name)
		C.set_col_name(lpr, cj, cs)
		C.free(unsafe.Pointer(cs))
	}
	// Exact MIP: no absolute or relative gap (lp_solve's defaults are
	// 1e-11 and 1e-9), so that "optimal" means optimal within the
	// feasibility tolerances; see the package documentation.
	C.set_mip_gap(lpr, 1, 0)
	C.set_mip_gap(lpr, 0, 0)
	if p.TimeLimit > 0 {
		C.set_timeout(lpr, C.long(max(1, int64(math.Ceil(p.TimeLimit.Seconds())))))
	}
	// Watch ctx: raise the abort flag on cancellation.
	stop, watched := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-ctx.Done():
			*(*C.int)(unsafe.Pointer(flag)) = 1
		case <-stop:
		}
	}()
	ret := C.solve(lpr)
	close(stop)
	<-watched // the watcher no longer touches flag
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	sol := &lp.Solution{Bound: math.NaN()}
	switch ret {
	case C.OPTIMAL, C.PRESOLVED:
		sol.Status = lp.Optimal
	case C.SUBOPTIMAL:
		sol.Status = lp.Feasible
		sol.TimeLimitReached = p.TimeLimit > 0
	case C.INFEASIBLE:
		sol.Status = lp.Infeasible
		return sol, nil
	case C.UNBOUNDED:
		sol.Status = lp.Unbounded
		return sol, nil
	case C.TIMEOUT:
		sol.TimeLimitReached = true
		sol.Status = lp.Unknown
		return sol, nil
	default:
		return nil, fmt.Errorf("lpsolve: solve returned %d", int(ret))
	}
	vals := (*C.double)(C.calloc(C.size_t(max(nc, 1)), C.size_t(unsafe.Sizeof(C.double(0)))))
	defer C.free(unsafe.Pointer(vals))
	if C.get_variables(lpr, vals) == 0 {
		return nil, fmt.Errorf("lpsolve: get_variables failed")
	}
	x := unsafe.Slice(vals, max(nc, 1))
	sol.Values = make([]float64, nc)
	for j := range sol.Values {
		sol.Values[j] = float64(x[j])
	}
	sol.Objective = m.Objective(sol.Values)
	if sol.Status == lp.Optimal {
		sol.Bound = sol.Objective
	}
	return sol, nil
}
