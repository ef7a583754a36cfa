package diagram

import (
	"io"
	"testing"
)

// BenchmarkLayout200 lays out a flow-like graph of 200 nodes and 454 edges
// (51 of them back edges), larger than any real flow; it must stay well
// under a second.
func BenchmarkLayout200(b *testing.B) {
	g := randomFlow(1, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(g, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSVG200 writes the drawing of the same graph.
func BenchmarkWriteSVG200(b *testing.B) {
	d, err := Layout(randomFlow(1, 200), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := d.WriteSVG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
