package plan

import "github.com/ordo-sched/ordo/model"

// cloneProblem returns a deep copy of p.
func cloneProblem(p *model.Problem) *model.Problem { return p.Clone() }

// applyCopy returns the copy of p that Apply changes: deep, except that
// the jobs' operations (and due dates) are shared with p until Apply
// copies the lists it changes (applier.own).
func applyCopy(p *model.Problem) *model.Problem { return p.CloneExceptJobs() }

func cloneCalendar(c *model.Calendar) model.Calendar { return c.Clone() }

func cloneJob(j *model.Job) model.Job { return j.Clone() }
