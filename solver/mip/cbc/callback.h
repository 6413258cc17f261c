// Callbacks of the CBC binding (see callback.go and events.cpp).

#ifndef ORDO_CBC_CALLBACK_H
#define ORDO_CBC_CALLBACK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// ordo_cbc_ctl is the state shared by one solve and its callbacks.
typedef struct {
	int stop;          // set (atomically) to stop the solve
	uintptr_t handle;  // cgo.Handle of the Go cut generator, 0: none
	double incumbent;  // objective of CBC's incumbent (atomic), 1e300: none
} ordo_cbc_ctl;

void ordo_cbc_cut_cb(void *osi, void *cuts, void *app);
void ordo_cbc_set_stop(ordo_cbc_ctl *c);
int ordo_cbc_stopped(ordo_cbc_ctl *c);
double ordo_cbc_incumbent(ordo_cbc_ctl *c);
void ordo_cbc_prune(void *osi, void *cuts);
// ordo_cbc_attach installs the event handler (stop, incumbent) on a
// Cbc_Model; it returns 0 when the model cannot take one.
int ordo_cbc_attach(void *model, ordo_cbc_ctl *c);

#ifdef __cplusplus
}
#endif

#endif
