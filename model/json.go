package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/ordo-sched/ordo/internal/jsontree"

	// Time-zone data is embedded so that calendars work on systems without
	// a zoneinfo database (minimal containers, Windows).
	_ "time/tzdata"
)

// FormatVersion is the version of the JSON problem format written by Encode
// and read by Decode.
const FormatVersion = 1

// DecodeFile reads and decodes the JSON problem file at path (see Decode).
func DecodeFile(path string) (*Problem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := ReadInput(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Decode(data)
}

// Decode reads a problem in the JSON format v1, described by the JSON Schema
// schema/problem.schema.json (a UTF-8 byte-order mark before the text is
// skipped). The top-level object has the keys version (1),
// name, epoch, resolution (default PT1M), horizon, machines, calendars,
// setup_matrices, materials, operator_pools, jobs and objective, and every
// object uses the snake_case names of the Go fields (machines[].setup_matrix,
// jobs[].operations[].alternatives[].run_per_unit, ...).
//
// Times are ISO-8601 datetimes with a zone offset ("2026-12-07T06:00:00+01:00"
// or "...Z"), converted to ticks from the epoch (they must fall on a tick
// boundary), or integers (ticks). Durations are ISO-8601 durations
// ("PT1H30M", "P2D", "P1W") or numbers: minutes when the problem has an
// epoch, ticks when it is unitless (no epoch, where datetimes are errors).
// Negative durations and durations that are not a whole number of ticks
// are errors (run_per_unit may be fractional). Null values count as absent.
//
// Shorthands: a calendar's "pattern" ("1x8", "2x8", "3x8") with "days"
// (default "mon-fri") expands to the shifts 06:00-14:00, 14:00-22:00 and
// 22:00-06:00; days are written "mon-fri", "mon,wed,fri", "daily" or as an
// array of names; shift times as "HH:MM" or minutes after midnight; an
// exception may give a "date" (a whole local day) instead of start and end;
// an operation may give "machine" and "duration" (or "setup" and
// "run_per_unit") instead of "alternatives"; an "after" entry may be the
// plain id of an operation of the same job; identifiers may be integers;
// the objective is a string ("weighted_tardiness", "makespan+0.5*flow_time",
// see ParseObjective) or an array of {criterion, weight}.
//
// When the text has problems, Decode returns a nil problem and an Issues
// error listing every problem it found, each with its path, line and
// column: malformed JSON, values of the wrong type, unknown or duplicate
// keys, bad datetimes, durations and time zones. Decode does not check
// references and consistency: call Problem.Validate for that.
func Decode(data []byte) (*Problem, error) {
	q := getParser()
	defer putParser(q)
	p, _, _, err := decode(q, data)
	return p, err
}

// DecodeValid decodes data like Decode, then validates the problem
// (Problem.Validate) and locates every issue Validate finds in the text
// (Locate), reading the text only once. The error is an Issues listing
// the problems of the text, or else those of the problem.
func DecodeValid(data []byte) (*Problem, error) {
	q := getParser()
	defer putParser(q)
	p, root, x, err := decode(q, data)
	if err != nil {
		return nil, err
	}
	if issues := p.Validate(); len(issues) > 0 {
		if x == nil {
			x = jsontree.NewIndex(data)
		}
		locateIn(root, x, issues)
		return nil, issues
	}
	return p, nil
}

// decode is Decode with parser q, also returning the parsed tree (valid
// until q parses again) and the line index (nil when no issue needed
// it). The problem holds nothing of the tree.
func decode(q *jsontree.Parser, data []byte) (*Problem, *jnode, *jsontree.Index, error) {
	root, err := q.Parse(data)
	if err != nil {
		off := len(data)
		var se *jsontree.SyntaxError
		if errors.As(err, &se) {
			off = se.Off
		}
		line, col := jsontree.NewIndex(data).Position(off)
		return nil, nil, nil, Issues{{Message: "malformed JSON: " + err.Error(), Line: line, Column: col}}
	}
	d := &decoder{data: data}
	p := d.problem(root)
	if len(d.issues) > 0 {
		return nil, nil, nil, d.issues
	}
	return p, root, d.li, nil
}

// MaxInputSize is the largest JSON text that DecodeFile reads, and that the
// ordo command reads from any file or from stdin: 256 MiB.
const MaxInputSize = 256 << 20

// ReadInput reads r to its end, failing with a clear error as soon as the
// text is longer than MaxInputSize (so that reading /dev/zero stops).
func ReadInput(r io.Reader) ([]byte, error) { return readLimited(r, MaxInputSize) }

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("input larger than the limit of %s: not read", formatSize(limit))
	}
	return data, nil
}

func formatSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// decoder walks a parsed JSON tree into a Problem, collecting issues.
type decoder struct {
	data   []byte
	li     *jsontree.Index
	issues Issues
	path   []pathElem

	unitless bool
	epoch    time.Time
	res      int64 // tick length in nanoseconds
	// minute/res as a reduced fraction, to convert minutes to ticks
	scaleNum, scaleDen int64
	// the slabs of the elements of the jobs (see sizeSlabs), ticks for
	// their optional times
	ops   slab[Operation]
	alts  slab[Alternative]
	links slab[Link]
	qtys  slab[MaterialQty]
	needs slab[OperatorNeed]
	ticks slab[int64]
	// pathBuf holds the path of the walk up to its usual depth
	pathBuf [8]pathElem
	// lastDays is the last days string read, lastWeek its days
	lastDays string
	lastWeek []time.Weekday
}

// slab hands out slices cut from arrays allocated for many of them: the
// decoder counts the elements of every job before it decodes the first,
// and allocates each kind of element in a few arrays of up to slabBytes
// rather than once per job or operation.
type slab[T any] struct {
	free []T
	rest int // the elements counted that are not in free yet
}

// slabBytes bounds the arrays of a slab: larger ones would be large
// objects, slower to allocate than the objects of the size classes.
const slabBytes = 32 << 10

// reserve makes room for n elements.
func (s *slab[T]) reserve(n int) { s.free, s.rest = nil, n }

// take returns a slice of n zero values, cut from the slab when it has
// room (its capacity at n, so that appending beyond copies), nil for n 0.
func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if n > len(s.free) {
		var zero T
		size := min(s.rest, max(n, slabBytes/int(unsafe.Sizeof(zero))))
		if size < n {
			return make([]T, n)
		}
		s.free = make([]T, size)
		s.rest -= size
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

// sizeSlabs allocates the slabs for the elements of the jobs array: the
// operations, their alternatives, links, material quantities and
// operator needs, and the optional times of the jobs.
func (d *decoder) sizeSlabs(jobs []jnode) {
	nOps, nAlts, nLinks, nQtys, nNeeds, nTicks := 0, 0, 0, 0, 0, 0
	for i := range jobs {
		if jobs[i].Kind != jObj {
			continue
		}
		for f := range jobs[i].Obj {
			f := &jobs[i].Obj[f]
			switch f.Key {
			case "due", "deadline":
				if f.Val.Kind != jNull {
					nTicks++
				}
			case "operations":
				if f.Val.Kind != jArr {
					continue
				}
				nOps += len(f.Val.Arr)
				for k := range f.Val.Arr {
					op := &f.Val.Arr[k]
					if op.Kind != jObj {
						continue
					}
					alts := 1 // the shorthand "machine"
					for g := range op.Obj {
						g := &op.Obj[g]
						if g.Val.Kind != jArr {
							continue
						}
						switch g.Key {
						case "alternatives":
							alts = len(g.Val.Arr)
						case "after":
							nLinks += len(g.Val.Arr)
						case "consumes", "produces":
							nQtys += len(g.Val.Arr)
						case "operators":
							nNeeds += len(g.Val.Arr)
						}
					}
					nAlts += alts
				}
			}
		}
	}
	d.ops.reserve(nOps)
	d.alts.reserve(nAlts)
	d.links.reserve(nLinks)
	d.qtys.reserve(nQtys)
	d.needs.reserve(nNeeds)
	d.ticks.reserve(nTicks)
}

// pathElem is one step of the path of the value the walk is at: key
// number key of the object of keyIndexes[obj-1], or element idx of an
// array for obj 0. It holds no pointer, so that the walk writes its path
// without write barriers.
type pathElem struct {
	obj, key uint8
	idx      int
}

func (d *decoder) pathString(extra string) string {
	var b strings.Builder
	for _, e := range d.path {
		if e.obj == 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.idx))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(keyIndexes[e.obj-1].names[e.key])
	}
	if extra != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(extra)
	}
	return b.String()
}

// failAt records an issue at the current path (plus key extra, if any) and
// byte offset off.
func (d *decoder) failAt(off int, extra, format string, args ...any) {
	if d.li == nil {
		d.li = jsontree.NewIndex(d.data)
	}
	line, col := d.li.Position(off)
	d.issues = append(d.issues, Issue{Path: d.pathString(extra), Message: fmt.Sprintf(format, args...), Line: line, Column: col})
}

