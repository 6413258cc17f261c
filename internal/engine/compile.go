package engine

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/ordo-sched/ordo/model"
)

// Flags says which model features a compiled problem uses, so that the
// placement code skips the others.
type Flags uint32

// The engine flags.
const (
	// FlagCalendars: some machine has a calendar or downtime, or some
	// operator pool has a calendar.
	FlagCalendars Flags = 1 << iota
	// FlagSetups: some machine has a setup matrix.
	FlagSetups
	// FlagMaterials: some operation consumes or produces a material.
	FlagMaterials
	// FlagOperators: some operation needs operators.
	FlagOperators
	// FlagFixed: some operation is fixed.
	FlagFixed
	// FlagResumable: some operation is resumable.
	FlagResumable
	// FlagDeadlines: some operation has a finite latest end (a job
	// deadline, or a fixed successor).
	FlagDeadlines
	// FlagAlternatives: some operation has several alternatives.
	FlagAlternatives
)

// Plain reports whether none of calendars, setups, materials, operators
// and fixed operations is used: the problem is a (flexible) job shop with
// precedence, releases, lags and deadlines only, which the engine places
// on its fast path (in append mode).
func (f Flags) Plain() bool {
	return f&(FlagCalendars|FlagSetups|FlagMaterials|FlagOperators|FlagFixed) == 0
}

// MinTime is a time before any tick of a schedule: the end of an empty
// machine, the lower bound that means "no bound".
const MinTime int64 = -model.Forever

// Compiled is the dense, read-only form of a model.Problem. Operations are
// numbered globally, job by job (the operations of job j are
// JobFirst[j] .. JobFirst[j+1]-1, in routing order); per-operation lists
// (alternatives, predecessors, ...) are stored CSR-style: the entries of
// operation o are [XFirst[o], XFirst[o+1]) of the X arrays.
//
// A Compiled is never modified after Compile returns, so one value may be
// shared by any number of goroutines, each with its own State.
type Compiled struct {
	// Problem is the source problem (not copied: do not modify it while
	// the Compiled is in use).
	Problem *model.Problem
	// Index maps Problem's identifiers to slice indices (model.NewIndex);
	// the compiled indices of machines, materials and pools are these.
	Index *model.Index
	// Flags are the features in use.
	Flags Flags
	// Horizon is the planning horizon over which calendars are expanded
	// (model.Problem.PlanningHorizon).
	Horizon int64

	NumJobs, NumOps, NumMachines, NumMaterials, NumPools, NumFamilies, NumSkills int

	// Jobs.
	JobFirst   []int32   // NumJobs+1 entries
	JobRelease []int64   // release date
	JobDue     []int64   // due date (model.Forever when none)
	JobHasDue  []bool    // whether the job has a due date
	JobWeight  []float64 // model.Job.JobWeight

	// Operations.
	OpJob     []int32 // job index
	Release   []int64 // earliest start (and setup start): the job's release
	LatestEnd []int64 // latest end: job deadline, tightened by fixed successors (model.Forever when none)
	Family    []int32 // setup family index
	Resumable []bool  // resumable operations
	MinProc   []int64 // smallest processing time over the alternatives
	FastAlt   []int32 // the first alternative with that time (index within the operation's)

	// Alternatives: AltFirst has NumOps+1 entries; alternative a (global
	// index) runs on machine AltMachine[a] for AltProc[a] ticks.
	AltFirst   []int32
	AltMachine []int32
	AltProc    []int64

	// Precedence arcs (start(to) >= end(from) + lag), CSR by successor and
	// by predecessor.
	PredFirst []int32
	PredOp    []int32
	PredLag   []int64
	SuccFirst []int32
	SuccOp    []int32
	SuccLag   []int64
	// Topo is a topological order of the operations.
	Topo []int32

	// Fixed operations (nil slices when none): FixedMachine[o] is -1 when o
	// is not fixed; FixedOrder lists the fixed operations by start.
	FixedMachine    []int32
	FixedSetupStart []int64
	FixedStart      []int64
	FixedEnd        []int64
	FixedOrder      []int32
	// FixedPool, in the layout of the operator arena (OperFirst), holds
	// the pool of each operator of a fixed operation given its pools
	// (model.Fixed.Pools), -1 elsewhere; nil when no operation has them.
	FixedPool []int32

	// Materials: per operation consumptions at start and productions at
	// end (one entry per material, quantities summed), per material the
	// base events (Initial at tick 0, receipts), merged by time, and the
	// operations that consume it.
	ConsFirst    []int32
	ConsMat      []int32
	ConsQty      []float64
	ProdFirst    []int32
	ProdMat      []int32
	ProdQty      []float64
	MatEvFirst   []int32
	MatEvTime    []int64
	MatEvQty     []float64
	MatConsFirst []int32
	MatConsOp    []int32
	MatNames     []string

	// Operators: per operation its needs (skill index, count), and the
	// offset of its chosen pools in a per-operation arena (OperFirst has
	// NumOps+1 entries: the total count of its needs). Pools: capacity,
	// skills (PoolSkill[p*NumSkills+s]), calendar (nil: always) and calendar
	// class (0: no calendar, k >= 1: the k-th distinct pool calendar).
	NeedFirst  []int32
	NeedSkill  []int32
	NeedCount  []int32
	OperFirst  []int32
	PoolCap    []int32
	PoolSkill  []bool
	PoolCal    []*Calendar
	PoolClass  []int32
	NumClasses int
	SkillNames []string

	// Machines: calendar (nil: always available), setup table index (-1:
	// none), largest setup time, and the operations having an alternative
	// on the machine (CSR).
	MachCal      []*Calendar
	MachSetup    []int32
	MachMaxSetup []int64
	MachOpsFirst []int32
	MachOps      []int32
	// EffCal[m*NumClasses+k] is the machine's calendar intersected with
	// the pool calendar of class k (k = 0: the machine's calendar).
	EffCal []*Calendar

	// Setup tables: SetupTab[k][from*NumFamilies+to], SetupInit[k] before
	// the first operation.
	SetupTab  [][]int64
	SetupInit []int64
	// MachMonotone[m] reports whether committing an operation on machine m
	// never lets another operation start earlier there: true unless m's
	// setup table breaks the triangle inequality by more than the shortest
	// processing time on m (S(a,c) > S(a,b) + p + S(b,c)).
	MachMonotone []bool
}

