package tabu

import (
	"fmt"
	"sort"

	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// inst is the dense, read-only form of a plain job shop, shared by all
// workers of one solve. Operations are numbered 0..n-1 job by job, as in
// engine.Compiled; the slices that need no change (job, machine and
// processing time of each operation, the first operation of each job) are
// the Compiled's own.
type inst struct {
	n, nm, nj int
	job       []int32 // job index of each operation
	jobOp     []int32 // index of the operation in its job
	mach      []int32 // machine of each operation
	dur       []int64 // processing time
	rel       []int64 // head lower bound: job release, or fixed start
	jp, js    []int32 // job predecessor / successor (-1: none)
	fixed     []bool
	machOps   [][]int32 // operations of each machine
	nfixed    []int32   // number of fixed operations per machine (a prefix of every sequence)
	lidx      []int32   // index of an operation in machOps[mach]
	tabuOff   []int32   // offset of machine m's tabu matrix
	plain     bool      // no release dates and no fixed operations
	lb        int64     // trivial lower bound on the makespan
	firstOp   []int32   // first operation of each job (that of the next job when empty)
}

// View is the tabu search's view of a plain job shop: the disjunctive graph
// of a compiled problem (engine.Compiled) with one machine per operation,
// sequence routings without lags, release dates and fixed operations. It
// is read-only: one View serves any number of Improve calls, concurrent
// ones included.
type View struct {
	in *inst
	c  *engine.Compiled
}

// NewView builds the tabu search's view of c. It returns an error wrapping
// solver.ErrUnsupported when c uses a feature outside Features or has an
// operation with several alternatives, a DAG routing or a fixed operation
// after a free one of its job; another error when a fixed placement has a
// setup or starts before its fixed job predecessor ends, or when fixed
// operations overlap.
func NewView(c *engine.Compiled) (*View, error) {
	p := c.Problem
	if extra := p.Features() &^ Features; extra != 0 {
		return nil, solver.Unsupported(Name, "model feature(s) "+extra.String())
	}
	in := &inst{n: c.NumOps, nm: c.NumMachines, nj: c.NumJobs, plain: true}
	n := in.n
	in.job = c.OpJob
	in.firstOp = c.JobFirst[:c.NumJobs]
	in.jobOp = make([]int32, n)
	in.rel = make([]int64, n)
	in.jp = make([]int32, n)
	in.js = make([]int32, n)
	in.fixed = make([]bool, n)
	in.lidx = make([]int32, n)
	in.machOps = make([][]int32, in.nm)
	// One alternative per operation: the alternatives' machines and times
	// are the operations' (a fixed operation's own are copied in below).
	in.mach = c.AltMachine
	in.dur = c.AltProc
	if c.FixedMachine != nil {
		in.mach = append([]int32(nil), c.AltMachine...)
		in.dur = append([]int64(nil), c.AltProc...)
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Routing != model.Sequence {
			return nil, solver.Unsupported(Name, fmt.Sprintf("jobs[%d] (%q): DAG routings", j, job.ID))
		}
		if job.Release != 0 {
			in.plain = false
		}
		for k := range job.Operations {
			o := c.JobFirst[j] + int32(k)
			where := fmt.Sprintf("jobs[%d].operations[%d] (job %q)", j, k, job.ID)
			switch na := c.AltFirst[o+1] - c.AltFirst[o]; {
			case na == 0:
				return nil, fmt.Errorf("tabu: %s: no alternative machine", where)
			case na > 1:
				return nil, solver.Unsupported(Name, where+": alternative machines")
			}
			if c.AltFirst[o] != o {
				return nil, fmt.Errorf("tabu: internal error: %s: alternative %d", where, c.AltFirst[o])
			}
			in.jobOp[o] = int32(k)
			in.rel[o] = c.Release[o]
			in.jp[o], in.js[o] = -1, -1
			if k > 0 {
				in.jp[o] = o - 1
				in.js[o-1] = o
			}
			if c.FixedMachine == nil || c.FixedMachine[o] < 0 {
				continue
			}
			in.plain = false
			if c.FixedSetupStart[o] != c.FixedStart[o] {
				return nil, fmt.Errorf("tabu: %s.fixed: bad placement setup %d start %d end %d", where, c.FixedSetupStart[o], c.FixedStart[o], c.FixedEnd[o])
			}
			if k > 0 && !in.fixed[o-1] {
				return nil, solver.Unsupported(Name, where+": fixed operation after a non-fixed operation of its job")
			}
			if k > 0 && c.FixedEnd[o-1] > c.FixedStart[o] {
				return nil, fmt.Errorf("tabu: %s.fixed: starts at %d before its job predecessor ends at %d", where, c.FixedStart[o], c.FixedEnd[o-1])
			}
			in.fixed[o] = true
			in.mach[o] = c.FixedMachine[o]
			in.dur[o] = c.FixedEnd[o] - c.FixedStart[o]
			in.rel[o] = c.FixedStart[o]
		}
	}
	// Machine operation lists: fixed operations first, by start.
	for o := 0; o < n; o++ {
		m := in.mach[o]
		in.machOps[m] = append(in.machOps[m], int32(o))
	}
	in.nfixed = make([]int32, in.nm)
	in.tabuOff = make([]int32, in.nm+1)
	for m, ops := range in.machOps {
		sort.SliceStable(ops, func(a, b int) bool {
			fa, fb := in.fixed[ops[a]], in.fixed[ops[b]]
			if fa != fb {
				return fa
			}
			if fa {
				return in.rel[ops[a]] < in.rel[ops[b]]
			}
			return false
		})
		for i, o := range ops {
			in.lidx[o] = int32(i)
			if in.fixed[o] {
				in.nfixed[m]++
				if i > 0 && in.rel[ops[i-1]]+in.dur[ops[i-1]] > in.rel[o] {
					a, b := ops[i-1], o
					return nil, fmt.Errorf("tabu: fixed operations jobs[%d].operations[%d] and jobs[%d].operations[%d] overlap on machine %q",
						in.job[a], in.jobOp[a], in.job[b], in.jobOp[b], p.Machines[m].ID)
				}
			}
		}
		in.tabuOff[m+1] = in.tabuOff[m] + int32(len(ops)*len(ops))
	}
	in.lb = in.lowerBound()
	return &View{in: in, c: c}, nil
}

// Compiled returns the compiled problem v views.
func (v *View) Compiled() *engine.Compiled { return v.c }

// LowerBound returns a lower bound on the makespan: the largest of the
// machine bounds (the smallest head plus the work of each machine) and the
// job bounds (release plus work).
func (v *View) LowerBound() int64 { return v.in.lb }

// Sequence returns the flat machine sequences (the input of Improve) of a
// schedule given by the start and end of every operation: machine by
// machine, its fixed operations first (by their frozen start), then the
// others by start, end and index. It returns an error when start or end
// does not have one entry per operation.
func (v *View) Sequence(start, end []int64) ([]int32, error) {
	in := v.in
	if len(start) != in.n || len(end) != in.n {
		return nil, fmt.Errorf("tabu: %d starts and %d ends for %d operations", len(start), len(end), in.n)
	}
	flat := make([]int32, 0, in.n)
	for m, ops := range in.machOps {
		nf := int(in.nfixed[m])
		k := len(flat)
		flat = append(flat, ops...)
		free := flat[k+nf:]
		sort.SliceStable(free, func(a, b int) bool {
			x, y := free[a], free[b]
			if start[x] != start[y] {
				return start[x] < start[y]
			}
			if end[x] != end[y] {
				return end[x] < end[y]
			}
			return x < y
		})
	}
	return flat, nil
}

// lowerBound returns max(machine bound, job bound): every machine processes
// its operations one at a time after the smallest head lower bound among
// them; every job's chain takes at least its release plus its work.
func (in *inst) lowerBound() int64 {
	if in.n == 0 {
		return 0
	}
	head := make([]int64, in.n)
	lb := int64(-1 << 62)
	for o := 0; o < in.n; o++ {
		h := in.rel[o]
		if jp := in.jp[o]; jp >= 0 && !in.fixed[o] {
			h = max(h, head[jp]+in.dur[jp])
		}
		head[o] = h
		lb = max(lb, h+in.dur[o])
	}
	for _, ops := range in.machOps {
		if len(ops) == 0 {
			continue
		}
		lo := int64(1 << 62)
		sum := int64(0)
		for _, o := range ops {
			lo = min(lo, head[o])
			sum += in.dur[o]
		}
		lb = max(lb, lo+sum)
	}
	return lb
}

// schedule turns heads into a schedule.
func (in *inst) schedule(r []int64) *schedule.Schedule {
	s := &schedule.Schedule{Assignments: make([]schedule.Assignment, in.n)}
	for o := 0; o < in.n; o++ {
		s.Assignments[o] = schedule.Assignment{
			Job: int(in.job[o]), Op: int(in.jobOp[o]), Machine: int(in.mach[o]),
			SetupStart: r[o], Start: r[o], End: r[o] + in.dur[o],
		}
	}
	return s
}

// opIndex returns the dense index of operation k of job j (-1 if invalid).
func (in *inst) opIndex(j, k int) int {
	if j < 0 || j >= in.nj || k < 0 {
		return -1
	}
	o := int(in.firstOp[j]) + k
	end := in.n
	if j+1 < in.nj {
		end = int(in.firstOp[j+1])
	}
	if o >= end {
		return -1
	}
	return o
}

// seqFromSchedule orders each machine's operations by their start in s
// (fixed operations first) and returns the flat sequence, or an error when
// s does not place every operation exactly once on its machine.
func (in *inst) seqFromSchedule(s *schedule.Schedule) ([]int32, error) {
	start := make([]int64, in.n)
	end := make([]int64, in.n)
	seen := make([]bool, in.n)
	for i, a := range s.Assignments {
		o := in.opIndex(a.Job, a.Op)
		if o < 0 {
			return nil, fmt.Errorf("assignments[%d]: no operation %d of job %d", i, a.Op, a.Job)
		}
		if seen[o] {
			return nil, fmt.Errorf("assignments[%d]: job %d operation %d assigned twice", i, a.Job, a.Op)
		}
		if a.Machine != int(in.mach[o]) {
			return nil, fmt.Errorf("assignments[%d]: job %d operation %d on machine %d, want %d", i, a.Job, a.Op, a.Machine, in.mach[o])
		}
		seen[o] = true
		start[o], end[o] = a.Start, a.End
	}
	for o, ok := range seen {
		if !ok {
			return nil, fmt.Errorf("job %d operation %d not assigned", in.job[o], in.jobOp[o])
		}
	}
	return (&View{in: in}).Sequence(start, end)
}

// scheduleMakespan is the makespan of s (0 when empty).
func scheduleMakespan(s *schedule.Schedule) int64 {
	if len(s.Assignments) == 0 {
		return 0
	}
	c := s.Assignments[0].End
	for _, a := range s.Assignments[1:] {
		c = max(c, a.End)
	}
	return c
}

// verify reports whether s is a feasible schedule of the dense instance
// (every operation once on its machine with its duration, job order and
// release respected, no overlap, fixed operations in place). It guards the
// use of a hint: the returned schedule must never be worse than a feasible
// hint, and an infeasible hint is ignored.
func (in *inst) verify(s *schedule.Schedule) error {
	if len(s.Assignments) != in.n {
		return fmt.Errorf("%d assignments for %d operations", len(s.Assignments), in.n)
	}
	st := make([]int64, in.n)
	seen := make([]bool, in.n)
	for i, a := range s.Assignments {
		o := in.opIndex(a.Job, a.Op)
		if o < 0 || seen[o] {
			return fmt.Errorf("assignments[%d]: bad or duplicate operation", i)
		}
		seen[o] = true
		if a.Machine != int(in.mach[o]) || a.End-a.Start != in.dur[o] || a.SetupStart != a.Start {
			return fmt.Errorf("assignments[%d]: wrong machine or duration", i)
		}
		if in.fixed[o] && a.Start != in.rel[o] {
			return fmt.Errorf("assignments[%d]: fixed operation moved", i)
		}
		if !in.fixed[o] && a.Start < in.rel[o] {
			return fmt.Errorf("assignments[%d]: starts before release", i)
		}
		st[o] = a.Start
	}
	for o := 0; o < in.n; o++ {
		if jp := in.jp[o]; jp >= 0 && st[jp]+in.dur[jp] > st[o] {
			return fmt.Errorf("job %d: operation %d starts before operation %d ends", in.job[o], in.jobOp[o], in.jobOp[jp])
		}
	}
	for m, ops := range in.machOps {
		idx := append([]int32(nil), ops...)
		sort.Slice(idx, func(a, b int) bool {
			x, y := idx[a], idx[b]
			if st[x] != st[y] {
				return st[x] < st[y]
			}
			return in.dur[x] < in.dur[y]
		})
		for i := 1; i < len(idx); i++ {
			if st[idx[i-1]]+in.dur[idx[i-1]] > st[idx[i]] {
				return fmt.Errorf("machine %d: operations overlap", m)
			}
		}
	}
	return nil
}
