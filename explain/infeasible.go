package explain

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/ordo-sched/ordo/model"
)

// Conflict is a small set of constraints of a problem that no plan can
// satisfy together.
type Conflict struct {
	// Kind is "skill" (operators nobody has), "material" (never enough),
	// "deadline" (a job alone cannot meet it), "fixed" (a fixed operation
	// against another, a deadline or its predecessors) or "capacity"
	// (several jobs need more of a machine inside their windows than it
	// works there).
	Kind string `json:"kind"`
	// Paths name the constraints in the problem, as model.Validate does
	// ("jobs[3].deadline", "machines[1].calendar", "materials[0]").
	Paths []string `json:"paths"`
	// Message says what conflicts, with times and quantities.
	Message string `json:"message"`
	// Fix says what would remove the conflict.
	Fix string `json:"fix"`
}

// Infeasibility lists the conflicts found in a problem.
type Infeasibility struct {
	Conflicts []Conflict `json:"conflicts"`
}

// WriteText writes the conflicts for a planner, one paragraph each.
func (r *Infeasibility) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "no feasible plan exists: %d conflict(s)\n", len(r.Conflicts))
	for i, c := range r.Conflicts {
		fmt.Fprintf(&b, "\n%d. %s: %s\n   constraints: %s\n   to remove it: %s\n", i+1, c.Kind, c.Message, strings.Join(c.Paths, ", "), c.Fix)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// maxEnergyOps caps the operations per machine in the energy check (the
// ones with the earliest latest finish are kept; a subset still proves a
// conflict).
const maxEnergyOps = 400

// Infeasible looks for reasons why problem p has no feasible plan and
// returns them, or nil when it finds none (which does not prove that a
// feasible plan exists). It checks, each by a relaxation whose failure
// proves infeasibility:
//
//   - operators: an operation needs more operators with a skill than all
//     the pools having it hold (none: a skill nobody has);
//   - materials: the total consumption of a material exceeds its initial
//     stock, its receipts and everything the operations produce;
//   - deadlines: each job alone, with its release, its routing, its
//     predecessors in other jobs and the machines' calendars, cannot
//     finish by its deadline (earliest completion computed operation by
//     operation on the best alternative);
//   - fixed operations: two overlapping on a machine, one ending after its
//     job's deadline, one starting before its predecessors can end, or
//     several running together that need more operators with a skill
//     than the pools having it hold (a fixed operation in non-working
//     time is no conflict: fixed operations are facts from the shop floor,
//     and schedule.Check does not hold them to calendars);
//   - capacity: on each machine, the operations that can only run there
//     must deliver, inside a window [earliest start, latest finish] built
//     from releases and deadlines, more work than the machine's working
//     time in the window (energetic reasoning on the mandatory parts), so
//     the jobs involved are named together.
//
// Infeasible never panics on an invalid problem: references that do not
// resolve are skipped (model.Validate reports them).
func Infeasible(p *model.Problem) (*Infeasibility, error) {
	if p == nil {
		return nil, errors.New("explain: no problem")
	}
	f := newFeas(p)
	f.skills()
	f.materialTotals()
	f.fixedPairs()
	f.relax()
	f.capacity()
	if len(f.out) == 0 {
		return nil, nil
	}
	return &Infeasibility{Conflicts: f.out}, nil
}

// feas holds the state of one Infeasible call.
type feas struct {
	p       *model.Problem
	x       *model.Index
	off     []int
	horizon int64
	work    [][]model.Interval // per machine (nil: unknown, treated as always)
	calPath []string           // per machine: path of what limits its time
	out     []Conflict
	// relaxation, per dense operation
	es, ef  []int64
	esFrom  []int    // binding predecessor (dense), -1: release
	lf      []int64  // latest finish (model.Forever: none)
	lfJob   []int    // job whose deadline gives lf (-1)
	pmin    []int64  // shortest processing time
	mach    []int    // the only machine (-1: several or none)
	preds   [][]pred // per dense operation
	succs   [][]pred // per dense operation (from = successor)
	order   []int    // topological order (operations on cycles left out)
	ordered bool
}

func newFeas(p *model.Problem) *feas {
	f := &feas{p: p, x: p.NewIndex(), horizon: p.PlanningHorizon()}
	f.off = make([]int, len(p.Jobs)+1)
	for j := range p.Jobs {
		f.off[j+1] = f.off[j] + len(p.Jobs[j].Operations)
	}
	f.work = make([][]model.Interval, len(p.Machines))
	f.calPath = make([]string, len(p.Machines))
	for m := range p.Machines {
		mc := &p.Machines[m]
		if mc.Calendar == "" && len(mc.Downtime) == 0 {
			continue
		}
		w, err := p.MachineIntervals(mc, f.horizon)
		if err != nil {
			continue // unknown: treated as always available (a relaxation)
		}
		f.work[m] = w
		if mc.Calendar != "" {
			f.calPath[m] = fmt.Sprintf("machines[%d].calendar", m)
		} else {
			f.calPath[m] = fmt.Sprintf("machines[%d].downtime", m)
		}
	}
	return f
}

func (f *feas) add(kind string, paths []string, fix, format string, args ...any) {
	f.out = append(f.out, Conflict{Kind: kind, Paths: dedupe(paths), Message: fmt.Sprintf(format, args...), Fix: fix})
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func (f *feas) tm(t int64) string { return formatTime(f.p, t) }
func (f *feas) dur(d int64) string {
	return FormatDuration(f.p, d)
}

func (f *feas) opName(j, k int) string {
	return fmt.Sprintf("%s/%s", f.p.Jobs[j].ID, f.p.Jobs[j].OpID(k))
}

// skills checks that every operator need can be met by the pools.
func (f *feas) skills() {
	p := f.p
	type need struct {
		paths []string
		ops   []string
		count int
	}
	bySkill := map[string]*need{}
	var skills []string
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			for n, nd := range p.Jobs[j].Operations[k].Operators {
				have := 0
				for _, o := range p.OperatorPools {
					if slices.Contains(o.Skills, nd.Skill) {
						have += max(o.Capacity, 0)
					}
				}
				if nd.Count <= have {
					continue
				}
				b, ok := bySkill[nd.Skill]
				if !ok {
					b = &need{}
					bySkill[nd.Skill] = b
					skills = append(skills, nd.Skill)
				}
				b.count = max(b.count, nd.Count)
				if len(b.paths) < 5 {
					b.paths = append(b.paths, fmt.Sprintf("jobs[%d].operations[%d].operators[%d]", j, k, n))
				}
				b.ops = append(b.ops, f.opName(j, k))
			}
		}
	}
	for _, s := range skills {
		b := bySkill[s]
		have := 0
		paths := slices.Clone(b.paths)
		for i, o := range p.OperatorPools {
			if slices.Contains(o.Skills, s) {
				have += max(o.Capacity, 0)
				paths = append(paths, fmt.Sprintf("operator_pools[%d].capacity", i))
			}
		}
		if have == 0 {
			f.add("skill", append(paths, "operator_pools"),
				fmt.Sprintf("give skill %q to an operator pool with at least %d operator(s), or drop the need", s, b.count),
				"no operator pool has skill %q, needed by %s", s, listOrders(b.ops))
			continue
		}
		f.add("skill", paths,
			fmt.Sprintf("add %d operator(s) with skill %q, or ask for fewer", b.count-have, s),
			"%s need(s) %d operator(s) with skill %q, but the pools with it have %d in total", listOrders(b.ops), b.count, s, have)
	}
}

