package render

import (
	"bytes"
	"html"
	"html/template"
	"sync"

	"github.com/lexsite/lexsite/internal/diag"
)

// Citation is what templates/partials/citation.html receives: one
// citation or mention of a law in a document's text, as a page shows it.
// It is comparable, so that each distinct citation is written once.
type Citation struct {
	// Text is the link text: the author's, else the citation written the
	// way the document's language writes one.
	Text string
	// URL is where the link leads: the provision on this site, or, when
	// Outside, the law's official text; "" when there is nowhere to lead.
	URL string
	// Outside is set for a mention of an article the excerpt does not
	// hold; Note then says so in the page's language.
	Outside bool
	Note    string
	// Lang is the language of the excerpt the link leads to when it is not
	// the page's, and LangNote tells the reader which it is.
	Lang, LangNote string
}

// CitedIn is what templates/partials/cited-in.html receives: the pages
// that cite one article of a statute, written at the end of the article.
type CitedIn struct {
	// Summary says how many pages cite the article, in the page's language.
	Summary string
	// Pages are the citing pages in the order of their titles.
	Pages []CitingPage
}

// CitingPage is a page that cites an article, and the sections of it the
// citations are in (headings, or steps of a flow).
type CitingPage struct {
	Title, URL string
	Sections   []Link
}

// partials writes citations and "Cited in" lists through their templates.
// A document's HTML is rendered once and its citations are filled in for
// each page it is shown on, so the same citation is written for many
// pages; each distinct one is executed once and remembered.
type partials struct {
	t      *template.Template // the shared templates: partials/…
	labels map[string]string

	mu        sync.Mutex
	citations map[Citation]string
	err       error // the first execution error, reported after each run
}

func newPartials(ts *templateSet) *partials {
	return &partials{t: ts.shared, labels: ts.labels, citations: map[Citation]string{}}
}

// citation writes c.
func (p *partials) citation(c Citation) string {
	p.mu.Lock()
	s, ok := p.citations[c]
	p.mu.Unlock()
	if ok {
		return s
	}
	s = p.execute(citationPartial, c, c.Text)
	p.mu.Lock()
	p.citations[c] = s
	p.mu.Unlock()
	return s
}

// citedIn writes c; it depends on the page, so it is not remembered.
func (p *partials) citedIn(c *CitedIn) string {
	return p.execute(citedInPartial, c, "")
}

// execute runs the template name on data. A template that fails keeps the
// page readable: it falls back on the plain text and the error is reported
// once the pages are written.
func (p *partials) execute(name string, data any, fallback string) string {
	var b bytes.Buffer
	if err := p.t.ExecuteTemplate(&b, name, data); err != nil {
		p.mu.Lock()
		if p.err == nil {
			p.err = err
		}
		p.mu.Unlock()
		return html.EscapeString(fallback)
	}
	return b.String()
}

// report adds the first execution error, if any, to diags.
func (p *partials) report(diags *diag.List) {
	p.mu.Lock()
	err := p.err
	p.mu.Unlock()
	if err != nil {
		reportTemplateErr(diags, p.labels, err)
	}
}
