// Package corpus owns the synthetic benchmark site: a deterministic,
// arbitrarily large multilingual corpus of guides and statute excerpts,
// written once in Lexsite's format and once as an equivalent Hugo site, so
// that build time and memory can be compared on the same texts.
//
// The prose is meaningless but shaped like the real thing (lengths, headings,
// lists, tables, code, CJK text, citations and cross-links), because that is
// what a static site generator's cost depends on.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Options of a generated corpus.
type Options struct {
	// Guides is the number of guides per language.
	Guides int
	// Languages are BCP 47 codes; the first is the default language.
	// Empty means en, es, zh.
	Languages []string
	// Seed selects the corpus: the same seed gives the same bytes.
	Seed int64
}

// defaultLanguages is a function, not a variable, so that no caller can
// change the defaults of every other caller.
func defaultLanguages() []string { return []string{"en", "es", "zh"} }

// normalized fills in the defaults, so that every generator sees the same
// resolved options.
func (o Options) normalized() Options {
	if len(o.Languages) == 0 {
		o.Languages = defaultLanguages()
	} else {
		o.Languages = append([]string(nil), o.Languages...)
	}
	return o
}

// Validate reports options that cannot make a site: language codes become
// file name suffixes and URL segments, so they are held to the shape of a
// BCP 47 tag.
func (o Options) Validate() error {
	if o.Guides < 0 {
		return fmt.Errorf("corpus: negative number of guides %d", o.Guides)
	}
	seen := make(map[string]bool)
	for _, l := range o.normalized().Languages {
		if !validLangCode(l) {
			return fmt.Errorf("corpus: %q is not a language code (letters, digits and '-', starting with a letter)", l)
		}
		if seen[l] {
			return fmt.Errorf("corpus: language %q given twice", l)
		}
		seen[l] = true
	}
	return nil
}

// validLangCode accepts what can safely be a file name suffix, a URL segment
// and a bare TOML key; it is no full BCP 47 parser (the generator is
// stdlib-only), Lexsite itself checks the tag.
func validLangCode(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c == '-' || c >= '0' && c <= '9'):
			if c == '-' && (s[i-1] == '-' || i == len(s)-1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Files returns the Lexsite site for opts as slash-separated paths relative
// to the site root mapped to file contents. It exists so that Go benchmarks
// can build from memory (fstest.MapFS) without touching the disk.
// It panics if opts is invalid (see Validate): the in-memory form is for
// tests, where a bad option is a programming error.
func Files(opts Options) map[string][]byte {
	return mustGen(opts, flavorLexsite).files()
}

// Write writes a Lexsite site (lexsite.toml + content/) into dir for opts.
// Deterministic: same opts, same bytes.
//
// dir must be missing or empty: files left from another corpus would make
// the result depend on what was there before.
func Write(dir string, opts Options) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	return writeTree(dir, Files(opts))
}

// WriteHugo writes the same corpus as a Hugo site into dir: hugo.toml with
// the same languages, content/ in Hugo's multilingual-by-filename layout and
// minimal layouts that do the work Lexsite's pages do (header, navigation,
// language switcher, table of contents, date, section and home lists,
// sitemap, 404). Citations, which Hugo cannot read, become ordinary links
// with the text and anchor Lexsite would give them.
//
// dir must be missing or empty, as for Write.
func WriteHugo(dir string, opts Options) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	return writeTree(dir, hugoFiles(opts))
}

func mustGen(opts Options, f flavor) *gen {
	if err := opts.Validate(); err != nil {
		panic(err)
	}
	return newGen(opts.normalized(), f)
}

func hugoFiles(opts Options) map[string][]byte {
	g := mustGen(opts, flavorHugo)
	files := g.files()
	for p, b := range hugoSupport(g) {
		files[p] = b
	}
	return files
}

// writeTree writes files under dir in sorted order, so that a failure part
// way leaves the same partial tree every time.
func writeTree(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("corpus: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("corpus: %s is not empty; give a new or empty folder", dir)
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}
