// Package gantt draws a schedule as a Gantt chart: one row per machine,
// one bar per operation, as a standalone SVG image (SVG) or as a
// self-contained HTML page embedding it (HTML).
//
// # What the chart shows
//
//   - Operations are coloured by order (job) with a deterministic palette:
//     the same job index always gets the same colour. A bar is labelled with
//     its job's ID when it is wide enough.
//   - Sequence-dependent setups, [SetupStart, Start), are hatched in the
//     colour of the operation they prepare.
//   - Non-working time of each machine (its calendar minus downtime, see
//     model.Problem.MachineIntervals) is shaded grey.
//   - Operations of late orders (completion after the job's due date) have a
//     red outline, and the last one carries a red marker.
//   - Every bar has a tooltip (an SVG title element) with the job, the
//     operation, the machine, the times and the lateness.
//   - The time axis shows real dates and times (days and shifts) when the
//     problem has an epoch, and plain tick numbers otherwise.
//
// Row height and width adapt to the number of machines and operations so
// that charts of 10 and of 50 machines stay readable; Options overrides
// them.
package gantt
