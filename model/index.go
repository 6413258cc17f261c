package model

import (
	"iter"
	"slices"
	"strconv"
	"sync"
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
	x := &Index{Ops: make([]map[string]int, len(p.Jobs))}
	p.fillIndex(x, func(n int) map[string]int { return make(map[string]int, n) })
	return x
}

// fillIndex builds the identifier maps of p in x, whose Ops has room for
// every job, with empty maps from newMap (given the number of ids).
func (p *Problem) fillIndex(x *Index, newMap func(n int) map[string]int) {
	x.Machines = newMap(len(p.Machines))
	x.Jobs = newMap(len(p.Jobs))
	x.Materials = newMap(len(p.Materials))
	x.Pools = newMap(len(p.OperatorPools))
	x.Calendars = newMap(len(p.Calendars))
	x.SetupMatrices = newMap(len(p.SetupMatrices))
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
	type lastJobs struct {
		n    int
		jobs [maxLike]int
	}
	like := make(map[int]lastJobs) // number of operations -> the last jobs with a map of their own, the latest first
	for i := range p.Jobs {
		j := &p.Jobs[i]
		put(x.Jobs, j.ID, i)
		l := like[len(j.Operations)]
		if s, ok := sameOps(p, l.jobs[:l.n], j); ok {
			x.Ops[i] = x.Ops[s]
			continue
		}
		x.Ops[i] = newMap(len(j.Operations))
		for k := range j.Operations {
			put(x.Ops[i], j.OpID(k), k)
		}
		l.n = min(l.n+1, maxLike)
		copy(l.jobs[1:l.n], l.jobs[:l.n-1])
		l.jobs[0] = i
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
}

// indexPool keeps the maps of the indexes that Validate builds for
// itself, for the next validation: building an index is mostly making
// maps.
var indexPool = sync.Pool{New: func() any { return new(pooledIndex) }}

// pooledIndex is an Index whose maps are kept, emptied, between uses.
type pooledIndex struct {
	x Index
	// used are the maps of x, free those cleared for the next index.
	used, free []map[string]int
}

// index returns the identifier maps of p in ix.
func (ix *pooledIndex) index(p *Problem) *Index {
	ix.x.Ops = slices.Grow(ix.x.Ops[:0], len(p.Jobs))[:len(p.Jobs)]
	p.fillIndex(&ix.x, func(n int) map[string]int {
		var m map[string]int
		if k := len(ix.free); k > 0 {
			m, ix.free = ix.free[k-1], ix.free[:k-1]
		} else {
			m = make(map[string]int, n)
		}
		ix.used = append(ix.used, m)
		return m
	})
	return &ix.x
}

// put empties the maps of ix (but those too large to keep) and returns it
// to indexPool: the index must not be used any more.
func (ix *pooledIndex) put() {
	for _, m := range ix.used {
		if len(m) <= maxScratch {
			clear(m)
			ix.free = append(ix.free, m)
		}
	}
	ix.used = ix.used[:0]
	clear(ix.x.Ops)
	if len(ix.free) <= maxScratch && cap(ix.x.Ops) <= maxScratch {
		ix.x = Index{Ops: ix.x.Ops[:0]}
		indexPool.Put(ix)
	}
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
