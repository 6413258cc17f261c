package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

func TestParseForeignFT06(t *testing.T) {
	data, err := os.ReadFile("testdata/ft06_optimal.json")
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"as written": data,
		// Another writer: integer IDs, float ticks, capitalised keys.
		"integers and floats": regexp.MustCompile(`"(job|machine)": "(\d+)"`).ReplaceAll(
			regexp.MustCompile(`"end": (\d+)`).ReplaceAll(data, []byte(`"End": $1.0`)), []byte(`"$1": $2`)),
	}
	for name, data := range variants {
		t.Run(name, func(t *testing.T) {
			d, err := ParseDocument(data)
			if err != nil {
				t.Fatal(err)
			}
			if d.Makespan != 55 || d.Status != "OPTIMAL" || len(d.Assignments) != 36 {
				t.Errorf("document: makespan %d, status %q, %d assignments", d.Makespan, d.Status, len(d.Assignments))
			}
			p := ft06()
			s, err := d.Schedule(p)
			if err != nil {
				t.Fatal(err)
			}
			if vs := Check(p, s); vs != nil {
				t.Fatal(list(vs))
			}
			if got := Makespan(s); got != 55 {
				t.Errorf("makespan %d", got)
			}
		})
	}
}

func TestForeignFT06Rejected(t *testing.T) {
	data, err := os.ReadFile("testdata/ft06_optimal.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, from, to string
		kind           Kind
	}{
		// Job 3 op 1 on machine 0 moved into job 0 op 1's slot [1, 4).
		{"overlap", `"job": "3", "op": 1, "start": 13, "end": 18`, `"job": "3", "op": 1, "start": 2, "end": 7`, Overlap},
		// Job 2 op 3 [18, 27) on machine 0 moved before op 2 ends at 18.
		{"precedence", `"job": "2", "op": 3, "start": 18, "end": 27`, `"job": "2", "op": 3, "start": 4, "end": 13`, Precedence},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(data), tc.from) {
				t.Fatalf("test data lacks %s", tc.from)
			}
			d, err := ParseDocument([]byte(strings.Replace(string(data), tc.from, tc.to, 1)))
			if err != nil {
				t.Fatal(err)
			}
			s, err := d.Schedule(ft06())
			if err != nil {
				t.Fatal(err)
			}
			vs := Check(ft06(), s)
			found := false
			for _, v := range vs {
				found = found || v.Kind == tc.kind
			}
			if !found {
				t.Errorf("no %s violation in:\n%s", tc.kind, list(vs))
			}
		})
	}
}

func TestDocumentRoundTrip(t *testing.T) {
	p, s := plant(t), plantSchedule()
	p.SetupMatrices = []model.SetupMatrix{{ID: "S", Initial: 60}}
	p.Machines[1].SetupMatrix = "S"
	s.Assignments[1] = Assignment{Job: 0, Op: 1, Machine: 1, SetupStart: h22 - 30, Start: tue + 630, End: tue + 630 + 600}
	d := NewDocument(p, s)
	d.Solver, d.Status, d.ObjectiveName, d.ElapsedMS = "test", "feasible", "makespan", 12
	d.Objective = Evaluate(p, s, model.Objective{})
	d.SetBound(1000)
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"solver": "test"`, `"bound": 1000`, `"epoch": "2024-03-04T00:00:00+01:00"`,
		`"job": "J1"`, `"op": 1`, `"op_id": "weld"`, `"machine": "M2"`, `"setup_start": 1290`,
		`"setup_start_time": "2024-03-04T21:30:00+01:00"`, `"start_time": "2024-03-05T10:30:00+01:00"`,
		`"operators": [` + "\n" + `        "day"`, `"kpis": {`, `"utilisation"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s:\n%s", want, data)
		}
	}
	if strings.Count(string(data), `"setup_start"`) != 1 {
		t.Errorf("setup_start is written only when it differs from start")
	}
	d2, err := ParseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Solver != "test" || d2.Status != "feasible" || d2.Bound == nil || *d2.Bound != 1000 || d2.ElapsedMS != 12 ||
		d2.Objective != d.Objective || d2.Makespan != d.Makespan || d2.KPIs == nil || d2.KPIs.Makespan != d.Makespan {
		t.Errorf("metadata lost:\n%+v\nvs\n%+v", d2, d)
	}
	s2, err := d2.Schedule(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s2, s) {
		t.Errorf("round trip:\n%+v\nvs\n%+v", s2, s)
	}
	// json.Unmarshal is as tolerant as ParseDocument.
	var d3 Document
	if err := json.Unmarshal(data, &d3); err != nil {
		t.Fatal(err)
	}
	if s3, err := d3.Schedule(p); err != nil || !reflect.DeepEqual(s3, s) {
		t.Errorf("json.Unmarshal round trip: %v", err)
	}
	// A Document built in Go, without presence flags, resolves too.
	if s4, err := NewDocument(p, s).Schedule(p); err != nil || !reflect.DeepEqual(s4, s) {
		t.Errorf("in-memory round trip: %v", err)
	}
}