// fail records an issue about value n at the current path.
func (d *decoder) fail(n *jnode, format string, args ...any) {
	d.failAt(n.Off, "", format, args...)
}

// push adds key number k of the object of x to the path.
func (d *decoder) push(x *keyIndex, k int) {
	d.path = append(d.path, pathElem{obj: x.id, key: uint8(k)})
}

// pushIdx adds element i of an array to the path; pop removes the last
// step.
func (d *decoder) pushIdx(i int) { d.path = append(d.path, pathElem{idx: i}) }
func (d *decoder) pop()          { d.path = d.path[:len(d.path)-1] }

// members is the state of the walk of one object's members (see key).
type members struct {
	x *keyIndex
	// seen holds the keys met, set those met first with a non-null
	// value (the members the walk decodes).
	seen, set keySet
	// names holds the keys met before member upTo, filled in only for
	// an object with an unknown key and more than 16 members, where
	// looking for an earlier twin of an unknown key would be quadratic.
	names map[string]bool
	upTo  int
}

// isObject reports n when it is not an object.
func (d *decoder) isObject(n *jnode) bool {
	if n.Kind != jObj {
		d.expected(n, "an object")
		return false
	}
	return true
}

// expected reports n, which is not what the walk expected. (The checks
// of kinds call it rather than fail, so that they are inlined.)
//
//go:noinline
func (d *decoder) expected(n *jnode, what string) {
	d.fail(n, "expected %s, got %s", what, n.Kind)
}

// isArray reports n when it is not an array.
func (d *decoder) isArray(n *jnode) bool {
	if n.Kind != jArr {
		d.expected(n, "an array")
		return false
	}
	return true
}

// key returns the number (in w.x) of the key of member i of object n, in
// a walk of its members in order: -1 for a member to skip, a duplicate or
// unknown key (reported) or a null value.
func (d *decoder) key(n *jnode, i int, w *members) int {
	f := &n.Obj[i]
	k := w.x.number(f.Key)
	if k >= 0 {
		if w.seen.has(k) {
			d.failAt(f.KeyOff, f.Key, "duplicate key %q", f.Key)
			return -1
		}
		w.seen |= 1 << k
		if f.Val.Kind == jNull {
			return -1
		}
		w.set |= 1 << k
		return k
	}
	if d.seenBefore(n, i, w) {
		d.failAt(f.KeyOff, f.Key, "duplicate key %q", f.Key)
		return -1
	}
	msg := fmt.Sprintf("unknown key %q", f.Key)
	if s := suggest(f.Key, w.x.names); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	d.failAt(f.KeyOff, f.Key, "%s", msg)
	return -1
}

// seenBefore reports whether a member before member i of object n has
// its key.
func (d *decoder) seenBefore(n *jnode, i int, w *members) bool {
	key := n.Obj[i].Key
	if len(n.Obj) <= 16 {
		for k := range i {
			if n.Obj[k].Key == key {
				return true
			}
		}
		return false
	}
	if w.names == nil {
		w.names = make(map[string]bool, len(n.Obj))
	}
	for ; w.upTo < i; w.upTo++ {
		w.names[n.Obj[w.upTo].Key] = true
	}
	return w.names[key]
}

// member returns the non-null member key of object n, or nil.
func member(n *jnode, key string) *jnode {
	if n.Kind != jObj {
		return nil
	}
	for i := range n.Obj {
		if n.Obj[i].Key == key {
			if n.Obj[i].Val.Kind == jNull {
				return nil
			}
			return &n.Obj[i].Val
		}
	}
	return nil
}

// require reports the keys of object n that are missing (or null), of
// those numbered keys: the walk w of its members must be done.
func (d *decoder) require(n *jnode, w *members, keys ...int) {
	for _, k := range keys {
		if !w.set.has(k) {
			d.fail(n, "missing %q", w.x.names[k])
		}
	}
}

// suggest returns the known key closest to key when it is close enough to
// be a likely typo.
func suggest(key string, known []string) string {
	best, bestD := "", 3
	lk := strings.ToLower(key)
	for _, k := range known {
		if k == "$schema" {
			continue
		}
		if lk == k || strings.ReplaceAll(lk, "-", "_") == k || strings.ReplaceAll(strings.ToLower(camelToSnake(key)), "-", "_") == k {
			return k
		}
		if dist := editDistance(lk, k); dist < bestD && dist <= len(k)/3+1 {
			best, bestD = k, dist
		}
	}
	return best
}

func camelToSnake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r - 'A' + 'a')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// ---- scalar values ----

func (d *decoder) str(n *jnode) (string, bool) {
	if n.Kind != jStr {
		d.expected(n, "a string")
		return "", false
	}
	return n.Text, true
}

// id reads an identifier: a string, or an integer (written as decimal).
func (d *decoder) id(n *jnode) (string, bool) {
	if n.Kind == jStr {
		return n.Text, true
	}
	return d.numberID(n)
}

// numberID reads an identifier that is not a string.
func (d *decoder) numberID(n *jnode) (string, bool) {
	if n.Kind == jNum {
		if _, ok := smallInt(n.Text); ok && n.Text[0] != '-' && (n.Text[0] != '0' || len(n.Text) == 1) {
			return n.Text, true // already the decimal form of the integer
		}
		if v, err := strconv.ParseInt(n.Text, 10, 64); err == nil {
			return strconv.FormatInt(v, 10), true
		}
	}
	d.expected(n, "a string identifier")
	return "", false
}

func (d *decoder) boolean(n *jnode) (bool, bool) {
	if n.Kind != jBool {
		d.expected(n, "true or false")
		return false, false
	}
	return n.Bool, true
}

// smallInt reads the text of a JSON number that is an integer of at most
// 15 digits (an optional minus sign, then digits only): what
// strconv.ParseInt reads, and strconv.ParseFloat reads exactly too
// (save "-0", which is a negative zero as a float).
func smallInt(s string) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		v = v*10 + int64(c)
	}
	if neg {
		return -v, true
	}
	return v, true
}

// maxExponent bounds the exponents of JSON numbers read exactly, so that
// "1e999999999" cannot make the decoder compute a huge power of ten.
const maxExponent = 400

// rat returns the exact value of JSON number text s.
func rat(s string) (*big.Rat, bool) {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > maxExponent || e < -maxExponent {
			return nil, false
		}
	}
	return new(big.Rat).SetString(s)
}

func (d *decoder) number(n *jnode) (float64, bool) {
	if n.Kind != jNum {
		d.expected(n, "a number")
		return 0, false
	}
	if v, ok := smallInt(n.Text); ok && (v != 0 || n.Text[0] != '-') {
		return float64(v), true // exact: |v| < 2^53
	}
	v, err := strconv.ParseFloat(n.Text, 64)
	if err != nil || math.IsInf(v, 0) {
		d.fail(n, "number %s is out of range", n.Text)
		return 0, false
	}
	return v, true
}

// integer reads an integral number (1, 2.0 and 1e3 are integers, 1.5 is
// not).
func (d *decoder) integer(n *jnode) (int64, bool) {
	if n.Kind != jNum {
		d.expected(n, "an integer")
		return 0, false
	}
	if v, ok := smallInt(n.Text); ok {
		return v, true
	}
	if v, err := strconv.ParseInt(n.Text, 10, 64); err == nil {
		return v, true
	}
	r, ok := rat(n.Text)
	if !ok || (r.IsInt() && !r.Num().IsInt64()) {
		d.fail(n, "number %s is out of range", n.Text)
		return 0, false
	}
	if !r.IsInt() {
		d.fail(n, "expected an integer, got %s", n.Text)
		return 0, false
	}
	return r.Num().Int64(), true
}

// count reads an integer that fits an int.
func (d *decoder) count(n *jnode) (int, bool) {
	v, ok := d.integer(n)
	if !ok {
		return 0, false
	}
	if v > math.MaxInt32 || v < math.MinInt32 {
		d.fail(n, "number %d is out of range", v)
		return 0, false
	}
	return int(v), true
}

// datetimeLayouts are the accepted forms of a datetime with a zone offset.
var datetimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04Z07:00",
}

// naiveLayouts are datetimes without an offset, recognised to explain what
// is missing.
var naiveLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseDatetime parses an ISO-8601 datetime with a zone offset. The result
// is in UTC for "Z" and in a fixed zone for an offset, whatever the local
// time zone of the computer.
func parseDatetime(s string) (time.Time, error) {
	for _, l := range datetimeLayouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if _, off := t.Zone(); off == 0 && strings.HasSuffix(strings.ToUpper(s), "Z") {
			return t.UTC(), nil
		} else {
			return t.In(fixedZone(off)), nil
		}
	}
	for _, l := range naiveLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return time.Time{}, fmt.Errorf("datetime %q has no time zone offset: add Z (UTC) or an offset such as +01:00", s)
		}
	}
	return time.Time{}, fmt.Errorf("bad datetime %q (write e.g. 2026-12-07T06:00:00+01:00)", s)
}

