package instance

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

// testData returns the embedded data's files.
func testData() fs.FS { return Embedded().FS() }

// tinyWant is testdata/tiny.txt as (machine, duration) per job.
var tinyWant = [][][2]int64{
	{{0, 3}, {1, 2}, {2, 2}},
	{{0, 2}, {2, 1}, {1, 4}},
	{{1, 4}, {2, 3}, {0, 0}},
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkJSP checks p against the conventions of benchmark instances and the
// expected routes.
func checkJSP(t *testing.T, p *model.Problem, name string, want [][][2]int64) {
	t.Helper()
	if p.Name != name {
		t.Errorf("Name = %q, want %q", p.Name, name)
	}
	if !p.Epoch.IsZero() || p.Resolution != 0 || p.Horizon != 0 {
		t.Errorf("not unitless: epoch %v, resolution %v, horizon %d", p.Epoch, p.Resolution, p.Horizon)
	}
	m := len(want[0])
	if len(p.Machines) != m {
		t.Fatalf("%d machines, want %d", len(p.Machines), m)
	}
	for i, mc := range p.Machines {
		if !reflect.DeepEqual(mc, model.Machine{ID: strconv.Itoa(i)}) {
			t.Errorf("machine %d = %+v, want only ID %q", i, mc, strconv.Itoa(i))
		}
	}
	if len(p.Jobs) != len(want) {
		t.Fatalf("%d jobs, want %d", len(p.Jobs), len(want))
	}
	for j, job := range p.Jobs {
		if job.ID != strconv.Itoa(j) || job.Quantity != 1 || job.Routing != model.Sequence ||
			job.Due != nil || job.Deadline != nil || job.Release != 0 || job.Weight != 0 {
			t.Errorf("job %d = %+v", j, job)
		}
		if len(job.Operations) != len(want[j]) {
			t.Fatalf("job %d: %d operations, want %d", j, len(job.Operations), len(want[j]))
		}
		for k, op := range job.Operations {
			if op.ID != "" || len(op.Alternatives) != 1 {
				t.Fatalf("job %d op %d = %+v", j, k, op)
			}
			a := op.Alternatives[0]
			if a.Machine != strconv.Itoa(int(want[j][k][0])) || a.Duration != want[j][k][1] || a.Setup != 0 || a.RunPerUnit != 0 {
				t.Errorf("job %d op %d = %+v, want machine %d duration %d", j, k, a, want[j][k][0], want[j][k][1])
			}
		}
	}
	if f := p.Features(); f != 0 {
		t.Errorf("features %v, want none", f)
	}
}

func TestReadJSP(t *testing.T) {
	for _, file := range []string{"tiny.txt", "messy.txt"} {
		t.Run(file, func(t *testing.T) {
			p, err := ReadJSP(bytes.NewReader(readTestdata(t, file)), "tiny")
			if err != nil {
				t.Fatal(err)
			}
			checkJSP(t, p, "tiny", tinyWant)
		})
	}
}

func TestReadTaillard(t *testing.T) {
	t.Run("vanhoorn", func(t *testing.T) {
		p, err := ReadTaillard(bytes.NewReader(readTestdata(t, "tiny_vanhoorn.tai")), "tiny")
		if err != nil {
			t.Fatal(err)
		}
		checkJSP(t, p, "tiny", tinyWant)
	})
	t.Run("original", func(t *testing.T) {
		p, err := ReadTaillard(bytes.NewReader(readTestdata(t, "jsp_gen_4x4.tai")), "tv")
		if err != nil {
			t.Fatal(err)
		}
		checkJSP(t, p, "tv", testVector0)
	})
	t.Run("all", func(t *testing.T) {
		ps, err := ReadTaillardAll(bytes.NewReader(readTestdata(t, "two.tai")), "two")
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 2 {
			t.Fatalf("%d instances, want 2", len(ps))
		}
		checkJSP(t, ps[0], "two-1", testVector0)
		checkJSP(t, ps[1], "two-2", tinyWant) // Machines before Times
		first, err := ReadTaillard(bytes.NewReader(readTestdata(t, "two.tai")), "two")
		if err != nil {
			t.Fatal(err)
		}
		checkJSP(t, first, "two", testVector0)
	})
}

// fjsWant is testdata/tiny.fjs: per job, per operation, (machine, time)
// pairs with 0-based machines.
var fjsWant = [][][][2]int64{
	{{{0, 4}, {1, 5}}, {{2, 3}}},
	{{{0, 2}}, {{1, 6}, {2, 4}}, {{2, 2}}},
	{{{0, 1}, {1, 1}, {2, 1}}},
}

func TestReadFJS(t *testing.T) {
	p, err := ReadFJS(bytes.NewReader(readTestdata(t, "tiny.fjs")), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "tiny" || len(p.Machines) != 3 || len(p.Jobs) != 3 || !p.Epoch.IsZero() {
		t.Fatalf("got %+v", p)
	}
	for j, job := range p.Jobs {
		if job.ID != strconv.Itoa(j) || job.Quantity != 1 || job.Routing != model.Sequence {
			t.Errorf("job %d = %+v", j, job)
		}
		if len(job.Operations) != len(fjsWant[j]) {
			t.Fatalf("job %d: %d operations", j, len(job.Operations))
		}
		for k, op := range job.Operations {
			var got [][2]int64
			for _, a := range op.Alternatives {
				m, _ := strconv.Atoi(a.Machine)
				got = append(got, [2]int64{int64(m), a.Duration})
			}
			if !reflect.DeepEqual(got, fjsWant[j][k]) {
				t.Errorf("job %d op %d: %v, want %v", j, k, got, fjsWant[j][k])
			}
		}
	}
	if f := p.Features(); f != model.FeatAlternatives {
		t.Errorf("features %v, want alternatives only", f)
	}
}

type readFunc func([]byte, string) (*model.Problem, error)
type writeFunc func(*bytes.Buffer, *model.Problem) error

var (
	readJSPb = func(b []byte, n string) (*model.Problem, error) { return ReadJSP(bytes.NewReader(b), n) }
	readTAIb = func(b []byte, n string) (*model.Problem, error) { return ReadTaillard(bytes.NewReader(b), n) }
	readFJSb = func(b []byte, n string) (*model.Problem, error) { return ReadFJS(bytes.NewReader(b), n) }
	writeJSP = func(w *bytes.Buffer, p *model.Problem) error { return WriteJSP(w, p) }
	writeTAI = func(w *bytes.Buffer, p *model.Problem) error { return WriteTaillard(w, p) }
	writeFJS = func(w *bytes.Buffer, p *model.Problem) error { return WriteFJS(w, p) }
)

// roundTrip writes p with w, reads it back with r and compares.
func roundTrip(t *testing.T, p *model.Problem, w writeFunc, r readFunc) {
	t.Helper()
	var buf bytes.Buffer
	if err := w(&buf, p); err != nil {
		t.Fatalf("write: %v", err)
	}
	q, err := r(buf.Bytes(), p.Name)
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("round trip changed the problem:\nwrote\n%s\nbefore %+v\nafter  %+v", buf.String(), p, q)
	}
}

func TestRoundTrips(t *testing.T) {
	jsp := []struct {
		file string
		read readFunc
	}{
		{"tiny.txt", readJSPb}, {"messy.txt", readJSPb}, {"tiny_vanhoorn.tai", readTAIb}, {"jsp_gen_4x4.tai", readTAIb},
	}
	for _, c := range jsp {
		p, err := c.read(readTestdata(t, c.file), "x")
		if err != nil {
			t.Fatal(err)
		}
		// A job shop goes through every format unchanged.
		t.Run(c.file+"/jsp", func(t *testing.T) { roundTrip(t, p, writeJSP, readJSPb) })
		t.Run(c.file+"/taillard", func(t *testing.T) { roundTrip(t, p, writeTAI, readTAIb) })
		t.Run(c.file+"/fjs", func(t *testing.T) { roundTrip(t, p, writeFJS, readFJSb) })
	}
	p, err := ReadFJS(bytes.NewReader(readTestdata(t, "tiny.fjs")), "x")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("tiny.fjs/fjs", func(t *testing.T) { roundTrip(t, p, writeFJS, readFJSb) })
	t.Run("fjs-bytes", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteFJS(&buf, p); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), string(readTestdata(t, "tiny.fjs")); got != want {
			t.Errorf("WriteFJS:\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("jsp-bytes", func(t *testing.T) {
		p, err := ReadJSP(bytes.NewReader(readTestdata(t, "messy.txt")), "x")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteJSP(&buf, p); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), string(readTestdata(t, "tiny.txt")); got != want {
			t.Errorf("WriteJSP:\n%s\nwant\n%s", got, want)
		}
	})
}

