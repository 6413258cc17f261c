package schedule

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
)

// checkCase is a problem and schedule with exactly one violation.
type checkCase struct {
	name  string
	build func(t *testing.T) (*model.Problem, *Schedule)
	kind  Kind
	path  string   // expected Path
	want  []string // substrings of the message
}

// withSmall adapts a mutation of the small problem.
func withSmall(f func(p *model.Problem, s *Schedule)) func(*testing.T) (*model.Problem, *Schedule) {
	return func(*testing.T) (*model.Problem, *Schedule) {
		p, s := small()
		f(p, s)
		return p, s
	}
}

// withPlant adapts a mutation of the calendar plant.
func withPlant(f func(p *model.Problem, s *Schedule)) func(*testing.T) (*model.Problem, *Schedule) {
	return func(t *testing.T) (*model.Problem, *Schedule) {
		p, s := plant(t), plantSchedule()
		f(p, s)
		return p, s
	}
}

// withSetups returns small with a setup matrix on M1 (default 2 ticks,
// A->B 5 ticks, initial 1) and families A (J1.a) and B (J2.b), and a
// feasible schedule: J1.a setup [0,1) then [1,4), J2.b setup [4,9) then
// [9,11).
func withSetups(f func(p *model.Problem, s *Schedule)) func(*testing.T) (*model.Problem, *Schedule) {
	return func(*testing.T) (*model.Problem, *Schedule) {
		p, s := small()
		p.SetupMatrices = []model.SetupMatrix{{ID: "S", Default: 2, Initial: 1, Entries: []model.SetupEntry{{From: "A", To: "B", Time: 5}}}}
		p.Machines[0].SetupMatrix = "S"
		p.Jobs[0].Operations[0].SetupFamily = "A"
		p.Jobs[1].Operations[1].SetupFamily = "B"
		s.Assignments[0] = Assignment{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 1, End: 4}
		s.Assignments[1] = asg(0, 1, 1, 4, 6)
		s.Assignments[3] = Assignment{Job: 1, Op: 1, Machine: 0, SetupStart: 4, Start: 9, End: 11}
		f(p, s)
		return p, s
	}
}

// withMaterials returns small where J1.a consumes 2 steel and produces 1
// frame, J2.b consumes 1 frame; steel has 1 in stock and a receipt of 4 at
// tick 5 (so J1.a must start at or after 5).
func withMaterials(f func(p *model.Problem, s *Schedule)) func(*testing.T) (*model.Problem, *Schedule) {
	return func(*testing.T) (*model.Problem, *Schedule) {
		p, s := small()
		p.Materials = []model.Material{
			{ID: "steel", Unit: "kg", Initial: 1, Receipts: []model.Receipt{{At: 5, Quantity: 4}}},
			{ID: "frame"},
		}
		p.Jobs[0].Operations[0].Consumes = []model.MaterialQty{{Material: "steel", Quantity: 2}}
		p.Jobs[0].Operations[0].Produces = []model.MaterialQty{{Material: "frame", Quantity: 1}}
		p.Jobs[1].Operations[1].Consumes = []model.MaterialQty{{Material: "frame", Quantity: 1}}
		// M1: J1.a [5,8), J2.b [8,10); M2: J2.a [0,4), J1.b [8,10).
		s.Assignments[0] = asg(0, 0, 0, 5, 8)
		s.Assignments[1] = asg(0, 1, 1, 8, 10)
		s.Assignments[3] = asg(1, 1, 0, 8, 10)
		f(p, s)
		return p, s
	}
}

