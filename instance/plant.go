package instance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// PlantConfig sizes a generated plant (GeneratePlant). Zero fields take the
// defaults in brackets.
type PlantConfig struct {
	// Seed seeds the generator.
	Seed uint64
	// Orders is the number of jobs [20].
	Orders int
	// OpsPerOrder is the number of operations of each order [5].
	OpsPerOrder int
	// Machines is the number of machines [10], grouped in work centers of
	// five (the last one may be smaller).
	Machines int
	// Materials is the number of raw materials [20]; -1 for none.
	Materials int
	// Families is the number of setup families (product types) [4].
	Families int
	// Operators is the capacity of each of the two operator pools
	// [max(2, Machines/10)]; -1 for no operators.
	Operators int
	// Epoch is tick 0 [Monday 2025-01-06 00:00 Europe/Paris].
	Epoch time.Time
	// Fixed is the number of operations already running at tick 0 (the
	// first operation of the first orders) [min(3, Machines/5)]; -1 for
	// none.
	Fixed int
	// ReleaseWindow is the share of the estimated span (the work divided
	// by the machines, in calendar time) over which the orders are
	// released [0.5]: at 0.5 they arrive about twice as fast as the plant
	// works, a plant in overload; above 1 the plant keeps up.
	ReleaseWindow float64
}

func (c *PlantConfig) defaults() {
	if c.Orders <= 0 {
		c.Orders = 20
	}
	if c.OpsPerOrder <= 0 {
		c.OpsPerOrder = 5
	}
	if c.Machines <= 0 {
		c.Machines = 10
	}
	if c.Materials == 0 {
		c.Materials = 20
	}
	if c.Families <= 0 {
		c.Families = 4
	}
	if c.Operators == 0 {
		c.Operators = max(2, c.Machines/10)
	}
	if c.Epoch.IsZero() {
		loc, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			loc = time.FixedZone("CET", 3600)
		}
		c.Epoch = time.Date(2025, 1, 6, 0, 0, 0, 0, loc)
	}
	if c.Fixed == 0 {
		c.Fixed = min(3, c.Machines/5)
	}
	if !(c.ReleaseWindow > 0) {
		c.ReleaseWindow = 0.5
	}
}

var centerNames = []string{"CUT", "MILL", "DRILL", "WELD", "PAINT", "ASSY", "TEST", "PACK", "LATHE", "GRIND"}

