package instance

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestFamily(t *testing.T) {
	cases := map[string]string{
		"ta01": "ta", "TA42": "ta", "tai05": "ta", "la01": "la", "ft06": "ft", "mt10": "ft", "abz5": "abz",
		"orb01": "orb", "swv20": "swv", "yn1": "yn", "yn04": "yn", "dmu12": "dmu", "car3": "car",
		"mk01": "mk", "edata_la01": "edata", "rdata_mt06": "rdata", "vdata_orb1": "vdata", "sdata_car1": "sdata",
		"dpp01a": "dpp", "kacem4": "kacem", "sfjs03": "sfjs", "mfjs10": "mfjs",
		"mt10c1": "barnes", "mt10xyz": "barnes", "setb4x": "barnes", "seti5c12": "barnes",
		"fjsp/mk03.fjs": "mk", "jsp/ft10.txt": "ft", "plant": "plant", "123": "123", "x_1": "x",
	}
	for name, want := range cases {
		if got := Family(name); got != want {
			t.Errorf("Family(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	names := []string{"ta10", "ta2", "ta01", "la1", "TA3", "ta002", "mk10", "mk9", "edata_la10", "edata_la9", "ta1a", "ta1"}
	slices.SortFunc(names, naturalCompare)
	want := []string{"edata_la9", "edata_la10", "la1", "mk9", "mk10", "ta01", "ta1", "ta1a", "ta002", "ta2", "TA3", "ta10"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("sorted %v\nwant   %v", names, want)
	}
}

func TestOpenData(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvData, dir)
	d, err := OpenData("")
	if err != nil || d.Dir() != dir {
		t.Fatalf("OpenData(\"\") with %s=%s: %v, %v", EnvData, dir, d, err)
	}
	if b, err := d.Bounds(); err != nil || len(b) != 0 {
		t.Errorf("Bounds() of a folder without bounds.csv = %v, %v; want empty", b, err)
	}
	t.Setenv(EnvData, filepath.Join(dir, "nope"))
	if _, err := OpenData(""); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("OpenData with a missing folder: %v", err)
	}
	if _, err := OpenData(filepath.Join("testdata", "tiny.txt")); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("OpenData of a file: %v", err)
	}
	t.Setenv(EnvData, "")
	if d, err := OpenData(""); err != nil || d != Embedded() {
		t.Errorf("OpenData(\"\") without %s = %v, %v; want the embedded data", EnvData, d, err)
	}
}

func names(refs []InstanceRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Name)
	}
	return out
}

