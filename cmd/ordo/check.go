package main

import (
	"fmt"

	"github.com/ordo-sched/ordo/schedule"
)

func cmdCheck(e *env, args []string) error {
	fs := newFlags(e, "check", "[--format F] PROBLEM RESULT",
		"Checks a schedule (the result JSON of 'ordo solve --json') against a problem, and compares\nthe objective, makespan and KPIs the result claims with those of its schedule.\nExit 0 when the schedule is feasible and every claim holds, 1 with one line per\nviolation or wrong claim otherwise. One of PROBLEM and RESULT may be \"-\" (stdin); inputs are\nlimited to 256 MiB.")
	format := fs.String("format", "", "problem format: json, jsp, taillard or fjs (default: from the extension)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want PROBLEM and RESULT, got %d argument(s)", len(pos))
	}
	if err := oneStdin(pos...); err != nil {
		return err
	}
	p, err := loadProblem(e, pos[0], *format)
	if err != nil {
		return err
	}
	data, err := readInput(e, pos[1])
	if err != nil {
		return err
	}
	doc, err := schedule.ParseDocument(data)
	if err != nil {
		return fmt.Errorf("%s:\n%s", pos[1], indent(err.Error()))
	}
	s, err := doc.Schedule(p)
	if err != nil {
		return fmt.Errorf("%s:\n%s", pos[1], indent(err.Error()))
	}
	vs := schedule.Check(p, s)
	claims := doc.CheckClaims(p, s)
	if len(vs) == 0 && len(claims) == 0 {
		fmt.Fprintf(e.stdout, "ok: %d operations, makespan %d\n", len(s.Assignments), schedule.Makespan(s))
		return nil
	}
	for _, v := range vs {
		fmt.Fprintln(e.stdout, v.Error())
	}
	for _, c := range claims {
		fmt.Fprintf(e.stdout, "%s: %s\n", pos[1], c.String())
	}
	switch {
	case len(claims) == 0:
		fmt.Fprintf(e.stderr, "ordo check: %d violation(s)\n", len(vs))
	case len(vs) == 0:
		fmt.Fprintf(e.stderr, "ordo check: the schedule is feasible, but %d claim(s) of the result disagree with it\n", len(claims))
	default:
		fmt.Fprintf(e.stderr, "ordo check: %d violation(s); %d claim(s) of the result disagree with the schedule\n", len(vs), len(claims))
	}
	return errSilent
}