// CompileError is returned by Compile for a problem the engine cannot
// handle; Path locates the offending element as model.Validate does.
type CompileError struct {
	Path string
	Msg  string
}

func (e *CompileError) Error() string { return "engine: " + e.Path + ": " + e.Msg }

func errAt(path, format string, args ...any) error {
	return &CompileError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// Compile builds the dense form of p. It returns an error (never panics)
// when p refers to unknown machines, calendars, setup matrices, materials
// or skills, has negative processing times or a precedence cycle.
func Compile(p *model.Problem) (*Compiled, error) {
	if p == nil {
		return nil, errAt("problem", "no problem")
	}
	x := p.NewIndex()
	c := &Compiled{Problem: p, Index: x, NumJobs: len(p.Jobs), NumMachines: len(p.Machines)}
	n := p.NumOperations()
	c.NumOps = n
	if n > math.MaxInt32/4 {
		return nil, errAt("jobs", "too many operations (%d)", n)
	}
	feat := p.Features()
	if feat&model.FeatAlternatives != 0 {
		c.Flags |= FlagAlternatives
	}

	// Jobs and operations.
	c.JobFirst = make([]int32, c.NumJobs+1)
	c.JobRelease = make([]int64, c.NumJobs)
	c.JobDue = make([]int64, c.NumJobs)
	c.JobHasDue = make([]bool, c.NumJobs)
	c.JobWeight = make([]float64, c.NumJobs)
	c.OpJob = make([]int32, n)
	c.Release = make([]int64, n)
	c.LatestEnd = make([]int64, n)
	c.Family = make([]int32, n)
	c.Resumable = make([]bool, n)
	c.MinProc = make([]int64, n)
	c.FastAlt = make([]int32, n)
	c.AltFirst = make([]int32, n+1)
	// nalt alternatives; narc arcs when every link resolves.
	nalt, narc := 0, 0
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Routing == model.Sequence && len(job.Operations) > 0 {
			narc += len(job.Operations) - 1
		}
		for k := range job.Operations {
			nalt += len(job.Operations[k].Alternatives)
			narc += len(job.Operations[k].After)
		}
	}
	c.AltMachine = make([]int32, 0, nalt)
	c.AltProc = make([]int64, 0, nalt)
	famIdx := map[string]int32{}
	lastFam, lastIdx := "", int32(-1)
	famOf := func(f string) int32 {
		if lastIdx >= 0 && f == lastFam {
			return lastIdx
		}
		i, ok := famIdx[f]
		if !ok {
			i = int32(len(famIdx))
			famIdx[f] = i
		}
		lastFam, lastIdx = f, i
		return i
	}
	o := 0
	for j := range p.Jobs {
		job := &p.Jobs[j]
		c.JobFirst[j] = int32(o)
		c.JobRelease[j] = job.Release
		c.JobWeight[j] = job.JobWeight()
		c.JobDue[j] = model.Forever
		if job.Due != nil {
			c.JobDue[j] = *job.Due
			c.JobHasDue[j] = true
		}
		dl := model.Forever
		if job.Deadline != nil {
			dl = *job.Deadline
			c.Flags |= FlagDeadlines
		}
		for k := range job.Operations {
			op := &job.Operations[k]
			path := func() string { return fmt.Sprintf("jobs[%d].operations[%d]", j, k) }
			c.OpJob[o] = int32(j)
			c.Release[o] = job.Release
			c.LatestEnd[o] = dl
			c.Family[o] = famOf(op.SetupFamily)
			c.Resumable[o] = op.Resumable
			if op.Resumable {
				c.Flags |= FlagResumable
			}
			c.AltFirst[o] = int32(len(c.AltMachine))
			if len(op.Alternatives) == 0 && op.Fixed == nil {
				return nil, errAt(path()+".alternatives", "job %q operation %q has no alternative machine", job.ID, job.OpID(k))
			}
			mp := int64(math.MaxInt64)
			for a, alt := range op.Alternatives {
				m, ok := x.Machines[alt.Machine]
				if !ok {
					return nil, errAt(fmt.Sprintf("%s.alternatives[%d].machine", path(), a), "job %q operation %q refers to unknown machine %q", job.ID, job.OpID(k), alt.Machine)
				}
				pt := alt.ProcessingTime(job.Quantity)
				if pt < 0 || pt >= model.Forever {
					return nil, errAt(fmt.Sprintf("%s.alternatives[%d]", path(), a), "job %q operation %q has an invalid processing time %d on machine %q", job.ID, job.OpID(k), pt, alt.Machine)
				}
				c.AltMachine = append(c.AltMachine, int32(m))
				c.AltProc = append(c.AltProc, pt)
				if pt < mp {
					mp = pt
					c.FastAlt[o] = int32(a)
				}
			}
			if len(op.Alternatives) == 0 {
				mp = 0
			}
			c.MinProc[o] = mp
			o++
		}
	}
	c.JobFirst[c.NumJobs] = int32(n)
	c.AltFirst[n] = int32(len(c.AltMachine))
	c.NumFamilies = len(famIdx)

	if err := c.compileArcs(p, x, narc); err != nil {
		return nil, err
	}
	if err := c.compileFixed(p, x); err != nil {
		return nil, err
	}
	c.propagateLatestEnd()

	// Machines: operations per machine.
	c.MachOpsFirst = make([]int32, c.NumMachines+1)
	for _, m := range c.AltMachine {
		c.MachOpsFirst[m+1]++
	}
	for m := 0; m < c.NumMachines; m++ {
		c.MachOpsFirst[m+1] += c.MachOpsFirst[m]
	}
	c.MachOps = make([]int32, len(c.AltMachine))
	fill := append([]int32(nil), c.MachOpsFirst[:c.NumMachines]...)
	for op := 0; op < n; op++ {
		for a := c.AltFirst[op]; a < c.AltFirst[op+1]; a++ {
			m := c.AltMachine[a]
			// An operation with two alternatives on one machine is listed once.
			if fill[m] > c.MachOpsFirst[m] && c.MachOps[fill[m]-1] == int32(op) {
				continue
			}
			c.MachOps[fill[m]] = int32(op)
			fill[m]++
		}
	}
	// Compact (duplicates left holes at the end of some machines' ranges).
	w := int32(0)
	for m := 0; m < c.NumMachines; m++ {
		s, e := c.MachOpsFirst[m], fill[m]
		c.MachOpsFirst[m] = w
		for i := s; i < e; i++ {
			c.MachOps[w] = c.MachOps[i]
			w++
		}
	}
	c.MachOpsFirst[c.NumMachines] = w
	c.MachOps = c.MachOps[:w]

	if err := c.compileCalendars(p, x); err != nil {
		return nil, err
	}
	if err := c.compileSetups(p, x, famIdx); err != nil {
		return nil, err
	}
	if err := c.compileMaterials(p, x); err != nil {
		return nil, err
	}
	if err := c.compileOperators(p); err != nil {
		return nil, err
	}
	if err := c.compileFixedPools(p, x); err != nil {
		return nil, err
	}
	return c, nil
}

