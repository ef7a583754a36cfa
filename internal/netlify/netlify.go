// Package netlify owns the part of a site's netlify.toml that decides what a
// reader gets at a path: the [[headers]] and [[redirects]] rules, read with
// the positions diagnostics need and matched against requests the way
// Netlify matches them. The preview serves through these rules, so a rule
// that would misroute readers in production misroutes them in the preview
// first.
package netlify

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/tomlpos"
)

// File is the name of the deploy configuration in the site folder.
const File = "netlify.toml"

// Rules are the headers and redirects of a site's netlify.toml. The zero
// value, and a nil *Rules, are a site without one.
type Rules struct {
	present   bool // the site has a netlify.toml
	headers   []headerRule
	redirects []Redirect
}

type headerRule struct {
	pattern *pathPattern
	values  http.Header
}

// Redirect is one [[redirects]] rule. Its exported fields are as written
// in netlify.toml, Status with Netlify's default filled in; a server reads
// them to carry the rule out and to name it in messages.
type Redirect struct {
	Line   int // of its [[redirects]] header; 1 for an inline array
	From   string
	To     string
	Status int
	Force  bool
	// Query lists the query parameters the request must have; a value
	// starting with ":" captures the parameter for To.
	Query     map[string]string
	languages []string // Language condition; empty: any
	// unsupported names a condition the preview cannot evaluate (Country,
	// Role, Cookie): such a rule never matches here.
	unsupported string
	pattern     *pathPattern
}

// netlifyConfig is the part of netlify.toml the preview reads; the rest
// ([build], [context]...) is Netlify's business.
type netlifyConfig struct {
	Headers []struct {
		For    string         `toml:"for"`
		Values map[string]any `toml:"values"`
	} `toml:"headers"`
	Redirects []struct {
		From       string            `toml:"from"`
		To         string            `toml:"to"`
		Status     int               `toml:"status"`
		Force      bool              `toml:"force"`
		Query      map[string]string `toml:"query"`
		Conditions map[string]any    `toml:"conditions"`
	} `toml:"redirects"`
}

// Parse reads a netlify.toml. Problems are diagnostics placed in the file;
// a rule that cannot be used is left out and the others kept. The rules
// are nil only when the file is not valid TOML.
func Parse(src []byte) (*Rules, []diag.Diagnostic) {
	diags := &diag.List{}
	r := &Rules{present: true}
	var cfg netlifyConfig
	keys, problems := tomlpos.Decode(src, &cfg, false)
	if len(problems) > 0 {
		for _, p := range problems {
			diags.Errorf(File, p.Line, p.Col, "%s", p.Msg)
		}
		return nil, diags.Items()
	}
	// Each rule is placed at its [[headers]] or [[redirects]], so a problem
	// with the third redirect points at the third; rules written as an
	// inline array are placed on line 1.
	headerLines := keys.ArrayTables("headers")
	for i, h := range cfg.Headers {
		line := at(headerLines, i)
		p, err := compilePattern(h.For)
		if err != nil {
			diags.Errorf(File, line, 1, "[[headers]] for = %q: %v", h.For, err)
			continue
		}
		values := http.Header{}
		for name, v := range h.Values {
			value, ok := headerValue(v)
			if !ok {
				diags.Errorf(File, line, 1, "[[headers]] for = %q: the value of %s must be a string or a list of strings", h.For, name)
				continue
			}
			values.Add(name, value)
		}
		r.headers = append(r.headers, headerRule{pattern: p, values: values})
	}
	redirectLines := keys.ArrayTables("redirects")
	for i, rd := range cfg.Redirects {
		line := at(redirectLines, i)
		rule := Redirect{Line: line, From: rd.From, To: rd.To, Status: rd.Status, Force: rd.Force, Query: rd.Query}
		if rule.Status == 0 {
			rule.Status = http.StatusMovedPermanently // Netlify's default
		}
		if rd.From == "" || rd.To == "" {
			diags.Errorf(File, line, 1, "[[redirects]] needs both from and to")
			continue
		}
		if rule.Status < 200 || rule.Status > 599 {
			diags.Errorf(File, line, 1, "[[redirects]] from = %q: status %d is not an HTTP status", rd.From, rd.Status)
			continue
		}
		p, err := compilePattern(rd.From)
		if err != nil {
			diags.Errorf(File, line, 1, "[[redirects]] from = %q: %v", rd.From, err)
			continue
		}
		rule.pattern = p
		for _, name := range sortedKeys(rd.Conditions) {
			values, ok := stringList(rd.Conditions[name])
			if !ok {
				diags.Errorf(File, line, 1, "[[redirects]] from = %q: condition %s must be a string or a list of strings", rd.From, name)
				continue
			}
			if strings.EqualFold(name, "Language") {
				rule.languages = values
				continue
			}
			rule.unsupported = name
			diags.Warnf(File, line, 1, "[[redirects]] from = %q: the preview cannot tell a reader's %s, so this rule never applies in lexsite serve", rd.From, name)
		}
		r.redirects = append(r.redirects, rule)
	}
	return r, diags.Items()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func at(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 1
}

// headerValue folds a header value the way Netlify does: the lines of a
// multi-line string are joined with spaces, list items with ", ".
func headerValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		var parts []string
		for _, l := range strings.Split(v, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				parts = append(parts, l)
			}
		}
		return strings.Join(parts, " "), true
	case []any:
		list, ok := stringList(v)
		return strings.Join(list, ", "), ok
	}
	return "", false
}

