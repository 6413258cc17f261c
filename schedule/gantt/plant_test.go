package gantt_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/examples"
	"github.com/ordo-sched/ordo/heuristics/dispatch"
	"github.com/ordo-sched/ordo/schedule"
	"github.com/ordo-sched/ordo/schedule/gantt"
	"github.com/ordo-sched/ordo/solver"
)

// TestExamplePlant draws a dispatching schedule of the example plant
// (calendars, setups, due dates) as SVG and as HTML.
func TestExamplePlant(t *testing.T) {
	p, err := examples.Plant()
	if err != nil {
		t.Fatal(err)
	}
	res, err := dispatch.WithRule(context.Background(), p, nil, solver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if vs := schedule.Check(p, res.Schedule); len(vs) > 0 {
		t.Fatalf("dispatch schedule infeasible: %v", vs[0])
	}
	var svg, page bytes.Buffer
	if err := gantt.SVG(&svg, p, res.Schedule, gantt.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := gantt.HTML(&page, p, res.Schedule, gantt.Options{}); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"svg": svg.Bytes(), "html": page.Bytes()} {
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", name, err)
			}
		}
	}
	out := svg.String()
	if n := strings.Count(out, `class="bar"`); n != len(res.Schedule.Assignments) {
		t.Errorf("%d bars for %d operations", n, len(res.Schedule.Assignments))
	}
	for _, want := range []string{`class="nonworking"`, "<title>", machineLabel(p.Machines[0].Name, p.Machines[0].ID)} {
		if !strings.Contains(out, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if dir := os.Getenv("GANTT_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, "plant.svg"), svg.Bytes(), 0o644)
		os.WriteFile(filepath.Join(dir, "plant.html"), page.Bytes(), 0o644)
	}
}

func machineLabel(name, id string) string {
	if name != "" {
		return name
	}
	return id
}
