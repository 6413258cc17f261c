package lp

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ObjConstName is the name of the variable, fixed at 1, through which the
// writers express a non-zero Model.ObjConst (LP and MPS readers disagree on
// objective constants).
const ObjConstName = "OBJ_CONST"

func num(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// WriteLP writes m in CPLEX LP format (minimisation). Integer variables are
// listed under Generals with explicit bounds; a non-zero ObjConst becomes a
// variable OBJ_CONST fixed at 1. Lines are wrapped below 255 characters.
func WriteLP(w io.Writer, m *Model) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if len(m.Vars) == 0 {
		return fmt.Errorf("lp: model %q has no variables", m.Name)
	}
	bw := bufio.NewWriter(w)
	lw := &lineWriter{w: bw}
	fmt.Fprintf(bw, "\\ %s\n", sanitizeComment(m.Name))
	fmt.Fprintf(bw, "\\ %d variables (%d integer), %d constraints\n", len(m.Vars), m.NumIntegers(), len(m.Cons))
	bw.WriteString("Minimize\n")
	lw.start(" obj:")
	n := 0
	for _, v := range m.Vars {
		if v.Obj != 0 {
			lw.term(v.Obj, v.Name, n == 0)
			n++
		}
	}
	if m.ObjConst != 0 {
		lw.term(m.ObjConst, ObjConstName, n == 0)
		n++
	}
	if n == 0 {
		lw.term(0, m.Vars[0].Name, true)
	}
	lw.end()
	bw.WriteString("Subject To\n")
	for _, c := range m.Cons {
		lw.start(" " + c.Name + ":")
		for i, t := range c.Terms {
			lw.term(t.Coef, m.Vars[t.Var].Name, i == 0)
		}
		if len(c.Terms) == 0 {
			lw.term(0, m.Vars[0].Name, true)
		}
		lw.word(c.Sense.String())
		lw.word(num(c.RHS))
		lw.end()
	}
	bw.WriteString("Bounds\n")
	for _, v := range m.Vars {
		loInf, hiInf := math.IsInf(v.Lo, -1), math.IsInf(v.Hi, 1)
		switch {
		case loInf && hiInf:
			fmt.Fprintf(bw, " %s free\n", v.Name)
		case v.Lo == v.Hi:
			fmt.Fprintf(bw, " %s = %s\n", v.Name, num(v.Lo))
		case loInf:
			fmt.Fprintf(bw, " -inf <= %s <= %s\n", v.Name, num(v.Hi))
		case hiInf:
			fmt.Fprintf(bw, " %s >= %s\n", v.Name, num(v.Lo))
		default:
			fmt.Fprintf(bw, " %s <= %s <= %s\n", num(v.Lo), v.Name, num(v.Hi))
		}
	}
	if m.ObjConst != 0 {
		fmt.Fprintf(bw, " %s = 1\n", ObjConstName)
	}
	if m.NumIntegers() > 0 {
		bw.WriteString("Generals\n")
		lw.start("")
		for _, v := range m.Vars {
			if v.Integer {
				lw.word(v.Name)
			}
		}
		lw.end()
	}
	bw.WriteString("End\n")
	return bw.Flush()
}

