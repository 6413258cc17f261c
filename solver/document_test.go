package solver_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// twoJobs is one machine and two jobs of one operation each.
func docJobs() *model.Problem {
	return &model.Problem{
		Machines: []model.Machine{{ID: "M"}},
		Jobs: []model.Job{
			{ID: "A", Operations: []model.Operation{{ID: "a", Alternatives: []model.Alternative{{Machine: "M", Duration: 3}}}}},
			{ID: "B", Operations: []model.Operation{{ID: "b", Alternatives: []model.Alternative{{Machine: "M", Duration: 4}}}}},
		},
	}
}

func TestNewDocument(t *testing.T) {
	p := docJobs()
	good := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 3},
		{Job: 1, Op: 0, Machine: 0, SetupStart: 3, Start: 3, End: 7},
	}}
	res := &solver.Result{Solver: "test", Schedule: good, Status: solver.Optimal, Objective: 7, Bound: math.NaN(),
		Stats: solver.Stats{Elapsed: 1500 * time.Millisecond}}
	doc, vs := solver.NewDocument(p, model.Objective{}, res)
	if len(vs) != 0 {
		t.Fatalf("violations of a feasible plan: %v", vs)
	}
	if doc.Status != "optimal" || doc.Solver != "test" || doc.Objective != 7 || doc.Bound != nil || doc.ElapsedMS != 1500 ||
		doc.Makespan != 7 || len(doc.Assignments) != 2 || doc.Assignments[1].OpID != "b" || doc.ObjectiveName != "makespan" {
		t.Errorf("document %+v", doc)
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := schedule.ParseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := back.Schedule(p)
	if err != nil {
		t.Fatal(err)
	}
	if vs := schedule.Check(p, s); len(vs) != 0 {
		t.Fatal(vs)
	}
	if is := back.CheckClaims(p, s); len(is) != 0 {
		t.Errorf("claims of a written document: %v", is)
	}

	// Overlapping operations: the document says invalid, whatever the
	// solver claimed.
	bad := &schedule.Schedule{Assignments: []schedule.Assignment{
		{Job: 0, Op: 0, Machine: 0, SetupStart: 0, Start: 0, End: 3},
		{Job: 1, Op: 0, Machine: 0, SetupStart: 1, Start: 1, End: 5},
	}}
	res = &solver.Result{Solver: "test", Schedule: bad, Status: solver.Feasible, Objective: 5, Bound: 4}
	doc, vs = solver.NewDocument(p, model.Objective{}, res)
	if len(vs) == 0 || doc.Status != solver.StatusInvalid || len(doc.Violations) != len(vs) || doc.Bound == nil || *doc.Bound != 4 {
		t.Errorf("failed plan: status %q, %d violations, document %d", doc.Status, len(vs), len(doc.Violations))
	}

	// No schedule: no assignments, no violations.
	doc, vs = solver.NewDocument(p, model.Objective{}, &solver.Result{Status: solver.Infeasible, Bound: math.Inf(1)})
	if len(vs) != 0 || doc.Status != "infeasible" || len(doc.Assignments) != 0 || doc.Bound != nil {
		t.Errorf("no schedule: %+v, %v", doc, vs)
	}
}
