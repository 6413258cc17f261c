//go:build !tabudebug

package tabu

// debug enables the re-check of every accepted move (build tag tabudebug).
const debug = false

func (w *walker) debugCheck(move) {}
