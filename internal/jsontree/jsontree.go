package jsontree

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// BOM is the UTF-8 byte-order mark. Parse skips one at the start of the
// text (editors and ERP exports on Windows write one), and Index does not
// count it as a column.
const BOM = "\xef\xbb\xbf"

// Kind is the type of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String names the kind with its article ("a string"), for messages.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind " + strconv.Itoa(int(k))
}

var kindNames = [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}

// Node is one JSON value.
type Node struct {
	Kind Kind
	// Bool is the value of a Bool.
	Bool bool
	// Text is the decoded value of a String, or the literal text of a
	// Number.
	Text string
	// Off is the byte offset of the value's first character in the text.
	Off int
	// Arr holds the elements of an Array.
	Arr []Node
	// Obj holds the members of an Object, in the order of the text
	// (duplicates kept).
	Obj []Field
}

// Field is one member of a JSON object.
type Field struct {
	Key string
	// KeyOff is the byte offset of the key's opening quote.
	KeyOff int
	Val    Node
}

// Member returns the first member named key of object n, or nil (also
// when n is not an object).
func (n *Node) Member(key string) *Node {
	if n.Kind != Object {
		return nil
	}
	for i := range n.Obj {
		if n.Obj[i].Key == key {
			return &n.Obj[i].Val
		}
	}
	return nil
}

// SyntaxError is malformed JSON text.
type SyntaxError struct {
	// Msg is the message of the standard library's parser.
	Msg string
	// Off is the byte offset of the offending character (or the end of the
	// text when it ends too early).
	Off int
}

func (e *SyntaxError) Error() string { return e.Msg }

// Parse parses data, which must hold exactly one JSON value (after an
// optional byte-order mark). Malformed text is reported as a
// *SyntaxError.
//
// The text is read once: the parser checks the grammar as it builds the
// tree. Only when it finds the text malformed does it ask the standard
// library's parser why and where (and, should the two ever disagree on
// well-formed text, the standard library's verdict holds).
func Parse(data []byte) (*Node, error) {
	var q Parser
	return q.Parse(data)
}

// Parser parses texts like Parse, reusing for each tree the memory of the
// trees it built before: a tree it returns is valid until its next Parse
// (the strings in it stay valid). A service decoding one text after
// another keeps its Parsers in a sync.Pool, and the trees then cost no
// allocation but their strings. The zero Parser is ready to use; a Parser
// must not be used by two goroutines at once.
type Parser struct {
	p    parser
	root Node
}

// Parse parses data like the function Parse. The tree replaces the one
// the Parser returned before.
func (q *Parser) Parse(data []byte) (*Node, error) {
	start := 0
	if strings.HasPrefix(string(data[:min(len(data), 3)]), BOM) {
		start = 3
	}
	p := &q.p
	p.reset(data, start)
	p.value(&q.root, 0)
	p.skip()
	if p.bad || p.i != len(data) {
		if err := syntaxError(data, start); err != nil {
			return nil, err
		}
		if p.deep {
			return nil, &SyntaxError{Msg: "exceeded max depth", Off: len(data)}
		}
	}
	return &q.root, nil
}

// Retained returns how many bytes of tree storage (slabs and levels) the
// Parser keeps for its next trees, so that a pool can drop parsers that
// once read a huge text.
func (q *Parser) Retained() int {
	p := &q.p
	return p.nodeSlabs.size()*nodeSize + p.fieldSlabs.size()*fieldSize + cap(p.levels)*levelSize
}

// syntaxError returns the standard library's error for data[start:], or
// nil when it finds the text well formed.
func syntaxError(data []byte, start int) error {
	if json.Valid(data[start:]) {
		return nil
	}
	var v any
	err := json.Unmarshal(data[start:], &v)
	se := &SyntaxError{Msg: "invalid JSON", Off: len(data)}
	var jse *json.SyntaxError
	switch {
	case errors.As(err, &jse):
		se.Msg, se.Off = jse.Error(), start+int(jse.Offset)
		if strings.HasPrefix(se.Msg, "invalid character") && jse.Offset > 0 {
			se.Off-- // Offset counts the offending character
		}
	case err != nil:
		se.Msg = err.Error()
	}
	return se
}

// maxDepth is the nesting depth beyond which the text counts as malformed,
// as for the standard library's parser.
const maxDepth = 10000