func sanitizeComment(s string) string {
	if s == "" {
		return "ordo model"
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// lineWriter writes words separated by spaces, wrapping lines before 200
// characters.
type lineWriter struct {
	w   *bufio.Writer
	col int
}

func (l *lineWriter) start(s string) {
	l.w.WriteString(s)
	l.col = len(s)
}

func (l *lineWriter) word(s string) {
	if l.col+1+len(s) > 200 {
		l.w.WriteString("\n  ")
		l.col = 2
	}
	l.w.WriteByte(' ')
	l.w.WriteString(s)
	l.col += 1 + len(s)
}

func (l *lineWriter) term(coef float64, name string, first bool) {
	sign := "+"
	if coef < 0 {
		sign, coef = "-", -coef
	}
	var s string
	switch {
	case coef == 1:
		s = sign + " " + name
	default:
		s = sign + " " + num(coef) + " " + name
	}
	if first && sign == "+" {
		s = s[2:]
	}
	l.word(s)
}

func (l *lineWriter) end() {
	l.w.WriteByte('\n')
	l.col = 0
}

// WriteMPS writes m in free MPS format (minimisation, no OBJSENSE section).
// The objective row is named obj; integer columns are enclosed in
// MARKER INTORG/INTEND lines and every column gets explicit bounds; every
// column has an objective entry (possibly 0) so that the column order of
// the file is the order of m.Vars. A non-zero ObjConst becomes a last
// column OBJ_CONST fixed at 1. lp_solve 5.5 mis-solves files with such a
// column, a continuous objective column in no constraint: it stops at its
// first integer solution and calls it optimal (see solver/mip/execsolver,
// which writes the model for lp_solve without it).
func WriteMPS(w io.Writer, m *Model) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if len(m.Vars) == 0 {
		return fmt.Errorf("lp: model %q has no variables", m.Name)
	}
	name := strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' {
			return '_'
		}
		return r
	}, m.Name)
	if name == "" {
		name = "ordo"
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "NAME %s\nROWS\n N obj\n", name)
	for _, c := range m.Cons {
		s := "L"
		switch c.Sense {
		case GE:
			s = "G"
		case EQ:
			s = "E"
		}
		fmt.Fprintf(bw, " %s %s\n", s, c.Name)
	}
	// Column-wise matrix.
	cols := make([][]Term, len(m.Vars)) // Term.Var holds the row index here
	for i, c := range m.Cons {
		for _, t := range c.Terms {
			cols[t.Var] = append(cols[t.Var], Term{Var: i, Coef: t.Coef})
		}
	}
	bw.WriteString("COLUMNS\n")
	inInt := false
	marker := 0
	for j, v := range m.Vars {
		if v.Integer != inInt {
			if v.Integer {
				fmt.Fprintf(bw, " M%d 'MARKER' 'INTORG'\n", marker)
			} else {
				fmt.Fprintf(bw, " M%d 'MARKER' 'INTEND'\n", marker)
			}
			marker++
			inInt = v.Integer
		}
		fmt.Fprintf(bw, " %s obj %s\n", v.Name, num(v.Obj))
		for _, t := range cols[j] {
			fmt.Fprintf(bw, " %s %s %s\n", v.Name, m.Cons[t.Var].Name, num(t.Coef))
		}
	}
	if inInt {
		fmt.Fprintf(bw, " M%d 'MARKER' 'INTEND'\n", marker)
	}
	if m.ObjConst != 0 {
		fmt.Fprintf(bw, " %s obj %s\n", ObjConstName, num(m.ObjConst))
	}
	bw.WriteString("RHS\n")
	for _, c := range m.Cons {
		if c.RHS != 0 {
			fmt.Fprintf(bw, " RHS %s %s\n", c.Name, num(c.RHS))
		}
	}
	bw.WriteString("BOUNDS\n")
	for _, v := range m.Vars {
		loInf, hiInf := math.IsInf(v.Lo, -1), math.IsInf(v.Hi, 1)
		switch {
		case loInf && hiInf:
			fmt.Fprintf(bw, " FR BND %s\n", v.Name)
		case v.Lo == v.Hi:
			fmt.Fprintf(bw, " FX BND %s %s\n", v.Name, num(v.Lo))
		case loInf:
			fmt.Fprintf(bw, " MI BND %s\n UP BND %s %s\n", v.Name, v.Name, num(v.Hi))
		case hiInf:
			fmt.Fprintf(bw, " LO BND %s %s\n PL BND %s\n", v.Name, num(v.Lo), v.Name)
		default:
			fmt.Fprintf(bw, " LO BND %s %s\n UP BND %s %s\n", v.Name, num(v.Lo), v.Name, num(v.Hi))
		}
	}
	if m.ObjConst != 0 {
		fmt.Fprintf(bw, " FX BND %s 1\n", ObjConstName)
	}
	bw.WriteString("ENDATA\n")
	return bw.Flush()
}
