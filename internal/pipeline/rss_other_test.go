//go:build !unix

package pipeline_test

import "testing"

// reportPeakRSS: getrusage is Unix's; elsewhere the benchmarks report no
// peak memory, so that the tests still compile there.
func reportPeakRSS(*testing.B) {}
