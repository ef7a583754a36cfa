package i18n

import (
	"maps"
	"slices"
	"strings"

	"github.com/lexsite/lexsite/internal/cite"
)

// citationKey names the table of how a language writes and recognises legal
// citations; like [date], it is data for the generator, not a UI string.
const citationKey = "citation"

// Citation is a language's [citation] table. Each field falls back on its
// own along the lookup chain, so a site can change how Spanish writes an
// item citation without copying the whole table.
type Citation struct {
	// Law, Article, Paragraph and Item write a citation's link text; they
	// take {law} (the law's short title), {article}, {paragraph} and {item}.
	Law, Article, Paragraph, Item string
	// Numerals is "arabic" or "chinese": how the numbers above are written
	// and which grammar mentions in prose follow.
	Numerals string
	// Heading is how an article heading begins in a statute, with
	// {number}: "Article {number}", "第{number}条".
	Heading string
	// ItemLabel labels an item (项) of a paragraph: "({number})", "（{number}）".
	ItemLabel string
	// Mentions are the shapes in which prose mentions an article, with
	// {article} and {law}: "Article {article} of the {law}".
	Mentions []string
	// ThisLaw are the names a statute uses for itself: "this Law", "本法".
	ThisLaw []string
	// Path is the strings file the Mentions came from, and MentionsLine and
	// MentionsCol where, so a pattern the matcher cannot use is reported
	// where it is written.
	Path                      string
	MentionsLine, MentionsCol int
}

// Style is how the language writes citations' link text.
func (c Citation) Style() cite.Style {
	return cite.Style{Law: c.Law, Article: c.Article, Paragraph: c.Paragraph, Item: c.Item, Numerals: c.Numerals}
}

// citationKeys lists the keys of [citation].
const citationKeys = "article, heading, item, item_label, law, mentions, numerals, paragraph, this_law"

// citationField reports whether key belongs in [citation] and the
// placeholders its strings may use.
func citationField(key string) (placeholders []string, known bool) {
	switch key {
	case "law":
		return []string{"law"}, true
	case "article":
		return []string{"law", "article"}, true
	case "paragraph":
		return []string{"law", "article", "paragraph"}, true
	case "item":
		return []string{"law", "article", "paragraph", "item"}, true
	case "heading", "item_label":
		return []string{"number"}, true
	case "mentions":
		return []string{"law", "article"}, true
	case "numerals", "this_law":
		return nil, true
	}
	return nil, false
}

// Citation returns lang's citation conventions, each field from the first
// language in the chain that sets it.
func (c *Catalog) Citation(lang string) Citation {
	var out Citation
	if c == nil {
		return out
	}
	for _, l := range c.chain(lang) {
		ls := c.langs[l]
		if l == "" || ls == nil || ls.citation == nil {
			continue
		}
		in := ls.citation
		fill := func(dst *string, src string) {
			if *dst == "" {
				*dst = src
			}
		}
		fill(&out.Law, in.Law)
		fill(&out.Article, in.Article)
		fill(&out.Paragraph, in.Paragraph)
		fill(&out.Item, in.Item)
		fill(&out.Numerals, in.Numerals)
		fill(&out.Heading, in.Heading)
		fill(&out.ItemLabel, in.ItemLabel)
		if out.Mentions == nil && in.Mentions != nil {
			out.Mentions, out.Path, out.MentionsLine, out.MentionsCol = in.Mentions, in.Path, in.MentionsLine, in.MentionsCol
		}
		if out.ThisLaw == nil {
			out.ThisLaw = in.ThisLaw
		}
	}
	if out.Numerals == "" {
		out.Numerals = "arabic"
	}
	return out
}

