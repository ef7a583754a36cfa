package diagram

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// palette is what fuzzed labels are made of: Latin letters of every width,
// spaces and control characters, CJK text and its punctuation, combining
// marks, and characters that need escaping in XML.
var palette = []rune("abcdefghijklmnopqrstuvwxyz ABCMW il,.?!;:-()[] 中文货物退款，。、？！：；「」『』（）《》éüñ\u0301\u200b\t\n<>&\"'…")

// fuzzGraph builds a graph and options from arbitrary bytes. It reports
// whether it deliberately gave two nodes the same id.
func fuzzGraph(data []byte) (Graph, Options, bool) {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	text := func(maxLen int) string {
		var b strings.Builder
		for range next() % (maxLen + 1) {
			switch c := next(); {
			case c >= 0xF8:
				b.WriteByte(byte(c)) // invalid UTF-8
			case c >= 0xF0:
				b.WriteString(strings.Repeat("x", c-0xF0+20)) // a long word
			default:
				b.WriteRune(palette[c%len(palette)])
			}
		}
		return b.String()
	}
	var o Options
	o.FontSize = float64(next() % 40)      // 0 means the default
	o.MaxTextWidth = float64(next() % 300) // 0 means the default
	n := next() % 13
	var g Graph
	dup := false
	for i := range n {
		flags := next()
		id := fmt.Sprintf("n%d", i)
		if flags == 0xFF && i > 0 {
			id, dup = g.Nodes[i-1].ID, true
		}
		nd := Node{ID: id, Label: text(60), Shape: Shape(flags & 1), Start: flags&4 != 0}
		if flags&2 != 0 {
			nd.Href = "/x/" + text(4)
		}
		g.Nodes = append(g.Nodes, nd)
	}
	if n > 0 {
		for range next() % (3*n + 1) {
			from, to := next()%n, next()%n
			g.Edges = append(g.Edges, Edge{From: g.Nodes[from].ID, To: g.Nodes[to].ID, Label: text(30)})
		}
	}
	return g, o, dup
}

func FuzzLayout(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{14, 0, 3, 0, 5, 'a', 'b', ' ', 'c', 'd', 1, 2, 'x', 0, 4, 0, 1, 1, 'y', 1, 2, 0, 2, 2, 0})
	f.Add([]byte{0, 0, 12, 4, 10, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 1, 30, 2, 40, 41, 42, 3, 255, 1, 64, 5, 0, 1, 0, 0, 2, 0, 2, 0, 3, 3, 3})
	f.Add([]byte("\x10\x20\x08\x05 questions and answers \x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e"))
	f.Add([]byte{3, 1, 5, 1, 200, 0xF8, 0xF9, 0xFA, 0xF5, 0, 0, 1, 40, 40, 40, 0xFF, 3, 1, 9, 15, 0, 1, 2, 1, 1, 0, 3, 1, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		g, o, dup := fuzzGraph(data)
		d, err := Layout(g, o)
		if dup {
			if err == nil {
				t.Fatal("duplicate id accepted")
			}
			return
		}
		if err != nil {
			t.Fatalf("Layout: %v", err)
		}
		for _, e := range checkDrawing(g, o, d) {
			t.Error(e)
		}
		var buf bytes.Buffer
		if err := d.WriteSVG(&buf); err != nil {
			t.Fatal(err)
		}
		root := parseSVG(t, buf.Bytes())
		root.walk(func(e *element) {
			if _, ok := e.attrs["style"]; ok || e.name == "style" {
				t.Errorf("style in <%s>", e.name)
			}
		})
	})
}
