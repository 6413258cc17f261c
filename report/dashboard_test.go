package report_test

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/explain"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
)

func TestDashboardExamplePlant(t *testing.T) {
	p, s := examplePlan(t)
	var b strings.Builder
	err := report.Dashboard(&b, p, s, report.DashboardOptions{
		Sections: []report.Section{{ID: "extra", Title: "Extra section", HTML: "<p>extra body</p>"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	h := b.String()
	k := schedule.ComputeKPIs(p, s)
	for _, want := range []string{
		fmt.Sprintf("Late orders (%d)", k.LateJobs),
		"on-time delivery",
		"Machine load per day",
		"Operators' load per day",
		"Stock of purchased materials",
		"Work in progress",
		"Setup time",
		`<section id="extra"><h2>Extra section</h2>`,
		"Why late",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	for _, j := range k.Jobs {
		if j.Late && !strings.Contains(h, "<td>"+p.Jobs[j.Job].ID+"</td>") {
			t.Errorf("late order %s not listed", p.Jobs[j.Job].ID)
		}
	}
	// Each late order is explained by explain.Late's summary.
	ex, err := explain.Late(p, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Orders) == 0 {
		t.Fatal("the example plan has no late order to explain")
	}
	for _, o := range ex.Orders {
		if !strings.Contains(h, html.EscapeString(o.Summary)) {
			t.Errorf("late order %s: the dashboard lacks its explanation %q", o.Job, o.Summary)
		}
	}
	for _, m := range p.Machines {
		if !strings.Contains(h, ">"+m.ID+" <span>") {
			t.Errorf("machine %s has no heat-map row", m.ID)
		}
	}
	for _, bad := range []string{"http://", "https://", "<link", "src="} {
		if strings.Contains(h, bad) {
			t.Errorf("dashboard refers to an outside resource (%q)", bad)
		}
	}
}

func TestDashboardReasonsHook(t *testing.T) {
	p, s := examplePlan(t)
	var b strings.Builder
	calls := 0
	err := report.Dashboard(&b, p, s, report.DashboardOptions{Reasons: func(job int) string {
		calls++
		return "because of order " + p.Jobs[job].ID
	}})
	if err != nil {
		t.Fatal(err)
	}
	k := schedule.ComputeKPIs(p, s)
	if calls != k.LateJobs {
		t.Errorf("Reasons called %d times, want once per late order (%d)", calls, k.LateJobs)
	}
	if strings.Contains(b.String(), "the binding resource") {
		t.Error("the binding resource is shown although Reasons gave a reason")
	}
	for _, j := range k.Jobs {
		if j.Late && !strings.Contains(b.String(), "because of order "+p.Jobs[j.Job].ID) {
			t.Errorf("the reason of %s is missing", p.Jobs[j.Job].ID)
		}
	}
}

func TestDashboardErrors(t *testing.T) {
	p, s := examplePlan(t)
	var b strings.Builder
	if err := report.Dashboard(&b, p, s, report.DashboardOptions{Sections: []report.Section{{ID: "a b"}}}); err == nil || !strings.Contains(err.Error(), "sections[0]") {
		t.Errorf("got %v, want an error naming sections[0]", err)
	}
	bad := &schedule.Schedule{Assignments: []schedule.Assignment{{Job: len(p.Jobs)}}}
	if err := report.Dashboard(&b, p, bad, report.DashboardOptions{}); err == nil || !strings.Contains(err.Error(), "assignments[0]: job index") {
		t.Errorf("got %v, want an error naming assignments[0]", err)
	}
}

// TestDashboardBigPlantSize holds the dashboard of the 2,000-order plant
// under 5 MB.
func TestDashboardBigPlantSize(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and solves a 2,000-order plant")
	}
	p, s := bigPlan(t)
	var b strings.Builder
	if err := report.Dashboard(&b, p, s, report.DashboardOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("dashboard of %d orders: %d bytes", len(p.Jobs), b.Len())
	if b.Len() > 5<<20 {
		t.Errorf("dashboard weighs %d bytes, over 5 MB", b.Len())
	}
}
