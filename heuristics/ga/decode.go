package ga

import (
	"cmp"
	"slices"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// problemData is what the decoders of one solve share read-only: the
// compiled problem, the genes and the objective.
type problemData struct {
	c *engine.Compiled
	// jobFirst/jobOps list, per job, its operations that are not fixed,
	// in a topological order (CSR): the operations a job's genes decode.
	jobFirst []int32
	jobOps   []int32
	// genes is the number of genes of a sequence (operations not fixed).
	genes int
	// flex lists the operations with several alternatives (not fixed);
	// staffed those that need operators (not fixed; fixedStaffed the fixed
	// ones, which carry no preferences), and units is the
	// number of operators all operations need (the length of a
	// chromosome's pool preferences).
	flex         []int32
	staffed      []int32
	fixedStaffed []int32
	units        int
	// cross[o]: o precedes an operation of another job (committing it may
	// unblock a deferred gene waiting for a predecessor).
	cross []bool
	// obj is the objective, normalized.
	obj model.Objective
	// due, hasDue, weight, release per job (from the model, so that the
	// fast evaluation sums exactly as schedule.Evaluate does).
	due     []int64
	hasDue  []bool
	weight  []float64
	release []int64
	// needJobs: some term needs job completions.
	needJobs bool
	// shift: the objective rewards finishing no earlier than needed (a
	// weighted_earliness or cost term, no stability term): a decoded plan
	// is right-shifted (dispatch.RightShift, or dispatch.RightShiftCost
	// with a cost term) before it is evaluated, and the shifted plan is
	// the chromosome's plan. Other objectives take the forward plan as it
	// is.
	shift, shiftCost bool
	// eval is the problem the plans are evaluated, shifted and checked on
	// (nil: c.Problem); with shift, c may be compiled from a copy with
	// later releases (jitReleases).
	eval *model.Problem
	// stab is the stability term against Options.Reference (nil: none).
	stab *stability
}

func newProblemData(c *engine.Compiled, obj model.Objective) *problemData {
	pd := &problemData{c: c, obj: obj.Normalized()}
	n := c.NumOps
	fixed := func(o int32) bool { return c.FixedMachine != nil && c.FixedMachine[o] >= 0 }
	pd.jobFirst = make([]int32, c.NumJobs+1)
	for _, o := range c.Topo {
		if !fixed(o) {
			pd.jobFirst[c.OpJob[o]+1]++
		}
	}
	for j := 0; j < c.NumJobs; j++ {
		pd.jobFirst[j+1] += pd.jobFirst[j]
	}
	pd.genes = int(pd.jobFirst[c.NumJobs])
	pd.jobOps = make([]int32, pd.genes)
	fill := make([]int32, c.NumJobs)
	copy(fill, pd.jobFirst[:c.NumJobs])
	for _, o := range c.Topo {
		if !fixed(o) {
			j := c.OpJob[o]
			pd.jobOps[fill[j]] = o
			fill[j]++
		}
	}
	pd.cross = make([]bool, n)
	pd.units = int(c.OperFirst[n])
	for o := 0; o < n; o++ {
		if !fixed(int32(o)) && c.AltFirst[o+1]-c.AltFirst[o] > 1 {
			pd.flex = append(pd.flex, int32(o))
		}
		if c.OperFirst[o+1] > c.OperFirst[o] {
			if fixed(int32(o)) {
				pd.fixedStaffed = append(pd.fixedStaffed, int32(o))
			} else {
				pd.staffed = append(pd.staffed, int32(o))
			}
		}
		for i := c.SuccFirst[o]; i < c.SuccFirst[o+1]; i++ {
			if c.OpJob[c.SuccOp[i]] != c.OpJob[o] {
				pd.cross[o] = true
			}
		}
	}
	p := c.Problem
	nj := len(p.Jobs)
	pd.due = make([]int64, nj)
	pd.hasDue = make([]bool, nj)
	pd.weight = make([]float64, nj)
	pd.release = make([]int64, nj)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Due != nil {
			pd.due[j], pd.hasDue[j] = *job.Due, true
		}
		pd.weight[j] = job.JobWeight()
		pd.release[j] = job.Release
	}
	for _, t := range pd.obj.Terms {
		if t.Criterion != model.Makespan {
			pd.needJobs = true
		}
	}
	return pd
}

