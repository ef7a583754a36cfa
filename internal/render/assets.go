package render

import (
	"errors"
	"fmt"
	"github.com/lexsite/lexsite/internal/deps"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/lexsite/lexsite/internal/assets"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/markdown"
	"github.com/lexsite/lexsite/internal/output"
)

// prepareAssets minifies and fingerprints the style sheets and scripts of
// static/ (and the generated highlighting style sheet) before any page is
// rendered, since every page links to them by their new names.
func (r *Renderer) prepareAssets(diags *diag.List) {
	r.assets = map[string]*assets.Asset{}
	files, err := r.fsys.Walk("static")
	if err != nil {
		diags.Errorf("static", 0, 0, "cannot read the static files: %v", err)
		return
	}
	p := assets.New(assets.Options{Minify: r.cfg.Assets.Minify, Fingerprint: r.cfg.Assets.Fingerprint})
	add := func(source, label string, data []byte) {
		a, err := p.Process(source, data)
		var ae *assets.Error
		if errors.As(err, &ae) {
			kind := "style sheet"
			if path.Ext(source) == ".js" {
				kind = "script"
			}
			diags.Errorf(label, ae.Line, ae.Col, "this %s cannot be read, so it cannot be minified: %s (or set minify = false under [assets])", kind, ae.Msg)
			return
		}
		r.assets[source] = a
	}
	for _, f := range files {
		source := f.Path[len("static/"):]
		if !assets.Processed(source) {
			continue
		}
		b, _, err := r.fsys.ReadFile(f.Path)
		if err != nil {
			diags.Errorf(f.Label, 0, 0, "cannot read this file: %v", err)
			continue
		}
		add(source, f.Label, b)
	}
	if r.fsys.Exists("static/" + chromaCSS) {
		return // the site brings its own highlighting styles
	}
	css, err := markdown.StyleSheet(r.cfg.Markdown.HighlightStyle, r.cfg.Markdown.HighlightStyleDark)
	if err != nil {
		diags.Errorf(r.cfg.Path, 0, 0, "%v", err)
		return
	}
	add(chromaCSS, "(generated) "+chromaCSS, css)
}

// chromaCSS is the generated style sheet of highlighted code.
const chromaCSS = "css/chroma.css"

// AssetNames maps each style sheet and script ("css/site.css") to its name
// in the output. Pages link to those names: when one changes, every page
// must be written again.
func (r *Renderer) AssetNames() map[string]string {
	m := make(map[string]string, len(r.assets))
	for src, a := range r.assets {
		m[src] = a.Name
	}
	return m
}

// assetPath returns the site-root path of the static file name
// ("css/site.css" or "/css/site.css"): the fingerprinted name of a style
// sheet or script.
func (r *Renderer) assetPath(name string) string {
	name = strings.TrimPrefix(name, "/")
	if a := r.assets[name]; a != nil {
		return "/" + a.Name
	}
	return "/" + name
}

// writeStatic copies static/ from every layer, writes the style sheets and
// scripts as prepared, and the generated files a site may replace with its
// own: robots.txt and the highlighting style sheet.
func (r *Renderer) writeStatic(rec *deps.Reads, w output.Writer, _ *diag.List) error {
	rec.Add(InputKey(InConfig))
	rec.Add(InputKey(InStatic))
	rec.Add(InputKey(InAssets))
	for _, lang := range r.site.Langs {
		rec.Add(InputKey(InShell, lang)) // its icons
	}
	files, err := r.fsys.Walk("static")
	if err != nil {
		return err
	}
	for _, f := range files {
		if assets.Processed(f.Path) {
			continue
		}
		b, _, err := r.fsys.ReadFile(f.Path)
		if err != nil {
			return err
		}
		if err := w.WriteFile(f.Path[len("static/"):], b); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.assets)) {
		a := r.assets[name]
		if err := w.WriteFile(a.Name, a.Data); err != nil {
			return fmt.Errorf("writing %s: %w", a.Name, err)
		}
	}
	if err := r.writeIcons(w); err != nil {
		return err
	}
	return r.writeRobots(w)
}
