package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// invalidCases lists, for each file of testdata/invalid, an issue that
// Decode or Validate must report: its path and a fragment of its message
// (and its line, for malformed JSON).
var invalidCases = map[string]struct {
	path, msg string
	line      int
}{
	"malformed-json":                 {"", "malformed JSON: invalid character", 58},
	"truncated-json":                 {"", "malformed JSON: unexpected end of JSON input", 10},
	"not-an-object":                  {"", "expected the problem as a JSON object", 1},
	"duplicate-key":                  {"jobs[0].quantity", `duplicate key "quantity"`, 58},
	"unknown-key":                    {"jobs[0].quantitiy", `unknown key "quantitiy" (did you mean "quantity"?)`, 0},
	"wrong-type":                     {"jobs[0].quantity", "expected a number, got a string", 0},
	"bad-datetime":                   {"jobs[0].due", `bad datetime "2026-13-40T12:00:00+01:00"`, 0},
	"datetime-without-offset":        {"jobs[0].due", "has no time zone offset", 0},
	"datetime-off-tick":              {"jobs[0].due", "not on a tick boundary", 0},
	"datetime-in-unitless":           {"jobs[0].due", "in a problem without epoch", 0},
	"bad-duration":                   {"jobs[0].operations[0].duration", `bad ISO-8601 duration "PT1X"`, 0},
	"negative-duration":              {"jobs[0].operations[0].duration", "negative duration -5", 0},
	"fractional-duration":            {"jobs[0].operations[0].duration", "duration 1.5 is not a whole number of ticks", 0},
	"duration-in-months":             {"jobs[0].operations[0].duration", "years and months have no fixed length", 0},
	"bad-time-zone":                  {"calendars[0].time_zone", `unknown time zone "Europe/Pariss"`, 0},
	"bad-shift-time":                 {"calendars[0].shifts[0].start", `bad time of day "25:00"`, 0},
	"shift-out-of-range":             {"calendars[0].shifts[2].start", "start 1500 is outside 00:00..24:00", 0},
	"bad-days":                       {"calendars[0].days", `bad day "fryday"`, 0},
	"shift-without-days":             {"calendars[1].shifts[0].days", "the shift has no days", 0},
	"exception-ends-before-start":    {"calendars[0].exceptions[0].end", "ends (2026-12-24T00:00:00+01:00) before it starts", 0},
	"downtime-ends-before-start":     {"machines[0].downtime[0].end", "ends (2026-12-08T08:00:00+01:00) before it starts", 0},
	"missing-machine-id":             {"machines[0].id", "missing machine id", 0},
	"duplicate-machine-id":           {"machines[1].id", `duplicate machine id "M1" (also machines[0])`, 0},
	"duplicate-job-id":               {"jobs[1].id", `duplicate job id "J1"`, 0},
	"duplicate-operation-id":         {"jobs[0].operations[1].id", `duplicate operation id "10" in job "J1"`, 0},
	"duplicate-calendar-id":          {"calendars[1].id", `duplicate calendar id "2x8"`, 0},
	"duplicate-material-id":          {"materials[1].id", `duplicate material id "steel"`, 0},
	"duplicate-pool-id":              {"operator_pools[1].id", `duplicate operator pool id "team"`, 0},
	"duplicate-matrix-id":            {"setup_matrices[1].id", `duplicate setup matrix id "S"`, 0},
	"unknown-machine":                {"jobs[0].operations[1].alternatives[0].machine", `unknown machine "M9"`, 0},
	"unknown-calendar":               {"machines[0].calendar", `unknown calendar "3x8"`, 0},
	"unknown-setup-matrix":           {"machines[1].setup_matrix", `unknown setup matrix "T"`, 0},
	"unknown-material":               {"jobs[0].operations[0].consumes[0].material", `unknown material "alu"`, 0},
	"unknown-skill":                  {"jobs[0].operations[1].operators[0].skill", `no operator pool has skill "paint"`, 0},
	"unknown-after-job":              {"jobs[1].operations[0].after[0].job", `unknown job "J7"`, 0},
	"unknown-after-op":               {"jobs[1].operations[0].after[0].op", `unknown operation "99" in job "J1"`, 0},
	"precedence-cycle":               {"jobs[0].operations[0]", "precedence cycle (job/operation): J1/10 -> J1/20 -> J2/10 -> J1/10", 0},
	"self-cycle":                     {"jobs[1].operations[0].after", "operation J2/10 must follow itself", 0},
	"no-alternatives":                {"jobs[0].operations[2].alternatives", "no alternative machine", 0},
	"no-operations":                  {"jobs[2].operations", "the job has no operations", 0},
	"release-after-deadline":         {"jobs[0].deadline", "is before the release date", 0},
	"deadline-unreachable":           {"jobs[0].deadline", "cannot finish before 2026-12-08T07:35:00+01:00", 0},
	"operators-capacity-short":       {"jobs[0].operations[1].operators[0].count", `needs 3 operators with skill "weld" but the pools with it have 2 in total`, 0},
	"negative-capacity":              {"operator_pools[0].capacity", "negative capacity -1", 0},
	"fixed-end-before-start":         {"jobs[0].operations[0].fixed.end", "ends (2026-12-07T07:00:00+01:00) before it starts", 0},
	"fixed-machine-not-alternative":  {"jobs[0].operations[0].fixed.machine", `machine "M2" is not among the operation's alternatives`, 0},
	"fixed-duration-mismatch":        {"jobs[0].operations[0].fixed", "lasts PT2H but the operation takes PT1H", 0},
	"fixed-overlap":                  {"jobs[2].operations[0].fixed", `overlaps fixed operation J1/10 on machine "M1"`, 0},
	"fixed-precedence":               {"jobs[0].operations[1].fixed.start", "before its predecessor J1/10 ends", 0},
	"calendar-without-working-time":  {"calendars[1]", `"closed" has no working time within the planning horizon`, 0},
	"operation-never-fits":           {"jobs[0].operations[0]", "never fits a working window: it takes PT17H on \"M1\" but the longest working window of its machines is PT16H", 0},
	"operation-never-fits-operators": {"jobs[0].operations[1]", "(with the operators it needs) is PT8H", 0},
	"material-without-supply":        {"jobs[1].operations[0].consumes[0].material", `material "paint" has no initial stock, no receipts and no operation produces it`, 0},
	"material-short":                 {"materials[0]", "consume 200 kg of material \"steel\" in total but only 100", 0},
	"calendars-without-epoch":        {"calendars", "needs an epoch", 0},
	"zero-weight":                    {"jobs[0].weight", "the weight must be positive", 0},
	"negative-quantity":              {"jobs[0].quantity", "negative quantity -3", 0},
	"negative-material-quantity":     {"materials[0].initial", "negative initial stock -1", 0},
	"bad-objective":                  {"objective", `unknown objective "fast"`, 0},
	"objective-zero-weight":          {"objective[0].weight", "the weight must be positive", 0},
	"bad-version":                    {"version", "unsupported format version 2", 0},
	"machine-and-alternatives":       {"jobs[0].operations[1].alternatives", "either alternatives or a machine", 0},
	"missing-duration":               {"jobs[0].operations[1].alternatives[0]", `missing "duration"`, 0},
	"duplicate-alternative":          {"jobs[0].operations[1].alternatives[1].machine", `machine "M1" is listed twice`, 0},
	"horizon-too-far":                {"jobs[0].deadline", "more than 30 years after the epoch", 0},
	"tick-out-of-range":              {"jobs[0].release", "out of range", 0},
	"bad-routing":                    {"jobs[0].routing", `unknown routing "graph"`, 0},
	"no-quantity-with-rate":          {"jobs[0].quantity", "no quantity but operations with run_per_unit", 0},
	"many-errors":                    {"jobs[1].operations[0].after[0].job", `unknown job "J7"`, 0},
	"many-decode-errors":             {"machines[0].calendr", `unknown key "calendr" (did you mean "calendar"?)`, 0},
}

