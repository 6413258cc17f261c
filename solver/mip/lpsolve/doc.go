// Package lpsolve is the lp.Backend that solves models in-process with
// lp_solve 5.5, by the project's own cgo binding to lp_lib.h.
//
// The binding is compiled only with the build tag lpsolve (go build -tags
// lpsolve) and needs the lp_solve development files (Debian:
// liblpsolve55-dev, headers in /usr/include/lpsolve). Without the tag the
// package still builds: Available reports false and Solve returns an error
// wrapping lp.ErrUnavailable.
//
// lp_solve has no MIP warm start and reports no best bound except at
// optimality (Solution.Bound is NaN otherwise). Cancelling ctx stops the
// solve through lp_solve's abort callback (put_abortfunc).
package lpsolve
