package instance

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Bound is the best known knowledge on an instance's optimal makespan.
type Bound struct {
	// Name is the instance name.
	Name string
	// N and M are the numbers of jobs and machines (declared machines for
	// flexible instances).
	N, M int
	// LB is the best known lower bound on the optimal makespan, UB the best
	// known makespan of a feasible schedule; 0 when unknown.
	LB, UB int64
	// Optimal is true when the optimum is known (LB == UB).
	Optimal bool
}

// ReadBounds reads a bounds table such as the embedded bounds.csv (see
// Data.Bounds): CSV with the columns name,n,m,lb,ub,optimal. A header row
// naming the columns (in any order; other columns are ignored) is used
// when present; without one the columns are taken in that order. Empty lb
// or ub cells mean unknown (0). The map is keyed by instance name. Errors
// name the file and the line.
func ReadBounds(path string) (map[string]Bound, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readBounds(f, path)
}

func readBounds(r io.Reader, file string) (map[string]Bound, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	col := map[string]int{"name": 0, "n": 1, "m": 2, "lb": 3, "ub": 4, "optimal": 5}
	out := make(map[string]Bound)
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ParseError{File: file, Line: pe.Line, Msg: pe.Err.Error()}
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if len(rec) == 0 {
			continue
		}
		line, _ := cr.FieldPos(0)
		if first && slices.ContainsFunc(rec, func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), "name") }) {
			col = make(map[string]int)
			for i, h := range rec {
				col[strings.ToLower(strings.TrimSpace(h))] = i
			}
			for _, need := range []string{"name", "n", "m", "lb", "ub", "optimal"} {
				if _, ok := col[need]; !ok {
					return nil, &ParseError{File: file, Line: line, Msg: fmt.Sprintf("header has no %q column (want name,n,m,lb,ub,optimal)", need)}
				}
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		cell := func(c string) (string, error) {
			i := col[c]
			if i >= len(rec) {
				return "", &ParseError{File: file, Line: line, Msg: fmt.Sprintf("missing column %q (the row has %d fields)", c, len(rec))}
			}
			return strings.TrimSpace(rec[i]), nil
		}
		num := func(c string, allowEmpty bool) (int64, error) {
			s, err := cell(c)
			if err != nil {
				return 0, err
			}
			if s == "" && allowEmpty {
				return 0, nil
			}
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil || v < 0 {
				return 0, &ParseError{File: file, Line: line, Msg: fmt.Sprintf("column %s: expected a non-negative integer, got %q", c, s)}
			}
			return v, nil
		}
		var b Bound
		if b.Name, err = cell("name"); err != nil {
			return nil, err
		}
		if b.Name == "" {
			return nil, &ParseError{File: file, Line: line, Msg: "empty instance name"}
		}
		n, err := num("n", false)
		if err != nil {
			return nil, err
		}
		m, err := num("m", false)
		if err != nil {
			return nil, err
		}
		if n > MaxOperations || m > MaxMachines {
			return nil, &ParseError{File: file, Line: line, Msg: fmt.Sprintf("size %dx%d out of range", n, m)}
		}
		b.N, b.M = int(n), int(m)
		if b.LB, err = num("lb", true); err != nil {
			return nil, err
		}
		if b.UB, err = num("ub", true); err != nil {
			return nil, err
		}
		opt, err := cell("optimal")
		if err != nil {
			return nil, err
		}
		switch strings.ToLower(opt) {
		case "true", "1", "yes":
			b.Optimal = true
		case "false", "0", "no", "":
		default:
			return nil, &ParseError{File: file, Line: line, Msg: fmt.Sprintf("column optimal: expected true or false, got %q", opt)}
		}
		if b.UB != 0 && b.LB > b.UB {
			return nil, &ParseError{File: file, Line: line, Msg: fmt.Sprintf("%s: lower bound %d above upper bound %d", b.Name, b.LB, b.UB)}
		}
		if _, dup := out[b.Name]; dup {
			return nil, &ParseError{File: file, Line: line, Msg: fmt.Sprintf("duplicate instance %q", b.Name)}
		}
		out[b.Name] = b
	}
	return out, nil
}