// materialTotals checks that every material's supply covers its total
// consumption.
func (f *feas) materialTotals() {
	p := f.p
	for m := range p.Materials {
		mat := &p.Materials[m]
		supply := mat.Initial
		for _, r := range mat.Receipts {
			supply += r.Quantity
		}
		var use float64
		var paths, users []string
		for j := range p.Jobs {
			for k := range p.Jobs[j].Operations {
				op := &p.Jobs[j].Operations[k]
				for n, q := range op.Consumes {
					if q.Material == mat.ID {
						use += q.Quantity
						users = append(users, f.opName(j, k))
						if len(paths) < 5 {
							paths = append(paths, fmt.Sprintf("jobs[%d].operations[%d].consumes[%d]", j, k, n))
						}
					}
				}
				for _, q := range op.Produces {
					if q.Material == mat.ID {
						supply += q.Quantity
					}
				}
			}
		}
		if use > supply*(1+1e-9)+1e-9 {
			unit := ""
			if mat.Unit != "" {
				unit = " " + mat.Unit
			}
			f.add("material", append([]string{fmt.Sprintf("materials[%d]", m)}, paths...),
				fmt.Sprintf("add receipts of at least %g%s of %s, or consume less", use-supply, unit, mat.ID),
				"material %s is never sufficient: %s consume %g%s in total, but the initial stock, the receipts and all production give %g%s",
				mat.ID, listOrders(users), use, unit, supply, unit)
		}
	}
}

