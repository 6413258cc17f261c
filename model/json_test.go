package model

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// fullProblem builds a problem that uses every field of the model.
func fullProblem(t testing.TB) *Problem {
	due, dl := int64(3*24*60), int64(10*24*60)
	return &Problem{
		Name:       "full",
		Epoch:      time.Date(2026, 12, 7, 0, 0, 0, 0, paris(t)),
		Resolution: time.Minute,
		Horizon:    30 * 24 * 60,
		Machines: []Machine{
			{ID: "M1", Name: "Lathe", Calendar: "2x8", Downtime: []Window{{Start: 600, End: 720, Reason: "maintenance"}}},
			{ID: "M2", Calendar: "3x8", SetupMatrix: "S"},
			{ID: "M3"},
		},
		Calendars: []Calendar{
			{ID: "2x8", TimeZone: "Europe/Paris",
				Shifts: []Shift{{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 360, End: 1320}},
				Exceptions: []Exception{
					{Start: 18 * 24 * 60, End: 19 * 24 * 60, Reason: "Christmas"},
					{Start: 5*24*60 + 360, End: 5*24*60 + 840, Working: true, Reason: "overtime"},
				}},
			{ID: "3x8", TimeZone: "Europe/Paris", Shifts: []Shift{
				{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 360, End: 840},
				{Days: []time.Weekday{1, 2, 3, 4, 5}, Start: 840, End: 1320},
				{Days: []time.Weekday{0, 1, 2, 3, 4}, Start: 1320, End: 360},
				{Days: []time.Weekday{6, 3}, Start: 0, End: 1440},
			}},
		},
		SetupMatrices: []SetupMatrix{{ID: "S", Default: 30, Initial: 10, Entries: []SetupEntry{{From: "a", To: "b", Time: 5}, {From: "", To: "a", Time: 7}}}},
		Materials: []Material{
			{ID: "steel", Name: "Steel bar", Unit: "kg", Initial: 12.5, Receipts: []Receipt{{At: 3000, Quantity: 100}}},
			{ID: "sub", Unit: "pcs"},
		},
		OperatorPools: []OperatorPool{{ID: "team", Skills: []string{"weld", "assembly"}, Capacity: 3, Calendar: "2x8"}, {ID: "solo", Skills: []string{"weld"}, Capacity: 1}},
		Jobs: []Job{
			{ID: "S1", Name: "sub-assembly", Quantity: 10, Release: 120, Due: &due, Weight: 2,
				Operations: []Operation{
					{ID: "10", Alternatives: []Alternative{{Machine: "M1", Duration: 90}, {Machine: "M2", Setup: 15, RunPerUnit: 2.5}}, SetupFamily: "a",
						Consumes: []MaterialQty{{Material: "steel", Quantity: 20}}},
					{ID: "20", Alternatives: []Alternative{{Machine: "M2", Duration: 30, RunPerUnit: 0.75}}, Resumable: true, MinLag: 15, SetupFamily: "b",
						Produces: []MaterialQty{{Material: "sub", Quantity: 10}}, Operators: []OperatorNeed{{Skill: "weld", Count: 2}}},
				}},
			{ID: "A1", Quantity: 10, Deadline: &dl, Routing: DAG,
				Operations: []Operation{
					{Alternatives: []Alternative{{Machine: "M3", Duration: 60}}},
					{ID: "", Alternatives: []Alternative{{Machine: "M3", Duration: 0}},
						After:    []Link{{Op: "0"}, {Job: "S1", Op: "20", MinLag: 60}},
						Consumes: []MaterialQty{{Material: "sub", Quantity: 10}}},
				}},
			{ID: "W", Operations: []Operation{
				{Alternatives: []Alternative{{Machine: "M1", Duration: 45}, {Machine: "M3", Duration: 50}},
					Fixed: &Fixed{Machine: "M3", SetupStart: 0, Start: 0, End: 50}},
				{Alternatives: []Alternative{{Machine: "M2", Duration: 20}},
					Fixed: &Fixed{Machine: "M2", SetupStart: 50, Start: 60, End: 80}},
			}},
		},
		Objective: Objective{Terms: []Term{{Criterion: WeightedTardiness, Weight: 1}, {Criterion: Makespan, Weight: 0.25}}},
	}
}

