package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lexsite/lexsite/internal/browsertest"
)

// schemes are the colour schemes a reader's device may ask for.
var schemes = []string{"light", "dark"}

// openDiagram opens the diagram's disclosure, when the page has one, as a
// reader's click does.
const openDiagram = `document.querySelectorAll("details.flow-diagram").forEach(d => d.open = true)`

// contrastJS defines contrast(fg, bg) over computed colours ("rgb(…)",
// "rgba(…)") and bgOf(el), the opaque colour behind an element: the first
// ancestor with a background. Shared by the contrast gates.
const contrastJS = `
const rgbOf = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null;
	const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
	return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const bgOf = el => { for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
	const c = rgbOf(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c; }
	return {r: 255, g: 255, b: 255, a: 1}; };
const show = c => "rgb(" + c.r + "," + c.g + "," + c.b + ")";
`

// diagramContrastJS measures, in the page as shown, every colour of the
// flow diagram against what it is drawn on: the text of a box on the box's
// fill, the text of an answer on its label background, lines, arrowheads
// and box borders on the page behind the drawing. It returns the checks
// made and the failures.
const diagramContrastJS = contrastJS + `(() => {
	const svg = document.querySelector("svg.diagram");
	if (!svg) return {Checked: 0, Failures: ["no svg.diagram on the page"]};
	const page = bgOf(svg.parentElement);
	const out = {Checked: 0, Failures: []};
	const check = (el, what, fg, bg, min) => {
		out.Checked++;
		const c = contrast(fg, bg);
		if (c < min) out.Failures.push(what + " " + show(fg) + " on " + show(bg) + ": " + c.toFixed(2) + ":1, want " + min + ":1 (" +
			(el.textContent || el.getAttribute("class") || el.tagName).trim().slice(0, 40) + ")");
	};
	const fillOf = el => rgbOf(getComputedStyle(el).fill);
	const strokeOf = el => rgbOf(getComputedStyle(el).stroke);
	svg.querySelectorAll(".node").forEach(n => {
		const rect = n.querySelector("rect"), text = n.querySelector("text");
		const fill = fillOf(rect);
		check(text, "box text", fillOf(text), fill, 4.5);
		check(rect, "box border", strokeOf(rect), page, 3);
	});
	svg.querySelectorAll(".edge").forEach(g => {
		const line = g.querySelector("path");
		check(g, "line", strokeOf(line), page, 3);
		const bg = g.querySelector("rect"), text = g.querySelector("text");
		if (text) {
			check(text, "answer text", fillOf(text), fillOf(bg), 4.5);
		}
	});
	svg.querySelectorAll("marker path").forEach(p => {
		const back = (p.getAttribute("class") || "").includes("back") || p.closest("marker").id.endsWith("-back");
		check(p, back ? "back arrowhead border" : "arrowhead", back ? strokeOf(p) : fillOf(p), page, 3);
	});
	return out;
})()`

// codeContrastJS measures every highlighted token of the page's code
// blocks against its own background, or the block's.
const codeContrastJS = contrastJS + `(() => {
	const out = {Checked: 0, Failures: []};
	document.querySelectorAll("pre.chroma span").forEach(s => {
		if (s.children.length || !s.textContent.trim()) return;
		out.Checked++;
		const fg = rgbOf(getComputedStyle(s).color), bg = bgOf(s), c = contrast(fg, bg);
		if (c < 4.5) out.Failures.push("." + s.className + " " + JSON.stringify(s.textContent.slice(0, 20)) + " " + show(fg) + " on " + show(bg) + ": " + c.toFixed(2) + ":1");
	});
	return out;
})()`

type contrastReport struct {
	Checked  int
	Failures []string
}

// TestBrowserContrastInBothSchemes measures in Chromium, for a reader in
// light and in dark mode, the contrast of every colour of the flow
// diagrams (which axe leaves "incomplete" for SVG) and of every
// highlighted code token: 4.5:1 for text, 3:1 for lines and borders.
func TestBrowserContrastInBothSchemes(t *testing.T) {
	ctx := browsertest.Chrome(t, browsertest.JavaScript(false))
	base := serveBundledSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ path, js string }{
		{"/en/flows/purchase-went-wrong/", diagramContrastJS},
		{"/zh/flows/resolve-a-dispute/", diagramContrastJS},
		{"/en/host-your-own-copy/", codeContrastJS},
	}
	for _, scheme := range schemes {
		if err := browsertest.ColorScheme(ctx, scheme); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path)); err != nil {
				t.Fatalf("opening %s: %v", p.path, err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](openDiagram)); err != nil {
				t.Fatal(err)
			}
			r, err := chromedp.Run(ctx, chromedp.Evaluate[contrastReport](p.js))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			if r.Checked == 0 {
				t.Errorf("%s, %s: nothing measured", p.path, scheme)
			}
			for _, f := range r.Failures {
				t.Errorf("%s, %s scheme: %s", p.path, scheme, f)
			}
		}
	}
}

