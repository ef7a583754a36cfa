// Package watch turns the file-system events of a site's folders into
// settled batches of changed paths, the input of an incremental build.
//
// fsnotify reports every write of every file, one folder at a time, and
// editors and git write in bursts and through temporary files; a build
// wants one list of the site's own files that changed, once the burst is
// over. A Tracker keeps the watch list complete as folders come and go,
// drops editor temporaries, and hands a batch over once events have been
// quiet for a while. The operating system's notifications and the clock
// are behind small interfaces, so the event handling — the subtle part —
// is tested with fakes, step by step.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/lexsite/lexsite/internal/pipeline"
)

// Op is what happened to a path. Several may be set in one event.
type Op uint32

// The operations a Watcher reports, as fsnotify names them.
const (
	Create Op = 1 << iota
	Write
	Remove
	Rename
	Chmod
)

// Event is one file-system notification.
type Event struct {
	Path string // absolute, in the operating system's form
	Op   Op
}

// Watcher is the part of fsnotify a Tracker uses. It is an interface so the
// event handling — the subtle part — is tested with a fake that delivers
// exactly the sequences editors and git produce, in any order, without
// depending on the timing of a real file system.
type Watcher interface {
	// Add watches one folder, not its subfolders.
	Add(dir string) error
	// Remove stops watching a folder.
	Remove(dir string) error
	// Events delivers the notifications; it is closed by Close.
	Events() <-chan Event
	// Errors delivers failures of the watcher itself.
	Errors() <-chan error
	Close() error
}

// ErrOverflow is what a Watcher reports when it lost events: the Tracker
// then reports that everything changed, since it cannot know what did.
var ErrOverflow = fsnotify.ErrEventOverflow

// NewFSWatcher returns a Watcher over the operating system's notifications.
func NewFSWatcher() (Watcher, error) {
	w, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, err
	}
	fw := &fsWatcher{w: w, events: make(chan Event, 1024), done: make(chan struct{})}
	go fw.forward()
	return fw, nil
}

// fsWatcher adapts fsnotify's channels to Watcher.
type fsWatcher struct {
	w         *fsnotify.Watcher
	events    chan Event
	done      chan struct{} // closed by Close, so forward never blocks on a reader that left
	closeOnce sync.Once
}

func (f *fsWatcher) forward() {
	defer close(f.events)
	for ev := range f.w.Events {
		var op Op
		for _, m := range []struct {
			from fsnotify.Op
			to   Op
		}{{fsnotify.Create, Create}, {fsnotify.Write, Write}, {fsnotify.Remove, Remove}, {fsnotify.Rename, Rename}, {fsnotify.Chmod, Chmod}} {
			if ev.Has(m.from) {
				op |= m.to
			}
		}
		select {
		case f.events <- Event{Path: ev.Name, Op: op}:
		case <-f.done:
			return
		}
	}
}

func (f *fsWatcher) Add(dir string) error    { return f.w.Add(dir) }
func (f *fsWatcher) Remove(dir string) error { return f.w.Remove(dir) }
func (f *fsWatcher) Events() <-chan Event    { return f.events }
func (f *fsWatcher) Errors() <-chan error    { return f.w.Errors }
func (f *fsWatcher) Close() error {
	f.closeOnce.Do(func() { close(f.done) })
	return f.w.Close()
}

// Clock is the time the event handling sees, so tests can move it by hand.
type Clock interface {
	Now() time.Time
	NewTimer(d time.Duration) Timer
}

// Timer is a resettable one-shot timer, like time.Timer.
type Timer interface {
	C() <-chan time.Time
	// Reset makes the timer fire d from now; a value from an earlier
	// setting is never delivered after Reset returns.
	Reset(d time.Duration)
	Stop()
}

// SystemClock is the real time.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// NewTimer returns a running time.Timer.
func (SystemClock) NewTimer(d time.Duration) Timer { return sysTimer{time.NewTimer(d)} }

type sysTimer struct{ t *time.Timer }

func (s sysTimer) C() <-chan time.Time   { return s.t.C }
func (s sysTimer) Reset(d time.Duration) { s.t.Reset(d) } // Go ≥ 1.23: no stale value after Reset
func (s sysTimer) Stop()                 { s.t.Stop() }

