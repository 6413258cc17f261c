package model

// A frozen copy of the decode walk as it was before it was made cheaper
// (commit 6b10af9), and the tests that hold the current walk to it: the
// same Problem, the same issues (messages, paths, lines and columns, in
// the same order) on every JSON file of the repository, on generated
// plants and on many mutated trees and texts. A change that means to alter
// what the decoder produces or reports ends the frozen walk's use: delete
// this file in that change (json_test.go and the others stay the
// specification).

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ordo-sched/ordo/internal/jsontree"
)

// oldDecode is decode with the frozen walk.
func oldDecode(q *jsontree.Parser, data []byte) (*Problem, error) {
	root, err := q.Parse(data)
	if err != nil {
		off := len(data)
		if se, ok := err.(*jsontree.SyntaxError); ok {
			off = se.Off
		}
		line, col := jsontree.NewIndex(data).Position(off)
		return nil, Issues{{Message: "malformed JSON: " + err.Error(), Line: line, Column: col}}
	}
	p, issues := oldWalk(data, root)
	if len(issues) > 0 {
		return nil, issues
	}
	return p, nil
}

// oldWalk walks root (parsed from data) with the frozen decoder.
func oldWalk(data []byte, root *jnode) (*Problem, Issues) {
	d := &oldDecoder{data: data}
	p := d.problem(root)
	return p, d.issues
}

// newWalk walks root (parsed from data) with the current decoder.
func newWalk(data []byte, root *jnode) (*Problem, Issues) {
	d := &decoder{data: data}
	p := d.problem(root)
	return p, d.issues
}

// ---- the frozen walk ----

var (
	oldKeysProblem     = keysOf("problem")
	oldKeysMachine     = keysOf("machine")
	oldKeysWindow      = keysOf("window")
	oldKeysOvertime    = keysOf("overtime")
	oldKeysCalendar    = keysOf("calendar")
	oldKeysShift       = keysOf("shift")
	oldKeysException   = keysOf("exception")
	oldKeysMatrix      = keysOf("setupMatrix")
	oldKeysEntry       = keysOf("setupEntry")
	oldKeysMaterial    = keysOf("material")
	oldKeysReceipt     = keysOf("receipt")
	oldKeysPool        = keysOf("operatorPool")
	oldKeysJob         = keysOf("job")
	oldKeysOperation   = keysOf("operation")
	oldKeysAlternative = keysOf("alternative")
	oldKeysLink        = keysOf("linkObject")
	oldKeysMaterialQty = keysOf("materialQty")
	oldKeysNeed        = keysOf("operatorNeed")
	oldKeysFixed       = keysOf("fixed")
	oldKeysTerm        = keysOf("objectiveTerm")
)

// oldDecoder walks a parsed JSON tree into a Problem, collecting issues.
type oldDecoder struct {
	data   []byte
	li     *jsontree.Index
	issues Issues
	path   []oldPathElem

	unitless bool
	epoch    time.Time
	res      int64 // tick length in nanoseconds
	// minute/res as a reduced fraction, to convert minutes to ticks
	scaleNum, scaleDen int64
	// opSlab and altSlab are the operations and alternatives not yet
	// handed out of the arrays allocated for all jobs at once.
	opSlab  []Operation
	altSlab []Alternative
}

// sizeSlabs allocates, for the elements of the jobs array, the
// operations and alternatives they hold: one array of each for all
// jobs rather than one per job and operation.
func (d *oldDecoder) sizeSlabs(jobs []jnode) {
	nOps, nAlts := 0, 0
	for i := range jobs {
		ops := oldMember(&jobs[i], "operations")
		if ops == nil || ops.Kind != jArr {
			continue
		}
		nOps += len(ops.Arr)
		for k := range ops.Arr {
			if a := oldMember(&ops.Arr[k], "alternatives"); a != nil && a.Kind == jArr {
				nAlts += len(a.Arr)
			} else {
				nAlts++ // the shorthand "machine"
			}
		}
	}
	d.opSlab = make([]Operation, nOps)
	d.altSlab = make([]Alternative, nAlts)
}

// newOps returns an empty slice with room for n operations, cut from the
// slab when it has room (its capacity at n, so that appending beyond
// copies).
func (d *oldDecoder) newOps(n int) []Operation {
	if n > len(d.opSlab) {
		return make([]Operation, 0, n)
	}
	out := d.opSlab[:0:n]
	d.opSlab = d.opSlab[n:]
	return out
}

// newAlts is newOps for alternatives.
func (d *oldDecoder) newAlts(n int) []Alternative {
	if n > len(d.altSlab) {
		return make([]Alternative, 0, n)
	}
	out := d.altSlab[:0:n]
	d.altSlab = d.altSlab[n:]
	return out
}

type oldPathElem struct {
	key string
	idx int // used when key is ""
}

func (d *oldDecoder) pathString(extra string) string {
	var b strings.Builder
	for _, e := range d.path {
		if e.key == "" {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.idx))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e.key)
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
func (d *oldDecoder) failAt(off int, extra, format string, args ...any) {
	if d.li == nil {
		d.li = jsontree.NewIndex(d.data)
	}
	line, col := d.li.Position(off)
	d.issues = append(d.issues, Issue{Path: d.pathString(extra), Message: fmt.Sprintf(format, args...), Line: line, Column: col})
}

// fail records an issue about value n at the current path.
func (d *oldDecoder) fail(n *jnode, format string, args ...any) {
	d.failAt(n.Off, "", format, args...)
}

func (d *oldDecoder) push(key string) { d.path = append(d.path, oldPathElem{key: key}) }
func (d *oldDecoder) pushIdx(i int)   { d.path = append(d.path, oldPathElem{idx: i}) }
func (d *oldDecoder) pop()            { d.path = d.path[:len(d.path)-1] }