// compileFixedPools records the pools of the fixed operations that give
// them (after compileOperators: the arena and the skills).
func (c *Compiled) compileFixedPools(p *model.Problem, x *model.Index) error {
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			f := op.Fixed
			if f == nil || len(f.Pools) == 0 {
				continue
			}
			o := c.JobFirst[j] + int32(k)
			lo, hi := c.OperFirst[o], c.OperFirst[o+1]
			path := fmt.Sprintf("jobs[%d].operations[%d].fixed.pools", j, k)
			if int(hi-lo) != len(f.Pools) {
				return errAt(path, "job %q operation %q is fixed on %d operator pool(s) but needs %d operator(s)", job.ID, job.OpID(k), len(f.Pools), hi-lo)
			}
			if c.FixedPool == nil {
				c.FixedPool = make([]int32, c.OperFirst[c.NumOps])
				for i := range c.FixedPool {
					c.FixedPool[i] = -1
				}
			}
			u := lo
			for i := c.NeedFirst[o]; i < c.NeedFirst[o+1]; i++ {
				s := int(c.NeedSkill[i])
				for range c.NeedCount[i] {
					id := f.Pools[u-lo]
					pi, ok := x.Pools[id]
					if !ok {
						return errAt(fmt.Sprintf("%s[%d]", path, u-lo), "job %q operation %q is fixed on unknown operator pool %q", job.ID, job.OpID(k), id)
					}
					if !c.PoolSkill[pi*c.NumSkills+s] {
						return errAt(fmt.Sprintf("%s[%d]", path, u-lo), "job %q operation %q is fixed on operator pool %q, which lacks the skill %q", job.ID, job.OpID(k), id, c.SkillNames[s])
					}
					c.FixedPool[u] = int32(pi)
					u++
				}
			}
		}
	}
	return nil
}

