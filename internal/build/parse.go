package build

import (
	"path"
	"strings"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/i18n"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/sitefs"
)

// loadCatalog reads the UI strings of every layer. They are needed before
// parsing: they say how each language writes and recognises citations.
func loadCatalog(fsys *sitefs.FS, cfg *config.Config, diags *diag.List) *i18n.Catalog {
	files, err := fsys.Walk(i18n.Dir)
	if err != nil {
		diags.Errorf(i18n.Dir, 0, 0, "cannot read UI strings: %v", err)
	}
	var in []i18n.File
	for _, f := range files {
		if path.Ext(f.Path) != ".toml" {
			continue
		}
		data, layers := fsys.ReadAll(f.Path)
		for i, src := range data {
			in = append(in, i18n.File{Lang: strings.TrimSuffix(path.Base(f.Path), ".toml"), Path: layers[i].Label, Src: src})
		}
	}
	return i18n.Load(in, cfg.DefaultLanguage, cfg.LanguageOrder, diags)
}

// parseOptions prepares, once per language, what parsing a document needs:
// the matcher of article mentions, built from the names each statute's
// version in that language gives its law, and for statutes the language's
// article headings and item labels.
func parseOptions(set *content.Set, cat *i18n.Catalog, diags *diag.List) func(*content.Document) markdown.ParseOptions {
	laws := map[string][]cite.Law{} // by language
	titles := map[string]map[string]string{}
	for _, d := range set.Docs {
		if d.Kind != content.Statute || d.Slug == "_index" {
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
	styles := map[string]i18n.Citation{}
	for lang := range laws {
		c := cat.Citation(lang)
		styles[lang] = c
		m, err := cite.NewMatcher(cite.Mentions{Patterns: c.Mentions, ThisLaw: c.ThisLaw, Numerals: c.Numerals}, laws[lang])
		if err != nil {
			diags.Errorf(c.Path, c.MentionsLine, c.MentionsCol, "the mentions of [citation] cannot be used to find citations in %s text: %v", lang, err)
			continue
		}
		matchers[lang] = m
	}
	return func(d *content.Document) markdown.ParseOptions {
		o := markdown.ParseOptions{Mentions: matchers[d.Lang]}
		if d.Kind != content.Statute || d.Slug == "_index" {
			return o
		}
		c, ok := styles[d.Lang]
		if !ok {
			c = cat.Citation(d.Lang)
		}
		o.Self = d.Slug
		o.Statute = &markdown.Statute{
			Law:       d.Slug,
			Title:     titles[d.Lang][d.Slug],
			Heading:   c.Heading,
			ItemLabel: c.ItemLabel,
			Numerals:  c.Numerals,
			Style:     c.Style(),
			LinkTitle: func(citation string) string { return cat.T(d.Lang, "link_to", "citation", citation) },
		}
		return o
	}
}
