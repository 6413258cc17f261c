package lp

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// Inf is the infinite bound of a variable or a constraint side.
var Inf = math.Inf(1)

// Var is one decision variable.
type Var struct {
	// Name is the variable's name in written files; it must be a valid LP
	// identifier (letters, digits, '_').
	Name string
	// Lo and Hi bound the variable (-Inf and Inf for free).
	Lo, Hi float64
	// Integer marks an integer variable (binary when its bounds are [0,1]).
	Integer bool
	// Obj is the variable's objective coefficient.
	Obj float64
}

// Sense is the sense of a linear constraint.
type Sense int8

// The constraint senses.
const (
	LE Sense = iota // sum <= RHS
	GE              // sum >= RHS
	EQ              // sum == RHS
)

// String returns "<=", ">=" or "=".
func (s Sense) String() string {
	switch s {
	case LE:
		return "<="
	case GE:
		return ">="
	case EQ:
		return "="
	}
	return fmt.Sprintf("sense(%d)", int(s))
}

// Term is a coefficient times a variable (its index in Model.Vars).
type Term struct {
	Var  int
	Coef float64
}

// Constraint is a linear constraint sum(Terms) Sense RHS.
type Constraint struct {
	// Name is the constraint's name in written files.
	Name  string
	Terms []Term
	Sense Sense
	RHS   float64
}

// Model is a mixed-integer linear program, always minimised:
//
//	minimise ObjConst + sum_v Obj_v x_v
//	subject to every constraint, Lo_v <= x_v <= Hi_v, x_v integer when Integer.
type Model struct {
	// Name labels the model in written files.
	Name string
	Vars []Var
	Cons []Constraint
	// ObjConst is a constant added to the objective.
	ObjConst float64
}

// AddVar appends a variable and returns its index.
func (m *Model) AddVar(name string, lo, hi float64, integer bool, obj float64) int {
	m.Vars = append(m.Vars, Var{Name: name, Lo: lo, Hi: hi, Integer: integer, Obj: obj})
	return len(m.Vars) - 1
}

// AddBinary appends a 0-1 variable and returns its index.
func (m *Model) AddBinary(name string) int { return m.AddVar(name, 0, 1, true, 0) }

// AddCons appends a constraint and returns its index. Terms on the same
// variable are merged and zero coefficients dropped.
func (m *Model) AddCons(name string, terms []Term, sense Sense, rhs float64) int {
	merged := make([]Term, 0, len(terms))
	for _, t := range terms {
		found := false
		for i := range merged {
			if merged[i].Var == t.Var {
				merged[i].Coef += t.Coef
				found = true
				break
			}
		}
		if !found {
			merged = append(merged, t)
		}
	}
	out := merged[:0]
	for _, t := range merged {
		if t.Coef != 0 {
			out = append(out, t)
		}
	}
	m.Cons = append(m.Cons, Constraint{Name: name, Terms: out, Sense: sense, RHS: rhs})
	return len(m.Cons) - 1
}

// VarIndex returns the index of the variable named name, or -1.
func (m *Model) VarIndex(name string) int {
	for i := range m.Vars {
		if m.Vars[i].Name == name {
			return i
		}
	}
	return -1
}

// NumIntegers returns the number of integer variables.
func (m *Model) NumIntegers() int {
	n := 0
	for _, v := range m.Vars {
		if v.Integer {
			n++
		}
	}
	return n
}

// Objective returns the objective value of x (with ObjConst).
func (m *Model) Objective(x []float64) float64 {
	s := m.ObjConst
	for i, v := range m.Vars {
		s += v.Obj * x[i]
	}
	return s
}

// Violation returns the largest violation of a bound, a constraint or an
// integrality requirement by x, and a description of where it is.
func (m *Model) Violation(x []float64) (float64, string) {
	worst, where := 0.0, ""
	upd := func(v float64, w func() string) {
		if v > worst {
			worst, where = v, w()
		}
	}
	if len(x) != len(m.Vars) {
		return Inf, fmt.Sprintf("solution has %d values for %d variables", len(x), len(m.Vars))
	}
	for i, v := range m.Vars {
		upd(v.Lo-x[i], func() string { return "lower bound of " + v.Name })
		upd(x[i]-v.Hi, func() string { return "upper bound of " + v.Name })
		if v.Integer {
			upd(math.Abs(x[i]-math.Round(x[i])), func() string { return "integrality of " + v.Name })
		}
	}
	for _, c := range m.Cons {
		s := 0.0
		for _, t := range c.Terms {
			s += t.Coef * x[t.Var]
		}
		switch c.Sense {
		case LE:
			upd(s-c.RHS, func() string { return "constraint " + c.Name })
		case GE:
			upd(c.RHS-s, func() string { return "constraint " + c.Name })
		case EQ:
			upd(math.Abs(s-c.RHS), func() string { return "constraint " + c.Name })
		}
	}
	return worst, where
}

