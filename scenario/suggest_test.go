package scenario

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/schedule"
)

// confirm solves a suggestion's changed problem on its own and checks that
// its figures, and so its gains, are those Suggest reported.
func confirm(t *testing.T, base []byte, cfg Config, s *Suggestions, sg Suggestion) {
	t.Helper()
	_, p, err := sg.Apply(base)
	if err != nil {
		t.Fatalf("%s: %v", sg.Name, err)
	}
	res, err := cfg.Solver.Solve(context.Background(), p, cfg.Options)
	if err != nil {
		t.Fatalf("%s: %v", sg.Name, err)
	}
	if v := schedule.Check(p, res.Schedule); len(v) > 0 {
		t.Fatalf("%s: infeasible plan: %v", sg.Name, v[0])
	}
	k := schedule.ComputeKPIs(p, res.Schedule)
	if k.LateJobs != sg.Outcome.LateOrders || k.WeightedTardiness != sg.Outcome.WeightedTardiness {
		t.Errorf("%s: solved alone %d late, %g; Suggest said %d late, %g", sg.Name, k.LateJobs, k.WeightedTardiness, sg.Outcome.LateOrders, sg.Outcome.WeightedTardiness)
	}
	if g := s.Base.LateOrders - k.LateJobs; g != sg.GainLate {
		t.Errorf("%s: gain in late orders %d, Suggest said %d", sg.Name, g, sg.GainLate)
	}
	if g := s.Base.WeightedTardiness - k.WeightedTardiness; g != sg.GainTardiness {
		t.Errorf("%s: gain in weighted tardiness %g, Suggest said %g", sg.Name, g, sg.GainTardiness)
	}
}

// TestSuggestExamplePlant confirms the top five suggestions for the
// example plant by solving each changed problem separately.
func TestSuggestExamplePlant(t *testing.T) {
	cfg := Config{Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, Parallel: 2}
	s, err := Suggest(context.Background(), examples.PlantJSON, cfg, SuggestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Base.LateOrders == 0 || len(s.Bottlenecks) == 0 {
		t.Fatalf("base plan: %d late orders, %d bottlenecks; the example plant has late orders", s.Base.LateOrders, len(s.Bottlenecks))
	}
	if len(s.Suggestions) < 5 {
		t.Fatalf("%d suggestions, want at least 5", len(s.Suggestions))
	}
	for i, sg := range s.Suggestions[:5] {
		confirm(t, examples.PlantJSON, cfg, s, sg)
		if i > 0 {
			prev := s.Suggestions[i-1]
			if prev.GainTardiness < sg.GainTardiness || prev.GainTardiness == sg.GainTardiness && prev.GainLate < sg.GainLate {
				t.Errorf("%s ranked after %s with a larger gain", sg.Name, prev.Name)
			}
		}
	}
	top := s.Suggestions[0]
	if top.GainTardiness <= 0 {
		t.Errorf("the best change %s gains %g", top.Name, top.GainTardiness)
	}
	if top.Resource != s.Bottlenecks[0].Resource {
		t.Errorf("the best change is on %s, the main bottleneck is %s", top.Resource, s.Bottlenecks[0].Resource)
	}
	var b bytes.Buffer
	if err := s.WriteText(&b, 5); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), top.Name) || strings.Count(b.String(), "effect:") != 5 {
		t.Errorf("text:\n%s", b.String())
	}
}

// shortages is a unitless plant whose lateness comes from an operator
// pool (A and B need the only operator at the same time) and a material
// (C waits for the receipt at 20).
const shortages = `{
  "version": 1,
  "machines": [{"id": "M1"}, {"id": "M2"}, {"id": "M3"}],
  "materials": [{"id": "steel", "initial": 0, "receipts": [{"at": 20, "quantity": 5}, {"at": 50, "quantity": 5}]}],
  "operator_pools": [{"id": "team", "skills": ["x"], "capacity": 1}],
  "jobs": [
    {"id": "A", "due": 10, "operations": [{"machine": "M1", "duration": 10, "operators": [{"skill": "x", "count": 1}]}]},
    {"id": "B", "due": 10, "operations": [{"machine": "M2", "duration": 10, "operators": [{"skill": "x", "count": 1}]}]},
    {"id": "C", "due": 5, "operations": [{"machine": "M3", "duration": 5, "consumes": [{"material": "steel", "quantity": 5}]}]}
  ],
  "objective": "weighted_tardiness"
}`

