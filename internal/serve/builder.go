package serve

import (
	"context"
	"path/filepath"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
)

// Builder makes a new snapshot of the site.
//
// The server calls Build once at start with changed == nil, then once per
// settled batch of file events, never two calls at once. changed == nil
// means "assume everything changed" (the first build, or the watcher lost
// events); otherwise it lists every path that changed since the previous
// call, so an incremental builder can redo only what depends on them. A
// change's Source is spelled exactly as in Snapshot.Sources; its Path may
// name a folder (created, removed or renamed: everything below it changed)
// or a path that no longer exists (a delete, the old name of a rename).
//
// A failed build returns an error and still a non-nil Snapshot, with the
// diagnostics that explain it and a nil Files; the server keeps serving the
// previous good snapshot. The returned Snapshot must not be changed after
// Build returns: the server reads it from many goroutines.
type Builder interface {
	Build(ctx context.Context, changed []pipeline.Change) (*Snapshot, error)
}

// Snapshot is one build of the site as the server serves it.
type Snapshot struct {
	// Files maps output names ("en/index.html", "css/site.css") to their
	// bytes, exactly as `lexsite build` writes them. Nil when the build
	// failed. A builder should hand over the previous snapshot's slice for
	// a file it did not rebuild: the server then knows the file unchanged
	// without comparing its bytes.
	Files map[string][]byte
	// Diagnostics are every problem the build found, errors and warnings.
	Diagnostics []diag.Diagnostic
	// Sources are the folders to watch: the site first, then its base
	// sites. Nil when the build could not tell (a broken lexsite.toml); the
	// server then keeps watching what it watched before.
	Sources []string
	// Pages is the number of HTML pages, for the terminal.
	Pages int
}

// FullBuilder rebuilds the whole site into memory on every call, ignoring
// which paths changed. It is the reference an incremental builder must
// agree with byte for byte.
type FullBuilder struct {
	// Options are passed to pipeline.Run as they are; BaseURL is normally the
	// server's own address, so absolute links lead back to the preview.
	Options pipeline.Options
}

// Build runs pipeline.Run into memory, with plain assets as every preview
// build (see NewSessionBuilder).
func (b FullBuilder) Build(ctx context.Context, _ []pipeline.Change) (*Snapshot, error) {
	mem := output.NewMemory()
	opts := b.Options
	opts.PlainAssets = true
	res, err := pipeline.Run(ctx, opts, mem)
	snap := &Snapshot{}
	if res != nil {
		snap.Diagnostics = res.Diagnostics
		snap.Sources = res.Sources
		snap.Pages = res.Pages
	}
	if err != nil {
		return snap, err
	}
	snap.Files = mem.Files()
	return snap, nil
}

// SessionBuilder rebuilds through a pipeline.Session, which parses again only
// the documents whose text changed and renders again only the pages an edit
// can change. The server calls Build from one goroutine at a time, which is
// what a Session needs.
type SessionBuilder struct {
	Session *pipeline.Session
}

// NewSessionBuilder returns a SessionBuilder for the site opts describes.
// The preview writes style sheets and scripts as they are, under their own
// names (pipeline.Options.PlainAssets): an edited style sheet is then one
// changed file, swapped into the open page without a reload, and the
// browser's tools show the author's own lines.
func NewSessionBuilder(opts pipeline.Options) SessionBuilder {
	opts.PlainAssets = true
	return SessionBuilder{Session: pipeline.NewSession(opts)}
}

// Build passes the changes on; nil still means everything.
func (b SessionBuilder) Build(ctx context.Context, changed []pipeline.Change) (*Snapshot, error) {
	out, err := b.Session.Build(ctx, changed)
	snap := &Snapshot{}
	if out != nil && out.Result != nil {
		snap.Diagnostics = out.Diagnostics
		snap.Sources = out.Sources
		snap.Pages = out.Pages
	}
	if err != nil {
		return snap, err
	}
	snap.Files = out.Files
	return snap, nil
}

// siteRelative returns how a change is shown in the terminal: relative to
// the site folder, so a base site's file reads "../upstream/content/x.md".
func siteRelative(site string, c pipeline.Change) string {
	if c.Source == site || site == "" {
		return c.Path
	}
	rel, err := filepath.Rel(site, filepath.Join(c.Source, filepath.FromSlash(c.Path)))
	if err != nil {
		return filepath.ToSlash(filepath.Join(c.Source, filepath.FromSlash(c.Path)))
	}
	return filepath.ToSlash(rel)
}
