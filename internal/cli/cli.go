// Package cli owns the lexsite command line: flags, help texts, exit codes
// and how diagnostics are printed. The work itself is the build package's.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	lexsite "github.com/lexsite/lexsite"
	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/english"
	"github.com/lexsite/lexsite/internal/freshness"
	"github.com/lexsite/lexsite/internal/output"
	"github.com/lexsite/lexsite/internal/pipeline"
	"github.com/lexsite/lexsite/internal/serve"
)

// Exit statuses (SPEC section 7).
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
	// ExitOutput: the output could not be written (disk full, permissions,
	// another build holding it, interrupted). Not the content's fault, so
	// not 1: a script can tell "fix the site" from "fix the machine".
	ExitOutput = 3
)

const usage = `Lexsite builds a multilingual legal-information website from Markdown.

Usage:
  lexsite build   [-s SITE] [-o OUT] [--base-url URL] [--relative] [--drafts]
  lexsite check   [-s SITE] [--format text|json] [--drafts]
  lexsite serve   [-s SITE] [--addr 127.0.0.1:1313] [--drafts]
  lexsite new site DIR [--lang en,es] [--title TITLE]
  lexsite new guide|flow|statute NAME [-s SITE] [--lang LANG]
  lexsite version
  lexsite help [COMMAND]

SITE is a folder with lexsite.toml and content/ (default: the current folder).
OUT defaults to SITE/public. Problems are printed as path:line:col: message.
Exit status: 0 built (warnings allowed), 1 content errors, 2 bad usage or
configuration (or a refused output folder), 3 the output could not be written
(disk full, permissions, another build writing into it, interrupted).

Documentation: docs/ in the Lexsite repository (format.md, templates.md).
`

// Run runs the command line args (without the program name) and returns the
// exit status. check and new take today's date from this computer's clock
// (see RunAt).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return RunAt(ctx, time.Now(), args, stdout, stderr)
}

// RunAt is Run on the calendar day of today (in its location): the day
// check measures reviewed dates against, and the reviewed date new writes.
// Nothing below the command line reads the clock, so tests pass a fixed day
// and a build never depends on it.
func RunAt(ctx context.Context, today time.Time, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, today, args[1:], stdout, stderr)
	case "new":
		return runNew(today, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "lexsite %s\n", lexsite.Version)
		return ExitOK
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			fs := newFlags(args[1], stderr)
			if fs != nil {
				fs.SetOutput(stdout)
				fs.Usage()
				return ExitOK
			}
		}
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "lexsite: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

type flags struct {
	*flag.FlagSet
	site, out, baseURL, format, addr string
	lang, title                      string
	drafts, relative                 bool
}

const serveHelp = `lexsite serve builds the site into memory and serves it for preview, at
http://127.0.0.1:1313/ unless --addr says otherwise. Nothing is written to disk.

It watches lexsite.toml, netlify.toml, content/, templates/ and static/ (and
those of base sites), rebuilds a few milliseconds after each save, and
reloads the open pages once the new build is being served, keeping their
scroll position; a stylesheet change is swapped in without a reload. When
an edit breaks the build, every open page lists the errors over the last
good build until they are fixed. The headers, redirects and 404 rules of
netlify.toml apply as on Netlify.

Usage: lexsite serve [-s SITE] [--addr 127.0.0.1:1313] [--drafts]

Only this computer can reach the preview unless --addr names another
address (such as 0.0.0.0:1313: then anyone on the network can read it,
drafts included). Ctrl-C stops it. See docs/serve.md.

`

const buildHelp = `lexsite build writes the site into a fresh folder beside OUT and swaps it in
place of OUT only when the build succeeded. A failed or interrupted build
(Ctrl-C) leaves OUT exactly as it was and nothing beside it.

Usage: lexsite build [-s SITE] [-o OUT] [--base-url URL] [--relative] [--drafts]

--relative writes every link relative to its page, for a copy opened from
disk (file://) or moved to any folder (relative_urls in lexsite.toml does
the same).

OUT is replaced only if Lexsite made it (it holds a .lexsite-output file)
or it is empty; an output of an older Lexsite must be removed once by hand.
OUT may not be the site, contain it, or lie in its content/, templates/ or
static/, symbolic links followed. A second build into the same OUT waits up
to a minute for the first to finish. Exit status 3 means OUT could not be
written (disk full, permissions, another build, interrupted); the message
names the path.

`

const checkHelp = `lexsite check reports every problem of the site without writing anything.

Usage: lexsite check [-s SITE] [--format text|json] [--drafts]

Besides what a build finds, check warns about each guide and flow, in each
language, whose reviewed date is more than review_months ([check] in
lexsite.toml, 12 by default) before today. After the problems it lists,
per language, the guides, flows, statutes and pages not translated into it
yet. With --format json that list is part of the array, one entry with
"severity": "info" per document and language. Info entries and warnings
never change the exit status.

`

