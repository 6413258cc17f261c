package model

// The keys of the problem JSON, in one table. The decoder takes its lists
// of known keys from it; the tests hold the encoder (the json tags of its
// mirror structs and what Encode writes) and the JSON Schema
// (schema/problem.schema.json) against it, so that a new field is added
// here first, and a test names every place that still lacks it.

// jsonKey is one key of an object of the problem JSON.
type jsonKey struct {
	// name is the key.
	name string
	// typ is the type of the value as the schema gives it: the name of a
	// definition of the schema ("id", "datetime", "duration", ...), a JSON
	// type ("string", "number", "integer", "boolean"), either after "[]"
	// for an array of them.
	typ string
	// readOnly marks a key that Decode reads but Encode never writes (a
	// shorthand Encode writes in its full form, or a reference for
	// editors).
	readOnly bool
}

// jsonObjects lists the keys of every object of the problem JSON, by the
// object's name in the schema's $defs ("problem" is the top level).
var jsonObjects = map[string][]jsonKey{
	"problem": {
		{name: "$schema", typ: "string", readOnly: true}, {name: "version", typ: "integer"}, {name: "name", typ: "string"},
		{name: "epoch", typ: "isoDatetime"}, {name: "resolution", typ: "isoDuration"}, {name: "horizon", typ: "datetime"},
		{name: "machines", typ: "[]machine"}, {name: "calendars", typ: "[]calendar"}, {name: "setup_matrices", typ: "[]setupMatrix"},
		{name: "materials", typ: "[]material"}, {name: "operator_pools", typ: "[]operatorPool"}, {name: "jobs", typ: "[]job"},
		{name: "objective", typ: "objective"},
	},
	"machine": {
		{name: "id", typ: "id"}, {name: "name", typ: "string"}, {name: "calendar", typ: "id"},
		{name: "setup_matrix", typ: "id"}, {name: "downtime", typ: "[]window"},
		{name: "cost_per_hour", typ: "number"}, {name: "night_premium", typ: "number"}, {name: "weekend_premium", typ: "number"},
		{name: "setup_change_cost", typ: "number"}, {name: "overtime", typ: "[]overtime"},
	},
	"overtime": {{name: "start", typ: "datetime"}, {name: "end", typ: "datetime"}, {name: "cost_per_hour", typ: "number"}},
	"window":   {{name: "start", typ: "datetime"}, {name: "end", typ: "datetime"}, {name: "reason", typ: "string"}},
	"calendar": {
		{name: "id", typ: "id"}, {name: "time_zone", typ: "string"}, {name: "pattern", typ: "string", readOnly: true},
		{name: "days", typ: "days", readOnly: true}, {name: "shifts", typ: "[]shift"}, {name: "exceptions", typ: "[]exception"},
	},
	"shift": {{name: "days", typ: "days"}, {name: "start", typ: "timeOfDay"}, {name: "end", typ: "timeOfDay"}},
	"exception": {
		{name: "start", typ: "datetime"}, {name: "end", typ: "datetime"}, {name: "date", typ: "string", readOnly: true},
		{name: "working", typ: "boolean"}, {name: "reason", typ: "string"},
	},
	"setupMatrix": {{name: "id", typ: "id"}, {name: "default", typ: "duration"}, {name: "initial", typ: "duration"}, {name: "entries", typ: "[]setupEntry"}},
	"setupEntry":  {{name: "from", typ: "id"}, {name: "to", typ: "id"}, {name: "time", typ: "duration"}},
	"material": {
		{name: "id", typ: "id"}, {name: "name", typ: "string"}, {name: "unit", typ: "string"},
		{name: "initial", typ: "number"}, {name: "receipts", typ: "[]receipt"}, {name: "holding_cost_per_day", typ: "number"},
	},
	"receipt":      {{name: "at", typ: "datetime"}, {name: "quantity", typ: "number"}},
	"operatorPool": {{name: "id", typ: "id"}, {name: "skills", typ: "[]string"}, {name: "capacity", typ: "integer"}, {name: "calendar", typ: "id"}},
	"job": {
		{name: "id", typ: "id"}, {name: "name", typ: "string"}, {name: "quantity", typ: "number"},
		{name: "release", typ: "datetime"}, {name: "due", typ: "datetime"}, {name: "deadline", typ: "datetime"},
		{name: "weight", typ: "number"}, {name: "routing", typ: "string"}, {name: "operations", typ: "[]operation"},
		{name: "lateness_cost_per_day", typ: "number"}, {name: "holding_cost_per_day", typ: "number"},
	},
	"operation": {
		{name: "id", typ: "id"}, {name: "alternatives", typ: "[]alternative"},
		// the single-machine shorthand: Encode writes it for an operation
		// with one alternative
		{name: "machine", typ: "id"}, {name: "duration", typ: "duration"}, {name: "setup", typ: "duration"}, {name: "run_per_unit", typ: "rate"},
		{name: "resumable", typ: "boolean"}, {name: "setup_family", typ: "id"}, {name: "min_lag", typ: "duration"},
		{name: "after", typ: "[]link"}, {name: "consumes", typ: "[]materialQty"}, {name: "produces", typ: "[]materialQty"},
		{name: "operators", typ: "[]operatorNeed"}, {name: "fixed", typ: "fixed"},
	},
	"alternative":   {{name: "machine", typ: "id"}, {name: "duration", typ: "duration"}, {name: "setup", typ: "duration"}, {name: "run_per_unit", typ: "rate"}},
	"linkObject":    {{name: "job", typ: "id"}, {name: "op", typ: "id"}, {name: "min_lag", typ: "duration"}},
	"materialQty":   {{name: "material", typ: "id"}, {name: "quantity", typ: "number"}},
	"operatorNeed":  {{name: "skill", typ: "string"}, {name: "count", typ: "integer"}},
	"fixed":         {{name: "machine", typ: "id"}, {name: "setup_start", typ: "datetime"}, {name: "start", typ: "datetime"}, {name: "end", typ: "datetime"}, {name: "pools", typ: "[]id"}},
	"objectiveTerm": {{name: "criterion", typ: "criterion"}, {name: "weight", typ: "number"}},
}

