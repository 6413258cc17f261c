package dispatch

import (
	"context"
	"fmt"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// Classic builds a schedule under the textbook definitions used for the
// published rule comparisons (the makespans of the embedded
// pdr_reference_makespans.csv, see package instance): operations are appended to their machine (no insertion into
// earlier idle gaps), the earliest start of a job's next operation is
// max(job ready time, machine ready time), the scheme is NonDelay or
// Active (Giffler-Thompson), and ties go to the lowest job index. rule is
// a built-in rule name (spt, lpt, mwkr, lwkr, mopnr, fifo, ...).
//
// It is Build with Config{Scheme: scheme, Rule: the named rule}: the same
// engine, on its plain job-shop path.
func Classic(p *model.Problem, scheme Scheme, rule string) (*schedule.Schedule, error) {
	r, ok := RuleByName(rule)
	if !ok {
		return nil, fmt.Errorf("dispatch: unknown rule %q", rule)
	}
	if scheme != NonDelay && scheme != Active {
		return nil, fmt.Errorf("dispatch: classic mode has the non-delay and active schemes, not %v", scheme)
	}
	return Build(context.Background(), p, Config{Scheme: scheme, Rule: r})
}
