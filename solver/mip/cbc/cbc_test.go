package cbc_test

import (
	"testing"

	"github.com/ordo-sched/ordo/solver/mip/cbc"
	"github.com/ordo-sched/ordo/solver/mip/lp/lptest"
)

func TestBackend(t *testing.T) {
	lptest.Run(t, cbc.New(), cbc.Available, "built without the cbc tag")
}