// Default settling times. Editors and git write a burst of events within a
// few milliseconds, so a batch is complete once the files have been quiet
// for DefaultQuiet; waiting longer only makes the preview slower. A process
// that never stops writing still gets a rebuild every DefaultMaxDelay.
const (
	DefaultQuiet    = 20 * time.Millisecond
	DefaultMaxDelay = time.Second
)

// watchedDirs are the folders of a site whose files feed the build; the
// site folder itself is watched only for lexsite.toml, netlify.toml and the
// creation of these folders, so a build writing public/ never triggers one.
func watchedDirs() []string { return []string{"content", "templates", "static"} }

// rootFiles are the files of a site folder a change of which needs a build.
func rootFiles() []string { return []string{"lexsite.toml", "netlify.toml"} }

// editorTemp reports whether a file name is one editors and tools write
// beside the real file — swap, backup, lock and atomic-save temporaries. A
// change to one of these alone needs no rebuild; the rename that lands the
// real file is seen under the real name.
func editorTemp(name string) bool {
	switch name {
	case "4913", // Vim's test of whether it may write in a folder
		".DS_Store":
		return true
	}
	if len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#' { // Emacs auto-save
		return true
	}
	for _, p := range []string{
		".#",              // Emacs lock files
		".goutputstream-", // GNOME's atomic save
	} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	lower := strings.ToLower(name)
	for _, s := range []string{
		"~",                            // Vim, Emacs and nano backups
		".swp", ".swo", ".swn", ".swx", // Vim swap files
		".tmp", ".temp", ".bak", ".orig", // atomic saves, backups, merge leftovers
		".kate-swp",                    // Kate
		".crswap",                      // browsers' File System Access API
		"___jb_tmp___", "___jb_old___", // JetBrains safe write
	} {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

// Tracker turns file-system events into settled batches of changes.
//
// It keeps the watch list complete (fsnotify does not recurse, so every
// folder below content/, templates/ and static/ is added as it appears, and
// its files are listed at once in case they were written before the watch
// existed), drops editor temporaries, and waits until the events have been
// quiet for `quiet` — but never more than `maxDelay` after the first — before
// handing a batch over. Everything runs on one goroutine, step by step, so
// tests drive it deterministically.
//
// A batch is a []pipeline.Change because that is what pipeline.Session takes: the
// watcher speaks the build's language rather than one of its own.
type Tracker struct {
	w        Watcher
	clock    Clock
	quiet    time.Duration
	maxDelay time.Duration
	emit     func([]pipeline.Change) // nil slice: everything changed
	logf     func(format string, args ...any)
	sources  chan []string

	roots   []root          // the watched sites, nearest first
	watched map[string]bool // folders with a watch

	pending  map[pipeline.Change]bool
	all      bool // a lost event: rebuild everything
	open     bool // a batch has begun
	first    time.Time
	deadline time.Time
	timer    Timer
	armed    bool
}

// root is one site folder being watched.
type root struct {
	abs  string // absolute and clean
	name string // as given, for pipeline.Change.Source
}

// rel returns p relative to the site folder, in the system's form, and
// whether p is the folder or below it.
func (r root) rel(p string) (string, bool) {
	rel, err := filepath.Rel(r.abs, p)
	return rel, err == nil && filepath.IsLocal(rel)
}

// Options tune a Tracker; the zero value is the real clock, the default
// settling times and no log.
type Options struct {
	// Clock times the settling of events; nil means the real time.
	Clock Clock
	// Quiet is how long events must pause before a batch is handed over;
	// MaxDelay bounds the wait under a never-ending stream of events.
	// Zero means DefaultQuiet and DefaultMaxDelay.
	Quiet, MaxDelay time.Duration
	// Logf receives the lines for the terminal: folders that cannot be
	// watched, lost events. Nil discards them.
	Logf func(format string, args ...any)
}

// NewTracker returns a Tracker over w that watches the site folders
// sources (the site first, then its base sites) at once, before it returns,
// so that nothing written from then on is missed; and that hands each
// settled batch to emit, from the goroutine that calls Run.
func NewTracker(w Watcher, sources []string, emit func([]pipeline.Change), opts Options) *Tracker {
	t := &Tracker{
		w: w, clock: opts.Clock, quiet: opts.Quiet, maxDelay: opts.MaxDelay, emit: emit, logf: opts.Logf,
		sources: make(chan []string, 1),
		watched: map[string]bool{},
		pending: map[pipeline.Change]bool{},
	}
	if t.clock == nil {
		t.clock = SystemClock{}
	}
	if t.quiet <= 0 {
		t.quiet = DefaultQuiet
	}
	if t.maxDelay <= 0 {
		t.maxDelay = DefaultMaxDelay
	}
	if t.logf == nil {
		t.logf = func(string, ...any) {}
	}
	t.setSources(sources)
	return t
}

// Run handles events until done is closed or the watcher is.
func (t *Tracker) Run(done <-chan struct{}) {
	for t.step(done) {
	}
}

// SetSources replaces the watched site folders; safe from any goroutine.
// Only the latest setting matters, so a pending one is replaced.
func (t *Tracker) SetSources(srcs []string) {
	for {
		select {
		case t.sources <- srcs:
			return
		default:
		}
		select {
		case <-t.sources:
		default:
		}
	}
}

// step handles one thing: an event, a watcher error, new sources or the
// settling timer. It returns false when done is closed or the watcher is.
func (t *Tracker) step(done <-chan struct{}) bool {
	var fire <-chan time.Time
	if t.armed {
		fire = t.timer.C()
	}
	select {
	case <-done:
		return false
	case ev, ok := <-t.w.Events():
		if !ok {
			return false
		}
		t.handle(ev)
	case err, ok := <-t.w.Errors():
		if !ok {
			return false
		}
		if errors.Is(err, ErrOverflow) {
			t.logf("the file watcher lost events (too many at once); rebuilding everything")
			t.all = true
			t.touched()
		} else {
			t.logf("file watcher: %v", err)
		}
	case srcs := <-t.sources:
		t.setSources(srcs)
	case <-fire:
		t.armed = false
		t.fire()
	}
	return true
}

// setSources watches the given site folders and stops watching those no
// longer given (a base site removed from lexsite.toml).
func (t *Tracker) setSources(srcs []string) {
	var roots []root
	for _, s := range srcs {
		abs, err := filepath.Abs(s)
		if err != nil {
			t.logf("cannot watch %s: %v", s, err)
			continue
		}
		roots = append(roots, root{abs: filepath.Clean(abs), name: s})
	}
	if slices.Equal(roots, t.roots) {
		return
	}
	// Drop the watches no remaining site needs; a site nested in a
	// dropped base keeps its own.
	for d := range t.watched {
		if !slices.ContainsFunc(roots, func(r root) bool { _, in := r.rel(d); return in }) {
			_ = t.w.Remove(d)
			delete(t.watched, d)
		}
	}
	old := map[string]bool{}
	for _, r := range t.roots {
		old[r.abs] = true
	}
	t.roots = roots
	for _, r := range roots {
		if old[r.abs] {
			continue
		}
		t.add(r.abs)
		for _, d := range watchedDirs() {
			t.addTree(filepath.Join(r.abs, d), nil)
		}
	}
}

// locate finds the site an absolute path belongs to and the path relative
// to it, slash-separated.
func (t *Tracker) locate(p string) (root, string, bool) {
	best, bestRel, bestLen := root{}, "", -1
	for _, r := range t.roots {
		if rel, in := r.rel(p); in && len(r.abs) > bestLen {
			best, bestRel, bestLen = r, rel, len(r.abs)
		}
	}
	if bestLen < 0 {
		return root{}, "", false
	}
	return best, filepath.ToSlash(bestRel), true
}

// handle records what one event means for the build.
func (t *Tracker) handle(ev Event) {
	r, rel, ok := t.locate(filepath.Clean(ev.Path))
	if !ok || rel == "." {
		return
	}
	if editorTemp(path.Base(rel)) {
		return
	}
	top, rest, nested := strings.Cut(rel, "/")
	if !slices.Contains(watchedDirs(), top) {
		if !nested && slices.Contains(rootFiles(), top) && ev.Op&^Chmod != 0 {
			t.record(pipeline.Change{Source: r.name, Path: rel})
		}
		return
	}
	for _, part := range strings.Split(rest, "/") {
		if nested && editorTemp(part) {
			return
		}
	}
	switch {
	case ev.Op&(Remove|Rename) != 0:
		t.unwatch(ev.Path)
		t.record(pipeline.Change{Source: r.name, Path: rel})
		if ev.Op&Create == 0 {
			return
		}
		fallthrough
	case ev.Op&Create != 0:
		if st, err := os.Stat(ev.Path); err == nil && st.IsDir() {
			t.addTree(ev.Path, func(p string) {
				if _, rp, ok := t.locate(p); ok {
					t.record(pipeline.Change{Source: r.name, Path: rp})
				}
			})
			return
		}
		t.record(pipeline.Change{Source: r.name, Path: rel})
	case ev.Op&Write != 0:
		t.record(pipeline.Change{Source: r.name, Path: rel})
	}
}

// add watches one folder.
func (t *Tracker) add(dir string) bool {
	if t.watched[dir] {
		return true
	}
	if err := t.w.Add(dir); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			t.logf("cannot watch %s: %v", dir, err)
		}
		return false
	}
	t.watched[dir] = true
	return true
}

