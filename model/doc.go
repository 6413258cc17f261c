// Package model describes a production scheduling problem as a planner sees
// it: machines and their shift calendars, jobs (orders) with routings of
// operations on alternative machines, sequence-dependent setups, materials
// with stock and receipts, operator pools with skills, frozen operations and
// the objective.
//
// # Building a plant in Go
//
// NewPlant builds a Problem in the plant's own terms: calendars on a shift
// pattern ("2x8" is TwoShifts) in a time zone, with holidays; machines on
// them; materials with receipts; operator pools; orders due on a
// time.Time whose operations run a time.Duration on this machine or that
// one. Each call returns a typed handle (MachineRef, MaterialRef, ...)
// that later calls take, so a reference cannot be misspelled, and Build
// returns the validated Problem:
//
//	pl := model.NewPlant("week 52", monday)
//	shifts := pl.Calendar("2x8", model.TwoShifts, paris)
//	lathe, mill := pl.Machine("lathe", shifts), pl.Machine("mill", shifts)
//	pl.Order("A", friday).Op("turn", lathe.For(6*time.Hour), mill.For(7*time.Hour))
//	p, err := pl.Build()
//
// ExamplePlant is the whole program, solved and printed with the
// problem's ids and times (schedule.NewTimetable). A Problem can also be
// filled in directly, or read from JSON with Decode.
//
// # Time
//
// Inside a Problem every time is an integer number of ticks from Epoch; a
// tick lasts Resolution (one minute by default). Benchmark instances are
// unitless: their Epoch is the zero time. The JSON form (see Decode and
// Encode, and schema/problem.schema.json) speaks ISO-8601 datetimes with a
// time zone and durations as ISO-8601 ("PT1H30M") or minutes.
//
// # Calendars
//
// A Calendar is a weekly pattern of shifts (1x8, 2x8, 3x8 with the night
// shift crossing midnight, weekends off) in an IANA time zone, with dated
// exceptions (holidays, maintenance, extra shifts). Problem.CalendarIntervals
// expands it to sorted working intervals in ticks, correct across
// daylight-saving changes; a machine's working time is its calendar minus
// its own downtime (Problem.MachineIntervals).
//
// # Validation
//
// Validate reports every problem of a model at once, each with a path such
// as jobs[3].operations[1].alternatives[0].machine and a plain sentence.
package model
