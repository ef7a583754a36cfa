package watch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/pipeline"
)

// fakeWatcher is a Watcher the test feeds by hand. Add fails for a folder
// that does not exist, as fsnotify's does.
type fakeWatcher struct {
	events  chan Event
	errors  chan error
	watched map[string]bool
	removed []string
}

func newFakeWatcher() *fakeWatcher {
	return &fakeWatcher{events: make(chan Event, 4096), errors: make(chan error, 16), watched: map[string]bool{}}
}

func (f *fakeWatcher) Add(dir string) error {
	if _, err := os.Stat(dir); err != nil {
		return err
	}
	f.watched[dir] = true
	return nil
}

func (f *fakeWatcher) Remove(dir string) error {
	f.removed = append(f.removed, dir)
	if !f.watched[dir] {
		return fs.ErrNotExist
	}
	delete(f.watched, dir)
	return nil
}

func (f *fakeWatcher) Events() <-chan Event { return f.events }
func (f *fakeWatcher) Errors() <-chan error { return f.errors }
func (f *fakeWatcher) Close() error         { return nil }

// fakeClock is a Clock that moves only when the test advances it.
type fakeClock struct {
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	clock  *fakeClock
	ch     chan time.Time
	at     time.Time
	active bool
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) NewTimer(d time.Duration) Timer {
	t := &fakeTimer{clock: c, ch: make(chan time.Time, 1)}
	t.Reset(d)
	c.timers = append(c.timers, t)
	return t
}