// problemIssues decodes a file and validates it, returning every issue
// with its position.
func problemIssues(t *testing.T, file string) Issues {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Decode(data)
	if err != nil {
		var is Issues
		if !errors.As(err, &is) {
			t.Fatalf("Decode error %v is not Issues", err)
		}
		for _, i := range is {
			if i.Line == 0 {
				t.Errorf("decode issue %q has no line", i)
			}
		}
		return is
	}
	is := p.Validate()
	Locate(data, is)
	return is
}

func TestValidateInvalidFiles(t *testing.T) {
	files := testdataFiles(t, "invalid")
	seen := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			want, ok := invalidCases[name]
			if !ok {
				t.Fatalf("no expectation for %s", f)
			}
			is := problemIssues(t, f)
			if len(is) == 0 {
				t.Fatal("no issue reported")
			}
			for _, i := range is {
				if i.Path == want.path && strings.Contains(i.Message, want.msg) && (want.line == 0 || i.Line == want.line) {
					if i.Line == 0 && i.Path != "" {
						t.Errorf("issue %q was not located", i)
					}
					return
				}
			}
			t.Errorf("no issue %s: ...%s... (line %d); got:\n%v", want.path, want.msg, want.line, is)
		})
	}
	for name := range invalidCases {
		if !seen[name] {
			t.Errorf("missing file testdata/invalid/%s.json", name)
		}
	}
}

