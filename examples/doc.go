// Package examples holds ready-made problems to learn ordo from and to try
// solvers on.
//
// # The example plant
//
// Plant (and the embedded JSON text PlantJSON, the file examples/plant.json)
// is a realistic metalworking and assembly plant near Lyon, in the
// Europe/Paris time zone, planned over three weeks from Monday 7 December
// 2026:
//
//   - twelve machines (saw, two lathes, two machining centres, drill,
//     grinder, welding robot, powder-coating line, two assembly stations
//     and a test bench) on two-shift (2x8) and three-shift (3x8, with the
//     night shift crossing midnight) Monday-to-Friday calendars, with
//     Christmas Day and New Year's Day as public holidays and a planned
//     maintenance window on the grinder;
//   - sequence-dependent setups by setup family on the lathes (steel,
//     stainless), the machining centres (fixtures) and the coating line
//     (colours);
//   - 74 orders with quantities, release dates, due dates spread over three
//     weeks and priority weights, on several routings: shafts (saw, turn on
//     either lathe, grind), pump housings (mill on either machining centre,
//     drill, coat), flanges, welded frames. It is the pre-Christmas rush:
//     the lathes and the grinder (which also has its maintenance window)
//     are loaded to 75-90 %, and the plan decides which orders are late:
//     the best dispatching rule leaves 7 late (8,900 weighted minutes of
//     tardiness), the GA finds plans with 3 late (5,740) within 20 s;
//   - alternative machines with different speeds (setup + quantity x run
//     time per unit), resumable operations (welding, coating) that pause
//     over closed hours;
//   - materials with initial stock and planned receipts (steel bar,
//     aluminium blocks, bearings, motors) and a two-level bill of materials:
//     gearbox sub-assembly orders produce the GEARBOX intermediate that
//     drive-unit orders consume, each drive unit linked to its gearbox
//     order by a cross-job precedence with a one-hour transfer lag;
//   - operator pools with skills (assembly and wiring on two shifts,
//     inspection on a day shift) needed by the assembly and test
//     operations.
//
// The objective is the total weighted tardiness. The problem validates
// cleanly and can be scheduled: the material supply covers the demand, and
// there are no hard deadlines.
package examples
