package solver

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/ordo-sched/ordo/model"
)

// Info describes a registered solver.
type Info struct {
	// Name is the registry name ("dispatch:atc", "tabu", "mip:cbc").
	Name string
	// Description is one sentence for `ordo solve --list`.
	Description string
	// Features are the model features the solver supports; problems using
	// others get an error wrapping ErrUnsupported.
	Features model.Features
	// Objectives are the criteria the solver optimises (nil: all).
	Objectives []model.Criterion
	// New returns a ready solver.
	New func() Solver
}

var (
	regMu sync.RWMutex
	reg   = map[string]Info{}
)

// Register adds a solver to the registry. It panics when the name is taken
// or info.New is nil (a programming error at init time).
func Register(info Info) {
	regMu.Lock()
	defer regMu.Unlock()
	if info.New == nil {
		panic("solver: Register " + info.Name + " with nil New")
	}
	if _, dup := reg[info.Name]; dup {
		panic("solver: Register called twice for " + info.Name)
	}
	reg[info.Name] = info
}

// Get returns a new solver registered under name.
func Get(name string) (Solver, error) {
	regMu.RLock()
	info, ok := reg[name]
	regMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("unknown solver %q (registered: %s)", name, strings.Join(Names(), ", "))
	}
	return info.New(), nil
}

// Lookup returns the Info registered under name.
func Lookup(name string) (Info, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	info, ok := reg[name]
	return info, ok
}

// Names returns the registered names, sorted.
func Names() []string {
	regMu.RLock()
	defer regMu.RUnlock()
	names := make([]string, 0, len(reg))
	for n := range reg {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// List returns the Info of every registered solver, sorted by name.
func List() []Info {
	names := Names()
	out := make([]Info, len(names))
	regMu.RLock()
	defer regMu.RUnlock()
	for i, n := range names {
		out[i] = reg[n]
	}
	return out
}

// CheckSupport returns an error wrapping ErrUnsupported when p uses a feature
// outside supported, or obj a criterion outside objectives (nil: all).
func CheckSupport(name string, p *model.Problem, obj model.Objective, supported model.Features, objectives []model.Criterion) error {
	if extra := p.Features() &^ supported; extra != 0 {
		return Unsupported(name, "model feature(s) "+extra.String())
	}
	if objectives == nil {
		return nil
	}
	for _, t := range obj.Normalized().Terms {
		ok := false
		for _, c := range objectives {
			if c == t.Criterion {
				ok = true
			}
		}
		if !ok {
			return Unsupported(name, "objective "+t.Criterion.String())
		}
	}
	return nil
}
