package instance_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/ordo-sched/ordo/instance"
)

// ExampleReadJSP reads a tiny job shop in the standard format: two jobs,
// three machines, each job a line of (machine, duration) pairs.
func ExampleReadJSP() {
	const data = `# two jobs, three machines
2 3
0 3  1 2  2 2
2 4  0 1  1 3
`
	p, err := instance.ReadJSP(strings.NewReader(data), "tiny")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d jobs, %d machines\n", p.Name, len(p.Jobs), len(p.Machines))
	for _, job := range p.Jobs {
		fmt.Printf("job %s:", job.ID)
		for _, op := range job.Operations {
			a := op.Alternatives[0]
			fmt.Printf(" M%s for %d", a.Machine, a.Duration)
		}
		fmt.Println()
	}

	_, err = instance.ReadJSP(strings.NewReader("2 3\n0 3 x 2 2 2\n"), "bad.txt")
	fmt.Println(err)
	// Output:
	// tiny: 2 jobs, 3 machines
	// job 0: M0 for 3 M1 for 2 M2 for 2
	// job 1: M2 for 4 M0 for 1 M1 for 3
	// bad.txt: line 2: expected a machine number, got "x" (job 0, operation 1)
}

// ExampleTaillardInstance generates Taillard's ta01 and prints the start of
// it in the standard format.
func ExampleTaillardInstance() {
	p, err := instance.TaillardInstance("ta01")
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	if err := instance.WriteJSP(&b, p); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(b.String(), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[1][:35])
	// Output:
	// 15 15
	// 6 94 12 66 4 10 7 53 3 26 2 15 10 6
}

// ExampleWriteFJS writes a job shop in Brandimarte's format: machines are
// numbered from 1 in the file.
func ExampleWriteFJS() {
	p, err := instance.ReadJSP(strings.NewReader("2 2\n0 5 1 6\n1 7 0 8\n"), "two")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := instance.WriteFJS(os.Stdout, p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 2 2 1
	// 2 1 1 5 1 2 6
	// 2 1 2 7 1 1 8
}

// ExampleEmbedded finds instances of the data shipped inside the module by
// name, range and family, and reads one with its best known bounds.
func ExampleEmbedded() {
	data := instance.Embedded()
	refs, err := data.Find([]string{"ft06", "la01-la03", "mk"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(refs), "instances:", refs[0].Name, refs[1].Name, refs[4].Name, refs[4].Family)
	p, err := refs[0].Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	bounds, err := data.Bounds()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d jobs x %d machines, optimum %d\n", p.Name, len(p.Jobs), len(p.Machines), bounds[p.Name].UB)
	// Output:
	// 19 instances: ft06 la01 mk01 mk
	// ft06: 6 jobs x 6 machines, optimum 55
}

// ExampleGeneratePlant generates a small plant from its short form, as
// ordo bench and Data.Find accept it.
func ExampleGeneratePlant() {
	cfg, err := instance.ParsePlantSpec("gen:40:6:10")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := instance.GeneratePlant(cfg)
	fmt.Println(p.Name, len(p.Jobs), "orders,", p.NumOperations(), "operations,", len(p.Machines), "machines; objective", p.Objective)
	fmt.Println("valid:", p.Validate() == nil)
	// Output:
	// plant-40x6-m10-s1 40 orders, 240 operations, 10 machines; objective weighted_tardiness
	// valid: true
}
