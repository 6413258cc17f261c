package model

import (
	"iter"
	"strconv"
)

// OpRef names an operation by the index of its job in Problem.Jobs and its
// index in the job's Operations.
type OpRef struct {
	Job, Op int
}

// Arc is a precedence constraint: To may start no earlier than MinLag ticks
// after From ends.
type Arc struct {
	From, To OpRef
	MinLag   int64
}

// Index maps the string identifiers of a problem to slice indices. It is
// built by NewIndex and tolerates invalid problems: when an ID is duplicated
// the first occurrence wins (Validate reports the duplicate). It is
// read-only: jobs with the same operation IDs share one map of Ops.
type Index struct {
	Machines      map[string]int
	Jobs          map[string]int
	Ops           []map[string]int // per job: operation ID -> index
	Materials     map[string]int
	Pools         map[string]int
	Calendars     map[string]int
	SetupMatrices map[string]int
}

// OpID returns the effective ID of operation k of job j: its ID, or its index
// as a decimal string when empty.
func (j *Job) OpID(k int) string {
	if id := j.Operations[k].ID; id != "" {
		return id
	}
	return strconv.Itoa(k)
}

// NewIndex builds the identifier maps of p.
func (p *Problem) NewIndex() *Index {
	x := &Index{
		Machines:      make(map[string]int, len(p.Machines)),
		Jobs:          make(map[string]int, len(p.Jobs)),
		Ops:           make([]map[string]int, len(p.Jobs)),
		Materials:     make(map[string]int, len(p.Materials)),
		Pools:         make(map[string]int, len(p.OperatorPools)),
		Calendars:     make(map[string]int, len(p.Calendars)),
		SetupMatrices: make(map[string]int, len(p.SetupMatrices)),
	}
	put := func(m map[string]int, id string, i int) {
		if _, ok := m[id]; !ok {
			m[id] = i
		}
	}
	for i := range p.Machines {
		put(x.Machines, p.Machines[i].ID, i)
	}
	// Jobs with the same operation IDs (in benchmark instances: the same
	// number of operations, none with an ID; in plants: the routings of
	// a few products) share one map.
	like := make(map[int][]int) // number of operations -> the last jobs with a map of their own, the latest first
	for i := range p.Jobs {
		j := &p.Jobs[i]
		put(x.Jobs, j.ID, i)
		if s, ok := sameOps(p, like[len(j.Operations)], j); ok {
			x.Ops[i] = x.Ops[s]
			continue
		}
		x.Ops[i] = make(map[string]int, len(j.Operations))
		for k := range j.Operations {
			put(x.Ops[i], j.OpID(k), k)
		}
		l := like[len(j.Operations)]
		if len(l) < maxLike {
			l = append(l, 0)
		}
		copy(l[1:], l)
		l[0] = i
		like[len(j.Operations)] = l
	}
	for i := range p.Materials {
		put(x.Materials, p.Materials[i].ID, i)
	}
	for i := range p.OperatorPools {
		put(x.Pools, p.OperatorPools[i].ID, i)
	}
	for i := range p.Calendars {
		put(x.Calendars, p.Calendars[i].ID, i)
	}
	for i := range p.SetupMatrices {
		put(x.SetupMatrices, p.SetupMatrices[i].ID, i)
	}
	return x
}

// maxLike is the number of jobs of each number of operations NewIndex
// compares a job with to share their map of operations.
const maxLike = 8

// sameOps returns the first job of jobs with the same operation IDs as j
// (of as many operations).
func sameOps(p *Problem, jobs []int, j *Job) (int, bool) {
	for _, s := range jobs {
		if sameOpIDs(&p.Jobs[s], j) {
			return s, true
		}
	}
	return 0, false
}

// sameOpIDs reports whether jobs a and b, of the same number of
// operations, have the same operation IDs.
func sameOpIDs(a, b *Job) bool {
	for k := range a.Operations {
		if a.Operations[k].ID != b.Operations[k].ID {
			return false
		}
	}
	return true
}

// Op resolves a link from an operation of job j to its predecessor.
func (x *Index) Op(j int, l Link) (OpRef, bool) {
	pj := j
	if l.Job != "" {
		var ok bool
		if pj, ok = x.Jobs[l.Job]; !ok {
			return OpRef{}, false
		}
	}
	k, ok := x.Ops[pj][l.Op]
	return OpRef{pj, k}, ok
}

// Arcs returns every precedence arc of p: the chain of each Sequence routing
// (with the operations' MinLag) and every After link. Links that do not
// resolve are skipped (Validate reports them).
func (p *Problem) Arcs(x *Index) []Arc {
	arcs := make([]Arc, 0, p.maxArcs())
	for a := range p.AllArcs(x) {
		arcs = append(arcs, a)
	}
	return arcs
}

// maxArcs returns the number of arcs of p when every link resolves: at
// least len(p.Arcs(x)).
func (p *Problem) maxArcs() int {
	na := 0
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Routing == Sequence && len(job.Operations) > 0 {
			na += len(job.Operations) - 1
		}
		for k := range job.Operations {
			na += len(job.Operations[k].After)
		}
	}
	return na
}

// AllArcs is Arcs as an iterator, for a caller that keeps the arcs in a
// form of its own: job by job, each operation's routing arc, then its
// After links.
func (p *Problem) AllArcs(x *Index) iter.Seq[Arc] {
	return func(yield func(Arc) bool) {
		for j := range p.Jobs {
			job := &p.Jobs[j]
			for k := range job.Operations {
				op := &job.Operations[k]
				if job.Routing == Sequence && k > 0 {
					if !yield(Arc{From: OpRef{j, k - 1}, To: OpRef{j, k}, MinLag: op.MinLag}) {
						return
					}
				}
				for _, l := range op.After {
					if from, ok := x.Op(j, l); ok {
						if !yield(Arc{From: from, To: OpRef{j, k}, MinLag: l.MinLag}) {
							return
						}
					}
				}
			}
		}
	}
}

// NumOperations returns the total number of operations.
func (p *Problem) NumOperations() int {
	n := 0
	for i := range p.Jobs {
		n += len(p.Jobs[i].Operations)
	}
	return n
}