// simpleDatetime reads the common form of a datetime,
// "2026-12-07T06:00:00" with an optional fraction of a second of up to 9
// digits and "Z" or an offset such as "+01:00", into its instant:
// seconds since 1970-01-01T00:00:00Z and nanoseconds. It reports false
// for anything else (other forms, out-of-range fields), which
// parseDatetime then reads or rejects; when it reports true,
// parseDatetime reads the same instant (its fast path in time.Parse,
// with the same checks).
func simpleDatetime(s string) (sec int64, nsec int, ok bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return 0, 0, false
	}
	ok = true
	num := func(s string, lo, hi int) int {
		v := 0
		for i := 0; i < len(s); i++ {
			c := s[i] - '0'
			if c > 9 {
				ok = false
				return lo
			}
			v = v*10 + int(c)
		}
		if v < lo || v > hi {
			ok = false
		}
		return v
	}
	year, month := num(s[0:4], 0, 9999), num(s[5:7], 1, 12)
	if !ok {
		return 0, 0, false
	}
	day := num(s[8:10], 1, daysIn(time.Month(month), year))
	hour, minute, second := num(s[11:13], 0, 23), num(s[14:16], 0, 59), num(s[17:19], 0, 59)
	rest := s[19:]
	if len(rest) > 1 && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return 0, 0, false
		}
		nsec = num(rest[1:n], 0, 999999999)
		for range 10 - n {
			nsec *= 10
		}
		rest = rest[n:]
	}
	off := 0
	switch {
	case rest == "Z":
	case len(rest) == len("+01:00") && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		off = (num(rest[1:3], 0, 23)*60 + num(rest[4:6], 0, 59)) * 60
		if rest[0] == '-' {
			off = -off
		}
	default:
		return 0, 0, false
	}
	if !ok {
		return 0, 0, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC)
	return t.Unix() - int64(off), nsec, true
}

// daysIn returns the number of days of month m (1 to 12) of year, in the
// proleptic Gregorian calendar of package time.
func daysIn(m time.Month, year int) int {
	if m == time.February && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 29
	}
	return monthDays[m-1]
}

var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// epochZone returns the fixed zone of the epoch's offset, in which Encode
// writes datetimes (UTC when the offset is not a whole number of minutes,
// which RFC 3339 cannot write).
func epochZone(epoch time.Time) *time.Location {
	_, off := epoch.Zone()
	if off%60 != 0 {
		off = 0
	}
	return fixedZone(off)
}

func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone("", off)
}

// ticksBetween returns the number of ticks of res nanoseconds from a to b,
// and whether it is a whole number within range.
func ticksBetween(a, b time.Time, res int64) (int64, bool, bool) {
	return ticksTo(a, b.Unix(), b.Nanosecond(), res)
}

// ticksTo is ticksBetween a and the instant sec, nsec (seconds since
// 1970-01-01T00:00:00Z and nanoseconds).
func ticksTo(a time.Time, sec int64, nsec int, res int64) (int64, bool, bool) {
	ds := sec - a.Unix()
	dn := int64(nsec - a.Nanosecond())
	if ds > -9e9 && ds < 9e9 {
		ns := ds*1e9 + dn
		return ns / res, ns%res == 0, true
	}
	ns := new(big.Int).Mul(big.NewInt(ds), big.NewInt(1e9))
	ns.Add(ns, big.NewInt(dn))
	q, r := new(big.Int).QuoRem(ns, big.NewInt(res), new(big.Int))
	if !q.IsInt64() || q.Int64() > Forever || q.Int64() < -Forever {
		return 0, false, false
	}
	return q.Int64(), r.Sign() == 0, true
}

// time reads a time: a datetime with offset or an integer number of ticks.
func (d *decoder) time(n *jnode) (int64, bool) {
	switch n.Kind {
	case jStr:
		sec, nsec, ok := simpleDatetime(n.Text)
		if !ok {
			t, err := parseDatetime(n.Text)
			if err != nil {
				d.fail(n, "%v", err)
				return 0, false
			}
			sec, nsec = t.Unix(), t.Nanosecond()
		}
		if d.unitless {
			d.fail(n, "datetime %q in a problem without epoch: give an epoch, or times as tick numbers", n.Text)
			return 0, false
		}
		v, whole, ok := ticksTo(d.epoch, sec, nsec, d.res)
		if !ok {
			d.fail(n, "datetime %q is too far from the epoch", n.Text)
			return 0, false
		}
		if !whole {
			d.fail(n, "datetime %q is not on a tick boundary (resolution %s)", n.Text, FormatISODuration(time.Duration(d.res)))
			return 0, false
		}
		return v, true
	case jNum:
		v, ok := d.integer(n)
		if ok && (v > Forever || v < -Forever) {
			d.fail(n, "time %d is out of range", v)
			return 0, false
		}
		return v, ok
	}
	d.fail(n, "expected a datetime string or a tick number, got %s", n.Kind)
	return 0, false
}

// optTime reads an optional time into a pointer (into the slab of
// times).
func (d *decoder) optTime(n *jnode) *int64 {
	if v, ok := d.time(n); ok {
		t := &d.ticks.take(1)[0]
		*t = v
		return t
	}
	return nil
}

// ticks converts an exact duration in nanoseconds (iso true) or in the
// unit of plain numbers (minutes, or ticks when unitless) into ticks.
func (d *decoder) ticksOf(r *big.Rat, iso bool) *big.Rat {
	switch {
	case iso:
		return r.Quo(r, new(big.Rat).SetInt64(d.res))
	case d.unitless || (d.scaleNum == 1 && d.scaleDen == 1):
		return r
	}
	return r.Mul(r, big.NewRat(d.scaleNum, d.scaleDen))
}

// durationRat reads a duration as an exact, non-negative number of ticks.
func (d *decoder) durationRat(n *jnode) (*big.Rat, bool) {
	var r *big.Rat
	switch n.Kind {
	case jStr:
		if d.unitless {
			d.fail(n, "ISO duration %q in a problem without epoch: give an epoch, or durations as tick numbers", n.Text)
			return nil, false
		}
		ns, err := parseISODuration(n.Text)
		if err != nil {
			d.fail(n, "%v", err)
			return nil, false
		}
		r = d.ticksOf(ns, true)
	case jNum:
		v, ok := rat(n.Text)
		if !ok {
			d.fail(n, "number %s is out of range", n.Text)
			return nil, false
		}
		if v.Sign() < 0 {
			d.fail(n, "negative duration %s", n.Text)
			return nil, false
		}
		r = d.ticksOf(v, false)
	default:
		d.fail(n, "expected a duration (ISO-8601 string such as \"PT1H30M\", or %s), got %s", d.numberUnit(), n.Kind)
		return nil, false
	}
	return r, true
}

func (d *decoder) numberUnit() string {
	if d.unitless {
		return "a number of ticks"
	}
	return "a number of minutes"
}

// duration reads a duration as a whole, non-negative number of ticks.
func (d *decoder) duration(n *jnode) (int64, bool) {
	if n.Kind == jNum {
		if v, ok := smallInt(n.Text); ok && v >= 0 {
			// whole minutes (or ticks) that are a whole number of ticks
			if d.unitless {
				return v, true
			}
			if d.scaleNum > 0 && v <= math.MaxInt64/d.scaleNum && v*d.scaleNum%d.scaleDen == 0 && v*d.scaleNum/d.scaleDen <= Forever {
				return v * d.scaleNum / d.scaleDen, true
			}
		}
	}
	if n.Kind == jNum && (d.unitless || d.scaleNum == 1 && d.scaleDen == 1) {
		if v, err := strconv.ParseInt(n.Text, 10, 64); err == nil {
			if v < 0 {
				d.fail(n, "negative duration %s", n.Text)
				return 0, false
			}
			if v > Forever {
				d.fail(n, "duration %s is out of range", n.Text)
				return 0, false
			}
			return v, true
		}
	}
	if n.Kind == jStr && !d.unitless {
		// the common ISO form, read without big.Rat
		if ns, ok := simpleISODuration(n.Text); ok && d.res > 0 && ns%d.res == 0 && ns/d.res <= Forever {
			return ns / d.res, true
		}
	}
	r, ok := d.durationRat(n)
	if !ok {
		return 0, false
	}
	if !r.IsInt() {
		what := n.Text
		if n.Kind == jStr {
			what = strconv.Quote(n.Text)
		}
		if d.unitless {
			d.fail(n, "duration %s is not a whole number of ticks", what)
		} else {
			d.fail(n, "duration %s is not a whole number of ticks (resolution %s)", what, FormatISODuration(time.Duration(d.res)))
		}
		return 0, false
	}
	if !r.Num().IsInt64() || r.Num().Int64() > Forever {
		d.fail(n, "duration %s is out of range", n.Text)
		return 0, false
	}
	return r.Num().Int64(), true
}

