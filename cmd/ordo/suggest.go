package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ordo-sched/ordo/scenario"
)

func cmdSuggest(e *env, args []string) error {
	fs := newFlags(e, "suggest", "[flags] PROBLEM",
		"Plans PROBLEM (JSON; 'example' is the built-in example plant), finds the\n"+
			"resources that cause its lateness, and evaluates single changes that relieve\n"+
			"them by re-planning each changed problem with the same solver and limits:\n"+
			"Saturday shifts or overtime on a machine, one more operator in a pool, a\n"+
			"material receipt delivered earlier. Prints the best changes with their gain.\n"+
			"With --out DIR, writes each change as a scenario file (a JSON Merge Patch of\n"+
			"PROBLEM) that 'ordo compare PROBLEM DIR/NAME.json' confirms.")
	pf := addPlanFlags(fs)
	top := fs.Int("top", 5, "number of changes printed")
	machines := fs.Int("machines", 4, "machines that get shift candidates (bottlenecks first)")
	outDir := fs.String("out", "", "write each change as DIR/NAME.json")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one PROBLEM")
	}
	if *top < 0 || *machines < 0 {
		return usagef("--top and --machines must not be negative")
	}
	cfg, err := pf.config()
	if err != nil {
		return err
	}
	base, err := readBase(e, pos[0])
	if err != nil {
		return err
	}
	if *outDir != "" {
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			return err
		}
	}
	s, err := scenario.Suggest(context.Background(), base, cfg, scenario.SuggestOptions{Machines: *machines})
	if err != nil {
		return err
	}
	if *outDir != "" {
		for _, sg := range s.Suggestions {
			var b bytes.Buffer
			if err := json.Indent(&b, sg.Patch, "", "  "); err != nil {
				return err
			}
			b.WriteByte('\n')
			if err := writeFileAtomic(filepath.Join(*outDir, sg.Name+".json"), b.Bytes()); err != nil {
				return err
			}
		}
	}
	if *asJSON {
		return printJSON(e, s)
	}
	if err := s.WriteText(e.stdout, *top); err != nil {
		return err
	}
	if *outDir != "" && len(s.Suggestions) > 0 {
		var files []string
		for i, sg := range s.Suggestions {
			if i == max(*top, 1) {
				break
			}
			files = append(files, filepath.Join(*outDir, sg.Name+".json"))
		}
		fmt.Fprintf(e.stdout, "\nscenario files in %s; confirm with:\n  ordo compare %s %s --solver %s\n", *outDir, pos[0], strings.Join(files, " "), *pf.solverName)
	}
	return nil
}
