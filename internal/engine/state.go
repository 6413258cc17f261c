package engine

import (
	"fmt"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Reason says why EarliestStart found no placement.
type Reason int

// The reasons for a failed placement.
const (
	// NoFailure: the last call succeeded.
	NoFailure Reason = iota
	// Pending: a predecessor of the operation is not placed yet.
	Pending
	// Horizon: the machine's (or the operators') calendar has no working
	// window left that can hold the operation.
	Horizon
	// Deadline: the operation would end after its latest end (its job's
	// deadline, or the start of a fixed successor minus the time needed).
	Deadline
	// Material: the stock of Failure.Material is insufficient at every
	// time, given the receipts and the operations committed so far (a
	// production committed later may help).
	Material
	// Operators: the operator pools can never provide the operators
	// (skills, capacity and calendars).
	Operators
)

var reasonNames = [...]string{"none", "pending predecessors", "no working window left", "deadline", "material shortage", "operators unavailable"}

// String names the reason.
func (r Reason) String() string {
	if r >= 0 && int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("reason(%d)", int(r))
}

// Failure describes why the last EarliestStart call failed.
type Failure struct {
	Reason Reason
	// Material is the material index for Reason == Material (else -1).
	Material int
}

// Placement is where and when an operation can run: the result of
// EarliestStart, the argument of Commit.
type Placement struct {
	// Alt is the alternative (index within the operation's alternatives).
	Alt int32
	// Machine is the machine index.
	Machine int32
	// Pos is the position in the machine's sequence at which the operation
	// is inserted (the length of the sequence when appended).
	Pos int32
	// Class is the operator calendar class used by a resumable operation
	// that needs operators (-1 otherwise).
	Class int32
	// SetupStart, Start and End are the times of the assignment.
	SetupStart, Start, End int64
	// NextSetupStart is the new setup start of the operation that follows
	// on the machine (at Pos), whose setup changes when an operation is
	// inserted before it.
	NextSetupStart int64
}

// State is the per-goroutine scratch of the engine: a partial schedule
// (machine sequences, operation times, stock profiles, operator usage)
// built by EarliestStart / Commit. Create one with Compiled.NewState; Reset
// reuses it without allocating.
type State struct {
	c         *Compiled
	insertion bool
	plain     bool

	placed  []bool
	alt     []int32
	mach    []int32
	ss      []int64
	st      []int64
	en      []int64
	ready   []int64
	pend    []int32
	seq     [][]int32
	tail    []int32
	mEnd    []int64
	nPlaced int
	mk      int64

	mats  []matLine
	pools []profile
	oper  []int32
	asg   assigner
	fail  Failure
}

// NewState returns a fresh state for c, with the fixed operations
// committed (see Reset). Append mode is the default.
func (c *Compiled) NewState() *State {
	n := c.NumOps
	s := &State{
		c:      c,
		placed: make([]bool, n),
		alt:    make([]int32, n),
		mach:   make([]int32, n),
		ss:     make([]int64, n),
		st:     make([]int64, n),
		en:     make([]int64, n),
		ready:  make([]int64, n),
		pend:   make([]int32, n),
		seq:    make([][]int32, c.NumMachines),
		tail:   make([]int32, c.NumMachines),
		mEnd:   make([]int64, c.NumMachines),
		oper:   make([]int32, c.OperFirst[n]),
	}
	caps := make([]int, c.NumMachines)
	for m := 0; m < c.NumMachines; m++ {
		caps[m] = int(c.MachOpsFirst[m+1] - c.MachOpsFirst[m])
	}
	for _, o := range c.FixedOrder {
		caps[c.FixedMachine[o]]++
	}
	tot := 0
	for _, k := range caps {
		tot += k
	}
	buf := make([]int32, tot)
	off := 0
	for m := range s.seq {
		s.seq[m] = buf[off : off : off+caps[m]]
		off += caps[m]
	}
	if c.Flags&FlagMaterials != 0 {
		s.mats = make([]matLine, c.NumMaterials)
		extra := make([]int, c.NumMaterials)
		for _, m := range c.ConsMat {
			extra[m]++
		}
		for _, m := range c.ProdMat {
			extra[m]++
		}
		for m := range s.mats {
			k := int(c.MatEvFirst[m+1]-c.MatEvFirst[m]) + extra[m]
			s.mats[m] = matLine{t: make([]int64, 0, k), d: make([]float64, 0, k), lvl: make([]float64, 0, k), suf: make([]float64, 0, k)}
		}
	}
	if c.Flags&FlagOperators != 0 {
		withNeeds := 0
		for o := 0; o < n; o++ {
			if c.NeedFirst[o] < c.NeedFirst[o+1] {
				withNeeds++
			}
		}
		s.pools = make([]profile, c.NumPools)
		for p := range s.pools {
			k := 1 + 2*withNeeds
			s.pools[p] = profile{t: make([]int64, 0, k), u: make([]int32, 0, k)}
		}
		s.asg.init(c)
	}
	s.setMode()
	s.Reset()
	return s
}

func (s *State) setMode() {
	s.plain = s.c.Flags.Plain() && !s.insertion
}

// SetInsertion selects the insertion mode: when on, EarliestStart may
// place an operation in the earliest idle gap of the machine that fits it
// (active schedules); when off (the default) it appends it after the last
// operation the builder placed on the machine (fixed operations aside).
func (s *State) SetInsertion(on bool) {
	s.insertion = on
	s.setMode()
}

// Insertion reports whether the insertion mode is on.
func (s *State) Insertion() bool { return s.insertion }

// Compiled returns the compiled problem of s.
func (s *State) Compiled() *Compiled { return s.c }

// Reset empties the partial schedule and commits the fixed operations, at
// their frozen times, in order of start. It does not allocate.
func (s *State) Reset() {
	c := s.c
	for o := 0; o < c.NumOps; o++ {
		s.placed[o] = false
		s.ready[o] = c.Release[o]
		s.pend[o] = c.PredFirst[o+1] - c.PredFirst[o]
	}
	for m := range s.seq {
		s.seq[m] = s.seq[m][:0]
		s.tail[m] = 0
		s.mEnd[m] = MinTime
	}
	for m := range s.mats {
		s.mats[m].reset(c, m)
	}
	for p := range s.pools {
		s.pools[p].reset()
	}
	s.nPlaced = 0
	s.mk = 0
	s.fail = Failure{Material: -1}
	// Fixed operations take their operators without preferences, so that
	// a reset state never depends on them: first those given their pools,
	// then the others, which choose among the operators left.
	pref, strict := s.asg.pref, s.asg.strict
	s.asg.pref, s.asg.strict = nil, false
	for pass := range 2 {
		for _, o := range c.FixedOrder {
			if s.hasFixedPools(int(o)) == (pass == 0) {
				s.commitFixed(int(o))
			}
		}
	}
	s.asg.pref, s.asg.strict = pref, strict
}

// CopyFrom makes s an exact copy of src's partial schedule, a state of the
// same compiled problem (a checkpoint: decoding can go on from either copy
// and gives the same placements). The operator preferences of s and
// their strictness (SetOperatorPreference, SetStrictOperatorPreference)
// are settings, not state: they stay as they were. It does not allocate once s has held a state as
// large as src's, which is always the case between states of the same
// Compiled.
func (s *State) CopyFrom(src *State) {
	if s == src {
		return
	}
	if s.c != src.c {
		panic("engine: CopyFrom between states of different problems")
	}
	s.insertion, s.plain = src.insertion, src.plain
	copy(s.placed, src.placed)
	copy(s.alt, src.alt)
	copy(s.mach, src.mach)
	copy(s.ss, src.ss)
	copy(s.st, src.st)
	copy(s.en, src.en)
	copy(s.ready, src.ready)
	copy(s.pend, src.pend)
	for m := range s.seq {
		s.seq[m] = append(s.seq[m][:0], src.seq[m]...)
	}
	copy(s.tail, src.tail)
	copy(s.mEnd, src.mEnd)
	s.nPlaced, s.mk = src.nPlaced, src.mk
	for m := range s.mats {
		d, f := &s.mats[m], &src.mats[m]
		d.t = append(d.t[:0], f.t...)
		d.d = append(d.d[:0], f.d...)
		d.lvl = append(d.lvl[:0], f.lvl...)
		d.suf = append(d.suf[:0], f.suf...)
	}
	for p := range s.pools {
		d, f := &s.pools[p], &src.pools[p]
		d.t = append(d.t[:0], f.t...)
		d.u = append(d.u[:0], f.u...)
	}
	copy(s.oper, src.oper)
	s.fail = src.fail
}

// SetOperatorPreference makes EarliestStart and Commit try first, for each
// operator an operation needs, the pool pref names (Reset ignores it: the
// fixed operations get the pools they would get without preferences): pref has one entry per
// operator unit, in the layout of OperatorTable (for each operation, its
// needs in order, Count entries each), a pool index or -1 for no
// preference. A preferred pool that lacks the skill is passed over, and
// so is one with no operator free unless the preferences are strict (see
// SetStrictOperatorPreference). nil (the default) removes the preferences. The
// state keeps pref (not a copy) until the next call.
func (s *State) SetOperatorPreference(pref []int32) {
	if pref != nil && len(pref) != len(s.oper) {
		panic("engine: SetOperatorPreference: wrong length")
	}
	s.asg.pref = pref
}

// SetStrictOperatorPreference makes the operator preferences binding when
// on: an operator unit whose preferred pool has the skill and some
// capacity takes an operator of that pool, and EarliestStart waits until
// one is free rather than taking another pool earlier. A schedule's own
// pools, set as preferences, then reproduce its operator assignment
// instead of letting an operation that starts earlier take the pool a
// later one needs. Off by default; Reset ignores it for the fixed
// operations, as it ignores the preferences.
func (s *State) SetStrictOperatorPreference(on bool) { s.asg.strict = on }

// OperatorTable returns the operator pools of every placed operation, in
// the layout of SetOperatorPreference (entries of operations not placed
// are stale). The slice belongs to the state.
func (s *State) OperatorTable() []int32 { return s.oper }

// Failure returns why the last failed EarliestStart call failed.
func (s *State) Failure() Failure { return s.fail }

// Placed reports whether operation o is placed.
func (s *State) Placed(o int) bool { return s.placed[o] }

// NumPlaced returns the number of placed operations.
func (s *State) NumPlaced() int { return s.nPlaced }

// Done reports whether every operation is placed.
func (s *State) Done() bool { return s.nPlaced == s.c.NumOps }

// Ready returns the earliest start of o allowed by its job's release and
// its placed predecessors (end plus lag).
func (s *State) Ready(o int) int64 { return s.ready[o] }

// Pending returns the number of predecessors of o not placed yet.
func (s *State) Pending(o int) int { return int(s.pend[o]) }

// Machine returns the machine of placed operation o.
func (s *State) Machine(o int) int { return int(s.mach[o]) }

// Alt returns the alternative of placed operation o (-1 for a fixed
// operation on a machine that is not among its alternatives).
func (s *State) Alt(o int) int { return int(s.alt[o]) }

// SetupStart returns the setup start of placed operation o.
func (s *State) SetupStart(o int) int64 { return s.ss[o] }

// Start returns the start of placed operation o.
func (s *State) Start(o int) int64 { return s.st[o] }

// End returns the end of placed operation o.
func (s *State) End(o int) int64 { return s.en[o] }

// Makespan returns the latest end of the placed operations (0 if none).
func (s *State) Makespan() int64 { return s.mk }

// Sequence returns the operations placed on machine m, in start order.
// The slice belongs to the state: do not modify it.
func (s *State) Sequence(m int) []int32 { return s.seq[m] }

// MachineEnd returns the end of the last operation on machine m (MinTime
// when none).
func (s *State) MachineEnd(m int) int64 { return s.mEnd[m] }

// Operators returns the operator pools of placed operation o, as in
// schedule.Assignment.Operators. The slice belongs to the state.
func (s *State) Operators(o int) []int32 { return s.oper[s.c.OperFirst[o]:s.c.OperFirst[o+1]] }

// SetupTime returns the sequence-dependent setup time (ticks) operation
// o needs on machine m at position pos of m's current sequence: the
// change from the family of the operation before it there, or the
// machine's initial setup at position 0; 0 when m has no setup matrix.
func (s *State) SetupTime(o, m, pos int) int64 {
	c := s.c
	t := c.MachSetup[m]
	if t < 0 {
		return 0
	}
	if pos <= 0 {
		return c.SetupInit[t]
	}
	pv := s.seq[m][pos-1]
	return c.SetupTab[t][int(c.Family[pv])*c.NumFamilies+int(c.Family[o])]
}

// Stock returns the stock of material m after every event at or before t
// (receipts and the committed operations).
func (s *State) Stock(m int, t int64) float64 {
	if s.mats == nil {
		return s.c.Problem.Materials[m].Initial
	}
	return s.mats[m].level(t)
}

// EarliestStart returns the earliest feasible placement of operation o on
// its alternative alt with start at or after t (and after its release and
// its predecessors' ends plus lags), given the operations committed so
// far, and false when there is none (see Failure). The predecessors of o
// must all be placed. See the package documentation for the exact rules.
func (s *State) EarliestStart(o, alt int, t int64) (Placement, bool) {
	c := s.c
	if s.pend[o] > 0 {
		s.fail = Failure{Reason: Pending, Material: -1}
		return Placement{}, false
	}
	a := c.AltFirst[o] + int32(alt)
	if s.plain {
		m := c.AltMachine[a]
		st := max(t, s.ready[o], s.mEnd[m])
		en := st + c.AltProc[a]
		if en > c.LatestEnd[o] {
			s.fail = Failure{Reason: Deadline, Material: -1}
			return Placement{}, false
		}
		return Placement{Alt: int32(alt), Machine: m, Pos: int32(len(s.seq[m])), Class: -1, SetupStart: st, Start: st, End: en}, true
	}
	lb := max(t, s.ready[o])
	if c.Resumable[o] && c.NeedFirst[o] < c.NeedFirst[o+1] {
		if c.NumClasses == 1 {
			return s.placeClass(o, a, alt, lb, 0)
		}
		var best Placement
		found := false
		var fail Failure
		for k := 0; k < c.NumClasses; k++ {
			if !s.classServes(o, int32(k)) {
				continue
			}
			pl, ok := s.placeClass(o, a, alt, lb, int32(k))
			if !ok {
				fail = s.fail
				continue
			}
			if !found || pl.End < best.End || (pl.End == best.End && pl.Start < best.Start) {
				best, found = pl, true
			}
		}
		if !found {
			s.fail = fail
			return Placement{}, false
		}
		return best, true
	}
	return s.placeClass(o, a, alt, lb, -1)
}

// classServes reports whether the pools of calendar class k can ever
// serve the needs of o.
func (s *State) classServes(o int, k int32) bool {
	c := s.c
	for p := 0; p < c.NumPools; p++ {
		s.asg.free[p] = 0
		if c.PoolClass[p] == k {
			s.asg.free[p] = c.PoolCap[p]
		}
	}
	return s.asg.assign(c, o)
}

// placeClass is EarliestStart for one operator calendar class (-1: any
// pool covering the operation, for non-resumable operations).
func (s *State) placeClass(o int, a int32, alt int, lb int64, cls int32) (Placement, bool) {
	c := s.c
	hasCons := c.ConsFirst[o] < c.ConsFirst[o+1]
	hasNeeds := c.NeedFirst[o] < c.NeedFirst[o+1]
	for {
		pl, ok := s.machinePlace(o, a, lb, cls)
		if !ok {
			s.fail = Failure{Reason: Horizon, Material: -1}
			return Placement{}, false
		}
		if pl.End > c.LatestEnd[o] {
			s.fail = Failure{Reason: Deadline, Material: -1}
			return Placement{}, false
		}
		if hasCons {
			t2 := pl.Start
			for i := c.ConsFirst[o]; i < c.ConsFirst[o+1]; i++ {
				v, ok := s.mats[c.ConsMat[i]].earliest(c.ConsQty[i], pl.Start)
				if !ok {
					s.fail = Failure{Reason: Material, Material: int(c.ConsMat[i])}
					return Placement{}, false
				}
				t2 = max(t2, v)
			}
			if t2 > pl.Start {
				lb = t2
				continue
			}
		}
		if hasNeeds {
			t3, ok := s.operatorTime(o, pl.Start, pl.End, cls)
			if !ok {
				s.fail = Failure{Reason: Operators, Material: -1}
				return Placement{}, false
			}
			if t3 > pl.Start {
				lb = t3
				continue
			}
		}
		pl.Alt = int32(alt)
		pl.Class = cls
		return pl, true
	}
}

// machinePlace finds the earliest position and times of o on the machine
// of alternative a with start >= lb, honouring the machine's sequence
// (append after the tail, or any gap in insertion mode), setups and
// calendars.
func (s *State) machinePlace(o int, a int32, lb int64, cls int32) (Placement, bool) {
	c := s.c
	m := c.AltMachine[a]
	p := c.AltProc[a]
	mcal := c.MachCal[m]
	res := c.Resumable[o]
	ecal := mcal
	if res && cls > 0 {
		ecal = c.EffCal[int(m)*c.NumClasses+int(cls)]
	}
	fam := int(c.Family[o])
	F := c.NumFamilies
	var tab []int64
	var init int64
	if t := c.MachSetup[m]; t >= 0 {
		tab = c.SetupTab[t]
		init = c.SetupInit[t]
	}
	seq := s.seq[m]
	rel := c.Release[o]
	i := int(s.tail[m])
	if s.insertion {
		L := rel
		if !(res && tab != nil) {
			L = max(L, lb-c.MachMaxSetup[m])
		}
		lo, hi := 0, len(seq)
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if s.en[seq[mid]] > L {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		i = lo
	}
	fixed := c.FixedMachine
	for ; i <= len(seq); i++ {
		prevEnd := MinTime
		var setup int64
		if i > 0 {
			pv := seq[i-1]
			prevEnd = s.en[pv]
			if tab != nil {
				setup = tab[int(c.Family[pv])*F+fam]
			}
		} else if tab != nil {
			setup = init
		}
		lbs := max(rel, prevEnd)
		if i < len(seq) && max(lbs, lb)+p > s.st[seq[i]] {
			continue // the gap is too short whatever the setups
		}
		var ss, st, en int64
		if !res {
			v, ok := mcal.Fit(max(lbs, lb-setup), setup+p)
			if !ok {
				return Placement{}, false
			}
			ss, st, en = v, v+setup, v+setup+p
		} else {
			x := lbs
			if setup > 0 {
				v, ok := mcal.Advance(lbs, setup)
				if !ok {
					return Placement{}, false
				}
				x = v
			}
			v, ok := ecal.NextWorking(max(x, lb))
			if !ok {
				return Placement{}, false
			}
			st = v
			e, ok := ecal.Advance(st, p)
			if !ok {
				return Placement{}, false
			}
			en = e
			ss = st
			if setup > 0 {
				ss, _ = mcal.WalkBack(st, setup)
			}
		}
		var nss int64
		if i < len(seq) {
			nx := seq[i]
			if fixed != nil && fixed[nx] >= 0 {
				if en > s.ss[nx] {
					continue
				}
				nss = s.ss[nx]
			} else {
				var nsetup int64
				if tab != nil {
					nsetup = tab[fam*F+int(c.Family[nx])]
				}
				stn := s.st[nx]
				if c.Resumable[nx] {
					v, ok := mcal.WalkBack(stn, nsetup)
					if !ok {
						continue
					}
					nss = v
				} else {
					nss = stn - nsetup
					if nsetup > 0 && !mcal.Covers(nss, max(s.en[nx], stn)) {
						continue
					}
				}
				if nss < en || nss < c.Release[nx] {
					continue
				}
			}
		}
		return Placement{Machine: m, Pos: int32(i), SetupStart: ss, Start: st, End: en, NextSetupStart: nss}, true
	}
	return Placement{}, false // not reached: the last gap is open-ended
}

// fillFree sets s.asg.free to the operators each pool can give o over
// [st, en): 0 for pools outside class cls (cls >= 0) or whose calendar does
// not cover the interval (cls < 0), capacity minus use otherwise (capacity
// alone when ignoreUse).
func (s *State) fillFree(o int, st, en int64, cls int32, ignoreCal, ignoreUse bool) {
	c := s.c
	for p := 0; p < c.NumPools; p++ {
		f := c.PoolCap[p]
		switch {
		case ignoreCal:
		case cls >= 0:
			if c.PoolClass[p] != cls {
				f = 0
			}
		default:
			if !c.PoolCal[p].Covers(st, en) {
				f = 0
			}
		}
		if f > 0 && !ignoreUse {
			f -= s.pools[p].maxUse(st, en)
		}
		s.asg.free[p] = max(f, 0)
	}
}

// operatorTime returns st when the operators o needs are available over
// [st, en), otherwise the next time at which they might be, and false
// when they never will be.
func (s *State) operatorTime(o int, st, en int64, cls int32) (int64, bool) {
	c := s.c
	s.fillFree(o, st, en, cls, false, false)
	if s.asg.assign(c, o) {
		return st, true
	}
	next := model.Forever
	ns := c.NumSkills
	for p := 0; p < c.NumPools; p++ {
		if cls >= 0 && c.PoolClass[p] != cls {
			continue
		}
		rel := false
		for i := c.NeedFirst[o]; i < c.NeedFirst[o+1]; i++ {
			if c.PoolSkill[p*ns+int(c.NeedSkill[i])] {
				rel = true
				break
			}
		}
		if !rel || c.PoolCap[p] == 0 {
			continue
		}
		if cls < 0 && !c.PoolCal[p].Covers(st, en) {
			if f, ok := c.PoolCal[p].Fit(st, en-st); ok {
				next = min(next, f)
			}
			continue
		}
		next = min(next, s.pools[p].nextBreak(st))
	}
	if next >= model.Forever {
		return 0, false
	}
	return next, true
}

// Commit places operation o as pl, which must come from EarliestStart on
// the current state (or on a state that differs only by commits on other
// machines and resources). It updates the machine sequence (and the setup
// start of the operation that follows, when inserted), stock profiles,
// operator usage (choosing the pools as EarliestStart did) and the ready
// times of o's successors.
func (s *State) Commit(o int, pl Placement) {
	c := s.c
	m := pl.Machine
	if s.plain {
		s.placed[o] = true
		s.alt[o] = pl.Alt
		s.mach[o] = m
		s.ss[o], s.st[o], s.en[o] = pl.SetupStart, pl.Start, pl.End
		s.seq[m] = append(s.seq[m], int32(o))
		s.tail[m] = int32(len(s.seq[m]))
		s.mEnd[m] = pl.End
		s.mk = max(s.mk, pl.End)
		s.nPlaced++
		for i := c.SuccFirst[o]; i < c.SuccFirst[o+1]; i++ {
			sc := c.SuccOp[i]
			s.ready[sc] = max(s.ready[sc], pl.End+c.SuccLag[i])
			s.pend[sc]--
		}
		return
	}
	s.commit(o, pl, false)
}

// commit is the general Commit.
func (s *State) commit(o int, pl Placement, isFixed bool) {
	c := s.c
	m := pl.Machine
	seq := s.seq[m]
	pos := int(pl.Pos)
	if pos < len(seq) {
		nx := seq[pos]
		if c.FixedMachine == nil || c.FixedMachine[nx] < 0 {
			s.ss[nx] = pl.NextSetupStart
		}
	}
	seq = append(seq, 0)
	copy(seq[pos+1:], seq[pos:])
	seq[pos] = int32(o)
	s.seq[m] = seq
	if isFixed {
		if int32(pos) < s.tail[m] {
			s.tail[m]++
		}
	} else if int32(pos) >= s.tail[m] {
		s.tail[m] = int32(pos) + 1
	} else {
		s.tail[m]++
	}
	s.placed[o] = true
	s.alt[o] = pl.Alt
	s.mach[o] = m
	s.ss[o], s.st[o], s.en[o] = pl.SetupStart, pl.Start, pl.End
	s.mEnd[m] = s.en[seq[len(seq)-1]]
	s.mk = max(s.mk, pl.End)
	s.nPlaced++
	for i := c.ConsFirst[o]; i < c.ConsFirst[o+1]; i++ {
		s.mats[c.ConsMat[i]].add(pl.Start, -c.ConsQty[i])
	}
	for i := c.ProdFirst[o]; i < c.ProdFirst[o+1]; i++ {
		s.mats[c.ProdMat[i]].add(pl.End, c.ProdQty[i])
	}
	if isFixed && s.hasFixedPools(o) {
		// A fixed operation on its given pools: exactly those.
		lo, hi := c.OperFirst[o], c.OperFirst[o+1]
		copy(s.oper[lo:hi], c.FixedPool[lo:hi])
		for _, p := range c.FixedPool[lo:hi] {
			s.pools[p].add(pl.Start, pl.End, 1)
		}
	} else if c.NeedFirst[o] < c.NeedFirst[o+1] {
		s.fillFree(o, pl.Start, pl.End, pl.Class, isFixed, false)
		if !s.asg.assign(c, o) {
			// A stale placement or over-committed fixed operations:
			// keep the skills right, ignore capacity and calendars.
			s.fillFree(o, pl.Start, pl.End, -1, true, true)
			s.asg.assign(c, o)
		}
		s.asg.write(s.oper[c.OperFirst[o]:c.OperFirst[o+1]])
		for p, k := range s.asg.used {
			if k > 0 {
				s.pools[p].add(pl.Start, pl.End, k)
			}
		}
	}
	for i := c.SuccFirst[o]; i < c.SuccFirst[o+1]; i++ {
		sc := c.SuccOp[i]
		s.ready[sc] = max(s.ready[sc], pl.End+c.SuccLag[i])
		s.pend[sc]--
	}
}

// hasFixedPools reports whether fixed operation o is given its pools.
func (s *State) hasFixedPools(o int) bool {
	c := s.c
	lo, hi := c.OperFirst[o], c.OperFirst[o+1]
	return lo < hi && c.FixedPool != nil && c.FixedPool[lo] >= 0
}

// commitFixed commits fixed operation o at its frozen place.
func (s *State) commitFixed(o int) {
	c := s.c
	m := c.FixedMachine[o]
	st, en := c.FixedStart[o], c.FixedEnd[o]
	seq := s.seq[m]
	pos := 0
	for pos < len(seq) {
		x := seq[pos]
		if s.st[x] > st || (s.st[x] == st && s.en[x] > en) {
			break
		}
		pos++
	}
	alt := int32(-1)
	for a := c.AltFirst[o]; a < c.AltFirst[o+1]; a++ {
		if c.AltMachine[a] == m {
			alt = a - c.AltFirst[o]
			break
		}
	}
	var nss int64
	if pos < len(seq) {
		nss = s.ss[seq[pos]]
	}
	s.commit(o, Placement{Alt: alt, Machine: m, Pos: int32(pos), Class: -1, SetupStart: c.FixedSetupStart[o], Start: st, End: en, NextSetupStart: nss}, true)
}

// Schedule returns the placed operations as a schedule (assignments in
// operation order; operations not placed are missing).
func (s *State) Schedule() *schedule.Schedule {
	c := s.c
	out := &schedule.Schedule{Assignments: make([]schedule.Assignment, 0, s.nPlaced)}
	var opers []int
	if len(s.oper) > 0 {
		opers = make([]int, len(s.oper))
	}
	for o := 0; o < c.NumOps; o++ {
		if !s.placed[o] {
			continue
		}
		j := c.OpJob[o]
		a := schedule.Assignment{
			Job: int(j), Op: o - int(c.JobFirst[j]), Machine: int(s.mach[o]),
			SetupStart: s.ss[o], Start: s.st[o], End: s.en[o],
		}
		if lo, hi := c.OperFirst[o], c.OperFirst[o+1]; lo < hi {
			for i := lo; i < hi; i++ {
				opers[i] = int(s.oper[i])
			}
			a.Operators = opers[lo:hi:hi]
		}
		out.Assignments = append(out.Assignments, a)
	}
	return out
}
