package dispatch

import (
	"math"
	"math/rand/v2"
	"strings"

	"github.com/ordo-sched/ordo/model"
)

// Rule is a priority rule: it scores candidate i of the view's conflict set
// (0 <= i < v.Len()) and the builder schedules the candidate with the
// LOWEST score next; ties go to the lowest job index, then the lowest
// operation index. A rule that prefers large values (longest processing
// time, most work remaining) returns them negated. NaN counts as +Inf.
//
// A Rule is called on the building goroutine only; it may keep state in a
// closure, but the built-in rules are pure functions of the view.
type Rule func(v *View, i int) float64

// View is what a Rule sees at a decision: the decision time and the
// candidates of the conflict set, by index. It is only valid during the
// call of the rule.
type View struct {
	b       *Builder
	now     int64
	cands   []int32
	meanP   float64
	meanOK  bool
	meanS   float64
	meanSOK bool
}

// Problem returns the problem being scheduled.
func (v *View) Problem() *model.Problem { return v.b.c.Problem }

// Now returns the decision time: the earliest start of the conflict set
// (non-delay, active) or the earliest ready time of the candidates
// (serial).
func (v *View) Now() int64 { return v.now }

// Len returns the number of candidates.
func (v *View) Len() int { return len(v.cands) }

// Job returns the job index (in Problem.Jobs) of candidate i.
func (v *View) Job(i int) int { return int(v.b.c.OpJob[v.cands[i]]) }

// Op returns the index of candidate i in its job's Operations.
func (v *View) Op(i int) int {
	o := v.cands[i]
	return int(o - v.b.c.JobFirst[v.b.c.OpJob[o]])
}

// Machine returns the machine index candidate i would run on (the machine
// chosen by the machine-selection rule).
func (v *View) Machine(i int) int {
	o := v.cands[i]
	v.b.ensure(o)
	return int(v.b.pl[o].Machine)
}

// Proc returns the processing time of candidate i on that machine. In
// the serial scheme, where candidates are ranked before they are placed,
// it is the shortest processing time among the candidate's alternatives
// (so that ranking by a rule that looks only at processing times, due
// dates and work remaining costs no placement).
func (v *View) Proc(i int) int64 {
	o := v.cands[i]
	c := v.b.c
	if v.b.cfg.Scheme == Serial {
		return c.MinProc[o]
	}
	v.b.ensure(o)
	return c.AltProc[c.AltFirst[o]+v.b.pl[o].Alt]
}

// Start returns the earliest start of candidate i on that machine.
func (v *View) Start(i int) int64 {
	o := v.cands[i]
	v.b.ensure(o)
	return v.b.pl[o].Start
}

// End returns the earliest completion of candidate i on that machine.
func (v *View) End(i int) int64 {
	o := v.cands[i]
	v.b.ensure(o)
	return v.b.pl[o].End
}

// Ready returns the time candidate i became ready: its job's release and
// its predecessors' ends plus lags (the "job ready time" of FIFO).
func (v *View) Ready(i int) int64 { return v.b.s.Ready(int(v.cands[i])) }

// Due returns the due date of candidate i's job, or its hard deadline
// when it has no due date, and false when it has neither.
func (v *View) Due(i int) (int64, bool) {
	j := v.b.c.OpJob[v.cands[i]]
	if v.b.c.JobHasDue[j] {
		return v.b.c.JobDue[j], true
	}
	if d := v.Problem().Jobs[j].Deadline; d != nil {
		return *d, true
	}
	return 0, false
}

// Weight returns the weight of candidate i's job (model.Job.JobWeight).
func (v *View) Weight(i int) float64 { return v.b.c.JobWeight[v.b.c.OpJob[v.cands[i]]] }

// RemainingWork returns the processing time of the operations of candidate
// i's job that are not placed yet, the candidate included (each counted on
// its fastest alternative).
func (v *View) RemainingWork(i int) int64 { return v.b.remWork[v.b.c.OpJob[v.cands[i]]] }

// RemainingOps returns the number of operations of candidate i's job that
// are not placed yet, the candidate included.
func (v *View) RemainingOps(i int) int { return int(v.b.remOps[v.b.c.OpJob[v.cands[i]]]) }

// MeanProc returns the mean of Proc over the candidates (at least 1).
func (v *View) MeanProc() float64 {
	if !v.meanOK {
		var s float64
		for i := range v.cands {
			s += float64(v.Proc(i))
		}
		v.meanP = max(s/float64(max(len(v.cands), 1)), 1)
		v.meanOK = true
	}
	return v.meanP
}