// fixedPairs checks fixed operations against each other and against
// their jobs' deadlines.
func (f *feas) fixedPairs() {
	p := f.p
	type fx struct {
		j, k int
		fix  *model.Fixed
	}
	byMach := map[string][]fx{}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := range job.Operations {
			fo := job.Operations[k].Fixed
			if fo == nil {
				continue
			}
			byMach[fo.Machine] = append(byMach[fo.Machine], fx{j, k, fo})
			if job.Deadline != nil && fo.End > *job.Deadline {
				f.add("fixed", []string{fmt.Sprintf("jobs[%d].operations[%d].fixed", j, k), fmt.Sprintf("jobs[%d].deadline", j)},
					fmt.Sprintf("move the deadline of %s to %s or later", job.ID, f.tm(fo.End)),
					"%s is fixed to end at %s, after its job's deadline %s", f.opName(j, k), f.tm(fo.End), f.tm(*job.Deadline))
			}
		}
	}
	f.fixedOperators()
	machs := make([]string, 0, len(byMach))
	for m := range byMach {
		machs = append(machs, m)
	}
	slices.Sort(machs)
	for _, m := range machs {
		l := byMach[m]
		slices.SortFunc(l, func(a, b fx) int { return cmp.Compare(a.fix.SetupStart, b.fix.SetupStart) })
		for i := 1; i < len(l); i++ {
			a, b := l[i-1], l[i]
			if b.fix.SetupStart < a.fix.End && a.fix.SetupStart < a.fix.End && b.fix.SetupStart < b.fix.End {
				f.add("fixed", []string{fmt.Sprintf("jobs[%d].operations[%d].fixed", a.j, a.k), fmt.Sprintf("jobs[%d].operations[%d].fixed", b.j, b.k)},
					fmt.Sprintf("move %s to start at %s or later, or unfix one of them", f.opName(b.j, b.k), f.tm(a.fix.End)),
					"%s [%s, %s) and %s [%s, %s) are both fixed on machine %s and overlap",
					f.opName(a.j, a.k), f.tm(a.fix.SetupStart), f.tm(a.fix.End), f.opName(b.j, b.k), f.tm(b.fix.SetupStart), f.tm(b.fix.End), m)
			}
		}
	}
}

// topo computes the precedence arcs and a topological order.
func (f *feas) topo() {
	if f.ordered {
		return
	}
	f.ordered = true
	n := f.off[len(f.p.Jobs)]
	f.preds = make([][]pred, n)
	f.succs = make([][]pred, n)
	indeg := make([]int, n)
	for _, a := range f.p.Arcs(f.x) {
		from, to := f.off[a.From.Job]+a.From.Op, f.off[a.To.Job]+a.To.Op
		f.preds[to] = append(f.preds[to], pred{from, a.MinLag})
		f.succs[from] = append(f.succs[from], pred{to, a.MinLag})
		indeg[to]++
	}
	var q []int
	for d := range n {
		if indeg[d] == 0 {
			q = append(q, d)
		}
	}
	for len(q) > 0 {
		d := q[0]
		q = q[1:]
		f.order = append(f.order, d)
		for _, s := range f.succs[d] {
			if indeg[s.from]--; indeg[s.from] == 0 {
				q = append(q, s.from)
			}
		}
	}
}