// GeneratePlant returns the plant described by cfg: orders routed through
// work centers of machines on shift calendars, with sequence-dependent
// setups, raw materials with planned receipts, sub-assemblies feeding other
// orders, an operator pool with skills, alternative machines, due dates,
// and a few operations already running on the shop floor. The same
// PlantConfig always gives the same problem, and every generated problem
// can be scheduled (every dispatching rule finds a feasible schedule).
func GeneratePlant(cfg PlantConfig) *model.Problem {
	cfg.defaults()
	r := rand.New(rand.NewPCG(cfg.Seed, 0x706c616e74))
	p := &model.Problem{
		Name:       fmt.Sprintf("plant-%dx%d-m%d-s%d", cfg.Orders, cfg.OpsPerOrder, cfg.Machines, cfg.Seed),
		Epoch:      cfg.Epoch,
		Resolution: time.Minute,
		Objective:  model.Single(model.WeightedTardiness),
	}
	tz := cfg.Epoch.Location().String()
	wk := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	day := func(y int, m time.Month, d int) int64 {
		return p.TickOf(time.Date(y, m, d, 0, 0, 0, 0, cfg.Epoch.Location()))
	}
	y := cfg.Epoch.Year()
	holidays := []model.Exception{
		{Start: day(y, 5, 1), End: day(y, 5, 2), Reason: "Labour Day"},
		{Start: day(y, 7, 14), End: day(y, 7, 15), Reason: "Bastille Day"},
		{Start: day(y, 12, 25), End: day(y, 12, 26), Reason: "Christmas"},
		{Start: day(y+1, 1, 1), End: day(y+1, 1, 2), Reason: "New Year"},
	}
	p.Calendars = []model.Calendar{
		{ID: "3x8", TimeZone: tz, Shifts: []model.Shift{
			{Days: wk, Start: 6 * 60, End: 14 * 60}, {Days: wk, Start: 14 * 60, End: 22 * 60}, {Days: wk, Start: 22 * 60, End: 6 * 60},
		}, Exceptions: holidays},
		{ID: "2x8", TimeZone: tz, Shifts: []model.Shift{
			{Days: wk, Start: 6 * 60, End: 14 * 60}, {Days: wk, Start: 14 * 60, End: 22 * 60},
		}, Exceptions: holidays},
	}

	// Setup families and one matrix per work center. Families are ordered
	// (light to dark colours, small to large sizes): changing "up" costs
	// less than changing "down", and more the further apart the families
	// are (such tables obey the triangle inequality, as real ones mostly
	// do).
	fams := make([]string, cfg.Families)
	for f := range fams {
		fams[f] = fmt.Sprintf("F%d", f+1)
	}
	nc := (cfg.Machines + 4) / 5
	for c := 0; c < nc; c++ {
		up, down := int64(10+r.IntN(3)*5), int64(20+r.IntN(3)*10)
		step := int64(5 + r.IntN(3)*5)
		sm := model.SetupMatrix{ID: "SM-" + center(c), Default: 60, Initial: 15}
		for a := range fams {
			for b := range fams {
				d := int64(b - a)
				switch {
				case d > 0:
					sm.Entries = append(sm.Entries, model.SetupEntry{From: fams[a], To: fams[b], Time: up + step*d})
				case d < 0:
					sm.Entries = append(sm.Entries, model.SetupEntry{From: fams[a], To: fams[b], Time: down + step*(-d)})
				}
			}
		}
		p.SetupMatrices = append(p.SetupMatrices, sm)
	}
	// Machines: work centers of five; most on 3x8, some on 2x8, a few with
	// a maintenance window.
	centers := make([][]int, nc)
	for m := 0; m < cfg.Machines; m++ {
		c := m / 5
		mc := model.Machine{ID: fmt.Sprintf("%s-%d", center(c), m%5+1), Calendar: "3x8", SetupMatrix: "SM-" + center(c)}
		if r.IntN(4) == 0 {
			mc.Calendar = "2x8"
		}
		if r.IntN(8) == 0 {
			st := int64(7*1440 + r.IntN(4)*1440 + 6*60)
			mc.Downtime = []model.Window{{Start: st, End: st + 8*60, Reason: "maintenance"}}
		}
		p.Machines = append(p.Machines, mc)
		centers[c] = append(centers[c], m)
	}

	// Operator pools.
	skills := []string{"weld", "paint", "qc"}
	if cfg.Operators > 0 {
		p.OperatorPools = []model.OperatorPool{
			{ID: "team-A", Skills: []string{"weld", "qc"}, Capacity: cfg.Operators, Calendar: "3x8"},
			{ID: "team-B", Skills: []string{"paint", "qc"}, Capacity: cfg.Operators, Calendar: "3x8"},
		}
	}

	// Orders.
	totalWork := 0.0
	var demand []float64
	if cfg.Materials > 0 {
		demand = make([]float64, cfg.Materials)
	}
	for j := 0; j < cfg.Orders; j++ {
		job := model.Job{
			ID:       fmt.Sprintf("O%05d", j+1),
			Quantity: float64(5 + r.IntN(46)),
			Weight:   float64(1 + r.IntN(3)),
		}
		fam := fams[r.IntN(len(fams))]
		route := r.Perm(nc)
		for k := 0; k < cfg.OpsPerOrder; k++ {
			c := route[k%nc]
			op := model.Operation{ID: fmt.Sprintf("%d0", k+1), SetupFamily: fam}
			ms := centers[c]
			na := 1
			if len(ms) > 1 && r.IntN(3) == 0 {
				na = 2
			}
			perm := r.Perm(len(ms))
			run := 0.5 + 3.5*r.Float64()
			fixedSetup := int64(5 + r.IntN(4)*5)
			var mean float64
			for a := 0; a < na; a++ {
				f := 0.8 + 0.4*r.Float64()
				alt := model.Alternative{Machine: p.Machines[ms[perm[a]]].ID, Setup: fixedSetup, RunPerUnit: math.Round(run*f*100) / 100}
				op.Alternatives = append(op.Alternatives, alt)
				mean += float64(alt.ProcessingTime(job.Quantity))
			}
			totalWork += mean / float64(na)
			if r.IntN(10) == 0 {
				op.Resumable = true
			}
			if k > 0 && r.IntN(5) == 0 {
				op.MinLag = int64(r.IntN(7)) * 30 // transport, cooling
			}
			if k == 0 && cfg.Materials > 0 {
				m := r.IntN(cfg.Materials)
				q := float64(1+r.IntN(3)) * job.Quantity
				op.Consumes = append(op.Consumes, model.MaterialQty{Material: matID(m), Quantity: q})
				demand[m] += q
			}
			if cfg.Operators > 0 && r.IntN(5) == 0 {
				op.Operators = []model.OperatorNeed{{Skill: skills[r.IntN(len(skills))], Count: 1}}
			}
			job.Operations = append(job.Operations, op)
		}
		p.Jobs = append(p.Jobs, job)
	}
	// Sub-assemblies: some orders produce an intermediate that the first
	// operation of a later order consumes (with a precedence link).
	for j := 0; j+1 < cfg.Orders; j++ {
		if r.IntN(10) != 0 {
			continue
		}
		to := j + 1 + r.IntN(min(5, cfg.Orders-j-1))
		from := &p.Jobs[j]
		last := &from.Operations[len(from.Operations)-1]
		id := "SUB-" + from.ID
		p.Materials = append(p.Materials, model.Material{ID: id, Name: "sub-assembly of " + from.ID, Unit: "pcs"})
		last.Produces = append(last.Produces, model.MaterialQty{Material: id, Quantity: 1})
		first := &p.Jobs[to].Operations[0]
		first.Consumes = append(first.Consumes, model.MaterialQty{Material: id, Quantity: 1})
		first.After = append(first.After, model.Link{Job: from.ID, Op: last.ID, MinLag: 60})
	}

	// Releases and due dates: the load spread over the estimated span.
	span := totalWork / float64(cfg.Machines) * 7 / 5 // calendar minutes
	week := int64(7 * 1440)
	for j := range p.Jobs {
		job := &p.Jobs[j]
		job.Release = int64(r.Float64()*span*cfg.ReleaseWindow) / 60 * 60
		var work float64
		for _, op := range job.Operations {
			work += float64(op.Alternatives[0].ProcessingTime(job.Quantity))
		}
		due := job.Release + int64(work*3+span*0.25*r.Float64()) + week
		job.Due = model.Tick(due / 60 * 60)
	}

	// Raw materials: initial stock for a third of the demand, the rest in
	// weekly receipts (Monday 06:00), 5 % more than needed.
	weeks := max(int64(span)/week+2, 2)
	mats := make([]model.Material, 0, max(cfg.Materials, 0))
	for m := 0; m < cfg.Materials; m++ {
		mat := model.Material{ID: matID(m), Name: fmt.Sprintf("raw material %d", m+1), Unit: "kg"}
		tot := demand[m] * 1.05
		mat.Initial = math.Ceil(tot / 3)
		rest := tot - mat.Initial
		if rest > 0 {
			per := math.Ceil(rest / float64(weeks))
			for w := int64(0); w < weeks; w++ {
				mat.Receipts = append(mat.Receipts, model.Receipt{At: (w+1)*week + 6*60, Quantity: per})
			}
		}
		mats = append(mats, mat)
	}
	p.Materials = append(mats, p.Materials...)

	// The planning horizon: generous (eight times the estimated span plus
	// eight weeks, so that every dispatching rule's plan fits), but not the
	// model's conservative default, which assumes the work could be done
	// one operation at a time and makes calendars years long.
	p.Horizon = min(p.PlanningHorizon(), int64(8*span)+8*week)

	// Work already on the shop floor: the first operation of the first
	// orders, running on distinct machines since 06:00 on day one.
	used := map[string]bool{}
	for j := 0; j < min(cfg.Fixed, cfg.Orders); j++ {
		job := &p.Jobs[j]
		op := &job.Operations[0]
		alt := op.Alternatives[0]
		if used[alt.Machine] {
			continue
		}
		used[alt.Machine] = true
		job.Release = 0
		op.Consumes, op.Operators, op.After = nil, nil, nil
		d := alt.ProcessingTime(job.Quantity)
		op.Fixed = &model.Fixed{Machine: alt.Machine, SetupStart: 6*60 - 15, Start: 6 * 60, End: 6*60 + d}
	}
	return p
}

