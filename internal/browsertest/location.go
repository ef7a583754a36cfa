package browsertest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// WaitLocation waits until the page's address contains want, and returns
// it. A click on a link returns before the browser has moved: reading the
// address at once can still give the page the link was on, more often on
// a busy machine.
func WaitLocation(ctx context.Context, want string) (string, error) {
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		switch {
		case err != nil && stale(err):
			// Asked while the browser was moving: ask again.
		case err != nil:
			return loc, err
		case strings.Contains(loc, want):
			// The new page is there; wait until it can be read.
			return loc, chromedp.Do(ctx, chromedp.WaitReady("body"))
		}
		select {
		case <-ctx.Done():
			return loc, fmt.Errorf("still at %s, waiting for an address with %s: %w", loc, want, ctx.Err())
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// Click scrolls to the element sel and clicks it, as a reader does. Just
// after a page has changed, the browser can still answer about the page
// before it ("Could not find node with given id"): the click is then tried
// again on the new page, for up to two seconds.
func Click(ctx context.Context, sel string) error {
	deadline := time.Now().Add(2 * time.Second)
	for {
		err := chromedp.Do(ctx, chromedp.ScrollIntoView(sel), chromedp.Click(sel))
		if err == nil || !stale(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// stale reports whether err says the browser answered about a page that
// has since been replaced.
func stale(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Could not find node with given id") || strings.Contains(msg, "navigated or closed")
}

// leftMark is set on the page a Follow starts from; the page it leads to
// does not have it.
const leftMark = "data-browsertest-left"

// Follow clicks the link sel, as a reader does, and returns once the page
// it leads to has loaded. Without it, what a test reads after a click can
// still come from the page the link was on, more often on a busy machine.
// The link must lead to another page, not to a part of the same one.
func Follow(ctx context.Context, sel string) error {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.setAttribute("`+leftMark+`", ""), true`)); err != nil {
		return fmt.Errorf("marking the page: %w", err)
	}
	if err := Click(ctx, sel); err != nil {
		return err
	}
	for {
		loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !document.documentElement.hasAttribute("`+leftMark+`")`))
		switch {
		case err != nil && !stale(err):
			return err
		case err == nil && loaded:
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the link %s led to no new page: %w", sel, ctx.Err())
		case <-time.After(25 * time.Millisecond):
		}
	}
}
