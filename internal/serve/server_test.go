package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/pipeline"
)

// smallSite is a two-language site with one guide, using the carried
// templates and stylesheets.
func smallSite() map[string]string {
	return map[string]string{
		"lexsite.toml":           "base_url = \"https://example.org/\"\n[languages.en]\nname = \"English\"\ntitle = \"Consumer help\"\n[languages.es]\nname = \"Español\"\n",
		"content/_index.md":      "---\ntitle: Home\n---\nHello.\n",
		"content/guides/a.en.md": "---\ntitle: Returns\nreviewed: 2026-01-01\n---\nYou can send goods back.\n",
		"content/guides/a.es.md": "---\ntitle: Devoluciones\nreviewed: 2026-01-01\n---\nPuede devolver.\n",
	}
}

// writeSite writes files into dir.
func writeSite(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
}

func writeFile(t testing.TB, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveAtomically writes data to a temporary file beside p and renames it
// over p, as Sublime Text, Helix, VS Code and many tools do.
func saveAtomically(t testing.TB, p, data string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	writeFile(t, tmp, data)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// saveLikeVim renames p to a backup, writes p anew and deletes the backup,
// as Vim does with its default settings.
func saveLikeVim(t testing.TB, p, data string) {
	t.Helper()
	backup := p + "~"
	if err := os.Rename(p, backup); err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, data)
	if err := os.Remove(backup); err != nil {
		t.Fatal(err)
	}
}

// running is a server started by a test.
type running struct {
	url  string // with no trailing slash
	log  *lockedBuffer
	stop func() // stops the server and waits for it; also run at cleanup
}

// startServer serves the site in dir on a free loopback port until the
// test ends.
func startServer(t testing.TB, dir string) *running {
	t.Helper()
	return startServerAt(t, dir, "127.0.0.1:0")
}

// startServerAt serves the site in dir on addr.
func startServerAt(t testing.TB, dir, addr string) *running {
	t.Helper()
	return startServerWith(t, dir, addr, fullBuilder)
}

// builderFor makes the Builder a test server uses.
type builderFor func(pipeline.Options) Builder

func fullBuilder(opts pipeline.Options) Builder    { return FullBuilder{Options: opts} }
func sessionBuilder(opts pipeline.Options) Builder { return NewSessionBuilder(opts) }

// startServerWith serves the site in dir on addr with the builder mk makes.
func startServerWith(t testing.TB, dir, addr string, mk builderFor) *running {
	t.Helper()
	ln, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	return serveOn(t, ln, dir, mk)
}

// serveOn serves the site in dir on ln with the builder mk makes.
func serveOn(t testing.TB, ln net.Listener, dir string, mk builderFor) *running {
	t.Helper()
	log := &lockedBuffer{}
	opts := pipeline.Options{SiteDir: dir, BaseURL: BaseURL(ln.Addr())}
	s := New(Options{Builder: mk(opts), SiteDir: dir, Log: log})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Errorf("the server did not stop within 5 s of its context ending")
			}
		})
	}
	t.Cleanup(stop)
	return &running{url: strings.TrimSuffix(BaseURL(ln.Addr()), "/"), log: log, stop: stop}
}

// sseEvent is one server-sent event.
type sseEvent struct {
	name string
	data stateJSON
	at   time.Time
}

// subscribe opens the event stream and returns its events; the first one,
// the current state, has been read already and is returned too.
func subscribe(t testing.TB, base string) (<-chan sseEvent, sseEvent) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/__lexsite/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("event stream: %s, Content-Type %q", res.Status, res.Header.Get("Content-Type"))
	}
	events := make(chan sseEvent, 64)
	go func() {
		defer res.Body.Close()
		defer close(events)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data); err != nil {
					ev.name = "bad data: " + err.Error()
				}
			case line == "" && ev.name != "":
				ev.at = time.Now()
				events <- ev
				ev = sseEvent{}
			}
		}
	}()
	first := next(t, events, 5*time.Second)
	if first.name != "state" {
		t.Fatalf("the stream began with %q, want the current state", first.name)
	}
	return events, first
}

// next waits for the next event.
func next(t testing.TB, events <-chan sseEvent, timeout time.Duration) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(timeout):
		t.Fatalf("no event within %v", timeout)
	}
	return sseEvent{}
}

// quiet checks that no event comes within d.
func quiet(t testing.TB, events <-chan sseEvent, d time.Duration) {
	t.Helper()
	select {
	case ev := <-events:
		t.Errorf("an unexpected %q event (version %s)", ev.name, ev.data.Version)
	case <-time.After(d):
	}
}

