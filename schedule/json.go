package schedule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// Document is the JSON form of a result (DESIGN.md section 5): what a
// solver found, with the schedule as assignments naming jobs, machines and
// operator pools by ID.
//
// NewDocument fills the assignments, the makespan, the epoch and the KPI
// summary; the caller sets Solver, Status, Objective, ObjectiveName, Bound
// and ElapsedMS. ParseDocument reads one tolerantly: a result written by
// another tool with only job, op, machine, start and end per assignment is
// accepted, IDs may be JSON strings or integers, and integral numbers may
// be written as floats (55.0).
type Document struct {
	// Solver is the registry name of the solver ("dispatch:atc").
	Solver string `json:"solver,omitempty"`
	// Status is "feasible", "optimal", "infeasible" or "unknown".
	Status string `json:"status,omitempty"`
	// Problem is the problem's name (optional).
	Problem string `json:"problem,omitempty"`
	// Objective is the objective value of the schedule.
	Objective float64 `json:"objective"`
	// ObjectiveName names the objective ("makespan",
	// "1*makespan+0.5*flow_time").
	ObjectiveName string `json:"objective_name,omitempty"`
	// Makespan is the latest end of any operation, in ticks.
	Makespan int64 `json:"makespan"`
	// Bound is a proven lower bound on the objective; nil when unknown.
	Bound *float64 `json:"bound,omitempty"`
	// ElapsedMS is the solving time in milliseconds.
	ElapsedMS int64 `json:"elapsed_ms"`
	// Epoch is the instant of tick 0 (RFC 3339), empty for unitless
	// problems.
	Epoch string `json:"epoch,omitempty"`
	// KPIs is an optional summary of the schedule's key figures.
	KPIs *KPISummary `json:"kpis,omitempty"`
	// Assignments place the operations.
	Assignments []DocAssignment `json:"assignments"`
}

// DocAssignment is the JSON form of an Assignment.
type DocAssignment struct {
	// Job is the job's ID (the 0-based index as a string for benchmark
	// instances).
	Job string `json:"job"`
	// Op is the 0-based index of the operation in the job's routing.
	Op int `json:"op"`
	// OpID is the operation's ID (optional; when given it must agree with
	// Op, and it is used alone when op is absent).
	OpID string `json:"op_id,omitempty"`
	// Machine is the machine's ID.
	Machine string `json:"machine"`
	// SetupStart is the start of the setup; nil means Start.
	SetupStart *int64 `json:"setup_start,omitempty"`
	// Start and End bound the processing, in ticks from the epoch.
	Start int64 `json:"start"`
	End   int64 `json:"end"`
	// Operators lists the IDs of the operator pools used, one entry per
	// operator, in the order of the operation's needs.
	Operators []string `json:"operators,omitempty"`
	// SetupStartTime, StartTime and EndTime are the same instants as
	// RFC 3339 datetimes, when the problem has an epoch. On input they are
	// used when the tick fields are absent.
	SetupStartTime string `json:"setup_start_time,omitempty"`
	StartTime      string `json:"start_time,omitempty"`
	EndTime        string `json:"end_time,omitempty"`

	// Presence of fields, and position, when parsed.
	hasOp, hasStart, hasEnd bool
	offset                  int // byte offset in the parsed input, -1 unknown
	src                     []byte
}

// KPISummary is the JSON form of KPIs.
type KPISummary struct {
	Makespan          int64   `json:"makespan"`
	WeightedTardiness float64 `json:"weighted_tardiness"`
	MaxLateness       int64   `json:"max_lateness"`
	LateJobs          int     `json:"late_jobs"`
	FlowTime          int64   `json:"flow_time"`
	// Utilisation is the overall utilisation: total busy and setup time
	// over total working time of all machines.
	Utilisation float64          `json:"utilisation"`
	Machines    []MachineSummary `json:"machines,omitempty"`
}

// MachineSummary is the JSON form of MachineKPI.
type MachineSummary struct {
	Machine     string  `json:"machine"`
	Busy        int64   `json:"busy"`
	Setup       int64   `json:"setup"`
	Working     int64   `json:"working"`
	Utilisation float64 `json:"utilisation"`
}

