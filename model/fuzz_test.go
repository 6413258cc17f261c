package model

import (
	"errors"
	"os"
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
