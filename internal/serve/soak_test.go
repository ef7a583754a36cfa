package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/pipeline"
)

// soakEnv names the environment variable that lengthens the soak test: a
// Go duration such as "30s" or "5m". The default run is short enough for
// every `go test ./...`; a long run is for hunting rare failures.
const soakEnv = "LEXSITE_SOAK"

// soakDuration is how long TestServeSoak saves files and requests pages.
func soakDuration(t *testing.T) time.Duration {
	if v := os.Getenv(soakEnv); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("%s=%q: want a positive duration such as 30s", soakEnv, v)
		}
		return d
	}
	if testing.Short() {
		return 3 * time.Second
	}
	return 10 * time.Second
}

// soakSite is smallSite with what the soak edits besides guides: a statute
// excerpt, a second guide to delete and recreate, and a template of the
// site's own over the carried one.
func soakSite() map[string]string {
	site := smallSite()
	site["content/guides/b.en.md"] = soakGuide("Warranty", "Repairs come first.")
	site["content/statutes/tl.en.md"] = soakStatute("The seller shall deliver.")
	site["templates/partials/footer.html"] = soakFooter("first footer")
	return site
}

func soakGuide(title, text string) string {
	return "---\ntitle: " + title + "\nreviewed: 2026-01-01\n---\n" + text + "\n"
}

func soakStatute(text string) string {
	return "---\ntitle: Test Law\nshort_title: Test Law\njurisdiction: CN\nauthoritative: true\n---\n\n### Article 1\n\n" + text + "\n"
}

func soakFooter(text string) string {
	return "<footer class=\"site-footer\"><p>" + text + "</p></footer>\n"
}

// soakEdit is one settled change of the soak test's sources; do makes the
// n-th edit and says where its effect shows.
type soakEdit struct {
	name   string
	source string // the file edited, relative to the site
	do     func(t *testing.T, dir string, n int) soakCheck
}

// soakCheck is what a page must be once an edit is built: status, with
// want in the body. fails says the edit breaks the build.
type soakCheck struct {
	page   string
	status int
	want   string
	fails  bool
}

// soakEdits are the changes the soak test cycles through, each a different
// way editors and tools touch a site: plain writes, atomic saves (a
// temporary file renamed over the real one), Vim's backup-rename save,
// deletes and re-creations, of guides, a statute and a template.
func soakEdits() []soakEdit {
	guide := filepath.Join("content", "guides", "a.en.md")
	other := filepath.Join("content", "guides", "b.en.md")
	spanish := filepath.Join("content", "guides", "a.es.md")
	statute := filepath.Join("content", "statutes", "tl.en.md")
	footer := filepath.Join("templates", "partials", "footer.html")
	remove := func(t *testing.T, p string) {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	return []soakEdit{
		{"guide written", guide, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("Plain save %d.", n)
			writeFile(t, filepath.Join(dir, guide), soakGuide("Returns", text))
			return soakCheck{page: "/en/guides/a/", status: 200, want: text}
		}},
		{"guide saved atomically", guide, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("Atomic save %d.", n)
			saveAtomically(t, filepath.Join(dir, guide), soakGuide("Returns", text))
			return soakCheck{page: "/en/guides/a/", status: 200, want: text}
		}},
		{"translation saved like Vim", spanish, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("Guardado %d.", n)
			saveLikeVim(t, filepath.Join(dir, spanish), soakGuide("Devoluciones", text))
			return soakCheck{page: "/es/guides/a/", status: 200, want: text}
		}},
		{"statute written", statute, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("The seller shall deliver within %d days.", n)
			writeFile(t, filepath.Join(dir, statute), soakStatute(text))
			return soakCheck{page: "/en/statutes/tl/", status: 200, want: text}
		}},
		{"template saved atomically", footer, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("footer %d", n)
			saveAtomically(t, filepath.Join(dir, footer), soakFooter(text))
			return soakCheck{page: "/en/guides/a/", status: 200, want: text}
		}},
		{"guide deleted", other, func(t *testing.T, dir string, n int) soakCheck {
			remove(t, filepath.Join(dir, other))
			return soakCheck{page: "/en/guides/b/", status: 404, want: ""}
		}},
		{"template deleted", footer, func(t *testing.T, dir string, n int) soakCheck {
			remove(t, filepath.Join(dir, footer))
			return soakCheck{page: "/en/guides/a/", status: 200, want: "site-footer__inner"} // the carried footer again
		}},
		{"guide recreated", other, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("Repairs come first, take %d.", n)
			writeFile(t, filepath.Join(dir, other), soakGuide("Warranty", text))
			return soakCheck{page: "/en/guides/b/", status: 200, want: text}
		}},
		{"template recreated", footer, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("footer %d", n)
			writeFile(t, filepath.Join(dir, footer), soakFooter(text))
			return soakCheck{page: "/en/guides/a/", status: 200, want: text}
		}},
		{"guide replaced at once", other, func(t *testing.T, dir string, n int) soakCheck {
			// Deleted and written again within a millisecond, as git
			// checkout and some tools do: one change, one build.
			text := fmt.Sprintf("Repairs, checked out %d.", n)
			remove(t, filepath.Join(dir, other))
			writeFile(t, filepath.Join(dir, other), soakGuide("Warranty", text))
			return soakCheck{page: "/en/guides/b/", status: 200, want: text}
		}},
		{"statute broken", statute, func(t *testing.T, dir string, n int) soakCheck {
			// Two articles with one number: the build fails, and the
			// last good page is still served, with its last good text.
			writeFile(t, filepath.Join(dir, statute), soakStatute("Twice.\n\n### Article 1\n\nTwice."))
			return soakCheck{page: "/__lexsite/status", status: 200, want: `"ok":false`, fails: true}
		}},
		{"statute saved atomically", statute, func(t *testing.T, dir string, n int) soakCheck {
			text := fmt.Sprintf("The seller shall refund within %d days.", n)
			saveAtomically(t, filepath.Join(dir, statute), soakStatute(text))
			return soakCheck{page: "/en/statutes/tl/", status: 200, want: text}
		}},
	}
}

