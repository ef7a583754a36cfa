package render

import (
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/site"
	"github.com/lexsite/lexsite/internal/statute"
)

// This file names the inputs a job of the renderer reads and says what
// each one's value is in this build (Input), so that a preview can render
// again only what an edit changed (package deps). A key is a kind and its
// arguments, joined by a byte that no path, language or key holds.
//
// The rule that keeps incremental builds right: whatever a job's output
// depends on is read through a function below that records its key, and
// Input of that key returns everything the output takes from it. Whatever
// is derived from the configuration alone needs no key of its own: every
// page reads InConfig.

const keySep = "\x00"

// InputKey names the input kind(args): see the kinds below.
func InputKey(kind string, args ...string) string {
	return kind + keySep + strings.Join(args, keySep)
}

// Kinds of input.
const (
	// InConfig is the site's configuration and its languages.
	InConfig = "config"
	// InAssets is the names of the processed style sheets and scripts.
	InAssets = "assets"
	// InStatic is the files of static/, read from disk as they are: no
	// value stands for them, so a change below static/ marks it dirty.
	InStatic = "static"
	// InShell is what every page of a language shares: its name, the
	// site's title and organisation, navigation, icons, whether it has a
	// feed.
	InShell = "shell"
	// InLists is a language's lists of documents, by kind, folder and tag.
	InLists = "lists"
	// InTags is the tags of a language that have a page.
	InTags = "tags"
	// InFeed is a language's feed.
	InFeed = "feed"
	// InTemplate is a layout or partial with every template it includes.
	InTemplate = "template"
	// InString is a UI string of a language; InDate its date format.
	InString = "string"
	InDate   = "date"
	// InStyle is how a language writes citations.
	InStyle = "style"
	// InDoc is one document: its place, front matter, parsed text and
	// where its links and citations lead.
	InDoc = "doc"
	// InFace is what a list shows of a document in a language: a card.
	InFace = "face"
	// InVersions is which language's text a document shows in each.
	InVersions = "versions"
	// InRelated is the guides related to a guide in a language.
	InRelated = "related"
	// InCitedIn is what cites an article of a law in a language.
	InCitedIn = "citedin"
	// InOutcome is the guides that cite what a flow outcome cites.
	InOutcome = "outcome"
	// InLaw is a law: its titles, versions and official source.
	InLaw = "law"
	// InSection is the title of a folder's list page in a language.
	InSection = "section"
	// InMainFlow is where a language's home page sends readers first.
	InMainFlow = "mainflow"
	// InAllDocs is every document's place, languages and front matter:
	// what the sitemap lists.
	InAllDocs = "alldocs"
)

// Dirty reports whether the input key is read from files below one of
// changed (slash-separated paths relative to a site folder): those inputs
// have no value to compare.
func Dirty(key string, changed []string) bool {
	kind, _, _ := strings.Cut(key, keySep)
	if kind != InStatic {
		return false
	}
	for _, c := range changed {
		// A change of a folder above static/ changes what is below it.
		if c == "" || c == "." || c == "static" || strings.HasPrefix(c, "static/") {
			return true
		}
	}
	return false
}

// Input returns the value of key in this build (see package deps).
func (r *Renderer) Input(k string) any {
	kind, rest, _ := strings.Cut(k, keySep)
	args := strings.Split(rest, keySep)
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch kind {
	case InConfig:
		return struct {
			Config *config.Config
			Langs  []string
		}{r.cfg, r.site.Langs}
	case InAssets:
		return r.AssetNames()
	case InStatic:
		return nil
	case InShell:
		ld := r.langs[arg(0)]
		if ld == nil {
			return nil
		}
		v := struct {
			Info            Language
			Site            SiteInfo
			Nav, FooterNav  []Link
			Icons           *siteIcons
			Image           string
			HasFeed         bool
			UILang          string
			DefaultLanguage string
		}{Info: ld.info, Site: *ld.siteInfo, Nav: ld.nav, FooterNav: ld.footerNav, Icons: r.icons[arg(0)], UILang: r.cat.UILang(arg(0))}
		if m := r.meta[arg(0)]; m != nil {
			v.Image, v.HasFeed = m.image, m.feed != nil
		}
		return v
	case InLists:
		ld := r.langs[arg(0)]
		if ld == nil {
			return nil
		}
		return struct {
			Guides, Flows, Statutes, Pages []Card
			Sections, Tags                 map[string][]Card
			TagNames                       []string
			TagTitle                       map[string]string
		}{ld.guides, ld.flows, ld.statutes, ld.pages, ld.sections, ld.tags, ld.tagNames, ld.tagTitle}
	case InTags:
		if ld := r.langs[arg(0)]; ld != nil {
			return ld.tagNames
		}
		return nil
	case InFeed:
		if m := r.meta[arg(0)]; m != nil && m.feed != nil {
			return *m.feed
		}
		return nil
	case InTemplate:
		return r.ts.source(arg(0))
	case InString:
		return r.cat.Source(arg(0), arg(1))
	case InDate:
		return r.cat.DateSource(arg(0))
	case InStyle:
		return r.cat.Citation(arg(0))
	case InDoc:
		return docValue(r.docByLabel(arg(0)))
	case InFace:
		g := r.groupByKey(arg(0))
		if g == nil {
			return nil
		}
		if d, _ := g.Source(arg(1), r.site); d == nil {
			return nil
		}
		return r.card(g, arg(1))
	case InVersions:
		g := r.groupByKey(arg(0))
		if g == nil {
			return nil
		}
		var out []string
		for _, lang := range r.site.Langs {
			d, fb := g.Source(lang, r.site)
			switch {
			case d == nil:
				out = append(out, "")
			case fb:
				out = append(out, d.Lang+" fallback")
			default:
				out = append(out, d.Lang)
			}
		}
		return out
	case InRelated:
		g := r.groupByKey(arg(0))
		if g == nil {
			return nil
		}
		return groupKeys(r.site.Related(g, arg(1)))
	case InCitedIn:
		n, _ := strconv.Atoi(arg(2))
		var out []site.Citer
		for _, c := range r.site.CitedIn(arg(0), arg(1), n) {
			// The group by its key: a pointer of this build would never
			// equal the last one's.
			c.Group = &site.Group{Key: c.Group.Key}
			out = append(out, c)
		}
		return out
	case InOutcome:
		d := r.docByLabel(arg(0))
		i, _ := strconv.Atoi(arg(1))
		if d == nil || d.Parsed.Flow == nil || i >= len(d.Parsed.Flow.Nodes) {
			return nil
		}
		_, refs := outcomeCites(d, i)
		return groupKeys(r.site.GuidesCiting(d.Lang, refs))
	case InLaw:
		return r.lawValue(arg(0))
	case InSection:
		return r.sectionTitle(arg(0), arg(1))
	case InMainFlow:
		if l := r.mainFlow(arg(0)); l != nil {
			return *l
		}
		return nil
	case InAllDocs:
		return r.allDocsValue()
	}
	return nil
}

