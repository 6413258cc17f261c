//go:build cbc

package cbc

/*
#cgo pkg-config: cbc
#include <stdlib.h>
#include <float.h>
#include <Cbc_C_Interface.h>
*/
import "C"

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"unsafe"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// Available reports whether the CBC binding is compiled in (build tag cbc).
const Available = true

// Backend solves models with CBC in-process. It implements lp.Backend; a
// Backend may be used by several goroutines at once (each Solve owns its
// CBC model).
type Backend struct{}

// New returns the CBC backend.
func New() *Backend { return &Backend{} }

// Name returns "cbc".
func (*Backend) Name() string { return "cbc" }

// Version returns the version string of the linked CBC library.
func Version() string { return C.GoString(C.Cbc_getVersion()) }

func cbound(v float64) C.double {
	switch {
	case math.IsInf(v, 1):
		return C.double(math.MaxFloat64)
	case math.IsInf(v, -1):
		return C.double(-math.MaxFloat64)
	}
	return C.double(v)
}

type result struct {
	sol *lp.Solution
	err error
}

// Solve loads m into a new CBC model and solves it.
func (b *Backend) Solve(ctx context.Context, m *lp.Model, p lp.Params) (*lp.Solution, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	done := make(chan result, 1)
	go func() {
		sol, err := solve(m, p)
		done <- result{sol, err}
	}()
	select {
	case r := <-done:
		return r.sol, r.err
	case <-ctx.Done():
		// CBC cannot be interrupted: the solve finishes in the background
		// (at its time limit) and frees its memory.
		return nil, ctx.Err()
	}
}

