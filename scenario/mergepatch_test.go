package scenario

import (
	"reflect"
	"strings"
	"testing"
)

// TestMergePatchRFC7396 runs the examples of RFC 7396, Appendix A.
func TestMergePatchRFC7396(t *testing.T) {
	for _, tc := range []struct{ target, patch, want string }{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`, `{"a":"b","b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":"b","b":"c"}`, `{"a":null}`, `{"b":"c"}`},
		{`{"a":["b"]}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"c"}`, `{"a":["b"]}`, `{"a":["b"]}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`, `{"a":[1]}`},
		{`["a","b"]`, `["c","d"]`, `["c","d"]`},
		{`{"a":"b"}`, `["c"]`, `["c"]`},
		{`{"a":"foo"}`, `null`, `null`},
		{`{"a":"foo"}`, `"bar"`, `"bar"`},
		{`{"e":null}`, `{"a":1}`, `{"a":1,"e":null}`},
		{`[1,2]`, `{"a":"b","c":null}`, `{"a":"b"}`},
		{`{}`, `{"a":{"bb":{"ccc":null}}}`, `{"a":{"bb":{}}}`},
	} {
		got, err := MergePatch([]byte(tc.target), []byte(tc.patch))
		if err != nil {
			t.Errorf("MergePatch(%s, %s): %v", tc.target, tc.patch, err)
			continue
		}
		g, _ := decodeJSON(got)
		w, _ := decodeJSON([]byte(tc.want))
		if !reflect.DeepEqual(g, w) {
			t.Errorf("MergePatch(%s, %s) = %s, want %s", tc.target, tc.patch, got, tc.want)
		}
	}
}

func TestMergePatchKeepsNumbersAndInputs(t *testing.T) {
	target := []byte(`{"q": 12345678901234567890, "x": 0.1000, "o": {"k": 1}}`)
	got, err := MergePatch(target, []byte(`{"o": {"l": 2}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"o":{"k":1,"l":2},"q":12345678901234567890,"x":0.1000}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// Merge leaves its arguments unchanged.
	tv, _ := decodeJSON(target)
	pv, _ := decodeJSON([]byte(`{"o": {"k": null}}`))
	Merge(tv, pv)
	if o := tv.(map[string]any)["o"].(map[string]any); o["k"] == nil {
		t.Errorf("Merge changed its target: %v", tv)
	}
}

func TestMergePatchErrors(t *testing.T) {
	for _, tc := range []struct{ doc, patch, want string }{
		{`{"a":`, `{}`, "document"},
		{`{}`, `{"a":1} {"b":2}`, "data after the JSON value"},
		{`{}`, ``, "empty input"},
		{`{}`, `{"a":tru}`, "patch"},
	} {
		_, err := MergePatch([]byte(tc.doc), []byte(tc.patch))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("MergePatch(%q, %q) error %v, want one containing %q", tc.doc, tc.patch, err, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	if s, err := Parse("x", []byte(`{"jobs": []}`)); err != nil || s.Patch == nil || s.Events != nil {
		t.Errorf("a patch object: %+v, %v", s, err)
	}
	if s, err := Parse("x", []byte(`{"now": 5, "events": []}`)); err != nil || s.Patch != nil || s.Events == nil {
		t.Errorf("an events file: %+v, %v", s, err)
	}
	for _, tc := range []struct{ data, want string }{
		{`[1]`, "got an array"},
		{`null`, "got null"},
		{`{"a": `, "scenario x"},
	} {
		_, err := Parse("x", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%s) error %v, want one containing %q", tc.data, err, tc.want)
		}
	}
}