// TestReadErrors checks that malformed inputs give a *ParseError with a
// located, readable message.
func TestReadErrors(t *testing.T) {
	cases := []struct {
		name, format, input string
		want                []string
	}{
		{"jsp/empty", "jsp", "", []string{"f.txt: no data (empty input)"}},
		{"jsp/only-comments", "jsp", "# nothing\n\n", []string{"no data"}},
		{"jsp/bad-n", "jsp", "x 3\n", []string{`f.txt: line 1: expected the number of jobs, got "x"`}},
		{"jsp/missing-m", "jsp", "2\n", []string{"line 1: unexpected end of input: expected the number of machines"}},
		{"jsp/zero-jobs", "jsp", "0 3\n", []string{"line 1: number of jobs 0 out of range 1..10000000"}},
		{"jsp/too-many-machines", "jsp", "3 200000\n", []string{"line 1: number of machines 200000 out of range 1..100000"}},
		{"jsp/too-large", "jsp", "\n100001 100\n", []string{"line 2: instance too large: 100001 jobs x 100 machines exceeds 10000000"}},
		{"jsp/header-extra", "jsp", "1 2 4\n0 1 1 1\n", []string{`line 1: unexpected "4" after the number of machines`}},
		{"jsp/bad-machine", "jsp", "1 2\n0 3 x 4\n", []string{`f.txt: line 2: expected a machine number, got "x" (job 0, operation 1)`}},
		{"jsp/machine-range", "jsp", "1 2\n0 3 2 4\n", []string{"line 2: machine number 2 out of range 0..1 (job 0, operation 1)"}},
		{"jsp/negative-machine", "jsp", "1 2\n-1 3 1 4\n", []string{"line 2: machine number -1 out of range 0..1 (job 0, operation 0)"}},
		{"jsp/negative-duration", "jsp", "1 2\n0 3 1 -4\n", []string{"line 2: duration -4 out of range 0..1000000000 (job 0, operation 1)"}},
		{"jsp/float-duration", "jsp", "1 2\n0 3 1 1.5\n", []string{`line 2: expected a duration, got "1.5"`}},
		{"jsp/huge-duration", "jsp", "1 2\n0 3 1 2000000000\n", []string{"duration 2000000000 out of range"}},
		{"jsp/overflow", "jsp", "1 2\n0 99999999999999999999 1 1\n", []string{`line 2: duration "99999999999999999999" out of range`}},
		{"jsp/eof", "jsp", "1 2\n0 3 1\n", []string{"line 2: unexpected end of input: expected a duration (job 0, operation 1)"}},
		{"jsp/eof-jobs", "jsp", "3 1\n0 3\n0 4\n", []string{"line 3: unexpected end of input: expected a machine number (job 2, operation 0)"}},
		{"jsp/long-line", "jsp", "2 2\n0 3 1 4 0 1\n1 2 0 3\n", []string{`line 2: job 0 has more than 2 (machine, duration) pairs: unexpected "0"`}},
		{"jsp/short-line", "jsp", "2 2\n0 3\n1 4 0 1 1 2\n", []string{`line 3: job 0 (from line 2) ends in the middle of this line, before "0"`}},
		{"jsp/trailing", "jsp", "1 2\n0 3 1 4\n5\n", []string{`line 3: unexpected "5" after the last job (the header declares 1 job)`}},
		{"jsp/long-token", "jsp", "1 2\n" + strings.Repeat("z", 100) + "\n", []string{`got "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz..."`}},

		{"tai/empty", "taillard", "", []string{"no data (empty input)"}},
		{"tai/label-only", "taillard", "Nb of jobs, Nb of Machines\n", []string{"line 1: unexpected end of input: expected the number of jobs"}},
		{"tai/header-7", "taillard", "1 1 1 1 1 1 1\n5\n1\n", []string{`line 1: unexpected "1" in the header: want at most 6 values`}},
		{"tai/header-bad", "taillard", "1 1 x\n5\n1\n", []string{`line 1: expected an integer header value (time seed, machine seed, upper bound, lower bound), got "x"`}},
		{"tai/unknown-section", "taillard", "1 1\nFoo bar\n5\n1\n", []string{`line 2: unexpected "Foo": expected the Times or Machines section`}},
		{"tai/no-machines", "taillard", "1 2\nTimes\n3 4\n", []string{"line 3: unexpected end of input: expected a machine number (job 0, operation 0)"}},
		{"tai/machine-zero", "taillard", "1 2\nTimes\n3 4\nMachines\n0 1\n", []string{"line 5: machine number 0 out of range 1..2 (job 0, operation 0)"}},
		{"tai/second-times", "taillard", "1 2\nTimes\n3 4\nTimes\n3 4\n", []string{"line 4: second Times section"}},
		{"tai/long-row", "taillard", "1 2\n3 4 5\n1 2\n", []string{`line 2: Times row of job 0 has more than 2 processing times: unexpected "5"`}},
		{"tai/machines-early", "taillard", "2 2\nTimes\n1 2\nMachines\n1 2\n2 1\n", []string{`line 4: expected a processing time, got "Machines" (job 1, operation 0)`}},
		{"tai/bad-second-instance", "taillard", "1 1\n5\n1\n2 2\n1 2\n", []string{"line 5: unexpected end of input: expected a processing time (job 1, operation 0)"}},

		{"fjs/empty", "fjs", "", []string{"no data (empty input)"}},
		{"fjs/bad-f", "fjs", "2 2 abc\n", []string{`line 1: expected the average number of machines per operation (a number), got "abc"`}},
		{"fjs/header-extra", "fjs", "1 2 1 7\n1 1 1 1\n", []string{`line 1: unexpected "7" after the header`}},
		{"fjs/zero-ops", "fjs", "1 2\n0\n", []string{"line 2: number of operations 0 out of range 1..10000000 (job 0)"}},
		{"fjs/too-many-alts", "fjs", "1 2\n1 3 1 1 2 2 1 1\n", []string{"line 2: number of machines 3 out of range 1..2 (job 0, operation 0)"}},
		{"fjs/duplicate-machine", "fjs", "1 2\n1 2 1 5 1 6\n", []string{"line 2: machine 1 listed twice (job 0, operation 0)"}},
		{"fjs/machine-range", "fjs", "1 2\n1 1 3 5\n", []string{"line 2: machine number 3 out of range 1..2 (job 0, operation 0)"}},
		{"fjs/machine-zero", "fjs", "1 2\n1 1 0 5\n", []string{"machine number 0 out of range 1..2"}},
		{"fjs/eof", "fjs", "1 2 1\n2 1 1 5\n", []string{"line 2: unexpected end of input: expected the number of machines (job 0, operation 1)"}},
		{"fjs/long-line", "fjs", "2 2\n1 1 1 5 1\n1 1 1 1\n", []string{`line 2: job 0 has more than 1 operation: unexpected "1"`}},
		{"fjs/bad-time", "fjs", "1 1\n1 1 1 x\n", []string{`line 2: expected a processing time, got "x" (job 0, operation 0)`}},
		{"fjs/trailing", "fjs", "1 1\n1 1 1 4\n\n# c\n9 9\n", []string{`line 5: unexpected "9" after the last job`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := map[string]string{"jsp": "f.txt", "taillard": "f.tai", "fjs": "f.fjs"}[c.format]
			p, err := LoadReader(strings.NewReader(c.input), file, Format(c.format))
			if err == nil {
				t.Fatalf("no error, got %+v", p)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError: %v", err, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\n  does not contain %q", err, w)
				}
			}
		})
	}
}

