package plan

import (
	"fmt"
	"strconv"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Plan is a problem, the schedule published for it, what really happened
// (Actuals) and the time Now: what ended before Now is history, what runs
// at Now is frozen, the rest may move.
type Plan struct {
	// Problem is the plan's problem.
	Problem *model.Problem
	// Schedule is the published schedule of Problem.
	Schedule *schedule.Schedule
	// Actuals are the operations reported started on the shop floor
	// (started, completed and progress events), by job ID.
	Actuals []Actual
	// Now is the plan's time: events may not be dated before it.
	Now int64
}

// Actual is what the shop floor reported about one operation.
type Actual struct {
	// Job is the job's ID and Op the operation's index in it.
	Job string
	Op  int
	// Machine is the machine's ID; Start when the operation started.
	Machine string
	Start   int64
	// Completed says whether it ended, at End.
	Completed bool
	End       int64
	// HasProgress says whether progress was reported: Done units of the
	// job's quantity by DoneAt.
	HasProgress bool
	Done        float64
	DoneAt      int64
}

// New returns the plan of schedule s of problem p at time now, with no
// actuals: the shop floor is assumed to have followed s until now.
func New(p *model.Problem, s *schedule.Schedule, now int64) *Plan {
	return &Plan{Problem: p, Schedule: s, Now: now}
}

// DefaultNow is the time of a plan read from a problem and a result
// document, which do not record it: the latest setup start of a fixed
// operation of p (the last fact the problem knows), or tick 0 when p has
// none.
func DefaultNow(p *model.Problem) int64 {
	var now int64
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			if f := p.Jobs[j].Operations[k].Fixed; f != nil && f.SetupStart > now {
				now = f.SetupStart
			}
		}
	}
	return now
}

// opName names operation k of job j as "job J operation O" with their
// IDs.
func opName(j *model.Job, k int) string {
	return fmt.Sprintf("operation %s of job %q", opID(j, k), j.ID)
}

// opID returns the ID of operation k of job j (its index when it has
// none).
func opID(j *model.Job, k int) string {
	if id := j.Operations[k].ID; id != "" {
		return strconv.Quote(id)
	}
	return strconv.Itoa(k)
}

// findOp resolves op, an operation's ID or its 0-based index in decimal,
// in job j; -1 when there is none.
func findOp(j *model.Job, op string) int {
	for k := range j.Operations {
		id := j.Operations[k].ID
		if id == "" {
			id = strconv.Itoa(k)
		}
		if id == op {
			return k
		}
	}
	if k, err := strconv.Atoi(op); err == nil && k >= 0 && k < len(j.Operations) {
		return k
	}
	return -1
}