// commandHelp is the help text of each command with options.
func commandHelp(cmd string) (string, bool) {
	help := map[string]string{
		"build": buildHelp,
		"check": checkHelp,
		"serve": serveHelp,
		"new":   newHelp,
	}
	h, ok := help[cmd]
	return h, ok
}

func newFlags(cmd string, stderr io.Writer) *flags {
	help, ok := commandHelp(cmd)
	if !ok {
		return nil
	}
	f := &flags{FlagSet: flag.NewFlagSet(cmd, flag.ContinueOnError)}
	f.SetOutput(stderr)
	switch cmd {
	case "new":
		f.StringVar(&f.site, "s", ".", "the site folder (new guide, flow, statute)")
		f.StringVar(&f.lang, "lang", "", "new site: its languages, the default first (default en); otherwise the document's language (default: the site's default_language)")
		f.StringVar(&f.title, "title", "", "new site: the site title")
	default:
		f.StringVar(&f.site, "s", ".", "the site folder")
		f.BoolVar(&f.drafts, "drafts", false, "include documents marked draft: true")
	}
	switch cmd {
	case "build":
		f.StringVar(&f.out, "o", "", "the output folder (default SITE/public)")
		f.StringVar(&f.baseURL, "base-url", "", "publish at this address instead of base_url")
		f.BoolVar(&f.relative, "relative", false, "write every link relative to its page, for a copy opened from disk")
	case "check":
		f.StringVar(&f.format, "format", "text", "text or json")
	case "serve":
		f.StringVar(&f.addr, "addr", "127.0.0.1:1313", "the address to listen on, host:port (port 0 picks a free one)")
	}
	f.Usage = func() {
		fmt.Fprint(f.Output(), help+"Options:\n")
		f.PrintDefaults()
	}
	return f
}

func (f *flags) parse(args []string) int {
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if f.NArg() > 0 {
		fmt.Fprintf(f.Output(), "lexsite %s: unexpected argument %q\n", f.Name(), f.Arg(0))
		return ExitUsage
	}
	return -1
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("build", stderr)
	if code := f.parse(args); code >= 0 {
		return code
	}
	out := f.out
	if out == "" {
		out = filepath.Join(f.site, "public")
	}
	// Ctrl-C and SIGTERM stop the build at the next file and remove what
	// it wrote, instead of killing it with a staging folder left behind.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	opts := pipeline.Options{SiteDir: f.site, Drafts: f.drafts, BaseURL: f.baseURL, Relative: f.relative}
	diags := &diag.List{}
	proj, err := pipeline.Open(opts, diags)
	if err != nil {
		_ = diag.WriteText(stderr, diags.Items())
		return ExitUsage
	}
	dir, err := output.Open(ctx, output.Options{
		Out:     out,
		Sources: proj.Sources,
		Waiting: func() {
			fmt.Fprintf(stderr, "lexsite build: another build is writing into %s; waiting for it to finish (at most %s)…\n", out, output.DefaultWait)
		},
	})
	if err != nil {
		var refused *output.RefusedError
		if errors.As(err, &refused) {
			fmt.Fprintf(stderr, "lexsite build: %v\n", err)
			return ExitUsage
		}
		return outputFailure(ctx, stderr, out, err, nil)
	}
	// The project opened to find the output's sources is the one built:
	// lexsite.toml is read once.
	res, err := proj.Run(ctx, dir)
	_ = diag.WriteText(stderr, res.Diagnostics)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		abortErr := dir.Abort()
		if errors.Is(err, pipeline.ErrConfig) || errors.Is(err, pipeline.ErrContent) {
			return failure(stderr, "build", err, res)
		}
		return outputFailure(ctx, stderr, out, err, abortErr)
	}
	if err := dir.Commit(); err != nil {
		var cleanup *output.CleanupError
		if !errors.As(err, &cleanup) {
			return outputFailure(ctx, stderr, out, err, nil)
		}
		fmt.Fprintf(stderr, "warning: %v\n", err)
	}
	_, warnings := diag.Count(res.Diagnostics)
	langs := english.Count(len(res.Config.LanguageOrder), "language")
	fmt.Fprintf(stdout, "Built %d pages in %s into %s in %s%s.\n", res.Pages, langs, out, time.Since(start).Round(time.Millisecond), withWarnings(warnings))
	return ExitOK
}

// outputFailure reports a build that could not write its output, or was
// interrupted, and what is left; the output folder is as it was.
func outputFailure(ctx context.Context, stderr io.Writer, out string, err, cleanup error) int {
	// A write that failed reached here wrapped by the renderer; the
	// output's own error names the file and says what to do.
	var oe *output.Error
	if errors.As(err, &oe) {
		err = oe
	}
	switch {
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintf(stderr, "lexsite build: interrupted; %s is as it was before the build.\n", out)
	default:
		fmt.Fprintf(stderr, "lexsite build: %v. %s is as it was before the build.\n", err, out)
	}
	if cleanup != nil {
		fmt.Fprintf(stderr, "lexsite build: %v; the next build removes it.\n", cleanup)
	}
	return ExitOutput
}