func (f *feas) jobOf(d int) (int, int) {
	j := sort.Search(len(f.p.Jobs), func(j int) bool { return f.off[j+1] > d })
	return j, d - f.off[j]
}

// earliestFinish returns the earliest end of p ticks of work starting at or
// after t on working intervals w (nil: always available).
func earliestFinish(w []model.Interval, t, p int64, resumable bool) int64 {
	if w == nil {
		return t + p
	}
	i := sort.Search(len(w), func(i int) bool { return w[i].End > t })
	if p == 0 {
		if i < len(w) {
			return max(t, w[i].Start)
		}
		return model.Forever
	}
	for ; i < len(w); i++ {
		s := max(t, w[i].Start)
		if resumable {
			if s+p <= w[i].End {
				return s + p
			}
			p -= w[i].End - s
			continue
		}
		if s+p <= w[i].End {
			return s + p
		}
	}
	return model.Forever
}

// relax computes each operation's earliest start and finish with every
// job alone on the calendars, and reports deadlines and fixed starts it
// proves impossible.
func (f *feas) relax() {
	p := f.p
	f.topo()
	n := f.off[len(p.Jobs)]
	f.es = make([]int64, n)
	f.ef = make([]int64, n)
	f.esFrom = make([]int, n)
	f.pmin = make([]int64, n)
	f.mach = make([]int, n)
	efMach := make([]int, n)
	for _, d := range f.order {
		j, k := f.jobOf(d)
		job := &p.Jobs[j]
		op := &job.Operations[k]
		es, from := job.Release, -1
		for _, pr := range f.preds[d] {
			if f.ef[pr.from] >= model.Forever {
				es, from = model.Forever, pr.from
				break
			}
			if e := f.ef[pr.from] + pr.lag; e > es {
				es, from = e, pr.from
			}
		}
		f.es[d], f.esFrom[d] = es, from
		f.mach[d], efMach[d] = -1, -1
		f.pmin[d] = math.MaxInt64
		single := true
		for _, a := range op.Alternatives {
			m, ok := f.x.Machines[a.Machine]
			if !ok {
				continue
			}
			pt := a.ProcessingTime(job.Quantity)
			f.pmin[d] = min(f.pmin[d], pt)
			if f.mach[d] == -1 {
				f.mach[d] = m
			} else if f.mach[d] != m {
				single = false
			}
		}
		if !single {
			f.mach[d] = -1
		}
		if f.pmin[d] == math.MaxInt64 {
			f.pmin[d] = 0
		}
		if fo := op.Fixed; fo != nil {
			if es > fo.Start && es < model.Forever {
				paths := []string{fmt.Sprintf("jobs[%d].operations[%d].fixed", j, k)}
				paths = append(paths, f.chainPaths(from)...)
				f.add("fixed", paths,
					fmt.Sprintf("fix %s to start at %s or later, or shorten what comes before it", f.opName(j, k), f.tm(es)),
					"%s is fixed to start at %s, but its predecessors cannot end before %s", f.opName(j, k), f.tm(fo.Start), f.tm(es))
			}
			f.es[d], f.ef[d] = fo.SetupStart, fo.End
			if m, ok := f.x.Machines[fo.Machine]; ok {
				f.mach[d] = m
			}
			continue
		}
		best := model.Forever
		if es < model.Forever {
			for _, a := range op.Alternatives {
				m, ok := f.x.Machines[a.Machine]
				if !ok {
					continue
				}
				if e := earliestFinish(f.work[m], es, a.ProcessingTime(job.Quantity), op.Resumable); e < best {
					best, efMach[d] = e, m
				}
			}
		}
		f.ef[d] = best
	}
	// Deadlines.
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Deadline == nil || f.off[j] == f.off[j+1] {
			continue
		}
		last, c := -1, int64(math.MinInt64)
		for d := f.off[j]; d < f.off[j+1]; d++ {
			if f.ef[d] > c {
				last, c = d, f.ef[d]
			}
		}
		if c <= *job.Deadline || (c >= model.Forever && p.Horizon == 0) {
			continue
		}
		if p.Jobs[j].Operations[last-f.off[j]].Fixed != nil {
			continue // reported by fixedPairs
		}
		paths := []string{fmt.Sprintf("jobs[%d].deadline", j)}
		paths = append(paths, f.chainPaths(last)...)
		var cals []string
		for d := last; d >= 0; d = f.esFrom[d] {
			if m := efMach[d]; m >= 0 && f.calPath[m] != "" {
				cals = append(cals, p.Machines[m].ID)
				paths = append(paths, f.calPath[m])
			}
		}
		fix := fmt.Sprintf("move the deadline of %s to %s or later", job.ID, f.tm(c))
		if len(cals) > 0 {
			fix += fmt.Sprintf(", or add working time on %s", listOrders(dedupe(cals)))
		}
		fix += ", or release earlier"
		what := "cannot finish before " + f.tm(c)
		if c >= model.Forever {
			what = "cannot finish within the planning horizon " + f.tm(p.Horizon)
		}
		f.add("deadline", paths, fix,
			"%s must end by its deadline %s, but even alone in the plant (release %s, its routing through the calendars) it %s",
			job.ID, f.tm(*job.Deadline), f.tm(job.Release), what)
	}
}

