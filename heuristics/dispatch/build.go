package dispatch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Scheme is a schedule generation scheme: how the conflict set is formed
// at each step.
type Scheme int

const (
	// NonDelay: the conflict set is every schedulable operation whose
	// earliest start equals the smallest earliest start s*; no machine is
	// left idle when an operation could start on it.
	NonDelay Scheme = iota
	// Active: Giffler and Thompson's scheme. Take the operation with the
	// smallest earliest completion c* and its machine M*; the conflict set
	// is every schedulable operation on M* whose earliest start is before
	// c*.
	Active
	// Serial: list generation; the conflict set is every schedulable
	// operation (predecessors placed), and the chosen one is placed at its
	// earliest start (use Config.Insertion to fill idle gaps).
	Serial
)

var schemeNames = [...]string{"non-delay", "active", "serial"}

// String returns "non-delay", "active" or "serial".
func (s Scheme) String() string {
	if s >= 0 && int(s) < len(schemeNames) {
		return schemeNames[s]
	}
	return fmt.Sprintf("scheme(%d)", int(s))
}

// ParseScheme parses "non-delay" ("nd"), "active" ("gt") or "serial".
func ParseScheme(s string) (Scheme, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "non-delay", "nondelay", "nd":
		return NonDelay, nil
	case "active", "gt", "giffler-thompson":
		return Active, nil
	case "serial", "list":
		return Serial, nil
	}
	return 0, fmt.Errorf("unknown schedule generation scheme %q (want non-delay, active or serial)", s)
}

// MachineRule chooses the alternative machine of an operation before the
// priority rule compares operations.
type MachineRule int

const (
	// EarliestCompletion: the alternative on which the operation would
	// end first (ties: earliest start, then lowest alternative index).
	EarliestCompletion MachineRule = iota
	// EarliestStartMachine: the alternative on which it would start first
	// (ties: earliest end, then lowest index).
	EarliestStartMachine
	// ShortestProcessing: the fastest alternative (ties: earliest end,
	// then lowest index).
	ShortestProcessing
)

// Config selects how a schedule is built. The zero value is the non-delay
// scheme with the objective's default rule, earliest-completion machine
// selection and appending (no insertion).
type Config struct {
	// Scheme is the schedule generation scheme.
	Scheme Scheme
	// Rule is the priority rule; nil means the default rule for Objective
	// (see DefaultRuleName).
	Rule Rule
	// Machine is the machine-selection rule for alternatives.
	Machine MachineRule
	// Insertion lets the engine place an operation in an earlier idle gap
	// of its machine instead of after the machine's last operation.
	Insertion bool
	// Objective picks the default rule when Rule is nil.
	Objective model.Objective
	// Seed seeds the random source of the build (Random rule).
	Seed uint64
}

// PlacementError reports an operation the builder could not place.
type PlacementError struct {
	// Job and Op locate the operation (indices into Problem.Jobs and the
	// job's Operations).
	Job, Op int
	// Reason says why.
	Reason engine.Reason
	// Msg is a plain sentence.
	Msg string
}

func (e *PlacementError) Error() string { return e.Msg }