// object checks that n is an object with keys among known and calls fn on
// each non-null oldMember, with the oldMember's key pushed on the path. Unknown
// and duplicate keys are reported. It returns false when n is not an
// object.
func (d *oldDecoder) object(n *jnode, known []string, fn func(key string, v *jnode)) bool {
	if n.Kind != jObj {
		d.fail(n, "expected an object, got %s", n.Kind)
		return false
	}
	var seen map[string]bool // for large objects, where scanning is quadratic
	if len(n.Obj) > 16 {
		seen = make(map[string]bool, len(n.Obj))
	}
	for i := range n.Obj {
		f := &n.Obj[i]
		dup := false
		if seen != nil {
			dup = seen[f.Key]
			seen[f.Key] = true
		} else {
			for k := 0; k < i; k++ {
				if n.Obj[k].Key == f.Key {
					dup = true
					break
				}
			}
		}
		if dup {
			d.failAt(f.KeyOff, f.Key, "duplicate key %q", f.Key)
			continue
		}
		if !oldContains(known, f.Key) {
			msg := fmt.Sprintf("unknown key %q", f.Key)
			if s := oldSuggest(f.Key, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.failAt(f.KeyOff, f.Key, "%s", msg)
			continue
		}
		if f.Val.Kind == jNull {
			continue
		}
		d.push(f.Key)
		fn(f.Key, &f.Val)
		d.pop()
	}
	return true
}

// array checks that n is an array and calls fn on each element with its
// index pushed on the path.
func (d *oldDecoder) array(n *jnode, fn func(i int, v *jnode)) {
	if n.Kind != jArr {
		d.fail(n, "expected an array, got %s", n.Kind)
		return
	}
	for i := range n.Arr {
		d.pushIdx(i)
		fn(i, &n.Arr[i])
		d.pop()
	}
}

// oldMember returns the non-null oldMember key of object n, or nil.
func oldMember(n *jnode, key string) *jnode {
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

// require reports the keys of object n that are missing (or null).
func (d *oldDecoder) require(n *jnode, keys ...string) {
	if n.Kind != jObj {
		return
	}
	for _, k := range keys {
		if oldMember(n, k) == nil {
			d.fail(n, "missing %q", k)
		}
	}
}

func oldContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// oldSuggest returns the known key closest to key when it is close enough to
// be a likely typo.
func oldSuggest(key string, known []string) string {
	best, bestD := "", 3
	lk := strings.ToLower(key)
	for _, k := range known {
		if k == "$schema" {
			continue
		}
		if lk == k || strings.ReplaceAll(lk, "-", "_") == k || strings.ReplaceAll(strings.ToLower(oldCamelToSnake(key)), "-", "_") == k {
			return k
		}
		if dist := oldEditDistance(lk, k); dist < bestD && dist <= len(k)/3+1 {
			best, bestD = k, dist
		}
	}
	return best
}

func oldCamelToSnake(s string) string {
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

func oldEditDistance(a, b string) int {
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

func (d *oldDecoder) str(n *jnode) (string, bool) {
	if n.Kind != jStr {
		d.fail(n, "expected a string, got %s", n.Kind)
		return "", false
	}
	return n.Text, true
}

// id reads an identifier: a string, or an integer (written as decimal).
func (d *oldDecoder) id(n *jnode) (string, bool) {
	if n.Kind == jNum {
		if v, err := strconv.ParseInt(n.Text, 10, 64); err == nil {
			return strconv.FormatInt(v, 10), true
		}
	}
	if n.Kind != jStr {
		d.fail(n, "expected a string identifier, got %s", n.Kind)
		return "", false
	}
	return n.Text, true
}

func (d *oldDecoder) boolean(n *jnode) (bool, bool) {
	if n.Kind != jBool {
		d.fail(n, "expected true or false, got %s", n.Kind)
		return false, false
	}
	return n.Bool, true
}

// oldMaxExponent bounds the exponents of JSON numbers read exactly, so that
// "1e999999999" cannot make the oldDecoder compute a huge power of ten.
const oldMaxExponent = 400

// oldRat returns the exact value of JSON number text s.
func oldRat(s string) (*big.Rat, bool) {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > oldMaxExponent || e < -oldMaxExponent {
			return nil, false
		}
	}
	return new(big.Rat).SetString(s)
}

func (d *oldDecoder) number(n *jnode) (float64, bool) {
	if n.Kind != jNum {
		d.fail(n, "expected a number, got %s", n.Kind)
		return 0, false
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
func (d *oldDecoder) integer(n *jnode) (int64, bool) {
	if n.Kind != jNum {
		d.fail(n, "expected an integer, got %s", n.Kind)
		return 0, false
	}
	if v, err := strconv.ParseInt(n.Text, 10, 64); err == nil {
		return v, true
	}
	r, ok := oldRat(n.Text)
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
func (d *oldDecoder) count(n *jnode) (int, bool) {
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

// oldDatetimeLayouts are the accepted forms of a datetime with a zone offset.
var oldDatetimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04Z07:00",
}

// oldNaiveLayouts are datetimes without an offset, recognised to explain what
// is missing.
var oldNaiveLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
}

// oldParseDatetime parses an ISO-8601 datetime with a zone offset. The result
// is in UTC for "Z" and in a fixed zone for an offset, whatever the local
// time zone of the computer.
func oldParseDatetime(s string) (time.Time, error) {
	for _, l := range oldDatetimeLayouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if _, off := t.Zone(); off == 0 && strings.HasSuffix(strings.ToUpper(s), "Z") {
			return t.UTC(), nil
		} else {
			return t.In(oldFixedZone(off)), nil
		}
	}
	for _, l := range oldNaiveLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return time.Time{}, fmt.Errorf("datetime %q has no time zone offset: add Z (UTC) or an offset such as +01:00", s)
		}
	}
	return time.Time{}, fmt.Errorf("bad datetime %q (write e.g. 2026-12-07T06:00:00+01:00)", s)
}

func oldFixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone("", off)
}

// oldTicksBetween returns the number of ticks of res nanoseconds from a to b,
// and whether it is a whole number within range.
func oldTicksBetween(a, b time.Time, res int64) (int64, bool, bool) {
	ds := b.Unix() - a.Unix()
	dn := int64(b.Nanosecond() - a.Nanosecond())
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
func (d *oldDecoder) time(n *jnode) (int64, bool) {
	switch n.Kind {
	case jStr:
		t, err := oldParseDatetime(n.Text)
		if err != nil {
			d.fail(n, "%v", err)
			return 0, false
		}
		if d.unitless {
			d.fail(n, "datetime %q in a problem without epoch: give an epoch, or times as tick numbers", n.Text)
			return 0, false
		}
		v, whole, ok := oldTicksBetween(d.epoch, t, d.res)
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

// optTime reads an optional time into a pointer.
func (d *oldDecoder) optTime(n *jnode) *int64 {
	if v, ok := d.time(n); ok {
		return &v
	}
	return nil
}

// ticks converts an exact duration in nanoseconds (iso true) or in the
// unit of plain numbers (minutes, or ticks when unitless) into ticks.
func (d *oldDecoder) ticksOf(r *big.Rat, iso bool) *big.Rat {
	switch {
	case iso:
		return r.Quo(r, new(big.Rat).SetInt64(d.res))
	case d.unitless || (d.scaleNum == 1 && d.scaleDen == 1):
		return r
	}
	return r.Mul(r, big.NewRat(d.scaleNum, d.scaleDen))
}

// durationRat reads a duration as an exact, non-negative number of ticks.
func (d *oldDecoder) durationRat(n *jnode) (*big.Rat, bool) {
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
		v, ok := oldRat(n.Text)
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

func (d *oldDecoder) numberUnit() string {
	if d.unitless {
		return "a number of ticks"
	}
	return "a number of minutes"
}

// duration reads a duration as a whole, non-negative number of ticks.
func (d *oldDecoder) duration(n *jnode) (int64, bool) {
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
func (d *oldDecoder) rate(n *jnode) (float64, bool) {
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
func (d *oldDecoder) clock(n *jnode) (int, bool) {
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
func (d *oldDecoder) days(n *jnode) ([]time.Weekday, bool) {
	switch n.Kind {
	case jStr:
		days, err := parseDays(n.Text)
		if err != nil {
			d.fail(n, "%v", err)
			return nil, false
		}
		return days, true
	case jArr:
		var days []time.Weekday
		ok := true
		d.array(n, func(i int, v *jnode) {
			s, good := d.str(v)
			if !good {
				ok = false
				return
			}
			ds, err := parseDays(s)
			if err != nil {
				d.fail(v, "%v", err)
				ok = false
				return
			}
			for _, x := range ds {
				if oldContains(oldDayNamesOf(days), dayNames[x]) {
					d.fail(v, "day %s is listed twice", dayNames[x])
					ok = false
				}
				days = append(days, x)
			}
		})
		return days, ok
	}
	d.fail(n, "expected days as a string such as \"mon-fri\" or an array of day names, got %s", n.Kind)
	return nil, false
}

func oldDayNamesOf(days []time.Weekday) []string {
	out := make([]string, len(days))
	for i, x := range days {
		out[i] = dayNames[x]
	}
	return out
}

func (d *oldDecoder) strings(n *jnode) []string {
	var out []string
	d.array(n, func(i int, v *jnode) {
		if s, ok := d.str(v); ok {
			out = append(out, s)
		}
	})
	return out
}

// ---- the problem ----

func (d *oldDecoder) problem(root *jnode) *Problem {
	p := &Problem{}
	if root.Kind != jObj {
		d.fail(root, "expected the problem as a JSON object, got %s", root.Kind)
		return nil
	}
	// The epoch and the resolution decide how every time and duration is
	// read: decode them first.
	d.unitless = true
	if n := oldMember(root, "epoch"); n != nil {
		d.push("epoch")
		if s, ok := d.str(n); ok {
			t, err := oldParseDatetime(s)
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
	if n := oldMember(root, "resolution"); n != nil {
		d.push("resolution")
		if s, ok := d.str(n); ok {
			r, err := ParseISODuration(s)
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
	g := oldGcd(int64(time.Minute), d.res)
	d.scaleNum, d.scaleDen = int64(time.Minute)/g, d.res/g

	d.object(root, oldKeysProblem, func(key string, n *jnode) {
		switch key {
		case "$schema":
			d.str(n) // a reference for editors: only its type matters
		case "version":
			if v, ok := d.integer(n); ok && v != FormatVersion {
				d.fail(n, "unsupported format version %d (this library reads version %d)", v, FormatVersion)
			}
		case "name":
			p.Name, _ = d.str(n)
		case "horizon":
			p.Horizon, _ = d.time(n)
		case "machines":
			d.array(n, func(i int, v *jnode) { p.Machines = append(p.Machines, d.machine(v)) })
		case "calendars":
			d.array(n, func(i int, v *jnode) { p.Calendars = append(p.Calendars, d.calendar(v)) })
		case "setup_matrices":
			d.array(n, func(i int, v *jnode) { p.SetupMatrices = append(p.SetupMatrices, d.matrix(v)) })
		case "materials":
			d.array(n, func(i int, v *jnode) { p.Materials = append(p.Materials, d.material(v)) })
		case "operator_pools":
			d.array(n, func(i int, v *jnode) { p.OperatorPools = append(p.OperatorPools, d.pool(v)) })
		case "jobs":
			if n.Kind == jArr {
				p.Jobs = make([]Job, 0, len(n.Arr))
				d.sizeSlabs(n.Arr)
			}
			d.array(n, func(i int, v *jnode) { p.Jobs = append(p.Jobs, d.job(v)) })
		case "objective":
			p.Objective = d.objective(n)
		}
	})
	return p
}

func oldGcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (d *oldDecoder) machine(n *jnode) Machine {
	var m Machine
	d.object(n, oldKeysMachine, func(key string, v *jnode) {
		switch key {
		case "id":
			m.ID, _ = d.id(v)
		case "name":
			m.Name, _ = d.str(v)
		case "calendar":
			m.Calendar, _ = d.id(v)
		case "setup_matrix":
			m.SetupMatrix, _ = d.id(v)
		case "downtime":
			d.array(v, func(i int, w *jnode) { m.Downtime = append(m.Downtime, d.window(w)) })
		case "cost_per_hour":
			m.CostPerHour, _ = d.number(v)
		case "night_premium":
			m.NightPremium, _ = d.number(v)
		case "weekend_premium":
			m.WeekendPremium, _ = d.number(v)
		case "setup_change_cost":
			m.SetupChangeCost, _ = d.number(v)
		case "overtime":
			d.array(v, func(i int, w *jnode) { m.Overtime = append(m.Overtime, d.overtime(w)) })
		}
	})
	return m
}

func (d *oldDecoder) overtime(n *jnode) Overtime {
	var o Overtime
	d.object(n, oldKeysOvertime, func(key string, v *jnode) {
		switch key {
		case "start":
			o.Start, _ = d.time(v)
		case "end":
			o.End, _ = d.time(v)
		case "cost_per_hour":
			o.CostPerHour, _ = d.number(v)
		}
	})
	d.require(n, "start", "end")
	return o
}

func (d *oldDecoder) window(n *jnode) Window {
	var w Window
	d.object(n, oldKeysWindow, func(key string, v *jnode) {
		switch key {
		case "start":
			w.Start, _ = d.time(v)
		case "end":
			w.End, _ = d.time(v)
		case "reason":
			w.Reason, _ = d.str(v)
		}
	})
	d.require(n, "start", "end")
	return w
}

// oldPatterns are the shift patterns of the calendar shorthand "pattern".
var oldPatterns = map[string][][2]int{
	"1x8": {{6 * 60, 14 * 60}},
	"2x8": {{6 * 60, 14 * 60}, {14 * 60, 22 * 60}},
	"3x8": {{6 * 60, 14 * 60}, {14 * 60, 22 * 60}, {22 * 60, 6 * 60}},
}

func (d *oldDecoder) calendar(n *jnode) Calendar {
	var c Calendar
	var calDays []time.Weekday
	hasDays := false
	if v := oldMember(n, "days"); v != nil {
		d.push("days")
		calDays, _ = d.days(v)
		hasDays = true
		d.pop()
	}
	var loc *time.Location
	if v := oldMember(n, "time_zone"); v != nil {
		d.push("time_zone")
		if s, ok := d.str(v); ok {
			c.TimeZone = s
			l, err := oldLoadZone(s)
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
	var patternShifts []Shift
	d.object(n, oldKeysCalendar, func(key string, v *jnode) {
		switch key {
		case "id":
			c.ID, _ = d.id(v)
		case "pattern":
			s, ok := d.str(v)
			if !ok {
				return
			}
			pat, found := oldPatterns[strings.ToLower(strings.TrimSpace(s))]
			if !found {
				d.fail(v, "unknown shift pattern %q (want 1x8, 2x8 or 3x8)", s)
				return
			}
			days := calDays
			if !hasDays {
				days = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
			}
			for _, sh := range pat {
				patternShifts = append(patternShifts, Shift{Days: append([]time.Weekday(nil), days...), Start: sh[0], End: sh[1]})
			}
		case "shifts":
			d.array(v, func(i int, s *jnode) { c.Shifts = append(c.Shifts, d.shift(s, calDays, hasDays)) })
		case "exceptions":
			d.array(v, func(i int, e *jnode) { c.Exceptions = append(c.Exceptions, d.exception(e, loc)) })
		}
	})
	c.Shifts = append(patternShifts, c.Shifts...)
	return c
}

// oldLoadZone loads an IANA time zone, refusing "Local" (which depends on the
// computer).
func oldLoadZone(name string) (*time.Location, error) {
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

func (d *oldDecoder) shift(n *jnode, calDays []time.Weekday, hasDays bool) Shift {
	var s Shift
	gotDays := false
	d.object(n, oldKeysShift, func(key string, v *jnode) {
		switch key {
		case "days":
			s.Days, _ = d.days(v)
			gotDays = true
		case "start":
			s.Start, _ = d.clock(v)
		case "end":
			s.End, _ = d.clock(v)
		}
	})
	if !gotDays && n.Kind == jObj {
		if hasDays {
			s.Days = append([]time.Weekday(nil), calDays...)
		} else if oldMember(n, "days") == nil {
			d.fail(n, "missing \"days\" (on the shift or on its calendar)")
		}
	}
	d.require(n, "start", "end")
	return s
}

func (d *oldDecoder) exception(n *jnode, loc *time.Location) Exception {
	var e Exception
	d.object(n, oldKeysException, func(key string, v *jnode) {
		switch key {
		case "start":
			e.Start, _ = d.time(v)
		case "end":
			e.End, _ = d.time(v)
		case "working":
			e.Working, _ = d.boolean(v)
		case "reason":
			e.Reason, _ = d.str(v)
		case "date":
			s, ok := d.str(v)
			if !ok {
				return
			}
			if oldMember(n, "start") != nil || oldMember(n, "end") != nil {
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
			ta, whole1, ok1 := oldTicksBetween(d.epoch, a, d.res)
			tb, whole2, ok2 := oldTicksBetween(d.epoch, b, d.res)
			if !ok1 || !ok2 || !whole1 || !whole2 {
				d.fail(v, "date %q is too far from the epoch or not on a tick boundary", s)
				return
			}
			e.Start, e.End = ta, tb
		}
	})
	if oldMember(n, "date") == nil {
		d.require(n, "start", "end")
	}
	return e
}

func (d *oldDecoder) matrix(n *jnode) SetupMatrix {
	var s SetupMatrix
	d.object(n, oldKeysMatrix, func(key string, v *jnode) {
		switch key {
		case "id":
			s.ID, _ = d.id(v)
		case "default":
			s.Default, _ = d.duration(v)
		case "initial":
			s.Initial, _ = d.duration(v)
		case "entries":
			d.array(v, func(i int, e *jnode) {
				var en SetupEntry
				d.object(e, oldKeysEntry, func(key string, v *jnode) {
					switch key {
					case "from":
						en.From, _ = d.id(v)
					case "to":
						en.To, _ = d.id(v)
					case "time":
						en.Time, _ = d.duration(v)
					}
				})
				d.require(e, "from", "to", "time")
				s.Entries = append(s.Entries, en)
			})
		}
	})
	return s
}

func (d *oldDecoder) material(n *jnode) Material {
	var m Material
	d.object(n, oldKeysMaterial, func(key string, v *jnode) {
		switch key {
		case "id":
			m.ID, _ = d.id(v)
		case "name":
			m.Name, _ = d.str(v)
		case "unit":
			m.Unit, _ = d.str(v)
		case "initial":
			m.Initial, _ = d.number(v)
		case "receipts":
			d.array(v, func(i int, r *jnode) {
				var rc Receipt
				d.object(r, oldKeysReceipt, func(key string, v *jnode) {
					switch key {
					case "at":
						rc.At, _ = d.time(v)
					case "quantity":
						rc.Quantity, _ = d.number(v)
					}
				})
				d.require(r, "at", "quantity")
				m.Receipts = append(m.Receipts, rc)
			})
		case "holding_cost_per_day":
			m.HoldingCostPerDay, _ = d.number(v)
		}
	})
	return m
}

func (d *oldDecoder) pool(n *jnode) OperatorPool {
	var o OperatorPool
	d.object(n, oldKeysPool, func(key string, v *jnode) {
		switch key {
		case "id":
			o.ID, _ = d.id(v)
		case "skills":
			o.Skills = d.strings(v)
		case "capacity":
			o.Capacity, _ = d.count(v)
		case "calendar":
			o.Calendar, _ = d.id(v)
		}
	})
	d.require(n, "capacity")
	return o
}

func (d *oldDecoder) job(n *jnode) Job {
	var j Job
	d.object(n, oldKeysJob, func(key string, v *jnode) {
		switch key {
		case "id":
			j.ID, _ = d.id(v)
		case "name":
			j.Name, _ = d.str(v)
		case "quantity":
			j.Quantity, _ = d.number(v)
		case "release":
			j.Release, _ = d.time(v)
		case "due":
			j.Due = d.optTime(v)
		case "deadline":
			j.Deadline = d.optTime(v)
		case "weight":
			if w, ok := d.number(v); ok {
				if w <= 0 {
					d.fail(v, "the weight must be positive, got %s", v.Text)
				}
				j.Weight = w
			}
		case "routing":
			s, ok := d.str(v)
			if !ok {
				return
			}
			switch strings.ToLower(s) {
			case "sequence":
				j.Routing = Sequence
			case "dag":
				j.Routing = DAG
			default:
				d.fail(v, "unknown routing %q (want \"sequence\" or \"dag\")", s)
			}
		case "operations":
			if v.Kind == jArr {
				j.Operations = d.newOps(len(v.Arr))
			}
			d.array(v, func(i int, o *jnode) { j.Operations = append(j.Operations, d.operation(o)) })
			if len(j.Operations) == 0 {
				j.Operations = nil
			}
		case "lateness_cost_per_day":
			j.LatenessCostPerDay, _ = d.number(v)
		case "holding_cost_per_day":
			j.HoldingCostPerDay, _ = d.number(v)
		}
	})
	return j
}

func (d *oldDecoder) operation(n *jnode) Operation {
	var op Operation
	var short Alternative
	hasShort := false
	d.object(n, oldKeysOperation, func(key string, v *jnode) {
		switch key {
		case "id":
			op.ID, _ = d.id(v)
		case "alternatives":
			if oldMember(n, "machine") != nil {
				d.fail(v, "give either alternatives or a machine, not both")
			}
			if v.Kind == jArr && len(v.Arr) > 0 {
				op.Alternatives = d.newAlts(len(v.Arr))
			}
			d.array(v, func(i int, a *jnode) { op.Alternatives = append(op.Alternatives, d.alternative(a)) })
		case "machine":
			short.Machine, _ = d.id(v)
			hasShort = true
		case "duration":
			short.Duration, _ = d.duration(v)
		case "setup":
			short.Setup, _ = d.duration(v)
		case "run_per_unit":
			short.RunPerUnit, _ = d.rate(v)
		case "resumable":
			op.Resumable, _ = d.boolean(v)
		case "setup_family":
			op.SetupFamily, _ = d.id(v)
		case "min_lag":
			op.MinLag, _ = d.duration(v)
		case "after":
			d.array(v, func(i int, l *jnode) { op.After = append(op.After, d.link(l)) })
		case "consumes":
			op.Consumes = d.materialQtys(v)
		case "produces":
			op.Produces = d.materialQtys(v)
		case "operators":
			d.array(v, func(i int, o *jnode) {
				need := OperatorNeed{Count: 1}
				d.object(o, oldKeysNeed, func(key string, v *jnode) {
					switch key {
					case "skill":
						need.Skill, _ = d.id(v)
					case "count":
						need.Count, _ = d.count(v)
					}
				})
				d.require(o, "skill")
				op.Operators = append(op.Operators, need)
			})
		case "fixed":
			op.Fixed = d.fixed(v)
		}
	})
	if n.Kind == jObj {
		rest := oldMember(n, "duration") != nil || oldMember(n, "setup") != nil || oldMember(n, "run_per_unit") != nil
		switch {
		case hasShort && oldMember(n, "alternatives") == nil:
			if oldMember(n, "duration") == nil && oldMember(n, "run_per_unit") == nil {
				d.fail(n, "missing \"duration\" (or \"run_per_unit\") for machine %q", short.Machine)
			}
			op.Alternatives = append(d.newAlts(1), short)
		case rest && !hasShort:
			d.fail(n, "\"duration\", \"setup\" and \"run_per_unit\" on an operation need a \"machine\" (or use \"alternatives\")")
		}
	}
	return op
}

func (d *oldDecoder) alternative(n *jnode) Alternative {
	var a Alternative
	d.object(n, oldKeysAlternative, func(key string, v *jnode) {
		switch key {
		case "machine":
			a.Machine, _ = d.id(v)
		case "duration":
			a.Duration, _ = d.duration(v)
		case "setup":
			a.Setup, _ = d.duration(v)
		case "run_per_unit":
			a.RunPerUnit, _ = d.rate(v)
		}
	})
	d.require(n, "machine")
	if n.Kind == jObj && oldMember(n, "duration") == nil && oldMember(n, "run_per_unit") == nil {
		d.fail(n, "missing \"duration\" (or \"run_per_unit\")")
	}
	return a
}

func (d *oldDecoder) link(n *jnode) Link {
	var l Link
	if n.Kind == jStr || n.Kind == jNum {
		l.Op, _ = d.id(n) // shorthand: the ID of an operation of the same job
		return l
	}
	d.object(n, oldKeysLink, func(key string, v *jnode) {
		switch key {
		case "job":
			l.Job, _ = d.id(v)
		case "op":
			l.Op, _ = d.id(v)
		case "min_lag":
			l.MinLag, _ = d.duration(v)
		}
	})
	d.require(n, "op")
	return l
}

func (d *oldDecoder) materialQtys(n *jnode) []MaterialQty {
	var out []MaterialQty
	d.array(n, func(i int, v *jnode) {
		var mq MaterialQty
		d.object(v, oldKeysMaterialQty, func(key string, v *jnode) {
			switch key {
			case "material":
				mq.Material, _ = d.id(v)
			case "quantity":
				mq.Quantity, _ = d.number(v)
			}
		})
		d.require(v, "material", "quantity")
		out = append(out, mq)
	})
	return out
}

func (d *oldDecoder) fixed(n *jnode) *Fixed {
	f := &Fixed{}
	hasSetup := false
	d.object(n, oldKeysFixed, func(key string, v *jnode) {
		switch key {
		case "machine":
			f.Machine, _ = d.id(v)
		case "setup_start":
			f.SetupStart, _ = d.time(v)
			hasSetup = true
		case "start":
			f.Start, _ = d.time(v)
		case "end":
			f.End, _ = d.time(v)
		case "pools":
			d.array(v, func(_ int, e *jnode) {
				if id, ok := d.id(e); ok {
					f.Pools = append(f.Pools, id)
				}
			})
		}
	})
	d.require(n, "machine", "start", "end")
	if !hasSetup {
		f.SetupStart = f.Start
	}
	return f
}

func (d *oldDecoder) objective(n *jnode) Objective {
	switch n.Kind {
	case jStr:
		o, err := ParseObjective(n.Text)
		if err != nil {
			d.fail(n, "%v", err)
		}
		return o
	case jArr:
		var o Objective
		d.array(n, func(i int, v *jnode) {
			t := Term{Weight: 1}
			d.object(v, oldKeysTerm, func(key string, v *jnode) {
				switch key {
				case "criterion":
					if s, ok := d.str(v); ok {
						c, err := ParseCriterion(s)
						if err != nil {
							d.fail(v, "%v", err)
						}
						t.Criterion = c
					}
				case "weight":
					t.Weight, _ = d.number(v)
				}
			})
			d.require(v, "criterion")
			o.Terms = append(o.Terms, t)
		})
		return o
	}
	d.fail(n, "expected the objective as a string such as \"weighted_tardiness\" or an array of {criterion, weight}, got %s", n.Kind)
	return Objective{}
}

// ---- the equivalence tests ----

// equivFiles lists the JSON texts of the repository (every .json file
// from the module root, with the generated plants of
// model/testdata/decode) and the other files of the adversarial corpus.
func equivFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("..", func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if path != ".." && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".json") || strings.Contains(filepath.ToSlash(path), "testdata/adversarial/") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("only %d files found", len(files))
	}
	return files
}

// sameWalk walks root (parsed from data) with the frozen and the current
// decoder and reports the first difference.
func sameWalk(t *testing.T, name string, data []byte, root *jnode) bool {
	t.Helper()
	wp, wi := oldWalk(data, root)
	gp, gi := newWalk(data, root)
	if !reflect.DeepEqual(gi, wi) {
		t.Errorf("%s: issues differ:\n got %v\nwant %v", name, clipIssues(gi), clipIssues(wi))
		for k := range min(len(gi), len(wi)) {
			if gi[k] != wi[k] {
				t.Errorf("%s: first difference at issue %d:\n got %#v\nwant %#v", name, k, gi[k], wi[k])
				break
			}
		}
		return false
	}
	if !reflect.DeepEqual(gp, wp) {
		msg := "nil mismatch"
		if gp != nil && wp != nil {
			msg = diffProblems(gp, wp)
		}
		if msg == "" {
			msg = "a nil slice and an empty one"
		}
		t.Errorf("%s: problems differ: %s", name, msg)
		return false
	}
	return true
}

func clipIssues(is Issues) Issues { return is[:min(len(is), 8)] }

// sameDecode decodes data with the frozen and the current decoder (the
// parse included) and reports the first difference.
func sameDecode(t *testing.T, name string, data []byte) bool {
	t.Helper()
	var q1, q2 jsontree.Parser
	wp, werr := oldDecode(&q1, data)
	gp, _, _, gerr := decode(&q2, data)
	if !reflect.DeepEqual(gerr, werr) {
		t.Errorf("%s: errors differ:\n got %v\nwant %v", name, gerr, werr)
		return false
	}
	if !reflect.DeepEqual(gp, wp) {
		t.Errorf("%s: problems differ", name)
		return false
	}
	return true
}

// TestDecodeWalkFiles compares the walks on every JSON file of the
// repository.
func TestDecodeWalkFiles(t *testing.T) {
	valid := 0
	for _, f := range equivFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if sameDecode(t, f, data) {
			if p, err := Decode(data); err == nil && p != nil {
				valid++
			}
		}
	}
	if valid < 20 {
		t.Errorf("only %d files decode without issues: the test compares too little", valid)
	}
}

// texts are the string and number texts to put in place of values: every
// one the files hold, and edge cases.
func mutationTexts(trees []*jnode) (strs, nums []string) {
	seenS, seenN := map[string]bool{}, map[string]bool{}
	var walk func(n *jnode)
	walk = func(n *jnode) {
		switch n.Kind {
		case jStr:
			if !seenS[n.Text] {
				seenS[n.Text] = true
				strs = append(strs, n.Text)
			}
		case jNum:
			if !seenN[n.Text] {
				seenN[n.Text] = true
				nums = append(nums, n.Text)
			}
		case jArr:
			for i := range n.Arr {
				walk(&n.Arr[i])
			}
		case jObj:
			for i := range n.Obj {
				walk(&n.Obj[i].Val)
			}
		}
	}
	for _, r := range trees {
		walk(r)
	}
	strs = append(strs, edgeStrings...)
	nums = append(nums, edgeNumbers...)
	slices.Sort(strs)
	slices.Sort(nums)
	return strs, nums
}

var edgeNumbers = []string{
	"0", "-0", "1", "-1", "1.0", "1.5", "-1.5", "2.0", "1e3", "1E3", "1e+3", "1e-3", "-1e3", "0.5e1", "0.25", "0.1",
	"10e-1", "1.000000000000000000001", "59", "60", "1439", "1440", "-60",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296",
	"2305843009213693951", "2305843009213693952", "-2305843009213693951", "-2305843009213693952",
	"1e18", "1e19", "1e308", "1e309", "-1e309", "1e400", "1e-400", "1e401", "1e-401", "1e99999999999",
	"123456789012345678901234567890", "0.000000000000000000000000001", "153722867280912930", "153722867280912931",
	"1.7976931348623157e308", "4.9e-324", "12.0000", "3.0e0", "100", "480", "1000000",
}

var edgeStrings = []string{
	"", " ", "x", "J1", "M1", "10", "-5", "mon-fri", "mon,wed,fri", "daily", "sat-sun", "mon-mon", "fri-mon", "funday", "Mon",
	"06:00", "6:00", "24:00", "23:59", "22:00", "06:60", "6", "1x8", "2x8", "3x8", " 3X8 ", "4x8", "sequence", "dag", "DAG", "tree",
	"weighted_tardiness", "makespan", "makespan+0.5*flow_time", "bogus", "weighted_tardiness+", "UTC", "Local", "Europe/Paris",
	"America/Santiago", "Nowhere/City", "Etc/GMT+5", "PT1M", "PT1H30M", "P1D", "P2W", "PT0S", "PT1S", "PT0.5S", "PT30S", "PT1.5M",
	"P1Y", "PT", "P", "-PT1M", "PT-1M", "PT1H", "P1DT2H", "PT0.000000001S", "PT99999999999999H", "pt1m",
	"2026-12-07", "2026-02-29", "2024-02-29", "2026-13-01", "2026-12-07T06:00:00Z", "2026-12-07T06:00:00+01:00",
	"2026-12-07T06:00:00-05:30", "2026-12-07T06:00:00.5Z", "2026-12-07T06:00:00.000000001Z", "2026-12-07T06:00:30Z",
	"2026-12-07T06:00Z", "2026-12-07 06:00:00Z", "2026-12-07 06:00+02:00", "2026-12-07T06:00:00", "2026-12-07T06:00",
	"2026-12-07T06:00:00z", "2026-12-07t06:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07T06:00:00+24:00", "2026-12-07T06:00:00+01:60",
	"2026-12-07T06:00:00+0100", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-12-32T00:00:00Z", "2026-11-31T00:00:00Z",
	"2025-02-29T00:00:00Z", "2024-02-29T12:00:00+14:00", "2026-12-07T06:00:00.Z", "2026-12-07T06:00:60Z", "+2026-12-07T06:00:00Z",
	"2026-1-07T06:00:00Z", "2026-12-07T06:00:00+01:00:00", "2026-12-07T06:00:00 +01:00", "2026-12-07T06:00:00.123456789123Z",
	"1970-01-01T00:00:00Z", "2026-12-07T06:00:00-00:00", "2026-12-07T06:00:00+00:00", "2026-12-07T06:00:00.100+01:00",
}

// mutationKeys are the keys to rename members to: every key of the table,
// and near misses.
func mutationKeys() []string {
	var keys []string
	for _, obj := range jsonObjects {
		for _, k := range obj {
			keys = append(keys, k.name)
		}
	}
	keys = append(keys, "Id", "ID", "setupMatrix", "setup-matrix", "costPerHour", "dueDate", "machin", "operation", "alternative",
		"jobs ", "", "x", "durations", "run-per-unit", "RunPerUnit", "start_time", "$schema", "calender", "timezone", "TimeZone")
	slices.Sort(keys)
	return slices.Compact(keys)
}

// mutator changes parsed trees at random.
type mutator struct {
	r          *rand.Rand
	strs, nums []string
	keys       []string
}

// nodes lists the values of the tree under n.
func nodes(n *jnode, out []*jnode) []*jnode {
	out = append(out, n)
	switch n.Kind {
	case jArr:
		for i := range n.Arr {
			out = nodes(&n.Arr[i], out)
		}
	case jObj:
		for i := range n.Obj {
			out = nodes(&n.Obj[i].Val, out)
		}
	}
	return out
}

// copyTree returns a copy of the tree under n that shares no slice with
// it.
func copyTree(n *jnode) jnode {
	c := *n
	c.Arr, c.Obj = nil, nil
	for i := range n.Arr {
		c.Arr = append(c.Arr, copyTree(&n.Arr[i]))
	}
	for i := range n.Obj {
		c.Obj = append(c.Obj, jsontree.Field{Key: n.Obj[i].Key, KeyOff: n.Obj[i].KeyOff, Val: copyTree(&n.Obj[i].Val)})
	}
	return c
}

// scalar returns a random scalar value at offset off.
func (m *mutator) scalar(off int) jnode {
	switch m.r.IntN(8) {
	case 0:
		return jnode{Kind: jNull, Off: off}
	case 1:
		return jnode{Kind: jBool, Bool: m.r.IntN(2) == 0, Off: off}
	case 2, 3, 4:
		return jnode{Kind: jNum, Text: m.nums[m.r.IntN(len(m.nums))], Off: off}
	}
	return jnode{Kind: jStr, Text: m.strs[m.r.IntN(len(m.strs))], Off: off}
}

// mutate applies one random change to the tree under root. Slices are
// copied before they change: they may be shared with other nodes.
func (m *mutator) mutate(root *jnode) {
	all := nodes(root, nil)
	n := all[m.r.IntN(len(all))]
	switch m.r.IntN(10) {
	case 0, 1:
		*n = m.scalar(n.Off)
	case 2:
		*n = copyTree(all[m.r.IntN(len(all))]) // may be an ancestor of n
	case 3:
		inner := *n
		if m.r.IntN(2) == 0 {
			*n = jnode{Kind: jArr, Off: n.Off, Arr: []jnode{inner}}
		} else {
			*n = jnode{Kind: jObj, Off: n.Off, Obj: []jsontree.Field{{Key: m.keys[m.r.IntN(len(m.keys))], KeyOff: n.Off, Val: inner}}}
		}
	default:
		switch n.Kind {
		case jObj:
			n.Obj = slices.Clone(n.Obj)
			if len(n.Obj) == 0 {
				n.Obj = append(n.Obj, jsontree.Field{Key: m.keys[m.r.IntN(len(m.keys))], KeyOff: n.Off, Val: m.scalar(n.Off)})
				return
			}
			i := m.r.IntN(len(n.Obj))
			switch m.r.IntN(4) {
			case 0:
				n.Obj[i].Key = m.keys[m.r.IntN(len(m.keys))]
			case 1:
				n.Obj = slices.Insert(n.Obj, m.r.IntN(len(n.Obj)+1), n.Obj[i])
			case 2:
				n.Obj = slices.Delete(n.Obj, i, i+1)
			case 3:
				n.Obj[i].Val = m.scalar(n.Obj[i].Val.Off)
			}
		case jArr:
			n.Arr = slices.Clone(n.Arr)
			if len(n.Arr) == 0 {
				n.Arr = append(n.Arr, m.scalar(n.Off))
				return
			}
			i := m.r.IntN(len(n.Arr))
			switch m.r.IntN(4) {
			case 0:
				n.Arr = slices.Delete(n.Arr, i, i+1)
			case 1:
				n.Arr = slices.Insert(n.Arr, m.r.IntN(len(n.Arr)+1), n.Arr[i])
			case 2:
				n.Arr = nil
			case 3:
				n.Arr[i] = m.scalar(n.Arr[i].Off)
			}
		default:
			*n = m.scalar(n.Off)
		}
	}
}

// problemFiles returns the texts of the files that hold problems (the
// files with a "jobs" or "machines" member), with their trees.
func problemFiles(t *testing.T) (names []string, texts [][]byte, trees []*jnode) {
	for _, f := range equivFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		root, err := jsontree.Parse(data)
		if err != nil || (root.Member("jobs") == nil && root.Member("machines") == nil) {
			continue
		}
		names, texts, trees = append(names, f), append(texts, data), append(trees, root)
	}
	return names, texts, trees
}

// TestDecodeWalkMutations compares the walks on trees of the problem
// files changed at random: values of every kind in every place, renamed,
// duplicated and deleted members and elements.
func TestDecodeWalkMutations(t *testing.T) {
	names, texts, trees := problemFiles(t)
	strs, nums := mutationTexts(trees)
	m := &mutator{r: rand.New(rand.NewPCG(1, 2)), strs: strs, nums: nums, keys: mutationKeys()}
	rounds := 150
	if testing.Short() {
		rounds = 60
	}
	cases := 0
	for f := range names {
		// fewer rounds on large files: the walk costs their size
		n := max(20, rounds*4000/max(len(texts[f]), 4000))
		for round := range n {
			root, err := jsontree.Parse(texts[f])
			if err != nil {
				t.Fatal(err)
			}
			for range 1 + m.r.IntN(4) {
				m.mutate(root)
			}
			cases++
			if !sameWalk(t, fmt.Sprintf("%s (round %d)", names[f], round), texts[f], root) {
				return
			}
		}
	}
	t.Logf("%d mutated trees of %d files", cases, len(names))
}

// TestDecodeWalkTexts compares the decoders (the parse included) on the
// problem files with bytes changed, inserted or deleted at random.
func TestDecodeWalkTexts(t *testing.T) {
	names, texts, _ := problemFiles(t)
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "{}[]:,\"\\ 0123456789-+.eEtrufalsnZT:PHMS\n\xff\xc3"
	for f := range names {
		for round := range 30 {
			data := slices.Clone(texts[f])
			for range 1 + r.IntN(3) {
				i := r.IntN(len(data))
				c := alphabet[r.IntN(len(alphabet))]
				switch r.IntN(3) {
				case 0:
					data[i] = c
				case 1:
					data = slices.Insert(data, i, c)
				case 2:
					data = slices.Delete(data, i, i+1)
				}
			}
			if !sameDecode(t, fmt.Sprintf("%s (text %d)", names[f], round), data) {
				return
			}
		}
	}
}

// TestDecodeWalkScalars compares the walks on one value of every edge
// text in every kind of place (time, duration, rate, integer, count,
// number, identifier, clock, days), under several epochs and
// resolutions.
func TestDecodeWalkScalars(t *testing.T) {
	heads := []string{
		``,
		`"epoch": "2026-12-07T00:00:00+01:00",`,
		`"epoch": "2026-12-07T00:00:00Z", "resolution": "PT1S",`,
		`"epoch": "2026-12-07T00:00:00Z", "resolution": "PT15M",`,
		`"epoch": "2026-12-07T00:00:00.5-03:30", "resolution": "PT0.25S",`,
		`"epoch": "2026-12-07T00:00:00Z", "resolution": "PT7S",`,
		`"epoch": "bad",`,
	}
	var values []string
	for _, s := range edgeStrings {
		values = append(values, strconv.Quote(s))
	}
	values = append(values, edgeNumbers...)
	values = append(values, "null", "true", "[]", "{}", `["mon", "tue"]`, `["mon", "mon"]`, `[1]`)
	r := rand.New(rand.NewPCG(5, 6))
	for _, head := range heads {
		for _, v := range values {
			// a random datetime near a valid one
			dt := []byte("2026-12-07T06:00:00+01:00")
			dt[r.IntN(len(dt))] = "0123456789:+-TZ. "[r.IntN(17)]
			text := strings.NewReplacer("@H", head, "@D", string(dt), "@V", v).Replace(`{@H "horizon": @V, "version": @V, "name": @V,
				"machines": [{"id": @V, "cost_per_hour": @V, "downtime": [{"start": @V, "end": "@D"}]}],
				"calendars": [{"id": "c", "days": @V, "time_zone": @V, "shifts": [{"start": @V, "end": @V, "days": @V}],
					"exceptions": [{"date": @V}, {"start": @V, "end": 5, "working": @V}]}],
				"setup_matrices": [{"id": "s", "default": @V, "initial": @V, "entries": [{"from": "a", "to": @V, "time": @V}]}],
				"operator_pools": [{"id": "p", "capacity": @V, "skills": [@V]}],
				"materials": [{"id": "m", "initial": @V, "receipts": [{"at": @V, "quantity": @V}]}],
				"jobs": [{"id": @V, "quantity": @V, "release": @V, "due": @V, "weight": @V, "routing": @V, "operations": [
					{"machine": "M", "duration": @V, "setup": @V, "run_per_unit": @V, "min_lag": @V, "after": [@V, {"op": "a", "min_lag": @V}],
					 "operators": [{"skill": "s", "count": @V}], "fixed": {"machine": "M", "start": @V, "end": @V, "setup_start": @V, "pools": [@V]}},
					{"alternatives": [{"machine": @V, "duration": @V, "run_per_unit": @V}], "consumes": [{"material": "m", "quantity": @V}]}]}],
				"objective": [{"criterion": @V, "weight": @V}]}`)
			if !sameDecode(t, text, []byte(text)) {
				return
			}
		}
	}
}

// TestKeyNumbers holds the constants of the key numbers (jsonkeys.go) to
// the table: one block per object, k then the object's name then the key
// in CamelCase, in the order of the object's list.
func TestKeyNumbers(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "jsonkeys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	camel := func(key string) string {
		var b strings.Builder
		for _, part := range strings.FieldsFunc(key, func(r rune) bool { return r == '_' || r == '$' }) {
			if part == "id" {
				b.WriteString("ID")
				continue
			}
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
		return b.String()
	}
	blocks := map[string]bool{}
	for _, decl := range file.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST || len(g.Specs) == 0 {
			continue
		}
		first := g.Specs[0].(*ast.ValueSpec).Names[0].Name
		var obj string
		for o := range jsonObjects {
			if pre := "k" + strings.ToUpper(o[:1]) + o[1:]; strings.HasPrefix(first, pre) && len(pre) > len("k"+obj) {
				obj = o
			}
		}
		if obj == "" || !strings.HasPrefix(first, "k") {
			continue
		}
		blocks[obj] = true
		keys := jsonObjects[obj]
		if len(g.Specs) != len(keys) {
			t.Errorf("%s: %d constants for %d keys", obj, len(g.Specs), len(keys))
			continue
		}
		for i, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if want := "k" + strings.ToUpper(obj[:1]) + obj[1:] + camel(keys[i].name); vs.Names[0].Name != want {
				t.Errorf("%s: constant %d is %s, want %s", obj, i, vs.Names[0].Name, want)
			}
			if (i == 0) != (len(vs.Values) == 1) || (i == 0 && types.ExprString(vs.Values[0]) != "iota") {
				t.Errorf("%s: constant %s: the block must count from iota", obj, vs.Names[0].Name)
			}
		}
		if x := newKeyIndex(obj); x.number("") != -1 || x.number("nope") != -1 {
			t.Errorf("%s: the index finds keys that are not there", obj)
		} else {
			for i, k := range keys {
				if x.number(k.name) != i {
					t.Errorf("%s: key %q has number %d, want %d", obj, k.name, x.number(k.name), i)
				}
			}
		}
	}
	for obj := range jsonObjects {
		if !blocks[obj] {
			t.Errorf("no constants for the keys of %s", obj)
		}
	}
}

// TestSimpleDatetime holds the fast path of datetimes to parseDatetime
// on datetimes with random characters changed, cut and added: when it
// reads a text, parseDatetime reads the same instant.
func TestSimpleDatetime(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	bases := []string{"2026-12-07T06:00:00+01:00", "2026-12-07T06:00:00Z", "2024-02-29T23:59:59.123456789-09:30",
		"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9+23:59", "1900-02-28T12:00:00.5Z", "2000-02-29T00:00:00-00:00"}
	const chars = "0123456789-:+TZ.tz ,"
	accepted := 0
	for i := range 300000 {
		b := []byte(bases[i%len(bases)])
		for range 1 + r.IntN(3) {
			k := r.IntN(len(b))
			switch r.IntN(5) {
			case 0:
				b = slices.Delete(b, k, k+1)
			case 1:
				b = slices.Insert(b, k, chars[r.IntN(len(chars))])
			default:
				b[k] = chars[r.IntN(len(chars))]
			}
		}
		s := string(b)
		sec, nsec, ok := simpleDatetime(s)
		if !ok {
			continue
		}
		accepted++
		want, err := oldParseDatetime(s)
		if err != nil || want.Unix() != sec || want.Nanosecond() != nsec {
			t.Fatalf("simpleDatetime(%q) = %d, %d; parseDatetime gives %v, %v", s, sec, nsec, want, err)
		}
	}
	for _, s := range bases {
		if _, _, ok := simpleDatetime(s); !ok {
			t.Errorf("simpleDatetime(%q) refuses it", s)
		}
	}
	t.Logf("%d texts read by the fast path", accepted)
}

// TestSmallInt holds smallInt to strconv on number texts of every
// length.
func TestSmallInt(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	texts := []string{"", "-", "0", "-0", "00", "+1", "1.0", "1e3", "999999999999999", "-999999999999999", "1000000000000000"}
	for range 100000 {
		var b []byte
		if r.IntN(3) == 0 {
			b = append(b, '-')
		}
		for range r.IntN(19) {
			b = append(b, "0123456789"[r.IntN(10)])
		}
		if r.IntN(10) == 0 {
			b = append(b, ".e+x"[r.IntN(4)])
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		v, ok := smallInt(s)
		if !ok {
			if digits := strings.TrimPrefix(s, "-"); len(digits) > 0 && len(digits) <= 15 && strings.Trim(digits, "0123456789") == "" {
				t.Errorf("smallInt(%q) refuses it", s)
			}
			continue
		}
		want, err := strconv.ParseInt(s, 10, 64)
		f, ferr := strconv.ParseFloat(s, 64)
		if err != nil || want != v || ferr != nil || f != float64(v) {
			t.Errorf("smallInt(%q) = %d; strconv gives %d, %v and %v, %v", s, v, want, err, f, ferr)
		}
	}
}

// TestDaysIn holds daysIn to package time.
func TestDaysIn(t *testing.T) {
	for year := range 10000 {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(m, year), time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%v, %d) = %d, want %d", m, year, got, want)
			}
		}
	}
}

// TestDecodeWalkWideObjects compares the walks on objects of 10 to 60
// members drawn at random from their keys and near misses, repeated (the
// walk looks for duplicates of unknown keys in a map beyond 16 members).
func TestDecodeWalkWideObjects(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	values := []string{`1`, `"x"`, `null`, `true`, `[]`, `{}`, `"2026-12-07T06:00:00Z"`, `"PT5M"`, `"mon-fri"`, `2.5`}
	wide := func(obj string, extra ...string) string {
		var keys []string
		for _, k := range jsonObjects[obj] {
			keys = append(keys, k.name)
		}
		keys = append(keys, "unknown", "Id", "x1", "x2", "x3", "machine_id", "")
		var b strings.Builder
		b.WriteByte('{')
		for i := range 10 + r.IntN(51) {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%q: %s", keys[r.IntN(len(keys))], values[r.IntN(len(values))])
		}
		for _, e := range extra {
			b.WriteString(", " + e)
		}
		b.WriteByte('}')
		return b.String()
	}
	for round := range 300 {
		op := wide("operation")
		job := wide("job", `"operations": [`+op+`]`)
		cal := wide("calendar")
		text := `{"epoch": "2026-12-07T00:00:00Z", "jobs": [` + job + `], "calendars": [` + cal + `], "machines": [` + wide("machine") + `]}`
		if round%3 == 0 {
			text = wide("problem", `"jobs": [`+job+`]`)
		}
		if !sameDecode(t, text, []byte(text)) {
			return
		}
	}
}
