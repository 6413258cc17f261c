package mip

import (
	"errors"
	"strings"
	"testing"

	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
)

// Build resolves identifiers through the problem's index and names the
// reference that does not resolve (model.Problem.Arcs alone would drop an
// unknown precedence link silently).
func TestBuildUnresolved(t *testing.T) {
	tests := []struct {
		name, want string
		edit       func(p *model.Problem)
	}{
		{"machine", "jobs[1].operations[2].alternatives[0].machine", func(p *model.Problem) {
			p.Jobs[1].Operations[2].Alternatives[0].Machine = "nope"
		}},
		{"setup matrix", "machines[0]", func(p *model.Problem) { p.Machines[0].SetupMatrix = "nope" }},
		{"link op", "jobs[2].operations[1].after[0]", func(p *model.Problem) {
			p.Jobs[2].Operations[1].After = []model.Link{{Op: "nope"}}
		}},
		{"link job", "jobs[3].operations[0].after[0]", func(p *model.Problem) {
			p.Jobs[3].Operations[0].After = []model.Link{{Job: "nope", Op: "0"}}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := testinst.FT06()
			tc.edit(p)
			_, err := Build(p, model.Single(model.Makespan), BuildOptions{})
			if err == nil || errors.Is(err, solver.ErrUnsupported) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error naming %s", err, tc.want)
			}
		})
	}
	// A link that resolves is a precedence arc of the model.
	p := testinst.FT06()
	p.Jobs[2].Operations[1].After = []model.Link{{Job: p.Jobs[0].ID, Op: "5"}}
	f, err := Build(p, model.Single(model.Makespan), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	succ, pred := f.ops[f.flat[2][1]], f.ops[f.flat[0][5]]
	if succ.es < pred.es+pred.pmin {
		t.Errorf("earliest start %d of the linked operation before its predecessor can end (%d)", succ.es, pred.es+pred.pmin)
	}
}
