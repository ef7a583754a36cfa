// Package content owns the loading of a site's Markdown files: which language
// and section each file belongs to, its front matter (typed, with positions),
// and how translations of one document are grouped.
package content

import (
	"bytes"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/sitefs"
)

// Document is one Markdown file in one language.
type Document struct {
	// Path is the file's path relative to the site root.
	Path string
	// Label is the path diagnostics show (with a base site's prefix).
	Label string
	// Dir is the folder below content/ ("guides", "help/faq", "").
	Dir string
	// Slug is the file name without language suffix and extension;
	// "_index" for home and section pages.
	Slug string
	// Lang is the language code.
	Lang string
	// Key groups translations: Dir/Slug unless front matter sets one.
	Key  string
	Kind Kind
	Meta Meta
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyOffset is the byte offset of Body within Src, so positions in the
	// body map back to the file.
	BodyOffset int
	Src        []byte
	Lines      *diag.Lines
}

// Pos returns the line and column in the file of byte offset off in Body.
func (d *Document) Pos(off int) (int, int) {
	return d.Lines.Pos(d.BodyOffset + off)
}

// Errorf records an error at byte offset off of the body.
func (d *Document) Errorf(l *diag.List, off int, format string, args ...any) {
	line, col := d.Pos(off)
	l.Errorf(d.Label, line, col, format, args...)
}

// Warnf records a warning at byte offset off of the body.
func (d *Document) Warnf(l *diag.List, off int, format string, args ...any) {
	line, col := d.Pos(off)
	l.Warnf(d.Label, line, col, format, args...)
}

// Date is a calendar date without a clock, so output never depends on a
// time zone.
type Date struct {
	time.Time
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// ISO is the date as YYYY-MM-DD.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// Set is a loaded site's documents.
type Set struct {
	// Docs is every document, sorted by Path.
	Docs []*Document
}

// Load reads every Markdown file below content/ in fsys. Problems go to diags.
func Load(fsys *sitefs.FS, cfg *config.Config, drafts bool, diags *diag.List) *Set {
	return LoadCached(fsys, cfg, drafts, diags, nil)
}

// Cache keeps the documents an earlier load read, with what it found wrong
// in them, so that loading the site again after an edit reads the front
// matter of the edited files only.
type Cache struct {
	config  string
	entries map[string]cached
}

type cached struct {
	src   []byte
	doc   *Document
	diags []diag.Diagnostic
}

// LoadCached is Load with a cache, which may be nil.
func LoadCached(fsys *sitefs.FS, cfg *config.Config, drafts bool, diags *diag.List, cache *Cache) *Set {
	var old map[string]cached
	if cache != nil {
		// What a file becomes depends on the configured languages.
		key := strings.Join(cfg.LanguageOrder, ",") + "|" + cfg.DefaultLanguage
		if cache.config == key {
			old = cache.entries
		}
		cache.config, cache.entries = key, map[string]cached{}
	}
	files, err := fsys.Walk("content")
	if err != nil {
		diags.Errorf("content", 0, 0, "cannot read the content folder: %v", err)
		return &Set{}
	}
	set := &Set{}
	md := 0
	for _, f := range files {
		if path.Ext(f.Path) != ".md" {
			continue
		}
		md++
		if tooLarge(fsys, f, cfg, diags) {
			continue
		}
		src, _, err := fsys.ReadFile(f.Path)
		if err != nil {
			diags.Errorf(f.Label, 0, 0, "cannot read file: %v", err)
			continue
		}
		var d *Document
		if cache == nil {
			d = parseFile(f, src, cfg, diags)
		} else {
			c, ok := old[f.Label]
			if !ok || !bytes.Equal(c.src, src) {
				own := &diag.List{}
				c = cached{src: src, doc: parseFile(f, src, cfg, own), diags: own.Items()}
			}
			cache.entries[f.Label] = c
			for _, x := range c.diags {
				diags.Add(x)
			}
			d = c.doc
		}
		if d == nil || (d.Meta.Draft && !drafts) {
			continue
		}
		set.Docs = append(set.Docs, d)
	}
	if md == 0 {
		diags.Errorf("content", 0, 0, "there is no Markdown file in content/: add at least a home page, content/_index.md")
	}
	checkDuplicates(set.Docs, diags)
	return set
}

func parseFile(f sitefs.File, src []byte, cfg *config.Config, diags *diag.List) *Document {
	lines := diag.NewLines(src)
	if !utf8.Valid(src) {
		off := firstInvalid(src)
		line, col := lines.Pos(off)
		diags.Errorf(f.Label, line, col, "the file is not valid UTF-8 text: save it with UTF-8 encoding")
		return nil
	}
	rel := strings.TrimPrefix(f.Path, "content/")
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	}
	name := strings.TrimSuffix(path.Base(rel), ".md")
	slug, lang := name, cfg.DefaultLanguage
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		suffix := name[i+1:]
		if _, ok := cfg.Languages[suffix]; ok {
			slug, lang = name[:i], suffix
		} else if looksLikeLanguage(suffix) {
			diags.Errorf(f.Label, 0, 0, "the file name ends in language code %q, but lexsite.toml configures no such language (configured: %s); add [languages.%s] or rename the file",
				suffix, strings.Join(cfg.LanguageOrder, ", "), suffix)
			return nil
		}
	}
	d := &Document{
		Path:  f.Path,
		Label: f.Label,
		Dir:   dir,
		Slug:  slug,
		Lang:  lang,
		Src:   src,
		Lines: lines,
	}
	d.Kind = kindOf(dir, slug)
	fm, body, bodyOff, ok := splitFrontMatter(src)
	if !ok {
		diags.Errorf(f.Label, 1, 1, "the front matter that starts on line 1 has no closing --- line")
		return nil
	}
	d.Body, d.BodyOffset = body, bodyOff
	if !parseMeta(d, fm, diags) && d.Meta.Pos == nil {
		// The front matter could not be read at all; anything said about
		// the rest would be guesswork.
		return nil
	}
	d.Key = path.Join(dir, slug)
	if d.Meta.TranslationKey != "" {
		d.Key = d.Meta.TranslationKey
	}
	return d
}

