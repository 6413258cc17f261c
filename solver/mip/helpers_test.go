package mip

import (
	"testing"

	"github.com/ordo-sched/ordo/internal/testinst"
	"github.com/ordo-sched/ordo/model"
)

// loadJSP returns a job-shop instance of the data folder (the test is skipped
// when the folder is absent).
func loadJSP(t testing.TB, name string) *model.Problem {
	t.Helper()
	return testinst.Load(t, name)
}