// TestWriteErrors checks that the writers refuse what their format cannot
// express, naming the reason.
func TestWriteErrors(t *testing.T) {
	base := func() *model.Problem {
		p, err := ReadJSP(bytes.NewReader(readTestdata(t, "tiny.txt")), "tiny")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name   string
		edit   func(p *model.Problem) *model.Problem
		fjsOK  bool
		want   string
		wantFJ string
	}{
		{"nil", func(*model.Problem) *model.Problem { return nil }, false, "nil problem", "nil problem"},
		{"alternatives", func(p *model.Problem) *model.Problem {
			op := &p.Jobs[0].Operations[0]
			op.Alternatives = append(op.Alternatives, model.Alternative{Machine: "2", Duration: 1})
			return p
		}, true, "format: the problem uses alternative machines", ""},
		{"calendar", func(p *model.Problem) *model.Problem { p.Machines[1].Calendar = "day"; return p }, false, "uses calendars", "uses calendars"},
		{"due", func(p *model.Problem) *model.Problem { p.Jobs[2].Due = model.Tick(10); return p }, false, "uses due dates", "uses due dates"},
		{"setups", func(p *model.Problem) *model.Problem { p.Machines[0].SetupMatrix = "s"; return p }, false, "sequence-dependent setups", "sequence-dependent setups"},
		{"resumable-ok", func(p *model.Problem) *model.Problem { p.Jobs[0].Operations[1].Resumable = true; return p }, true, "", ""},
		{"op-count", func(p *model.Problem) *model.Problem { p.Jobs[1].Operations = p.Jobs[1].Operations[:2]; return p }, true,
			"jobs[1] has 2 operations, the format needs one per machine (3)", ""},
		{"unknown-machine", func(p *model.Problem) *model.Problem { p.Jobs[0].Operations[2].Alternatives[0].Machine = "9"; return p }, false,
			`jobs[0].operations[2].alternatives[0]: unknown machine "9"`, `unknown machine "9"`},
		{"negative", func(p *model.Problem) *model.Problem { p.Jobs[0].Operations[0].Alternatives[0].Duration = -1; return p }, false,
			"processing time -1 out of range", "processing time -1 out of range"},
		{"empty", func(p *model.Problem) *model.Problem { p.Jobs = nil; return p }, false, "at least one job and one machine", "at least one job"},
		{"dup-machine-id", func(p *model.Problem) *model.Problem { p.Machines[2].ID = "1"; return p }, false, `machines[2]: duplicate machine id "1"`, "duplicate machine id"},
		{"no-machine", func(p *model.Problem) *model.Problem { p.Jobs[0].Operations[0].Alternatives = nil; return p }, false, "jobs[0].operations[0] has no machine", "has no machine"},
		{"twice", func(p *model.Problem) *model.Problem {
			op := &p.Jobs[0].Operations[0]
			op.Alternatives = append(op.Alternatives, op.Alternatives[0])
			return p
		}, false, "alternative machines", `machine "0" listed twice`},
		{"no-ops-fjs", func(p *model.Problem) *model.Problem { p.Jobs[0].Operations = nil; return p }, false, "jobs[0] has no operation", "jobs[0] has no operation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, w := range []struct {
				format string
				write  writeFunc
				want   string
				ok     bool
			}{
				{"jsp", writeJSP, c.want, c.want == ""},
				{"taillard", writeTAI, c.want, c.want == ""},
				{"fjs", writeFJS, c.wantFJ, c.fjsOK},
			} {
				var buf bytes.Buffer
				err := w.write(&buf, c.edit(base()))
				if w.ok {
					if err != nil {
						t.Errorf("%s: unexpected error %v", w.format, err)
					}
					continue
				}
				if err == nil {
					t.Errorf("%s: no error", w.format)
					continue
				}
				if !strings.Contains(err.Error(), w.want) {
					t.Errorf("%s: error %q does not contain %q", w.format, err, w.want)
				}
			}
		})
	}
}

