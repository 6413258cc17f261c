package schedule

import (
	"math"

	"github.com/ordo-sched/ordo/model"
)

// Makespan returns the latest End of any assignment of s (0 when s is nil or
// empty).
func Makespan(s *Schedule) int64 {
	if s == nil || len(s.Assignments) == 0 {
		return 0
	}
	mk := s.Assignments[0].End
	for _, a := range s.Assignments[1:] {
		mk = max(mk, a.End)
	}
	return mk
}

// completions returns the completion time C_j of every job of p: the
// latest End of its assignments, 0 for a job without any. Assignments whose
// job index is out of range are ignored.
func completions(p *model.Problem, s *Schedule) []int64 {
	c := make([]int64, len(p.Jobs))
	seen := make([]bool, len(p.Jobs))
	if s == nil {
		return c
	}
	for _, a := range s.Assignments {
		if a.Job < 0 || a.Job >= len(p.Jobs) {
			continue
		}
		if !seen[a.Job] || a.End > c[a.Job] {
			c[a.Job] = a.End
			seen[a.Job] = true
		}
	}
	return c
}

// criteria holds the value of every model.Criterion for one schedule.
type criteria struct {
	makespan          int64
	weightedTardiness float64
	maxLateness       int64
	lateJobs          int
	flowTime          int64
	weightedEarliness float64
}

func computeCriteria(p *model.Problem, s *Schedule, c []int64) criteria {
	r := criteria{makespan: Makespan(s)}
	first := true
	for j := range p.Jobs {
		job := &p.Jobs[j]
		r.flowTime += c[j] - job.Release
		if job.Due == nil {
			continue
		}
		l := c[j] - *job.Due
		if first || l > r.maxLateness {
			r.maxLateness = l
			first = false
		}
		if l > 0 {
			r.weightedTardiness += job.JobWeight() * float64(l)
			r.lateJobs++
		} else {
			r.weightedEarliness -= job.JobWeight() * float64(l)
		}
	}
	return r
}

func (r criteria) value(c model.Criterion) float64 {
	switch c {
	case model.Makespan:
		return float64(r.makespan)
	case model.WeightedTardiness:
		return r.weightedTardiness
	case model.MaxLateness:
		return float64(r.maxLateness)
	case model.LateJobs:
		return float64(r.lateJobs)
	case model.FlowTime:
		return float64(r.flowTime)
	case model.WeightedEarliness:
		return r.weightedEarliness
	}
	return math.NaN()
}

// Evaluate returns the value of objective obj for schedule s of problem p:
// the weighted sum of its criteria (makespan when obj is empty). With C_j
// the latest End of job j's operations (0 when it has none):
//
//   - makespan: the latest End of any operation (0 if none);
//   - weighted_tardiness: sum of w_j * max(0, C_j - due_j) over jobs with a
//     due date, w_j = Job.JobWeight();
//   - max_lateness: max of C_j - due_j over jobs with a due date (0 if none);
//   - late_jobs: the number of jobs with C_j > due_j;
//   - flow_time: sum over all jobs of C_j - Release_j;
//   - weighted_earliness: sum of w_j * max(0, due_j - C_j) over jobs with a
//     due date;
//   - cost: the plan's total cost (ComputeCosts).
//
// Evaluate does not check feasibility (see Check); assignments with an
// out-of-range job index are ignored. An unknown criterion yields NaN.
func Evaluate(p *model.Problem, s *Schedule, obj model.Objective) float64 {
	if p == nil {
		return math.NaN()
	}
	r := computeCriteria(p, s, completions(p, s))
	var v float64
	for _, t := range obj.Normalized().Terms {
		if t.Criterion == model.Cost {
			v += t.Weight * ComputeCosts(p, s).Total
			continue
		}
		v += t.Weight * r.value(t.Criterion)
	}
	return v
}

// JobKPI are the figures of one job.
type JobKPI struct {
	// Job is the index of the job in Problem.Jobs.
	Job int
	// Completion is C_j, the latest End of the job's operations.
	Completion int64
	// HasDue says whether the job has a due date; Lateness, Tardiness and
	// Late are zero when it has none.
	HasDue bool
	// Lateness is Completion - due (negative when early).
	Lateness int64
	// Tardiness is max(0, Lateness).
	Tardiness int64
	// Late reports Completion > due.
	Late bool
}

