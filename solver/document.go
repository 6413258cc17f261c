package solver

import (
	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/schedule"
)

// StatusInvalid is the status of a result document whose schedule fails
// the independent check (schedule.Check), whatever the solver said: such a
// plan must never be taken for a feasible one.
const StatusInvalid = "invalid"

// NewDocument returns the result document (schema/result.schema.json) of res, a
// result of solving p for objective obj (Options.EffectiveObjective): the
// solver, the status, the objective and its name, the bound when known,
// the elapsed time (res.Stats.Elapsed), the assignments with the problem's
// IDs and datetimes, and the KPI summary (with the stock curves when p has
// materials or costs). Write it with encoding/json;
// read it back with schedule.ParseDocument, and compare what it claims
// with the schedule with Document.CheckClaims.
//
// NewDocument checks the schedule independently (schedule.Check) and
// returns the violations: when there are any, the document's status is
// StatusInvalid and its Violations list them, so that a plan that fails
// the check is never written as feasible. A result without a schedule
// gives a document without assignments.
func NewDocument(p *model.Problem, obj model.Objective, res *Result) (*schedule.Document, []schedule.Violation) {
	doc := schedule.NewDocument(p, res.Schedule)
	doc.Solver = res.Solver
	doc.Status = res.Status.String()
	doc.Objective = res.Objective
	doc.ObjectiveName = obj.String()
	doc.SetBound(res.Bound)
	doc.ElapsedMS = res.Stats.Elapsed.Milliseconds()
	if res.Schedule == nil {
		return doc, nil
	}
	if doc.KPIs != nil && (len(p.Materials) > 0 || schedule.HasCosts(p)) {
		doc.KPIs.Stock = schedule.NewStockSummary(schedule.ComputeStock(p, res.Schedule))
	}
	vs := schedule.Check(p, res.Schedule)
	if len(vs) > 0 {
		doc.Status = StatusInvalid
		for _, v := range vs {
			doc.Violations = append(doc.Violations, v.Error())
		}
	}
	return doc, vs
}
