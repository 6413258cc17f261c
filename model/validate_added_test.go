package model_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
)

// copyJob returns a deep copy of j.
func copyJob(j *model.Job) model.Job { return j.Clone() }

// breakJob applies one random mutation to job (a copy of a job of p), most
// of them making it invalid: each kind of issue a new order can have.
func breakJob(r *rand.Rand, p *model.Problem, job *model.Job) {
	ops := job.Operations
	op := func() *model.Operation {
		if len(ops) == 0 {
			return nil
		}
		return &ops[r.IntN(len(ops))]
	}
	other := &p.Jobs[r.IntN(len(p.Jobs))]
	o := op()
	if o == nil {
		return
	}
	alt := func() *model.Alternative {
		if len(o.Alternatives) == 0 {
			return nil
		}
		return &o.Alternatives[r.IntN(len(o.Alternatives))]
	}
	switch r.IntN(34) {
	case 0:
		job.ID = other.ID // duplicate of an existing job
	case 1:
		job.ID = ""
	case 2:
		job.ID = "bad\nid"
	case 3:
		job.Operations = nil
	case 4:
		o.Alternatives = nil
	case 5:
		if a := alt(); a != nil {
			a.Machine = "no-such-machine"
		}
	case 6:
		if a := alt(); a != nil {
			o.Alternatives = append(o.Alternatives, *a) // machine listed twice
		}
	case 7:
		if a := alt(); a != nil {
			a.Duration = -5
		}
	case 8:
		if a := alt(); a != nil {
			a.Duration = model.MaxDuration + 1
		}
	case 9:
		if a := alt(); a != nil {
			a.RunPerUnit = math.NaN()
		}
	case 10:
		o.Consumes = append(o.Consumes, model.MaterialQty{Material: "no-such-material", Quantity: 1})
	case 11:
		if len(p.Materials) > 0 {
			// more than any supply
			o.Consumes = append(o.Consumes, model.MaterialQty{Material: p.Materials[r.IntN(len(p.Materials))].ID, Quantity: 1e14})
		}
	case 12:
		o.Consumes = append(o.Consumes, model.MaterialQty{Material: "", Quantity: -1})
	case 13:
		o.Operators = append(o.Operators, model.OperatorNeed{Skill: "no-such-skill", Count: 1})
	case 14:
		if len(p.OperatorPools) > 0 && len(p.OperatorPools[0].Skills) > 0 {
			o.Operators = append(o.Operators, model.OperatorNeed{Skill: p.OperatorPools[0].Skills[0], Count: 1000})
		}
	case 15:
		o.After = append(o.After, model.Link{Job: "no-such-job", Op: "x"})
	case 16:
		o.After = append(o.After, model.Link{Job: other.ID, Op: "no-such-op"})
	case 17:
		o.After = append(o.After, model.Link{Op: job.OpID(len(ops) - 1)}) // a cycle within the job
	case 18:
		job.Routing = model.DAG
		for k := range ops {
			ops[k].After = append(ops[k].After, model.Link{Op: job.OpID((k + 1) % len(ops))})
		}
	case 19:
		job.Deadline = model.Tick(job.Release - 1)
	case 20:
		job.Deadline = model.Tick(job.Release + 1) // cannot be met
	case 21:
		job.Release = -10
	case 22:
		job.Release = model.Forever + 1
	case 23:
		if a := alt(); a != nil {
			a.Duration = 40 * 24 * 60 // longer than any working window
			a.RunPerUnit = 0
		}
	case 24:
		o.Resumable = true
		for a := range o.Alternatives {
			o.Alternatives[a].Duration = model.MaxDuration / 2 // longer than the horizon
			o.Alternatives[a].RunPerUnit = 0
		}
	case 25:
		job.Weight = -1
	case 26:
		job.LatenessCostPerDay = math.NaN()
	case 27:
		job.Routing = 7
	case 28:
		if len(ops) > 1 {
			ops[1].ID = ops[0].ID // duplicate operation id
			if ops[1].ID == "" {
				ops[0].ID, ops[1].ID = "same", "same"
			}
		}
	case 29:
		if a := alt(); a != nil && len(p.Jobs[0].Operations) > 0 {
			// a fixed operation, on top of whatever is there
			o.Fixed = &model.Fixed{Machine: a.Machine, SetupStart: 0, Start: 0, End: a.ProcessingTime(job.Quantity)}
		}
	case 30:
		o.SetupFamily = "fam\x00ily"
	case 31:
		job.Quantity = -3
	case 32:
		o.MinLag = -1
	default:
		// left valid: the fast path must find nothing either
	}
}

// TestValidateAddedMatchesValidate adds good and broken copies of jobs to
// valid random plants and holds ValidateAdded's issues equal to
// Validate's.
func TestValidateAddedMatchesValidate(t *testing.T) {
	cases, bad := 0, 0
	for seed := uint64(1); seed <= 24; seed++ {
		var p *model.Problem
		if seed%2 == 0 {
			p = instance.GeneratePlant(instance.PlantConfig{Seed: seed, Orders: 12, Machines: 5})
		} else {
			p = instance.RandomPlant(seed)
		}
		if is := p.Validate(); len(is) > 0 || len(p.Jobs) == 0 {
			continue
		}
		r := rand.New(rand.NewPCG(seed, 16))
		for trial := 0; trial < 15; trial++ {
			q := *p
			q.Jobs = slices.Clone(p.Jobs)
			from := len(q.Jobs)
			for n := 1 + r.IntN(2); n > 0; n-- {
				nj := copyJob(&p.Jobs[r.IntN(len(p.Jobs))])
				nj.ID = fmt.Sprintf("NEW-%d-%d", trial, n)
				for m := r.IntN(4) - 1; m >= 0; m-- { // a quarter stay valid
					breakJob(r, p, &nj)
				}
				q.Jobs = append(q.Jobs, nj)
			}
			want := q.Validate()
			got := q.ValidateAdded(from)
			cases++
			if len(want) > 0 {
				bad++
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("seed %d trial %d: ValidateAdded found\n%v\nValidate found\n%v", seed, trial, got, want)
			}
		}
	}
	t.Logf("%d cases, %d with issues", cases, bad)
	if cases < 150 || bad < cases/2 {
		t.Fatalf("%d cases, %d with issues: the test plants or mutations do not exercise the checks", cases, bad)
	}
}

// TestValidateAddedNoneAdded: with nothing added (from = len(p.Jobs)) or
// from <= 0, ValidateAdded is Validate.
func TestValidateAddedNoneAdded(t *testing.T) {
	p := instance.RandomPlant(3)
	bad := copyJob(&p.Jobs[0])
	bad.Weight = -1
	p.Jobs = append(p.Jobs, bad)
	want := p.Validate()
	if len(want) == 0 {
		t.Fatal("a job with a negative weight passes Validate")
	}
	for _, from := range []int{-1, 0} {
		if got := p.ValidateAdded(from); !reflect.DeepEqual(got, want) {
			t.Errorf("from %d: got %v, want %v", from, got, want)
		}
	}
	if got := p.ValidateAdded(len(p.Jobs) - 1); !reflect.DeepEqual(got, want) {
		t.Errorf("from the bad job: got %v, want %v", got, want)
	}
}