// stringList accepts "x" or ["x", "y"], as Netlify does for conditions.
func stringList(v any) ([]string, bool) {
	switch v := v.(type) {
	case string:
		return []string{v}, true
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// pathPattern is a Netlify path: literal text, ":name" placeholders that
// match one path segment, and "*" that matches anything (a final "/*" also
// matches the folder itself). A trailing slash is not significant, as on
// Netlify.
type pathPattern struct {
	re    *regexp.Regexp
	names []string // capture names; "splat" for *
}

func compilePattern(p string) (*pathPattern, error) {
	if !strings.HasPrefix(p, "/") {
		if strings.Contains(p, "://") {
			return nil, fmt.Errorf("rules for other domains do not apply to the preview")
		}
		return nil, fmt.Errorf("the path must start with /")
	}
	p = trimSlash(p)
	p, folder := strings.CutSuffix(p, "/*")
	var b strings.Builder
	b.WriteString("^")
	pp := &pathPattern{}
	for i := 0; i < len(p); {
		switch {
		case p[i] == '*':
			b.WriteString("(.*)")
			pp.names = append(pp.names, "splat")
			i++
		case p[i] == ':' && (i == 0 || p[i-1] == '/') && i+1 < len(p) && isNameByte(p[i+1]):
			j := i + 1
			for j < len(p) && isNameByte(p[j]) {
				j++
			}
			b.WriteString("([^/]+)")
			pp.names = append(pp.names, p[i+1:j])
			i = j
		default:
			j := i + 1
			for j < len(p) && p[j] != '*' && p[j] != ':' {
				j++
			}
			b.WriteString(regexp.QuoteMeta(p[i:j]))
			i = j
		}
	}
	if folder {
		// "/es/*" matches /es itself too, as on Netlify.
		b.WriteString("(?:/(.*))?")
		pp.names = append(pp.names, "splat")
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, err
	}
	pp.re = re
	return pp, nil
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// trimSlash drops a trailing slash, except from "/".
func trimSlash(p string) string {
	if len(p) > 1 {
		return strings.TrimSuffix(p, "/")
	}
	return p
}

// match matches a request path, returning the captured values by name. A
// splat keeps the path's trailing slash ("/old/*" on "/old/a/" gives
// "a/"); otherwise the slash is not significant.
func (p *pathPattern) match(urlPath string) (map[string]string, bool) {
	m := p.re.FindStringSubmatch(urlPath)
	if m == nil {
		m = p.re.FindStringSubmatch(trimSlash(urlPath))
	}
	if m == nil {
		return nil, false
	}
	params := map[string]string{}
	for i, name := range p.names {
		if _, set := params[name]; !set {
			params[name] = m[i+1]
		}
	}
	return params, true
}

// Present reports whether the site has a netlify.toml. Without one, a
// server may choose a 404 page by language folder; with one, its rules
// have decided already, as on Netlify.
func (r *Rules) Present() bool { return r != nil && r.present }

// HeadersFor returns the headers every matching [[headers]] rule sets for a
// path; a header set by several rules gets their values joined with ", ".
func (r *Rules) HeadersFor(urlPath string) http.Header {
	out := http.Header{}
	if r == nil {
		return out
	}
	for _, h := range r.headers {
		if _, ok := h.pattern.match(urlPath); !ok {
			continue
		}
		for name, vs := range h.values {
			for _, v := range vs {
				if old := out.Get(name); old != "" {
					out.Set(name, old+", "+v)
				} else {
					out.Set(name, v)
				}
			}
		}
	}
	return out
}

// Match is a rule that applies to a request, with its target.
type Match struct {
	Rule   *Redirect
	Target string // Rule.To with its placeholders filled in
}

// RedirectFor returns the first rule that applies to the request. exists
// says whether a file is served at the path: like Netlify, a rule without
// force does not shadow an existing file.
func (r *Rules) RedirectFor(req *http.Request, exists bool) (Match, bool) {
	if r == nil {
		return Match{}, false
	}
	for i := range r.redirects {
		rule := &r.redirects[i]
		if exists && !rule.Force || rule.unsupported != "" {
			continue
		}
		params, ok := rule.pattern.match(req.URL.Path)
		if !ok || !rule.queryMatches(req.URL.Query(), params) || !rule.languageMatches(req) {
			continue
		}
		return Match{Rule: rule, Target: fill(rule.To, params)}, true
	}
	return Match{}, false
}

func (rule *Redirect) queryMatches(q url.Values, params map[string]string) bool {
	for name, want := range rule.Query {
		if !q.Has(name) {
			return false
		}
		if strings.HasPrefix(want, ":") {
			params[want[1:]] = q.Get(name)
		} else if q.Get(name) != want {
			return false
		}
	}
	return true
}

// languageMatches applies a Language condition to the reader's first choice
// of language: the nf_lang cookie when set (Netlify's override for a
// language switcher), else the most preferred language of Accept-Language.
// "es" matches "es-MX"; "es-MX" matches only itself.
func (rule *Redirect) languageMatches(req *http.Request) bool {
	if len(rule.languages) == 0 {
		return true
	}
	lang := ""
	if c, err := req.Cookie("nf_lang"); err == nil {
		lang = c.Value
	} else {
		lang = preferredLanguage(req.Header.Get("Accept-Language"))
	}
	if lang == "" {
		return false
	}
	for _, want := range rule.languages {
		if strings.EqualFold(lang, want) || len(lang) > len(want) && strings.EqualFold(lang[:len(want)], want) && lang[len(want)] == '-' {
			return true
		}
	}
	return false
}

// preferredLanguage returns the language of Accept-Language with the highest
// weight (the first of equals), ignoring "*".
func preferredLanguage(header string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.TrimSpace(tag)
		if tag == "" || tag == "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		if q > bestQ {
			best, bestQ = tag, q
		}
	}
	return best
}

// fill replaces :name placeholders (and :splat) in a target.
func fill(to string, params map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(to); {
		if to[i] == ':' && i+1 < len(to) && isNameByte(to[i+1]) && (i == 0 || !isNameByte(to[i-1])) {
			j := i + 1
			for j < len(to) && isNameByte(to[j]) {
				j++
			}
			if v, ok := params[to[i+1:j]]; ok {
				b.WriteString(v)
				i = j
				continue
			}
		}
		b.WriteByte(to[i])
		i++
	}
	return b.String()
}
