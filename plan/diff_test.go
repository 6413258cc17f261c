package plan

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/ordo-sched/ordo/model"
)

func TestCompare(t *testing.T) {
	pl := base(t)
	np := replan(t, pl, &Events{Now: 5, Events: []Event{Breakdown("M2", 12, 20), OrderCancelled("J2"),
		OrderAdded(model.Job{ID: "J3", Operations: []model.Operation{{Alternatives: []model.Alternative{{Machine: "M1", Duration: 70}}}}})}})
	d := Compare(pl, np, model.Objective{})
	if len(d.Moved) != 1 || d.Moved[0] != (Move{Job: "J1", Op: 1, OpID: "weld", FromMachine: "M2", ToMachine: "M2", FromStart: 10, ToStart: 20, Shift: 10}) {
		t.Errorf("moved %+v", d.Moved)
	}
	if d.TotalShift != 10 || d.MaxShift != 10 || d.MachineChanges != 0 {
		t.Errorf("shift %d max %d machine changes %d", d.TotalShift, d.MaxShift, d.MachineChanges)
	}
	// J1 ends at 25 (due 16): late now.
	if len(d.NewlyLate) != 1 || d.NewlyLate[0] != "J1" || len(d.NoLongerLate) != 0 {
		t.Errorf("newly late %v, no longer late %v", d.NewlyLate, d.NoLongerLate)
	}
	if len(d.Added) != 1 || d.Added[0] != "J3" || len(d.Cancelled) != 1 || d.Cancelled[0] != "J2" {
		t.Errorf("added %v cancelled %v", d.Added, d.Cancelled)
	}
	if d.Before.Objective != 0 || d.After.Objective != 9 {
		t.Errorf("objective %g -> %g, want 0 -> 9", d.Before.Objective, d.After.Objective)
	}
	var b bytes.Buffer
	if err := d.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `objective (weighted_tardiness): 0 -> 9 (+9)
makespan: 2026-12-07 06:18 -> 2026-12-07 07:20; late orders: 0 -> 1; weighted tardiness: 0 -> 9; max lateness: -1m -> 9m
1 operation(s) moved, 0 changed machine; total shift 10m, largest 10m
  J1 op 1 (weld) on M2: 2026-12-07 06:10 -> 2026-12-07 06:20 (+10m)
newly late: J1
added: J3
cancelled: J2
`
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"moved", "machine_changes", "newly_late", "no_longer_late", "added", "cancelled", "before", "after", "total_shift", "max_shift"} {
		if _, ok := back[k]; !ok {
			t.Errorf("JSON diff has no %q: %s", k, js)
		}
	}
}
