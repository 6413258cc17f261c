//go:build cbc

// The event handler of the CBC binding. CBC's C interface has no way to
// stop a solve or to read the incumbent during it, so this file uses the
// C++ classes behind it: the Cbc_Model structure of the C interface
// (declared in Coin_C_defines.h for CBC 2.10) holds the CbcModel, on which
// a CbcEventHandler is installed.

#define CBC_EXTERN_C
#include "CbcConfig.h"
#include "CbcModel.hpp"
#include "CbcSolver.hpp"
#include "CbcEventHandler.hpp"
#include "OsiClpSolverInterface.hpp"
#include "Coin_C_defines.h"

#include "callback.h"

#if !defined(CBC_VERSION_MAJOR) || CBC_VERSION_MAJOR != 2 || CBC_VERSION_MINOR < 10
#error "the ordo CBC binding needs CBC 2.10 (the Cbc_Model structure of Coin_C_defines.h)"
#endif

namespace {

// Events asks CBC to stop once the solve's stop flag is set, and records
// the objective of every new incumbent.
class Events : public CbcEventHandler {
public:
	explicit Events(ordo_cbc_ctl *c) : CbcEventHandler(), ctl_(c) {}
	Events(const Events &o) : CbcEventHandler(o), ctl_(o.ctl_) {}
	CbcEventHandler *clone() const { return new Events(*this); }
	CbcAction event(CbcEvent e) {
		if ((e == solution || e == heuristicSolution) && model_ != 0) {
			double v = model_->getObjValue() * model_->getObjSense();
			double cur;
			__atomic_load(&ctl_->incumbent, &cur, __ATOMIC_SEQ_CST);
			while (v < cur && !__atomic_compare_exchange(&ctl_->incumbent, &cur, &v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
			}
		}
		return ordo_cbc_stopped(ctl_) ? stop : noAction;
	}

private:
	ordo_cbc_ctl *ctl_;
};

} // namespace

extern "C" int ordo_cbc_attach(void *model, ordo_cbc_ctl *c) {
	Cbc_Model *m = static_cast<Cbc_Model *>(model);
	if (m == 0 || m->model_ == 0) {
		return 0;
	}
	Events ev(c);
	m->model_->passInEventHandler(&ev); // CBC keeps a clone
	return 1;
}

extern "C" double ordo_cbc_incumbent(ordo_cbc_ctl *c) {
	double v;
	__atomic_load(&c->incumbent, &v, __ATOMIC_SEQ_CST);
	return v;
}
