package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lexsite/lexsite/internal/output/outputtest"
)

// faultFS is the operating system's file system, but for the operations
// it is told to fail: the nth of one kind (and, if sticky, every later
// one, as on a full disk), and every change below readOnly.
type faultFS struct {
	OS
	kind       string // "mkdir", "write", "rename" (exchanges too) or "remove"
	n          int
	sticky     bool
	noExchange bool   // as on a system or file system without an atomic exchange
	readOnly   string // nothing below it can be changed or removed

	mu   sync.Mutex
	seen int
	hit  bool
}

// errInjected is the error of an injected failure.
const errInjected = syscall.EIO

func (f *faultFS) fail(kind, name string) error {
	if f.readOnly != "" && name != f.readOnly && within(name, f.readOnly) {
		return &fs.PathError{Op: kind, Path: name, Err: syscall.EACCES}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if kind != f.kind {
		return nil
	}
	f.seen++
	if f.seen == f.n || f.sticky && f.seen > f.n {
		f.hit = true
		return &fs.PathError{Op: kind, Path: name, Err: errInjected}
	}
	return nil
}

func (f *faultFS) MkdirAll(name string, perm fs.FileMode) error {
	if err := f.fail("mkdir", name); err != nil {
		return err
	}
	return f.OS.MkdirAll(name, perm)
}

func (f *faultFS) MkdirTemp(dir, prefix string) (string, error) {
	if err := f.fail("mkdir", filepath.Join(dir, prefix)); err != nil {
		return "", err
	}
	return f.OS.MkdirTemp(dir, prefix)
}

func (f *faultFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	if err := f.fail("write", name); err != nil {
		return err
	}
	return f.OS.WriteFile(name, data, perm)
}

func (f *faultFS) Rename(from, to string) error {
	if err := f.fail("rename", from); err != nil {
		return err
	}
	return f.OS.Rename(from, to)
}

func (f *faultFS) Exchange(a, b string) error {
	if f.noExchange {
		return errors.ErrUnsupported
	}
	if err := f.fail("rename", a); err != nil {
		return err
	}
	return f.OS.Exchange(a, b)
}

func (f *faultFS) Remove(name string) error {
	if err := f.fail("remove", name); err != nil {
		return err
	}
	return f.OS.Remove(name)
}

// RemoveAll removes one entry at a time, so that each can fail.
func (f *faultFS) RemoveAll(name string) error {
	fi, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		entries, err := os.ReadDir(name)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := f.RemoveAll(filepath.Join(name, e.Name())); err != nil {
				return err
			}
		}
	}
	return f.Remove(name)
}

func (f *faultFS) Removable(dir string) error {
	if f.readOnly != "" && within(f.readOnly, dir) {
		return &fs.PathError{Op: "remove", Path: f.readOnly, Err: syscall.EACCES}
	}
	return f.OS.Removable(dir)
}

// build writes files into out through fsys and commits.
func build(fsys FS, out string, files map[string]string) error {
	d, err := Open(context.Background(), Options{Out: out, Sources: []string{filepath.Join(filepath.Dir(out), "site")}, FS: fsys})
	if err != nil {
		return err
	}
	for _, name := range sortedKeys(files) {
		if err := d.WriteFile(name, []byte(files[name])); err != nil {
			_ = d.Abort()
			return err
		}
	}
	return d.Commit()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// tree makes a build of n files over several folders.
func tree(tag string, n int) map[string]string {
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("d%d/p%d/index.html", i%4, i)] = fmt.Sprintf("%s %d", tag, i)
	}
	files["sitemap.xml"] = "<urlset>" + tag + "</urlset>"
	return files
}

// same reports how got differs from the files of a build of want.
func same(got, want map[string]string) string {
	if len(got) != len(want)+1 { // and the marker
		return fmt.Sprintf("%d files, want %d", len(got), len(want)+1)
	}
	for k, v := range want {
		if got[k] != v {
			return fmt.Sprintf("%s is %q, want %q", k, got[k], v)
		}
	}
	return ""
}

