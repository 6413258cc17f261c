// Command ordo schedules production: it solves, validates and checks
// scheduling problems, replans them when the shop floor moves, explains and
// reports plans, serves them over HTTP, and runs benchmarks.
//
// Usage (ordo help prints the same list, with each command's summary):
//
//	ordo solve [FILE]                  build a schedule (no FILE: the example plant)
//	ordo validate FILE...              report every problem of problem files
//	ordo check PROBLEM RESULT          check a schedule (result JSON) against a problem
//	ordo explain PROBLEM [PLAN]        why orders are late; without PLAN, why no plan exists
//	ordo compare BASE SCENARIO...      plan scenarios and compare them in one table
//	ordo suggest PROBLEM               the single changes that relieve lateness most
//	ordo replan PROBLEM PLAN EVENTS    apply shop-floor events and repair (or re-optimise) the plan
//	ordo promise PROBLEM PLAN ORDER    quote a new order's earliest completion
//	ordo simulate [PROBLEM]            run a plan forward under disruptions, per policy
//	ordo replan-campaign               the disruption campaign of replanning policies
//	ordo report KIND PROBLEM PLAN      work lists, dashboard, Gantt, costs or text report
//	ordo gen taillard NAME | plant     generate a benchmark instance or a plant
//	ordo bench [INSTANCES...]          run solvers on benchmark instances
//	ordo export PROBLEM                write the MIP model in LP or MPS format
//	ordo serve [options]               run the HTTP service (API at /v1, see /v1/openapi.json)
//	ordo token create --plant P --role R   create an API token for ordo serve
//	ordo version                       print the version and build information
//	ordo help [COMMAND]                print help (also ordo --help, ordo COMMAND --help)
//
// A problem FILE or PROBLEM argument of - is read from standard input.
// Help goes to standard output (exit 0); usage errors go to standard error
// (exit 2).
//
// Exit codes: 0 ok, 1 invalid input, infeasible schedule or failed run,
// 2 usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Exit codes scripts can rely on.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

// usageError marks errors in the command line itself (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env carries the process's streams so commands can be tested in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// stderrTTY reports whether stderr is a terminal (progress bars).
	stderrTTY bool
}

type command struct {
	name, args, summary string
	run                 func(e *env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"solve", "[FILE]", "build a schedule (no FILE: the built-in example plant)", cmdSolve},
		{"validate", "FILE...", "report every problem of problem files", cmdValidate},
		{"check", "PROBLEM RESULT", "check a schedule (result JSON) against a problem", cmdCheck},
		{"explain", "PROBLEM [PLAN [ORDER]]", "why orders are late in a plan; without PLAN, why no plan exists", cmdExplain},
		{"compare", "BASE SCENARIO...", "plan a problem and its scenarios, compare them in one table", cmdCompare},
		{"suggest", "PROBLEM", "the single changes (shifts, operators, receipts) that help most", cmdSuggest},
		{"gen", "taillard NAME | plant", "generate a benchmark instance or a plant", cmdGen},
		{"bench", "[INSTANCES...]", "run solvers on benchmark instances and report", cmdBench},
		{"export", "PROBLEM", "write the MIP model of a problem as LP or MPS", cmdExport},
		{"replan", "PROBLEM PLAN EVENTS", "apply shop-floor events to a plan and repair it", cmdReplan},
		{"promise", "PROBLEM PLAN ORDER", "quote a new order: its earliest completion in a plan", cmdPromise},
		{"simulate", "[PROBLEM]", "run a plan forward under disruptions, per replanning policy", cmdSimulate},
		{"report", "KIND PROBLEM PLAN", "write a plan's work lists, dashboard, Gantt, cost or text report (KIND: worklists, dashboard, gantt, costs, text)", cmdReport},
		{"replan-campaign", "[options]", "run the disruption campaign of replanning policies (docs/replanning.md)", cmdReplanCampaign},
		{"serve", "[options]", "run the HTTP service (API at /v1, see /v1/openapi.json)", cmdServe},
		{"token", "create --plant --role", "create an API token for ordo serve", cmdToken},
		{"team", "set|list|delete --plant", "define a plant's teams (machines and pools sharing a work list) for ordo serve", cmdTeam},
		{"version", "", "print the version and build information", cmdVersion},
		{"help", "[COMMAND]", "print this help, or the help of COMMAND", nil},
	}
}

func main() {
	fi, err := os.Stderr.Stat()
	tty := err == nil && fi.Mode()&os.ModeCharDevice != 0
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, stderrTTY: tty}))
}

func run(args []string, e *env) int {
	if len(args) == 0 {
		printUsage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		printUsage(e.stdout)
		return exitOK
	case "-version", "--version":
		args = []string{"version"}
	case "help":
		if len(args) == 1 {
			printUsage(e.stdout)
			return exitOK
		}
		if args[1] == "help" {
			printUsage(e.stdout)
			return exitOK
		}
		// ordo help CMD is ordo CMD --help.
		args = []string{args[1], "--help"}
	}
	for _, c := range commands {
		if c.name == args[0] && c.run != nil {
			ce := e
			if wantsHelp(args[1:]) {
				// Help that was asked for goes to stdout (ordo solve -h | less);
				// usage errors stay on stderr.
				h := *e
				h.stderr = e.stdout
				ce = &h
			}
			err := c.run(ce, args[1:])
			return report(e, c.name, err)
		}
	}
	fmt.Fprintf(e.stderr, "ordo: unknown command %q\n\n", args[0])
	printUsage(e.stderr)
	return exitUsage
}

// wantsHelp reports whether a command's arguments ask for its help (-h,
// -help or --help before any "--").
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// visibleDefaults prints the defaults of fs's flags like
// flag.FlagSet.PrintDefaults, leaving out the hidden ones (deprecated
// spellings kept for old scripts).
func visibleDefaults(w io.Writer, fs *flag.FlagSet, hidden ...string) {
	v := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	v.SetOutput(w)
	fs.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(hidden, f.Name) {
			v.Var(f.Value, f.Name, f.Usage)
			v.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	v.PrintDefaults()
}

// errSilent is returned by commands that already printed their failure and
// only need exit code 1.
var errSilent = errors.New("failed")

func report(e *env, name string, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		// -h: the command printed its usage (parseFlags).
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "ordo %s: %s\nRun 'ordo %s -h' for usage.\n", name, ue.msg, name)
		return exitUsage
	}
	if errors.Is(err, errSilent) {
		return exitInvalid
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		fmt.Fprintf(e.stderr, "ordo %s:\n%s\n", name, msg)
	} else {
		fmt.Fprintf(e.stderr, "ordo %s: %s\n", name, msg)
	}
	return exitInvalid
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "ordo: production scheduling\n\nUsage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-38s %s\n", strings.TrimSpace("ordo "+c.name+" "+c.args), c.summary)
	}
	fmt.Fprintln(w, "\nRun 'ordo help COMMAND' (or 'ordo COMMAND --help') for the options of a command.")
	fmt.Fprintln(w, "A problem FILE or PROBLEM of - is read from standard input.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 invalid input / infeasible / failed, 2 usage.")
}