// fetch gets a page and returns its status and body.
func fetch(t testing.TB, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
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

func TestEditReloadsOnce(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, smallSite())
	srv := startServer(t, dir)
	events, first := subscribe(t, srv.url)
	if !first.data.OK || first.data.Version == "" {
		t.Fatalf("initial state %+v, want a good build", first.data)
	}
	guide := filepath.Join(dir, "content", "guides", "a.en.md")
	version := first.data.Version
	for i, tc := range []struct {
		name string
		save func(testing.TB, string, string)
	}{
		{"plain write", writeFile},
		{"write a temporary file, rename it over the guide", saveAtomically},
		{"Vim: back up by rename, write anew", saveLikeVim},
	} {
		t.Run(tc.name, func(t *testing.T) {
			title := fmt.Sprintf("Returns, take %d", i+1)
			edited := time.Now()
			tc.save(t, guide, "---\ntitle: "+title+"\nreviewed: 2026-01-01\n---\nYou can send goods back.\n")
			ev := next(t, events, 10*time.Second)
			if ev.name != "reload" || ev.data.Version == version || !ev.data.OK {
				t.Fatalf("got %q %+v, want a reload to a new good version", ev.name, ev.data)
			}
			version = ev.data.Version
			t.Logf("edit to reload event: %v", ev.at.Sub(edited))
			// Told to reload, the page must get the new build at once.
			status, body := fetch(t, srv.url+"/en/guides/a/")
			if status != 200 || !strings.Contains(body, title) {
				t.Errorf("after the reload event: status %d, page without %q", status, title)
			}
			if !strings.Contains(body, "/__lexsite/live.js?v="+version) {
				t.Errorf("the page does not carry the new version %s in its hook", version)
			}
			quiet(t, events, 300*time.Millisecond) // exactly one reload
		})
	}
	if !strings.Contains(srv.log.String(), "rebuilt in ") || !strings.Contains(srv.log.String(), "content/guides/a.en.md changed") {
		t.Errorf("the terminal does not report the rebuilds:\n%s", srv.log)
	}
}

func TestNewFolderWithFilesIsBuilt(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, smallSite())
	srv := startServer(t, dir)
	events, _ := subscribe(t, srv.url)
	// The folder and its files appear at once, before any watch on the
	// folder can exist.
	writeFile(t, filepath.Join(dir, "content", "guides", "new", "deeper", "b.en.md"), "---\ntitle: Warranty\nreviewed: 2026-01-01\n---\nText.\n")
	ev := next(t, events, 10*time.Second)
	if ev.name != "reload" {
		t.Fatalf("got %q, want reload", ev.name)
	}
	quiet(t, events, 200*time.Millisecond)
	status, body := fetch(t, srv.url+"/en/guides/new/deeper/b/")
	if status != 200 || !strings.Contains(body, "Warranty") {
		t.Fatalf("the new guide: status %d", status)
	}
	// A file later written in the new folder is seen too: it is watched.
	writeFile(t, filepath.Join(dir, "content", "guides", "new", "deeper", "b.en.md"), "---\ntitle: Warranty two\nreviewed: 2026-01-01\n---\nText.\n")
	if ev := next(t, events, 10*time.Second); ev.name != "reload" {
		t.Fatalf("got %q, want reload", ev.name)
	}
	if _, body := fetch(t, srv.url+"/en/guides/new/deeper/b/"); !strings.Contains(body, "Warranty two") {
		t.Errorf("the edit in the new folder was not built")
	}
	// Deleting it removes the page.
	if err := os.RemoveAll(filepath.Join(dir, "content", "guides", "new")); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, events, 10*time.Second); ev.name != "reload" {
		t.Fatalf("got %q, want reload", ev.name)
	}
	if status, _ := fetch(t, srv.url+"/en/guides/new/deeper/b/"); status != 404 {
		t.Errorf("the deleted guide: status %d, want 404", status)
	}
}