func failure(stderr io.Writer, cmd string, err error, res *pipeline.Result) int {
	errs, _ := diag.Count(res.Diagnostics)
	written := "; nothing was written"
	if cmd == "check" {
		written = ""
	}
	switch {
	case errors.Is(err, pipeline.ErrConfig):
		fmt.Fprintf(stderr, "lexsite %s: the configuration has errors%s.\n", cmd, written)
		return ExitUsage
	case errors.Is(err, pipeline.ErrContent):
		fmt.Fprintf(stderr, "lexsite %s: %s%s.\n", cmd, english.Count(errs, "error"), written)
		return ExitContent
	}
	fmt.Fprintf(stderr, "lexsite %s: %v; nothing was written.\n", cmd, err)
	return ExitContent
}

// withWarnings ends a summary line with how many warnings were printed
// above it, when there were any: ", with 2 warnings".
func withWarnings(n int) string {
	if n == 0 {
		return ""
	}
	return ", with " + english.Count(n, "warning")
}

func runCheck(ctx context.Context, today time.Time, args []string, stdout, stderr io.Writer) int {
	f := newFlags("check", stderr)
	if code := f.parse(args); code >= 0 {
		return code
	}
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "lexsite check: --format must be text or json, not %q\n", f.format)
		return ExitUsage
	}
	res, err := pipeline.Run(ctx, pipeline.Options{SiteDir: f.site, Drafts: f.drafts}, nil)
	// What only check reports: old reviewed dates, missing translations.
	// A build never gives these, so its output does not depend on the day.
	diags := res.Diagnostics
	var missing []freshness.Missing
	if res.Site != nil {
		all := &diag.List{}
		for _, d := range res.Diagnostics {
			all.Add(d)
		}
		for _, d := range freshness.Stale(res.Site, res.Site.Config.Check.ReviewMonths, freshness.DateOf(today)) {
			all.Add(d)
		}
		missing = freshness.Untranslated(res.Site)
		if f.format == "json" {
			for _, d := range freshness.Diagnostics(missing) {
				all.Add(d)
			}
		}
		diags = all.Items()
	}
	if f.format == "json" {
		_ = diag.WriteJSON(stdout, diags)
	} else {
		_ = diag.WriteText(stdout, diags)
		_ = freshness.WriteText(stdout, missing)
	}
	if err != nil {
		if f.format == "json" {
			if errors.Is(err, pipeline.ErrConfig) {
				return ExitUsage
			}
			return ExitContent
		}
		return failure(stderr, "check", err, res)
	}
	if f.format == "text" {
		_, warns := diag.Count(diags)
		fmt.Fprintf(stderr, "No errors in %d pages%s.\n", res.Pages, withWarnings(warns))
	}
	return ExitOK
}

// runServe previews the site: built into memory, served on a loopback
// address, rebuilt on every change. The work is the serve package's; this
// checks the configuration first, so a site that cannot be opened at all
// fails like build does, while content errors are shown in the browser.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("serve", stderr)
	if code := f.parse(args); code >= 0 {
		return code
	}
	opts := pipeline.Options{SiteDir: f.site, Drafts: f.drafts}
	diags := &diag.List{}
	if _, err := pipeline.Open(opts, diags); err != nil {
		_ = diag.WriteText(stderr, diags.Items())
		fmt.Fprintln(stderr, "lexsite serve: the configuration has errors; nothing is served.")
		return ExitUsage
	}
	ln, err := serve.Listen(f.addr)
	if err != nil {
		fmt.Fprintf(stderr, "lexsite serve: %v\n", err)
		return ExitUsage
	}
	if !serve.Loopback(ln.Addr()) {
		fmt.Fprintf(stderr, "warning: lexsite serve is listening on %s, which other computers can reach: anyone on your network can read the preview, drafts included. Use --addr 127.0.0.1:1313 to keep it on this computer.\n", ln.Addr())
	}
	// Absolute links (canonical, hreflang, sitemap) lead back to the preview.
	opts.BaseURL = serve.BaseURL(ln.Addr())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Incremental: after an edit only the pages it can change are rendered
	// again (serve.FullBuilder is the reference it is tested against).
	srv := serve.New(serve.Options{Builder: serve.NewSessionBuilder(opts), SiteDir: f.site, Log: stdout})
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "lexsite serve: %v\n", err)
		return ExitContent
	}
	fmt.Fprintln(stdout, "Stopped.")
	return ExitOK
}
