package instance

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

// addSeeds adds the testdata files with the given extensions and a few
// small inputs to the fuzz corpus.
func addSeeds(f *testing.F, exts []string, extra ...string) {
	for _, ext := range exts {
		files, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// fuzzRead checks a reader on arbitrary input: no panic, errors are
// *ParseError, and a problem read is written and read back unchanged.
func fuzzRead(t *testing.T, data []byte, read func([]byte) (*model.Problem, error), write func(*bytes.Buffer, *model.Problem) error) {
	p, err := read(data)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Msg == "" {
			t.Fatalf("error is not a located *ParseError: %T %v", err, err)
		}
		return
	}
	var buf bytes.Buffer
	if err := write(&buf, p); err != nil {
		t.Fatalf("cannot write what was read: %v", err)
	}
	q, err := read(buf.Bytes())
	if err != nil {
		t.Fatalf("cannot read what was written: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("round trip changed the problem\nwritten:\n%s", buf.String())
	}
}

func FuzzReadJSP(f *testing.F) {
	addSeeds(f, []string{".txt"}, "1 1\n0 0\n", "2 2\n0 1 1 1\n1 1 0 1\n", "1 2\n0 3 1\n", "# c\n1 1\r\n0 5\r\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, func(b []byte) (*model.Problem, error) { return ReadJSP(bytes.NewReader(b), "fuzz") }, writeJSP)
	})
}

func FuzzReadTaillard(f *testing.F) {
	addSeeds(f, []string{".tai"}, "1 1\n5\n1\n", "Nb of jobs\n1 1 3 4\nMachines\n1\nTimes\n0\n", "2 1\n1\n2\n1\n1\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, func(b []byte) (*model.Problem, error) { return ReadTaillard(bytes.NewReader(b), "fuzz") }, writeTAI)
	})
}

func FuzzReadFJS(f *testing.F) {
	addSeeds(f, []string{".fjs"}, "1 1\n1 1 1 0\n", "1 2 1.5\n2 2 1 3 2 4 1 2 1\n", "2 3\n1 1 3 9\n1 3 1 1 2 2 3 3\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, func(b []byte) (*model.Problem, error) { return ReadFJS(bytes.NewReader(b), "fuzz") }, writeFJS)
	})
}
