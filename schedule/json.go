package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/internal/jsontree"
	"github.com/ordo-sched/ordo/model"
)

// Document is the JSON form of a result (schema/result.schema.json): what a
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
	// Violations lists, for a document of status "invalid", the
	// violations the independent check found (schedule.Check).
	Violations []string `json:"violations,omitempty"`
	// Assignments place the operations.
	Assignments []DocAssignment `json:"assignments"`

	// The parsed text, to locate the problems found later.
	src *source
	// Presence of the claims, when parsed.
	hasObjective, hasMakespan bool
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

	// Presence of fields, when parsed.
	hasOp, hasStart, hasEnd bool
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
	// WeightedEarliness is the sum of w_j * max(0, due_j - C_j).
	WeightedEarliness float64 `json:"weighted_earliness"`
	// Cost is the plan's cost with its breakdown, when the problem has
	// cost fields (HasCosts).
	Cost *CostSummary `json:"cost,omitempty"`
	// Stock holds the stock and work-in-progress curves.
	Stock *StockSummary `json:"stock,omitempty"`

	hasEarliness bool
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
		LateJobs: k.LateJobs, FlowTime: k.FlowTime, WeightedEarliness: k.WeightedEarliness,
	}
	if HasCosts(p) {
		s.Cost = NewCostSummary(p, k.Cost)
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
		da := DocAssignment{Op: a.Op, Start: a.Start, End: a.End, hasOp: true, hasStart: true, hasEnd: true}
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

// source is the text of a parsed document, for locating the problems found
// after parsing (unknown IDs, claims that disagree with the schedule).
type source struct {
	data []byte
	x    *jsontree.Index // built on first use
	root *jsontree.Node  // parsed again on first use
}

// locate fills in the line and column of the issues by their paths (as
// model.Locate does for problems). A nil source leaves them unchanged.
func (s *source) locate(issues model.Issues) {
	if s == nil || len(issues) == 0 {
		return
	}
	if s.root == nil {
		root, err := jsontree.Parse(s.data)
		if err != nil {
			return
		}
		s.root = root
	}
	for k := range issues {
		is := &issues[k]
		if is.Line > 0 || is.Path == "" {
			continue
		}
		path := is.Path
		if s.root.Kind == jsontree.Array { // a bare array of assignments
			path = strings.TrimPrefix(path, "assignments")
		}
		is.Line, is.Column = s.position(s.root.Find(path))
	}
}

func (s *source) position(off int) (int, int) {
	if s.x == nil {
		s.x = jsontree.NewIndex(s.data)
	}
	return s.x.Position(off)
}

// issueAt returns an issue at byte offset off of the document's text (no
// position when the document was not parsed or off is negative).
func (s *source) issueAt(off int, path, format string, args ...any) model.Issue {
	is := model.Issue{Path: path, Message: fmt.Sprintf(format, args...)}
	if s != nil && off >= 0 {
		is.Line, is.Column = s.position(off)
	}
	return is
}

// maxDocIssues bounds the issues a document reports.
const maxDocIssues = 100

// docParser walks the parsed tree of a result document.
type docParser struct {
	src    *source
	issues model.Issues
}

func (p *docParser) fail(n *jsontree.Node, path, format string, args ...any) {
	if len(p.issues) < maxDocIssues {
		p.issues = append(p.issues, p.src.issueAt(n.Off, path, format, args...))
	}
}

// ParseDocument parses a result document, with an optional byte-order
// mark. Malformed JSON and wrongly typed values are reported as
// model.Issues, each with its path, line and column (every problem at
// once, up to 100). IDs may be strings or integers; integral numbers may
// be written as floats; key names are matched without regard to case.
// Unknown fields are ignored. The input may also be a bare JSON array of
// assignments.
func ParseDocument(data []byte) (*Document, error) {
	d := &Document{}
	if err := d.parse(data); err != nil {
		return nil, err
	}
	return d, nil
}

// UnmarshalJSON decodes a document tolerantly, like ParseDocument.
// It keeps a copy of data to locate issues later: encoding/json may reuse
// the buffer after the call.
func (d *Document) UnmarshalJSON(data []byte) error {
	*d = Document{}
	return d.parse(bytes.Clone(data))
}

// parse decodes data into d, recording the position of every assignment
// and top-level value.
func (d *Document) parse(data []byte) error {
	src := &source{data: data}
	root, err := jsontree.Parse(data)
	if err != nil {
		off := len(data)
		var se *jsontree.SyntaxError
		if errors.As(err, &se) {
			off = se.Off
		}
		return model.Issues{src.issueAt(off, "", "invalid JSON: %v", err)}
	}
	p := &docParser{src: src}
	d.src = src
	switch root.Kind {
	case jsontree.Array:
		d.Assignments = p.assignments(root)
	case jsontree.Object:
		seen := false
		members := lowerMembers(root)
		for i := range members {
			f := &members[i]
			key := strings.ToLower(f.Key)
			v := &f.Val
			if v.Kind == jsontree.Null {
				continue
			}
			if key == "assignments" {
				seen = true
				if v.Kind != jsontree.Array {
					p.fail(v, f.Key, "want an array of assignments, found %s", jsontree.Describe(v))
					continue
				}
				d.Assignments = p.assignments(v)
				continue
			}
			d.setField(p, key, v)
		}
		if !seen {
			p.fail(root, "assignments", "missing: a result document needs an array of assignments")
		}
	default:
		p.fail(root, "", "a result document must be a JSON object, found %s", jsontree.Describe(root))
	}
	if len(p.issues) > 0 {
		return p.issues
	}
	return nil
}

// setField sets one top-level field of d. Unknown fields are ignored.
func (d *Document) setField(p *docParser, key string, v *jsontree.Node) {
	var err error
	switch key {
	case "solver":
		d.Solver, err = nodeString(v)
	case "status":
		d.Status, err = nodeString(v)
	case "problem":
		d.Problem, err = nodeString(v)
	case "objective_name":
		d.ObjectiveName, err = nodeString(v)
	case "epoch":
		d.Epoch, err = nodeString(v)
	case "objective":
		d.Objective, err = nodeFloat(v)
		d.hasObjective = err == nil
	case "bound":
		var b float64
		if b, err = nodeFloat(v); err == nil {
			d.Bound = &b
		}
	case "makespan":
		d.Makespan, err = nodeInt(v)
		d.hasMakespan = err == nil
	case "elapsed_ms":
		var f float64
		if f, err = nodeFloat(v); err == nil {
			d.ElapsedMS = int64(math.Round(f))
		}
	case "kpis":
		d.KPIs = kpiSummary(v) // a foreign KPI block is informative only: what is not ours is left out
	case "violations":
		if v.Kind != jsontree.Array {
			err = errors.New("want an array of strings")
			break
		}
		for k := range v.Arr {
			s, e := nodeString(&v.Arr[k])
			if e != nil {
				p.fail(&v.Arr[k], fmt.Sprintf("violations[%d]", k), "%v", e)
				continue
			}
			d.Violations = append(d.Violations, s)
		}
	}
	if err != nil {
		p.fail(v, key, "%v", err)
	}
}

// kpiSummary reads a KPI block, leaving out the values of other types.
func kpiSummary(n *jsontree.Node) *KPISummary {
	if n.Kind != jsontree.Object {
		return nil
	}
	k := &KPISummary{}
	for _, f := range lowerMembers(n) {
		v := f.Val
		switch strings.ToLower(f.Key) {
		case "makespan":
			k.Makespan, _ = nodeInt(&v)
		case "weighted_tardiness":
			k.WeightedTardiness, _ = nodeFloat(&v)
		case "max_lateness":
			k.MaxLateness, _ = nodeInt(&v)
		case "late_jobs":
			n, _ := nodeInt(&v)
			k.LateJobs = int(min(max(n, math.MinInt32), math.MaxInt32))
		case "flow_time":
			k.FlowTime, _ = nodeInt(&v)
		case "utilisation":
			k.Utilisation, _ = nodeFloat(&v)
		case "weighted_earliness":
			k.WeightedEarliness, _ = nodeFloat(&v)
			k.hasEarliness = true
		case "cost":
			for _, g := range lowerMembers(&v) {
				if strings.ToLower(g.Key) == "total" {
					w := g.Val
					k.Cost = &CostSummary{}
					k.Cost.Total, _ = nodeFloat(&w)
				}
			}
		case "machines":
			for _, m := range v.Arr {
				var ms MachineSummary
				for _, g := range lowerMembers(&m) {
					w := g.Val
					switch strings.ToLower(g.Key) {
					case "machine":
						ms.Machine, _ = nodeID(&w)
					case "busy":
						ms.Busy, _ = nodeInt(&w)
					case "setup":
						ms.Setup, _ = nodeInt(&w)
					case "working":
						ms.Working, _ = nodeInt(&w)
					case "utilisation":
						ms.Utilisation, _ = nodeFloat(&w)
					}
				}
				k.Machines = append(k.Machines, ms)
			}
		}
	}
	return k
}

// lowerMembers returns the members of object n, one per key compared
// without regard to case: the lower-case spelling wins, then the first.
func lowerMembers(n *jsontree.Node) []jsontree.Field {
	if n.Kind != jsontree.Object {
		return nil
	}
	var idx map[string]int // for large objects only: small ones are scanned
	if len(n.Obj) > 16 {
		idx = make(map[string]int, len(n.Obj))
	}
	out := make([]jsontree.Field, 0, len(n.Obj))
	find := func(lk string) (int, bool) {
		if idx != nil {
			i, ok := idx[lk]
			return i, ok
		}
		for i := range out {
			if strings.EqualFold(out[i].Key, lk) {
				return i, true
			}
		}
		return 0, false
	}
	for _, f := range n.Obj {
		lk := strings.ToLower(f.Key)
		if i, dup := find(lk); dup {
			if f.Key == lk && out[i].Key != lk {
				out[i] = f
			}
			continue
		}
		if idx != nil {
			idx[lk] = len(out)
		}
		out = append(out, f)
	}
	return out
}

func (p *docParser) assignments(n *jsontree.Node) []DocAssignment {
	out := make([]DocAssignment, 0, len(n.Arr))
	for i := range n.Arr {
		v := &n.Arr[i]
		var a DocAssignment
		if field, fn, err := a.decode(v); err != nil {
			path := fmt.Sprintf("assignments[%d]", i)
			if field != "" {
				path += "." + field
			}
			p.fail(fn, path, "%v", err)
			continue
		}
		out = append(out, a)
	}
	return out
}

// UnmarshalJSON decodes an assignment tolerantly (IDs as strings or
// integers, integral floats accepted).
func (a *DocAssignment) UnmarshalJSON(data []byte) error {
	n, err := jsontree.Parse(data)
	if err != nil {
		return err
	}
	field, _, err := a.decode(n)
	if err != nil && field != "" {
		return fmt.Errorf("%s: %w", field, err)
	}
	return err
}

// decode fills a from node n, returning the name and the node of the
// offending field with an error.
func (a *DocAssignment) decode(n *jsontree.Node) (string, *jsontree.Node, error) {
	*a = DocAssignment{}
	if n.Kind != jsontree.Object {
		return "", n, fmt.Errorf("want an object with job, op, machine, start and end, found %s", jsontree.Describe(n))
	}
	members := lowerMembers(n)
	var err error
	get := func(k string) (*jsontree.Node, bool) {
		for i := range members {
			if strings.EqualFold(members[i].Key, k) {
				v := &members[i].Val
				return v, v.Kind != jsontree.Null
			}
		}
		return nil, false
	}
	if v, ok := get("job"); !ok {
		return "job", n, errors.New("missing")
	} else if a.Job, err = nodeID(v); err != nil {
		return "job", v, err
	}
	if v, ok := get("op"); ok {
		k, err := nodeInt(v)
		if err != nil {
			return "op", v, err
		}
		if k < 0 || k > math.MaxInt32 {
			return "op", v, fmt.Errorf("operation index %d is out of range", k)
		}
		a.Op, a.hasOp = int(k), true
	}
	if v, ok := get("op_id"); ok {
		if a.OpID, err = nodeID(v); err != nil {
			return "op_id", v, err
		}
	}
	if !a.hasOp && a.OpID == "" {
		return "op", n, errors.New("missing (give op, the 0-based index in the routing, or op_id)")
	}
	if v, ok := get("machine"); !ok {
		return "machine", n, errors.New("missing")
	} else if a.Machine, err = nodeID(v); err != nil {
		return "machine", v, err
	}
	for _, t := range []struct {
		name string
		dst  *string
	}{{"setup_start_time", &a.SetupStartTime}, {"start_time", &a.StartTime}, {"end_time", &a.EndTime}} {
		if v, ok := get(t.name); ok {
			if *t.dst, err = nodeString(v); err != nil {
				return t.name, v, err
			}
		}
	}
	if v, ok := get("setup_start"); ok {
		k, err := nodeInt(v)
		if err != nil {
			return "setup_start", v, err
		}
		a.SetupStart = &k
	}
	if v, ok := get("start"); ok {
		if a.Start, err = nodeInt(v); err != nil {
			return "start", v, err
		}
		a.hasStart = true
	} else if a.StartTime == "" {
		return "start", n, errors.New("missing")
	}
	if v, ok := get("end"); ok {
		if a.End, err = nodeInt(v); err != nil {
			return "end", v, err
		}
		a.hasEnd = true
	} else if a.EndTime == "" {
		return "end", n, errors.New("missing")
	}
	if v, ok := get("operators"); ok {
		if v.Kind != jsontree.Array {
			return "operators", v, fmt.Errorf("want an array of operator pool IDs, found %s", jsontree.Describe(v))
		}
		for k := range v.Arr {
			id, err := nodeID(&v.Arr[k])
			if err != nil {
				return fmt.Sprintf("operators[%d]", k), &v.Arr[k], err
			}
			a.Operators = append(a.Operators, id)
		}
	}
	return "", nil, nil
}

func nodeString(n *jsontree.Node) (string, error) {
	if n.Kind != jsontree.String {
		return "", fmt.Errorf("want a string, found %s", jsontree.Describe(n))
	}
	return n.Text, nil
}

// nodeID accepts a string or an integer.
func nodeID(n *jsontree.Node) (string, error) {
	if n.Kind == jsontree.String {
		return n.Text, nil
	}
	if n.Kind == jsontree.Number {
		if k, err := nodeInt(n); err == nil {
			return strconv.FormatInt(k, 10), nil
		}
	}
	return "", fmt.Errorf("want an ID (a string or an integer), found %s", jsontree.Describe(n))
}

// numberText returns the text of a number, or of a number written in a
// string.
func numberText(n *jsontree.Node) (string, bool) {
	switch n.Kind {
	case jsontree.Number:
		return n.Text, true
	case jsontree.String:
		return strings.TrimSpace(n.Text), true
	}
	return "", false
}

// nodeInt accepts an integer, an integral float, or either in a string.
func nodeInt(n *jsontree.Node) (int64, error) {
	if s, ok := numberText(n); ok {
		if k, err := strconv.ParseInt(s, 10, 64); err == nil {
			return k, nil
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
			return int64(f), nil
		}
	}
	return 0, fmt.Errorf("want an integer number of ticks, found %s", jsontree.Describe(n))
}

// nodeFloat accepts a finite number, or one in a string.
func nodeFloat(n *jsontree.Node) (float64, error) {
	if s, ok := numberText(n); ok {
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f, nil
		}
	}
	return 0, fmt.Errorf("want a number, found %s", jsontree.Describe(n))
}

