package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/server"
)

// TestTeamCommand sets, replaces, lists and deletes a plant's teams in a
// store, which the service then reads.
func TestTeamCommand(t *testing.T) {
	store := "sqlite:" + filepath.Join(t.TempDir(), "ordo.db")
	code, out, errs := runCLI(t, "team", "set", "--plant", "lyon", "--store", store, "LATHES", "--machines", "LAT-01,LAT-02")
	if code != exitOK || !strings.Contains(out, "team LATHES of plant lyon created: machines LAT-01,LAT-02, pools -") {
		t.Fatalf("team set: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "team", "set", "--plant", "lyon", "--store", store, "LATHES", "--machines", "LAT-02", "--pools", "turners")
	if code != exitOK || !strings.Contains(out, "replaced: machines LAT-02, pools turners") {
		t.Fatalf("team set again: %d %q %q", code, out, errs)
	}
	if code, _, errs := runCLI(t, "team", "set", "--plant", "lyon", "--store", store, "MILLS", "--pools", "millers"); code != exitOK {
		t.Fatalf("team set MILLS: %d %q", code, errs)
	}
	code, out, errs = runCLI(t, "team", "list", "--plant", "lyon", "--store", store)
	if code != exitOK || out != "LATHES\tmachines LAT-02\tpools turners\nMILLS\tmachines -\tpools millers\n" {
		t.Errorf("team list: %d %q %q", code, out, errs)
	}
	// what the service reads
	ctx := context.Background()
	st, err := server.OpenStore(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := st.Team(ctx, "lyon", "LATHES")
	st.Close()
	if err != nil || strings.Join(tm.Machines, ",") != "LAT-02" || strings.Join(tm.Pools, ",") != "turners" {
		t.Errorf("the store's team: %+v, %v", tm, err)
	}
	code, out, errs = runCLI(t, "team", "delete", "--plant", "lyon", "--store", store, "MILLS")
	if code != exitOK || !strings.Contains(out, "team MILLS of plant lyon deleted") {
		t.Errorf("team delete: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, "team", "list", "--plant", "lyon", "--store", store); code != exitOK || strings.Contains(out, "MILLS") {
		t.Errorf("team list after delete: %d %q", code, out)
	}
	if code, _, errs := runCLI(t, "team", "delete", "--plant", "lyon", "--store", store, "MILLS"); code == exitOK || !strings.Contains(errs, `no team "MILLS"`) {
		t.Errorf("deleting an unknown team: %d %q", code, errs)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"team"}, "want: ordo team set"},
		{[]string{"team", "rename"}, `unknown team command "rename"`},
		{[]string{"team", "set", "--store", store, "X", "--machines", "A"}, "--plant is required"},
		{[]string{"team", "set", "--plant", "lyon", "--store", store, "X"}, "give --machines or --pools"},
		{[]string{"team", "set", "--plant", "lyon", "--store", store, "--machines", "A"}, "want one team NAME"},
		{[]string{"team", "set", "--plant", "lyon", "--store", store, "a b", "--machines", "A"}, `team "a b"`},
		{[]string{"team", "set", "--plant", "lyon", "--store", store, "X", "--machines", "A,A"}, `machines[1]: "A" is listed twice`},
		{[]string{"team", "list", "--plant", "lyon", "--store", store, "X"}, `unexpected argument "X"`},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code == exitOK || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q, want an error with %q", tc.args, code, errs, tc.want)
		}
	}
	if code, out, errs := runCLI(t, "team", "--help"); code != exitOK || !strings.Contains(out+errs, "ordo team set --plant P") {
		t.Errorf("team --help: %d %q %q", code, out, errs)
	}
}