// TestDirFaults fails each write, folder creation, rename and removal of a
// build in turn, once or from then on. After each failure the previous
// output is byte for byte as it was (or, if the swap was done, the new
// one is whole) and nothing is left beside it, or the next build removes
// what is.
func TestDirFaults(t *testing.T) {
	prev, next := tree("prev", 9), tree("next", 12)
	tests := []struct {
		name       string
		kind       string
		sticky     bool
		noExchange bool
	}{
		{"a write fails", "write", false, false},
		{"the disk fills up", "write", true, false},
		{"a folder cannot be made", "mkdir", false, false},
		{"the exchange fails", "rename", false, false},
		{"a rename fails, no exchange", "rename", false, true},
		{"a removal fails", "remove", false, false},
		{"removals fail from then on", "remove", true, false},
		{"a removal fails, no exchange", "remove", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for n := 1; ; n++ {
				root := t.TempDir()
				out := filepath.Join(root, "public")
				if err := build(OS{}, out, prev); err != nil {
					t.Fatal(err)
				}
				f := &faultFS{kind: tt.kind, n: n, sticky: tt.sticky, noExchange: tt.noExchange}
				err := build(f, out, next)
				if !f.hit {
					if err != nil {
						t.Fatalf("no failure injected at %d, and yet: %v", n, err)
					}
					if d := same(outputtest.Snapshot(t, out), next); d != "" {
						t.Fatalf("the build was not swapped in: %s", d)
					}
					if n == 1 {
						t.Fatalf("the build made no %s at all", tt.kind)
					}
					return
				}
				var cleanup *CleanupError
				switch {
				case err == nil:
					t.Fatalf("failure %d injected, but the build succeeded", n)
				case errors.As(err, &cleanup):
					if d := same(outputtest.Snapshot(t, out), next); d != "" {
						t.Fatalf("failure %d: the swap was reported done, but %s", n, d)
					}
				default:
					if d := same(outputtest.Snapshot(t, out), prev); d != "" {
						t.Fatalf("failure %d (%v): the previous output changed: %s", n, err, d)
					}
					var oe *Error
					if !errors.As(err, &oe) || !strings.Contains(err.Error(), root) {
						t.Errorf("failure %d: %v is not an *Error naming a path", n, err)
					}
				}
				if left := outputtest.Beside(t, out); len(left) > 0 {
					// Left only where a removal failed; the next build
					// removes it and changes nothing else.
					if tt.kind != "remove" {
						t.Fatalf("failure %d (%v) left %v", n, err, left)
					}
					want := outputtest.Snapshot(t, out)
					d, err := Open(context.Background(), Options{Out: out})
					if err != nil {
						t.Fatal(err)
					}
					if err := d.Abort(); err != nil {
						t.Fatal(err)
					}
					if left := outputtest.Beside(t, out); len(left) > 0 {
						t.Fatalf("failure %d: the next build did not remove %v", n, left)
					}
					if got := outputtest.Snapshot(t, out); len(got) != len(want) {
						t.Fatalf("failure %d: cleaning up changed the output", n)
					}
				}
			}
		})
	}
}

// TestDirReadOnlyOutput: when the previous output cannot be removed (a
// folder not writable, a file immutable), the build is refused before the
// swap, so there is never half of an old output beside the new one. The
// fault layer stands for the permissions, which root would ignore.
func TestDirReadOnlyOutput(t *testing.T) {
	for _, tt := range []struct {
		name       string
		readOnly   string
		noExchange bool
	}{
		{"whole output", "public", false},
		{"one folder", "public/d1", false},
		{"one folder, no exchange", "public/d1", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			prev := tree("prev", 9)
			if err := build(OS{}, out, prev); err != nil {
				t.Fatal(err)
			}
			err := build(&faultFS{readOnly: filepath.Join(root, tt.readOnly), noExchange: tt.noExchange}, out, tree("next", 9))
			var oe *Error
			if !errors.As(err, &oe) || !strings.Contains(err.Error(), "permission denied") {
				t.Errorf("got %v, want an *Error saying permission is denied", err)
			}
			if d := same(outputtest.Snapshot(t, out), prev); d != "" {
				t.Errorf("the previous output changed: %s", d)
			}
			if left := outputtest.Beside(t, out); len(left) > 0 {
				t.Errorf("left %v", left)
			}
		})
	}
}