// rate reads a non-negative duration that may be a fraction of a tick (a
// run time per unit).
func (d *decoder) rate(n *jnode) (float64, bool) {
	if n.Kind == jNum && (d.unitless || d.scaleNum == 1 && d.scaleDen == 1) {
		v, ok := d.number(n)
		if ok && v < 0 {
			d.fail(n, "negative duration %s", n.Text)
			return 0, false
		}
		return v, ok
	}
	r, ok := d.durationRat(n)
	if !ok {
		return 0, false
	}
	v, _ := r.Float64()
	if math.IsInf(v, 0) {
		d.fail(n, "duration %s is out of range", n.Text)
		return 0, false
	}
	return v, true
}

// clock reads a time of day: "HH:MM" or a number of minutes after
// midnight.
func (d *decoder) clock(n *jnode) (int, bool) {
	switch n.Kind {
	case jStr:
		m, err := parseClock(n.Text)
		if err != nil {
			d.fail(n, "%v", err)
			return 0, false
		}
		return m, true
	case jNum:
		return d.count(n)
	}
	d.fail(n, "expected a time of day such as \"06:00\", got %s", n.Kind)
	return 0, false
}

// days reads weekdays: a string ("mon-fri", "mon,wed,fri") or an array of
// day names.
func (d *decoder) days(n *jnode) ([]time.Weekday, bool) {
	switch n.Kind {
	case jStr:
		// calendars repeat their days ("mon-fri"): the walk keeps the
		// last string's days, and gives the next shifts copies
		if n.Text == d.lastDays && d.lastWeek != nil {
			return slices.Clone(d.lastWeek), true
		}
		days, err := parseDays(n.Text)
		if err != nil {
			d.fail(n, "%v", err)
			return nil, false
		}
		d.lastDays, d.lastWeek = n.Text, days
		return days, true
	case jArr:
		var days []time.Weekday
		ok := true
		for i := range n.Arr {
			d.pushIdx(i)
			days, ok = d.dayNames(&n.Arr[i], days, ok)
			d.pop()
		}
		return days, ok
	}
	d.fail(n, "expected days as a string such as \"mon-fri\" or an array of day names, got %s", n.Kind)
	return nil, false
}

// dayNames reads element v of an array of days, adding its days to days
// (ok turns false on an error).
func (d *decoder) dayNames(v *jnode, days []time.Weekday, ok bool) ([]time.Weekday, bool) {
	s, good := d.str(v)
	if !good {
		return days, false
	}
	ds, err := parseDays(s)
	if err != nil {
		d.fail(v, "%v", err)
		return days, false
	}
	for _, x := range ds {
		if slices.Contains(days, x) {
			d.fail(v, "day %s is listed twice", dayNames[x])
			ok = false
		}
		days = append(days, x)
	}
	return days, ok
}

func (d *decoder) strings(n *jnode) []string {
	if !d.isArray(n) {
		return nil
	}
	var out []string
	for i := range n.Arr {
		d.pushIdx(i)
		if s, ok := d.str(&n.Arr[i]); ok {
			out = append(out, s)
		}
		d.pop()
	}
	return out
}

// ---- the problem ----

// The walk decodes each object into a value its caller gives (an element
// of a slice sized from the array), going through the members in the
// order of the text: key numbers them, and a switch on the number decodes
// the member's value with its key pushed on the path.

func (d *decoder) problem(root *jnode) *Problem {
	p := &Problem{}
	d.path = d.pathBuf[:0]
	if root.Kind != jObj {
		d.fail(root, "expected the problem as a JSON object, got %s", root.Kind)
		return nil
	}
	// The epoch and the resolution decide how every time and duration is
	// read: decode them first.
	d.unitless = true
	if n := member(root, "epoch"); n != nil {
		d.push(keysProblem, kProblemEpoch)
		if s, ok := d.str(n); ok {
			t, err := parseDatetime(s)
			switch {
			case err != nil:
				d.fail(n, "%v", err)
			case t.IsZero():
				d.fail(n, "the epoch cannot be 0001-01-01T00:00:00Z (the zero time means unitless)")
			default:
				p.Epoch = t
			}
		}
		d.pop()
		// A bad epoch still makes datetimes meaningful: report them
		// against a stand-in epoch rather than as unitless values.
		d.unitless = false
		d.epoch = p.Epoch
		if d.epoch.IsZero() {
			d.epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	if n := member(root, "resolution"); n != nil {
		d.push(keysProblem, kProblemResolution)
		if s, ok := d.str(n); ok {
			r, err := time.Duration(0), error(nil)
			if ns, ok := simpleISODuration(s); ok {
				r = time.Duration(ns) // what ParseISODuration gives, without big.Rat
			} else {
				r, err = ParseISODuration(s)
			}
			switch {
			case err != nil:
				d.fail(n, "%v", err)
			case r <= 0:
				d.fail(n, "the resolution must be positive")
			default:
				p.Resolution = r
			}
		}
		d.pop()
	}
	d.res = int64(p.TickLength())
	g := gcd(int64(time.Minute), d.res)
	d.scaleNum, d.scaleDen = int64(time.Minute)/g, d.res/g

	w := members{x: keysProblem}
	for i := range root.Obj {
		k := d.key(root, i, &w)
		if k < 0 {
			continue
		}
		n := &root.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kProblemSchema:
			d.str(n) // a reference for editors: only its type matters
		case kProblemVersion:
			if v, ok := d.integer(n); ok && v != FormatVersion {
				d.fail(n, "unsupported format version %d (this library reads version %d)", v, FormatVersion)
			}
		case kProblemName:
			p.Name, _ = d.str(n)
		case kProblemHorizon:
			p.Horizon, _ = d.time(n)
		case kProblemMachines:
			p.Machines = objects(d, n, (*decoder).machine)
		case kProblemCalendars:
			p.Calendars = objects(d, n, (*decoder).calendar)
		case kProblemSetupMatrices:
			p.SetupMatrices = objects(d, n, (*decoder).matrix)
		case kProblemMaterials:
			p.Materials = objects(d, n, (*decoder).material)
		case kProblemOperatorPools:
			p.OperatorPools = objects(d, n, (*decoder).pool)
		case kProblemJobs:
			if d.isArray(n) {
				p.Jobs = make([]Job, len(n.Arr)) // empty, not nil, for "jobs": []
				d.sizeSlabs(n.Arr)
				for i := range n.Arr {
					d.pushIdx(i)
					d.job(&n.Arr[i], &p.Jobs[i])
					d.pop()
				}
			}
		case kProblemObjective:
			p.Objective = d.objective(n)
		}
		d.pop()
	}
	return p
}

// objects decodes the array n of objects with each, element by element
// into a new slice (nil when n is empty or, reported, not an array).
func objects[T any](d *decoder, n *jnode, each func(*decoder, *jnode, *T)) []T {
	if !d.isArray(n) {
		return nil
	}
	out := sized[T](len(n.Arr))
	for i := range n.Arr {
		d.pushIdx(i)
		each(d, &n.Arr[i], &out[i])
		d.pop()
	}
	return out
}

// sized returns a slice of n zero values, nil when n is 0 (what appending
// the elements of an empty array gives).
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, n)
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (d *decoder) machine(n *jnode, m *Machine) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysMachine}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kMachineID:
			m.ID, _ = d.id(v)
		case kMachineName:
			m.Name, _ = d.str(v)
		case kMachineCalendar:
			m.Calendar, _ = d.id(v)
		case kMachineSetupMatrix:
			m.SetupMatrix, _ = d.id(v)
		case kMachineDowntime:
			m.Downtime = objects(d, v, (*decoder).window)
		case kMachineCostPerHour:
			m.CostPerHour, _ = d.number(v)
		case kMachineNightPremium:
			m.NightPremium, _ = d.number(v)
		case kMachineWeekendPremium:
			m.WeekendPremium, _ = d.number(v)
		case kMachineSetupChangeCost:
			m.SetupChangeCost, _ = d.number(v)
		case kMachineOvertime:
			m.Overtime = objects(d, v, (*decoder).overtime)
		}
		d.pop()
	}
}

func (d *decoder) overtime(n *jnode, o *Overtime) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysOvertime}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kOvertimeStart:
			o.Start, _ = d.time(v)
		case kOvertimeEnd:
			o.End, _ = d.time(v)
		case kOvertimeCostPerHour:
			o.CostPerHour, _ = d.number(v)
		}
		d.pop()
	}
	d.require(n, &w, kOvertimeStart, kOvertimeEnd)
}

func (d *decoder) window(n *jnode, win *Window) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysWindow}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kWindowStart:
			win.Start, _ = d.time(v)
		case kWindowEnd:
			win.End, _ = d.time(v)
		case kWindowReason:
			win.Reason, _ = d.str(v)
		}
		d.pop()
	}
	d.require(n, &w, kWindowStart, kWindowEnd)
}