// compileArcs builds the predecessor and successor lists from the
// problem's arcs (model.Problem.AllArcs: each operation's routing arc,
// then its After links, job by job) and a topological order. A link that does
// not resolve is an error here (Arcs skips it): want is the number of
// arcs when every link resolves.
func (c *Compiled) compileArcs(p *model.Problem, x *model.Index, want int) error {
	n := c.NumOps
	type arc struct {
		from, to int32
		lag      int64
	}
	arcs := make([]arc, 0, want)
	for a := range p.AllArcs(x) {
		arcs = append(arcs, arc{c.JobFirst[a.From.Job] + int32(a.From.Op), c.JobFirst[a.To.Job] + int32(a.To.Op), a.MinLag})
	}
	for j := 0; j < len(p.Jobs) && len(arcs) < want; j++ {
		job := &p.Jobs[j]
		for k := range job.Operations {
			for li, l := range job.Operations[k].After {
				if _, ok := x.Op(j, l); ok {
					continue
				}
				path := fmt.Sprintf("jobs[%d].operations[%d].after[%d]", j, k, li)
				if _, ok := x.Jobs[l.Job]; l.Job != "" && !ok {
					return errAt(path+".job", "job %q operation %q follows unknown job %q", job.ID, job.OpID(k), l.Job)
				}
				pj := j
				if l.Job != "" {
					pj = x.Jobs[l.Job]
				}
				return errAt(path+".op", "job %q operation %q follows unknown operation %q of job %q", job.ID, job.OpID(k), l.Op, p.Jobs[pj].ID)
			}
		}
	}
	c.PredFirst = make([]int32, n+1)
	c.SuccFirst = make([]int32, n+1)
	for _, a := range arcs {
		c.PredFirst[a.to+1]++
		c.SuccFirst[a.from+1]++
	}
	for i := 0; i < n; i++ {
		c.PredFirst[i+1] += c.PredFirst[i]
		c.SuccFirst[i+1] += c.SuccFirst[i]
	}
	c.PredOp = make([]int32, len(arcs))
	c.PredLag = make([]int64, len(arcs))
	c.SuccOp = make([]int32, len(arcs))
	c.SuccLag = make([]int64, len(arcs))
	pf := append([]int32(nil), c.PredFirst[:n]...)
	sf := append([]int32(nil), c.SuccFirst[:n]...)
	for _, a := range arcs {
		c.PredOp[pf[a.to]], c.PredLag[pf[a.to]] = a.from, a.lag
		pf[a.to]++
		c.SuccOp[sf[a.from]], c.SuccLag[sf[a.from]] = a.to, a.lag
		sf[a.from]++
	}
	// Kahn's algorithm, smallest index first among ready operations of
	// the FIFO (deterministic).
	indeg := make([]int32, n)
	for i := 0; i < n; i++ {
		indeg[i] = c.PredFirst[i+1] - c.PredFirst[i]
	}
	c.Topo = make([]int32, 0, n)
	for i := 0; i < n; i++ {
		if indeg[i] == 0 {
			c.Topo = append(c.Topo, int32(i))
		}
	}
	for h := 0; h < len(c.Topo); h++ {
		o := c.Topo[h]
		for s := c.SuccFirst[o]; s < c.SuccFirst[o+1]; s++ {
			t := c.SuccOp[s]
			indeg[t]--
			if indeg[t] == 0 {
				c.Topo = append(c.Topo, t)
			}
		}
	}
	if len(c.Topo) < n {
		for i := 0; i < n; i++ {
			if indeg[i] > 0 {
				j := c.OpJob[i]
				k := int32(i) - c.JobFirst[j]
				return errAt(fmt.Sprintf("jobs[%d].operations[%d]", j, k), "job %q operation %q is on a precedence cycle", p.Jobs[j].ID, p.Jobs[j].OpID(int(k)))
			}
		}
	}
	return nil
}

