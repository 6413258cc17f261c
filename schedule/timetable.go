package schedule

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// Timetable is a feasible schedule told in the problem's own terms:
// identifiers instead of indices, time.Time instead of ticks and
// time.Duration for lateness and machine time. Times are in the location
// of the problem's epoch. Build it with NewTimetable.
type Timetable struct {
	// Ops has one entry per operation, by start time (then machine, order
	// and operation identifiers).
	Ops []TimetableOp
	// Orders has one entry per job of the problem, in the problem's order.
	Orders []OrderResult
	// Machines has one entry per machine of the problem, in order.
	Machines []MachineResult
	// End is the instant the last operation ends (the makespan).
	End time.Time
	// LateOrders counts the orders finishing after their due date.
	LateOrders int
	// TotalTardiness sums the lateness of the late orders.
	TotalTardiness time.Duration
	// MaxLateness is the largest lateness among orders with a due date
	// (negative when all are early; 0 when none has one).
	MaxLateness time.Duration
	// KPIs are the same figures in ticks (see ComputeKPIs), with the
	// weighted criteria.
	KPIs KPIs
}

// TimetableOp is one placed operation.
type TimetableOp struct {
	// Job and Op are the job's ID and the operation's effective ID
	// (model.Job.OpID); Index is the operation's index in the job's
	// routing.
	Job, Op string
	Index   int
	// Machine is the machine's ID.
	Machine string
	// SetupStart is the start of the sequence-dependent setup before the
	// operation (equal to Start when there is none).
	SetupStart time.Time
	// Start and End bound the processing.
	Start, End time.Time
	// Operators lists the pool ID of each operator used.
	Operators []string
}

// OrderResult is how one order (job) fares.
type OrderResult struct {
	// Job is the job's ID.
	Job string
	// Completion is the end of the job's last operation.
	Completion time.Time
	// Due is the due date (the zero time when the job has none).
	Due time.Time
	// Lateness is Completion - Due (negative when early; 0 without a due
	// date).
	Lateness time.Duration
	// Late reports Completion after Due.
	Late bool
}

// MachineResult is the load of one machine from the epoch to End.
type MachineResult struct {
	// Machine is the machine's ID.
	Machine string
	// Busy is the processing time and Setup the sequence-dependent setup
	// time on the machine.
	Busy, Setup time.Duration
	// Utilisation is (Busy + Setup) over the machine's working time from
	// the epoch to End.
	Utilisation float64
}

// NewTimetable checks schedule s against problem p (Verify) and returns it
// in the problem's terms. It returns an error when s is not a feasible
// schedule of p (a *ViolationsError), and when p is unitless (a benchmark
// instance without epoch, whose ticks are no time: use s and ComputeKPIs).
func NewTimetable(p *model.Problem, s *Schedule) (*Timetable, error) {
	if p == nil {
		return nil, errors.New("timetable: no problem")
	}
	if p.Epoch.IsZero() {
		return nil, errors.New("timetable: the problem has no epoch (a unitless benchmark instance): its ticks are no time")
	}
	if err := Verify(p, s); err != nil {
		return nil, err
	}
	dur := func(ticks int64) time.Duration { return time.Duration(ticks) * p.TickLength() }
	k := ComputeKPIs(p, s)
	t := &Timetable{
		End:        p.TimeOf(k.Makespan),
		LateOrders: k.LateJobs,
		KPIs:       k,
	}
	for _, a := range s.Assignments {
		job := &p.Jobs[a.Job]
		op := TimetableOp{
			Job: job.ID, Op: job.OpID(a.Op), Index: a.Op,
			Machine:    p.Machines[a.Machine].ID,
			SetupStart: p.TimeOf(a.SetupStart), Start: p.TimeOf(a.Start), End: p.TimeOf(a.End),
		}
		for _, o := range a.Operators {
			op.Operators = append(op.Operators, p.OperatorPools[o].ID)
		}
		t.Ops = append(t.Ops, op)
	}
	slices.SortStableFunc(t.Ops, func(a, b TimetableOp) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Machine, b.Machine),
			cmp.Compare(a.Job, b.Job), cmp.Compare(a.Index, b.Index))
	})
	first := true
	for j, jk := range k.Jobs {
		r := OrderResult{Job: p.Jobs[j].ID, Completion: p.TimeOf(jk.Completion)}
		if jk.HasDue {
			r.Due = p.TimeOf(*p.Jobs[j].Due)
			r.Lateness, r.Late = dur(jk.Lateness), jk.Late
			t.TotalTardiness += dur(jk.Tardiness)
			if first || r.Lateness > t.MaxLateness {
				t.MaxLateness, first = r.Lateness, false
			}
		}
		t.Orders = append(t.Orders, r)
	}
	for m, mk := range k.Machines {
		t.Machines = append(t.Machines, MachineResult{
			Machine: p.Machines[m].ID, Busy: dur(mk.Busy), Setup: dur(mk.Setup), Utilisation: mk.Utilisation,
		})
	}
	return t, nil
}