// decoder turns chromosomes into schedules on its own engine state. It
// allocates nothing per decode.
type decoder struct {
	pd *problemData
	// progress is what a checkpoint saves (the engine state, the
	// pointers and the deferred genes, the event counters).
	progress

	comp []int64 // per job completion (scratch)
	// shifted is the right-shifted plan of the chromosome decoded last
	// (pd.shift; nil when it placed every operation not).
	shifted *schedule.Schedule
	shifter *dispatch.Shifter
	order   []int32 // operations by start (normalize)
	seq     []int32 // the sequence being decoded
	alt     []int32 // the assignment being decoded

	// why is the reason of the last failed tryJob: a material index, or
	// waitPred / waitAny.
	why int32

	// anyPool counts the operations placed with any pool because their
	// strict preferences could not be met (tests).
	anyPool int

	// Checkpoints of the chromosome decoded last by record: the decoder's
	// state before genes every, 2*every, ... (the first ncp are valid).
	cps   []checkpoint
	ncp   int
	every int
}

// progress is the state of a decode between two genes.
type progress struct {
	s        *engine.State
	ptr      []int32    // per job: first entry of its jobOps not known placed
	deferred []deferral // genes waiting for a material or a predecessor
	opGene   []int32    // gene position that placed each operation (-1: fixed)

	// Event counters: productions per material, all productions, commits
	// of operations preceding another job's operation. A deferred gene is
	// retried only when the counter it waits for has changed.
	prod   []int32
	nProd  int32
	nCross int32
	// flushed is nProd+nCross at the last flush.
	flushed int32
}

// copyFrom makes p a copy of src (two progresses of one problem; no
// allocation once p has held as many deferred genes).
func (p *progress) copyFrom(src *progress) {
	p.s.CopyFrom(src.s)
	copy(p.ptr, src.ptr)
	p.deferred = append(p.deferred[:0], src.deferred...)
	copy(p.prod, src.prod)
	copy(p.opGene, src.opGene)
	p.nProd, p.nCross, p.flushed = src.nProd, src.nCross, src.flushed
}

// checkpoint is the decoder's state before gene g of a chromosome: enough
// to decode the rest of the chromosome (or of another one with the same
// genes before g and the same assignment of the operations placed before
// g) without starting over.
type checkpoint struct {
	g int
	progress
}

// deferral is a deferred gene: its position, what it waits for (a
// material index, waitPred or waitAny) and the counter value then.
type deferral struct {
	g, why, stamp int32
}

const (
	waitPred = -1 // only operations with predecessors not placed
	waitAny  = -2 // other failures: retry on any event
)

// stamp returns the counter a deferral with reason why waits for.
func (d *decoder) stamp(why int32) int32 {
	switch why {
	case waitPred:
		return d.nCross
	case waitAny:
		return d.nCross + d.nProd
	}
	return d.prod[why]
}

func newDecoder(pd *problemData, insertion bool) *decoder {
	c := pd.c
	d := &decoder{
		pd: pd,
		progress: progress{
			s:        c.NewState(),
			ptr:      make([]int32, c.NumJobs),
			deferred: make([]deferral, 0, 16),
			prod:     make([]int32, c.NumMaterials),
			opGene:   make([]int32, c.NumOps),
		},
		comp:  make([]int64, c.NumJobs),
		order: make([]int32, 0, pd.genes),
	}
	d.s.SetInsertion(insertion)
	d.s.SetStrictOperatorPreference(true)
	return d
}

// decode builds the schedule of chromosome (seq, alt) on the decoder's
// state and returns the number of operations it could not place (0 for
// a complete, feasible schedule) and the objective value.
//
// Gene k of seq names a job; it places that job's first unplaced
// operation (in topological order) whose predecessors are placed and
// which the engine can place now, on alternative alt[o] with operators
// from their preferred pools (see place for what happens when a deadline
// or the calendar horizon comes first). A gene whose job has no
// such operation (a material not produced yet, a predecessor in another
// job not placed yet) is deferred and retried, in order, each time an
// operation that may unblock it is committed.
func (d *decoder) decode(x *indiv) (bad int, val float64) {
	d.start(x)
	return d.run(0, false)
}

// start resets the decoder for chromosome x.
func (d *decoder) start(x *indiv) {
	d.s.Reset()
	copy(d.ptr, d.pd.jobFirst[:len(d.ptr)])
	d.deferred = d.deferred[:0]
	for m := range d.prod {
		d.prod[m] = 0
	}
	d.nProd, d.nCross, d.flushed = 0, 0, 0
	d.use(x)
}