// withOperators returns small where J1.b and J2.b each need one "weld"
// operator; pools "welders" (weld, capacity 1) and "painters" (paint).
func withOperators(f func(p *model.Problem, s *Schedule)) func(*testing.T) (*model.Problem, *Schedule) {
	return func(*testing.T) (*model.Problem, *Schedule) {
		p, s := small()
		p.OperatorPools = []model.OperatorPool{
			{ID: "welders", Skills: []string{"weld"}, Capacity: 1},
			{ID: "painters", Skills: []string{"paint"}, Capacity: 3},
		}
		p.Jobs[0].Operations[1].Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
		p.Jobs[1].Operations[1].Operators = []model.OperatorNeed{{Skill: "weld", Count: 1}}
		// J1.b [4,6) on M2 and J2.b on M1 moved to [6,8): one welder suffices.
		s.Assignments[1].Operators = []int{0}
		s.Assignments[3] = Assignment{Job: 1, Op: 1, Machine: 0, SetupStart: 6, Start: 6, End: 8, Operators: []int{0}}
		f(p, s)
		return p, s
	}
}

func checkCases() []checkCase {
	return []checkCase{
		{"missing", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments = s.Assignments[:3] }),
			Missing, "jobs[1].operations[1]", []string{`job "J2" op "b"`, "not scheduled"}},
		{"duplicate", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments = append(s.Assignments, s.Assignments[1]) }),
			Duplicate, "assignments[4]", []string{`job "J1" op "b"`, "assignments[1]"}},
		{"unknown job", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments = append(s.Assignments, asg(7, 0, 0, 20, 23)) }),
			UnknownOperation, "assignments[4]", []string{"job index 7", "2 jobs"}},
		{"unknown operation", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments = append(s.Assignments, asg(1, 2, 0, 20, 23)) }),
			UnknownOperation, "assignments[4]", []string{"operation index 2", `job "J2" has 2 operations`}},
		{"machine not an alternative", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments[1] = asg(0, 1, 0, 6, 8) }),
			BadMachine, "assignments[1].machine", []string{`job "J1" op "b"`, `machine "M1"`, `"M2"`}},
		{"machine out of range", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments[1].Machine = 9 }),
			BadMachine, "assignments[1].machine", []string{`job "J1" op "b"`, "machine index 9"}},
		{"end before start", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments[1].End = 3 }),
			BadTimes, "assignments[1]", []string{`job "J1" op "b"`, "start 4, end 3"}},
		{"setup start after start", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments[1].SetupStart = 5 }),
			BadTimes, "assignments[1]", []string{"setup start 5, start 4"}},
		{"duration", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments[1].End = 7 }),
			Duration, "assignments[1]", []string{`job "J1" op "b"`, "lasts 3 ticks", `machine "M2"`, "processing time there is 2"}},
		{"duration with run rate", withSmall(func(p *model.Problem, s *Schedule) {
			p.Jobs[0].Quantity = 10
			p.Jobs[0].Operations[1].Alternatives[0] = model.Alternative{Machine: "M2", Setup: 1, RunPerUnit: 0.25} // 1 + ceil(2.5) = 4
			s.Assignments[1].End = 7
		}), Duration, "assignments[1]", []string{"lasts 3 ticks", "processing time there is 4"}},
		{"precedence", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments[3] = asg(1, 1, 0, 3, 5) }),
			Precedence, "assignments[3]", []string{`job "J2" op "b" starts at 3`, `predecessor job "J2" op "a" ends at 4`}},
		{"precedence lag", withSmall(func(p *model.Problem, s *Schedule) { p.Jobs[1].Operations[1].MinLag = 2 }),
			Precedence, "assignments[3]", []string{"starts at 4", "ends at 4", "lag of 2", "earliest start 6"}},
		{"cross-job link with lag", withSmall(func(p *model.Problem, s *Schedule) {
			p.Jobs[1].Operations[1].After = []model.Link{{Job: "J1", Op: "b", MinLag: 1}}
			s.Assignments[3] = asg(1, 1, 0, 6, 8)
		}), Precedence, "assignments[3]", []string{`job "J2" op "b" starts at 6`, `job "J1" op "b" ends at 6`, "lag of 1"}},
		{"DAG routing", withSmall(func(p *model.Problem, s *Schedule) {
			p.Jobs[1].Routing = model.DAG // J2.b no longer follows J2.a ...
			p.Jobs[0].Routing = model.DAG
			p.Jobs[0].Operations[0].After = []model.Link{{Op: "b"}} // ... but J1.a follows J1.b
		}), Precedence, "assignments[0]", []string{`job "J1" op "a" starts at 0`, `job "J1" op "b" ends at 6`}},
		{"overlap", withSmall(func(p *model.Problem, s *Schedule) { s.Assignments[1] = asg(0, 1, 1, 3, 5) }),
			Overlap, "assignments[1]", []string{`job "J1" op "b" [3, 5)`, `job "J2" op "a" [0, 4)`, `machine "M2"`, "from 3 to 4"}},
		{"overlap by a setup", withSetups(func(p *model.Problem, s *Schedule) {
			s.Assignments[3] = Assignment{Job: 1, Op: 1, Machine: 0, SetupStart: 3, Start: 8, End: 10}
		}), Overlap, "assignments[3]", []string{`job "J2" op "b" [3, 10)`, `job "J1" op "a" [0, 4)`, "setups included"}},
		{"setup missing", withSetups(func(p *model.Problem, s *Schedule) {
			s.Assignments[3] = asg(1, 1, 0, 9, 11)
		}), Setup, "assignments[3].setup_start", []string{`job "J2" op "b" (family "B")`, `after job "J1" op "a" (family "A")`, "setup of 5 ticks, but has 0"}},
		{"setup default", withSetups(func(p *model.Problem, s *Schedule) {
			p.Jobs[1].Operations[1].SetupFamily = "C" // A->C: default 2
		}), Setup, "assignments[3].setup_start", []string{"needs a setup of 2 ticks, but has 5"}},
		{"setup initial", withSetups(func(p *model.Problem, s *Schedule) {
			s.Assignments[0] = asg(0, 0, 0, 1, 4)
		}), Setup, "assignments[0].setup_start", []string{"first operation", "setup of 1 ticks, but has 0"}},
		{"calendar: crosses the end of a shift", withPlant(func(p *model.Problem, s *Schedule) {
			s.Assignments[0] = asg(0, 0, 0, h22-60, h22+60)
			s.Assignments[1] = asg(0, 1, 1, tue+10*60, tue+20*60) // weld Tuesday 10:00-20:00
		}), Calendar, "assignments[0]", []string{`job "J1" op "cut" runs from 1260 (2024-03-04T21:00:00+01:00) to 1380 (2024-03-04T23:00:00+01:00)`, `machine "M1"`}},
		{"calendar: starts before the shift", withPlant(func(p *model.Problem, s *Schedule) {
			s.Assignments[0] = asg(0, 0, 0, h6-60, h6+60)
		}), Calendar, "assignments[0]", []string{"not inside one working window"}},
		{"calendar: maintenance window", withPlant(func(p *model.Problem, s *Schedule) {
			s.Assignments[1] = asg(0, 1, 1, tue+h14, 2*day+h6+120) // weld after paint
			s.Assignments[2] = Assignment{Job: 1, Op: 0, Machine: 1, SetupStart: tue + 7*60, Start: tue + 7*60, End: tue + 8*60, Operators: []int{0}}
		}), Calendar, "assignments[2]", []string{`job "J2" op "paint"`, `machine "M2" with operator pool(s) "day"`}},
		{"calendar: operator pool off shift", withPlant(func(p *model.Problem, s *Schedule) {
			// M1 works until 22:00 but the day pool only until 14:00.
			s.Assignments[2] = Assignment{Job: 1, Op: 0, Machine: 0, SetupStart: h14 + 60, Start: h14 + 60, End: h14 + 120, Operators: []int{0}}
		}), Calendar, "assignments[2]", []string{`job "J2" op "paint" runs from 900`, `operator pool(s) "day"`}},
		{"calendar: resumable working time", withPlant(func(p *model.Problem, s *Schedule) {
			s.Assignments[1].End = tue + h14 + 30 // 630 working minutes
		}), Calendar, "assignments[1]", []string{`resumable job "J1" op "weld" has 630 working ticks`, "processing time there is 600"}},
		{"calendar: resumable starts off shift", withPlant(func(p *model.Problem, s *Schedule) {
			// Starts at 22:30 (off shift), 600 working minutes Tuesday.
			s.Assignments[1] = asg(0, 1, 1, h22+30, tue+10*60+600)
		}), Calendar, "assignments[1]", []string{"resumable", "starts at 1350", "non-working time"}},
		{"calendar: setup before the shift", withPlant(func(p *model.Problem, s *Schedule) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "S", Initial: 60}}
			p.Machines[0].SetupMatrix = "S"
			// cut at Tuesday 06:00 with its 60-minute setup from 05:00,
			// before the shift.
			s.Assignments[0] = Assignment{Job: 0, Op: 0, Machine: 0, SetupStart: tue + h6 - 60, Start: tue + h6, End: tue + h6 + 120}
			s.Assignments[1] = asg(0, 1, 1, tue+10*60, tue+20*60)
			s.Assignments[2] = Assignment{Job: 1, Op: 0, Machine: 0, SetupStart: tue + h6 + 120, Start: tue + h6 + 120, End: tue + h6 + 180, Operators: []int{0}}
		}), Calendar, "assignments[0]", []string{`job "J1" op "cut" with its setup runs from 1740`, `machine "M1"`}},
		{"setup of a resumable operation across the night", withPlant(func(p *model.Problem, s *Schedule) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "S", Initial: 60}}
			p.Machines[1].SetupMatrix = "S"
			// 21:30-22:00 and Tuesday 10:00-11:00: 90 working minutes.
			s.Assignments[1] = Assignment{Job: 0, Op: 1, Machine: 1, SetupStart: h22 - 30, Start: tue + 660, End: tue + 660 + 600}
		}), Setup, "assignments[1].setup_start", []string{`job "J1" op "weld"`, "setup of 60 ticks, but has 90"}},
		{"horizon", withPlant(func(p *model.Problem, s *Schedule) {
			p.Horizon = 2 * day
			s.Assignments[1] = asg(0, 1, 1, 2*day+h6, 2*day+h6+600) // Wednesday
		}), Horizon, "assignments[1]", []string{`job "J1" op "weld" ends at 3840`, "planning horizon 2880"}},
		{"release", withSmall(func(p *model.Problem, s *Schedule) { p.Jobs[1].Release = 1 }),
			Release, "assignments[2]", []string{`job "J2" op "a" starts at 0`, "release at 1"}},
		{"release before setup", withSetups(func(p *model.Problem, s *Schedule) { p.Jobs[0].Release = 1 }),
			Release, "assignments[0]", []string{"starts its setup at 0", "release at 1"}},
		{"deadline", withSmall(func(p *model.Problem, s *Schedule) { p.Jobs[1].Deadline = model.Tick(5) }),
			Deadline, "assignments[3]", []string{`job "J2" op "b" ends at 6`, "deadline at 5"}},
		{"material before the receipt", withMaterials(func(p *model.Problem, s *Schedule) {
			s.Assignments[0] = asg(0, 0, 0, 4, 7)
			s.Assignments[3] = asg(1, 1, 0, 7, 9)
		}), Material, "materials[0]", []string{`material "steel" is -1 kg at 4`, `after job "J1" op "a" starts`, "short by 1 kg"}},
		{"material produced too late", withMaterials(func(p *model.Problem, s *Schedule) {
			s.Assignments[0] = asg(0, 0, 0, 6, 9) // frame ready at 9 ...
			s.Assignments[1] = asg(0, 1, 1, 9, 11)
			s.Assignments[3] = asg(1, 1, 0, 4, 6) // ... but needed at 4
		}), Material, "materials[1]", []string{`material "frame" is -1 at 4`, `job "J2" op "b"`}},
		{"operator count", withOperators(func(p *model.Problem, s *Schedule) { s.Assignments[1].Operators = nil }),
			OperatorCount, "assignments[1].operators", []string{`job "J1" op "b" is given 0 operator(s) but needs 1`}},
		{"operator count extra", withOperators(func(p *model.Problem, s *Schedule) { s.Assignments[0].Operators = []int{1} }),
			OperatorCount, "assignments[0].operators", []string{`job "J1" op "a" is given 1 operator(s) but needs 0`}},
		{"operator skill", withOperators(func(p *model.Problem, s *Schedule) { s.Assignments[1].Operators = []int{1} }),
			OperatorSkill, "assignments[1].operators[0]", []string{`skill "weld"`, `operator pool "painters"`}},
		{"operator pool out of range", withOperators(func(p *model.Problem, s *Schedule) { s.Assignments[1].Operators = []int{4} }),
			OperatorSkill, "assignments[1].operators[0]", []string{"pool index 4"}},
		{"operator capacity", withOperators(func(p *model.Problem, s *Schedule) {
			s.Assignments[3] = Assignment{Job: 1, Op: 1, Machine: 0, SetupStart: 5, Start: 5, End: 7, Operators: []int{0}}
		}), OperatorCapacity, "operator_pools[0]", []string{`operator pool "welders" has 2 operator(s) in use at 5`, `job "J2" op "b"`, "capacity is 1"}},
		{"fixed moved", withSmall(func(p *model.Problem, s *Schedule) {
			p.Jobs[0].Operations[0].Fixed = &model.Fixed{Machine: "M1", SetupStart: 0, Start: 0, End: 3}
			s.Assignments[0] = asg(0, 0, 0, 1, 4)
		}), Fixed, "assignments[0]", []string{`job "J1" op "a" is fixed on machine "M1"`, "start 0, end 3", "start 1, end 4"}},
		{"model: unknown material", withSmall(func(p *model.Problem, s *Schedule) {
			p.Jobs[0].Operations[0].Consumes = []model.MaterialQty{{Material: "gold", Quantity: 1}}
		}), Model, "jobs[0].operations[0].consumes[0].material", []string{`unknown material "gold"`}},
		{"model: unknown setup matrix", withSmall(func(p *model.Problem, s *Schedule) { p.Machines[1].SetupMatrix = "nope" }),
			Model, "machines[1].setup_matrix", []string{`unknown setup matrix "nope"`}},
	}
}