// patterns are the shift patterns of the calendar shorthand "pattern".
var patterns = map[string][][2]int{
	"1x8": {{6 * 60, 14 * 60}},
	"2x8": {{6 * 60, 14 * 60}, {14 * 60, 22 * 60}},
	"3x8": {{6 * 60, 14 * 60}, {14 * 60, 22 * 60}, {22 * 60, 6 * 60}},
}

func (d *decoder) calendar(n *jnode, c *Calendar) {
	var calDays []time.Weekday
	hasDays := false
	if v := member(n, "days"); v != nil {
		d.push(keysCalendar, kCalendarDays)
		calDays, _ = d.days(v)
		hasDays = true
		d.pop()
	}
	var loc *time.Location
	if v := member(n, "time_zone"); v != nil {
		d.push(keysCalendar, kCalendarTimeZone)
		if s, ok := d.str(v); ok {
			c.TimeZone = s
			l, err := loadZone(s)
			if err != nil {
				d.fail(v, "%v", err)
			} else {
				loc = l
			}
		}
		d.pop()
	} else {
		loc = time.UTC
	}
	if !d.isObject(n) {
		return
	}
	var patternShifts []Shift
	w := members{x: keysCalendar}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kCalendarID:
			c.ID, _ = d.id(v)
		case kCalendarPattern:
			patternShifts = d.pattern(v, calDays, hasDays)
		case kCalendarShifts:
			if d.isArray(v) {
				c.Shifts = sized[Shift](len(v.Arr))
				for i := range v.Arr {
					d.pushIdx(i)
					d.shift(&v.Arr[i], &c.Shifts[i], calDays, hasDays)
					d.pop()
				}
			}
		case kCalendarExceptions:
			if d.isArray(v) {
				c.Exceptions = sized[Exception](len(v.Arr))
				for i := range v.Arr {
					d.pushIdx(i)
					d.exception(&v.Arr[i], &c.Exceptions[i], loc)
					d.pop()
				}
			}
		}
		d.pop()
	}
	if patternShifts != nil {
		c.Shifts = append(patternShifts, c.Shifts...)
	}
}

// pattern reads the shorthand "pattern" of a calendar into its shifts, on
// the days of the calendar (Monday to Friday when it gives none).
func (d *decoder) pattern(v *jnode, calDays []time.Weekday, hasDays bool) []Shift {
	s, ok := d.str(v)
	if !ok {
		return nil
	}
	pat, found := patterns[strings.ToLower(strings.TrimSpace(s))]
	if !found {
		d.fail(v, "unknown shift pattern %q (want 1x8, 2x8 or 3x8)", s)
		return nil
	}
	days := calDays
	if !hasDays {
		days = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	}
	var shifts []Shift
	for _, sh := range pat {
		shifts = append(shifts, Shift{Days: append([]time.Weekday(nil), days...), Start: sh[0], End: sh[1]})
	}
	return shifts
}

// loadZone loads an IANA time zone, refusing "Local" (which depends on the
// computer).
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if name == "Local" {
		return nil, fmt.Errorf("time zone %q depends on the computer: give an IANA name such as Europe/Paris", name)
	}
	l, err := loadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (give an IANA name such as Europe/Paris)", name)
	}
	return l, nil
}

func (d *decoder) shift(n *jnode, s *Shift, calDays []time.Weekday, hasDays bool) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysShift}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kShiftDays:
			s.Days, _ = d.days(v)
		case kShiftStart:
			s.Start, _ = d.clock(v)
		case kShiftEnd:
			s.End, _ = d.clock(v)
		}
		d.pop()
	}
	if !w.set.has(kShiftDays) {
		if hasDays {
			s.Days = append([]time.Weekday(nil), calDays...)
		} else {
			d.fail(n, "missing \"days\" (on the shift or on its calendar)")
		}
	}
	d.require(n, &w, kShiftStart, kShiftEnd)
}

func (d *decoder) exception(n *jnode, e *Exception, loc *time.Location) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysException}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kExceptionStart:
			e.Start, _ = d.time(v)
		case kExceptionEnd:
			e.End, _ = d.time(v)
		case kExceptionWorking:
			e.Working, _ = d.boolean(v)
		case kExceptionReason:
			e.Reason, _ = d.str(v)
		case kExceptionDate:
			d.date(n, v, e, loc)
		}
		d.pop()
	}
	if !w.set.has(kExceptionDate) {
		d.require(n, &w, kExceptionStart, kExceptionEnd)
	}
}

// date reads the shorthand "date" v of exception n: the whole local day
// in time zone loc (nil when the calendar's time zone is bad).
func (d *decoder) date(n, v *jnode, e *Exception, loc *time.Location) {
	s, ok := d.str(v)
	if !ok {
		return
	}
	if member(n, "start") != nil || member(n, "end") != nil {
		d.fail(v, "give either a date or a start and an end, not both")
		return
	}
	if d.unitless {
		d.fail(v, "date %q in a problem without epoch", s)
		return
	}
	day, err := time.Parse("2006-01-02", s)
	if err != nil {
		d.fail(v, "bad date %q (write YYYY-MM-DD)", s)
		return
	}
	if loc == nil {
		return // bad time zone, reported
	}
	y, m, dd := day.Date()
	a, b := LocalDayStart(y, m, dd, loc), LocalDayStart(y, m, dd+1, loc)
	ta, whole1, ok1 := ticksBetween(d.epoch, a, d.res)
	tb, whole2, ok2 := ticksBetween(d.epoch, b, d.res)
	if !ok1 || !ok2 || !whole1 || !whole2 {
		d.fail(v, "date %q is too far from the epoch or not on a tick boundary", s)
		return
	}
	e.Start, e.End = ta, tb
}

func (d *decoder) matrix(n *jnode, s *SetupMatrix) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysMatrix}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kSetupMatrixID:
			s.ID, _ = d.id(v)
		case kSetupMatrixDefault:
			s.Default, _ = d.duration(v)
		case kSetupMatrixInitial:
			s.Initial, _ = d.duration(v)
		case kSetupMatrixEntries:
			s.Entries = objects(d, v, (*decoder).entry)
		}
		d.pop()
	}
}

func (d *decoder) entry(n *jnode, en *SetupEntry) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysEntry}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kSetupEntryFrom:
			en.From, _ = d.id(v)
		case kSetupEntryTo:
			en.To, _ = d.id(v)
		case kSetupEntryTime:
			en.Time, _ = d.duration(v)
		}
		d.pop()
	}
	d.require(n, &w, kSetupEntryFrom, kSetupEntryTo, kSetupEntryTime)
}

func (d *decoder) material(n *jnode, m *Material) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysMaterial}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kMaterialID:
			m.ID, _ = d.id(v)
		case kMaterialName:
			m.Name, _ = d.str(v)
		case kMaterialUnit:
			m.Unit, _ = d.str(v)
		case kMaterialInitial:
			m.Initial, _ = d.number(v)
		case kMaterialReceipts:
			m.Receipts = objects(d, v, (*decoder).receipt)
		case kMaterialHoldingCostPerDay:
			m.HoldingCostPerDay, _ = d.number(v)
		}
		d.pop()
	}
}

func (d *decoder) receipt(n *jnode, rc *Receipt) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysReceipt}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kReceiptAt:
			rc.At, _ = d.time(v)
		case kReceiptQuantity:
			rc.Quantity, _ = d.number(v)
		}
		d.pop()
	}
	d.require(n, &w, kReceiptAt, kReceiptQuantity)
}

func (d *decoder) pool(n *jnode, o *OperatorPool) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysPool}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kOperatorPoolID:
			o.ID, _ = d.id(v)
		case kOperatorPoolSkills:
			o.Skills = d.strings(v)
		case kOperatorPoolCapacity:
			o.Capacity, _ = d.count(v)
		case kOperatorPoolCalendar:
			o.Calendar, _ = d.id(v)
		}
		d.pop()
	}
	d.require(n, &w, kOperatorPoolCapacity)
}

func (d *decoder) job(n *jnode, j *Job) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysJob}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kJobID:
			j.ID, _ = d.id(v)
		case kJobName:
			j.Name, _ = d.str(v)
		case kJobQuantity:
			j.Quantity, _ = d.number(v)
		case kJobRelease:
			j.Release, _ = d.time(v)
		case kJobDue:
			j.Due = d.optTime(v)
		case kJobDeadline:
			j.Deadline = d.optTime(v)
		case kJobWeight:
			if x, ok := d.number(v); ok {
				if x <= 0 {
					d.fail(v, "the weight must be positive, got %s", v.Text)
				}
				j.Weight = x
			}
		case kJobRouting:
			j.Routing = d.routing(v)
		case kJobOperations:
			if d.isArray(v) && len(v.Arr) > 0 {
				j.Operations = d.ops.take(len(v.Arr))
				for i := range v.Arr {
					d.pushIdx(i)
					d.operation(&v.Arr[i], &j.Operations[i])
					d.pop()
				}
			}
		case kJobLatenessCostPerDay:
			j.LatenessCostPerDay, _ = d.number(v)
		case kJobHoldingCostPerDay:
			j.HoldingCostPerDay, _ = d.number(v)
		}
		d.pop()
	}
}