func solve(m *lp.Model, p lp.Params) (*lp.Solution, error) {
	nc, nr := len(m.Vars), len(m.Cons)
	// Column-major matrix, allocated in C memory.
	nnz := 0
	cnt := make([]int, nc)
	for _, c := range m.Cons {
		nnz += len(c.Terms)
		for _, t := range c.Terms {
			cnt[t.Var]++
		}
	}
	dsz := C.size_t(unsafe.Sizeof(C.double(0)))
	isz := C.size_t(unsafe.Sizeof(C.int(0)))
	bsz := C.size_t(unsafe.Sizeof(C.CoinBigIndex(0)))
	alloc := func(n int, sz C.size_t) unsafe.Pointer { return C.calloc(C.size_t(max(n, 1)), sz) }
	startP := alloc(nc+1, bsz)
	idxP := alloc(nnz, isz)
	valP := alloc(nnz, dsz)
	colLoP, colUpP, objP := alloc(nc, dsz), alloc(nc, dsz), alloc(nc, dsz)
	rowLoP, rowUpP := alloc(nr, dsz), alloc(nr, dsz)
	defer func() {
		for _, q := range []unsafe.Pointer{startP, idxP, valP, colLoP, colUpP, objP, rowLoP, rowUpP} {
			C.free(q)
		}
	}()
	start := unsafe.Slice((*C.CoinBigIndex)(startP), nc+1)
	idx := unsafe.Slice((*C.int)(idxP), max(nnz, 1))
	val := unsafe.Slice((*C.double)(valP), max(nnz, 1))
	colLo := unsafe.Slice((*C.double)(colLoP), max(nc, 1))
	colUp := unsafe.Slice((*C.double)(colUpP), max(nc, 1))
	obj := unsafe.Slice((*C.double)(objP), max(nc, 1))
	rowLo := unsafe.Slice((*C.double)(rowLoP), max(nr, 1))
	rowUp := unsafe.Slice((*C.double)(rowUpP), max(nr, 1))
	pos := make([]int, nc)
	for j := 0; j < nc; j++ {
		start[j+1] = start[j] + C.CoinBigIndex(cnt[j])
		pos[j] = int(start[j])
	}
	for i, c := range m.Cons {
		for _, t := range c.Terms {
			idx[pos[t.Var]] = C.int(i)
			val[pos[t.Var]] = C.double(t.Coef)
			pos[t.Var]++
		}
		switch c.Sense {
		case lp.LE:
			rowLo[i], rowUp[i] = cbound(math.Inf(-1)), C.double(c.RHS)
		case lp.GE:
			rowLo[i], rowUp[i] = C.double(c.RHS), cbound(math.Inf(1))
		case lp.EQ:
			rowLo[i], rowUp[i] = C.double(c.RHS), C.double(c.RHS)
		}
	}
	for j, v := range m.Vars {
		colLo[j], colUp[j], obj[j] = cbound(v.Lo), cbound(v.Hi), C.double(v.Obj)
	}
	model := C.Cbc_newModel()
	defer C.Cbc_deleteModel(model)
	C.Cbc_loadProblem(model, C.int(nc), C.int(nr), (*C.CoinBigIndex)(startP), (*C.int)(idxP), (*C.double)(valP),
		(*C.double)(colLoP), (*C.double)(colUpP), (*C.double)(objP), (*C.double)(rowLoP), (*C.double)(rowUpP))
	C.Cbc_setObjSense(model, 1)
	for j, v := range m.Vars {
		cs := C.CString(v.Name)
		C.Cbc_setColName(model, C.int(j), cs)
		C.free(unsafe.Pointer(cs))
		if v.Integer {
			C.Cbc_setInteger(model, C.int(j))
		}
	}
	setParam := func(name, value string) {
		cn, cv := C.CString(name), C.CString(value)
		C.Cbc_setParameter(model, cn, cv)
		C.free(unsafe.Pointer(cn))
		C.free(unsafe.Pointer(cv))
	}
	if !p.Verbose {
		setParam("log", "0")
		C.Cbc_setLogLevel(model, 0)
	}
	setParam("timeMode", "elapsed")
	if p.TimeLimit > 0 {
		secs := max(p.TimeLimit.Seconds(), 0.01)
		setParam("sec", strconv.FormatFloat(secs, 'f', 2, 64))
		C.Cbc_setMaximumSeconds(model, C.double(secs))
	}
	if p.Threads > 1 {
		setParam("threads", strconv.Itoa(p.Threads))
	}
	if len(p.Start) == nc && nc > 0 {
		si := (*C.int)(alloc(nc, isz))
		sv := (*C.double)(alloc(nc, dsz))
		ii := unsafe.Slice(si, nc)
		vv := unsafe.Slice(sv, nc)
		for j := 0; j < nc; j++ {
			ii[j], vv[j] = C.int(j), C.double(p.Start[j])
		}
		C.Cbc_setMIPStartI(model, C.int(nc), si, sv)
		C.free(unsafe.Pointer(si))
		C.free(unsafe.Pointer(sv))
	}
	ret := C.Cbc_solve(model)
	sol := &lp.Solution{Bound: math.NaN(), Nodes: int64(C.Cbc_getNodeCount(model))}
	sol.TimeLimitReached = C.Cbc_isSecondsLimitReached(model) != 0
	switch {
	case C.Cbc_isProvenInfeasible(model) != 0:
		sol.Status = lp.Infeasible
		return sol, nil
	case C.Cbc_isContinuousUnbounded(model) != 0:
		sol.Status = lp.Unbounded
		return sol, nil
	case C.Cbc_isAbandoned(model) != 0:
		return nil, fmt.Errorf("cbc: solve abandoned (numerical difficulties), return code %d", int(ret))
	}
	best := C.Cbc_bestSolution(model)
	if best != nil {
		x := unsafe.Slice(best, nc)
		sol.Values = make([]float64, nc)
		for j := range sol.Values {
			sol.Values[j] = float64(x[j])
		}
		sol.Objective = m.Objective(sol.Values)
		sol.Status = lp.Feasible
		if C.Cbc_isProvenOptimal(model) != 0 {
			sol.Status = lp.Optimal
		}
	}
	bound := float64(C.Cbc_getBestPossibleObjValue(model))
	if sol.Status == lp.Optimal {
		sol.Bound = sol.Objective
	} else if !math.IsInf(bound, 0) && math.Abs(bound) < 1e40 {
		sol.Bound = bound + m.ObjConst
	}
	return sol, nil
}
