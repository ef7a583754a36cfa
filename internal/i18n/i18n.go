// Package i18n owns the UI strings of the site templates — the words around
// the content, such as "Skip to main content", "3 guides" or a date — in every
// configured language, and the order in which lists are sorted for readers of
// each language.
//
// A missing translation must never stop a site from being published: a page
// in Spanish with one English button is better than no page. So every lookup
// falls back (the page's language, then the site's default language, then
// English, then the key itself in brackets), and every gap is reported as a
// warning a translator can act on, with the file and line to fix.
package i18n

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/placeholder"
	"github.com/lexsite/lexsite/internal/tomlpos"
)

// Dir is where a site keeps its strings files, one <lang>.toml per language.
const Dir = "templates/i18n"

// dateKey names the table of date formatting data; it is not a UI string, so
// no string may be called that.
const dateKey = "date"

// fallbackLang is the last language tried before the key itself: the
// built-in templates are written in English, so an English file is the one
// most likely to define every key.
const fallbackLang = "en"

// File is one strings file: its language, its path relative to the site (for
// diagnostics), and its bytes.
type File struct {
	Lang, Path string
	Src        []byte
}

// Catalog holds every language's strings. Safe for concurrent reads after
// Load: nothing in it changes once Load returns, so templates rendering pages
// in parallel share one Catalog without locks.
type Catalog struct {
	defaultLang string                  // normalised
	langs       map[string]*langStrings // by normalised language code
	keys        map[string]bool         // every key some file writes, valid or not
}

// langStrings is what one file gives one language.
type langStrings struct {
	lang    string // as the file was given, for messages
	path    string
	tag     language.Tag
	broken  bool              // not valid TOML: nothing in it is usable
	entries map[string]*entry // the usable strings
	// invalid holds keys that are written but unusable. They are already
	// reported as errors, so they do not also count as missing.
	invalid     map[string]bool
	date        *dateFormat
	dateInvalid bool
	citation    *cite.Conventions
}

// merge adds what lower has and ls lacks.
func (ls *langStrings) merge(lower *langStrings) {
	for key, e := range lower.entries {
		if _, ok := ls.entries[key]; !ok && !ls.invalid[key] {
			ls.entries[key] = e
		}
	}
	if ls.date == nil && !ls.dateInvalid {
		ls.date = lower.date
	}
	ls.citation = mergeCitation(ls.citation, lower.citation)
}

// entry is one string in one language.
type entry struct {
	plural bool
	forms  map[plural.Form]message // a plain string is stored as plural.Other
	tag    language.Tag            // whose plural rules choose among forms
	line   int
	col    int
}

// dateFormat is a language's [date] table.
type dateFormat struct {
	format message
	months []string // 12 names, or nil when format needs none
}

// message is a string split at its {name} placeholders once, at load time,
// so rendering a page does no parsing.
type message []placeholder.Segment

// Load parses the files. defaultLang is the site's default language; langs is
// the configured languages in order.
//
// Every problem goes to diags with its position. Errors: invalid TOML, a
// value that is neither a string nor a table of plural forms, a plural table
// without "other" or with an unknown category, a malformed placeholder, and a
// malformed [date] table. Warnings: for each configured language, each key
// that another language defines but it lacks (and the language it falls back
// to), a language with no file at all, placeholders a translation uses that
// the reference language's string does not, and plural forms that the
// language's plural rules need but the table lacks, or never use.
//
// Load never fails: whatever is usable is kept, so one bad file still lets the
// build report every other problem in the same run. diags may be nil.
func Load(files []File, defaultLang string, langs []string, diags *diag.List) *Catalog {
	if diags == nil {
		diags = &diag.List{}
	}
	c := &Catalog{
		defaultLang: norm(defaultLang),
		langs:       map[string]*langStrings{},
		keys:        map[string]bool{},
	}
	for _, f := range files {
		k := norm(f.Lang)
		ls := parseFile(f, diags)
		if prev, ok := c.langs[k]; ok {
			// Files come highest layer first: a site's file adds to and
			// overrides its base's and the carried one key by key, so a
			// site can change one string without copying all of them.
			prev.merge(ls)
			for key := range ls.entries {
				c.keys[key] = true
			}
			continue
		}
		c.langs[k] = ls
		for key := range ls.entries {
			c.keys[key] = true
		}
		for key := range ls.invalid {
			c.keys[key] = true
		}
	}
	c.checkPlaceholders(diags)
	c.checkMissing(langs, defaultLang, diags)
	return c
}

