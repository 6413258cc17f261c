// Package bench measures solvers on problem instances: Run solves every
// instance (package instance finds and reads them) with every solver and
// seed, checks every schedule with schedule.Check, and records the
// objective, the deviation from the best known makespan (instance.Bound),
// the times and the objective over time; for problems with cost fields
// also the plan's cost breakdown (Costs, from schedule.ComputeCosts), and
// one campaign may solve for several objectives (RunSpec.Objectives) to
// compare their plans (CostTable). Records are stored as they finish
// in results.csv and results.jsonl (a rerun resumes), and summarised in
// Markdown: Summarize and the tables (HeadlineTable, SummaryTable,
// InstanceTable, ObjectiveTable, CostTable), WriteReport (report.md) and
// WriteBenchmarksDoc (a documentation page).
//
// bench draws no chart itself: WriteReport and WriteBenchmarksDoc take a
// ChartWriter, and package bench/charts provides one that draws SVG charts
// with gonum/plot. A program that only reads instances or runs campaigns
// does not link the plotting library.
//
// The ordo bench command is a thin layer over this package.
package bench
