// Package serve owns the HTTP side of `lexsite serve`: it builds the site
// into memory, serves it as the static host would (netlify.toml's headers,
// redirects and 404 rules, which package netlify reads and matches),
// rebuilds when package watch reports changed sources, and tells open pages
// to reload once the new build is being served.
//
// The pieces are behind small interfaces so each is tested on its own and
// can be replaced: a Builder makes snapshots (an incremental pipeline.Session,
// or a full build as the reference), and a watch.Watcher and watch.Clock
// feed the file events and time their settling (fsnotify and the real
// time, or fakes in tests).
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/lexsite/lexsite/internal/diag"
	"github.com/lexsite/lexsite/internal/english"
	"github.com/lexsite/lexsite/internal/netlify"
	"github.com/lexsite/lexsite/internal/pipeline"
	"github.com/lexsite/lexsite/internal/watch"
)

// Options configure a Server.
type Options struct {
	// Builder makes the snapshots. Required.
	Builder Builder
	// SiteDir is the site folder: netlify.toml is read from it, and it is
	// watched until a build names the folders to watch.
	SiteDir string
	// Watcher reports file events; nil means the operating system's. The
	// server closes it when it stops.
	Watcher watch.Watcher
	// Clock times the settling of events; nil means the real time.
	Clock watch.Clock
	// Quiet is how long events must pause before a rebuild starts;
	// MaxDelay bounds the wait under a never-ending stream of events.
	// Zero means watch.DefaultQuiet and watch.DefaultMaxDelay.
	Quiet, MaxDelay time.Duration
	// Log receives the terminal's lines; nil discards them.
	Log io.Writer
}

// Server is one running preview. Its state is a snapshot swapped atomically,
// so a request always sees one whole build, never half of the next.
type Server struct {
	opts  Options
	state atomic.Pointer[state]
	hub   *hub
	token string // distinguishes this run's versions from a previous run's

	// Only the build goroutine (and Serve before starting it) touches these.
	builds       int
	rules        *netlify.Rules // never nil
	rulesRead    bool           // rules come from a netlify.toml read without errors, or its absence
	netlifyDiags []diag.Diagnostic
	lastWarnings []diag.Diagnostic

	logMu sync.Mutex
	noted map[string]bool // terminal notes already given

	// built, when a test sets it before Serve, is called on the build
	// goroutine after each build is served and announced, with the changes
	// it was given (nil for the first build). It lets a test count builds
	// exactly, without parsing the terminal's lines.
	built func(changes []pipeline.Change, err error)
}

// state is what the handlers serve. It is never changed once stored.
type state struct {
	files   map[string][]byte // the last good build; nil before the first
	version string            // names files; "" before the first good build
	ok      bool              // the latest build succeeded
	diags   []diag.Diagnostic // why the latest build failed
	rules   *netlify.Rules
	pages   int
}

// New returns a server; Serve starts it.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.SiteDir == "" {
		opts.SiteDir = "."
	}
	s := &Server{
		opts:  opts,
		hub:   newHub(),
		token: strconv.FormatInt(time.Now().UnixNano(), 36),
		noted: map[string]bool{},
		rules: &netlify.Rules{},
	}
	s.state.Store(&state{})
	return s
}

// Listen opens addr for Serve, explaining the usual failure — the port is
// taken — in the terms of the command line.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is already in use (is another lexsite serve, or another server, running?); stop it or choose another address with --addr, for example --addr %s", addr, nextPort(addr))
	}
	return nil, fmt.Errorf("cannot listen on %s: %v; choose another address with --addr", addr, err)
}

// nextPort suggests the same host with the next port.
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n >= 65535 {
		return "127.0.0.1:1314"
	}
	return net.JoinHostPort(host, strconv.Itoa(n+1))
}

// Loopback reports whether a listener is reachable only from this computer.
func Loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// BaseURL is the address readers use for a listener: its own, except that
// a wildcard address (0.0.0.0, ::) is named localhost, which browsers open.
func BaseURL(addr net.Addr) string {
	host := addr.String()
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		host = net.JoinHostPort("localhost", strconv.Itoa(tcp.Port))
	}
	return "http://" + host + "/"
}

