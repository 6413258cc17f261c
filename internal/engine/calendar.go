package engine

import "github.com/ordo-sched/ordo/model"

// Calendar is compiled working time: sorted, disjoint, non-touching
// half-open windows [Start[i], End[i]), with the cumulated working time
// before each window. A nil *Calendar means "always available"; every
// method accepts a nil receiver and then treats all time as working.
type Calendar struct {
	// Start and End are the window bounds.
	Start, End []int64
	// Cum[i] is the number of working ticks in windows 0..i-1; it has
	// len(Start)+1 entries.
	Cum []int64
}

// NewCalendar compiles normalized intervals (as returned by
// model.Problem.MachineIntervals) into a Calendar. Touching or overlapping
// intervals are merged.
func NewCalendar(ivs []model.Interval) *Calendar {
	c := &Calendar{
		Start: make([]int64, 0, len(ivs)),
		End:   make([]int64, 0, len(ivs)),
		Cum:   make([]int64, 1, len(ivs)+1),
	}
	for _, iv := range ivs {
		if iv.Start >= iv.End {
			continue
		}
		if n := len(c.End); n > 0 && iv.Start <= c.End[n-1] {
			if iv.End > c.End[n-1] {
				c.Cum[n] += iv.End - c.End[n-1]
				c.End[n-1] = iv.End
			}
			continue
		}
		c.Start = append(c.Start, iv.Start)
		c.End = append(c.End, iv.End)
		c.Cum = append(c.Cum, c.Cum[len(c.Cum)-1]+iv.End-iv.Start)
	}
	return c
}

// Intervals returns the windows as model intervals (nil for a nil
// calendar).
func (c *Calendar) Intervals() []model.Interval {
	if c == nil {
		return nil
	}
	out := make([]model.Interval, len(c.Start))
	for i := range c.Start {
		out[i] = model.Interval{Start: c.Start[i], End: c.End[i]}
	}
	return out
}

// find returns the index of the first window ending after t (len(End) when
// none).
func (c *Calendar) find(t int64) int {
	lo, hi := 0, len(c.End)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if c.End[mid] > t {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// Fit returns the earliest s >= t such that [s, s+d) lies inside one
// window (for d == 0: s is a working tick), and false when there is none.
func (c *Calendar) Fit(t, d int64) (int64, bool) {
	if c == nil {
		return t, true
	}
	for i := c.find(t); i < len(c.Start); i++ {
		s := max(t, c.Start[i])
		if s+d <= c.End[i] {
			return s, true
		}
	}
	return 0, false
}

// Covers reports whether [s, e) lies inside one window (true for an empty
// interval).
func (c *Calendar) Covers(s, e int64) bool {
	if c == nil || e <= s {
		return true
	}
	i := c.find(s)
	return i < len(c.Start) && c.Start[i] <= s && e <= c.End[i]
}

// Working reports whether tick t is a working tick.
func (c *Calendar) Working(t int64) bool {
	if c == nil {
		return true
	}
	i := c.find(t)
	return i < len(c.Start) && c.Start[i] <= t
}

// NextWorking returns the first working tick at or after t.
func (c *Calendar) NextWorking(t int64) (int64, bool) {
	if c == nil {
		return t, true
	}
	i := c.find(t)
	if i == len(c.Start) {
		return 0, false
	}
	return max(t, c.Start[i]), true
}

// pos returns the number of working ticks before t.
func (c *Calendar) pos(t int64) int64 {
	i := c.find(t)
	if i < len(c.Start) && c.Start[i] < t {
		return c.Cum[i] + t - c.Start[i]
	}
	return c.Cum[i]
}

// Work returns the number of working ticks in [a, b).
func (c *Calendar) Work(a, b int64) int64 {
	if b <= a {
		return 0
	}
	if c == nil {
		return b - a
	}
	return c.pos(b) - c.pos(a)
}

// Advance returns the smallest e such that [s, e) holds w working ticks
// (so e-1 is a working tick when w > 0), and false when the calendar ends
// first. Advance(s, 0) is s.
func (c *Calendar) Advance(s, w int64) (int64, bool) {
	if c == nil || w <= 0 {
		return s + max(w, 0), true
	}
	target := c.pos(s) + w
	n := len(c.Start)
	if target > c.Cum[n] {
		return 0, false
	}
	// First window j with Cum[j+1] >= target.
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if c.Cum[mid+1] >= target {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return c.Start[lo] + target - c.Cum[lo], true
}

// WalkBack returns the largest s such that [s, e) holds w working ticks
// and s is a working tick (for w > 0), and false when there is not enough
// working time before e. WalkBack(e, 0) is e.
func (c *Calendar) WalkBack(e, w int64) (int64, bool) {
	if c == nil || w <= 0 {
		return e - max(w, 0), true
	}
	target := c.pos(e) - w
	if target < 0 {
		return 0, false
	}
	// Last window j with Cum[j] <= target (and target < Cum[j+1]).
	n := len(c.Start)
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if c.Cum[mid+1] > target {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return c.Start[lo] + target - c.Cum[lo], true
}
