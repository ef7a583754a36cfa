package browsertest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium shared by the subtests of a test, for
// tests that check many pages: starting Chromium takes a second or more of
// CPU, which over a hundred page checks would cost more than the checks.
//
// It is a value the test owns, not a package variable, so tests that run in
// parallel never share a browser by accident and the browser's life ends
// with the test that made it. The browser is started by the first Tab, so a
// test whose subtests all skip never starts one.
type Browser struct {
	owner    testing.TB
	settings settings

	once sync.Once
	ctx  context.Context // the first tab's context; every Tab derives from it
	err  error
}

// NewBrowser returns a browser for the test t and its subtests, started on
// first use with opts and closed in t.Cleanup. Choose a Timeout that covers
// every page the subtests read: it bounds the whole browser's life.
func NewBrowser(t testing.TB, opts ...Option) *Browser {
	t.Helper()
	return &Browser{owner: t, settings: newSettings(opts)}
}

// Tab opens a new tab in the shared browser, closed in t.Cleanup, and
// returns its chromedp context. t is the (sub)test that uses the tab; like
// Chrome, it skips t when no browser is installed, or fails it under
// CI=true.
func (b *Browser) Tab(t testing.TB) context.Context {
	t.Helper()
	b.once.Do(func() {
		// The browser's cleanup is registered on the owner, so the
		// browser outlives every subtest. A failure to start is kept
		// and reported to each subtest that asks for a tab.
		exe, err := findBrowser()
		switch {
		case err != nil && !onCI():
			b.err = errSkip{err}
		case err != nil:
			b.err = fmt.Errorf("browsertest: %w.\nCI=true needs a browser for the browser tests: install Debian's chromium (apt-get install chromium), or set %s to a Chromium or Chrome program", err, EnvChrome)
		default:
			b.ctx, b.err = launch(b.owner, exe, b.settings)
		}
	})
	var skip errSkip
	if errors.As(b.err, &skip) {
		t.Skipf("browsertest: %v; skipping the browser test", skip.err)
	}
	if b.err != nil {
		t.Fatal(b.err)
	}
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(func() {
		// Closes the tab, not the browser: the browser is the owner's.
		if err := chromedp.Cancel(ctx); err != nil && !errors.Is(err, context.Canceled) {
			t.Logf("browsertest: closing a tab: %v", err)
		}
		cancel()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	if err := applyScripting(ctx, b.settings); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// errSkip is a browser that is missing on a machine where that skips.
type errSkip struct{ err error }

func (e errSkip) Error() string { return e.err.Error() }