// Defined reports whether any language defines key (templates that use an
// undefined key are an error elsewhere).
func (c *Catalog) Defined(key string) bool {
	return c != nil && c.keys[key]
}

// T returns the string for key in lang, falling back to the default language,
// then "en", then the key itself in brackets, "[key]", so a gap is visible on
// the page rather than blank. args are name/value pairs substituted into
// {name} placeholders: T("es", "not_translated", "language", "English").
// A placeholder without a value is left as written. For a plural string T
// uses its "other" form.
func (c *Catalog) T(lang, key string, args ...any) string {
	e := c.lookup(lang, key)
	if e == nil {
		return "[" + key + "]"
	}
	return e.forms[plural.Other].render(args, "", false)
}

// N returns the plural string for count n in lang, choosing the form with the
// plural rules of the language the string is found in (which, after a
// fallback, is not lang). {count} is replaced by n; other args are as in T. A
// form the table lacks is replaced by "other", and a plain string is used as
// is for every n. The fallback chain is the same as T's.
func (c *Catalog) N(lang, key string, n int, args ...any) string {
	e := c.lookup(lang, key)
	count := strconv.Itoa(n)
	if e == nil {
		return "[" + key + "]"
	}
	m := e.forms[plural.Other]
	if e.plural {
		if f, ok := e.forms[pluralForm(e.tag, n)]; ok {
			m = f
		}
	}
	return m.render(args, count, true)
}

// Date formats the date of t (in t's location) per the language's [date]
// table, with the same fallback chain as T; placeholders are {year},
// {month} (the month's name), {monthnum} and {day}, none zero-padded. With no
// [date] table in the chain the date is ISO 8601, "2006-01-02", which every
// reader can decode.
func (c *Catalog) Date(lang string, t time.Time) string {
	var d *dateFormat
	if c != nil {
		for _, l := range c.chain(lang) {
			if ls := c.langs[l]; l != "" && ls != nil && ls.date != nil {
				d = ls.date
				break
			}
		}
	}
	if d == nil {
		return t.Format("2006-01-02")
	}
	year, month, day := t.Date()
	var b strings.Builder
	for _, s := range d.format {
		if !s.Name {
			b.WriteString(s.Text)
			continue
		}
		switch s.Text {
		case "year":
			b.WriteString(strconv.Itoa(year))
		case "month":
			b.WriteString(d.months[month-1])
		case "monthnum":
			b.WriteString(strconv.Itoa(int(month)))
		case "day":
			b.WriteString(strconv.Itoa(day))
		}
	}
	return b.String()
}

// chain returns the normalised languages a lookup in lang tries, in order;
// a repeat is "" and is skipped by every caller. It is an array, returned by
// value, so that lookups, done many times per page, do not allocate.
func (c *Catalog) chain(lang string) [3]string {
	ch := [3]string{norm(lang), c.defaultLang, fallbackLang}
	for i := 1; i < len(ch); i++ {
		if slices.Contains(ch[:i], ch[i]) {
			ch[i] = ""
		}
	}
	return ch
}

// UILang returns the language whose strings a page in lang shows: lang
// itself when the catalog has strings for it, else the first language of
// its fallback chain that has. A sentence that names a language names it in
// this one, so a page falling back to English strings says "German", not
// "Deutsch", in the middle of an English sentence.
func (c *Catalog) UILang(lang string) string {
	if c == nil {
		return lang
	}
	for _, l := range c.chain(lang) {
		if l != "" && c.langs[l] != nil {
			return l
		}
	}
	return lang
}

func (c *Catalog) lookup(lang, key string) *entry {
	if c == nil {
		return nil
	}
	for _, l := range c.chain(lang) {
		if ls := c.langs[l]; l != "" && ls != nil {
			if e := ls.entries[key]; e != nil {
				return e
			}
		}
	}
	return nil
}

