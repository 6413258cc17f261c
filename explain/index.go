package explain

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// pred is a precedence arc into an operation.
type pred struct {
	from int // dense operation number
	lag  int64
}

// occ is one occupation of a machine: an assignment's [SetupStart, End).
type occ struct {
	start, end int64
	asg        int
}

// machInfo is what Late needs to know about one machine.
type machInfo struct {
	work    []model.Interval  // working intervals (calendar minus downtime)
	pattern []model.Interval  // weekly shifts alone (nil: no calendar)
	exc     []model.Exception // non-working exceptions of its calendar
	down    []model.Window    // downtime
	hasCal  bool              // calendar or downtime
	occ     []occ             // by start
}

// poolInfo is what Late needs to know about one operator pool.
type poolInfo struct {
	work  []model.Interval
	cap   int
	times []int64 // usage profile: breakpoints
	use   []int   // operators in use from times[i] to times[i+1]
	asgs  []occ   // assignments using the pool, by start
	maxD  int64   // longest assignment using the pool
}

// matInfo is the stock profile of one material in the plan.
type matInfo struct {
	times []int64   // instants with events
	level []float64 // stock after all events of times[i]
	tol   []float64 // tolerance at times[i]
	tree  []float64 // min segment tree over level
	size  int
	// adds lists the additions (receipts, productions) by time.
	adds []addition
}

// addition is a receipt or a production of a material.
type addition struct {
	at  int64
	qty float64
	asg int // -1 for a receipt
}

// index holds everything Late precomputes once per call.
type index struct {
	p       *model.Problem
	s       *schedule.Schedule
	x       *model.Index
	off     []int // dense number of (job, 0)
	asg     []int // per dense operation: its assignment (-1)
	preds   [][]pred
	mach    []machInfo
	pools   []poolInfo
	mats    []matInfo
	horizon int64
	day     int64     // ticks in 24 hours (0 for unitless problems)
	part    []Segment // scratch
}

func newIndex(p *model.Problem, s *schedule.Schedule) (*index, error) {
	ix := &index{p: p, s: s, x: p.NewIndex()}
	ix.off = make([]int, len(p.Jobs)+1)
	for j := range p.Jobs {
		ix.off[j+1] = ix.off[j] + len(p.Jobs[j].Operations)
	}
	n := ix.off[len(p.Jobs)]
	ix.asg = make([]int, n)
	for i := range ix.asg {
		ix.asg[i] = -1
	}
	var maxT int64 = 1
	for i, a := range s.Assignments {
		if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) {
			return nil, fmt.Errorf("assignments[%d]: job %d op %d is not an operation of the problem", i, a.Job, a.Op)
		}
		if a.Machine < 0 || a.Machine >= len(p.Machines) {
			return nil, fmt.Errorf("assignments[%d]: machine index %d is out of range", i, a.Machine)
		}
		if a.End < a.Start || a.SetupStart > a.Start {
			return nil, fmt.Errorf("assignments[%d]: malformed times (setup start %d, start %d, end %d)", i, a.SetupStart, a.Start, a.End)
		}
		d := ix.off[a.Job] + a.Op
		if ix.asg[d] >= 0 {
			return nil, fmt.Errorf("assignments[%d]: job %q op %q is scheduled twice", i, p.Jobs[a.Job].ID, p.Jobs[a.Job].OpID(a.Op))
		}
		ix.asg[d] = i
		if a.End < model.Forever {
			maxT = max(maxT, a.End+1)
		}
	}
	for j := range p.Jobs {
		maxT = max(maxT, p.Jobs[j].Release+1)
	}
	ix.horizon = maxT
	if !p.Epoch.IsZero() {
		ix.day = int64(24 * time.Hour / p.TickLength())
	}
	ix.preds = make([][]pred, n)
	for _, arc := range p.Arcs(ix.x) {
		to := ix.off[arc.To.Job] + arc.To.Op
		ix.preds[to] = append(ix.preds[to], pred{from: ix.off[arc.From.Job] + arc.From.Op, lag: arc.MinLag})
	}
	if err := ix.machines(); err != nil {
		return nil, err
	}
	if err := ix.operatorPools(); err != nil {
		return nil, err
	}
	ix.materials()
	return ix, nil
}

