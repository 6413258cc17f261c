package mip

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
	"github.com/ordo-sched/ordo/solver/mip/lp"
)

// MaxBlocks is the largest number of non-working intervals of one machine
// over the horizon that Build turns into blocking intervals; a machine
// calendar with more makes Build fail with solver.ErrUnsupported.
const MaxBlocks = 64

// errInfeasible reports that the bounds alone prove the problem infeasible.
var errInfeasible = errors.New("mip: the problem is infeasible (time windows cannot be met)")

// BuildOptions tune Build.
type BuildOptions struct {
	// Hint is a feasible schedule whose objective value tightens the
	// formulation (horizon, per-job completion bounds, big-M constants)
	// and which becomes the warm start (Formulation.Start).
	Hint *schedule.Schedule
	// Improve asks for schedules strictly better than the hint: when the
	// objective takes integer values only, the model then requires an
	// objective of at most the hint's minus one (an infeasible model then
	// proves the hint optimal), which tightens every time window. There is
	// no warm start then.
	Improve bool
	// Context, when set, stops the preprocessing (time-window
	// propagation and shaving) as soon as it is done; the formulation is
	// then valid, only looser. The shaving also stops deterministically
	// after ShaveWork units of work.
	Context context.Context
}

// Formulation is the MIP model of a problem together with what is needed to
// read a schedule back from a solution.
type Formulation struct {
	// Model is the MIP.
	Model *lp.Model
	// Horizon is the time bound H used for the big-M constants: every
	// schedule at least as good as the hint (or any left-shifted schedule
	// when there is no hint) ends by H.
	Horizon int64
	// Start is the warm-start solution built from BuildOptions.Hint (nil
	// when there is none).
	Start []float64
	// HintObjective is the hint's objective value (NaN without hint).
	HintObjective float64
	// IntegralObjective says every feasible solution has an integer
	// objective value, so a bound can be rounded up.
	IntegralObjective bool
	// Cutoff says the model only admits schedules strictly better than
	// the hint (BuildOptions.Improve).
	Cutoff bool
	// MakespanBound is the one-machine (Jackson preemptive) lower bound on
	// the makespan used as the lower bound of C_max (0 when the objective
	// has no makespan term).
	MakespanBound int64

	p     *model.Problem
	obj   model.Objective
	ops   []opInfo
	flat  [][]int // job -> op -> index in ops
	setup []*setupTable
	v     vars
	node  *nodeProp
}

type altInfo struct {
	m int   // machine index
	p int64 // processing time
	x int   // X variable, -1 when the op has a single alternative
}

type opInfo struct {
	job, k  int
	alts    []altInfo
	s       int // S variable
	fixed   *model.Fixed
	es, le  int64 // earliest start, latest end
	pmin    int64
	family  string
	release int64
}

type block struct{ start, end int64 }

type setupTable struct {
	mat *model.SetupMatrix
}

// time returns the setup time between families from and to.
func (t *setupTable) time(from, to string) int64 {
	if t == nil {
		return 0
	}
	for _, e := range t.mat.Entries {
		if e.From == from && e.To == to {
			return e.Time
		}
	}
	if from == to {
		return 0
	}
	return t.mat.Default
}

func (t *setupTable) initial() int64 {
	if t == nil {
		return 0
	}
	return t.mat.Initial
}

func (t *setupTable) maxInto(to string, fams []string) int64 {
	if t == nil {
		return 0
	}
	v := t.mat.Initial
	for _, f := range fams {
		v = max(v, t.time(f, to))
	}
	return v
}

// opName returns "j_k".
func opName(j, k int) string { return strconv.Itoa(j) + "_" + strconv.Itoa(k) }

