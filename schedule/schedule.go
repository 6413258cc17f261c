package schedule

// Assignment places one operation: on which machine, when, with which
// operators. Indices refer to the problem the schedule was built for.
type Assignment struct {
	// Job is the index of the job in Problem.Jobs.
	Job int
	// Op is the index of the operation in the job's Operations.
	Op int
	// Machine is the index of the machine in Problem.Machines.
	Machine int
	// SetupStart is the start of the sequence-dependent setup that precedes
	// the operation on its machine (equal to Start when there is none).
	SetupStart int64
	// Start and End bound the processing, in ticks. For a resumable
	// operation [Start, End) may include non-working time.
	Start, End int64
	// Operators lists, for each operator used, the index of its pool in
	// Problem.OperatorPools, in the order of the operation's Operators
	// needs (Count entries per need).
	Operators []int
}

// Schedule is a solution: one assignment per operation, in any order.
type Schedule struct {
	Assignments []Assignment
}
