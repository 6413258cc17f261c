// Package jsontree parses JSON text into a small tree that remembers where
// every value starts, and converts byte offsets into lines and columns. It
// is the one JSON reader behind the problem format (package model) and the
// result document (package schedule): both report every problem with a
// path, a line and a column computed by the same Index.
package jsontree
