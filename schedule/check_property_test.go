package schedule

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// This file holds Check against an independent recomputation: a tick by
// tick oracle that shares nothing with Check (no interval lists, no
// model.Arcs, no calendar expansion: each tick's wall-clock time is tested
// against the shifts), on random plant problems with random plans, valid
// ones built by a tick-by-tick greedy and corrupted copies of them.

// propEpoch is a Monday, a week before the spring DST change in Berlin.
var propEpoch = time.Date(2026, 3, 23, 0, 0, 0, 0, berlinLoc())

func berlinLoc() *time.Location {
	l, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return l
}

// propSpan is the number of ticks (hours) the oracle looks at; every time
// in the generated plans stays inside [-propSpan, 2*propSpan).
const propSpan = 24 * 21

var propCalendars = []model.Calendar{
	{ID: "weekend", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: []time.Weekday{time.Saturday, time.Sunday}, Start: 6 * 60, End: 18 * 60}}},
	{ID: "2x8", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: weekdaysMF, Start: 6 * 60, End: 14 * 60}, {Days: weekdaysMF, Start: 14 * 60, End: 22 * 60}}},
	{ID: "nights", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: weekdaysMF, Start: 22 * 60, End: 6 * 60}}},
	{ID: "3x8", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: allWeek, Start: 6 * 60, End: 14 * 60}, {Days: allWeek, Start: 14 * 60, End: 22 * 60}, {Days: allWeek, Start: 22 * 60, End: 6 * 60}}},
	{ID: "days", TimeZone: "Europe/Berlin", Shifts: []model.Shift{{Days: allWeek, Start: 8 * 60, End: 17 * 60}}},
}

var (
	weekdaysMF = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	allWeek    = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
)

// randomPlant returns a random problem with hourly ticks: calendars,
// downtime, operator pools, materials, releases, deadlines, lags and
// resumable operations (no setups, no fixed operations).
func randomPlant(rng *rand.Rand) *model.Problem {
	p := &model.Problem{Epoch: propEpoch, Resolution: time.Hour, Calendars: propCalendars}
	nm := 1 + rng.IntN(3)
	for m := range nm {
		mc := model.Machine{ID: fmt.Sprintf("M%d", m)}
		if rng.IntN(10) < 7 {
			mc.Calendar = propCalendars[rng.IntN(len(propCalendars))].ID
		}
		if rng.IntN(10) < 3 {
			s := int64(rng.IntN(200))
			mc.Downtime = []model.Window{{Start: s, End: s + 1 + int64(rng.IntN(30))}}
		}
		p.Machines = append(p.Machines, mc)
	}
	for o := range rng.IntN(3) {
		pool := model.OperatorPool{ID: fmt.Sprintf("P%d", o), Skills: []string{"a"}, Capacity: 1 + rng.IntN(2)}
		if o == 1 {
			pool.Skills = []string{"b"}
		}
		if rng.IntN(2) == 0 {
			pool.Calendar = propCalendars[rng.IntN(len(propCalendars))].ID
		}
		p.OperatorPools = append(p.OperatorPools, pool)
	}
	for m := range rng.IntN(3) {
		mat := model.Material{ID: fmt.Sprintf("R%d", m), Initial: float64(rng.IntN(3))}
		for range rng.IntN(3) {
			mat.Receipts = append(mat.Receipts, model.Receipt{At: int64(rng.IntN(150)), Quantity: float64(1 + rng.IntN(3))})
		}
		p.Materials = append(p.Materials, mat)
	}
	for j := range 1 + rng.IntN(4) {
		job := model.Job{ID: fmt.Sprintf("J%d", j), Release: int64(rng.IntN(30))}
		if rng.IntN(5) == 0 {
			d := job.Release + 100 + int64(rng.IntN(300))
			job.Deadline = &d
		}
		for k := range 1 + rng.IntN(4) {
			op := model.Operation{ID: fmt.Sprintf("o%d", k), Resumable: rng.IntN(5) == 0}
			for _, m := range rng.Perm(nm)[:1+rng.IntN(nm)] {
				op.Alternatives = append(op.Alternatives, model.Alternative{Machine: p.Machines[m].ID, Duration: int64(1 + rng.IntN(6))})
			}
			if k > 0 && rng.IntN(3) == 0 {
				op.MinLag = int64(rng.IntN(4))
			}
			if len(p.OperatorPools) > 0 && rng.IntN(3) == 0 {
				op.Operators = []model.OperatorNeed{{Skill: p.OperatorPools[rng.IntN(len(p.OperatorPools))].Skills[0], Count: 1}}
			}
			if len(p.Materials) > 0 && rng.IntN(3) == 0 {
				op.Consumes = []model.MaterialQty{{Material: p.Materials[rng.IntN(len(p.Materials))].ID, Quantity: float64(1 + rng.IntN(2))}}
			}
			if len(p.Materials) > 0 && rng.IntN(4) == 0 {
				op.Produces = []model.MaterialQty{{Material: p.Materials[rng.IntN(len(p.Materials))].ID, Quantity: 1}}
			}
			job.Operations = append(job.Operations, op)
		}
		p.Jobs = append(p.Jobs, job)
	}
	return p
}

