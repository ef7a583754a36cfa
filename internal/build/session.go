package build

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/render"
	"github.com/lexsite/lexsite/internal/site"
	"github.com/lexsite/lexsite/internal/statute"
)

// Session builds one site again and again, as the preview server does
// after each edit, and redoes only what an edit can change: documents whose
// text is unchanged are not parsed again, and pages whose output cannot
// have changed are not rendered again. Loading and resolving are always
// done in full, because they are what finds out what changed. The result is
// the same as a full Run; a test holds it to that, byte for byte.
//
// A Session is not safe for concurrent use.
type Session struct {
	opts   Options
	caches caches
	// prev is the last build that succeeded, and files what it wrote.
	prev  *stages
	files map[string][]byte
	// citers describes what cites each law in prev (see citers), and
	// nextCiters the same for the build under way.
	citers, nextCiters map[string]string
	// pending gathers the changes since prev, across failed builds; all
	// means anything may have changed.
	pending []Change
	all     bool
}

// Change is one changed path: Path is slash-separated and relative to
// Source, one of the folders in Result.Sources.
type Change struct {
	Source, Path string
}

// NewSession returns a Session for the site opts describes.
func NewSession(opts Options) *Session {
	return &Session{opts: opts, caches: caches{content: &content.Cache{}, parse: &parseCache{}}}
}

// Output is the result of a Session build.
type Output struct {
	*Result
	// Files is every file of the site. A file not rendered again is the
	// previous build's own slice, so a caller can tell it unchanged.
	Files map[string][]byte
	// Rendered lists the files this build wrote, sorted, and Full says
	// whether that was every one.
	Rendered []string
	Full     bool
}

// Build builds the site. changed lists the paths changed since the last
// call; nil means anything may have changed. On failure the Session keeps
// the last good build to compare the next one with.
func (s *Session) Build(ctx context.Context, changed []Change) (*Output, error) {
	if changed == nil {
		s.all = true
	}
	s.pending = append(s.pending, changed...)
	diags := &diag.List{}
	out := &Output{Result: &Result{}}
	// lexsite.toml is read again for every build: an edit may change it.
	var st *stages
	proj, err := Open(s.opts, diags)
	if err == nil {
		st, err = prepare(proj, &s.caches, diags)
	}
	if st != nil {
		out.Config, out.Sources, out.Site = st.proj.Config, st.proj.Sources, st.site
	}
	if err != nil {
		out.Diagnostics = diags.Items()
		return out, err
	}
	s.nextCiters = map[string]string{}
	part, full := s.part(st)
	mem := output.NewMemory()
	if full {
		err = st.renderer.Render(ctx, mem, diags)
	} else {
		err = st.renderer.RenderPart(ctx, mem, diags, part)
	}
	out.Diagnostics = diags.Items()
	if err != nil {
		return out, err
	}
	if diags.HasErrors() {
		return out, ErrContent
	}
	written := mem.Files()
	files := written
	if !full {
		files = maps.Clone(s.files)
		maps.Copy(files, written)
	}
	out.Files, out.Rendered, out.Full = files, slices.Sorted(maps.Keys(written)), full
	for name := range files {
		if path.Ext(name) == ".html" {
			out.Pages++
		}
	}
	if full {
		// part stopped early: describe every law now.
		for law := range st.site.Laws() {
			if _, ok := s.nextCiters[law]; !ok {
				s.nextCiters[law] = citers(st.site, law)
			}
		}
	}
	s.prev, s.files, s.citers = st, files, s.nextCiters
	s.pending, s.all = nil, false
	return out, nil
}

// part decides what to render after changed: everything, or the pages of
// some documents (and perhaps the static files).
func (s *Session) part(st *stages) (render.Part, bool) {
	prev := s.prev
	if prev == nil || s.all {
		return render.Part{}, true
	}
	part := render.Part{Groups: map[*site.Group]bool{}}
	for _, c := range s.pending {
		switch {
		case strings.HasPrefix(c.Path, "content/"):
		case c.Path == "static" || strings.HasPrefix(c.Path, "static/"):
			part.Static = true
		default:
			// lexsite.toml, templates, UI strings, or a folder above them.
			return render.Part{}, true
		}
	}
	if !reflect.DeepEqual(prev.proj.Config, st.proj.Config) {
		return render.Part{}, true
	}
	if part.Static && !maps.Equal(prev.renderer.AssetNames(), st.renderer.AssetNames()) {
		// A style sheet or script has a new name, which every page links.
		return render.Part{}, true
	}
	// The documents must be the same ones, each with the same face (what
	// lists, navigation and other pages show of it); only their text may
	// have changed.
	before := map[string]*content.Document{}
	for _, d := range prev.set.Docs {
		before[d.Label] = d
	}
	if len(before) != len(st.set.Docs) {
		return render.Part{}, true
	}
	for _, d := range st.set.Docs {
		old := before[d.Label]
		if old == nil || !sameFace(old, d) {
			return render.Part{}, true
		}
		if !bytes.Equal(old.Body, d.Body) {
			part.Groups[st.site.Lookup(path.Join(d.Dir, d.Slug))] = true
		}
	}
	// Pages that show something of other documents: the guides related to
	// a guide, the pages that cite a law's articles, and a law's page that
	// lists what cites it.
	oldGroups := map[string]*site.Group{}
	for _, g := range prev.site.Groups {
		oldGroups[g.Key] = g
	}
	changedLaws := map[string]bool{}
	for _, law := range slices.Sorted(maps.Keys(st.site.Laws())) {
		oldLaw := prev.site.Laws()[law]
		if oldLaw == nil {
			return render.Part{}, true
		}
		now := citers(st.site, law)
		s.nextCiters[law] = now
		if s.citers[law] != now {
			part.Groups[st.site.Laws()[law].Group] = true
		}
		if structure(oldLaw.Group) != structure(st.site.Laws()[law].Group) {
			changedLaws[law] = true
		}
	}
	for _, g := range st.site.Groups {
		og := oldGroups[g.Key]
		if og == nil {
			return render.Part{}, true
		}
		for _, lang := range st.site.Langs {
			if keys(st.site.Related(g, lang)) != keys(prev.site.Related(og, lang)) {
				part.Groups[g] = true
			}
		}
		if len(changedLaws) > 0 && cites(g, changedLaws) {
			part.Groups[g] = true
		}
	}
	// A flow's outcomes list the guides citing what they cite: a guide
	// whose text changed may join or leave those lists.
	touched := map[string]bool{}
	for g := range part.Groups {
		if g.Kind == content.Guide {
			articlesCited(g, touched)
			articlesCited(oldGroups[g.Key], touched)
		}
	}
	if len(touched) > 0 {
		for _, g := range st.site.Groups {
			if g.Kind == content.Flow && !part.Groups[g] {
				mine := map[string]bool{}
				articlesCited(g, mine)
				for a := range mine {
					if touched[a] {
						part.Groups[g] = true
						break
					}
				}
			}
		}
	}
	return part, false
}

