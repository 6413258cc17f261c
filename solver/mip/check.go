package mip

import (
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// check verifies schedule s of p with the independent oracle.
func check(p *model.Problem, s *schedule.Schedule) error { return schedule.Verify(p, s) }
