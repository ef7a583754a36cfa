package i18n

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/lexsite/lexsite/internal/cite"
)

// citationKey names the table of how a language writes and recognises legal
// citations; like [date], it is data for the generator, not a UI string.
const citationKey = "citation"

// Citation returns lang's citation conventions, each field from the first
// language in the chain that sets it.
func (c *Catalog) Citation(lang string) cite.Conventions {
	var out cite.Conventions
	if c == nil {
		return out
	}
	for _, l := range c.chain(lang) {
		ls := c.langs[l]
		if l == "" || ls == nil || ls.citation == nil {
			continue
		}
		out.Inherit(*ls.citation)
	}
	return out.WithDefaults()
}

// mergeCitation fills what hi lacks from lo, field by field.
func mergeCitation(hi, lo *cite.Conventions) *cite.Conventions {
	if hi == nil {
		return lo
	}
	if lo == nil {
		return hi
	}
	out := *hi
	out.Inherit(*lo)
	return &out
}

// citation reads a [citation] table and keeps what is usable. Package cite
// says what each key takes; this checks the values against it and points
// at the place in the file of what does not fit.
func (p *fileParser) citation(table map[string]any) {
	ct := &cite.Conventions{}
	for _, k := range slices.Sorted(maps.Keys(table)) {
		kl, kc := p.loc.Key(citationKey, k)
		f, known := cite.FieldOf(k)
		if !known {
			p.errorf(kl, kc, "unknown key %q in [citation]; it takes %s", k, cite.ConventionKeys)
			continue
		}
		switch {
		case f.List:
			list, isList := table[k].([]any)
			var strs []string
			for _, v := range list {
				if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
					strs = append(strs, s)
				}
			}
			if !isList || len(strs) != len(list) {
				p.errorf(kl, kc, "%s in [citation] must be a list of strings, such as %s", k, f.Example)
				continue
			}
			ok := true
			for _, s := range strs {
				if f.Placeholders == nil {
					break
				}
				m, good := p.message(s, citationKey, k)
				if !good || !p.placeholders(m, s, f.Placeholders, f.Required, k) {
					ok = false
				}
			}
			if ok {
				ct.Set(k, "", strs, p.ls.path, kl, kc)
			}
		case f.Values != nil:
			s, _ := table[k].(string)
			if !slices.Contains(f.Values, s) {
				p.errorf(kl, kc, "%s in [citation] is %s", k, quoteOr(f.Values))
				continue
			}
			ct.Set(k, s, nil, "", 0, 0)
		default:
			s, isString := table[k].(string)
			if !isString {
				p.errorf(kl, kc, "%s in [citation] must be a string", k)
				continue
			}
			m, good := p.message(s, citationKey, k)
			if !good || !p.placeholders(m, s, f.Placeholders, f.Required, k) {
				continue
			}
			ct.Set(k, s, nil, "", 0, 0)
		}
	}
	p.ls.citation = ct
}

// quoteOr writes values as a choice: "arabic" or "chinese".
func quoteOr(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
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