// chainPaths names the release that starts the earliest-start chain
// ending at dense operation d (-1: none), and the fixed operations on it.
func (f *feas) chainPaths(d int) []string {
	var out []string
	for n := 0; d >= 0 && n <= len(f.esFrom); n++ {
		j, k := f.jobOf(d)
		if f.p.Jobs[j].Operations[k].Fixed != nil {
			return append(out, fmt.Sprintf("jobs[%d].operations[%d].fixed", j, k))
		}
		if f.esFrom[d] < 0 {
			return append(out, fmt.Sprintf("jobs[%d].release", j))
		}
		d = f.esFrom[d]
	}
	return out
}

// latest computes each operation's latest finish from the deadlines
// (ignoring calendars, which only make it earlier: a relaxation).
func (f *feas) latest() {
	p := f.p
	n := f.off[len(p.Jobs)]
	f.lf = make([]int64, n)
	f.lfJob = make([]int, n)
	for d := range n {
		f.lf[d], f.lfJob[d] = model.Forever, -1
		j, _ := f.jobOf(d)
		if dl := p.Jobs[j].Deadline; dl != nil {
			f.lf[d], f.lfJob[d] = *dl, j
		}
	}
	for i := len(f.order) - 1; i >= 0; i-- {
		d := f.order[i]
		for _, s := range f.succs[d] {
			if f.lf[s.from] >= model.Forever {
				continue
			}
			if l := f.lf[s.from] - f.pmin[s.from] - s.lag; l < f.lf[d] {
				f.lf[d], f.lfJob[d] = l, f.lfJob[s.from]
			}
		}
	}
}

// energyOp is an operation in the energy check of one machine, in working
// time of the machine (ticks of work before an instant).
type energyOp struct {
	d          int
	est, lct   int64 // working-time coordinates
	p          int64
	estT, lctT int64 // ticks
}

