// Package site owns the resolve stage: the cross-linked index of every
// document in every language. It decides which pages exist and at which
// address, groups translations, resolves links between documents, and
// reports links whose target does not exist. All cross-document work happens
// here, once, so that rendering can treat each page on its own.
package site

import (
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/sitefs"
	"github.com/lexsite/lexsite/internal/statute"
	"github.com/lexsite/lexsite/internal/suggest"
)

// Site is the resolved site.
type Site struct {
	Config *config.Config
	// Langs is the configured languages in order.
	Langs []string
	// Groups holds every document, translations grouped, sorted by key.
	Groups []*Group
	// Sections maps a folder below content/ to the groups directly in it.
	Sections map[string][]*Group

	byKey  map[string]*Group
	bySrc  map[string]*Group // "guides/returns" (source path without suffix) → group
	static func(name string) bool

	laws    map[string]*Law
	citedIn *statute.CitedIn[Citer]
	cites   map[*Group]map[string]map[provision]bool // guide → lang → articles it cites
	related map[*Group]map[string][]*Group
	rankers map[string]*ranker // by language, for GuidesCiting
}

// Group is one document and its translations.
type Group struct {
	Key  string
	Kind content.Kind
	// Dir and Slug place the document's pages: /<lang>/<Dir>/<Slug>/.
	Dir, Slug string
	// Docs maps language to the document written in it.
	Docs map[string]*Doc
}

// Doc is a parsed document.
type Doc struct {
	*content.Document
	Parsed *markdown.Parsed
	// Targets holds, for each link node to resolve, where it points.
	Targets map[int]Target // index into Parsed.Links
	// Cites holds where each of Parsed.Cites leads; a zero CiteTarget
	// (no Law) is a citation that is written out as text.
	Cites []CiteTarget
}

// Target is a resolved content link.
type Target struct {
	Group    *Group
	Fragment string
	// Lang forces a language ("x.es.md"); empty means the reader's.
	Lang string
	// Static is a site-root path of a static file, when the link is one.
	Static string
	// Step is a step of the flow Group, whose page the link leads to.
	Step string
}

// Source returns the document to show for lang: the translation, or the
// default language's (else the first configured language's) version.
func (g *Group) Source(lang string, s *Site) (d *Doc, fallback bool) {
	if d := g.Docs[lang]; d != nil {
		return d, false
	}
	if d := g.Docs[s.Config.DefaultLanguage]; d != nil {
		return d, true
	}
	for _, l := range s.Langs {
		if d := g.Docs[l]; d != nil {
			return d, true
		}
	}
	return nil, true
}

// Path is the site-root path of the group's page in lang, without the
// configured base path: "/en/guides/returns/".
func (g *Group) Path(lang string) string {
	switch g.Kind {
	case content.Home:
		return "/" + lang + "/"
	case content.Section:
		return "/" + lang + "/" + g.Dir + "/"
	}
	return "/" + path.Join(lang, g.Dir, g.Slug) + "/"
}

// StepPath is the site-root path of the page of a flow's step in lang:
// "/en/flows/refund/arrived/".
func (g *Group) StepPath(lang, step string) string {
	return g.Path(lang) + step + "/"
}

// Build resolves the loaded documents, each parsed once beforehand.
func Build(cfg *config.Config, set *content.Set, fsys *sitefs.FS, parsed map[*content.Document]*markdown.Parsed, diags *diag.List) *Site {
	s := &Site{
		Config:   cfg,
		Langs:    cfg.LanguageOrder,
		Sections: map[string][]*Group{},
		byKey:    map[string]*Group{},
		bySrc:    map[string]*Group{},
		citedIn:  statute.NewCitedIn[Citer](),
		cites:    map[*Group]map[string]map[provision]bool{},
		static:   func(name string) bool { return fsys.Exists(path.Join("static", name)) },
	}
	for _, cg := range set.Groups() {
		g := &Group{Key: cg.Key, Kind: cg.Kind, Docs: map[string]*Doc{}}
		for lang, d := range cg.ByLang {
			g.Docs[lang] = &Doc{Document: d, Parsed: parsed[d], Targets: map[int]Target{}}
			s.bySrc[path.Join(d.Dir, d.Slug)] = g
		}
		first := g.first(s.Langs)
		g.Dir, g.Slug = first.Dir, first.Slug
		s.Groups = append(s.Groups, g)
		s.byKey[g.Key] = g
		if !g.Kind.Spec().Index {
			s.Sections[g.Dir] = append(s.Sections[g.Dir], g)
		}
	}
	for dir := range s.Sections {
		for d := path.Dir(dir); d != "." && d != "/" && d != ""; d = path.Dir(d) {
			if _, ok := s.Sections[d]; !ok {
				s.Sections[d] = nil
			}
		}
	}
	s.checkPaths(diags)
	s.indexLaws(diags)
	for _, g := range s.Groups {
		for _, lang := range s.Langs {
			if d := g.Docs[lang]; d != nil {
				s.resolveLinks(g, d, diags)
				s.resolveCites(g, d, diags)
			}
		}
	}
	s.checkFlows(diags)
	s.relate()
	return s
}

func (g *Group) first(langs []string) *Doc {
	for _, l := range langs {
		if d := g.Docs[l]; d != nil {
			return d
		}
	}
	return nil
}