// MachineKPI are the figures of one machine over [0, makespan).
type MachineKPI struct {
	// Machine is the index of the machine in Problem.Machines.
	Machine int
	// Busy is the processing time on the machine: End - Start for
	// ordinary operations, the machine's working ticks inside
	// [Start, End) for resumable ones.
	Busy int64
	// Setup is the sequence-dependent setup time on the machine, counted
	// the same way over [SetupStart, Start).
	Setup int64
	// Working is the machine's working time over [0, makespan): the
	// makespan for an always-available machine.
	Working int64
	// Utilisation is (Busy + Setup) / Working (0 when Working is 0).
	Utilisation float64
}

// KPIs are the key figures of a schedule.
type KPIs struct {
	// Makespan is the latest End of any operation.
	Makespan int64
	// WeightedTardiness is the sum of w_j * max(0, C_j - due_j).
	WeightedTardiness float64
	// MaxLateness is the maximum of C_j - due_j over jobs with a due date
	// (0 when none has one).
	MaxLateness int64
	// LateJobs counts the jobs finishing after their due date.
	LateJobs int
	// FlowTime is the sum of C_j - Release_j over all jobs.
	FlowTime int64
	// WeightedEarliness is the sum of w_j * max(0, due_j - C_j).
	WeightedEarliness float64
	// Cost is the plan's cost with its breakdown (ComputeCosts).
	Cost Costs
	// Jobs has one entry per job of the problem, in order.
	Jobs []JobKPI
	// Machines has one entry per machine of the problem, in order.
	Machines []MachineKPI
}

// ComputeKPIs computes the objective criteria, per-job figures and per-machine
// utilisation of schedule s of problem p. Machine working time comes from
// Problem.MachineIntervals over [0, makespan); a machine whose calendar
// cannot be expanded is counted as always available. ComputeKPIs does not
// check feasibility and ignores assignments with out-of-range indices.
func ComputeKPIs(p *model.Problem, s *Schedule) KPIs {
	if p == nil {
		return KPIs{}
	}
	c := completions(p, s)
	r := computeCriteria(p, s, c)
	k := KPIs{
		Makespan:          r.makespan,
		WeightedTardiness: r.weightedTardiness,
		MaxLateness:       r.maxLateness,
		LateJobs:          r.lateJobs,
		FlowTime:          r.flowTime,
		WeightedEarliness: r.weightedEarliness,
		Cost:              ComputeCosts(p, s),
		Jobs:              make([]JobKPI, len(p.Jobs)),
		Machines:          make([]MachineKPI, len(p.Machines)),
	}
	for j := range p.Jobs {
		jk := JobKPI{Job: j, Completion: c[j]}
		if d := p.Jobs[j].Due; d != nil {
			jk.HasDue = true
			jk.Lateness = c[j] - *d
			jk.Tardiness = max(0, jk.Lateness)
			jk.Late = jk.Lateness > 0
		}
		k.Jobs[j] = jk
	}
	mk := max(r.makespan, 0)
	ivs := make([][]model.Interval, len(p.Machines))
	for m := range p.Machines {
		iv, err := p.MachineIntervals(&p.Machines[m], mk)
		if err != nil {
			iv = []model.Interval{{Start: 0, End: model.Forever}}
		}
		ivs[m] = iv
		k.Machines[m] = MachineKPI{Machine: m, Working: model.WorkIn(iv, 0, mk)}
	}
	if s != nil {
		for _, a := range s.Assignments {
			if a.Machine < 0 || a.Machine >= len(p.Machines) {
				continue
			}
			mk := &k.Machines[a.Machine]
			resumable := a.Job >= 0 && a.Job < len(p.Jobs) && a.Op >= 0 &&
				a.Op < len(p.Jobs[a.Job].Operations) && p.Jobs[a.Job].Operations[a.Op].Resumable
			if resumable {
				mk.Busy += model.WorkIn(ivs[a.Machine], a.Start, a.End)
				mk.Setup += model.WorkIn(ivs[a.Machine], a.SetupStart, a.Start)
			} else {
				mk.Busy += max(0, a.End-a.Start)
				mk.Setup += max(0, a.Start-a.SetupStart)
			}
		}
	}
	for m := range k.Machines {
		if w := k.Machines[m].Working; w > 0 {
			k.Machines[m].Utilisation = float64(k.Machines[m].Busy+k.Machines[m].Setup) / float64(w)
		}
	}
	return k
}
