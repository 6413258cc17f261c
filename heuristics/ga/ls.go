package ga

import (
	"slices"

	"github.com/ordo-sched/ordo/heuristics/tabu"
	"github.com/ordo-sched/ordo/model"
)

// localSearch improves x in place (Lamarckian) with at most budget
// decodes. x is decoded and normalized (its sequence rewritten in start
// order), then a descent runs on the critical operations of its schedule
// (see critical): an operation before its tight machine predecessor (with
// the genes of its job in between), that predecessor after it, and each
// other alternative of a critical operation; for objectives on jobs also
// a critical operation (with its job's genes in between) a random distance
// earlier in the sequence. Each move is evaluated through the engine; on
// problems of checkpointGenes genes or more from the last checkpoint
// before the first gene it changes (see rebase). The first improving move
// is kept, as are up to maxSideways moves of equal value in a row; the
// search stops at a local optimum (for objectives on jobs: after
// maxTargets costly jobs in a row without improvement) or when the budget
// is spent.
func (is *island) localSearch(x *indiv, budget int) {
	const maxSideways = 8
	if x.bad > 0 {
		return
	}
	if !is.eval(x) {
		return
	}
	budget--
	if !is.rebase(x, &budget) {
		return
	}
	is.critical()
	is.buildMoves()
	sideways, fails := 0, 0
	for budget > 0 && !is.halt {
		improved := false
		for i := 0; i < len(is.cand) && budget > 0; i++ {
			// Lazy shuffle: pick the next move at random.
			k := i + is.rng.IntN(len(is.cand)-i)
			is.cand[i], is.cand[k] = is.cand[k], is.cand[i]
			t := is.trial
			t.copyFrom(x)
			from, ok := is.apply(t, is.cand[i])
			if !ok {
				continue
			}
			budget--
			if !is.evalMode(t, decodeFromGene, from) {
				return
			}
			if t.better(x) || (!x.better(t) && sideways < maxSideways) {
				if t.better(x) {
					sideways = 0
				} else {
					sideways++
				}
				x.copyFrom(t)
				if !is.rebaseFrom(x, from, &budget) {
					return
				}
				is.critical()
				is.buildMoves()
				improved = true
				break
			}
		}
		if improved {
			fails = 0
			continue
		}
		// A local optimum for this target: objectives on jobs try
		// other costly jobs before giving up.
		fails++
		if !is.pd.needJobs || fails >= maxTargets {
			return
		}
		is.critical()
		is.buildMoves()
	}
}

// maxTargets is the number of costly jobs in a row whose critical
// operations the local search tries without improvement before it stops
// (objectives on jobs).
const maxTargets = 8

// checkpointGenes is the size (genes) from which the local search decodes
// its moves from checkpoints: below it a decode is cheaper than the
// copies a checkpoint costs.
const checkpointGenes = 1000

// rebase makes x, the chromosome decoded last, the base of the moves:
// its sequence is normalized and the gene positions of its operations
// kept in is.base. On problems of checkpointGenes genes or more the
// normalized chromosome is decoded again, recording checkpoints (one unit
// of work from *budget; x keeps its sequence before normalization if the
// normalized one decodes worse, which costs one more). It returns false
// when the island must stop.
func (is *island) rebase(x *indiv, budget *int) bool {
	d := is.dec
	is.writeBackPools(x)
	if is.pd.genes < is.cpGenes {
		d.normalize(x.seq)
		is.keepBase()
		return true
	}
	is.keep = append(is.keep[:0], x.seq...)
	bad, val := x.bad, x.val
	d.normalize(x.seq)
	*budget--
	if !is.evalMode(x, decodeRecord, 0) {
		return false
	}
	if x.bad > bad || (x.bad == bad && x.val > val) {
		copy(x.seq, is.keep)
		*budget--
		if !is.evalMode(x, decodeRecord, 0) {
			return false
		}
	}
	is.keepBase()
	return true
}

// rebaseFrom is rebase after an accepted move whose first changed gene is
// from (x, its result, decoded last). On problems of cpGenes genes or more
// the normalized sequence is decoded from the first gene where it differs
// from x's or from from, whichever comes first, recording the
// checkpoints after it (those before stay valid): usually a small part
// of the sequence, where rebase decodes all of it. The checkpoints kept
// were recorded before writeBackPools: valid, since preferences equal to
// the pools a decode gave reproduce it (see decodeFrom).
func (is *island) rebaseFrom(x *indiv, from int, budget *int) bool {
	if is.pd.genes < is.cpGenes {
		return is.rebase(x, budget)
	}
	d := is.dec
	is.writeBackPools(x)
	is.keep = append(is.keep[:0], x.seq...)
	bad, val := x.bad, x.val
	d.normalize(x.seq)
	first := from
	for g := 0; g < from; g++ {
		if x.seq[g] != is.keep[g] {
			first = g
			break
		}
	}
	*budget--
	if !is.evalMode(x, decodeRecordFrom, first) {
		return false
	}
	if x.bad > bad || (x.bad == bad && x.val > val) {
		// Rare (insertion mode): back to x's own sequence, recorded in
		// full (the checkpoints after first belong to the normalized
		// one now).
		is.reverts++
		copy(x.seq, is.keep)
		*budget--
		if !is.evalMode(x, decodeRecord, 0) {
			return false
		}
	}
	is.keepBase()
	return true
}

