package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	lexsite "github.com/lexsite/lexsite"
	"github.com/lexsite/lexsite/internal/cite"
	"github.com/lexsite/lexsite/internal/config"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/i18n"
	"github.com/lexsite/lexsite/internal/pipeline"
	"github.com/lexsite/lexsite/internal/scaffold"
)

const newUsage = `Usage:
  lexsite new site DIR [--lang en,es] [--title TITLE]
  lexsite new guide NAME [-s SITE] [--lang LANG]
  lexsite new flow NAME [-s SITE] [--lang LANG]
  lexsite new statute KEY [-s SITE] [--lang LANG]
`

const newHelp = `lexsite new starts a site, or a document in a site. What it writes passes
lexsite check as it is; fill it in from there.

` + newUsage + `
new site makes the folder DIR (which must not exist, or be empty) with
lexsite.toml, a home page text per language, an example guide and a
.gitignore. Templates and static files come from Lexsite itself until the
site puts its own at the same path. --lang lists the languages, the default
language first (default: en); each is named in lexsite.toml by its own name
(Español, 中文). --title is the site title. Replace the placeholder base_url
before publishing.

new guide, new flow and new statute write content/guides/NAME.LANG.md,
content/flows/NAME.LANG.md or content/statutes/KEY.LANG.md in SITE, in the
site's default language unless --lang names another configured one. Guides
and flows get today as their reviewed date; a flow gets one question with
two answers leading to two outcomes; a statute excerpt gets the statute
front matter and an Article 1. NAME and KEY are lowercase letters a-z,
digits and hyphens. An existing file is never overwritten.

`

// runNew makes a new site or document: the files come from the scaffold
// package, this reads the flags and the site and writes them.
func runNew(today time.Time, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "lexsite new: say what to make: site, guide, flow or statute.\n\n"+newUsage)
		return ExitUsage
	}
	kind := args[0]
	switch kind {
	case "-h", "-help", "--help":
		f := newFlags("new", stdout)
		f.Usage()
		return ExitOK
	case "site", scaffold.Guide, scaffold.Flow, scaffold.Statute:
	default:
		fmt.Fprintf(stderr, "lexsite new: unknown kind %q: write site, guide, flow or statute.\n\n%s", kind, newUsage)
		return ExitUsage
	}
	f := newFlags("new", stderr)
	f.FlagSet.Init("new "+kind, flag.ContinueOnError)
	names, err := parseInterspersed(f.FlagSet, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	what := "NAME"
	switch kind {
	case "site":
		what = "DIR"
	case scaffold.Statute:
		what = "KEY"
	}
	if len(names) == 1 && strings.TrimSpace(names[0]) == "" {
		names = nil
	}
	if len(names) != 1 {
		msg := "say what to call it"
		if len(names) > 1 {
			msg = fmt.Sprintf("one %s only, not %q", what, names)
		}
		fmt.Fprintf(stderr, "lexsite new %s: %s: lexsite new %s %s\n", kind, msg, kind, what)
		return ExitUsage
	}
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if kind == "site" {
		if set["s"] {
			fmt.Fprintln(stderr, "lexsite new site: -s is for new documents; the new site's folder is DIR: lexsite new site DIR")
			return ExitUsage
		}
		return newSite(today, names[0], f, stdout, stderr)
	}
	if set["title"] {
		fmt.Fprintf(stderr, "lexsite new %s: --title is for new sites; a new %s's title comes from its name, change it in the file\n", kind, kind)
		return ExitUsage
	}
	return newDoc(today, kind, names[0], f, stdout, stderr)
}

// parseInterspersed parses flags written before, between and after the
// positional arguments (lexsite new site DIR --lang en,es), and returns
// the positional ones.
func parseInterspersed(f *flag.FlagSet, args []string) ([]string, error) {
	var names []string
	for {
		if err := f.Parse(args); err != nil {
			return nil, err
		}
		args = f.Args()
		if len(args) == 0 {
			return names, nil
		}
		names = append(names, args[0])
		args = args[1:]
	}
}

