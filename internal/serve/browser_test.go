package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/lexsite/lexsite/internal/browsertest"
)

// waitFor evaluates expr in the page until ok accepts its value. Errors are
// retried: while the page reloads, there is briefly no page to ask. Each
// try has a time limit of its own, so a question that hangs in a page
// being replaced does not use up the whole wait.
func waitFor(t *testing.T, ctx context.Context, what, expr string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	last, seen := "", false
	var lastErr error
	for time.Now().Before(deadline) {
		try, cancel := context.WithTimeout(ctx, 3*time.Second)
		v, err := chromedp.Run(try, chromedp.Evaluate[string](expr))
		cancel()
		if err == nil {
			if ok(v) {
				return v
			}
			last, seen, lastErr = v, true, nil
		} else {
			lastErr = err
		}
		time.Sleep(30 * time.Millisecond)
	}
	switch {
	case lastErr != nil && seen:
		t.Fatalf("waiting for %s: %s was %q, then failed: %v", what, expr, last, lastErr)
	case lastErr != nil:
		t.Fatalf("waiting for %s: %s failed: %v", what, expr, lastErr)
	}
	t.Fatalf("waiting for %s: %s is still %q", what, expr, last)
	return ""
}

// liveState is where the page's live-reload script stands: the
// data-lexsite-live of its script element, "" before the script has run.
const liveState = `(function () { var s = document.querySelector("script[data-lexsite-live]"); return s ? s.getAttribute("data-lexsite-live") : ""; })()`

// waitLive waits until the page's live-reload script has loaded and holds
// an open stream for the page's own version. A page that has just
// (re)loaded shows its content before its deferred script has arrived: a
// server stopped in between takes the script's request down with it, and
// the page could never reload.
func waitLive(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, "the live-reload script to connect", liveState, func(s string) bool { return s == "connected" })
}

// listenAgain listens on addr, which a server has just given up; another
// program may hold the port for a moment, as its own ephemeral port.
func listenAgain(t *testing.T, addr string) net.Listener {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ln, err := net.Listen("tcp", addr)
		if err == nil {
			return ln
		}
		if !errors.Is(err, syscall.EADDRINUSE) || time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// traceNetwork records the page's requests and server-sent events, and
// prints them when the test fails: a live-reload failure is about their
// order.
func traceNetwork(t *testing.T, ctx context.Context) {
	var mu sync.Mutex
	var lines []string
	urls := map[network.RequestID]string{}
	start := time.Now()
	add := func(id network.RequestID, format string, args ...any) {
		// Called from the loop that reads the browser's messages: no
		// commands here, only a note under the lock.
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf("%7.3fs %s ", time.Since(start).Seconds(), urls[id])+fmt.Sprintf(format, args...))
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			mu.Lock()
			urls[e.RequestID] = e.Request.URL
			mu.Unlock()
			add(e.RequestID, "requested")
		case *network.EventResponseReceived:
			add(e.RequestID, "answered %d", e.Response.Status)
		case *network.EventLoadingFailed:
			add(e.RequestID, "failed: %s", e.ErrorText)
		case *network.EventEventSourceMessageReceived:
			add(e.RequestID, "event %s %.60s", e.EventName, e.Data)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		t.Logf("the page's requests and events:\n%s", strings.Join(lines, "\n"))
	})
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// guideText is a guide long enough to scroll.
func guideText(title, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nreviewed: 2026-01-01\n---\n", title)
	for i := range 80 {
		fmt.Fprintf(&b, "Paragraph %d: you can send goods back within seven days.\n\n", i)
	}
	b.WriteString(extra)
	return b.String()
}

