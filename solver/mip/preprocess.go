package mip

import (
	"context"
	"fmt"
	"math"

	"github.com/ordo-sched/ordo/model"
)

// ShaveWork bounds the work of the shaving in Build, in elementary steps
// of the propagation (about a second of one core): on larger problems
// shaving stops there, deterministically, and the formulation keeps the
// windows narrowed so far.
const ShaveWork = 200_000_000

// prepWorkHook, when set (by tests), receives the work done by the
// preprocessing of each Build that reaches the shaving.
var prepWorkHook func(work int64)

// prep holds the preprocessing state of one Build: the time windows are in
// f.ops; work counts the elementary steps done.
type prep struct {
	ctx    context.Context
	f      *Formulation
	order  []int
	preds  [][]model.Arc
	succs  [][]model.Arc
	blocks [][]block
	jobLE  []int64

	byM   [][]int // single-alternative operations per machine
	work  int64
	limit int64 // work limit of the current phase (0: none)
	done  bool  // the context is done: stop everything
	// per machine: the windows at which edge finding last found nothing
	// to do (snapEs[m] nil: none)
	snapEs, snapLe [][]int64
	// scratch of edgeFind
	es, le, p []int64
}

func newPrep(ctx context.Context, f *Formulation, order []int, preds, succs [][]model.Arc, blocks [][]block, jobLE []int64) *prep {
	pp := &prep{ctx: ctx, f: f, order: order, preds: preds, succs: succs, blocks: blocks, jobLE: jobLE}
	pp.byM = make([][]int, len(f.p.Machines))
	for i := range f.ops {
		if len(f.ops[i].alts) == 1 {
			pp.byM[f.ops[i].alts[0].m] = append(pp.byM[f.ops[i].alts[0].m], i)
		}
	}
	pp.snapEs = make([][]int64, len(pp.byM))
	pp.snapLe = make([][]int64, len(pp.byM))
	return pp
}

// stopped reports whether the preprocessing must stop: the context is
// done, or the current phase's work limit is spent.
func (pp *prep) stopped() bool {
	if pp.done {
		return true
	}
	if pp.ctx != nil && pp.ctx.Err() != nil {
		pp.done = true
		return true
	}
	return pp.limit > 0 && pp.work > pp.limit
}

// heads and tails: one pass each.
func (pp *prep) passes() error {
	pp.work += int64(2 * len(pp.f.ops))
	pp.f.passHeads(pp.order, pp.preds, pp.blocks)
	return pp.f.passTails(pp.order, pp.succs, pp.blocks, pp.jobLE)
}

// propagate applies the disjunctive rule to every pair of operations that
// must share a machine (single alternative): when only one order fits in
// their time windows, the windows are tightened accordingly; edge finding
// follows on every machine whose windows changed since it last found
// nothing; heads and tails are then propagated again, until nothing
// changes. When the preprocessing must stop it returns nil early: every
// deduction made so far is valid, and no refutation is claimed.
func (pp *prep) propagate() error {
	f := pp.f
	infeasible := func(a, b int) error {
		return fmt.Errorf("%w: operations %s and %s cannot share their machine within their time windows",
			errInfeasible, opName(f.ops[a].job, f.ops[a].k), opName(f.ops[b].job, f.ops[b].k))
	}
	for iter := 0; iter < 100; iter++ {
		if pp.stopped() {
			return nil
		}
		changed := false
		for m, list := range pp.byM {
			t := f.setup[m]
			pp.work += int64(len(list) * len(list) / 2)
			for x := 0; x < len(list); x++ {
				for y := x + 1; y < len(list); y++ {
					a, b := &f.ops[list[x]], &f.ops[list[y]]
					pa, pb := a.alts[0].p, b.alts[0].p
					sab, sba := t.time(a.family, b.family), t.time(b.family, a.family)
					abOK := a.es+pa+sab+pb <= b.le
					baOK := b.es+pb+sba+pa <= a.le
					if !abOK && !baOK {
						return infeasible(list[x], list[y])
					}
					if abOK == baOK {
						continue
					}
					first, second, s := a, b, sab
					if baOK {
						first, second, s = b, a, sba
					}
					pf, ps := first.alts[0].p, second.alts[0].p
					if es := first.es + pf + s; es > second.es {
						if second.fixed != nil {
							return infeasible(list[x], list[y])
						}
						second.es, changed = es, true
					}
					if le := second.le - ps - s; le < first.le {
						if first.fixed != nil {
							return infeasible(list[x], list[y])
						}
						first.le, changed = le, true
					}
				}
			}
		}
		for m := range pp.byM {
			if pp.stopped() {
				return nil
			}
			c, err := pp.edgeFind(m)
			if err != nil {
				return err
			}
			changed = changed || c
		}
		if !changed {
			return nil
		}
		if err := pp.passes(); err != nil {
			return err
		}
	}
	return nil
}