func TestDocumentDatetimesOnly(t *testing.T) {
	p := plant(t)
	doc := `{"assignments": [
	  {"job": "J1", "op_id": "cut", "machine": "M1", "start_time": "2024-03-04T06:00:00+01:00", "end_time": "2024-03-04T07:00:00Z"},
	  {"job": "J1", "op_id": "weld", "machine": "M2", "start": 960, "end": 2280},
	  {"job": "J2", "op": 0, "machine": "M1", "start": 480, "end": 540, "operators": ["day"]}
	]}`
	d, err := ParseDocument([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Schedule(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, plantSchedule()) {
		t.Errorf("got %+v", s)
	}
}

func TestDocumentErrors(t *testing.T) {
	p := plant(t)
	cases := []struct {
		name string
		doc  string
		want string // the whole error, or a prefix of it
	}{
		{"syntax", "{\"assignments\": [\n  {\"job\": \"J1\",, }\n]}", "line 2, column 16: invalid JSON"},
		{"truncated", `{"assignments": [`, "invalid JSON"},
		{"not an object", `42`, "a result document must be a JSON object"},
		{"no assignments", `{"solver": "x"}`, "assignments: missing"},
		{"bad start", "{\"assignments\": [\n  {\"job\": \"J1\", \"op\": 0, \"machine\": \"M1\", \"start\": \"soon\", \"end\": 5}]}",
			`line 2, column 52: assignments[0].start: want an integer number of ticks, found the string "soon"`},
		{"fractional tick", `{"assignments": [{"job": "J1", "op": 0, "machine": "M1", "start": 1.5, "end": 5}]}`, "assignments[0].start: want an integer"},
		{"missing machine", `{"assignments": [{"job": "J1", "op": 0, "start": 1, "end": 5}]}`, "assignments[0].machine: missing"},
		{"missing op", `{"assignments": [{"job": "J1", "machine": "M1", "start": 1, "end": 5}]}`, "assignments[0].op: missing"},
		{"missing end", `{"assignments": [{"job": "J1", "op": 0, "machine": "M1", "start": 1}]}`, "assignments[0].end: missing"},
		{"bad job type", `{"assignments": [{"job": [1], "op": 0, "machine": "M1", "start": 1, "end": 2}]}`, "assignments[0].job: want an ID"},
		{"bad makespan", `{"makespan": "long", "assignments": []}`, "makespan: want an integer"},
		{"bad operators", `{"assignments": [{"job": "J1", "op": 0, "machine": "M1", "start": 1, "end": 2, "operators": "day"}]}`, "assignments[0].operators: want an array"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDocument([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want %q", err, tc.want)
			}
			var issues model.Issues
			if !errors.As(err, &issues) {
				t.Errorf("error is not a model.Issues: %T", err)
			}
		})
	}
	resolve := []struct {
		name string
		asg  string
		want string
	}{
		{"unknown machine", `{"job": "J1", "op": 0, "machine": "M9", "start": 360, "end": 480}`, `line 3, column 39: assignments[1].machine: unknown machine "M9"`},
		{"unknown job", `{"job": "J7", "op": 0, "machine": "M1", "start": 360, "end": 480}`, `assignments[1].job: unknown job "J7"`},
		{"op out of range", `{"job": "J2", "op": 3, "machine": "M1", "start": 360, "end": 480}`, `assignments[1].op: job "J2" has 1 operations; op 3 is out of range`},
		{"unknown op id", `{"job": "J2", "op_id": "drill", "machine": "M1", "start": 360, "end": 480}`, `assignments[1].op_id: job "J2" has no operation "drill"`},
		{"op and op_id disagree", `{"job": "J1", "op": 0, "op_id": "weld", "machine": "M1", "start": 360, "end": 480}`, `assignments[1].op: op 0 and op_id "weld" (operation 1 of job "J1") disagree`},
		{"unknown pool", `{"job": "J2", "op": 0, "machine": "M1", "start": 360, "end": 480, "operators": ["night"]}`, `assignments[1].operators[0]: unknown operator pool "night"`},
		{"bad datetime", `{"job": "J1", "op": 0, "machine": "M1", "start_time": "Monday", "end": 480}`, `assignments[1].start_time: bad datetime "Monday"`},
		{"datetime disagrees", `{"job": "J1", "op": 0, "machine": "M1", "start": 360, "start_time": "2024-03-04T07:00:00+01:00", "end": 480}`, `assignments[1].start_time: datetime 2024-03-04T07:00:00+01:00 is tick 420, but the tick given beside it is 360`},
	}
	for _, tc := range resolve {
		t.Run(tc.name, func(t *testing.T) {
			doc := "{\"assignments\": [\n    {\"job\": \"J1\", \"op\": 1, \"machine\": \"M2\", \"start\": 960, \"end\": 2280},\n    " + tc.asg + "\n]}"
			d, err := ParseDocument([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			_, err = d.Schedule(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want %q", err, tc.want)
			}
			var issues model.Issues
			if !errors.As(err, &issues) {
				t.Errorf("error is not a model.Issues: %T", err)
			}
		})
	}
	t.Run("datetime without epoch", func(t *testing.T) {
		d, err := ParseDocument([]byte(`[{"job": "0", "op": 0, "machine": "2", "start_time": "2024-03-04T06:00:00Z", "end": 1}]`))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.Schedule(ft06()); err == nil || !strings.Contains(err.Error(), "the problem has no epoch") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("several errors", func(t *testing.T) {
		d, err := ParseDocument([]byte(`[{"job": "x", "op": 0, "machine": "y", "start": 0, "end": 1}, {"job": "z", "op": 0, "machine": "0", "start": 0, "end": 1}]`))
		if err != nil {
			t.Fatal(err)
		}
		_, err = d.Schedule(ft06())
		if err == nil || strings.Count(err.Error(), "\n") != 2 {
			t.Errorf("want three errors, got %v", err)
		}
	})
}

func TestSetBound(t *testing.T) {
	var d Document
	d.SetBound(math.NaN())
	if d.Bound != nil {
		t.Error("NaN bound must be omitted")
	}
	d.SetBound(math.Inf(-1))
	if d.Bound != nil {
		t.Error("infinite bound must be omitted")
	}
	d.SetBound(3)
	if d.Bound == nil || *d.Bound != 3 {
		t.Error("bound not set")
	}
	data, _ := json.Marshal(&Document{})
	if strings.Contains(string(data), "bound") || !strings.Contains(string(data), `"assignments":null`) && !strings.Contains(string(data), `"assignments":[]`) {
		t.Errorf("empty document: %s", data)
	}
}

func FuzzParseDocument(f *testing.F) {
	if data, err := os.ReadFile("testdata/ft06_optimal.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`[{"job": 1, "op": "0", "machine": 2.0, "start": "3", "end": 4, "operators": [1, "a"]}]`))
	f.Add([]byte(`{"assignments": [{"job": "J1", "op_id": "cut", "machine": "M1", "start_time": "2024-03-04T06:00:00+01:00", "end_time": "x"}]}`))
	p := ft06()
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDocument(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		s, err := d.Schedule(p)
		if err == nil {
			Check(p, s)
		}
	})
}

// TestCheckClaims checks that the claims of a written document hold, and
// that each forged claim is reported at its place in the text.
func TestCheckClaims(t *testing.T) {
	p, s := plant(t), plantSchedule()
	d := NewDocument(p, s)
	d.ObjectiveName = "makespan+2*late_jobs"
	obj, err := model.ParseObjective(d.ObjectiveName)
	if err != nil {
		t.Fatal(err)
	}
	d.Objective = Evaluate(p, s, obj)
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if is := d.CheckClaims(p, s); len(is) != 0 {
		t.Fatalf("in-memory document: %v", is)
	}
	back, err := ParseDocument(append([]byte("\xef\xbb\xbf"), data...)) // with a byte-order mark
	if err != nil {
		t.Fatal(err)
	}
	if is := back.CheckClaims(p, s); len(is) != 0 {
		t.Fatalf("parsed document: %v", is)
	}
	forge := []struct{ from, to, path string }{
		{fmt.Sprintf(`"objective": %v`, d.Objective), `"objective": 1`, "objective"},
		{fmt.Sprintf(`"makespan": %d`, d.Makespan), `"makespan": 3`, "makespan"},
		{fmt.Sprintf(`"late_jobs": %d`, d.KPIs.LateJobs), `"late_jobs": 7`, "kpis.late_jobs"},
		{fmt.Sprintf(`"busy": %d`, d.KPIs.Machines[0].Busy), `"busy": 1`, "kpis.machines[0].busy"},
	}
	for _, f := range forge {
		if !strings.Contains(string(data), f.from) {
			t.Fatalf("document lacks %s:\n%s", f.from, data)
		}
		text := strings.Replace(string(data), f.from, f.to, 1)
		doc, err := ParseDocument([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		is := doc.CheckClaims(p, s)
		if len(is) != 1 || is[0].Path != f.path || is[0].Line == 0 {
			t.Errorf("forged %s: %v", f.path, is)
			continue
		}
		line := strings.Split(text, "\n")[is[0].Line-1]
		if !strings.Contains(line, f.to[strings.Index(f.to, ":")+2:]) {
			t.Errorf("forged %s: issue at line %d %q", f.path, is[0].Line, line)
		}
	}
	// a foreign document without claims has nothing to disagree with
	doc, err := ParseDocument([]byte(`[{"job": "J1", "op": 0, "machine": "M1", "start": 360, "end": 480}]`))
	if err != nil {
		t.Fatal(err)
	}
	s2, err := doc.Schedule(p)
	if err != nil {
		t.Fatal(err)
	}
	if is := doc.CheckClaims(p, s2); len(is) != 0 {
		t.Errorf("document without claims: %v", is)
	}
	if _, err := doc.Schedule(nil); err == nil {
		t.Error("Schedule(nil) accepted")
	}
}

// TestRepositoryResultFiles reads every result document of the repository
// (the model tests validate the same files against the result schema).
func TestRepositoryResultFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../cmd/ordo/testdata/ft06-*.json")
	files = append(files, more...)
	if len(files) < 4 {
		t.Fatalf("found %d result files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseDocument(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if _, err := d.Schedule(ft06()); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
