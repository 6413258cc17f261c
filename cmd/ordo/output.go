package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Every file a command writes goes through pendingFile: it is written
// beside its final path and renamed into place only when complete, so an
// interrupted or failed command never leaves a truncated plan, report or
// problem where the user's previous file was.

// pendingFile is an output file created (as a temporary file beside its
// final path) before a long computation, so that an unwritable path fails
// early, and put in place only when its content is complete.
type pendingFile struct {
	path   string
	tmp    *os.File
	direct bool // path is not a regular file (a device or a pipe): written in place
}

// newPendingFile checks that path can be written by creating a temporary
// file in its directory.
func newPendingFile(path string) (*pendingFile, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("cannot write %s: it is a directory", path)
	} else if err == nil && !st.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
		}
		return &pendingFile{path: path, tmp: f, direct: true}, nil
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	return &pendingFile{path: path, tmp: tmp}, nil
}

// commit writes data and puts the file in place.
func (f *pendingFile) commit(data []byte) error {
	_, err := f.tmp.Write(data)
	return f.finish(err)
}

// finish closes the temporary file and renames it to the final path, or
// removes it when err (the error of writing it) is not nil.
func (f *pendingFile) finish(err error) error {
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if f.direct {
		f.tmp = nil
		if err != nil {
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
		return nil
	}
	if err == nil {
		_ = os.Chmod(f.tmp.Name(), 0o644)
		err = os.Rename(f.tmp.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.tmp.Name())
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	f.tmp = nil
	return nil
}

// discard removes the temporary file of an output never committed.
func (f *pendingFile) discard() {
	if f == nil || f.tmp == nil {
		return
	}
	f.tmp.Close()
	if f.direct {
		f.tmp = nil
		return
	}
	os.Remove(f.tmp.Name())
	f.tmp = nil
}

// writeFileAtomic writes data to path through a pendingFile.
func writeFileAtomic(path string, data []byte) error {
	f, err := newPendingFile(path)
	if err != nil {
		return err
	}
	return f.commit(data)
}

// writeFile writes path with fn through a buffered pendingFile.
func writeFile(path string, fn func(w *bufio.Writer) error) error {
	f, err := newPendingFile(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f.tmp)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	return f.finish(err)
}
