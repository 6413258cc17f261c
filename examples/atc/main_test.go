package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "weighted tardiness") {
		t.Fatalf("unexpected report:\n%s", got)
	}
	if strings.Contains(got, "late order") && !strings.Contains(got, "lateness") {
		t.Fatalf("late orders without a table:\n%s", got)
	}
	t.Log("\n" + got)
}
