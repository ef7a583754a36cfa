// Package browsertest runs a site's pages in a real browser, for the tests of
// any package: [Chrome] starts a fresh headless Chromium, [Serve] serves a
// built site the way a static host does, and [RecordFailures] collects the
// requests of a page that failed.
//
// A machine without a browser skips the tests that need one, except under
// CI=true, where a missing browser fails them: a CI run that skipped every
// browser test would pass without having checked anything.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// EnvChrome names the environment variable that chooses the browser: a path,
// or a program name looked up on PATH. Without it, Chrome looks for the
// programs in browserNames.
const EnvChrome = "LEXSITE_CHROME"

// DefaultTimeout bounds the life of a browser that Chrome starts: when it
// ends, the browser is stopped and every action on it fails, so a browser that
// hangs fails the test and does not hang it.
const DefaultTimeout = 60 * time.Second

// closeTimeout bounds the graceful close of the browser in the cleanup.
const closeTimeout = 10 * time.Second

// browserNames are the programs Chrome looks for on PATH, in order.
func browserNames() []string {
	return []string{"chromium", "chromium-browser", "google-chrome"}
}

// Option changes how Chrome starts the browser.
type Option func(*settings)

type settings struct {
	javaScript bool
	timeout    time.Duration
}

// JavaScript turns script execution in the pages on or off. It is on by
// default; JavaScript(false) shows the pages as a reader without scripts sees
// them. The browser's own queries (chromedp.Evaluate and the like) still run.
func JavaScript(on bool) Option {
	return func(s *settings) { s.javaScript = on }
}

// Timeout replaces DefaultTimeout for this browser.
func Timeout(d time.Duration) Option {
	return func(s *settings) { s.timeout = d }
}

// onCI reports whether the tests run under CI=true.
func onCI() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// findBrowser returns the path of the browser to start.
func findBrowser() (string, error) {
	if name := os.Getenv(EnvChrome); name != "" {
		p, err := exec.LookPath(name)
		if err != nil {
			return "", fmt.Errorf("%s=%s names no browser (%w)", EnvChrome, name, err)
		}
		return p, nil
	}
	for _, name := range browserNames() {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no browser found: none of %s is on PATH and %s is not set",
		strings.Join(browserNames(), ", "), EnvChrome)
}

// allocatorOptions are the flags of the browser. This machine, and many CI
// runners, have no network: without the flags that turn off the background
// connections, Chromium stalls on them. The reader asks for reduced motion,
// so the site's smooth scrolling is off: a click is aimed at where a link
// is, and lands elsewhere when the page is still scrolling towards it.
func allocatorOptions(exe, userDataDir string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption(nil), chromedp.DefaultExecAllocatorOptions[:]...)
	return append(opts,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests can run as root, in a container
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("dns-prefetch-disable", true),
		chromedp.Flag("force-prefers-reduced-motion", true),
		chromedp.UserDataDir(userDataDir),
	)
}

// Chrome starts a fresh headless Chromium for the test and returns the
// chromedp context of its tab. When no browser is installed it skips the test,
// or fails it under CI=true. The browser is found through $LEXSITE_CHROME, or
// else as chromium, chromium-browser or google-chrome on PATH.
//
// The browser has a profile of its own in a t.TempDir() and is closed in
// t.Cleanup. The context ends after DefaultTimeout (see Timeout): a browser
// that hangs then fails the test.
func Chrome(t testing.TB, opts ...Option) context.Context {
	t.Helper()
	s := newSettings(opts)
	exe, err := findBrowser()
	if err != nil {
		if onCI() {
			t.Fatalf("browsertest: %v.\nCI=true needs a browser for the browser tests: install Debian's chromium (apt-get install chromium), or set %s to a Chromium or Chrome program.", err, EnvChrome)
		}
		t.Skipf("browsertest: %v; skipping the browser test (install Debian's chromium, or set %s)", err, EnvChrome)
	}
	ctx, err := launch(t, exe, s)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// newSettings applies opts to the defaults.
func newSettings(opts []Option) settings {
	s := settings{javaScript: true, timeout: DefaultTimeout}
	for _, o := range opts {
		o(&s)
	}
	return s
}

// launch starts the browser exe for t and returns the context of its first
// tab; the browser is closed in t.Cleanup. It returns an error instead of
// failing t, so that a Browser can start one for its owner from inside a
// subtest, where the owner must not be failed.
func launch(t testing.TB, exe string, s settings) (context.Context, error) {
	// The profile directory is made before the cleanup below is registered,
	// so that its removal runs after the browser has stopped.
	profile := t.TempDir()
	base, cancelTimeout := context.WithTimeout(context.Background(), s.timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(base, allocatorOptions(exe, profile)...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		closeCtx, cancel := context.WithTimeout(ctx, closeTimeout)
		if err := chromedp.Cancel(closeCtx); err != nil && !errors.Is(err, context.Canceled) &&
			!errors.Is(err, context.DeadlineExceeded) {
			t.Logf("browsertest: closing the browser: %v", err)
		}
		cancel()
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
		// Helper processes of Chromium can write into the profile for a
		// moment after the browser has exited; empty it before TempDir's
		// own removal, which does not retry.
		if err := removeContents(profile, 5*time.Second); err != nil {
			t.Logf("browsertest: removing the browser profile: %v", err)
		}
	})

	// Start the browser now, so that a browser that cannot start fails here
	// with a clear message, and not in the middle of the test.
	if err := chromedp.Do(ctx); err != nil {
		return nil, fmt.Errorf("browsertest: starting %s: %w", exe, err)
	}
	if err := applyScripting(ctx, s); err != nil {
		return nil, err
	}
	return ctx, nil
}

// applyScripting turns JavaScript off in the tab of ctx when s asks for it.
func applyScripting(ctx context.Context, s settings) error {
	if s.javaScript {
		return nil
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		return fmt.Errorf("browsertest: turning JavaScript off: %w", err)
	}
	return nil
}

// removeContents removes what is in dir, trying again until limit has passed.
func removeContents(dir string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		err := removeEntries(dir)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func removeEntries(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ReadTool reads the file named by the environment variable env: a tool a
// browser test injects into pages, such as axe-core's axe.min.js, which
// .ci/run installs and names. Like a missing browser, a missing file skips
// the test, or fails it under CI=true; hint says how to get the file.
func ReadTool(t testing.TB, env, hint string) []byte {
	t.Helper()
	name := os.Getenv(env)
	if name == "" {
		if onCI() {
			t.Fatalf("browsertest: %s is not set; CI=true needs it: %s", env, hint)
		}
		t.Skipf("browsertest: %s is not set; skipping (%s)", env, hint)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		if onCI() || !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("browsertest: %s: %v (%s)", env, err, hint)
		}
		t.Skipf("browsertest: %s: %v; skipping (%s)", env, err, hint)
	}
	return data
}