// unchanged reports whether the windows of machine m's operations are those
// at which edge finding last found nothing to do.
func (pp *prep) unchanged(m int) bool {
	es, le := pp.snapEs[m], pp.snapLe[m]
	if es == nil {
		return false
	}
	for k, o := range pp.byM[m] {
		if pp.f.ops[o].es != es[k] || pp.f.ops[o].le != le[k] {
			return false
		}
	}
	return true
}

// edgeFind applies overload checking and edge finding on task intervals to
// the operations of machine m (setups ignored, which keeps the reasoning
// valid): for every set Omega of operations whose windows lie in
// [es_L, le_R], an operation i outside it that cannot run before (after)
// all of Omega must run after (before) all of it (Caseau and Laburthe
// 1994). Windows are copied to dense scratch slices, each distinct pair of
// bounds is tried once, and a machine whose windows are those of its last
// fruitless run is skipped.
func (pp *prep) edgeFind(m int) (bool, error) {
	f := pp.f
	list := pp.byM[m]
	n := len(list)
	if n < 2 || pp.unchanged(m) {
		return false, nil
	}
	pp.work += int64(2 * n * n * n)
	es, le, p := pp.es[:0], pp.le[:0], pp.p[:0]
	for _, o := range list {
		es, le, p = append(es, f.ops[o].es), append(le, f.ops[o].le), append(p, f.ops[o].alts[0].p)
	}
	pp.es, pp.le, pp.p = es, le, p
	changed := false
	for li := 0; li < n; li++ {
		lo := es[li]
		dupL := false
		for k := 0; k < li; k++ {
			if es[k] == lo {
				dupL = true
				break
			}
		}
		if dupL {
			continue
		}
		for ri := 0; ri < n; ri++ {
			hi := le[ri]
			if lo >= hi {
				continue
			}
			dupR := false
			for k := 0; k < ri; k++ {
				if le[k] == hi {
					dupR = true
					break
				}
			}
			if dupR {
				continue
			}
			var pSum int64
			est, lct := int64(math.MaxInt64), int64(math.MinInt64)
			cnt := 0
			for o := 0; o < n; o++ {
				if es[o] >= lo && le[o] <= hi {
					pSum += p[o]
					est, lct = min(est, es[o]), max(lct, le[o])
					cnt++
				}
			}
			if cnt == 0 {
				continue
			}
			if est+pSum > lct {
				return false, fmt.Errorf("%w: machine overload in [%d, %d)", errInfeasible, est, lct)
			}
			for i := 0; i < n; i++ {
				if es[i] >= lo && le[i] <= hi {
					continue
				}
				oi := &f.ops[list[i]]
				pi := p[i]
				// i cannot end before all of Omega: i after all of it.
				if min(es[i], est)+pSum+pi > lct {
					if v := est + pSum; v > es[i] {
						if oi.fixed != nil {
							return false, fmt.Errorf("%w: fixed operation %s cannot run after its machine's other work", errInfeasible, opName(oi.job, oi.k))
						}
						es[i], changed = v, true
					}
				}
				// i cannot follow Omega: i before all of Omega.
				if est+pSum+pi > max(le[i], lct) {
					if v := lct - pSum; v < le[i] {
						if oi.fixed != nil {
							return false, fmt.Errorf("%w: fixed operation %s cannot run before its machine's other work", errInfeasible, opName(oi.job, oi.k))
						}
						le[i], changed = v, true
					}
				}
			}
		}
	}
	for k, o := range list {
		f.ops[o].es, f.ops[o].le = es[k], le[k]
	}
	if !changed {
		pp.snapEs[m] = append(pp.snapEs[m][:0], es...)
		pp.snapLe[m] = append(pp.snapLe[m][:0], le...)
	}
	return changed, nil
}

// passHeads raises every earliest start to the release, the predecessors'
// earliest ends plus lags, and past the blocking intervals.
func (f *Formulation) passHeads(order []int, preds [][]model.Arc, blocks [][]block) {
	for _, i := range order {
		op := &f.ops[i]
		if op.fixed != nil {
			op.es = op.fixed.Start
			continue
		}
		es := max(op.es, op.release)
		for _, a := range preds[i] {
			pr := &f.ops[f.flat[a.From.Job][a.From.Op]]
			es = max(es, pr.es+pr.pmin+a.MinLag)
		}
		best := int64(math.MaxInt64)
		for _, al := range op.alts {
			t := es
			for _, b := range blocks[al.m] {
				if t < b.end && t+al.p > b.start {
					t = b.end
				}
			}
			best = min(best, t)
		}
		op.es = best
	}
}

