package mip

import (
	"io"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// Model is the solver-neutral MIP (see package lp).
type Model = lp.Model

// Backend is the interface of MIP backends (see package lp).
type Backend = lp.Backend

// Params are the settings of one backend run (see package lp).
type Params = lp.Params

// Solution is a backend's answer (see package lp).
type Solution = lp.Solution

// WriteLP writes m in CPLEX LP format (see lp.WriteLP).
func WriteLP(w io.Writer, m *Model) error { return lp.WriteLP(w, m) }

// WriteMPS writes m in free MPS format (see lp.WriteMPS).
func WriteMPS(w io.Writer, m *Model) error { return lp.WriteMPS(w, m) }