func TestFormatFromPath(t *testing.T) {
	cases := []struct {
		path string
		want Format
		err  string
	}{
		{"a/ft06.txt", FormatJSP, ""},
		{"ft06.JSP", FormatJSP, ""},
		{"tai15_15.tai", FormatTaillard, ""},
		{"mk01.fjs", FormatFJS, ""},
		{"plant.json", FormatJSON, ""},
		{"bounds.csv", "", `bounds.csv: unknown extension ".csv"`},
		{"ft06", "", "ft06: no file extension"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			got, err := FormatFromPath(c.path)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A .txt file in Taillard's format, with and without the label header.
	vh := write("vh.txt", readTestdata(t, "tiny_vanhoorn.tai"))
	orig := write("tai4.txt", readTestdata(t, "jsp_gen_4x4.tai"))
	std := write("std.txt", readTestdata(t, "tiny.txt"))
	cases := []struct {
		path   string
		format Format
		name   string
		want   [][][2]int64
	}{
		{"testdata/tiny.txt", "", "tiny", tinyWant},
		{"testdata/messy.txt", FormatJSP, "messy", tinyWant},
		{"testdata/tiny_vanhoorn.tai", "", "tiny_vanhoorn", tinyWant},
		{vh, "", "vh", tinyWant},
		{orig, "", "tai4", testVector0},
		{std, "", "std", tinyWant},
		{"testdata/jsp_gen_4x4.tai", FormatTaillard, "jsp_gen_4x4", testVector0},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			p, err := Load(c.path, c.format)
			if err != nil {
				t.Fatal(err)
			}
			checkJSP(t, p, c.name, c.want)
		})
	}
	t.Run("fjs", func(t *testing.T) {
		p, err := Load("testdata/tiny.fjs", "")
		if err != nil || p.Name != "tiny" || len(p.Jobs) != 3 {
			t.Fatalf("got %v, %v", p, err)
		}
	})
	t.Run("errors", func(t *testing.T) {
		bad := write("bad.txt", []byte("2 3\n0 1 x 2 2 2\n"))
		for _, c := range []struct {
			path   string
			format Format
			want   string
		}{
			{bad, "", bad + `: line 2: expected a machine number, got "x" (job 0, operation 1)`},
			{filepath.Join(dir, "missing.txt"), "", "no such file"},
			{"testdata/tiny.txt", "xml", `unknown format "xml"`},
			{"testdata/tiny.txt", FormatTaillardGen, "not a file format"},
			{"testdata", "", "no file extension"},
		} {
			_, err := Load(c.path, c.format)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Load(%s, %q): error %v, want %q", c.path, c.format, err, c.want)
			}
		}
	})
	t.Run("reader", func(t *testing.T) {
		p, err := LoadReader(bytes.NewReader(readTestdata(t, "tiny.txt")), "dir/ft.txt", "")
		if err != nil {
			t.Fatal(err)
		}
		checkJSP(t, p, "ft", tinyWant)
		if _, err := LoadReader(strings.NewReader(""), "noext", ""); err == nil {
			t.Error("no error for a name without extension and no format")
		}
	})
	t.Run("json", func(t *testing.T) {
		const js = `{"machines": [{"id": "M1"}], "jobs": [{"id": "J1", "operations": [{"alternatives": [{"machine": "M1", "duration": 5}]}]}]}`
		path := write("p.json", []byte(js))
		p, err := Load(path, "")
		if err != nil {
			t.Skipf("model.Decode does not take this minimal JSON: %v", err)
		}
		if len(p.Jobs) != 1 || len(p.Machines) != 1 {
			t.Errorf("got %+v", p)
		}
		q, err := LoadReader(strings.NewReader(js), "p.json", "")
		if err != nil || !reflect.DeepEqual(p, q) {
			t.Errorf("LoadReader: %v, %+v", err, q)
		}
		bad := write("bad.json", []byte("{\n  \"jobs\": [1,\n}"))
		if _, err := Load(bad, ""); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
			t.Errorf("Load(bad.json): error %v, want it to start with the path", err)
		}
		if _, err := LoadReader(strings.NewReader("{"), "in.json", ""); err == nil || !strings.HasPrefix(err.Error(), "in.json: ") {
			t.Errorf("LoadReader(bad json): error %v", err)
		}
	})
}

