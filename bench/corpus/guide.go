package corpus

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// flavor is the generator a corpus is written for; the texts are the same,
// only the syntax Hugo cannot read differs.
type flavor int

const (
	flavorLexsite flavor = iota
	flavorHugo
)

// gen generates one corpus. Every random choice comes from a PCG stream
// keyed by the seed, a purpose and a number, never from a shared generator,
// so that a document's text does not depend on the order documents are made
// in nor on how many there are.
type gen struct {
	opts    Options
	flavor  flavor
	locales map[string]locale
	vocabs  map[string]vocab
	laws    []*law
	targets []cite
	// titles[lang][n-1] is guide n's title, needed by the guides that
	// link to it.
	titles map[string][]string
}

func newGen(opts Options, f flavor) *gen {
	g := &gen{
		opts:    opts,
		flavor:  f,
		locales: make(map[string]locale),
		vocabs:  make(map[string]vocab),
		laws:    laws(),
		titles:  make(map[string][]string),
	}
	g.targets = citeTargets(g.laws)
	for _, l := range opts.Languages {
		g.locales[l] = newLocale(l)
		g.vocabs[l] = newVocab(l)
		ts := make([]string, opts.Guides)
		for n := 1; n <= opts.Guides; n++ {
			w := g.writer("title/"+l, n)
			sep := ": "
			if g.locales[l].cjk {
				sep = "："
			}
			ts[n-1] = fmt.Sprintf("%s %d%s%s", g.locales[l].guide, n, sep, capitalize(w.phrase(3+w.r.IntN(4))))
		}
		g.titles[l] = ts
	}
	return g
}

// rng is the stream for one purpose ("prose/es") and one document number;
// PCG takes the seed mixed with the purpose as its first word and n as its
// second.
func (g *gen) rng(purpose string, n int) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(purpose))
	return rand.New(rand.NewPCG(uint64(g.opts.Seed)^h.Sum64(), uint64(n)))
}

// writer returns a prose writer in the language named by the purpose's
// suffix after the last '/'.
func (g *gen) writer(purpose string, n int) *writer {
	lang := purpose[strings.LastIndexByte(purpose, '/')+1:]
	return &writer{v: g.vocabs[lang], r: g.rng(purpose, n)}
}

// files generates the content shared by both flavors, plus lexsite.toml for
// Lexsite (Hugo's configuration is added by hugoSupport).
func (g *gen) files() map[string][]byte {
	out := make(map[string][]byte, len(g.opts.Languages)*(g.opts.Guides+3)+1)
	if g.flavor == flavorLexsite {
		out["lexsite.toml"] = g.lexsiteConfig()
	}
	for _, l := range g.opts.Languages {
		out["content/_index."+l+".md"] = g.home(l)
		for _, lw := range g.laws {
			out["content/statutes/"+lw.key+"."+l+".md"] = g.statute(lw, l)
		}
	}
	for n := 1; n <= g.opts.Guides; n++ {
		p := g.plan(n)
		for _, l := range g.opts.Languages {
			out[fmt.Sprintf("content/guides/%s.%s.md", guideSlug(n), l)] = g.guide(p, l)
		}
	}
	return out
}

// guideSlug is zero-padded so that file names sort in guide order.
func guideSlug(n int) string { return fmt.Sprintf("guide-%05d", n) }

// lexsiteConfig holds only the keys SPEC section 1 requires, so the
// benchmark measures defaults.
func (g *gen) lexsiteConfig() []byte {
	var b strings.Builder
	b.WriteString("base_url = \"https://example.org/\"\n")
	fmt.Fprintf(&b, "default_language = %s\n", tomlString(g.opts.Languages[0]))
	b.WriteString("title = \"Corpus\"\n")
	// Language codes are valid bare keys: Validate holds them to letters,
	// digits and '-'.
	for _, l := range g.opts.Languages {
		fmt.Fprintf(&b, "\n[languages.%s]\nname = %s\n", l, tomlString(g.locales[l].name))
	}
	return []byte(b.String())
}

// home is a language's home page text.
func (g *gen) home(lang string) []byte {
	w := g.writer("home/"+lang, 0)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n---\n\n", yamlString(g.locales[lang].homeTitle))
	b.WriteString(w.paragraph(60, false) + "\n\n" + w.paragraph(40, false) + "\n")
	return []byte(b.String())
}

// guidePlan is everything about a guide that its translations share: the
// structure, the dates and tags, what it cites and links to. Only the words
// differ between languages, as they do between real translations.
type guidePlan struct {
	n        int
	reviewed string
	tags     [2]int
	intro    para
	sections []section
}

