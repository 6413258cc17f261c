package main

import (
	"errors"
	"fmt"

	"github.com/ordo-sched/ordo/model"
)

func cmdValidate(e *env, args []string) error {
	fs := newFlags(e, "validate", "[--format F] FILE...",
		"Reports every problem of each problem file (\"-\": stdin), each with its location, and exits 1\nwhen any is invalid. Every input is limited to 256 MiB.")
	format := fs.String("format", "", "input format: json, jsp, taillard or fjs (default: from the extension)")
	quiet := fs.Bool("quiet", false, "print nothing for valid files")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("no problem file given")
	}
	bad := 0
	for _, f := range files {
		p, err := readProblem(e, f, *format)
		var issues model.Issues
		switch {
		case errors.As(err, &issues):
			fmt.Fprintf(e.stdout, "%s: invalid (%d problem(s))\n", displayName(f), len(issues))
			for _, is := range issues {
				fmt.Fprintf(e.stdout, "  %s\n", is.String())
			}
			bad++
		case err != nil:
			fmt.Fprintf(e.stdout, "%s: invalid\n%s\n", displayName(f), indentErr(err, f))
			bad++
		case !*quiet:
			fmt.Fprintf(e.stdout, "%s: ok (%d jobs, %d operations, %d machines; features: %s)\n",
				displayName(f), len(p.Jobs), p.NumOperations(), len(p.Machines), p.Features())
		}
	}
	if bad > 0 {
		return errSilent
	}
	return nil
}

// indentErr formats a read error for listing under its file name, without
// repeating the file name when the error starts with it.
func indentErr(err error, file string) string {
	msg := err.Error()
	if len(msg) > len(file)+1 && msg[:len(file)] == file && (msg[len(file)] == ':') {
		msg = msg[len(file)+1:]
		for len(msg) > 0 && (msg[0] == ' ' || msg[0] == '\n') {
			msg = msg[1:]
		}
	}
	return indent(msg)
}