func (ix *index) machines() error {
	p := ix.p
	ix.mach = make([]machInfo, len(p.Machines))
	pattern := map[string][]model.Interval{}
	for m := range p.Machines {
		mc := &p.Machines[m]
		mi := &ix.mach[m]
		w, err := p.MachineIntervals(mc, ix.horizon)
		if err != nil {
			return err
		}
		mi.work = w
		mi.down = mc.Downtime
		mi.hasCal = mc.Calendar != "" || len(mc.Downtime) > 0
		if mc.Calendar != "" {
			ci, ok := ix.x.Calendars[mc.Calendar]
			if !ok {
				return fmt.Errorf("machine %q: unknown calendar %q", mc.ID, mc.Calendar)
			}
			cal := &p.Calendars[ci]
			for _, e := range cal.Exceptions {
				if !e.Working {
					mi.exc = append(mi.exc, e)
				}
			}
			pt, ok := pattern[cal.ID]
			if !ok {
				bare := *cal
				bare.Exceptions = nil
				pt, err = p.CalendarIntervals(&bare, ix.horizon)
				if err != nil {
					return err
				}
				pattern[cal.ID] = pt
			}
			mi.pattern = pt
		}
	}
	for i, a := range ix.s.Assignments {
		ix.mach[a.Machine].occ = append(ix.mach[a.Machine].occ, occ{a.SetupStart, a.End, i})
	}
	for m := range ix.mach {
		slices.SortFunc(ix.mach[m].occ, func(a, b occ) int {
			return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.asg, b.asg))
		})
	}
	return nil
}

func (ix *index) operatorPools() error {
	p := ix.p
	ix.pools = make([]poolInfo, len(p.OperatorPools))
	type ev struct {
		at    int64
		delta int
	}
	evs := make([][]ev, len(p.OperatorPools))
	for o := range p.OperatorPools {
		w, err := p.PoolIntervals(&p.OperatorPools[o], ix.horizon)
		if err != nil {
			return err
		}
		ix.pools[o].work = w
		ix.pools[o].cap = p.OperatorPools[o].Capacity
	}
	for i, a := range ix.s.Assignments {
		if a.Start >= a.End {
			continue
		}
		seen := -1
		for _, o := range a.Operators {
			if o < 0 || o >= len(p.OperatorPools) {
				return fmt.Errorf("assignments[%d]: operator pool index %d is out of range", i, o)
			}
			evs[o] = append(evs[o], ev{a.Start, 1}, ev{a.End, -1})
			if o != seen {
				pi := &ix.pools[o]
				if len(pi.asgs) == 0 || pi.asgs[len(pi.asgs)-1].asg != i {
					pi.asgs = append(pi.asgs, occ{a.Start, a.End, i})
					pi.maxD = max(pi.maxD, a.End-a.Start)
				}
				seen = o
			}
		}
	}
	for o := range ix.pools {
		pi := &ix.pools[o]
		e := evs[o]
		slices.SortFunc(e, func(a, b ev) int { return cmp.Compare(a.at, b.at) })
		use := 0
		for k := 0; k < len(e); {
			t := e[k].at
			for k < len(e) && e[k].at == t {
				use += e[k].delta
				k++
			}
			pi.times = append(pi.times, t)
			pi.use = append(pi.use, use)
		}
		slices.SortFunc(pi.asgs, func(a, b occ) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.asg, b.asg)) })
	}
	return nil
}

