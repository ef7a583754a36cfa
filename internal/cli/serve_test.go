package cli_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/cli"
)

// syncBuffer is an output the command writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeHelp(t *testing.T) {
	code, out, _ := run("help", "serve")
	if code != cli.ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Usage: lexsite serve [-s SITE] [--addr 127.0.0.1:1313] [--drafts]", "-addr", "-drafts", "netlify.toml", "reload", "Ctrl-C", "drafts included"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve help lacks %q:\n%s", want, out)
		}
	}
}

func TestServeRefuses(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, tc := range []struct {
		name   string
		files  map[string]string
		args   []string
		code   int
		stderr []string
	}{
		{
			name:   "the port is taken",
			files:  good(),
			args:   []string{"--addr", taken.Addr().String()},
			code:   cli.ExitUsage,
			stderr: []string{taken.Addr().String() + " is already in use", "--addr"},
		},
		{
			name:   "no lexsite.toml",
			files:  map[string]string{"content/_index.md": "---\ntitle: Home\n---\n"},
			args:   []string{"--addr", "127.0.0.1:0"},
			code:   cli.ExitUsage,
			stderr: []string{"lexsite.toml", "nothing is served"},
		},
		{
			name:   "an unexpected argument",
			files:  good(),
			args:   []string{"extra"},
			code:   cli.ExitUsage,
			stderr: []string{`unexpected argument "extra"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := site(t, tc.files)
			code, _, errs := run(append([]string{"serve", "-s", dir}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errs)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errs, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errs)
				}
			}
		})
	}
}

func TestServeRunsUntilStopped(t *testing.T) {
	dir := site(t, good())
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- cli.Run(ctx, []string{"serve", "-s", dir, "--addr", "127.0.0.1:0"}, stdout, stderr) }()

	serving := regexp.MustCompile(`Serving \d+ pages at (http://127\.0\.0\.1:\d+/)`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); base == ""; {
		if m := serving.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("not serving after 30 s; stdout:\n%s\nstderr:\n%s", stdout, stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
	res, err := http.Get(base + "en/guides/a/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `<script src="/__lexsite/live.js?v=`) {
		t.Errorf("GET a guide: %s, hook present: %v", res.Status, strings.Contains(string(body), "__lexsite"))
	}
	// The canonical link leads back to the preview, not to base_url.
	if !strings.Contains(string(body), `href="`+base+`en/guides/a/"`) {
		t.Errorf("the page's absolute links do not lead to the preview at %s", base)
	}
	if strings.Contains(stderr.String(), "warning:") {
		t.Errorf("a loopback address gave a warning:\n%s", stderr)
	}

	stop() // what Ctrl-C does
	select {
	case code := <-done:
		if code != cli.ExitOK {
			t.Errorf("exit %d after stopping; stderr:\n%s", code, stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s")
	}
	if !strings.HasSuffix(stdout.String(), "Stopped.\n") {
		t.Errorf("stdout does not end with Stopped.:\n%s", stdout)
	}
	if _, err := http.Get(base); err == nil {
		t.Errorf("the server still answers after stopping")
	}
}