// Build returns the MIP formulation of p for objective obj (see the package
// documentation for the model). Problems using features the formulation
// cannot express give an error wrapping solver.ErrUnsupported that names
// them.
func Build(p *model.Problem, obj model.Objective, o BuildOptions) (*Formulation, error) {
	if p == nil {
		return nil, errors.New("mip: nil problem")
	}
	obj = obj.Normalized()
	f := &Formulation{p: p, obj: obj, HintObjective: math.NaN()}
	if err := f.check(); err != nil {
		return nil, err
	}
	x := p.NewIndex()
	if err := f.resolveOps(x); err != nil {
		return nil, err
	}
	arcs := p.Arcs(x)
	order, err := f.topoOrder(arcs)
	if err != nil {
		return nil, err
	}
	if err := f.checkSetups(); err != nil {
		return nil, err
	}
	if err := f.checkCost(); err != nil {
		return nil, err
	}
	// Horizon: every left-shifted schedule ends by H.
	var work, anchor int64
	for i := range f.ops {
		op := &f.ops[i]
		var pm int64
		for _, a := range op.alts {
			pm = max(pm, a.p)
		}
		work += pm
		if t := f.setup; len(t) > 0 {
			var sm int64
			for _, a := range op.alts {
				sm = max(sm, t[a.m].maxInto(op.family, f.families(a.m)))
			}
			work += sm
		}
		anchor = max(anchor, op.release)
		if op.fixed != nil {
			anchor = max(anchor, op.fixed.End)
		}
	}
	for _, a := range arcs {
		work += max(a.MinLag, 0)
	}
	if f.rewardsDelay() {
		// Finishing before the due date costs: an optimum may wait for
		// the due dates, and from the latest of them on it is
		// left-shifted (see the package documentation).
		for j := range p.Jobs {
			if d := p.Jobs[j].Due; d != nil {
				anchor = max(anchor, *d)
			}
		}
	}
	H := anchor + work
	blocks, H, err := f.machineBlocks(H, work)
	if err != nil {
		return nil, err
	}
	cutoff := math.NaN()
	if o.Hint != nil {
		ub := schedule.Evaluate(p, o.Hint, obj)
		f.HintObjective = ub
		if o.Improve && integralObjective(p, obj) {
			ub = math.Ceil(ub-1e-9) - 1
			cutoff = ub
			f.Cutoff = true
		}
		if obj.IsMakespan() {
			H = min(H, int64(math.Floor(ub/obj.Terms[0].Weight+1e-9)))
		}
	}
	f.Horizon = H
	// Per-job completion bounds derived from the hint's objective.
	jobLE := make([]int64, len(p.Jobs))
	for j := range jobLE {
		jobLE[j] = H
		if d := p.Jobs[j].Deadline; d != nil {
			jobLE[j] = min(jobLE[j], *d)
		}
	}
	// Heads.
	preds := make([][]model.Arc, len(f.ops))
	succs := make([][]model.Arc, len(f.ops))
	for _, a := range arcs {
		to, from := f.flat[a.To.Job][a.To.Op], f.flat[a.From.Job][a.From.Op]
		preds[to] = append(preds[to], a)
		succs[from] = append(succs[from], a)
	}
	for i := range f.ops {
		f.ops[i].es, f.ops[i].le = negInf, -negInf
	}
	f.passHeads(order, preds, blocks)
	if o.Hint != nil {
		ub := f.HintObjective
		if f.Cutoff {
			ub = cutoff
		}
		f.hintJobBounds(jobLE, ub)
	}
	// Tails, then disjunctive propagation to a fixpoint.
	if err := f.passTails(order, succs, blocks, jobLE); err != nil {
		return nil, err
	}
	pp := newPrep(o.Context, f, order, preds, succs, blocks, jobLE)
	if err := pp.propagate(); err != nil {
		return nil, err
	}
	if err := pp.shave(); err != nil {
		return nil, err
	}
	if obj.IsMakespan() {
		if lb := f.machineBound(f.tails(order, succs)); lb > H {
			return nil, fmt.Errorf("%w: the one-machine bound %d exceeds the makespan bound %d", errInfeasible, lb, H)
		}
	}
	f.buildModel(arcs, blocks, order, succs)
	f.node = f.newNodeProp(arcs)
	f.node.ctx = o.Context
	if f.Cutoff && !obj.IsMakespan() {
		var t []lp.Term
		for i, v := range f.Model.Vars {
			if v.Obj != 0 {
				t = append(t, lp.Term{Var: i, Coef: v.Obj})
			}
		}
		f.Model.AddCons("cutoff", t, lp.LE, cutoff-f.Model.ObjConst)
	}
	if o.Hint != nil && !f.Cutoff {
		f.Start = f.startFrom(o.Hint, blocks)
	}
	return f, nil
}

