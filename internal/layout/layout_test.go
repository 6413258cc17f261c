package layout

import (
	"go/build"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/ordo-sched/ordo/"

// layers gives every package of the module its layer: a package imports
// only packages of strictly lower layers.
var layers = map[string]int{
	"internal/jsontree":     0,
	"solver/mip/lp":         0,
	"solver/mip/lp/lptest":  1,
	"solver/mip/cbc":        1,
	"solver/mip/execsolver": 1,
	"solver/mip/lpsolve":    1,
	"model":                 1,
	"schedule":              2,
	"instance":              2,
	"examples":              2,
	"schedule/gantt":        3,
	"internal/engine":       3,
	"explain":               3,
	"solver":                3,
	"internal/testinst":     3,
	"heuristics":            3,
	"internal/layout":       3,
	"internal/corpus":       3,
	"internal/browsertest":  3,
	"heuristics/dispatch":   4,
	"solver/solvertest":     4,
	"heuristics/tabu":       5,
	"heuristics/ga":         6,
	"solver/mip":            6,
	"solvers":               7,
	"plan":                  7,
	"bench":                 7,
	"bench/charts":          8,
	"report":                8,
	"scenario":              8,
	"examples/atc":          10,
	"examples/quickstart":   10,
	"examples/replan":       10,
	"cmd/ordo":              10,
	"server":                9,
	"server/loadtest":       10,
}

// registryUsers may import the registry facade (package solvers): the
// programs at the top. Libraries take solver.Solver values instead.
var registryUsers = map[string]bool{"cmd/ordo": true, "server": true}

// standalone packages must not depend on anything outside the standard
// library and the module (a program reading instance files pulls in no
// plotting, no database).
var standalone = []string{"model", "schedule", "instance", "solver", "internal/engine", "explain", "plan", "report"}

type pkg struct {
	imports  []string // module packages, relative
	external []string // non-standard, non-module imports
}

func load(t *testing.T) map[string]pkg {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	pkgs := map[string]pkg{}
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		bp, err := build.ImportDir(path, 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		var p pkg
		for _, imp := range bp.Imports {
			switch {
			case strings.HasPrefix(imp, module):
				p.imports = append(p.imports, strings.TrimPrefix(imp, module))
			case strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
				p.external = append(p.external, imp)
			}
		}
		pkgs[rel] = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func TestImportsRunOneWay(t *testing.T) {
	pkgs := load(t)
	names := make([]string, 0, len(pkgs))
	for n := range pkgs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ln, ok := layers[n]
		if !ok {
			t.Errorf("package %s has no layer: give it one in internal/layout and a line in docs/architecture.md", n)
			continue
		}
		for _, imp := range pkgs[n].imports {
			li, ok := layers[imp]
			if !ok {
				continue // reported above
			}
			if li >= ln {
				t.Errorf("%s (layer %d) imports %s (layer %d): imports run from higher layers to lower ones only", n, ln, imp, li)
			}
			if imp == "solvers" && !registryUsers[n] {
				t.Errorf("%s imports the registry facade (solvers): compose solvers through their Go functions", n)
			}
		}
	}
	for n := range layers {
		if _, ok := pkgs[n]; !ok {
			t.Errorf("layer table names %s, which is not a package of the module any more", n)
		}
	}
}

func TestStandalonePackages(t *testing.T) {
	pkgs := load(t)
	for _, n := range standalone {
		seen := map[string]bool{}
		var walk func(string)
		walk = func(p string) {
			if seen[p] {
				return
			}
			seen[p] = true
			for _, e := range pkgs[p].external {
				t.Errorf("%s depends (through %s) on %s: keep it on the standard library", n, p, e)
			}
			for _, imp := range pkgs[p].imports {
				walk(imp)
			}
		}
		walk(n)
	}
}

func TestCheckerNeverSeesTheEngine(t *testing.T) {
	pkgs := load(t)
	seen := map[string]bool{}
	var walk func(string)
	walk = func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, imp := range pkgs[p].imports {
			walk(imp)
		}
	}
	walk("schedule")
	if seen["internal/engine"] {
		t.Error("schedule (the independent checker) depends on internal/engine")
	}
}
