// Package charts draws the charts of benchmark reports (gonum/plot, SVG):
// the mean deviation from the best known makespan by family and solver,
// every bar labelled with its value (a solver at 0 % keeps a thin,
// visible bar), and the objective over time of each instance's runs, one
// plot per instance, with integer ticks for makespans. It is kept apart
// from bench so that programs reading instances or running campaigns do
// not link the plotting library; pass Write to bench.WriteReport to get
// the charts.
package charts
