package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"sync"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Failures records the requests of a tab that failed: a response with a
// status of 400 or more, or a request that got no response (a refused
// connection, a blocked request...). Requests the page abandoned, such as
// those still loading when the reader follows a link, are not failures; nor
// is a failed /favicon.ico, which the browser requests by itself for a page
// that names no icon. (Chromium reports that request like the one for an icon
// a page names, so a named icon at /favicon.ico is not checked either; an
// icon at any other path is.)
type Failures struct {
	mu   sync.Mutex
	urls map[network.RequestID]string
	list []string
}

// RecordFailures starts recording the failed requests of the tab of ctx, a
// context from Chrome, until ctx ends. Call it before the navigation whose
// requests it must see. If recording cannot start, that is the first entry of
// List, so a test that asserts an empty List fails.
func RecordFailures(ctx context.Context) *Failures {
	f := &Failures{urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, f.event); err != nil {
		f.add(fmt.Sprintf("browsertest: cannot record the requests: %v", err))
	}
	return f
}

// event runs in the loop of the tab: it must return fast and run no command.
func (f *Failures) event(ev any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			f.urls[ev.RequestID] = ev.Request.URL
		}
	case *network.EventResponseReceived:
		if r := ev.Response; r != nil && r.Status >= 400 && !implicitFavicon(r.URL, ev.Type) {
			f.list = append(f.list, fmt.Sprintf("%d %s (%s)", r.Status, r.URL, ev.Type))
		}
	case *network.EventLoadingFailed:
		if ev.Canceled && ev.BlockedReason == "" || implicitFavicon(f.urls[ev.RequestID], ev.Type) {
			return
		}
		msg := fmt.Sprintf("%s %s (%s)", ev.ErrorText, f.urls[ev.RequestID], ev.Type)
		if ev.BlockedReason != "" {
			msg += ": blocked: " + string(ev.BlockedReason)
		}
		f.list = append(f.list, msg)
	}
}

// implicitFavicon reports whether a request may be the one the browser makes
// by itself for /favicon.ico.
func implicitFavicon(rawURL string, typ network.ResourceType) bool {
	u, err := url.Parse(rawURL)
	return err == nil && u.Path == "/favicon.ico" && typ == network.ResourceTypeOther
}

func (f *Failures) add(msg string) {
	f.mu.Lock()
	f.list = append(f.list, msg)
	f.mu.Unlock()
}

// List returns the failed requests so far, in order, each as the status or
// the error, the URL and the type of resource.
func (f *Failures) List() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.list...)
}