// Builder builds schedules of one problem, again and again, without
// allocating per build beyond the schedule it returns. A Builder is not
// safe for concurrent use; create one per goroutine (NewBuilder compiles
// the problem; Clone shares the compiled form with a new builder).
type Builder struct {
	c   *engine.Compiled
	s   *engine.State
	cfg Config

	rule Rule
	pcg  rand.PCG
	rng  *rand.Rand

	// Lazy heaps of schedulable operations keyed by lower bounds of their
	// earliest start (non-delay) and earliest end (active) over all
	// alternatives.
	estHeap opHeap
	ectHeap opHeap

	// Per operation: the placement on the selected alternative, computed
	// at evalStamp, whether some alternative is feasible (else why not),
	// and lower bounds of the start and end over the alternatives.
	pl        []engine.Placement
	ok        []bool
	hard      []engine.Failure
	lbStart   []int64
	lbEnd     []int64
	evalStamp []uint32
	mark      []uint32
	stamp     uint32

	// Change tracking: gen counts commits; a placement evaluated at
	// evalGen[o] stays exact while none of the resources it depends on
	// (its machines, its materials, the pools with its skills) changed
	// since (mChange, matChange, skillChange hold the gen of their last
	// change).
	gen         uint32
	evalGen     []uint32
	mChange     []uint32
	matChange   []uint32
	skillChange []uint32

	remWork []int64
	remOps  []int32

	popped   []int32 // operations visited in the heap at this step
	conflict []int32
	stack    []int32

	// avail lists the candidates of the serial scheme and of the fast
	// path; apos[o] is the position of o in avail (-1: none).
	avail []int32
	apos  []int32

	// mlist[m] holds the global alternative indexes on machine m of the
	// candidates (active scheme and fast path); altPos[a] is the position
	// of a in its list; altOp[a] is the operation of alternative a.
	mlist  [][]int32
	altPos []int32
	altOp  []int32
	useML  bool

	// fast is set for plain problems built in append mode by the
	// non-delay or active scheme: the candidates' placements are cached in
	// fEst, fEct, fAlt (aligned with avail) and only those on the machine
	// of the last commit are recomputed.
	fast  bool
	fEst  []int64
	fEct  []int64
	fAlt  []int32
	badOp int32

	rekeyMach []bool
	view      View
	work      int64
	noReuse   bool // tests: always re-evaluate
}

// NewBuilder compiles p and returns a builder for it.
func NewBuilder(p *model.Problem) (*Builder, error) {
	c, err := engine.Compile(p)
	if err != nil {
		return nil, err
	}
	return newBuilder(c), nil
}

// Clone returns a new builder of the same problem, sharing the compiled
// form (for another goroutine).
func (b *Builder) Clone() *Builder { return newBuilder(b.c) }

func newBuilder(c *engine.Compiled) *Builder {
	n := c.NumOps
	na := len(c.AltMachine)
	b := &Builder{
		c:           c,
		s:           c.NewState(),
		estHeap:     newOpHeap(n),
		ectHeap:     newOpHeap(n),
		pl:          make([]engine.Placement, n),
		ok:          make([]bool, n),
		hard:        make([]engine.Failure, n),
		lbStart:     make([]int64, n),
		lbEnd:       make([]int64, n),
		evalStamp:   make([]uint32, n),
		mark:        make([]uint32, n),
		evalGen:     make([]uint32, n),
		mChange:     make([]uint32, c.NumMachines),
		matChange:   make([]uint32, c.NumMaterials),
		skillChange: make([]uint32, c.NumSkills),
		remWork:     make([]int64, c.NumJobs),
		remOps:      make([]int32, c.NumJobs),
		popped:      make([]int32, 0, 64),
		conflict:    make([]int32, 0, 64),
		avail:       make([]int32, 0, n),
		apos:        make([]int32, n),
		mlist:       make([][]int32, c.NumMachines),
		altPos:      make([]int32, na),
		altOp:       make([]int32, na),
		fEst:        make([]int64, 0, n),
		fEct:        make([]int64, 0, n),
		fAlt:        make([]int32, 0, n),
		rekeyMach:   make([]bool, c.NumMachines),
	}
	b.rng = rand.New(&b.pcg)
	b.view.b = b
	cnt := make([]int, c.NumMachines)
	for _, m := range c.AltMachine {
		cnt[m]++
	}
	buf := make([]int32, na)
	off := 0
	for m := range b.mlist {
		b.mlist[m] = buf[off : off : off+cnt[m]]
		off += cnt[m]
	}
	for o := 0; o < n; o++ {
		for a := c.AltFirst[o]; a < c.AltFirst[o+1]; a++ {
			b.altOp[a] = int32(o)
		}
	}
	for m := 0; m < c.NumMachines; m++ {
		b.rekeyMach[m] = !c.MachMonotone[m]
	}
	return b
}

// Work returns the number of placements evaluated by the last Run.
func (b *Builder) Work() int64 { return b.work }

// Makespan returns the makespan of the last schedule built.
func (b *Builder) Makespan() int64 { return b.s.Makespan() }

// Schedule returns the last schedule built.
func (b *Builder) Schedule() *schedule.Schedule { return b.s.Schedule() }

