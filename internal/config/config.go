// Package config owns lexsite.toml: reading it and the chain of base sites
// it names, the command-line settings that override it, its typed form, its
// validation, and the positions of its keys, so that a misspelt key is an
// error an author can find rather than a setting silently ignored. Load is
// the one way a build gets its configuration.
package config

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2/styles"
	"golang.org/x/text/language"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/suggest"
	"github.com/lexsite/lexsite/internal/tomlpos"
)

// FileName is the configuration file at the root of every site.
const FileName = "lexsite.toml"

// Config is a validated lexsite.toml with the command line's overrides
// applied. Load makes it once per build and hands each caller its own copy
// (Loaded.Config), so what one caller does to its copy changes nothing for
// another, nor for the next build of a Session.
type Config struct {
	// BaseURL is the absolute URL the site is published at; it may carry a
	// path, in which case every link is prefixed with it.
	BaseURL string `toml:"base_url"`
	// DefaultLanguage is the language of files without a language suffix and
	// the fallback for untranslated documents and missing UI strings.
	DefaultLanguage string `toml:"default_language"`
	// Base names another site, relative to this one, whose files are used
	// wherever this site has no file of its own.
	Base string `toml:"base"`
	// RelativeURLs writes every link relative to the page it is on, so the
	// output works from any folder and opened from disk (file://).
	RelativeURLs bool `toml:"relative_urls"`
	// Title is the site title for languages that do not set their own.
	Title string `toml:"title"`
	// Languages holds one entry per configured language, keyed by BCP 47 tag.
	Languages map[string]*Language `toml:"languages"`
	// Organisation is who runs this copy; shown in the footer and on
	// flow outcomes as where to get help.
	Organisation Organisation `toml:"organisation"`
	// Help lists where a reader can get help with their own case
	// ([[help]]): shown in the footer of every page and on every outcome
	// of a flow, in languages without a list of their own.
	Help     []HelpContact `toml:"help"`
	Markdown Markdown      `toml:"markdown"`
	Check    Check         `toml:"check"`
	Assets   Assets        `toml:"assets"`
	Limits   Limits        `toml:"-"`

	// Drafts includes documents marked draft: the command line's --drafts;
	// lexsite.toml has no such setting.
	Drafts bool `toml:"-"`

	// LanguageOrder lists the language codes in the order the file gives
	// them: the switcher and the chooser show them in this order.
	LanguageOrder []string `toml:"-"`
	// Path is the file's path relative to the site, for diagnostics.
	Path string `toml:"-"`
	// BasePath is the path part of BaseURL, always with a trailing slash.
	BasePath string `toml:"-"`

	// keys finds the settings in the file, for problems found after
	// parsing (a logo that static/ does not have).
	keys *tomlpos.Locator
}

// Pos returns the line and column of a setting, such as
// Pos("organisation", "logo"), or of its table when the file does not
// write it there.
func (c *Config) Pos(key ...string) (line, col int) {
	if c.keys == nil {
		return 0, 0
	}
	return c.keys.Key(key...)
}

// Language is one configured language.
type Language struct {
	// Name is the endonym shown in the language switcher ("Español").
	Name string `toml:"name"`
	// Title is the site title in this language.
	Title string `toml:"title"`
	// Disclaimer replaces the built-in "not legal advice" notice.
	Disclaimer string `toml:"disclaimer"`
	// Direction is "ltr" (default) or "rtl".
	Direction string `toml:"direction"`
	// Organisation overrides organisation fields in this language
	// (an address written in the local script, say).
	Organisation Organisation `toml:"organisation"`
	// Help, when the language has a list of its own ([[languages.xx.help]]),
	// replaces the site's [[help]] list in this language: the same places
	// described in the language, or other places for its readers.
	Help []HelpContact `toml:"help"`

	// Tag is the parsed BCP 47 tag.
	Tag language.Tag `toml:"-"`
	// Code is the key under [languages].
	Code string `toml:"-"`
}

// Organisation describes the publisher of a copy of the site.
type Organisation struct {
	Name    string `toml:"name"`
	Website string `toml:"website"`
	Email   string `toml:"email"`
	Phone   string `toml:"phone"`
	Address string `toml:"address"`
	Hours   string `toml:"hours"`
	Logo    string `toml:"logo"`
}

