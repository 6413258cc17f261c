// Package bench reads and writes the standard benchmark instances of job-shop
// scheduling, generates Taillard's instances, finds instance files and their
// bounds, and (in the runner) measures solvers on them.
//
// # Formats
//
// Three text formats map onto model.Problem:
//
//   - the standard (OR-Library) job-shop format, ReadJSP and WriteJSP:
//     a line "n m", then one line per job with m pairs "machine duration",
//     machines numbered from 0;
//   - Taillard's format, ReadTaillard and WriteTaillard: a header with n, m,
//     the two seeds and two bounds, a "Times" matrix and a "Machines" matrix
//     (machines numbered from 1);
//   - Brandimarte's flexible job-shop format, ReadFJS and WriteFJS: a line
//     "n m f", then one line per job: the number of operations and, for each
//     operation, the number of eligible machines followed by that many pairs
//     "machine time" (machines numbered from 1).
//
// Load and LoadReader pick the reader from a Format or from the file
// extension (FormatFromPath) and also read the project's JSON
// (model.DecodeFile).
//
// A benchmark instance becomes a unitless problem (zero Epoch: ticks are
// plain numbers, no calendars) named after the instance. Machines and jobs
// are named by their 0-based index ("0", "1", ...) whatever the file's
// numbering; jobs have quantity 1 and Sequence routings; operations keep an
// empty ID (their index), and one alternative each in the job-shop formats.
// The writers accept exactly the problems these formats can express and
// say what stands in the way otherwise.
//
// The readers tolerate blank lines, runs of spaces and tabs, CRLF line ends
// and lines starting with '#'; every job (every matrix row) starts on its
// own line. Malformed data gives a *ParseError naming the file, the line and
// the offending token, for instance
//
//	ft06.txt: line 3: expected a machine number, got "x" (job 1, operation 0)
//
// with jobs and operations numbered from 0, and never a panic. Sizes beyond
// MaxOperations, MaxMachines or MaxDuration are rejected before memory is
// allocated for them.
//
// # Taillard's instances
//
// TaillardJSP implements the generator of E. Taillard, "Benchmarks for basic
// scheduling problems", European Journal of Operational Research
// 64(2):278-285, 1993: processing times uniform in 1..99 and random machine
// orders, both from the Park-Miller "minimal standard" generator. With the
// published seeds, TaillardInstance reproduces ta01-ta80 exactly, so these
// instances are available without any data file.
//
// # Data
//
// DataDir locates the benchmark data folder (the ORDO_DATA environment
// variable, or ../shared/instances beside the module). FindInstances turns
// command-line specifications (files, folders, globs, instance names,
// families such as "la" or "mk", ranges such as "ta01-ta10") into
// InstanceRefs, and ReadBounds reads the bounds table (bounds.csv) of best
// known lower and upper bounds on the makespan.
package bench