func TestConfigAndStylesheetChanges(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, smallSite())
	srv := startServer(t, dir)
	events, _ := subscribe(t, srv.url)

	// lexsite.toml is watched: a new site title reaches the pages.
	cfg := strings.Replace(smallSite()["lexsite.toml"], "Consumer help", "Consumer help desk", 1)
	saveAtomically(t, filepath.Join(dir, "lexsite.toml"), cfg)
	if ev := next(t, events, 10*time.Second); ev.name != "reload" {
		t.Fatalf("after editing lexsite.toml: %q, want reload", ev.name)
	}
	if _, body := fetch(t, srv.url+"/en/"); !strings.Contains(body, "Consumer help desk") {
		t.Errorf("the new title is not on the home page")
	}

	// A stylesheet alone changed: swapped, not reloaded.
	_, css := fetch(t, srv.url+"/css/site.css")
	writeFile(t, filepath.Join(dir, "static", "css", "site.css"), css+"\n.lexsite-test { color: red; }\n")
	ev := next(t, events, 10*time.Second)
	if ev.name != "css" || len(ev.data.Files) != 1 || ev.data.Files[0] != "css/site.css" || ev.data.Previous == "" {
		t.Fatalf("after editing the stylesheet: %q %+v, want a css event for css/site.css", ev.name, ev.data)
	}
	if _, body := fetch(t, srv.url+"/css/site.css"); !strings.Contains(body, ".lexsite-test") {
		t.Errorf("the new stylesheet is not served")
	}

	// netlify.toml is applied as soon as it is saved.
	writeFile(t, filepath.Join(dir, "netlify.toml"), "[[redirects]]\nfrom = \"/old/*\"\nto = \"/en/:splat\"\nstatus = 301\n")
	if ev := next(t, events, 10*time.Second); ev.name != "reload" {
		t.Fatalf("after adding netlify.toml: %q, want reload", ev.name)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(srv.url + "/old/guides/a/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 301 || res.Header.Get("Location") != "/en/guides/a/" {
		t.Errorf("the new redirect: %s to %q", res.Status, res.Header.Get("Location"))
	}

	// Saving without a change rebuilds but tells no page to reload.
	writeFile(t, filepath.Join(dir, "content", "guides", "a.en.md"), smallSite()["content/guides/a.en.md"])
	quiet(t, events, 500*time.Millisecond)
}

func TestBrokenBuildShowsErrorsUntilFixed(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, smallSite())
	srv := startServer(t, dir)
	events, first := subscribe(t, srv.url)
	guide := filepath.Join(dir, "content", "guides", "a.en.md")

	writeFile(t, guide, "---\ntitle: [Returns\nreviewed: 2026-01-01\n---\nText.\n")
	ev := next(t, events, 10*time.Second)
	if ev.name != "state" || ev.data.OK || len(ev.data.Diagnostics) == 0 {
		t.Fatalf("after breaking the guide: %q %+v, want a state event with the errors", ev.name, ev.data)
	}
	d := ev.data.Diagnostics[0]
	if d.Path != "content/guides/a.en.md" || d.Line != 2 || d.Col < 1 || d.Severity != "error" || d.Message == "" {
		t.Errorf("diagnostic %+v, want content/guides/a.en.md:2:col: error", d)
	}
	if ev.data.Version != first.data.Version {
		t.Errorf("a failed build changed the served version")
	}
	// A page loaded now still gets the last good build; its script asks
	// the state (status, or the stream's first event) and shows the errors.
	status, body := fetch(t, srv.url+"/en/guides/a/")
	if status != 200 || !strings.Contains(body, "Returns") {
		t.Errorf("while broken: status %d; want the last good page", status)
	}
	_, st := fetch(t, srv.url+"/__lexsite/status")
	if !strings.Contains(st, `"ok":false`) || !strings.Contains(st, `"path":"content/guides/a.en.md"`) {
		t.Errorf("/__lexsite/status while broken: %s", st)
	}
	_, late := subscribe(t, srv.url)
	if late.data.OK || len(late.data.Diagnostics) == 0 {
		t.Errorf("a page connecting while broken gets %+v, want the errors", late.data)
	}
	if n := strings.Count(srv.log.String(), "content/guides/a.en.md:2:"); n != 1 {
		t.Errorf("the terminal printed the diagnostic %d times, want once:\n%s", n, srv.log)
	}

	writeFile(t, guide, "---\ntitle: Returns fixed\nreviewed: 2026-01-01\n---\nText.\n")
	ev = next(t, events, 10*time.Second)
	if ev.name != "reload" || !ev.data.OK {
		t.Fatalf("after fixing the guide: %q %+v, want reload", ev.name, ev.data)
	}
	if _, body := fetch(t, srv.url+"/en/guides/a/"); !strings.Contains(body, "Returns fixed") {
		t.Errorf("the fixed page is not served")
	}
	_, st = fetch(t, srv.url+"/__lexsite/status")
	if !strings.Contains(st, `"ok":true`) {
		t.Errorf("/__lexsite/status after the fix: %s", st)
	}

	// Broken again, then restored to exactly the last good text: no page
	// changed, so the pages are told only that the errors are gone.
	writeFile(t, guide, "---\ntitle: [Returns\n---\n")
	if ev := next(t, events, 10*time.Second); ev.name != "state" || ev.data.OK {
		t.Fatalf("breaking again: %q %+v", ev.name, ev.data)
	}
	writeFile(t, guide, "---\ntitle: Returns fixed\nreviewed: 2026-01-01\n---\nText.\n")
	if ev := next(t, events, 10*time.Second); ev.name != "state" || !ev.data.OK || len(ev.data.Diagnostics) != 0 {
		t.Fatalf("restoring the good text: %q %+v, want state ok", ev.name, ev.data)
	}
}