// oracle recomputes feasibility tick by tick, from the problem's fields
// alone, for the problems randomPlant makes.
type oracle struct {
	p *model.Problem
	// work[c][t+propSpan]: calendar c works at tick t (wall clock test).
	work map[string][]bool
}

func newOracle(p *model.Problem) *oracle {
	o := &oracle{p: p, work: map[string][]bool{}}
	for _, c := range p.Calendars {
		w := make([]bool, 3*propSpan)
		for i := range w {
			w[i] = wallWorks(&c, p.Epoch.Add(time.Duration(i-propSpan)*time.Hour))
		}
		o.work[c.ID] = w
	}
	return o
}

// wallWorks tells whether the shifts of c cover instant at, by its wall
// clock in c's time zone.
func wallWorks(c *model.Calendar, at time.Time) bool {
	l := at.In(propEpoch.Location()) // every calendar here is in Berlin
	mins := l.Hour()*60 + l.Minute()
	day := l.Weekday()
	prev := (day + 6) % 7
	for _, s := range c.Shifts {
		if s.End > s.Start {
			if slices.Contains(s.Days, day) && mins >= s.Start && mins < s.End {
				return true
			}
			continue
		}
		if slices.Contains(s.Days, day) && mins >= s.Start || slices.Contains(s.Days, prev) && mins < s.End {
			return true
		}
	}
	return false
}

// calWorks: calendar id (empty: always) works at tick t; ticks before 0
// never work on a calendar (the epoch starts the expansion).
func (o *oracle) calWorks(id string, t int64) bool {
	if id == "" {
		return true
	}
	if t < 0 {
		return false
	}
	w := o.work[id]
	i := t + propSpan
	return i >= 0 && i < int64(len(w)) && w[i]
}

func (o *oracle) machWorks(m int, t int64) bool {
	mc := &o.p.Machines[m]
	for _, d := range mc.Downtime {
		if t >= d.Start && t < d.End {
			return false
		}
	}
	if mc.Calendar == "" && len(mc.Downtime) > 0 && t < 0 {
		return false
	}
	return o.calWorks(mc.Calendar, t)
}

// effWorks: machine m and every pool in pools work at t.
func (o *oracle) effWorks(m int, pools []int, t int64) bool {
	if !o.machWorks(m, t) {
		return false
	}
	for _, q := range pools {
		if !o.calWorks(o.p.OperatorPools[q].Calendar, t) {
			return false
		}
	}
	return true
}