func roundTrip(t *testing.T, p *Problem) []byte {
	t.Helper()
	data, err := Encode(p)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	q, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode(Encode(p)): %v\n%s", err, data)
	}
	if d := diffProblems(p, q); d != "" {
		t.Fatalf("round trip changed the problem: %s\n%s", d, data)
	}
	again, err := Encode(q)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Fatalf("Encode is not stable:\n%s\n---\n%s", data, again)
	}
	return data
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		modify func(p *Problem)
	}{
		{"full", func(p *Problem) {}},
		{"utc epoch", func(p *Problem) { p.Epoch = time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC) }},
		{"fixed offset epoch", func(p *Problem) { p.Epoch = time.Date(2026, 12, 7, 5, 0, 0, 0, time.FixedZone("X", -(3*3600+1800))) }},
		{"default resolution", func(p *Problem) { p.Resolution = 0 }},
		{"second resolution", func(p *Problem) {
			p.Resolution = time.Second
			p.Jobs[0].Operations[0].Alternatives[1].RunPerUnit = 0.1 // 0.1 s: not a short decimal in minutes
			p.SetupMatrices[0].Default = 90                          // 1.5 minutes: written PT1M30S
		}},
		{"five-minute resolution", func(p *Problem) {
			p.Resolution = 5 * time.Minute
			p.Jobs[0].Operations[0].Alternatives[1].RunPerUnit = 1.0 / 3
		}},
		{"subsecond epoch", func(p *Problem) { p.Epoch = p.Epoch.Add(1500 * time.Millisecond) }},
		{"far times as ticks", func(p *Problem) {
			p.Machines[2].Downtime = []Window{{Start: 100, End: Forever, Reason: "scrapped"}}
			p.Jobs[2].Operations = p.Jobs[2].Operations[:1]
		}},
		{"unitless", func(p *Problem) {
			p.Epoch, p.Resolution, p.Horizon = time.Time{}, 0, 0
			p.Calendars = nil
			for i := range p.Machines {
				p.Machines[i].Calendar = ""
			}
			p.OperatorPools[0].Calendar = ""
			p.Jobs[0].Operations[0].Alternatives[1].RunPerUnit = 0.125
		}},
		{"single criterion objective", func(p *Problem) { p.Objective = Single(MaxLateness) }},
		{"weighted single objective", func(p *Problem) { p.Objective = Objective{Terms: []Term{{Criterion: LateJobs, Weight: 3}}} }},
		{"no objective", func(p *Problem) { p.Objective = Objective{} }},
		{"unicode ids", func(p *Problem) { p.Name = "Usine <Lyon> & \"Nord\" é" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := fullProblem(t)
			tc.modify(p)
			if is := p.Validate(); is != nil {
				t.Fatalf("test problem is invalid:\n%v", is)
			}
			roundTrip(t, p)
		})
	}
}

func TestRoundTripFiles(t *testing.T) {
	for _, f := range validFiles(t) {
		t.Run(f, func(t *testing.T) {
			p, err := DecodeFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if is := p.Validate(); is != nil {
				t.Fatalf("Validate:\n%v", is)
			}
			roundTrip(t, p)
		})
	}
}

