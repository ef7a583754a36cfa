package browsertest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Click scrolls to the element sel and clicks it, as a reader does. Just
// after a page has changed, the browser can still answer about the page
// before it ("Could not find node with given id"): the click is then tried
// again on the new page, for up to two seconds.
func Click(ctx context.Context, sel string) error {
	tryCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var last error
	err := poll(tryCtx, func() (bool, error) {
		last = chromedp.Do(ctx, chromedp.ScrollIntoView(sel), chromedp.Click(sel))
		return last == nil, last
	})
	if err != nil && last != nil {
		return last
	}
	return err
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
	err := poll(ctx, func() (bool, error) {
		return chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !document.documentElement.hasAttribute("`+leftMark+`")`))
	})
	if err != nil {
		return fmt.Errorf("the link %s led to no new page: %w", sel, err)
	}
	return nil
}

// poll calls try until it reports done, an error other than one about a
// page that has since been replaced, or ctx ends.
func poll(ctx context.Context, try func() (done bool, err error)) error {
	for {
		done, err := try()
		switch {
		case err != nil && !stale(err):
			return err
		case err == nil && done:
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// stale reports whether err says the browser answered about a page that
// has since been replaced.
func stale(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Could not find node with given id") || strings.Contains(msg, "navigated or closed")
}
