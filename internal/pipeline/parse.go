package pipeline

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/i18n"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/sitefs"
	"github.com/lexsite/lexsite/internal/statute"
	"github.com/lexsite/lexsite/internal/suggest"
)

// loadCatalog reads the UI strings of every layer. They are needed before
// parsing: they say how each language writes and recognises citations. c,
// when not nil, keeps the catalog for the next run with the same files.
func loadCatalog(fsys *sitefs.FS, cfg *config.Config, diags *diag.List, c *caches) *i18n.Catalog {
	files, err := fsys.Walk(i18n.Dir)
	if err != nil {
		diags.Errorf(i18n.Dir, 0, 0, "cannot read UI strings: %v", err)
	}
	var in []i18n.File
	layers := fsys.Layers()
	for _, f := range files {
		if path.Ext(f.Path) != ".toml" {
			continue
		}
		lang := strings.TrimSuffix(path.Base(f.Path), ".toml")
		if _, ok := cfg.Languages[lang]; !ok && layers[f.Layer].Content && !fsys.Below(f) {
			// A site's strings for a language it does not have: a misspelt
			// code, most often, that leaves the real strings unchanged.
			diags.Warnf(f.Label, 1, 1, "these strings are for %q, which lexsite.toml does not configure, so no page uses them%s", lang, suggest.Hint(lang, cfg.LanguageOrder))
		}
		data, layers := fsys.ReadAll(f.Path)
		for i, src := range data {
			in = append(in, i18n.File{Lang: strings.TrimSuffix(path.Base(f.Path), ".toml"), Path: layers[i].Label, Src: src})
		}
	}
	if c == nil {
		return i18n.Load(in, cfg.DefaultLanguage, cfg.LanguageOrder, diags)
	}
	// The languages are part of the key: missing strings are per language.
	key := i18n.File{Lang: cfg.DefaultLanguage + "|" + strings.Join(cfg.LanguageOrder, ",")}
	in = append(in, key)
	if c.catalog == nil || !slices.EqualFunc(in, c.catalogSrc, func(a, b i18n.File) bool {
		return a.Lang == b.Lang && a.Path == b.Path && bytes.Equal(a.Src, b.Src)
	}) {
		own := &diag.List{}
		c.catalog = i18n.Load(in[:len(in)-1], cfg.DefaultLanguage, cfg.LanguageOrder, own)
		c.catalogSrc, c.catalogDiags = in, own.Items()
	}
	for _, d := range c.catalogDiags {
		diags.Add(d)
	}
	return c.catalog
}

// parseOptions prepares, once per language, what parsing a document needs:
// the matcher of article mentions, built from the names each statute's
// version in that language gives its law, and for statutes the language's
// article headings and item labels.
func parseOptions(set *content.Set, cat *i18n.Catalog, diags *diag.List, c *caches) func(*content.Document) markdown.ParseOptions {
	laws := map[string][]cite.Law{} // by language
	titles := map[string]map[string]string{}
	for _, d := range set.Docs {
		if d.Kind != content.Statute {
			continue
		}
		names := append([]string(nil), d.Meta.Names...)
		if d.Meta.ShortTitle != "" {
			names = append(names, d.Meta.ShortTitle)
		}
		laws[d.Lang] = append(laws[d.Lang], cite.Law{Key: d.Slug, Names: names})
		if titles[d.Lang] == nil {
			titles[d.Lang] = map[string]string{}
		}
		title := d.Meta.ShortTitle
		if title == "" {
			title = d.Meta.Title
		}
		titles[d.Lang][d.Slug] = title
	}
	matchers := map[string]*cite.Matcher{}
	styles := map[string]cite.Conventions{}
	kept := map[string]*cite.Matcher{} // the cache after this run: the matchers in use
	for lang := range laws {
		ct := cat.Citation(lang)
		styles[lang] = ct
		m, err := matcher(cite.Mentions{Patterns: ct.Mentions, ThisLaw: ct.ThisLaw, Numerals: ct.Numerals}, laws[lang], c, kept)
		if err != nil {
			diags.Errorf(ct.Path, ct.MentionsLine, ct.MentionsCol, "the mentions of [citation] cannot be used to find citations in %s text: %v", lang, err)
			continue
		}
		matchers[lang] = m
	}
	if c != nil {
		c.matchers = kept
	}
	return func(d *content.Document) markdown.ParseOptions {
		o := markdown.ParseOptions{Mentions: matchers[d.Lang], Flow: d.Kind == content.Flow}
		if d.Kind != content.Statute {
			return o
		}
		ct, ok := styles[d.Lang]
		if !ok {
			ct = cat.Citation(d.Lang)
		}
		o.Self = d.Slug
		o.Statute = &statute.Layout{
			Law:       d.Slug,
			Title:     titles[d.Lang][d.Slug],
			Heading:   ct.Heading,
			ItemLabel: ct.ItemLabel,
			Numerals:  ct.Numerals,
			Style:     ct.Style(),
			LinkTitle: func(citation string) string { return cat.T(d.Lang, "link_to", "citation", citation) },
		}
		return o
	}
}

// matcher returns the matcher of m with laws: from the cache c when it has
// it, else compiled; either way it goes into kept.
func matcher(m cite.Mentions, laws []cite.Law, c *caches, kept map[string]*cite.Matcher) (*cite.Matcher, error) {
	if c == nil {
		return cite.NewMatcher(m, laws)
	}
	key := fmt.Sprintf("%q", []any{m, laws})
	mt, ok := c.matchers[key]
	if !ok {
		var err error
		if mt, err = cite.NewMatcher(m, laws); err != nil {
			return nil, err
		}
	}
	kept[key] = mt
	return mt, nil
}
