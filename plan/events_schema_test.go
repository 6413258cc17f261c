package plan

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The events schema (schema/events.schema.json) is checked with an
// independent validator (github.com/santhosh-tekuri/jsonschema) against
// every events file of the repository: it accepts what ParseEvents
// accepts and rejects what it rejects.

// compileEventsSchema compiles the events schema, with the problem schema
// it refers to for order_added's job.
func compileEventsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, name := range []string{"problem.schema.json", "events.schema.json"} {
		f, err := os.Open(filepath.Join("..", "schema", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource("https://github.com/ordo-sched/ordo/schema/"+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile("https://github.com/ordo-sched/ordo/schema/events.schema.json")
	if err != nil {
		t.Fatalf("events.schema.json does not compile: %v", err)
	}
	return s
}

func eventsSchemaAccepts(s *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// eventsFiles returns the events files of the repository: those under a
// testdata/events folder, and every other .json file whose top level is
// an object with a "now" member.
func eventsFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".json") {
			return nil
		}
		if strings.Contains(filepath.ToSlash(path), "testdata/events/") {
			files = append(files, path)
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var top map[string]json.RawMessage
		if json.Unmarshal(data, &top) == nil {
			if _, ok := top["now"]; ok {
				files = append(files, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestEventsSchemaAgainstRepositoryFiles(t *testing.T) {
	s := compileEventsSchema(t)
	p := base(t).Problem // an epoch, minute ticks
	var valid, invalid int
	for _, f := range eventsFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, parseErr := ParseEvents(p, data)
		schemaErr := eventsSchemaAccepts(s, data)
		switch slash := filepath.ToSlash(f); {
		case parseErr == nil && schemaErr != nil:
			t.Errorf("%s: ParseEvents accepts it, the schema rejects it: %v", f, schemaErr)
		case parseErr != nil && schemaErr == nil:
			t.Errorf("%s: the schema accepts it, ParseEvents rejects it: %v", f, parseErr)
		case strings.Contains(slash, "/invalid/") && parseErr == nil:
			t.Errorf("%s: an invalid example, accepted", f)
		case strings.Contains(slash, "/valid/") && parseErr != nil:
			t.Errorf("%s: a valid example, rejected: %v", f, parseErr)
		}
		if parseErr == nil {
			valid++
		} else {
			invalid++
		}
	}
	t.Logf("%d valid and %d invalid events files", valid, invalid)
	if valid < 5 || invalid < 20 {
		t.Errorf("found only %d valid and %d invalid events files: is the walk broken?", valid, invalid)
	}
}

// TestEventsSchemaCoversEveryType: the schema knows every event type and,
// per type, exactly the fields ParseEvents knows, with the same required
// ones.
func TestEventsSchemaCoversEveryType(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "schema", "events.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]struct {
			Properties map[string]any `json:"properties"`
			Required   []string       `json:"required"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, typ := range Types() {
		def, ok := doc.Defs["event_"+string(typ)]
		if !ok {
			t.Errorf("no $defs/event_%s", typ)
			continue
		}
		f := fieldsOf[typ]
		want := map[string]bool{"type": true}
		for _, k := range append(append([]string{}, f.required...), f.optional...) {
			want[k] = true
		}
		for k := range def.Properties {
			if !want[k] {
				t.Errorf("%s: the schema has field %q, ParseEvents does not", typ, k)
			}
			delete(want, k)
		}
		for k := range want {
			t.Errorf("%s: ParseEvents has field %q, the schema does not", typ, k)
		}
		req := strings.Join(append([]string{"type"}, f.required...), ",")
		if got := strings.Join(def.Required, ","); got != req {
			t.Errorf("%s: the schema requires %s, ParseEvents %s", typ, got, req)
		}
	}
}