func TestBrowserLiveReload(t *testing.T) {
	// Six steps of up to 15 s each under a busy machine: more than the
	// browser's default life.
	ctx := browsertest.Chrome(t, browsertest.Timeout(3*time.Minute))
	traceNetwork(t, ctx)
	dir := t.TempDir()
	site := smallSite()
	site["content/guides/a.en.md"] = guideText("Returns", "")
	// A strict policy: no inline script or style anywhere. The preview adds
	// only what its own files need.
	site["netlify.toml"] = "[[headers]]\nfor = \"/*\"\n[headers.values]\nContent-Security-Policy = \"default-src 'none'; style-src 'self'; img-src 'self'\"\n"
	writeSite(t, dir, site)
	srv := startServer(t, dir)
	guide := filepath.Join(dir, "content", "guides", "a.en.md")
	h1 := `document.querySelector("h1") ? document.querySelector("h1").textContent : ""`

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/en/guides/a/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the guide", h1, func(s string) bool { return s == "Returns" })
	// An edit before the script has connected is caught up by the version
	// check anyway; this test does not wait for it.
	y := eval[float64](t, ctx, `window.scrollTo({top: 600, behavior: "instant"}), window.scrollY`)
	if y < 500 {
		t.Fatalf("the page scrolled to %v only; the test needs a longer page", y)
	}
	// The browser's own restoring off, so the test sees the script's.
	eval[bool](t, ctx, `history.scrollRestoration = "manual", window.lexsiteTestMarker = true`)

	t.Run("an edit reloads the open page, keeping its place", func(t *testing.T) {
		writeFile(t, guide, guideText("Returns, revised", ""))
		waitFor(t, ctx, "the new title", h1, func(s string) bool { return s == "Returns, revised" })
		if eval[bool](t, ctx, `window.lexsiteTestMarker === true`) {
			t.Errorf("the title changed without a reload")
		}
		got := waitFor(t, ctx, "the scroll position", `String(Math.round(window.scrollY))`, func(s string) bool { return s == fmt.Sprint(int(y)) })
		t.Logf("scroll after reload: %s", got)
	})

	t.Run("a stylesheet edit is swapped in without a reload", func(t *testing.T) {
		// Only a page that is listening gets the swap: one that connects
		// after the build finds itself out of date and reloads.
		waitLive(t, ctx)
		eval[bool](t, ctx, `window.lexsiteTestMarker = true`)
		_, css := fetch(t, srv.url+"/css/site.css")
		writeFile(t, filepath.Join(dir, "static", "css", "site.css"), css+"\nh1 { color: rgb(1, 2, 3); }\n")
		waitFor(t, ctx, "the new style", `getComputedStyle(document.querySelector("h1")).color`, func(s string) bool { return s == "rgb(1, 2, 3)" })
		if !eval[bool](t, ctx, `window.lexsiteTestMarker === true`) {
			t.Errorf("the page reloaded for a stylesheet change")
		}
	})

	broken := guideText("Returns, broken", "See [this](missing-<b>bold</b>.md).\n")
	overlay := `(function () { var o = document.getElementById("lexsite-overlay"); return o && !o.hidden ? o.textContent : ""; })()`
	t.Run("a broken build shows the errors over the last good page", func(t *testing.T) {
		writeFile(t, guide, broken)
		text := waitFor(t, ctx, "the overlay", overlay, func(s string) bool { return s != "" })
		for _, want := range []string{"content/guides/a.en.md:", "error:", "missing-<b>bold</b>.md"} {
			if !strings.Contains(text, want) {
				t.Errorf("the overlay %q lacks %q", text, want)
			}
		}
		if eval[bool](t, ctx, `document.querySelector("#lexsite-overlay b") !== null`) {
			t.Errorf("the diagnostic's text was parsed as HTML")
		}
		// The overlay's stylesheet is added with it, and takes a moment.
		waitFor(t, ctx, "the overlay's stylesheet (blocked by the site's CSP?)", `getComputedStyle(document.getElementById("lexsite-overlay")).position`, func(s string) bool { return s == "fixed" })
		if got := eval[string](t, ctx, h1); got != "Returns, revised" {
			t.Errorf("under the overlay: h1 %q, want the last good build's", got)
		}
	})

	t.Run("a page opened while broken shows the errors too", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/es/guides/a/")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the overlay on a new page", overlay, func(s string) bool { return strings.Contains(s, "missing-<b>bold</b>.md") })
	})

	t.Run("fixing the file clears the errors by itself", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/en/guides/a/")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the overlay", overlay, func(s string) bool { return s != "" })
		writeFile(t, guide, guideText("Returns, fixed", ""))
		waitFor(t, ctx, "the fixed title", h1, func(s string) bool { return s == "Returns, fixed" })
		waitFor(t, ctx, "the overlay to go", overlay, func(s string) bool { return s == "" })
	})

	t.Run("a page reconnects to a restarted server and reloads", func(t *testing.T) {
		// The page has just reloaded for the fix: its script may still be
		// on the way, and a page without it cannot reload.
		waitLive(t, ctx)
		eval[bool](t, ctx, `window.lexsiteTestMarker = true`)
		srv.stop()
		writeFile(t, guide, guideText("Returns, after the restart", ""))
		waitFor(t, ctx, "the page to notice the server has gone", liveState, func(s string) bool { return s != "connected" })
		time.Sleep(300 * time.Millisecond) // the page is now without a server
		serveOn(t, listenAgain(t, strings.TrimPrefix(srv.url, "http://")), dir, fullBuilder)
		waitFor(t, ctx, "the title after the restart", h1, func(s string) bool { return s == "Returns, after the restart" })
		if eval[bool](t, ctx, `window.lexsiteTestMarker === true`) {
			t.Errorf("the page changed without a reload")
		}
		waitLive(t, ctx)
	})
}
