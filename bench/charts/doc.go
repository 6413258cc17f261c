// Package charts draws the charts of benchmark reports (gonum/plot, SVG):
// the mean deviation from the best known makespan by family and solver,
// and the objective over time of chosen runs. It is kept apart from bench
// so that programs reading instances or running campaigns do not link the
// plotting library; pass Write to bench.WriteReport to get the charts.
package charts
