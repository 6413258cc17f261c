package instance

import (
	"bytes"
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

// testVector0 is the 4x4 test vector of jsp_gen.c (seeds 1166510396 and
// 164000672), machines renumbered from 0.
var testVector0 = [][][2]int64{
	{{2, 54}, {0, 34}, {3, 61}, {1, 2}},
	{{3, 9}, {0, 15}, {1, 89}, {2, 70}},
	{{0, 38}, {1, 19}, {2, 28}, {3, 87}},
	{{0, 95}, {2, 34}, {1, 7}, {3, 29}},
}

func TestTaillardTestVector(t *testing.T) {
	p := TaillardJSP(4, 4, 1166510396, 164000672)
	checkJSP(t, p, "taillard-4x4-1166510396-164000672", testVector0)
}

func TestTaillardTA01FirstLine(t *testing.T) {
	p, err := TaillardInstance("ta01")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSP(&buf, p); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(buf.String(), "\n", 3)
	if lines[0] != "15 15" {
		t.Errorf("line 1 = %q, want \"15 15\"", lines[0])
	}
	if want := "6 94 12 66 4 10 7 53 3 26 2 15 10 65 11 82 8 10 14 27 9 93 13 92 5 96 0 70 1 83"; lines[1] != want {
		t.Errorf("line 2 = %q\nwant     %q", lines[1], want)
	}
}

// TestTaillardData checks the generator against all 80 data files, token
// for token.
func TestTaillardData(t *testing.T) {
	for _, name := range TaillardNames() {
		data, err := fs.ReadFile(testData(), "jsp/"+name+".txt")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		p, err := TaillardInstance(name)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != name {
			t.Errorf("Name = %q, want %q", p.Name, name)
		}
		var buf bytes.Buffer
		if err := WriteJSP(&buf, p); err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Fields(buf.String()), strings.Fields(string(data)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: generated instance differs from %s.txt", name, name)
			continue
		}
		q, err := ReadJSP(bytes.NewReader(data), name)
		if err != nil || !reflect.DeepEqual(p, q) {
			t.Errorf("%s: ReadJSP of the file differs from the generated problem (%v)", name, err)
		}
	}
}

func TestTaillardNames(t *testing.T) {
	names := TaillardNames()
	if len(names) != 80 || names[0] != "ta01" || names[9] != "ta10" || names[79] != "ta80" {
		t.Fatalf("TaillardNames() = %v", names)
	}
	sizes := map[string][2]int{"ta01": {15, 15}, "ta11": {20, 15}, "ta21": {20, 20}, "ta31": {30, 15},
		"ta41": {30, 20}, "ta51": {50, 15}, "ta61": {50, 20}, "ta71": {100, 20}, "ta80": {100, 20}}
	for name, nm := range sizes {
		p, err := TaillardInstance(name)
		if err != nil || len(p.Jobs) != nm[0] || len(p.Machines) != nm[1] {
			t.Errorf("%s: %v, want %dx%d", name, err, nm[0], nm[1])
		}
	}
	for _, alias := range []string{"ta7", "TA07", "ta007", "tai07", " ta07 "} {
		p, err := TaillardInstance(alias)
		if err != nil || p.Name != "ta07" {
			t.Errorf("TaillardInstance(%q) = %v, %v; want ta07", alias, p, err)
		}
	}
	for _, bad := range []string{"", "ta", "ta00", "ta81", "tb01", "ta0x", "ta-1", "ta1000", "ft06"} {
		if _, err := TaillardInstance(bad); err == nil || !strings.Contains(err.Error(), "want ta01..ta80") {
			t.Errorf("TaillardInstance(%q): error %v", bad, err)
		}
	}
}

// TestTaillardJSP checks the generator's shape for unusual arguments: every
// job visits every machine once and durations are in 1..99.
func TestTaillardJSP(t *testing.T) {
	cases := []struct {
		n, m   int
		ts, ms int64
		jobs   int
	}{
		{3, 5, 1, 1, 3},
		{2, 1, 12345, 678, 2},
		{4, 3, 0, -7, 4},            // seeds normalised
		{2, 2, 1 << 40, 1 << 35, 2}, // seeds reduced
		{0, 3, 1, 1, 0},
		{-1, 3, 1, 1, 0},
		{3, 0, 1, 1, 0},
	}
	for _, c := range cases {
		p := TaillardJSP(c.n, c.m, c.ts, c.ms)
		if len(p.Jobs) != c.jobs {
			t.Errorf("TaillardJSP(%d, %d): %d jobs, want %d", c.n, c.m, len(p.Jobs), c.jobs)
		}
		for _, job := range p.Jobs {
			seen := make(map[string]bool)
			for _, op := range job.Operations {
				a := op.Alternatives[0]
				if seen[a.Machine] || a.Duration < 1 || a.Duration > 99 {
					t.Errorf("TaillardJSP(%d, %d): bad operation %+v", c.n, c.m, a)
				}
				seen[a.Machine] = true
			}
			if len(seen) != len(p.Machines) {
				t.Errorf("TaillardJSP(%d, %d): job visits %d of %d machines", c.n, c.m, len(seen), len(p.Machines))
			}
		}
	}
}

func TestWriteTaillard(t *testing.T) {
	p, err := TaillardInstance("ta02")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteTaillard(&buf, p); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	want := []string{
		"Nb of jobs, Nb of Machines, Time seed, Machine seed, Upper bound, Lower bound",
		"        15        15 1314640371  386720536      1244       953",
		"Times",
		" 86 60 10 59 65 94 71 25 98 49 43  8 90 21 73",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q\nwant      %q", i+1, lines[i], w)
		}
	}
	if lines[18] != "Machines" || lines[19] != " 10 15  5 14 11  4  8  9  1  6  2  3 13  7 12" {
		t.Errorf("Machines section starts %q, %q", lines[18], lines[19])
	}
	q, err := ReadTaillard(bytes.NewReader(buf.Bytes()), "ta02")
	if err != nil || !reflect.DeepEqual(p, q) {
		t.Errorf("round trip: %v", err)
	}
	// Not Taillard's instance any more: unknown seeds and bounds.
	p.Jobs[0].Operations[0].Alternatives[0].Duration = 1000
	buf.Reset()
	if err := WriteTaillard(&buf, p); err != nil {
		t.Fatal(err)
	}
	lines = strings.Split(buf.String(), "\n")
	if got := strings.Fields(lines[1]); !reflect.DeepEqual(got, []string{"15", "15", "0", "0", "0", "0"}) {
		t.Errorf("header of a modified instance = %q", lines[1])
	}
	if !strings.HasPrefix(lines[3], " 1000   60") {
		t.Errorf("wide column: %q", lines[3])
	}
}

func BenchmarkTaillardInstance(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TaillardInstance("ta71"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadJSP(b *testing.B) {
	p, _ := TaillardInstance("ta71")
	var buf bytes.Buffer
	if err := WriteJSP(&buf, p); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadJSP(bytes.NewReader(data), "ta71"); err != nil {
			b.Fatal(err)
		}
	}
}
