package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// fieldsOf lists, per event type, its required and optional JSON fields.
var fieldsOf = map[Type]struct{ required, optional []string }{
	TypeStarted:         {[]string{"job", "op", "machine", "at"}, nil},
	TypeCompleted:       {[]string{"job", "op", "at"}, nil},
	TypeProgress:        {[]string{"job", "op", "done_quantity", "at"}, nil},
	TypeBreakdown:       {[]string{"machine", "start", "end"}, nil},
	TypeRepaired:        {[]string{"machine", "at"}, nil},
	TypeOrderAdded:      {[]string{"job"}, nil},
	TypeOrderCancelled:  {[]string{"job"}, nil},
	TypeDueChanged:      {[]string{"job"}, []string{"due"}},
	TypePriorityChanged: {[]string{"job", "weight"}, nil},
	TypeReceiptChanged:  {[]string{"material", "at"}, []string{"to", "quantity"}},
	TypeOperatorsAbsent: {[]string{"pool", "count", "start", "end"}, nil},
	TypeCalendarChanged: {nil, []string{"machine", "pool", "add", "remove"}},
}

// ReadEventsFile reads and parses the events file at path (see
// ParseEvents).
func ReadEventsFile(p *model.Problem, path string) (*Events, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseEvents(p, data)
}

// ParseEvents reads an events file (JSON v1, see the package
// documentation) for problem p, whose epoch and resolution convert
// datetimes to ticks. It checks the form of the events (types, fields,
// values); Apply checks them against the plan. Problems are returned as
// a model.Issues error, every one located by path (events[2].start) and
// by line and column.
func ParseEvents(p *model.Problem, data []byte) (*Events, error) {
	ps := &parser{p: p}
	evs := ps.parse(data)
	if len(ps.issues) > 0 {
		model.Locate(data, ps.issues)
		return nil, ps.issues
	}
	return evs, nil
}

type parser struct {
	p      *model.Problem
	issues model.Issues
}

