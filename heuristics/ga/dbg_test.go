package ga

import (
	"fmt"
	"testing"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
)

func TestDbg(t *testing.T) {
	p, err := bench.Load("/work/shared/instances/fjsp/mk04.fjs", "")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := engine.Compile(p)
	pd := newProblemData(c, model.Single(model.Makespan))
	for _, par0 := range []Params{{LocalSearch: -1}, {LocalSearch: -1, Population: 300}, {}, {Population: 300}} {
		par := par0.withDefaults(c.NumOps)
		is := newIsland(0, pd, par, 1, true)
		is.stop = func() bool { return false }
		is.limit = 60000
		is.init(nil)
		for !is.halt {
			is.generation()
		}
		s := 0.0
		for _, x := range is.pop {
			s += x.val
		}
		fmt.Println(par0, is.gens, is.best.val, s/float64(len(is.pop)))
	}
}
