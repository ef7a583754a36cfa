package diagram

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenCases are small drawings kept byte for byte in testdata, so that
// any change to the output is seen in review.
var goldenCases = []struct {
	file string
	g    func() Graph
	o    Options
}{
	{"purchase_en.svg", purchaseEN, Options{
		IDPrefix: "goods-en",
		Title:    "What to do when goods are late or faulty",
		Desc:     "A decision flow: answer each question to reach what you can do.",
		Lang:     "en",
	}},
	{"purchase_zh.svg", purchaseZH, Options{
		IDPrefix: "goods-zh",
		Title:    "货物迟延或者有质量问题时怎么办",
		Desc:     "决策流程：回答每个问题，找到您可以采取的措施。",
		Lang:     "zh-Hans",
	}},
	{"loop.svg", loopFlow, Options{IDPrefix: "loop"}},
	{"empty.svg", func() Graph { return Graph{} }, Options{Title: "Nothing yet"}},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			_, got := svgOf(t, tc.g(), tc.o)
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output (run go test -update and review the diff):\n%s", path, got)
			}
		})
	}
}

// element is a parsed SVG element, enough to check structure.
type element struct {
	name     string
	attrs    map[string]string
	text     string
	children []*element
}

// parseSVG decodes doc strictly and returns its root element. It fails if
// doc is not well-formed XML or has more than one root.
func parseSVG(t *testing.T, doc []byte) *element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	var stack []*element
	var root *element
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			el := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				el.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, el)
			} else if root != nil {
				t.Fatal("more than one root element")
			} else {
				root = el
			}
			stack = append(stack, el)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		case xml.ProcInst:
			t.Error("no XML prolog or processing instruction expected: the SVG is inlined in HTML")
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return root
}

func (e *element) walk(f func(*element)) {
	f(e)
	for _, c := range e.children {
		c.walk(f)
	}
}

// allText is the concatenated text of e and its descendants.
func (e *element) allText() string {
	var b strings.Builder
	e.walk(func(x *element) { b.WriteString(x.text) })
	return b.String()
}

