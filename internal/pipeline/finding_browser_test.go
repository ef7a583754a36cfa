package pipeline_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lexsite/lexsite/internal/browsertest"
)

// TestBrowserCitedArticleStaysInView follows a citation of one item deep
// in a long article, on a phone, and checks what the reader then sees: the
// article's heading, so the item's "(8)" has its "Article 48" beside it,
// and a Back link that returns to the guide.
func TestBrowserCitedArticleStaysInView(t *testing.T) {
	ctx := browsertest.Chrome(t)
	failures := browsertest.RecordFailures(ctx)
	base := serveBundledSite(t)
	guide := base + fmt.Sprintf(guidePath, "en")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Navigate(guide)); err != nil {
		t.Fatalf("opening %s: %v", guide, err)
	}
	const anchor = "art-48-p1-i8"
	if err := browsertest.Follow(ctx, `a.cite[href$="#`+anchor+`"]`); err != nil {
		t.Fatalf("following the citation: %v", err)
	}
	type view struct {
		ItemTop, ItemBottom, HeadTop, HeadBottom, Height float64
		Head                                             string
		BackShown                                        bool
	}
	var v view
	var err error
	for range 20 {
		v, err = chromedp.Run(ctx, chromedp.Evaluate[view](`(() => {
			const item = document.getElementById("`+anchor+`");
			const head = document.getElementById("art-48");
			const back = document.querySelector("[data-cited-back]");
			const i = item.getBoundingClientRect(), h = head.getBoundingClientRect();
			return {ItemTop: i.top, ItemBottom: i.bottom, HeadTop: h.top, HeadBottom: h.bottom,
				Height: window.innerHeight, Head: head.textContent.trim(),
				BackShown: !!back && !back.hidden && back.getBoundingClientRect().height > 0};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if v.ItemTop >= 0 && v.ItemBottom <= v.Height {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if v.ItemTop < 0 || v.ItemBottom > v.Height {
		t.Errorf("the cited item is not in view: top %.0f, bottom %.0f, viewport %.0f", v.ItemTop, v.ItemBottom, v.Height)
	}
	if v.HeadTop < 0 || v.HeadBottom > v.ItemTop {
		t.Errorf("the heading %q is not in view above the item: heading %.0f–%.0f, item top %.0f", v.Head, v.HeadTop, v.HeadBottom, v.ItemTop)
	}
	if !strings.HasPrefix(v.Head, "Article 48") {
		t.Errorf("the article's heading reads %q", v.Head)
	}
	if !v.BackShown {
		t.Fatalf("no Back link after coming from a page of the site")
	}
	// Back goes through history, which may restore the guide from the
	// back-forward cache without a new load: click, then watch the address.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector("[data-cited-back] a").click(), true)`)); err != nil {
		t.Fatalf("clicking Back: %v", err)
	}
	var loc string
	for range 50 {
		if loc, err = chromedp.Run(ctx, chromedp.Location()); err == nil && loc == guide {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if loc != guide {
		t.Errorf("Back led to %s, want %s", loc, guide)
	}
	if f := failures.List(); len(f) > 0 {
		t.Errorf("failed requests:\n%s", strings.Join(f, "\n"))
	}
}