// compileFixed records fixed operations.
func (c *Compiled) compileFixed(p *model.Problem, x *model.Index) error {
	any := false
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			if p.Jobs[j].Operations[k].Fixed != nil {
				any = true
			}
		}
	}
	if !any {
		return nil
	}
	c.Flags |= FlagFixed
	n := c.NumOps
	c.FixedMachine = make([]int32, n)
	c.FixedSetupStart = make([]int64, n)
	c.FixedStart = make([]int64, n)
	c.FixedEnd = make([]int64, n)
	for i := range c.FixedMachine {
		c.FixedMachine[i] = -1
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			f := job.Operations[k].Fixed
			if f == nil {
				continue
			}
			o := c.JobFirst[j] + int32(k)
			m, ok := x.Machines[f.Machine]
			path := func() string { return fmt.Sprintf("jobs[%d].operations[%d].fixed", j, k) }
			if !ok {
				return errAt(path()+".machine", "job %q operation %q is fixed on unknown machine %q", job.ID, job.OpID(k), f.Machine)
			}
			if f.SetupStart > f.Start || f.End < f.Start {
				return errAt(path(), "job %q operation %q has malformed fixed times (setup start %d, start %d, end %d)", job.ID, job.OpID(k), f.SetupStart, f.Start, f.End)
			}
			c.FixedMachine[o] = int32(m)
			c.FixedSetupStart[o] = f.SetupStart
			c.FixedStart[o] = f.Start
			c.FixedEnd[o] = f.End
			c.FixedOrder = append(c.FixedOrder, o)
		}
	}
	// A total order (ties by operation): no stable sort needed.
	slices.SortFunc(c.FixedOrder, func(x, y int32) int {
		if c.FixedStart[x] != c.FixedStart[y] {
			return cmp.Compare(c.FixedStart[x], c.FixedStart[y])
		}
		if c.FixedEnd[x] != c.FixedEnd[y] {
			return cmp.Compare(c.FixedEnd[x], c.FixedEnd[y])
		}
		return cmp.Compare(x, y)
	})
	return nil
}

// propagateLatestEnd tightens LatestEnd backwards through the precedence
// graph: a predecessor must end early enough for its successor to start by
// its own latest end minus its shortest processing time (or by its fixed
// start). These are necessary conditions only.
func (c *Compiled) propagateLatestEnd() {
	for h := len(c.Topo) - 1; h >= 0; h-- {
		o := c.Topo[h]
		var ls int64
		switch {
		case c.FixedMachine != nil && c.FixedMachine[o] >= 0:
			ls = c.FixedStart[o]
		case c.LatestEnd[o] < model.Forever:
			ls = c.LatestEnd[o] - c.MinProc[o]
		default:
			continue
		}
		for i := c.PredFirst[o]; i < c.PredFirst[o+1]; i++ {
			pr := c.PredOp[i]
			if v := ls - c.PredLag[i]; v < c.LatestEnd[pr] {
				c.LatestEnd[pr] = v
				c.Flags |= FlagDeadlines
			}
		}
	}
}