// routing reads the routing kind of a job.
func (d *decoder) routing(v *jnode) RoutingKind {
	s, ok := d.str(v)
	if !ok {
		return Sequence
	}
	switch strings.ToLower(s) {
	case "sequence":
		return Sequence
	case "dag":
		return DAG
	}
	d.fail(v, "unknown routing %q (want \"sequence\" or \"dag\")", s)
	return Sequence
}

func (d *decoder) operation(n *jnode, op *Operation) {
	if !d.isObject(n) {
		return
	}
	var short Alternative
	w := members{x: keysOperation}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kOperationID:
			op.ID, _ = d.id(v)
		case kOperationAlternatives:
			if member(n, "machine") != nil {
				d.fail(v, "give either alternatives or a machine, not both")
			}
			if d.isArray(v) && len(v.Arr) > 0 {
				op.Alternatives = d.alts.take(len(v.Arr))
				for i := range v.Arr {
					d.pushIdx(i)
					d.alternative(&v.Arr[i], &op.Alternatives[i])
					d.pop()
				}
			}
		case kOperationMachine:
			short.Machine, _ = d.id(v)
		case kOperationDuration:
			short.Duration, _ = d.duration(v)
		case kOperationSetup:
			short.Setup, _ = d.duration(v)
		case kOperationRunPerUnit:
			short.RunPerUnit, _ = d.rate(v)
		case kOperationResumable:
			op.Resumable, _ = d.boolean(v)
		case kOperationSetupFamily:
			op.SetupFamily, _ = d.id(v)
		case kOperationMinLag:
			op.MinLag, _ = d.duration(v)
		case kOperationAfter:
			if d.isArray(v) {
				op.After = d.links.take(len(v.Arr))
				for i := range v.Arr {
					d.pushIdx(i)
					d.link(&v.Arr[i], &op.After[i])
					d.pop()
				}
			}
		case kOperationConsumes:
			op.Consumes = d.materialQtys(v)
		case kOperationProduces:
			op.Produces = d.materialQtys(v)
		case kOperationOperators:
			if d.isArray(v) {
				op.Operators = d.needs.take(len(v.Arr))
				for i := range v.Arr {
					d.pushIdx(i)
					d.need(&v.Arr[i], &op.Operators[i])
					d.pop()
				}
			}
		case kOperationFixed:
			op.Fixed = d.fixed(v)
		}
		d.pop()
	}
	hasShort := w.set.has(kOperationMachine)
	rest := w.set.has(kOperationDuration) || w.set.has(kOperationSetup) || w.set.has(kOperationRunPerUnit)
	switch {
	case hasShort && !w.set.has(kOperationAlternatives):
		if !w.set.has(kOperationDuration) && !w.set.has(kOperationRunPerUnit) {
			d.fail(n, "missing \"duration\" (or \"run_per_unit\") for machine %q", short.Machine)
		}
		op.Alternatives = d.alts.take(1)
		op.Alternatives[0] = short
	case rest && !hasShort:
		d.fail(n, "\"duration\", \"setup\" and \"run_per_unit\" on an operation need a \"machine\" (or use \"alternatives\")")
	}
}

func (d *decoder) alternative(n *jnode, a *Alternative) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysAlternative}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kAlternativeMachine:
			a.Machine, _ = d.id(v)
		case kAlternativeDuration:
			a.Duration, _ = d.duration(v)
		case kAlternativeSetup:
			a.Setup, _ = d.duration(v)
		case kAlternativeRunPerUnit:
			a.RunPerUnit, _ = d.rate(v)
		}
		d.pop()
	}
	d.require(n, &w, kAlternativeMachine)
	if !w.set.has(kAlternativeDuration) && !w.set.has(kAlternativeRunPerUnit) {
		d.fail(n, "missing \"duration\" (or \"run_per_unit\")")
	}
}

func (d *decoder) link(n *jnode, l *Link) {
	if n.Kind == jStr || n.Kind == jNum {
		l.Op, _ = d.id(n) // shorthand: the ID of an operation of the same job
		return
	}
	if !d.isObject(n) {
		return
	}
	w := members{x: keysLink}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kLinkObjectJob:
			l.Job, _ = d.id(v)
		case kLinkObjectOp:
			l.Op, _ = d.id(v)
		case kLinkObjectMinLag:
			l.MinLag, _ = d.duration(v)
		}
		d.pop()
	}
	d.require(n, &w, kLinkObjectOp)
}

func (d *decoder) materialQtys(n *jnode) []MaterialQty {
	if !d.isArray(n) {
		return nil
	}
	out := d.qtys.take(len(n.Arr))
	for i := range n.Arr {
		d.pushIdx(i)
		d.materialQty(&n.Arr[i], &out[i])
		d.pop()
	}
	return out
}

func (d *decoder) materialQty(n *jnode, mq *MaterialQty) {
	if !d.isObject(n) {
		return
	}
	w := members{x: keysMaterialQty}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kMaterialQtyMaterial:
			mq.Material, _ = d.id(v)
		case kMaterialQtyQuantity:
			mq.Quantity, _ = d.number(v)
		}
		d.pop()
	}
	d.require(n, &w, kMaterialQtyMaterial, kMaterialQtyQuantity)
}

func (d *decoder) need(n *jnode, need *OperatorNeed) {
	need.Count = 1
	if !d.isObject(n) {
		return
	}
	w := members{x: keysNeed}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kOperatorNeedSkill:
			need.Skill, _ = d.id(v)
		case kOperatorNeedCount:
			need.Count, _ = d.count(v)
		}
		d.pop()
	}
	d.require(n, &w, kOperatorNeedSkill)
}

func (d *decoder) fixed(n *jnode) *Fixed {
	f := &Fixed{}
	if !d.isObject(n) {
		return f
	}
	w := members{x: keysFixed}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kFixedMachine:
			f.Machine, _ = d.id(v)
		case kFixedSetupStart:
			f.SetupStart, _ = d.time(v)
		case kFixedStart:
			f.Start, _ = d.time(v)
		case kFixedEnd:
			f.End, _ = d.time(v)
		case kFixedPools:
			if d.isArray(v) {
				for i := range v.Arr {
					d.pushIdx(i)
					if id, ok := d.id(&v.Arr[i]); ok {
						f.Pools = append(f.Pools, id)
					}
					d.pop()
				}
			}
		}
		d.pop()
	}
	d.require(n, &w, kFixedMachine, kFixedStart, kFixedEnd)
	if !w.set.has(kFixedSetupStart) {
		f.SetupStart = f.Start
	}
	return f
}

func (d *decoder) objective(n *jnode) Objective {
	switch n.Kind {
	case jStr:
		o, err := ParseObjective(n.Text)
		if err != nil {
			d.fail(n, "%v", err)
		}
		return o
	case jArr:
		return Objective{Terms: objects(d, n, (*decoder).term)}
	}
	d.fail(n, "expected the objective as a string such as \"weighted_tardiness\" or an array of {criterion, weight}, got %s", n.Kind)
	return Objective{}
}

func (d *decoder) term(n *jnode, t *Term) {
	t.Weight = 1
	if !d.isObject(n) {
		return
	}
	w := members{x: keysTerm}
	for i := range n.Obj {
		k := d.key(n, i, &w)
		if k < 0 {
			continue
		}
		v := &n.Obj[i].Val
		d.push(w.x, k)
		switch k {
		case kObjectiveTermCriterion:
			if s, ok := d.str(v); ok {
				c, err := ParseCriterion(s)
				if err != nil {
					d.fail(v, "%v", err)
				}
				t.Criterion = c
			}
		case kObjectiveTermWeight:
			t.Weight, _ = d.number(v)
		}
		d.pop()
	}
	d.require(n, &w, kObjectiveTermCriterion)
}

// ---- encoding ----

// Encode writes p in the JSON format v1, indented. Times are written as
// ISO-8601 datetimes in the epoch's zone offset (tick numbers for unitless
// problems), durations as minutes (ticks for unitless problems, ISO-8601
// strings when a duration is not a whole number of minutes). Decode(Encode(p))
// gives back p for every valid p. Encode fails on values JSON cannot
// represent (NaN, infinities) and on out-of-range enumerations (weekdays,
// routing kinds, criteria).
func Encode(p *Problem) ([]byte, error) {
	if p == nil {
		return nil, errors.New("encode: nil problem")
	}
	e := &encoder{p: p, unitless: p.Epoch.IsZero(), res: int64(p.TickLength())}
	if !e.unitless {
		e.loc = epochZone(p.Epoch)
		g := gcd(int64(time.Minute), e.res)
		e.scaleNum, e.scaleDen = int64(time.Minute)/g, e.res/g
	}
	doc := e.problem()
	if e.err != nil {
		return nil, e.err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return buf.Bytes(), nil
}

type encoder struct {
	p        *Problem
	unitless bool
	res      int64
	loc      *time.Location
	// minute/res as a reduced fraction
	scaleNum, scaleDen int64
	err                error
}

func (e *encoder) fail(path, format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("encode: %s: %s", path, fmt.Sprintf(format, args...))
	}
}

