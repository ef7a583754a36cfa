package site

import (
	"maps"
	"slices"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/english"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/statute"
	"github.com/lexsite/lexsite/internal/suggest"
)

// Law binds a statute to the group of documents that are its versions in
// each language.
type Law struct {
	statute.Law
	Group *Group
}

// Doc returns the excerpt a reader of lang is sent to: the same-language
// version, else the authoritative one, else the site's fallback.
func (l *Law) Doc(lang string, s *Site) *Doc {
	if d := l.Group.Docs[lang]; d != nil {
		return d
	}
	if d := l.Group.Docs[l.Authoritative]; d != nil {
		return d
	}
	d, _ := l.Group.Source(lang, s)
	return d
}

// Title returns the law's short title in lang, for citation text: the
// version in lang, else the site's default language's (more readers share
// it than the official language), else the authoritative one's.
func (l *Law) Title(lang string, s *Site) string {
	d := l.Group.Docs[lang]
	if d == nil {
		d = l.Group.Docs[s.Config.DefaultLanguage]
	}
	if d == nil {
		d = l.Doc(lang, s)
	}
	if d.Meta.ShortTitle != "" {
		return d.Meta.ShortTitle
	}
	return d.Meta.Title
}

// CiteTarget is where a citation leads.
type CiteTarget struct {
	Law *Law
	Ref cite.Ref
	// Outside is set for a mention of an article the excerpt does not
	// hold: it leads to the official text instead.
	Outside bool
}

// Citer is a page that cites an article: the document, the language it is
// written in, and the heading the citation sits under.
type Citer struct {
	Group    *Group
	Lang     string
	Fragment string // id of the nearest heading before the citation
	// Step is the flow step the citation is in: it has a page of its own.
	Step    string
	Heading string
}

// provision identifies an article of a law, for related guides.
type provision struct {
	law     string
	lang    string
	article int
}

// Laws returns the statutes, by key.
func (s *Site) Laws() map[string]*Law { return s.laws }

// CitedIn returns the pages in lang whose text cites Article article of
// law, in the order of their titles' first appearance (the caller sorts).
func (s *Site) CitedIn(law, lang string, article int) []Citer {
	return s.citedIn.Of(statute.Provision{Law: law, Lang: lang, Article: article})
}

// Related returns the other guides that cite articles g's version in lang
// cites, most shared articles first.
func (s *Site) Related(g *Group, lang string) []*Group { return s.related[g][lang] }

// indexLaws collects the statutes and checks that their translations hold
// the same articles.
func (s *Site) indexLaws(diags *diag.List) {
	s.laws = map[string]*Law{}
	for _, g := range s.Groups {
		if g.Kind != content.Statute {
			continue
		}
		first := g.first(s.Langs)
		if !cite.ValidKey(g.Slug) {
			diags.Errorf(first.Label, 1, 1, "%q cannot be a law's citation key: name statute files with lowercase letters, digits and \"-\", such as cpl.en.md", g.Slug)
			continue
		}
		law := &Law{Law: statute.Law{Key: g.Slug}, Group: g}
		for _, lang := range s.Langs {
			d := g.Docs[lang]
			if d == nil {
				continue
			}
			if problem := law.AddVersion(lang, d.Label, d.Meta.Authoritative, d.Meta.Source); problem != "" {
				line, col := metaPos(d, "authoritative")
				diags.Errorf(d.Label, line, col, "%s", problem)
			}
		}
		s.laws[law.Key] = law
		s.checkTranslations(law, diags)
	}
}

// checkTranslations warns when a law's versions disagree on which articles
// they hold: a citation would then lead to an article in one language and
// nowhere in another.
func (s *Site) checkTranslations(law *Law, diags *diag.List) {
	ref := law.Authoritative
	if ref == "" {
		ref = law.Group.first(s.Langs).Lang
	}
	rd := law.Group.Docs[ref]
	for _, lang := range s.Langs {
		d := law.Group.Docs[lang]
		if d == nil || lang == ref {
			continue
		}
		missing, extra := statute.Differ(rd.Parsed.Articles, d.Parsed.Articles)
		if len(missing) > 0 {
			diags.Warnf(d.Label, 1, 1, "this version lacks %s, which %s holds; citations of %s lead readers of %s to the %s text", statute.Articles(missing), rd.Label, english.Plural(len(missing), "it", "them"), lang, ref)
		}
		if len(extra) > 0 {
			diags.Warnf(d.Label, 1, 1, "this version holds %s, which %s lacks", statute.Articles(extra), rd.Label)
		}
	}
}

