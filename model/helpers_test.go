package model

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"
)

// diffProblems returns a description of the first difference between a and
// b, or "" when they are equal. Empty and nil slices are equal, and times
// are equal when they are the same instant with the same zone offset.
func diffProblems(a, b *Problem) string {
	return diffValues(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem(), "problem")
}

var timeType = reflect.TypeOf(time.Time{})

func diffValues(a, b reflect.Value, path string) string {
	if a.Type() == timeType {
		ta, tb := a.Interface().(time.Time), b.Interface().(time.Time)
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		if !ta.Equal(tb) || oa != ob || ta.IsZero() != tb.IsZero() {
			return fmt.Sprintf("%s: %v != %v", path, ta, tb)
		}
		return ""
	}
	switch a.Kind() {
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := diffValues(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d != %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := diffValues(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil mismatch", path)
			}
			return ""
		}
		return diffValues(a.Elem(), b.Elem(), path)
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return fmt.Sprintf("%s: %#v != %#v", path, a.Interface(), b.Interface())
		}
		return ""
	}
}

// testdataFiles lists the files of model/testdata/<dir> with extension .json.
func testdataFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// examplePlant returns the path of examples/plant.json, or "" when it does
// not exist.
func examplePlant() string {
	p := filepath.Join("..", "examples", "plant.json")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// validFiles lists every JSON problem expected to decode and validate.
func validFiles(t testing.TB) []string {
	files := testdataFiles(t, "valid")
	if p := examplePlant(); p != "" {
		files = append(files, p)
	}
	return files
}