func (e *encoder) float(path string, v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		e.fail(path, "%v cannot be written in JSON", v)
		return 0
	}
	return v
}

// time writes tick t as a datetime in the epoch's offset, or as a tick
// number for unitless problems and for times beyond the years 1-9999.
func (e *encoder) time(t int64) any {
	if e.unitless {
		return t
	}
	ns := new(big.Int).Mul(big.NewInt(t), big.NewInt(e.res))
	ns.Add(ns, big.NewInt(int64(e.p.Epoch.Nanosecond())))
	sec, nsec := new(big.Int).DivMod(ns, big.NewInt(1e9), new(big.Int))
	if !sec.IsInt64() {
		return t
	}
	s := sec.Int64()
	base := e.p.Epoch.Unix()
	if (s > 0 && base > math.MaxInt64/2-s) || (s < 0 && base < math.MinInt64/2-s) {
		return t
	}
	tm := time.Unix(base+s, nsec.Int64()).In(e.loc)
	if y := tm.Year(); y < 1 || y > 9999 {
		return t
	}
	return tm.Format(time.RFC3339Nano)
}

func (e *encoder) optTime(t int64) any {
	if t == 0 {
		return nil
	}
	return e.time(t)
}

// duration writes a duration of d ticks: minutes (or ticks) when whole,
// an ISO-8601 string otherwise.
func (e *encoder) duration(d int64) any {
	if e.unitless || (e.scaleNum == 1 && e.scaleDen == 1) {
		return d
	}
	m := new(big.Rat).SetFrac(big.NewInt(d), big.NewInt(1))
	m.Mul(m, big.NewRat(e.scaleDen, e.scaleNum)) // ticks -> minutes
	if m.IsInt() && m.Num().IsInt64() {
		return m.Num().Int64()
	}
	ns := new(big.Int).Mul(big.NewInt(d), big.NewInt(e.res))
	if ns.IsInt64() {
		return FormatISODuration(time.Duration(ns.Int64()))
	}
	return d // cannot happen for durations up to Forever with sane resolutions
}

func (e *encoder) optDuration(d int64) any {
	if d == 0 {
		return nil
	}
	return e.duration(d)
}

// rate writes a duration of x ticks that may be fractional, exactly.
func (e *encoder) rate(path string, x float64) any {
	x = e.float(path, x)
	if e.unitless || (e.scaleNum == 1 && e.scaleDen == 1) {
		return x
	}
	// minutes as the shortest decimal that reads back to x
	m := new(big.Rat).SetFloat64(x)
	m.Mul(m, big.NewRat(e.scaleDen, e.scaleNum))
	f, _ := m.Float64()
	d := decoder{res: e.res, scaleNum: e.scaleNum, scaleDen: e.scaleDen}
	for _, s := range []string{strconv.FormatFloat(f, 'g', -1, 64), m.FloatString(40)} {
		n := jnode{Kind: jNum, Text: s}
		if v, ok := d.rate(&n); ok && v == x {
			return json.Number(s)
		}
	}
	// exact fallback: x ticks as an ISO duration in seconds (a float is a
	// dyadic rational, so the decimal expansion terminates)
	sec := new(big.Rat).SetFloat64(x)
	sec.Mul(sec, big.NewRat(e.res, 1e9))
	return "PT" + exactDecimal(sec) + "S"
}

// exactDecimal writes a rational with a terminating decimal expansion.
func exactDecimal(r *big.Rat) string {
	for digits := 0; digits < 1100; digits += 10 {
		s := r.FloatString(digits)
		if v, ok := new(big.Rat).SetString(s); ok && v.Cmp(r) == 0 {
			if strings.Contains(s, ".") {
				s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
			}
			return s
		}
	}
	return r.FloatString(1100)
}

type (
	jProblem struct {
		Version       int         `json:"version"`
		Name          string      `json:"name,omitempty"`
		Epoch         string      `json:"epoch,omitempty"`
		Resolution    string      `json:"resolution,omitempty"`
		Horizon       any         `json:"horizon,omitempty"`
		Machines      []jMachine  `json:"machines,omitempty"`
		Calendars     []jCalendar `json:"calendars,omitempty"`
		SetupMatrices []jMatrix   `json:"setup_matrices,omitempty"`
		Materials     []jMaterial `json:"materials,omitempty"`
		OperatorPools []jPool     `json:"operator_pools,omitempty"`
		Jobs          []jJob      `json:"jobs"`
		Objective     any         `json:"objective,omitempty"`
	}
	jMachine struct {
		ID          string    `json:"id"`
		Name        string    `json:"name,omitempty"`
		Calendar    string    `json:"calendar,omitempty"`
		SetupMatrix string    `json:"setup_matrix,omitempty"`
		Downtime    []jWindow `json:"downtime,omitempty"`
		CostPerHour float64   `json:"cost_per_hour,omitempty"`
		Night       float64   `json:"night_premium,omitempty"`
		Weekend     float64   `json:"weekend_premium,omitempty"`
		SetupChange float64   `json:"setup_change_cost,omitempty"`
		Overtime    []jOver   `json:"overtime,omitempty"`
	}
	jOver struct {
		Start       any     `json:"start"`
		End         any     `json:"end"`
		CostPerHour float64 `json:"cost_per_hour,omitempty"`
	}
	jWindow struct {
		Start  any    `json:"start"`
		End    any    `json:"end"`
		Reason string `json:"reason,omitempty"`
	}
	jCalendar struct {
		ID         string       `json:"id"`
		TimeZone   string       `json:"time_zone,omitempty"`
		Shifts     []jShift     `json:"shifts,omitempty"`
		Exceptions []jException `json:"exceptions,omitempty"`
	}
	jShift struct {
		Days  any `json:"days"`
		Start any `json:"start"`
		End   any `json:"end"`
	}
	jException struct {
		Start   any    `json:"start"`
		End     any    `json:"end"`
		Working bool   `json:"working"`
		Reason  string `json:"reason,omitempty"`
	}
	jMatrix struct {
		ID      string   `json:"id"`
		Default any      `json:"default"`
		Initial any      `json:"initial,omitempty"`
		Entries []jEntry `json:"entries,omitempty"`
	}
	jEntry struct {
		From string `json:"from"`
		To   string `json:"to"`
		Time any    `json:"time"`
	}
	jMaterial struct {
		ID       string     `json:"id"`
		Name     string     `json:"name,omitempty"`
		Unit     string     `json:"unit,omitempty"`
		Initial  float64    `json:"initial,omitempty"`
		Receipts []jReceipt `json:"receipts,omitempty"`
		Holding  float64    `json:"holding_cost_per_day,omitempty"`
	}
	jReceipt struct {
		At       any     `json:"at"`
		Quantity float64 `json:"quantity"`
	}
	jPool struct {
		ID       string   `json:"id"`
		Skills   []string `json:"skills"`
		Capacity int      `json:"capacity"`
		Calendar string   `json:"calendar,omitempty"`
	}
	jJob struct {
		ID         string  `json:"id"`
		Name       string  `json:"name,omitempty"`
		Quantity   float64 `json:"quantity,omitempty"`
		Release    any     `json:"release,omitempty"`
		Due        any     `json:"due,omitempty"`
		Deadline   any     `json:"deadline,omitempty"`
		Weight     float64 `json:"weight,omitempty"`
		Routing    string  `json:"routing,omitempty"`
		Operations []jOp   `json:"operations"`
		Lateness   float64 `json:"lateness_cost_per_day,omitempty"`
		Holding    float64 `json:"holding_cost_per_day,omitempty"`
	}
	jOp struct {
		ID           string         `json:"id,omitempty"`
		Machine      string         `json:"machine,omitempty"`
		Duration     any            `json:"duration,omitempty"`
		Setup        any            `json:"setup,omitempty"`
		RunPerUnit   any            `json:"run_per_unit,omitempty"`
		Alternatives []jAlternative `json:"alternatives,omitempty"`
		Resumable    bool           `json:"resumable,omitempty"`
		SetupFamily  string         `json:"setup_family,omitempty"`
		MinLag       any            `json:"min_lag,omitempty"`
		After        []jLink        `json:"after,omitempty"`
		Consumes     []jMaterialQty `json:"consumes,omitempty"`
		Produces     []jMaterialQty `json:"produces,omitempty"`
		Operators    []jNeed        `json:"operators,omitempty"`
		Fixed        *jFixed        `json:"fixed,omitempty"`
	}
	jAlternative struct {
		Machine    string `json:"machine"`
		Duration   any    `json:"duration,omitempty"`
		Setup      any    `json:"setup,omitempty"`
		RunPerUnit any    `json:"run_per_unit,omitempty"`
	}
	jLink struct {
		Job    string `json:"job,omitempty"`
		Op     string `json:"op"`
		MinLag any    `json:"min_lag,omitempty"`
	}
	jMaterialQty struct {
		Material string  `json:"material"`
		Quantity float64 `json:"quantity"`
	}
	jNeed struct {
		Skill string `json:"skill"`
		Count int    `json:"count"`
	}
	jFixed struct {
		Machine    string   `json:"machine"`
		SetupStart any      `json:"setup_start,omitempty"`
		Start      any      `json:"start"`
		End        any      `json:"end"`
		Pools      []string `json:"pools,omitempty"`
	}
	jTerm struct {
		Criterion string  `json:"criterion"`
		Weight    float64 `json:"weight"`
	}
)