// The sizes in bytes of a Node, a Field and a level, for Retained.
var (
	nodeSize  = int(reflect.TypeFor[Node]().Size())
	fieldSize = int(reflect.TypeFor[Field]().Size())
	levelSize = int(reflect.TypeFor[level]().Size())
)

// slabSize is how many nodes or fields the parser allocates at once: the
// members of small arrays and objects share allocations.
const slabSize = 128

// parser builds the tree of a text, checking the JSON grammar on the way:
// bad is set at the first departure from it, and the parse goes on without
// ever leaving the text's bounds (the tree of a malformed text is dropped).
// Checking never changes what the parser builds. The members of objects
// and arrays are built where they stay: in the room of their depth (see
// level), so that the members of nested values never come between them,
// and each object or array gets a slice of its exact length.
type parser struct {
	data []byte
	i    int
	bad  bool
	// deep is set when the nesting went beyond maxDepth: the parse
	// stopped there.
	deep bool
	// levels holds the room for the members of the objects and arrays
	// at each depth (the members of the root's at index 0); the parse
	// used the first used of them.
	levels []level
	used   int
	// nodeSlabs and fieldSlabs hand out the room.
	nodeSlabs  slabs[Node]
	fieldSlabs slabs[Field]
	// shared holds recent keys and number texts: the same key (or
	// number) read again is the same string.
	shared strTable
	// values is shared for the short string values (identifiers,
	// references to them, units), which repeat through a text.
	values strTable
}

// level is the room left for the members of the arrays (nodes) and of
// the objects (fields) at one depth: empty slices whose capacity is the
// room, cut from the slabs in segments. The members of an array or an
// object are stored one after the other in the room of its depth; the
// next array or object at that depth starts after them. When the room
// runs out, the members read so far move to a new segment.
type level struct {
	nodes  []Node
	fields []Field
	// nodeSeg and fieldSeg are the lengths of the next segments to cut:
	// they start at 1 and double up to slabSize, so that deeply nested
	// texts take little room and wide ones few segments.
	nodeSeg, fieldSeg int
}

// reset prepares the parser for data from offset start, keeping its
// slabs, and the lengths of the segments its levels settled on. What the
// slabs still hold of the last tree is overwritten as the new one is
// built.
func (p *parser) reset(data []byte, start int) {
	p.data, p.i, p.bad, p.deep = data, start, false, false
	for k := range p.levels[:p.used] {
		p.levels[k].nodes, p.levels[k].fields = nil, nil
	}
	p.used = 0
	p.nodeSlabs.reset()
	p.fieldSlabs.reset()
}

// level returns the level of depth, adding it on the first visit (a
// value at depth d is read after one at every depth below).
func (p *parser) level(depth int) *level {
	if depth >= p.used {
		if depth == len(p.levels) {
			p.levels = append(p.levels, level{})
		}
		p.used = depth + 1
	}
	return &p.levels[depth]
}

// slabs cuts segments from slabs of slabSize elements: cur is what is
// left of the current slab, all every slab allocated, reused in order by
// the next parse (next is the index of the next to use). Segments longer
// than a slab are chunks of their own, in big, likewise reused in order
// (nextBig) when long enough.
type slabs[T any] struct {
	cur     []T
	all     [][]T
	next    int
	big     [][]T
	nextBig int
}

// reset makes the slabs reusable from the first, keeping them.
func (s *slabs[T]) reset() {
	s.cur, s.next, s.nextBig = nil, 0, 0
}

// size returns the number of elements of all the slabs and chunks.
func (s *slabs[T]) size() int {
	n := len(s.all) * slabSize
	for _, b := range s.big {
		n += cap(b)
	}
	return n
}

// room returns an empty slice with room for at least n elements.
func (s *slabs[T]) room(n int) []T {
	if n > slabSize {
		if s.nextBig == len(s.big) {
			s.big = append(s.big, nil)
		}
		if cap(s.big[s.nextBig]) < n {
			s.big[s.nextBig] = make([]T, 0, n)
		}
		s.nextBig++
		return s.big[s.nextBig-1][:0]
	}
	if n > len(s.cur) {
		if s.next == len(s.all) {
			s.all = append(s.all, make([]T, slabSize))
		}
		s.cur = s.all[s.next]
		s.next++
	}
	out := s.cur[:0:n]
	s.cur = s.cur[n:]
	return out
}

