//go:build cbc

package cbc

/*
#cgo pkg-config: cbc
#include <stdlib.h>
#include <float.h>
#include <Cbc_C_Interface.h>
#include "callback.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime/cgo"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
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

// running counts the CBC solves in progress (for the tests).
var running atomic.Int64

type result struct {
	sol *lp.Solution
	err error
}

// StopWait is how long Solve waits, after ctx is cancelled, for CBC to
// reach its next event and stop; past it Solve returns and CBC stops in
// the background.
const StopWait = 2 * time.Second

// Solve loads m into a new CBC model and solves it. With p.Cuts the cut
// generator is called at the nodes of the tree (CBC's preprocessing and
// general-purpose cuts are then off). When ctx is cancelled CBC is asked
// to stop at its next event (node, solution), and Solve returns ctx's
// error.
func (b *Backend) Solve(ctx context.Context, m *lp.Model, p lp.Params) (*lp.Solution, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctl := (*C.ordo_cbc_ctl)(C.calloc(1, C.size_t(unsafe.Sizeof(C.ordo_cbc_ctl{}))))
	ctl.incumbent = 1e300
	var st *cutState
	if p.Cuts != nil {
		st = newCutState(m, p.Cuts, ctl)
		ctl.handle = C.uintptr_t(cgo.NewHandle(st))
	}
	var mu sync.Mutex // guards ctl against the stop after it is freed
	freed := false
	done := make(chan result, 1)
	running.Add(1)
	go func() {
		defer running.Add(-1)
		sol, err := solve(m, p, ctl)
		if st != nil {
			cgo.Handle(ctl.handle).Delete()
			st.free()
			if st.failure != nil {
				sol, err = nil, st.failure
			}
		}
		mu.Lock()
		C.free(unsafe.Pointer(ctl))
		freed = true
		mu.Unlock()
		done <- result{sol, err}
	}()
	select {
	case r := <-done:
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return r.sol, r.err
	case <-ctx.Done():
		mu.Lock()
		if !freed {
			C.ordo_cbc_set_stop(ctl)
		}
		mu.Unlock()
		select {
		case <-done:
		case <-time.After(StopWait):
		}
		return nil, ctx.Err()
	}
}

func solve(m *lp.Model, p lp.Params, ctl *C.ordo_cbc_ctl) (*lp.Solution, error) {
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
	if p.NodeLimit > 0 {
		setParam("maxNodes", strconv.FormatInt(p.NodeLimit, 10))
		C.Cbc_setMaximumNodes(model, C.int(min(p.NodeLimit, math.MaxInt32)))
	}
	if p.Threads > 1 {
		setParam("threads", strconv.Itoa(p.Threads))
	}
	if p.Cuts != nil {
		// The generator sees the model's columns only without CBC's
		// preprocessing, and replaces CBC's general-purpose cuts. (With
		// preprocessing, Cbc_addCutCallback would also make CBC 2.10.8
		// crash on models its preprocessing finds infeasible: it asks the
		// preprocessing to keep the column names.)
		setParam("preprocess", "off")
		setParam("cuts", "off")
		name := C.CString("ordo")
		C.Cbc_addCutCallback(model, C.cbc_cut_callback(C.ordo_cbc_cut_cb), name, unsafe.Pointer(ctl))
		C.free(unsafe.Pointer(name))
	}
	if C.ordo_cbc_attach(unsafe.Pointer(model), ctl) == 0 {
		return nil, errors.New("cbc: cannot install the event handler")
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
	sol.NodeLimitReached = C.Cbc_isNodeLimitReached(model) != 0
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
