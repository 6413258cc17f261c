package solver_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type nopSolver struct{}

func (nopSolver) Solve(context.Context, *model.Problem, solver.Options) (*solver.Result, error) {
	return &solver.Result{}, nil
}

func TestRegistry(t *testing.T) {
	solver.Register(solver.Info{Name: "test:nop", Description: "does nothing", New: func() solver.Solver { return nopSolver{} }})
	s, err := solver.Get("test:nop")
	require.NoError(t, err)
	assert.NotNil(t, s)
	info, ok := solver.Lookup("test:nop")
	assert.True(t, ok)
	assert.Equal(t, "does nothing", info.Description)
	assert.Contains(t, solver.Names(), "test:nop")
	assert.Equal(t, len(solver.Names()), len(solver.List()))

	_, err = solver.Get("test:missing")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown solver "test:missing"`)
	assert.Contains(t, err.Error(), "test:nop", "the error lists what is registered")

	assert.Panics(t, func() {
		solver.Register(solver.Info{Name: "test:nop", New: func() solver.Solver { return nopSolver{} }})
	}, "duplicate names")
	assert.Panics(t, func() { solver.Register(solver.Info{Name: "test:nil"}) }, "nil constructor")
}

func TestCheckSupport(t *testing.T) {
	p := &model.Problem{
		Machines: []model.Machine{{ID: "M"}, {ID: "N"}},
		Jobs: []model.Job{{ID: "J", Release: 5, Operations: []model.Operation{
			{Alternatives: []model.Alternative{{Machine: "M", Duration: 3}, {Machine: "N", Duration: 4}}},
		}}},
	}
	assert.Equal(t, model.FeatAlternatives|model.FeatReleaseDates, p.Features())
	err := solver.CheckSupport("x", p, model.Objective{}, model.FeatReleaseDates, nil)
	require.Error(t, err)
	assert.True(t, errors.Is(err, solver.ErrUnsupported))
	assert.Contains(t, err.Error(), "alternative machines")
	assert.NoError(t, solver.CheckSupport("x", p, model.Objective{}, model.AllFeatures, nil))

	err = solver.CheckSupport("x", p, model.Single(model.FlowTime), model.AllFeatures, []model.Criterion{model.Makespan})
	require.Error(t, err)
	assert.True(t, errors.Is(err, solver.ErrUnsupported))
	assert.Contains(t, err.Error(), "flow_time")
	assert.NoError(t, solver.CheckSupport("x", p, model.Objective{}, model.AllFeatures, []model.Criterion{model.Makespan}),
		"an empty objective means makespan")
}

func TestOptions(t *testing.T) {
	p := &model.Problem{Objective: model.Single(model.LateJobs)}
	var o solver.Options
	assert.Equal(t, "late_jobs", o.EffectiveObjective(p).String())
	o.Objective = model.Single(model.Makespan)
	assert.Equal(t, "makespan", o.EffectiveObjective(p).String())
	assert.True(t, o.Deadline(time.Now()).IsZero())
	o.TimeLimit = time.Second
	start := time.Now()
	assert.Equal(t, start.Add(time.Second), o.Deadline(start))
}

func TestStrings(t *testing.T) {
	assert.Equal(t, "optimal", solver.Optimal.String())
	assert.Equal(t, "work_limit", solver.WorkLimit.String())
	assert.True(t, strings.HasPrefix(solver.Status(42).String(), "status("))
	assert.True(t, strings.HasPrefix(solver.Stop(42).String(), "stop("))
}