// NewKPISummary converts k, computed for p, to its JSON form.
func NewKPISummary(p *model.Problem, k KPIs) *KPISummary {
	s := &KPISummary{
		Makespan: k.Makespan, WeightedTardiness: k.WeightedTardiness, MaxLateness: k.MaxLateness,
		LateJobs: k.LateJobs, FlowTime: k.FlowTime,
	}
	var used, work int64
	for _, m := range k.Machines {
		id := strconv.Itoa(m.Machine)
		if m.Machine >= 0 && m.Machine < len(p.Machines) {
			id = p.Machines[m.Machine].ID
		}
		s.Machines = append(s.Machines, MachineSummary{Machine: id, Busy: m.Busy, Setup: m.Setup, Working: m.Working, Utilisation: m.Utilisation})
		used += m.Busy + m.Setup
		work += m.Working
	}
	if work > 0 {
		s.Utilisation = float64(used) / float64(work)
	}
	return s
}

// NewDocument returns the document of schedule s of problem p, with the
// assignments in the schedule's order, the makespan, the epoch and datetimes
// (when p has one) and the KPI summary. Indices out of range are written as
// "#index" (Check reports them).
func NewDocument(p *model.Problem, s *Schedule) *Document {
	d := &Document{Problem: p.Name, Makespan: Makespan(s), Assignments: []DocAssignment{}}
	epoch := !p.Epoch.IsZero()
	if epoch {
		d.Epoch = p.Epoch.Format(time.RFC3339Nano)
	}
	d.KPIs = NewKPISummary(p, ComputeKPIs(p, s))
	if s == nil {
		return d
	}
	for _, a := range s.Assignments {
		da := DocAssignment{Op: a.Op, Start: a.Start, End: a.End, hasOp: true, hasStart: true, hasEnd: true, offset: -1}
		if a.Job >= 0 && a.Job < len(p.Jobs) {
			job := &p.Jobs[a.Job]
			da.Job = job.ID
			if a.Op >= 0 && a.Op < len(job.Operations) && job.Operations[a.Op].ID != "" {
				da.OpID = job.Operations[a.Op].ID
			}
		} else {
			da.Job = "#" + strconv.Itoa(a.Job)
		}
		if a.Machine >= 0 && a.Machine < len(p.Machines) {
			da.Machine = p.Machines[a.Machine].ID
		} else {
			da.Machine = "#" + strconv.Itoa(a.Machine)
		}
		if a.SetupStart != a.Start {
			v := a.SetupStart
			da.SetupStart = &v
		}
		for _, o := range a.Operators {
			if o >= 0 && o < len(p.OperatorPools) {
				da.Operators = append(da.Operators, p.OperatorPools[o].ID)
			} else {
				da.Operators = append(da.Operators, "#"+strconv.Itoa(o))
			}
		}
		if epoch {
			if da.SetupStart != nil {
				da.SetupStartTime = formatTime(p, a.SetupStart)
			}
			da.StartTime = formatTime(p, a.Start)
			da.EndTime = formatTime(p, a.End)
		}
		d.Assignments = append(d.Assignments, da)
	}
	return d
}

func formatTime(p *model.Problem, t int64) string { return p.TimeOf(t).Format(time.RFC3339Nano) }

// SetBound sets Bound to b, or to nil when b is NaN or infinite (unknown).
func (d *Document) SetBound(b float64) {
	if math.IsNaN(b) || math.IsInf(b, 0) {
		d.Bound = nil
		return
	}
	d.Bound = &b
}

// FieldError locates a problem in a result document.
type FieldError struct {
	// Path is the JSON path of the offending value
	// ("assignments[3].machine").
	Path string
	// Line and Column locate it in the input (1-based; 0 when unknown).
	Line, Column int
	// Msg says what is wrong.
	Msg string
}

// Error returns "line L, column C: path: message" (without the position
// when unknown).
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// lineCol returns the 1-based line and column of the value at or after
// byte offset off in data (whitespace and separators skipped).
func lineCol(data []byte, off int) (int, int) {
	off = max(0, min(off, len(data)))
	for off < len(data) && strings.IndexByte(" \t\r\n,:[", data[off]) >= 0 {
		off++
	}
	return position(data, off)
}

// position returns the 1-based line and column of byte offset off in data.
func position(data []byte, off int) (int, int) {
	off = max(0, min(off, len(data)))
	before := data[:min(off, len(data))]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := off - bytes.LastIndexByte(before, '\n')
	return line, col
}

