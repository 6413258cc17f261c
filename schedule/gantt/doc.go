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
//     model.Problem.MachineIntervals) is shaded grey; planned maintenance
//     (machine downtime) is hatched orange and holidays and closures
//     (non-working calendar exceptions) hatched purple, each labelled with
//     its reason, so that they stand out from nights and weekends.
//   - Inside the bar of a resumable operation, the non-working time it
//     pauses over is darkened and striped.
//   - Operations of late orders (completion after the job's due date) have a
//     red outline, and the last one carries a red marker; a dashed red line
//     marks the order's due date in the row of its last operation, with a
//     red bracket to the completion.
//   - Material receipts are green markers in a row of their own under the
//     machines, with the material and the quantity in their tooltip.
//   - Every bar has a tooltip (an SVG title element) with the job, the
//     operation, the machine, the times and the lateness.
//   - The time axis shows real dates and times (days and shifts) when the
//     problem has an epoch, and plain tick numbers otherwise.
//
// Options.View = Pools draws one row per operator of each operator pool
// instead of one per machine, and Options.Week draws one week on one page
// (A4 landscape when the HTML page is printed).
//
// Row height and width adapt to the number of machines and operations so
// that charts of 10 and of 50 machines stay readable; Options overrides
// them.
package gantt
