// Package cbc is the lp.Backend that solves models in-process with COIN-OR
// CBC through its C interface (Cbc_C_Interface.h), by the project's own cgo
// binding.
//
// The binding is compiled only with the build tag cbc (go build -tags cbc)
// and needs the CBC development files (Debian: coinor-libcbc-dev, found
// with pkg-config). Without the tag the package still builds: Available
// reports false and Solve returns an error wrapping lp.ErrUnavailable.
//
// The warm start is passed with Cbc_setMIPStartI, the time limit with the
// "sec" parameter in elapsed-time mode, and the best bound is read with
// Cbc_getBestPossibleObjValue. CBC's C interface has no way to interrupt a
// running solve: when ctx is cancelled Solve returns at once and the solve
// goes on in the background until its time limit, then frees its memory.
package cbc