// ParseDocument parses a result document. Syntax errors and wrongly typed
// values are reported as *FieldError with a line and column. IDs may be
// strings or integers; integral numbers may be written as floats. Unknown
// fields are ignored. The input may also be a bare JSON array of
// assignments.
func ParseDocument(data []byte) (*Document, error) {
	var probe any
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			l, c := position(data, int(se.Offset)-1)
			return nil, &FieldError{Line: l, Column: c, Msg: "invalid JSON: " + se.Error()}
		}
		return nil, &FieldError{Msg: "invalid JSON: " + err.Error()}
	}
	d := &Document{}
	if err := d.parse(data); err != nil {
		return nil, err
	}
	return d, nil
}

// UnmarshalJSON decodes a document tolerantly, like ParseDocument.
func (d *Document) UnmarshalJSON(data []byte) error {
	*d = Document{}
	return d.parse(data)
}

// parse decodes valid JSON data into d, recording the position of every
// assignment.
func (d *Document) parse(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return &FieldError{Msg: "invalid JSON: " + err.Error()}
	}
	fail := func(path string, off int64, format string, args ...any) error {
		e := &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)}
		if off >= 0 {
			e.Line, e.Column = lineCol(data, int(off))
		}
		return e
	}
	switch tok {
	case json.Delim('['):
		d.Assignments = []DocAssignment{}
		return d.parseAssignments(dec, data, fail)
	case json.Delim('{'):
	default:
		return fail("", 0, "a result document must be a JSON object, found %v", tok)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail("", dec.InputOffset(), "invalid JSON: %v", err)
		}
		key, _ := tok.(string)
		off := dec.InputOffset()
		if strings.EqualFold(key, "assignments") {
			t, err := dec.Token()
			if err != nil {
				return fail(key, off, "invalid JSON: %v", err)
			}
			if t == nil {
				continue
			}
			if t != json.Delim('[') {
				return fail(key, off, "want an array of assignments, found %v", t)
			}
			d.Assignments = []DocAssignment{}
			if err := d.parseAssignments(dec, data, fail); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fail(key, off, "invalid JSON: %v", err)
		}
		if err := d.setField(strings.ToLower(key), raw); err != nil {
			return fail(key, off, "%v", err)
		}
	}
	if d.Assignments == nil {
		return fail("assignments", -1, "missing: a result document needs an array of assignments")
	}
	return nil
}

// setField sets one top-level field of d from its raw JSON value. Unknown
// fields are ignored.
func (d *Document) setField(key string, raw json.RawMessage) error {
	var err error
	switch key {
	case "solver":
		d.Solver, err = rawString(raw)
	case "status":
		d.Status, err = rawString(raw)
	case "problem":
		d.Problem, err = rawString(raw)
	case "objective_name":
		d.ObjectiveName, err = rawString(raw)
	case "epoch":
		d.Epoch, err = rawString(raw)
	case "objective":
		if !isNull(raw) {
			d.Objective, err = rawFloat(raw)
		}
	case "bound":
		if !isNull(raw) {
			var b float64
			if b, err = rawFloat(raw); err == nil {
				d.Bound = &b
			}
		}
	case "makespan":
		if !isNull(raw) {
			d.Makespan, err = rawInt(raw)
		}
	case "elapsed_ms":
		if !isNull(raw) {
			var f float64
			if f, err = rawFloat(raw); err == nil {
				d.ElapsedMS = int64(math.Round(f))
			}
		}
	case "kpis":
		if !isNull(raw) {
			var k KPISummary
			if json.Unmarshal(raw, &k) == nil {
				d.KPIs = &k
			} // a foreign KPI block is informative only: ignore it otherwise
		}
	}
	return err
}

func (d *Document) parseAssignments(dec *json.Decoder, data []byte, fail func(string, int64, string, ...any) error) error {
	for i := 0; dec.More(); i++ {
		off := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fail(fmt.Sprintf("assignments[%d]", i), off, "invalid JSON: %v", err)
		}
		var a DocAssignment
		if field, err := a.decode(raw); err != nil {
			path := fmt.Sprintf("assignments[%d]", i)
			if field != "" {
				path += "." + field
			}
			return fail(path, off, "%v", err)
		}
		a.offset = int(off)
		a.src = data
		d.Assignments = append(d.Assignments, a)
	}
	if _, err := dec.Token(); err != nil { // closing ]
		return fail("assignments", dec.InputOffset(), "invalid JSON: %v", err)
	}
	return nil
}

