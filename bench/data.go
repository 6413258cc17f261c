package bench

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ordo-sched/ordo/model"
)

// DataDir returns the benchmark data folder and whether it exists: the
// environment variable ORDO_DATA when set, otherwise ../shared/instances
// relative to the module root (the first folder holding go.mod, walking up
// from the working directory), otherwise shared/instances beside one of the
// ancestors of the executable's folder. When nothing is found it returns
// ("", false); when ORDO_DATA names a missing folder it returns that path
// and false.
func DataDir() (string, bool) {
	if d := os.Getenv("ORDO_DATA"); d != "" {
		return d, isDir(d)
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; {
			if isFile(filepath.Join(d, "go.mod")) {
				cand := filepath.Join(filepath.Dir(d), "shared", "instances")
				if isDir(cand) {
					return cand, true
				}
				break
			}
			up := filepath.Dir(d)
			if up == d {
				break
			}
			d = up
		}
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		for d := filepath.Dir(exe); ; {
			up := filepath.Dir(d)
			cand := filepath.Join(up, "shared", "instances")
			if isDir(cand) {
				return cand, true
			}
			if up == d {
				break
			}
			d = up
		}
	}
	return "", false
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// Family returns the benchmark family of an instance name (a file name is
// accepted: folder and extension are dropped), lower case:
//
//	JSP:  "ft" (ft06, also mt06/mt10/mt20), "la", "abz", "orb", "swv",
//	      "yn", "ta" (also tai01), "dmu", "car"
//	FJSP: "mk", "edata", "rdata", "vdata", "sdata" (Hurink: edata_la01),
//	      "dpp", "kacem", "sfjs", "mfjs", "barnes" (mt10c1, setb4x, seti5xy)
//
// Other names give their leading letters ("foo12" is "foo"), or the whole
// name when it does not start with a letter.
func Family(name string) string {
	n := strings.ToLower(instanceName(name))
	for _, h := range []string{"edata", "rdata", "vdata", "sdata"} {
		if strings.HasPrefix(n, h+"_") {
			return h
		}
	}
	switch n {
	case "mt06", "mt10", "mt20":
		return "ft"
	}
	for _, b := range []string{"mt10", "setb4", "seti5"} {
		if strings.HasPrefix(n, b) {
			return "barnes"
		}
	}
	i := strings.IndexFunc(n, func(r rune) bool { return r < 'a' || r > 'z' })
	if i < 0 {
		i = len(n)
	}
	if i == 0 {
		return n
	}
	switch f := n[:i]; f {
	case "tai":
		return "ta"
	case "mt":
		return "ft"
	default:
		return f
	}
}

// InstanceRef designates one instance: a file, or a Taillard instance made
// by the built-in generator (Path empty, Format FormatTaillardGen).
type InstanceRef struct {
	// Name is the instance name: the file's base name without extension.
	Name string
	// Path is the file; empty for generated instances.
	Path string
	// Format is the file's format.
	Format Format
	// Family is Family(Name).
	Family string
}

// Load reads the instance.
func (r InstanceRef) Load() (*model.Problem, error) {
	if r.Format == FormatTaillardGen {
		return TaillardInstance(r.Name)
	}
	return Load(r.Path, r.Format)
}

// key identifies a reference for de-duplication.
func (r InstanceRef) key() string {
	if r.Path == "" {
		return "gen:" + r.Name
	}
	if abs, err := filepath.Abs(r.Path); err == nil {
		return abs
	}
	return r.Path
}

// FindInstances resolves instance specifications, in order, into
// references, each spec's matches sorted naturally (ta2 before ta10) and
// duplicates dropped. A spec is, in the order tried:
//
//   - an instance file (format by extension), or a folder: every instance
//     file below it (.json, .txt, .jsp, .tai, .fjs); relative paths are
//     tried from the working directory, then from dataDir;
//   - a glob ("jsp/la*.txt", "ta0*"), matched against paths, then against
//     instance names in dataDir;
//   - a range of instance names with a common prefix: "ta01-ta10",
//     "la01-05", "edata_la01-edata_la10";
//   - an instance name ("ta01", "mk03", "edata_la01"), case-insensitive;
//   - a family name ("ta", "la", "mk", "edata", ...; see Family).
//
// Names, ranges and families refer to the files in dataDir (searched
// recursively) and to Taillard's ta01..ta80, which resolve to the data file
// when there is one and to the built-in generator otherwise. dataDir may be
// empty. A spec that matches nothing is an error.
func FindInstances(dataDir string, specs []string) ([]InstanceRef, error) {
	var cat []InstanceRef // catalogue of dataDir plus generated Taillard instances
	catalogue := func() ([]InstanceRef, error) {
		if cat != nil {
			return cat, nil
		}
		var err error
		if dataDir != "" && isDir(dataDir) {
			if cat, err = scanDir(dataDir); err != nil {
				return nil, err
			}
		}
		have := make(map[string]bool, len(cat))
		for _, r := range cat {
			have[strings.ToLower(r.Name)] = true
		}
		for _, name := range TaillardNames() {
			if !have[name] {
				cat = append(cat, InstanceRef{Name: name, Format: FormatTaillardGen, Family: "ta"})
			}
		}
		sortRefs(cat)
		return cat, nil
	}
	var out []InstanceRef
	seen := make(map[string]bool)
	for _, spec := range specs {
		refs, err := resolve(spec, dataDir, catalogue)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			if k := r.key(); !seen[k] {
				seen[k] = true
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// resolve resolves one spec.
func resolve(spec, dataDir string, catalogue func() ([]InstanceRef, error)) ([]InstanceRef, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, errors.New("empty instance specification")
	}
	paths := []string{spec}
	if dataDir != "" && !filepath.IsAbs(spec) {
		paths = append(paths, filepath.Join(dataDir, spec))
	}
	for _, p := range paths {
		if refs, ok, err := fromPath(p); ok || err != nil {
			return refs, err
		}
	}
	if strings.ContainsAny(spec, "*?[") {
		for _, p := range paths {
			matches, err := filepath.Glob(p)
			if err != nil {
				return nil, fmt.Errorf("bad pattern %q: %w", spec, err)
			}
			var refs []InstanceRef
			for _, m := range matches {
				if r, ok, err := fromPath(m); err == nil && ok {
					refs = append(refs, r...)
				}
			}
			if len(refs) > 0 {
				sortRefs(refs)
				return refs, nil
			}
		}
		cat, err := catalogue()
		if err != nil {
			return nil, err
		}
		var refs []InstanceRef
		pat := strings.ToLower(spec)
		for _, r := range cat {
			if ok, _ := path.Match(pat, strings.ToLower(r.Name)); ok {
				refs = append(refs, r)
			}
		}
		if len(refs) == 0 {
			return nil, fmt.Errorf("no instance matches %q", spec)
		}
		return refs, nil
	}
	cat, err := catalogue()
	if err != nil {
		return nil, err
	}
	if lo, hi, ok := strings.Cut(spec, "-"); ok {
		if refs, ok, err := rangeRefs(cat, spec, lo, hi); ok || err != nil {
			return refs, err
		}
	}
	lname := strings.ToLower(spec)
	if i, ok := taillardIndex(lname); ok {
		lname = taillardName(i)
	}
	var refs []InstanceRef
	for _, r := range cat {
		if strings.ToLower(r.Name) == lname {
			refs = append(refs, r)
		}
	}
	if len(refs) > 0 {
		return refs, nil
	}
	for _, r := range cat {
		if r.Family == lname {
			refs = append(refs, r)
		}
	}
	if len(refs) > 0 {
		return refs, nil
	}
	where := "no data folder"
	if dataDir != "" {
		where = "data folder " + dataDir
	}
	return nil, fmt.Errorf("no instance matches %q (not a file, folder, glob, range, instance or family name; %s)", spec, where)
}

// fromPath returns the references of an existing file or folder; ok is
// false when p does not exist.
func fromPath(p string) (refs []InstanceRef, ok bool, err error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, false, nil
	}
	if fi.IsDir() {
		refs, err := scanDir(p)
		if err != nil {
			return nil, true, err
		}
		if len(refs) == 0 {
			return nil, true, fmt.Errorf("%s: no instance file in this folder", p)
		}
		return refs, true, nil
	}
	f, err := FormatFromPath(p)
	if err != nil {
		return nil, true, err
	}
	name := instanceName(p)
	return []InstanceRef{{Name: name, Path: p, Format: f, Family: Family(name)}}, true, nil
}

// scanDir lists the instance files below dir (hidden entries skipped),
// sorted naturally by name.
func scanDir(dir string) ([]InstanceRef, error) {
	var refs []InstanceRef
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		f, ferr := FormatFromPath(p)
		if ferr != nil {
			return nil // not an instance file (README, CSV ...)
		}
		name := instanceName(p)
		refs = append(refs, InstanceRef{Name: name, Path: p, Format: f, Family: Family(name)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortRefs(refs)
	return refs, nil
}

var rangeEnd = regexp.MustCompile(`^([A-Za-z_]*?)([0-9]+)([A-Za-z]*)$`)

// rangeRefs resolves "ta01-ta10" or "la01-05"; ok is false when spec is not
// a range.
func rangeRefs(cat []InstanceRef, spec, lo, hi string) ([]InstanceRef, bool, error) {
	a := rangeEnd.FindStringSubmatch(strings.ToLower(lo))
	b := rangeEnd.FindStringSubmatch(strings.ToLower(hi))
	if a == nil || b == nil {
		return nil, false, nil
	}
	if b[1] == "" && b[3] == "" {
		b[1], b[3] = a[1], a[3]
	}
	if a[1] != b[1] || a[3] != b[3] {
		return nil, true, fmt.Errorf("range %q: both ends need the same prefix and suffix", spec)
	}
	from, err1 := strconv.ParseInt(a[2], 10, 64)
	to, err2 := strconv.ParseInt(b[2], 10, 64)
	if err1 != nil || err2 != nil {
		return nil, true, fmt.Errorf("range %q: number out of range", spec)
	}
	if from > to {
		return nil, true, fmt.Errorf("range %q is empty (%d > %d)", spec, from, to)
	}
	var refs []InstanceRef
	for _, r := range cat {
		c := rangeEnd.FindStringSubmatch(strings.ToLower(r.Name))
		if c == nil || c[1] != a[1] || c[3] != a[3] {
			continue
		}
		if v, err := strconv.ParseInt(c[2], 10, 64); err == nil && v >= from && v <= to {
			refs = append(refs, r)
		}
	}
	if len(refs) == 0 {
		return nil, true, fmt.Errorf("no instance in range %q", spec)
	}
	return refs, true, nil
}

// sortRefs sorts naturally by name, then by path.
func sortRefs(refs []InstanceRef) {
	slices.SortStableFunc(refs, func(x, y InstanceRef) int {
		if c := naturalCompare(x.Name, y.Name); c != 0 {
			return c
		}
		return strings.Compare(x.Path, y.Path)
	})
}

// naturalCompare compares strings with digit runs compared as numbers
// ("ta2" < "ta10"), case-insensitively first.
func naturalCompare(a, b string) int {
	if c := naturalCompareCase(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func naturalCompareCase(a, b string) int {
	tie := 0 // first difference in leading zeros, used only when all else is equal
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			ra, rb := digitRun(a), digitRun(b)
			na, nb := strings.TrimLeft(ra, "0"), strings.TrimLeft(rb, "0")
			if len(na) != len(nb) {
				return cmpInt(len(na), len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			if tie == 0 {
				tie = cmpInt(len(rb), len(ra)) // more leading zeros first
			}
			a, b = a[len(ra):], b[len(rb):]
			continue
		}
		if a[0] != b[0] {
			return cmpInt(int(a[0]), int(b[0]))
		}
		a, b = a[1:], b[1:]
	}
	if c := cmpInt(len(a), len(b)); c != 0 {
		return c
	}
	return tie
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) string {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i]
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
