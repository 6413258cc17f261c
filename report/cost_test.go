package report_test

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/report"
	"github.com/ordo-sched/ordo/schedule"
)

var (
	costOnce  sync.Once
	costP     *model.Problem
	costS     *schedule.Schedule
	costError error
)

// costPlan returns examples/plant-costs.json and its dispatch schedule,
// checked by schedule.Verify. Callers must not modify them.
func costPlan(t testing.TB) (*model.Problem, *schedule.Schedule) {
	t.Helper()
	costOnce.Do(func() {
		data, err := os.ReadFile("../examples/plant-costs.json")
		if err != nil {
			costError = err
			return
		}
		costP, costError = model.Decode(data)
		if costError != nil {
			return
		}
		if issues := costP.Validate(); len(issues) > 0 {
			costError = issues
			return
		}
		costS, costError = solve(costP)
	})
	if costError != nil {
		t.Fatal(costError)
	}
	return costP, costS
}

// parseAmount reads an amount with two decimals.
func parseAmount(t *testing.T, s string) float64 {
	t.Helper()
	if i := strings.IndexByte(s, '.'); i < 0 || len(s)-i != 3 {
		t.Errorf("amount %q: want two decimals", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v
}

func TestCostCSVAddsUp(t *testing.T) {
	p, s := costPlan(t)
	c := schedule.ComputeCosts(p, s)
	if c.Total <= 0 {
		t.Fatalf("the plan of plant-costs.json costs %v, want a positive total", c.Total)
	}
	var b strings.Builder
	if err := report.CostCSV(&b, p, s); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "scope,id,kind,amount" {
		t.Fatalf("header %q, want scope,id,kind,amount", recs[0])
	}
	var total, kinds, ordersMaterials, machines float64
	nTotal, nRows := 0, 0
	orderTotal := map[string]float64{}
	orderSum := map[string]float64{}
	machineSum := map[string]float64{}
	machineTotal := map[string]float64{}
	for _, r := range recs[1:] {
		v := parseAmount(t, r[3])
		switch r[0] {
		case "total":
			total, nTotal = v, nTotal+1
		case "kind":
			kinds += v
			if r[1] != r[2] {
				t.Errorf("kind row %q: id and kind differ", r)
			}
		case "order":
			if r[2] == "total" {
				orderTotal[r[1]] = v
			} else {
				orderSum[r[1]] += v
				ordersMaterials += v
				nRows++
			}
		case "machine":
			if r[2] == "total" {
				machineTotal[r[1]] = v
			} else {
				machineSum[r[1]] += v
				machines += v
			}
		case "material":
			ordersMaterials += v
			nRows++
		default:
			t.Errorf("row %q: unknown scope", r)
		}
	}
	if nTotal != 1 {
		t.Fatalf("%d total rows, want 1", nTotal)
	}
	near := func(a, b float64, n int) bool { return math.Abs(a-b) <= 0.005*float64(n+1)+1e-9 }
	if !near(total, c.Total, 0) {
		t.Errorf("total row %.2f, ComputeCosts %.4f", total, c.Total)
	}
	if !near(kinds, c.Total, len(report.CostKinds)) {
		t.Errorf("kind rows add up to %.2f, total %.4f", kinds, c.Total)
	}
	if !near(ordersMaterials, c.Total, nRows) {
		t.Errorf("order and material rows add up to %.2f, total %.4f", ordersMaterials, c.Total)
	}
	machineKinds := c.Processing + c.Setups + c.Overtime
	if !near(machines, machineKinds, len(recs)) {
		t.Errorf("machine rows add up to %.2f, processing+setups+overtime %.4f", machines, machineKinds)
	}
	if len(orderTotal) != len(p.Jobs) || len(machineTotal) != len(p.Machines) {
		t.Errorf("%d order totals for %d orders, %d machine totals for %d machines", len(orderTotal), len(p.Jobs), len(machineTotal), len(p.Machines))
	}
	for id, v := range orderTotal {
		if !near(orderSum[id], v, 5) {
			t.Errorf("order %s: rows add up to %.2f, its total row %.2f", id, orderSum[id], v)
		}
	}
	for id, v := range machineTotal {
		if !near(machineSum[id], v, 3) {
			t.Errorf("machine %s: rows add up to %.2f, its total row %.2f", id, machineSum[id], v)
		}
	}
}

func TestCostMarkdownTotals(t *testing.T) {
	p, s := costPlan(t)
	c := schedule.ComputeCosts(p, s)
	var b strings.Builder
	if err := report.CostMarkdown(&b, p, s); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if !strings.Contains(md, "**Total: "+strconv.FormatFloat(c.Total, 'f', 2, 64)+"**") {
		t.Errorf("markdown lacks the total %.2f:\n%s", c.Total, md[:min(len(md), 400)])
	}
	// Every table's last-but-one column (Total) of the order table adds up
	// to the total less material holding; read them back independently.
	section := func(head string) []string {
		i := strings.Index(md, head)
		if i < 0 {
			t.Fatalf("markdown lacks %q", head)
		}
		rest := md[i+len(head):]
		if j := strings.Index(rest, "\n## "); j >= 0 {
			rest = rest[:j]
		}
		var rows []string
		for _, l := range strings.Split(rest, "\n") {
			if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| Order") && !strings.HasPrefix(l, "| Machine") && !strings.HasPrefix(l, "| Kind") {
				rows = append(rows, l)
			}
		}
		return rows
	}
	cell := func(row string, fromEnd int) string {
		cs := strings.Split(strings.Trim(row, "| "), " | ")
		return strings.Trim(cs[len(cs)-1-fromEnd], "* ")
	}
	orders := section("## By order")
	if len(orders) != len(p.Jobs) {
		t.Errorf("%d order rows, want %d", len(orders), len(p.Jobs))
	}
	var sum float64
	for _, r := range orders {
		sum += parseAmount(t, cell(r, 1))
	}
	want := c.Total - c.MaterialHolding
	if math.Abs(sum-want) > 0.005*float64(len(orders)+1) {
		t.Errorf("order totals add up to %.2f, want %.4f", sum, want)
	}
	machines := section("## By machine")
	if len(machines) != len(p.Machines) {
		t.Errorf("%d machine rows, want %d", len(machines), len(p.Machines))
	}
	sum = 0
	for _, r := range machines {
		sum += parseAmount(t, cell(r, 1))
	}
	if want := c.Processing + c.Setups + c.Overtime; math.Abs(sum-want) > 0.005*float64(len(machines)+1) {
		t.Errorf("machine totals add up to %.2f, want %.4f", sum, want)
	}
	kinds := section("## By kind")
	sum = 0
	for _, r := range kinds {
		if strings.Contains(r, "**total**") {
			continue
		}
		sum += parseAmount(t, cell(r, 1))
	}
	if math.Abs(sum-c.Total) > 0.005*float64(len(kinds)+1) {
		t.Errorf("kinds add up to %.2f, want %.4f", sum, c.Total)
	}
}

func TestCostReportErrors(t *testing.T) {
	p, s := costPlan(t)
	bad := *s
	bad.Assignments = append([]schedule.Assignment(nil), s.Assignments...)
	bad.Assignments[0].Machine = len(p.Machines) + 3
	var b strings.Builder
	if err := report.CostCSV(&b, p, &bad); err == nil {
		t.Error("CostCSV accepted an assignment on an unknown machine")
	}
	if err := report.CostMarkdown(&b, p, nil); err == nil {
		t.Error("CostMarkdown accepted a nil schedule")
	}
}

// grouped writes v with two decimals and its thousands separated by
// narrow no-break spaces.
func grouped(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	for i := len(s) - 6; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "\u202f" + s[i:]
	}
	return s
}