// check rejects what the formulation cannot express.
func (f *Formulation) check() error {
	p := f.p
	for _, t := range f.obj.Terms {
		if t.Weight < 0 {
			return solver.Unsupported("mip", fmt.Sprintf("negative objective weight %g on %s", t.Weight, t.Criterion))
		}
		if !slices.Contains(Objectives, t.Criterion) {
			return solver.Unsupported("mip", "objective "+t.Criterion.String())
		}
	}
	feat := p.Features()
	var bad model.Features
	if feat.Has(model.FeatMaterials) {
		bad |= model.FeatMaterials
	}
	if feat.Has(model.FeatOperators) {
		bad |= model.FeatOperators
	}
	if bad != 0 {
		return solver.Unsupported("mip", "model feature(s) "+bad.String())
	}
	return nil
}

// resolveOps builds the operations' view (machines, times, fixed
// placements) and the machines' setup tables, resolving identifiers
// through the problem's index x; it rejects references that do not
// resolve, precedence links included (model.Problem.Arcs skips those).
func (f *Formulation) resolveOps(x *model.Index) error {
	p := f.p
	mIdx := x.Machines
	f.setup = make([]*setupTable, len(p.Machines))
	for i := range p.Machines {
		id := p.Machines[i].SetupMatrix
		if id == "" {
			continue
		}
		k, ok := x.SetupMatrices[id]
		if !ok {
			return fmt.Errorf("mip: machines[%d] (%q): unknown setup matrix %q", i, p.Machines[i].ID, id)
		}
		f.setup[i] = &setupTable{mat: &p.SetupMatrices[k]}
	}
	f.flat = make([][]int, len(p.Jobs))
	for j := range p.Jobs {
		job := &p.Jobs[j]
		f.flat[j] = make([]int, len(job.Operations))
		for k := range job.Operations {
			op := &job.Operations[k]
			for li, l := range op.After {
				if _, ok := x.Op(j, l); !ok {
					pj := l.Job
					if pj == "" {
						pj = job.ID
					}
					return fmt.Errorf("mip: jobs[%d].operations[%d].after[%d]: unknown operation %q of job %q", j, k, li, l.Op, pj)
				}
			}
			info := opInfo{job: j, k: k, family: op.SetupFamily, release: job.Release, fixed: op.Fixed}
			if op.Fixed != nil {
				m, ok := mIdx[op.Fixed.Machine]
				if !ok {
					return fmt.Errorf("mip: jobs[%d].operations[%d].fixed.machine: unknown machine %q", j, k, op.Fixed.Machine)
				}
				if op.Fixed.End < op.Fixed.Start || op.Fixed.SetupStart > op.Fixed.Start {
					return fmt.Errorf("mip: jobs[%d].operations[%d].fixed: bad times %d..%d..%d", j, k, op.Fixed.SetupStart, op.Fixed.Start, op.Fixed.End)
				}
				info.alts = []altInfo{{m: m, p: op.Fixed.End - op.Fixed.Start, x: -1}}
			} else {
				for a, alt := range op.Alternatives {
					m, ok := mIdx[alt.Machine]
					if !ok {
						return fmt.Errorf("mip: jobs[%d].operations[%d].alternatives[%d].machine: unknown machine %q", j, k, a, alt.Machine)
					}
					pt := alt.ProcessingTime(job.Quantity)
					if pt < 0 || pt >= model.Forever {
						return fmt.Errorf("mip: jobs[%d].operations[%d].alternatives[%d]: bad processing time %d", j, k, a, pt)
					}
					dup := false
					for i := range info.alts {
						if info.alts[i].m == m {
							info.alts[i].p = min(info.alts[i].p, pt)
							dup = true
						}
					}
					if !dup {
						info.alts = append(info.alts, altInfo{m: m, p: pt, x: -1})
					}
				}
				if len(info.alts) == 0 {
					return fmt.Errorf("mip: jobs[%d].operations[%d]: no alternative machine", j, k)
				}
			}
			info.pmin = info.alts[0].p
			for _, a := range info.alts {
				info.pmin = min(info.pmin, a.p)
			}
			f.flat[j][k] = len(f.ops)
			f.ops = append(f.ops, info)
		}
	}
	return nil
}