// articlesCited adds the articles g cites in any language to set, as
// "law article".
func articlesCited(g *site.Group, set map[string]bool) {
	for _, d := range g.Docs {
		for _, c := range d.Parsed.Cites {
			if c.Err == nil && c.Ref.Article > 0 {
				set[c.Ref.Law+" "+strconv.Itoa(c.Ref.Article)] = true
			}
		}
	}
}

// sameFace reports whether two versions of a document show the same to
// other pages: front matter and place.
func sameFace(a, b *content.Document) bool {
	if a.Kind != b.Kind || a.Key != b.Key || a.Dir != b.Dir || a.Slug != b.Slug || a.Lang != b.Lang {
		return false
	}
	ma, mb := a.Meta, b.Meta
	ma.Pos, mb.Pos = nil, nil
	return reflect.DeepEqual(ma, mb)
}

// citers describes what cites law, in every language: what the "Cited
// in" lists of its pages show.
func citers(s *site.Site, law string) string {
	var b strings.Builder
	l := s.Laws()[law]
	for _, lang := range s.Langs {
		d := l.Group.Docs[lang]
		if d == nil {
			continue
		}
		for _, a := range d.Parsed.Articles {
			for _, c := range s.CitedIn(law, lang, a.Number) {
				b.WriteString(strconv.Itoa(a.Number))
				for _, f := range [...]string{lang, c.Group.Key, c.Lang, c.Fragment, c.Step, c.Heading} {
					b.WriteByte('|')
					b.WriteString(f)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// structure describes the articles of a law's versions in every language:
// what citations of it can lead to.
func structure(g *site.Group) string {
	var b strings.Builder
	for _, lang := range slices.Sorted(maps.Keys(g.Docs)) {
		b.WriteString(lang)
		b.WriteString(statute.Shape(g.Docs[lang].Parsed.Articles))
		b.WriteString("\n")
	}
	return b.String()
}

// cites reports whether any version of g cites one of laws.
func cites(g *site.Group, laws map[string]bool) bool {
	for _, d := range g.Docs {
		for _, c := range d.Parsed.Cites {
			if laws[c.Ref.Law] {
				return true
			}
		}
	}
	return false
}

func keys(gs []*site.Group) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.Key + "\n")
	}
	return b.String()
}

// parseCache keeps each document's parse, keyed by its label, with the text
// and options it was parsed from.
type parseCache struct {
	entries map[string]cacheEntry
}

type cacheEntry struct {
	body   []byte
	key    string
	parsed *markdown.Parsed
}

// key is the part of the options key that comes from the configuration.
func (c *parseCache) key(cfg *config.Config) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("unsafe=%t max_nesting=%d\n", cfg.Markdown.Unsafe, cfg.Limits.MaxNesting)
}

func (c *parseCache) get(d *content.Document, key string) *markdown.Parsed {
	if c == nil {
		return nil
	}
	e, ok := c.entries[d.Label]
	if !ok || e.key != key || !bytes.Equal(e.body, d.Body) {
		return nil
	}
	return e.parsed
}

// keep replaces the cache's entries by these documents': a document gone
// from the site leaves the cache too.
func (c *parseCache) keep(docs []*content.Document, keys []string, parsed []*markdown.Parsed) {
	if c == nil {
		return
	}
	c.entries = make(map[string]cacheEntry, len(docs))
	for i, d := range docs {
		c.entries[d.Label] = cacheEntry{body: d.Body, key: keys[i], parsed: parsed[i]}
	}
}

// optionsKey describes parse options: two documents with the same text
// and key parse the same.
func optionsKey(o markdown.ParseOptions) string {
	var b strings.Builder
	b.WriteString("self=" + o.Self + "\n")
	if o.Flow {
		b.WriteString("flow\n")
	}
	if o.Mentions != nil {
		b.WriteString("mentions=" + o.Mentions.Key() + "\n")
	}
	if st := o.Statute; st != nil {
		b.WriteString("statute=" + st.Key() + "\n")
	}
	return b.String()
}