func (e *encoder) problem() *jProblem {
	p := e.p
	doc := &jProblem{Version: FormatVersion, Name: p.Name, Jobs: []jJob{}}
	if !e.unitless {
		doc.Epoch = p.Epoch.In(e.loc).Format(time.RFC3339Nano)
	}
	if p.Resolution != 0 {
		doc.Resolution = FormatISODuration(p.Resolution)
	}
	if p.Horizon != 0 {
		doc.Horizon = e.time(p.Horizon)
	}
	for i := range p.Machines {
		m := &p.Machines[i]
		path := fmt.Sprintf("machines[%d]", i)
		jm := jMachine{ID: m.ID, Name: m.Name, Calendar: m.Calendar, SetupMatrix: m.SetupMatrix,
			CostPerHour: e.float(path+".cost_per_hour", m.CostPerHour), Night: e.float(path+".night_premium", m.NightPremium),
			Weekend: e.float(path+".weekend_premium", m.WeekendPremium), SetupChange: e.float(path+".setup_change_cost", m.SetupChangeCost)}
		for _, w := range m.Downtime {
			jm.Downtime = append(jm.Downtime, jWindow{Start: e.time(w.Start), End: e.time(w.End), Reason: w.Reason})
		}
		for k, o := range m.Overtime {
			jm.Overtime = append(jm.Overtime, jOver{Start: e.time(o.Start), End: e.time(o.End),
				CostPerHour: e.float(fmt.Sprintf("%s.overtime[%d].cost_per_hour", path, k), o.CostPerHour)})
		}
		doc.Machines = append(doc.Machines, jm)
	}
	for i := range p.Calendars {
		c := &p.Calendars[i]
		jc := jCalendar{ID: c.ID, TimeZone: c.TimeZone}
		for k, s := range c.Shifts {
			days, ok := formatDays(s.Days)
			if !ok {
				e.fail(fmt.Sprintf("calendars[%d].shifts[%d].days", i, k), "invalid weekday in %v", s.Days)
			}
			if len(s.Days) == 0 {
				days = []string{}
			}
			jc.Shifts = append(jc.Shifts, jShift{Days: days, Start: clockValue(s.Start), End: clockValue(s.End)})
		}
		for _, x := range c.Exceptions {
			jc.Exceptions = append(jc.Exceptions, jException{Start: e.time(x.Start), End: e.time(x.End), Working: x.Working, Reason: x.Reason})
		}
		doc.Calendars = append(doc.Calendars, jc)
	}
	for i := range p.SetupMatrices {
		s := &p.SetupMatrices[i]
		js := jMatrix{ID: s.ID, Default: e.duration(s.Default), Initial: e.optDuration(s.Initial)}
		for _, en := range s.Entries {
			js.Entries = append(js.Entries, jEntry{From: en.From, To: en.To, Time: e.duration(en.Time)})
		}
		doc.SetupMatrices = append(doc.SetupMatrices, js)
	}
	for i := range p.Materials {
		m := &p.Materials[i]
		path := fmt.Sprintf("materials[%d]", i)
		jm := jMaterial{ID: m.ID, Name: m.Name, Unit: m.Unit, Initial: e.float(path+".initial", m.Initial),
			Holding: e.float(path+".holding_cost_per_day", m.HoldingCostPerDay)}
		for k, r := range m.Receipts {
			jm.Receipts = append(jm.Receipts, jReceipt{At: e.time(r.At), Quantity: e.float(fmt.Sprintf("%s.receipts[%d].quantity", path, k), r.Quantity)})
		}
		doc.Materials = append(doc.Materials, jm)
	}
	for i := range p.OperatorPools {
		o := &p.OperatorPools[i]
		skills := o.Skills
		if skills == nil {
			skills = []string{}
		}
		doc.OperatorPools = append(doc.OperatorPools, jPool{ID: o.ID, Skills: skills, Capacity: o.Capacity, Calendar: o.Calendar})
	}
	for i := range p.Jobs {
		doc.Jobs = append(doc.Jobs, e.job(i))
	}
	doc.Objective = e.objective()
	return doc
}

func clockValue(m int) any {
	if s, ok := formatClock(m); ok {
		return s
	}
	return m
}

func (e *encoder) job(i int) jJob {
	j := &e.p.Jobs[i]
	path := fmt.Sprintf("jobs[%d]", i)
	jj := jJob{ID: j.ID, Name: j.Name, Quantity: e.float(path+".quantity", j.Quantity),
		Release: e.optTime(j.Release), Weight: e.float(path+".weight", j.Weight), Operations: []jOp{},
		Lateness: e.float(path+".lateness_cost_per_day", j.LatenessCostPerDay), Holding: e.float(path+".holding_cost_per_day", j.HoldingCostPerDay)}
	if j.Due != nil {
		jj.Due = e.time(*j.Due)
	}
	if j.Deadline != nil {
		jj.Deadline = e.time(*j.Deadline)
	}
	switch j.Routing {
	case Sequence:
	case DAG:
		jj.Routing = "dag"
	default:
		e.fail(path+".routing", "unknown routing kind %d", j.Routing)
	}
	for k := range j.Operations {
		op := &j.Operations[k]
		opath := fmt.Sprintf("%s.operations[%d]", path, k)
		jo := jOp{ID: op.ID, Resumable: op.Resumable, SetupFamily: op.SetupFamily, MinLag: e.optDuration(op.MinLag)}
		alt := func(a Alternative, apath string) jAlternative {
			ja := jAlternative{Machine: a.Machine, Setup: e.optDuration(a.Setup)}
			if a.RunPerUnit != 0 {
				ja.RunPerUnit = e.rate(apath+".run_per_unit", a.RunPerUnit)
			}
			if a.RunPerUnit == 0 || a.Duration != 0 {
				ja.Duration = e.duration(a.Duration)
			}
			return ja
		}
		if len(op.Alternatives) == 1 && op.Alternatives[0].Machine != "" {
			ja := alt(op.Alternatives[0], opath)
			jo.Machine, jo.Duration, jo.Setup, jo.RunPerUnit = ja.Machine, ja.Duration, ja.Setup, ja.RunPerUnit
		} else {
			for a := range op.Alternatives {
				jo.Alternatives = append(jo.Alternatives, alt(op.Alternatives[a], fmt.Sprintf("%s.alternatives[%d]", opath, a)))
			}
		}
		for _, l := range op.After {
			jo.After = append(jo.After, jLink{Job: l.Job, Op: l.Op, MinLag: e.optDuration(l.MinLag)})
		}
		mq := func(list []MaterialQty, what string) []jMaterialQty {
			var out []jMaterialQty
			for q, m := range list {
				out = append(out, jMaterialQty{Material: m.Material, Quantity: e.float(fmt.Sprintf("%s.%s[%d].quantity", opath, what, q), m.Quantity)})
			}
			return out
		}
		jo.Consumes = mq(op.Consumes, "consumes")
		jo.Produces = mq(op.Produces, "produces")
		for _, n := range op.Operators {
			jo.Operators = append(jo.Operators, jNeed{Skill: n.Skill, Count: n.Count})
		}
		if f := op.Fixed; f != nil {
			jf := &jFixed{Machine: f.Machine, Start: e.time(f.Start), End: e.time(f.End), Pools: f.Pools}
			if f.SetupStart != f.Start {
				jf.SetupStart = e.time(f.SetupStart)
			}
			jo.Fixed = jf
		}
		jj.Operations = append(jj.Operations, jo)
	}
	return jj
}

func (e *encoder) objective() any {
	o := e.p.Objective
	if len(o.Terms) == 0 {
		return nil
	}
	for i, t := range o.Terms {
		if t.Criterion < 0 || int(t.Criterion) >= len(criterionNames) {
			e.fail(fmt.Sprintf("objective[%d].criterion", i), "unknown criterion %d", t.Criterion)
			return nil
		}
		e.float(fmt.Sprintf("objective[%d].weight", i), t.Weight)
	}
	if s := o.String(); s != "" {
		if back, err := ParseObjective(s); err == nil && slices.Equal(back.Terms, o.Terms) {
			return s
		}
	}
	terms := make([]jTerm, len(o.Terms))
	for i, t := range o.Terms {
		terms[i] = jTerm{Criterion: t.Criterion.String(), Weight: t.Weight}
	}
	return terms
}
