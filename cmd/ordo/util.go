package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

// newFlags returns a flag set whose errors are reported as usage errors.
// Its help leaves out the flags whose usage starts with "deprecated:" (old
// spellings kept for scripts).
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: ordo %s %s\n\n%s\n\nOptions:\n", name, args, summary)
		var hidden []string
		fs.VisitAll(func(f *flag.Flag) {
			if strings.HasPrefix(f.Usage, "deprecated:") {
				hidden = append(hidden, f.Name)
			}
		})
		visibleDefaults(e.stderr, fs, hidden...)
	}
	return fs
}

// parseFlags parses args allowing flags after positional arguments, and
// returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// loadProblem reads a problem file in the given format ("" detects it from
// the extension; "-" reads JSON from stdin) and validates it. The issues
// of a JSON problem are located (line, column and path) whether they are
// found while decoding or by Validate.
func loadProblem(e *env, path, format string) (*model.Problem, error) {
	p, err := readProblem(e, path, format)
	if err != nil {
		var issues model.Issues
		if errors.As(err, &issues) {
			return nil, fmt.Errorf("%s: invalid problem (%d problem(s)):\n%s", displayName(path), len(issues), indent(issues.Error()))
		}
		return nil, err
	}
	return p, nil
}

// readProblem reads and validates a problem. The error is a model.Issues
// when the problem is invalid (each issue located in a JSON text), another
// error when it cannot be read. Every file is read once, through the size
// limit of readInput, and a JSON text is parsed once.
func readProblem(e *env, path, format string) (*model.Problem, error) {
	if path == "" {
		p, err := examples.Plant()
		if err != nil {
			return nil, err
		}
		if issues := p.Validate(); len(issues) > 0 {
			return nil, issues
		}
		return p, nil
	}
	if path != "-" {
		if _, err := os.Stat(path); err != nil {
			if format == "" {
				if p, ok, nerr := namedInstance(path); ok {
					return p, nerr
				}
			}
			return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
		}
	}
	name := path
	if path == "-" {
		name = "stdin"
		if format == "" {
			format = "json"
		}
	}
	if format == "" {
		f, err := instance.FormatFromPath(path)
		if err != nil {
			return nil, err
		}
		if f == instance.FormatJSON {
			format = "json"
		}
	}
	data, err := readInput(e, path)
	if err != nil {
		return nil, err
	}
	var p *model.Problem
	if format == "json" {
		p, err = model.DecodeValid(data)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	data = bytes.TrimPrefix(data, []byte(bom))
	p, err = instance.LoadReader(bytes.NewReader(data), name, instance.Format(format))
	if err != nil {
		return nil, err
	}
	if issues := p.Validate(); len(issues) > 0 {
		return nil, issues
	}
	return p, nil
}

// bom is the UTF-8 byte-order mark, accepted at the start of every input.
const bom = "\xef\xbb\xbf"

// namedInstance resolves name, which is not a file, as the name of one
// benchmark instance (ft06, la01, ta01, mk03, edata_la01, gen:20:5:4: see
// instance.Data.Find) in the data folder of $ORDO_DATA or the data built
// into ordo. ok is false when name names no instance (the caller then
// reports the missing file); a name matching several instances (a family
// such as la) is an error.
func namedInstance(name string) (p *model.Problem, ok bool, err error) {
	d, err := instance.OpenData("")
	if err != nil {
		return nil, false, nil //nolint:nilerr // no data: not an instance name, the caller reports the missing file
	}
	refs, err := d.Find([]string{name})
	if err != nil || len(refs) == 0 {
		return nil, false, nil //nolint:nilerr // not an instance name: the caller reports the missing file
	}
	if len(refs) > 1 {
		return nil, true, fmt.Errorf("%s is not a file and names %d benchmark instances (%s, ...): give one", name, len(refs), refs[0].Name)
	}
	p, err = refs[0].Load()
	if err != nil {
		return nil, true, err
	}
	if issues := p.Validate(); len(issues) > 0 {
		return nil, true, issues
	}
	return p, true, nil
}

// readInput reads the file at path ("-": stdin) through the size limit
// model.MaxInputSize (256 MiB): a longer input, such as /dev/zero, stops
// with an error instead of filling the memory.
func readInput(e *env, path string) ([]byte, error) {
	r := e.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s is a directory, not a file", path)
		}
		r = f
	}
	data, err := model.ReadInput(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(path), err)
	}
	return data, nil
}

func displayName(path string) string {
	switch path {
	case "":
		return "example plant"
	case "-":
		return "stdin"
	}
	return path
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n")
}

// writeOut writes data to path, or to w when path is "-" or empty.
func writeOut(w io.Writer, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := w.Write(data)
		return err
	}
	return writeFileAtomic(path, data)
}