func TestEncodeFormat(t *testing.T) {
	p := fullProblem(t)
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		`"version": 1`,
		`"epoch": "2026-12-07T00:00:00+01:00"`,
		`"resolution": "PT1M"`,
		`"horizon": "2027-01-06T00:00:00+01:00"`,
		`"days": "mon-fri"`,
		`"days": "sun-thu"`,
		`"start": "22:00"`,
		`"end": "24:00"`,
		`"machine": "M3"`,
		`"run_per_unit": 2.5`,
		`"objective": "1*weighted_tardiness+0.25*makespan"`,
		`"routing": "dag"`,
		`"setup_start": "2026-12-07T00:50:00+01:00"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("encoded problem lacks %s", want)
		}
	}
	if strings.Contains(s, `\u003c`) {
		t.Error("Encode escapes HTML characters")
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		modify func(p *Problem)
		want   string
	}{
		{"nan quantity", func(p *Problem) { p.Jobs[0].Quantity = nan() }, "jobs[0].quantity"},
		{"bad weekday", func(p *Problem) { p.Calendars[0].Shifts[0].Days = []time.Weekday{9} }, "calendars[0].shifts[0].days"},
		{"bad routing", func(p *Problem) { p.Jobs[1].Routing = 7 }, "jobs[1].routing"},
		{"bad criterion", func(p *Problem) { p.Objective = Single(Criterion(42)) }, "objective[0].criterion"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := fullProblem(t)
			tc.modify(p)
			_, err := Encode(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Encode error = %v, want one naming %s", err, tc.want)
			}
		})
	}
	if _, err := Encode(nil); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}

func nan() float64 { var z float64; return z / z }

func mustDecode(t *testing.T, s string) *Problem {
	t.Helper()
	p, err := Decode([]byte(s))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return p
}

func TestDecodeShorthands(t *testing.T) {
	const head = `"epoch": "2026-12-07T00:00:00+01:00", "machines": [{"id": "M"}]`
	t.Run("patterns", func(t *testing.T) {
		p := mustDecode(t, `{`+head+`, "calendars": [
			{"id": "a", "pattern": "1x8"},
			{"id": "b", "pattern": "2x8", "days": "mon-sat"},
			{"id": "c", "pattern": "3x8", "days": ["sun", "mon-thu"], "shifts": [{"start": "08:00", "end": "12:00"}]}]}`)
		want := []Calendar{
			{ID: "a", Shifts: []Shift{{Days: weekdays(1, 2, 3, 4, 5), Start: 360, End: 840}}},
			{ID: "b", Shifts: []Shift{{Days: weekdays(1, 2, 3, 4, 5, 6), Start: 360, End: 840}, {Days: weekdays(1, 2, 3, 4, 5, 6), Start: 840, End: 1320}}},
			{ID: "c", Shifts: []Shift{
				{Days: weekdays(0, 1, 2, 3, 4), Start: 360, End: 840}, {Days: weekdays(0, 1, 2, 3, 4), Start: 840, End: 1320},
				{Days: weekdays(0, 1, 2, 3, 4), Start: 1320, End: 360}, {Days: weekdays(0, 1, 2, 3, 4), Start: 480, End: 720}}},
		}
		if d := diffProblems(&Problem{Calendars: want}, &Problem{Calendars: p.Calendars}); d != "" {
			t.Fatal(d)
		}
	})
	t.Run("operation forms", func(t *testing.T) {
		p := mustDecode(t, `{`+head+`, "jobs": [{"id": 12, "routing": "DAG", "operations": [
			{"id": "a", "machine": "M", "duration": "PT1H"},
			{"id": 2, "machine": "M", "setup": 5, "run_per_unit": 0.5, "after": ["a", {"op": 0}]},
			{"machine": "M", "duration": 1.0, "after": [{"job": "12", "op": "a", "min_lag": "P1D"}], "operators": null, "fixed": null}]}]}`)
		j := p.Jobs[0]
		if j.ID != "12" || j.Routing != DAG {
			t.Fatalf("job = %+v", j)
		}
		want := []Operation{
			{ID: "a", Alternatives: []Alternative{{Machine: "M", Duration: 60}}},
			{ID: "2", Alternatives: []Alternative{{Machine: "M", Setup: 5, RunPerUnit: 0.5}}, After: []Link{{Op: "a"}, {Op: "0"}}},
			{Alternatives: []Alternative{{Machine: "M", Duration: 1}}, After: []Link{{Job: "12", Op: "a", MinLag: 24 * 60}}},
		}
		if d := diffProblems(&Problem{Jobs: []Job{{Operations: want}}}, &Problem{Jobs: []Job{{Operations: j.Operations}}}); d != "" {
			t.Fatal(d)
		}
	})
	t.Run("holiday date in the calendar's zone", func(t *testing.T) {
		p := mustDecode(t, `{"epoch": "2026-12-07T00:00:00Z", "calendars": [
			{"id": "c", "time_zone": "Europe/Paris", "pattern": "1x8", "exceptions": [{"date": "2026-12-25"}]}]}`)
		e := p.Calendars[0].Exceptions[0]
		start := time.Date(2026, 12, 25, 0, 0, 0, 0, paris(t))
		if got := p.TimeOf(e.Start); !got.Equal(start) || e.End-e.Start != 24*60 || e.Working {
			t.Fatalf("exception = %+v (starts %v)", e, got)
		}
	})
	t.Run("objective forms", func(t *testing.T) {
		for _, tc := range []struct{ in, want string }{
			{`"twt"`, "weighted_tardiness"},
			{`"makespan+0.5*flow_time"`, "1*makespan+0.5*flow_time"},
			{`[{"criterion": "late_jobs"}]`, "late_jobs"},
			{`[{"criterion": "max_lateness", "weight": 2}, {"criterion": "cmax", "weight": 1}]`, "2*max_lateness+1*makespan"},
		} {
			p := mustDecode(t, `{"objective": `+tc.in+`}`)
			if got := p.Objective.String(); got != tc.want {
				t.Errorf("objective %s = %s, want %s", tc.in, got, tc.want)
			}
		}
	})
	t.Run("times and durations", func(t *testing.T) {
		p := mustDecode(t, `{"epoch": "2026-12-07T06:00:00+01:00", "resolution": "PT1S", "machines": [{"id": "M"}],
			"jobs": [{"id": "J", "release": "2026-12-07T05:00:30Z", "due": 7200, "deadline": "2026-12-07 08:00+01:00", "operations": [
			{"machine": "M", "duration": 1.5, "min_lag": "PT0.5M"}, {"machine": "M", "run_per_unit": "PT0.25S"}]}]}`)
		j := p.Jobs[0]
		if j.Release != 30 || *j.Due != 7200 || *j.Deadline != 7200 {
			t.Errorf("release/due/deadline = %d/%d/%d, want 30/7200/7200", j.Release, *j.Due, *j.Deadline)
		}
		if d := j.Operations[0].Alternatives[0].Duration; d != 90 {
			t.Errorf("1.5 minutes = %d ticks, want 90", d)
		}
		if l := j.Operations[0].MinLag; l != 30 {
			t.Errorf("PT0.5M = %d ticks, want 30", l)
		}
		if r := j.Operations[1].Alternatives[0].RunPerUnit; r != 0.25 {
			t.Errorf("PT0.25S per unit = %g ticks, want 0.25", r)
		}
	})
	t.Run("nulls are absent", func(t *testing.T) {
		p := mustDecode(t, `{"name": null, "epoch": null, "machines": [{"id": "M", "calendar": null}], "jobs": [{"id": "J", "due": null, "operations": [{"machine": "M", "duration": 3}]}]}`)
		if !p.Epoch.IsZero() || p.Jobs[0].Due != nil || p.Machines[0].Calendar != "" {
			t.Fatalf("nulls not treated as absent: %+v", p)
		}
	})
}

func weekdays(ds ...int) []time.Weekday {
	out := make([]time.Weekday, len(ds))
	for i, d := range ds {
		out[i] = time.Weekday(d)
	}
	return out
}

func TestDecodeErrorsAreLocated(t *testing.T) {
	in := "{\n  \"epoch\": \"2026-12-07T00:00:00+01:00\",\n  \"jobs\": [\n    {\"id\": \"J\", \"due\": \"soon\", \"quantity\": true, \"colour\": 1}\n  ]\n}\n"
	_, err := Decode([]byte(in))
	var is Issues
	if !errors.As(err, &is) {
		t.Fatalf("Decode error %v is not Issues", err)
	}
	want := []string{
		`line 4, column 24: jobs[0].due: bad datetime "soon"`,
		`line 4, column 44: jobs[0].quantity: expected a number, got a boolean`,
		`line 4, column 50: jobs[0].colour: unknown key "colour"`,
	}
	if len(is) != len(want) {
		t.Fatalf("got %d issues, want %d:\n%v", len(is), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(is[i].String(), w) {
			t.Errorf("issue %d = %q, want prefix %q", i, is[i].String(), w)
		}
	}
}

func TestDecodeMalformed(t *testing.T) {
	tests := []struct {
		name, in   string
		line, col  int
		msgPrefix  string
		msgContain string
	}{
		{"missing comma", "{\n  \"name\": \"x\"\n  \"jobs\": []\n}", 3, 3, "malformed JSON", "after object key:value pair"},
		{"truncated", "{\n  \"jobs\": [", 2, 12, "malformed JSON", "unexpected end"},
		{"empty", "", 1, 1, "malformed JSON", "unexpected end"},
		{"trailing garbage", "{}\nx", 2, 1, "malformed JSON", "after top-level value"},
		{"unicode column", "{\"name\": \"Usine élan\" x}", 1, 23, "malformed JSON", "invalid character 'x'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			var is Issues
			if !errors.As(err, &is) || len(is) != 1 {
				t.Fatalf("error = %v", err)
			}
			if is[0].Line != tc.line || is[0].Column != tc.col || !strings.HasPrefix(is[0].Message, tc.msgPrefix) || !strings.Contains(is[0].Message, tc.msgContain) {
				t.Fatalf("issue = %+v, want line %d column %d", is[0], tc.line, tc.col)
			}
		})
	}
}

func TestParseISODuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"PT1H30M", 90 * time.Minute, ""},
		{"PT90M", 90 * time.Minute, ""},
		{"P2D", 48 * time.Hour, ""},
		{"P1W", 7 * 24 * time.Hour, ""},
		{"P1DT2H", 26 * time.Hour, ""},
		{"PT0.5S", 500 * time.Millisecond, ""},
		{"PT1,5H", 90 * time.Minute, ""},
		{"pt15m", 15 * time.Minute, ""},
		{"PT0S", 0, ""},
		{"P1Y", 0, "years and months"},
		{"P1M", 0, "years and months"},
		{"-PT1H", 0, "negative"},
		{"PT", 0, "nothing follows T"},
		{"P", 0, "no components"},
		{"1H", 0, "must start with P"},
		{"PT1H1H", 0, "out of order"},
		{"PT1M1H", 0, "out of order"},
		{"P1H", 0, "unexpected designator"},
		{"PT1.2.3S", 0, "bad number"},
		{"PT.5S", 0, "bad number"},
		{"PT0.0000000001S", 0, "not a whole number of nanoseconds"},
		{"P9999999999999W", 0, "out of range"},
	}
	for _, tc := range tests {
		got, err := ParseISODuration(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseISODuration(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseISODuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestFormatISODuration(t *testing.T) {
	for _, d := range []time.Duration{0, time.Minute, 90 * time.Minute, 49*time.Hour + time.Second, 1500 * time.Millisecond, time.Nanosecond, -time.Hour} {
		s := FormatISODuration(d)
		back, err := ParseISODuration(strings.TrimPrefix(s, "-"))
		if d < 0 {
			back = -back
		}
		if err != nil || back != d {
			t.Errorf("FormatISODuration(%v) = %q, reads back as %v, %v", d, s, back, err)
		}
	}
	if s := FormatISODuration(90 * time.Minute); s != "PT1H30M" {
		t.Errorf("FormatISODuration(90m) = %q", s)
	}
}

func TestParseDaysAndClock(t *testing.T) {
	days := []struct {
		in   string
		want []time.Weekday
		err  bool
	}{
		{"mon-fri", weekdays(1, 2, 3, 4, 5), false},
		{"Monday", weekdays(1), false},
		{"fri-mon", weekdays(5, 6, 0, 1), false},
		{"mon,wed, fri", weekdays(1, 3, 5), false},
		{"daily", weekdays(1, 2, 3, 4, 5, 6, 0), false},
		{"weekend", weekdays(6, 0), false},
		{"mon-fri,tue", nil, true},
		{"funday", nil, true},
		{"mon-", nil, true},
	}
	for _, tc := range days {
		got, err := parseDays(tc.in)
		if (err != nil) != tc.err || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("parseDays(%q) = %v, %v", tc.in, got, err)
		}
	}
	clocks := []struct {
		in   string
		want int
		err  bool
	}{
		{"06:00", 360, false}, {"6:30", 390, false}, {"24:00", 1440, false}, {"00:00", 0, false},
		{"24:01", 0, true}, {"12:60", 0, true}, {"-1:00", 0, true}, {"0600", 0, true}, {"06:0", 0, true},
	}
	for _, tc := range clocks {
		got, err := parseClock(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("parseClock(%q) = %d, %v", tc.in, got, err)
		}
	}
}

func TestIssueString(t *testing.T) {
	tests := []struct {
		is   Issue
		want string
	}{
		{Issue{Path: "jobs[3].operations[1].alternatives[0].machine", Message: `unknown machine "M9"`}, `jobs[3].operations[1].alternatives[0].machine: unknown machine "M9"`},
		{Issue{Path: "jobs[0]", Message: "m", Line: 3, Column: 7}, "line 3, column 7: jobs[0]: m"},
		{Issue{Message: "malformed JSON: x", Line: 1, Column: 2}, "line 1, column 2: malformed JSON: x"},
	}
	for _, tc := range tests {
		if got := tc.is.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
	is := Issues{tests[0].is, tests[1].is}
	if got := is.Error(); got != tests[0].want+"\n"+tests[1].want {
		t.Errorf("Issues.Error() = %q", got)
	}
}

func TestLocate(t *testing.T) {
	data, err := os.ReadFile("testdata/invalid/unknown-machine.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	is := p.Validate()
	is = append(is, Issue{Path: "jobs[0].operations[0].alternatives[0].duration", Message: "shorthand form"}, Issue{Path: "no.such[4]", Message: "x"})
	Locate(data, is)
	lines := strings.Split(string(data), "\n")
	if is[0].Line == 0 || !strings.Contains(lines[is[0].Line-1][is[0].Column-1:], `"M9"`) {
		t.Errorf("issue %v does not point at M9", is[0])
	}
	// the shorthand operation has no alternatives array: the issue points
	// at the operation
	if is[1].Line == 0 || lines[is[1].Line-1][is[1].Column-1] != '{' {
		t.Errorf("issue %v does not point at the operation", is[1])
	}
	if is[2].Line != 1 || is[2].Column != 1 {
		t.Errorf("issue %v does not point at the document", is[2])
	}
	Locate([]byte("{"), is) // malformed: nothing changes, no panic
}

func ExampleDecode() {
	p, err := Decode([]byte(`{
		"version": 1,
		"epoch": "2026-12-07T06:00:00+01:00",
		"calendars": [{"id": "day", "time_zone": "Europe/Paris", "pattern": "2x8", "days": "mon-fri"}],
		"machines": [{"id": "LATHE", "calendar": "day"}],
		"jobs": [{"id": "J1", "quantity": 40, "due": "2026-12-08T14:00:00+01:00",
		          "operations": [{"machine": "LATHE", "setup": "PT30M", "run_per_unit": 1.5}]}],
		"objective": "weighted_tardiness"
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	if issues := p.Validate(); issues != nil {
		fmt.Println(issues)
		return
	}
	j := p.Jobs[0]
	fmt.Println("due:", *j.Due, "ticks =", p.TimeOf(*j.Due).Format(time.RFC3339))
	fmt.Println("processing time:", j.Operations[0].Alternatives[0].ProcessingTime(j.Quantity), "minutes")
	fmt.Println("objective:", p.Objective)

	_, err = Decode([]byte(`{"epoch": "2026-12-07T06:00:00Z", "jobs": [{"id": "J1", "due": "tomorrow", "qty": 3}]}`))
	fmt.Println(err)
	// Output:
	// due: 1920 ticks = 2026-12-08T14:00:00+01:00
	// processing time: 90 minutes
	// objective: weighted_tardiness
	// line 1, column 64: jobs[0].due: bad datetime "tomorrow" (write e.g. 2026-12-07T06:00:00+01:00)
	// line 1, column 76: jobs[0].qty: unknown key "qty"
}
