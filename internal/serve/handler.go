package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/lexsite/lexsite/internal/mediatype"
	"github.com/lexsite/lexsite/internal/netlify"
)

// siteHandler serves the current state.
type siteHandler struct {
	s *Server
	// loopbackHosts: answer only requests addressed to a loopback name.
	// A web page elsewhere can point a name of its own at 127.0.0.1 (DNS
	// rebinding) and read a local server through it; checking Host stops
	// that, so drafts on a loopback preview stay on this computer.
	loopbackHosts bool
}

func (s *Server) handler(loopbackHosts bool) http.Handler {
	return siteHandler{s: s, loopbackHosts: loopbackHosts}
}

func (h siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store") // every answer, errors and redirects too
	if h.loopbackHosts && !loopbackHost(r.Host) {
		http.Error(w, "403 forbidden: this preview answers only requests for localhost or 127.0.0.1", http.StatusForbidden)
		return
	}
	if why := unsafePath(r); why != "" {
		http.Error(w, "400 bad request: "+why, http.StatusBadRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasPrefix(r.URL.Path, livePrefix) {
		h.s.serveLive(w, r)
		return
	}
	st := h.s.state.Load()
	if st.files == nil {
		h.s.serveNoBuild(w, r, st)
		return
	}
	h.s.serveSite(w, r, st)
}

// loopbackHost reports whether a Host header names this computer.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// unsafePath explains why a request path is refused, or returns "". The
// server reads only the in-memory snapshot, so no path can reach the disk;
// refusing the classic tricks anyway — dot segments, encoded slashes and
// backslashes, a leading // — keeps them from being rewritten into some
// other page by a redirect rule, and makes the refusal visible in tests.
func unsafePath(r *http.Request) string {
	p := r.URL.Path
	raw := strings.ToLower(r.URL.EscapedPath())
	if r.RequestURI != "" {
		raw = strings.ToLower(strings.SplitN(r.RequestURI, "?", 2)[0])
	}
	switch {
	case !strings.HasPrefix(p, "/"):
		return "the path must start with /"
	case strings.HasPrefix(p, "//") || strings.HasPrefix(raw, "//"):
		return "the path starts with //"
	case strings.ContainsAny(p, "\\\x00") || strings.Contains(raw, "\\"):
		return "the path has a backslash or a NUL"
	case strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00"):
		return "the path has an encoded slash, backslash or NUL"
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "the path has a . or .. segment"
		}
	}
	for _, seg := range strings.Split(raw, "/") {
		if seg == "." || seg == ".." || seg == "%2e" || seg == "%2e%2e" || seg == ".%2e" || seg == "%2e." {
			return "the path has a . or .. segment"
		}
	}
	return ""
}

// lookup finds the output file for a URL path: "/x/" is x/index.html. dir
// reports a path without its slash whose folder has an index.html.
func lookup(files map[string][]byte, urlPath string) (name string, ok, dir bool) {
	name = strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if _, ok := files[name]; ok {
		return name, true, false
	}
	if !strings.HasSuffix(urlPath, "/") {
		if _, ok := files[name+"/index.html"]; ok {
			return name + "/index.html", false, true
		}
	}
	return "", false, false
}

// serveSite answers a request for the site: an existing file, unless a
// forced netlify.toml rule says otherwise; a rule; the folder redirect; the
// 404 page.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, st *state) {
	name, exists, dir := lookup(st.files, r.URL.Path)
	if m, ok := st.rules.RedirectFor(r, exists || dir); ok {
		s.applyRule(w, r, st, m)
		return
	}
	switch {
	case exists:
		s.sendFile(w, r, st, name, http.StatusOK)
	case dir:
		target := r.URL.EscapedPath() + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		s.setHeaders(w, r, st)
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	default:
		s.notFound(w, r, st)
	}
}

