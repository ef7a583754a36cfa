package config

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/tomlpos"
)

// Overrides are the settings a command line gives for one build, over what
// lexsite.toml says.
type Overrides struct {
	// BaseURL replaces base_url (--base-url, or the preview's own address).
	BaseURL string
	// Relative turns relative_urls on (--relative).
	Relative bool
	// Drafts includes documents marked draft (--drafts).
	Drafts bool
	// PlainAssets writes style sheets and scripts as they are written and
	// under their own names, whatever [assets] says: the preview does, so
	// that an edited style sheet is swapped into the open page and the
	// browser's tools show the author's own lines.
	PlainAssets bool
}

// LoadOptions say which site to load and how.
type LoadOptions struct {
	// SiteDir is the site's folder; base sites are found relative to it.
	// Empty means the current folder.
	SiteDir string
	// Open returns the files of a folder; nil means the operating
	// system's. Tests give in-memory folders here.
	Open func(dir string) fs.FS
	// Overrides are the command line's settings.
	Overrides Overrides
}

// Base is one site of the chain of bases.
type Base struct {
	// Dir is the base's folder, joined to the site's as the operating
	// system writes paths.
	Dir string
	// Label is how its files are named in diagnostics: its path relative
	// to the site, slash-separated and ending in "/", such as
	// "../upstream/".
	Label string
	// FS is its files.
	FS fs.FS
}

// Loaded is a site's configuration with its overrides applied, and the
// chain of its bases. It does not change once Load returns.
type Loaded struct {
	cfg   *Config
	site  fs.FS
	bases []Base
}

// Config returns a copy of the configuration of its own: a caller may keep
// it for a build without anything else seeing what it does to it.
func (l *Loaded) Config() *Config { return l.cfg.clone() }

// SiteFS returns the files of the site's own folder.
func (l *Loaded) SiteFS() fs.FS { return l.site }

// Bases returns the chain of base sites, nearest first.
func (l *Loaded) Bases() []Base { return append([]Base(nil), l.bases...) }

// Load reads the site's lexsite.toml, follows its chain of bases and
// applies the command line's overrides, once for a build. Every problem is
// added to diags; the error is ErrInvalid when the site cannot be built.
//
// Only the base sites' files are used, not their settings: of a base's
// lexsite.toml only base is read, to find the next one.
func Load(opts LoadOptions, diags *diag.List) (*Loaded, error) {
	open := opts.Open
	if open == nil {
		open = func(dir string) fs.FS { return os.DirFS(dir) }
	}
	siteDir := opts.SiteDir
	if siteDir == "" {
		siteDir = "."
	}
	siteFS := open(siteDir)
	src, err := fs.ReadFile(siteFS, FileName)
	if err != nil {
		diags.Errorf(FileName, 0, 0, "there is no %s in %s: every site needs one (see docs/format.md)", FileName, siteDir)
		return nil, ErrInvalid
	}
	cfg, err := Parse(FileName, src, diags)
	if err != nil {
		return nil, err
	}
	if err := cfg.override(opts.Overrides, diags); err != nil {
		return nil, err
	}
	bases, err := chain(open, siteDir, cfg, diags)
	if err != nil {
		return nil, err
	}
	return &Loaded{cfg: cfg, site: siteFS, bases: bases}, nil
}

// override applies the command line's settings to c, which Load has just
// made and nobody else holds.
func (c *Config) override(o Overrides, diags *diag.List) error {
	if o.BaseURL != "" {
		if err := c.setBaseURL(o.BaseURL); err != nil {
			diags.Errorf("--base-url", 1, 1, "%v", err)
			return ErrInvalid
		}
	}
	if o.PlainAssets {
		c.Assets = Assets{}
	}
	if o.Relative && !c.RelativeURLs {
		c.RelativeURLs = true
		if c.BasePath != "/" {
			diags.Warnf("--relative", 1, 1, "%s", c.RelativeWarning())
		}
	}
	c.Drafts = o.Drafts
	return nil
}

// baseSettings is what a build reads of a base site's lexsite.toml.
type baseSettings struct {
	Base string `toml:"base"`
}

// chain follows the bases of the site at siteDir. Each base names the
// next; a problem is shown at the base setting of the file that names it.
func chain(open func(string) fs.FS, siteDir string, cfg *Config, diags *diag.List) ([]Base, error) {
	var bases []Base
	seen := map[string]bool{filepath.Clean(siteDir): true}
	base, from, label := cfg.Base, siteDir, ""
	baseLine, baseCol := cfg.Pos("base")
	for base != "" {
		dir := filepath.Join(from, filepath.FromSlash(base))
		file := label + FileName
		label = path.Clean(path.Join(label, base)) + "/"
		if seen[filepath.Clean(dir)] {
			diags.Errorf(file, baseLine, baseCol, "base %q leads back to %s, a site already in the chain of bases: a site cannot be its own base", base, filepath.ToSlash(dir))
			return nil, ErrInvalid
		}
		seen[filepath.Clean(dir)] = true
		bfs := open(dir)
		bsrc, err := fs.ReadFile(bfs, FileName)
		if err != nil {
			diags.Errorf(file, baseLine, baseCol, "base %q is not a site: %s has no %s (the path is relative to the folder of %s)", base, filepath.ToSlash(dir), FileName, file)
			return nil, ErrInvalid
		}
		var next baseSettings
		keys, problems := tomlpos.Decode(bsrc, &next, false)
		if len(problems) > 0 {
			p := problems[0]
			diags.Errorf(label+FileName, p.Line, p.Col, "the base site's configuration cannot be read: %s", p.Msg)
			return nil, ErrInvalid
		}
		bases = append(bases, Base{Dir: dir, Label: label, FS: bfs})
		base, from = next.Base, dir
		baseLine, baseCol = keys.Key("base")
	}
	return bases, nil
}
