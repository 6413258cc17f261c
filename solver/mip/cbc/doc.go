// Package cbc is the lp.Backend that solves models in-process with COIN-OR
// CBC through its C interface (Cbc_C_Interface.h), by the project's own cgo
// binding.
//
// The binding is compiled only with the build tag cbc (go build -tags cbc)
// and needs the CBC 2.10 development files (Debian: coinor-libcbc-dev,
// found with pkg-config) and a C++ compiler (Debian: g++) for events.cpp. Without the tag the package still builds: Available
// reports false and Solve returns an error wrapping lp.ErrUnavailable.
//
// The warm start is passed with Cbc_setMIPStartI, the time limit with the
// "sec" parameter in elapsed-time mode, and the best bound is read with
// Cbc_getBestPossibleObjValue.
//
// CBC's C interface can neither stop a solve nor report its incumbent
// during it, so the binding also installs a CbcEventHandler on the CbcModel
// behind the C interface (events.cpp, C++, using the Cbc_Model structure
// that Coin_C_defines.h declares for CBC 2.10). It serves two purposes:
//
//   - Cancellation. When ctx is cancelled the handler asks CBC to stop at
//     its next event (every node, every solution), which ends the solve
//     within milliseconds in the tree; Solve waits up to StopWait for it,
//     then returns ctx's error (a solve still busy in CBC's root
//     processing stops in the background at its first event).
//   - The incumbent. The handler records the objective of every new
//     incumbent, which the cut generator receives (lp.Node.Incumbent).
//
// lp.Params.Cuts is served by CBC's cut callback (Cbc_addCutCallback): it
// hands the node's column bounds and LP solution to the cut generator and
// adds its cuts to the node (CBC keeps them for the node's subtree), or
// prunes the node. CBC's own preprocessing is then switched off, so that
// the callback sees the model's columns, and so are its general-purpose
// cut generators, which on the scheduling models this serves (solver/mip's
// node propagation) cost far more time than they save. CBC's heuristics
// may solve sub-models with other columns; the callback recognises them by
// the column names and leaves them alone.
//
// # Settings
//
// CBC's own tolerances are kept: no absolute or relative gap
// (allowableGap and ratioGap are 0 in CBC 2.10), integrality tolerance
// 1e-7, and the cutoff increment (a new solution must beat the incumbent
// by it) of 1e-5, or the larger step CBC derives when only integer columns
// with commensurable coefficients are in the objective (1 for makespan,
// tardiness or flow time with integer weights), which is exact. So an
// Optimal status is exact for such objectives and within 1e-5 otherwise;
// the tests of solver/mip compare it with exhaustive enumeration.
package cbc