// capacity runs the energy check on every machine.
func (f *feas) capacity() {
	p := f.p
	f.latest()
	byMach := make([][]int, len(p.Machines))
	for _, d := range f.order {
		if m := f.mach[d]; m >= 0 && f.lf[d] < model.Forever && f.es[d] < model.Forever {
			byMach[m] = append(byMach[m], d)
		}
	}
	for m, ds := range byMach {
		if len(ds) < 2 {
			continue
		}
		slices.SortFunc(ds, func(a, b int) int { return cmp.Compare(f.lf[a], f.lf[b]) })
		if len(ds) > maxEnergyOps {
			ds = ds[:maxEnergyOps]
		}
		w := f.work[m]
		wt := func(t int64) int64 { // work before t
			if w == nil {
				return t
			}
			return model.WorkIn(w, math.MinInt64/4, t)
		}
		ops := make([]energyOp, 0, len(ds))
		for _, d := range ds {
			j, k := f.jobOf(d)
			e := energyOp{d: d, estT: f.es[d], lctT: f.lf[d], p: f.pmin[d]}
			if fo := p.Jobs[j].Operations[k].Fixed; fo != nil {
				e.estT, e.lctT = fo.SetupStart, fo.End
				e.est, e.lct = wt(fo.SetupStart), wt(fo.End)
				e.p = e.lct - e.est
			} else {
				e.est, e.lct = wt(e.estT), wt(e.lctT)
			}
			ops = append(ops, e)
		}
		f.energy(m, ops)
	}
}

// energy finds the window [a, b) of machine m where the operations' least
// work exceeds the machine's working time by the most for the fewest
// operations, and reports it.
func (f *feas) energy(m int, ops []energyOp) {
	type win struct {
		a, b     int
		over     int64
		involved int
	}
	var best *win
	sweepWindows(ops, func(ai, bi int, need int64, inv int) {
		a, b := ops[ai].est, ops[bi].lct
		if over := need - (b - a); over > 0 && inv >= 2 {
			if best == nil || inv < best.involved || (inv == best.involved && over > best.over) {
				best = &win{ai, bi, over, inv}
			}
		}
	})
	if best == nil {
		return
	}
	p := f.p
	a, b := ops[best.a].est, ops[best.b].lct
	at, bt := ops[best.a].estT, ops[best.b].lctT
	var paths, names, jobs []string
	var need int64
	for _, o := range ops {
		e := energyIn(&o, a, b)
		if e <= 0 {
			continue
		}
		need += e
		j, k := f.jobOf(o.d)
		names = append(names, f.opName(j, k))
		if p.Jobs[j].Operations[k].Fixed != nil {
			paths = append(paths, fmt.Sprintf("jobs[%d].operations[%d].fixed", j, k))
			continue
		}
		if lj := f.lfJob[o.d]; lj >= 0 {
			paths = append(paths, fmt.Sprintf("jobs[%d].deadline", lj))
			jobs = append(jobs, p.Jobs[lj].ID)
		}
		paths = append(paths, f.chainPaths(o.d)...)
	}
	mpath := fmt.Sprintf("machines[%d]", m)
	if f.calPath[m] != "" {
		mpath = f.calPath[m]
	}
	paths = append(paths, mpath)
	mid := p.Machines[m].ID
	f.add("capacity", paths,
		fmt.Sprintf("move the deadline of one of %s later by at least %s, release earlier, add working time on %s between %s and %s, or let one of the operations run on another machine",
			listOrders(dedupe(jobs)), f.dur(best.over), mid, f.tm(at), f.tm(bt)),
		"%s can only run on %s and need at least %s of it between %s and %s, but %s works only %s there",
		listOrders(names), mid, f.dur(need), f.tm(at), f.tm(bt), mid, f.dur(b-a))
}

