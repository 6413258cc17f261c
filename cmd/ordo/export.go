package main

import (
	"bytes"
	"errors"
	"flag"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver/mip"
)

func cmdExport(e *env, args []string) error {
	fs := newFlags(e, "export", "[--format lp|mps] [--objective OBJ] [--out FILE] PROBLEM",
		"Writes the MIP (disjunctive) model of PROBLEM in CPLEX LP or free MPS format, for any MIP solver.\nVariable names are documented in the solver/mip package.")
	format := fs.String("format", "lp", "lp or mps")
	objective := fs.String("objective", "", "objective (default: the problem's)")
	out := fs.String("out", "", "output file (default: stdout)")
	inFormat := fs.String("in", "", "input format: json, jsp, taillard or fjs (default: from the extension)")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one PROBLEM file")
	}
	if *format != "lp" && *format != "mps" {
		return usagef("unknown --format %q (want lp or mps)", *format)
	}
	p, err := loadProblem(e, pos[0], *inFormat)
	if err != nil {
		return err
	}
	obj := p.Objective.Normalized()
	if *objective != "" {
		if obj, err = model.ParseObjective(*objective); err != nil {
			return usageError{err.Error()}
		}
	}
	var buf bytes.Buffer
	if err := mip.Export(p, obj, *format, &buf); err != nil {
		return err
	}
	return writeOut(e.stdout, *out, buf.Bytes())
}