// diagramLayout is what TestBrowserFlowDiagramFits reads of an overview.
type diagramLayout struct {
	PageScrolls          bool    // the page scrolls sideways
	Region               bool    // the drawing is in a region
	RegionW, RegionInner float64 // the region's visible and scrollable width
	Focusable            bool    // the region is in the Tab order
	StartLeft, StartR    float64 // the start node's box, relative to the region's left edge at scroll 0
	Natural, Shown       float64 // the drawing's natural and shown width
	TabStops             int     // Tab stops inside the figure or disclosure
	OutlineLinks         int     // links of the outline
}

const diagramLayoutJS = `(() => {
	const d = document.documentElement, svg = document.querySelector("svg.diagram");
	const region = svg.closest("[role=region]");
	const fig = svg.closest("details") || svg.closest("figure");
	const r = region ? region.getBoundingClientRect() : svg.getBoundingClientRect();
	const s = svg.querySelector(".node--start rect").getBoundingClientRect();
	const tabbable = [...fig.querySelectorAll("a[href], summary, [tabindex], button")]
		.filter(e => e.tabIndex >= 0 && !e.closest("[inert]") && !(e.closest("details:not([open])") && e.tagName !== "SUMMARY"));
	return {
		PageScrolls: d.scrollWidth > d.clientWidth,
		Region: !!region,
		RegionW: region ? region.clientWidth : 0, RegionInner: region ? region.scrollWidth : 0,
		Focusable: !!region && region.tabIndex >= 0,
		StartLeft: s.left - r.left, StartR: s.right - r.left,
		Natural: Number(svg.getAttribute("width")), Shown: svg.getBoundingClientRect().width,
		TabStops: tabbable.length,
		OutlineLinks: document.querySelectorAll(".flow-outline a[href]").length,
	};
})()`

// TestBrowserFlowDiagramFits opens the flow overviews at a desktop and a
// phone width: the diagram, open or closed, never makes the page scroll
// sideways; its start node is in view, or (when the drawing is wider than
// a phone) reachable by scrolling its focusable region; on a wide screen
// it is scaled to the column as far as its text stays 11 px; and it costs
// no more Tab stops than the disclosure and its region (the outline
// carries the links).
func TestBrowserFlowDiagramFits(t *testing.T) {
	ctx := browsertest.Chrome(t, browsertest.JavaScript(false))
	base := serveBundledSite(t)
	for _, width := range []int64{1280, 360} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/en/flows/purchase-went-wrong/", "/en/flows/resolve-a-dispute/", "/zh/flows/purchase-went-wrong/"} {
			name := fmt.Sprintf("%s at %d px", p, width)
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p)); err != nil {
				t.Fatalf("opening %s: %v", p, err)
			}
			closed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if closed {
				t.Errorf("%s: the page scrolls sideways", name)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](openDiagram)); err != nil {
				t.Fatal(err)
			}
			l, err := chromedp.Run(ctx, chromedp.Evaluate[diagramLayout](diagramLayoutJS))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if l.PageScrolls {
				t.Errorf("%s: with the diagram shown the page scrolls sideways", name)
			}
			if !l.Region || !l.Focusable {
				t.Errorf("%s: the drawing is not in a focusable region (region %v, focusable %v)", name, l.Region, l.Focusable)
			}
			scrolls := l.RegionInner > l.RegionW+1
			visible := l.StartLeft >= 0 && l.StartR <= l.RegionW
			if !visible && !(scrolls && l.Focusable && l.StartR <= l.RegionInner) {
				t.Errorf("%s: the start node (%.0f–%.0f px) is neither in the %.0f px region nor reachable by scrolling it", name, l.StartLeft, l.StartR, l.RegionW)
			}
			if width == 1280 && !visible {
				t.Errorf("%s: the start node (%.0f–%.0f px) is not in view in the %.0f px region", name, l.StartLeft, l.StartR, l.RegionW)
			}
			// Text is 14 px at the natural size.
			if px := 14 * l.Shown / l.Natural; px < 10.95 {
				t.Errorf("%s: the diagram's text is scaled to %.1f px (drawing %.0f of %.0f px), want 11 px or more", name, px, l.Shown, l.Natural)
			}
			if legible := l.Natural * 11 / 14; width == 1280 && legible <= l.RegionW-16 && scrolls {
				t.Errorf("%s: the drawing scrolls (%.0f px in a %.0f px region) though it would fit at %.0f px with 11 px text", name, l.RegionInner, l.RegionW, legible)
			}
			if l.TabStops > 2 || l.TabStops >= l.OutlineLinks {
				t.Errorf("%s: %d Tab stops in the diagram, want at most 2 (the outline's %d links are its text equivalent)", name, l.TabStops, l.OutlineLinks)
			}
		}
	}
}

