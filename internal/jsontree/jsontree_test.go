package jsontree

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
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

// plain converts a tree to what encoding/json decodes (with UseNumber):
// the last of duplicate keys wins there.
func plain(n *Node) any {
	switch n.Kind {
	case Null:
		return nil
	case Bool:
		return n.Bool
	case Number:
		return json.Number(n.Text)
	case String:
		return n.Text
	case Array:
		out := make([]any, len(n.Arr))
		for i := range n.Arr {
			out[i] = plain(&n.Arr[i])
		}
		return out
	}
	out := map[string]any{}
	for i := range n.Obj {
		out[n.Obj[i].Key] = plain(&n.Obj[i].Val)
	}
	return out
}

// checkTree checks that every value of n starts at its offset, that every
// key's offset is its opening quote, and that the slices of arrays and
// objects have no room to grow into a neighbour's elements.
func checkTree(t *testing.T, data []byte, n *Node) {
	t.Helper()
	first := map[Kind]string{Null: "n", Object: "{", Array: "[", String: `"`}
	if n.Off < 0 || n.Off >= len(data) {
		t.Fatalf("offset %d outside %q", n.Off, clip(string(data)))
	}
	c := string(data[n.Off])
	switch {
	case n.Kind == Bool && c != "t" && c != "f",
		n.Kind == Number && !strings.Contains("-0123456789", c),
		first[n.Kind] != "" && c != first[n.Kind]:
		t.Fatalf("%s at offset %d of %q starts with %q", n.Kind, n.Off, clip(string(data)), c)
	}
	if cap(n.Arr) != len(n.Arr) || cap(n.Obj) != len(n.Obj) {
		t.Fatalf("value at %d of %q: capacity beyond length", n.Off, clip(string(data)))
	}
	for i := range n.Arr {
		checkTree(t, data, &n.Arr[i])
	}
	for i := range n.Obj {
		if data[n.Obj[i].KeyOff] != '"' {
			t.Fatalf("key %q at offset %d of %q", n.Obj[i].Key, n.Obj[i].KeyOff, clip(string(data)))
		}
		checkTree(t, data, &n.Obj[i].Val)
	}
}

// agree checks Parse against the standard library on data: the same
// verdict, and for well-formed text the same values.
func agree(t *testing.T, data []byte) {
	t.Helper()
	text := data
	if strings.HasPrefix(string(data), BOM) {
		text = data[3:]
	}
	root, err := Parse(data)
	if valid := json.Valid(text); valid != (err == nil) {
		t.Fatalf("Parse(%q): error %v, but json.Valid says %v", data, err, valid)
	}
	p := parser{data: data, i: len(data) - len(text)}
	var n Node
	p.value(&n, 0)
	p.skip()
	if ok := !p.bad && p.i == len(data); ok != json.Valid(text) {
		t.Fatalf("the parser's grammar says %v for %q, json.Valid says %v", ok, data, !ok)
	}
	if err != nil {
		return
	}
	d := json.NewDecoder(bytes.NewReader(text))
	d.UseNumber()
	var want any
	if err := d.Decode(&want); err != nil {
		t.Fatal(err)
	}
	if got := plain(root); !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse(%q) = %#v, want %#v", data, got, want)
	}
	checkTree(t, data, root)
}