// mergeCitation fills what hi lacks from lo, field by field.
func mergeCitation(hi, lo *Citation) *Citation {
	if hi == nil {
		return lo
	}
	if lo == nil {
		return hi
	}
	out := *hi
	for _, f := range []struct{ dst, src *string }{
		{&out.Law, &lo.Law}, {&out.Article, &lo.Article}, {&out.Paragraph, &lo.Paragraph}, {&out.Item, &lo.Item},
		{&out.Numerals, &lo.Numerals}, {&out.Heading, &lo.Heading}, {&out.ItemLabel, &lo.ItemLabel},
	} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	if out.Mentions == nil {
		out.Mentions, out.Path, out.MentionsLine, out.MentionsCol = lo.Mentions, lo.Path, lo.MentionsLine, lo.MentionsCol
	}
	if out.ThisLaw == nil {
		out.ThisLaw = lo.ThisLaw
	}
	return &out
}

// citation checks a [citation] table and keeps what is usable.
func (p *fileParser) citation(table map[string]any) {
	ct := &Citation{Path: p.ls.path}
	for _, k := range slices.Sorted(maps.Keys(table)) {
		kl, kc := p.loc.Key(citationKey, k)
		allowed, known := citationField(k)
		if !known {
			p.errorf(kl, kc, "unknown key %q in [citation]; it takes %s", k, citationKeys)
			continue
		}
		switch k {
		case "mentions", "this_law":
			list, isList := table[k].([]any)
			var strs []string
			for _, v := range list {
				if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
					strs = append(strs, s)
				}
			}
			if !isList || len(strs) != len(list) {
				p.errorf(kl, kc, "%s in [citation] must be a list of strings, such as %s", k, map[string]string{
					"mentions": `["Article {article} of the {law}"]`, "this_law": `["this Law"]`}[k])
				continue
			}
			if k == "mentions" {
				ok := true
				for _, s := range strs {
					m, good := p.message(s, citationKey, k)
					if !good || !p.placeholders(m, s, allowed, []string{"law", "article"}, k) {
						ok = false
					}
				}
				if ok {
					ct.Mentions, ct.MentionsLine, ct.MentionsCol = strs, kl, kc
				}
				continue
			}
			ct.ThisLaw = strs
		case "numerals":
			s, _ := table[k].(string)
			if s != "arabic" && s != "chinese" {
				p.errorf(kl, kc, "numerals in [citation] is \"arabic\" or \"chinese\"")
				continue
			}
			ct.Numerals = s
		default:
			s, isString := table[k].(string)
			if !isString {
				p.errorf(kl, kc, "%s in [citation] must be a string", k)
				continue
			}
			m, good := p.message(s, citationKey, k)
			if !good {
				continue
			}
			var need []string
			if k == "heading" || k == "item_label" {
				need = []string{"number"}
			}
			if !p.placeholders(m, s, allowed, need, k) {
				continue
			}
			switch k {
			case "law":
				ct.Law = s
			case "article":
				ct.Article = s
			case "paragraph":
				ct.Paragraph = s
			case "item":
				ct.Item = s
			case "heading":
				ct.Heading = s
			case "item_label":
				ct.ItemLabel = s
			}
		}
	}
	p.ls.citation = ct
}

// placeholders reports placeholders of m outside allowed, and required ones
// m lacks, at their place in the file.
func (p *fileParser) placeholders(m message, s string, allowed, required []string, key string) bool {
	ok := true
	has := map[string]bool{}
	for _, seg := range m {
		if !seg.Name {
			continue
		}
		has[seg.Text] = true
		if !slices.Contains(allowed, seg.Text) {
			line, col := p.loc.Value(s, seg.Offset, citationKey, key)
			p.errorf(line, col, "{%s} is not a placeholder of %s in [citation]: use %s", seg.Text, key, braces(allowed))
			ok = false
		}
	}
	for _, r := range required {
		if !has[r] {
			line, col := p.loc.Key(citationKey, key)
			p.errorf(line, col, "%s in [citation] needs {%s}: %q", key, r, s)
			ok = false
		}
	}
	return ok
}

func braces(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + n + "}"
	}
	return strings.Join(out, ", ")
}
