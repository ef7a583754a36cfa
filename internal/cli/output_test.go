package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lexsite/lexsite/internal/cli"
	"github.com/lexsite/lexsite/internal/output/outputtest"
)

// TestBuildThroughSymlinks: every path is resolved through symbolic links
// before deciding whether an output folder is safe. The site's static/
// holds a sitemap.xml, which older versions took for a previous build.
func TestBuildThroughSymlinks(t *testing.T) {
	tests := []struct {
		name string
		// args gives the -s and -o of the build from the site's real
		// folder and a scratch folder for links.
		args func(t *testing.T, site, links string) (s, o string)
		ok   bool
	}{
		{"output linked to the site's static folder", func(t *testing.T, site, links string) (string, string) {
			return site, link(t, filepath.Join(site, "static"), filepath.Join(links, "out"))
		}, false},
		{"output below a link to the site", func(t *testing.T, site, links string) (string, string) {
			return site, filepath.Join(link(t, site, filepath.Join(links, "s")), "static")
		}, false},
		{"site reached through a link, output its static folder", func(t *testing.T, site, links string) (string, string) {
			return link(t, site, filepath.Join(links, "s")), filepath.Join(site, "static")
		}, false},
		{"site reached through a link, output the site", func(t *testing.T, site, links string) (string, string) {
			return link(t, site, filepath.Join(links, "s")), site
		}, false},
		{"output linked to a folder outside the site", func(t *testing.T, site, links string) (string, string) {
			target := filepath.Join(t.TempDir(), "real")
			if err := os.Mkdir(target, 0o755); err != nil {
				t.Fatal(err)
			}
			return site, link(t, target, filepath.Join(links, "out"))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := good()
			files["static/sitemap.xml"] = "<urlset/>"
			files["static/css/mine.css"] = "body{}"
			dir := site(t, files)
			before := outputtest.Snapshot(t, dir)
			s, o := tt.args(t, dir, t.TempDir())
			code, _, errs := run("build", "-s", s, "-o", o)
			if !tt.ok {
				if code != cli.ExitUsage || !strings.Contains(errs, "refusing") {
					t.Errorf("exit %d, want 2 and a refusal: %s", code, errs)
				}
				after := outputtest.Snapshot(t, dir)
				if len(after) != len(before) {
					t.Errorf("the site changed: %d files, now %d", len(before), len(after))
				}
				for k, v := range before {
					if after[k] != v {
						t.Errorf("the build changed the site's %s", k)
					}
				}
				return
			}
			if code != cli.ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			// Built twice: the second build replaces the first through the link,
			// and the link stays a link.
			if code, _, errs := run("build", "-s", s, "-o", o); code != cli.ExitOK {
				t.Fatalf("second build: exit %d: %s", code, errs)
			}
			if fi, err := os.Lstat(o); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("the link %s was replaced: %v", o, err)
			}
			if _, err := os.Stat(filepath.Join(o, "en", "guides", "a", "index.html")); err != nil {
				t.Errorf("not built through the link: %v", err)
			}
			real, _ := filepath.EvalSymlinks(o)
			if left := outputtest.Beside(t, real); len(left) > 0 {
				t.Errorf("left beside the output: %v", left)
			}
		})
	}
}

func link(t *testing.T, target, name string) string {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	return name
}

// TestBuildRefusesFolderWithoutMarker: only a folder Lexsite made is ever
// replaced; an older Lexsite's output, which has no marker, is refused once
// with a message that says what to do.
func TestBuildRefusesFolderWithoutMarker(t *testing.T) {
	dir := site(t, good())
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"sitemap.xml": "<urlset/>", "index.html": "old"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := run("build", "-s", dir, "-o", out)
	if code != cli.ExitUsage || !strings.Contains(errs, "refusing") || !strings.Contains(errs, "remove it yourself once") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "old" {
		t.Errorf("the folder was changed")
	}
}

// TestConcurrentBuilds: builds into one folder at once take turns; none
// fails and none leaves anything beside the output.
func TestConcurrentBuilds(t *testing.T) {
	dir := site(t, good())
	out := filepath.Join(dir, "public")
	var wg sync.WaitGroup
	codes := make(chan string, 64)
	for range 8 {
		wg.Go(func() {
			for range 15 {
				var o, e strings.Builder
				if code := cli.Run(context.Background(), []string{"build", "-s", dir}, &o, &e); code != cli.ExitOK {
					codes <- e.String()
				}
			}
		})
	}
	wg.Wait()
	close(codes)
	for e := range codes {
		t.Errorf("a concurrent build failed: %s", e)
	}
	if left := outputtest.Beside(t, out, "lexsite.toml", "content"); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "guides", "a", "index.html")); err != nil {
		t.Errorf("no output: %v", err)
	}
}

// TestInterruptedBuild: a build stopped before it finished (Ctrl-C) exits
// 3, leaves the previous output as it was and nothing beside it.
func TestInterruptedBuild(t *testing.T) {
	dir := site(t, good())
	out := filepath.Join(dir, "public")
	if code, _, errs := run("build", "-s", dir); code != cli.ExitOK {
		t.Fatal(errs)
	}
	before := outputtest.Snapshot(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e strings.Builder
	code := cli.Run(ctx, []string{"build", "-s", dir}, &o, &e)
	if code != cli.ExitOutput || !strings.Contains(e.String(), "interrupted") || !strings.Contains(e.String(), out) {
		t.Errorf("exit %d, stderr %q", code, e.String())
	}
	after := outputtest.Snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("output changed: %d files, now %d", len(before), len(after))
	}
	if left := outputtest.Beside(t, out, "lexsite.toml", "content"); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}
}
