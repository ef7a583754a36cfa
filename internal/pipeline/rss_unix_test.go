//go:build unix

package pipeline_test

import (
	"syscall"
	"testing"
)

// reportPeakRSS reports the process's peak resident memory so far, which
// bounds the build's (the corpus itself is included).
func reportPeakRSS(b *testing.B) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}