// feasible returns "" when s is feasible, else the first reason found.
func (o *oracle) feasible(s *Schedule) string {
	p := o.p
	seen := map[[2]int]int{}
	total := 0
	for _, j := range p.Jobs {
		total += len(j.Operations)
	}
	machUse := map[[2]int64]bool{} // (machine, tick)
	poolUse := map[[2]int64]int{}  // (pool, tick)
	type ev struct {
		at   int64
		qty  float64
		cons bool
	}
	stock := make([][]ev, len(p.Materials))
	for m, mat := range p.Materials {
		stock[m] = append(stock[m], ev{0, mat.Initial, false})
		for _, r := range mat.Receipts {
			stock[m] = append(stock[m], ev{r.At, r.Quantity, false})
		}
	}
	matIdx := func(id string) int {
		for i := range p.Materials {
			if p.Materials[i].ID == id {
				return i
			}
		}
		return -1
	}
	for i, a := range s.Assignments {
		if a.Job < 0 || a.Job >= len(p.Jobs) || a.Op < 0 || a.Op >= len(p.Jobs[a.Job].Operations) {
			return fmt.Sprintf("assignment %d: unknown operation", i)
		}
		key := [2]int{a.Job, a.Op}
		if _, dup := seen[key]; dup {
			return fmt.Sprintf("assignment %d: duplicate", i)
		}
		seen[key] = i
		job := &p.Jobs[a.Job]
		op := &job.Operations[a.Op]
		if a.Machine < 0 || a.Machine >= len(p.Machines) {
			return fmt.Sprintf("assignment %d: machine out of range", i)
		}
		var d int64 = -1
		for _, alt := range op.Alternatives {
			if alt.Machine == p.Machines[a.Machine].ID {
				d = alt.Duration
			}
		}
		if d < 0 {
			return fmt.Sprintf("assignment %d: machine not an alternative", i)
		}
		if a.SetupStart != a.Start || a.End < a.Start {
			return fmt.Sprintf("assignment %d: bad times or setup", i)
		}
		if a.Start < 0 || a.Start < job.Release {
			return fmt.Sprintf("assignment %d: before release or tick 0", i)
		}
		if job.Deadline != nil && a.End > *job.Deadline {
			return fmt.Sprintf("assignment %d: after deadline", i)
		}
		need := 0
		for _, n := range op.Operators {
			need += n.Count
		}
		if len(a.Operators) != need {
			return fmt.Sprintf("assignment %d: operator count", i)
		}
		var pools []int
		e := 0
		for _, n := range op.Operators {
			for range n.Count {
				q := a.Operators[e]
				e++
				if q < 0 || q >= len(p.OperatorPools) || !slices.Contains(p.OperatorPools[q].Skills, n.Skill) {
					return fmt.Sprintf("assignment %d: operator pool", i)
				}
				if !slices.Contains(pools, q) {
					pools = append(pools, q)
				}
			}
		}
		if !op.Resumable {
			if a.End-a.Start != d {
				return fmt.Sprintf("assignment %d: duration", i)
			}
			for t := a.Start; t < a.End; t++ {
				if !o.effWorks(a.Machine, pools, t) {
					return fmt.Sprintf("assignment %d: non-working tick %d", i, t)
				}
			}
		} else {
			var w int64
			for t := a.Start; t < a.End; t++ {
				if o.effWorks(a.Machine, pools, t) {
					w++
				}
			}
			if w != d {
				return fmt.Sprintf("assignment %d: resumable work %d, want %d", i, w, d)
			}
			if a.End > a.Start && (!o.effWorks(a.Machine, pools, a.Start) || !o.effWorks(a.Machine, pools, a.End-1)) {
				return fmt.Sprintf("assignment %d: resumable starts or ends in non-working time", i)
			}
		}
		for t := a.SetupStart; t < a.End; t++ {
			k := [2]int64{int64(a.Machine), t}
			if machUse[k] {
				return fmt.Sprintf("assignment %d: machine overlap at %d", i, t)
			}
			machUse[k] = true
		}
		for _, q := range a.Operators {
			for t := a.Start; t < a.End; t++ {
				k := [2]int64{int64(q), t}
				poolUse[k]++
				if poolUse[k] > p.OperatorPools[q].Capacity {
					return fmt.Sprintf("assignment %d: pool %d over capacity at %d", i, q, t)
				}
			}
		}
		for _, c := range op.Consumes {
			m := matIdx(c.Material)
			stock[m] = append(stock[m], ev{a.Start, -c.Quantity, true})
		}
		for _, c := range op.Produces {
			m := matIdx(c.Material)
			stock[m] = append(stock[m], ev{a.End, c.Quantity, false})
		}
	}
	if len(seen) != total {
		return "missing operations"
	}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		for k := 1; k < len(job.Operations); k++ {
			prev, cur := s.Assignments[seen[[2]int{j, k - 1}]], s.Assignments[seen[[2]int{j, k}]]
			if cur.Start < prev.End+job.Operations[k].MinLag {
				return fmt.Sprintf("job %d op %d: precedence", j, k)
			}
		}
	}
	for m, evs := range stock {
		// at each instant, additions first, then consumptions
		times := map[int64]bool{}
		for _, e := range evs {
			times[e.at] = true
		}
		for t := range times {
			var level float64
			for _, e := range evs {
				if e.at < t || e.at == t {
					level += e.qty
				}
			}
			if level < -1e-9 {
				return fmt.Sprintf("material %d negative at %d", m, t)
			}
		}
	}
	return ""
}