// UnmarshalJSON decodes an assignment tolerantly (IDs as strings or
// integers, integral floats accepted).
func (a *DocAssignment) UnmarshalJSON(data []byte) error {
	field, err := a.decode(data)
	if err != nil && field != "" {
		return fmt.Errorf("%s: %w", field, err)
	}
	return err
}

// decode fills a from raw JSON, returning the name of the offending field
// with an error.
func (a *DocAssignment) decode(data []byte) (string, error) {
	var in map[string]json.RawMessage
	if err := json.Unmarshal(data, &in); err != nil {
		return "", errors.New("want an object with job, op, machine, start and end")
	}
	// Field names are matched case-insensitively; the lower-case spelling
	// wins, then the first in sorted order.
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f := make(map[string]json.RawMessage, len(in))
	for _, k := range keys {
		lk := strings.ToLower(k)
		if _, dup := f[lk]; !dup || k == lk {
			f[lk] = in[k]
		}
	}
	*a = DocAssignment{offset: -1}
	var err error
	get := func(k string) (json.RawMessage, bool) {
		v, ok := f[k]
		if ok && isNull(v) {
			return nil, false
		}
		return v, ok
	}
	if v, ok := get("job"); !ok {
		return "job", errors.New("missing")
	} else if a.Job, err = rawID(v); err != nil {
		return "job", err
	}
	if v, ok := get("op"); ok {
		n, err := rawInt(v)
		if err != nil {
			return "op", err
		}
		if n < 0 || n > math.MaxInt32 {
			return "op", fmt.Errorf("operation index %d is out of range", n)
		}
		a.Op, a.hasOp = int(n), true
	}
	if v, ok := get("op_id"); ok {
		if a.OpID, err = rawID(v); err != nil {
			return "op_id", err
		}
	}
	if !a.hasOp && a.OpID == "" {
		return "op", errors.New("missing (give op, the 0-based index in the routing, or op_id)")
	}
	if v, ok := get("machine"); !ok {
		return "machine", errors.New("missing")
	} else if a.Machine, err = rawID(v); err != nil {
		return "machine", err
	}
	for _, t := range []struct {
		name string
		dst  *string
	}{{"setup_start_time", &a.SetupStartTime}, {"start_time", &a.StartTime}, {"end_time", &a.EndTime}} {
		if v, ok := get(t.name); ok {
			if *t.dst, err = rawString(v); err != nil {
				return t.name, err
			}
		}
	}
	if v, ok := get("setup_start"); ok {
		n, err := rawInt(v)
		if err != nil {
			return "setup_start", err
		}
		a.SetupStart = &n
	}
	if v, ok := get("start"); ok {
		if a.Start, err = rawInt(v); err != nil {
			return "start", err
		}
		a.hasStart = true
	} else if a.StartTime == "" {
		return "start", errors.New("missing")
	}
	if v, ok := get("end"); ok {
		if a.End, err = rawInt(v); err != nil {
			return "end", err
		}
		a.hasEnd = true
	} else if a.EndTime == "" {
		return "end", errors.New("missing")
	}
	if v, ok := get("operators"); ok {
		var list []json.RawMessage
		if json.Unmarshal(v, &list) != nil {
			return "operators", errors.New("want an array of operator pool IDs")
		}
		for k, e := range list {
			id, err := rawID(e)
			if err != nil {
				return fmt.Sprintf("operators[%d]", k), err
			}
			a.Operators = append(a.Operators, id)
		}
	}
	return "", nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func rawString(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("want a string, found %s", clipRaw(raw))
	}
	return s, nil
}

// rawID accepts a string or an integer.
func rawID(raw json.RawMessage) (string, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	if n, err := rawInt(raw); err == nil {
		return strconv.FormatInt(n, 10), nil
	}
	return "", fmt.Errorf("want an ID (a string or an integer), found %s", clipRaw(raw))
}

// rawInt accepts an integer, an integral float, or either in a string.
func rawInt(raw json.RawMessage) (int64, error) {
	s := strings.TrimSpace(string(raw))
	if uq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(uq)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
		return int64(f), nil
	}
	return 0, fmt.Errorf("want an integer number of ticks, found %s", clipRaw(raw))
}

// rawFloat accepts a number, or a number in a string.
func rawFloat(raw json.RawMessage) (float64, error) {
	s := strings.TrimSpace(string(raw))
	if uq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(uq)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("want a number, found %s", clipRaw(raw))
	}
	return f, nil
}

func clipRaw(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return s
}

