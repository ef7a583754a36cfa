package browsertest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/mediatype"
)

// Serve serves files on a test server on 127.0.0.1 the way a static host
// does, and returns its base URL, without a trailing slash. The server is
// closed in t.Cleanup.
//
// The names of files are slash-separated paths relative to the site root,
// such as "en/index.html". A request for "/x/" gets "x/index.html"; a request
// for "/x" gets the file "x", or a redirect to "/x/" when "x/index.html"
// exists. Every file has the Content-Type of its extension. Anything else is
// a 404 with the body of "404.html", when there is one.
//
// Serve reads the map when a request comes, not when it is called: a test
// may fill the map after Serve returns (for example with a site built for the
// returned URL), but must not change it while the browser is loading pages.
func Serve(t testing.TB, files map[string][]byte) string {
	t.Helper()
	return ServeWithHeaders(t, files, nil)
}

// ServeWithHeaders is Serve with extra response headers on every reply: a
// Content-Security-Policy, say, to check that pages keep working under it.
func ServeWithHeaders(t testing.TB, files map[string][]byte, h http.Header) string {
	t.Helper()
	inner := handler(files)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range h {
			w.Header()[k] = v
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// handler is the http.Handler of Serve.
func handler(files map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		name := strings.TrimPrefix(path.Clean(p), "/")
		if strings.HasSuffix(p, "/") {
			name = path.Join(name, "index.html")
		} else if _, ok := files[name]; !ok {
			if _, ok := files[path.Join(name, "index.html")]; ok {
				target := "/" + name + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
		}
		body, ok := files[name]
		status := http.StatusOK
		if !ok {
			status = http.StatusNotFound
			name = "404.html"
			if body, ok = files[name]; !ok {
				name, body = "404.txt", []byte("404 page not found\n")
			}
		}
		w.Header().Set("Content-Type", mediatype.Of(name, body))
		if status != http.StatusOK {
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(status)
			if r.Method != http.MethodHead {
				w.Write(body)
			}
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
	})
}