// Reachable reports whether the organisation gives a way to reach it: a
// phone number, an email address, a website or an address.
func (o Organisation) Reachable() bool {
	return o.Phone != "" || o.Email != "" || o.Website != "" || o.Address != ""
}

// HelpContact is a place where a reader can get help with their own case:
// a helpline, an advice service, a legal aid office.
type HelpContact struct {
	// Name is what the place is called; required.
	Name string `toml:"name"`
	// Note says in a line what it does, or for whom.
	Note    string `toml:"note"`
	Phone   string `toml:"phone"`
	Email   string `toml:"email"`
	Website string `toml:"website"`
	Hours   string `toml:"hours"`
}

// Markdown holds rendering options.
type Markdown struct {
	// Unsafe lets raw HTML in Markdown through; off by default because most
	// sites are written by many hands and a strict CSP forbids inline code.
	Unsafe bool `toml:"unsafe"`
	// HighlightStyle and HighlightStyleDark name chroma styles.
	HighlightStyle     string `toml:"highlight_style"`
	HighlightStyleDark string `toml:"highlight_style_dark"`
}

// Assets says what a build does to the style sheets and scripts of static/.
// Both are on unless set to false: a site turns them off to debug its
// scripts in a browser, or for a host that cannot cache by name.
type Assets struct {
	// Minify writes them without comments and spaces.
	Minify bool `toml:"minify"`
	// Fingerprint names them by a hash of their content, so a host can let
	// browsers keep them for good.
	Fingerprint bool `toml:"fingerprint"`
}

// Check holds settings of `lexsite check`.
type Check struct {
	// ReviewMonths is how old a guide's reviewed date may get before a warning.
	ReviewMonths int `toml:"review_months"`
}

// Limits bound the work one content file can cause, so that a file pasted
// or generated by mistake gets an error at its path instead of minutes of
// work and gigabytes of memory. The defaults are far above any real guide.
type Limits struct {
	// MaxFileSize is the size of the largest content file.
	MaxFileSize Size `toml:"max_file_size"`
	// MaxNesting is how deep lists and block quotes may be nested: the
	// Markdown parser's time grows faster than the depth.
	MaxNesting int `toml:"max_nesting"`
}

// The defaults of [limits].
const (
	DefaultMaxFileSize = 8 << 20
	DefaultMaxNesting  = 100
)

// Size is a number of bytes. lexsite.toml writes it as a whole number of
// bytes or as text with a unit, such as "8 MiB"; the value is checked with
// the rest of the file, so a bad one is reported at its position.
type Size struct {
	Bytes int64
}