// rawRequest sends a request line as written, so paths no client would
// send reach the server.
func rawRequest(t *testing.T, addr, target string) int {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestTraversalOverTheWire(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, smallSite())
	// A symlink in static/ that leads out of the site: the build decides
	// what it copies; the server serves only what the build wrote.
	secret := filepath.Join(t.TempDir(), "secret.txt")
	writeFile(t, secret, "do not serve")
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.Symlink(filepath.Dir(secret), filepath.Join(dir, "static", "outside"))
	srv := startServer(t, dir)
	addr := strings.TrimPrefix(srv.url, "http://")
	for _, tc := range []struct {
		target string
		status int
	}{
		{"/en/", 200},
		{"/../lexsite.toml", 400},
		{"/%2e%2e/lexsite.toml", 400},
		{"/%2e%2e/", 400},
		{"/en/..%2f..%2fetc/passwd", 400},
		{"//etc/passwd", 400},
		{"/en/..%5c..%5clexsite.toml", 400},
		{"/en/..\\..\\lexsite.toml", 400},
		{"/lexsite.toml", 404},
		{"/content/guides/a.en.md", 404},
	} {
		if got := rawRequest(t, addr, tc.target); got != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.target, got, tc.status)
		}
	}
	if _, body := fetch(t, srv.url+"/outside/secret.txt"); strings.Contains(body, "do not serve") {
		t.Errorf("a file outside the site was served through a symlink")
	}
}

func TestBuildOutputHasNoHook(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, smallSite())
	snap, err := FullBuilder{Options: pipeline.Options{SiteDir: dir}}.Build(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Files) == 0 {
		t.Fatal("no files built")
	}
	for name, b := range snap.Files {
		if strings.Contains(string(b), "__lexsite") {
			t.Errorf("%s: the build output has the live-reload hook", name)
		}
	}
}

// TestSessionBuilderServesWhatAFullBuildWrites runs a sequence of edits
// through the incremental builder and checks, after each, that every file
// served is the one a full build of the same sources writes.
func TestSessionBuilderServesWhatAFullBuildWrites(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, smallSite())
	srv := startServerWith(t, dir, "127.0.0.1:0", sessionBuilder)
	events, _ := subscribe(t, srv.url)
	guide := filepath.Join(dir, "content", "guides", "a.en.md")
	for _, step := range []struct {
		name  string
		edit  func(t *testing.T)
		event string
	}{
		{"a guide's text", func(t *testing.T) {
			writeFile(t, guide, "---\ntitle: Returns\nreviewed: 2026-01-01\n---\nYou can send goods back within seven days.\n")
		}, "reload"},
		{"a guide's title", func(t *testing.T) {
			saveAtomically(t, guide, "---\ntitle: Sending goods back\nreviewed: 2026-01-01\n---\nYou can send goods back within seven days.\n")
		}, "reload"},
		{"a new guide", func(t *testing.T) {
			writeFile(t, filepath.Join(dir, "content", "guides", "b.en.md"), "---\ntitle: Warranty\nreviewed: 2026-01-01\n---\nSee [returns](a.md).\n")
		}, "reload"},
		{"a broken guide", func(t *testing.T) {
			writeFile(t, guide, "---\ntitle: [Sending\n---\n")
		}, "state"},
		{"the guide fixed with new text", func(t *testing.T) {
			writeFile(t, guide, "---\ntitle: Sending goods back\nreviewed: 2026-01-01\n---\nSeven days, no reason needed.\n")
		}, "reload"},
		{"the site title", func(t *testing.T) {
			writeFile(t, filepath.Join(dir, "lexsite.toml"), strings.Replace(smallSite()["lexsite.toml"], "Consumer help", "Help desk", 1))
		}, "reload"},
		{"a guide deleted", func(t *testing.T) {
			if err := os.Remove(filepath.Join(dir, "content", "guides", "b.en.md")); err != nil {
				t.Fatal(err)
			}
		}, "reload"},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.edit(t)
			ev := next(t, events, 10*time.Second)
			if ev.name != step.event {
				t.Fatalf("event %q, want %q", ev.name, step.event)
			}
			if step.event != "reload" {
				return
			}
			full, err := FullBuilder{Options: pipeline.Options{SiteDir: dir, BaseURL: srv.url + "/"}}.Build(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if ev.data.Pages != full.Pages {
				t.Errorf("%d pages served, a full build has %d", ev.data.Pages, full.Pages)
			}
			for name, want := range full.Files {
				status, body := fetch(t, srv.url+"/"+name)
				body = strings.Replace(body, hook(ev.data.Version, ""), "", 1)
				if status != 200 || body != string(want) {
					t.Errorf("/%s: status %d, and the served file differs from the full build's", name, status)
				}
			}
		})
	}
}