// applyRule carries out a redirect rule the way Netlify does: 3xx sends
// the reader to the target (the query passed on unless the target has its
// own); any other status serves the target's content with that status — a
// 200 rewrite, a 404 page per language.
func (s *Server) applyRule(w http.ResponseWriter, r *http.Request, st *state, m netlify.Match) {
	status := m.Rule.Status
	external := strings.Contains(m.Target, "://")
	if status >= 300 && status < 400 {
		target := m.Target
		if r.URL.RawQuery != "" && len(m.Rule.Query) == 0 && !strings.Contains(target, "?") {
			target += "?" + r.URL.RawQuery
		}
		s.setHeaders(w, r, st)
		http.Redirect(w, r, target, status)
		return
	}
	if external {
		s.noteOnce(fmt.Sprintf("netlify.toml:%d: the rule from %s proxies to %s, which the preview does not do: it answers 502 there.", m.Rule.Line, m.Rule.From, m.Rule.To))
		http.Error(w, fmt.Sprintf("502 bad gateway: netlify.toml line %d proxies this path to %s; lexsite serve does not proxy", m.Rule.Line, m.Target), http.StatusBadGateway)
		return
	}
	targetPath, _, _ := strings.Cut(m.Target, "?")
	name, ok, dir := lookup(st.files, targetPath)
	if !ok && !dir {
		s.notFound(w, r, st)
		return
	}
	s.sendFile(w, r, st, name, status)
}

// notFound serves the 404 page. Without netlify.toml, a path under a
// language's folder gets that language's 404 page; with one, its rules
// decided already and the rest gets /404.html, as on Netlify.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	candidates := []string{"404.html"}
	if !st.rules.Present() {
		if first, _, nested := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); nested && first != "" {
			candidates = []string{first + "/404.html", "404.html"}
		}
	}
	for _, c := range candidates {
		if _, ok := st.files[c]; ok {
			s.sendFile(w, r, st, c, http.StatusNotFound)
			return
		}
	}
	s.setHeaders(w, r, st)
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// setHeaders applies the netlify.toml headers for the request's path, then
// the preview's own: no-store, so a reload always gets the newest build.
func (s *Server) setHeaders(w http.ResponseWriter, r *http.Request, st *state) {
	for name, vs := range st.rules.HeadersFor(r.URL.Path) {
		w.Header()[name] = vs
	}
	w.Header().Set("Cache-Control", "no-store")
}

// sendFile writes one output file. HTML gets the live-reload hook before
// </head>; nothing else differs from the built file.
func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, st *state, name string, status int) {
	s.setHeaders(w, r, st)
	body := st.files[name]
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", mediatype.Of(name, body))
	}
	if isHTML(name) {
		nonce := ""
		if csp := w.Header().Values("Content-Security-Policy"); len(csp) > 0 {
			n := newNonce()
			w.Header().Del("Content-Security-Policy")
			for _, v := range csp {
				fixed, useNonce, notes := adjustCSP(v, n)
				w.Header().Add("Content-Security-Policy", fixed)
				if useNonce {
					nonce = n
				}
				if len(notes) > 0 {
					s.noteOnce("netlify.toml's Content-Security-Policy would block live reload; in the preview only, lexsite serve " + strings.Join(notes, "; ") + ". The deployed site is unchanged.")
				}
			}
		}
		body = injectHook(body, st.version, nonce)
	}
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

func newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hook is the one difference between a served page and a built one.
func hook(version, nonce string) string {
	attr := ""
	if nonce != "" {
		attr = ` nonce="` + nonce + `"`
	}
	return `<script src="` + livePrefix + `live.js?v=` + version + `"` + attr + ` defer></script>`
}

// injectHook puts the hook before the first </head>, or at the end of a
// page that has none.
func injectHook(page []byte, version, nonce string) []byte {
	h := hook(version, nonce)
	at := indexFold(page, "</head>")
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(h))
	out = append(out, page[:at]...)
	out = append(out, h...)
	return append(out, page[at:]...)
}

// indexFold is bytes.Index ignoring ASCII case, without copying the page.
func indexFold(b []byte, sub string) int {
	for i := 0; i+len(sub) <= len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(sub) <= len(b) && strings.EqualFold(string(b[i:i+len(sub)]), sub) {
			return i
		}
	}
	return -1
}

// serveNoBuild answers while no build has succeeded yet: a page that shows
// the errors (through the hook) and reloads by itself once the site builds.
func (s *Server) serveNoBuild(w http.ResponseWriter, r *http.Request, st *state) {
	page := `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site does not build yet · lexsite serve</title>
` + hook(st.version, "") + `
</head>
<body>
<h1>The site does not build yet</h1>
<p>The problems are listed below and in the terminal. Fix them and this page reloads by itself.</p>
</body>
</html>
`
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(page))
	}
}
