// Package scaffold makes the files of a new site and of new documents —
// guides, flows and statute excerpts — that pass `lexsite check` as they
// are, for authors to fill in.
//
// Making files is pure: Site, Guide, Flow and Statute return them as Files,
// keyed by their slash-separated path relative to the site folder. Write puts
// them on disk, never over an existing file. Templates and static files are
// never made: a site gets them from the Lexsite binary until it overrides
// one.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"github.com/lexsite/lexsite/internal/content"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/zhnum"
)

// Files maps a slash-separated path relative to the site folder to the
// file's contents.
type Files map[string][]byte

// Paths returns the paths of fs in order.
func (f Files) Paths() []string {
	return slices.Sorted(maps.Keys(f))
}

// ErrExists is returned (wrapped) by Write for a file that is already there.
var ErrExists = errors.New("already exists")

var errNoDate = errors.New("no date given for today")

// BaseURL is the placeholder address a new site is published at.
const BaseURL = "https://example.org/"

// Kinds of document New makes, as the command line names them.
const (
	Guide   = string(content.Guide)
	Flow    = string(content.Flow)
	Statute = string(content.Statute)
)

// Folder returns the folder below content/ that holds documents of kind,
// as content.Kinds declares it.
func Folder(kind string) string {
	return content.Kind(kind).Spec().Dir
}

// DocPath is where a document of kind named name in lang is written:
// content/guides/returns.en.md. It always carries the language suffix.
func DocPath(kind, name, lang string) string {
	return "content/" + Folder(kind) + "/" + name + "." + lang + ".md"
}

// CheckName reports whether name can be a document's file name and
// address: lowercase letters a–z, digits and hyphens, starting and ending
// with a letter or digit. The error says how to write it, with a suggestion
// when one can be made.
func CheckName(kind, name string) error {
	if validName(name) {
		return nil
	}
	what := "the name of a " + kind
	if kind == Statute {
		what = "a law's citation key"
	}
	msg := fmt.Sprintf("%q cannot be %s: use lowercase letters a-z, digits and hyphens, such as %s", name, what, example(kind))
	if s := Slugify(name); s != "" && s != name {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return errors.New(msg)
}

func example(kind string) string {
	switch kind {
	case Flow:
		return "parcel-not-arrived"
	case Statute:
		return "cpl"
	}
	return "make-a-complaint"
}

func validName(name string) bool {
	if name == "" || name[0] == '-' || name[len(name)-1] == '-' {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Slugify turns s into a valid name if it can: "Returns Policy" is
// "returns-policy", "Devolución" is "devolucion". It returns "" when nothing
// usable is left.
func Slugify(s string) string {
	// Decomposed, a letter's accent is a mark of its own, dropped here.
	bare := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s))
	return markdown.SlugKeeping(bare, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' })
}

// Humanise turns a name into a title: "make-a-complaint" is "Make a
// complaint".
func Humanise(name string) string {
	s := strings.TrimSpace(strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }), " "))
	return upperFirst(s)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToTitle(r)) + s[n:]
}

// Language is a language of a new site.
type Language struct {
	// Code is the BCP 47 tag as written in lexsite.toml and file names.
	Code string
	// Name is the language's name for itself, capitalised as a name in a
	// menu: "Español", "中文". Empty when Lexsite does not know it.
	Name string
	// RTL is set for languages written right to left.
	RTL bool
}

// LanguageOf checks that code is a BCP 47 tag written the standard way and
// returns the language with its endonym.
func LanguageOf(code string) (Language, error) {
	tag, err := language.Parse(code)
	if err != nil || tag == language.Und {
		return Language{}, fmt.Errorf("%q is not a BCP 47 language tag (such as \"en\", \"es\", \"zh\" or \"pt-BR\")", code)
	}
	if tag.String() != code {
		return Language{}, fmt.Errorf("write the language tag %q as %q", code, tag.String())
	}
	l := Language{Code: code, Name: upperFirst(display.Self.Name(tag))}
	if script, conf := tag.Script(); conf != language.No {
		switch script.String() {
		case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
			l.RTL = true
		}
	}
	return l, nil
}

// SiteOptions say what new site to make.
type SiteOptions struct {
	// Languages are the site's languages in the order of the language
	// switcher; the first is the default language. At least one.
	Languages []Language
	// Title is the site title.
	Title string
	// Today is the reviewed date of the example guide.
	Today time.Time
}