// grow returns mem (the members read so far of an array or object, which
// fill their room) moved to a new segment with room for more: a segment
// of length *seg, or twice len(mem) if longer. It doubles *seg, up to
// slabSize.
func (s *slabs[T]) grow(mem []T, seg *int) []T {
	n := max(*seg, 2*len(mem), 1)
	*seg = min(2*n, slabSize)
	return append(s.room(n), mem...)
}

// skip steps over whitespace. Many values follow their comma or colon
// directly: that case is checked inline.
func (p *parser) skip() {
	if p.i < len(p.data) && p.data[p.i] > ' ' {
		return
	}
	p.skipRun()
}

// spaces8 is eight spaces read as a little-endian word.
const spaces8 = 0x2020202020202020

// skipRun steps over whitespace at p.i, runs of spaces eight bytes at a
// time.
func (p *parser) skipRun() {
	data, i := p.data, p.i
	// One space, after a colon or a comma (on one line).
	if i+1 < len(data) && data[i] == ' ' && data[i+1] > ' ' {
		p.i = i + 1
		return
	}
	for i < len(data) {
		switch data[i] {
		case ' ':
			if i+8 <= len(data) {
				// The first byte of the word that is not a space ends
				// the run.
				x := binary.LittleEndian.Uint64(data[i:]) ^ spaces8
				if x == 0 {
					i += 8
				} else {
					i += bits.TrailingZeros64(x) >> 3
				}
				continue
			}
			i++
		case '\t', '\n', '\r':
			i++
		default:
			p.i = i
			return
		}
	}
	p.i = i
}

func (p *parser) peek() byte {
	if p.i < len(p.data) {
		return p.data[p.i]
	}
	return 0
}

// expect consumes c, or marks the text malformed.
func (p *parser) expect(c byte) {
	if p.peek() != c {
		p.bad = true
	}
	p.i = min(p.i+1, len(p.data))
}

// open steps into the object or array at p.i, closed by end, and tells
// whether members follow: it returns false for an empty one (stepped
// over) and when depth is too deep for the standard library, where the
// parse stops rather than recurse as deep as the text goes.
func (p *parser) open(depth int, end byte) bool {
	if depth >= maxDepth {
		p.bad, p.deep = true, true
		p.i = len(p.data)
		return false
	}
	p.i++
	p.skip()
	if p.peek() == end {
		p.i++
		return false
	}
	return true
}

// value parses the value at p.i (after whitespace) into *n, the root.
func (p *parser) value(n *Node, depth int) {
	p.skip()
	p.node(n, depth)
}

// node parses the value at p.i, at depth, into *n, setting every field
// of n once: n holds what the last parse left there, and the pointers of
// a reused slab cost a write barrier each while the garbage collector
// marks (zeroing first would cost them twice). The members of nested
// objects and arrays are stored at the next depth, never where n is, so
// that n stays put while they are read.
func (p *parser) node(n *Node, depth int) {
	var (
		off  = p.i
		kind Kind
		b    bool
		text string
		arr  []Node
		obj  []Field
	)
	switch p.peek() {
	case '{':
		kind, obj = Object, p.object(depth)
	case '[':
		kind, arr = Array, p.array(depth)
	case '"':
		kind, text = String, p.str(false)
	case 't':
		kind, b = Bool, true
		p.literal("true")
	case 'f':
		kind = Bool
		p.literal("false")
	case 'n':
		p.literal("null")
	default:
		kind, text = Number, p.number()
	}
	n.Kind, n.Bool, n.Text, n.Off, n.Arr, n.Obj = kind, b, text, off, arr, obj
}

