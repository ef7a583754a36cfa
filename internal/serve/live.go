package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/lexsite/lexsite/internal/diag"
)

// livePrefix is where the preview's own files and endpoints live. No site
// output is served under it.
const livePrefix = "/__lexsite/"

// assets are the live-reload client and the overlay's stylesheet: files of
// their own, never inline, so a strict Content-Security-Policy holds.
//
//go:embed assets/live.js assets/live.css
var assets embed.FS

// keepAlive is how often an idle event stream gets a comment, so proxies
// and the browser do not take it for dead.
const keepAlive = 20 * time.Second

// message is one server-sent event.
type message struct {
	event string
	data  []byte
}

// stateJSON is the data of every event and of /__lexsite/status.
type stateJSON struct {
	Version     string            `json:"version"`
	OK          bool              `json:"ok"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
	Pages       int               `json:"pages"`
	// Previous and Files are set on "css": the version the swap applies to
	// and the stylesheets that changed.
	Previous string   `json:"previous,omitempty"`
	Files    []string `json:"files,omitempty"`
}

func stateMessage(st *state, previous string, files []string) []byte {
	j := stateJSON{Version: st.version, OK: st.ok, Diagnostics: st.diags, Pages: st.pages, Previous: previous, Files: files}
	if j.Diagnostics == nil {
		j.Diagnostics = []diag.Diagnostic{}
	}
	b, err := json.Marshal(j)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return b
}

// hub fans events out to the open pages.
type hub struct {
	mu      sync.Mutex
	clients map[chan message]struct{}
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan message]struct{}{}} }

// subscribe returns a channel of events, closed when the hub closes or the
// client falls too far behind (it reconnects and gets the current state).
func (h *hub) subscribe() (chan message, func()) {
	ch := make(chan message, 16)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(ch)
		return ch, func() {}
	}
	h.clients[ch] = struct{}{}
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.clients[ch]; ok {
			delete(h.clients, ch)
			close(ch)
		}
	}
}

func (h *hub) publish(event string, data []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- message{event, data}:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// close ends every stream, for shutdown.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}

// serveLive answers the preview's own requests.
func (s *Server) serveLive(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch r.URL.Path {
	case livePrefix + "live.js":
		s.serveAsset(w, r, "assets/live.js", "text/javascript; charset=utf-8")
	case livePrefix + "live.css":
		s.serveAsset(w, r, "assets/live.css", "text/css; charset=utf-8")
	case livePrefix + "status":
		w.Header().Set("Content-Type", "application/json")
		body := stateMessage(s.state.Load(), "", nil)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	case livePrefix + "events":
		s.serveEvents(w, r)
	default:
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request, name, ctype string) {
	b, err := assets.ReadFile(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// serveEvents streams server-sent events: the current state at once, so a
// page loaded while the build is broken shows the overlay and a page that
// missed a build reloads, then one event per build.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		return
	}
	// Subscribe before reading the state: an event published in between
	// is then sent after the state, never lost.
	ch, unsubscribe := s.hub.subscribe()
	defer unsubscribe()
	// live.js reconnects on its own timer; the retry is for other clients.
	fmt.Fprintf(w, "retry: 1000\n\n")
	writeEvent(w, message{"state", stateMessage(s.state.Load(), "", nil)})
	flusher.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-ch:
			if !ok {
				return
			}
			writeEvent(w, m)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		flusher.Flush()
	}
}

// writeEvent writes one event; the data is JSON, which has no newlines.
func writeEvent(w http.ResponseWriter, m message) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", m.event, m.data)
}