func (ix *index) materials() {
	p := ix.p
	type ev struct {
		at  int64
		qty float64
	}
	evs := make([][]ev, len(p.Materials))
	ix.mats = make([]matInfo, len(p.Materials))
	for m := range p.Materials {
		mat := &p.Materials[m]
		evs[m] = append(evs[m], ev{0, mat.Initial})
		for _, r := range mat.Receipts {
			evs[m] = append(evs[m], ev{r.At, r.Quantity})
			ix.mats[m].adds = append(ix.mats[m].adds, addition{r.At, r.Quantity, -1})
		}
	}
	for i, a := range ix.s.Assignments {
		op := &p.Jobs[a.Job].Operations[a.Op]
		for _, q := range op.Consumes {
			if m, ok := ix.x.Materials[q.Material]; ok {
				evs[m] = append(evs[m], ev{a.Start, -q.Quantity})
			}
		}
		for _, q := range op.Produces {
			if m, ok := ix.x.Materials[q.Material]; ok {
				evs[m] = append(evs[m], ev{a.End, q.Quantity})
				ix.mats[m].adds = append(ix.mats[m].adds, addition{a.End, q.Quantity, i})
			}
		}
	}
	for m := range ix.mats {
		mi := &ix.mats[m]
		e := evs[m]
		slices.SortStableFunc(e, func(a, b ev) int { return cmp.Compare(a.at, b.at) })
		slices.SortStableFunc(mi.adds, func(a, b addition) int { return cmp.Compare(a.at, b.at) })
		var stock, scale float64 = 0, 1
		for k := 0; k < len(e); {
			t := e[k].at
			for k < len(e) && e[k].at == t {
				stock += e[k].qty
				scale = max(scale, math.Abs(stock), math.Abs(e[k].qty))
				k++
			}
			mi.times = append(mi.times, t)
			mi.level = append(mi.level, stock)
			mi.tol = append(mi.tol, 1e-9*scale)
		}
		mi.size = 1
		for mi.size < len(mi.level) {
			mi.size *= 2
		}
		mi.tree = make([]float64, 2*mi.size)
		for i := range mi.tree {
			mi.tree[i] = math.Inf(1)
		}
		for i, l := range mi.level {
			mi.tree[mi.size+i] = l + mi.tol[i]
		}
		for i := mi.size - 1; i >= 1; i-- {
			mi.tree[i] = min(mi.tree[2*i], mi.tree[2*i+1])
		}
	}
}

// lastBelow returns the largest index i < k with level[i]+tol[i] < q, or -1.
func (mi *matInfo) lastBelow(k int, q float64) int {
	return mi.lastBelowIn(1, 0, mi.size, k, q)
}

func (mi *matInfo) lastBelowIn(node, lo, hi, k int, q float64) int {
	if lo >= k || mi.tree[node] >= q {
		return -1
	}
	if hi-lo == 1 {
		return lo
	}
	mid := (lo + hi) / 2
	if r := mi.lastBelowIn(2*node+1, mid, hi, k, q); r >= 0 {
		return r
	}
	return mi.lastBelowIn(2*node, lo, mid, k, q)
}

// inIntervals reports whether t lies in the normalized intervals ivs, and
// returns the index of the first interval ending after t.
func inIntervals(ivs []model.Interval, t int64) (bool, int) {
	i := sort.Search(len(ivs), func(i int) bool { return ivs[i].End > t })
	return i < len(ivs) && ivs[i].Start <= t, i
}

// nextStart returns the start of the first interval of ivs starting after t
// (model.Forever when none).
func nextStart(ivs []model.Interval, t int64) int64 {
	i := sort.Search(len(ivs), func(i int) bool { return ivs[i].Start > t })
	if i < len(ivs) {
		return ivs[i].Start
	}
	return model.Forever
}

// occupiedAt returns the assignment occupying machine m at t other than
// self (-1 when free) and the end of that occupation.
func (mi *machInfo) occupiedAt(t int64, self int) (int, int64) {
	i := sort.Search(len(mi.occ), func(i int) bool { return mi.occ[i].start > t })
	// Scan back over the few occupations starting at or before t.
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		o := mi.occ[k]
		if o.asg != self && o.end > t && o.start < o.end {
			return o.asg, o.end
		}
	}
	return -1, 0
}

// nextOcc returns the first occupation of machine m (other than self, not
// empty) starting after t, or -1.
func (mi *machInfo) nextOcc(t int64, self int) int {
	i := sort.Search(len(mi.occ), func(i int) bool { return mi.occ[i].start > t })
	for ; i < len(mi.occ); i++ {
		if o := mi.occ[i]; o.asg != self && o.start < o.end {
			return i
		}
	}
	return -1
}

// useAt returns the operators of pool in use at t and the next instant the
// usage changes (model.Forever when never).
func (pi *poolInfo) useAt(t int64) (int, int64) {
	i := sort.Search(len(pi.times), func(i int) bool { return pi.times[i] > t })
	next := model.Forever
	if i < len(pi.times) {
		next = pi.times[i]
	}
	if i == 0 {
		return 0, next
	}
	return pi.use[i-1], next
}

// usersAt returns the assignments using the pool at t.
func (pi *poolInfo) usersAt(t int64) []int {
	i := sort.Search(len(pi.asgs), func(i int) bool { return pi.asgs[i].start > t })
	var out []int
	for k := i - 1; k >= 0 && pi.asgs[k].start >= t-pi.maxD; k-- {
		if pi.asgs[k].end > t {
			out = append(out, pi.asgs[k].asg)
		}
	}
	slices.Reverse(out)
	return out
}