// use makes x the chromosome being decoded (its sequence, machine
// assignment and operator pool preferences).
func (d *decoder) use(x *indiv) {
	d.seq, d.alt = x.seq, x.alt
	if len(x.pool) > 0 {
		d.s.SetOperatorPreference(x.pool)
	}
}

// record decodes x like decode and keeps checkpoints every d.every
// genes, for decodeFrom.
func (d *decoder) record(x *indiv) (bad int, val float64) {
	if d.every <= 0 {
		d.every = max(64, d.pd.genes/checkpoints)
	}
	d.ncp = 0
	d.start(x)
	return d.run(0, true)
}

// checkpoints is about the number of checkpoints record keeps.
const checkpoints = 24

// decodeFrom decodes x, a chromosome equal to the one recorded last in
// its genes before position from and in the machine assignment of every
// operation the recorded one placed with a gene before from, starting
// from the last checkpoint at or before from. The pool preferences of
// those operations must be the recorded chromosome's or the pools its
// decode gave them (strict preferences equal to a decode's own pools
// reproduce it: the pools were free then, and a strict search cannot
// start earlier). The result is that of decode(x).
func (d *decoder) decodeFrom(x *indiv, from int) (bad int, val float64) {
	i := d.restore(from)
	if i < 0 {
		return d.decode(x)
	}
	d.use(x)
	return d.run(d.cps[i].g, false)
}

// recordFrom is decodeFrom recording: the checkpoints before from stay,
// those after are recorded anew for x, which becomes the chromosome
// recorded last.
func (d *decoder) recordFrom(x *indiv, from int) (bad int, val float64) {
	i := d.restore(from)
	if i < 0 {
		return d.record(x)
	}
	d.ncp = i + 1
	d.use(x)
	return d.run(d.cps[i].g, true)
}

// restore puts the decoder in the state of the last checkpoint at or
// before gene from and returns its index (-1: none, nothing restored).
func (d *decoder) restore(from int) int {
	i := d.ncp - 1
	for i >= 0 && d.cps[i].g > from {
		i--
	}
	if i < 0 {
		return -1
	}
	d.progress.copyFrom(&d.cps[i].progress)
	return i
}

// save stores the decoder's state before gene g as the next checkpoint.
func (d *decoder) save(g int) {
	if d.ncp == len(d.cps) {
		c := d.pd.c
		s := c.NewState()
		s.SetInsertion(d.s.Insertion())
		d.cps = append(d.cps, checkpoint{progress: progress{
			s:      s,
			ptr:    make([]int32, len(d.ptr)),
			prod:   make([]int32, len(d.prod)),
			opGene: make([]int32, len(d.opGene)),
		}})
	}
	cp := &d.cps[d.ncp]
	d.ncp++
	cp.g = g
	cp.progress.copyFrom(&d.progress)
}

// run decodes the genes from g0 on (the decoder holding the state before
// gene g0), saving checkpoints when rec is set.
func (d *decoder) run(g0 int, rec bool) (bad int, val float64) {
	s := d.s
	seq := d.seq
	for g := g0; g < len(seq); g++ {
		if rec && g > g0 && g%d.every == 0 {
			d.save(g)
		}
		if d.tryJob(seq[g], int32(g)) {
			if len(d.deferred) > 0 && d.nProd+d.nCross != d.flushed {
				d.flush()
			}
		} else {
			d.deferred = append(d.deferred, deferral{g: int32(g), why: d.why, stamp: d.stamp(d.why)})
		}
	}
	if len(d.deferred) > 0 {
		d.flush()
	}
	if !s.Done() {
		d.fallback()
	}
	bad = d.pd.c.NumOps - s.NumPlaced()
	return bad, d.evaluate()
}

