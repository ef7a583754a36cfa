package serve

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lexsite/lexsite/internal/browsertest"
)

// waitFor evaluates expr in the page until ok accepts its value. Errors are
// retried: while the page reloads, there is briefly no page to ask.
func waitFor(t *testing.T, ctx context.Context, what, expr string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err == nil {
			if ok(v) {
				return v
			}
			last = v
		}
		time.Sleep(30 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: %s is still %q", what, expr, last)
	return ""
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
	ctx := browsertest.Chrome(t)
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
	// The script has connected when the server counts the page's stream;
	// an edit before that is caught up by the version check anyway.
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
		if pos := eval[string](t, ctx, `getComputedStyle(document.getElementById("lexsite-overlay")).position`); pos != "fixed" {
			t.Errorf("overlay position %q: its stylesheet did not load under the site's CSP", pos)
		}
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
		eval[bool](t, ctx, `window.lexsiteTestMarker = true`)
		srv.stop()
		writeFile(t, guide, guideText("Returns, after the restart", ""))
		time.Sleep(300 * time.Millisecond) // the page is now without a server
		startServerAt(t, dir, strings.TrimPrefix(srv.url, "http://"))
		waitFor(t, ctx, "the title after the restart", h1, func(s string) bool { return s == "Returns, after the restart" })
		if eval[bool](t, ctx, `window.lexsiteTestMarker === true`) {
			t.Errorf("the page changed without a reload")
		}
	})
}