// families returns the setup families of the operations that may run on
// machine m, sorted and deduplicated.
func (f *Formulation) families(m int) []string {
	seen := map[string]bool{}
	var out []string
	for i := range f.ops {
		for _, a := range f.ops[i].alts {
			if a.m == m && !seen[f.ops[i].family] {
				seen[f.ops[i].family] = true
				out = append(out, f.ops[i].family)
			}
		}
	}
	sort.Strings(out)
	return out
}

// checkSetups verifies the conditions under which the pairwise (Manne)
// separation with sequence-dependent setups is exact: the triangle
// inequality s(f,h) <= s(f,g) + p_min(g) + s(g,h) on every machine, and no
// release date on an operation that can need a setup.
func (f *Formulation) checkSetups() error {
	p := f.p
	for m, t := range f.setup {
		if t == nil {
			continue
		}
		fams := f.families(m)
		pmin := map[string]int64{}
		for i := range f.ops {
			for _, a := range f.ops[i].alts {
				if a.m == m {
					fam := f.ops[i].family
					if v, ok := pmin[fam]; !ok || a.p < v {
						pmin[fam] = a.p
					}
				}
			}
		}
		for _, a := range fams {
			for _, b := range fams {
				for _, c := range fams {
					if t.time(a, c) > t.time(a, b)+pmin[b]+t.time(b, c) {
						return solver.Unsupported("mip", fmt.Sprintf(
							"setup matrix %q of machine %q violates the triangle inequality (%q->%q->%q)",
							t.mat.ID, p.Machines[m].ID, a, b, c))
					}
				}
			}
		}
		for i := range f.ops {
			op := &f.ops[i]
			if op.fixed != nil || op.release <= 0 {
				continue
			}
			for _, a := range op.alts {
				if a.m == m && t.maxInto(op.family, fams) > 0 {
					return solver.Unsupported("mip", fmt.Sprintf(
						"release date of job %q together with sequence-dependent setups on machine %q",
						p.Jobs[op.job].ID, p.Machines[m].ID))
				}
			}
		}
	}
	return nil
}

// topoOrder returns the operations in a topological order of the arcs.
func (f *Formulation) topoOrder(arcs []model.Arc) ([]int, error) {
	n := len(f.ops)
	indeg := make([]int, n)
	out := make([][]int, n)
	for _, a := range arcs {
		from, to := f.flat[a.From.Job][a.From.Op], f.flat[a.To.Job][a.To.Op]
		out[from] = append(out[from], to)
		indeg[to]++
	}
	var q, order []int
	for i := 0; i < n; i++ {
		if indeg[i] == 0 {
			q = append(q, i)
		}
	}
	for len(q) > 0 {
		i := q[0]
		q = q[1:]
		order = append(order, i)
		for _, t := range out[i] {
			indeg[t]--
			if indeg[t] == 0 {
				q = append(q, t)
			}
		}
	}
	if len(order) != n {
		return nil, errors.New("mip: the precedence links form a cycle")
	}
	return order, nil
}

