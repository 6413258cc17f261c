package main

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFileKeepsOldOnError: a writer that fails leaves the previous
// file as it was and no temporary file behind; a writer that succeeds
// replaces it whole.
func TestWriteFileKeepsOldOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	if err := writeFileAtomic(path, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := writeFile(path, func(w *bufio.Writer) error {
		w.WriteString("half a new pl")
		w.Flush()
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("file is %q after a failed write, want the old content", b)
	}
	if err := writeFile(path, func(w *bufio.Writer) error { _, err := w.WriteString("new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("file is %q, want new", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("%d files in the folder, want only the written file", len(entries))
	}
	if err := writeFileAtomic(dir, []byte("x")); err == nil {
		t.Fatal("writing over a folder succeeded")
	}
	if err := writeFileAtomic(os.DevNull, []byte("x")); err != nil {
		t.Fatalf("writing to %s: %v", os.DevNull, err)
	}
}