// normalize rewrites seq, the chromosome decoded last, as the jobs of its
// operations in order of start in the decoded schedule (ties: gene
// order), and updates opGene. Decoding the result gives the same schedule
// or one whose operations start no later (on job shops), and moves on it
// act locally: swapping two adjacent genes swaps two operations that start
// one after the other.
func (d *decoder) normalize(seq []int32) {
	s := d.s
	ord := d.order[:0]
	for _, o := range d.pd.jobOps {
		if s.Placed(int(o)) {
			ord = append(ord, o)
		}
	}
	if len(ord) != len(seq) {
		return // incomplete decode: keep the chromosome
	}
	slices.SortFunc(ord, func(a, b int32) int {
		if sa, sb := s.Start(int(a)), s.Start(int(b)); sa != sb {
			return cmp.Compare(sa, sb)
		}
		return cmp.Compare(d.opGene[a], d.opGene[b])
	})
	for k, o := range ord {
		seq[k] = d.pd.c.OpJob[o]
		d.opGene[o] = int32(k)
	}
	d.order = ord
}

// tryJob places the next placeable operation of job j for gene g.
func (d *decoder) tryJob(j int32, g int32) bool {
	s := d.s
	pd := d.pd
	lo, hi := d.ptr[j], pd.jobFirst[j+1]
	for lo < hi && s.Placed(int(pd.jobOps[lo])) {
		lo++
	}
	d.ptr[j] = lo
	why := int32(waitPred)
	for i := lo; i < hi; i++ {
		o := int(pd.jobOps[i])
		if s.Placed(o) || s.Pending(o) > 0 {
			continue
		}
		if d.place(o) {
			d.opGene[o] = g
			return true
		}
		f := s.Failure()
		w := int32(waitAny)
		if f.Reason == engine.Material && f.Material >= 0 {
			w = int32(f.Material)
		}
		if why == waitPred {
			why = w
		} else if why != w {
			why = waitAny
		}
	}
	d.why = why
	return false
}

// place places operation o on its assigned alternative or, failing that
// for a reason other than materials or predecessors, on the alternative
// ending first. Its operators come from their preferred pools, waited for
// (strict preferences); when that fails on the assigned alternative (a
// deadline or the horizon comes first), the assigned alternative with any
// pool is tried before the other alternatives, which then take any pool
// too (counted in anyPool).
func (d *decoder) place(o int) bool {
	s := d.s
	c := d.pd.c
	a := int(d.alt[o])
	pl, ok := s.EarliestStart(o, a, engine.MinTime)
	if !ok {
		if r := s.Failure().Reason; r == engine.Material || r == engine.Pending {
			return false
		}
		if c.NeedFirst[o] < c.NeedFirst[o+1] {
			// Commit must assign the operators as EarliestStart did.
			s.SetStrictOperatorPreference(false)
			defer s.SetStrictOperatorPreference(true)
			if pl, ok = s.EarliestStart(o, a, engine.MinTime); ok {
				d.anyPool++
			}
		}
		if !ok {
			n := int(c.AltFirst[o+1] - c.AltFirst[o])
			for b := 0; b < n; b++ {
				if b == a {
					continue
				}
				if p2, ok2 := s.EarliestStart(o, b, engine.MinTime); ok2 && (!ok || p2.End < pl.End) {
					pl, ok = p2, true
				}
			}
		}
		if !ok {
			return false
		}
	}
	s.Commit(o, pl)
	if lo, hi := c.ProdFirst[o], c.ProdFirst[o+1]; lo < hi {
		for i := lo; i < hi; i++ {
			d.prod[c.ProdMat[i]]++
		}
		d.nProd++
	}
	if d.pd.cross[o] {
		d.nCross++
	}
	return true
}

// flush retries the deferred genes whose awaited event happened, in
// order, until none can be placed.
func (d *decoder) flush() {
	d.flushed = d.nProd + d.nCross
	for progress := true; progress && len(d.deferred) > 0; {
		progress = false
		k := 0
		for _, df := range d.deferred {
			if st := d.stamp(df.why); st != df.stamp {
				if d.tryJob(d.seq[df.g], df.g) {
					progress = true
					continue
				}
				df.why = d.why
				df.stamp = d.stamp(d.why)
			}
			d.deferred[k] = df
			k++
		}
		d.deferred = d.deferred[:k]
		d.flushed = d.nProd + d.nCross
	}
}

// fallback places whatever can still be placed, in topological order,
// once the chromosome is exhausted.
func (d *decoder) fallback() {
	s := d.s
	c := d.pd.c
	for progress := true; progress && !s.Done(); {
		progress = false
		for _, o32 := range c.Topo {
			o := int(o32)
			if s.Placed(o) || s.Pending(o) > 0 {
				continue
			}
			if d.place(o) {
				d.opGene[o] = -1
				progress = true
			}
		}
	}
}

