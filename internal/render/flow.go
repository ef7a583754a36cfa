package render

import (
	"bytes"
	"github.com/lexsite/lexsite/internal/deps"
	"html/template"
	"strconv"
	"strings"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/diagram"
	"github.com/lexsite/lexsite/internal/flow"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/site"
)

// FlowInfo is what a flow's pages show about the flow: on the overview,
// the diagram and the outline; on a step's page, the step.
type FlowInfo struct {
	// Title is the flow's title; URL its overview page, StartURL its
	// first step's page.
	Title    string
	URL      string
	StartURL string
	// Key names the flow for the answers script: the same in every
	// language, so answers given survive a switch of language.
	Key string
	// Diagram is the whole flow drawn as SVG (overview only).
	Diagram template.HTML
	// Steps lists every step, the start first, then in the order written
	// (overview only): the text outline of the flow.
	Steps []*FlowStep
	// Step is the step a step page shows.
	Step *FlowStep
}

// FlowStep is one step of a flow.
type FlowStep struct {
	ID    string
	Title string
	// URL is the step's page; Anchor its id in the overview's outline.
	URL     string
	Anchor  string
	Start   bool
	Outcome bool
	Answers []FlowAnswer
	// After is the text of a question written after its answers, which
	// its page shows after them (a question's page puts its answers right
	// under the question and a short hint, as GOV.UK's question pages do,
	// and a longer explanation after them); empty without such text.
	After template.HTML
	// Laws lists the provisions an outcome relies on: its citations.
	Laws []template.HTML
	// Guides lists guides citing the same articles as the outcome.
	Guides []Card
	// BackURL is where the step page's Back link leads: the one question
	// with an answer leading here, or, for the start and for a step that
	// several questions lead to, the flow's overview (the page cannot know
	// which of them the reader came from; the answers script, which does,
	// points the link at the last question answered).
	BackURL string
	// Number and Of give a question's place for "Question 2 of up to 5":
	// its depth from the start along the shortest path plus one, and the
	// number of questions on the longest path to an outcome. Both are 0 on
	// outcomes and in flows with a loop, where no such bound holds.
	Number, Of int
}

// FlowAnswer is an answer of a question: where it leads.
type FlowAnswer struct {
	Label string
	URL   string
	// Target is the step it leads to.
	TargetID, TargetTitle, TargetAnchor string
}