func TestSVGStructure(t *testing.T) {
	tricky := Graph{
		Nodes: []Node{
			{ID: "a", Label: `Is it <b>"bold"</b> & 'quoted'?`, Href: `/x?a=1&b="2"<`, Start: true},
			{ID: "b", Label: "Control\x01chars\x7f and \xff invalid", Shape: Outcome},
			{ID: "c", Label: ""},
		},
		Edges: []Edge{
			{From: "a", To: "b", Label: "<yes> & \"no\""},
			{From: "b", To: "a", Label: "]]> back"},
			{From: "c", To: "c", Label: "self"},
			{From: "a", To: "c"},
		},
	}
	graphs := []struct {
		name string
		g    Graph
		o    Options
	}{
		{"tricky text", tricky, Options{Title: `A "title" <with> & marks`, Desc: "desc & more", Lang: `en"><script>`, IDPrefix: `p"q`}},
		{"purchase EN", purchaseEN(), Options{Lang: "en", Desc: "d"}},
		{"purchase ZH", purchaseZH(), Options{Lang: "zh-Hans"}},
		{"random", randomFlow(7, 80), Options{}},
		{"empty", Graph{}, Options{}},
	}
	for _, tc := range graphs {
		t.Run(tc.name, func(t *testing.T) {
			d, doc := svgOf(t, tc.g, tc.o)
			if bytes.HasPrefix(bytes.TrimSpace(doc), []byte("<?xml")) {
				t.Error("output starts with an XML prolog")
			}
			root := parseSVG(t, doc)
			o := tc.o.withDefaults()

			if root.name != "svg" || root.attrs["class"] != "diagram" || root.attrs["role"] != "group" {
				t.Errorf("root is <%s class=%q role=%q>", root.name, root.attrs["class"], root.attrs["role"])
			}
			if want := "0 0 " + num(d.Width) + " " + num(d.Height); root.attrs["viewBox"] != want {
				t.Errorf("viewBox = %q, want %q", root.attrs["viewBox"], want)
			}
			if root.attrs["width"] != num(d.Width) || root.attrs["height"] != num(d.Height) {
				t.Errorf("width, height = %q, %q; want the natural size", root.attrs["width"], root.attrs["height"])
			}
			if root.attrs["lang"] != o.Lang {
				t.Errorf("lang = %q, want %q", root.attrs["lang"], o.Lang)
			}
			if len(root.children) < 2 || root.children[0].name != "title" || root.children[0].attrs["id"] != o.IDPrefix+"-title" {
				t.Fatal("the first child must be <title> with the prefixed id")
			}
			if root.attrs["aria-labelledby"] != o.IDPrefix+"-title" {
				t.Errorf("aria-labelledby = %q", root.attrs["aria-labelledby"])
			}
			if o.Title != "" && root.children[0].text != o.Title {
				t.Errorf("title = %q, want %q", root.children[0].text, o.Title)
			}
			if o.Desc != "" {
				if root.children[1].name != "desc" || root.children[1].attrs["id"] != o.IDPrefix+"-desc" || root.children[1].text != o.Desc {
					t.Errorf("second child is <%s id=%q>%s, want the desc", root.children[1].name, root.children[1].attrs["id"], root.children[1].text)
				}
				if root.attrs["aria-describedby"] != o.IDPrefix+"-desc" {
					t.Errorf("aria-describedby = %q", root.attrs["aria-describedby"])
				}
			}

			var links, groups, edges, markers, dashed int
			root.walk(func(e *element) {
				if e.name == "style" {
					t.Error("found a <style> element")
				}
				if _, ok := e.attrs["style"]; ok {
					t.Errorf("<%s> has a style attribute", e.name)
				}
				class := e.attrs["class"]
				switch {
				case e.name == "marker":
					markers++
					if !strings.HasPrefix(e.attrs["id"], o.IDPrefix+"-") {
						t.Errorf("marker id %q lacks the prefix", e.attrs["id"])
					}
				case strings.HasPrefix(class, "edge ") || class == "edge":
					edges++
					if e.attrs["aria-hidden"] != "true" {
						t.Error("edge group not aria-hidden")
					}
					path := e.children[0]
					if path.name != "path" || path.attrs["fill"] != "none" || path.attrs["stroke"] == "" {
						t.Errorf("edge group starts with <%s>, want a stroked path", path.name)
					}
					if !strings.HasPrefix(path.attrs["d"], "M") || strings.ContainsAny(path.attrs["d"], "CQAcqa") {
						t.Errorf("path d=%q is not a polyline", path.attrs["d"])
					}
					if strings.Contains(class, "edge--back") {
						dashed++
						if path.attrs["stroke-dasharray"] == "" {
							t.Error("back edge not dashed without CSS")
						}
					}
				case strings.HasPrefix(class, "node "):
					if e.name == "a" {
						links++
					} else {
						groups++
					}
					if e.attrs["aria-hidden"] != "" {
						t.Error("nodes must not be hidden from screen readers")
					}
					if e.children[0].name != "title" || e.children[1].name != "rect" {
						t.Errorf("node %q: want <title> then <rect>", class)
					}
					rect := e.children[1]
					if rect.attrs["fill"] == "" || rect.attrs["stroke"] == "" {
						t.Error("node rect has no fill or stroke for readers without CSS")
					}
					if strings.Contains(class, "node--outcome") && (rect.attrs["rx"] == "" || rect.attrs["stroke-width"] != thickWidth) {
						t.Error("outcome not rounded and thick")
					}
				}
			})
			var wantLinks, wantBack int
			for _, n := range tc.g.Nodes {
				if n.Href != "" {
					wantLinks++
				}
			}
			for _, e := range d.Edges {
				if e.Back {
					wantBack++
				}
			}
			if links != wantLinks || links+groups != len(tc.g.Nodes) {
				t.Errorf("%d links and %d groups for %d nodes, %d with href", links, groups, len(tc.g.Nodes), wantLinks)
			}
			if edges != len(tc.g.Edges) || dashed != wantBack {
				t.Errorf("%d edge groups (%d back) for %d edges (%d back)", edges, dashed, len(tc.g.Edges), wantBack)
			}
			if markers != 2 {
				t.Errorf("%d markers, want 2", markers)
			}
		})
	}

	t.Run("text survives escaping", func(t *testing.T) {
		_, doc := svgOf(t, tricky, Options{})
		root := parseSVG(t, doc)
		var hrefs, titles []string
		root.walk(func(e *element) {
			if e.name == "a" {
				hrefs = append(hrefs, e.attrs["href"])
				titles = append(titles, e.children[0].text)
			}
		})
		if len(hrefs) != 1 || hrefs[0] != tricky.Nodes[0].Href || titles[0] != tricky.Nodes[0].Label {
			t.Errorf("href %q, title %q: want the originals back", hrefs, titles)
		}
		if txt := root.allText(); !strings.Contains(txt, "<yes> & \"no\"") || !strings.Contains(txt, "]]> back") {
			t.Errorf("edge labels lost in %q", txt)
		}
	})
}

