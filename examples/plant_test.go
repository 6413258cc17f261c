package examples

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"

	// the dispatching-rule solver, to show that the plant can be scheduled
	"github.com/ordo-sched/ordo/heuristics/dispatch"
)

func plant(t *testing.T) *model.Problem {
	t.Helper()
	p, err := Plant()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlantJSONIsTheFile(t *testing.T) {
	data, err := os.ReadFile("plant.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, PlantJSON) {
		t.Fatal("PlantJSON differs from plant.json")
	}
}

func TestPlantIsNewEachTime(t *testing.T) {
	a, b := plant(t), plant(t)
	a.Jobs[0].ID = "changed"
	if b.Jobs[0].ID == "changed" {
		t.Fatal("Plant returns shared data")
	}
}

// TestPlantContents checks that the plant shows every feature it
// advertises.
func TestPlantContents(t *testing.T) {
	p := plant(t)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	if e := p.Epoch.In(paris); e.Weekday() != time.Monday || e.Month() != time.December || e.Year() != 2026 || e.Hour() != 0 {
		t.Errorf("epoch %v is not a Monday midnight in December 2026 in Paris", e)
	}
	x := p.NewIndex()
	h := p.PlanningHorizon()

	if len(p.Machines) < 8 {
		t.Errorf("%d machines, want at least 8", len(p.Machines))
	}
	calUse := map[string]int{}
	downtime, matrices := 0, 0
	for _, m := range p.Machines {
		calUse[m.Calendar]++
		if len(m.Downtime) > 0 {
			downtime++
		}
		if m.SetupMatrix != "" {
			matrices++
		}
	}
	if calUse["2x8"] == 0 || calUse["3x8"] == 0 {
		t.Errorf("machines per calendar = %v, want both 2x8 and 3x8", calUse)
	}
	if downtime == 0 {
		t.Error("no machine has a maintenance window")
	}
	if matrices < 2 {
		t.Errorf("%d machines with a setup matrix, want at least 2", matrices)
	}

	// the 3x8 night shift crosses midnight; 25 December is a holiday on
	// every calendar
	night := false
	for _, s := range p.Calendars[x.Calendars["3x8"]].Shifts {
		night = night || s.End <= s.Start
	}
	if !night {
		t.Error("the 3x8 calendar has no night shift crossing midnight")
	}
	xmas := model.Interval{Start: p.TickOf(time.Date(2026, 12, 25, 0, 0, 0, 0, paris)), End: p.TickOf(time.Date(2026, 12, 26, 0, 0, 0, 0, paris))}
	for i := range p.Calendars {
		ivs, err := p.CalendarIntervals(&p.Calendars[i], h)
		if err != nil {
			t.Fatal(err)
		}
		if len(model.Intersect(ivs, []model.Interval{xmas})) > 0 {
			t.Errorf("calendar %s works on Christmas Day", p.Calendars[i].ID)
		}
		if len(ivs) == 0 {
			t.Errorf("calendar %s never works", p.Calendars[i].ID)
		}
	}

	if len(p.Jobs) < 30 {
		t.Errorf("%d jobs, want at least 30", len(p.Jobs))
	}
	var firstDue, lastDue int64 = model.Forever, 0
	weights := map[float64]bool{}
	flexible, rated, resumable, skilled, links := 0, 0, 0, 0, 0
	produced := map[string]bool{}
	for j := range p.Jobs {
		job := &p.Jobs[j]
		if job.Quantity <= 0 || job.Due == nil || job.Deadline != nil {
			t.Errorf("job %s: quantity %g, due %v, deadline %v", job.ID, job.Quantity, job.Due, job.Deadline)
			continue
		}
		firstDue, lastDue = min(firstDue, *job.Due), max(lastDue, *job.Due)
		weights[job.JobWeight()] = true
		for k := range job.Operations {
			op := &job.Operations[k]
			if len(op.Alternatives) > 1 && op.Alternatives[0].ProcessingTime(job.Quantity) != op.Alternatives[1].ProcessingTime(job.Quantity) {
				flexible++
			}
			for _, a := range op.Alternatives {
				if a.RunPerUnit > 0 {
					rated++
					break
				}
			}
			if op.Resumable {
				resumable++
			}
			if len(op.Operators) > 0 {
				skilled++
			}
			for _, l := range op.After {
				if l.Job != "" && l.Job != job.ID {
					links++
				}
			}
			for _, m := range op.Produces {
				produced[m.Material] = true
			}
		}
	}
	if span := time.Duration(lastDue-firstDue) * p.TickLength(); span < 14*24*time.Hour {
		t.Errorf("due dates span %v, want about three weeks", span)
	}
	if len(weights) < 3 {
		t.Errorf("weights %v, want several priorities", weights)
	}
	if flexible < 2 || rated == 0 || resumable == 0 || skilled == 0 || links == 0 {
		t.Errorf("flexible %d, rated %d, resumable %d, with operators %d, cross-job links %d", flexible, rated, resumable, skilled, links)
	}

	// materials: at least three bought ones with stock and receipts, one
	// intermediate made in house (two-level bill of materials)
	bought := 0
	for _, m := range p.Materials {
		if m.Initial > 0 && len(m.Receipts) > 0 {
			bought++
		}
	}
	if bought < 3 || len(produced) == 0 {
		t.Errorf("%d bought materials, intermediates %v", bought, produced)
	}
	for _, o := range p.OperatorPools {
		if o.Calendar == "" || len(o.Skills) == 0 {
			t.Errorf("operator pool %s: calendar %q, skills %v", o.ID, o.Calendar, o.Skills)
		}
	}
	if p.Objective.String() != "weighted_tardiness" {
		t.Errorf("objective %s", p.Objective)
	}
}

// TestPlantCanBeScheduled builds a schedule with the dispatching-rule
// solver and holds it against schedule.Check.
func TestPlantCanBeScheduled(t *testing.T) {
	s := &dispatch.Solver{Name: "dispatch"}
	p := plant(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := s.Solve(ctx, p, solver.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Schedule == nil {
		t.Fatalf("no schedule (status %v)", res.Status)
	}
	if v := schedule.Check(p, res.Schedule); len(v) > 0 {
		t.Fatalf("%d violations, first: %v", len(v), v[0])
	}
}

func ExamplePlant() {
	p, err := Plant()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name)
	fmt.Printf("%d machines, %d calendars, %d materials, %d operator pools\n", len(p.Machines), len(p.Calendars), len(p.Materials), len(p.OperatorPools))
	fmt.Printf("%d jobs, %d operations\n", len(p.Jobs), p.NumOperations())
	fmt.Println("starts", p.Epoch.Format("Monday 2 January 2006 15:04 -07:00"))
	fmt.Println("features:", p.Features())
	// Output:
	// Atelier Rhône, Lyon: machining and drive-unit assembly, December 2026
	// 12 machines, 3 calendars, 5 materials, 2 operator pools
	// 74 jobs, 210 operations
	// starts Monday 7 December 2026 00:00 +01:00
	// features: alternative machines, calendars, resumable operations, sequence-dependent setups, materials, operators, release dates, due dates, precedence links, time lags
}