func metaPos(d *Doc, key string) (int, int) {
	if p, ok := d.Meta.Pos[key]; ok {
		return p[0], p[1]
	}
	return 1, 1
}

// resolveCites checks every citation of d and records where each leads.
// Explicit citations must name a provision the excerpt holds; a mention
// found in prose never fails: an article outside the excerpt leads to the
// official text.
func (s *Site) resolveCites(g *Group, d *Doc, diags *diag.List) {
	if len(d.Parsed.Cites) == 0 {
		return
	}
	d.Cites = make([]CiteTarget, len(d.Parsed.Cites))
	named := map[string]bool{} // laws already linked by a mention of their name
	at := newPlaces(d)
	for i, c := range d.Parsed.Cites {
		if c.Err != nil {
			d.Errorf(diags, c.Offset, "%s is not a citation: %v", c.Raw, c.Err)
			continue
		}
		law := s.laws[c.Ref.Law]
		if law == nil {
			if !c.Auto {
				d.Errorf(diags, c.Offset, "%s cites a law %q, but there is no statute with that key (content/%s/%s.<lang>.md)%s", c.Raw, c.Ref.Law, content.Statute.Spec().Dir, c.Ref.Law, suggest.Hint(c.Ref.Law, slices.Sorted(maps.Keys(s.laws))))
			}
			continue
		}
		if c.Auto && c.Ref.Article == 0 {
			// A law named in prose links once per page, and never to
			// the page it is named on.
			if named[law.Key] || g == law.Group {
				continue
			}
			named[law.Key] = true
		}
		t := CiteTarget{Law: law, Ref: c.Ref}
		if msg := s.checkRef(law, d.Lang, c.Ref); msg != "" {
			if !c.Auto {
				d.Errorf(diags, c.Offset, "%s: %s", c.Raw, msg)
				continue
			}
			t.Outside = true
		}
		d.Cites[i] = t
		if c.Ref.Article > 0 && !t.Outside {
			s.addCiter(law, g, d, at, c)
		}
	}
}

// checkRef returns what is wrong with ref against the excerpt a reader of
// lang is sent to, or "".
func (s *Site) checkRef(law *Law, lang string, ref cite.Ref) string {
	if ref.Article == 0 {
		return ""
	}
	td := law.Doc(lang, s)
	return statute.Check(law.Key, td.Label, td.Parsed.Articles, ref)
}

// addCiter records that d (in group g) cites an article, under the heading
// the citation sits in, which at finds.
func (s *Site) addCiter(law *Law, g *Group, d *Doc, at *places, c markdown.Cite) {
	if g == law.Group {
		return // a statute's references to itself are not "citations"
	}
	target := law.Doc(d.Lang, s)
	ct := Citer{Group: g, Lang: d.Lang}
	if n := at.step(c.Offset); n != nil {
		ct.Step, ct.Heading = n.ID, n.Title
	} else {
		ct.Fragment, ct.Heading = at.heading(c.Offset)
	}
	// The heading follows from the fragment or step, so a place is told
	// apart from others by them alone.
	if !s.citedIn.Add(statute.Provision{Law: law.Key, Lang: target.Lang, Article: c.Ref.Article}, ct) {
		return
	}
	if g.Kind == content.Guide {
		set := s.cites[g]
		if set == nil {
			set = map[string]map[provision]bool{}
			s.cites[g] = set
		}
		if set[d.Lang] == nil {
			set[d.Lang] = map[provision]bool{}
		}
		set[d.Lang][provision{law.Key, "", c.Ref.Article}] = true
	}
}