// has reports whether ls writes key, usable or not.
func (ls *langStrings) has(key string) bool {
	return ls.entries[key] != nil || ls.invalid[key]
}

// checkMissing warns, for each configured language, about each key another
// language defines and this one lacks, because that is a string its readers
// will see in another language.
func (c *Catalog) checkMissing(configured []string, defaultLang string, diags *diag.List) {
	order := append(slices.Clone(configured), defaultLang)
	keys := make([]string, 0, len(c.keys))
	for k := range c.keys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	anyDate := false
	for _, ls := range c.langs {
		anyDate = anyDate || ls.date != nil || ls.dateInvalid
	}
	seen := map[string]bool{}
	for _, lang := range order {
		k := norm(lang)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		ls := c.langs[k]
		if ls == nil {
			p := path.Join(Dir, lang+".toml")
			if fb := c.fallbackFile(k); fb != "" {
				diags.Warnf(p, 1, 1, "there is no strings file for %s; every string falls back to %s", lang, fb)
			} else {
				diags.Warnf(p, 1, 1, "there is no strings file for %s; pages show each string's key in brackets, such as \"[home]\"", lang)
			}
			continue
		}
		if ls.broken {
			continue // the file's error says it all
		}
		for _, key := range keys {
			if ls.has(key) {
				continue
			}
			if fb := c.fallbackFor(k, key); fb != "" {
				diags.Warnf(ls.path, 1, 1, "string %q is missing in %s; falling back to %s", key, lang, fb)
			} else {
				diags.Warnf(ls.path, 1, 1, "string %q is missing in %s; \"[%s]\" is shown instead", key, lang, key)
			}
		}
		if anyDate && ls.date == nil && !ls.dateInvalid {
			fb := ""
			ch := c.chain(k)
			for _, l := range ch[1:] {
				if o := c.langs[l]; l != "" && o != nil && o.date != nil {
					fb = o.lang
					break
				}
			}
			if fb != "" {
				diags.Warnf(ls.path, 1, 1, "there is no [date] table in %s; dates are written as in %s", lang, fb)
			} else {
				diags.Warnf(ls.path, 1, 1, "there is no [date] table in %s; dates are written as 2006-01-02", lang)
			}
		}
	}
}

// fallbackFor returns the language, as written, whose string for key a page
// in lang shows instead, or "".
func (c *Catalog) fallbackFor(lang, key string) string {
	ch := c.chain(lang)
	for _, l := range ch[1:] {
		if ls := c.langs[l]; l != "" && ls != nil && ls.entries[key] != nil {
			return ls.lang
		}
	}
	return ""
}

// fallbackFile returns the first language after lang in its chain that has a
// file, or "".
func (c *Catalog) fallbackFile(lang string) string {
	ch := c.chain(lang)
	for _, l := range ch[1:] {
		if ls := c.langs[l]; l != "" && ls != nil && !ls.broken {
			return ls.lang
		}
	}
	return ""
}

// checkPlaceholders warns when a translation uses a placeholder that the
// reference language's string (the default language's, else English) does
// not have: templates pass the reference's names, so a translated or
// misspelt name ({nombre} for {name}) would show on the page as written.
func (c *Catalog) checkPlaceholders(diags *diag.List) {
	for lk, ls := range c.langs {
		var ref *langStrings
		for _, l := range []string{c.defaultLang, fallbackLang} {
			if o := c.langs[l]; o != nil && l != lk {
				ref = o
				break
			}
		}
		if ref == nil {
			continue
		}
		for key, e := range ls.entries {
			r := ref.entries[key]
			if r == nil {
				continue
			}
			known := r.names()
			if e.plural || r.plural {
				known["count"] = true
			}
			var extra []string
			for name := range e.names() {
				if !known[name] {
					extra = append(extra, "{"+name+"}")
				}
			}
			if len(extra) == 0 {
				continue
			}
			slices.Sort(extra)
			diags.Warnf(ls.path, e.line, e.col, "string %q in %s uses %s, which the %s string does not; check the spelling: templates only fill in the placeholders of %s",
				key, ls.lang, strings.Join(extra, ", "), ref.lang, ref.lang)
		}
	}
}

