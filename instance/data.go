package instance

import (
	"cmp"
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

// InstanceRef designates one instance: a file of a folder, a file of the
// embedded data, a Taillard instance made by the built-in generator (Path
// empty, Format FormatTaillardGen) or a generated plant (Path empty,
// Format FormatPlantGen).
type InstanceRef struct {
	// Name is the instance name: the file's base name without extension
	// (the specification for a generated plant, "gen:200:10:20").
	Name string
	// Path is the file: an operating-system path, or a slash-separated
	// path inside the embedded data (see Embedded); empty for generated
	// instances.
	Path string
	// Format is the file's format.
	Format Format
	// Family is Family(Name) ("plant" for generated plants).
	Family string

	fsys  fs.FS        // the file system holding Path; nil: the operating system's
	plant *PlantConfig // the generated plant's configuration (FormatPlantGen)
}

// Embedded reports whether the instance is a file of the embedded data.
func (r InstanceRef) Embedded() bool { return r.fsys != nil }

// Load reads the instance.
func (r InstanceRef) Load() (*model.Problem, error) {
	switch {
	case r.Format == FormatTaillardGen:
		return TaillardInstance(r.Name)
	case r.Format == FormatPlantGen:
		var cfg PlantConfig
		if r.plant != nil {
			cfg = *r.plant
		} else {
			var err error
			if cfg, err = ParsePlantSpec(r.Name); err != nil {
				return nil, err
			}
		}
		p := GeneratePlant(cfg)
		p.Name = r.Name
		return p, nil
	case r.fsys != nil:
		f, err := r.fsys.Open(r.Path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return LoadReader(f, r.Path, r.Format)
	}
	return Load(r.Path, r.Format)
}

// key identifies a reference for de-duplication.
func (r InstanceRef) key() string {
	switch {
	case r.Format == FormatPlantGen:
		return "plant:" + r.Name
	case r.Path == "":
		return "gen:" + r.Name
	case r.fsys != nil:
		return "embedded:" + r.Path
	}
	if abs, err := filepath.Abs(r.Path); err == nil {
		return abs
	}
	return r.Path
}

// FindInstances resolves instance specifications against the data folder
// dataDir: OpenData(dataDir), then Data.Find. An empty dataDir means the
// folder named by the ORDO_DATA environment variable, or the embedded data
// when that is unset.
func FindInstances(dataDir string, specs []string) ([]InstanceRef, error) {
	d, err := OpenData(dataDir)
	if err != nil {
		return nil, err
	}
	return d.Find(specs)
}

// Find resolves instance specifications, in order, into references, each
// spec's matches sorted naturally (ta2 before ta10) and duplicates dropped.
// A spec is, in the order tried:
//
//   - a generated plant, "gen:ORDERS[:OPS[:MACHINES[:WINDOW[:SEED]]]]"
//     (see ParsePlantSpec);
//   - an instance file (format by extension), or a folder: every instance
//     file below it (.json, .txt, .jsp, .tai, .fjs); relative paths are
//     tried from the working directory, then inside d ("jsp/ft06.txt",
//     "fjsp");
//   - a glob ("jsp/la*.txt", "ta0*"), matched against paths, then against
//     instance names in d;
//   - a range of instance names with a common prefix: "ta01-ta10",
//     "la01-05", "edata_la01-edata_la10";
//   - an instance name ("ta01", "mk03", "edata_la01"), case-insensitive;
//   - a family name ("ta", "la", "mk", "edata", ...; see Family).
//
// Names, ranges and families refer to the instance files of d (searched
// recursively) and to Taillard's ta01..ta80, which resolve to d's file
// when there is one and to the built-in generator otherwise. d may be nil
// (no data: files, folders, generated instances only). A spec that
// matches nothing is an error.
func (d *Data) Find(specs []string) ([]InstanceRef, error) {
	var cat []InstanceRef // catalogue of d plus generated Taillard instances
	catalogue := func() ([]InstanceRef, error) {
		if cat != nil {
			return cat, nil
		}
		if d != nil {
			refs, err := d.scan(".")
			if err != nil {
				return nil, err
			}
			cat = slices.Clone(refs)
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
		refs, err := d.resolve(spec, catalogue)
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
func (d *Data) resolve(spec string, catalogue func() ([]InstanceRef, error)) ([]InstanceRef, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, errors.New("empty instance specification")
	}
	if strings.HasPrefix(spec, plantPrefix) {
		cfg, err := ParsePlantSpec(spec)
		if err != nil {
			return nil, err
		}
		return []InstanceRef{{Name: spec, Format: FormatPlantGen, Family: "plant", plant: &cfg}}, nil
	}
	if refs, ok, err := fromPath(spec); ok || err != nil {
		return refs, err
	}
	rel, inData := d.relPath(spec)
	if inData {
		if refs, ok, err := d.fromData(rel); ok || err != nil {
			return refs, err
		}
	}
	if strings.ContainsAny(spec, "*?[") {
		matches, err := filepath.Glob(spec)
		if err != nil {
			return nil, fmt.Errorf("bad pattern %q: %w", spec, err)
		}
		var refs []InstanceRef
		for _, m := range matches {
			if r, ok, err := fromPath(m); err == nil && ok {
				refs = append(refs, r...)
			}
		}
		if len(refs) == 0 && inData {
			matches, _ := fs.Glob(d.fsys, rel)
			for _, m := range matches {
				if r, ok, err := d.fromData(m); err == nil && ok {
					refs = append(refs, r...)
				}
			}
		}
		if len(refs) > 0 {
			sortRefs(refs)
			return refs, nil
		}
		cat, err := catalogue()
		if err != nil {
			return nil, err
		}
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
	where := "no data"
	if d != nil {
		where = d.String()
	}
	return nil, fmt.Errorf("no instance matches %q (not a file, folder, glob, range, instance or family name; %s)", spec, where)
}

// relPath returns spec as a path inside d; ok is false when d is nil or
// spec cannot name a file of d (absolute, or leaving it).
func (d *Data) relPath(spec string) (string, bool) {
	if d == nil || filepath.IsAbs(spec) {
		return "", false
	}
	rel := path.Clean(filepath.ToSlash(spec))
	return rel, fs.ValidPath(rel) && rel != "."
}

// fromPath returns the references of an existing operating-system file or
// folder; ok is false when p does not exist.
func fromPath(p string) (refs []InstanceRef, ok bool, err error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, false, nil //nolint:nilerr // not a path: ok reports it
	}
	if fi.IsDir() {
		refs, err := scanFS(os.DirFS(p), ".", p, false)
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

// fromData returns the references of the file or folder rel of d; ok is
// false when rel does not exist there.
func (d *Data) fromData(rel string) (refs []InstanceRef, ok bool, err error) {
	fi, err := fs.Stat(d.fsys, rel)
	if err != nil {
		return nil, false, nil //nolint:nilerr // not in the data: ok reports it
	}
	if fi.IsDir() {
		refs, err := d.scan(rel)
		if err != nil {
			return nil, true, err
		}
		if len(refs) == 0 {
			return nil, true, fmt.Errorf("%s: no instance file in this folder of %s", rel, d)
		}
		return refs, true, nil
	}
	f, err := FormatFromPath(rel)
	if err != nil {
		return nil, true, err
	}
	return []InstanceRef{d.ref(rel, f)}, true, nil
}

// ref returns the reference of the file rel of d.
func (d *Data) ref(rel string, f Format) InstanceRef {
	name := instanceName(rel)
	r := InstanceRef{Name: name, Path: rel, Format: f, Family: Family(name)}
	if d.dir != "" {
		r.Path = filepath.Join(d.dir, filepath.FromSlash(rel))
	} else {
		r.fsys = d.fsys
	}
	return r
}

// scan lists the instance files of d below rel (hidden entries skipped),
// sorted naturally by name.
func (d *Data) scan(rel string) ([]InstanceRef, error) {
	if rel == "." {
		d.once.Do(func() { d.all, d.allErr = scanFS(d.fsys, ".", d.dir, d.dir == "") })
		if d.allErr != nil {
			return nil, d.allErr
		}
		refs := slices.Clone(d.all)
		return refs, nil
	}
	return scanFS(d.fsys, rel, d.dir, d.dir == "")
}

// scanFS lists the instance files of fsys below root (hidden entries
// skipped), sorted naturally by name. Paths are joined to dir (an
// operating-system folder) unless embedded is true, in which case the
// references read from fsys.
func scanFS(fsys fs.FS, root, dir string, embedded bool) ([]InstanceRef, error) {
	var refs []InstanceRef
	err := fs.WalkDir(fsys, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		f, ferr := FormatFromPath(p)
		if ferr != nil {
			return nil //nolint:nilerr // not an instance file (README, CSV ...): skipped
		}
		name := instanceName(p)
		r := InstanceRef{Name: name, Path: p, Format: f, Family: Family(name)}
		if embedded {
			r.fsys = fsys
		} else {
			r.Path = filepath.Join(dir, filepath.FromSlash(p))
		}
		refs = append(refs, r)
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
				return cmp.Compare(len(na), len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			if tie == 0 {
				tie = cmp.Compare(len(rb), len(ra)) // more leading zeros first
			}
			a, b = a[len(ra):], b[len(rb):]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(int(a[0]), int(b[0]))
		}
		a, b = a[1:], b[1:]
	}
	if c := cmp.Compare(len(a), len(b)); c != 0 {
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