// writeBackPools makes the pools the operators of x's schedule (decoded
// last) came from its preferences (fixed operations keep none).
func (is *island) writeBackPools(x *indiv) {
	c := is.pd.c
	copy(x.pool, is.dec.s.OperatorTable())
	for _, o := range is.pd.fixedStaffed {
		for i := c.OperFirst[o]; i < c.OperFirst[o+1]; i++ {
			x.pool[i] = -1
		}
	}
}

// keepBase keeps the decoder's last schedule as the base of the moves:
// gene positions, engine state, job completions.
func (is *island) keepBase() {
	d := is.dec
	copy(is.base, d.opGene)
	is.bs.CopyFrom(d.s)
	copy(is.bcomp, d.comp)
}

// apply performs move mv on t, a copy of the base chromosome, and returns
// the first gene position it may change the decoding of; false when it
// changes nothing.
func (is *island) apply(t *indiv, mv move) (int, bool) {
	c := is.pd.c
	switch mv.kind {
	case 3:
		gu := int(is.base[mv.u])
		if gu <= 0 {
			return 0, false
		}
		ju := c.OpJob[mv.u]
		from := max(0, gu-int(mv.q))
		is.partition(t.seq[from:gu+1], ju, true)
		return from, true
	case 4:
		gu := int(is.base[mv.u])
		if gu < 0 {
			return 0, false
		}
		to := min(len(t.seq)-1, gu+int(mv.q))
		if to <= gu {
			return 0, false
		}
		is.partition(t.seq[gu:to+1], c.OpJob[mv.u], false)
		return gu, true
	case 0, 1:
		u, q := mv.u, mv.q
		gu, gq := is.base[u], is.base[q]
		if gu < 0 || gq < 0 || gu <= gq {
			return 0, false
		}
		ju, jq := c.OpJob[u], c.OpJob[q]
		if ju == jq {
			return 0, false
		}
		// Stable partition of the genes from q's to u's: kind 0 puts
		// u's job first (u and the predecessors it places in between
		// go before q), kind 1 puts q's job last (q and the successors
		// it places in between go after u).
		if mv.kind == 0 {
			is.partition(t.seq[gq:gu+1], ju, true)
		} else {
			is.partition(t.seq[gq:gu+1], jq, false)
		}
		return int(gq), true
	default:
		if t.alt[mv.u] == mv.q {
			return 0, false
		}
		t.alt[mv.u] = mv.q
		return max(0, int(is.base[mv.u])), true
	}
}

// buildMoves lists the candidate moves on the critical operations.
func (is *island) buildMoves() {
	is.cand = is.cand[:0]
	c := is.pd.c
	for _, o := range is.crit {
		if q := is.critPred[o]; q >= 0 {
			is.cand = append(is.cand, move{kind: 0, u: o, q: q}, move{kind: 1, u: o, q: q})
		}
		if is.pd.needJobs {
			// Job objectives: o (with its job's genes in between) a random
			// distance earlier in the sequence, or later when the target
			// job is early (objectives with earliness).
			kind := int8(3)
			if is.early {
				kind = 4
			}
			is.cand = append(is.cand, move{kind: kind, u: o, q: int32(1 + is.rng.IntN(max(1, is.pd.genes/20)))})
		}
		if n := c.AltFirst[o+1] - c.AltFirst[o]; n > 1 {
			cur := is.bs.Alt(int(o))
			for a := int32(0); a < n; a++ {
				if int(a) != cur {
					is.cand = append(is.cand, move{kind: 2, u: o, q: a})
				}
			}
		}
	}
}