func center(c int) string {
	if c < len(centerNames) {
		return centerNames[c]
	}
	return fmt.Sprintf("WC%d", c+1)
}

func matID(m int) string { return fmt.Sprintf("RM%02d", m+1) }

// plantPrefix starts the specification of a generated plant.
const plantPrefix = "gen:"

// ParsePlantSpec reads the specification of a generated plant,
// "gen:ORDERS[:OPS[:MACHINES[:WINDOW[:SEED]]]]": ORDERS orders of OPS
// operations on MACHINES machines, released over WINDOW times the
// estimated span (PlantConfig.ReleaseWindow), from seed SEED [1]. ORDERS
// is required; the other fields, omitted or 0, take PlantConfig's
// defaults. "gen:2000:10:50:1.2" is a
// 2000-order plant on 50 machines that keeps up with its orders.
func ParsePlantSpec(spec string) (PlantConfig, error) {
	bad := func(format string, args ...any) (PlantConfig, error) {
		return PlantConfig{}, fmt.Errorf("plant %q: %s (want gen:ORDERS[:OPS[:MACHINES[:WINDOW[:SEED]]]])", spec, fmt.Sprintf(format, args...))
	}
	rest, ok := strings.CutPrefix(spec, plantPrefix)
	if !ok {
		return bad("no %q prefix", plantPrefix)
	}
	fields := strings.Split(rest, ":")
	if len(fields) > 5 {
		return bad("%d fields", len(fields))
	}
	cfg := PlantConfig{Seed: 1}
	ints := []*int{&cfg.Orders, &cfg.OpsPerOrder, &cfg.Machines}
	for i, f := range fields {
		switch {
		case i < 3:
			v, err := strconv.Atoi(f)
			if err != nil || v < 0 || v > maxPlantSize {
				return bad("field %d: expected a count in 0..%d, got %q", i+1, maxPlantSize, f)
			}
			*ints[i] = v
		case i == 3:
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || !(v >= 0) || math.IsInf(v, 0) {
				return bad("release window: expected a non-negative number, got %q", f)
			}
			cfg.ReleaseWindow = v
		default:
			v, err := strconv.ParseUint(f, 10, 64)
			if err != nil {
				return bad("seed: expected a non-negative integer, got %q", f)
			}
			cfg.Seed = v
		}
	}
	if cfg.Orders == 0 {
		return bad("no orders")
	}
	ops := cfg.OpsPerOrder
	if ops == 0 {
		ops = 5 // PlantConfig's default
	}
	if cfg.Orders*ops > maxPlantSize {
		return bad("more than %d operations", maxPlantSize)
	}
	return cfg, nil
}

// maxPlantSize bounds the counts of a plant specification and its number
// of operations.
const maxPlantSize = 1_000_000
