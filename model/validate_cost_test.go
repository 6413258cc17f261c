package model

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestValidateCosts gives bad cost fields in JSON and in Go and expects
// one located issue for each.
func TestValidateCosts(t *testing.T) {
	data := `{"machines": [{"id": "M", "cost_per_hour": -5, "night_premium": 20,
	    "overtime": [{"start": 100, "end": 200, "cost_per_hour": 90}, {"start": 150, "end": 160}, {"start": 300, "end": 300}]}],
	  "materials": [{"id": "steel", "holding_cost_per_day": -0.1}],
	  "jobs": [{"id": "J", "lateness_cost_per_day": -1, "holding_cost_per_day": 2, "operations": [{"machine": "M", "duration": 5}]}]}`
	_, err := DecodeValid([]byte(data))
	var is Issues
	if !errors.As(err, &is) {
		t.Fatalf("want issues, got %v", err)
	}
	want := map[string]string{
		"machines[0].cost_per_hour":         "must not be negative",
		"machines[0].night_premium":         "at most 10",
		"machines[0].overtime[1]":           "overlaps machines[0].overtime[0]",
		"machines[0].overtime[2]":           "must end after it starts",
		"materials[0].holding_cost_per_day": "must not be negative",
		"jobs[0].lateness_cost_per_day":     "must not be negative",
	}
	got := map[string]string{}
	for _, i := range is {
		got[i.Path] = i.Message
		if i.Line == 0 {
			t.Errorf("%s: not located in the JSON text", i.Path)
		}
	}
	for path, msg := range want {
		if !strings.Contains(got[path], msg) {
			t.Errorf("%s: got %q, want %q", path, got[path], msg)
		}
	}
	if len(is) != len(want) {
		t.Errorf("%d issues, want %d: %v", len(is), len(want), is)
	}
	p := &Problem{
		Machines: []Machine{{ID: "M", CostPerHour: math.NaN(), SetupChangeCost: math.Inf(1), WeekendPremium: 2}},
		Jobs:     []Job{{ID: "J", HoldingCostPerDay: 1e13, Operations: []Operation{{Alternatives: []Alternative{{Machine: "M", Duration: 1}}}}}},
	}
	is = p.Validate()
	if len(is) != 3 || !strings.Contains(is.Error(), "machines[0].cost_per_hour") || !strings.Contains(is.Error(), "setup_change_cost") ||
		!strings.Contains(is.Error(), "jobs[0].holding_cost_per_day") {
		t.Errorf("Go problem: %v", is)
	}
}
