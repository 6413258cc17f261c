package schedule

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// costPlant is a hand-built plant whose costs are worked out by hand in
// TestComputeCostsByHand. The epoch is Monday 5 January 2026, 00:00 UTC;
// one tick is a minute.
func costPlant() (*model.Problem, *Schedule) {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	p := &model.Problem{
		Epoch: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
		Machines: []model.Machine{
			{ID: "M", CostPerHour: 60, NightPremium: 0.5, WeekendPremium: 1, SetupChangeCost: 10},
			{ID: "N", Calendar: "day", CostPerHour: 60, Overtime: []model.Overtime{{Start: 840, End: 960, CostPerHour: 120}}},
		},
		Calendars: []model.Calendar{{ID: "day", TimeZone: "UTC", Shifts: []model.Shift{{Days: weekdays, Start: 360, End: 840}}}},
		Materials: []model.Material{{ID: "steel", Initial: 10, Receipts: []model.Receipt{{At: 1440, Quantity: 5}}, HoldingCostPerDay: 1.44}},
		Jobs: []model.Job{
			{ID: "A", Due: model.Tick(1440), HoldingCostPerDay: 48, LatenessCostPerDay: 1000, Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "M", Duration: 180}}, SetupFamily: "x", Consumes: []model.MaterialQty{{Material: "steel", Quantity: 4}}}}},
			{ID: "B", Due: model.Tick(7000), HoldingCostPerDay: 1000, LatenessCostPerDay: 144, Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "M", Duration: 120}}, SetupFamily: "y", Consumes: []model.MaterialQty{{Material: "steel", Quantity: 3}}}}},
			{ID: "C", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "N", Duration: 120}}}}},
		},
	}
	s := &Schedule{Assignments: []Assignment{
		// Monday 20:00-23:00: two day hours and one night hour
		{Job: 0, Op: 0, Machine: 0, SetupStart: 1200, Start: 1200, End: 1380},
		// Saturday: setup 04:00-05:00 (night and weekend), processing
		// 05:00-07:00 (one night hour, one day hour, both weekend)
		{Job: 1, Op: 0, Machine: 0, SetupStart: 7440, Start: 7500, End: 7620},
		// Monday 13:00-15:00: one regular hour, one overtime hour
		{Job: 2, Op: 0, Machine: 1, SetupStart: 780, Start: 780, End: 900},
	}}
	return p, s
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(1, math.Abs(b)) }

func TestComputeCostsByHand(t *testing.T) {
	p, s := costPlant()
	c := ComputeCosts(p, s)
	// A: 2 h x 60 + 1 h x 60 x 1.5 = 210. B: 1 h x 60 x (1+0.5+1) + 1 h x
	// 60 x 2 = 270. C: 1 h x 60 = 60.
	// Setups: B's hour at 04:00 on Saturday, 150, and one family change, 10.
	// Overtime: C's hour 14:00-15:00 at 120.
	// Lateness: B 620 minutes late at 144 a day: 62.
	// Holding: A 60 minutes early at 48 a day: 2.
	// Steel: 10 over [0,1200), 6 over [1200,1440), 11 over [1440,7500),
	// 8 over [7500,7620) (the makespan): 81060 unit-minutes at 1.44 a day:
	// 81.06.
	want := []struct {
		name      string
		got, want float64
	}{
		{"processing", c.Processing, 540}, {"setups", c.Setups, 160}, {"overtime", c.Overtime, 120},
		{"lateness", c.Lateness, 62}, {"finished holding", c.FinishedHolding, 2}, {"material holding", c.MaterialHolding, 81.06},
		{"total", c.Total, 965.06},
		{"order A", c.Orders[0].Total, 212}, {"order B", c.Orders[1].Total, 270 + 160 + 62}, {"order C", c.Orders[2].Total, 180},
		{"machine M", c.Machines[0].Total, 640}, {"machine N processing", c.Machines[1].Processing, 60},
		{"machine N overtime", c.Machines[1].Overtime, 120}, {"steel", c.Materials[0].Holding, 81.06},
	}
	for _, w := range want {
		if !near(w.got, w.want) {
			t.Errorf("%s = %.10g, want %g", w.name, w.got, w.want)
		}
	}
	if c.Machines[0].SetupChanges != 1 {
		t.Errorf("setup changes on M = %d, want 1", c.Machines[0].SetupChanges)
	}
	if v := Evaluate(p, s, model.Single(model.Cost)); !near(v, 965.06) {
		t.Errorf("Evaluate(cost) = %g, want 965.06", v)
	}
	// A is 60 minutes early (weight 1); B is late, C has no due date.
	if v := Evaluate(p, s, model.Objective{Terms: []model.Term{{Criterion: model.WeightedEarliness, Weight: 2}, {Criterion: model.WeightedTardiness, Weight: 1}}}); v != 2*60+620 {
		t.Errorf("Evaluate(2*weighted_earliness+weighted_tardiness) = %g, want %d", v, 2*60+620)
	}
	if k := ComputeKPIs(p, s); !near(k.Cost.Total, 965.06) || k.WeightedEarliness != 60 {
		t.Errorf("KPIs: cost %g, weighted earliness %g", k.Cost.Total, k.WeightedEarliness)
	}
}