// evaluate computes the objective of the decoded schedule exactly as
// schedule.Evaluate would (same operations, same summation order).
func (d *decoder) evaluate() float64 {
	pd := d.pd
	c := pd.c
	s := d.s
	d.shifted = nil
	if pd.shift && s.Done() {
		return d.evaluateShifted()
	}
	var mk int64
	first := true
	for o := 0; o < c.NumOps; o++ {
		if !s.Placed(o) {
			continue
		}
		if e := s.End(o); first || e > mk {
			mk, first = e, false
		}
	}
	if !pd.needJobs {
		var v float64
		for _, t := range pd.obj.Terms {
			v += t.Weight * float64(mk)
		}
		if pd.stab != nil {
			v += pd.stab.penalty(s)
		}
		return v
	}
	var wt, we float64
	var maxLate, flow int64
	late := 0
	firstL := true
	for j := 0; j < c.NumJobs; j++ {
		var cj int64
		seen := false
		for o := int(c.JobFirst[j]); o < int(c.JobFirst[j+1]); o++ {
			if !s.Placed(o) {
				continue
			}
			if e := s.End(o); !seen || e > cj {
				cj, seen = e, true
			}
		}
		d.comp[j] = cj
		flow += cj - pd.release[j]
		if !pd.hasDue[j] {
			continue
		}
		l := cj - pd.due[j]
		if firstL || l > maxLate {
			maxLate, firstL = l, false
		}
		if l > 0 {
			wt += pd.weight[j] * float64(l)
			late++
		} else {
			we -= pd.weight[j] * float64(l)
		}
	}
	var v float64
	for _, t := range pd.obj.Terms {
		var x float64
		switch t.Criterion {
		case model.Makespan:
			x = float64(mk)
		case model.WeightedTardiness:
			x = wt
		case model.MaxLateness:
			x = float64(maxLate)
		case model.LateJobs:
			x = float64(late)
		case model.FlowTime:
			x = float64(flow)
		case model.WeightedEarliness:
			x = we
		case model.Cost:
			// the plan's money: built as a schedule (this criterion
			// allocates per decode)
			x = schedule.ComputeCosts(c.Problem, s.Schedule()).Total
		}
		v += t.Weight * x
	}
	if pd.stab != nil {
		v += pd.stab.penalty(s)
	}
	return v
}

// evaluateShifted is evaluate for pd.shift: the decoded (forward) plan is
// right-shifted (dispatch.Shifter: RightShift's moves, its calendars kept
// from one decode to the next, not checked here: the plan the solve
// returns is), and the shifted plan's objective (schedule.Evaluate) is
// the value; d.comp gets its job completions (the local search's job
// costs) and d.shifted the plan.
func (d *decoder) evaluateShifted() float64 {
	pd := d.pd
	p := pd.problem()
	if d.shifter == nil {
		d.shifter = dispatch.NewShifter(p, pd.shiftCost)
	}
	sch := d.shifter.Shift(d.s.Schedule())
	d.shifted = sch
	clear(d.comp)
	for _, a := range sch.Assignments {
		if a.Job >= 0 && a.Job < len(d.comp) {
			d.comp[a.Job] = max(d.comp[a.Job], a.End)
		}
	}
	return schedule.Evaluate(p, sch, pd.obj)
}

// plan returns the plan of the chromosome decoded last: the right-shifted
// one (pd.shift) when it passes schedule.Check, else the decoded one.
func (d *decoder) plan() *schedule.Schedule {
	if d.shifted != nil && len(schedule.Check(d.pd.problem(), d.shifted)) == 0 {
		return d.shifted
	}
	return d.s.Schedule()
}

// wantsShift reports whether obj rewards finishing no earlier than needed
// (a weighted_earliness or cost term of positive weight), and whether it
// has a cost term.
func wantsShift(obj model.Objective) (shift, cost bool) {
	for _, t := range obj.Terms {
		if t.Weight > 0 && t.Criterion == model.WeightedEarliness {
			shift = true
		}
		if t.Weight > 0 && t.Criterion == model.Cost {
			shift, cost = true, true
		}
	}
	return shift, cost
}

// problem returns the problem the plans are evaluated on.
func (pd *problemData) problem() *model.Problem {
	if pd.eval != nil {
		return pd.eval
	}
	return pd.c.Problem
}
