package model

import "strings"

// Features is a set of model features a problem uses, so that a solver can
// say precisely which one it does not support.
type Features uint32

// The model features.
const (
	FeatAlternatives Features = 1 << iota // operations with more than one machine
	FeatCalendars                         // machines or pools with calendars or downtime
	FeatResumable                         // resumable operations
	FeatSetups                            // sequence-dependent setups
	FeatMaterials                         // material consumption or production
	FeatOperators                         // operator requirements
	FeatReleaseDates                      // jobs with a release date
	FeatDueDates                          // jobs with a due date
	FeatDeadlines                         // jobs with a hard deadline
	FeatDAG                               // DAG routings or extra precedence links
	FeatLags                              // minimum time lags
	FeatFixed                             // fixed (frozen) operations
)

// AllFeatures is the set of every model feature.
const AllFeatures = FeatFixed<<1 - 1

var featureNames = []string{
	"alternative machines", "calendars", "resumable operations", "sequence-dependent setups",
	"materials", "operators", "release dates", "due dates", "deadlines",
	"precedence links", "time lags", "fixed operations",
}

// String lists the features by name, comma-separated.
func (f Features) String() string {
	var names []string
	for i, n := range featureNames {
		if f&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	if f&AllFeatures == AllFeatures {
		return "all"
	}
	return strings.Join(names, ", ")
}

// Has reports whether all features in g are in f.
func (f Features) Has(g Features) bool { return f&g == g }

// Features returns the set of model features p uses.
func (p *Problem) Features() Features {
	var f Features
	for i := range p.Machines {
		m := &p.Machines[i]
		if m.Calendar != "" || len(m.Downtime) > 0 {
			f |= FeatCalendars
		}
		if m.SetupMatrix != "" {
			f |= FeatSetups
		}
	}
	for i := range p.OperatorPools {
		if p.OperatorPools[i].Calendar != "" {
			f |= FeatCalendars
		}
	}
	for i := range p.Jobs {
		j := &p.Jobs[i]
		if j.Release != 0 {
			f |= FeatReleaseDates
		}
		if j.Due != nil {
			f |= FeatDueDates
		}
		if j.Deadline != nil {
			f |= FeatDeadlines
		}
		if j.Routing == DAG {
			f |= FeatDAG
		}
		for k := range j.Operations {
			op := &j.Operations[k]
			if len(op.Alternatives) > 1 {
				f |= FeatAlternatives
			}
			if op.Resumable {
				f |= FeatResumable
			}
			if len(op.Consumes) > 0 || len(op.Produces) > 0 {
				f |= FeatMaterials
			}
			if len(op.Operators) > 0 {
				f |= FeatOperators
			}
			if len(op.After) > 0 {
				f |= FeatDAG
			}
			if op.MinLag != 0 {
				f |= FeatLags
			}
			for _, l := range op.After {
				if l.MinLag != 0 {
					f |= FeatLags
				}
			}
			if op.Fixed != nil {
				f |= FeatFixed
			}
		}
	}
	return f
}