// TestSVGTextEquivalent: with a text equivalent on the page the drawing
// costs no Tab stop and is not read twice; without one, every node link
// stays reachable. data-min-width is where the text reaches
// MinLegibleFontSize when the drawing is scaled down.
func TestSVGTextEquivalent(t *testing.T) {
	for _, tc := range []struct {
		name         string
		o            Options
		hidden       bool
		wantTabIndex string
	}{
		{"group of links", Options{Desc: "d"}, false, ""},
		{"text equivalent", Options{Desc: "d", TextEquivalent: true}, true, "-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, doc := svgOf(t, purchaseEN(), tc.o)
			root := parseSVG(t, doc)
			if got := root.attrs["aria-hidden"] == "true"; got != tc.hidden {
				t.Errorf("svg aria-hidden = %q, want hidden %v", root.attrs["aria-hidden"], tc.hidden)
			}
			if tc.hidden && (root.attrs["role"] != "" || root.attrs["aria-labelledby"] != "") {
				t.Errorf("a hidden svg has role %q, aria-labelledby %q", root.attrs["role"], root.attrs["aria-labelledby"])
			}
			if !tc.hidden && root.attrs["role"] != "group" {
				t.Errorf("role = %q, want group", root.attrs["role"])
			}
			links := 0
			root.walk(func(e *element) {
				if e.name == "a" {
					links++
					if e.attrs["tabindex"] != tc.wantTabIndex {
						t.Errorf("link %q: tabindex %q, want %q", e.attrs["href"], e.attrs["tabindex"], tc.wantTabIndex)
					}
				}
			})
			if links == 0 {
				t.Error("no node links: a pointer can still follow them")
			}
			want := num(math.Ceil(d.Width * MinLegibleFontSize / 14))
			if root.attrs["data-min-width"] != want {
				t.Errorf("data-min-width = %q, want %q (width %v at %v px text)", root.attrs["data-min-width"], want, d.Width, MinLegibleFontSize)
			}
		})
	}
}

// TestSVGColoursHaveClasses: every element that paints a colour has a
// class, so a style sheet can give each one its dark-scheme and
// forced-colors value; an element painted only by a presentation
// attribute keeps it in every scheme (the edge labels kept fill="#fff"
// on a dark page).
func TestSVGColoursHaveClasses(t *testing.T) {
	_, doc := svgOf(t, loopFlow(), Options{})
	root := parseSVG(t, doc)
	var walk func(e *element, classed bool)
	walk = func(e *element, classed bool) {
		classed = classed || e.attrs["class"] != ""
		_, fill := e.attrs["fill"]
		_, stroke := e.attrs["stroke"]
		if (fill && e.attrs["fill"] != "none" || stroke) && e.attrs["class"] == "" {
			// A text's or rect's class may sit on its node group.
			if !(classed && (e.name == "rect" || e.name == "text") && e.attrs["class"] == "" && parentIsNode(root, e)) {
				t.Errorf("<%s fill=%q stroke=%q> has no class", e.name, e.attrs["fill"], e.attrs["stroke"])
			}
		}
		for _, c := range e.children {
			walk(c, classed)
		}
	}
	walk(root, false)
}

// parentIsNode reports whether e is a direct child of a node group or link,
// whose class styles it.
func parentIsNode(root, e *element) bool {
	found := false
	root.walk(func(p *element) {
		if strings.HasPrefix(p.attrs["class"], "node ") {
			for _, c := range p.children {
				if c == e {
					found = true
				}
			}
		}
	})
	return found
}
