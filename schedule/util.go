package schedule

import (
	"cmp"
	"slices"
	"sort"

	"github.com/ordo-sched/ordo/model"
)

// Clone returns a deep copy of s (nil for nil).
func (s *Schedule) Clone() *Schedule {
	if s == nil {
		return nil
	}
	c := &Schedule{Assignments: make([]Assignment, len(s.Assignments))}
	for i, a := range s.Assignments {
		if a.Operators != nil {
			a.Operators = slices.Clone(a.Operators)
		}
		c.Assignments[i] = a
	}
	return c
}

// Sort orders the assignments by job index, then operation index, then
// start, in place. Two schedules placing the same operations the same way
// are equal (reflect.DeepEqual) after Sort.
func (s *Schedule) Sort() {
	if s == nil {
		return
	}
	slices.SortStableFunc(s.Assignments, func(a, b Assignment) int {
		if c := cmp.Compare(a.Job, b.Job); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Op, b.Op); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
}

// clip returns the sub-slice of the normalized intervals ivs that overlap
// [s, e).
func clip(ivs []model.Interval, s, e int64) []model.Interval {
	i := sort.Search(len(ivs), func(i int) bool { return ivs[i].End > s })
	j := i + sort.Search(len(ivs)-i, func(k int) bool { return ivs[i+k].Start >= e })
	return ivs[i:j]
}

// within reports whether the non-empty [s, e) lies inside one interval of
// the normalized intervals ivs.
func within(ivs []model.Interval, s, e int64) bool {
	c := clip(ivs, s, e)
	return len(c) == 1 && c[0].Start <= s && c[0].End >= e
}

// working reports whether tick t is inside the normalized intervals ivs.
func working(ivs []model.Interval, t int64) bool { return within(ivs, t, t+1) }
