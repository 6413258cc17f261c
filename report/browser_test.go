package report_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/internal/browsertest"
	"github.com/ordo-sched/ordo/report"
)

// writeFile writes what fn writes to dir/name.
func writeFile(t testing.TB, dir, name string, fn func(f *os.File) error) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserPages opens the example plant's dashboard and the work lists
// of Monday's morning shift in a headless browser: no console error, and
// something rendered.
func TestBrowserPages(t *testing.T) {
	b := browsertest.New(t)
	p, s := examplePlan(t)
	dir := t.TempDir()
	path := writeFile(t, dir, "dashboard.html", func(f *os.File) error {
		return report.Dashboard(f, p, s, report.DashboardOptions{})
	})
	pg := b.Open(path, "report-dashboard-example")
	pg.Check(t, "dashboard", 2000, 500)
	if pg.SVG < 3 {
		t.Errorf("dashboard has %d SVG charts, want the stock sparklines and the work in progress", pg.SVG)
	}

	loc, _ := time.LoadLocation("Europe/Paris")
	wls, err := report.WorkLists(p, s, report.WorkListOptions{Shift: time.Date(2026, 12, 14, 6, 0, 0, 0, loc), Teams: []report.Team{
		{Machines: []string{"LAT-01"}}, {Machines: []string{"GRD-01"}}, {Name: "assembly", Pool: "assembly-team"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range wls {
		wl := &wls[i]
		path := writeFile(t, dir, wl.Team+".html", func(f *os.File) error { return report.WriteWorkListHTML(f, p, wl) })
		pg := b.Open(path, "report-worklist-"+wl.Team)
		pg.Check(t, "work list "+wl.Team, 100, 10)
	}
}

// TestBrowserBigDashboard opens the dashboard of the 2,000-order plant: no
// console error, and something rendered (its load time is measured by
// BenchmarkBrowserBigDashboard).
func TestBrowserBigDashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and solves a 2,000-order plant")
	}
	b := browsertest.New(t)
	p, s := bigPlan(t)
	path := writeFile(t, t.TempDir(), "plant.html", func(f *os.File) error {
		return report.Dashboard(f, p, s, report.DashboardOptions{})
	})
	pg := b.Open(path, "report-dashboard-2000")
	pg.Check(t, "dashboard of 2,000 orders", 10000, 5000)
}

// BenchmarkBrowserBigDashboard measures how long the dashboard of the
// 2,000-order, 50-machine plant takes to open in headless Chromium (the
// target is under 2 s), and its size.
func BenchmarkBrowserBigDashboard(b *testing.B) {
	br := browsertest.New(b)
	p, s := bigPlan(b)
	path := writeFile(b, b.TempDir(), "plant.html", func(f *os.File) error {
		return report.Dashboard(f, p, s, report.DashboardOptions{})
	})
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	var total, event time.Duration
	n := 0
	for b.Loop() {
		pg := br.Open(path, "report-dashboard-2000-bench")
		if len(pg.Errors) > 0 {
			b.Fatalf("console errors: %v", pg.Errors)
		}
		total += pg.Load
		event += pg.LoadEvent
		n++
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "load-ms")
	b.ReportMetric(float64(event.Milliseconds())/float64(n), "loadevent-ms")
	b.ReportMetric(float64(fi.Size())/1e6, "MB")
}
