//go:build race

package cite

// raceEnabled: the race detector empties sync.Pool at random, so the
// regexp package's pooled matchers allocate and allocation counts mean
// nothing.
const raceEnabled = true
