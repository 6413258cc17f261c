package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver/mip"
)

func cmdExport(e *env, args []string) error {
	const usage = "[--to lp|mps] [--format F] [--objective OBJ] [--out FILE] PROBLEM"
	const summary = "Writes the MIP (disjunctive) model of PROBLEM in CPLEX LP or free MPS format, for any MIP solver.\n" +
		"PROBLEM may be - to read JSON (or --format F) from standard input.\n" +
		"Variable names are documented in the solver/mip package."
	fs := newFlags(e, "export", usage, summary)
	to := fs.String("to", "", "output format, lp or mps (default: from the --out extension, else lp)")
	format := fs.String("format", "", "input format: json, jsp, taillard or fjs (default: from the extension)")
	objective := fs.String("objective", "", "objective (default: the problem's)")
	out := fs.String("out", "", "output file (default: stdout)")
	// --in is the old spelling of --format, kept for scripts and hidden.
	fs.StringVar(format, "in", "", "deprecated: use --format")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: ordo export %s\n\n%s\n\nOptions:\n", usage, summary)
		visibleDefaults(e.stderr, fs, "in")
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one PROBLEM file")
	}
	if *format == "lp" || *format == "mps" {
		// Before --to, --format named the output format.
		if *to == "" {
			*to = *format
		}
		*format = ""
	}
	switch *format {
	case "", "json", "jsp", "taillard", "fjs":
	default:
		return usagef("unknown --format %q (want json, jsp, taillard or fjs)", *format)
	}
	if *to == "" {
		*to = "lp"
		if strings.EqualFold(filepath.Ext(*out), ".mps") {
			*to = "mps"
		}
	}
	if *to != "lp" && *to != "mps" {
		return usagef("unknown --to %q (want lp or mps)", *to)
	}
	p, err := loadProblem(e, pos[0], *format)
	if err != nil {
		return err
	}
	obj := p.Objective.Normalized()
	if *objective != "" {
		if obj, err = model.ParseObjective(*objective); err != nil {
			return usageError{err.Error()}
		}
	}
	// Ctrl-C or SIGTERM stops the preprocessing early: the model written
	// is then valid, only looser.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var buf bytes.Buffer
	if err := mip.ExportContext(ctx, p, obj, *to, &buf); err != nil {
		return err
	}
	return writeOut(e.stdout, *out, buf.Bytes())
}