// TestDirReadOnlyPermissions is TestDirReadOnlyOutput with real
// permissions, where they stop this user.
func TestDirReadOnlyPermissions(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which permissions do not stop (TestDirReadOnlyOutput covers it)")
	}
	root := t.TempDir()
	out := filepath.Join(root, "public")
	prev := tree("prev", 9)
	if err := build(OS{}, out, prev); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(out, "d1")
	if err := os.Chmod(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	err := build(OS{}, out, tree("next", 9))
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("got %v, want permission denied", err)
	}
	if d := same(outputtest.Snapshot(t, out), prev); d != "" {
		t.Errorf("the previous output changed: %s", d)
	}
	if left := outputtest.Beside(t, out); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

// TestDirRecoversLeftovers: what a killed build left beside the output is
// removed by the next one if it carries the marker (or is empty), and never
// otherwise; a previous output set aside by a build killed between its two
// renames is put back.
func TestDirRecoversLeftovers(t *testing.T) {
	marker := string(markerFor("/x/public", "/x/site"))
	tests := []struct {
		name    string
		outputs bool              // whether public exists
		extra   map[string]string // files beside public
		kept    []string          // what stays beside it
		restore bool              // public is .public.old-1 put back
	}{
		{"staging folder", true, map[string]string{".public.building-1/" + MarkerName: marker, ".public.building-1/a/index.html": "x"}, nil, false},
		{"staging folder removed but for its marker", true, map[string]string{".public.building-1/" + MarkerName: marker}, nil, false},
		{"empty staging folder", true, map[string]string{".public.building-1/": ""}, nil, false},
		{"killed while writing its marker", true, map[string]string{".public.building-1/" + MarkerName: ""}, nil, false},
		{"marker cut short", true, map[string]string{".public.building-1/" + MarkerName: marker[:10]}, nil, false},
		{"a broken marker beside other files", true, map[string]string{".public.building-1/" + MarkerName: "", ".public.building-1/notes.txt": "mine"}, []string{".public.building-1"}, false},
		{"stale lock", true, map[string]string{".public.lock": ""}, nil, false},
		{"set aside, output in place", true, map[string]string{".public.old-1/" + MarkerName: marker, ".public.old-1/x": "old"}, nil, false},
		{"set aside, output missing", false, map[string]string{".public.old-1/" + MarkerName: marker, ".public.old-1/x": "old"}, nil, true},
		{"named like a staging folder, no marker", true, map[string]string{".public.building-1/notes.txt": "mine"}, []string{".public.building-1"}, false},
		{"a link named like one", true, map[string]string{"elsewhere/" + MarkerName: marker, "elsewhere/y": "y"}, []string{"elsewhere", ".public.building-2"}, false},
		{"another output's leftovers", true, map[string]string{".other.building-1/" + MarkerName: marker}, []string{".other.building-1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			if tt.outputs {
				if err := build(OS{}, out, tree("prev", 2)); err != nil {
					t.Fatal(err)
				}
			}
			for name, data := range tt.extra {
				p := filepath.Join(root, filepath.FromSlash(name))
				if strings.HasSuffix(name, "/") {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if strings.Contains(tt.name, "link") {
				if err := os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(root, ".public.building-2")); err != nil {
					t.Skip(err)
				}
			}
			d, err := Open(context.Background(), Options{Out: out})
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Abort(); err != nil {
				t.Fatal(err)
			}
			left := outputtest.Beside(t, out)
			sort.Strings(tt.kept)
			if fmt.Sprint(left) != fmt.Sprint(tt.kept) {
				t.Errorf("left %v, want %v", left, tt.kept)
			}
			if tt.restore {
				if b, err := os.ReadFile(filepath.Join(out, "x")); err != nil || string(b) != "old" {
					t.Errorf("the set-aside output was not put back: %v", err)
				}
			}
			for name, data := range tt.extra {
				if !strings.HasPrefix(name, "elsewhere/") && !strings.Contains(name, "notes") {
					continue
				}
				if b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name))); err != nil || string(b) != data {
					t.Errorf("%s was touched: %v", name, err)
				}
			}
		})
	}
}

