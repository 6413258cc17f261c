package tabu

// mwkr builds a start solution with the non-delay most-work-remaining rule
// (ties: lowest job index), after the fixed operations, and returns the flat
// machine sequences.
func (in *inst) mwkr() []int32 {
	jobReady := make([]int64, in.nj)
	next := make([]int32, in.nj) // next unscheduled operation, -1 when done
	rem := make([]int64, in.nj)  // remaining work from next
	machReady := make([]int64, in.nm)
	const minTime = -1 << 62
	for m := range machReady {
		machReady[m] = minTime
	}
	seqs := make([][]int32, in.nm)
	for m, ops := range in.machOps {
		seqs[m] = append(make([]int32, 0, len(ops)), ops[:in.nfixed[m]]...)
		for _, o := range ops[:in.nfixed[m]] {
			machReady[m] = max(machReady[m], in.rel[o]+in.dur[o])
		}
	}
	left := 0
	for j := 0; j < in.nj; j++ {
		next[j] = -1
		end := int32(in.n)
		if j+1 < in.nj {
			end = in.firstOp[j+1]
		}
		ready := int64(minTime)
		for o := in.firstOp[j]; o < end; o++ {
			if in.fixed[o] {
				ready = in.rel[o] + in.dur[o]
				continue
			}
			if next[j] < 0 {
				next[j] = o
				ready = max(ready, in.rel[o])
			}
			rem[j] += in.dur[o]
			left++
		}
		jobReady[j] = ready
	}
	for ; left > 0; left-- {
		best := -1
		var bs int64
		for j := 0; j < in.nj; j++ {
			o := next[j]
			if o < 0 {
				continue
			}
			s := max(jobReady[j], machReady[in.mach[o]])
			if best < 0 || s < bs || (s == bs && rem[j] > rem[best]) {
				best, bs = j, s
			}
		}
		o := next[best]
		m := in.mach[o]
		e := bs + in.dur[o]
		jobReady[best], machReady[m] = e, e
		seqs[m] = append(seqs[m], o)
		rem[best] -= in.dur[o]
		if in.js[o] >= 0 {
			next[best] = in.js[o]
		} else {
			next[best] = -1
		}
	}
	flat := make([]int32, 0, in.n)
	for _, s := range seqs {
		flat = append(flat, s...)
	}
	return flat
}