// Build compiles p and builds one schedule with cfg.
func Build(ctx context.Context, p *model.Problem, cfg Config) (*schedule.Schedule, error) {
	b, err := NewBuilder(p)
	if err != nil {
		return nil, err
	}
	if err := b.Run(ctx, cfg); err != nil {
		return nil, err
	}
	return b.Schedule(), nil
}

const inf = math.MaxInt64

// Run builds a schedule with cfg. It returns ctx.Err() when ctx is done
// before the end, and a *PlacementError when an operation cannot be
// placed (a deadline that cannot be met, a material that never suffices).
func (b *Builder) Run(ctx context.Context, cfg Config) error {
	c, s := b.c, b.s
	b.cfg = cfg
	b.rule = cfg.Rule
	if b.rule == nil {
		b.rule, _ = RuleByName(DefaultRuleName(cfg.Objective))
	}
	b.pcg.Seed(cfg.Seed, 0x6f72646f)
	b.work = 0
	s.SetInsertion(cfg.Insertion)
	s.Reset()
	b.fast = c.Flags.Plain() && !cfg.Insertion && cfg.Scheme != Serial
	b.useML = b.fast || cfg.Scheme == Active
	if !b.fast && b.estHeap.pos == nil {
		b.estHeap, b.ectHeap = newOpHeap(c.NumOps), newOpHeap(c.NumOps)
	}
	b.estHeap.clear()
	b.ectHeap.clear()
	b.avail = b.avail[:0]
	b.fEst, b.fEct, b.fAlt = b.fEst[:0], b.fEct[:0], b.fAlt[:0]
	for m := range b.mlist {
		b.mlist[m] = b.mlist[m][:0]
	}
	b.badOp = -1
	for j := 0; j < c.NumJobs; j++ {
		b.remWork[j], b.remOps[j] = 0, 0
	}
	b.gen = 1
	clear(b.mChange)
	clear(b.matChange)
	clear(b.skillChange)
	for o := 0; o < c.NumOps; o++ {
		b.evalStamp[o] = 0
		b.evalGen[o] = 0
		b.mark[o] = 0
		b.apos[o] = -1
		if s.Placed(o) {
			continue
		}
		j := c.OpJob[o]
		b.remWork[j] += c.MinProc[o]
		b.remOps[j]++
	}
	b.stamp = 1
	for o := 0; o < c.NumOps; o++ {
		if !s.Placed(o) && s.Pending(o) == 0 {
			b.add(int32(o))
		}
	}
	for steps := 0; !s.Done(); steps++ {
		if steps&255 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var op int32
		var err error
		switch {
		case b.fast:
			op, err = b.stepFast(cfg.Scheme == Active)
		case cfg.Scheme == Active:
			op, err = b.stepActive()
		case cfg.Scheme == Serial:
			op, err = b.stepSerial()
		default:
			op, err = b.stepNonDelay()
		}
		if err != nil {
			return err
		}
		b.commit(op)
		b.stamp++
		if b.stamp == 0 {
			for o := range b.evalStamp {
				b.evalStamp[o] = 0
				b.mark[o] = 0
			}
			b.stamp = 1
		}
	}
	return nil
}

// add makes o a candidate (its predecessors are all placed).
func (b *Builder) add(o int32) {
	switch {
	case b.fast:
		b.addFast(o)
		return
	case b.cfg.Scheme == Serial:
		b.apos[o] = int32(len(b.avail))
		b.avail = append(b.avail, o)
		return
	case b.cfg.Scheme == Active:
		r := b.s.Ready(int(o))
		b.ectHeap.push(o, r+b.c.MinProc[o])
	default:
		b.estHeap.push(o, b.s.Ready(int(o)))
	}
	if b.useML {
		b.mlAdd(o)
	}
}

// mlAdd lists o's alternatives in their machines' candidate lists.
func (b *Builder) mlAdd(o int32) {
	c := b.c
	for a := c.AltFirst[o]; a < c.AltFirst[o+1]; a++ {
		m := c.AltMachine[a]
		b.altPos[a] = int32(len(b.mlist[m]))
		b.mlist[m] = append(b.mlist[m], a)
	}
}