// TestGrammar holds the parser's own grammar check against json.Valid on
// texts at the edges of the grammar, and on random texts built from JSON
// pieces (mostly well formed, some not) and random mutations of them.
func TestGrammar(t *testing.T) {
	edges := []string{
		`0`, `-0`, `-`, `01`, `1.`, `.5`, `1.5e`, `1e+`, `1E-7`, `-1.25e+30`, `+1`, `1e5.5`, `--1`, `0x1`, `1-2`,
		`true`, `tru`, `truex`, `false`, `fals`, `null`, `nul`, `nulll`, `True`,
		`""`, `"`, `"a`, `"\"`, `"\\"`, `"\/\b\f\n\r\t"`, `"\u00e9"`, `"\u00G9"`, `"\u12"`, `"\x"`, "\"a\tb\"", "\"a\x01\"", "\"\xff\xfe\"", `"é€𝄞"`, "\"a\xc3\"", "\"\xe2\x82\"", "\"ok é\xffb\"", `{0" [A, `, `{"a":"`, `["\`, `[tr`, `{"a" `, `{"a":1,`,
		`[]`, `[ ]`, `[1,]`, `[,1]`, `[1 2]`, `[1,,2]`, `[`, `]`, `[1]]`, `[[[]]]`,
		`{}`, `{ }`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{a:1}`, `{"a":1,}`, `{,"a":1}`, `{"a":1 "b":2}`, `{"a":1}}`, `{"a":1,"a":2}`, `{1:2}`,
		``, ` `, ` 1 `, "\t\n\r 1", "1\x00", `1 2`, `{} {}`, BOM + `{}`, BOM, BOM + BOM + `1`, "\v1",
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001),
		strings.Repeat("[", 200000),
	}
	for _, e := range edges {
		agree(t, []byte(e))
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{`{`, `}`, `[`, `]`, `,`, `:`, ` `, `"k"`, `"v\n"`, `1`, `-2.5e3`, `true`, `null`, `"é"`, `"\u0041"`}
	var gen func(depth int) string
	gen = func(depth int) string {
		switch k := r.IntN(8); {
		case depth > 4 || k < 3:
			return []string{`1`, `-0.5`, `2e-3`, `"s"`, `"a\"b"`, `true`, `false`, `null`, `"x\u00e9"`}[r.IntN(9)]
		case k < 5:
			var parts []string
			for range r.IntN(4) {
				parts = append(parts, gen(depth+1))
			}
			return "[" + strings.Join(parts, ", ") + "]"
		default:
			var parts []string
			for i := range r.IntN(4) {
				parts = append(parts, fmt.Sprintf(`"k%d": %s`, i%2, gen(depth+1)))
			}
			return "{" + strings.Join(parts, ",\n") + "}"
		}
	}
	for range 3000 {
		text := []byte(gen(0))
		agree(t, text)
		for range 3 {
			m := append([]byte(nil), text...)
			switch i := r.IntN(len(m) + 1); r.IntN(3) {
			case 0:
				m = append(m[:i], append([]byte(pieces[r.IntN(len(pieces))]), m[i:]...)...)
			case 1:
				if i < len(m) {
					m = append(m[:i], m[i+1:]...)
				}
			default:
				if i < len(m) {
					m[i] = byte(r.IntN(128))
				}
			}
			agree(t, m)
		}
	}
}

// TestParseShares checks that repeated keys and values come out as equal
// strings whether or not they are shared, and that appending to an
// array's elements leaves its neighbours alone.
func TestParseShares(t *testing.T) {
	var b strings.Builder
	b.WriteString(`[`)
	for i := range 5000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id": "J%d", "machine": "M%d", "qty": %d, "w": [1, 2]}`, i, i%7, i%3)
	}
	b.WriteString(`]`)
	root, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for i := range root.Arr {
		o := &root.Arr[i]
		if got := o.Member("id").Text; got != fmt.Sprintf("J%d", i) {
			t.Fatalf("element %d: id %q", i, got)
		}
		if got := o.Member("machine").Text; got != fmt.Sprintf("M%d", i%7) {
			t.Fatalf("element %d: machine %q", i, got)
		}
		if got := o.Member("qty").Text; got != fmt.Sprint(i%3) {
			t.Fatalf("element %d: qty %q", i, got)
		}
	}
	w := root.Arr[0].Member("w")
	_ = append(w.Arr, Node{Kind: Number, Text: "9"})
	if next := root.Arr[1].Member("w"); next.Arr[0].Text != "1" || root.Arr[0].Obj[0].Key != "id" {
		t.Error("appending to an array changed another value")
	}
}

func FuzzGrammar(f *testing.F) {
	f.Add([]byte(`{"a": [1, {"b": "c\u00e9"}], "d": null}`))
	f.Add([]byte(BOM + `[1e5, -0.0, "\\"]`))
	f.Fuzz(func(t *testing.T, data []byte) { agree(t, data) })
}

// TestParserReuse parses random texts one after another with one Parser
// (small after large, malformed between well formed) and checks each tree
// against a fresh Parse of the same text.
func TestParserReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var q Parser
	var texts []string
	for i := range 60 {
		var b strings.Builder
		b.WriteString("[")
		for k := range r.IntN(3000) {
			if k > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id": "J%d", "n": %d, "a": [%d, "x", {"k": null}], "o": {}}`, i*10000+k, k, r.IntN(9))
		}
		b.WriteString("]")
		if r.IntN(6) == 0 {
			b.WriteString(",")
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		got, err := q.Parse([]byte(text))
		want, werr := Parse([]byte(text))
		if (err == nil) != (werr == nil) {
			t.Fatalf("Parser.Parse: %v, Parse: %v", err, werr)
		}
		if err != nil {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the tree of a reused Parser differs from a fresh one (text of %d bytes)", len(text))
		}
		checkTree(t, []byte(text), got)
	}
	if q.Retained() <= 0 {
		t.Error("a Parser that built trees retains nothing")
	}
}

// validNumber reports whether b is a JSON number, the simple way:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(b []byte) bool {
	i := 0
	digits := func() bool {
		st := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > st
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(b)
}

// TestNumberScan holds the one-pass number scan against validNumber on
// every text of up to five bytes of the characters numbers are made of:
// a well-formed number is read whole and clean, and of any other text
// the scan either finds a fault or stops before its end (where the
// next character, one of a number's, cannot follow a value).
func TestNumberScan(t *testing.T) {
	const alphabet = "0123456789+-.eE"
	var gen func(prefix []byte)
	gen = func(prefix []byte) {
		for _, tail := range []string{"", "]"} {
			text := append(append([]byte(nil), prefix...), tail...)
			p := parser{data: text}
			got := p.number()
			whole := !p.bad && p.i == len(prefix)
			if whole != validNumber(prefix) {
				t.Fatalf("number(%q): read %q, fault %v; validNumber says %v", text, got, p.bad, validNumber(prefix))
			}
			if whole && got != string(prefix) {
				t.Fatalf("number(%q) = %q", text, got)
			}
		}
		if len(prefix) == 5 {
			return
		}
		for i := range len(alphabet) {
			gen(append(prefix, alphabet[i]))
		}
	}
	gen(nil)
}