// Validate reports the first structural problem of m: bad names, duplicate
// names, out-of-range variable indices, NaN coefficients, empty domains.
func (m *Model) Validate() error {
	seen := make(map[string]bool, len(m.Vars))
	for i, v := range m.Vars {
		if !validName(v.Name) {
			return fmt.Errorf("lp: variable %d: invalid name %q", i, v.Name)
		}
		if seen[v.Name] {
			return fmt.Errorf("lp: variable %d: duplicate name %q", i, v.Name)
		}
		seen[v.Name] = true
		if math.IsNaN(v.Lo) || math.IsNaN(v.Hi) || math.IsNaN(v.Obj) || math.IsInf(v.Obj, 0) {
			return fmt.Errorf("lp: variable %s: NaN or infinite bound or objective", v.Name)
		}
		if v.Lo > v.Hi {
			return fmt.Errorf("lp: variable %s: empty domain [%g, %g]", v.Name, v.Lo, v.Hi)
		}
	}
	cseen := make(map[string]bool, len(m.Cons))
	for i, c := range m.Cons {
		if !validName(c.Name) {
			return fmt.Errorf("lp: constraint %d: invalid name %q", i, c.Name)
		}
		if cseen[c.Name] {
			return fmt.Errorf("lp: constraint %d: duplicate name %q", i, c.Name)
		}
		cseen[c.Name] = true
		if math.IsNaN(c.RHS) || math.IsInf(c.RHS, 0) {
			return fmt.Errorf("lp: constraint %s: bad right-hand side %g", c.Name, c.RHS)
		}
		for _, t := range c.Terms {
			if t.Var < 0 || t.Var >= len(m.Vars) {
				return fmt.Errorf("lp: constraint %s: variable index %d out of range", c.Name, t.Var)
			}
			if math.IsNaN(t.Coef) || math.IsInf(t.Coef, 0) {
				return fmt.Errorf("lp: constraint %s: bad coefficient of %s", c.Name, m.Vars[t.Var].Name)
			}
		}
	}
	return nil
}

// validName reports whether s is usable in both LP and MPS files: a letter
// or '_' first, then letters, digits, '_' or '.', at most 255 bytes.
func validName(s string) bool {
	if s == "" || len(s) > 255 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '.'):
		default:
			return false
		}
	}
	// "e"/"E" followed by digits could be read as a number exponent by
	// some LP readers.
	if (s[0] == 'e' || s[0] == 'E') && len(s) > 1 && s[1] >= '0' && s[1] <= '9' {
		return false
	}
	return true
}

// Status is what a backend established about a model.
type Status int

// The solution statuses.
const (
	// Unknown: no solution and no proof (limit reached, backend error).
	Unknown Status = iota
	// Feasible: Values hold a feasible solution, optimality unproved.
	Feasible
	// Optimal: Values hold a proven optimal solution.
	Optimal
	// Infeasible: the model was proved infeasible.
	Infeasible
	// Unbounded: the model was proved unbounded.
	Unbounded
)

var statusNames = [...]string{"unknown", "feasible", "optimal", "infeasible", "unbounded"}

// String returns the status in lower case.
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", int(s))
}

// Solution is a backend's answer.
type Solution struct {
	Status Status
	// Values holds one value per variable when Status is Feasible or
	// Optimal.
	Values []float64
	// Objective is the objective of Values, ObjConst included.
	Objective float64
	// Bound is the backend's best lower bound on the optimum, ObjConst
	// included (NaN when unknown).
	Bound float64
	// TimeLimitReached says the backend stopped on its time limit.
	TimeLimitReached bool
	// NodeLimitReached says the backend stopped on Params.NodeLimit.
	NodeLimitReached bool
	// Nodes is the number of branch-and-bound nodes when known.
	Nodes int64
	// Log holds the tail of the backend's output, for error messages.
	Log string
}

// Params are the settings of one backend run. The zero value means no time
// limit, one thread, no warm start.
type Params struct {
	// TimeLimit bounds the wall-clock time of the backend (0: none).
	TimeLimit time.Duration
	// NodeLimit bounds the branch-and-bound nodes (0: none): a budget
	// that does not depend on the machine's speed. CBC (binding and
	// program) honours it; glpsol and lp_solve ignore it.
	NodeLimit int64
	// Start is a warm-start solution, one value per variable (nil: none).
	// Backends that cannot use one ignore it.
	Start []float64
	// Threads is the number of threads the backend may use (0: one).
	Threads int
	// Verbose lets the backend print its log.
	Verbose bool
	// Cuts, when not nil, is called at the nodes of the branch-and-bound
	// tree by backends that accept a cut callback (CBC); the others ignore
	// it.
	Cuts CutGenerator
}

// CutGenerator strengthens a backend's tree search: at a node it may prove
// that no solution better than the incumbent lies within the node's
// bounds, or return constraints that every such solution satisfies
// (typically tightened variable bounds found by constraint propagation).
type CutGenerator interface {
	// Cuts is called at a node (n and its slices must not be retained).
	// It returns constraints satisfied by every feasible solution of the
	// model within [n.Lo, n.Hi] whose objective is below n.Incumbent
	// (backends add them to the node and its subtree only), or infeasible
	// when there is no such solution (the node is pruned). It is called
	// from the backend's thread, one call at a time for one Solve.
	Cuts(n *Node) (cuts []Constraint, infeasible bool)
}

// Node is what a CutGenerator sees of a node of a branch-and-bound tree,
// indexed like Model.Vars.
type Node struct {
	// Lo and Hi are the variable bounds at the node.
	Lo, Hi []float64
	// X is the node's LP solution.
	X []float64
	// Incumbent is the objective value (ObjConst included) of the best
	// solution found so far, +Inf when there is none: only better
	// solutions matter.
	Incumbent float64
}

// Backend solves a Model with some MIP solver.
type Backend interface {
	// Name is the backend's short name ("cbc", "lpsolve", "exec:glpsol").
	Name() string
	// Solve solves m. Reaching the time limit is not an error: the
	// Solution then has Status Feasible (with the incumbent) or Unknown.
	// ctx cancellation stops the backend as soon as it can.
	Solve(ctx context.Context, m *Model, p Params) (*Solution, error)
}

// ErrUnavailable is wrapped by errors of backends that are not usable in
// this build or on this machine (library not linked, program not on PATH).
var ErrUnavailable = errors.New("backend unavailable")