// mlRemove removes o's alternatives from the machines' candidate lists.
func (b *Builder) mlRemove(o int32) {
	c := b.c
	for a := c.AltFirst[o]; a < c.AltFirst[o+1]; a++ {
		m := c.AltMachine[a]
		l := b.mlist[m]
		k := b.altPos[a]
		moved := l[len(l)-1]
		l[k] = moved
		b.altPos[moved] = k
		b.mlist[m] = l[:len(l)-1]
	}
}

// eval computes the placement of o on each alternative and selects one.
func (b *Builder) eval(o int32) {
	c, s := b.c, b.s
	na := int(c.AltFirst[o+1] - c.AltFirst[o])
	var sel engine.Placement
	found := false
	lbs, lbe := int64(inf), int64(inf)
	hard := engine.Failure{Reason: engine.NoFailure, Material: -1}
	for k := 0; k < na; k++ {
		pl, ok := s.EarliestStart(int(o), k, engine.MinTime)
		b.work++
		if !ok {
			if hard.Reason != engine.Material {
				hard = s.Failure() // a material shortage (may end later) wins
			}
			continue
		}
		lbs = min(lbs, pl.Start)
		lbe = min(lbe, pl.End)
		if !found || b.better(o, pl, sel) {
			sel, found = pl, true
		}
	}
	b.pl[o] = sel
	b.ok[o] = found
	b.hard[o] = hard
	b.lbStart[o] = lbs
	b.lbEnd[o] = lbe
	b.evalStamp[o] = b.stamp
	b.evalGen[o] = b.gen
}

// current reports whether the last evaluation of o is still exact: no
// resource it depends on changed since.
func (b *Builder) current(o int32) bool {
	g := b.evalGen[o]
	if g == 0 {
		return false
	}
	c := b.c
	for a := c.AltFirst[o]; a < c.AltFirst[o+1]; a++ {
		if b.mChange[c.AltMachine[a]] > g {
			return false
		}
	}
	for i := c.ConsFirst[o]; i < c.ConsFirst[o+1]; i++ {
		if b.matChange[c.ConsMat[i]] > g {
			return false
		}
	}
	for i := c.NeedFirst[o]; i < c.NeedFirst[o+1]; i++ {
		if b.skillChange[c.NeedSkill[i]] > g {
			return false
		}
	}
	return true
}

// touch records the resources changed by committing o.
func (b *Builder) touch(o int32, m int32) {
	c := b.c
	b.gen++
	g := b.gen
	b.mChange[m] = g
	for i := c.ConsFirst[o]; i < c.ConsFirst[o+1]; i++ {
		b.matChange[c.ConsMat[i]] = g
	}
	for i := c.ProdFirst[o]; i < c.ProdFirst[o+1]; i++ {
		b.matChange[c.ProdMat[i]] = g
	}
	if c.NeedFirst[o] < c.NeedFirst[o+1] {
		ns := c.NumSkills
		for _, p := range b.s.Operators(int(o)) {
			for k := 0; k < ns; k++ {
				if c.PoolSkill[int(p)*ns+k] {
					b.skillChange[k] = g
				}
			}
		}
	}
}

// ensure evaluates o when it has not been evaluated at this step.
func (b *Builder) ensure(o int32) {
	if b.evalStamp[o] != b.stamp {
		switch {
		case b.fast:
			b.fastPlacement(int(b.apos[o]), o)
		case !b.noReuse && b.current(o):
			b.evalStamp[o] = b.stamp
		default:
			b.eval(o)
		}
	}
}

// better reports whether placement x beats y by the machine rule.
func (b *Builder) better(o int32, x, y engine.Placement) bool {
	switch b.cfg.Machine {
	case EarliestStartMachine:
		if x.Start != y.Start {
			return x.Start < y.Start
		}
		return x.End < y.End
	case ShortestProcessing:
		c := b.c
		px, py := c.AltProc[c.AltFirst[o]+x.Alt], c.AltProc[c.AltFirst[o]+y.Alt]
		if px != py {
			return px < py
		}
		return x.End < y.End
	}
	if x.End != y.End {
		return x.End < y.End
	}
	return x.Start < y.Start
}