type section struct {
	id        string // explicit heading id, or "" for Goldmark's own
	paras     []para
	sub       *para // a ### subsection holding one paragraph
	bullets   int   // items of a bulleted list, 0 for none
	steps     int   // items of a numbered list, 0 for none
	table     bool
	code      string // fence language of a code block, "" for none
	codeValue int
}

type para struct {
	words int
	cites []cite
	own   []bool // the citation at the same index carries its own text
	links []int  // guide numbers
}

// plan draws a guide's structure, in the proportions of a real guide:
// 600-900 words, 4-6 sections, a table every 5th guide, code every 3rd, 2-4
// citations and 3 cross-links.
func (g *gen) plan(n int) *guidePlan {
	r := g.rng("plan", n)
	day := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -r.IntN(365))
	p := &guidePlan{n: n, reviewed: day.Format("2006-01-02")}
	p.tags[0] = r.IntN(numTags)
	p.tags[1] = (p.tags[0] + 1 + r.IntN(numTags-1)) % numTags

	total := 600 + r.IntN(301)
	k := 4 + r.IntN(3)
	p.sections = make([]section, k)
	paras := []*para{&p.intro}
	for i := range p.sections {
		s := &p.sections[i]
		if i == 1 || r.IntN(4) == 0 {
			s.id = fmt.Sprintf("section-%d", i+1)
		}
		s.paras = make([]para, 1+r.IntN(3))
		for j := range s.paras {
			paras = append(paras, &s.paras[j])
		}
	}
	sub := &p.sections[r.IntN(k)]
	sub.sub = &para{}
	paras = append(paras, sub.sub)
	bullets, steps := r.IntN(k), r.IntN(k)
	p.sections[bullets].bullets = 3 + r.IntN(3)
	p.sections[steps].steps = 3 + r.IntN(3)
	if n%5 == 0 {
		p.sections[r.IntN(k)].table = true
	}
	if n%3 == 0 {
		s := &p.sections[r.IntN(k)]
		s.code = "go"
		if (n/3)%2 == 1 {
			s.code = "toml"
		}
		s.codeValue = 7 + r.IntN(24)
	}

	for range 2 + r.IntN(3) {
		q := paras[r.IntN(len(paras))]
		q.cites = append(q.cites, g.targets[r.IntN(len(g.targets))])
		q.own = append(q.own, r.IntN(4) == 0)
	}
	// Distinct targets other than the guide itself, drawn by rejection:
	// cheap because there are at most three among many.
	var linked []int
	for len(linked) < min(3, g.opts.Guides-1) {
		t := 1 + r.IntN(g.opts.Guides)
		if t == n || slices.Contains(linked, t) {
			continue
		}
		linked = append(linked, t)
		q := paras[r.IntN(len(paras))]
		q.links = append(q.links, t)
	}

	// What is not prose: about 9 words per list item, 3 per heading, 27
	// for the intro's lead sentences, 4 per citation sentence and 9 per
	// link sentence (the target's title). The rest is shared evenly.
	budget := total - 9*(p.sections[bullets].bullets+p.sections[steps].steps) - 3*(k+1) - 27
	for _, q := range paras {
		budget -= 4*len(q.cites) + 9*len(q.links)
	}
	for _, q := range paras {
		q.words = max(budget/len(paras), 20)
	}
	return p
}

