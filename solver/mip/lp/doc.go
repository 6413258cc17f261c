// Package lp is ordo's solver-neutral mixed-integer linear program: a Model
// of bounded, possibly integer variables, linear constraints and a linear
// objective (always minimised), the writers of the two exchange formats
// every MIP solver reads (CPLEX LP, free MPS), and the Backend interface
// behind which the MIP solvers sit (solver/mip/cbc, solver/mip/lpsolve,
// solver/mip/execsolver).
//
// # Files
//
// WriteLP and WriteMPS write minimisation models only (no OBJSENSE section,
// which some readers mishandle). Names must be LP identifiers (letters,
// digits, '_' and '.', not starting with a digit). A non-zero objective
// constant is written as a variable OBJ_CONST fixed at 1, since readers
// disagree on objective constants. In MPS files every column carries an
// objective entry (possibly zero) so that the column order of the file is
// the order of Model.Vars; solution files that list columns by position
// (glpsol's raw format) can then be read back.
//
// # Cut generators
//
// Params.Cuts lets the caller take part in a backend's tree search: a
// CutGenerator sees the variable bounds and LP solution at each node and
// may prune the node or add cuts valid within its bounds. Only the CBC
// binding calls one (through CBC's cut callback); the other backends ignore
// it, so a cut generator may strengthen the search but must not be needed
// for correctness.
package lp