func TestComputeCostsTimeZoneAndResumable(t *testing.T) {
	// In Paris (UTC+1 in January) 21:00-22:00 UTC is 22:00-23:00: a night
	// hour. A resumable operation over the night pays only working time.
	p := &model.Problem{
		Epoch: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
		Machines: []model.Machine{
			{ID: "P", Calendar: "paris", CostPerHour: 100, NightPremium: 0.25},
		},
		Calendars: []model.Calendar{{ID: "paris", TimeZone: "Europe/Paris", Shifts: []model.Shift{
			{Days: []time.Weekday{time.Monday, time.Tuesday}, Start: 22 * 60, End: 23 * 60},
			{Days: []time.Weekday{time.Tuesday}, Start: 8 * 60, End: 9 * 60}}}},
		Jobs: []model.Job{{ID: "J", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "P", Duration: 120}}, Resumable: true}}}},
	}
	// 21:00 UTC Monday to 08:00 UTC Tuesday works 21:00-22:00 UTC (22:00
	// in Paris: night, 125) and 07:00-08:00 UTC (08:00 in Paris: day, 100).
	s := &Schedule{Assignments: []Assignment{{Job: 0, Op: 0, Machine: 0, SetupStart: 21 * 60, Start: 21 * 60, End: 32 * 60}}}
	if c := ComputeCosts(p, s); !near(c.Processing, 225) || !near(c.Total, 225) {
		t.Errorf("processing %g, total %g, want 225", c.Processing, c.Total)
	}
	// Unitless: a tick counts as a minute, no premiums.
	u := &model.Problem{Machines: []model.Machine{{ID: "M", CostPerHour: 30, NightPremium: 1}},
		Jobs: []model.Job{{ID: "J", Due: model.Tick(0), LatenessCostPerDay: 1440, Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M", Duration: 90}}}}}}}
	us := &Schedule{Assignments: []Assignment{{Job: 0, Op: 0, Machine: 0, Start: 0, End: 90}}}
	if c := ComputeCosts(u, us); !near(c.Processing, 45) || !near(c.Lateness, 90) || !near(c.Total, 135) {
		t.Errorf("unitless: processing %g, lateness %g, total %g, want 45, 90, 135", c.Processing, c.Lateness, c.Total)
	}
}

func TestDocumentCostClaims(t *testing.T) {
	p, s := costPlant()
	d := NewDocument(p, s)
	if d.KPIs == nil || d.KPIs.Cost == nil || !near(d.KPIs.Cost.Total, 965.06) || !near(d.KPIs.Cost.MaterialHolding, 81.06) {
		t.Fatalf("document cost %+v", d.KPIs)
	}
	if len(d.KPIs.Cost.Orders) != 3 || d.KPIs.Cost.Orders[1].Order != "B" || !near(d.KPIs.Cost.Orders[1].Lateness, 62) {
		t.Errorf("orders %+v", d.KPIs.Cost.Orders)
	}
	d.KPIs.Stock = NewStockSummary(ComputeStock(p, s))
	d.Objective = Evaluate(p, s, p.Objective)
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"cost":{"total":965.06`, `"stock":{"materials":[{"id":"steel","peak":11`, `"weighted_earliness":60`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("the document lacks %s: %s", key, data)
		}
	}
	back, err := ParseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	if iss := back.CheckClaims(p, s); len(iss) > 0 {
		t.Errorf("claims of a true document: %v", iss)
	}
	bad := strings.Replace(string(data), `"cost":{"total":965.06`, `"cost":{"total":900`, 1)
	back, err = ParseDocument([]byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	if iss := back.CheckClaims(p, s); len(iss) != 1 || !strings.Contains(iss.Error(), "kpis.cost.total") {
		t.Errorf("a false total: %v", iss)
	}
}

// TestComputeCostsCalendarWithoutZone: a calendar without a time zone
// works in UTC, and its machine's premiums follow it, not the epoch's
// zone: with an epoch at +01:00, 06:00-07:00 there is 05:00-06:00 UTC, a
// night hour.
func TestComputeCostsCalendarWithoutZone(t *testing.T) {
	p := &model.Problem{
		Epoch:     time.Date(2026, 1, 5, 0, 0, 0, 0, time.FixedZone("CET", 3600)),
		Machines:  []model.Machine{{ID: "M", Calendar: "all", CostPerHour: 60, NightPremium: 0.5}},
		Calendars: []model.Calendar{{ID: "all", Shifts: []model.Shift{{Days: []time.Weekday{0, 1, 2, 3, 4, 5, 6}, Start: 0, End: 1440}}}},
		Jobs:      []model.Job{{ID: "J", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M", Duration: 60}}}}}},
	}
	s := &Schedule{Assignments: []Assignment{{Job: 0, Op: 0, Machine: 0, SetupStart: 360, Start: 360, End: 420}}}
	if v := Check(p, s); len(v) != 0 {
		t.Fatal(v)
	}
	if c := ComputeCosts(p, s); !near(c.Processing, 90) {
		t.Errorf("processing %g, want 90 (a night hour in UTC)", c.Processing)
	}
}
