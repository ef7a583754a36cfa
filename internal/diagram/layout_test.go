package diagram

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestLayoutErrors(t *testing.T) {
	tests := []struct {
		name    string
		g       Graph
		wantErr string // empty: no error expected
	}{
		{"unknown target", Graph{Nodes: nodes("a"), Edges: []Edge{{From: "a", To: "nowhere"}}}, `unknown node "nowhere"`},
		{"unknown source", Graph{Nodes: nodes("a"), Edges: []Edge{{From: "ghost", To: "a"}}}, `unknown node "ghost"`},
		{"edge without nodes", Graph{Edges: []Edge{{From: "a", To: "b"}}}, `unknown node "a"`},
		{"duplicate id", Graph{Nodes: nodes("a", "b", "a")}, `same id "a"`},
		{"duplicate empty id", Graph{Nodes: []Node{{}, {}}}, `same id ""`},
		{"empty graph", Graph{}, ""},
		{"nodes only", Graph{Nodes: nodes("a", "b")}, ""},
		{"empty id is an id", Graph{Nodes: []Node{{ID: ""}, {ID: "b"}}, Edges: []Edge{{From: "", To: "b"}}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d *Drawing
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Layout panicked: %v", r)
					}
				}()
				d, err = Layout(tc.g, Options{})
			}()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one mentioning %s", err, tc.wantErr)
				}
				if d != nil {
					t.Error("a drawing was returned with the error")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			var buf bytes.Buffer
			if err := d.WriteSVG(&buf); err != nil {
				t.Fatal(err)
			}
			parseSVG(t, buf.Bytes())
		})
	}

	t.Run("empty graph gives a tiny drawing", func(t *testing.T) {
		d, err := Layout(Graph{}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Boxes) != 0 || len(d.Edges) != 0 || d.Width <= 0 || d.Width > 40 || d.Height <= 0 || d.Height > 40 {
			t.Errorf("got %gx%g with %d boxes", d.Width, d.Height, len(d.Boxes))
		}
	})
}

// failWriter fails every write, as a closed connection would.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errTest }

var errTest = errors.New("write failed")

func TestWriteSVGError(t *testing.T) {
	d, err := Layout(purchaseEN(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteSVG(failWriter{}); !errors.Is(err, errTest) {
		t.Errorf("WriteSVG returned %v, want the writer's error", err)
	}
}

func TestOptionsDefaults(t *testing.T) {
	tests := []struct {
		in   Options
		want Options
	}{
		{Options{}, Options{FontSize: 14, MaxTextWidth: 154, IDPrefix: "diagram"}},
		{Options{FontSize: 10}, Options{FontSize: 10, MaxTextWidth: 110, IDPrefix: "diagram"}},
		{Options{FontSize: -3, MaxTextWidth: -1, IDPrefix: "x"}, Options{FontSize: 14, MaxTextWidth: 154, IDPrefix: "x"}},
		{Options{FontSize: 16, MaxTextWidth: 200}, Options{FontSize: 16, MaxTextWidth: 200, IDPrefix: "diagram"}},
		{Options{FontSize: math.NaN(), MaxTextWidth: math.NaN()}, Options{FontSize: 14, MaxTextWidth: 154, IDPrefix: "diagram"}},
		{Options{FontSize: math.Inf(1), MaxTextWidth: math.Inf(1)}, Options{FontSize: 14, MaxTextWidth: 100_000, IDPrefix: "diagram"}},
		{Options{FontSize: 1e9}, Options{FontSize: 1000, MaxTextWidth: 11000, IDPrefix: "diagram"}},
	}
	for _, tc := range tests {
		if got := tc.in.withDefaults(); got != tc.want {
			t.Errorf("%+v.withDefaults() = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// TestExtremeOptions lays out real flows with absurd sizes: the drawing
// must stay finite and keep every geometric promise.
func TestExtremeOptions(t *testing.T) {
	for _, o := range []Options{
		{FontSize: 0.001},
		{FontSize: 1e9},
		{FontSize: 2, MaxTextWidth: 1},
		{MaxTextWidth: 1e300},
		{FontSize: math.Inf(-1), MaxTextWidth: math.Inf(1)},
	} {
		for _, g := range []Graph{purchaseZH(), loopFlow()} {
			d, doc := svgOf(t, g, o)
			for _, e := range checkDrawing(g, o, d) {
				t.Errorf("%+v: %s", o, e)
			}
			if bytes.Contains(doc, []byte("Inf")) || bytes.Contains(doc, []byte("NaN")) {
				t.Errorf("%+v: non-finite number in the SVG", o)
			}
			parseSVG(t, doc)
		}
	}
}

func TestTitleDefaultsToStartLabel(t *testing.T) {
	g := Graph{Nodes: []Node{{ID: "a", Label: "First"}, {ID: "b", Label: "Begin here", Start: true}}}
	_, doc := svgOf(t, g, Options{})
	if !bytes.Contains(doc, []byte(`<title id="diagram-title">Begin here</title>`)) {
		t.Errorf("title is not the start node's label:\n%s", doc)
	}
}
