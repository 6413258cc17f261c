package main

import (
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
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: ordo %s %s\n\n%s\n\nOptions:\n", name, args, summary)
		fs.PrintDefaults()
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
// the extension; "-" reads JSON from stdin) and validates it.
func loadProblem(e *env, path, format string) (*model.Problem, error) {
	p, err := readProblem(e, path, format)
	if err != nil {
		var issues model.Issues
		if errors.As(err, &issues) {
			return nil, fmt.Errorf("%s:\n%s", displayName(path), indent(issues.Error()))
		}
		return nil, err
	}
	if issues := p.Validate(); len(issues) > 0 {
		return nil, fmt.Errorf("%s: invalid problem:\n%s", displayName(path), indent(issues.Error()))
	}
	return p, nil
}

// readProblem reads a problem without validating it.
func readProblem(e *env, path, format string) (*model.Problem, error) {
	if path == "" {
		return examples.Plant()
	}
	if path == "-" {
		data, err := io.ReadAll(e.stdin)
		if err != nil {
			return nil, err
		}
		if format != "" && format != "json" {
			return instance.LoadReader(strings.NewReader(string(data)), "stdin", instance.Format(format))
		}
		return model.Decode(data)
	}
	if _, err := os.Stat(path); err != nil {
		if t, terr := instance.TaillardInstance(path); terr == nil && format == "" {
			return t, nil
		}
		return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	return instance.Load(path, instance.Format(format))
}

func displayName(path string) string {
	if path == "" {
		return "example plant"
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
	return os.WriteFile(path, data, 0o644)
}
