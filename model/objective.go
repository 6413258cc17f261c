package model

import (
	"fmt"
	"strings"
)

// Criterion is one scheduling criterion, to be minimised.
type Criterion int

const (
	// Makespan is the latest end of any operation (ticks from the epoch).
	Makespan Criterion = iota
	// WeightedTardiness is the sum over jobs of weight x max(0, C - due).
	WeightedTardiness
	// MaxLateness is the maximum over jobs with a due date of C - due.
	MaxLateness
	// LateJobs is the number of jobs finishing after their due date.
	LateJobs
	// FlowTime is the sum over jobs of C - release.
	FlowTime
	// WeightedEarliness is the sum over jobs with a due date of
	// weight x max(0, due - C): with WeightedTardiness it makes the
	// just-in-time objective.
	WeightedEarliness
	// Cost is the total cost of the plan (Problem's cost fields; see
	// schedule.Cost).
	Cost
)

var criterionNames = []string{"makespan", "weighted_tardiness", "max_lateness", "late_jobs", "flow_time", "weighted_earliness", "cost"}

// String returns the criterion's name as used in JSON and on the command line.
func (c Criterion) String() string {
	if c >= 0 && int(c) < len(criterionNames) {
		return criterionNames[c]
	}
	return fmt.Sprintf("criterion(%d)", int(c))
}

// ParseCriterion parses a criterion name ("makespan", "weighted_tardiness",
// "max_lateness", "late_jobs", "flow_time", "weighted_earliness", "cost";
// also "twt", "lmax", "cmax").
func ParseCriterion(s string) (Criterion, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "makespan", "cmax":
		return Makespan, nil
	case "weighted_tardiness", "twt", "tardiness", "total_weighted_tardiness":
		return WeightedTardiness, nil
	case "max_lateness", "lmax":
		return MaxLateness, nil
	case "late_jobs", "late", "tardy_jobs":
		return LateJobs, nil
	case "flow_time", "flowtime", "total_flow_time":
		return FlowTime, nil
	case "weighted_earliness", "earliness":
		return WeightedEarliness, nil
	case "cost", "total_cost":
		return Cost, nil
	}
	return 0, fmt.Errorf("unknown objective %q (want makespan, weighted_tardiness, max_lateness, late_jobs, flow_time, weighted_earliness or cost)", s)
}

// Term is one weighted criterion of an objective.
type Term struct {
	Criterion Criterion
	Weight    float64
}

// Objective is a weighted sum of criteria, minimised. The zero value means
// makespan.
type Objective struct {
	Terms []Term
}

// Single returns the objective made of criterion c alone.
func Single(c Criterion) Objective { return Objective{Terms: []Term{{Criterion: c, Weight: 1}}} }

// Normalized returns the objective with defaults applied: makespan when
// empty.
func (o Objective) Normalized() Objective {
	if len(o.Terms) == 0 {
		return Single(Makespan)
	}
	return o
}

// IsMakespan reports whether the objective is makespan alone.
func (o Objective) IsMakespan() bool {
	n := o.Normalized()
	return len(n.Terms) == 1 && n.Terms[0].Criterion == Makespan && n.Terms[0].Weight > 0
}

// String formats the objective ("makespan", "weighted_tardiness",
// "1*makespan+0.5*flow_time").
func (o Objective) String() string {
	n := o.Normalized()
	if len(n.Terms) == 1 && n.Terms[0].Weight == 1 {
		return n.Terms[0].Criterion.String()
	}
	parts := make([]string, len(n.Terms))
	for i, t := range n.Terms {
		parts[i] = fmt.Sprintf("%g*%s", t.Weight, t.Criterion)
	}
	return strings.Join(parts, "+")
}

// ParseObjective parses a criterion name or a weighted sum such as
// "makespan+0.5*flow_time".
func ParseObjective(s string) (Objective, error) {
	var o Objective
	for _, part := range strings.Split(s, "+") {
		part = strings.TrimSpace(part)
		w := 1.0
		if i := strings.Index(part, "*"); i >= 0 {
			if _, err := fmt.Sscanf(part[:i], "%g", &w); err != nil {
				return Objective{}, fmt.Errorf("bad weight in objective term %q", part)
			}
			part = part[i+1:]
		}
		c, err := ParseCriterion(part)
		if err != nil {
			return Objective{}, err
		}
		o.Terms = append(o.Terms, Term{Criterion: c, Weight: w})
	}
	return o, nil
}
