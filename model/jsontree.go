package model

import (
	"encoding/json"
	"errors"
)

// The JSON decoder first parses the text into a small tree that remembers
// where every value starts, then walks the tree into a Problem. That lets it
// report every problem at once, each with a path and a line and column,
// and report unknown and duplicate keys.

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNum
	jStr
	jArr
	jObj
)

func (k jkind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// jnode is one JSON value.
type jnode struct {
	kind jkind
	b    bool   // jBool
	s    string // jStr: the decoded string; jNum: the number's text
	off  int    // byte offset of the value's first character
	arr  []jnode
	obj  []jfield
}

// jfield is one member of a JSON object.
type jfield struct {
	key    string
	keyOff int
	val    jnode
}

// parseTree parses data, which must hold exactly one JSON value. A syntax
// error is returned as a *json.SyntaxError.
func parseTree(data []byte) (*jnode, error) {
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, se
		}
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, err
	}
	p := treeParser{data: data}
	var root jnode
	p.value(&root)
	return &root, nil
}

// treeParser parses text already known to be valid JSON. It stays in bounds
// whatever the input, so that a bug can never turn into a panic.
type treeParser struct {
	data []byte
	i    int
}

func (p *treeParser) skip() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *treeParser) peek() byte {
	if p.i < len(p.data) {
		return p.data[p.i]
	}
	return 0
}

func (p *treeParser) value(n *jnode) {
	p.skip()
	n.off = p.i
	switch c := p.peek(); {
	case c == '{':
		n.kind = jObj
		p.i++
		p.skip()
		if p.peek() == '}' {
			p.i++
			return
		}
		for p.i < len(p.data) {
			p.skip()
			var f jfield
			f.keyOff = p.i
			f.key = p.str()
			p.skip()
			if p.peek() == ':' {
				p.i++
			}
			p.value(&f.val)
			n.obj = append(n.obj, f)
			p.skip()
			if p.peek() == ',' {
				p.i++
				continue
			}
			p.i++ // '}'
			return
		}
	case c == '[':
		n.kind = jArr
		p.i++
		p.skip()
		if p.peek() == ']' {
			p.i++
			return
		}
		for p.i < len(p.data) {
			n.arr = append(n.arr, jnode{})
			p.value(&n.arr[len(n.arr)-1])
			p.skip()
			if p.peek() == ',' {
				p.i++
				continue
			}
			p.i++ // ']'
			return
		}
	case c == '"':
		n.kind = jStr
		n.s = p.str()
	case c == 't':
		n.kind, n.b = jBool, true
		p.i += 4
	case c == 'f':
		n.kind = jBool
		p.i += 5
	case c == 'n':
		n.kind = jNull
		p.i += 4
	default:
		n.kind = jNum
		st := p.i
		for p.i < len(p.data) {
			c := p.data[p.i]
			if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
				p.i++
				continue
			}
			break
		}
		n.s = string(p.data[st:p.i])
	}
}

// str reads a string starting at the opening quote.
func (p *treeParser) str() string {
	st := p.i
	p.i++
	simple := true
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == '\\' {
			simple = false
			p.i += 2
			continue
		}
		if c >= 0x80 {
			simple = false
		}
		p.i++
		if c == '"' {
			break
		}
	}
	end := min(p.i, len(p.data))
	if simple && end-st >= 2 {
		return string(p.data[st+1 : end-1])
	}
	var s string
	if json.Unmarshal(p.data[st:end], &s) != nil {
		return ""
	}
	return s
}
