package pipeline

import (
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/sitefs"
)

// warnSkipped tells the author about each entry of the site's folders that
// the build leaves out without a visible reason: a symbolic link (which
// could lead out of the site, so it is not followed) or something that is
// not a file. Without the warning a linked guide or style sheet would
// simply be missing from the output.
func warnSkipped(fsys *sitefs.FS, diags *diag.List) {
	for _, s := range fsys.Skipped("content", "templates", "static") {
		switch {
		case s.Symlink && s.Link != "":
			diags.Warnf(s.Label, 1, 1, "this is a symbolic link to %s; Lexsite does not follow links, so it is left out of the site: put the file or folder itself here", s.Link)
		case s.Symlink:
			diags.Warnf(s.Label, 1, 1, "this is a symbolic link; Lexsite does not follow links, so it is left out of the site: put the file or folder itself here")
		default:
			diags.Warnf(s.Label, 1, 1, "this is not a file or a folder, so it is left out of the site")
		}
	}
}
