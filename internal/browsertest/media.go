package browsertest

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// ColorScheme makes the tab of ctx report prefers-color-scheme as scheme
// ("light" or "dark") to the pages it shows, so a test sees the colours a
// reader of that setting sees, without touching the machine's setting.
// It holds for later navigations too.
func ColorScheme(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		return fmt.Errorf("emulating prefers-color-scheme: %s: %w", scheme, err)
	}
	return nil
}

// ForcedColors makes the tab of ctx report forced-colors: active, as
// Windows' high contrast themes do, with prefers-color-scheme as scheme
// ("light" or "dark"), so a test sees the page drawn in the system's few
// colours. It holds for later navigations too, until ColorScheme.
func ForcedColors(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{
			{Name: "forced-colors", Value: "active"},
			{Name: "prefers-color-scheme", Value: scheme},
		},
	})
	if err != nil {
		return fmt.Errorf("emulating forced-colors: active, %s: %w", scheme, err)
	}
	return nil
}
