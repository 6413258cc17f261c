package instance

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/ordo-sched/ordo/model"
)

// EnvData is the environment variable naming the default data folder
// (OpenData with an empty folder).
const EnvData = "ORDO_DATA"

// BoundsFile is the name of the bounds table at the root of a data set.
const BoundsFile = "bounds.csv"

// instancesZip is the embedded data: the standard instance files and the
// bounds tables (see data/README.md).
//
//go:embed data/instances.zip
var instancesZip []byte

// Data is a set of benchmark data: instance files anywhere below its root
// (.txt, .jsp, .tai, .fjs, .json) and, optionally, the bounds table
// BoundsFile at the root. It is a folder (OpenData) or the set embedded in
// the module (Embedded). A Data is safe for concurrent use.
type Data struct {
	fsys fs.FS
	dir  string // the folder; "" for the embedded data

	once   sync.Once // the catalogue of every instance file, listed once
	all    []InstanceRef
	allErr error
}

var embedded = sync.OnceValues(func() (*Data, error) {
	zr, err := zip.NewReader(bytes.NewReader(instancesZip), int64(len(instancesZip)))
	if err != nil {
		return nil, fmt.Errorf("embedded data: %w", err)
	}
	return &Data{fsys: zr}, nil
})

// Embedded returns the data embedded in the module: 162 job-shop instances
// in the standard format (jsp/: ft, la, abz, orb, swv, yn, ta), 210
// flexible job-shop instances in Brandimarte's format (fjsp/: mk,
// Hurink's edata and rdata, dpp, Barnes, Kacem, Fattahi), their best known
// makespan bounds (bounds.csv, with every source's value in
// bounds_sources.csv) and the makespans of six classic dispatching rules
// on the job-shop instances (pdr_reference_makespans.csv).
func Embedded() *Data {
	d, err := embedded()
	if err != nil {
		// The archive is part of the source: a broken one is a broken
		// build, which the package's tests catch.
		panic("instance: " + err.Error())
	}
	return d
}

// OpenData returns the data folder dir; with an empty dir, the folder
// named by the ORDO_DATA environment variable, or Embedded() when that is
// unset or empty. A folder that does not exist is an error.
func OpenData(dir string) (*Data, error) {
	if dir == "" {
		dir = os.Getenv(EnvData)
		if dir == "" {
			return Embedded(), nil
		}
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("data folder %s: not a folder", dir)
	}
	return &Data{fsys: os.DirFS(dir), dir: dir}, nil
}

// String describes the data: "data folder DIR" or "embedded data".
func (d *Data) String() string {
	if d.dir == "" {
		return "embedded data"
	}
	return "data folder " + d.dir
}

// Dir returns the data's folder, or "" for the embedded data.
func (d *Data) Dir() string { return d.dir }

// FS returns the data's files (slash-separated paths from its root).
func (d *Data) FS() fs.FS { return d.fsys }

// Bounds reads the data's bounds table (BoundsFile at its root, see
// ReadBounds). Without one it returns an empty map and no error.
func (d *Data) Bounds() (map[string]Bound, error) {
	f, err := d.fsys.Open(BoundsFile)
	if err != nil {
		if _, serr := fs.Stat(d.fsys, BoundsFile); serr != nil {
			return map[string]Bound{}, nil
		}
		return nil, err
	}
	defer f.Close()
	name := BoundsFile
	if d.dir != "" {
		name = d.dir + string(os.PathSeparator) + BoundsFile
	}
	return readBounds(f, name)
}

// Load returns the instance of d named name (an instance name or any
// specification that Find resolves to exactly one instance).
func (d *Data) Load(name string) (*model.Problem, error) {
	refs, err := d.Find([]string{name})
	if err != nil {
		return nil, err
	}
	if len(refs) != 1 {
		return nil, fmt.Errorf("%q names %d instances of %s, want one", name, len(refs), d)
	}
	return refs[0].Load()
}