func (ps *parser) fail(path, format string, args ...any) {
	ps.issues = append(ps.issues, model.Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

// object decodes raw as an object, keeping its keys' order out of the
// picture (the fields are looked up by name).
func (ps *parser) object(path string, raw json.RawMessage) (map[string]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		ps.fail(path, "expected an object, got %s", kindOf(raw))
		return nil, false
	}
	for k, v := range m {
		if isNull(v) {
			delete(m, k)
		}
	}
	return m, true
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func kindOf(raw json.RawMessage) string {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 {
		return "nothing"
	}
	switch s[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func (ps *parser) parse(data []byte) *Events {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var se *json.SyntaxError
		is := model.Issue{Message: "malformed JSON: " + err.Error()}
		if errors.As(err, &se) {
			off := int(se.Offset)
			if strings.HasPrefix(err.Error(), "invalid character") && off > 0 {
				off-- // the offset counts the offending character
			}
			is.Line, is.Column = position(data, off)
		} else if top == nil {
			is.Message = "an events file is a JSON object {\"now\": ..., \"events\": [...]}"
		}
		ps.issues = append(ps.issues, is)
		return nil
	}
	if top == nil {
		ps.fail("", "an events file is a JSON object {\"now\": ..., \"events\": [...]}")
		return nil
	}
	evs := &Events{}
	for k, v := range top {
		switch k {
		case "now", "events":
		case "version":
			if n, err := strconv.Atoi(string(bytes.TrimSpace(v))); err != nil || n != 1 {
				ps.fail("version", "unsupported events format version %s (this is version 1)", bytes.TrimSpace(v))
			}
		default:
			ps.fail(k, "unknown field %q (an events file has now and events)", k)
		}
	}
	if raw, ok := top["now"]; !ok || isNull(raw) {
		ps.fail("", "missing field \"now\"")
	} else if t, ok := ps.time("now", raw); ok {
		evs.Now = t
	}
	raw, ok := top["events"]
	if !ok || isNull(raw) {
		return evs
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		ps.fail("events", "expected an array of events, got %s", kindOf(raw))
		return evs
	}
	for i, r := range list {
		ev, ok := ps.event(fmt.Sprintf("events[%d]", i), r)
		if ok {
			evs.Events = append(evs.Events, ev)
		}
	}
	return evs
}

func (ps *parser) event(path string, raw json.RawMessage) (Event, bool) {
	var ev Event
	m, ok := ps.object(path, raw)
	if !ok {
		return ev, false
	}
	n0 := len(ps.issues)
	traw, ok := m["type"]
	if !ok {
		ps.fail(path, "missing field \"type\"")
		return ev, false
	}
	var ts string
	if err := json.Unmarshal(traw, &ts); err != nil {
		ps.fail(path+".type", "expected a string, got %s", kindOf(traw))
		return ev, false
	}
	ev.Type = Type(ts)
	f, known := fieldsOf[ev.Type]
	if !known {
		var names []string
		for _, t := range Types() {
			names = append(names, string(t))
		}
		ps.fail(path+".type", "unknown event type %q (want one of %s)", ts, strings.Join(names, ", "))
		return ev, false
	}
	for k := range m {
		if k == "type" || slices.Contains(f.required, k) || slices.Contains(f.optional, k) {
			continue
		}
		ps.fail(path+"."+k, "unknown field %q for a %s event (fields: %s)", k, ts, strings.Join(append(append([]string{}, f.required...), f.optional...), ", "))
	}
	for _, k := range f.required {
		if _, ok := m[k]; !ok {
			ps.fail(path, "missing field %q of a %s event", k, ts)
		}
	}
	if len(ps.issues) > n0 {
		return ev, false
	}
	for k, v := range m {
		fp := path + "." + k
		switch k {
		case "job":
			if ev.Type == TypeOrderAdded {
				ev.NewJob = ps.job(fp, v)
				if ev.NewJob != nil {
					ev.Job = ev.NewJob.ID
				}
			} else {
				ev.Job, _ = ps.id(fp, v)
			}
		case "op":
			ev.Op, _ = ps.id(fp, v)
		case "machine":
			ev.Machine, _ = ps.id(fp, v)
		case "pool":
			ev.Pool, _ = ps.id(fp, v)
		case "material":
			ev.Material, _ = ps.id(fp, v)
		case "at":
			ev.At, _ = ps.time(fp, v)
		case "start":
			ev.Start, _ = ps.time(fp, v)
		case "end":
			ev.End, _ = ps.time(fp, v)
		case "to":
			ev.To, ev.HasTo = ps.time(fp, v)
		case "due":
			if t, ok := ps.time(fp, v); ok {
				ev.Due = &t
			}
		case "weight":
			ev.Weight, _ = ps.number(fp, v)
		case "done_quantity":
			ev.DoneQuantity, _ = ps.number(fp, v)
		case "quantity":
			if q, ok := ps.number(fp, v); ok {
				ev.Quantity = &q
			}
		case "count":
			if q, ok := ps.number(fp, v); ok {
				if q != math.Trunc(q) || q > math.MaxInt32 || q < math.MinInt32 {
					ps.fail(fp, "expected a whole number, got %s", bytes.TrimSpace(v))
				} else {
					ev.Count = int(q)
				}
			}
		case "add":
			ev.Add = ps.windows(fp, v)
		case "remove":
			ev.Remove = ps.windows(fp, v)
		}
	}
	return ev, len(ps.issues) == n0
}

// id reads an identifier: a string, or an integer written as a number.
func (ps *parser) id(path string, raw json.RawMessage) (string, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true
	}
	t := string(bytes.TrimSpace(raw))
	if _, err := strconv.ParseInt(t, 10, 64); err == nil {
		return t, true
	}
	ps.fail(path, "expected an id (a string or an integer), got %s", kindOf(raw))
	return "", false
}

func (ps *parser) number(path string, raw json.RawMessage) (float64, bool) {
	var v float64
	if err := json.Unmarshal(raw, &v); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		ps.fail(path, "expected a number, got %s", kindOf(raw))
		return 0, false
	}
	return v, true
}

// time reads a time: an ISO-8601 datetime with an offset, or a tick
// number.
func (ps *parser) time(path string, raw json.RawMessage) (int64, bool) {
	t, err := ParseTime(ps.p, raw)
	if err != nil {
		ps.fail(path, "%v", err)
		return 0, false
	}
	return t, true
}

// ParseTime reads a JSON time of problem p: a string holding an ISO-8601
// datetime with a zone offset (on a tick boundary), or an integer number
// of ticks.
func ParseTime(p *model.Problem, raw json.RawMessage) (int64, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if p.Epoch.IsZero() {
			return 0, fmt.Errorf("datetime %q in a problem without epoch: give times as tick numbers", s)
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return 0, fmt.Errorf("bad datetime %q (write e.g. 2026-12-07T06:00:00+01:00)", s)
		}
		d := t.Sub(p.Epoch)
		if d == math.MaxInt64 || d == math.MinInt64 {
			return 0, fmt.Errorf("datetime %q is too far from the epoch", s)
		}
		if d%p.TickLength() != 0 {
			return 0, fmt.Errorf("datetime %q is not on a tick boundary (resolution %s)", s, model.FormatISODuration(p.TickLength()))
		}
		return int64(d / p.TickLength()), nil
	}
	txt := string(bytes.TrimSpace(raw))
	v, err := strconv.ParseInt(txt, 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(txt, 64); ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			v, err = int64(f), nil
		}
	}
	if err != nil {
		return 0, fmt.Errorf("expected a datetime string or a whole tick number, got %s", txt)
	}
	if v > model.Forever || v < -model.Forever {
		return 0, fmt.Errorf("time %d is out of range", v)
	}
	return v, nil
}

