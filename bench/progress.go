package bench

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// IsTerminal reports whether w is a terminal (a character device), the
// condition for drawing a progress bar on it.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}

// progressBar draws "[#####.....] 12/40 runs  elapsed 1m02s  ETA 3m10s" on
// a terminal, redrawn in place, refreshed every second. It is silent when
// its writer is nil or not a terminal.
type progressBar struct {
	mu        sync.Mutex
	w         io.Writer
	total     int
	done      int
	jobs      int
	timeLimit time.Duration
	start     time.Time
	last      string
	stop      chan struct{}
	stopped   sync.Once
	now       func() time.Time
}

// newProgressBar returns a bar for total runs, jobs of them in parallel,
// drawn on w when w is a terminal.
func newProgressBar(w io.Writer, total, jobs int, timeLimit time.Duration) *progressBar {
	if w == nil || !IsTerminal(w) || total == 0 {
		w = nil
	}
	return newBar(w, total, jobs, timeLimit, true)
}

// newBar returns a bar drawing on w unconditionally (nil: silent); ticking
// starts the once-a-second refresh.
func newBar(w io.Writer, total, jobs int, timeLimit time.Duration, ticking bool) *progressBar {
	b := &progressBar{w: w, total: total, jobs: max(jobs, 1), timeLimit: timeLimit, start: time.Now(), stop: make(chan struct{}), now: time.Now}
	if w == nil {
		return b
	}
	b.draw()
	if ticking {
		go func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					b.mu.Lock()
					b.draw()
					b.mu.Unlock()
				case <-b.stop:
					return
				}
			}
		}()
	}
	return b
}

// update records that done runs are finished, the last one named label.
func (b *progressBar) update(done int, label string) {
	if b.w == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done, b.last = done, label
	b.draw()
}

// finish stops the refresh and ends the line.
func (b *progressBar) finish() {
	b.stopped.Do(func() {
		close(b.stop)
		if b.w == nil {
			return
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		b.draw()
		fmt.Fprintln(b.w)
	})
}

// line renders the bar's text.
func (b *progressBar) line() string {
	const width = 24
	elapsed := b.now().Sub(b.start)
	filled := 0
	if b.total > 0 {
		filled = width * b.done / b.total
	}
	var eta time.Duration
	known := true
	switch {
	case b.done >= b.total:
		eta = 0
	case b.done > 0:
		eta = time.Duration(float64(elapsed) / float64(b.done) * float64(b.total-b.done))
	case b.timeLimit > 0:
		rounds := (b.total + b.jobs - 1) / b.jobs
		eta = time.Duration(rounds)*b.timeLimit - elapsed
	default:
		known = false
	}
	etaS := "?"
	if known {
		etaS = fmtDuration(max(eta, 0))
	}
	s := fmt.Sprintf("[%s%s] %d/%d runs  elapsed %s  ETA %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		b.done, b.total, fmtDuration(elapsed), etaS)
	if b.last != "" {
		s += "  " + b.last
	}
	if len(s) > 110 {
		s = s[:110]
	}
	return s
}

func (b *progressBar) draw() {
	fmt.Fprintf(b.w, "\r%s\x1b[K", b.line())
}

// fmtDuration formats d to the second ("1h02m03s", "4m05s", "7s").
func fmtDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	switch {
	case h > 0:
		return fmt.Sprintf("%dh%02dm%02ds", h, m, s)
	case m > 0:
		return fmt.Sprintf("%dm%02ds", m, s)
	default:
		return fmt.Sprintf("%ds", s)
	}
}
