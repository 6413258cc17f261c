package ga

import (
	"fmt"
	"testing"

	"github.com/ordo-sched/ordo/bench"
	"github.com/ordo-sched/ordo/internal/engine"
	"github.com/ordo-sched/ordo/model"
)

func TestDbg2(t *testing.T) {
	for _, name := range []string{"mk04", "mk10"} {
		p, err := bench.Load("/work/shared/instances/fjsp/"+name+".fjs", "")
		if err != nil {
			t.Fatal(err)
		}
		c, _ := engine.Compile(p)
		pd := newProblemData(c, model.Single(model.Makespan))
		par := Params{LocalSearch: -1}.withDefaults(c.NumOps)
		is := newIsland(0, pd, par, 1, true)
		is.stop = func() bool { return false }
		x := pd.newIndiv()
		for r := 0; r < 5; r++ {
			pd.randomize(x, is.rng, is.sc)
			is.eval(x)
			v0 := x.val
			w0 := is.work
			is.localSearch(x, 100000)
			fmt.Println(name, v0, "->", x.val, "decodes", is.work-w0, "crit", len(is.crit), "moves", len(is.cand))
		}
	}
}
