package testinst

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBuiltIn(t *testing.T) {
	for _, tc := range []struct {
		name string
		ops  int
	}{{"ft06", 36}, {"ft10", 100}} {
		p := FT06()
		if tc.name == "ft10" {
			p = FT10()
		}
		if p.Name != tc.name || p.NumOperations() != tc.ops || p.Validate() != nil {
			t.Errorf("%s: name %q, %d operations, issues %v", tc.name, p.Name, p.NumOperations(), p.Validate())
		}
	}
}

func TestLoad(t *testing.T) {
	p := Load(t, "la01")
	if p.NumOperations() != 50 {
		t.Errorf("la01 has %d operations", p.NumOperations())
	}
	if b := Bounds(t)["la01"]; b.UB != 666 {
		t.Errorf("la01 ub %d", b.UB)
	}
}

func TestDataDir(t *testing.T) {
	dir := DataDir(t)
	for _, f := range []string{"bounds.csv", "jsp/ft06.txt", "fjsp/mk01.fjs"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}
