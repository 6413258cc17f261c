package jsontree

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// walkPositions returns the line and column of every byte offset of data
// (and of len(data)), counted by walking the text once.
func walkPositions(data []byte) [][2]int {
	out := make([][2]int, len(data)+1)
	base := 0
	if strings.HasPrefix(string(data), BOM) {
		base = 3
	}
	line, col := 1, 1
	for i := 0; i <= len(data); i++ {
		out[i] = [2]int{line, col}
		if i == len(data) || i < base {
			continue
		}
		if data[i] == '\n' {
			line, col = line+1, 1
			continue
		}
		// the next offset is one character further when it starts one
		if i+1 == len(data) || data[i+1]&0xC0 != 0x80 {
			col++
		}
	}
	return out
}

// TestIndexAgainstNaive holds Index.Position against a direct count on
// random texts of ASCII, multi-byte characters and newlines, with and
// without a byte-order mark, across block boundaries.
func TestIndexAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "{", " ", "\n", "é", "€", "𝄞", "\r\n", strings.Repeat("x", 300)}
	for round := range 200 {
		var b strings.Builder
		if round%3 == 0 {
			b.WriteString(BOM)
		}
		for range r.IntN(200) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		data := []byte(b.String())
		x := NewIndex(data)
		want := walkPositions(data)
		for off := -1; off <= len(data)+1; off++ {
			if off >= 0 && off < len(data) && data[off]&0xC0 == 0x80 {
				continue // inside a character
			}
			l, c := x.Position(off)
			w := want[min(max(off, 0), len(data))]
			if off < 3 && strings.HasPrefix(string(data), BOM) {
				w = [2]int{1, 1}
			}
			if l != w[0] || c != w[1] {
				t.Fatalf("round %d, offset %d of %q: %d:%d, want %d:%d", round, off, data, l, c, w[0], w[1])
			}
		}
	}
}

func TestParse(t *testing.T) {
	root, err := Parse([]byte(BOM + `{"a": [1, "x\u00e9", true, null], "b": {"c": -2.5e3}}`))
	if err != nil {
		t.Fatal(err)
	}
	a := root.Member("a")
	if a == nil || a.Kind != Array || len(a.Arr) != 4 || a.Arr[1].Text != "xé" || !a.Arr[2].Bool || a.Arr[3].Kind != Null {
		t.Fatalf("a = %+v", a)
	}
	if got := root.Find("b.c"); got != strings.Index(BOM+`{"a": [1, "x\u00e9", true, null], "b": {"c": -2.5e3}}`, "-2.5e3") {
		t.Errorf("Find(b.c) = %d", got)
	}
	if got, want := root.Find("a[9].z"), a.Off; got != want {
		t.Errorf("Find beyond the text = %d, want the nearest ancestor %d", got, want)
	}
	if root.Member("b").Member("c").Text != "-2.5e3" || root.Member("zz") != nil {
		t.Error("Member")
	}
	for _, tc := range []struct {
		text string
		off  int
	}{
		{`{"a": 1,, }`, 8},
		{`{"a": [`, 7},
		{BOM + `[1 2]`, 6},
		{``, 0},
	} {
		_, err := Parse([]byte(tc.text))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Off != tc.off {
			t.Errorf("Parse(%q): %v (offset %v), want a syntax error at %d", tc.text, err, se, tc.off)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"a": [1, {"b": "c"}], "d": null}`))
	f.Add([]byte(BOM + `[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := Parse(data)
		x := NewIndex(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("not a SyntaxError: %T", err)
			}
			x.Position(se.Off)
			return
		}
		l, c := x.Position(root.Find("a[0].b"))
		if l < 1 || c < 1 {
			t.Fatalf("position %d:%d", l, c)
		}
	})
}
