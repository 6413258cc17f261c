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
package lp