// Site returns the files of a minimal site that builds at once on the
// templates and static files Lexsite carries: lexsite.toml, a home page
// text per language, one example guide in the default language, and a
// .gitignore that keeps the output out of version control.
func Site(o SiteOptions) (Files, error) {
	if len(o.Languages) == 0 {
		return nil, errors.New("a site needs at least one language")
	}
	if o.Today.IsZero() {
		return nil, errNoDate
	}
	seen := map[string]bool{}
	for _, l := range o.Languages {
		if seen[l.Code] {
			return nil, fmt.Errorf("language %q is listed twice", l.Code)
		}
		seen[l.Code] = true
	}
	title := strings.TrimSpace(o.Title)
	if title == "" {
		title = "My legal help site"
	}
	def := o.Languages[0]
	var cfg strings.Builder
	cfg.WriteString("# The settings of this Lexsite site: see docs/format.md in the Lexsite\n# repository for every setting.\n\n")
	cfg.WriteString("# The address the site will be published at; replace the placeholder.\n")
	fmt.Fprintf(&cfg, "base_url = %s\n", quote(BaseURL))
	fmt.Fprintf(&cfg, "default_language = %s\n", quote(def.Code))
	fmt.Fprintf(&cfg, "title = %s\n", quote(title))
	for _, l := range o.Languages {
		name := l.Name
		if name == "" {
			name = l.Code
		}
		fmt.Fprintf(&cfg, "\n[languages.%s]\n", l.Code)
		if l.Name == "" {
			cfg.WriteString("# Write the language's own name for itself here.\n")
		}
		fmt.Fprintf(&cfg, "name = %s\n", quote(name))
		if l.Code != def.Code {
			fmt.Fprintf(&cfg, "# title = %s  # the site title in this language, if it differs\n", quote(title))
		}
		if l.RTL {
			cfg.WriteString("direction = \"rtl\"\n")
		}
	}
	cfg.WriteString("\n# Who runs the site: the footer of every page names it, with its contact\n# details.\n# [organisation]\n# name = \"\"\n# phone = \"\"\n# email = \"\"\n")
	cfg.WriteString("\n# Where readers can get help with their own case, in the footer of every\n# page and on the results of step-by-step help: one [[help]] table each.\n# [[help]]\n# name = \"\"\n# note = \"\"\n# phone = \"\"\n# website = \"https://\"\n")
	cfg.WriteString("\n[check]\n# lexsite check warns about guides and flows reviewed longer ago than this.\nreview_months = 12\n")

	files := Files{
		"lexsite.toml": []byte(cfg.String()),
		".gitignore":   []byte("# The output of lexsite build.\n/public/\n"),
	}
	for _, l := range o.Languages {
		name := l.Name
		if name == "" {
			name = l.Code
		}
		files["content/_index."+l.Code+".md"] = fmt.Appendf(nil, `---
title: %s
---

Write the introduction of the %s home page here, in content/_index.%s.md.
Say who the site is for and what it can help with. Lists of the guides,
laws and step-by-step help follow it by themselves.
`, quote(title), name, l.Code)
	}
	files["content/guides/first-guide."+def.Code+".md"] = fmt.Appendf(nil, `---
title: "Your first guide"
summary: "How a guide is written: replace this text with your own."
reviewed: %s
tags: [example]
---

A guide explains one problem in plain language: what the reader can do,
in what order, and what to keep. This one is here to show how a guide is
written. Change it, or delete it once the site has guides of its own.

## Write for the reader {#write-for-the-reader}

Use short sentences and everyday words. Say what to do first. Explain a
legal word the first time you use it.

## Keep the date current {#keep-the-date-current}

The reviewed date in the front matter above says when a person last
checked the text against the law. Update it each time you do;
lexsite check warns when it gets old.

## Add more {#add-more}

- Start a new guide with lexsite new guide NAME.
- Link to another guide by its file, such as [this guide](first-guide.md).
- Add a translation beside this file, named first-guide.LANG.md.
`, isoDate(o.Today))
	return files, nil
}

// DocOptions say what new document to make.
type DocOptions struct {
	// Name is the file name without suffix: a guide's or flow's slug, or a
	// law's citation key. See CheckName.
	Name string
	// Lang is the document's language code.
	Lang string
	// Today is the reviewed date of guides and flows.
	Today time.Time

	// ArticleHeading is how the language begins an article's heading in a
	// statute, with {number}: "Article {number}", "第{number}条" (the
	// heading of the language's [citation] UI strings). Empty: the
	// article gets an explicit {#art-1} id, which works in every language.
	ArticleHeading string
	// ChineseNumerals writes the article's number in Chinese numerals.
	ChineseNumerals bool
	// Authoritative marks a statute excerpt as the official-language text.
	Authoritative bool
}

