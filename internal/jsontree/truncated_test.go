package jsontree

import (
	"errors"
	"testing"
)

// TestParseTruncatedAfterComma checks that texts ending where a key or an
// element should start are syntax errors, not panics (the parser once
// sliced past the end of `{"a": 1, `).
func TestParseTruncatedAfterComma(t *testing.T) {
	for _, text := range []string{`{"a": 1, `, `{"a": 1,`, `{0" [A, `, `[1, `, `{`} {
		_, err := Parse([]byte(text))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, want a *SyntaxError", text, err)
		}
	}
}