// read records that the page's job read the input kind(args).
func (p *Page) read(kind string, args ...string) { p.rec.Add(InputKey(kind, args...)) }

// readCard returns g's card in lang for a list on page p.
func (r *Renderer) readCard(p *Page, g *site.Group, lang string) Card {
	p.read(InFace, g.Key, lang)
	return r.card(g, lang)
}

// docValue is everything a page takes from one document.
func docValue(d *site.Doc) any {
	if d == nil {
		return nil
	}
	m := d.Meta
	m.Pos = nil // where front matter is written changes nothing shown
	type target struct {
		Group                        string
		Fragment, Lang, Static, Step string
	}
	type citeTarget struct {
		Law     string
		Outside bool
	}
	v := struct {
		Kind                       content.Kind
		Key, Dir, Slug, Lang, Path string
		Meta                       content.Meta
		Parsed                     *markdown.Parsed
		Targets                    map[int]target
		Cites                      []citeTarget
	}{Kind: d.Kind, Key: d.Key, Dir: d.Dir, Slug: d.Slug, Lang: d.Lang, Path: d.Path, Meta: m, Parsed: d.Parsed, Targets: map[int]target{}}
	for i, t := range d.Targets {
		tv := target{Fragment: t.Fragment, Lang: t.Lang, Static: t.Static, Step: t.Step}
		if t.Group != nil {
			tv.Group = t.Group.Key
		}
		v.Targets[i] = tv
	}
	for _, c := range d.Cites {
		cv := citeTarget{Outside: c.Outside}
		if c.Law != nil {
			cv.Law = c.Law.Key
		}
		v.Cites = append(v.Cites, cv)
	}
	return v
}

// lawValue is everything a page takes from a law it cites or shows: its
// record, and for each language the version a reader is sent to, its
// title and its structure.
func (r *Renderer) lawValue(key string) any {
	law := r.site.Laws()[key]
	if law == nil {
		return nil
	}
	type version struct {
		// Title is how citations name the law, Name the version's full
		// title, as descriptions of what a page cites give it.
		Lang, Title, Name, Shape string
		Own                      bool
	}
	v := struct {
		Law      statute.Law
		Group    string
		Versions []version
	}{Law: law.Law, Group: law.Group.Key}
	for _, lang := range r.site.Langs {
		d := law.Doc(lang, r.site)
		if d == nil {
			v.Versions = append(v.Versions, version{})
			continue
		}
		v.Versions = append(v.Versions, version{Lang: d.Lang, Title: law.Title(lang, r.site), Name: d.Meta.Title, Shape: statute.Shape(d.Parsed.Articles), Own: law.Group.Docs[lang] != nil})
	}
	return v
}

// allDocsValue is what the sitemap takes from every document.
func (r *Renderer) allDocsValue() any {
	type doc struct {
		Group, Lang string
		Kind        content.Kind
		Reviewed    content.Date
		Steps       []string
	}
	var out []doc
	for _, g := range r.site.Groups {
		for _, lang := range slices.Sorted(maps.Keys(g.Docs)) {
			d := g.Docs[lang]
			e := doc{Group: g.Key, Lang: lang, Kind: g.Kind, Reviewed: d.Meta.Reviewed}
			if d.Parsed != nil && d.Parsed.Flow != nil {
				for _, n := range d.Parsed.Flow.Nodes {
					e.Steps = append(e.Steps, n.ID)
				}
			}
			out = append(out, e)
		}
	}
	var sections []string
	for dir := range r.site.Sections {
		sections = append(sections, dir)
		if r.site.Lookup(path.Join(dir, "_index")) != nil {
			sections = append(sections, dir+"/_index")
		}
	}
	slices.Sort(sections)
	return struct {
		Docs     []doc
		Sections []string
	}{out, sections}
}

func groupKeys(gs []*site.Group) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Key
	}
	return out
}

// docByLabel returns the document read from the file labelled label.
func (r *Renderer) docByLabel(label string) *site.Doc {
	r.indexOnce.Do(r.index)
	return r.byLabel[label]
}

// groupByKey returns the document (with its translations) keyed key.
func (r *Renderer) groupByKey(key string) *site.Group {
	r.indexOnce.Do(r.index)
	return r.byKey[key]
}

func (r *Renderer) index() {
	r.byLabel, r.byKey = map[string]*site.Doc{}, map[string]*site.Group{}
	for _, g := range r.site.Groups {
		r.byKey[g.Key] = g
		for _, d := range g.Docs {
			r.byLabel[d.Label] = d
		}
	}
}
