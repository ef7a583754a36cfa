package diagram

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lexsite/lexsite/internal/markdown"
)

// TestBundledFlowsGeometry holds the drawings of the flows the bundled site
// carries, in every language, to the same rules as the cases of
// TestGeometry: what readers see, not a model of it.
func TestBundledFlowsGeometry(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "content", "flows", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	eng := markdown.New(markdown.Options{})
	n := 0
	for _, file := range files {
		if strings.HasPrefix(filepath.Base(file), "_index") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// The body follows the front matter's closing line.
		parts := strings.SplitN(string(src), "\n---\n", 2)
		if len(parts) != 2 {
			t.Fatalf("%s: no front matter", file)
		}
		p := eng.Parse([]byte(parts[1]), markdown.ParseOptions{Flow: true})
		var g Graph
		for i, node := range p.Flow.Nodes {
			shape := Question
			if node.Outcome() {
				shape = Outcome
			}
			g.Nodes = append(g.Nodes, Node{ID: node.ID, Label: node.Title, Href: "../" + node.ID + "/", Shape: shape, Start: i == 0})
			for _, a := range node.Answers {
				g.Edges = append(g.Edges, Edge{From: node.ID, To: a.Target, Label: a.Label})
			}
		}
		if len(g.Nodes) < 5 {
			t.Fatalf("%s: only %d steps read", file, len(g.Nodes))
		}
		o := Options{Title: "t", Desc: "d"}
		d, err := Layout(g, o)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, problem := range checkDrawing(g, o, d) {
			t.Errorf("%s: %s", filepath.Base(file), problem)
		}
		n++
	}
	if n < 6 {
		t.Errorf("checked %d bundled flows, want the 2 flows in 3 languages", n)
	}
}