// checkPaths makes sure no two pages share an address. A translation_key
// can group files that live at different places; their pages follow the
// first language's place, and may then collide with another document's
// page in the same language — real or shown untranslated.
func (s *Site) checkPaths(diags *diag.List) {
	type owner struct {
		g *Group
		d *Doc
	}
	seen := map[string]owner{}
	for _, fallback := range []bool{false, true} {
		for _, g := range s.Groups {
			for _, lang := range s.Langs {
				d, fb := g.Source(lang, s)
				if d == nil || fb != fallback {
					continue
				}
				p := g.Path(lang)
				prev, taken := seen[p]
				if !taken {
					seen[p] = owner{g, d}
					continue
				}
				if prev.g == g {
					continue
				}
				line, col := 1, 1
				if pos, ok := d.Meta.Pos["translation_key"]; ok {
					line, col = pos[0], pos[1]
				}
				if fallback {
					diags.Errorf(d.Label, line, col, "the %s page of this document (shown untranslated) would be written to %s, where %s is written already; give both the same translation_key, or move one", lang, p, prev.d.Label)
				} else {
					diags.Errorf(d.Label, line, col, "this page would be written to %s, where %s is written already", p, prev.d.Label)
				}
			}
		}
	}
}

// Lookup returns the group of a source path relative to content/, without
// language suffix or extension ("guides/returns").
func (s *Site) Lookup(src string) *Group { return s.bySrc[src] }

// resolveLinks reports what parsing found wrong in d, checks every link of d
// and records where site links point.
func (s *Site) resolveLinks(g *Group, d *Doc, diags *diag.List) {
	if d.Parsed.Err != nil {
		diags.Errorf(d.Label, 0, 0, "%v", d.Parsed.Err)
	}
	for _, p := range d.Parsed.Problems {
		if p.Warning {
			d.Warnf(diags, p.Offset, "%s", p.Message)
		} else {
			d.Errorf(diags, p.Offset, "%s", p.Message)
		}
	}
	for _, off := range d.Parsed.RawHTML {
		d.Warnf(diags, off, "raw HTML is left out of the page; write it in Markdown, or set unsafe = true under [markdown] in lexsite.toml")
	}
	for i, l := range d.Parsed.Links {
		if l.Step != "" {
			d.Targets[i] = Target{Group: g, Step: l.Step}
			continue
		}
		dest := l.Dest
		target, frag, _ := strings.Cut(dest, "#")
		if !l.Site {
			if target == "" && frag != "" && !d.Parsed.IDs[unescape(frag)] {
				d.Errorf(diags, l.Offset, "the link points to #%s, but this page has no heading or element with that id%s", frag, suggest.Hint(frag, slices.Sorted(maps.Keys(d.Parsed.IDs))))
			}
			continue
		}
		target, _, _ = strings.Cut(target, "?")
		target = unescape(target)
		switch {
		case strings.HasSuffix(target, ".md"):
			s.resolveContentLink(d, i, target, unescape(frag), diags)
		case s.static(strings.TrimPrefix(target, "/")):
			d.Targets[i] = Target{Static: target, Fragment: frag}
		case !l.Image && strings.HasSuffix(target, "/"):
			// A page address written by hand: kept, under the base path.
			d.Targets[i] = Target{Static: dest}
		default:
			d.Errorf(diags, l.Offset, "%s is not a file in static/; link to a document with its .md file, or put the file in static%s", target, target)
		}
	}
}

func (s *Site) resolveContentLink(d *Doc, i int, target, frag string, diags *diag.List) {
	l := d.Parsed.Links[i]
	var rel string
	if strings.HasPrefix(target, "/") {
		rel = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		rel = path.Join(d.Dir, target)
	}
	if strings.HasPrefix(rel, "../") || rel == ".." {
		d.Errorf(diags, l.Offset, "the link %s points outside content/", target)
		return
	}
	rel = strings.TrimSuffix(rel, ".md")
	lang := ""
	g := s.bySrc[rel]
	if g == nil {
		if i := strings.LastIndexByte(rel, '.'); i > 0 {
			if _, ok := s.Config.Languages[rel[i+1:]]; ok {
				lang = rel[i+1:]
				g = s.bySrc[rel[:i]]
				if g != nil && g.Docs[lang] == nil {
					d.Errorf(diags, l.Offset, "the link points to %s, but there is no %s version of that document", target, lang)
					return
				}
			}
		}
	}
	if g == nil {
		cands := make([]string, 0, len(s.bySrc))
		for k := range s.bySrc {
			cands = append(cands, k+".md")
		}
		d.Errorf(diags, l.Offset, "the link points to %s, but there is no such document (content/%s.md)%s", target, rel, suggest.Hint(path.Base(rel)+".md", baseNames(cands)))
		return
	}
	if frag != "" {
		showLang := lang
		if showLang == "" {
			showLang = d.Lang
		}
		td, _ := g.Source(showLang, s)
		if td != nil && !td.Parsed.IDs[frag] {
			d.Errorf(diags, l.Offset, "the link points to %s#%s, but %s has no heading or element with id %q%s", target, frag, td.Label, frag, suggest.Hint(frag, slices.Sorted(maps.Keys(td.Parsed.IDs))))
			return
		}
	}
	d.Targets[i] = Target{Group: g, Fragment: frag, Lang: lang}
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = path.Base(p)
	}
	return out
}
