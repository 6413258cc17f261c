package model

import "slices"

// Clone returns a deep copy of p: changing the copy never changes p.
func (p *Problem) Clone() *Problem {
	q := p.CloneExceptJobs()
	for i := range q.Jobs {
		q.Jobs[i] = p.Jobs[i].Clone()
	}
	return q
}

// CloneExceptJobs returns a copy of p that shares nothing with p but the
// contents of its jobs: machines, calendars, setup matrices, materials,
// operator pools and the objective are deep copies, and the job list is a
// new slice whose jobs still share their operations and dates with p until
// the caller replaces them (with Job.Clone) before changing them. Replanning
// uses it to copy a large problem in which events change few jobs.
func (p *Problem) CloneExceptJobs() *Problem {
	q := *p
	q.Machines = slices.Clone(p.Machines)
	for i := range q.Machines {
		q.Machines[i].Downtime = slices.Clone(q.Machines[i].Downtime)
		q.Machines[i].Overtime = slices.Clone(q.Machines[i].Overtime)
	}
	q.Calendars = slices.Clone(p.Calendars)
	for i := range q.Calendars {
		q.Calendars[i] = p.Calendars[i].Clone()
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
	return &q
}

// Clone returns a deep copy of the calendar.
func (c *Calendar) Clone() Calendar {
	d := *c
	d.Shifts = slices.Clone(c.Shifts)
	for i := range d.Shifts {
		d.Shifts[i].Days = slices.Clone(d.Shifts[i].Days)
	}
	d.Exceptions = slices.Clone(c.Exceptions)
	return d
}

// Clone returns a deep copy of the job: its dates, operations,
// alternatives, links, materials, operator needs and fixed placements.
func (j *Job) Clone() Job {
	k := *j
	k.Due = clonePtr(j.Due)
	k.Deadline = clonePtr(j.Deadline)
	k.Operations = slices.Clone(j.Operations)
	for i := range k.Operations {
		op := &k.Operations[i]
		op.Alternatives = slices.Clone(op.Alternatives)
		op.After = slices.Clone(op.After)
		op.Consumes = slices.Clone(op.Consumes)
		op.Produces = slices.Clone(op.Produces)
		op.Operators = slices.Clone(op.Operators)
		op.Fixed = clonePtr(op.Fixed)
		if op.Fixed != nil {
			op.Fixed.Pools = slices.Clone(op.Fixed.Pools)
		}
	}
	return k
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