// critical collects, on the schedule of the local search's base
// chromosome (see rebase), the critical operations: back from the targets (the operations ending
// at the makespan, or the last operation of a costly job for other
// objectives), every operation that ends exactly when a critical one
// starts (a precedence arc with its lag, or the machine predecessor with
// the setup). critPred[o] is o's machine predecessor when it is tight
// (else -1). Fixed operations are not collected.
func (is *island) critical() {
	s := is.bs
	c := is.pd.c
	is.stamp++
	crit := is.crit[:0]
	push := func(o int32) {
		if is.seen[o] != is.stamp && (c.FixedMachine == nil || c.FixedMachine[o] < 0) && s.Placed(int(o)) {
			is.seen[o] = is.stamp
			is.critPred[o] = -1
			crit = append(crit, o)
		}
	}
	target := -1
	is.early = false
	if is.pd.needJobs {
		var bestCost float64
		for try := 0; try < 4; try++ {
			j := is.rng.IntN(c.NumJobs)
			if cost := is.jobCost(j); cost > bestCost {
				bestCost, target = cost, j
			}
		}
		if target < 0 {
			for j := 0; j < c.NumJobs; j++ {
				if cost := is.jobCost(j); cost > bestCost {
					bestCost, target = cost, j
				}
			}
		}
		if target >= 0 {
			is.early = is.pd.shift && is.pd.hasDue[target] && is.bcomp[target] < is.pd.due[target]
			last := int32(-1)
			for o := c.JobFirst[target]; o < c.JobFirst[target+1]; o++ {
				if s.Placed(int(o)) && (last < 0 || s.End(int(o)) > s.End(int(last))) {
					last = o
				}
			}
			if last >= 0 {
				push(last)
			}
		}
	}
	if len(crit) == 0 {
		mk := s.Makespan()
		for o := 0; o < c.NumOps; o++ {
			if s.Placed(o) && s.End(o) == mk {
				push(int32(o))
			}
		}
	}
	for i := 0; i < len(crit) && len(crit) < maxCritical; i++ {
		o := int(crit[i])
		st := s.Start(o)
		for k := c.PredFirst[o]; k < c.PredFirst[o+1]; k++ {
			p := c.PredOp[k]
			if s.Placed(int(p)) && s.End(int(p))+c.PredLag[k] == st {
				push(p)
			}
		}
		seq := s.Sequence(s.Machine(o))
		k := slices.Index(seq, int32(o))
		if k > 0 {
			q := seq[k-1]
			if s.End(int(q)) == s.SetupStart(o) {
				push(q)
				if is.seen[q] == is.stamp && (c.FixedMachine == nil || c.FixedMachine[q] < 0) {
					is.critPred[o] = q
				}
			}
		}
	}
	is.crit = crit
}

// maxCritical caps the number of critical operations collected.
const maxCritical = 400

// jobCost is job j's share of the objective beyond makespan and cost
// terms, from the completions of the base schedule (right-shifted when
// pd.shift, as evaluated).
func (is *island) jobCost(j int) float64 {
	pd := is.pd
	cj := is.bcomp[j]
	var v float64
	for _, t := range pd.obj.Terms {
		switch t.Criterion {
		case model.WeightedTardiness:
			if pd.hasDue[j] && cj > pd.due[j] {
				v += t.Weight * pd.weight[j] * float64(cj-pd.due[j])
			}
		case model.MaxLateness, model.LateJobs:
			if pd.hasDue[j] && cj > pd.due[j] {
				v += t.Weight * float64(cj-pd.due[j])
			}
		case model.FlowTime:
			v += t.Weight * float64(cj-pd.release[j])
		case model.WeightedEarliness:
			if pd.hasDue[j] && cj < pd.due[j] {
				v += t.Weight * pd.weight[j] * float64(pd.due[j]-cj)
			}
		}
	}
	return v
}

// partition reorders seg stably so that the genes of job j come first
// (first) or last, the other genes keeping their order.
func (is *island) partition(seg []int32, j int32, first bool) {
	tmp := is.tmp[:0]
	for pass := 0; pass < 2; pass++ {
		want := (pass == 0) == first // pass 0 takes j's genes when first
		for _, g := range seg {
			if (g == j) == want {
				tmp = append(tmp, g)
			}
		}
	}
	copy(seg, tmp)
	is.tmp = tmp[:0]
}

// tabuSearch improves x (Lamarckian) with the tabu search of package
// heuristics/tabu (tabu.Improve on the island's view of the compiled
// problem), started from the machine sequences of x's schedule, for
// Params.TabuWork of its work units (evaluated moves), which count as work
// of the island. The best schedule found is read back as a chromosome
// (operations by start) and decoded; it replaces x unless worse. When the
// search found nothing better than x's own schedule (which may use idle
// time before fixed operations, as the search's schedules do not), that
// schedule is read back instead.
func (is *island) tabuSearch(x *indiv) {
	if x.bad > 0 || !is.eval(x) {
		return
	}
	w := int64(is.par.TabuWork)
	if is.limit > 0 {
		w = min(w, is.limit-is.work)
	}
	if w <= 0 {
		return
	}
	s, n := is.dec.s, is.pd.c.NumOps
	start, end := is.scr[:n], make([]int64, n)
	mk := int64(0)
	for o := range n {
		start[o], end[o] = s.Start(o), s.End(o)
		mk = max(mk, end[o])
	}
	seq, err := is.tabu.Sequence(start, end)
	if err != nil {
		is.tabu = nil // not applicable after all: use the engine's local search
		return
	}
	out, err := tabu.Improve(is.ctx, is.tabu, seq, tabu.Params{}, tabu.Limits{Work: w, Seed: is.rng.Uint64(), Workers: 1})
	if err != nil {
		return // a cyclic selection (zero-length operations tied in time): no search this time
	}
	is.work += min(out.Work, w) // the tabu search may overshoot its limit by a few moves
	y := is.trial
	y.copyFrom(x)
	if out.Makespan <= mk {
		start = out.Start
	}
	is.pd.seqByStart(y, start)
	if is.eval(y) && !x.better(y) {
		x.copyFrom(y)
	}
}
