package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The JSON Schemas of schema/ are checked with an independent validator
// (github.com/santhosh-tekuri/jsonschema) against every JSON file of the
// repository, and the problem schema against the table of keys
// (jsonkeys.go) that the decoder and the encoder share.

const schemaDir = "../schema"

// compileSchema compiles schema/name with the independent validator.
func compileSchema(t testing.TB, name string) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join(schemaDir, name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	url := "https://github.com/ordo-sched/ordo/schema/" + name
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s does not compile: %v", path, err)
	}
	return s
}

// schemaAccepts validates JSON text against s.
func schemaAccepts(s *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// repoJSON returns every .json file of the repository outside schema/ and
// outside bench-out/ (the ignored output folder of ordo bench, whose
// results.json files are campaign records, not result documents).
func repoJSON(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != ".." || path == schemaDir || path == filepath.Join("..", "bench-out")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// isResult tells a result document (an object with assignments, or an
// array) from a problem.
func isResult(data []byte) bool {
	root, err := parseTree(data)
	if err != nil {
		return false
	}
	if root.Kind == jArr {
		return len(root.Arr) > 0 && root.Arr[0].Kind == jObj
	}
	for _, f := range root.Obj {
		if strings.EqualFold(f.Key, "assignments") {
			return true
		}
	}
	return false
}

// schemaRejected are invalid problems (model/testdata/invalid) that the
// schema can tell invalid by itself.
var schemaRejected = []string{
	"bad-datetime", "bad-days", "bad-days-array", "bad-objective", "bad-objective-syntax", "bad-routing", "bad-shift-time",
	"bad-version", "calendars-without-epoch", "datetime-without-offset", "duration-in-months", "exception-date-and-start",
	"machine-and-alternatives", "missing-duration", "negative-capacity", "negative-duration", "negative-quantity",
	"not-an-object", "shorthand-without-machine", "unknown-key", "wrong-type", "zero-weight", "null-required",
	"negative-material-quantity", "objective-zero-weight", "shift-out-of-range", "many-decode-errors", "missing-machine-id",
	"no-alternatives", "no-operations",
}

// TestSchemaAgainstRepositoryFiles validates every problem and result file
// of the repository with the independent validator: every problem that
// Decode and Validate accept conforms to the problem schema, every result
// ParseDocument accepts to the result schema; the listed invalid problems
// are rejected by the schema as by Decode/Validate.
func TestSchemaAgainstRepositoryFiles(t *testing.T) {
	problem, result := compileSchema(t, "problem.schema.json"), compileSchema(t, "result.schema.json")
	var nProblems, nResults, nRejected int
	rejected := map[string]bool{}
	for _, f := range repoJSON(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if isResult(data) {
			// ParseDocument lives in schedule, which imports model: the
			// result files are checked for well-formedness here, and
			// against ParseDocument in package schedule.
			if err := schemaAccepts(result, data); err != nil {
				t.Errorf("%s: the result schema rejects it: %v", f, err)
			}
			nResults++
			continue
		}
		_, decErr := DecodeValid(data)
		schemaErr := schemaAccepts(problem, data)
		switch {
		case decErr == nil && schemaErr != nil:
			t.Errorf("%s: valid, but the schema rejects it: %v", f, schemaErr)
		case decErr != nil && schemaErr != nil:
			rejected[strings.TrimSuffix(filepath.Base(f), ".json")] = true
			nRejected++
		}
		nProblems++
	}
	for _, name := range schemaRejected {
		if !rejected[name] {
			t.Errorf("testdata/invalid/%s.json: the schema does not reject it (or the file is missing or valid)", name)
		}
	}
	t.Logf("%d problem files (%d rejected by both the schema and Decode/Validate), %d result files", nProblems, nRejected, nResults)
	if nProblems < 10 || nResults < 3 {
		t.Errorf("found only %d problems and %d results: is the walk broken?", nProblems, nResults)
	}
}

// TestSchemaNulls: a null member counts as absent for the schema as for
// the decoder, except for required members.
func TestSchemaNulls(t *testing.T) {
	s := compileSchema(t, "problem.schema.json")
	for _, tc := range []struct {
		doc   string
		valid bool
	}{
		{`{"name": null, "epoch": null, "objective": null, "machines": [{"id": "M", "calendar": null}], "jobs": [{"id": "J", "due": null, "operations": [{"machine": "M", "duration": 5, "alternatives": null, "setup": null}]}]}`, true},
		{`{"machines": [{"id": "M"}], "jobs": [{"id": "J", "operations": [{"alternatives": [{"machine": "M", "duration": 5}], "machine": null}]}]}`, true},
		{`{"machines": [{"id": "M"}], "jobs": [{"id": "J", "operations": [{"machine": "M", "duration": 5, "fixed": {"machine": "M", "start": null, "end": 5}}]}]}`, false},
		{`{"machines": [{"id": "M"}], "jobs": [{"id": "J", "operations": [{"machine": "M", "duration": null}]}]}`, false},
		{`{"machines": [null], "jobs": []}`, false},
		{`{"$schema": null, "version": null, "resolution": null, "horizon": null, "calendars": null, "materials": null, "jobs": []}`, true},
	} {
		_, decErr := Decode([]byte(tc.doc))
		schemaErr := schemaAccepts(s, []byte(tc.doc))
		if (decErr == nil) != tc.valid || (schemaErr == nil) != tc.valid {
			t.Errorf("%s: decoder %v, schema %v; want valid=%v", tc.doc, decErr, schemaErr, tc.valid)
		}
	}
}

// schemaType returns the type the schema gives a property (a $defs name,
// a JSON type, "[]" + either for arrays), looking through the "null or"
// wrapper of optional members.
func schemaType(prop map[string]any) string {
	if alts, ok := prop["anyOf"].([]any); ok && len(alts) == 2 {
		if n, _ := alts[0].(map[string]any); n["type"] == "null" {
			prop = alts[1].(map[string]any)
		}
	}
	if r, ok := prop["$ref"].(string); ok {
		return strings.TrimPrefix(r, "#/$defs/")
	}
	typ, _ := prop["type"].(string)
	if typ == "array" {
		if items, ok := prop["items"].(map[string]any); ok {
			return "[]" + schemaType(items)
		}
	}
	return typ
}

// TestKeyTableMatchesSchema checks that every object of the key table is
// in the schema with exactly its keys, each with the table's type.
func TestKeyTableMatchesSchema(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(schemaDir, "problem.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	for obj, keys := range jsonObjects {
		def := schema
		if obj != "problem" {
			d, ok := defs[obj].(map[string]any)
			if !ok {
				t.Errorf("the schema has no $defs/%s", obj)
				continue
			}
			def = d
		}
		if def["additionalProperties"] != false {
			t.Errorf("%s: the schema allows other keys", obj)
		}
		props, _ := def["properties"].(map[string]any)
		var names []string
		for _, k := range keys {
			names = append(names, k.name)
			p, ok := props[k.name].(map[string]any)
			if !ok {
				t.Errorf("%s.%s: in the table, not in the schema", obj, k.name)
				continue
			}
			if got := schemaType(p); got != k.typ {
				t.Errorf("%s.%s: the schema says %q, the table %q", obj, k.name, got, k.typ)
			}
			if base := strings.TrimPrefix(k.typ, "[]"); !slices.Contains([]string{"string", "number", "integer", "boolean"}, base) {
				if _, ok := defs[base]; !ok {
					t.Errorf("%s.%s: type %q is not in the schema's $defs", obj, k.name, base)
				}
			}
		}
		for k := range props {
			if !slices.Contains(names, k) {
				t.Errorf("%s.%s: in the schema, not in the table", obj, k)
			}
		}
	}
	// every criterion the decoder knows is accepted, and the schema's
	// objective syntax agrees with ParseObjective on a few cases
	s := compileSchema(t, "problem.schema.json")
	for _, c := range append(slices.Clone(criterionNames), "0.5*makespan+2*late_jobs", " TWT + 3 * Cmax ", "makespan+", "fast", "makespan*2", "-1*makespan") {
		doc := fmt.Sprintf(`{"jobs": [], "objective": %q}`, c)
		_, perr := ParseObjective(c)
		bad := perr != nil || strings.Contains(c, "-")
		if err := schemaAccepts(s, []byte(doc)); (err != nil) != bad {
			t.Errorf("objective %q: schema %v, ParseObjective %v", c, err, perr)
		}
	}
}

// encoderKeys returns the json names of the fields of the encoder's
// mirror struct type typ.
func encoderKeys(typ reflect.Type) []string {
	var out []string
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// TestKeyTableMatchesEncoder checks that the encoder's mirror structs have
// exactly the keys of the table that Encode writes.
func TestKeyTableMatchesEncoder(t *testing.T) {
	mirrors := map[string]any{
		"problem": jProblem{}, "machine": jMachine{}, "window": jWindow{}, "calendar": jCalendar{}, "shift": jShift{},
		"exception": jException{}, "overtime": jOver{}, "setupMatrix": jMatrix{}, "setupEntry": jEntry{}, "material": jMaterial{},
		"receipt": jReceipt{}, "operatorPool": jPool{}, "job": jJob{}, "operation": jOp{}, "alternative": jAlternative{},
		"linkObject": jLink{}, "materialQty": jMaterialQty{}, "operatorNeed": jNeed{}, "fixed": jFixed{}, "objectiveTerm": jTerm{},
	}
	for obj, keys := range jsonObjects {
		m, ok := mirrors[obj]
		if !ok {
			t.Errorf("%s: no mirror struct for the encoder", obj)
			continue
		}
		var want []string
		for _, k := range keys {
			if !k.readOnly {
				want = append(want, k.name)
			}
		}
		sort.Strings(want)
		if got := encoderKeys(reflect.TypeOf(m)); !slices.Equal(got, want) {
			t.Errorf("%s: the encoder writes %v, the table %v", obj, got, want)
		}
	}
	if len(mirrors) != len(jsonObjects) {
		t.Errorf("%d mirror structs for %d objects", len(mirrors), len(jsonObjects))
	}
}

// keysIn collects, for every object of the table, the keys that occur in
// the JSON tree n of that object, walking down by the table's types.
func keysIn(n *jnode, obj string, seen map[string]map[string]bool) {
	if n.Kind != jObj {
		return
	}
	if seen[obj] == nil {
		seen[obj] = map[string]bool{}
	}
	for _, f := range n.Obj {
		if f.Val.Kind == jNull {
			continue
		}
		seen[obj][f.Key] = true
		for _, k := range jsonObjects[obj] {
			if k.name != f.Key {
				continue
			}
			child, isArr := strings.CutPrefix(k.typ, "[]")
			switch child {
			case "link":
				child = "linkObject"
			case "objective":
				child, isArr = "objectiveTerm", true
			}
			if _, ok := jsonObjects[child]; !ok {
				continue
			}
			if !isArr {
				keysIn(&f.Val, child, seen)
				continue
			}
			for i := range f.Val.Arr {
				keysIn(&f.Val.Arr[i], child, seen)
			}
		}
	}
}

// TestKeyTableRoundTrip checks, on problems that together use every key of
// the table, that the decoder reads every key (Decode then Encode gives the
// key back, for keys Encode writes) and the encoder writes it.
func TestKeyTableRoundTrip(t *testing.T) {
	files := append(validFiles(t), filepath.Join("testdata", "keys", "every-key.json"))
	schema := compileSchema(t, "problem.schema.json")
	inputs := map[string]map[string]bool{}
	outputs := map[string]map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		root, err := parseTree(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		keysIn(root, "problem", inputs)
		p, err := DecodeValid(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out, err := Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		root, err = parseTree(out)
		if err != nil {
			t.Fatal(err)
		}
		keysIn(root, "problem", outputs)
		if err := schemaAccepts(schema, out); err != nil {
			t.Errorf("%s: Encode writes what the schema rejects: %v", f, err)
		}
	}
	for obj, keys := range jsonObjects {
		for _, k := range keys {
			if !inputs[obj][k.name] {
				t.Errorf("%s.%s: no test problem uses it (add it to testdata/keys/every-key.json)", obj, k.name)
			}
			if wrote := outputs[obj][k.name]; wrote == k.readOnly {
				t.Errorf("%s.%s: written by Encode: %v, read-only in the table: %v", obj, k.name, wrote, k.readOnly)
			}
		}
		for k := range outputs[obj] {
			if !slices.ContainsFunc(keys, func(x jsonKey) bool { return x.name == k }) {
				t.Errorf("%s.%s: written by Encode, not in the table", obj, k)
			}
		}
	}
	// a key outside the table is an issue of its own
	var unknown Issues
	_, err := Decode([]byte(`{"jobs": [], "cost": 1}`))
	if !errors.As(err, &unknown) || len(unknown) != 1 || !strings.Contains(unknown[0].Message, "unknown key") {
		t.Errorf("a key outside the table: %v", err)
	}
}

// TestSchemaNullEveryMember sets each member of the valid test problems to
// null in turn: when Decode reads the result (null counts as absent), so
// must the schema, and when Decode rejects it (a required member), so must
// the schema.
func TestSchemaNullEveryMember(t *testing.T) {
	s := compileSchema(t, "problem.schema.json")
	n := 0
	for _, f := range testdataFiles(t, "valid") { // not the large example plant: each variant is validated
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		root, err := parseTree(data)
		if err != nil {
			t.Fatal(err)
		}
		var spans [][2]int // value spans of every member
		var walk func(n *jnode)
		walk = func(n *jnode) {
			for i := range n.Arr {
				walk(&n.Arr[i])
			}
			for i := range n.Obj {
				v := &n.Obj[i].Val
				end := valueEnd(data, v.Off)
				spans = append(spans, [2]int{v.Off, end})
				walk(v)
			}
		}
		walk(root)
		for _, sp := range spans {
			text := string(data[:sp[0]]) + "null" + string(data[sp[1]:])
			_, decErr := Decode([]byte(text))
			schemaErr := schemaAccepts(s, []byte(text))
			if decErr == nil {
				if _, verr := DecodeValid([]byte(text)); verr == nil && schemaErr != nil {
					t.Errorf("%s with %q null: valid, but the schema rejects it: %v", f, data[sp[0]:min(sp[1], sp[0]+40)], schemaErr)
				}
			} else if schemaErr == nil {
				t.Errorf("%s with %q null: Decode rejects it (%v), the schema accepts it", f, data[sp[0]:min(sp[1], sp[0]+40)], decErr)
			}
			n++
		}
	}
	t.Logf("%d members set to null", n)
}

// valueEnd returns the end offset of the JSON value starting at off.
func valueEnd(data []byte, off int) int {
	dec := json.NewDecoder(bytes.NewReader(data[off:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return off
	}
	return off + int(dec.InputOffset())
}

// TestSchemaMutations replaces each value of the valid test problems in
// turn by values of other types and forms, and compares the schema with
// the decoder: the schema never rejects what Decode and Validate accept,
// and it rejects every value of a wrong type (what it cannot tell is a
// matter of context: time zones, whole ticks of the resolution, datetimes
// in a problem without epoch).
func TestSchemaMutations(t *testing.T) {
	s := compileSchema(t, "problem.schema.json")
	var n, looser int
	for _, f := range testdataFiles(t, "valid") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		root, err := parseTree(data)
		if err != nil {
			t.Fatal(err)
		}
		var spans [][2]int
		var walk func(n *jnode)
		walk = func(n *jnode) {
			for i := range n.Arr {
				spans = append(spans, [2]int{n.Arr[i].Off, valueEnd(data, n.Arr[i].Off)})
				walk(&n.Arr[i])
			}
			for i := range n.Obj {
				v := &n.Obj[i].Val
				spans = append(spans, [2]int{v.Off, valueEnd(data, v.Off)})
				walk(v)
			}
		}
		walk(root)
		for _, sp := range spans {
			for _, rep := range []string{`"zz"`, `-1`, `1.5`, `true`, `[]`, `{}`, `"PT1H"`, `"2026-12-07T06:00:00Z"`, `"mon"`, `"06:00"`} {
				text := string(data[:sp[0]]) + rep + string(data[sp[1]:])
				what := fmt.Sprintf("%s with %q replaced by %s", f, data[sp[0]:min(sp[1], sp[0]+30)], rep)
				_, decErr := Decode([]byte(text))
				schemaErr := schemaAccepts(s, []byte(text))
				n++
				switch {
				case decErr == nil && schemaErr != nil:
					if _, err := DecodeValid([]byte(text)); err == nil {
						t.Errorf("%s: valid, but the schema rejects it: %v", what, schemaErr)
					}
				case decErr != nil && schemaErr == nil:
					looser++
					if msg := decErr.Error(); strings.Contains(msg, "expected ") || strings.Contains(msg, "unknown key") {
						t.Errorf("%s: a wrong type the schema accepts: %v", what, decErr)
					}
				}
			}
		}
	}
	t.Logf("%d variants; %d rejected by Decode only (a matter of context)", n, looser)
}