// Doc returns the file of a new document of kind (Guide, Flow or Statute),
// at DocPath.
func Doc(kind string, o DocOptions) (Files, error) {
	if Folder(kind) == "" {
		return nil, fmt.Errorf("unknown kind of document %q: write guide, flow or statute", kind)
	}
	if err := CheckName(kind, o.Name); err != nil {
		return nil, err
	}
	if o.Lang == "" {
		return nil, errors.New("no language given")
	}
	if o.Today.IsZero() && kind != Statute {
		return nil, errNoDate
	}
	title := Humanise(o.Name)
	var text string
	switch kind {
	case Guide:
		text = fmt.Sprintf(`---
title: %s
summary: "One or two sentences on what this guide helps with, for lists and search results."
reviewed: %s
---

Explain the problem in plain language: what the reader can do, in what
order, and what to keep.

## What to do first {#what-to-do-first}

Write the first step here.
`, quote(title), isoDate(o.Today))
	case Flow:
		text = fmt.Sprintf(`---
title: %s
summary: "One or two sentences on what this step-by-step help is for."
reviewed: %s
---

Answer a few questions to find out what you can do.

## Write the first question here? {#first-question}

- [Yes](#if-yes)
- [No](#if-no)

## What the reader can do if the answer is yes {#if-yes}

Say what the reader may ask for and what to prepare, and cite the law it
relies on.

## What the reader can do if the answer is no {#if-no}

Say what the reader may ask for and what to prepare, and cite the law it
relies on.
`, quote(title), isoDate(o.Today))
	case Statute:
		heading := "Article 1 {#art-1}"
		if o.ArticleHeading != "" && strings.Contains(o.ArticleHeading, "{number}") {
			num := "1"
			if o.ChineseNumerals {
				num = zhnum.Format(1)
			}
			heading = strings.Replace(o.ArticleHeading, "{number}", num, 1)
		}
		text = fmt.Sprintf(`---
title: %s  # the law's full title in this language
short_title: %s  # the short name citations use: [[%s 1]]
names: []  # names prose in this language uses for the law, for automatic citation links
jurisdiction: ""  # where the law applies, such as CN
# enacted: YYYY-MM-DD
# amended: YYYY-MM-DD
# effective: YYYY-MM-DD
source: ""  # the address of the official text
authoritative: %t  # true only on the version in the law's official language
---

### %s

Paste the first paragraph of the article here. Each paragraph of an article
is numbered by itself; write a list after a paragraph for its items.
`, quote(title), quote(title), o.Name, o.Authoritative, heading)
	}
	return Files{DocPath(kind, o.Name, o.Lang): []byte(text)}, nil
}

// isoDate is t's calendar day, in t's own location, as YYYY-MM-DD.
func isoDate(t time.Time) string {
	return t.Format("2006-01-02")
}

// quote writes s as a double-quoted string that TOML and YAML read alike.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u`)
			b.WriteString(fmt.Sprintf("%04X", r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ErrNotEmpty is returned (wrapped) by CheckEmpty for a folder that holds
// files, or a path that is a file.
var ErrNotEmpty = errors.New("not a new or empty folder")

type notEmpty struct{ reason string }

func (e *notEmpty) Error() string { return e.reason }
func (e *notEmpty) Unwrap() error { return ErrNotEmpty }

// CheckEmpty returns an error unless dir does not exist or is an empty
// folder: a new site is never made over existing files. The error of a
// refusal wraps ErrNotEmpty and says why: "it is not empty (it holds
// "notes.txt")".
func CheckEmpty(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return &notEmpty{"it is a file, not a folder"}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return &notEmpty{fmt.Sprintf("it is not empty (it holds %s)", strconv.Quote(entries[0].Name()))}
	}
	return nil
}

// Write writes files below dir, making folders as needed. If any of them
// exists already, it writes nothing and returns an error wrapping
// ErrExists.
func Write(dir string, files Files) error {
	paths := files.Paths()
	for _, name := range paths {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("%s: %w", p, ErrExists)
		}
	}
	for _, name := range paths {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", p, ErrExists)
		}
		if err != nil {
			return err
		}
		_, err = f.Write(files[name])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
