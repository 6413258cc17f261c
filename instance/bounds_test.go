package instance

import (
	"errors"
	"strings"
	"testing"
)

func TestReadBoundsData(t *testing.T) {
	b, err := Embedded().Bounds()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 372 {
		t.Errorf("%d rows, want at least 372", len(b))
	}
	want := map[string]Bound{
		"ft06": {Name: "ft06", N: 6, M: 6, LB: 55, UB: 55, Optimal: true},
		"ft10": {Name: "ft10", N: 10, M: 10, LB: 930, UB: 930, Optimal: true},
		"abz8": {Name: "abz8", N: 20, M: 15, LB: 648, UB: 665, Optimal: false},
	}
	for name, w := range want {
		if got := b[name]; got != w {
			t.Errorf("%s = %+v, want %+v", name, got, w)
		}
	}
	for name, r := range b {
		if r.Name != name || r.Optimal != (r.LB == r.UB) || r.LB > r.UB {
			t.Errorf("inconsistent row %+v", r)
		}
	}
}

func TestReadBounds(t *testing.T) {
	good := []struct {
		name, in string
		want     map[string]Bound
	}{
		{"header", "name,n,m,lb,ub,optimal\nft06,6,6,55,55,true\n", map[string]Bound{"ft06": {"ft06", 6, 6, 55, 55, true}}},
		{"no-header", "la01,10,5,666,666,true\r\nx,2,2,,,\n", map[string]Bound{
			"la01": {"la01", 10, 5, 666, 666, true}, "x": {"x", 2, 2, 0, 0, false}}},
		{"reordered", "# comment\nub,lb,name,optimal,m,n,extra\n10,8,a,false,3,4,zz\n", map[string]Bound{"a": {"a", 4, 3, 8, 10, false}}},
	}
	for _, c := range good {
		t.Run(c.name, func(t *testing.T) {
			got, err := readBounds(strings.NewReader(c.in), "b.csv")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v", got)
			}
			for k, w := range c.want {
				if got[k] != w {
					t.Errorf("%s = %+v, want %+v", k, got[k], w)
				}
			}
		})
	}
	bad := []struct{ name, in, want string }{
		{"missing-col", "name,n,m,lb,ub\n", `b.csv: line 1: header has no "optimal" column`},
		{"short-row", "name,n,m,lb,ub,optimal\nft06,6,6\n", `b.csv: line 2: missing column "lb"`},
		{"bad-n", "ft06,x,6,55,55,true\n", `line 1: column n: expected a non-negative integer, got "x"`},
		{"negative", "ft06,6,6,-5,55,false\n", "column lb: expected a non-negative integer"},
		{"bad-optimal", "ft06,6,6,55,55,maybe\n", `column optimal: expected true or false, got "maybe"`},
		{"lb-above-ub", "ft06,6,6,56,55,false\n", "lower bound 56 above upper bound 55"},
		{"duplicate", "a,1,1,1,1,true\na,1,1,1,1,true\n", `line 2: duplicate instance "a"`},
		{"empty-name", ",1,1,1,1,true\n", "empty instance name"},
		{"quote", "a,1,1,\"1,1,true\n", "b.csv: line 1"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, err := readBounds(strings.NewReader(c.in), "b.csv")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("%T is not a *ParseError", err)
			}
		})
	}
	if _, err := ReadBounds("testdata/missing.csv"); err == nil {
		t.Error("no error for a missing file")
	}
}