// TestScreenshots writes PNG screenshots of every kind of page, at a phone
// and a desktop width, in light and dark, for a person to look at. It runs
// only when asked, since it checks nothing:
//
//	go test ./internal/pipeline -run Screenshots -update
//	LEXSITE_SCREENSHOTS=DIR go test ./internal/pipeline -run Screenshots
//
// The files go to DIR, or else to screenshots/ at the top of the
// repository, which git ignores. The flow overview is taken twice, the
// second time with its diagram open.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("LEXSITE_SCREENSHOTS")
	if dir == "" && !*update {
		t.Skip("set LEXSITE_SCREENSHOTS=DIR or pass -update to write screenshots")
	}
	if dir == "" {
		dir = filepath.Join("..", "..", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Chrome(t, browsertest.Timeout(5*browsertest.DefaultTimeout))
	base := serveBundledSite(t)
	pages := []struct{ name, path, js string }{
		{"chooser", "/", ""},
		{"home", "/en/", ""},
		{"guide", "/en/guides/seller-obligations/", ""},
		{"statute", "/en/statutes/cpl/", ""},
		{"flow", "/en/flows/purchase-went-wrong/", ""},
		{"flow-diagram", "/en/flows/purchase-went-wrong/", openDiagram},
		{"flow-diagram-zh", "/zh/flows/purchase-went-wrong/", openDiagram},
		{"step", "/en/flows/purchase-went-wrong/what-happened/", ""},
		{"outcome", "/en/flows/purchase-went-wrong/fraud-compensation/", ""},
		{"tag", "/en/tags/returns/", ""},
		{"tags", "/en/tags/", ""},
		{"404", "/en/no-such-page/", ""},
		{"404-root", "/404.html", ""},
		{"page-with-code", "/en/host-your-own-copy/", ""},
	}
	n := 0
	for _, scheme := range schemes {
		if err := browsertest.ColorScheme(ctx, scheme); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int64{360, 1280} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				png, err := screenshot(ctx, base+p.path, p.js)
				if err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				name := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", p.name, width, scheme))
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
	}
	t.Logf("wrote %d screenshots to %s", n, dir)
}

// screenshot loads url, runs js (if any) and takes the whole page as PNG.
func screenshot(ctx context.Context, url, js string) ([]byte, error) {
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	if strings.TrimSpace(js) != "" {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](js)); err != nil {
			return nil, err
		}
	}
	return chromedp.Run(ctx, chromedp.FullScreenshot(100))
}