// greedyPlan places the operations one by one (jobs interleaved at
// random), each at the earliest tick where the oracle's constraints hold.
// Operations it cannot place within the span are left out.
func greedyPlan(rng *rand.Rand, p *model.Problem, o *oracle) *Schedule {
	s := &Schedule{}
	next := make([]int, len(p.Jobs))
	prevEnd := make([]int64, len(p.Jobs))
	busy := map[[2]int64]bool{}
	use := map[[2]int64]int{}
	type ev struct {
		at  int64
		qty float64
	}
	stock := make([][]ev, len(p.Materials))
	for m, mat := range p.Materials {
		stock[m] = append(stock[m], ev{0, mat.Initial})
		for _, r := range mat.Receipts {
			stock[m] = append(stock[m], ev{r.At, r.Quantity})
		}
	}
	matIdx := func(id string) int {
		return slices.IndexFunc(p.Materials, func(m model.Material) bool { return m.ID == id })
	}
	stockOK := func(m int, extra ev) bool {
		evs := append(slices.Clone(stock[m]), extra)
		for _, e := range evs {
			var level float64
			for _, f := range evs {
				if f.at <= e.at {
					level += f.qty
				}
			}
			if level < -1e-9 {
				return false
			}
		}
		return true
	}
	remaining := 0
	for _, j := range p.Jobs {
		remaining += len(j.Operations)
	}
	for remaining > 0 {
		j := rng.IntN(len(p.Jobs))
		for next[j] >= len(p.Jobs[j].Operations) {
			j = (j + 1) % len(p.Jobs)
		}
		k := next[j]
		next[j]++
		remaining--
		job := &p.Jobs[j]
		op := &job.Operations[k]
		alt := op.Alternatives[rng.IntN(len(op.Alternatives))]
		m := slices.IndexFunc(p.Machines, func(mc model.Machine) bool { return mc.ID == alt.Machine })
		est := job.Release
		if k > 0 {
			est = max(est, prevEnd[j]+op.MinLag)
		}
		// operator pools: the first pool with the skill for each need
		var ops []int
		for _, n := range op.Operators {
			for range n.Count {
				ops = append(ops, slices.IndexFunc(p.OperatorPools, func(q model.OperatorPool) bool { return slices.Contains(q.Skills, n.Skill) }))
			}
		}
		placed := false
	try:
		for t := est; t < propSpan; t++ {
			if !o.effWorks(m, ops, t) {
				continue
			}
			var end int64
			if op.Resumable {
				w, e := int64(0), t
				for ; w < alt.Duration && e < propSpan; e++ {
					if o.effWorks(m, ops, e) {
						w++
					}
				}
				if w < alt.Duration {
					break
				}
				end = e
			} else {
				end = t + alt.Duration
			}
			for u := t; u < end; u++ {
				if busy[[2]int64{int64(m), u}] || !op.Resumable && !o.effWorks(m, ops, u) {
					continue try
				}
				for _, q := range ops {
					if use[[2]int64{int64(q), u}]+1 > p.OperatorPools[q].Capacity {
						continue try
					}
				}
			}
			// a production only adds stock later: only consumptions are
			// tried
			for _, c := range op.Consumes {
				if !stockOK(matIdx(c.Material), ev{t, -c.Quantity}) {
					continue try
				}
			}
			for u := t; u < end; u++ {
				busy[[2]int64{int64(m), u}] = true
				for _, q := range ops {
					use[[2]int64{int64(q), u}]++
				}
			}
			for _, c := range op.Consumes {
				mi := matIdx(c.Material)
				stock[mi] = append(stock[mi], ev{t, -c.Quantity})
			}
			for _, c := range op.Produces {
				mi := matIdx(c.Material)
				stock[mi] = append(stock[mi], ev{end, c.Quantity})
			}
			s.Assignments = append(s.Assignments, Assignment{Job: j, Op: k, Machine: m, SetupStart: t, Start: t, End: end, Operators: ops})
			prevEnd[j] = end
			placed = true
			break
		}
		if !placed {
			// leave the rest of the job out
			remaining -= len(job.Operations) - next[j]
			next[j] = len(job.Operations)
		}
	}
	return s
}