// object parses the object at p.i (its opening brace) at depth and
// returns its members.
func (p *parser) object(depth int) []Field {
	if !p.open(depth, '}') {
		return nil
	}
	// mem holds the members read so far, at the start of the room of
	// the depth. The deeper values never touch that room, so that a
	// member stays where it is while its value is read.
	mem := p.level(depth).fields
	closed := false
	for p.i < len(p.data) {
		p.skip()
		keyOff := p.i
		if p.peek() != '"' {
			p.bad = true
		}
		key := p.str(true)
		// The colon, most often right after the key and followed by
		// one space.
		if i := p.i; i+2 < len(p.data) && p.data[i] == ':' && p.data[i+1] == ' ' && p.data[i+2] > ' ' {
			p.i = i + 2
		} else {
			p.colon()
		}
		if len(mem) == cap(mem) {
			mem = p.fieldSlabs.grow(mem, &p.levels[depth].fieldSeg)
		}
		mem = mem[:len(mem)+1]
		f := &mem[len(mem)-1]
		f.Key, f.KeyOff = key, keyOff
		p.node(&f.Val, depth+1)
		p.skip()
		if p.peek() == ',' {
			p.i++
			continue
		}
		p.expect('}')
		closed = true
		break
	}
	if !closed {
		p.bad = true
	}
	p.levels[depth].fields = mem[len(mem):]
	return mem[:len(mem):len(mem)]
}

// array parses the array at p.i (its opening bracket) at depth and
// returns its elements.
func (p *parser) array(depth int) []Node {
	if !p.open(depth, ']') {
		return nil
	}
	// Built in the room of the depth, like the members of an object.
	mem := p.level(depth).nodes
	closed := false
	for p.i < len(p.data) {
		p.skip()
		if len(mem) == cap(mem) {
			mem = p.nodeSlabs.grow(mem, &p.levels[depth].nodeSeg)
		}
		mem = mem[:len(mem)+1]
		p.node(&mem[len(mem)-1], depth+1)
		p.skip()
		if p.peek() == ',' {
			p.i++
			continue
		}
		p.expect(']')
		closed = true
		break
	}
	if !closed {
		p.bad = true
	}
	p.levels[depth].nodes = mem[len(mem):]
	return mem[:len(mem):len(mem)]
}

// colon steps over the colon after a key, and the whitespace around
// it, or marks the text malformed when the colon is missing.
func (p *parser) colon() {
	p.skip()
	if p.peek() == ':' {
		p.i++
	} else {
		p.bad = true
	}
	p.skip()
}

// literal consumes the literal word (true, false or null), which the
// text must hold.
func (p *parser) literal(word string) {
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		p.bad = true
	}
	p.i = min(p.i+len(word), len(p.data))
}

// number reads the number at p.i, checking it in the same pass:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// It stops where the grammar does; whatever follows (a sign, a dot, a
// digit after a leading zero) is then out of place for the caller, so
// that the text is malformed either way.
func (p *parser) number() string {
	data := p.data
	st, i := p.i, p.i
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && isDigit(data[i]):
		i = digits(data, i+1)
	default:
		p.bad = true
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			p.bad = true
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			p.bad = true
		}
		i = j
	}
	p.i = i
	return p.shared.share(data, st, i)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digits returns the offset of the first byte at or after i that is not
// a digit.
func digits(data []byte, i int) int {
	for i < len(data) && isDigit(data[i]) {
		i++
	}
	return i
}

// maxSharedValue is the length of the longest string value shared (in
// the table values): longer ones (names, notes) seldom repeat.
const maxSharedValue = 32

// tableBits is the base-2 logarithm of the number of strings in a
// strTable.
const tableBits = 9

// strTable holds recent strings by a hash of their bytes, so that the
// same bytes read again are the same string (allocated once).
type strTable [1 << tableBits]struct {
	// word holds the first eight bytes of s, the first in the low byte
	// (and zeros after the last of a shorter string): strings of up to
	// 16 bytes are found by comparing words.
	word uint64
	s    string
}

// share returns data[i:j] as a string: the string it returned last for
// the same bytes when it is still in the table.
func (t *strTable) share(data []byte, i, j int) string {
	n := j - i
	switch {
	case n > 16:
		e := &t[hashBytes(data[i:j])>>(32-tableBits)]
		if e.s != string(data[i:j]) {
			e.word, e.s = 0, string(data[i:j])
		}
		return e.s
	case n > 8:
		// The first and the last eight bytes (overlapping) make the
		// string.
		w, last := binary.LittleEndian.Uint64(data[i:]), binary.LittleEndian.Uint64(data[j-8:])
		e := &t[((w*hashMul^last)+uint64(n))*hashMul>>(64-tableBits)]
		if len(e.s) != n || e.word != w || lastWord(e.s) != last {
			e.word, e.s = w, string(data[i:j])
		}
		return e.s
	}
	var w uint64
	if i+8 <= len(data) {
		// The bytes after j are masked off (a shift by 64 is zero).
		w = binary.LittleEndian.Uint64(data[i:]) & (1<<(8*n) - 1)
	} else {
		for k := j - 1; k >= i; k-- {
			w = w<<8 | uint64(data[k])
		}
	}
	return t.shareWord(w, data[i:j])
}

