// Package lexsite carries the defaults every site builds on: the templates,
// UI strings and static files of this repository, embedded into the binary
// so that a site folder holding only lexsite.toml and content/ builds.
package lexsite

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var defaults embed.FS

// Defaults returns the carried templates/ and static/ folders.
func Defaults() fs.FS { return defaults }

// Version is the release of Lexsite; set at link time for releases.
const Version = "0.1.0-dev"