// machineBlocks turns the non-working time of each machine over the horizon
// into blocking intervals, extending the horizon by the work after each
// block that starts before it.
func (f *Formulation) machineBlocks(H, work int64) ([][]block, int64, error) {
	p := f.p
	blocks := make([][]block, len(p.Machines))
	for m := range p.Machines {
		mc := &p.Machines[m]
		if mc.Calendar == "" && len(mc.Downtime) == 0 {
			continue
		}
		used := false
		for i := range f.ops {
			if f.ops[i].fixed != nil {
				continue
			}
			for _, a := range f.ops[i].alts {
				if a.m == m {
					used = true
					if f.p.Jobs[f.ops[i].job].Operations[f.ops[i].k].Resumable {
						return nil, 0, solver.Unsupported("mip", fmt.Sprintf(
							"resumable operation %q of job %q on machine %q with a calendar or downtime",
							p.Jobs[f.ops[i].job].OpID(f.ops[i].k), p.Jobs[f.ops[i].job].ID, mc.ID))
					}
				}
			}
		}
		if !used {
			continue
		}
		if f.setup[m] != nil {
			return nil, 0, solver.Unsupported("mip", fmt.Sprintf(
				"machine %q has both sequence-dependent setups and a calendar or downtime", mc.ID))
		}
		ph := p.PlanningHorizon()
		hz := H + 1
		for iter := 0; ; iter++ {
			if hz > ph && H < ph {
				// The chain bound does not converge below the planning
				// horizon (windows shorter than the total work): use the
				// planning horizon, by which the model says every
				// operation can be finished.
				H, hz = ph, ph+1
			}
			ivs, err := p.MachineIntervals(mc, hz)
			if err != nil {
				return nil, 0, fmt.Errorf("mip: %w", err)
			}
			var bl []block
			t := int64(0)
			for _, iv := range ivs {
				if iv.Start >= hz {
					break
				}
				if iv.Start > t {
					bl = append(bl, block{t, iv.Start})
				}
				t = max(t, iv.End)
			}
			if t < hz {
				bl = append(bl, block{t, model.Forever / 4})
			}
			newH := H
			for _, b := range bl {
				if b.start < newH && b.end < model.Forever/4 {
					newH = max(newH, b.end+work)
				}
			}
			if newH >= hz && hz > ph {
				newH = H
			}
			if newH < hz || iter > 20 {
				// keep the blocks that start before the horizon
				k := 0
				for _, b := range bl {
					if b.start < newH {
						bl[k] = b
						k++
					}
				}
				bl = bl[:k]
				if len(bl) > MaxBlocks {
					return nil, 0, solver.Unsupported("mip", fmt.Sprintf(
						"calendar of machine %q with %d non-working intervals over the horizon (at most %d)",
						mc.ID, len(bl), MaxBlocks))
				}
				blocks[m] = bl
				H = newH
				break
			}
			H = newH
			hz = 2*newH + 1
		}
	}
	return blocks, H, nil
}

// hintJobBounds derives per-job completion bounds from the hint's objective
// value ub: any schedule at least as good as the hint meets them.
func (f *Formulation) hintJobBounds(jobLE []int64, ub float64) {
	p := f.p
	terms := f.obj.Terms
	for _, t := range terms {
		switch t.Criterion {
		case model.Makespan, model.WeightedTardiness, model.LateJobs, model.WeightedEarliness, model.Cost:
		default:
			if len(terms) > 1 {
				return // other terms may be negative
			}
		}
	}
	cut := func(j int, v float64) {
		if v < float64(jobLE[j]) {
			jobLE[j] = int64(math.Floor(v + 1e-9))
		}
	}
	for _, t := range terms {
		if t.Weight <= 0 {
			continue
		}
		lim := ub / t.Weight
		switch t.Criterion {
		case model.Makespan:
			for j := range p.Jobs {
				cut(j, lim)
			}
		case model.WeightedTardiness:
			for j := range p.Jobs {
				if d := p.Jobs[j].Due; d != nil {
					cut(j, float64(*d)+lim/p.Jobs[j].JobWeight())
				}
			}
		case model.Cost:
			// the lateness cost alone is at most the whole cost
			day := ticksPer(p, 24*time.Hour)
			for j := range p.Jobs {
				if d, lc := p.Jobs[j].Due, p.Jobs[j].LatenessCostPerDay; d != nil && lc > 0 {
					cut(j, float64(*d)+lim*day/lc)
				}
			}
		case model.MaxLateness:
			for j := range p.Jobs {
				if d := p.Jobs[j].Due; d != nil {
					cut(j, float64(*d)+lim)
				}
			}
		case model.FlowTime:
			minC := make([]int64, len(p.Jobs))
			var sum float64
			for j := range p.Jobs {
				for _, i := range f.flat[j] {
					minC[j] = max(minC[j], f.ops[i].es+f.ops[i].pmin)
				}
				sum += float64(minC[j] - p.Jobs[j].Release)
			}
			for j := range p.Jobs {
				if len(f.flat[j]) > 0 {
					cut(j, lim-(sum-float64(minC[j]-p.Jobs[j].Release))+float64(p.Jobs[j].Release))
				}
			}
		}
	}
}

