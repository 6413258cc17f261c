package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ordo runs the command line in-process with stdin and returns its exit
// code and outputs.
func ordo(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		code, out, errs := ordo(t, "", args...)
		if code != exitOK || errs != "" {
			t.Errorf("ordo %s: exit %d, stderr %q", args[0], code, errs)
		}
		for _, want := range []string{"ordo ", "module    github.com/ordo-sched/ordo", "revision  ", "time  ", "modified  ", "go        go1."} {
			if !strings.Contains(out, want) {
				t.Errorf("ordo %s: output lacks %q:\n%s", args[0], want, out)
			}
		}
	}
	if code, _, errs := ordo(t, "", "version", "extra"); code != exitUsage || !strings.Contains(errs, "no arguments") {
		t.Errorf("ordo version extra: exit %d, stderr %q", code, errs)
	}
}

// Help that was asked for goes to stdout with exit 0; usage errors go to
// stderr with exit 2.
func TestHelpOnStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"help", "help"}} {
		code, out, errs := ordo(t, "", args...)
		if code != exitOK || errs != "" || !strings.Contains(out, "ordo solve") || !strings.Contains(out, "ordo version") {
			t.Errorf("ordo %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, errs)
		}
	}
	for _, c := range commands {
		if c.run == nil {
			continue
		}
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}} {
			code, out, errs := ordo(t, "", args...)
			if code != exitOK || errs != "" || !strings.Contains(out, "Usage: ordo "+c.name) {
				t.Errorf("ordo %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, errs)
			}
		}
	}
	for _, args := range [][]string{nil, {"frobnicate"}, {"help", "frobnicate"}, {"solve", "--no-such-flag"}} {
		code, out, errs := ordo(t, "", args...)
		if code != exitUsage || out != "" || errs == "" {
			t.Errorf("ordo %s: exit %d, stdout %q, stderr %q; want exit 2 and the message on stderr only", strings.Join(args, " "), code, out, errs)
		}
	}
}

const tinyJSP = "2 2\n0 3 1 2\n1 4 0 1\n"

func TestExportFlags(t *testing.T) {
	dir := t.TempDir()
	jsp := filepath.Join(dir, "tiny.data") // an extension that says nothing
	if err := os.WriteFile(jsp, []byte(tinyJSP), 0o644); err != nil {
		t.Fatal(err)
	}
	code, lp, errs := ordo(t, "", "export", "--format", "jsp", jsp)
	if code != exitOK || !strings.Contains(strings.ToLower(lp), "minimize") {
		t.Fatalf("export --format jsp: exit %d, stderr %q, stdout %q", code, errs, lp)
	}
	// The same from stdin, and with the old --in spelling.
	body := func(s string) string { _, b, _ := strings.Cut(s, "\n"); return b } // after the name line
	if code, out, errs := ordo(t, tinyJSP, "export", "--format", "jsp", "-"); code != exitOK || body(out) != body(lp) {
		t.Errorf("export from stdin: exit %d, stderr %q, output %q", code, errs, out)
	}
	if code, out, errs := ordo(t, "", "export", "--in", "jsp", jsp); code != exitOK || out != lp {
		t.Errorf("export --in: exit %d, stderr %q, same output %v", code, errs, out == lp)
	}
	code, mps, errs := ordo(t, "", "export", "--format", "jsp", "--to", "mps", jsp)
	if code != exitOK || !strings.Contains(mps, "ROWS") || mps == lp {
		t.Errorf("export --to mps: exit %d, stderr %q, stdout %q", code, errs, mps)
	}
	// --out FILE.mps picks MPS; --format mps (the old output flag) too.
	out := filepath.Join(dir, "m.mps")
	if code, _, errs := ordo(t, "", "export", "--format", "jsp", "--out", out, jsp); code != exitOK {
		t.Errorf("export --out m.mps: exit %d, stderr %q", code, errs)
	} else if data, err := os.ReadFile(out); err != nil || string(data) != mps {
		t.Errorf("export --out m.mps wrote %q (%v), want the MPS model", data, err)
	}
	txt := filepath.Join(dir, "tiny.txt")
	if err := os.WriteFile(txt, []byte(tinyJSP), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, got, errs := ordo(t, "", "export", "--format", "mps", txt); code != exitOK || body(got) != body(mps) {
		t.Errorf("export --format mps: exit %d, stderr %q, same as --to mps %v", code, errs, got == mps)
	}
	if code, _, errs := ordo(t, "", "export", "--to", "xls", jsp); code != exitUsage || !strings.Contains(errs, "--to") {
		t.Errorf("export --to xls: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := ordo(t, "", "export", "--format", "xls", jsp); code != exitUsage || !strings.Contains(errs, "--format") {
		t.Errorf("export --format xls: exit %d, stderr %q", code, errs)
	}
	// The deprecated --in is accepted but not shown.
	_, help, _ := ordo(t, "", "export", "--help")
	if strings.Contains(help, "-in") || !strings.Contains(help, "-format") || !strings.Contains(help, "-to") || !strings.Contains(help, "standard input") {
		t.Errorf("export --help:\n%s", help)
	}
}
