// Package execsolver is the lp.Backend that runs a MIP solver program found
// on PATH: COIN-OR CBC (cbc), GLPK (glpsol) or lp_solve (lp_solve). It
// writes the model to a temporary file (CPLEX LP for cbc, free MPS for the
// others), runs the program with the time limit, and parses its solution
// and log.
//
// What is read back:
//
//   - cbc: status and values from the solution file written by "-solu"
//     (only non-zero values are listed), the best bound from the "Lower
//     bound:" log line on a time limit (the objective when optimal); the
//     warm start is passed with "-mips" in CBC's solution-file format.
//   - glpsol: status and values from the raw solution file written by "-w"
//     (columns by position, hence MPS input), the bound from the last
//     "mip = X >= Y" progress line of the log. No warm start.
//   - lp_solve: values from the "Actual values of the variables" listing
//     of "-S4", the status from the exit code (0 optimal, 1 sub-optimal,
//     2 infeasible, 3 unbounded, 7 time-out). No bound (the objective when
//     optimal), no warm start.
//
// # lp_solve
//
// lp_solve 5.5 derives from the objective a minimum improvement between
// integer solutions (MIP_stepOF) and prunes every node that cannot beat
// the incumbent by that much. With a continuous objective column that
// appears in no constraint, such as the OBJ_CONST column through which the
// writers express an objective constant, it takes that step as infinite
// and reports its first integer solution as optimal (late_jobs 2 instead
// of 1 and flow_time 25 instead of 24 on the tiny test cases of
// solver/mip). No command-line option sets the step (the in-process
// binding, solver/mip/lpsolve, clears it), so the model given to the
// program has no such column: the objective constant is left out, and so
// is every column in no constraint, at its best bound (forLpSolve); both
// are put back when the values are read.
//
// The program runs with "-e 1e-7" (integrality tolerance, lp_solve's
// default, made explicit; see solver/mip/lpsolve for why it is safe with
// the formulation's big-M constants) and "-ga 0 -gr 0" (no absolute or
// relative MIP gap; the defaults are 1e-11 and 1e-9), so that "optimal"
// means optimal. It does not get "-f" (stop at the first solution), "-o
// VALUE" (stop at a value; "-o0" and "-o1" only say whether the objective
// row is in the basis) or "-noint"; scaling, improve and the branching
// rules stay lp_solve's defaults (no "-s", "-improve", "-B", "-c" option).
//
// cbc and glpsol run with their default tolerances: no MIP gap (cbc's
// allowableGap and ratioGap, glpsol's --mipgap are 0), and cbc's cutoff
// increment (see solver/mip/cbc).
package execsolver

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// Programs lists the supported programs in order of preference.
var Programs = []string{"cbc", "glpsol", "lp_solve"}

// Backend runs one solver program. It implements lp.Backend.
type Backend struct {
	// Program is "cbc", "glpsol" or "lp_solve".
	Program string
	// Path is the program's path; empty means look Program up on PATH.
	Path string
	// Dir is where temporary files go (empty: the system default).
	Dir string
	// KeepFiles keeps the temporary files (for debugging).
	KeepFiles bool
}

// New returns a backend running program ("cbc", "glpsol" or "lp_solve").
func New(program string) *Backend { return &Backend{Program: program} }

// Find returns a backend for the first program of Programs found on PATH.
func Find() (*Backend, error) {
	for _, p := range Programs {
		if path, err := exec.LookPath(p); err == nil {
			return &Backend{Program: p, Path: path}, nil
		}
	}
	return nil, fmt.Errorf("execsolver: %w: none of %s found on PATH", lp.ErrUnavailable, strings.Join(Programs, ", "))
}

// Name returns "exec:" followed by the program.
func (b *Backend) Name() string { return "exec:" + b.Program }

// Available reports whether the program can be found.
func (b *Backend) Available() error {
	_, err := b.path()
	return err
}

