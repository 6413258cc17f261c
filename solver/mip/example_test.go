package mip_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/ordo-sched/ordo/model"
	"github.com/ordo-sched/ordo/solver/mip"
)

// Export writes the model in CPLEX LP format for any MIP solver; the
// variable names (S_j_k starts, Y order binaries, C_max) are documented in
// the package documentation.
func ExampleExport() {
	p := &model.Problem{
		Name:     "three jobs",
		Machines: []model.Machine{{ID: "saw"}, {ID: "drill"}},
		Jobs: []model.Job{
			{ID: "A", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "saw", Duration: 3}}},
				{Alternatives: []model.Alternative{{Machine: "drill", Duration: 2}}},
			}},
			{ID: "B", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "drill", Duration: 4}}},
				{Alternatives: []model.Alternative{{Machine: "saw", Duration: 1}}},
			}},
			{ID: "C", Operations: []model.Operation{
				{Alternatives: []model.Alternative{{Machine: "saw", Duration: 2}}},
				{Alternatives: []model.Alternative{{Machine: "drill", Duration: 3}}},
			}},
		},
	}
	var b strings.Builder
	if err := mip.Export(p, model.Single(model.Makespan), "lp", &b); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	sc := bufio.NewScanner(strings.NewReader(b.String()))
	for sc.Scan() {
		fmt.Println(sc.Text())
	}
	// Output:
	// \ three jobs
	// \ 9 variables (3 integer), 24 constraints
	// Minimize
	//  obj: C_max
	// Subject To
	//  prec_0: - S_0_0 + S_0_1 >= 3
	//  prec_1: - S_1_0 + S_1_1 >= 4
	//  prec_2: - S_2_0 + S_2_1 >= 2
	//  dA_0_0_1_1_0: S_0_0 - S_1_1 <= -3
	//  dA_0_0_2_0_0: S_0_0 - S_2_0 + 7 Y_0_0_2_0 <= 4
	//  dB_0_0_2_0_0: S_2_0 - S_0_0 - 6 Y_0_0_2_0 <= -2
	//  dA_0_1_2_1_1: S_0_1 - S_2_1 + 5 Y_0_1_2_1 <= 3
	//  dB_0_1_2_1_1: S_2_1 - S_0_1 - 5 Y_0_1_2_1 <= -3
	//  dB_1_1_2_0_0: S_2_0 - S_1_1 <= -2
	//  cmax_0_1: - S_0_1 + C_max >= 2
	//  cmax_1_1: - S_1_1 + C_max >= 1
	//  cmax_2_1: - S_2_1 + C_max >= 3
	//  mhead_0_0_0: S_0_0 + 2 Y_0_0_2_0 >= 2
	//  mtail_0_0_0: - S_0_0 - 2 Y_0_0_2_0 + C_max >= 4
	//  mhead_1_1_0: S_1_1 >= 5
	//  mtail_1_1_0: - S_1_1 + C_max >= 1
	//  mhead_2_0_0: S_2_0 - 3 Y_0_0_2_0 >= 0
	//  mtail_2_0_0: - S_2_0 + 3 Y_0_0_2_0 + C_max >= 6
	//  mhead_0_1_1: S_0_1 + 3 Y_0_1_2_1 >= 7
	//  mtail_0_1_1: - S_0_1 - 3 Y_0_1_2_1 + C_max >= 2
	//  mhead_1_0_1: S_1_0 >= 0
	//  mtail_1_0_1: - S_1_0 + C_max >= 9
	//  mhead_2_1_1: S_2_1 - 2 Y_0_1_2_1 >= 4
	//  mtail_2_1_1: - S_2_1 + 2 Y_0_1_2_1 + C_max >= 5
	// Bounds
	//  0 <= S_0_0 <= 4
	//  4 <= S_0_1 <= 7
	//  S_1_0 = 0
	//  4 <= S_1_1 <= 8
	//  0 <= S_2_0 <= 4
	//  4 <= S_2_1 <= 6
	//  0 <= Y_0_0_2_0 <= 1
	//  0 <= Y_0_1_2_1 <= 1
	//  C_max = 9
	// Generals
	//  Y_0_0_2_0 Y_0_1_2_1 C_max
	// End
}
