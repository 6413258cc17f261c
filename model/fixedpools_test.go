package model

import (
	"slices"
	"strings"
	"testing"
)

// withFixedPools gives the second (fixed) operation of job W of the full
// problem two welders and an assembler, on pools.
func withFixedPools(p *Problem, pools ...string) {
	op := &p.Jobs[2].Operations[1]
	op.Operators = []OperatorNeed{{Skill: "weld", Count: 2}, {Skill: "assembly", Count: 1}}
	op.Fixed.Pools = pools
}

func TestFixedPoolsRoundTrip(t *testing.T) {
	p := fullProblem(t)
	withFixedPools(p, "solo", "team", "team")
	if err := p.Validate(); err != nil {
		t.Fatalf("valid problem: %v", err)
	}
	data := roundTrip(t, p)
	if !strings.Contains(string(data), `"pools": [`) {
		t.Errorf("Encode does not write the pools:\n%s", data)
	}
	q, err := DecodeValid(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Jobs[2].Operations[1].Fixed.Pools; !slices.Equal(got, []string{"solo", "team", "team"}) {
		t.Errorf("decoded pools %v", got)
	}
}

func TestFixedPoolsValidate(t *testing.T) {
	tests := []struct {
		name      string
		pools     []string
		path, msg string
	}{
		{"too few", []string{"solo", "team"}, "jobs[2].operations[1].fixed.pools", "gives 2 operator pool(s) but the operation needs 3 operators"},
		{"too many", []string{"solo", "team", "team", "team"}, "jobs[2].operations[1].fixed.pools", "gives 4 operator pool(s)"},
		{"unknown pool", []string{"solo", "crew", "team"}, "jobs[2].operations[1].fixed.pools[1]", `unknown operator pool "crew"`},
		{"missing skill", []string{"solo", "team", "solo"}, "jobs[2].operations[1].fixed.pools[2]", `operator pool "solo" does not have the skill "assembly"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fullProblem(t)
			withFixedPools(p, tt.pools...)
			is := p.Validate()
			for _, i := range is {
				if i.Path == tt.path && strings.Contains(i.Message, tt.msg) {
					return
				}
			}
			t.Errorf("no issue %s: ...%s...; got:\n%v", tt.path, tt.msg, is)
		})
	}
}

func TestFixedPoolsClone(t *testing.T) {
	p := fullProblem(t)
	withFixedPools(p, "solo", "team", "team")
	q := p.Clone()
	q.Jobs[2].Operations[1].Fixed.Pools[0] = "team"
	if got := p.Jobs[2].Operations[1].Fixed.Pools[0]; got != "solo" {
		t.Errorf("changing the clone's fixed pools changed the problem's: %q", got)
	}
}
