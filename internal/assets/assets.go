// Package assets owns the style sheets and scripts of the output. They are
// minified, because readers on slow networks pay for every byte, and named
// by a hash of their content ("css/site.3f9a0c2b1d.css"), so a host can
// let browsers keep them for a year: a changed file gets a new name, and
// the pages that link to it are written with that name.
package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/parse/v2"
)

// Options say what to do to style sheets and scripts.
type Options struct {
	// Minify removes what the browser does not need: comments, spaces,
	// long local names.
	Minify bool
	// Fingerprint puts a hash of the file's content in its name.
	Fingerprint bool
}

// HashLen is how many hex digits of the SHA-256 of a file's content its
// name carries: enough that two versions of one file never share a name.
const HashLen = 10

// Processed reports whether a file of static/ is a style sheet or a script,
// the files this package minifies and renames. Other files (images, fonts,
// robots.txt) are copied as they are: their names are written by hand in
// pages and style sheets.
func Processed(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js":
		return true
	}
	return false
}

// Asset is a style sheet or script ready for the output.
type Asset struct {
	// Source is its name under static/, such as "css/site.css".
	Source string
	// Name is its name in the output: Source with the hash before the
	// extension when fingerprinting, Source otherwise.
	Name string
	Data []byte
}

// Error is a file that cannot be minified, at a position in it.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Pipeline minifies and fingerprints with one set of options. It is safe
// for use by one goroutine at a time; make one per worker.
type Pipeline struct {
	opts Options
	m    *minify.M
}

// New returns a pipeline for opts.
func New(opts Options) *Pipeline {
	m := minify.New()
	m.Add("text/css", &css.Minifier{})
	// Version 5: the output stays ECMAScript 5, which the old browsers this
	// site is read on understand; newer syntax would only save bytes.
	m.Add("text/javascript", &js.Minifier{Version: 5})
	return &Pipeline{opts: opts, m: m}
}

// Process makes the output form of the static file source (a style sheet
// or a script) with content data. A file that cannot be minified gives an
// *Error with its position.
func (p *Pipeline) Process(source string, data []byte) (*Asset, error) {
	out := data
	if p.opts.Minify {
		var b bytes.Buffer
		mediatype := "text/css"
		if path.Ext(source) == ".js" {
			mediatype = "text/javascript"
		}
		if err := p.m.Minify(mediatype, &b, bytes.NewReader(data)); err != nil {
			return nil, positioned(err)
		}
		out = b.Bytes()
	}
	a := &Asset{Source: source, Name: source, Data: out}
	if p.opts.Fingerprint {
		a.Name = Fingerprinted(source, out)
	}
	return a, nil
}

// Fingerprinted returns name with the hash of data before its extension:
// "css/site.css" becomes "css/site.3f9a0c2b1d.css".
func Fingerprinted(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:HashLen] + ext
}

// positioned turns the parser's error into an *Error an author can find.
func positioned(err error) error {
	var pe *parse.Error
	if errors.As(err, &pe) {
		return &Error{Line: pe.Line, Col: pe.Column, Msg: pe.Message}
	}
	return &Error{Line: 0, Col: 0, Msg: err.Error()}
}
