package model_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

// TestCloneIsDeep: a clone equals its problem, and changing every element
// of every list of the clone leaves the problem as it was.
func TestCloneIsDeep(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "plant-costs.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	p.Machines[0].Overtime = append(p.Machines[0].Overtime, model.Overtime{Start: 10, End: 20, CostPerHour: 5})
	before, err := model.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Clone()
	if !reflect.DeepEqual(p, c) {
		t.Fatal("the clone differs from the problem")
	}
	mutate(reflect.ValueOf(c).Elem())
	after, err := model.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("changing the clone changed the problem")
	}
}

// mutate changes every number and string reachable from v through
// pointers, slices and struct fields (not through the shared, read-only
// time.Location of the epoch).
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() && v.Elem().Kind() != reflect.Struct || (!v.IsNil() && v.Type().Elem().Name() != "Location") {
			mutate(v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			mutate(v.Index(i))
		}
	case reflect.Struct:
		if v.Type().PkgPath() == "time" {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				mutate(v.Field(i))
			}
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(v.Int() + 7)
	case reflect.Float64:
		v.SetFloat(v.Float() + 7)
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	}
}
