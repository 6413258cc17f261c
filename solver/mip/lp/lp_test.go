package lp

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func sample() *Model {
	m := &Model{Name: "sample"}
	x := m.AddVar("x", 0, 10, true, 1)
	y := m.AddVar("y", math.Inf(-1), 5, false, -2)
	z := m.AddVar("z", math.Inf(-1), math.Inf(1), false, 0)
	b := m.AddBinary("b")
	f := m.AddVar("f", 3, 3, false, 0)
	m.AddCons("c1", []Term{{x, 1}, {y, 1}, {x, 1}}, GE, 2.5)
	m.AddCons("c2", []Term{{x, 1}, {z, -1}, {b, 4}}, LE, 1)
	m.AddCons("c3", []Term{{y, 1}, {f, 1}, {z, 0}}, EQ, 4)
	m.ObjConst = 7
	return m
}

func TestAddConsMergesTerms(t *testing.T) {
	m := sample()
	if got := m.Cons[0].Terms; len(got) != 2 || got[0].Coef != 2 {
		t.Fatalf("c1 terms %v, want x merged with coefficient 2", got)
	}
	if got := m.Cons[2].Terms; len(got) != 2 {
		t.Fatalf("c3 terms %v, want the zero coefficient dropped", got)
	}
}

func TestWriteLP(t *testing.T) {
	var b strings.Builder
	if err := WriteLP(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Minimize\n obj: x - 2 y + 7 OBJ_CONST\n",
		" c1: 2 x + y >= 2.5\n",
		" c2: x - z + 4 b <= 1\n",
		" c3: y + f = 4\n",
		" 0 <= x <= 10\n",
		" -inf <= y <= 5\n",
		" z free\n",
		" f = 3\n",
		" OBJ_CONST = 1\n",
		"Generals\n x b\n",
		"End\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("LP output lacks %q:\n%s", want, out)
		}
	}
}

func TestWriteMPS(t *testing.T) {
	var b strings.Builder
	if err := WriteMPS(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"NAME sample\nROWS\n N obj\n G c1\n L c2\n E c3\n",
		" M0 'MARKER' 'INTORG'\n x obj 1\n x c1 2\n x c2 1\n M1 'MARKER' 'INTEND'\n",
		" y obj -2\n",
		" OBJ_CONST obj 7\n",
		" RHS c1 2.5\n",
		" LO BND x 0\n UP BND x 10\n",
		" MI BND y\n UP BND y 5\n",
		" FR BND z\n",
		" FX BND f 3\n",
		" FX BND OBJ_CONST 1\n",
		"ENDATA\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("MPS output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "OBJSENSE") {
		t.Error("MPS output has an OBJSENSE section")
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(m *Model)
		want string
	}{
		{"bad name", func(m *Model) { m.Vars[0].Name = "1x" }, "invalid name"},
		{"space in name", func(m *Model) { m.Vars[0].Name = "a b" }, "invalid name"},
		{"exponent-like name", func(m *Model) { m.Vars[0].Name = "e1" }, "invalid name"},
		{"duplicate", func(m *Model) { m.Vars[1].Name = "x" }, "duplicate"},
		{"empty domain", func(m *Model) { m.Vars[0].Lo = 11 }, "empty domain"},
		{"nan coefficient", func(m *Model) { m.Cons[0].Terms[0].Coef = math.NaN() }, "bad coefficient"},
		{"index out of range", func(m *Model) { m.Cons[0].Terms[0].Var = 99 }, "out of range"},
		{"infinite rhs", func(m *Model) { m.Cons[1].RHS = math.Inf(1) }, "right-hand side"},
		{"duplicate row", func(m *Model) { m.Cons[1].Name = "c1" }, "duplicate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := sample()
			tc.edit(m)
			err := m.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if WriteLP(&strings.Builder{}, m) == nil || WriteMPS(&strings.Builder{}, m) == nil {
				t.Fatal("writers accepted an invalid model")
			}
		})
	}
	if err := sample().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestViolationAndObjective(t *testing.T) {
	m := sample()
	x := []float64{1, 0.5, 0, 0, 3} // c3: y + f = 3.5 != 4
	if got := m.Objective(x); got != 1-1+7 {
		t.Fatalf("objective %v", got)
	}
	v, where := m.Violation(x)
	if math.Abs(v-0.5) > 1e-12 || where != "constraint c3" {
		t.Fatalf("violation %v at %q, want 0.5 at constraint c3", v, where)
	}
	x[1] = 1
	if v, where := m.Violation(x); v != 0 {
		t.Fatalf("violation %v at %q, want none", v, where)
	}
}

func TestLongRowsWrap(t *testing.T) {
	m := &Model{Name: "wide"}
	var terms []Term
	for i := 0; i < 200; i++ {
		terms = append(terms, Term{Var: m.AddVar("variable_with_a_long_name_"+string(rune('a'+i%26))+strings.Repeat("x", i%7)+"_"+itoa(i), 0, 1, false, 1), Coef: 1})
	}
	m.AddCons("sum", terms, LE, 3)
	var b strings.Builder
	if err := WriteLP(&b, m); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if len(line) > 255 {
			t.Fatalf("line of %d characters", len(line))
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
