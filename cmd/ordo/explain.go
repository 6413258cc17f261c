package main

import (
	"encoding/json"
	"fmt"

	"github.com/ordo-sched/ordo/explain"
)

func cmdExplain(e *env, args []string) error {
	fs := newFlags(e, "explain", "[--json] [--chain] PROBLEM [PLAN [ORDER...]]",
		"With a PLAN (the result JSON of 'ordo solve --json'): explains why each late\n"+
			"order (or each ORDER given) is late, as time per cause and resource that adds\n"+
			"up to the lateness. Exit 0.\n\n"+
			"Without a PLAN: explains why PROBLEM has no feasible plan, naming the\n"+
			"conflicting constraints by their paths and what would remove each conflict.\n"+
			"Exit 1 when conflicts are found, 0 when none is (which does not prove that\n"+
			"a feasible plan exists).\n\n"+
			"One of PROBLEM and PLAN may be - (JSON on standard input).")
	format := fs.String("format", "", "problem format: json, jsp, taillard or fjs (default: from the extension)")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	chain := fs.Bool("chain", false, "text: also list each late order's chain of operations")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("want PROBLEM [PLAN [ORDER...]]")
	}
	if len(pos) == 1 {
		return explainInfeasible(e, pos[0], *format, *asJSON)
	}
	p, s, err := readPlan(e, pos[0], pos[1], *format)
	if err != nil {
		return err
	}
	r, err := explain.Late(p, s, pos[2:]...)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, r)
	}
	if len(pos) > 2 && len(r.Orders) == 0 {
		_, err := fmt.Fprintln(e.stdout, "on time: none of the orders asked for is late")
		return err
	}
	return r.WriteText(e.stdout, *chain)
}

// explainInfeasible explains why the problem at path has no feasible plan.
func explainInfeasible(e *env, path, format string, asJSON bool) error {
	// Read without validating: the validation's findings are part of the
	// answer.
	p, err := readProblem(e, path, format)
	if err != nil {
		return err
	}
	inf, err := explain.Infeasible(p)
	if err != nil {
		return err
	}
	if inf == nil {
		if issues := p.Validate(); len(issues) > 0 {
			return fmt.Errorf("%s: invalid problem:\n%s", displayName(path), indent(issues.Error()))
		}
		if asJSON {
			return printJSON(e, &explain.Infeasibility{Conflicts: []explain.Conflict{}})
		}
		_, err := fmt.Fprintln(e.stdout, "no conflict found: ordo found no reason why this problem would have no feasible plan (this is not a proof that one exists)")
		return err
	}
	if asJSON {
		if err := printJSON(e, inf); err != nil {
			return err
		}
	} else if err := inf.WriteText(e.stdout); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "ordo explain: %d conflict(s): no feasible plan exists\n", len(inf.Conflicts))
	return errSilent
}

func printJSON(e *env, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(append(data, '\n'))
	return err
}