func (b *Backend) path() (string, error) {
	if b.Path != "" {
		return b.Path, nil
	}
	switch b.Program {
	case "cbc", "glpsol", "lp_solve":
	default:
		return "", fmt.Errorf("execsolver: unknown program %q (want cbc, glpsol or lp_solve)", b.Program)
	}
	p, err := exec.LookPath(b.Program)
	if err != nil {
		return "", fmt.Errorf("execsolver: %w: %s not found on PATH", lp.ErrUnavailable, b.Program)
	}
	return p, nil
}

// Solve writes m to a temporary file, runs the program and reads its
// solution.
func (b *Backend) Solve(ctx context.Context, m *lp.Model, p lp.Params) (*lp.Solution, error) {
	prog, err := b.path()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(b.Dir, "ordo-mip-")
	if err != nil {
		return nil, fmt.Errorf("execsolver: %w", err)
	}
	if !b.KeepFiles {
		defer os.RemoveAll(dir)
	}
	var args []string
	var lpm *lp.Model                    // the model lp_solve solves
	var lpFull func([]float64) []float64 // its values to m's
	solFile := filepath.Join(dir, "model.sol")
	secs := 0
	if p.TimeLimit > 0 {
		secs = max(1, int(math.Ceil(p.TimeLimit.Seconds())))
	}
	threads := max(p.Threads, 1)
	switch b.Program {
	case "cbc":
		mf := filepath.Join(dir, "model.lp")
		if err := writeFile(mf, m, lp.WriteLP); err != nil {
			return nil, err
		}
		args = []string{mf}
		if len(p.Start) == len(m.Vars) {
			sf := filepath.Join(dir, "start.sol")
			if err := writeCbcStart(sf, m, p.Start); err != nil {
				return nil, err
			}
			args = append(args, "-mips", sf)
		}
		args = append(args, "-timeMode", "elapsed")
		if secs > 0 {
			args = append(args, "-sec", strconv.Itoa(secs))
		}
		if p.NodeLimit > 0 {
			args = append(args, "-maxNodes", strconv.FormatInt(p.NodeLimit, 10))
		}
		if threads > 1 {
			args = append(args, "-threads", strconv.Itoa(threads))
		}
		args = append(args, "-solve", "-solu", solFile)
	case "glpsol":
		mf := filepath.Join(dir, "model.mps")
		if err := writeFile(mf, m, lp.WriteMPS); err != nil {
			return nil, err
		}
		args = []string{"--freemps", mf, "--min", "-w", solFile}
		if secs > 0 {
			args = append(args, "--tmlim", strconv.Itoa(secs))
		}
	case "lp_solve":
		// Without the objective constant and the columns in no
		// constraint (see the package documentation); they are put
		// back when the values are read.
		var err error
		if lpm, lpFull, err = forLpSolve(m); err != nil {
			return nil, err
		}
		mf := filepath.Join(dir, "model.mps")
		if err := writeFile(mf, lpm, lp.WriteMPS); err != nil {
			return nil, err
		}
		args = []string{"-fmps", mf, "-S4", "-e", "1e-7", "-ga", "0", "-gr", "0"}
		if secs > 0 {
			args = append(args, "-timeout", strconv.Itoa(secs))
		}
	}
	// Hard stop a little after the time limit in case the program ignores it.
	runCtx := ctx
	if secs > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, time.Duration(secs)*time.Second+30*time.Second)
		defer cancel()
	}
	cmd := exec.CommandContext(runCtx, prog, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	log := out.String()
	if p.Verbose {
		os.Stderr.WriteString(log)
	}
	var sol *lp.Solution
	switch b.Program {
	case "cbc":
		if runErr != nil {
			return nil, fmt.Errorf("execsolver: cbc failed: %v\n%s", runErr, tail(log))
		}
		sol, err = parseCbc(m, solFile, log)
	case "glpsol":
		if runErr != nil {
			return nil, fmt.Errorf("execsolver: glpsol failed: %v\n%s", runErr, tail(log))
		}
		sol, err = parseGlpsol(m, solFile, log)
	case "lp_solve":
		code := 0
		if ee := (*exec.ExitError)(nil); errors.As(runErr, &ee) {
			code = ee.ExitCode()
		} else if runErr != nil {
			return nil, fmt.Errorf("execsolver: lp_solve failed: %v\n%s", runErr, tail(log))
		}
		sol, err = parseLpSolve(lpm, code, log)
		if err == nil && sol.Values != nil {
			sol.Values = lpFull(sol.Values)
			sol.Objective = m.Objective(sol.Values)
			if sol.Status == lp.Optimal {
				sol.Bound = sol.Objective
			}
		}
	}
	if err != nil {
		return nil, err
	}
	sol.Log = tail(log)
	return sol, nil
}