// shareWord is share for the bytes b of at most eight, which make the
// word w (the first in the low byte, zeros after the last).
func (t *strTable) shareWord(w uint64, b []byte) string {
	e := &t[((w+uint64(len(b)))*hashMul)>>(64-tableBits)]
	if e.word != w || len(e.s) != len(b) {
		e.word, e.s = w, string(b)
	}
	return e.s
}

// lastWord returns the last eight bytes of s (which has at least eight)
// as a little-endian word.
func lastWord(s string) uint64 {
	s = s[len(s)-8:]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hashMul is the multiplier of the hashes (2^64 over the golden ratio).
const hashMul = 0x9e3779b97f4a7c15

// hashBytes hashes b eight bytes at a time (each byte counts), for the
// tables of shared strings.
func hashBytes(b []byte) uint32 {
	const k = hashMul
	n := len(b)
	h := uint64(n) * k
	switch {
	case n >= 8:
		for i := 0; i+8 < n; i += 8 {
			h = (h ^ binary.LittleEndian.Uint64(b[i:])) * k
		}
		h = (h ^ binary.LittleEndian.Uint64(b[n-8:])) * k
	case n >= 4:
		h = (h ^ uint64(binary.LittleEndian.Uint32(b))<<32 ^ uint64(binary.LittleEndian.Uint32(b[n-4:]))) * k
	default:
		for _, c := range b {
			h = (h ^ uint64(c)) * k
		}
	}
	return uint32(h>>32) ^ uint32(h>>7)
}

// Masks for reading eight bytes of a string at once (see special).
const (
	ones8 = 0x0101010101010101
	high8 = 0x8080808080808080
)

// special returns a word with the high bit set in the bytes of w (eight
// bytes of text, the first in the low byte) that do not stand for
// themselves in a JSON string: the quote, the backslash, control bytes
// and the bytes of multi-byte characters. Only the lowest marked byte is
// sure to be special (the subtractions borrow into the bytes above it),
// which is all the string scan needs: where the next special byte is.
func special(w uint64) uint64 {
	quote := w ^ ('"' * ones8)
	backslash := w ^ ('\\' * ones8)
	// A byte below 0x80 is zero (or below 0x20) when subtracting one (or
	// 0x20) from it sets its high bit, unless a byte below borrowed.
	return ((quote-ones8)|(backslash-ones8)|(w-0x20*ones8))&^w&high8 | w&high8
}

// str reads a string starting at the opening quote; the string is shared
// (in the table shared) when key is set, and in the table values when it
// is a short value. The plain bytes are stepped over eight at a time.
func (p *parser) str(key bool) string {
	data := p.data
	st := p.i
	i := st + 1
	// Most keys and many values are short and plain: when the first
	// special byte of the first eight is the closing quote, the word
	// read for the scan is the string's word in the table.
	if i+8 <= len(data) {
		w := binary.LittleEndian.Uint64(data[i:])
		if m := special(w); m != 0 {
			n := bits.TrailingZeros64(m) >> 3
			if data[i+n] == '"' {
				p.i = i + n + 1
				w &= 1<<(8*n) - 1
				if key {
					return p.shared.shareWord(w, data[i:i+n])
				}
				return p.values.shareWord(w, data[i:i+n])
			}
		}
	}
	simple := true // no escape
	ascii := true
	closed := false
	for i < len(data) {
		if i+8 <= len(data) {
			m := special(binary.LittleEndian.Uint64(data[i:]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		} else if plainByte[data[i]] {
			i++
			continue
		}
		c := data[i]
		if c == '"' {
			i++
			closed = true
			break
		}
		switch {
		case c == '\\':
			simple = false
			if !validEscape(data[i+1:]) {
				p.bad = true
			}
			i += 2
			continue
		case c < 0x20:
			p.bad = true
		case c >= 0x80:
			ascii = false
		}
		i++
	}
	if !closed {
		p.bad = true
	}
	// Never past the end of the text (an escape or a missing quote at
	// the very end): the callers slice the text at p.i.
	end := min(i, len(data))
	p.i = end
	// Text without escapes is the string itself when it is valid UTF-8
	// (the standard library replaces invalid bytes with U+FFFD).
	if simple && end-st >= 2 && (ascii || utf8.Valid(data[st+1:end-1])) {
		switch {
		case key:
			return p.shared.share(data, st+1, end-1)
		case end-st-2 <= maxSharedValue:
			return p.values.share(data, st+1, end-1)
		}
		return string(data[st+1 : end-1])
	}
	var s string
	if json.Unmarshal(data[st:end], &s) != nil {
		return ""
	}
	return s
}

// plainByte marks the bytes that stand for themselves in a JSON string
// and leave it simple: printable ASCII but the quote and the backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// validEscape reports whether b starts with what may follow a backslash
// in a JSON string: one of "\/bfnrt, or u and four hexadecimal digits.
func validEscape(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch b[0] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return true
	case 'u':
		if len(b) < 5 {
			return false
		}
		for _, c := range b[1:5] {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
		return true
	}
	return false
}

// Find returns the offset of the value at path ("jobs[3].operations[1]"),
// or of its nearest ancestor present in the tree when the path goes
// further than the text.
func (n *Node) Find(path string) int {
	cur := n
	off := n.Off
	for path != "" {
		var next *Node
		switch {
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return off
			}
			i, err := strconv.Atoi(path[1:end])
			path = path[end+1:]
			if err != nil || cur.Kind != Array || i < 0 || i >= len(cur.Arr) {
				return off
			}
			next = &cur.Arr[i]
		default:
			path = strings.TrimPrefix(path, ".")
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			key := path[:end]
			path = path[end:]
			next = cur.Member(key)
			if next == nil {
				return off
			}
		}
		cur = next
		off = cur.Off
	}
	return off
}

// blockSize is the spacing of the character counts an Index keeps.
const blockSize = 256

// Index converts byte offsets of a text into 1-based lines and columns,
// columns counting characters (UTF-8 sequences), not bytes. Building it
// reads the text once; each Position then costs a binary search and at
// most blockSize bytes, whatever the length of the line, so that
// locating many errors on single-line JSON stays linear.
type Index struct {
	data   []byte
	base   int   // 3 after a byte-order mark, else 0
	starts []int // byte offset of the start of each line
	// chars[b] counts the characters of data[base:base+b*blockSize].
	chars []int
}

// NewIndex indexes data.
func NewIndex(data []byte) *Index {
	x := &Index{data: data, starts: []int{0}}
	if strings.HasPrefix(string(data[:min(len(data), 3)]), BOM) {
		x.base = 3
		x.starts[0] = 3
	}
	x.chars = make([]int, 0, (len(data)-x.base)/blockSize+1)
	n := 0
	for i := x.base; i < len(data); i++ {
		if (i-x.base)%blockSize == 0 {
			x.chars = append(x.chars, n)
		}
		c := data[i]
		if c&0xC0 != 0x80 {
			n++
		}
		if c == '\n' {
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

// charsBefore counts the characters of data[base:off].
func (x *Index) charsBefore(off int) int {
	rel := off - x.base
	if rel <= 0 {
		return 0
	}
	b := rel / blockSize
	if b >= len(x.chars) {
		b = len(x.chars) - 1
	}
	n := x.chars[b]
	for i := x.base + b*blockSize; i < off; i++ {
		if x.data[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// Position returns the 1-based line and column of byte offset off
// (clamped to the text).
func (x *Index) Position(off int) (line, col int) {
	off = min(max(off, x.base), len(x.data))
	l := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	l = max(l, 0)
	return l + 1, x.charsBefore(off) - x.charsBefore(x.starts[l]) + 1
}

// Describe returns a short description of n for messages: its kind, and
// its text for numbers and short strings.
func Describe(n *Node) string {
	switch n.Kind {
	case Number:
		return "the number " + clip(n.Text)
	case String:
		return "the string " + strconv.Quote(clip(n.Text))
	case Bool:
		return fmt.Sprint(n.Bool)
	}
	return n.Kind.String()
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
