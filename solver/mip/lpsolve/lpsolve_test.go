package lpsolve_test

import (
	"testing"

	"github.com/ordo-sched/ordo/solver/mip/lp/lptest"
	"github.com/ordo-sched/ordo/solver/mip/lpsolve"
)

func TestBackend(t *testing.T) {
	lptest.Run(t, lpsolve.New(), lpsolve.Available, "built without the lpsolve tag")
}