// blockedErr returns the error for operation o that cannot be placed.
func (b *Builder) blockedErr(o int32) error {
	c := b.c
	p := c.Problem
	j := c.OpJob[o]
	k := int(o - c.JobFirst[j])
	f := b.hard[o]
	job := &p.Jobs[j]
	var why string
	switch f.Reason {
	case engine.Material:
		why = fmt.Sprintf("the stock of material %q never suffices", c.MatNames[f.Material])
	case engine.Deadline:
		// Another order of the operations may well meet the deadline:
		// say it is this rule's order that cannot, and what to try.
		why = "in this rule's order it cannot end before its deadline (or before a fixed successor); " +
			"another order may meet it: try the solver dispatch:best (every rule) or ga"
	case engine.Horizon:
		why = "no working window of its machines (and operators) is long enough within the planning horizon"
	case engine.Operators:
		why = "the operator pools can never provide its operators"
	default:
		why = f.Reason.String()
	}
	return &PlacementError{Job: int(j), Op: k, Reason: f.Reason,
		Msg: fmt.Sprintf("dispatch: cannot place job %q operation %q: %s", job.ID, job.OpID(k), why)}
}

// settle handles an evaluated operation that has no feasible alternative:
// an error when it can never be placed, nil when it waits for a material.
func (b *Builder) settle(o int32) error {
	if b.ok[o] || b.hard[o].Reason == engine.Material {
		return nil
	}
	return b.blockedErr(o)
}

// visit collects in b.popped the operations of heap h whose key is at
// most the best value found so far, evaluating them (when their last
// evaluation is stale); val gives an operation's value (start or end) and
// better compares candidates. The heap is only read: a depth-first walk
// that prunes subtrees whose root key exceeds the current best (keys are
// lower bounds, so nothing pruned can beat or tie the final best).
func (b *Builder) visit(h *opHeap, val func(o int32) int64) (best int64, bestOp int32, err error) {
	b.popped = b.popped[:0]
	best, bestOp = int64(inf), -1
	if h.len() == 0 {
		return best, bestOp, nil
	}
	stack := append(b.stack[:0], 0)
	n := int32(h.len())
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		o := h.h[i]
		if h.key[o] > best {
			continue
		}
		b.ensure(o)
		b.popped = append(b.popped, o)
		if err := b.settle(o); err != nil {
			b.stack = stack
			return 0, -1, err
		}
		if b.ok[o] {
			if v := val(o); v < best || (v == best && o < bestOp) {
				best, bestOp = v, o
			}
		}
		if l := 2*i + 1; l < n {
			if l+1 < n {
				stack = append(stack, l+1)
			}
			stack = append(stack, l)
		}
	}
	b.stack = stack
	return best, bestOp, nil
}

// refresh removes chosen from h and updates the keys of the other visited
// operations to their fresh bounds.
func (b *Builder) refresh(h *opHeap, chosen int32, key []int64) {
	if h.contains(chosen) {
		h.remove(chosen)
	}
	for _, o := range b.popped {
		if o != chosen && h.contains(o) && h.key[o] != key[o] {
			h.fix(o, key[o])
		}
	}
}

// stepNonDelay runs one step of the non-delay scheme.
func (b *Builder) stepNonDelay() (int32, error) {
	h := &b.estHeap
	best, _, err := b.visit(h, func(o int32) int64 { return b.pl[o].Start })
	if err != nil {
		return -1, err
	}
	if best == inf {
		return -1, b.stuck()
	}
	b.conflict = b.conflict[:0]
	for _, o := range b.popped {
		if b.ok[o] && b.pl[o].Start == best {
			b.conflict = append(b.conflict, o)
		}
	}
	chosen := b.choose(best)
	b.refresh(h, chosen, b.lbStart)
	return chosen, nil
}

// stepActive runs one step of the Giffler-Thompson scheme: pop the
// operations whose end bound is at most the best end c*, then evaluate the
// candidates of the machine M* reaching it.
func (b *Builder) stepActive() (int32, error) {
	h := &b.ectHeap
	best, bestOp, err := b.visit(h, func(o int32) int64 { return b.pl[o].End })
	if err != nil {
		return -1, err
	}
	if bestOp < 0 {
		return -1, b.stuck()
	}
	ms := b.pl[bestOp].Machine
	b.conflict = b.conflict[:0]
	now := int64(inf)
	for _, a := range b.mlist[ms] {
		o := b.altOp[a]
		if b.mark[o] == b.stamp {
			continue // two alternatives on M*
		}
		b.mark[o] = b.stamp
		if b.evalStamp[o] != b.stamp {
			b.ensure(o)
			b.popped = append(b.popped, o) // for refresh
		}
		if err := b.settle(o); err != nil {
			return -1, err
		}
		if b.ok[o] && b.pl[o].Machine == ms && (b.pl[o].Start < best || o == bestOp) {
			b.conflict = append(b.conflict, o)
			now = min(now, b.pl[o].Start)
		}
	}
	chosen := b.choose(now)
	b.refresh(h, chosen, b.lbEnd)
	b.mlRemove(chosen)
	return chosen, nil
}

