package solvertest

import (
	"slices"

	"github.com/ordo-sched/ordo/model"
)

// cloneProblem returns a deep copy of p, to detect solvers that modify
// their input.
func cloneProblem(p *model.Problem) *model.Problem {
	q := *p
	q.Machines = slices.Clone(p.Machines)
	for i := range q.Machines {
		q.Machines[i].Downtime = slices.Clone(q.Machines[i].Downtime)
	}
	q.Calendars = slices.Clone(p.Calendars)
	for i := range q.Calendars {
		c := &q.Calendars[i]
		c.Shifts = slices.Clone(c.Shifts)
		for k := range c.Shifts {
			c.Shifts[k].Days = slices.Clone(c.Shifts[k].Days)
		}
		c.Exceptions = slices.Clone(c.Exceptions)
	}
	q.SetupMatrices = slices.Clone(p.SetupMatrices)
	for i := range q.SetupMatrices {
		q.SetupMatrices[i].Entries = slices.Clone(q.SetupMatrices[i].Entries)
	}
	q.Materials = slices.Clone(p.Materials)
	for i := range q.Materials {
		q.Materials[i].Receipts = slices.Clone(q.Materials[i].Receipts)
	}
	q.OperatorPools = slices.Clone(p.OperatorPools)
	for i := range q.OperatorPools {
		q.OperatorPools[i].Skills = slices.Clone(q.OperatorPools[i].Skills)
	}
	q.Objective.Terms = slices.Clone(p.Objective.Terms)
	q.Jobs = slices.Clone(p.Jobs)
	for j := range q.Jobs {
		job := &q.Jobs[j]
		job.Due = clonePtr(job.Due)
		job.Deadline = clonePtr(job.Deadline)
		job.Operations = slices.Clone(job.Operations)
		for k := range job.Operations {
			o := &job.Operations[k]
			o.Alternatives = slices.Clone(o.Alternatives)
			o.After = slices.Clone(o.After)
			o.Consumes = slices.Clone(o.Consumes)
			o.Produces = slices.Clone(o.Produces)
			o.Operators = slices.Clone(o.Operators)
			o.Fixed = clonePtr(o.Fixed)
		}
	}
	return &q
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
