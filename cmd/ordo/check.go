package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/ordo-sched/ordo/schedule"
)

func cmdCheck(e *env, args []string) error {
	fs := newFlags(e, "check", "[--format F] PROBLEM RESULT",
		"Checks a schedule (the result JSON of 'ordo solve --json') against a problem.\nExit 0 when it is feasible, 1 with one line per violation otherwise.")
	format := fs.String("format", "", "problem format: json, jsp, taillard or fjs (default: from the extension)")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want PROBLEM and RESULT, got %d argument(s)", len(pos))
	}
	p, err := loadProblem(e, pos[0], *format)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return err
	}
	doc, err := schedule.ParseDocument(data)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[1], err)
	}
	s, err := doc.Schedule(p)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[1], err)
	}
	vs := schedule.Check(p, s)
	if len(vs) == 0 {
		fmt.Fprintf(e.stdout, "ok: %d operations, makespan %d\n", len(s.Assignments), schedule.Makespan(s))
		return nil
	}
	for _, v := range vs {
		fmt.Fprintln(e.stdout, v.Error())
	}
	fmt.Fprintf(e.stderr, "ordo check: %d violation(s)\n", len(vs))
	return errSilent
}