// stepSerial runs one step of serial list generation.
func (b *Builder) stepSerial() (int32, error) {
	for {
		b.conflict = b.conflict[:0]
		now := int64(inf)
		for _, o := range b.avail {
			if b.mark[o] == b.stamp {
				continue // waits for a material
			}
			b.conflict = append(b.conflict, o)
			now = min(now, b.s.Ready(int(o)))
		}
		if len(b.conflict) == 0 {
			return -1, b.stuck()
		}
		chosen := b.choose(now)
		b.ensure(chosen)
		if b.ok[chosen] {
			i := b.apos[chosen]
			last := b.avail[len(b.avail)-1]
			b.avail[i] = last
			b.apos[last] = i
			b.avail = b.avail[:len(b.avail)-1]
			b.apos[chosen] = -1
			return chosen, nil
		}
		if err := b.settle(chosen); err != nil {
			return -1, err
		}
		b.mark[chosen] = b.stamp
	}
}

// stuck returns the error when no candidate can be placed.
func (b *Builder) stuck() error {
	first := int32(-1)
	consider := func(ops []int32) {
		for _, o := range ops {
			if first < 0 || o < first {
				first = o
			}
		}
	}
	consider(b.popped)
	consider(b.avail)
	consider(b.estHeap.h)
	consider(b.ectHeap.h)
	if first < 0 {
		return errors.New("dispatch: no operation can be scheduled, but the schedule is incomplete")
	}
	b.ensure(first)
	if b.hard[first].Reason == engine.NoFailure {
		b.hard[first] = engine.Failure{Reason: engine.Material, Material: 0}
	}
	return b.blockedErr(first)
}

// choose returns the conflict-set candidate with the lowest score (ties:
// the lowest operation index, that is the lowest job index).
func (b *Builder) choose(now int64) int32 {
	if len(b.conflict) == 1 {
		return b.conflict[0]
	}
	v := &b.view
	v.now = now
	v.cands = b.conflict
	v.meanOK = false
	v.meanSOK = false
	rule := b.rule
	bi := -1
	var bs float64
	for i := range b.conflict {
		sc := rule(v, i)
		if sc != sc {
			sc = math.Inf(1)
		}
		if bi < 0 || sc < bs || (sc == bs && b.conflict[i] < b.conflict[bi]) {
			bi, bs = i, sc
		}
	}
	return b.conflict[bi]
}

// commit places the chosen operation and updates the candidates.
func (b *Builder) commit(o int32) {
	c, s := b.c, b.s
	pl := b.pl[o]
	s.Commit(int(o), pl)
	if !b.fast {
		b.touch(o, pl.Machine)
	}
	j := c.OpJob[o]
	b.remWork[j] -= c.MinProc[o]
	b.remOps[j]--
	for i := c.SuccFirst[o]; i < c.SuccFirst[o+1]; i++ {
		sc := c.SuccOp[i]
		if !s.Placed(int(sc)) && s.Pending(int(sc)) == 0 {
			b.add(sc)
		}
	}
	if b.fast {
		b.rescanMachine(pl.Machine)
		return
	}
	if b.cfg.Scheme == Serial {
		return
	}
	// Keys must stay lower bounds: a production may let consumers start
	// earlier, and so may a setup table that breaks the triangle
	// inequality.
	for i := c.ProdFirst[o]; i < c.ProdFirst[o+1]; i++ {
		m := c.ProdMat[i]
		for k := c.MatConsFirst[m]; k < c.MatConsFirst[m+1]; k++ {
			b.lower(c.MatConsOp[k])
		}
	}
	if b.rekeyMach[pl.Machine] {
		m := pl.Machine
		for k := c.MachOpsFirst[m]; k < c.MachOpsFirst[m+1]; k++ {
			b.lower(c.MachOps[k])
		}
	}
}