// advance moves the time and fires the timers that are due.
func (c *fakeClock) advance(d time.Duration) {
	c.now = c.now.Add(d)
	for _, t := range c.timers {
		if t.active && !t.at.After(c.now) {
			t.active = false
			t.ch <- c.now
		}
	}
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Reset(d time.Duration) {
	t.Stop()
	t.at, t.active = t.clock.now.Add(d), true
}

func (t *fakeTimer) Stop() {
	t.active = false
	select {
	case <-t.ch:
	default:
	}
}

// harness drives a tracker over a real temporary site folder (the tracker
// looks at the disk to tell new folders from files) with a fake watcher
// and a fake clock, one step at a time.
type harness struct {
	t       *testing.T
	site    string
	base    string
	w       *fakeWatcher
	clock   *fakeClock
	tr      *Tracker
	start   time.Time
	batches [][]pipeline.Change
	at      []time.Duration
	logs    []string
}

func newHarness(t *testing.T, files map[string]string) *harness {
	t.Helper()
	dir := t.TempDir()
	h := &harness{t: t, site: filepath.Join(dir, "site"), base: filepath.Join(dir, "base"), w: newFakeWatcher(), clock: newFakeClock()}
	h.start = h.clock.Now()
	for name, data := range files {
		h.write(name, data)
	}
	for _, d := range []string{h.site, h.base} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h.tr = NewTracker(h.w, []string{h.site, h.base}, func(b []pipeline.Change) {
		h.batches = append(h.batches, b)
		h.at = append(h.at, h.clock.Now().Sub(h.start))
	}, Options{
		Clock: h.clock, Quiet: testQuiet, MaxDelay: DefaultMaxDelay,
		Logf: func(format string, args ...any) { h.logs = append(h.logs, fmt.Sprintf(format, args...)) },
	})
	return h
}

// abs turns "content/a.md" into a path in the site, and "base:x" into one
// in the base site.
func (h *harness) abs(name string) string {
	if rest, ok := strings.CutPrefix(name, "base:"); ok {
		return filepath.Join(h.base, filepath.FromSlash(rest))
	}
	return filepath.Join(h.site, filepath.FromSlash(name))
}

func (h *harness) write(name, data string) {
	h.t.Helper()
	p := h.abs(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) mkdir(name string) {
	h.t.Helper()
	if err := os.MkdirAll(h.abs(name), 0o755); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) remove(name string) {
	h.t.Helper()
	if err := os.RemoveAll(h.abs(name)); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) rename(from, to string) {
	h.t.Helper()
	if err := os.Rename(h.abs(from), h.abs(to)); err != nil {
		h.t.Fatal(err)
	}
}

// event delivers one event and lets the tracker handle it.
func (h *harness) event(op Op, name string) {
	h.w.events <- Event{Path: h.abs(name), Op: op}
	h.pump()
}

// advance moves the clock a millisecond at a time, letting the tracker
// react after each, as the real timer would.
func (h *harness) advance(d time.Duration) {
	for ; d > 0; d -= time.Millisecond {
		h.clock.advance(min(d, time.Millisecond))
		h.pump()
	}
}

// pump steps the tracker while it has something to handle.
func (h *harness) pump() {
	done := make(chan struct{})
	for len(h.w.events) > 0 || len(h.w.errors) > 0 || len(h.tr.sources) > 0 || h.tr.armed && len(h.tr.timer.C()) > 0 {
		if !h.tr.step(done) {
			h.t.Fatal("the tracker stopped")
		}
	}
}

// expectBatches checks how many batches have been handed over so far.
func (h *harness) expectBatches(n int) {
	h.t.Helper()
	if len(h.batches) != n {
		h.t.Fatalf("at %v: %d batches, want %d: %v", h.clock.Now().Sub(h.start), len(h.batches), n, h.got())
	}
}

// got shows the batches as site-relative names; a base site's get "base:",
// and a batch meaning "everything" is nil.
func (h *harness) got() [][]string {
	var out [][]string
	for _, b := range h.batches {
		if b == nil {
			out = append(out, nil)
			continue
		}
		names := []string{}
		for _, c := range b {
			switch c.Source {
			case h.site:
				names = append(names, c.Path)
			case h.base:
				names = append(names, "base:"+c.Path)
			default:
				names = append(names, c.Source+"?"+c.Path)
			}
		}
		out = append(out, names)
	}
	return out
}

// watching lists the watched folders relative to the site.
func (h *harness) watching() []string {
	var out []string
	for d := range h.w.watched {
		if rel, err := filepath.Rel(h.site, d); err == nil && !strings.HasPrefix(rel, "..") {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	slices.Sort(out)
	return out
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestTracker(t *testing.T) {
	site := func() map[string]string {
		return map[string]string{
			"lexsite.toml":           "base_url = \"https://example.org/\"\n",
			"content/a.md":           "a",
			"content/guides/g.en.md": "g",
			"templates/base.html":    "<html></html>",
			"static/css/site.css":    "body{}",
			"public/index.html":      "built",
		}
	}
	for _, tc := range []struct {
		name        string
		files       map[string]string
		act         func(h *harness)
		want        [][]string
		wantAt      []time.Duration
		wantWatched []string // exactly the folders watched in the site, at the end
		logs        bool     // the tracker may print to the terminal
	}{
		{
			name: "one save settles after the quiet period",
			act: func(h *harness) {
				h.write("content/a.md", "new")
				h.event(Write, "content/a.md")
				h.advance(ms(29))
				h.expectBatches(0)
				h.advance(ms(1))
			},
			want:   [][]string{{"content/a.md"}},
			wantAt: []time.Duration{ms(30)},
		},
		{
			name: "each event restarts the quiet period",
			act: func(h *harness) {
				for range 3 {
					h.event(Write, "content/a.md")
					h.advance(ms(20))
				}
				h.expectBatches(0)
				h.advance(ms(10))
			},
			want:   [][]string{{"content/a.md"}},
			wantAt: []time.Duration{ms(70)},
		},
		{
			name: "a burst of 500 files, as from git checkout, is one batch",
			act: func(h *harness) {
				for i := range 500 {
					name := fmt.Sprintf("content/guides/g%03d.en.md", i)
					h.write(name, "x")
					h.event(Create, name)
					h.event(Write, name)
					if i%2 == 1 {
						h.advance(ms(1))
					}
				}
				h.advance(ms(100))
			},
			want: [][]string{func() []string {
				var names []string
				for i := range 500 {
					names = append(names, fmt.Sprintf("content/guides/g%03d.en.md", i))
				}
				return names
			}()},
			wantAt: []time.Duration{ms(249 + 30)},
		},
		{
			name: "a never-ending stream still gets a build every MaxDelay",
			act: func(h *harness) {
				for range 250 {
					h.event(Write, "content/a.md")
					h.advance(ms(10))
				}
				h.advance(ms(100))
			},
			want:   [][]string{{"content/a.md"}, {"content/a.md"}, {"content/a.md"}},
			wantAt: []time.Duration{ms(1000), ms(2000), ms(2520)},
		},
		{
			name: "atomic save: a temporary file renamed over the real one",
			act: func(h *harness) {
				h.write("content/.a.md.tmp", "new")
				h.event(Create, "content/.a.md.tmp")
				h.event(Write, "content/.a.md.tmp")
				h.rename("content/.a.md.tmp", "content/a.md")
				h.event(Rename, "content/.a.md.tmp")
				h.event(Create, "content/a.md")
				h.advance(ms(50))
			},
			want:   [][]string{{"content/a.md"}},
			wantAt: []time.Duration{ms(30)},
		},
		{
			name: "Vim's save: backup by rename, write anew, delete the backup",
			act: func(h *harness) {
				h.event(Create, "content/4913")
				h.event(Remove, "content/4913")
				h.event(Write, "content/.a.md.swp")
				h.rename("content/a.md", "content/a.md~")
				h.event(Rename, "content/a.md")
				h.event(Create, "content/a.md~")
				h.write("content/a.md", "new")
				h.event(Create, "content/a.md")
				h.event(Write, "content/a.md")
				h.event(Chmod, "content/a.md")
				h.remove("content/a.md~")
				h.event(Remove, "content/a.md~")
				h.advance(ms(50))
			},
			want: [][]string{{"content/a.md"}},
		},
		{
			name: "editor temporaries alone need no build",
			act: func(h *harness) {
				for _, name := range []string{"content/.a.md.swp", "content/.a.md.swx", "content/a.md~", "content/.#a.md", "content/#a.md#", "content/a.md.tmp", "content/4913", "static/.DS_Store", "content/.goutputstream-XYZ1"} {
					h.event(Create, name)
					h.event(Write, name)
					h.event(Remove, name)
				}
				h.advance(ms(200))
			},
			want: nil,
		},
		{
			name: "a permission change alone needs no build",
			act: func(h *harness) {
				h.event(Chmod, "content/a.md")
				h.event(Chmod, "lexsite.toml")
				h.advance(ms(200))
			},
			want: nil,
		},
		{
			name: "a deleted file is a change",
			act: func(h *harness) {
				h.remove("content/guides/g.en.md")
				h.event(Remove, "content/guides/g.en.md")
				h.advance(ms(50))
			},
			want: [][]string{{"content/guides/g.en.md"}},
		},
		{
			name: "a new folder with files written at once: files found, folders watched",
			act: func(h *harness) {
				h.write("content/new/x.md", "x")
				h.write("content/new/deeper/y.md", "y")
				h.write("content/new/deeper/.y.md.swp", "swap")
				// The files were written before the watch on new/ existed:
				// only the folder's creation is seen.
				h.event(Create, "content/new")
				h.advance(ms(50))
				// Afterwards, the new folders report their own events.
				h.write("content/new/deeper/y.md", "y2")
				h.event(Write, "content/new/deeper/y.md")
				h.advance(ms(50))
			},
			want:        [][]string{{"content/new/deeper/y.md", "content/new/x.md"}, {"content/new/deeper/y.md"}},
			wantWatched: []string{".", "content", "content/guides", "content/new", "content/new/deeper", "static", "static/css", "templates"},
		},
		{
			name: "a removed folder is a change and is no longer watched",
			act: func(h *harness) {
				h.remove("content/guides")
				h.event(Remove, "content/guides/g.en.md")
				h.event(Remove, "content/guides")
				h.advance(ms(50))
			},
			want:        [][]string{{"content/guides", "content/guides/g.en.md"}},
			wantWatched: []string{".", "content", "static", "static/css", "templates"},
		},
		{
			name: "a renamed folder: the old name changed, the new one's files are found",
			act: func(h *harness) {
				h.rename("content/guides", "content/help")
				h.event(Rename, "content/guides")
				h.event(Create, "content/help")
				h.advance(ms(50))
			},
			want:        [][]string{{"content/guides", "content/help/g.en.md"}},
			wantWatched: []string{".", "content", "content/help", "static", "static/css", "templates"},
		},
		{
			name: "in the site folder only lexsite.toml and netlify.toml count",
			act: func(h *harness) {
				h.event(Write, "lexsite.toml")
				h.event(Write, "README.md")
				h.event(Create, "public")
				h.event(Write, "public/index.html")
				h.event(Create, ".public.building-123")
				h.event(Write, "netlify.toml")
				h.event(Create, ".git/index.lock")
				h.advance(ms(50))
			},
			want: [][]string{{"lexsite.toml", "netlify.toml"}},
		},
		{
			name:  "content/ created after the start is watched, with what is in it",
			files: map[string]string{"lexsite.toml": "x"},
			act: func(h *harness) {
				h.write("content/guides/a.md", "a")
				h.event(Create, "content")
				h.advance(ms(50))
			},
			want:        [][]string{{"content/guides/a.md"}},
			wantWatched: []string{".", "content", "content/guides"},
		},
		{
			name: "a base site's file is named with its source",
			act: func(h *harness) {
				h.write("base:templates/page.html", "x")
				h.event(Create, "base:templates/page.html")
				h.event(Write, "content/a.md")
				h.advance(ms(50))
			},
			want: [][]string{{"content/a.md", "base:templates/page.html"}},
		},
		{
			name: "lost events mean everything changed",
			act: func(h *harness) {
				h.event(Write, "content/a.md")
				h.w.errors <- ErrOverflow
				h.pump()
				h.advance(ms(50))
				h.event(Write, "content/a.md")
				h.advance(ms(50))
			},
			want: [][]string{nil, {"content/a.md"}},
			logs: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := tc.files
			if files == nil {
				files = site()
			}
			h := newHarness(t, files)
			tc.act(h)
			if got := h.got(); !slices.EqualFunc(got, tc.want, func(a, b []string) bool { return (a == nil) == (b == nil) && slices.Equal(a, b) }) {
				t.Errorf("batches:\n got %q\nwant %q", got, tc.want)
			}
			if tc.wantAt != nil && !slices.Equal(h.at, tc.wantAt) {
				t.Errorf("handed over at %v, want %v", h.at, tc.wantAt)
			}
			if tc.wantWatched != nil && !slices.Equal(h.watching(), tc.wantWatched) {
				t.Errorf("watching %q, want %q", h.watching(), tc.wantWatched)
			}
			if len(h.logs) > 0 && !tc.logs {
				t.Errorf("unexpected log lines: %q", h.logs)
			}
		})
	}
}

func TestTrackerWatchesWhatTheSiteNeeds(t *testing.T) {
	h := newHarness(t, map[string]string{
		"lexsite.toml":                 "x",
		"content/a.md":                 "a",
		"content/guides/deep/b.md":     "b",
		"content/guides/.hidden.swp":   "swap",
		"templates/partials/foot.html": "f",
		"public/en/index.html":         "built",
		"node_modules/x/y.js":          "not the site's",
	})
	want := []string{".", "content", "content/guides", "content/guides/deep", "templates", "templates/partials"}
	if got := h.watching(); !slices.Equal(got, want) {
		t.Errorf("watching %q, want %q", got, want)
	}
	// A base site added later (lexsite.toml changed) is watched; a base
	// removed is no longer.
	other := filepath.Join(filepath.Dir(h.site), "other")
	if err := os.MkdirAll(filepath.Join(other, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	h.tr.SetSources([]string{h.site, other})
	h.pump()
	if !h.w.watched[filepath.Join(other, "content")] || !h.w.watched[other] {
		t.Errorf("the new base site is not watched: %v", h.w.watched)
	}
	if h.w.watched[h.base] {
		t.Errorf("the dropped base site is still watched")
	}
	if len(h.batches) != 0 {
		t.Errorf("changing the watched folders alone gave batches %q", h.got())
	}
}

func TestEditorTemp(t *testing.T) {
	for _, tc := range []struct {
		name string
		temp bool
	}{
		{"returns.en.md", false},
		{"site.css", false},
		{"_index.md", false},
		{"404.html", false},
		{"4913", true},
		{".returns.en.md.swp", true},
		{".returns.en.md.swo", true},
		{".returns.en.md.swx", true},
		{"returns.en.md~", true},
		{".#returns.en.md", true},
		{"#returns.en.md#", true},
		{"returns.en.md.tmp", true},
		{"returns.en.md.TMP", true},
		{"returns.en.md.bak", true},
		{"returns.en.md.orig", true},
		{"returns.en.md___jb_tmp___", true},
		{".goutputstream-Q1W2E3", true},
		{".DS_Store", true},
		{"#", false},
	} {
		if got := editorTemp(tc.name); got != tc.temp {
			t.Errorf("editorTemp(%q) = %v, want %v", tc.name, got, tc.temp)
		}
	}
}

// testQuiet is the quiet period the tracker cases are timed for; it is
// not DefaultQuiet, so tuning the default does not rewrite every case.
const testQuiet = 30 * time.Millisecond