// forcedColorsJS reads, in a page shown in forced colours, the system
// colours (the palette the reader chose) and what the page draws with
// them: every text and line of the flow diagram, the boxes behind its
// text, and the border of each answer button. It returns the failures.
const forcedColorsJS = contrastJS + `(() => {
	const out = {Checked: 0, Failures: []};
	if (!matchMedia("(forced-colors: active)").matches) {
		out.Failures.push("the page is not shown in forced colours: the emulation did not apply");
		return out;
	}
	// The system colours as this page resolves them.
	// (A probe apiece: Chromium does not always restyle one probe whose
	// colour changes to another system colour.)
	const system = {};
	for (const name of ["Canvas", "CanvasText", "LinkText", "VisitedText", "ButtonText", "Highlight", "HighlightText"]) {
		const probe = document.createElement("span");
		probe.style.color = name;
		document.body.appendChild(probe);
		system[name] = getComputedStyle(probe).color;
		probe.remove();
	}
	const canvas = rgbOf(system.Canvas);
	const nameOf = c => Object.keys(system).find(k => system[k] === c) || c;
	const foreground = ["CanvasText", "LinkText", "VisitedText", "ButtonText", "Highlight", "HighlightText"];
	const fail = (el, msg) => out.Failures.push(msg + " (" + ((el.textContent || "").trim().slice(0, 30) || el.getAttribute("class") || el.tagName) + ")");
	// A foreground colour must be one of the reader's, and stand out
	// from the canvas the page is drawn on.
	const ink = (el, what, value, min) => {
		out.Checked++;
		const c = rgbOf(value);
		if (!c || !foreground.includes(nameOf(value))) {
			fail(el, what + " is " + value + ", not a system colour (CanvasText, LinkText…)");
		} else if (contrast(c, canvas) < min) {
			fail(el, what + " " + nameOf(value) + " on Canvas: " + contrast(c, canvas).toFixed(2) + ":1, want " + min + ":1");
		}
	};
	const paper = (el, what, value) => {
		out.Checked++;
		if (value !== system.Canvas) fail(el, what + " is " + value + ", not Canvas: text on it may not stand out");
	};
	const svg = document.querySelector("svg.diagram");
	if (svg) {
		svg.querySelectorAll(".node").forEach(n => {
			const rect = n.querySelector("rect");
			paper(rect, "box fill", getComputedStyle(rect).fill);
			ink(rect, "box border", getComputedStyle(rect).stroke, 3);
			n.querySelectorAll("text").forEach(t => ink(t, "box text", getComputedStyle(t).fill, 4.5));
		});
		svg.querySelectorAll(".edge").forEach(g => {
			g.querySelectorAll("path").forEach(p => ink(p, "line", getComputedStyle(p).stroke, 3));
			g.querySelectorAll("rect").forEach(r => paper(r, "answer label background", getComputedStyle(r).fill));
			g.querySelectorAll("text").forEach(t => ink(t, "answer label", getComputedStyle(t).fill, 4.5));
		});
		svg.querySelectorAll("marker path").forEach(p => {
			const back = p.closest("marker").id.endsWith("-back") || (p.getAttribute("class") || "").includes("back");
			ink(p, back ? "back arrowhead border" : "arrowhead", getComputedStyle(p)[back ? "stroke" : "fill"], 3);
		});
	}
	document.querySelectorAll("a.answer").forEach(a => {
		const s = getComputedStyle(a);
		out.Checked++;
		for (const side of ["Top", "Right", "Bottom", "Left"]) {
			const style = s["border" + side + "Style"], width = parseFloat(s["border" + side + "Width"]);
			if (style === "none" || style === "hidden" || !(width >= 1)) {
				fail(a, "the answer's " + side.toLowerCase() + " border is " + style + " " + width + "px: the button has no visible edge");
				return;
			}
		}
		ink(a, "the answer's border", s.borderTopColor, 3);
	});
	return out;
})()`

// TestBrowserForcedColors shows a flow's overview, with its diagram open,
// and a step in forced colours (Windows high contrast), with a light and a
// dark palette: every text of the diagram is drawn in one of the reader's
// system colours that stands out from the canvas (4.5:1), every line,
// arrowhead and box border too (3:1), the boxes behind text are the
// canvas, and every answer button keeps a visible border. The diagram's
// own colours would otherwise stay as the page drew them, dark grey on a
// canvas the reader may have made black.
func TestBrowserForcedColors(t *testing.T) {
	ctx := browsertest.Chrome(t, browsertest.JavaScript(false))
	base := serveBundledSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ path, what string }{
		{"/en/flows/purchase-went-wrong/", "diagram"},
		{"/zh/flows/resolve-a-dispute/", "diagram"},
		{"/en/flows/purchase-went-wrong/what-happened/", "answers"},
		{"/es/flows/resolve-a-dispute/decide/", "answers"},
	}
	for _, scheme := range schemes {
		if err := browsertest.ForcedColors(ctx, scheme); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path)); err != nil {
				t.Fatalf("opening %s: %v", p.path, err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](openDiagram)); err != nil {
				t.Fatal(err)
			}
			r, err := chromedp.Run(ctx, chromedp.Evaluate[contrastReport](forcedColorsJS))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			if r.Checked < 4 {
				t.Errorf("%s, forced colours, %s palette: only %d things measured; the page has no %s", p.path, scheme, r.Checked, p.what)
			}
			for _, f := range r.Failures {
				t.Errorf("%s, forced colours, %s palette: %s", p.path, scheme, f)
			}
		}
	}
}