// corrupt changes plan s at random in one of the ways a solver could go
// wrong, returning a description.
func corrupt(rng *rand.Rand, p *model.Problem, s *Schedule, o *oracle) string {
	n := len(s.Assignments)
	if n == 0 {
		return "empty"
	}
	i := rng.IntN(n)
	a := &s.Assignments[i]
	shift := func(d int64) { a.SetupStart += d; a.Start += d; a.End += d }
	switch c := rng.IntN(14); c {
	case 0:
		d := int64(1 + rng.IntN(30))
		if rng.IntN(2) == 0 {
			d = -d
		}
		shift(d)
		return "shift"
	case 1: // into a closed window of its machine
		if a.Machine < 0 || a.Machine >= len(p.Machines) {
			shift(-1)
			return "shift back"
		}
		for t := int64(0); t < propSpan; t++ {
			if !o.machWorks(a.Machine, t) && rng.IntN(8) == 0 {
				shift(t - a.Start)
				return "closed window"
			}
		}
		shift(-a.Start - 1)
		return "closed window (none found: negative)"
	case 2: // onto another operation of the same machine
		for _, b := range s.Assignments {
			if b.Machine == a.Machine && (b.Job != a.Job || b.Op != a.Op) {
				shift(b.Start - a.Start + int64(rng.IntN(2)))
				return "overlap"
			}
		}
		shift(1)
		return "overlap (alone: shift)"
	case 3: // before its predecessor's end
		for _, b := range s.Assignments {
			if b.Job == a.Job && b.Op == a.Op-1 {
				shift(b.End - a.Start - 1 - int64(rng.IntN(3)))
				return "precedence"
			}
		}
		shift(-1)
		return "precedence (first: shift)"
	case 4: // onto another operation using the same pool
		for _, b := range s.Assignments {
			if len(a.Operators) > 0 && len(b.Operators) > 0 && a.Operators[0] == b.Operators[0] && (b.Job != a.Job || b.Op != a.Op) {
				shift(b.Start - a.Start)
				return "operator capacity"
			}
		}
		a.Operators = append(a.Operators, 0)
		return "extra operator"
	case 5: // consume before a receipt
		for _, c := range p.Jobs[a.Job].Operations[a.Op].Consumes {
			for _, mat := range p.Materials {
				if mat.ID == c.Material && len(mat.Receipts) > 0 {
					shift(mat.Receipts[0].At - 1 - a.Start)
					return "material"
				}
			}
		}
		shift(-a.Start)
		return "material (none: to tick 0)"
	case 6:
		shift(-a.Start - int64(1+rng.IntN(10)))
		return "negative start"
	case 7:
		a.Machine = rng.IntN(len(p.Machines) + 1)
		return "machine"
	case 8:
		a.End += int64(rng.IntN(3)) - 1
		return "duration"
	case 9:
		if len(a.Operators) > 0 {
			a.Operators[0] = rng.IntN(len(p.OperatorPools)+1) - rng.IntN(2)
			return "operator pool"
		}
		a.Operators = nil
		return "operators removed"
	case 10:
		s.Assignments = slices.Delete(s.Assignments, i, i+1)
		return "missing"
	case 11:
		s.Assignments = append(s.Assignments, *a)
		return "duplicate"
	case 12:
		a.SetupStart -= int64(1 + rng.IntN(3))
		return "setup"
	default:
		a.Start += int64(rng.IntN(5)) - 2
		return "start only"
	}
}

func cloneSchedule(s *Schedule) *Schedule {
	c := &Schedule{Assignments: slices.Clone(s.Assignments)}
	for i := range c.Assignments {
		c.Assignments[i].Operators = slices.Clone(c.Assignments[i].Operators)
	}
	return c
}

// TestCheckAgainstOracle holds Check against the tick-by-tick oracle on
// random plant problems: every complete greedy plan (feasible by
// construction and by the oracle) must be accepted, and every corrupted copy
// must be rejected exactly when the oracle finds it infeasible.
func TestCheckAgainstOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 2026))
	const problems = 800
	accepted, rejected, corruptOK := 0, 0, 0
	for n := range problems {
		p := randomPlant(rng)
		if is := p.Validate(); is != nil {
			continue // e.g. an operation needing a skill no pool has
		}
		o := newOracle(p)
		base := greedyPlan(rng, p, o)
		verdict := func(s *Schedule, what string) {
			t.Helper()
			why := o.feasible(s)
			vs := Check(p, s)
			switch {
			case why == "" && len(vs) > 0:
				t.Fatalf("problem %d, %s: the oracle finds the plan feasible but Check rejects it:\n%s\nplan %+v", n, what, list(vs), s.Assignments)
			case why != "" && len(vs) == 0:
				t.Fatalf("problem %d, %s: the oracle finds the plan infeasible (%s) but Check accepts it\nplan %+v", n, what, why, s.Assignments)
			case why == "":
				accepted++
			default:
				rejected++
			}
		}
		verdict(base, "greedy plan")
		for range 20 {
			s := cloneSchedule(base)
			what := corrupt(rng, p, s, o)
			if rng.IntN(3) == 0 {
				what += " + " + corrupt(rng, p, s, o)
			}
			before := accepted
			verdict(s, what)
			if accepted > before {
				corruptOK++
			}
		}
	}
	t.Logf("%d plans accepted (%d of them corrupted copies still feasible), %d rejected", accepted, corruptOK, rejected)
	if accepted < problems/2 || rejected < problems*5 {
		t.Errorf("too few cases: %d accepted, %d rejected", accepted, rejected)
	}
}