// integralObjective reports whether every schedule's objective value is an
// integer: integer term weights, integer job weights for weighted
// tardiness and earliness, and no cost term.
func integralObjective(p *model.Problem, obj model.Objective) bool {
	isInt := func(x float64) bool { return x == math.Trunc(x) }
	for _, t := range obj.Normalized().Terms {
		if !isInt(t.Weight) {
			return false
		}
		if t.Criterion == model.Cost {
			return false
		}
		if t.Criterion == model.WeightedTardiness || t.Criterion == model.WeightedEarliness {
			for j := range p.Jobs {
				if !isInt(p.Jobs[j].JobWeight()) {
					return false
				}
			}
		}
	}
	return true
}

// rewardsDelay reports whether the objective can reward finishing a job
// later: weighted earliness, or a cost with a holding cost per day.
func (f *Formulation) rewardsDelay() bool {
	for _, t := range f.obj.Terms {
		if t.Weight <= 0 {
			continue
		}
		switch t.Criterion {
		case model.WeightedEarliness:
			return true
		case model.Cost:
			for j := range f.p.Jobs {
				if f.p.Jobs[j].HoldingCostPerDay > 0 {
					return true
				}
			}
		}
	}
	return false
}

// checkCost refuses, when the objective has a cost term, what makes a
// plan's cost depend on more than the machine assignment and the jobs'
// completions (schedule.ComputeCosts), which the formulation cannot
// express linearly: night or weekend premiums, overtime windows, the
// hourly cost of sequence-dependent setup time, and setup change costs on
// a machine that can run several setup families.
func (f *Formulation) checkCost() error {
	p := f.p
	w := 0.0
	for _, t := range f.obj.Terms {
		if t.Criterion == model.Cost {
			w += t.Weight
		}
	}
	if w <= 0 {
		return nil
	}
	used := make([]bool, len(p.Machines))
	for i := range f.ops {
		for _, a := range f.ops[i].alts {
			used[a.m] = true
		}
	}
	for m := range p.Machines {
		mc := &p.Machines[m]
		if !used[m] {
			continue
		}
		switch {
		case mc.CostPerHour != 0 && !p.Epoch.IsZero() && (mc.NightPremium != 0 || mc.WeekendPremium != 0):
			return solver.Unsupported("mip", fmt.Sprintf(
				"objective cost with night or weekend premiums (machine %q): the cost depends on the time of day", mc.ID))
		case len(mc.Overtime) > 0:
			return solver.Unsupported("mip", fmt.Sprintf(
				"objective cost with overtime windows (machine %q)", mc.ID))
		case mc.CostPerHour != 0 && f.setup[m] != nil:
			return solver.Unsupported("mip", fmt.Sprintf(
				"objective cost with an hourly cost on machine %q with sequence-dependent setups: the setup time depends on the sequence", mc.ID))
		case mc.SetupChangeCost != 0 && len(f.families(m)) > 1:
			return solver.Unsupported("mip", fmt.Sprintf(
				"objective cost with a setup change cost on machine %q: the changes depend on the sequence", mc.ID))
		}
	}
	return nil
}