// looksLikeLanguage reports whether s has the shape of a BCP 47 language tag,
// so "returns.fr.md" in a site without French is caught as a mistake while
// "v1.2" is not.
func looksLikeLanguage(s string) bool {
	first := strings.SplitN(s, "-", 2)[0]
	if len(first) < 2 || len(first) > 3 {
		return false
	}
	for _, r := range first {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	_, err := language.Parse(s)
	return err == nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// splitFrontMatter separates YAML front matter between --- lines from the
// body. A file without front matter has an empty one.
func splitFrontMatter(src []byte) (fm []byte, body []byte, bodyOff int, ok bool) {
	start := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	rest := src[start:]
	if !(bytes.HasPrefix(rest, []byte("---\n")) || bytes.HasPrefix(rest, []byte("---\r\n"))) {
		return nil, src[start:], start, true
	}
	nl := bytes.IndexByte(rest, '\n') + 1
	pos := start + nl
	for pos <= len(src) {
		end := bytes.IndexByte(src[pos:], '\n')
		var line []byte
		next := len(src)
		if end < 0 {
			line = src[pos:]
		} else {
			line = src[pos : pos+end]
			next = pos + end + 1
		}
		if strings.TrimRight(string(line), " \t\r") == "---" {
			return src[start+nl : pos], src[next:], next, true
		}
		if end < 0 {
			break
		}
		pos = next
	}
	return nil, nil, 0, false
}

// Group is one document in every language it exists in.
type Group struct {
	Key  string
	Kind Kind
	// ByLang maps language code to document.
	ByLang map[string]*Document
}

// Groups returns the translation groups of the set, sorted by key.
func (s *Set) Groups() []*Group {
	m := map[string]*Group{}
	var keys []string
	for _, d := range s.Docs {
		g := m[d.Key]
		if g == nil {
			g = &Group{Key: d.Key, Kind: d.Kind, ByLang: map[string]*Document{}}
			m[d.Key] = g
			keys = append(keys, d.Key)
		}
		if _, dup := g.ByLang[d.Lang]; !dup {
			g.ByLang[d.Lang] = d
		}
	}
	sort.Strings(keys)
	out := make([]*Group, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func checkDuplicates(docs []*Document, diags *diag.List) {
	type key struct{ k, lang string }
	first := map[key]*Document{}
	for _, d := range docs {
		k := key{d.Key, d.Lang}
		if prev, ok := first[k]; ok {
			line, col := 1, 1
			if p, ok := d.Meta.Pos["translation_key"]; ok {
				line, col = p[0], p[1]
			}
			diags.Errorf(d.Label, line, col, "this file and %s are both the %q version of %q; keep one, or give one a different translation_key", prev.Label, d.Lang, d.Key)
			continue
		}
		first[k] = d
	}
	// Documents of different kinds must not share a key either: one
	// translation group is one document.
	kinds := map[string]*Document{}
	for _, d := range docs {
		if prev, ok := kinds[d.Key]; ok && prev.Kind != d.Kind {
			diags.Errorf(d.Label, 1, 1, "translation_key %q is also used by %s, which is a %s, not a %s", d.Key, prev.Label, prev.Kind, d.Kind)
			continue
		}
		kinds[d.Key] = d
	}
}
