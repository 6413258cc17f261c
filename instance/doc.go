// Package instance reads, writes, generates and finds problem instances:
// the standard benchmark instances of job-shop scheduling (the files and
// their best known bounds ship inside the module), Taillard's generator and
// a generator of realistic plants. It imports only the model; the runner,
// reports and charts live in package bench and its subpackages.
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
// # Generators
//
// TaillardJSP implements the generator of E. Taillard, "Benchmarks for basic
// scheduling problems", European Journal of Operational Research
// 64(2):278-285, 1993: processing times uniform in 1..99 and random machine
// orders, both from the Park-Miller "minimal standard" generator. With the
// published seeds, TaillardInstance reproduces ta01-ta80 exactly.
//
// GeneratePlant builds a realistic factory for tests and benchmarks: orders
// routed through work centers of machines on shift calendars, with
// sequence-dependent setups, raw materials with planned receipts,
// sub-assemblies feeding other orders, operator pools with skills,
// alternative machines, due dates, and a few operations already running.
// The same PlantConfig always gives the same problem. ParsePlantSpec reads
// the short form "gen:ORDERS[:OPS[:MACHINES[:WINDOW[:SEED]]]]" that Find
// and ordo bench accept. RandomPlant gives small random problems using
// every model feature, for property tests.
//
// # Data
//
// Embedded returns the data shipped inside the module: the 162 job-shop
// instances of OR-Library and Taillard (jsp/), 210 flexible job-shop
// instances of Brandimarte, Hurink and others (fjsp/), and their best known
// makespan bounds (bounds.csv). OpenData opens a folder laid out the same
// way (any folders, instance files by extension, bounds.csv at the root),
// the folder named by the ORDO_DATA environment variable, or the embedded
// data by default. Data.Find turns specifications (files, folders, globs,
// instance names, families such as "la" or "mk", ranges such as
// "ta01-ta10", generated plants) into InstanceRefs, the same way on a
// folder and on the embedded data; Data.Bounds reads the bounds table
// (ReadBounds).
package instance