// windows reads a list of {start, end} windows.
func (ps *parser) windows(path string, raw json.RawMessage) []model.Interval {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		ps.fail(path, "expected an array of {start, end} windows, got %s", kindOf(raw))
		return nil
	}
	out := make([]model.Interval, 0, len(list))
	for i, r := range list {
		wp := fmt.Sprintf("%s[%d]", path, i)
		m, ok := ps.object(wp, r)
		if !ok {
			continue
		}
		var iv model.Interval
		good := true
		for _, k := range []string{"start", "end"} {
			v, ok := m[k]
			if !ok {
				ps.fail(wp, "missing field %q", k)
				good = false
				continue
			}
			t, ok := ps.time(wp+"."+k, v)
			good = good && ok
			if k == "start" {
				iv.Start = t
			} else {
				iv.End = t
			}
		}
		for k := range m {
			if k != "start" && k != "end" {
				ps.fail(wp+"."+k, "unknown field %q (a window has start and end)", k)
				good = false
			}
		}
		if good {
			out = append(out, iv)
		}
	}
	return out
}

// job decodes a job object through the problem decoder, in a problem of
// p's epoch and resolution.
func (ps *parser) job(path string, raw json.RawMessage) *model.Job {
	if kindOf(raw) != "an object" {
		ps.fail(path, "expected a job object, got %s", kindOf(raw))
		return nil
	}
	var b bytes.Buffer
	b.WriteString(`{"version":1`)
	if !ps.p.Epoch.IsZero() {
		fmt.Fprintf(&b, `,"epoch":%q,"resolution":%q`, ps.p.Epoch.Format(time.RFC3339Nano), model.FormatISODuration(ps.p.TickLength()))
	}
	b.WriteString(`,"jobs":[`)
	b.Write(raw)
	b.WriteString(`]}`)
	q, err := model.Decode(b.Bytes())
	if err != nil {
		var is model.Issues
		if !errors.As(err, &is) {
			ps.fail(path, "%v", err)
			return nil
		}
		for _, i := range is {
			ps.fail(path+strings.TrimPrefix(i.Path, "jobs[0]"), "%s", i.Message)
		}
		return nil
	}
	if len(q.Jobs) != 1 {
		ps.fail(path, "expected one job object")
		return nil
	}
	return &q.Jobs[0]
}

// position returns the 1-based line and column (in bytes) of offset off.
func position(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