// Schedule resolves the document's IDs against problem p and returns the
// schedule. Every unknown job, operation, machine or pool is reported as a
// *FieldError located by path ("assignments[3].machine: unknown machine
// "M9"") and, for parsed documents, line and column; several errors are
// joined (errors.Join, at most 20). The schedule is not checked for
// feasibility (see Check).
func (d *Document) Schedule(p *model.Problem) (*Schedule, error) {
	x := p.NewIndex()
	s := &Schedule{Assignments: make([]Assignment, 0, len(d.Assignments))}
	var errs []error
	for i := range d.Assignments {
		da := &d.Assignments[i]
		bad := func(field, format string, args ...any) {
			if len(errs) >= 20 {
				return
			}
			e := &FieldError{Path: fmt.Sprintf("assignments[%d]", i), Msg: fmt.Sprintf(format, args...)}
			if field != "" {
				e.Path += "." + field
			}
			if da.offset >= 0 && da.src != nil {
				e.Line, e.Column = lineCol(da.src, da.offset)
			}
			errs = append(errs, e)
		}
		a := Assignment{Job: -1, Op: -1, Machine: -1}
		j, ok := x.Jobs[da.Job]
		if !ok {
			bad("job", "unknown job %q", da.Job)
		} else {
			a.Job = j
			job := &p.Jobs[j]
			if da.OpID != "" {
				k, ok := x.Ops[j][da.OpID]
				switch {
				case !ok:
					bad("op_id", "job %q has no operation %q", job.ID, da.OpID)
				case da.hasOp && da.Op != k:
					bad("op", "op %d and op_id %q (operation %d of job %q) disagree", da.Op, da.OpID, k, job.ID)
				default:
					a.Op = k
				}
			} else if da.Op < 0 || da.Op >= len(job.Operations) {
				bad("op", "job %q has %d operations; op %d is out of range", job.ID, len(job.Operations), da.Op)
			} else {
				a.Op = da.Op
			}
		}
		if m, ok := x.Machines[da.Machine]; ok {
			a.Machine = m
		} else {
			bad("machine", "unknown machine %q", da.Machine)
		}
		var err error
		if a.Start, err = tickField(p, da.Start, da.hasStart, da.StartTime); err != nil {
			bad("start_time", "%v", err)
		}
		if a.End, err = tickField(p, da.End, da.hasEnd, da.EndTime); err != nil {
			bad("end_time", "%v", err)
		}
		a.SetupStart = a.Start
		if da.SetupStart != nil {
			a.SetupStart = *da.SetupStart
			if err := agree(p, a.SetupStart, da.SetupStartTime); err != nil {
				bad("setup_start_time", "%v", err)
			}
		} else if da.SetupStartTime != "" {
			if a.SetupStart, err = tickField(p, 0, false, da.SetupStartTime); err != nil {
				bad("setup_start_time", "%v", err)
			}
		}
		for k, id := range da.Operators {
			o, ok := x.Pools[id]
			if !ok {
				bad(fmt.Sprintf("operators[%d]", k), "unknown operator pool %q", id)
				continue
			}
			a.Operators = append(a.Operators, o)
		}
		s.Assignments = append(s.Assignments, a)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

// tickField returns the tick of a time given as ticks (has) and/or as a
// datetime; when both are given they must agree.
func tickField(p *model.Problem, ticks int64, has bool, datetime string) (int64, error) {
	if has {
		return ticks, agree(p, ticks, datetime)
	}
	if datetime == "" {
		return ticks, nil // built in Go without presence flags
	}
	t, err := parseTime(p, datetime)
	if err != nil {
		return 0, err
	}
	return p.TickOf(t), nil
}

// agree checks that datetime, when given, is tick t.
func agree(p *model.Problem, t int64, datetime string) error {
	if datetime == "" || p.Epoch.IsZero() {
		return nil
	}
	dt, err := parseTime(p, datetime)
	if err != nil {
		return err
	}
	if got := p.TickOf(dt); got != t {
		return fmt.Errorf("datetime %s is tick %d, but the tick given beside it is %d", datetime, got, t)
	}
	return nil
}

func parseTime(p *model.Problem, s string) (time.Time, error) {
	if p.Epoch.IsZero() {
		return time.Time{}, fmt.Errorf("datetime %q given, but the problem has no epoch: give ticks", s)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad datetime %q (want RFC 3339 with a time zone, such as 2024-03-04T06:00:00+01:00)", s)
	}
	return t, nil
}