func TestCheckEveryKind(t *testing.T) {
	covered := map[Kind]bool{}
	for _, tc := range checkCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, s := tc.build(t)
			vs := Check(p, s)
			if len(vs) != 1 {
				t.Fatalf("want exactly one %s violation, got %d:\n%s", tc.kind, len(vs), list(vs))
			}
			v := vs[0]
			if v.Kind != tc.kind {
				t.Errorf("kind = %s, want %s (%v)", v.Kind, tc.kind, v)
			}
			if v.Path != tc.path {
				t.Errorf("path = %q, want %q (%v)", v.Path, tc.path, v)
			}
			for _, w := range tc.want {
				if !strings.Contains(v.Message, w) {
					t.Errorf("message %q does not contain %q", v.Message, w)
				}
			}
			if err := Verify(p, s); err == nil || !strings.Contains(err.Error(), tc.kind.String()) {
				t.Errorf("Verify = %v, want an error naming %s", err, tc.kind)
			}
		})
		covered[tc.kind] = true
	}
	for _, k := range Kinds() {
		if !covered[k] {
			t.Errorf("no table case for violation kind %s", k)
		}
	}
}

func list(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %v\n", v)
	}
	return b.String()
}

func TestCheckFeasible(t *testing.T) {
	cases := []struct {
		name  string
		build func(t *testing.T) (*model.Problem, *Schedule)
	}{
		{"small", withSmall(func(*model.Problem, *Schedule) {})},
		{"ft06 optimal", func(*testing.T) (*model.Problem, *Schedule) { return ft06(), ft06Optimal() }},
		{"setups", withSetups(func(*model.Problem, *Schedule) {})},
		{"setups in Start order with equal families", withSetups(func(p *model.Problem, s *Schedule) {
			p.Jobs[1].Operations[1].SetupFamily = "A"
			s.Assignments[3] = asg(1, 1, 0, 4, 6)
		})},
		{"materials with a receipt and a producer", withMaterials(func(*model.Problem, *Schedule) {})},
		{"materials produced and consumed at the same instant", withMaterials(func(p *model.Problem, s *Schedule) {
			s.Assignments[3] = asg(1, 1, 0, 8, 10) // frame produced at 8, consumed at 8
		})},
		{"operators", withOperators(func(*model.Problem, *Schedule) {})},
		{"operators back to back", withOperators(func(p *model.Problem, s *Schedule) {
			s.Assignments[3] = Assignment{Job: 1, Op: 1, Machine: 0, SetupStart: 6, Start: 6, End: 8, Operators: []int{0}}
		})},
		{"plant with calendars", withPlant(func(*model.Problem, *Schedule) {})},
		{"resumable without pause", withPlant(func(p *model.Problem, s *Schedule) {
			s.Assignments[1] = asg(0, 1, 1, tue+10*60, tue+20*60)
		})},
		{"fixed outside the calendar and before the release", withPlant(func(p *model.Problem, s *Schedule) {
			p.Jobs[0].Release = h6
			p.Jobs[0].Operations[0].Fixed = &model.Fixed{Machine: "M1", SetupStart: h6 - 200, Start: h6 - 200, End: h6 - 20}
			s.Assignments[0] = asg(0, 0, 0, h6-200, h6-20)
		})},
		{"resumable setup across the night", withPlant(func(p *model.Problem, s *Schedule) {
			p.SetupMatrices = []model.SetupMatrix{{ID: "S", Initial: 60}}
			p.Machines[1].SetupMatrix = "S"
			// 21:30-22:00 and Tuesday 10:00-10:30 (after the maintenance).
			s.Assignments[1] = Assignment{Job: 0, Op: 1, Machine: 1, SetupStart: h22 - 30, Start: tue + 630, End: tue + 630 + 600}
		})},
		{"deadline met", withSmall(func(p *model.Problem, s *Schedule) { p.Jobs[1].Deadline = model.Tick(6) })},
		{"zero duration", withSmall(func(p *model.Problem, s *Schedule) {
			p.Jobs[0].Operations[1].Alternatives[0].Duration = 0
			s.Assignments[1] = asg(0, 1, 1, 4, 4)
		})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, s := tc.build(t)
			if vs := Check(p, s); vs != nil {
				t.Fatalf("want no violation, got:\n%s", list(vs))
			}
			if err := Verify(p, s); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestCheckFT06OptimalMakespan(t *testing.T) {
	p, s := ft06(), ft06Optimal()
	if got := Makespan(s); got != 55 {
		t.Errorf("makespan = %d, want 55", got)
	}
	// Any single operation moved one tick earlier breaks the schedule or
	// keeps it feasible; moving every operation of a critical job earlier
	// must not be feasible (55 is optimal), so a tight schedule must have
	// no slack everywhere: check that shortening the makespan by shifting
	// the last operation fails.
	last := -1
	for i, a := range s.Assignments {
		if a.End == 55 {
			last = i
		}
	}
	s.Assignments[last].Start--
	s.Assignments[last].SetupStart--
	s.Assignments[last].End--
	if vs := Check(p, s); len(vs) == 0 {
		t.Errorf("moving the last operation earlier stays feasible: the reference schedule is not tight")
	}
}

func TestCheckNeverPanics(t *testing.T) {
	p, s := small()
	if vs := Check(p, nil); len(vs) != 4 || vs[0].Kind != Missing {
		t.Errorf("nil schedule: %v", vs)
	}
	if vs := Check(nil, s); len(vs) != 1 || vs[0].Kind != Model {
		t.Errorf("nil problem: %v", vs)
	}
	if vs := Check(&model.Problem{}, &Schedule{}); vs != nil {
		t.Errorf("empty problem: %v", vs)
	}
	// A problem whose calendars cannot be expanded (no epoch).
	noEpoch := plant(t)
	noEpoch.Epoch = time.Time{}
	vs := Check(noEpoch, plantSchedule())
	if len(vs) == 0 || vs[0].Kind != Model {
		t.Errorf("calendar without epoch: %v", vs)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		g := garbage(rng, 3, 3, 3)
		Check(plant(t), g)
		Check(p, g)
	}
}

// garbage returns a random schedule with indices slightly out of range and
// absurd times.
func garbage(rng *rand.Rand, jobs, ops, machines int) *Schedule {
	s := &Schedule{}
	times := []int64{-5, 0, 1, 3, 4, 6, 100, 1 << 40, model.Forever, -model.Forever}
	for range rng.IntN(8) {
		a := Assignment{
			Job: rng.IntN(jobs+2) - 1, Op: rng.IntN(ops+2) - 1, Machine: rng.IntN(machines+2) - 1,
			SetupStart: times[rng.IntN(len(times))], Start: times[rng.IntN(len(times))], End: times[rng.IntN(len(times))],
		}
		for range rng.IntN(3) {
			a.Operators = append(a.Operators, rng.IntN(4)-1)
		}
		s.Assignments = append(s.Assignments, a)
	}
	return s
}

func TestCheckCap(t *testing.T) {
	p := &model.Problem{Machines: []model.Machine{{ID: "M"}}}
	s := &Schedule{}
	for j := range 2000 {
		p.Jobs = append(p.Jobs, model.Job{ID: fmt.Sprint(j), Operations: []model.Operation{op("M", 10)}})
		s.Assignments = append(s.Assignments, asg(j, 0, 0, 0, 10)) // all overlap
	}
	vs := Check(p, s)
	if len(vs) != MaxViolations {
		t.Fatalf("got %d violations, want the cap %d", len(vs), MaxViolations)
	}
	var ve *ViolationsError
	err := Verify(p, s)
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "and 980 more") {
		t.Errorf("Verify: %v", err)
	}
	if n := strings.Count(err.Error(), "\n"); n != 21 {
		t.Errorf("Verify lists %d lines, want 20 violations and a summary", n)
	}
}

func TestCheckDeterministic(t *testing.T) {
	p, s := small()
	s.Assignments[1] = asg(0, 1, 1, 3, 9)                     // overlap + duration
	s.Assignments[3] = asg(1, 1, 0, 2, 4)                     // overlap + precedence
	s.Assignments = append(s.Assignments, asg(1, 0, 1, 0, 4)) // duplicate
	first := Check(p, s)
	for range 10 {
		if got := Check(p, s); !slices.Equal(got, first) {
			t.Fatalf("Check is not deterministic:\n%s\nvs\n%s", list(first), list(got))
		}
	}
	kinds := make([]Kind, len(first))
	for i, v := range first {
		kinds[i] = v.Kind
	}
	want := []Kind{Duration, Duplicate, Overlap, Overlap, Precedence}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds = %v, want %v\n%s", kinds, want, list(first))
	}
}

func TestKindStrings(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		s := k.String()
		if s == "" || strings.HasPrefix(s, "kind(") || seen[s] {
			t.Errorf("kind %d has a bad or duplicate name %q", int(k), s)
		}
		seen[s] = true
	}
	if got := Kind(0).String(); got != "kind(0)" {
		t.Errorf("Kind(0) = %q", got)
	}
}

func FuzzCheck(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(7), uint64(99))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		rng := rand.New(rand.NewPCG(a, b))
		p, _ := withOperators(func(*model.Problem, *Schedule) {})(nil)
		Check(p, garbage(rng, 2, 2, 2))
		q, _ := withMaterials(func(*model.Problem, *Schedule) {})(nil)
		Check(q, garbage(rng, 2, 2, 2))
		Check(plant(t), garbage(rng, 2, 2, 2))
	})
}
