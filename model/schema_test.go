package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// A tiny checker for the subset of JSON Schema (draft 2020-12) that
// schema/problem.schema.json uses: $ref to $defs, type, properties,
// required, additionalProperties false, items, oneOf, enum, const, pattern,
// minimum, maximum, exclusiveMinimum.

type schemaChecker struct {
	root map[string]any
	errs []string
}

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "schema", "problem.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&s); err != nil {
		t.Fatal(err)
	}
	if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Fatalf("$schema = %v", s["$schema"])
	}
	return s
}

func (c *schemaChecker) check(path string, v any, s map[string]any) {
	if before := len(c.errs); c.match(path, v, s) && len(c.errs) > before {
		c.errs = c.errs[:before]
	}
}

// match reports whether v matches s, recording the reasons when it does not.
func (c *schemaChecker) match(path string, v any, s map[string]any) bool {
	fail := func(format string, args ...any) bool {
		c.errs = append(c.errs, path+": "+fmt.Sprintf(format, args...))
		return false
	}
	if r, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(r, "#/$defs/")
		def, ok := c.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			return fail("unresolved $ref %s", r)
		}
		if !c.match(path, v, def) {
			return false
		}
	}
	if typ, ok := s["type"].(string); ok && !hasType(v, typ) {
		return fail("expected %s, got %T", typ, v)
	}
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, a := range alts {
			sub := &schemaChecker{root: c.root}
			if sub.match(path, v, a.(map[string]any)) {
				n++
			}
		}
		if n != 1 {
			return fail("matches %d of the oneOf alternatives", n)
		}
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range e {
			if fmt.Sprint(x) == fmt.Sprint(v) {
				found = true
			}
		}
		if !found {
			return fail("%v is not one of %v", v, e)
		}
	}
	if cst, ok := s["const"]; ok && fmt.Sprint(cst) != fmt.Sprint(v) {
		return fail("%v is not %v", v, cst)
	}
	if pat, ok := s["pattern"].(string); ok {
		if str, isStr := v.(string); isStr && !regexp.MustCompile(pat).MatchString(str) {
			return fail("%q does not match %s", str, pat)
		}
	}
	if num, ok := v.(json.Number); ok {
		f, _ := num.Float64()
		if m, ok := s["minimum"].(json.Number); ok {
			if mf, _ := m.Float64(); f < mf {
				return fail("%v < minimum %v", f, mf)
			}
		}
		if m, ok := s["maximum"].(json.Number); ok {
			if mf, _ := m.Float64(); f > mf {
				return fail("%v > maximum %v", f, mf)
			}
		}
		if m, ok := s["exclusiveMinimum"].(json.Number); ok {
			if mf, _ := m.Float64(); f <= mf {
				return fail("%v <= exclusive minimum %v", f, mf)
			}
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		ok := true
		if req, has := s["required"].([]any); has {
			for _, r := range req {
				if _, present := obj[r.(string)]; !present {
					ok = fail("missing required %q", r)
				}
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps, known := props[k].(map[string]any)
			if !known {
				if ap, has := s["additionalProperties"].(bool); has && !ap {
					ok = fail("unknown property %q", k)
				}
				continue
			}
			if !c.match(path+"."+k, obj[k], ps) {
				ok = false
			}
		}
		if !ok {
			return false
		}
	}
	if arr, ok := v.([]any); ok {
		if items, has := s["items"].(map[string]any); has {
			ok := true
			for i, x := range arr {
				if !c.match(fmt.Sprintf("%s[%d]", path, i), x, items) {
					ok = false
				}
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

func hasType(v any, typ string) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		r, ok := rat(string(n))
		return ok && r.IsInt()
	case "null":
		return v == nil
	}
	return false
}

func checkSchema(t *testing.T, schema map[string]any, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	c := &schemaChecker{root: schema}
	c.check("", doc, schema)
	return c.errs
}

// TestSchemaValidFiles checks that the example plant and every valid test
// problem conform to the JSON Schema.
func TestSchemaValidFiles(t *testing.T) {
	schema := loadSchema(t)
	files := validFiles(t)
	if examplePlant() == "" {
		t.Log("examples/plant.json not found")
	}
	for _, f := range files {
		if errs := checkSchema(t, schema, f); len(errs) > 0 {
			t.Errorf("%s does not conform to the schema:\n%s", f, strings.Join(errs, "\n"))
		}
	}
}

// TestSchemaRejects checks that the checker and the schema catch typical
// mistakes.
func TestSchemaRejects(t *testing.T) {
	schema := loadSchema(t)
	for _, name := range []string{"unknown-key", "wrong-type", "datetime-without-offset", "negative-duration", "bad-routing", "bad-version", "bad-shift-time"} {
		if errs := checkSchema(t, schema, filepath.Join("testdata", "invalid", name+".json")); len(errs) == 0 {
			t.Errorf("schema accepts testdata/invalid/%s.json", name)
		}
	}
}

// TestSchemaMatchesDecoder checks that the schema's objects have exactly
// the keys the decoder knows.
func TestSchemaMatchesDecoder(t *testing.T) {
	schema := loadSchema(t)
	defs := schema["$defs"].(map[string]any)
	objects := map[string][]string{
		"machine": keysMachine, "window": keysWindow, "calendar": keysCalendar, "shift": keysShift,
		"exception": keysException, "setupMatrix": keysMatrix, "setupEntry": keysEntry, "material": keysMaterial,
		"receipt": keysReceipt, "operatorPool": keysPool, "job": keysJob, "operation": keysOperation,
		"alternative": keysAlternative, "materialQty": keysMaterialQty, "operatorNeed": keysNeed,
		"fixed": keysFixed, "objectiveTerm": keysTerm,
	}
	keysOf := func(s map[string]any) []string {
		var out []string
		for k := range s["properties"].(map[string]any) {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	for name, want := range objects {
		def, ok := defs[name].(map[string]any)
		if !ok {
			t.Errorf("schema has no $defs/%s", name)
			continue
		}
		w := append([]string(nil), want...)
		sort.Strings(w)
		if got := keysOf(def); fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("$defs/%s has keys %v, the decoder %v", name, got, w)
		}
	}
	link := defs["link"].(map[string]any)["oneOf"].([]any)[1].(map[string]any)
	w := append([]string(nil), keysLink...)
	sort.Strings(w)
	if got := keysOf(link); fmt.Sprint(got) != fmt.Sprint(w) {
		t.Errorf("link has keys %v, the decoder %v", got, w)
	}
	w = append([]string(nil), keysProblem...)
	sort.Strings(w)
	if got := keysOf(schema); fmt.Sprint(got) != fmt.Sprint(w) {
		t.Errorf("the problem has keys %v, the decoder %v", got, w)
	}
	// every criterion name the decoder accepts is in the schema's enum
	var names []string
	for _, x := range defs["criterion"].(map[string]any)["enum"].([]any) {
		names = append(names, x.(string))
		if _, err := ParseCriterion(x.(string)); err != nil {
			t.Errorf("schema criterion %q: %v", x, err)
		}
	}
	for _, c := range criterionNames {
		if !containsStr(names, c) {
			t.Errorf("schema lacks criterion %q", c)
		}
	}
}
