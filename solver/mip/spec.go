package mip

import (
	"fmt"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
)

// Limits are what the formulation refuses although Features allow it;
// the Spec's Check refuses all but the last before any work, Build the
// last (it depends on the horizon).
var Limits = []string{
	"resumable operations on a machine with a calendar or downtime",
	"a machine with both sequence-dependent setups and a calendar or downtime",
	"release dates together with setups (a released job whose operation can need a setup)",
	"setup matrices that violate the triangle inequality s(f,h) <= s(f,g) + pmin(g) + s(g,h)",
	"objective cost with night or weekend premiums, overtime windows, the hourly cost of sequence-dependent setups, or setup change costs on a machine running several setup families",
	fmt.Sprintf("more than %d non-working intervals of one machine over the horizon (found when the model is built)", MaxBlocks),
}

// descriptions are the one-sentence descriptions of the MIP solvers by name.
var descriptions = map[string]string{
	"mip":         "MIP (disjunctive formulation) with the best available backend: CBC binding, lp_solve binding, or cbc/glpsol/lp_solve on PATH",
	"mip:exec":    "MIP (disjunctive formulation) solved by cbc, glpsol or lp_solve found on PATH",
	"mip:cbc":     "MIP (disjunctive formulation) solved in-process by CBC (build tag cbc)",
	"mip:lpsolve": "MIP (disjunctive formulation) solved in-process by lp_solve 5.5 (build tag lpsolve)",
}

// Objectives are the criteria the formulation expresses (cost only
// within the Limits).
var Objectives = []model.Criterion{model.Makespan, model.WeightedTardiness, model.MaxLateness, model.LateJobs, model.FlowTime, model.WeightedEarliness, model.Cost}

// Spec returns what the solver is and accepts: Features, Objectives
// (non-negative weights), and the Limits, checked before any work.
func (s *Solver) Spec() solver.Spec {
	name := s.name()
	desc, ok := descriptions[name]
	if !ok {
		desc = descriptions["mip"]
		if s.Backend != nil {
			desc = "MIP (disjunctive formulation) solved by " + s.Backend.Name()
		}
	}
	return solver.Spec{
		Name:        name,
		Description: desc,
		Features:    Features,
		Objectives:  Objectives,
		Limits:      Limits,
		Check:       Supports,
	}
}

// Supports returns nil when the formulation can express p with objective
// obj, and otherwise an error wrapping solver.ErrUnsupported naming what it
// cannot (see Limits; the number of non-working intervals is only checked
// by Build). It is cheap: it builds no model.
func Supports(p *model.Problem, obj model.Objective) error {
	if len(obj.Terms) == 0 {
		obj = p.Objective
	}
	f := &Formulation{p: p, obj: obj.Normalized()}
	if err := f.check(); err != nil {
		return err
	}
	if err := f.resolveOps(p.NewIndex()); err != nil {
		return err
	}
	if err := f.checkSetups(); err != nil {
		return err
	}
	if err := f.checkCost(); err != nil {
		return err
	}
	for m := range p.Machines {
		mc := &p.Machines[m]
		if mc.Calendar == "" && len(mc.Downtime) == 0 {
			continue
		}
		for i := range f.ops {
			op := &f.ops[i]
			if op.fixed != nil {
				continue
			}
			for _, a := range op.alts {
				if a.m != m {
					continue
				}
				if p.Jobs[op.job].Operations[op.k].Resumable {
					return solver.Unsupported("mip", fmt.Sprintf(
						"resumable operation %q of job %q on machine %q with a calendar or downtime",
						p.Jobs[op.job].OpID(op.k), p.Jobs[op.job].ID, mc.ID))
				}
				if f.setup[m] != nil {
					return solver.Unsupported("mip", fmt.Sprintf(
						"machine %q has both sequence-dependent setups and a calendar or downtime", mc.ID))
				}
			}
		}
	}
	return nil
}