// compileCalendars expands every calendar once and builds machine, pool
// and effective calendars.
func (c *Compiled) compileCalendars(p *model.Problem, x *model.Index) error {
	c.MachCal = make([]*Calendar, c.NumMachines)
	c.PoolCal = make([]*Calendar, len(p.OperatorPools))
	c.PoolClass = make([]int32, len(p.OperatorPools))
	need := false
	for i := range p.Machines {
		if p.Machines[i].Calendar != "" || len(p.Machines[i].Downtime) > 0 {
			need = true
		}
	}
	for i := range p.OperatorPools {
		if p.OperatorPools[i].Calendar != "" {
			need = true
		}
	}
	c.NumClasses = 1
	if !need {
		c.Horizon = model.Forever
		c.EffCal = make([]*Calendar, c.NumMachines)
		return nil
	}
	c.Flags |= FlagCalendars
	c.Horizon = p.PlanningHorizon()
	expanded := make(map[int][]model.Interval)
	compiled := make(map[int]*Calendar)
	expand := func(id, path string) ([]model.Interval, int, error) {
		ci, ok := x.Calendars[id]
		if !ok {
			return nil, 0, errAt(path, "unknown calendar %q", id)
		}
		if iv, ok := expanded[ci]; ok {
			return iv, ci, nil
		}
		iv, err := p.CalendarIntervals(&p.Calendars[ci], c.Horizon)
		if err != nil {
			return nil, 0, errAt(path, "%v", err)
		}
		expanded[ci] = iv
		return iv, ci, nil
	}
	for m := range p.Machines {
		mc := &p.Machines[m]
		if mc.Calendar == "" && len(mc.Downtime) == 0 {
			continue
		}
		var ivs []model.Interval
		ci := -1
		if mc.Calendar == "" {
			ivs = []model.Interval{{Start: 0, End: model.Forever}}
		} else {
			var err error
			ivs, ci, err = expand(mc.Calendar, fmt.Sprintf("machines[%d].calendar", m))
			if err != nil {
				return err
			}
		}
		if len(mc.Overtime) > 0 && mc.Calendar != "" {
			ivs = mc.WithOvertime(ivs)
			ci = -2 - m // a calendar of its own
		}
		if len(mc.Downtime) == 0 {
			if cc, ok := compiled[ci]; ok {
				c.MachCal[m] = cc
				continue
			}
			c.MachCal[m] = NewCalendar(ivs)
			compiled[ci] = c.MachCal[m]
			continue
		}
		var down []model.Interval
		for _, d := range mc.Downtime {
			if d.Start < d.End {
				down = append(down, model.Interval{Start: d.Start, End: d.End})
			}
		}
		c.MachCal[m] = NewCalendar(model.Subtract(ivs, model.Normalize(down)))
	}
	classOf := map[int]int32{}
	var classCals []*Calendar
	for i := range p.OperatorPools {
		op := &p.OperatorPools[i]
		if op.Calendar == "" {
			continue
		}
		ivs, ci, err := expand(op.Calendar, fmt.Sprintf("operator_pools[%d].calendar", i))
		if err != nil {
			return err
		}
		cl, ok := classOf[ci]
		if !ok {
			cc, ok2 := compiled[ci]
			if !ok2 {
				cc = NewCalendar(ivs)
				compiled[ci] = cc
			}
			classCals = append(classCals, cc)
			cl = int32(len(classCals))
			classOf[ci] = cl
		}
		c.PoolClass[i] = cl
		c.PoolCal[i] = classCals[cl-1]
	}
	c.NumClasses = 1 + len(classCals)
	c.EffCal = make([]*Calendar, c.NumMachines*c.NumClasses)
	// Intersections are only needed for resumable operations that need
	// operators; machines sharing a calendar share them.
	needEff := make([]bool, c.NumMachines)
	for o := 0; o < c.NumOps; o++ {
		j := c.OpJob[o]
		if !c.Resumable[o] || len(p.Jobs[j].Operations[o-int(c.JobFirst[j])].Operators) == 0 {
			continue
		}
		for a := c.AltFirst[o]; a < c.AltFirst[o+1]; a++ {
			needEff[c.AltMachine[a]] = true
		}
	}
	type key struct {
		m *Calendar
		k int
	}
	cache := map[key]*Calendar{}
	for m := 0; m < c.NumMachines; m++ {
		c.EffCal[m*c.NumClasses] = c.MachCal[m]
		if !needEff[m] {
			continue
		}
		for k := 1; k < c.NumClasses; k++ {
			pc := classCals[k-1]
			mc := c.MachCal[m]
			switch {
			case mc == nil || mc == pc:
				c.EffCal[m*c.NumClasses+k] = pc
			default:
				kk := key{mc, k}
				if e, ok := cache[kk]; ok {
					c.EffCal[m*c.NumClasses+k] = e
					continue
				}
				e := NewCalendar(model.Intersect(mc.Intervals(), pc.Intervals()))
				cache[kk] = e
				c.EffCal[m*c.NumClasses+k] = e
			}
		}
	}
	return nil
}

// compileSetups builds dense setup tables.
func (c *Compiled) compileSetups(p *model.Problem, x *model.Index, famIdx map[string]int32) error {
	c.MachSetup = make([]int32, c.NumMachines)
	c.MachMaxSetup = make([]int64, c.NumMachines)
	tabOf := map[int]int32{}
	F := c.NumFamilies
	for m := range p.Machines {
		c.MachSetup[m] = -1
		id := p.Machines[m].SetupMatrix
		if id == "" {
			continue
		}
		si, ok := x.SetupMatrices[id]
		if !ok {
			return errAt(fmt.Sprintf("machines[%d].setup_matrix", m), "machine %q refers to unknown setup matrix %q", p.Machines[m].ID, id)
		}
		c.Flags |= FlagSetups
		if t, ok := tabOf[si]; ok {
			c.MachSetup[m] = t
		} else {
			sm := &p.SetupMatrices[si]
			if sm.Default < 0 || sm.Initial < 0 {
				return errAt(fmt.Sprintf("setup_matrices[%d]", si), "setup matrix %q has a negative time", sm.ID)
			}
			tab := make([]int64, F*F)
			for a := 0; a < F; a++ {
				for b := 0; b < F; b++ {
					if a != b {
						tab[a*F+b] = sm.Default
					}
				}
			}
			seen := make(map[[2]int32]bool, len(sm.Entries))
			for ei, e := range sm.Entries {
				if e.Time < 0 {
					return errAt(fmt.Sprintf("setup_matrices[%d].entries[%d]", si, ei), "setup matrix %q has a negative time", sm.ID)
				}
				fa, ok1 := famIdx[e.From]
				fb, ok2 := famIdx[e.To]
				if !ok1 || !ok2 {
					continue // families no operation has
				}
				key := [2]int32{fa, fb}
				if seen[key] {
					continue // the first entry wins
				}
				seen[key] = true
				tab[int(fa)*F+int(fb)] = e.Time
			}
			t := int32(len(c.SetupTab))
			c.SetupTab = append(c.SetupTab, tab)
			c.SetupInit = append(c.SetupInit, sm.Initial)
			tabOf[si] = t
			c.MachSetup[m] = t
		}
		t := c.MachSetup[m]
		mx := c.SetupInit[t]
		for _, v := range c.SetupTab[t] {
			mx = max(mx, v)
		}
		c.MachMaxSetup[m] = mx
	}
	c.MachMonotone = make([]bool, c.NumMachines)
	minP := make([]int64, c.NumMachines)
	for m := range minP {
		minP[m] = math.MaxInt64 / 4
	}
	for a, m := range c.AltMachine {
		minP[m] = min(minP[m], c.AltProc[a])
	}
	for m := range c.MachMonotone {
		t := c.MachSetup[m]
		if t < 0 {
			c.MachMonotone[m] = true
			continue
		}
		tab := c.SetupTab[t]
		ok := true
		for a := 0; a < F && ok; a++ {
			for b := 0; b < F && ok; b++ {
				for d := 0; d < F; d++ {
					if tab[a*F+d] > tab[a*F+b]+minP[m]+tab[b*F+d] {
						ok = false
						break
					}
				}
			}
		}
		c.MachMonotone[m] = ok
	}
	return nil
}