// fixedOperators checks that fixed operations running at the same time
// do not need more operators with a skill than all the pools having it
// hold (fixed operations keep their times, not their operators).
func (f *feas) fixedOperators() {
	p := f.p
	type use struct {
		j, k       int
		start, end int64
		count      int
	}
	bySkill := map[string][]use{}
	var skills []string
	for j := range p.Jobs {
		for k := range p.Jobs[j].Operations {
			op := &p.Jobs[j].Operations[k]
			if op.Fixed == nil || op.Fixed.Start >= op.Fixed.End {
				continue
			}
			for _, nd := range op.Operators {
				if nd.Count <= 0 {
					continue
				}
				if _, ok := bySkill[nd.Skill]; !ok {
					skills = append(skills, nd.Skill)
				}
				bySkill[nd.Skill] = append(bySkill[nd.Skill], use{j, k, op.Fixed.Start, op.Fixed.End, nd.Count})
			}
		}
	}
	for _, s := range skills {
		have := 0
		var pools []string
		for i, o := range p.OperatorPools {
			if slices.Contains(o.Skills, s) {
				have += max(o.Capacity, 0)
				pools = append(pools, fmt.Sprintf("operator_pools[%d].capacity", i))
			}
		}
		us := bySkill[s]
		// The peak is at some operation's start.
		for _, u := range us {
			var at []use
			n := 0
			for _, v := range us {
				if v.start <= u.start && u.start < v.end {
					at = append(at, v)
					n += v.count
				}
			}
			if n <= have || len(at) < 2 {
				continue // a single operation over capacity is a skill conflict
			}
			var paths, names []string
			for _, v := range at {
				paths = append(paths, fmt.Sprintf("jobs[%d].operations[%d].fixed", v.j, v.k))
				names = append(names, f.opName(v.j, v.k))
			}
			f.add("fixed", append(paths, pools...),
				fmt.Sprintf("move one of them, unfix one, or add %d operator(s) with skill %q", n-have, s),
				"%s are fixed to run together at %s and need %d operators with skill %q, but the pools with it have %d in total",
				listOrders(names), f.tm(u.start), n, s, have)
			break
		}
	}
}

// energyIn returns the least work operation o must do inside [a, b)
// (working-time coordinates): its part that cannot leave the window
// whether it starts as early or ends as late as it may.
func energyIn(o *energyOp, a, b int64) int64 {
	return max(0, min(o.p, b-a, o.est+o.p-a, b-(o.lct-o.p)))
}

// sweepWindows calls fn for every window [ops[ai].est, ops[bi].lct) with
// a < b (each distinct pair of bounds once), with the total least work
// of ops inside it and how many operations have some. For a fixed a, an
// operation's least work is clamp(b - s, 0, c) with s = max(a, lct - p)
// and c = min(p, est + p - a), a piecewise linear function of b: a sweep
// over the sorted breakpoints gives every b in O(k log k), O(k^2 log k)
// in all instead of O(k^3).
func sweepWindows(ops []energyOp, fn func(ai, bi int, need int64, inv int)) {
	// The distinct latest finishes, ascending, each with its first op.
	bs := make([]int, 0, len(ops))
	for i := range ops {
		bs = append(bs, i)
	}
	slices.SortStableFunc(bs, func(x, y int) int { return cmp.Compare(ops[x].lct, ops[y].lct) })
	bs = slices.CompactFunc(bs, func(x, y int) bool { return ops[x].lct == ops[y].lct })
	type ev struct {
		t     int64
		slope int64
	}
	var evs []ev
	seenA := map[int64]bool{}
	for ai := range ops {
		a := ops[ai].est
		if seenA[a] {
			continue
		}
		seenA[a] = true
		evs = evs[:0]
		for i := range ops {
			o := &ops[i]
			c := min(o.p, o.est+o.p-a)
			if c <= 0 {
				continue
			}
			st := max(a, o.lct-o.p)
			evs = append(evs, ev{st, 1}, ev{st + c, -1})
		}
		slices.SortFunc(evs, func(x, y ev) int { return cmp.Compare(x.t, y.t) })
		cur, val, slope, started, ei := a, int64(0), int64(0), 0, 0
		for _, bi := range bs {
			b := ops[bi].lct
			if b <= a {
				continue
			}
			for ei < len(evs) && evs[ei].t < b {
				val += slope * (evs[ei].t - cur)
				cur = evs[ei].t
				slope += evs[ei].slope
				if evs[ei].slope > 0 {
					started++
				}
				ei++
			}
			fn(ai, bi, val+slope*(b-cur), started)
		}
	}
}