func TestDashboardCostSection(t *testing.T) {
	p, s := costPlan(t)
	c := schedule.ComputeCosts(p, s)
	var b strings.Builder
	if err := report.Dashboard(&b, p, s, report.DashboardOptions{}); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	i := strings.Index(h, `<section id="costs"><h2>Cost</h2>`)
	if i < 0 {
		t.Fatal("the dashboard of plant-costs.json has no cost section")
	}
	sec := h[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	total := grouped(c.Total)
	if !strings.Contains(sec, "Total <b>"+total+"</b>") {
		t.Errorf("cost section lacks the total %s", total)
	}
	if !strings.Contains(h, `<a href="#costs">Cost</a>`) || !strings.Contains(h, `<a href="#costs">`+total+`</a>`) {
		t.Error("no link to the cost section in the navigation or the summary cards")
	}
	// One bar per kind, its amount the kind's.
	for _, k := range []struct {
		label string
		v     float64
	}{{"processing", c.Processing}, {"setups", c.Setups}, {"overtime", c.Overtime}, {"lateness", c.Lateness}, {"finished-goods holding", c.FinishedHolding}, {"material holding", c.MaterialHolding}} {
		if !strings.Contains(sec, "<tr><td>"+k.label+"</td><td class=\"num\">"+grouped(k.v)+"</td>") {
			t.Errorf("cost section lacks the bar of %s (%.2f)", k.label, k.v)
		}
	}
	// The most expensive order and machine are listed.
	topO, topM := 0, 0
	for j, o := range c.Orders {
		if o.Total > c.Orders[topO].Total {
			topO = j
		}
	}
	for m, mc := range c.Machines {
		if mc.Total > c.Machines[topM].Total {
			topM = m
		}
	}
	if !strings.Contains(sec, "<td>"+p.Jobs[topO].ID+"</td>") || !strings.Contains(sec, ">"+p.Machines[topM].ID) {
		t.Errorf("cost section lacks the most expensive order %s or machine %s", p.Jobs[topO].ID, p.Machines[topM].ID)
	}

	// The plant without costs has no cost section.
	p0, s0 := examplePlan(t)
	b.Reset()
	if err := report.Dashboard(&b, p0, s0, report.DashboardOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `id="costs"`) {
		t.Error("the plant without costs has a cost section")
	}
}

func TestTextCostLine(t *testing.T) {
	p, s := costPlan(t)
	c := schedule.ComputeCosts(p, s)
	var b strings.Builder
	if err := report.Text(&b, p, s, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	var line string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(l, "cost ") {
			line = l
		}
	}
	want := "cost " + strconv.FormatFloat(c.Total, 'f', 2, 64) + " "
	if !strings.HasPrefix(line, want) {
		t.Fatalf("no cost line starting %q in:\n%s", want, b.String())
	}
	// The largest kind comes first with its amount.
	big, name := c.Processing, "processing"
	for _, k := range []struct {
		n string
		v float64
	}{{"setups", c.Setups}, {"overtime", c.Overtime}, {"lateness", c.Lateness}, {"finished-goods holding", c.FinishedHolding}, {"material holding", c.MaterialHolding}} {
		if k.v > big {
			big, name = k.v, k.n
		}
	}
	if !strings.Contains(line, ": "+name+" "+strconv.FormatFloat(big, 'f', 2, 64)+" (") {
		t.Errorf("cost line %q does not lead with %s %.2f", line, name, big)
	}
	// No cost line for a problem without costs.
	p0, s0 := examplePlan(t)
	b.Reset()
	if err := report.Text(&b, p0, s0, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\ncost ") {
		t.Error("cost line for a problem without costs")
	}
}
