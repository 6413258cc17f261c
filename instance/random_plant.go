package instance

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// RandomPlant returns a small random problem using every model feature
// (calendars with holidays and downtime, resumable operations, setups,
// materials with receipts and intermediates, operator pools with skills
// and calendars, alternatives, DAG routings, cross-job links, lags,
// releases, due dates, deadlines, a fixed operation), for property tests.
// Times are minutes from Monday 2025-01-06 00:00 Paris time; the same seed
// gives the same problem. Some orders of work cannot schedule some random
// problems (a material shortage that only a later production ends).
func RandomPlant(seed uint64) *model.Problem {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	loc, _ := time.LoadLocation("Europe/Paris")
	p := &model.Problem{
		Name:       fmt.Sprintf("random-%d", seed),
		Epoch:      time.Date(2025, 1, 6, 0, 0, 0, 0, loc),
		Resolution: time.Minute,
	}
	wk := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p.Calendars = []model.Calendar{
		{ID: "2x8", TimeZone: "Europe/Paris", Shifts: []model.Shift{{Days: wk, Start: 6 * 60, End: 14 * 60}, {Days: wk, Start: 14 * 60, End: 22 * 60}},
			Exceptions: []model.Exception{{Start: 2*1440 + 10*60, End: 3 * 1440, Reason: "holiday"}}},
		{ID: "day", TimeZone: "Europe/Paris", Shifts: []model.Shift{{Days: append(wk, time.Saturday), Start: 8 * 60, End: 12 * 60}, {Days: wk, Start: 12*60 + 30, End: 17 * 60}}},
		{ID: "3x8", TimeZone: "Europe/Paris", Shifts: []model.Shift{{Days: wk, Start: 6 * 60, End: 14 * 60}, {Days: wk, Start: 14 * 60, End: 22 * 60}, {Days: wk, Start: 22 * 60, End: 6 * 60}}},
	}
	fams := []string{"", "red", "blue", "green"}
	p.SetupMatrices = []model.SetupMatrix{
		{ID: "sm1", Default: int64(10 + r.IntN(50)), Initial: int64(r.IntN(20)), Entries: []model.SetupEntry{{From: "red", To: "blue", Time: 5}, {From: "blue", To: "red", Time: 90}}},
		{ID: "sm2", Default: 30},
	}
	nm := 2 + r.IntN(3)
	for m := 0; m < nm; m++ {
		mc := model.Machine{ID: fmt.Sprintf("M%d", m)}
		switch r.IntN(5) {
		case 0, 1:
			mc.Calendar = p.Calendars[r.IntN(len(p.Calendars))].ID
		case 2:
			mc.Downtime = []model.Window{{Start: int64(r.IntN(3000)), End: int64(3000 + r.IntN(2000)), Reason: "maintenance"}}
		}
		if r.IntN(2) == 0 {
			mc.SetupMatrix = p.SetupMatrices[r.IntN(2)].ID
		}
		p.Machines = append(p.Machines, mc)
	}
	p.Materials = []model.Material{
		{ID: "steel", Initial: float64(r.IntN(5)), Receipts: []model.Receipt{{At: int64(r.IntN(3000)), Quantity: 20}, {At: int64(r.IntN(6000)), Quantity: 30}}},
		{ID: "sub", Initial: 0},
	}
	p.OperatorPools = []model.OperatorPool{
		{ID: "welders", Skills: []string{"weld", "cut"}, Capacity: 1 + r.IntN(2)},
		{ID: "cutters", Skills: []string{"cut"}, Capacity: 1, Calendar: "day"},
		{ID: "night", Skills: []string{"weld"}, Capacity: 1, Calendar: "3x8"},
	}
	if r.IntN(3) == 0 {
		p.OperatorPools = p.OperatorPools[:1]
	}
	nj := 2 + r.IntN(4)
	subProduced := 0.0
	for j := 0; j < nj; j++ {
		job := model.Job{ID: fmt.Sprintf("J%d", j), Quantity: float64(1 + r.IntN(10)), Weight: float64(1 + r.IntN(3))}
		if r.IntN(3) == 0 {
			job.Release = int64(r.IntN(2000))
		}
		if r.IntN(2) == 0 {
			job.Due = model.Tick(int64(1000 + r.IntN(5000)))
		}
		if r.IntN(6) == 0 {
			job.Deadline = model.Tick(int64(200000))
		}
		if r.IntN(4) == 0 {
			job.Routing = model.DAG
		}
		no := 1 + r.IntN(4)
		for k := 0; k < no; k++ {
			op := model.Operation{SetupFamily: fams[r.IntN(len(fams))], Resumable: r.IntN(3) == 0}
			na := 1 + r.IntN(2)
			perm := r.Perm(nm)
			for a := 0; a < na && a < nm; a++ {
				alt := model.Alternative{Machine: p.Machines[perm[a]].ID, Duration: int64(r.IntN(200))}
				if r.IntN(3) == 0 {
					alt.RunPerUnit = float64(r.IntN(4)) + 0.5
					alt.Setup = int64(r.IntN(10))
				}
				op.Alternatives = append(op.Alternatives, alt)
			}
			if r.IntN(4) == 0 {
				op.MinLag = int64(r.IntN(100))
			}
			if job.Routing == model.DAG && k > 0 && r.IntN(2) == 0 {
				op.After = append(op.After, model.Link{Op: fmt.Sprint(r.IntN(k)), MinLag: int64(r.IntN(30))})
			}
			if j > 0 && r.IntN(6) == 0 {
				pj := r.IntN(j)
				op.After = append(op.After, model.Link{Job: p.Jobs[pj].ID, Op: fmt.Sprint(len(p.Jobs[pj].Operations) - 1)})
			}
			if r.IntN(3) == 0 {
				op.Consumes = append(op.Consumes, model.MaterialQty{Material: "steel", Quantity: float64(1 + r.IntN(4))})
			}
			if r.IntN(5) == 0 {
				op.Produces = append(op.Produces, model.MaterialQty{Material: "sub", Quantity: 2})
				subProduced += 2
			} else if subProduced >= 1 && r.IntN(4) == 0 {
				op.Consumes = append(op.Consumes, model.MaterialQty{Material: "sub", Quantity: 1})
				subProduced--
			}
			switch r.IntN(4) {
			case 0:
				op.Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
			case 1:
				op.Operators = []model.OperatorNeed{{Skill: "cut", Count: 1}}
			}
			job.Operations = append(job.Operations, op)
		}
		p.Jobs = append(p.Jobs, job)
	}
	// One fixed operation: the first of the last job, a plain one.
	if r.IntN(3) == 0 {
		j := &p.Jobs[len(p.Jobs)-1]
		op := &j.Operations[0]
		op.After, op.Consumes, op.Produces, op.Operators = nil, nil, nil, nil
		if op.Produces == nil && len(op.Consumes) == 0 {
			st := int64(r.IntN(4000))
			d := op.Alternatives[0].ProcessingTime(j.Quantity)
			op.Fixed = &model.Fixed{Machine: op.Alternatives[0].Machine, SetupStart: st - 5, Start: st, End: st + d}
			j.Release = 0
			j.Deadline = nil
		}
	}
	return p
}
