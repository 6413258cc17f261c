package scenario_test

import (
	"fmt"

	"github.com/ordo-sched/ordo/scenario"
)

func ExampleMergePatch() {
	problem := []byte(`{"machines": [{"id": "LAT-01"}], "operator_pools": [{"id": "team", "capacity": 2}], "name": "plant"}`)
	patch := []byte(`{"operator_pools": [{"id": "team", "capacity": 3}], "name": null}`)
	out, err := scenario.MergePatch(problem, patch)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	// Output:
	// {"machines":[{"id":"LAT-01"}],"operator_pools":[{"capacity":3,"id":"team"}]}
}
