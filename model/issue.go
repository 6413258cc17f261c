package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Issue is one problem found in a model or in its JSON form: where it is
// (a path such as jobs[3].operations[1].alternatives[0].machine and, when
// known, a line and column in the JSON text) and a plain sentence saying
// what is wrong.
type Issue struct {
	// Path locates the faulty value in the JSON form of the problem, with
	// the JSON key names and 0-based indices ("machines[2].calendar").
	// It is empty for problems with the document as a whole.
	Path string
	// Message is a plain sentence.
	Message string
	// Line and Column are the 1-based position of the faulty value in the
	// JSON text, or zero when unknown (issues found by Validate on a
	// problem built in Go, unless Locate filled them in). Column counts
	// characters, not bytes.
	Line, Column int
}

// String formats the issue as "line L, column C: path: message", leaving
// out the parts that are unknown.
func (i Issue) String() string {
	var b strings.Builder
	if i.Line > 0 {
		fmt.Fprintf(&b, "line %d, column %d: ", i.Line, i.Column)
	}
	if i.Path != "" {
		b.WriteString(i.Path)
		b.WriteString(": ")
	}
	b.WriteString(i.Message)
	return b.String()
}

// Issues is a list of issues. It implements error: Decode returns one when
// the JSON form has problems, and Validate returns one (nil when the
// problem is valid).
type Issues []Issue

// Error lists the issues, one per line.
func (is Issues) Error() string {
	var b strings.Builder
	for k, i := range is {
		if k > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(i.String())
	}
	return b.String()
}

// lineIndex converts byte offsets of a text into 1-based lines and columns.
type lineIndex struct {
	data   []byte
	starts []int // byte offset of the start of each line
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// position returns the 1-based line and column (in characters) of byte
// offset off.
func (li *lineIndex) position(off int) (line, col int) {
	off = min(max(off, 0), len(li.data))
	l := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return l + 1, utf8.RuneCount(li.data[li.starts[l]:off]) + 1
}

// Locate fills in the Line and Column of the issues whose Path can be
// found in the JSON text data (typically the issues Validate found in the
// problem Decode read from data). When a path does not exist in the text
// (a value left to its default, or written in a shorthand form), the
// issue gets the position of its nearest enclosing value. Issues that
// already have a line are left alone, and data that is not valid JSON
// leaves every issue unchanged.
func Locate(data []byte, issues Issues) {
	root, err := parseTree(data)
	if err != nil {
		return
	}
	li := newLineIndex(data)
	for k := range issues {
		is := &issues[k]
		if is.Line > 0 || is.Path == "" {
			continue
		}
		off := root.locate(is.Path)
		is.Line, is.Column = li.position(off)
	}
}

// locate returns the offset of the value at path, or of its nearest
// ancestor present in the tree.
func (n *jnode) locate(path string) int {
	cur := n
	off := n.off
	for path != "" {
		var next *jnode
		switch {
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return off
			}
			i, err := strconv.Atoi(path[1:end])
			path = path[end+1:]
			if err != nil || cur.kind != jArr || i < 0 || i >= len(cur.arr) {
				return off
			}
			next = &cur.arr[i]
		default:
			path = strings.TrimPrefix(path, ".")
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			key := path[:end]
			path = path[end:]
			if cur.kind != jObj {
				return off
			}
			for f := range cur.obj {
				if cur.obj[f].key == key {
					next = &cur.obj[f].val
					break
				}
			}
			if next == nil {
				return off
			}
		}
		cur = next
		off = cur.off
	}
	return off
}