// String writes the size the way it is best read: in the largest unit
// that divides it, binary before decimal, or in bytes.
func (s Size) String() string {
	for _, u := range []struct {
		name string
		n    int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}} {
		if s.Bytes >= u.n && s.Bytes%u.n == 0 {
			return fmt.Sprintf("%d %s", s.Bytes/u.n, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", s.Bytes)
}

// unitBytes returns the bytes in a unit a Size may be written in: decimal
// units as storage makers count, binary ones as most file managers do.
func unitBytes(unit string) (int64, bool) {
	switch strings.ToLower(unit) {
	case "", "b":
		return 1, true
	case "kb":
		return 1000, true
	case "mb":
		return 1000 * 1000, true
	case "gb":
		return 1000 * 1000 * 1000, true
	case "kib":
		return 1 << 10, true
	case "mib":
		return 1 << 20, true
	case "gib":
		return 1 << 30, true
	}
	return 0, false
}

// parseSize reads a Size as lexsite.toml writes it.
func parseSize(v any) (int64, error) {
	const how = `write a number of bytes, such as 8388608, or a whole number and a unit in quotes, such as "8 MiB" (units: B, KB, MB, GB, KiB, MiB, GiB)`
	switch v := v.(type) {
	case int64:
		if v <= 0 {
			return 0, fmt.Errorf("must be more than zero")
		}
		return v, nil
	case string:
		t := strings.TrimSpace(v)
		i := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		mul, ok := unitBytes(strings.TrimSpace(t[i:]))
		n, err := strconv.ParseInt(t[:i], 10, 64)
		if i == 0 || !ok || err != nil || n > math.MaxInt64/mul {
			return 0, fmt.Errorf("%q is not a size: %s", v, how)
		}
		if n == 0 {
			return 0, fmt.Errorf("must be more than zero")
		}
		return n * mul, nil
	default:
		return 0, fmt.Errorf("%v is not a size: %s", v, how)
	}
}

// Lang returns the configured language for code, or nil.
func (c *Config) Lang(code string) *Language {
	return c.Languages[code]
}

// SiteTitle returns the site title in language code.
func (c *Config) SiteTitle(code string) string {
	if l := c.Languages[code]; l != nil && l.Title != "" {
		return l.Title
	}
	if c.Title != "" {
		return c.Title
	}
	return "Lexsite"
}

// Org returns the organisation settings in language code, the language's own
// fields overriding the site-wide ones.
func (c *Config) Org(code string) Organisation {
	o := c.Organisation
	l := c.Languages[code]
	if l == nil {
		return o
	}
	lo := l.Organisation
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&o.Name, lo.Name}, {&o.Website, lo.Website}, {&o.Email, lo.Email},
		{&o.Phone, lo.Phone}, {&o.Address, lo.Address}, {&o.Hours, lo.Hours}, {&o.Logo, lo.Logo},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	return o
}

// Contacts returns where to get help in language code: the language's own
// list when it has one, else the site's.
func (c *Config) Contacts(code string) []HelpContact {
	if l := c.Languages[code]; l != nil && l.Help != nil {
		return l.Help
	}
	return c.Help
}

// ErrInvalid is returned by Parse when the configuration has errors; the
// details are in the diagnostics list.
var ErrInvalid = errors.New("invalid configuration")

// file is lexsite.toml as it is written, the decoder's target: the
// settings of Config, but for [limits], whose size is kept as written (a
// number or text) for validate to read and place.
type file struct {
	Config
	Limits struct {
		MaxFileSize any `toml:"max_file_size"`
		MaxNesting  int `toml:"max_nesting"`
	} `toml:"limits"`
}

// Parse decodes and validates one lexsite.toml, without its bases or the
// command line: Load is what a build calls. Every problem is added to
// diags with its position; the error is ErrInvalid when any of them is an
// error.
func Parse(path string, src []byte, diags *diag.List) (*Config, error) {
	f := file{Config: Config{Assets: Assets{Minify: true, Fingerprint: true}}}
	local := &diag.List{}
	keys, problems := tomlpos.Decode(src, &f, true)
	unknown := map[string]bool{}
	for _, p := range problems {
		if !p.Unknown {
			local.Errorf(path, p.Line, p.Col, "%s", p.Msg)
			continue
		}
		k := strings.Join(p.Key, ".")
		unknown[k] = true
		local.Errorf(path, p.Line, p.Col, "unknown setting %q%s", k, suggestFor(p.Key))
	}
	if len(problems) > 0 && len(unknown) < len(problems) {
		// A value the decoder could not read: the rest is not to be trusted.
		diags.Merge(local)
		return nil, ErrInvalid
	}
	c := f.Config
	c.Limits = Limits{MaxNesting: f.Limits.MaxNesting}
	c.Path, c.keys = path, keys
	for _, k := range keys.Keys() {
		// The decoder matches setting names regardless of case; a site must
		// write them exactly, or a typo like "Base_URL" would pass unseen.
		for i, part := range k {
			if i == 1 && strings.EqualFold(k[0], "languages") {
				continue // a language code keeps its BCP 47 case
			}
			if part != strings.ToLower(part) && !unknown[strings.Join(k[:i+1], ".")] {
				if i == len(k)-1 {
					line, col := keys.Key(k...)
					local.Errorf(path, line, col, "write the setting %q in lower case: %q", part, strings.ToLower(part))
				}
				break
			}
		}
		if len(k) == 2 && strings.EqualFold(k[0], "languages") {
			c.LanguageOrder = append(c.LanguageOrder, k[1])
		}
	}
	c.validate(local, f.Limits.MaxFileSize)
	diags.Merge(local)
	if local.HasErrors() {
		return nil, ErrInvalid
	}
	return &c, nil
}

// clone returns a copy of c that shares nothing a caller could change.
func (c *Config) clone() *Config {
	d := *c
	d.LanguageOrder = slices.Clone(c.LanguageOrder)
	d.Help = slices.Clone(c.Help)
	d.Languages = maps.Clone(c.Languages)
	for code, l := range d.Languages {
		if l != nil {
			lc := *l
			lc.Help = slices.Clone(l.Help)
			d.Languages[code] = &lc
		}
	}
	return &d
}

// RelativeWarning says what relative_urls does to a base_url with a path:
// the links of the pages do not carry it, so the folder can be moved; the
// canonical and sitemap addresses still do.
func (c *Config) RelativeWarning() string {
	return fmt.Sprintf("with relative_urls the pages link to each other relatively and do not use the path %s of base_url; only the canonical, sitemap and feed addresses do. Remove the path, or leave out relative_urls when the site is served from that folder", c.BasePath)
}

// setBaseURL sets the address the site is published at (base_url, or the
// build's --base-url), with the path every link is prefixed with.
func (c *Config) setBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute http or https address such as \"https://example.org/help/\"", raw)
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	c.BasePath = p
	c.BaseURL = raw
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	return nil
}

