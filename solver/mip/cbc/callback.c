//go:build cbc

#include <Cbc_C_Interface.h>
#include "callback.h"
#include "_cgo_export.h"

void ordo_cbc_set_stop(ordo_cbc_ctl *c) { __atomic_store_n(&c->stop, 1, __ATOMIC_SEQ_CST); }

int ordo_cbc_stopped(ordo_cbc_ctl *c) { return __atomic_load_n(&c->stop, __ATOMIC_SEQ_CST); }

// ordo_cbc_prune adds cuts that no point within the node's bounds
// satisfies, so that CBC drops the node.
void ordo_cbc_prune(void *osi, void *cuts) {
	if (Osi_getNumCols(osi) < 1) {
		return;
	}
	const double *lo = Osi_getColLower(osi);
	const double *up = Osi_getColUpper(osi);
	int idx = 0;
	double one = 1;
	if (lo[0] > -1e30) {
		OsiCuts_addRowCut(cuts, 1, &idx, &one, 'L', lo[0] - 1);
	} else if (up[0] < 1e30) {
		OsiCuts_addRowCut(cuts, 1, &idx, &one, 'G', up[0] + 1);
	} else {
		OsiCuts_addRowCut(cuts, 1, &idx, &one, 'L', -1);
		OsiCuts_addRowCut(cuts, 1, &idx, &one, 'G', 1);
	}
}

// ordo_cbc_cut_cb is the cut callback given to Cbc_addCutCallback: once
// the solve is stopped it prunes every node; otherwise it asks the Go cut
// generator, if any.
void ordo_cbc_cut_cb(void *osi, void *cuts, void *app) {
	ordo_cbc_ctl *c = (ordo_cbc_ctl *)app;
	if (!ordo_cbc_stopped(c) && c->handle != 0 && ordoCbcCuts(osi, cuts, c->handle)) {
		ordo_cbc_prune(osi, cuts);
		return;
	}
	if (ordo_cbc_stopped(c)) {
		ordo_cbc_prune(osi, cuts);
	}
}