// lower lowers the keys of candidate o to bounds from its ready time.
func (b *Builder) lower(o int32) {
	r := b.s.Ready(int(o))
	if b.estHeap.contains(o) && r < b.estHeap.key[o] {
		b.estHeap.fix(o, r)
	}
	if e := r + b.c.MinProc[o]; b.ectHeap.contains(o) && e < b.ectHeap.key[o] {
		b.ectHeap.fix(o, e)
	}
}

// Fast path for plain problems.

// addFast makes o a candidate of the fast path.
func (b *Builder) addFast(o int32) {
	i := len(b.avail)
	b.apos[o] = int32(i)
	b.avail = append(b.avail, o)
	b.fEst = append(b.fEst, 0)
	b.fEct = append(b.fEct, 0)
	b.fAlt = append(b.fAlt, 0)
	b.mlAdd(o)
	b.scanPlain(i, o)
}

// removeFast removes the candidate o from the fast path's lists.
func (b *Builder) removeFast(o int32) {
	i := b.apos[o]
	n := len(b.avail) - 1
	last := b.avail[n]
	b.avail[i], b.fEst[i], b.fEct[i], b.fAlt[i] = last, b.fEst[n], b.fEct[n], b.fAlt[n]
	b.apos[last] = i
	b.avail, b.fEst, b.fEct, b.fAlt = b.avail[:n], b.fEst[:n], b.fEct[:n], b.fAlt[:n]
	b.apos[o] = -1
	b.mlRemove(o)
}

// rescanMachine recomputes the candidates with an alternative on m.
func (b *Builder) rescanMachine(m int32) {
	for _, a := range b.mlist[m] {
		o := b.altOp[a]
		b.scanPlain(int(b.apos[o]), o)
	}
}

// scanPlain computes, for the candidate at position i of avail in a plain
// problem in append mode, the engine's fast-path placement (start =
// max(ready, machine end)) on the alternative chosen by the machine rule:
// fEst, fEct, fAlt[i]. An operation that would miss its latest end is
// recorded in badOp.
func (b *Builder) scanPlain(i int, o int32) {
	c, s := b.c, b.s
	r := s.Ready(int(o))
	a0, a1 := c.AltFirst[o], c.AltFirst[o+1]
	st := max(r, s.MachineEnd(int(c.AltMachine[a0])))
	en := st + c.AltProc[a0]
	alt := int32(0)
	for a := a0 + 1; a < a1; a++ {
		st2 := max(r, s.MachineEnd(int(c.AltMachine[a])))
		en2 := st2 + c.AltProc[a]
		var better bool
		switch b.cfg.Machine {
		case EarliestStartMachine:
			better = st2 < st || (st2 == st && en2 < en)
		case ShortestProcessing:
			p1, p2 := en-st, en2-st2
			better = p2 < p1 || (p2 == p1 && en2 < en)
		default:
			better = en2 < en || (en2 == en && st2 < st)
		}
		if better {
			st, en, alt = st2, en2, a-a0
		}
	}
	b.work += int64(a1 - a0)
	b.fEst[i], b.fEct[i], b.fAlt[i] = st, en, alt
	if en > c.LatestEnd[o] && b.badOp < 0 {
		b.badOp = o
	}
}

// fastPlacement stores in b.pl[o] the placement of the candidate at
// position i of avail, for the rule's view and the commit.
func (b *Builder) fastPlacement(i int, o int32) {
	c := b.c
	m := c.AltMachine[c.AltFirst[o]+b.fAlt[i]]
	b.pl[o] = engine.Placement{Alt: b.fAlt[i], Machine: m, Pos: int32(len(b.s.Sequence(int(m)))), Class: -1,
		SetupStart: b.fEst[i], Start: b.fEst[i], End: b.fEct[i]}
	b.ok[o] = true
	b.evalStamp[o] = b.stamp
}

