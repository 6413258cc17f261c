package solvers

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/heuristics/ga"
	"github.com/ordo-sched/ordo/heuristics/tabu"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip"
	"github.com/ordo-sched/ordo/solver/mip/cbc"
	"github.com/ordo-sched/ordo/solver/mip/lpsolve"
)

// Info describes a solver of the registry: its Spec (name, description,
// features, objectives, limits) and its constructor.
type Info struct {
	solver.Spec
	// New returns a ready solver.
	New func() solver.Solver
}

// Solver is a solver that says what it accepts: every solver of the
// built-in table is one.
type Solver interface {
	solver.Solver
	// Spec returns the solver's specification, the one its Solve checks
	// problems against.
	Spec() solver.Spec
}

// builtin is the table of ordo's solvers, in the order of `ordo solve
// --list` before sorting: the dispatching rules, the tabu search, the
// genetic algorithm and the MIP with each backend.
func builtin() []func() Solver {
	t := []func() Solver{
		func() Solver { return &dispatch.Solver{Name: "dispatch"} },
		func() Solver { return &dispatch.Solver{Name: "dispatch:best", Best: true} },
	}
	for _, r := range dispatch.Rules() {
		name, rule := "dispatch:"+r.Name, r.Rule
		t = append(t, func() Solver { return &dispatch.Solver{Name: name, Config: dispatch.Config{Rule: rule}} })
	}
	return append(t,
		func() Solver { return tabu.New(tabu.Params{}) },
		func() Solver { return ga.New(ga.Params{}) },
		func() Solver { return &mip.Solver{Name: "mip"} },
		func() Solver { return &mip.Solver{Name: "mip:exec", Backend: mip.NewExec("")} },
		func() Solver { return &mip.Solver{Name: "mip:cbc", Backend: cbc.New()} },
		func() Solver { return &mip.Solver{Name: "mip:lpsolve", Backend: lpsolve.New()} },
	)
}

var (
	mu  sync.Mutex
	reg map[string]Info
)

// registry returns the registry, built from the table on first use;
// mu must be held.
func registry() map[string]Info {
	if reg == nil {
		reg = map[string]Info{}
		for _, newSolver := range builtin() {
			spec := newSolver().Spec()
			reg[spec.Name] = Info{Spec: spec, New: func() solver.Solver { return newSolver() }}
		}
	}
	return reg
}

// Register adds a solver under info.Name. It panics when the name is
// taken or info.New is nil (a programming error).
func Register(info Info) {
	mu.Lock()
	defer mu.Unlock()
	if info.New == nil {
		panic("solvers: Register " + info.Name + " with nil New")
	}
	r := registry()
	if _, dup := r[info.Name]; dup {
		panic("solvers: Register called twice for " + info.Name)
	}
	r[info.Name] = info
}

// Get returns a new solver registered under name.
func Get(name string) (solver.Solver, error) {
	info, ok := Lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown solver %q (registered: %s)", name, strings.Join(Names(), ", "))
	}
	return info.New(), nil
}

// Lookup returns the Info registered under name.
func Lookup(name string) (Info, bool) {
	mu.Lock()
	defer mu.Unlock()
	info, ok := registry()[name]
	return info, ok
}

// Names returns the registered names, sorted.
func Names() []string {
	mu.Lock()
	defer mu.Unlock()
	names := make([]string, 0, len(registry()))
	for n := range registry() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// List returns the Info of every registered solver, sorted by name.
func List() []Info {
	names := Names()
	mu.Lock()
	defer mu.Unlock()
	out := make([]Info, len(names))
	for i, n := range names {
		out[i] = registry()[n]
	}
	return out
}

// Accepts describes in one line what info's solver accepts: its model
// features, its objectives and its limits (for `ordo solve --list`).
func (info Info) Accepts() string {
	var b strings.Builder
	b.WriteString("features: ")
	if info.Features == 0 {
		b.WriteString("none")
	} else {
		b.WriteString(info.Features.String())
	}
	b.WriteString("; objectives: ")
	if info.Objectives == nil {
		b.WriteString("all")
	} else {
		for i, c := range info.Objectives {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(c.String())
		}
	}
	if len(info.Limits) > 0 {
		b.WriteString("; refuses: ")
		b.WriteString(strings.Join(info.Limits, "; "))
	}
	return b.String()
}
