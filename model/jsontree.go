package model

import (
	"sync"

	"github.com/ordo-sched/ordo/internal/jsontree"
)

// The JSON decoder first parses the text into a small tree that remembers
// where every value starts (package internal/jsontree, shared with the
// result document of package schedule), then walks the tree into a
// Problem. That lets it report every problem at once, each with a path and
// a line and column, and report unknown and duplicate keys.

type jnode = jsontree.Node

const (
	jNull = jsontree.Null
	jBool = jsontree.Bool
	jNum  = jsontree.Number
	jStr  = jsontree.String
	jArr  = jsontree.Array
	jObj  = jsontree.Object
)

// parsers are the JSON parsers of the decoder: each keeps the memory of
// its last tree for the next, so that decoding one problem after another
// (a service validating requests) does not allocate the trees again.
var parsers = sync.Pool{New: func() any { return new(jsontree.Parser) }}

// maxPooledTree is the most tree storage (in bytes) a pooled parser
// keeps: a parser that read a larger text is left to the garbage
// collector.
const maxPooledTree = 8 << 20

// getParser returns a parser from the pool; give it back with putParser
// once its tree is no longer used.
func getParser() *jsontree.Parser { return parsers.Get().(*jsontree.Parser) }

// putParser gives q back to the pool: the tree it returned last must not
// be used any more.
func putParser(q *jsontree.Parser) {
	if q.Retained() <= maxPooledTree {
		parsers.Put(q)
	}
}

// parseTree parses data (after an optional byte-order mark) into a tree
// of its own; malformed text is a *jsontree.SyntaxError.
func parseTree(data []byte) (*jnode, error) { return jsontree.Parse(data) }
