// Package scenario compares what-if variants of a production problem and
// suggests the single changes that help most.
//
// # Scenarios
//
// A Scenario is a base problem plus changes, written as a JSON Merge Patch
// (RFC 7396) of the base problem's JSON: members of the patch replace
// those of the problem, null removes one, objects merge recursively and
// arrays are replaced whole (so a scenario that changes one machine lists
// the machines array in full). MergePatch and Merge implement RFC 7396.
//
// Compare plans the base and each scenario with one solver.Solver, in
// parallel, and returns a Comparison: per scenario the late orders, the
// weighted tardiness, the makespan, the utilisation of the base plan's
// bottleneck machine, the overtime (machine time worked in extra shifts
// added by calendar exceptions) and the operations moved against the base
// plan (Moved: same operation on another machine or at another start).
// WriteText and WriteMarkdown render it; it marshals to JSON. An events
// scenario ({"now": T, "events": [...]}, package plan) applies to the
// base plan rather than to the problem, so it is planned after the base.
// With Config.Stable each scenario is planned against the base plan
// (solver.Options.Reference, the base schedule matched by IDs: Reference),
// so that it moves as few operations as the stability weights say.
//
// # Suggestions
//
// Suggest plans a problem, asks explain.Late which resources cause its
// lateness (Report.Bottlenecks), generates single changes that relieve
// them (Saturday shifts or overtime on the bottleneck machines and on the
// machines of the late orders' chains, one more operator in a pool, a
// material receipt delivered when it was needed), and evaluates each by
// planning the changed problem with the same solver and options. Each
// Suggestion carries its merge patch, so that Compare (ordo compare)
// confirms it.
//
// The package sits beside explain and plan rather than inside explain:
// explain analyses a given plan without solving, while scenario solves
// (it takes a solver) and composes explain's analysis with re-planning.
package scenario
