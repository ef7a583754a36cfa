// Package lexsite carries the defaults every site builds on: the templates,
// UI strings and static files of this repository, embedded into the binary
// so that a site folder holding only lexsite.toml and content/ builds.
//
// The repository is also the bundled site, and most of its files are both:
// its templates/ and static/ are the carried ones. UI strings are the
// exception. The bundled site's templates/i18n/ holds only what is about
// it (a helpline of one country, say), and the strings every site gets
// live in carried/templates/i18n/, so that no other site shows them.
package lexsite

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed templates static
var files embed.FS

//go:embed carried
var carried embed.FS

// stringsDir is where sites keep UI strings (i18n.Dir, which this package
// cannot import without a cycle through the packages that import it).
const stringsDir = "templates/i18n"

// Defaults returns the carried templates/ and static/ folders, with the
// carried UI strings at templates/i18n/.
func Defaults() fs.FS {
	sub, err := fs.Sub(carried, "carried")
	if err != nil {
		panic(err) // "carried" is a valid path: fs.Sub cannot fail
	}
	return defaultsFS{files: files, strings: sub}
}

// defaultsFS serves templates/i18n/ from the carried strings and every
// other path from the repository's templates/ and static/.
type defaultsFS struct {
	files, strings fs.FS
}

func (d defaultsFS) route(name string) fs.FS {
	if name == stringsDir || strings.HasPrefix(name, stringsDir+"/") {
		return d.strings
	}
	return d.files
}

func (d defaultsFS) Open(name string) (fs.File, error) { return d.route(name).Open(name) }

func (d defaultsFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(d.route(name), name)
}

func (d defaultsFS) ReadFile(name string) ([]byte, error) {
	return fs.ReadFile(d.route(name), name)
}

// Version is the release of Lexsite; set at link time for releases.
const Version = "0.1.0-dev"
