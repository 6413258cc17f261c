package bench

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/instance"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/solver"
)

// dispatchNew is RunSpec.New for a deterministic dispatching rule.
func dispatchNew(name string) (solver.Solver, error) {
	if name != "dispatch:edd" {
		return nil, fmt.Errorf("unknown solver %q", name)
	}
	return &dispatch.Solver{Name: name, Config: dispatch.Config{Rule: dispatch.EDD}}, nil
}

// TestRunCostsSeveralObjectives runs the example plant with costs for three
// objectives in one campaign: one record per objective with its rank, each
// with the cost breakdown that schedule.ComputeCosts gives for the same
// (deterministic) plan solved outside bench, stored in results.csv and
// results.jsonl and read back, and the cost table compares them.
func TestRunCostsSeveralObjectives(t *testing.T) {
	path := filepath.Join("..", "examples", "plant-costs.json")
	p, err := model.DecodeFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var objs []model.Objective
	for _, s := range []string{"weighted_tardiness", "weighted_tardiness+0.1*weighted_earliness", "cost"} {
		o, err := model.ParseObjective(s)
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, o)
	}
	out := t.TempDir()
	spec := RunSpec{New: dispatchNew, Instances: []instance.InstanceRef{{Name: "plant-costs", Path: path, Format: instance.FormatJSON}},
		Solvers: []string{"dispatch:edd"}, Seeds: []uint64{1}, Objectives: objs, OutDir: out, Jobs: 1}
	recs, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(objs) {
		t.Fatalf("%d records, want %d", len(recs), len(objs))
	}
	for _, r := range recs {
		if !r.Checked || r.Costs == nil {
			t.Fatalf("%s: checked %v, costs %v, error %q", r.Objective, r.Checked, r.Costs, r.Error)
		}
		o := objs[r.ObjectiveRank]
		if r.Objective != o.String() {
			t.Errorf("record %q has rank %d (%q)", r.Objective, r.ObjectiveRank, o)
		}
		res, err := dispatchNewSolve(p, o)
		if err != nil {
			t.Fatal(err)
		}
		if v := schedule.Check(p, res.Schedule); len(v) > 0 {
			t.Fatalf("%s: %v", o, v[0])
		}
		c := schedule.ComputeCosts(p, res.Schedule)
		want := Costs{
			WeightedTardiness: schedule.Evaluate(p, res.Schedule, model.Single(model.WeightedTardiness)),
			WeightedEarliness: schedule.Evaluate(p, res.Schedule, model.Single(model.WeightedEarliness)),
			FinishedHolding:   c.FinishedHolding, MaterialHolding: c.MaterialHolding, Lateness: c.Lateness,
			Processing: c.Processing, Setups: c.Setups, Overtime: c.Overtime, Machine: c.Processing + c.Setups + c.Overtime, Total: c.Total,
		}
		if *r.Costs != want {
			t.Errorf("%s: costs %+v, want %+v", r.Objective, *r.Costs, want)
		}
		if r.Costs.Total <= 0 || r.Costs.Machine <= 0 {
			t.Errorf("%s: costs %+v", r.Objective, *r.Costs)
		}
	}

	// Stored, read back, resumed with the ranks of the new spec.
	back, err := ReadResults(out)
	if err != nil || len(back) != len(recs) {
		t.Fatalf("read back %d records: %v", len(back), err)
	}
	for _, b := range back {
		found := false
		for _, r := range recs {
			if r.Key() == b.Key() {
				found = true
				if b.Costs == nil || *b.Costs != *r.Costs {
					t.Errorf("%s: read back costs %v, want %v", b.Objective, b.Costs, r.Costs)
				}
			}
		}
		if !found {
			t.Errorf("read back an unknown run %s", b.Key())
		}
	}
	f, err := os.Open(filepath.Join(out, ResultsCSV))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != len(recs)+1 {
		t.Fatalf("results.csv: %d rows, %v", len(rows), err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "total_cost" {
			col = i
		}
	}
	if col < 0 || len(rows[0]) != len(CSVHeader) {
		t.Fatalf("results.csv header %v", rows[0])
	}
	for _, row := range rows[1:] {
		if len(row) != len(CSVHeader) || row[col] == "" {
			t.Errorf("results.csv row %v", row)
		}
	}
	reversed := spec
	reversed.Objectives = []model.Objective{objs[2], objs[1], objs[0]}
	solveCalls.Store(0)
	again, err := Run(context.Background(), reversed)
	if err != nil || len(again) != len(objs) {
		t.Fatalf("rerun: %d records, %v", len(again), err)
	}
	for _, r := range again {
		if want := len(objs) - 1 - indexOf(objs, r.Objective); r.ObjectiveRank != want || r.Costs == nil {
			t.Errorf("rerun: %s has rank %d, want %d (costs %v)", r.Objective, r.ObjectiveRank, want, r.Costs)
		}
	}

	table := CostTable(recs)
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) < 5 || !strings.Contains(lines[0], "finished-goods holding") {
		t.Fatalf("cost table:\n%s", table)
	}
	if !strings.HasPrefix(lines[2], "| plant-costs | dispatch:edd | weighted_tardiness | ") || strings.Contains(lines[2], "%") {
		t.Errorf("the reference row is %q", lines[2])
	}
	for _, l := range lines[3:5] {
		if !strings.Contains(l, " %)") {
			t.Errorf("row without change from the reference: %q", l)
		}
	}
	if strings.Count(table, "**") < 2 {
		t.Errorf("no cheapest total in bold:\n%s", table)
	}
	if h := Headline(recs); !strings.Contains(h, table) {
		t.Errorf("the headline lacks the cost table:\n%s", h)
	}
	data, err := json.Marshal(recs[0])
	if err != nil || !strings.Contains(string(data), `"finished_holding":`) {
		t.Errorf("JSON %s, %v", data, err)
	}
}

func dispatchNewSolve(p *model.Problem, o model.Objective) (*solver.Result, error) {
	sv, _ := dispatchNew("dispatch:edd")
	return sv.Solve(context.Background(), p, solver.Options{Seed: 1, Objective: o})
}

func indexOf(objs []model.Objective, name string) int {
	for i, o := range objs {
		if o.String() == name {
			return i
		}
	}
	return -1
}

// TestCostTableNoCosts: runs of problems without cost fields have no
// breakdown, and the headline has no cost table.
func TestCostTableNoCosts(t *testing.T) {
	recs := []Record{{Instance: "la01", Family: "la", Solver: "a", Objective: "makespan", Makespan: 666, Value: 666, BestUB: 666, Checked: true}}
	if CostTable(recs) != "" || strings.Contains(Headline(recs), "finished-goods") {
		t.Errorf("a cost table without costs")
	}
	p := instance.GeneratePlant(instance.PlantConfig{Orders: 5, Seed: 1})
	if schedule.HasCosts(p) {
		t.Fatal("the generated plant has cost fields")
	}
	if c := PlanCosts(p, &schedule.Schedule{}); c != nil {
		t.Errorf("costs %+v for a problem without cost fields", *c)
	}
}

func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{{0, "0"}, {999.4, "999"}, {1000, "1,000"}, {102280.2, "102,280"}, {-1234567, "-1,234,567"}} {
		if got := money(tc.v); got != tc.want {
			t.Errorf("money(%g) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
