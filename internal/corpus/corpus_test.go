package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// root is the corpus folder.
const root = "../../testdata/adversarial"

// hangAfter is how long a case may run before it is reported as hanging:
// far above what any case needs, it only catches endless loops.
const hangAfter = time.Minute

// memLimit bounds the memory one case may allocate.
const memLimit = 1 << 30

type corpusCase struct {
	line   int
	kind   string
	args   []string
	expect string
	rest   []string
}

func readCases(t *testing.T) []corpusCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "cases.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var cs []corpusCase
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		nargs := 1
		if f[0] == "check" {
			nargs = 2
		}
		if len(f) < nargs+2 {
			t.Fatalf("cases.tsv:%d: too few fields: %q", i+1, line)
		}
		cs = append(cs, corpusCase{line: i + 1, kind: f[0], args: f[1 : 1+nargs], expect: f[1+nargs], rest: f[2+nargs:]})
	}
	return cs
}

// TestCorpus runs every case of cases.tsv and checks that every file of
// the corpus is listed.
func TestCorpus(t *testing.T) {
	cases := readCases(t)
	listed := map[string]bool{}
	for _, c := range cases {
		for _, a := range c.args {
			listed[a] = true
		}
		name := fmt.Sprintf("%d-%s-%s", c.line, c.kind, strings.Join(c.args, "+"))
		t.Run(name, func(t *testing.T) {
			done := make(chan error, 1)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			go func() {
				defer func() {
					if r := recover(); r != nil {
						done <- fmt.Errorf("panic: %v", r)
					}
				}()
				done <- run(c)
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("cases.tsv:%d: %v", c.line, err)
				}
			case <-time.After(hangAfter):
				t.Fatalf("cases.tsv:%d: still running after %v (hang)", c.line, hangAfter)
			}
			runtime.ReadMemStats(&after)
			if a := after.TotalAlloc - before.TotalAlloc; a > memLimit {
				t.Errorf("cases.tsv:%d: allocated %d MB", c.line, a>>20)
			}
		})
	}
	for _, dir := range []string{"problems", "results", "instances"} {
		files, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !listed[dir+"/"+f.Name()] {
				t.Errorf("%s/%s is not in cases.tsv", dir, f.Name())
			}
		}
	}
}

func read(name string) ([]byte, error) { return os.ReadFile(filepath.Join(root, name)) }

// run runs one case and returns what differs from its expectation.
func run(c corpusCase) error {
	arg := func(i int) string {
		if i < len(c.rest) {
			return c.rest[i]
		}
		return ""
	}
	switch c.kind {
	case "problem":
		return runProblem(c.args[0], c.expect, arg(0), arg(1))
	case "check":
		return runCheck(c.args[0], c.args[1], c.expect, arg(0), arg(1))
	case "result":
		data, err := read(c.args[0])
		if err != nil {
			return err
		}
		_, err = schedule.ParseDocument(data)
		return expectError(err, c.expect, arg(0))
	case "jsp", "taillard", "fjs":
		data, err := read(c.args[0])
		if err != nil {
			return err
		}
		r := bytes.NewReader(data)
		switch c.kind {
		case "jsp":
			_, err = instance.ReadJSP(r, c.args[0])
		case "taillard":
			_, err = instance.ReadTaillard(r, c.args[0])
		default:
			_, err = instance.ReadFJS(r, c.args[0])
		}
		return expectError(err, c.expect, arg(0))
	}
	return fmt.Errorf("unknown case kind %q", c.kind)
}

func expectError(err error, expect, fragment string) error {
	switch {
	case expect != "error":
		return fmt.Errorf("expectation %q: want error", expect)
	case err == nil:
		return errors.New("accepted, want an error")
	case !strings.Contains(err.Error(), fragment):
		return fmt.Errorf("error %q does not contain %q", err, fragment)
	case !strings.Contains(err.Error(), "line") && !strings.Contains(err.Error(), "assignments") && !strings.Contains(err.Error(), "offset"):
		return fmt.Errorf("error %q is not located (no line, offset or path)", err)
	}
	return nil
}

func runProblem(file, expect, path, fragment string) error {
	data, err := read(file)
	if err != nil {
		return err
	}
	p, err := model.Decode(data)
	if expect == "decode-error" {
		var is model.Issues
		switch {
		case err == nil:
			return errors.New("decoded, want a decoding error")
		case !errors.As(err, &is) || len(is) == 0 || is[0].Line == 0:
			return fmt.Errorf("decoding error %v is not located", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("decoding: %v", err)
	}
	is := p.Validate()
	switch expect {
	case "valid":
		if is != nil {
			return fmt.Errorf("want valid, got %v", is)
		}
		return nil
	case "invalid":
		for _, i := range is {
			if i.Path == path && strings.Contains(i.Message, fragment) {
				return nil
			}
		}
		return fmt.Errorf("no issue at %s containing %q; got %v", path, fragment, is)
	}
	return fmt.Errorf("unknown expectation %q", expect)
}

func runCheck(problem, result, expect, kind, path string) error {
	pdata, err := read(problem)
	if err != nil {
		return err
	}
	p, err := model.Decode(pdata)
	if err != nil {
		return fmt.Errorf("decoding the problem: %v", err)
	}
	rdata, err := read(result)
	if err != nil {
		return err
	}
	var vs []schedule.Violation
	doc, err := schedule.ParseDocument(rdata)
	var s *schedule.Schedule
	if err == nil {
		s, err = doc.Schedule(p)
	}
	if err == nil {
		vs = schedule.Check(p, s)
	}
	switch expect {
	case "accepted":
		if err != nil || len(vs) > 0 {
			return fmt.Errorf("want accepted, got error %v, violations %v", err, vs)
		}
		return nil
	case "rejected":
		if err != nil {
			if kind != "" {
				return fmt.Errorf("want a %s violation, got error %v", kind, err)
			}
			return nil
		}
		if len(vs) == 0 {
			return errors.New("the checker accepts an infeasible plan")
		}
		if kind == "" {
			return nil
		}
		for _, v := range vs {
			if v.Kind.String() == kind {
				if path != "" && v.Path != path {
					return fmt.Errorf("first %s violation at %s, want %s: %v", kind, v.Path, path, v)
				}
				return nil
			}
		}
		return fmt.Errorf("no %s violation among %v", kind, vs)
	}
	return fmt.Errorf("unknown expectation %q", expect)
}