// names returns the placeholder names used in any form of e.
func (e *entry) names() map[string]bool {
	out := map[string]bool{}
	for _, m := range e.forms {
		for _, s := range m {
			if s.Name {
				out[s.Text] = true
			}
		}
	}
	return out
}

// parseFile decodes one strings file and reports its problems.
func parseFile(f File, diags *diag.List) *langStrings {
	tag, err := language.Parse(f.Lang)
	if err != nil {
		tag = language.Und // root plural rules: every count is "other"
	}
	ls := &langStrings{
		lang:    f.Lang,
		path:    f.Path,
		tag:     tag,
		entries: map[string]*entry{},
		invalid: map[string]bool{},
	}
	// The decoder skips a byte order mark and counts positions after it;
	// so do the positions found here.
	src := bytes.TrimPrefix(f.Src, []byte("\xef\xbb\xbf"))
	var raw map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(f.Src)).Decode(&raw); err != nil {
		line, col, msg := tomlpos.SyntaxError(src, err)
		diags.Errorf(f.Path, line, col, "%s", msg)
		ls.broken = true
		return ls
	}
	p := &fileParser{ls: ls, loc: tomlpos.New(src), diags: diags, forms: reachableForms(tag)}
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		p.entry(key, raw[key])
	}
	return ls
}

// fileParser carries what checking one file's values needs.
type fileParser struct {
	ls    *langStrings
	loc   *tomlpos.Locator
	diags *diag.List
	forms []formUse // the forms the language's plural rules choose for whole numbers
}

func (p *fileParser) errorf(line, col int, format string, args ...any) {
	p.diags.Errorf(p.ls.path, line, col, format, args...)
}

func (p *fileParser) entry(key string, v any) {
	line, col := p.loc.Key(key)
	if key == dateKey {
		if t, ok := v.(map[string]any); ok {
			p.date(t)
		} else {
			p.ls.dateInvalid = true
			p.errorf(line, col, "%q is reserved for the [date] table of date formats, so it cannot be %s; give the string another name", key, kind(v))
		}
		return
	}
	if key == citationKey {
		if t, ok := v.(map[string]any); ok {
			p.citation(t)
		} else {
			p.errorf(line, col, "%q is reserved for the [citation] table of how citations are written, so it cannot be %s; give the string another name", key, kind(v))
		}
		return
	}
	switch v := v.(type) {
	case string:
		m, ok := p.message(v, key)
		if !ok {
			p.ls.invalid[key] = true
			return
		}
		p.ls.entries[key] = &entry{forms: map[plural.Form]message{plural.Other: m}, tag: p.ls.tag, line: line, col: col}
	case map[string]any:
		p.plural(key, v, line, col)
	default:
		p.ls.invalid[key] = true
		p.errorf(line, col, "%q is %s; it must be a string, or a table of plural forms such as [%s] with one = \"…\" and other = \"…\"", key, kind(v), key)
	}
}

// message parses s, the value of key, and reports a syntax error at the
// character it is found at.
func (p *fileParser) message(s string, key ...string) (message, bool) {
	m, err := parseMessage(s)
	if err != nil {
		line, col := p.loc.Value(s, err.Offset, key...)
		p.errorf(line, col, "%s", err.msg)
		return nil, false
	}
	return m, true
}