// addTree watches dir and every folder below it, and passes every file
// found to found (when not nil): a folder created with files already in it
// — by mkdir -p and a quick write, a git checkout, a move — gives events
// only for the folder, because the files were there before the watch.
func (t *Tracker) addTree(dir string, found func(string)) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished meanwhile: its removal is an event of its own
		}
		if editorTemp(d.Name()) && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if !t.add(p) {
				return filepath.SkipDir
			}
			return nil
		}
		if found != nil {
			found(p)
		}
		return nil
	})
}

// unwatch drops the watches on p and below it: a removed or renamed folder.
// Errors are expected (the kernel drops the watch of a deleted folder).
func (t *Tracker) unwatch(p string) {
	for d := range t.watched {
		if rel, err := filepath.Rel(p, d); err == nil && filepath.IsLocal(rel) {
			_ = t.w.Remove(d)
			delete(t.watched, d)
		}
	}
}

// record adds a change to the pending batch.
func (t *Tracker) record(c pipeline.Change) {
	t.pending[c] = true
	t.touched()
}

// touched moves the deadline: quiet after this event, but no later than
// maxDelay after the first event of the batch.
func (t *Tracker) touched() {
	now := t.clock.Now()
	if !t.open {
		t.first, t.open = now, true
	}
	t.deadline = now.Add(t.quiet)
	if limit := t.first.Add(t.maxDelay); t.deadline.After(limit) {
		t.deadline = limit
	}
	d := t.deadline.Sub(now)
	if t.timer == nil {
		t.timer = t.clock.NewTimer(d)
	} else {
		t.timer.Reset(d)
	}
	t.armed = true
}

// fire hands the pending batch over once its deadline has passed.
func (t *Tracker) fire() {
	if len(t.pending) == 0 && !t.all {
		return
	}
	if now := t.clock.Now(); now.Before(t.deadline) {
		t.timer.Reset(t.deadline.Sub(now))
		t.armed = true
		return
	}
	var batch []pipeline.Change
	if !t.all {
		batch = make([]pipeline.Change, 0, len(t.pending))
		for c := range t.pending {
			batch = append(batch, c)
		}
		rank := map[string]int{}
		for i, r := range t.roots {
			rank[r.name] = i
		}
		// The site before its base sites, then by path: the order the
		// terminal shows and the builder gets, whatever order events came.
		slices.SortFunc(batch, func(a, b pipeline.Change) int {
			if a.Source != b.Source {
				return rank[a.Source] - rank[b.Source]
			}
			return strings.Compare(a.Path, b.Path)
		})
	}
	clear(t.pending)
	t.all, t.open = false, false
	t.emit(batch)
}