// validate checks c and fills in defaults; maxFileSize is the size as
// written, nil when it is not.
func (c *Config) validate(l *diag.List, maxFileSize any) {
	keys := c.keys
	type key []string
	errAt := func(k key, format string, args ...any) {
		line, col := keys.Key(k...)
		l.Errorf(c.Path, line, col, format, args...)
	}
	if c.BaseURL == "" {
		errAt(key{"base_url"}, "base_url is required: the absolute address the site is published at, such as \"https://example.org/\"")
	} else if err := c.setBaseURL(c.BaseURL); err != nil {
		errAt(key{"base_url"}, "base_url %v", err)
	} else if c.RelativeURLs && c.BasePath != "/" {
		line, col := keys.Key("relative_urls")
		l.Warnf(c.Path, line, col, "%s", c.RelativeWarning())
	}
	if len(c.Languages) == 0 {
		errAt(key{"languages"}, "no languages are configured: add a [languages.en] table (or one for your language) with a name")
	}
	for _, code := range c.LanguageOrder {
		lang := c.Languages[code]
		k := key{"languages", code}
		tag, err := language.Parse(code)
		if err != nil {
			errAt(k, "%q is not a BCP 47 language tag (such as \"en\", \"es\", \"zh\" or \"pt-BR\")", code)
		} else if tag.String() != code {
			errAt(k, "write the language tag %q as %q", code, tag.String())
		}
		if lang == nil {
			continue
		}
		lang.Tag, lang.Code = tag, code
		if strings.TrimSpace(lang.Name) == "" {
			errAt(k, "language %q needs a name: the language's own name for itself, shown in the language switcher", code)
		}
		switch lang.Direction {
		case "", "ltr", "rtl":
		default:
			errAt(append(k, "direction"), "direction must be \"ltr\" or \"rtl\", not %q", lang.Direction)
		}
	}
	c.validateContacts(l)
	if c.DefaultLanguage == "" {
		if len(c.LanguageOrder) > 0 {
			c.DefaultLanguage = c.LanguageOrder[0]
		}
	} else if _, ok := c.Languages[c.DefaultLanguage]; !ok && len(c.Languages) > 0 {
		errAt(key{"default_language"}, "default_language %q is not one of the configured languages (%s)", c.DefaultLanguage, strings.Join(c.LanguageOrder, ", "))
	}
	if c.Check.ReviewMonths < 0 {
		errAt(key{"check", "review_months"}, "review_months must be zero or more")
	}
	if c.Check.ReviewMonths == 0 {
		c.Check.ReviewMonths = 12
	}
	if maxFileSize == nil {
		c.Limits.MaxFileSize.Bytes = DefaultMaxFileSize
	} else if n, err := parseSize(maxFileSize); err != nil {
		errAt(key{"limits", "max_file_size"}, "max_file_size %v", err)
	} else {
		c.Limits.MaxFileSize.Bytes = n
	}
	if c.Limits.MaxNesting < 0 {
		errAt(key{"limits", "max_nesting"}, "max_nesting must be zero or more; 0 means the default, %d", DefaultMaxNesting)
	}
	if c.Limits.MaxNesting == 0 {
		c.Limits.MaxNesting = DefaultMaxNesting
	}
	if c.Markdown.HighlightStyle == "" {
		c.Markdown.HighlightStyle = "github"
	}
	if c.Markdown.HighlightStyleDark == "" {
		c.Markdown.HighlightStyleDark = "github-dark"
	}
	for _, st := range []struct{ key, name string }{
		{"highlight_style", c.Markdown.HighlightStyle}, {"highlight_style_dark", c.Markdown.HighlightStyleDark},
	} {
		if _, ok := styles.Registry[st.name]; !ok {
			errAt(key{"markdown", st.key}, "%s %q is not a code highlighting style; choose one of chroma's styles, such as github, github-dark, monokai or solarized-light%s", st.key, st.name, suggest.Hint(st.name, styles.Names()))
		}
	}
}

