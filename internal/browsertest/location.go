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
		case err != nil && strings.Contains(err.Error(), "navigated or closed"):
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