func (p *fileParser) plural(key string, table map[string]any, line, col int) {
	e := &entry{plural: true, forms: map[plural.Form]message{}, tag: p.ls.tag, line: line, col: col}
	ok := true
	for _, name := range slices.Sorted(maps.Keys(table)) {
		fl, fc := p.loc.Key(key, name)
		form, known := formByName(name)
		if !known {
			p.errorf(fl, fc, "%q in plural string %q is not a plural category: use zero, one, two, few, many or other", name, key)
			ok = false
			continue
		}
		s, isString := table[name].(string)
		if !isString {
			p.errorf(fl, fc, "the %q form of %q is %s; it must be a string", name, key, kind(table[name]))
			ok = false
			continue
		}
		m, good := p.message(s, key, name)
		if !good {
			ok = false
			continue
		}
		e.forms[form] = m
	}
	if _, has := table["other"]; !has {
		p.errorf(line, col, "plural string %q has no \"other\" form; it is required, and used for every count without a form of its own", key)
		ok = false
	}
	if !ok {
		p.ls.invalid[key] = true
		return
	}
	p.ls.entries[key] = e
	for _, u := range p.forms {
		if _, has := e.forms[u.form]; !has && u.form != plural.Other {
			p.diags.Warnf(p.ls.path, line, col, "plural string %q in %s has no %q form, used for counts such as %d; \"other\" is shown instead",
				key, p.ls.lang, formName(u.form), u.example)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(table)) {
		form, _ := formByName(name)
		if form == plural.Other || slices.ContainsFunc(p.forms, func(u formUse) bool { return u.form == form }) {
			continue
		}
		used := make([]string, len(p.forms))
		for i, u := range slices.SortedFunc(slices.Values(p.forms), func(a, b formUse) int { return formOrder(a.form) - formOrder(b.form) }) {
			used[i] = strconv.Quote(formName(u.form))
		}
		fl, fc := p.loc.Key(key, name)
		p.diags.Warnf(p.ls.path, fl, fc, "the %q form of %q is never used: counts in %s take only %s", name, key, p.ls.lang, strings.Join(used, ", "))
	}
}

func (p *fileParser) date(table map[string]any) {
	d := &dateFormat{}
	ok := true
	var format string
	hasFormat := false
	for _, k := range slices.Sorted(maps.Keys(table)) {
		kl, kc := p.loc.Key(dateKey, k)
		switch k {
		case "format":
			s, isString := table[k].(string)
			if !isString {
				p.errorf(kl, kc, "the date format is %s; it must be a string such as \"{month} {day}, {year}\"", kind(table[k]))
				ok = false
				continue
			}
			m, good := p.message(s, dateKey, k)
			if !good {
				ok = false
				continue
			}
			for _, seg := range m {
				if seg.Name && !slices.Contains([]string{"year", "month", "monthnum", "day"}, seg.Text) {
					line, col := p.loc.Value(s, seg.Offset, dateKey, k)
					p.errorf(line, col, "{%s} is not a date placeholder: use {year}, {month}, {monthnum} or {day}", seg.Text)
					ok = false
				}
			}
			d.format, format, hasFormat = m, s, true
		case "months":
			list, isList := table[k].([]any)
			names := make([]string, 0, 12)
			for _, v := range list {
				if s, isString := v.(string); isString {
					names = append(names, s)
				}
			}
			if !isList || len(list) != 12 || len(names) != 12 {
				p.errorf(kl, kc, "months must be a list of the 12 month names, from January to December")
				ok = false
				continue
			}
			d.months = names
		default:
			p.errorf(kl, kc, "unknown key %q in [date]; it takes format and months", k)
			ok = false
		}
	}
	if _, has := table["format"]; !has {
		line, col := p.loc.Key(dateKey)
		p.errorf(line, col, "[date] has no format, such as format = \"{month} {day}, {year}\"")
		ok = false
	}
	if hasFormat && d.months == nil && table["months"] == nil {
		for _, seg := range d.format {
			if seg.Name && seg.Text == "month" {
				line, col := p.loc.Value(format, seg.Offset, dateKey, "format")
				p.errorf(line, col, "the date format uses {month}, but [date] has no months list to name the month")
				ok = false
				break
			}
		}
	}
	if !ok {
		p.ls.dateInvalid = true
		return
	}
	p.ls.date = d
}

// parseMessage splits s at its placeholders (package placeholder); a
// name is letters, digits, "_" and "-", so any text can be written with
// "{{" for a literal "{".
func parseMessage(s string) (message, *messageError) {
	m, err := placeholder.Parse(s)
	if err == nil {
		return m, nil
	}
	if err.Kind == placeholder.Unclosed {
		return nil, &messageError{err.Offset, `"{" is not closed: write {name} for a placeholder, or "{{" for a literal "{"`}
	}
	return nil, &messageError{err.Offset, fmt.Sprintf(`{%s} is not a placeholder: a name is letters, digits and "_"; write "{{" for a literal "{"`, err.Name)}
}

// messageError is a malformed placeholder at a byte offset of a string,
// in the words of UI strings.
type messageError struct {
	Offset int
	msg    string
}

// render writes m with placeholders filled from args (name/value pairs) and,
// when hasCount, {count} from count. A placeholder with no value is written
// as is, so the gap shows on the page instead of vanishing.
func (m message) render(args []any, count string, hasCount bool) string {
	if len(m) == 1 && !m[0].Name {
		return m[0].Text
	}
	var b strings.Builder
	for _, s := range m {
		if !s.Name {
			b.WriteString(s.Text)
			continue
		}
		if hasCount && s.Text == "count" {
			b.WriteString(count)
		} else if v, ok := arg(args, s.Text); ok {
			b.WriteString(v)
		} else {
			b.WriteString("{" + s.Text + "}")
		}
	}
	return b.String()
}

// arg returns the value args gives name; an odd last element has no value
// and is ignored.
func arg(args []any, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if toString(args[i]) == name {
			return toString(args[i+1]), true
		}
	}
	return "", false
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// formUse is a plural form a language uses for whole numbers, with the
// smallest count that takes it, for messages.
type formUse struct {
	form    plural.Form
	example int
}

// reachableForms returns the forms the plural rules of tag choose for whole
// numbers, in order of their first count. x/text does not list a language's
// forms, so they are found by trying counts: CLDR's rules for whole numbers
// look at small values, the last one or two digits, or whole millions (the
// "many" of some languages), and these counts cover all three.
func reachableForms(tag language.Tag) []formUse {
	var out []formUse
	try := func(n int) {
		f := pluralForm(tag, n)
		if !slices.ContainsFunc(out, func(u formUse) bool { return u.form == f }) {
			out = append(out, formUse{f, n})
		}
	}
	for n := range 1000 {
		try(n)
	}
	for n := 1000; n <= 1_000_000_000; n *= 10 {
		try(n)
		try(2 * n)
	}
	return out
}

// pluralForm returns the form of whole number n in tag: an integer has no
// fraction digits, so only i is set; CLDR rules use its absolute value.
func pluralForm(tag language.Tag, n int) plural.Form {
	if n < 0 {
		n = -n
		if n < 0 { // the most negative int
			n = 0
		}
	}
	return plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)
}

