package diagram

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
)

// Presentation defaults: what the drawing looks like with no CSS at all.
// The site's stylesheet overrides them through the classes, since CSS
// beats presentation attributes; nothing here needs a style attribute,
// which the pages' Content-Security-Policy would block.
const (
	ink        = "#1a1a1a" // text
	lineInk    = "#444"    // edges and arrowheads
	boxStroke  = "#222"
	paper      = "#fff"
	dashBack   = "6 4" // back edges, so a loop in the flow is visible without colour
	thinWidth  = "1.5"
	thickWidth = "3" // outcome border
	outcomeRx  = "10"
)

// num prints a coordinate: rounded to 0.1 px, shortest form, never "-0".
func num(x float64) string {
	return strconv.FormatFloat(round1(x), 'f', -1, 64)
}

// svgWriter accumulates the SVG; every write goes to a buffer, so the only
// error is the final one from the destination writer.
type svgWriter struct{ bytes.Buffer }

func (w *svgWriter) s(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

// text writes s escaped for XML text or a quoted attribute value.
// EscapeText escapes both quote characters and replaces characters XML
// cannot hold with U+FFFD.
func (w *svgWriter) text(s string) {
	_ = xml.EscapeText(w, []byte(s)) // a bytes.Buffer never fails
}

// attr writes ` name="value"`.
func (w *svgWriter) attr(name, value string) {
	w.s(" ", name, `="`)
	w.text(value)
	w.s(`"`)
}

// WriteSVG writes the drawing as one <svg> element, without an XML prolog,
// ready to be inlined in an HTML5 page. The svg is a labelled group: edges
// are aria-hidden, nodes are not, so a screen reader reaches every node
// link; with Options.TextEquivalent the whole svg is aria-hidden and its
// links leave the Tab order instead. The natural width and height are
// written in px, so with no style sheet the drawing keeps its size and its
// text never shrinks; data-min-width is the narrowest it may be scaled to
// (see MinLegibleFontSize).
//
// Every element has a class for each colour it uses, so a style sheet
// can recolour all of them for a dark or forced-colors scheme: the
// presentation attributes only serve a page without CSS.
func (d *Drawing) WriteSVG(w io.Writer) error {
	var b svgWriter
	o := d.opt.withDefaults()
	p := o.IDPrefix
	fs := o.FontSize

	b.s(`<svg xmlns="http://www.w3.org/2000/svg" class="diagram"`)
	b.attr("viewBox", "0 0 "+num(d.Width)+" "+num(d.Height))
	b.attr("width", num(d.Width))
	b.attr("height", num(d.Height))
	b.attr("data-min-width", num(math.Ceil(d.Width*MinLegibleFontSize/fs)))
	if o.TextEquivalent {
		b.s(` aria-hidden="true" focusable="false"`)
	} else {
		b.s(` role="group"`)
		b.attr("aria-labelledby", p+"-title")
		if o.Desc != "" {
			b.attr("aria-describedby", p+"-desc")
		}
	}
	if o.Lang != "" {
		b.attr("lang", o.Lang)
	}
	b.attr("font-family", "sans-serif")
	b.attr("font-size", num(fs))
	b.s(">\n<title")
	b.attr("id", p+"-title")
	b.s(">")
	b.text(clean(d.title))
	b.s("</title>\n")
	if o.Desc != "" {
		b.s("<desc")
		b.attr("id", p+"-desc")
		b.s(">")
		b.text(clean(o.Desc))
		b.s("</desc>\n")
	}

	// Arrowheads are sized in user units, not by stroke width, so that a
	// stylesheet thickening the lines does not inflate them. The back-edge
	// head is hollow, a second cue besides the dash.
	b.s("<defs>")
	for _, m := range []struct{ id, class, fill string }{
		{p + "-arrow", "arrowhead", lineInk},
		{p + "-arrow-back", "arrowhead arrowhead--back", paper},
	} {
		b.s("<marker")
		b.attr("id", m.id)
		b.s(` viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">`)
		b.s(`<path`)
		b.attr("class", m.class)
		b.s(` d="M1 1L9 5L1 9z"`)
		b.attr("fill", m.fill)
		b.attr("stroke", lineInk)
		b.s(` stroke-width="1"/></marker>`)
	}
	b.s("</defs>\n")

	for i := range d.Edges {
		d.writeEdge(&b, &d.Edges[i], p, fs)
	}
	for i := range d.Boxes {
		d.writeBox(&b, &d.Boxes[i], fs, o.TextEquivalent)
	}
	b.s("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func (d *Drawing) writeEdge(b *svgWriter, r *EdgeRoute, p string, fs float64) {
	if len(r.Points) < 2 {
		return
	}
	class, marker := "edge", p+"-arrow"
	switch {
	case r.Self:
		class += " edge--self"
	case r.Back:
		class += " edge--back"
		marker = p + "-arrow-back"
	}
	b.s(`<g class="`, class, `" aria-hidden="true"><path class="edge__line" d="`)
	for i, pt := range r.Points {
		if i == 0 {
			b.s("M")
		} else {
			b.s("L")
		}
		b.s(num(pt.X), " ", num(pt.Y))
	}
	b.s(`" fill="none"`)
	b.attr("stroke", lineInk)
	b.attr("stroke-width", thinWidth)
	if r.Back {
		b.attr("stroke-dasharray", dashBack)
	}
	b.attr("marker-end", "url(#"+marker+")")
	b.s("/>")
	if r.Label != nil {
		lb := r.Label
		b.s(`<rect class="edge-label-bg"`)
		rectAttrs(b, lb.Rect)
		b.attr("fill", paper)
		b.s("/>")
		writeLines(b, "edge-label", lb.Rect, lb.Lines, fs)
	}
	b.s("</g>\n")
}

func (d *Drawing) writeBox(b *svgWriter, bx *Box, fs float64, outOfTabOrder bool) {
	class := "node node--question"
	if bx.Shape == Outcome {
		class = "node node--outcome"
	}
	if bx.Start {
		class += " node--start"
	}
	tag := "g"
	if bx.Href != "" {
		tag = "a"
		b.s("<a")
		b.attr("href", bx.Href)
		if outOfTabOrder {
			b.s(` tabindex="-1"`)
		}
	} else {
		b.s("<g")
	}
	b.attr("class", class)
	b.s("><title>")
	b.text(bx.Label)
	b.s("</title><rect")
	rectAttrs(b, bx.Rect)
	if bx.Shape == Outcome {
		b.attr("rx", outcomeRx)
	}
	b.attr("fill", paper)
	b.attr("stroke", boxStroke)
	if bx.Shape == Outcome {
		b.attr("stroke-width", thickWidth)
	} else {
		b.attr("stroke-width", thinWidth)
	}
	b.s("/>")
	writeLines(b, "", bx.Rect, bx.Lines, fs)
	b.s("</", tag, ">\n")
}

func rectAttrs(b *svgWriter, r Rect) {
	b.attr("x", num(r.X))
	b.attr("y", num(r.Y))
	b.attr("width", num(r.W))
	b.attr("height", num(r.H))
}

// writeLines writes lines centred in r, one tspan per line. The first
// baseline sits about 0.35 em below the middle of the first line box, which
// centres text of common fonts without dominant-baseline (unevenly
// supported).
func writeLines(b *svgWriter, class string, r Rect, lines []string, fs float64) {
	if len(lines) == 0 {
		return
	}
	lh := lineHeightEm * fs
	cx := r.X + r.W/2
	y := r.Y + (r.H-float64(len(lines))*lh)/2 + lh/2 + 0.35*fs
	b.s("<text")
	if class != "" {
		b.attr("class", class)
	}
	b.attr("x", num(cx))
	b.attr("y", num(y))
	b.attr("text-anchor", "middle")
	b.attr("fill", ink)
	b.s(">")
	for i, ln := range lines {
		dy := "0"
		if i > 0 {
			dy = num(lh)
		}
		b.s("<tspan")
		b.attr("x", num(cx))
		b.attr("dy", dy)
		b.s(">")
		b.text(ln)
		b.s("</tspan>")
	}
	b.s("</text>")
}
