package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"sort"
	"testing"
)

// FuzzDecode checks that Decode and Validate never panic, that decoding
// issues are always located, and that every valid problem survives an
// Encode/Decode round trip unchanged.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{"valid", "invalid"} {
		for _, file := range testdataFiles(f, dir) {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	if file := examplePlant(); file != "" {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"epoch": "2026-03-29T01:59:00+01:00", "resolution": "PT7S", "calendars": [{"id": "c", "time_zone": "America/Sao_Paulo", "pattern": "3x8", "days": "daily"}]}`))
	f.Add([]byte(`{"jobs": [{"id": "a", "operations": [{"machine": "m", "duration": 1e400}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			var is Issues
			if !errors.As(err, &is) || len(is) == 0 {
				t.Fatalf("Decode error %v is not a non-empty Issues", err)
			}
			for _, i := range is {
				if i.Line == 0 {
					t.Fatalf("issue %q has no line", i)
				}
			}
			return
		}
		is := p.Validate()
		Locate(data, is)
		_ = p.Features()
		if is != nil {
			return
		}
		enc, err := Encode(p)
		if err != nil {
			t.Fatalf("Encode of a valid problem: %v", err)
		}
		q, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(Encode(p)): %v\n%s", err, enc)
		}
		if d := diffProblems(p, q); d != "" {
			t.Fatalf("round trip changed the problem: %s\n%s", d, enc)
		}
	})
}

// trickyValues replace leaves of valid documents in TestDecodeMutations.
var trickyValues = []any{
	nil, true, false, "", "x", "M1", "J1", "10", "steel", "weld", "2x8", "3x8", "S", "a",
	json.Number("0"), json.Number("-1"), json.Number("1"), json.Number("1.5"), json.Number("1e3"),
	json.Number("1e30"), json.Number("-1e30"), json.Number("9223372036854775807"), json.Number("1e-7"),
	json.Number("2305843009213693951"), json.Number("1440"), json.Number("1500"),
	"PT1M", "PT0S", "P1W", "PT0.5S", "P1M", "-PT1H", "24:00", "23:59", "25:00", "mon-sun", "fri-mon", "daily",
	"2026-12-07T06:00:00+01:00", "2026-12-25T00:00:00Z", "2027-03-28T02:30:00+01:00", "9999-12-31T23:59:00+14:00",
	"0001-01-01T00:00:00Z", "2026-12-07T06:00:00.5+01:00", "Europe/Paris", "America/St_Johns", "Local", "dag", "sequence",
	"makespan+0.5*flow_time", "2*late_jobs", []any{}, map[string]any{},
}

// TestDecodeMutations decodes thousands of variants of the test problems
// with leaves replaced by tricky values, keys dropped and list elements
// duplicated: no panic, located decoding issues, and every valid variant
// survives the Encode/Decode round trip.
func TestDecodeMutations(t *testing.T) {
	var docs []any
	for _, f := range validFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, v)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	valid := 0
	for i := 0; i < n; i++ {
		doc := mutate(rng, deepCopy(docs[rng.IntN(len(docs))]), 1+rng.IntN(4))
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Decode(data)
		if err != nil {
			var is Issues
			if !errors.As(err, &is) || len(is) == 0 || is[0].Line == 0 {
				t.Fatalf("Decode error %v\n%s", err, data)
			}
			continue
		}
		is := p.Validate()
		if is != nil {
			continue
		}
		valid++
		enc, err := Encode(p)
		if err != nil {
			t.Fatalf("Encode of a valid problem: %v\n%s", err, data)
		}
		q, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(Encode(p)): %v\n%s", err, enc)
		}
		if d := diffProblems(p, q); d != "" {
			t.Fatalf("round trip changed the problem: %s\n%s", d, data)
		}
	}
	t.Logf("%d of %d variants valid", valid, n)
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}

// mutate applies k random changes at random places of v.
func mutate(rng *rand.Rand, v any, k int) any {
	for ; k > 0; k-- {
		v = mutateOnce(rng, v)
	}
	return v
}

func mutateOnce(rng *rand.Rand, v any) any {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 || rng.IntN(8) == 0 {
			return trickyValues[rng.IntN(len(trickyValues))]
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		k := keys[rng.IntN(len(keys))]
		if rng.IntN(10) == 0 {
			delete(x, k)
			return x
		}
		x[k] = mutateOnce(rng, x[k])
		return x
	case []any:
		if len(x) == 0 || rng.IntN(10) == 0 {
			return trickyValues[rng.IntN(len(trickyValues))]
		}
		i := rng.IntN(len(x))
		switch rng.IntN(8) {
		case 0:
			return append(x, deepCopy(x[i]))
		case 1:
			return append(x[:i], x[i+1:]...)
		}
		x[i] = mutateOnce(rng, x[i])
		return x
	}
	return trickyValues[rng.IntN(len(trickyValues))]
}