// stepFast runs one non-delay (or active) step on the cached placements
// of a plain problem's candidates.
func (b *Builder) stepFast(active bool) (int32, error) {
	if o := b.badOp; o >= 0 {
		b.hard[o] = engine.Failure{Reason: engine.Deadline, Material: -1}
		return -1, b.blockedErr(o)
	}
	n := len(b.avail)
	if n == 0 {
		return -1, b.stuck()
	}
	b.conflict = b.conflict[:0]
	est, ect := b.fEst[:n], b.fEct[:n]
	var now int64
	if active {
		best, bi := ect[0], 0
		for i := 1; i < n; i++ {
			if e := ect[i]; e < best || (e == best && b.avail[i] < b.avail[bi]) {
				best, bi = e, i
			}
		}
		c := b.c
		o := b.avail[bi]
		ms := c.AltMachine[c.AltFirst[o]+b.fAlt[bi]]
		now = int64(inf)
		for _, a := range b.mlist[ms] {
			o := b.altOp[a]
			i := b.apos[o]
			if (est[i] < best || int(i) == bi) && c.AltMachine[c.AltFirst[o]+b.fAlt[i]] == ms && b.mark[o] != b.stamp {
				b.mark[o] = b.stamp
				b.conflict = append(b.conflict, o)
				now = min(now, est[i])
			}
		}
	} else {
		best := int64(inf)
		conf := b.conflict
		for i, e := range est {
			if e <= best {
				if e < best {
					best = e
					conf = conf[:0]
				}
				conf = append(conf, b.avail[i])
			}
		}
		b.conflict = conf
		now = best
	}
	chosen := b.choose(now)
	b.ensure(chosen)
	b.removeFast(chosen)
	return chosen, nil
}

// opHeap is an indexed binary min-heap of operations by key (ties: lower
// operation index).
type opHeap struct {
	h   []int32
	pos []int32 // position in h, -1 when absent
	key []int64
}

func newOpHeap(n int) opHeap {
	h := opHeap{h: make([]int32, 0, n), pos: make([]int32, n), key: make([]int64, n)}
	for i := range h.pos {
		h.pos[i] = -1
	}
	return h
}

func (h *opHeap) clear() {
	for _, o := range h.h {
		h.pos[o] = -1
	}
	h.h = h.h[:0]
}

func (h *opHeap) len() int              { return len(h.h) }
func (h *opHeap) topKey() int64         { return h.key[h.h[0]] }
func (h *opHeap) contains(o int32) bool { return h.pos[o] >= 0 }
func (h *opHeap) less(x, y int32) bool {
	if h.key[x] != h.key[y] {
		return h.key[x] < h.key[y]
	}
	return x < y
}

func (h *opHeap) push(o int32, k int64) {
	h.key[o] = k
	h.pos[o] = int32(len(h.h))
	h.h = append(h.h, o)
	h.up(len(h.h) - 1)
}

func (h *opHeap) pop() int32 {
	o := h.h[0]
	h.remove(o)
	return o
}

func (h *opHeap) remove(o int32) {
	i := int(h.pos[o])
	last := len(h.h) - 1
	h.pos[o] = -1
	if i == last {
		h.h = h.h[:last]
		return
	}
	m := h.h[last]
	h.h[i] = m
	h.pos[m] = int32(i)
	h.h = h.h[:last]
	h.down(i)
	h.up(int(h.pos[m]))
}

// fix sets the key of o (in the heap) and restores the order.
func (h *opHeap) fix(o int32, k int64) {
	old := h.key[o]
	h.key[o] = k
	if k < old {
		h.up(int(h.pos[o]))
	} else {
		h.down(int(h.pos[o]))
	}
}

func (h *opHeap) up(i int) {
	o := h.h[i]
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(o, h.h[p]) {
			break
		}
		h.h[i] = h.h[p]
		h.pos[h.h[i]] = int32(i)
		i = p
	}
	h.h[i] = o
	h.pos[o] = int32(i)
}

func (h *opHeap) down(i int) {
	n := len(h.h)
	o := h.h[i]
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		if r := l + 1; r < n && h.less(h.h[r], h.h[l]) {
			l = r
		}
		if !h.less(h.h[l], o) {
			break
		}
		h.h[i] = h.h[l]
		h.pos[h.h[i]] = int32(i)
		i = l
	}
	h.h[i] = o
	h.pos[o] = int32(i)
}