// compileMaterials builds consumption/production lists and base events.
func (c *Compiled) compileMaterials(p *model.Problem, x *model.Index) error {
	n := c.NumOps
	c.NumMaterials = len(p.Materials)
	c.MatNames = make([]string, len(p.Materials))
	for i := range p.Materials {
		c.MatNames[i] = p.Materials[i].ID
	}
	c.ConsFirst = make([]int32, n+1)
	c.ProdFirst = make([]int32, n+1)
	add := func(mats []int32, qtys []float64, first int, m int32, q float64) ([]int32, []float64) {
		for i := first; i < len(mats); i++ {
			if mats[i] == m {
				qtys[i] += q
				return mats, qtys
			}
		}
		return append(mats, m), append(qtys, q)
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			o := c.JobFirst[j] + int32(k)
			cf := len(c.ConsMat)
			for i, q := range op.Consumes {
				mi, ok := x.Materials[q.Material]
				m := int32(mi)
				if !ok {
					return errAt(fmt.Sprintf("jobs[%d].operations[%d].consumes[%d].material", j, k, i), "job %q operation %q consumes unknown material %q", job.ID, job.OpID(k), q.Material)
				}
				if q.Quantity < 0 || math.IsNaN(q.Quantity) || math.IsInf(q.Quantity, 0) {
					return errAt(fmt.Sprintf("jobs[%d].operations[%d].consumes[%d].quantity", j, k, i), "job %q operation %q consumes an invalid quantity %g", job.ID, job.OpID(k), q.Quantity)
				}
				c.ConsMat, c.ConsQty = add(c.ConsMat, c.ConsQty, cf, m, q.Quantity)
			}
			pf := len(c.ProdMat)
			for i, q := range op.Produces {
				mi, ok := x.Materials[q.Material]
				m := int32(mi)
				if !ok {
					return errAt(fmt.Sprintf("jobs[%d].operations[%d].produces[%d].material", j, k, i), "job %q operation %q produces unknown material %q", job.ID, job.OpID(k), q.Material)
				}
				if q.Quantity < 0 || math.IsNaN(q.Quantity) || math.IsInf(q.Quantity, 0) {
					return errAt(fmt.Sprintf("jobs[%d].operations[%d].produces[%d].quantity", j, k, i), "job %q operation %q produces an invalid quantity %g", job.ID, job.OpID(k), q.Quantity)
				}
				c.ProdMat, c.ProdQty = add(c.ProdMat, c.ProdQty, pf, m, q.Quantity)
			}
			c.ConsFirst[o+1] = int32(len(c.ConsMat))
			c.ProdFirst[o+1] = int32(len(c.ProdMat))
		}
	}
	if len(c.ConsMat) > 0 || len(c.ProdMat) > 0 {
		c.Flags |= FlagMaterials
	}
	// Base events.
	c.MatEvFirst = make([]int32, c.NumMaterials+1)
	for mi := range p.Materials {
		mat := &p.Materials[mi]
		type ev struct {
			t int64
			q float64
		}
		evs := make([]ev, 0, len(mat.Receipts)+1)
		if mat.Initial != 0 {
			evs = append(evs, ev{0, mat.Initial})
		}
		for _, r := range mat.Receipts {
			evs = append(evs, ev{r.At, r.Quantity})
		}
		sort.SliceStable(evs, func(a, b int) bool { return evs[a].t < evs[b].t })
		for i, e := range evs {
			if i > 0 && evs[i-1].t == e.t {
				c.MatEvQty[len(c.MatEvQty)-1] += e.q
				continue
			}
			c.MatEvTime = append(c.MatEvTime, e.t)
			c.MatEvQty = append(c.MatEvQty, e.q)
		}
		c.MatEvFirst[mi+1] = int32(len(c.MatEvTime))
	}
	// Consumers per material.
	c.MatConsFirst = make([]int32, c.NumMaterials+1)
	for _, m := range c.ConsMat {
		c.MatConsFirst[m+1]++
	}
	for m := 0; m < c.NumMaterials; m++ {
		c.MatConsFirst[m+1] += c.MatConsFirst[m]
	}
	c.MatConsOp = make([]int32, len(c.ConsMat))
	fill := append([]int32(nil), c.MatConsFirst[:c.NumMaterials]...)
	for o := 0; o < n; o++ {
		for i := c.ConsFirst[o]; i < c.ConsFirst[o+1]; i++ {
			m := c.ConsMat[i]
			c.MatConsOp[fill[m]] = int32(o)
			fill[m]++
		}
	}
	return nil
}