// passTails lowers every latest end to the job's bound, the successors'
// latest starts minus lags, and before the blocking intervals; it reports
// an empty window.
func (f *Formulation) passTails(order []int, succs [][]model.Arc, blocks [][]block, jobLE []int64) error {
	p := f.p
	for n := len(order) - 1; n >= 0; n-- {
		i := order[n]
		op := &f.ops[i]
		if op.fixed != nil {
			op.le = op.fixed.End
			continue
		}
		le := min(op.le, jobLE[op.job])
		for _, a := range succs[i] {
			su := &f.ops[f.flat[a.To.Job][a.To.Op]]
			le = min(le, su.le-su.pmin-a.MinLag)
		}
		best := int64(math.MinInt64)
		for _, al := range op.alts {
			t := le
			bl := blocks[al.m]
			for bi := len(bl) - 1; bi >= 0; bi-- {
				b := bl[bi]
				if t > b.start && t-al.p < b.end {
					t = b.start
				}
			}
			best = max(best, t)
		}
		op.le = best
		if op.le-op.pmin < op.es {
			return fmt.Errorf("%w: job %q operation %q: earliest start %d, latest end %d, duration %d",
				errInfeasible, p.Jobs[op.job].ID, p.Jobs[op.job].OpID(op.k), op.es, op.le, op.pmin)
		}
	}
	return nil
}

// MaxShaveOps is the largest number of operations for which Build shaves
// the time windows.
const MaxShaveOps = 200

// shave narrows time windows by refutation: it restricts an operation's
// start to the lower (upper) half of its window and propagates; when that
// fails, the half is removed from the window for good (Martin and Shmoys
// 1996). Problems with more than MaxShaveOps operations are not shaved, and
// shaving stops after ShaveWork steps or when the context is done.
func (pp *prep) shave() error {
	f := pp.f
	if len(f.ops) > MaxShaveOps {
		return nil
	}
	pp.limit = pp.work + ShaveWork
	defer func() {
		pp.limit = 0
		if prepWorkHook != nil {
			prepWorkHook(pp.work)
		}
	}()
	es := make([]int64, len(f.ops))
	le := make([]int64, len(f.ops))
	save := func() {
		for i := range f.ops {
			es[i], le[i] = f.ops[i].es, f.ops[i].le
		}
	}
	restore := func() {
		for i := range f.ops {
			f.ops[i].es, f.ops[i].le = es[i], le[i]
		}
	}
	// try reports whether the restricted windows fail; a propagation cut
	// short by the work limit or the context claims nothing.
	try := func() bool {
		if err := pp.passes(); err != nil {
			return true
		}
		return pp.propagate() != nil && !pp.stopped()
	}
	// commit propagates a removed half.
	commit := func() error {
		if err := pp.passes(); err != nil {
			return err
		}
		return pp.propagate()
	}
	for round := 0; round < 5; round++ {
		changed := false
		for i := range f.ops {
			if f.ops[i].fixed != nil || len(f.ops[i].alts) != 1 {
				continue
			}
			for _, low := range []bool{true, false} {
				for tries := 0; tries < 8; tries++ {
					if pp.stopped() {
						return nil
					}
					op := &f.ops[i]
					lo, hi := op.es, op.le-op.pmin
					if lo >= hi {
						break
					}
					d := (hi - lo) / 2
					save()
					if low {
						op.le = lo + d + op.pmin
					} else {
						op.es = hi - d
					}
					failed := try()
					restore()
					if !failed {
						break
					}
					op = &f.ops[i]
					if low {
						op.es = lo + d + 1
					} else {
						op.le = hi - d - 1 + op.pmin
					}
					changed = true
					if err := commit(); err != nil {
						return err
					}
				}
			}
		}
		// Pair shaving: an order of two operations of a machine that
		// propagation refutes gives way to the other one.
		for m, list := range pp.byM {
			t := f.setup[m]
			for x := 0; x < len(list); x++ {
				for y := x + 1; y < len(list); y++ {
					for _, dir := range [2][2]int{{list[x], list[y]}, {list[y], list[x]}} {
						if pp.stopped() {
							return nil
						}
						a, b := &f.ops[dir[0]], &f.ops[dir[1]]
						sab := t.time(a.family, b.family)
						if a.es+a.pmin+sab <= b.es && a.le <= b.le-b.pmin-sab {
							continue // already implied
						}
						save()
						a.le = min(a.le, b.le-b.pmin-sab)
						b.es = max(b.es, a.es+a.pmin+sab)
						failed := a.le-a.pmin < a.es || b.le-b.pmin < b.es || try()
						restore()
						if !failed {
							continue
						}
						// b before a
						a, b = &f.ops[dir[0]], &f.ops[dir[1]]
						sba := t.time(b.family, a.family)
						if a.fixed == nil {
							a.es = max(a.es, b.es+b.pmin+sba)
						}
						if b.fixed == nil {
							b.le = min(b.le, a.le-a.pmin-sba)
						}
						changed = true
						if err := commit(); err != nil {
							return err
						}
					}
				}
			}
		}
		if !changed {
			break
		}
	}
	return nil
}