// TestDataFiles reads every instance of the embedded data, checks the
// counts, checks each size against bounds.csv and writes each instance
// back unchanged.
func TestDataFiles(t *testing.T) {
	fsys := testData()
	bounds, err := Embedded().Bounds()
	if err != nil {
		t.Fatal(err)
	}
	if len(bounds) != 162+210 {
		t.Errorf("bounds.csv has %d rows, want %d", len(bounds), 162+210)
	}
	seen := make(map[string]bool)
	for _, sub := range []struct {
		folder, ext string
		count       int
		read        func(r *bytes.Reader, name string) (*model.Problem, error)
		write       func(w *bytes.Buffer, p *model.Problem) error
	}{
		{"jsp", ".txt", 162, func(r *bytes.Reader, n string) (*model.Problem, error) { return ReadJSP(r, n) }, writeJSP},
		{"fjsp", ".fjs", 210, func(r *bytes.Reader, n string) (*model.Problem, error) { return ReadFJS(r, n) }, writeFJS},
	} {
		files, err := fs.Glob(fsys, sub.folder+"/*"+sub.ext)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != sub.count {
			t.Errorf("%d %s files in %s/, want %d", len(files), sub.ext, sub.folder, sub.count)
		}
		for _, f := range files {
			name := instanceName(f)
			seen[name] = true
			data, err := fs.ReadFile(fsys, f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := sub.read(bytes.NewReader(data), name)
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			b, ok := bounds[name]
			if !ok {
				t.Errorf("%s: no row in bounds.csv", name)
			} else if len(p.Jobs) != b.N || len(p.Machines) != b.M {
				t.Errorf("%s: %d jobs x %d machines, bounds.csv says %dx%d", name, len(p.Jobs), len(p.Machines), b.N, b.M)
			}
			var buf bytes.Buffer
			if err := sub.write(&buf, p); err != nil {
				t.Errorf("%s: write: %v", name, err)
				continue
			}
			// Same values, except the ignored third header value of .fjs.
			got, want := strings.Fields(buf.String()), strings.Fields(string(data))
			if sub.ext == ".fjs" && len(got) > 2 && len(want) > 2 {
				got, want = append(got[:2:2], got[3:]...), append(want[:2:2], want[3:]...)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: written values differ from the file", name)
			}
			q, err := sub.read(bytes.NewReader(buf.Bytes()), name)
			if err != nil || !reflect.DeepEqual(p, q) {
				t.Errorf("%s: round trip: %v", name, err)
			}
		}
	}
	for name := range bounds {
		if !seen[name] {
			t.Errorf("bounds.csv: %s has no instance file", name)
		}
	}
}
