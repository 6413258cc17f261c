package model

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func plantZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The plant built in Go is the same problem as the one decoded from the
// JSON shorthands (pattern, date exceptions, machine+duration).
func TestPlantMatchesJSON(t *testing.T) {
	loc := plantZone(t)
	epoch := time.Date(2026, 12, 21, 0, 0, 0, 0, loc)
	pl := NewPlant("week 52", epoch).Minimize(WeightedTardiness)
	cal := pl.Calendar("2x8", TwoShifts, loc).Holidays(time.Date(2026, 12, 25, 15, 0, 0, 0, time.UTC))
	night := pl.Calendar("nights", ThreeShifts, loc, time.Monday, time.Tuesday)
	saw := pl.Machine("saw", cal)
	lathe := pl.Machine("lathe", night).Name("Big lathe").Down(epoch.Add(30*time.Hour), epoch.Add(32*time.Hour), "service")
	mill := pl.Machine("mill", CalendarRef{})
	steel := pl.Material("steel", 4).Unit("kg").Receipt(epoch.Add(58*time.Hour), 10)
	pl.Operators("welders", 2, cal, "weld", "grind")
	a := pl.Order("A", epoch.Add(38*time.Hour)).Weight(2).Quantity(10).Release(epoch.Add(6 * time.Hour))
	cut := a.Op("cut", saw.For(40*time.Minute)).Consumes(steel, 2).Needs(1, "weld")
	cut.Then("turn", lathe.Rate(15*time.Minute, 90*time.Second), mill.For(2*time.Hour)).Lag(10 * time.Minute).Resumable()
	pl.Order("B", time.Time{}).Deadline(epoch.Add(100*time.Hour)).Op("", mill.For(time.Hour)).After(cut, 5*time.Minute).Produces(steel, 1)
	got, err := pl.Build()
	if err != nil {
		t.Fatal(err)
	}
	want, err := Decode([]byte(`{"version": 1, "name": "week 52", "epoch": "2026-12-21T00:00:00+01:00",
	  "objective": "weighted_tardiness",
	  "machines": [{"id": "saw", "calendar": "2x8"},
	    {"id": "lathe", "name": "Big lathe", "calendar": "nights",
	     "downtime": [{"start": "2026-12-22T06:00:00+01:00", "end": "2026-12-22T08:00:00+01:00", "reason": "service"}]},
	    {"id": "mill"}],
	  "calendars": [{"id": "2x8", "time_zone": "Europe/Paris", "pattern": "2x8",
	      "exceptions": [{"date": "2026-12-25", "reason": "holiday"}]},
	    {"id": "nights", "time_zone": "Europe/Paris", "pattern": "3x8", "days": "mon,tue"}],
	  "materials": [{"id": "steel", "unit": "kg", "initial": 4, "receipts": [{"at": "2026-12-23T10:00:00+01:00", "quantity": 10}]}],
	  "operator_pools": [{"id": "welders", "skills": ["weld", "grind"], "capacity": 2, "calendar": "2x8"}],
	  "jobs": [
	    {"id": "A", "due": "2026-12-22T14:00:00+01:00", "weight": 2, "quantity": 10, "release": "2026-12-21T06:00:00+01:00",
	     "operations": [
	      {"id": "cut", "machine": "saw", "duration": 40, "consumes": [{"material": "steel", "quantity": 2}],
	       "operators": [{"skill": "weld", "count": 1}]},
	      {"id": "turn", "min_lag": 10, "resumable": true, "alternatives": [
	        {"machine": "lathe", "setup": 15, "run_per_unit": 1.5}, {"machine": "mill", "duration": 120}]}]},
	    {"id": "B", "deadline": "2026-12-25T04:00:00+01:00", "operations": [
	      {"machine": "mill", "duration": 60, "after": [{"job": "A", "op": "cut", "min_lag": 5}],
	       "produces": [{"material": "steel", "quantity": 1}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffProblems(got, want); d != "" {
		t.Errorf("plant built in Go differs from the JSON: %s", d)
	}
	if got := saw.ID() + lathe.ID() + cut.ID() + cut.Order().ID() + steel.ID() + cal.ID(); got != "sawlathecutAsteel2x8" {
		t.Errorf("IDs = %q", got)
	}
}

// Build returns a copy: changing the plant afterwards leaves it alone.
func TestPlantBuildCopies(t *testing.T) {
	pl := NewPlant("p", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
	m := pl.Machine("m", CalendarRef{})
	o := pl.Order("A", time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC))
	o.Op("x", m.For(time.Hour))
	first, err := pl.Build()
	if err != nil {
		t.Fatal(err)
	}
	o.Op("y", m.For(time.Hour))
	o.Deadline(time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC))
	pl.Order("rush", time.Time{}).Op("z", m.For(time.Minute))
	second, err := pl.Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Jobs) != 1 || len(first.Jobs[0].Operations) != 1 || first.Jobs[0].Deadline != nil {
		t.Errorf("first build changed by later calls: %+v", first.Jobs)
	}
	if len(second.Jobs) != 2 || len(second.Jobs[0].Operations) != 2 || *second.Jobs[0].Due != 8*60 {
		t.Errorf("second build: %+v", second.Jobs)
	}
}

// Mistakes are collected and reported by Build with paths, together with
// Validate's findings; nothing panics.
func TestPlantBuildErrors(t *testing.T) {
	epoch := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	other := NewPlant("other", epoch)
	foreign := other.Machine("far", CalendarRef{})
	foreignCal := other.Calendar("c", OneShift, time.UTC)
	foreignMat := other.Material("gold", 1)

	pl := NewPlant("p", epoch)
	pl.Calendar("bad", "4x6", nil)
	pl.Calendar("local", OneShift, time.Local).Shift(25*time.Hour, 90*time.Second)
	m := pl.Machine("m", foreignCal)
	o := pl.Order("A", epoch.Add(30*time.Second))
	o.Op("none")
	o.Op("x", foreign.For(time.Hour), MachineTime{Duration: time.Hour}, m.For(-time.Minute), m.For(90*time.Second)).
		Consumes(foreignMat, 1).Consumes(MaterialRef{}, 1).After(StepRef{}, 0).Needs(1, "magic")
	o.Op("y", m.Rate(time.Minute, -time.Second))
	_, err := pl.Build()
	var issues Issues
	if !errors.As(err, &issues) {
		t.Fatalf("Build error = %v, want Issues", err)
	}
	text := err.Error()
	for _, want := range []string{
		"calendars[0].time_zone: missing time zone",
		"calendars[0].pattern: unknown shift pattern \"4x6\"",
		"calendars[1].time_zone: time zone Local depends on the computer",
		"calendars[1].shifts[1]: time of day 25h0m0s",
		"calendars[1].shifts[1]: time of day 1m30s",
		"machines[0].calendar: calendar \"c\" belongs to another plant",
		"jobs[0].due: 2026-01-05T00:00:30Z is not a whole number of minutes",
		"jobs[0].operations[0]: no machine",
		"jobs[0].operations[1].alternatives[0].machine: machine \"far\" belongs to another plant",
		"jobs[0].operations[1].alternatives[1].machine: missing machine",
		"jobs[0].operations[1].alternatives[2].duration: negative duration -1m0s",
		"jobs[0].operations[1].alternatives[3].duration: duration 1m30s is not a whole number of minutes",
		"jobs[0].operations[1].consumes[0].material: material \"gold\" belongs to another plant",
		"jobs[0].operations[1].consumes[1].material: missing material",
		"jobs[0].operations[1].after[0]: missing operation",
		"jobs[0].operations[2].alternatives[0].run_per_unit: negative duration -1s",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Build error lacks %q; got:\n%s", want, text)
		}
	}
	// Validate's findings come too (an operator skill no pool has).
	if !strings.Contains(text, "magic") {
		t.Errorf("Build error lacks Validate's finding on skill \"magic\":\n%s", text)
	}

	if _, err := NewPlant("no epoch", time.Time{}).Build(); err == nil || !strings.Contains(err.Error(), "epoch") {
		t.Errorf("plant without epoch: err = %v", err)
	}
}

// Zero handles do nothing and never panic.
func TestPlantZeroHandles(t *testing.T) {
	var (
		c  CalendarRef
		m  MachineRef
		mt MaterialRef
		o  OrderRef
		s  StepRef
		pr PoolRef
	)
	c.Shift(0, time.Hour).Holidays(time.Now()).Closed(time.Now(), time.Now(), "").Extra(time.Now(), time.Now(), "")
	m.Name("x").Down(time.Now(), time.Now(), "")
	mt.Unit("kg").Receipt(time.Now(), 1)
	o.Release(time.Now()).Deadline(time.Now()).Weight(1).Quantity(1).Op("x")
	s.Consumes(mt, 1).Produces(mt, 1).Needs(1, "a").After(s, 0).Lag(0).Resumable()
	if c.ID()+m.ID()+mt.ID()+o.ID()+s.ID()+pr.ID() != "" {
		t.Error("zero handles have IDs")
	}
}

// A holiday closes the whole local day of the calendar's zone and an extra
// shift opens a Saturday: the working intervals show it.
func TestPlantCalendarExceptions(t *testing.T) {
	loc := plantZone(t)
	epoch := time.Date(2026, 12, 21, 0, 0, 0, 0, loc) // Monday
	pl := NewPlant("p", epoch)
	cal := pl.Calendar("day", OneShift, loc).
		Holidays(time.Date(2026, 12, 22, 0, 0, 0, 0, loc)).
		Extra(time.Date(2026, 12, 26, 8, 0, 0, 0, loc), time.Date(2026, 12, 26, 12, 0, 0, 0, loc), "overtime").
		Closed(time.Date(2026, 12, 23, 10, 0, 0, 0, loc), time.Date(2026, 12, 23, 11, 0, 0, 0, loc), "strike")
	m := pl.Machine("m", cal)
	pl.Order("A", time.Time{}).Op("x", m.For(time.Hour))
	p, err := pl.Build()
	if err != nil {
		t.Fatal(err)
	}
	ivs, err := p.CalendarIntervals(&p.Calendars[0], 7*24*60)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, iv := range ivs {
		got = append(got, p.TimeOf(iv.Start).Format("Mon 15:04")+"-"+p.TimeOf(iv.End).Format("15:04"))
	}
	want := "Mon 06:00-14:00 Wed 06:00-10:00 Wed 11:00-14:00 Thu 06:00-14:00 Fri 06:00-14:00 Sat 08:00-12:00"
	if strings.Join(got, " ") != want {
		t.Errorf("working intervals:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// The README shows ExamplePlant's code: it must stay the code that runs.
func TestPlantReadmeShowsExample(t *testing.T) {
	src, err := os.ReadFile("build_example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i := strings.Index(s, "\tparis, err := time.LoadLocation")
	j := strings.Index(s, "\t// Output:")
	if i < 0 || j < i {
		t.Fatal("ExamplePlant's body not found")
	}
	lines := strings.Split(strings.TrimRight(s[i:j], "\n"), "\n")
	for k, l := range lines {
		lines[k] = strings.TrimPrefix(l, "\t")
	}
	if body := strings.Join(lines, "\n"); !strings.Contains(string(readme), "```go\n"+body+"\n```") {
		t.Errorf("README.md does not show ExamplePlant's code as it is in model/build_example_test.go:\n%s", body)
	}
}