// compileOperators builds needs, skills and pools.
func (c *Compiled) compileOperators(p *model.Problem) error {
	n := c.NumOps
	c.NumPools = len(p.OperatorPools)
	skillIdx := map[string]int32{}
	skillOf := func(s string) int32 {
		if i, ok := skillIdx[s]; ok {
			return i
		}
		i := int32(len(skillIdx))
		skillIdx[s] = i
		c.SkillNames = append(c.SkillNames, s)
		return i
	}
	for i := range p.OperatorPools {
		for _, s := range p.OperatorPools[i].Skills {
			skillOf(s)
		}
	}
	c.NeedFirst = make([]int32, n+1)
	c.OperFirst = make([]int32, n+1)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			op := &job.Operations[k]
			o := c.JobFirst[j] + int32(k)
			tot := int32(0)
			for i, nd := range op.Operators {
				if nd.Count < 0 {
					return errAt(fmt.Sprintf("jobs[%d].operations[%d].operators[%d].count", j, k, i), "job %q operation %q needs a negative number of operators", job.ID, job.OpID(k))
				}
				if nd.Count == 0 {
					continue
				}
				s, ok := skillIdx[nd.Skill]
				if !ok {
					return errAt(fmt.Sprintf("jobs[%d].operations[%d].operators[%d].skill", j, k, i), "job %q operation %q needs skill %q, which no operator pool has", job.ID, job.OpID(k), nd.Skill)
				}
				c.NeedSkill = append(c.NeedSkill, s)
				c.NeedCount = append(c.NeedCount, int32(nd.Count))
				tot += int32(nd.Count)
			}
			c.NeedFirst[o+1] = int32(len(c.NeedSkill))
			c.OperFirst[o+1] = c.OperFirst[o] + tot
		}
	}
	c.NumSkills = len(skillIdx)
	c.PoolCap = make([]int32, c.NumPools)
	c.PoolSkill = make([]bool, c.NumPools*c.NumSkills)
	for i := range p.OperatorPools {
		op := &p.OperatorPools[i]
		if op.Capacity < 0 {
			return errAt(fmt.Sprintf("operator_pools[%d].capacity", i), "operator pool %q has a negative capacity", op.ID)
		}
		c.PoolCap[i] = int32(min(op.Capacity, math.MaxInt32/2))
		for _, s := range op.Skills {
			c.PoolSkill[i*c.NumSkills+int(skillIdx[s])] = true
		}
	}
	if len(c.NeedSkill) == 0 {
		return nil
	}
	c.Flags |= FlagOperators
	// Every operation must be servable by the pools (ignoring time).
	var asg assigner
	asg.init(c)
	for o := 0; o < n; o++ {
		if c.NeedFirst[o] == c.NeedFirst[o+1] {
			continue
		}
		if !c.canServe(&asg, o, -1) {
			j := c.OpJob[o]
			k := o - int(c.JobFirst[j])
			return errAt(fmt.Sprintf("jobs[%d].operations[%d].operators", j, k), "job %q operation %q needs more operators than the pools with the needed skills have", p.Jobs[j].ID, p.Jobs[j].OpID(k))
		}
		if c.Resumable[o] && c.NumClasses > 1 {
			ok := false
			for k := 0; k < c.NumClasses && !ok; k++ {
				ok = c.canServe(&asg, o, int32(k))
			}
			if !ok {
				j := c.OpJob[o]
				k := o - int(c.JobFirst[j])
				return errAt(fmt.Sprintf("jobs[%d].operations[%d].operators", j, k), "resumable job %q operation %q needs operators from pools with different calendars; the engine draws the operators of a resumable operation from pools sharing one calendar", p.Jobs[j].ID, p.Jobs[j].OpID(k))
			}
		}
	}
	return nil
}

// canServe reports whether the needs of o can be met by the pools'
// capacities (pools of calendar class cls only, when cls >= 0). It is used
// at compile time only.
func (c *Compiled) canServe(a *assigner, o int, cls int32) bool {
	for p := 0; p < c.NumPools; p++ {
		a.free[p] = c.PoolCap[p]
		if cls >= 0 && c.PoolClass[p] != cls {
			a.free[p] = 0
		}
	}
	return a.assign(c, o)
}
