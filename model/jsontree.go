package model

import "github.com/ordo-sched/ordo/internal/jsontree"

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

// parseTree parses data (after an optional byte-order mark); malformed
// text is a *jsontree.SyntaxError.
func parseTree(data []byte) (*jnode, error) { return jsontree.Parse(data) }
