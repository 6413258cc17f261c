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

var (
	keysProblem     = keysOf("problem")
	keysMachine     = keysOf("machine")
	keysWindow      = keysOf("window")
	keysOvertime    = keysOf("overtime")
	keysCalendar    = keysOf("calendar")
	keysShift       = keysOf("shift")
	keysException   = keysOf("exception")
	keysMatrix      = keysOf("setupMatrix")
	keysEntry       = keysOf("setupEntry")
	keysMaterial    = keysOf("material")
	keysReceipt     = keysOf("receipt")
	keysPool        = keysOf("operatorPool")
	keysJob         = keysOf("job")
	keysOperation   = keysOf("operation")
	keysAlternative = keysOf("alternative")
	keysLink        = keysOf("linkObject")
	keysMaterialQty = keysOf("materialQty")
	keysNeed        = keysOf("operatorNeed")
	keysFixed       = keysOf("fixed")
	keysTerm        = keysOf("objectiveTerm")
)
