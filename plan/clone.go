package plan

import (
	"slices"

	"github.com/ordo-sched/ordo/model"
)

// cloneProblem returns a deep copy of p: Apply changes the copy only.
func cloneProblem(p *model.Problem) *model.Problem {
	q := *p
	q.Machines = slices.Clone(p.Machines)
	for i := range q.Machines {
		q.Machines[i].Downtime = slices.Clone(q.Machines[i].Downtime)
	}
	q.Calendars = slices.Clone(p.Calendars)
	for i := range q.Calendars {
		q.Calendars[i] = cloneCalendar(&q.Calendars[i])
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
	q.Jobs = make([]model.Job, len(p.Jobs))
	for i := range p.Jobs {
		q.Jobs[i] = cloneJob(&p.Jobs[i])
	}
	q.Objective.Terms = slices.Clone(p.Objective.Terms)
	return &q
}

func cloneCalendar(c *model.Calendar) model.Calendar {
	d := *c
	d.Shifts = slices.Clone(c.Shifts)
	for i := range d.Shifts {
		d.Shifts[i].Days = slices.Clone(d.Shifts[i].Days)
	}
	d.Exceptions = slices.Clone(c.Exceptions)
	return d
}

func cloneJob(j *model.Job) model.Job {
	k := *j
	if j.Due != nil {
		k.Due = model.Tick(*j.Due)
	}
	if j.Deadline != nil {
		k.Deadline = model.Tick(*j.Deadline)
	}
	k.Operations = slices.Clone(j.Operations)
	for i := range k.Operations {
		op := &k.Operations[i]
		op.Alternatives = slices.Clone(op.Alternatives)
		op.After = slices.Clone(op.After)
		op.Consumes = slices.Clone(op.Consumes)
		op.Produces = slices.Clone(op.Produces)
		op.Operators = slices.Clone(op.Operators)
		if op.Fixed != nil {
			f := *op.Fixed
			op.Fixed = &f
		}
	}
	return k
}