func writeFile(name string, m *lp.Model, write func(w io.Writer, m *lp.Model) error) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("execsolver: %w", err)
	}
	if err := write(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeCbcStart writes a warm start in the format of CBC solution files,
// which its "-mips" option reads.
func writeCbcStart(name string, m *lp.Model, x []float64) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Feasible - objective value %s\n", strconv.FormatFloat(m.Objective(x), 'f', 8, 64))
	for i, v := range m.Vars {
		fmt.Fprintf(&buf, "%7d %s %s 0\n", i, v.Name, strconv.FormatFloat(x[i], 'g', -1, 64))
	}
	if m.ObjConst != 0 {
		fmt.Fprintf(&buf, "%7d %s 1 0\n", len(m.Vars), lp.ObjConstName)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("execsolver: %w", err)
	}
	return nil
}

func tail(s string) string {
	const n = 2000
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

func varIndex(m *lp.Model) map[string]int {
	idx := make(map[string]int, len(m.Vars))
	for i, v := range m.Vars {
		idx[v.Name] = i
	}
	return idx
}

func parseCbc(m *lp.Model, solFile, log string) (*lp.Solution, error) {
	sol := &lp.Solution{Bound: math.NaN()}
	if strings.Contains(log, "Stopped on time") || strings.Contains(log, "Result - Stopped on time") {
		sol.TimeLimitReached = true
	}
	for _, line := range strings.Split(log, "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "Lower bound:"); ok {
			if b, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				sol.Bound = b
			}
		}
		if v, ok := strings.CutPrefix(line, "Enumerated nodes:"); ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				sol.Nodes = n
			}
		}
	}
	data, err := os.ReadFile(solFile)
	if err != nil {
		if strings.Contains(log, "infeasible") {
			sol.Status = lp.Infeasible
			return sol, nil
		}
		return nil, fmt.Errorf("execsolver: cbc wrote no solution file\n%s", tail(log))
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() {
		return nil, fmt.Errorf("execsolver: empty cbc solution file")
	}
	head := sc.Text()
	hasSol := true
	switch {
	case strings.HasPrefix(head, "Optimal"):
		sol.Status = lp.Optimal
	case strings.Contains(head, "nfeasible"):
		sol.Status = lp.Infeasible
		hasSol = false
	case strings.Contains(head, "nbounded"):
		sol.Status = lp.Unbounded
		hasSol = false
	case strings.HasPrefix(head, "Stopped"):
		sol.TimeLimitReached = sol.TimeLimitReached || strings.Contains(head, "time")
		sol.NodeLimitReached = strings.Contains(head, "nodes") || strings.Contains(log, "Stopped on nodes") ||
			strings.Contains(log, "Stopped on iterations or nodes")
		sol.Status = lp.Feasible
		if strings.Contains(log, "No feasible solution found") || strings.Contains(head, "no solution") {
			sol.Status = lp.Unknown
			hasSol = false
		}
	default:
		sol.Status = lp.Unknown
		hasSol = false
	}
	if i := strings.Index(head, "objective value"); i >= 0 {
		if v, err := strconv.ParseFloat(strings.TrimSpace(head[i+len("objective value"):]), 64); err == nil {
			sol.Objective = v
		}
	}
	if !hasSol {
		return sol, nil
	}
	idx := varIndex(m)
	sol.Values = make([]float64, len(m.Vars))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 {
			continue
		}
		if f[0] == "**" { // cbc marks infeasibilities with "**"
			f = f[1:]
		}
		i, ok := idx[f[1]]
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("execsolver: cbc solution: bad value %q of %s", f[2], f[1])
		}
		sol.Values[i] = v
	}
	sol.Objective = m.Objective(sol.Values)
	if sol.Status == lp.Optimal {
		sol.Bound = sol.Objective
	}
	return sol, nil
}

