// Package report turns a schedule into what people read: the planner's
// terminal report (Text), the teams' work lists for a shift as CSV for the
// MES and as printable HTML (WorkLists, WriteWorkListCSV,
// WriteWorkListHTML), and the plant dashboard, one self-contained HTML file
// (Dashboard).
//
// Every figure carries its unit: times are dates in the plant's time zone,
// machine and operator time is in hours, lateness in days and hours, and a
// weighted tardiness in weighted minutes (or weighted ticks for a unitless
// benchmark instance). Reports need a feasible schedule in the usual case,
// but they never panic on one that is not: assignments whose indices do not
// fit the problem are reported as errors.
package report