// TestDirRefuses: an output Lexsite did not make, or that holds sources,
// is refused before anything changes.
func TestDirRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root string) (out string, sources []string)
		want  string
	}{
		{"older output without marker", func(t *testing.T, root string) (string, []string) {
			write(t, filepath.Join(root, "public", "sitemap.xml"), "<urlset/>")
			return filepath.Join(root, "public"), nil
		}, "remove it yourself once"},
		{"a file", func(t *testing.T, root string) (string, []string) {
			write(t, filepath.Join(root, "public"), "x")
			return filepath.Join(root, "public"), nil
		}, "is a file"},
		{"link into static", func(t *testing.T, root string) (string, []string) {
			write(t, filepath.Join(root, "site", "static", "sitemap.xml"), "<urlset/>")
			symlink(t, filepath.Join(root, "site", "static"), filepath.Join(root, "out"))
			return filepath.Join(root, "out"), []string{filepath.Join(root, "site")}
		}, "inside the site's static"},
		{"site through a link", func(t *testing.T, root string) (string, []string) {
			write(t, filepath.Join(root, "site", "content", "a.md"), "a")
			symlink(t, filepath.Join(root, "site"), filepath.Join(root, "s"))
			return filepath.Join(root, "site", "content", "out"), []string{filepath.Join(root, "s")}
		}, "inside the site's content"},
		{"link/.. is the link target's parent", func(t *testing.T, root string) (string, []string) {
			write(t, filepath.Join(root, "site", "static", "x.css"), "x")
			symlink(t, filepath.Join(root, "site", "static", "x"), filepath.Join(root, "l"))
			if err := os.Mkdir(filepath.Join(root, "site", "static", "x"), 0o755); err != nil {
				t.Fatal(err)
			}
			// Not filepath.Join, which would drop "l/.." before the link is read.
			sep := string(filepath.Separator)
			return filepath.Join(root, "l") + sep + ".." + sep + "y", []string{filepath.Join(root, "site")}
		}, "inside the site's static"},
		{"the site's parent", func(t *testing.T, root string) (string, []string) {
			return root, []string{filepath.Join(root, "site")}
		}, "contains it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out, sources := tt.setup(t, root)
			before := outputtest.Snapshot(t, root)
			_, err := Open(context.Background(), Options{Out: out, Sources: sources, Wait: -1})
			var r *RefusedError
			if !errors.As(err, &r) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a refusal saying %q", err, tt.want)
			}
			if after := outputtest.Snapshot(t, root); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("something changed")
			}
		})
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// TestDirLock: a second build into the same folder waits for the first,
// or, past its wait, says another build is writing into it.
func TestDirLock(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	first, err := Open(context.Background(), Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	_ = first.WriteFile("index.html", []byte("first"))

	_, err = Open(context.Background(), Options{Out: out, Wait: 100 * time.Millisecond})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another build is writing into it") {
		t.Errorf("while held: %v, want ErrBusy", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, Options{Out: out}); !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted while waiting: %v", err)
	}

	waited := make(chan bool, 1)
	second := make(chan error, 1)
	go func() {
		d, err := Open(context.Background(), Options{Out: out, Waiting: func() { waited <- true }})
		if err == nil {
			_ = d.WriteFile("index.html", []byte("second"))
			err = d.Commit()
		}
		second <- err
	}()
	time.Sleep(3 * lockPoll)
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatalf("the waiting build: %v", err)
	}
	if len(waited) != 1 {
		t.Errorf("the waiting build did not say it waited")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "second" {
		t.Errorf("index.html is %q, want the second build's", b)
	}
	if left := outputtest.Beside(t, out); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}