// guide renders plan p in one language.
func (g *gen) guide(p *guidePlan, lang string) []byte {
	loc := g.locales[lang]
	w := g.writer("prose/"+lang, p.n)
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(g.titles[lang][p.n-1]))
	fmt.Fprintf(&b, "summary: %s\n", yamlString(w.sentence(12+w.r.IntN(10), 0)))
	fmt.Fprintf(&b, "reviewed: %s\n", p.reviewed)
	fmt.Fprintf(&b, "tags: [%s, %s]\n", yamlString(loc.tags[p.tags[0]]), yamlString(loc.tags[p.tags[1]]))
	b.WriteString("---\n\n")

	// The intro always carries both kinds of emphasis, so every guide
	// exercises them whatever the dice say elsewhere.
	g.para(&b, w, loc, p.intro, true)
	for _, s := range p.sections {
		fmt.Fprintf(&b, "## %s", capitalize(w.phrase(2+w.r.IntN(4))))
		if s.id != "" {
			fmt.Fprintf(&b, " {#%s}", s.id)
		}
		b.WriteString("\n\n")
		for _, q := range s.paras {
			g.para(&b, w, loc, q, false)
		}
		if s.bullets > 0 {
			for range s.bullets {
				b.WriteString("- " + w.sentence(5+w.r.IntN(9), 0) + "\n")
			}
			b.WriteString("\n")
		}
		if s.steps > 0 {
			for i := 1; i <= s.steps; i++ {
				fmt.Fprintf(&b, "%d. %s\n", i, w.sentence(5+w.r.IntN(9), 0))
			}
			b.WriteString("\n")
		}
		if s.table {
			writeTable(&b, w)
		}
		if s.code != "" {
			writeCode(&b, s.code, s.codeValue)
		}
		if s.sub != nil {
			fmt.Fprintf(&b, "### %s\n\n", capitalize(w.phrase(2+w.r.IntN(3))))
			g.para(&b, w, loc, *s.sub, false)
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}

// para writes one paragraph: prose, then its citation and link sentences.
func (g *gen) para(b *strings.Builder, w *writer, loc locale, q para, lead bool) {
	var parts []string
	if lead {
		parts = append(parts, w.sentence(10+w.r.IntN(8), emStrong), w.sentence(10+w.r.IntN(8), emPlain))
	}
	parts = append(parts, w.paragraph(q.words, true))
	for i, c := range q.cites {
		own := ""
		if q.own[i] {
			own = w.phrase(2 + w.r.IntN(3))
		}
		parts = append(parts, fmt.Sprintf(loc.citeLead[w.r.IntN(len(loc.citeLead))], g.citation(loc, c, own)))
	}
	for _, t := range q.links {
		parts = append(parts, fmt.Sprintf(loc.linkLead[w.r.IntN(len(loc.linkLead))], g.link(loc, t)))
	}
	sep := " "
	if loc.cjk {
		sep = ""
	}
	b.WriteString(strings.Join(parts, sep) + "\n\n")
}

// citation writes c in Lexsite's syntax, or for Hugo as the link Lexsite
// would make of it.
func (g *gen) citation(loc locale, c cite, own string) string {
	if g.flavor == flavorLexsite {
		if own != "" {
			return "[[" + c.source() + "|" + own + "]]"
		}
		return "[[" + c.source() + "]]"
	}
	text := own
	if text == "" {
		for _, lw := range g.laws {
			if lw.key == c.law {
				text = loc.citationText(lw, c)
			}
		}
	}
	url := "/" + loc.lang + "/statutes/" + c.law + "/"
	if a := c.anchor(); a != "" {
		url += "#" + a
	}
	return "[" + text + "](" + url + ")"
}

// link writes a cross-link to guide t: to the source file for Lexsite (which
// resolves it to the same language), to the page URL for Hugo.
func (g *gen) link(loc locale, t int) string {
	target := guideSlug(t) + ".md"
	if g.flavor == flavorHugo {
		target = "/" + loc.lang + "/guides/" + guideSlug(t) + "/"
	}
	return "[" + g.titles[loc.lang][t-1] + "](" + target + ")"
}

// writeTable writes a small table with a right-aligned numeric column, the
// kind guides use for deadlines.
func writeTable(b *strings.Builder, w *writer) {
	b.WriteString("| " + capitalize(w.phrase(1)) + " | " + capitalize(w.phrase(1)) + " | " + capitalize(w.phrase(2)) + " |\n")
	b.WriteString("|---|---:|---|\n")
	for range 3 + w.r.IntN(3) {
		fmt.Fprintf(b, "| %s | %d | %s |\n", w.phrase(1+w.r.IntN(2)), 1+w.r.IntN(30), w.phrase(2+w.r.IntN(4)))
	}
	b.WriteString("\n")
}

// writeCode writes a fenced block for the highlighter, in one of the two
// languages the guides show (site configuration and Go).
func writeCode(b *strings.Builder, lang string, v int) {
	if lang == "toml" {
		fmt.Fprintf(b, "```toml\n[returns]\nwindow_days = %d\nreason_required = false\nshipping_paid_by = \"consumer\"\n\n[refunds]\nwithin_days = %d\nmethods = [\"original\", \"transfer\"]\n```\n\n", v, v+3)
		return
	}
	fmt.Fprintf(b, "```go\n// refundDeadline is the last day on which the seller must refund.\nfunc refundDeadline(received time.Time) time.Time {\n\treturn received.AddDate(0, 0, %d)\n}\n```\n\n", v)
}