// keysOf returns the key names of object obj of the table.
func keysOf(obj string) []string {
	keys := jsonObjects[obj]
	if keys == nil {
		panic("model: no object " + obj + " in the JSON key table")
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

// keyIndex numbers the keys of one object of the table: the number of
// a key is its position in the object's list, and the decoder switches on
// the constants below. A key is found by a perfect hash of its length and
// three of its bytes, then one comparison.
type keyIndex struct {
	// names are the keys, by number.
	names []string
	// mul is the multiplier of the hash, chosen so that no two keys of
	// the object share a slot.
	mul uint32
	// slots hold the keys by hash, with their numbers.
	slots [1 << keyBits]keySlot
	// id is the position of the index in keyIndexes, plus one.
	id uint8
}

// keyIndexes are all the key indexes, so that the decoder names a key
// with two small numbers.
var keyIndexes []*keyIndex

// keySlot is a slot of a keyIndex: a key and its number, or num -1.
type keySlot struct {
	name string
	num  int
}

// keyBits is the size of the hash of a keyIndex, in bits.
const keyBits = 6

// maxKeys is the most keys an object may have: the decoder keeps sets of
// key numbers in a keySet.
const maxKeys = 32

func (x *keyIndex) slot(key string) uint32 {
	if key == "" {
		return 0
	}
	h := uint32(len(key)) | uint32(key[0])<<8 | uint32(key[len(key)/2])<<16 | uint32(key[len(key)-1])<<24
	return (h * x.mul) >> (32 - keyBits)
}

// number returns the number of key, or -1 when the object has no such
// key.
func (x *keyIndex) number(key string) int {
	s := &x.slots[x.slot(key)]
	if s.name == key {
		return s.num
	}
	return -1
}

// newKeyIndex indexes the keys of object obj of the table.
func newKeyIndex(obj string) *keyIndex {
	x := &keyIndex{names: keysOf(obj)}
	if len(x.names) > maxKeys {
		panic("model: too many keys in the JSON object " + obj)
	}
	for x.mul = 0x9e3779b1; x.mul < 0x9e3779b1+2000; x.mul += 2 {
		ok := true
		for i := range x.slots {
			x.slots[i] = keySlot{num: -1}
		}
		for k, name := range x.names {
			s := &x.slots[x.slot(name)]
			if s.num >= 0 {
				ok = false
				break
			}
			*s = keySlot{name: name, num: k}
		}
		if ok {
			return x
		}
	}
	panic("model: no perfect hash for the keys of the JSON object " + obj)
}

// indexKeys returns the key index of object obj of the table, added to
// keyIndexes.
func indexKeys(obj string) *keyIndex {
	x := newKeyIndex(obj)
	keyIndexes = append(keyIndexes, x)
	x.id = uint8(len(keyIndexes))
	return x
}

// keySet is a set of key numbers of one object.
type keySet uint32

func (s keySet) has(k int) bool { return s&(1<<k) != 0 }

var (
	keysProblem     = indexKeys("problem")
	keysMachine     = indexKeys("machine")
	keysWindow      = indexKeys("window")
	keysOvertime    = indexKeys("overtime")
	keysCalendar    = indexKeys("calendar")
	keysShift       = indexKeys("shift")
	keysException   = indexKeys("exception")
	keysMatrix      = indexKeys("setupMatrix")
	keysEntry       = indexKeys("setupEntry")
	keysMaterial    = indexKeys("material")
	keysReceipt     = indexKeys("receipt")
	keysPool        = indexKeys("operatorPool")
	keysJob         = indexKeys("job")
	keysOperation   = indexKeys("operation")
	keysAlternative = indexKeys("alternative")
	keysLink        = indexKeys("linkObject")
	keysMaterialQty = indexKeys("materialQty")
	keysNeed        = indexKeys("operatorNeed")
	keysFixed       = indexKeys("fixed")
	keysTerm        = indexKeys("objectiveTerm")
)

// The numbers of the keys, one block per object in the order of its list
// in jsonObjects: k, the object's name and the key in CamelCase
// (TestKeyNumbers holds them to the table).

const (
	kProblemSchema = iota
	kProblemVersion
	kProblemName
	kProblemEpoch
	kProblemResolution
	kProblemHorizon
	kProblemMachines
	kProblemCalendars
	kProblemSetupMatrices
	kProblemMaterials
	kProblemOperatorPools
	kProblemJobs
	kProblemObjective
)

const (
	kMachineID = iota
	kMachineName
	kMachineCalendar
	kMachineSetupMatrix
	kMachineDowntime
	kMachineCostPerHour
	kMachineNightPremium
	kMachineWeekendPremium
	kMachineSetupChangeCost
	kMachineOvertime
)

const (
	kOvertimeStart = iota
	kOvertimeEnd
	kOvertimeCostPerHour
)

const (
	kWindowStart = iota
	kWindowEnd
	kWindowReason
)

const (
	kCalendarID = iota
	kCalendarTimeZone
	kCalendarPattern
	kCalendarDays
	kCalendarShifts
	kCalendarExceptions
)

const (
	kShiftDays = iota
	kShiftStart
	kShiftEnd
)

const (
	kExceptionStart = iota
	kExceptionEnd
	kExceptionDate
	kExceptionWorking
	kExceptionReason
)

const (
	kSetupMatrixID = iota
	kSetupMatrixDefault
	kSetupMatrixInitial
	kSetupMatrixEntries
)

const (
	kSetupEntryFrom = iota
	kSetupEntryTo
	kSetupEntryTime
)

const (
	kMaterialID = iota
	kMaterialName
	kMaterialUnit
	kMaterialInitial
	kMaterialReceipts
	kMaterialHoldingCostPerDay
)

const (
	kReceiptAt = iota
	kReceiptQuantity
)

const (
	kOperatorPoolID = iota
	kOperatorPoolSkills
	kOperatorPoolCapacity
	kOperatorPoolCalendar
)

const (
	kJobID = iota
	kJobName
	kJobQuantity
	kJobRelease
	kJobDue
	kJobDeadline
	kJobWeight
	kJobRouting
	kJobOperations
	kJobLatenessCostPerDay
	kJobHoldingCostPerDay
)

const (
	kOperationID = iota
	kOperationAlternatives
	kOperationMachine
	kOperationDuration
	kOperationSetup
	kOperationRunPerUnit
	kOperationResumable
	kOperationSetupFamily
	kOperationMinLag
	kOperationAfter
	kOperationConsumes
	kOperationProduces
	kOperationOperators
	kOperationFixed
)

const (
	kAlternativeMachine = iota
	kAlternativeDuration
	kAlternativeSetup
	kAlternativeRunPerUnit
)

const (
	kLinkObjectJob = iota
	kLinkObjectOp
	kLinkObjectMinLag
)

const (
	kMaterialQtyMaterial = iota
	kMaterialQtyQuantity
)

const (
	kOperatorNeedSkill = iota
	kOperatorNeedCount
)

const (
	kFixedMachine = iota
	kFixedSetupStart
	kFixedStart
	kFixedEnd
	kFixedPools
)

const (
	kObjectiveTermCriterion = iota
	kObjectiveTermWeight
)