// Setup returns the sequence-dependent setup time candidate i needs on
// that machine: the change from the family of the operation it would
// follow there (0 for the same family, a machine without setups or a
// candidate that cannot be placed). In the serial scheme, as Proc, it
// looks without placing the candidate: at the end of the machine of its
// fastest alternative.
func (v *View) Setup(i int) int64 {
	o := v.cands[i]
	b := v.b
	if b.cfg.Scheme == Serial {
		c := b.c
		m := int(c.AltMachine[c.AltFirst[o]+c.FastAlt[o]])
		return b.s.SetupTime(int(o), m, len(b.s.Sequence(m)))
	}
	b.ensure(o)
	if !b.ok[o] {
		return 0
	}
	pl := &b.pl[o]
	return b.s.SetupTime(int(o), int(pl.Machine), int(pl.Pos))
}

// MeanSetup returns the mean of Setup over the candidates (0 when none
// needs a setup).
func (v *View) MeanSetup() float64 {
	if !v.meanSOK {
		var s float64
		for i := range v.cands {
			s += float64(v.Setup(i))
		}
		v.meanS = s / float64(max(len(v.cands), 1))
		v.meanSOK = true
	}
	return v.meanS
}

// Rand returns the random source of the build (seeded from Config.Seed).
func (v *View) Rand() *rand.Rand { return v.b.rng }

// The built-in rules (scores: lower is scheduled first).
var (
	// FIFO: earliest ready time first (first in, first out).
	FIFO Rule = func(v *View, i int) float64 { return float64(v.Ready(i)) }
	// SPT: shortest processing time first.
	SPT Rule = func(v *View, i int) float64 { return float64(v.Proc(i)) }
	// LPT: longest processing time first.
	LPT Rule = func(v *View, i int) float64 { return -float64(v.Proc(i)) }
	// EDD: earliest due date first (jobs without a due date last).
	EDD Rule = func(v *View, i int) float64 {
		d, ok := v.Due(i)
		if !ok {
			return math.Inf(1)
		}
		return float64(d)
	}
	// MS: minimum slack first; slack = due - now - remaining work.
	MS Rule = func(v *View, i int) float64 {
		d, ok := v.Due(i)
		if !ok {
			return math.Inf(1)
		}
		return float64(d - v.Now() - v.RemainingWork(i))
	}
	// CR: smallest critical ratio first; ratio = (due - now) / remaining
	// work.
	CR Rule = func(v *View, i int) float64 {
		d, ok := v.Due(i)
		if !ok {
			return math.Inf(1)
		}
		return float64(d-v.Now()) / float64(max(v.RemainingWork(i), 1))
	}
	// MWKR: most work remaining first.
	MWKR Rule = func(v *View, i int) float64 { return -float64(v.RemainingWork(i)) }
	// LWKR: least work remaining first.
	LWKR Rule = func(v *View, i int) float64 { return float64(v.RemainingWork(i)) }
	// MOPNR: most operations remaining first.
	MOPNR Rule = func(v *View, i int) float64 { return -float64(v.RemainingOps(i)) }
	// WSPT: largest weight / processing time first.
	WSPT Rule = func(v *View, i int) float64 {
		p := v.Proc(i)
		if p == 0 {
			return math.Inf(-1)
		}
		return -v.Weight(i) / float64(p)
	}
	// Random: uniformly random order (seeded by Config.Seed).
	Random Rule = func(v *View, i int) float64 { return v.Rand().Float64() }
)

// DefaultATCK is the look-ahead parameter of the registered ATC rule.
const DefaultATCK = 2.0

// DefaultCOVERTK is the look-ahead parameter of the registered COVERT rule.
const DefaultCOVERTK = 2.0

// ATC returns the apparent tardiness cost rule of Vepsalainen and Morton
// (1987) with look-ahead parameter k (typically 1.5 to 4.5): the
// candidate with the largest index
//
//	w/p * exp(-max(0, slack) / (k * pbar))
//
// goes first, where w is the job's weight, p the candidate's processing
// time, slack = due - now - remaining work of the job (candidate included)
// and pbar the mean processing time of the conflict set. Jobs without a
// due date get index 0 (scheduled after the others, by job index).
func ATC(k float64) Rule {
	if !(k > 0) {
		k = DefaultATCK
	}
	return func(v *View, i int) float64 {
		d, ok := v.Due(i)
		if !ok {
			return 0
		}
		p := float64(max(v.Proc(i), 1))
		slack := max(0, float64(d-v.Now()-v.RemainingWork(i)))
		return -v.Weight(i) / p * math.Exp(-slack/(k*v.MeanProc()))
	}
}

