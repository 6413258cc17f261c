package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// buildInfo is what 'ordo version' prints, read from the binary's build
// information (runtime/debug.ReadBuildInfo).
type buildInfo struct {
	module, version     string
	revision, time      string
	modified, goVersion string
}

// readBuildInfo collects the module version and the version-control
// stamps of the running binary. Fields the build did not record are
// "unknown" (go run, -buildvcs=false).
func readBuildInfo() buildInfo {
	b := buildInfo{module: "github.com/ordo-sched/ordo", version: "(devel)",
		revision: "unknown", time: "unknown", modified: "unknown", goVersion: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if bi.Main.Path != "" {
		b.module = bi.Main.Path
	}
	if bi.Main.Version != "" {
		b.version = bi.Main.Version
	}
	if bi.GoVersion != "" {
		b.goVersion = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.revision = s.Value
		case "vcs.time":
			b.time = s.Value
		case "vcs.modified":
			b.modified = s.Value
		}
	}
	return b
}

func (b buildInfo) write(w io.Writer) {
	fmt.Fprintf(w, "ordo %s\n", b.version)
	fmt.Fprintf(w, "  module    %s\n", b.module)
	fmt.Fprintf(w, "  revision  %s\n", b.revision)
	fmt.Fprintf(w, "  time      %s\n", b.time)
	fmt.Fprintf(w, "  modified  %s\n", b.modified)
	fmt.Fprintf(w, "  go        %s\n", b.goVersion)
}

func cmdVersion(e *env, args []string) error {
	fs := newFlags(e, "version", "",
		"Prints the version of ordo and how it was built: the module version (a tag such as v0.1.0\nwhen installed with 'go install github.com/ordo-sched/ordo/cmd/ordo@VERSION', (devel) when built\nfrom a checkout), the version-control revision, its time and whether the tree was modified,\nand the Go version.")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments")
	}
	readBuildInfo().write(e.stdout)
	return nil
}