// formOrder orders forms the way CLDR lists them, zero to other, which is
// how translators know them.
func formOrder(f plural.Form) int {
	switch f {
	case plural.Zero:
		return 0
	case plural.One:
		return 1
	case plural.Two:
		return 2
	case plural.Few:
		return 3
	case plural.Many:
		return 4
	}
	return 5
}

func formByName(s string) (plural.Form, bool) {
	switch s {
	case "zero":
		return plural.Zero, true
	case "one":
		return plural.One, true
	case "two":
		return plural.Two, true
	case "few":
		return plural.Few, true
	case "many":
		return plural.Many, true
	case "other":
		return plural.Other, true
	}
	return plural.Other, false
}

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// kind names a decoded TOML value's type in words a translator knows.
func kind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date or time"
	}
	return fmt.Sprintf("a %T", v)
}

// norm makes language codes compare the way BCP 47 defines them: without
// regard to case, so "pt-br" finds the file for "pt-BR".
func norm(lang string) string {
	return strings.ToLower(lang)
}

// Source returns what T and N read for key in lang: the string as the
// first file of the fallback chain that has it gives it, with the language
// it is found in; nil when no file has it. Two catalogs whose sources for a
// key are deeply equal write that string the same, which is how a preview
// tells which pages an edit of the UI strings changes.
func (c *Catalog) Source(lang, key string) any {
	e := c.lookup(lang, key)
	if e == nil {
		return nil
	}
	v := *e
	v.line, v.col = 0, 0 // where it is written changes nothing shown
	return v
}

// DateSource is Source for the date format Date uses in lang.
func (c *Catalog) DateSource(lang string) any {
	if c == nil {
		return nil
	}
	for _, l := range c.chain(lang) {
		if ls := c.langs[l]; l != "" && ls != nil && ls.date != nil {
			return *ls.date
		}
	}
	return nil
}