func parseGlpsol(m *lp.Model, solFile, log string) (*lp.Solution, error) {
	sol := &lp.Solution{Bound: math.NaN()}
	if strings.Contains(log, "TIME LIMIT EXCEEDED") {
		sol.TimeLimitReached = true
	}
	for _, line := range strings.Split(log, "\n") {
		// "+  1234: mip =   5.500000000e+01 >=   5.000000000e+01  9.1% (12; 0)"
		if i := strings.Index(line, "mip ="); i >= 0 && strings.HasPrefix(strings.TrimSpace(line), "+") {
			f := strings.Fields(line[i+len("mip ="):])
			if len(f) >= 3 && f[1] == ">=" {
				if b, err := strconv.ParseFloat(f[2], 64); err == nil {
					sol.Bound = b
				}
			}
		}
	}
	data, err := os.ReadFile(solFile)
	if err != nil {
		if strings.Contains(log, "NO PRIMAL FEASIBLE") || strings.Contains(log, "NO INTEGER FEASIBLE") {
			sol.Status = lp.Infeasible
			return sol, nil
		}
		return nil, fmt.Errorf("execsolver: glpsol wrote no solution file\n%s", tail(log))
	}
	sol.Values = make([]float64, len(m.Vars))
	status := ""
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "s":
			// s mip ROWS COLS STATUS OBJ
			if len(f) >= 6 {
				status = f[4]
				sol.Objective, _ = strconv.ParseFloat(f[5], 64)
			}
		case "j":
			if len(f) < 3 {
				continue
			}
			j, err := strconv.Atoi(f[1])
			if err != nil {
				continue
			}
			if j >= 1 && j <= len(m.Vars) {
				v, err := strconv.ParseFloat(f[2], 64)
				if err != nil {
					return nil, fmt.Errorf("execsolver: glpsol solution: bad value %q", f[2])
				}
				sol.Values[j-1] = v
			}
		}
	}
	switch status {
	case "o":
		sol.Status = lp.Optimal
	case "f":
		sol.Status = lp.Feasible
	case "n":
		sol.Status = lp.Infeasible
	default:
		sol.Status = lp.Unknown
	}
	if strings.Contains(log, "PROBLEM HAS NO") {
		sol.Status = lp.Infeasible
	}
	if sol.Status != lp.Optimal && sol.Status != lp.Feasible {
		sol.Values = nil
		return sol, nil
	}
	sol.Objective = m.Objective(sol.Values)
	if sol.Status == lp.Optimal {
		sol.Bound = sol.Objective
	}
	return sol, nil
}

func parseLpSolve(m *lp.Model, code int, log string) (*lp.Solution, error) {
	sol := &lp.Solution{Bound: math.NaN()}
	switch code {
	case 0:
		sol.Status = lp.Optimal
	case 1:
		sol.Status = lp.Feasible
	case 2:
		sol.Status = lp.Infeasible
	case 3:
		sol.Status = lp.Unbounded
	case 7:
		sol.Status = lp.Feasible
		sol.TimeLimitReached = true
	default:
		if strings.Contains(log, "infeasible") {
			sol.Status = lp.Infeasible
		} else if !strings.Contains(log, "Actual values of the variables") {
			return nil, fmt.Errorf("execsolver: lp_solve exit code %d\n%s", code, tail(log))
		}
		sol.Status = lp.Feasible
	}
	if strings.Contains(log, "This problem is infeasible") {
		sol.Status = lp.Infeasible
	}
	if sol.Status == lp.Infeasible || sol.Status == lp.Unbounded {
		return sol, nil
	}
	i := strings.Index(log, "Actual values of the variables")
	if i < 0 {
		sol.Status = lp.Unknown
		return sol, nil
	}
	idx := varIndex(m)
	sol.Values = make([]float64, len(m.Vars))
	seen := 0
	for _, line := range strings.Split(log[i:], "\n")[1:] {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if strings.HasPrefix(line, "Actual values of the constraints") || strings.HasPrefix(line, "Dual value") {
			break
		}
		if len(f) != 2 {
			continue
		}
		k, ok := idx[f[0]]
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("execsolver: lp_solve: bad value %q of %s", f[1], f[0])
		}
		sol.Values[k] = v
		seen++
	}
	if seen == 0 && len(m.Vars) > 0 {
		sol.Status = lp.Unknown
		sol.Values = nil
		return sol, nil
	}
	sol.Objective = m.Objective(sol.Values)
	if sol.Status == lp.Optimal {
		sol.Bound = sol.Objective
	}
	return sol, nil
}