func newSite(today time.Time, dir string, f *flags, stdout, stderr io.Writer) int {
	codes := f.lang
	if codes == "" {
		codes = "en"
	}
	var langs []scaffold.Language
	seen := map[string]bool{}
	for c := range strings.SplitSeq(codes, ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		l, err := scaffold.LanguageOf(c)
		if err != nil {
			fmt.Fprintf(stderr, "lexsite new site: --lang: %v\n", err)
			return ExitUsage
		}
		if seen[c] {
			fmt.Fprintf(stderr, "lexsite new site: --lang lists %q twice\n", c)
			return ExitUsage
		}
		seen[c] = true
		langs = append(langs, l)
	}
	if len(langs) == 0 {
		fmt.Fprintln(stderr, "lexsite new site: --lang names no language; write the codes separated by commas, such as --lang en,es")
		return ExitUsage
	}
	if err := scaffold.CheckEmpty(dir); err != nil {
		if errors.Is(err, scaffold.ErrNotEmpty) {
			fmt.Fprintf(stderr, "lexsite new site: refusing to make a site in %s: %v; choose a new or empty folder\n", dir, err)
			return ExitUsage
		}
		fmt.Fprintf(stderr, "lexsite new site: %v\n", err)
		return ExitUsage
	}
	files, err := scaffold.Site(scaffold.SiteOptions{Languages: langs, Title: f.title, Today: today})
	if err != nil {
		fmt.Fprintf(stderr, "lexsite new site: %v\n", err)
		return ExitUsage
	}
	if err := scaffold.Write(dir, files); err != nil {
		fmt.Fprintf(stderr, "lexsite new site: %v\n", err)
		return ExitContent
	}
	for _, l := range langs {
		if l.Name == "" {
			fmt.Fprintf(stderr, "note: Lexsite does not know what %q calls itself; write its own name as name under [languages.%s] in lexsite.toml\n", l.Code, l.Code)
		}
		if _, err := fs.Stat(lexsite.Defaults(), i18n.Dir+"/"+l.Code+".toml"); err != nil {
			fmt.Fprintf(stderr, "note: Lexsite carries no UI strings for %s: its pages use the English ones until the site has %s/%s.toml (see docs/templates.md)\n", l.Code, i18n.Dir, l.Code)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Created a site in %s:\n", dir)
	for _, p := range files.Paths() {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	fmt.Fprintf(&b, "Preview it with: lexsite serve -s %s\n", dir)
	_, _ = io.WriteString(stdout, b.String())
	return ExitOK
}

func newDoc(today time.Time, kind, name string, f *flags, stdout, stderr io.Writer) int {
	prefix := "lexsite new " + kind + ": "
	if err := scaffold.CheckName(kind, name); err != nil {
		fmt.Fprintf(stderr, "%s%v\n", prefix, err)
		return ExitUsage
	}
	diags := &diag.List{}
	proj, err := pipeline.Open(pipeline.Options{SiteDir: f.site}, diags)
	if err != nil {
		_ = diag.WriteText(stderr, diags.Items())
		fmt.Fprintf(stderr, "%s%s is not a site that can be used; start one with: lexsite new site DIR\n", prefix, f.site)
		return ExitUsage
	}
	cfg := proj.Config
	lang := f.lang
	if lang == "" {
		lang = cfg.DefaultLanguage
	}
	if _, ok := cfg.Languages[lang]; !ok {
		fmt.Fprintf(stderr, "%sthe site has no language %q (configured: %s); add [languages.%s] to %s first, or choose one of those\n",
			prefix, lang, strings.Join(cfg.LanguageOrder, ", "), lang, filepath.Join(f.site, config.FileName))
		return ExitUsage
	}
	rel := scaffold.DocPath(kind, name, lang)
	// The same document and language under another name would clash too:
	// without a suffix, a file is the default language's.
	candidates := []string{rel}
	if lang == cfg.DefaultLanguage {
		candidates = append(candidates, "content/"+scaffold.Folder(kind)+"/"+name+".md")
	}
	for _, c := range candidates {
		if _, err := os.Lstat(filepath.Join(f.site, filepath.FromSlash(c))); err == nil {
			fmt.Fprintf(stderr, "%srefusing to overwrite %s: it exists already\n", prefix, filepath.Join(f.site, filepath.FromSlash(c)))
			return ExitUsage
		}
	}
	opts := scaffold.DocOptions{Name: name, Lang: lang, Today: today}
	if kind == scaffold.Statute {
		ct := citation(proj, lang)
		opts.ArticleHeading, opts.ChineseNumerals = ct.Heading, ct.Numerals == "chinese"
		// The first version of a law written is taken for the official
		// text; a translation of one that exists is not.
		opts.Authoritative = !lawExists(proj, name, cfg.LanguageOrder)
	}
	files, err := scaffold.Doc(kind, opts)
	if err != nil {
		fmt.Fprintf(stderr, "%s%v\n", prefix, err)
		return ExitUsage
	}
	if err := scaffold.Write(f.site, files); err != nil {
		if errors.Is(err, scaffold.ErrExists) {
			fmt.Fprintf(stderr, "%srefusing to overwrite %v\n", prefix, err)
			return ExitUsage
		}
		fmt.Fprintf(stderr, "%s%v\n", prefix, err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "Created %s\n", filepath.Join(f.site, filepath.FromSlash(rel)))
	return ExitOK
}

// lawExists reports whether the site (or a base site) has a version of the
// law key in any language.
func lawExists(proj *pipeline.Project, key string, langs []string) bool {
	dir := "content/" + scaffold.Folder(scaffold.Statute) + "/"
	names := []string{dir + key + ".md"}
	for _, l := range langs {
		names = append(names, dir+key+"."+l+".md")
	}
	return slices.ContainsFunc(names, proj.FS.Exists)
}

// citation returns how lang writes citations and article headings, from
// the UI strings the site would build with (its own, its bases', the
// carried ones). Problems in them are left for check to report.
func citation(proj *pipeline.Project, lang string) cite.Conventions {
	files, _ := proj.FS.Walk(i18n.Dir)
	var in []i18n.File
	for _, f := range files {
		if path.Ext(f.Path) != ".toml" {
			continue
		}
		data, layers := proj.FS.ReadAll(f.Path)
		for i, src := range data {
			in = append(in, i18n.File{Lang: strings.TrimSuffix(path.Base(f.Path), ".toml"), Path: layers[i].Label, Src: src})
		}
	}
	cat := i18n.Load(in, proj.Config.DefaultLanguage, proj.Config.LanguageOrder, &diag.List{})
	return cat.Citation(lang)
}
