package jsontree

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFilesAgree holds the parser against the standard library on every
// JSON file of the repository (examples, test data, schemas), malformed
// ones included, and parses them all again, one after another, with one
// Parser: its tables of shared strings then hold the strings of the
// files before, and the trees must not change.
func TestFilesAgree(t *testing.T) {
	var files [][]byte
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".json") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files = append(files, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d JSON files", len(files))
	}
	var q Parser
	for round := range 2 {
		for _, data := range files {
			if round == 0 {
				agree(t, data)
			}
			got, err := q.Parse(data)
			want, werr := Parse(data)
			if (err == nil) != (werr == nil) {
				t.Fatalf("Parser.Parse: %v, Parse: %v", err, werr)
			}
			if err == nil && !reflect.DeepEqual(plain(got), plain(want)) {
				t.Fatalf("round %d: a reused Parser reads %.60q differently", round, data)
			}
		}
	}
}

// TestStrTable checks that a strTable returns the bytes asked for, of
// every length around its word boundaries and at the very end of the
// text (where no word can be read past the string), among many strings
// competing for its slots, and that a string found again costs no
// allocation.
func TestStrTable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var tab strTable
	for range 200000 {
		data := make([]byte, r.IntN(40))
		for k := range data {
			data[k] = "ab\x00\xff"[r.IntN(4)]
		}
		i := r.IntN(len(data) + 1)
		j := i + r.IntN(len(data)-i+1)
		if got := tab.share(data, i, j); got != string(data[i:j]) {
			t.Fatalf("share(%q, %d, %d) = %q", data, i, j, got)
		}
	}
	// Strings alike in their first eight bytes and length compete for
	// the slots too.
	for n := 9; n <= 16; n++ {
		for range 5000 {
			data := []byte("abcdefgh" + strings.Repeat(" ", n-8) + "...")
			for k := 8; k < n; k++ {
				data[k] = byte('a' + r.IntN(26))
			}
			if got := tab.share(data, 0, n); got != string(data[:n]) {
				t.Fatalf("share(%q, 0, %d) = %q", data, n, got)
			}
		}
	}
	for _, s := range []string{"", "a", "id", "machines", "time_zone", "0123456789abcdef", strings.Repeat("x", 30)} {
		data := []byte(`"` + s + `"`)
		tab.share(data, 1, len(data)-1)
		if n := testing.AllocsPerRun(10, func() { tab.share(data, 1, len(data)-1) }); n != 0 {
			t.Errorf("sharing %q again: %v allocations", s, n)
		}
	}
}

// TestParserReuseDepths reuses one Parser across texts of very different
// nesting (deep arrays and objects, wide and flat ones, malformed ones)
// and checks each tree against a fresh Parse: the room of every depth
// must start empty in the next parse.
func TestParserReuseDepths(t *testing.T) {
	deep := func(n int, open, leaf, close string) string {
		return strings.Repeat(open, n) + leaf + strings.Repeat(close, n)
	}
	texts := []string{
		deep(3000, `[1, `, `"x"`, `]`),
		`{"a": [1, 2, {"b": [3, [4, 5]]}], "c": "d"}`,
		deep(2000, `{"k": [{"j": 0}, `, `null`, `]}`),
		deep(200, `[`, `[]`, `]`) + `,`,
		`[` + strings.Repeat(`{"id": "J1", "q": [1, 2, 3]}, `, 500) + `{}]`,
		deep(50, `{"a": 1, "b": `, `{}`, `}`),
		deep(9999, `[`, ``, `]`),
		`[[1, 2], [3, [4, [5, [6]]]], {"x": {"y": {"z": [7]}}}]`,
	}
	var q Parser
	for round := range 2 {
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
				t.Fatalf("round %d: the tree of a reused Parser differs from a fresh one for %.40q", round, text)
			}
			checkTree(t, []byte(text), got)
		}
	}
}