// fakeData builds a small data folder.
func fakeData(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"jsp/la01.txt": "tiny.txt", "jsp/la02.txt": "tiny.txt", "jsp/la10.txt": "tiny.txt",
		"jsp/ta03.txt": "tiny.txt", "fjsp/mk01.fjs": "tiny.fjs", "fjsp/edata_la01.fjs": "tiny.fjs",
		"other/x.tai": "tiny_vanhoorn.tai",
	}
	for rel, src := range files {
		data, err := os.ReadFile(filepath.Join("testdata", src))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, junk := range []string{"bounds.csv", "README.md", ".hidden/la03.txt"} {
		p := filepath.Join(dir, junk)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFindInstances(t *testing.T) {
	dir := fakeData(t)
	cases := []struct {
		specs []string
		want  []string
	}{
		{[]string{"la"}, []string{"la01", "la02", "la10"}},
		{[]string{"la01-la02"}, []string{"la01", "la02"}},
		{[]string{"la01-10"}, []string{"la01", "la02", "la10"}},
		{[]string{"LA10", "la01", "la10"}, []string{"la10", "la01"}},
		{[]string{"ta02-ta04"}, []string{"ta02", "ta03", "ta04"}},
		{[]string{"ta"}, TaillardNames()},
		{[]string{"ta7"}, []string{"ta07"}},
		{[]string{"mk01", "edata"}, []string{"mk01", "edata_la01"}},
		{[]string{"la0*"}, []string{"la01", "la02"}},
		{[]string{"jsp"}, []string{"la01", "la02", "la10", "ta03"}},
		{[]string{filepath.Join(dir, "fjsp")}, []string{"edata_la01", "mk01"}},
		{[]string{filepath.Join(dir, "jsp", "l*.txt")}, []string{"la01", "la02", "la10"}},
		{[]string{"other/x.tai"}, []string{"x"}},
		{[]string{"testdata/tiny.fjs"}, []string{"tiny"}},
		{[]string{dir}, []string{"edata_la01", "la01", "la02", "la10", "mk01", "ta03", "x"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.specs, ","), func(t *testing.T) {
			refs, err := FindInstances(dir, c.specs)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(refs); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v\nwant %v", got, c.want)
			}
			for _, r := range refs {
				if r.Family != Family(r.Name) {
					t.Errorf("%s: Family %q", r.Name, r.Family)
				}
			}
		})
	}
	t.Run("resolution", func(t *testing.T) {
		refs, err := FindInstances(dir, []string{"ta03", "ta04", "mk01"})
		if err != nil {
			t.Fatal(err)
		}
		if r := refs[0]; r.Path != filepath.Join(dir, "jsp", "ta03.txt") || r.Format != FormatJSP {
			t.Errorf("ta03 = %+v, want the data file", r)
		}
		if r := refs[1]; r.Path != "" || r.Format != FormatTaillardGen || r.Family != "ta" {
			t.Errorf("ta04 = %+v, want the generator", r)
		}
		for _, r := range refs {
			p, err := r.Load()
			if err != nil {
				t.Fatalf("%s: %v", r.Name, err)
			}
			if p.Name != r.Name {
				t.Errorf("%s: loaded problem named %q", r.Name, p.Name)
			}
		}
		if refs[2].Format != FormatFJS {
			t.Errorf("mk01 = %+v", refs[2])
		}
	})
	t.Run("no-data", func(t *testing.T) {
		var none *Data
		refs, err := none.Find([]string{"ta01", "ta79-80"})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(refs); !reflect.DeepEqual(got, []string{"ta01", "ta79", "ta80"}) {
			t.Errorf("got %v", got)
		}
		for _, r := range refs {
			if r.Format != FormatTaillardGen {
				t.Errorf("%s = %+v, want the generator", r.Name, r)
			}
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, c := range []struct{ spec, want string }{
			{"nothing", `no instance matches "nothing"`},
			{"zz*", `no instance matches "zz*"`},
			{"la05-la09", `no instance in range "la05-la09"`},
			{"la09-la05", `range "la09-la05" is empty`},
			{"la01-mk05", "same prefix"},
			{"", "empty instance specification"},
			{"testdata/../formats.go", "unknown extension"},
			{"[", "bad pattern"},
		} {
			if _, err := FindInstances(dir, []string{c.spec}); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("FindInstances(%q): error %v, want %q", c.spec, err, c.want)
			}
		}
	})
}

// TestFindInstancesData checks the families of the embedded data and
// that a folder with the same files resolves every specification to the
// same instances.
func TestFindInstancesData(t *testing.T) {
	folder := t.TempDir()
	if err := os.CopyFS(folder, Embedded().FS()); err != nil {
		t.Fatal(err)
	}
	fromFolder, err := OpenData(folder)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{"ta": 80, "la": 40, "ft": 3, "abz": 5, "orb": 10, "swv": 20, "yn": 4,
		"mk": 15, "edata": 66, "rdata": 66, "dpp": 18, "kacem": 4, "sfjs": 10, "mfjs": 10, "barnes": 21,
		"ta01-ta10": 10, "la01-05": 5, "jsp": 162, "fjsp": 210, "ft06": 1, "edata_la01": 1, "MK01": 1,
		"jsp/ft06.txt": 1, "fjsp/mk0*.fjs": 9, "edata_la0*": 9, "ft la ta mk": 138}
	for spec, n := range counts {
		specs := strings.Fields(spec)
		refs, err := Embedded().Find(specs)
		if err != nil {
			t.Errorf("%s: %v", spec, err)
			continue
		}
		if len(refs) != n {
			t.Errorf("%s: %d instances, want %d: %v", spec, len(refs), n, names(refs))
		}
		other, err := fromFolder.Find(specs)
		if err != nil {
			t.Errorf("%s in a folder: %v", spec, err)
			continue
		}
		if !reflect.DeepEqual(names(other), names(refs)) {
			t.Errorf("%s: folder gives %v, embedded data %v", spec, names(other), names(refs))
		}
		for i, r := range refs {
			if !r.Embedded() || other[i].Embedded() || r.Format != other[i].Format || r.Family != other[i].Family {
				t.Errorf("%s: embedded %+v, folder %+v", spec, r, other[i])
			}
		}
	}
	refs, err := FindInstances("", []string{"ta01-ta03", "mk01"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		if r.Path == "" || !r.Embedded() {
			t.Errorf("%s resolves to %+v, want the embedded file", r.Name, r)
		}
		p, err := r.Load()
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		if p.Name != r.Name {
			t.Errorf("%s: loaded problem named %q", r.Name, p.Name)
		}
	}
	if _, err := Embedded().Find([]string{"dmu01"}); err == nil || !strings.Contains(err.Error(), "embedded data") {
		t.Errorf("dmu01 (not shipped): error %v", err)
	}
}

func TestFindPlants(t *testing.T) {
	refs, err := Embedded().Find([]string{"gen:30:4:6:1.2:7", "gen:12"})
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 2 || refs[0].Format != FormatPlantGen || refs[0].Family != "plant" {
		t.Fatalf("refs %+v", refs)
	}
	p, err := refs[0].Load()
	if err != nil {
		t.Fatal(err)
	}
	want := GeneratePlant(PlantConfig{Orders: 30, OpsPerOrder: 4, Machines: 6, ReleaseWindow: 1.2, Seed: 7})
	want.Name = "gen:30:4:6:1.2:7"
	if !reflect.DeepEqual(p, want) {
		t.Error("gen:30:4:6:1.2:7 differs from GeneratePlant of its configuration")
	}
	q, err := refs[1].Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Jobs) != 12 || q.NumOperations() != 12*5 {
		t.Errorf("gen:12: %d orders, %d operations; want 12 of the default 5", len(q.Jobs), q.NumOperations())
	}
	for _, bad := range []string{"gen:", "gen:0", "gen:x", "gen:10:-1", "gen:10:5:5:-1", "gen:10:5:5:NaN", "gen:10:5:5:1:s", "gen:1:2:3:4:5:6", "gen:2000000"} {
		if _, err := Embedded().Find([]string{bad}); err == nil || !strings.Contains(err.Error(), "gen:ORDERS") {
			t.Errorf("%s: error %v", bad, err)
		}
	}
}