// validateContacts checks the organisation's contact details and every
// [[help]] entry, the site's and each language's: a name for each entry,
// and a phone number, email address and website a reader's phone can use.
func (c *Config) validateContacts(l *diag.List) {
	keys := c.keys
	org := func(o Organisation, table ...string) {
		for _, f := range []struct{ key, value string }{{"phone", o.Phone}, {"email", o.Email}, {"website", o.Website}} {
			if msg := contactProblem(f.key, f.value); msg != "" {
				line, col := keys.Key(append(table, f.key)...)
				l.Errorf(c.Path, line, col, "%s", msg)
			}
		}
	}
	help := func(list []HelpContact, table ...string) {
		for i, h := range list {
			if strings.TrimSpace(h.Name) == "" {
				line, col := keys.Entry(table, i)
				l.Errorf(c.Path, line, col, "this [[%s]] entry needs a name: what the place is called, shown above its contact details", strings.Join(table, "."))
			}
			for _, f := range []struct{ key, value string }{{"phone", h.Phone}, {"email", h.Email}, {"website", h.Website}} {
				if msg := contactProblem(f.key, f.value); msg != "" {
					line, col := keys.Entry(table, i, f.key)
					l.Errorf(c.Path, line, col, "%s", msg)
				}
			}
		}
	}
	org(c.Organisation, "organisation")
	help(c.Help, "help")
	for _, code := range c.LanguageOrder {
		if lang := c.Languages[code]; lang != nil {
			org(lang.Organisation, "languages", code, "organisation")
			help(lang.Help, "languages", code, "help")
		}
	}
}

// contactProblem says what is wrong with a contact detail, or "": a phone
// number must hold digits (its tel: link dials only those), an email
// address must be one, without "mailto:", and a website must be a whole
// http or https address, or its link would lead to a page of this site.
func contactProblem(key, value string) string {
	v := strings.TrimSpace(value)
	if v == "" {
		return ""
	}
	switch key {
	case "phone":
		if !strings.ContainsAny(v, "0123456789") {
			return fmt.Sprintf("phone %q has no digits: write the number as a reader dials it, such as \"+86 10 1234 5678\" or \"12348\"", value)
		}
	case "email":
		at := strings.Index(v, "@")
		if at <= 0 || at == len(v)-1 || strings.ContainsAny(v, " <>:") {
			return fmt.Sprintf("email %q is not an email address such as \"help@example.org\"", value)
		}
	case "website":
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Sprintf("website %q is not a whole address starting with https:// or http://, such as \"https://example.org/\"", value)
		}
	}
	return ""
}

// suggestFor returns a hint naming the valid setting closest to k.
func suggestFor(k []string) string {
	known := []string{
		"base_url", "default_language", "base", "relative_urls", "title", "languages", "organisation", "markdown", "check",
		"name", "website", "email", "phone", "address", "hours", "logo", "help", "note",
		"unsafe", "highlight_style", "highlight_style_dark", "review_months", "disclaimer", "direction",
		"assets", "minify", "fingerprint",
		"limits", "max_file_size", "max_nesting",
	}
	return suggest.Hint(k[len(k)-1], known)
}