// Schedule resolves the document's IDs against problem p and returns the
// schedule. Every unknown job, operation, machine or pool is reported in a
// model.Issues, each issue located by path ("assignments[3].machine:
// unknown machine "M9"") and, for parsed documents, line and column (at
// most 100 issues). The schedule is not checked for feasibility (see
// Check).
func (d *Document) Schedule(p *model.Problem) (*Schedule, error) {
	if p == nil {
		return nil, errors.New("schedule of a result document: nil problem")
	}
	x := p.NewIndex()
	s := &Schedule{Assignments: make([]Assignment, 0, len(d.Assignments))}
	var errs model.Issues
	for i := range d.Assignments {
		da := &d.Assignments[i]
		bad := func(field, format string, args ...any) {
			if len(errs) >= maxDocIssues {
				return
			}
			e := model.Issue{Path: fmt.Sprintf("assignments[%d]", i), Message: fmt.Sprintf(format, args...)}
			if field != "" {
				e.Path += "." + field
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
		d.src.locate(errs)
		return nil, errs
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

// CheckClaims compares what the document claims about schedule s of
// problem p (typically d.Schedule(p)) with what s gives: the objective
// (of ObjectiveName when given, else of the problem's objective), the
// makespan and the KPI summary. Each disagreement is an issue located by
// path ("kpis.late_jobs") and, for parsed documents, line and column.
// Claims the document leaves out are not compared; floating-point values
// are compared with a relative tolerance of 1e-6.
func (d *Document) CheckClaims(p *model.Problem, s *Schedule) model.Issues {
	if p == nil || s == nil {
		return model.Issues{{Message: "claims of a result document: nil problem or schedule"}}
	}
	var out model.Issues
	bad := func(path, format string, args ...any) {
		out = append(out, model.Issue{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	parsed := d.src != nil
	obj := p.Objective
	if d.ObjectiveName != "" {
		o, err := model.ParseObjective(d.ObjectiveName)
		if err != nil {
			bad("objective_name", "%v", err)
		}
		obj = o
	}
	if d.ObjectiveName == "" || len(obj.Terms) > 0 {
		if got := Evaluate(p, s, obj); (d.hasObjective || !parsed) && !closeTo(d.Objective, got) {
			bad("objective", "the document claims an objective of %v, the schedule gives %v", d.Objective, got)
		}
	}
	k := ComputeKPIs(p, s)
	if (d.hasMakespan || !parsed) && d.Makespan != k.Makespan {
		bad("makespan", "the document claims a makespan of %d, the schedule gives %d", d.Makespan, k.Makespan)
	}
	if c := d.KPIs; c != nil {
		want := NewKPISummary(p, k)
		ints := []struct {
			name      string
			got, want int64
		}{
			{"makespan", c.Makespan, want.Makespan},
			{"max_lateness", c.MaxLateness, want.MaxLateness},
			{"late_jobs", int64(c.LateJobs), int64(want.LateJobs)},
			{"flow_time", c.FlowTime, want.FlowTime},
		}
		for _, x := range ints {
			if x.got != x.want {
				bad("kpis."+x.name, "the document claims %d, the schedule gives %d", x.got, x.want)
			}
		}
		if !closeTo(c.WeightedTardiness, want.WeightedTardiness) {
			bad("kpis.weighted_tardiness", "the document claims %v, the schedule gives %v", c.WeightedTardiness, want.WeightedTardiness)
		}
		if !closeTo(c.Utilisation, want.Utilisation) {
			bad("kpis.utilisation", "the document claims %v, the schedule gives %v", c.Utilisation, want.Utilisation)
		}
		if (c.hasEarliness || !parsed) && !closeTo(c.WeightedEarliness, want.WeightedEarliness) {
			bad("kpis.weighted_earliness", "the document claims %v, the schedule gives %v", c.WeightedEarliness, want.WeightedEarliness)
		}
		if c.Cost != nil && !closeTo(c.Cost.Total, k.Cost.Total) {
			bad("kpis.cost.total", "the document claims %v, the schedule gives %v", c.Cost.Total, k.Cost.Total)
		}
		byID := map[string]MachineSummary{}
		for _, m := range want.Machines {
			byID[m.Machine] = m
		}
		for i, m := range c.Machines {
			path := fmt.Sprintf("kpis.machines[%d]", i)
			w, ok := byID[m.Machine]
			if !ok {
				bad(path+".machine", "unknown machine %q", m.Machine)
				continue
			}
			for _, x := range []struct {
				name      string
				got, want int64
			}{{"busy", m.Busy, w.Busy}, {"setup", m.Setup, w.Setup}, {"working", m.Working, w.Working}} {
				if x.got != x.want {
					bad(path+"."+x.name, "the document claims %d for machine %q, the schedule gives %d", x.got, m.Machine, x.want)
				}
			}
			if !closeTo(m.Utilisation, w.Utilisation) {
				bad(path+".utilisation", "the document claims %v for machine %q, the schedule gives %v", m.Utilisation, m.Machine, w.Utilisation)
			}
		}
	}
	d.src.locate(out)
	return out
}

// closeTo reports whether a and b agree to a relative 1e-6.
func closeTo(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-6*max(1, math.Abs(a), math.Abs(b))
}