func TestSuggestOperatorsAndMaterials(t *testing.T) {
	base := []byte(shortages)
	cfg := Config{Solver: &dispatch.Solver{Name: "dispatch"}}
	s, err := Suggest(context.Background(), base, cfg, SuggestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Base.LateOrders != 2 {
		t.Fatalf("base plan: %d late orders, want 2 (B or A, and C)", s.Base.LateOrders)
	}
	kinds := map[string]Suggestion{}
	for _, sg := range s.Suggestions {
		kinds[sg.Kind] = sg
		confirm(t, base, cfg, s, sg)
	}
	if len(kinds) != 2 {
		t.Fatalf("suggestions %v, want an operator and a receipt (machines without calendars get no shifts)", kinds)
	}
	op, rc := kinds["operator"], kinds["receipt"]
	if op.Resource != "team" || op.GainLate != 1 || !strings.Contains(string(op.Patch), `"capacity":2`) {
		t.Errorf("operator suggestion %+v", op)
	}
	if rc.Name != "receipt-steel-1" || rc.GainLate != 1 || rc.GainTardiness != 20 || !strings.Contains(string(rc.Patch), `"at":0`) {
		t.Errorf("receipt suggestion %+v: want the receipt at 20 moved to 0, C on time", rc)
	}
}

func TestSuggestNothingLate(t *testing.T) {
	base := []byte(`{"version": 1, "machines": [{"id": "M"}], "jobs": [{"id": "A", "due": 10, "operations": [{"machine": "M", "duration": 3}]}]}`)
	s, err := Suggest(context.Background(), base, Config{Solver: &dispatch.Solver{Name: "dispatch"}}, SuggestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Suggestions) != 0 || s.Base.LateOrders != 0 {
		t.Errorf("on time plan: %d suggestions, %d late", len(s.Suggestions), s.Base.LateOrders)
	}
	var b bytes.Buffer
	if err := s.WriteText(&b, 5); err != nil || !strings.Contains(b.String(), "no suggestion") {
		t.Errorf("text %q, %v", b.String(), err)
	}
}

// TestCosts compares and suggests on the example plant with costs: every
// row has its cost, the tables their breakdown, and the suggestions'
// cost gains are confirmed by pricing the changed plans separately.
func TestCosts(t *testing.T) {
	base, err := os.ReadFile("../examples/plant-costs.json")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Solver: &dispatch.Solver{Name: "dispatch:best", Best: true}, Parallel: 2}
	s, err := Suggest(context.Background(), base, cfg, SuggestOptions{Machines: 1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Base.Cost == nil || s.Base.Cost.Total <= 0 {
		t.Fatalf("base cost %+v", s.Base.Cost)
	}
	for _, sg := range s.Suggestions {
		confirm(t, base, cfg, s, sg)
		_, p, err := sg.Apply(base)
		if err != nil {
			t.Fatal(err)
		}
		res, err := cfg.Solver.Solve(context.Background(), p, cfg.Options)
		if err != nil {
			t.Fatal(err)
		}
		c := schedule.ComputeCosts(p, res.Schedule)
		if sg.Outcome.Cost == nil || sg.Outcome.Cost.Total != c.Total || sg.GainCost != s.Base.Cost.Total-c.Total {
			t.Errorf("%s: cost %+v, gain %g; priced alone %g", sg.Name, sg.Outcome.Cost, sg.GainCost, c.Total)
		}
	}
	c, err := Compare(context.Background(), base, []Scenario{s.Suggestions[0].Scenario}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, c)
	if c.Rows[1].Cost == nil || c.Rows[1].Cost.Total != s.Suggestions[0].Outcome.Cost.Total {
		t.Errorf("compare prices the suggestion at %+v, suggest at %+v", c.Rows[1].Cost, s.Suggestions[0].Outcome.Cost)
	}
	var text, md bytes.Buffer
	if err := c.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "cost breakdown:") || !strings.Contains(text.String(), money(c.Rows[0].Cost.Total)) {
		t.Errorf("text without costs:\n%s", text.String())
	}
	if strings.Count(md.String(), "| scenario |") != 2 {
		t.Errorf("markdown: want the comparison and the cost breakdown:\n%s", md.String())
	}
}

func TestMoney(t *testing.T) {
	for x, want := range map[float64]string{0: "0.00", 12.345: "12.35", 1234: "1 234.00", -1234567.8: "-1 234 567.80", 999.999: "1 000.00"} {
		if got := money(x); got != want {
			t.Errorf("money(%g) = %q, want %q", x, got, want)
		}
	}
	if got := signedMoney(-0.001); got != "+0.00" {
		t.Errorf("signedMoney(-0.001) = %q", got)
	}
}
