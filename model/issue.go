package model

import (
	"fmt"
	"strings"

	"github.com/ordo-sched/ordo/internal/jsontree"
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

// Locate fills in the Line and Column of the issues whose Path can be
// found in the JSON text data (typically the issues Validate found in the
// problem Decode read from data). When a path does not exist in the text
// (a value left to its default, or written in a shorthand form), the
// issue gets the position of its nearest enclosing value. Issues that
// already have a line are left alone, and data that is not valid JSON
// leaves every issue unchanged. The text is parsed once and indexed once,
// whatever the number of issues.
func Locate(data []byte, issues Issues) {
	q := getParser()
	defer putParser(q)
	root, err := q.Parse(data)
	if err != nil {
		return
	}
	locateIn(root, jsontree.NewIndex(data), issues)
}

// locateIn is Locate on an already parsed text.
func locateIn(root *jnode, x *jsontree.Index, issues Issues) {
	for k := range issues {
		is := &issues[k]
		if is.Line > 0 || is.Path == "" {
			continue
		}
		is.Line, is.Column = x.Position(root.Find(is.Path))
	}
}
