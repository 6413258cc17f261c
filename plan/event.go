package plan

import (
	"github.com/ordo-sched/ordo/model"
)

// Type is the type of an event, as written in its JSON "type" field.
type Type string

// The event types of the events JSON v1.
const (
	TypeStarted         Type = "started"
	TypeCompleted       Type = "completed"
	TypeProgress        Type = "progress"
	TypeBreakdown       Type = "breakdown"
	TypeRepaired        Type = "repaired"
	TypeOrderAdded      Type = "order_added"
	TypeOrderCancelled  Type = "order_cancelled"
	TypeDueChanged      Type = "due_changed"
	TypePriorityChanged Type = "priority_changed"
	TypeReceiptChanged  Type = "receipt_changed"
	TypeOperatorsAbsent Type = "operators_absent"
	TypeCalendarChanged Type = "calendar_changed"
)

// Types lists every event type, in the order of schema/events.schema.json.
func Types() []Type {
	return []Type{TypeStarted, TypeCompleted, TypeProgress, TypeBreakdown, TypeRepaired,
		TypeOrderAdded, TypeOrderCancelled, TypeDueChanged, TypePriorityChanged,
		TypeReceiptChanged, TypeOperatorsAbsent, TypeCalendarChanged}
}

// Event is one thing that happened (or is now known to happen). Only the
// fields of its Type are used; the constructors (Started, Breakdown, ...)
// fill them. Times are ticks of the plan's problem.
type Event struct {
	Type Type
	// Job is the job's ID (started, completed, progress, order_cancelled,
	// due_changed, priority_changed; for order_added the ID of NewJob).
	Job string
	// Op is the operation's ID or its 0-based index in the job, written
	// in decimal.
	Op string
	// Machine is the machine's ID (started, breakdown, repaired,
	// calendar_changed on a machine).
	Machine string
	// Pool is the operator pool's ID (operators_absent, calendar_changed
	// on a pool).
	Pool string
	// Material is the material's ID (receipt_changed).
	Material string
	// At is the time of started, completed, progress and repaired, and
	// the planned date of the receipt that receipt_changed moves.
	At int64
	// Start and End bound a breakdown or an absence, [Start, End).
	Start, End int64
	// To is the new date of a receipt (receipt_changed; HasTo says
	// whether it is given).
	To    int64
	HasTo bool
	// Due is the new due date (due_changed; nil removes it).
	Due *int64
	// Weight is the new weight (priority_changed).
	Weight float64
	// DoneQuantity is the quantity done so far (progress).
	DoneQuantity float64
	// Quantity is the new quantity of a receipt (receipt_changed; nil:
	// unchanged; 0 cancels the delivery).
	Quantity *float64
	// Count is the number of operators absent (operators_absent).
	Count int
	// NewJob is the job added (order_added).
	NewJob *model.Job
	// Add and Remove are the working windows a calendar_changed adds
	// (overtime, an extra shift) or removes.
	Add, Remove []model.Interval
}

// Events is an events file: the new time now and the events that
// happened since the plan's now, in order.
type Events struct {
	Now    int64
	Events []Event
	// AllReported says that the events report every operation that
	// started (a simulator, an MES that reports everything): an operation
	// the plan started before Now without a started event has not
	// started, instead of being assumed to follow the plan. It has no
	// JSON form.
	AllReported bool
}

// Started reports that operation op of job started on machine at time at.
func Started(job, op, machine string, at int64) Event {
	return Event{Type: TypeStarted, Job: job, Op: op, Machine: machine, At: at}
}

// Completed reports that operation op of job ended at time at.
func Completed(job, op string, at int64) Event {
	return Event{Type: TypeCompleted, Job: job, Op: op, At: at}
}

// Progress reports that done units of the job's quantity were done by
// operation op at time at.
func Progress(job, op string, done float64, at int64) Event {
	return Event{Type: TypeProgress, Job: job, Op: op, DoneQuantity: done, At: at}
}

// Breakdown reports that machine is down over [start, end) (end is the
// expected repair).
func Breakdown(machine string, start, end int64) Event {
	return Event{Type: TypeBreakdown, Machine: machine, Start: start, End: end}
}

// Repaired reports that machine, broken down, works again from at.
func Repaired(machine string, at int64) Event {
	return Event{Type: TypeRepaired, Machine: machine, At: at}
}

// OrderAdded adds job (a copy is kept).
func OrderAdded(job model.Job) Event {
	return Event{Type: TypeOrderAdded, Job: job.ID, NewJob: &job}
}

// OrderCancelled cancels job.
func OrderCancelled(job string) Event {
	return Event{Type: TypeOrderCancelled, Job: job}
}

// DueChanged sets the due date of job (nil: none).
func DueChanged(job string, due *int64) Event {
	return Event{Type: TypeDueChanged, Job: job, Due: due}
}

// PriorityChanged sets the weight of job.
func PriorityChanged(job string, weight float64) Event {
	return Event{Type: TypePriorityChanged, Job: job, Weight: weight}
}

// ReceiptChanged moves the receipt of material planned at time at to time
// to, with a new quantity when quantity is not nil (0 cancels it).
func ReceiptChanged(material string, at, to int64, quantity *float64) Event {
	return Event{Type: TypeReceiptChanged, Material: material, At: at, To: to, HasTo: true, Quantity: quantity}
}

// OperatorsAbsent reports that count operators of pool are absent over
// [start, end).
func OperatorsAbsent(pool string, count int, start, end int64) Event {
	return Event{Type: TypeOperatorsAbsent, Pool: pool, Count: count, Start: start, End: end}
}

// MachineCalendarChanged adds working windows to machine (overtime) and
// removes others.
func MachineCalendarChanged(machine string, add, remove []model.Interval) Event {
	return Event{Type: TypeCalendarChanged, Machine: machine, Add: add, Remove: remove}
}

// PoolCalendarChanged adds working windows to operator pool (overtime)
// and removes others.
func PoolCalendarChanged(pool string, add, remove []model.Interval) Event {
	return Event{Type: TypeCalendarChanged, Pool: pool, Add: add, Remove: remove}
}