// DefaultATCSK2 is the setup look-ahead parameter of the registered
// ATCS rule.
const DefaultATCSK2 = 1.0

// ATCS returns the apparent tardiness cost with setups rule of Lee,
// Bhaskaran and Pinedo (1997): ATC's index times a setup discount,
//
//	w/p * exp(-max(0, slack) / (k1 * pbar)) * exp(-s / (k2 * sbar))
//
// where s is the candidate's sequence-dependent setup time on its machine
// and sbar the mean setup of the conflict set (the discount is 1 when no
// candidate needs a setup). It keeps a machine on one setup family while
// the urgency allows, which saves capacity on loaded machines with
// sequence-dependent setups.
func ATCS(k1, k2 float64) Rule {
	if !(k1 > 0) {
		k1 = DefaultATCK
	}
	if !(k2 > 0) {
		k2 = DefaultATCSK2
	}
	atc := ATC(k1)
	return func(v *View, i int) float64 {
		x := atc(v, i)
		if sb := v.MeanSetup(); sb > 0 {
			x *= math.Exp(-float64(v.Setup(i)) / (k2 * sb))
		}
		return x
	}
}

// COVERT returns the cost-over-time rule of Carroll (1965) with look-ahead
// parameter k: the candidate with the largest priority
//
//	w/p * max(0, 1 - max(0, slack) / (k * remaining work))
//
// goes first (slack as in ATC; the remaining work stands for the job's
// expected lead time). Jobs without a due date get priority 0.
func COVERT(k float64) Rule {
	if !(k > 0) {
		k = DefaultCOVERTK
	}
	return func(v *View, i int) float64 {
		d, ok := v.Due(i)
		if !ok {
			return 0
		}
		p := float64(max(v.Proc(i), 1))
		rem := float64(max(v.RemainingWork(i), 1))
		slack := max(0, float64(d-v.Now()-v.RemainingWork(i)))
		return -v.Weight(i) / p * max(0, 1-slack/(k*rem))
	}
}

// NamedRule is a built-in rule with its registry name.
type NamedRule struct {
	// Name is the lower-case name ("mwkr"), used as dispatch:<name>.
	Name string
	// Description is one sentence.
	Description string
	// Rule is the rule.
	Rule Rule
}

// Rules returns the built-in rules in a fixed order.
func Rules() []NamedRule {
	return []NamedRule{
		{"fifo", "first in, first out (earliest ready time)", FIFO},
		{"spt", "shortest processing time", SPT},
		{"lpt", "longest processing time", LPT},
		{"edd", "earliest due date", EDD},
		{"ms", "minimum slack", MS},
		{"cr", "critical ratio", CR},
		{"mwkr", "most work remaining", MWKR},
		{"lwkr", "least work remaining", LWKR},
		{"mopnr", "most operations remaining", MOPNR},
		{"wspt", "weighted shortest processing time", WSPT},
		{"atc", "apparent tardiness cost (k = 2)", ATC(DefaultATCK)},
		{"atcs", "apparent tardiness cost with setups (k1 = 2, k2 = 1)", ATCS(DefaultATCK, DefaultATCSK2)},
		{"covert", "cost over time (k = 2)", COVERT(DefaultCOVERTK)},
		{"random", "random order (seeded)", Random},
		{"jit", "just in time: least slack per weight first (with a right shift for earliness and cost objectives)", JIT},
	}
}

// RuleByName returns the built-in rule named name (case-insensitive).
func RuleByName(name string) (Rule, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, r := range Rules() {
		if r.Name == name {
			return r.Rule, true
		}
	}
	return nil, false
}

// DefaultRuleName returns the name of the rule used for objective obj when
// none is given: the rule suited to the objective's heaviest criterion
// (mwkr for makespan, atc for weighted tardiness, edd for maximum
// lateness, ms for late jobs, spt for flow time, jit for weighted
// earliness and cost).
func DefaultRuleName(obj model.Objective) string {
	n := obj.Normalized()
	best := n.Terms[0]
	for _, t := range n.Terms[1:] {
		if t.Weight > best.Weight {
			best = t
		}
	}
	switch best.Criterion {
	case model.WeightedTardiness:
		return "atc"
	case model.MaxLateness:
		return "edd"
	case model.LateJobs:
		return "ms"
	case model.FlowTime:
		return "spt"
	case model.WeightedEarliness, model.Cost:
		return "jit"
	}
	return "mwkr"
}