// TestValidateReportsEverything checks that Validate does not stop at the
// first problem.
func TestValidateReportsEverything(t *testing.T) {
	is := problemIssues(t, "testdata/invalid/many-errors.json")
	if len(is) != 3 {
		t.Fatalf("got %d issues, want 3:\n%v", len(is), is)
	}
	is = problemIssues(t, "testdata/invalid/many-decode-errors.json")
	if len(is) != 3 {
		t.Fatalf("got %d issues, want 3:\n%v", len(is), is)
	}
}

// TestValidateGo covers rules that the JSON decoder already enforces (a
// problem built in Go can still break them).
func TestValidateGo(t *testing.T) {
	tests := []struct {
		name      string
		modify    func(p *Problem)
		path, msg string
	}{
		{"negative duration", func(p *Problem) { p.Jobs[0].Operations[0].Alternatives[0].Duration = -5 }, "jobs[0].operations[0].alternatives[0].duration", "negative duration -PT5M"},
		{"negative setup", func(p *Problem) { p.Jobs[0].Operations[0].Alternatives[1].Setup = -1 }, "jobs[0].operations[0].alternatives[1].setup", "negative setup time"},
		{"negative rate", func(p *Problem) { p.Jobs[0].Operations[0].Alternatives[1].RunPerUnit = -1 }, "jobs[0].operations[0].alternatives[1].run_per_unit", "negative run_per_unit"},
		{"nan rate", func(p *Problem) { p.Jobs[0].Operations[0].Alternatives[1].RunPerUnit = nan() }, "jobs[0].operations[0].alternatives[1].run_per_unit", "not a number"},
		{"huge duration", func(p *Problem) { p.Jobs[0].Operations[0].Alternatives[0].Duration = MaxDuration + 1 }, "jobs[0].operations[0].alternatives[0].duration", "too large"},
		{"negative lag", func(p *Problem) { p.Jobs[0].Operations[1].MinLag = -3 }, "jobs[0].operations[1].min_lag", "negative min_lag"},
		{"negative link lag", func(p *Problem) { p.Jobs[1].Operations[1].After[1].MinLag = -3 }, "jobs[1].operations[1].after[1].min_lag", "negative min_lag"},
		{"negative setup matrix", func(p *Problem) { p.SetupMatrices[0].Entries[0].Time = -2 }, "setup_matrices[0].entries[0].time", "negative setup time"},
		{"duplicate setup entry", func(p *Problem) { p.SetupMatrices[0].Entries[1] = p.SetupMatrices[0].Entries[0] }, "setup_matrices[0].entries[1]", `duplicate entry from "a" to "b"`},
		{"negative receipt", func(p *Problem) { p.Materials[0].Receipts[0].Quantity = -1 }, "materials[0].receipts[0].quantity", "negative quantity"},
		{"negative consumption", func(p *Problem) { p.Jobs[0].Operations[0].Consumes[0].Quantity = -1 }, "jobs[0].operations[0].consumes[0].quantity", "negative quantity"},
		{"negative weight", func(p *Problem) { p.Jobs[0].Weight = -1 }, "jobs[0].weight", "must be positive"},
		{"bad routing kind", func(p *Problem) { p.Jobs[0].Routing = 5 }, "jobs[0].routing", "unknown routing kind 5"},
		{"bad weekday", func(p *Problem) { p.Calendars[0].Shifts[0].Days = []time.Weekday{8} }, "calendars[0].shifts[0].days", "invalid weekday 8"},
		{"repeated weekday", func(p *Problem) { p.Calendars[0].Shifts[0].Days = []time.Weekday{1, 1} }, "calendars[0].shifts[0].days", "listed twice"},
		{"negative shift end", func(p *Problem) { p.Calendars[0].Shifts[0].End = -1 }, "calendars[0].shifts[0].end", "outside 00:00..24:00"},
		{"local time zone", func(p *Problem) { p.Calendars[0].TimeZone = "Local" }, "calendars[0].time_zone", "depends on the computer"},
		{"calendar without shifts", func(p *Problem) { p.Calendars[1].Shifts = nil }, "calendars[1].shifts", "never works"},
		{"negative resolution", func(p *Problem) { p.Resolution = -time.Second }, "resolution", "must be positive"},
		{"negative horizon", func(p *Problem) { p.Horizon = -1 }, "horizon", "must not be negative"},
		{"release after horizon", func(p *Problem) { p.Jobs[0].Release = p.Horizon + 10 }, "jobs[0].release", "after the end of the horizon"},
		{"operator count zero", func(p *Problem) { p.Jobs[0].Operations[1].Operators[0].Count = 0 }, "jobs[0].operations[1].operators[0].count", "at least 1"},
		{"operators in all", func(p *Problem) {
			p.Jobs[0].Operations[1].Operators = []OperatorNeed{{Skill: "weld", Count: 4}, {Skill: "assembly", Count: 1}}
		}, "jobs[0].operations[1].operators", "needs 5 operators in all but the pools with the skills have 4"},
		{"fixed setup after start", func(p *Problem) { p.Jobs[2].Operations[1].Fixed.SetupStart = 70 }, "jobs[2].operations[1].fixed.setup_start", "after the operation"},
		{"fixed missing machine", func(p *Problem) { p.Jobs[2].Operations[1].Fixed.Machine = "" }, "jobs[2].operations[1].fixed.machine", "missing machine"},
		{"fixed unknown machine", func(p *Problem) { p.Jobs[2].Operations[1].Fixed.Machine = "X" }, "jobs[2].operations[1].fixed.machine", `unknown machine "X"`},
		{"fixed resumable too short", func(p *Problem) {
			p.Jobs[2].Operations[1].Resumable = true
			p.Jobs[2].Operations[1].Fixed.End = 70
		}, "jobs[2].operations[1].fixed", "takes at least PT20M"},
		{"missing link op", func(p *Problem) { p.Jobs[1].Operations[1].After[0].Op = "" }, "jobs[1].operations[1].after[0].op", "missing op"},
		{"missing alternative machine", func(p *Problem) { p.Jobs[1].Operations[0].Alternatives[0].Machine = "" }, "jobs[1].operations[0].alternatives[0].machine", "missing machine"},
		{"missing material", func(p *Problem) { p.Jobs[0].Operations[0].Consumes[0].Material = "" }, "jobs[0].operations[0].consumes[0].material", "missing material"},
		{"missing skill", func(p *Problem) { p.Jobs[0].Operations[1].Operators[0].Skill = "" }, "jobs[0].operations[1].operators[0].skill", "missing skill"},
		{"bad criterion", func(p *Problem) { p.Objective = Single(Criterion(-1)) }, "objective[0].criterion", "unknown criterion -1"},
		{"nan objective weight", func(p *Problem) { p.Objective = Objective{Terms: []Term{{Criterion: Makespan, Weight: nan()}}} }, "objective[0].weight", "must be positive"},
		{"time out of range", func(p *Problem) { p.Jobs[0].Release = Forever + 1 }, "jobs[0].release", "out of range"},
		{"implicit op id clash", func(p *Problem) { p.Jobs[1].Operations[1].ID = "0" }, "jobs[1].operations[1].id", `duplicate operation id "0"`},
		{"unitless downtime covering everything", func(p *Problem) {
			*p = Problem{Machines: []Machine{{ID: "M", Downtime: []Window{{Start: 0, End: Forever}}}},
				Jobs: []Job{{ID: "J", Operations: []Operation{{Alternatives: []Alternative{{Machine: "M", Duration: 5}}}}}}}
		}, "jobs[0].operations[0]", "never fits a working window"},
		{"cycle through a sequence", func(p *Problem) {
			p.Jobs[0].Operations[0].After = []Link{{Op: "20"}}
		}, "jobs[0].operations[0]", "precedence cycle (job/operation): S1/10 -> S1/20 -> S1/10"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := fullProblem(t)
			if is := p.Validate(); is != nil {
				t.Fatalf("base problem invalid:\n%v", is)
			}
			tc.modify(p)
			is := p.Validate()
			for _, i := range is {
				if i.Path == tc.path && strings.Contains(i.Message, tc.msg) {
					return
				}
			}
			t.Errorf("no issue %s: ...%s...; got:\n%v", tc.path, tc.msg, is)
		})
	}
}

