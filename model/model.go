package model

import (
	"time"
)

// Problem is a complete scheduling problem: the plant (machines, calendars,
// setup matrices, materials, operator pools), the orders to produce (jobs)
// and the objective to optimise.
//
// All times inside a Problem are integer ticks counted from Epoch; one tick
// lasts Resolution. Benchmark instances are unitless: Epoch is the zero
// time.Time and Resolution is zero, and ticks are plain numbers.
type Problem struct {
	// Name is a free label (an instance name, a plant and a date).
	Name string
	// Epoch is the instant of tick 0. The zero value means the problem is
	// unitless (a benchmark instance): calendars are then not allowed.
	Epoch time.Time
	// Resolution is the length of one tick (default one minute when Epoch
	// is set; ignored for unitless problems).
	Resolution time.Duration
	// Horizon is the end of the planning horizon in ticks: calendars are
	// expanded over [0, Horizon). Zero means automatic (see
	// Problem.PlanningHorizon).
	Horizon int64

	Machines      []Machine
	Calendars     []Calendar
	SetupMatrices []SetupMatrix
	Materials     []Material
	OperatorPools []OperatorPool
	Jobs          []Job

	// Objective is the default objective of the problem (makespan when
	// empty); a solver's Options may override it.
	Objective Objective
}

// Machine is a resource that processes one operation at a time.
type Machine struct {
	// ID is the unique identifier used by operations' alternatives.
	ID string
	// Name is a human label (optional).
	Name string
	// Calendar is the ID of the machine's working-time calendar; empty means
	// the machine is always available.
	Calendar string
	// Downtime lists planned unavailability of this machine alone
	// (maintenance windows), on top of its calendar.
	Downtime []Window
	// SetupMatrix is the ID of the sequence-dependent setup matrix of this
	// machine; empty means no sequence-dependent setups.
	SetupMatrix string

	// CostPerHour is the cost of one hour of the machine's time, setup or
	// processing (money per hour; 0: free). See Problem.Cost for how a plan
	// is priced.
	CostPerHour float64
	// NightPremium is the extra share of CostPerHour paid for time between
	// 22:00 and 06:00 local time in the machine's calendar time zone (0.25
	// adds a quarter).
	NightPremium float64
	// WeekendPremium is the extra share of CostPerHour paid for time on a
	// Saturday or Sunday (local time); it adds to the night premium.
	WeekendPremium float64
	// SetupChangeCost is a fixed cost paid for every change of setup family
	// on the machine (on top of the setup time's hourly cost).
	SetupChangeCost float64
	// Overtime lists optional extra working windows: the machine may work in
	// them as in its calendar, at their own cost per hour.
	Overtime []Overtime
}

// Overtime is an optional extra working window of a machine, paid at its
// own hourly cost when used.
type Overtime struct {
	// Start and End are ticks, [Start, End).
	Start, End int64
	// CostPerHour is the full hourly cost of the machine's time in the
	// window (it replaces the machine's cost and premiums there).
	CostPerHour float64
}

// Window is a half-open interval of ticks [Start, End).
type Window struct {
	Start, End int64
	// Reason is a free label ("maintenance", "Christmas").
	Reason string
}

// Calendar describes working time: a weekly pattern of shifts in a named
// time zone, with exceptions. It is expanded to sorted working intervals
// by Problem.CalendarIntervals.
type Calendar struct {
	// ID is the unique identifier referenced by machines and operator pools.
	ID string
	// TimeZone is an IANA time-zone name ("Europe/Paris"); empty means UTC.
	TimeZone string
	// Shifts is the weekly pattern. A shift whose End is not after its
	// Start crosses midnight (a night shift 22:00-06:00).
	Shifts []Shift
	// Exceptions override the weekly pattern: holidays and planned
	// maintenance (Working false) or extra shifts (Working true).
	Exceptions []Exception
}

// Shift is one recurring working period of a weekly pattern.
type Shift struct {
	// Days are the weekdays on which the shift starts.
	Days []time.Weekday
	// Start and End are wall-clock times of day in the calendar's time zone,
	// in minutes after midnight (0..1440). End <= Start means the shift ends
	// on the next day.
	Start, End int
}

// Exception is a dated override of a calendar's weekly pattern.
type Exception struct {
	// Start and End are ticks, [Start, End).
	Start, End int64
	// Working is true for an extra shift, false for a holiday or closure.
	Working bool
	// Reason is a free label.
	Reason string
}

// SetupMatrix gives sequence-dependent setup times between setup families
// on a machine.
type SetupMatrix struct {
	// ID is the unique identifier referenced by machines.
	ID string
	// Default is the setup time (ticks) between two different families not
	// listed in Entries. Changes within one family cost nothing unless an
	// entry says otherwise.
	Default int64
	// Initial is the setup time before the first operation on the machine
	// (ticks); zero by default.
	Initial int64
	// Entries lists setup times for specific family changes.
	Entries []SetupEntry
}

// SetupEntry is the setup time from one family to another.
type SetupEntry struct {
	From, To string
	Time     int64
}

// Material is a stocked item: a raw material, or an intermediate produced by
// some operations and consumed by others.
type Material struct {
	ID   string
	Name string
	// Unit is a free label ("kg", "pcs").
	Unit string
	// Initial is the stock at tick 0.
	Initial float64
	// Receipts are planned deliveries.
	Receipts []Receipt
	// HoldingCostPerDay is the cost of holding one unit in stock for one
	// day (money per unit and day).
	HoldingCostPerDay float64
}