// forLpSolve returns the model given to lp_solve and the map from its
// values to m's. lp_solve 5.5 derives from the objective a minimum
// improvement between incumbents (MIP_stepOF, not a parameter) and prunes
// every node that cannot improve on the incumbent by that much; with a
// continuous objective column that appears in no constraint it takes that
// step as infinite (1e30), keeps its first incumbent and reports it as
// optimal. Such columns (the writers' OBJ_CONST among them) are therefore
// left out: each is set at its best bound (the lower bound for a
// non-negative cost, the upper for a negative one, rounded inwards when
// integer) and put back in the values; the objective constant is left out
// too (m.Objective adds it). A column whose best bound is infinite is kept
// (the model is then unbounded or infeasible, which lp_solve reports).
func forLpSolve(m *lp.Model) (*lp.Model, func([]float64) []float64, error) {
	used := make([]bool, len(m.Vars))
	for _, c := range m.Cons {
		for _, t := range c.Terms {
			if t.Var < 0 || t.Var >= len(m.Vars) {
				return nil, nil, fmt.Errorf("execsolver: constraint %s refers to variable %d of %d", c.Name, t.Var, len(m.Vars))
			}
			used[t.Var] = true
		}
	}
	fixed := make([]float64, len(m.Vars))
	newIdx := make([]int, len(m.Vars))
	out := &lp.Model{Name: m.Name}
	for j, v := range m.Vars {
		if !used[j] {
			lo, hi := v.Lo, v.Hi
			if v.Integer {
				lo, hi = math.Ceil(lo), math.Floor(hi)
			}
			x := lo
			if v.Obj < 0 || (v.Obj == 0 && math.IsInf(lo, -1)) {
				x = hi
			}
			if v.Obj == 0 && math.IsInf(lo, -1) && math.IsInf(hi, 1) {
				x = 0
			}
			if !math.IsInf(x, 0) && lo <= hi {
				fixed[j], newIdx[j] = x, -1
				continue
			}
		}
		newIdx[j] = len(out.Vars)
		out.Vars = append(out.Vars, v)
	}
	if len(out.Vars) == 0 && len(m.Vars) > 0 {
		// The writers need a column: keep the first (no constraint, no
		// branching on its own).
		out.Vars, newIdx[0] = append(out.Vars, m.Vars[0]), 0
	}
	for _, c := range m.Cons {
		nc := lp.Constraint{Name: c.Name, Sense: c.Sense, RHS: c.RHS, Terms: make([]lp.Term, 0, len(c.Terms))}
		for _, t := range c.Terms {
			if newIdx[t.Var] >= 0 {
				nc.Terms = append(nc.Terms, lp.Term{Var: newIdx[t.Var], Coef: t.Coef})
			}
		}
		out.Cons = append(out.Cons, nc)
	}
	full := func(x []float64) []float64 {
		v := append([]float64(nil), fixed...)
		for j, k := range newIdx {
			if k >= 0 && k < len(x) {
				v[j] = x[k]
			}
		}
		return v
	}
	return out, full, nil
}