func TestValidateEmptyAndNil(t *testing.T) {
	if is := (&Problem{}).Validate(); is != nil {
		t.Errorf("empty problem: %v", is)
	}
	var p Problem
	p.Jobs = []Job{{ID: "J", Operations: []Operation{{}}}}
	if is := p.Validate(); len(is) == 0 {
		t.Error("operation without alternatives accepted")
	}
}

// TestValidateManyCycles checks that cycle reports are bounded.
func TestValidateManyCycles(t *testing.T) {
	p := &Problem{Machines: []Machine{{ID: "M"}}}
	for j := 0; j < 100; j++ {
		p.Jobs = append(p.Jobs, Job{ID: fmt.Sprint(j), Operations: []Operation{
			{ID: "a", Alternatives: []Alternative{{Machine: "M", Duration: 1}}, After: []Link{{Op: "b"}}},
			{ID: "b", Alternatives: []Alternative{{Machine: "M", Duration: 1}}},
		}})
	}
	is := p.Validate()
	if len(is) != 20 {
		t.Fatalf("got %d issues, want 20 cycles", len(is))
	}
}

// bigProblem builds a plant-like problem with n jobs of 10 operations.
func bigProblem(n int) *Problem {
	p := &Problem{
		Epoch: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC),
		Calendars: []Calendar{{ID: "3x8", TimeZone: "Europe/Paris", Shifts: []Shift{
			{Days: weekdays(1, 2, 3, 4, 5), Start: 360, End: 840},
			{Days: weekdays(1, 2, 3, 4, 5), Start: 840, End: 1320},
			{Days: weekdays(1, 2, 3, 4, 5), Start: 1320, End: 360}}}},
		Materials:     []Material{{ID: "steel", Initial: 1e9}},
		OperatorPools: []OperatorPool{{ID: "team", Skills: []string{"cnc"}, Capacity: 5, Calendar: "3x8"}},
	}
	for m := 0; m < 50; m++ {
		p.Machines = append(p.Machines, Machine{ID: fmt.Sprintf("M%d", m), Calendar: "3x8"})
	}
	for j := 0; j < n; j++ {
		job := Job{ID: fmt.Sprintf("J%d", j), Quantity: 10, Due: Tick(int64(j % 5000))}
		for k := 0; k < 10; k++ {
			op := Operation{ID: fmt.Sprint(k * 10), Alternatives: []Alternative{
				{Machine: fmt.Sprintf("M%d", (j+k)%50), Duration: int64(10 + k)},
				{Machine: fmt.Sprintf("M%d", (j+k+7)%50), Setup: 5, RunPerUnit: 1.5}}}
			if k == 0 {
				op.Consumes = []MaterialQty{{Material: "steel", Quantity: 2}}
			}
			if k == 5 {
				op.Operators = []OperatorNeed{{Skill: "cnc", Count: 1}}
			}
			if k == 9 && j > 0 {
				op.After = []Link{{Job: fmt.Sprintf("J%d", j-1), Op: "0"}}
			}
			job.Operations = append(job.Operations, op)
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p
}

func TestValidateBig(t *testing.T) {
	p := bigProblem(2000)
	if is := p.Validate(); is != nil {
		t.Fatalf("big problem invalid:\n%v", is[:min(len(is), 10)])
	}
}

// BenchmarkValidate measures Validate on 80,000 operations (8,000 jobs of
// 10 operations on 50 machines with a 3x8 calendar).
func BenchmarkValidate(b *testing.B) {
	p := bigProblem(8000)
	b.ReportAllocs()
	for b.Loop() {
		if is := p.Validate(); is != nil {
			b.Fatal(is[0])
		}
	}
}

// BenchmarkDecode measures Decode of the same 80,000-operation problem.
func BenchmarkDecode(b *testing.B) {
	data, err := Encode(bigProblem(8000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
