// Package corpus runs the adversarial input corpus of the repository
// (testdata/adversarial at the module root: problems, results and
// benchmark instance files that once hung, panicked, or were accepted
// wrongly) through the library: the problem decoder and Validate,
// schedule.Check on results, and the instance readers. It holds tests
// only; cases are listed in testdata/adversarial/cases.tsv.
package corpus