// Receipt is a planned delivery of a material.
type Receipt struct {
	At       int64
	Quantity float64
}

// OperatorPool is a team of interchangeable operators sharing skills and a
// calendar.
type OperatorPool struct {
	ID string
	// Skills are the skills every operator of the pool has.
	Skills []string
	// Capacity is the number of operators in the pool.
	Capacity int
	// Calendar is the ID of the pool's working-time calendar; empty means
	// always available.
	Calendar string
}

// RoutingKind says how a job's operations are ordered.
type RoutingKind int

const (
	// Sequence routings process operations in list order: each operation
	// follows the previous one (plus any extra predecessors in After).
	Sequence RoutingKind = iota
	// DAG routings order operations only by their After links.
	DAG
)

// Job is a customer or production order: one routing of operations.
type Job struct {
	ID   string
	Name string
	// Quantity is the order quantity; it scales run-rate durations.
	Quantity float64
	// Release is the earliest start of any of the job's operations.
	Release int64
	// Due is the due date (nil: none); lateness is measured against it.
	Due *int64
	// Deadline is a hard completion deadline (nil: none).
	Deadline *int64
	// Weight is the job's priority weight in weighted objectives (0 means 1).
	Weight float64
	// Routing says whether Operations form a sequence or a DAG.
	Routing RoutingKind
	// Operations is the job's routing.
	Operations []Operation
	// LatenessCostPerDay is the penalty for each day the job completes
	// after its due date (money per day).
	LatenessCostPerDay float64
	// HoldingCostPerDay is the cost of each day the finished job waits in
	// the warehouse before its due date (money per day).
	HoldingCostPerDay float64
}

// Operation is one step of a job, processed on one machine chosen among its
// alternatives.
type Operation struct {
	// ID identifies the operation within its job (default: its index).
	ID string
	// Alternatives lists the machines that can process the operation, each
	// with its own duration.
	Alternatives []Alternative
	// Resumable operations may pause over non-working time of their
	// machine; the others must fit in one continuous working window.
	Resumable bool
	// SetupFamily is the operation's family for sequence-dependent setups.
	SetupFamily string
	// MinLag is the minimum time lag after the end of the previous
	// operation of a Sequence routing (transfer, cooling).
	MinLag int64
	// After lists extra predecessors: operations of this job (DAG
	// routings) or of other jobs (sub-assemblies), each with a min lag.
	After []Link
	// Consumes lists materials taken from stock at the start.
	Consumes []MaterialQty
	// Produces lists materials put into stock at the end.
	Produces []MaterialQty
	// Operators lists the operators (by skill) needed during processing.
	Operators []OperatorNeed
	// Fixed, when set, freezes the operation (started or done on the shop
	// floor): solvers must keep exactly this placement.
	Fixed *Fixed
}

// Alternative is one machine an operation may run on, with its duration.
type Alternative struct {
	// Machine is the machine ID.
	Machine string
	// Duration is the fixed processing time in ticks, used when RunPerUnit
	// is zero.
	Duration int64
	// Setup is a fixed (sequence-independent) setup time in ticks, part of
	// the processing time when RunPerUnit is set.
	Setup int64
	// RunPerUnit is the run time per unit of the job's quantity in ticks;
	// when set, the processing time is Setup + ceil(Quantity*RunPerUnit).
	RunPerUnit float64
}

// Link is a precedence constraint from another operation.
type Link struct {
	// Job is the predecessor's job ID; empty means the same job.
	Job string
	// Op is the predecessor's operation ID.
	Op string
	// MinLag is the minimum time between the predecessor's end and this
	// operation's start (ticks).
	MinLag int64
}

// MaterialQty is a quantity of a material.
type MaterialQty struct {
	Material string
	Quantity float64
}

// OperatorNeed asks for Count operators having Skill.
type OperatorNeed struct {
	Skill string
	Count int
}

// Fixed is the frozen placement of an operation.
type Fixed struct {
	// Machine is the machine ID.
	Machine string
	// SetupStart is the start of the setup (equal to Start when none).
	SetupStart int64
	// Start and End are ticks.
	Start, End int64
	// Pools, when set, lists the operator pools the operation uses, by
	// pool ID, one per operator, need by need in the order of the
	// operation's Operators (as a result's assignment names them):
	// solvers keep exactly these pools. Empty: solvers choose pools with
	// the skills.
	Pools []string
}

// ProcessingTime returns the processing time in ticks of alternative a for a
// job of quantity qty.
func (a Alternative) ProcessingTime(qty float64) int64 {
	if a.RunPerUnit == 0 {
		return a.Duration
	}
	run := qty * a.RunPerUnit
	r := int64(run)
	if float64(r) < run {
		r++
	}
	return a.Setup + r
}

// JobWeight returns the job's weight (1 when Weight is zero).
func (j *Job) JobWeight() float64 {
	if j.Weight == 0 {
		return 1
	}
	return j.Weight
}

// Tick returns a pointer to v, for the optional times of a Job
// (model.Tick(480) as a due date).
func Tick(v int64) *int64 { return &v }