// renderFlow writes a flow's overview page and one page per step, in
// every language.
func (r *Renderer) renderFlow(rec *deps.Reads, g *site.Group, w output.Writer, diags *diag.List) error {
	rec.Add(InputKey(InVersions, g.Key))
	for _, lang := range r.site.Langs {
		d, fallback := g.Source(lang, r.site)
		if d == nil || d.Parsed.Flow == nil {
			continue
		}
		f := d.Parsed.Flow
		start := f.StartNode(d.Meta.Start)
		if start == nil {
			continue // reported by the site's checks
		}
		rec.Add(InputKey(InDoc, d.Label))
		over := r.newPage(rec, lang, "flow", g.Path(lang))
		r.fillDoc(over, g, d, fallback, wholeDoc)
		over.Breadcrumbs = r.breadcrumbs(lang, g.Dir, over)
		info := r.flowInfo(over, g, d, start)
		for _, n := range ordered(f, start) {
			info.Steps = append(info.Steps, r.flowStep(over, g, d, n, start))
		}
		svg, err := r.diagram(over, info, d.Lang)
		if err != nil {
			diags.Errorf(d.Label, 1, 1, "the flow's diagram cannot be drawn: %v", err)
		}
		info.Diagram = svg
		over.Flow = info
		if err := r.write(w, over, content.Flow.Spec().Layout, diags); err != nil {
			return err
		}
		depth, longest, ok := f.Progress(start.ID)
		for i, n := range f.Nodes {
			if first := f.Node(n.ID); first != n {
				continue // a duplicate id, reported by the site's checks
			}
			p := r.newPage(rec, lang, "step", g.StepPath(lang, n.ID))
			r.fillDoc(p, g, d, fallback, i)
			p.Breadcrumbs = append(r.breadcrumbs(lang, g.Dir, p), Link{Title: d.Meta.Title, URL: r.link(p.Path, g.Path(lang))})
			p.Flow = r.flowInfo(p, g, d, start)
			p.Flow.Step = r.flowStep(p, g, d, n, start)
			p.Flow.Step.After = r.stepAfter(p, d, i)
			r.fillWayBack(p, g, f, n, start, depth, longest, ok)
			if n.Outcome() {
				r.fillOutcome(p, d, i)
			}
			if err := r.write(w, p, "step.html", diags); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *Renderer) flowInfo(p *Page, g *site.Group, d *site.Doc, start *flow.Node) *FlowInfo {
	lang := p.Lang.Code
	return &FlowInfo{
		Title:    d.Meta.Title,
		URL:      r.link(p.Path, g.Path(lang)),
		StartURL: r.link(p.Path, g.StepPath(lang, start.ID)),
		Key:      g.Key,
	}
}

func (r *Renderer) flowStep(p *Page, g *site.Group, d *site.Doc, n *flow.Node, start *flow.Node) *FlowStep {
	lang := p.Lang.Code
	s := &FlowStep{
		ID: n.ID, Title: n.Title, Anchor: "step-" + n.ID,
		URL:   r.link(p.Path, g.StepPath(lang, n.ID)),
		Start: n == start, Outcome: n.Outcome(),
	}
	for _, a := range n.Answers {
		fa := FlowAnswer{Label: a.Label, URL: r.link(p.Path, g.StepPath(lang, a.Target)), TargetID: a.Target, TargetAnchor: "step-" + a.Target}
		if t := d.Parsed.Flow.Node(a.Target); t != nil {
			fa.TargetTitle = t.Title
		}
		s.Answers = append(s.Answers, fa)
	}
	return s
}

// fillWayBack sets a step page's Back link and, on a question of a flow
// without loops, its place in the flow.
func (r *Renderer) fillWayBack(p *Page, g *site.Group, f *flow.Flow, n, start *flow.Node, depth map[string]int, longest int, ok bool) {
	lang := p.Lang.Code
	s := p.Flow.Step
	s.BackURL = p.Flow.URL
	if parents := f.Parents(n.ID); len(parents) == 1 && n != start {
		s.BackURL = r.link(p.Path, g.StepPath(lang, parents[0]))
	}
	if d, reached := depth[n.ID]; ok && reached && !n.Outcome() {
		s.Number, s.Of = d+1, longest
	}
}

// ordered lists a flow's steps for its outline: the start first, then the
// others in the order they are written.
func ordered(f *flow.Flow, start *flow.Node) []*flow.Node {
	out := []*flow.Node{start}
	seen := map[string]bool{start.ID: true}
	for _, n := range f.Nodes {
		if !seen[n.ID] {
			seen[n.ID] = true
			out = append(out, n)
		}
	}
	return out
}

// stepBody returns the HTML of step i of a flow document for page p.
func (r *Renderer) stepBody(p *Page, d *site.Doc, i int) template.HTML {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	d.Parsed.ExpandStep(buf, i, expander{r: r, p: p, d: d, lang: p.Lang.Code, from: p.Path})
	return template.HTML(buf.String())
}

// stepAfter returns the HTML of the text of step i written after its
// answers, for page p.
func (r *Renderer) stepAfter(p *Page, d *site.Doc, i int) template.HTML {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	d.Parsed.ExpandAfterAnswers(buf, i, expander{r: r, p: p, d: d, lang: p.Lang.Code, from: p.Path})
	return template.HTML(strings.TrimSpace(buf.String()))
}

// LawSection is the id of the section of an outcome that lists the law
// it relies on: "### The law this relies on {#law}".
const LawSection = "law"

// fillOutcome lists what an outcome relies on: the provisions it cites,
// once each, and the guides that cite the same articles.
func (r *Renderer) fillOutcome(p *Page, d *site.Doc, i int) {
	x := expander{r: r, p: p, d: d, lang: p.Lang.Code, from: p.Path}
	own, _ := outcomeLaw(d, i)
	cites, refs := outcomeCites(d, i)
	if !own {
		// An outcome with a section of its own on the law ({#law}) lists
		// the articles there, in the author's words and order; listing
		// them again from its citations would cite each article a third
		// time. The citations still choose the related guides.
		for _, j := range cites {
			p.Flow.Step.Laws = append(p.Flow.Step.Laws, template.HTML(x.citeLink(j)))
		}
	}
	p.read(InOutcome, d.Label, strconv.Itoa(i))
	for _, o := range r.site.GuidesCiting(d.Lang, refs) {
		c := r.readCard(p, o, p.Lang.Code)
		c.URL = r.link(p.Path, c.URL)
		p.Flow.Step.Guides = append(p.Flow.Step.Guides, c)
	}
}

// outcomeLaw reports whether step i of flow document d has a section of
// its own on the law it relies on, and where the step ends (-1: the end of
// the document).
func outcomeLaw(d *site.Doc, i int) (own bool, end int) {
	f := d.Parsed.Flow
	end = -1
	if i+1 < len(f.Nodes) {
		end = f.Nodes[i+1].Offset
	}
	for _, h := range d.Parsed.Headings {
		if h.ID == LawSection && h.Offset >= f.Nodes[i].Offset && (end < 0 || h.Offset < end) {
			own = true
		}
	}
	return own, end
}

// outcomeCites returns the citations in step i of flow document d that
// lead to a law of the site, each provision once, as indexes of
// d.Parsed.Cites and as references.
func outcomeCites(d *site.Doc, i int) ([]int, []cite.Ref) {
	f := d.Parsed.Flow
	_, end := outcomeLaw(d, i)
	seen := map[cite.Ref]bool{}
	var idx []int
	var refs []cite.Ref
	for j, c := range d.Parsed.Cites {
		if c.Offset < f.Nodes[i].Offset || end >= 0 && c.Offset >= end {
			continue
		}
		if j >= len(d.Cites) || d.Cites[j].Law == nil || d.Cites[j].Outside || seen[c.Ref] {
			continue
		}
		seen[c.Ref] = true
		idx = append(idx, j)
		refs = append(refs, c.Ref)
	}
	return idx, refs
}

// diagram draws the flow for its overview page; every step is a link to
// its page for a pointer, while the outline beside it is the drawing's
// text equivalent, with the same links, for the keyboard and screen
// readers. Labels wrap at 9 em rather than the package's 11, which keeps
// the bundled flows narrow enough (at most 962 px) to scale into a 736 px
// column with their text still about 11 px.
func (r *Renderer) diagram(p *Page, info *FlowInfo, contentLang string) (template.HTML, error) {
	var g diagram.Graph
	for _, s := range info.Steps {
		shape := diagram.Question
		if s.Outcome {
			shape = diagram.Outcome
		}
		g.Nodes = append(g.Nodes, diagram.Node{ID: s.ID, Label: s.Title, Href: s.URL, Shape: shape, Start: s.Start})
		for _, a := range s.Answers {
			g.Edges = append(g.Edges, diagram.Edge{From: s.ID, To: a.TargetID, Label: a.Label})
		}
	}
	dr, err := diagram.Layout(g, diagram.Options{
		IDPrefix:       "flow",
		FontSize:       diagramFontSize,
		MaxTextWidth:   9 * diagramFontSize,
		TextEquivalent: true,
		Title:          p.T("flow_diagram_title", "title", info.Title),
		Desc:           p.T("flow_diagram_desc"),
		Lang:           contentLang,
	})
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := dr.WriteSVG(&b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// diagramFontSize is the size of the diagram's text in px, before the page
// scales the drawing to its column.
const diagramFontSize = 14