// Serve builds the site, serves it on ln and rebuilds on every change until
// ctx ends; then it stops cleanly and returns nil. Only a failure to start
// (no file watcher) or of the listener is an error: a site that does not
// build is served with its errors shown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer ln.Close()
	w := s.opts.Watcher
	if w == nil {
		var err error
		if w, err = watch.NewFSWatcher(); err != nil {
			return fmt.Errorf("cannot watch the site for changes: %w", err)
		}
	}
	defer w.Close()
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // before the Wait above: deferred calls run last first

	// Watch before the first build, so a save made while it runs is not
	// lost: it becomes the first rebuild. Base sites are known, and
	// watched, once the build has read lexsite.toml.
	pending := newPendingChanges()
	tr := watch.NewTracker(w, []string{s.opts.SiteDir}, pending.add, watch.Options{
		Clock: s.opts.Clock, Quiet: s.opts.Quiet, MaxDelay: s.opts.MaxDelay, Logf: s.logf,
	})
	wg.Go(func() { tr.Run(ctx.Done()) })
	start := time.Now()
	snap, err := s.opts.Builder.Build(ctx, nil)
	if ctx.Err() != nil {
		return nil
	}
	s.apply(snap, err, nil, time.Since(start), true)
	sources := []string{s.opts.SiteDir}
	if snap != nil && len(snap.Sources) > 0 {
		sources = snap.Sources
		tr.SetSources(sources)
	}
	wg.Go(func() { s.buildLoop(ctx, pending, tr) })

	srv := &http.Server{Handler: s.handler(Loopback(ln.Addr())), ReadHeaderTimeout: 10 * time.Second}
	wg.Go(func() {
		<-ctx.Done()
		s.hub.close() // event streams end, so Shutdown need not wait for them
		shut, done := context.WithTimeout(context.Background(), 2*time.Second)
		defer done()
		_ = srv.Shutdown(shut)
	})
	st := s.state.Load()
	s.logf("Serving %s at %s — press Ctrl-C to stop.", english.Count(st.pages, "page"), BaseURL(ln.Addr()))
	shown := make([]string, len(sources))
	for i, src := range sources {
		if abs, err := filepath.Abs(src); err == nil {
			src = abs
		}
		shown[i] = src
	}
	s.logf("Watching lexsite.toml, netlify.toml, content/, templates/ and static/ of %s.", strings.Join(shown, " and "))
	err = srv.Serve(ln)
	cancel()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Handler is the server's HTTP handler, for tests and embedding. It answers
// only requests addressed to a loopback name, as Serve does on a loopback
// listener.
func (s *Server) Handler() http.Handler { return s.handler(true) }

// buildLoop runs the builder once per settled batch; batches that settle
// during a build are merged into the next.
func (s *Server) buildLoop(ctx context.Context, pending *pendingChanges, tr *watch.Tracker) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-pending.kick:
		}
		changes, ok := pending.take()
		if !ok {
			continue
		}
		start := time.Now()
		snap, err := s.opts.Builder.Build(ctx, changes)
		if ctx.Err() != nil {
			return
		}
		s.apply(snap, err, changes, time.Since(start), false)
		if snap != nil && len(snap.Sources) > 0 {
			tr.SetSources(snap.Sources)
		}
	}
}

// apply makes a build the served state, tells the pages, and reports it.
func (s *Server) apply(snap *Snapshot, err error, changes []pipeline.Change, took time.Duration, first bool) {
	if snap == nil {
		snap = &Snapshot{}
	}
	rulesChanged := false
	if first || changes == nil || slices.ContainsFunc(changes, func(c pipeline.Change) bool { return c.Path == netlify.File && c.Source == s.siteSource(snap) }) {
		rulesChanged = s.loadRules() && !first
	}
	prev := s.state.Load()
	next := &state{files: prev.files, version: prev.version, rules: s.rules, pages: prev.pages, ok: true}
	if err != nil {
		next.ok = false
		next.diags = snap.Diagnostics
		if !diag.HasErrors(next.diags) {
			next.diags = append(slices.Clone(next.diags), diag.Diagnostic{Path: "(build)", Line: 1, Col: 1, Severity: diag.Error, Message: err.Error()})
		}
	}
	if diag.HasErrors(s.netlifyDiags) {
		next.ok = false
		next.diags = append(slices.Clone(next.diags), s.netlifyDiags...)
	}
	var changed []string
	if err == nil && snap.Files != nil {
		changed = diffFiles(prev.files, snap.Files)
		next.files, next.pages = snap.Files, snap.Pages
		// A new netlify.toml changes what pages are served where, so the
		// pages reload even when no file changed.
		if prev.files == nil || len(changed) > 0 || rulesChanged {
			s.builds++
			next.version = s.token + "." + strconv.Itoa(s.builds)
		}
	}
	s.state.Store(next)
	s.tell(prev, next, changed)
	s.report(snap, err, next, changes, changed, took, first)
	if s.built != nil {
		s.built(changes, err)
	}
}

// siteSource is how the site folder is spelled in changes.
func (s *Server) siteSource(snap *Snapshot) string {
	if snap != nil && len(snap.Sources) > 0 {
		return snap.Sources[0]
	}
	return s.opts.SiteDir
}

