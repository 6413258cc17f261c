//go:build cbc

package cbc

/*
#include <stdlib.h>
#include <Cbc_C_Interface.h>
#include "callback.h"
*/
import "C"

import (
	"fmt"
	"math"
	"runtime/cgo"
	"sync"
	"unsafe"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// cutState is the Go side of the cut callback of one solve: the cut
// generator, the column names that identify the model's columns in the
// solvers CBC calls back with (its heuristics solve sub-models of their
// own), and buffers.
type cutState struct {
	mu        sync.Mutex // CBC may call back from several threads
	gen       lp.CutGenerator
	ctl       *C.ordo_cbc_ctl
	names     []string
	checked   map[uintptr]bool
	lo, hi, x []float64
	idx       *C.int
	val       *C.double
	name      *C.char
	objConst  float64
	failure   error
}

const nameLen = 512

func newCutState(m *lp.Model, gen lp.CutGenerator, ctl *C.ordo_cbc_ctl) *cutState {
	nc := len(m.Vars)
	st := &cutState{gen: gen, ctl: ctl, names: make([]string, nc), checked: map[uintptr]bool{}, objConst: m.ObjConst,
		lo: make([]float64, nc), hi: make([]float64, nc), x: make([]float64, nc)}
	for j, v := range m.Vars {
		st.names[j] = v.Name
	}
	st.idx = (*C.int)(C.calloc(C.size_t(max(nc, 1)), C.size_t(unsafe.Sizeof(C.int(0)))))
	st.val = (*C.double)(C.calloc(C.size_t(max(nc, 1)), C.size_t(unsafe.Sizeof(C.double(0)))))
	st.name = (*C.char)(C.calloc(nameLen, 1))
	return st
}

func (st *cutState) free() {
	C.free(unsafe.Pointer(st.idx))
	C.free(unsafe.Pointer(st.val))
	C.free(unsafe.Pointer(st.name))
}

// sameColumns reports whether the solver osi has the model's columns (in
// the model's order), comparing names once per solver object.
func (st *cutState) sameColumns(osi unsafe.Pointer) bool {
	if int(C.Osi_getNumCols(osi)) != len(st.names) {
		return false
	}
	key := uintptr(osi)
	if ok, seen := st.checked[key]; seen {
		return ok
	}
	ok := true
	for j, n := range st.names {
		C.Osi_getColName(osi, C.int(j), st.name, nameLen-1)
		if C.GoString(st.name) != n {
			ok = false
			break
		}
	}
	st.checked[key] = ok
	return ok
}

// ordoCbcCuts is called by ordo_cbc_cut_cb at a node of the tree: it runs
// the cut generator on the node's bounds and LP solution, adds its cuts,
// and returns 1 when the node must be pruned.
//
//export ordoCbcCuts
func ordoCbcCuts(osi, cuts unsafe.Pointer, h C.uintptr_t) (prune C.int) {
	st := cgo.Handle(h).Value().(*cutState)
	st.mu.Lock()
	defer st.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			// Stop the solve: its result can no longer be trusted.
			st.failure = fmt.Errorf("cbc: cut generator failed: %v", r)
			C.ordo_cbc_set_stop(st.ctl)
			prune = 1
		}
	}()
	if st.failure != nil || !st.sameColumns(osi) {
		return 0
	}
	nc := len(st.names)
	lo := unsafe.Slice((*float64)(unsafe.Pointer(C.Osi_getColLower(osi))), nc)
	hi := unsafe.Slice((*float64)(unsafe.Pointer(C.Osi_getColUpper(osi))), nc)
	x := unsafe.Slice((*float64)(unsafe.Pointer(C.Osi_getColSolution(osi))), nc)
	copy(st.lo, lo)
	copy(st.hi, hi)
	copy(st.x, x)
	inc := float64(C.ordo_cbc_incumbent(st.ctl))
	if inc >= 1e299 {
		inc = math.Inf(1)
	} else {
		inc += st.objConst
	}
	cs, infeasible := st.gen.Cuts(&lp.Node{Lo: st.lo, Hi: st.hi, X: st.x, Incumbent: inc})
	if infeasible {
		return 1
	}
	idx := unsafe.Slice(st.idx, nc)
	val := unsafe.Slice(st.val, nc)
	for _, c := range cs {
		if len(c.Terms) == 0 || len(c.Terms) > nc {
			continue
		}
		ok := true
		for k, t := range c.Terms {
			if t.Var < 0 || t.Var >= nc {
				ok = false
				break
			}
			idx[k], val[k] = C.int(t.Var), C.double(t.Coef)
		}
		if !ok {
			continue
		}
		sense := C.char('L')
		switch c.Sense {
		case lp.GE:
			sense = 'G'
		case lp.EQ:
			sense = 'E'
		}
		C.OsiCuts_addRowCut(cuts, C.int(len(c.Terms)), st.idx, st.val, sense, C.double(c.RHS))
	}
	return 0
}
