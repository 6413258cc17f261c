package model

import "sort"

// WorkIn returns the number of ticks of the normalized intervals ivs (sorted,
// disjoint, as Normalize returns them) that lie inside [s, e): the working
// time of a calendar between two ticks.
func WorkIn(ivs []Interval, s, e int64) int64 {
	if s >= e {
		return 0
	}
	var w int64
	i := sort.Search(len(ivs), func(i int) bool { return ivs[i].End > s })
	for ; i < len(ivs) && ivs[i].Start < e; i++ {
		w += min(ivs[i].End, e) - max(ivs[i].Start, s)
	}
	return w
}