// loadRules reads netlify.toml and reports whether new rules are in force;
// a broken one keeps the previous rules and its problems in the overlay
// until it is fixed.
func (s *Server) loadRules() bool {
	src, err := os.ReadFile(filepath.Join(s.opts.SiteDir, netlify.File))
	if errors.Is(err, os.ErrNotExist) {
		s.rules, s.netlifyDiags, s.rulesRead = &netlify.Rules{}, nil, true
		return true
	}
	if err != nil {
		s.netlifyDiags = []diag.Diagnostic{{Path: netlify.File, Line: 1, Col: 1, Severity: diag.Error, Message: err.Error()}}
		return false
	}
	r, diags := netlify.Parse(src)
	s.netlifyDiags = diags
	for _, d := range diags {
		if d.Severity == diag.Warning {
			s.logf("%s", d)
		}
	}
	if r == nil || diag.HasErrors(diags) && s.rulesRead {
		return false
	}
	s.rules, s.rulesRead = r, true
	return true
}

// diffFiles lists the output files added, removed or changed. A file whose
// bytes are the very slice of the previous snapshot is unchanged without
// reading it, so an incremental builder that shares what it did not
// rebuild makes this cost nothing.
func diffFiles(old, cur map[string][]byte) []string {
	var out []string
	for name, b := range cur {
		o, ok := old[name]
		if ok && len(o) == len(b) && (len(b) == 0 || &o[0] == &b[0]) {
			continue
		}
		if !ok || !bytes.Equal(o, b) {
			out = append(out, name)
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// tell sends the open pages what changed, after the new state is stored:
// a page told to reload gets the new build.
func (s *Server) tell(prev, next *state, changed []string) {
	switch {
	case next.version != prev.version && prev.version != "" && cssOnly(changed):
		s.hub.publish("css", stateMessage(next, prev.version, changed))
	case next.version != prev.version:
		s.hub.publish("reload", stateMessage(next, "", nil))
	case next.ok != prev.ok || !slices.Equal(next.diags, prev.diags):
		s.hub.publish("state", stateMessage(next, "", nil))
	}
}

func cssOnly(changed []string) bool {
	return len(changed) > 0 && !slices.ContainsFunc(changed, func(n string) bool { return path.Ext(n) != ".css" })
}

// report prints one line per build, after its diagnostics: errors every
// time a build fails, warnings only when they differ from the last ones
// printed, so the terminal does not scroll the same warnings on every save.
func (s *Server) report(snap *Snapshot, err error, next *state, changes []pipeline.Change, changed []string, took time.Duration, first bool) {
	var warnings, errs []diag.Diagnostic
	for _, d := range snap.Diagnostics {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		} else {
			warnings = append(warnings, d)
		}
	}
	var b strings.Builder
	if !slices.Equal(warnings, s.lastWarnings) {
		_ = diag.WriteText(&b, warnings)
		s.lastWarnings = warnings
	}
	_ = diag.WriteText(&b, errs)
	if diag.HasErrors(s.netlifyDiags) && !next.ok {
		_ = diag.WriteText(&b, s.netlifyDiags)
	}
	ms := took.Round(time.Millisecond).Milliseconds()
	what := describe(s.opts.SiteDir, changes)
	errCount, _ := diag.Count(next.diags)
	switch {
	case first && err != nil:
		fmt.Fprintf(&b, "The site does not build (%s); the browser shows the errors until they are fixed.", english.Count(errCount, "error"))
	case first:
		fmt.Fprintf(&b, "Built %s in %d ms.", english.Count(snap.Pages, "page"), ms)
	case err != nil:
		fmt.Fprintf(&b, "build failed in %d ms: %s; %s, shown in the browser; still serving the last good build", ms, what, english.Count(errCount, "error"))
	default:
		fmt.Fprintf(&b, "rebuilt in %d ms: %s; %s", ms, what, english.Count(snap.Pages, "page"))
		switch {
		case len(changed) == 0:
			b.WriteString(" (no output changed)")
		case cssOnly(changed):
			b.WriteString(" (stylesheets swapped without reload)")
		}
		if !next.ok {
			b.WriteString("; netlify.toml has errors")
		}
	}
	s.logf("%s", strings.TrimRight(b.String(), "\n"))
}

// describe names what changed, for the terminal.
func describe(site string, changes []pipeline.Change) string {
	if changes == nil {
		return "everything may have changed"
	}
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = siteRelative(site, c)
	}
	switch n := len(names); {
	case n == 0:
		return "nothing changed"
	case n <= 3:
		return english.And(names) + " changed"
	default:
		return fmt.Sprintf("%s, %s and %d more changed", names[0], names[1], n-2)
	}
}

// logf prints one line (or several, already formatted) to the terminal.
func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, format+"\n", args...)
}

// noteOnce prints a note the first time it is given; requests call it.
func (s *Server) noteOnce(msg string) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if s.noted[msg] {
		return
	}
	s.noted[msg] = true
	fmt.Fprintln(s.opts.Log, msg)
}
