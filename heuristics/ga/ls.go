package ga

import (
	"github.com/ordo-sched/ordo/model"
)

// localSearch improves x in place (Lamarckian) with at most budget
// decodes: moves on a critical chain of x's schedule (an operation before
// its machine predecessor on the chain, or that predecessor after it, and
// reassignments of chain operations to other alternatives), each evaluated
// by a full decode through the engine; a move is kept when it is not
// worse, and the chain is then recomputed.
func (is *island) localSearch(x *indiv, budget int) {
	if x.bad > 0 {
		return
	}
	// Decode x to read its schedule (the state holds the last decode).
	if !is.eval(x) {
		return
	}
	budget--
	is.criticalChain()
	for ; budget > 0 && !is.halt; budget-- {
		if !is.buildMoves() {
			return
		}
		mv := is.cand[is.rng.IntN(len(is.cand))]
		t := is.trial
		t.copyFrom(x)
		if !is.apply(t, mv) {
			continue
		}
		if !is.eval(t) {
			return
		}
		if !x.better(t) {
			x.copyFrom(t)
			is.criticalChain()
		}
	}
}

// apply performs move mv on t; false when it changes nothing.
func (is *island) apply(t *indiv, mv move) bool {
	ch := is.chain
	switch mv.kind {
	case 0, 1:
		u, q := ch[mv.i], ch[mv.i+1]
		if u.gene < 0 || q.gene < 0 || u.gene <= q.gene {
			return false
		}
		if mv.kind == 0 {
			insertGene(t.seq, int(u.gene), int(q.gene))
		} else {
			insertGene(t.seq, int(q.gene), int(u.gene))
		}
		return true
	default:
		o := int(ch[mv.i].op)
		c := is.pd.c
		if c.AltFirst[o+1]-c.AltFirst[o] < 2 {
			return false
		}
		is.reassign(t, o)
		return true
	}
}

// buildMoves lists the candidate moves of the current chain.
func (is *island) buildMoves() bool {
	is.cand = is.cand[:0]
	c := is.pd.c
	for i, st := range is.chain {
		if st.mach && i+1 < len(is.chain) {
			is.cand = append(is.cand, move{kind: 0, i: int32(i)}, move{kind: 1, i: int32(i)})
		}
		o := st.op
		if c.AltFirst[o+1]-c.AltFirst[o] > 1 && (c.FixedMachine == nil || c.FixedMachine[o] < 0) {
			is.cand = append(is.cand, move{kind: 2, i: int32(i)})
		}
	}
	return len(is.cand) > 0
}

// criticalChain computes, on the decoder's state (the schedule of the
// chromosome decoded last), a chain of operations each starting when the
// previous one ends (a precedence arc with its lag, or the machine
// predecessor with the setup), back from a target operation: the one
// ending last for the makespan, otherwise the last operation of a job
// picked among those costing most.
func (is *island) criticalChain() {
	d := is.dec
	s := d.s
	c := is.pd.c
	is.chain = is.chain[:0]
	target := -1
	if is.pd.needJobs {
		// Pick the costliest of a few jobs with a positive cost.
		var bestCost float64
		for try := 0; try < 4; try++ {
			j := is.rng.IntN(c.NumJobs)
			cost := is.jobCost(j)
			if cost > bestCost {
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
			j := target
			target = -1
			for o := int(c.JobFirst[j]); o < int(c.JobFirst[j+1]); o++ {
				if s.Placed(o) && (target < 0 || s.End(o) > s.End(target)) {
					target = o
				}
			}
		}
	}
	if target < 0 {
		for o := 0; o < c.NumOps; o++ {
			if s.Placed(o) && (target < 0 || s.End(o) > s.End(target)) {
				target = o
			}
		}
	}
	if target < 0 {
		return
	}
	fixed := func(o int) bool { return c.FixedMachine != nil && c.FixedMachine[o] >= 0 }
	o := target
	for steps := 0; steps < c.NumOps; steps++ {
		if fixed(o) {
			break
		}
		is.chain = append(is.chain, chainStep{op: int32(o), gene: d.opGene[o]})
		st := s.Start(o)
		arcPred := -1
		for i := c.PredFirst[o]; i < c.PredFirst[o+1]; i++ {
			p := int(c.PredOp[i])
			if s.Placed(p) && s.End(p)+c.PredLag[i] == st {
				arcPred = p
				break
			}
		}
		machPred := -1
		seq := s.Sequence(s.Machine(o))
		for k, x := range seq {
			if int(x) == o {
				if k > 0 && s.End(int(seq[k-1])) == s.SetupStart(o) {
					machPred = int(seq[k-1])
				}
				break
			}
		}
		switch {
		case machPred >= 0 && (arcPred < 0 || is.rng.IntN(2) == 0):
			is.chain[len(is.chain)-1].mach = true
			o = machPred
		case arcPred >= 0:
			o = arcPred
		default:
			return
		}
	}
}

// jobCost is job j's share of the objective beyond makespan terms, from
// the completions of the last evaluation.
func (is *island) jobCost(j int) float64 {
	pd := is.pd
	cj := is.dec.comp[j]
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
		}
	}
	return v
}