// buildLog records the builds a server reports through its built hook.
type buildLog struct {
	mu     sync.Mutex
	builds []soakBuild
	wake   chan struct{} // a value after every build
}

// soakBuild is one build: the paths it was given and whether it failed.
type soakBuild struct {
	paths  []string // nil for the first build
	failed bool
}

func (b *buildLog) record(changes []pipeline.Change, err error) {
	var paths []string
	for _, c := range changes {
		paths = append(paths, c.Path)
	}
	b.mu.Lock()
	b.builds = append(b.builds, soakBuild{paths: paths, failed: err != nil})
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// all returns the builds so far.
func (b *buildLog) all() []soakBuild {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.builds)
}

// waitFor waits, up to timeout, for a build after the first from builds
// that was given path, and returns its index.
func (b *buildLog) waitFor(from int, path string, timeout time.Duration) (int, bool) {
	deadline := time.After(timeout)
	for {
		for i, bl := range b.all() {
			if i >= from && slices.Contains(bl.paths, path) {
				return i, true
			}
		}
		select {
		case <-b.wake:
		case <-deadline:
			return 0, false
		}
	}
}

// openFiles counts this process's open file descriptors, or returns -1
// where /proc/self/fd does not list them.
func openFiles() int {
	if runtime.GOOS != "linux" {
		return -1
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// describeOpenFiles lists what the open descriptors point to, for a failure.
func describeOpenFiles() string {
	entries, _ := os.ReadDir("/proc/self/fd")
	var b strings.Builder
	for _, e := range entries {
		to, _ := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		fmt.Fprintf(&b, "%s -> %s\n", e.Name(), to)
	}
	return b.String()
}

// waitUntil polls cond until it holds, or timeout.
func waitUntil(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// settle polls until measure returns at most want, or timeout; it returns
// the last measure.
func settle(measure func() int, want int, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for {
		got := measure()
		if got <= want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// soakStats are what the readers saw, shared between them.
type soakStats struct {
	requests, reloads, streams atomic.Int64
	mu                         sync.Mutex
	problems                   []string
}

// problem records a failure seen by a reader; only the first few are kept,
// so a broken server does not flood the output.
func (s *soakStats) problem(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.problems) < 20 {
		s.problems = append(s.problems, fmt.Sprintf(format, args...))
	}
}

// TestServeSoak runs a server for a while under concurrent readers — pages,
// a stylesheet, the event stream, missing pages — while its sources are
// saved every 200 ms in every way editors save them. Every answer must be
// below 500, every settled save must give exactly one build, each build must
// be what is served, and once the server stops its goroutines and open
// files must be back to what they were. LEXSITE_SOAK=30s runs it longer.
func TestServeSoak(t *testing.T) {
	length := soakDuration(t)
	goroutinesBefore := runtime.NumGoroutine()
	filesBefore := openFiles()

	dir := t.TempDir()
	writeSite(t, dir, soakSite())
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(BaseURL(ln.Addr()), "/")
	log := &lockedBuffer{}
	builds := &buildLog{wake: make(chan struct{}, 1)}
	s := New(Options{
		Builder: NewSessionBuilder(pipeline.Options{SiteDir: dir, BaseURL: base + "/"}),
		SiteDir: dir,
		Log:     log,
		// A plain save is three calls — create or truncate, write, close —
		// and on a loaded machine (CI, or two cores shared by several
		// test runs) the writer can be descheduled between them for longer
		// than watch.DefaultQuiet: the server then rightly sees two settled
		// changes, builds the empty file, then the written one. Observed
		// here at a load average of 14. The soak is about concurrency, not
		// that threshold (TestTracker covers it with a fake clock), so it
		// waits 100 ms, well under the 200 ms between saves.
		Quiet: 100 * time.Millisecond,
	})
	s.built = builds.record
	ctx, stopServer := context.WithCancel(context.Background())
	defer stopServer()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	if !waitUntil(30*time.Second, func() bool { return len(builds.all()) > 0 }) {
		t.Fatal("no first build within 30 s")
	}

	// One transport for every reader, closed at the end, so its idle
	// connections are not counted as the server's leaks.
	transport := &http.Transport{MaxIdleConnsPerHost: 8}
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	stats := &soakStats{}
	readCtx, stopReading := context.WithCancel(context.Background())
	defer stopReading()
	var readers sync.WaitGroup
	// The readers' bound is generous — they normally stop when the
	// writer does — but keeps a wedged clock from looping for ever.
	limit := int(length/time.Millisecond) * 5
	for i := range 3 {
		readers.Go(func() { soakRead(readCtx, client, base, i, limit, stats) })
	}
	for range 2 {
		readers.Go(func() { soakListen(readCtx, client, base, stats) })
	}

	// The writer: one edit every 200 ms, each waited for, so that every
	// edit is one settled change and must give one build.
	edits := soakEdits()
	const period = 200 * time.Millisecond
	end := time.Now().Add(length)
	saves, broken := 0, 0
	last := map[string]soakCheck{} // source file → what its latest edit made its page
	for n := 0; time.Now().Before(end); n++ {
		started := time.Now()
		edit := edits[n%len(edits)]
		before := len(builds.all())
		check := edit.do(t, dir, n)
		saves++
		if check.fails {
			broken++
		}
		if _, ok := builds.waitFor(before, filepath.ToSlash(edit.source), 30*time.Second); !ok {
			t.Fatalf("edit %d (%s): no build of %s within 30 s", n, edit.name, edit.source)
		}
		if status, body := soakGet(t, client, base+check.page); status != check.status || !strings.Contains(body, check.want) {
			t.Errorf("edit %d (%s): %s answers %d without %q, want %d: the build is not what is served", n, edit.name, check.page, status, check.want, check.status)
		}
		if !check.fails { // a later edit fixes the file
			last[edit.source] = check
		}
		time.Sleep(time.Until(started.Add(period)))
	}

	// Nothing more may come: a late build would be a second build of one
	// save (a temporary file, a rename seen twice).
	time.Sleep(500 * time.Millisecond)
	stopReading()
	readers.Wait()
	all := builds.all()
	count, failed := len(all), 0
	for _, b := range all {
		if b.failed {
			failed++
		}
	}
	if count != saves+1 {
		var list strings.Builder
		for i, b := range all[1:] {
			fmt.Fprintf(&list, "build %d: %s\n", i+1, strings.Join(b.paths, ", "))
		}
		t.Errorf("%d saves gave %d builds after the first, want one each:\n%s", saves, count-1, list.String())
	}
	if failed != broken {
		t.Errorf("%d builds failed, want %d: one per broken save:\n%s", failed, broken, log)
	}
	for _, check := range last {
		if status, body := soakGet(t, client, base+check.page); status != check.status || !strings.Contains(body, check.want) {
			t.Errorf("at the end %s answers %d without the last saved text %q, want %d", check.page, status, check.want, check.status)
		}
	}
	stats.mu.Lock()
	for _, p := range stats.problems {
		t.Error(p)
	}
	stats.mu.Unlock()
	if stats.reloads.Load() == 0 {
		t.Errorf("the event streams saw no reload in %d saves", saves)
	}
	t.Logf("%v: %d saves, %d builds, %d requests, %d event streams, %d reload events",
		length, saves, count, stats.requests.Load(), stats.streams.Load(), stats.reloads.Load())

	stopServer()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop within 10 s of its context ending")
	}
	transport.CloseIdleConnections()
	if got := settle(runtime.NumGoroutine, goroutinesBefore, 5*time.Second); got > goroutinesBefore {
		var stacks strings.Builder
		_ = pprof.Lookup("goroutine").WriteTo(&stacks, 1)
		t.Errorf("%d goroutines after the server stopped, %d before it started:\n%s", got, goroutinesBefore, stacks.String())
	}
	if filesBefore >= 0 {
		if got := settle(openFiles, filesBefore, 5*time.Second); got > filesBefore {
			t.Errorf("%d open files after the server stopped, %d before it started:\n%s", got, filesBefore, describeOpenFiles())
		}
	}
}

// soakGet fetches a URL for the writer's checks.
func soakGet(t *testing.T, client *http.Client, url string) (int, string) {
	t.Helper()
	res, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// soakTarget is an address the readers ask for, with the statuses it may
// answer.
type soakTarget struct {
	path   string
	status []int
}

// soakTargets are what the readers ask for: the guide that is deleted and
// recreated may be missing.
func soakTargets() []soakTarget {
	return []soakTarget{
		{"/en/", []int{200}},
		{"/en/guides/a/", []int{200}},
		{"/es/guides/a/", []int{200}},
		{"/en/guides/b/", []int{200, 404}},
		{"/en/statutes/tl/", []int{200}},
		{"/css/site.css", []int{200}},
		{"/__lexsite/status", []int{200}},
		{"/en/no-such-page/", []int{404}},
		{"/no-such-file.txt", []int{404}},
		{"/en/guides/a", []int{301}},
	}
}

// soakRead requests soakTargets in turn until ctx ends, at most limit
// times.
func soakRead(ctx context.Context, client *http.Client, base string, offset, limit int, stats *soakStats) {
	targets := soakTargets()
	for n := 0; n < limit && ctx.Err() == nil; n++ {
		target := targets[(n+offset)%len(targets)]
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+target.path, nil)
		if err != nil {
			stats.problem("GET %s: %v", target.path, err)
			return
		}
		res, err := client.Do(req)
		if err != nil {
			if ctx.Err() == nil {
				stats.problem("GET %s: %v", target.path, err)
			}
			return
		}
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		stats.requests.Add(1)
		if err != nil && ctx.Err() == nil {
			stats.problem("GET %s: reading the body: %v", target.path, err)
		}
		if res.StatusCode >= 500 || !slices.Contains(target.status, res.StatusCode) {
			stats.problem("GET %s: status %d, want one of %v", target.path, res.StatusCode, target.status)
		}
	}
}

// soakListen opens the event stream, reads it for 0.1 to 1 s, closes it
// and opens it again, as pages do when they reload, until ctx ends, at
// most 1,000 times.
func soakListen(ctx context.Context, client *http.Client, base string, stats *soakStats) {
	for n := 0; n < 1000 && ctx.Err() == nil; n++ {
		streamCtx, cancel := context.WithTimeout(ctx, time.Duration(n%10+1)*100*time.Millisecond)
		err := soakStream(streamCtx, client, base, stats)
		cancel()
		if err != nil && ctx.Err() == nil {
			stats.problem("event stream: %v", err)
		}
	}
}

// soakStream reads one connection to the event stream until ctx ends.
func soakStream(ctx context.Context, client *http.Client, base string, stats *soakStats) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/__lexsite/events", nil)
	if err != nil {
		return err
	}
	res, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	defer res.Body.Close()
	stats.streams.Add(1)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		return fmt.Errorf("status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	sc := bufio.NewScanner(res.Body)
	first := true
	for sc.Scan() {
		event, ok := strings.CutPrefix(sc.Text(), "event: ")
		if !ok {
			continue
		}
		if first && event != "state" {
			return fmt.Errorf("the stream began with %q, want state", event)
		}
		first = false
		if event == "reload" {
			stats.reloads.Add(1)
		}
	}
	if err := sc.Err(); err != nil && ctx.Err() == nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	return nil
}
