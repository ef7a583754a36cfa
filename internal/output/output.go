// Package output owns where a build's files go. A build never writes into
// the live output folder: it writes a fresh folder beside it and swaps it in
// only when every page rendered, so a failed build leaves the previous site
// exactly as it was, and a reader of the old site never sees half of a new one.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Writer receives the files of a build. Implementations are safe for
// concurrent use.
type Writer interface {
	// WriteFile writes one file; name is slash-separated and relative to
	// the output root.
	WriteFile(name string, data []byte) error
}

// Memory keeps a build's files in memory, for tests and the preview server.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a copy of data.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	b := append([]byte(nil), data...)
	m.mu.Lock()
	m.files[name] = b
	m.mu.Unlock()
	return nil
}

// File returns a file's content.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names lists the files, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for k := range m.files {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Files returns a copy of the name → content map.
func (m *Memory) Files() map[string][]byte {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make(map[string][]byte, len(m.files))
	for k, v := range m.files {
		out[k] = v
	}
	return out
}

func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name || strings.HasPrefix(name, "../") || name == ".." {
		return fmt.Errorf("output: refusing to write %q: not a clean relative path", name)
	}
	return nil
}

// Dir stages a build in a fresh folder beside the output folder.
//
// Writes are handed to a few goroutines of their own: a fresh folder means a
// directory per page, and on slow file systems creating them would stall
// the renderers; with the I/O overlapped, rendering keeps every core busy.
type Dir struct {
	out   string
	stage string
	mu    sync.Mutex
	made  map[string]bool

	queue     chan file // never reassigned, so workers may read it freely
	closeOnce sync.Once
	wg        sync.WaitGroup
	errOnce   sync.Once
	err       error
}

type file struct {
	name string
	data []byte
}

// ioWorkers is how many writes may be in flight at once.
const ioWorkers = 8

// marker is the file whose presence says a folder is a Lexsite output, so a
// mistyped -o never replaces a folder of someone's own files.
const marker = "sitemap.xml"

// NewDir prepares a staging folder for a build into out. It refuses an out
// that is one of src (the site and its base sites) or one of their source
// folders, that contains them, and an existing non-empty folder that is not a
// previous build.
func NewDir(out string, sources []string) (*Dir, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	for _, src := range sources {
		s, err := filepath.Abs(src)
		if err != nil {
			return nil, err
		}
		if within(s, abs) {
			return nil, fmt.Errorf("refusing to build into %s: it is the site folder %s or contains it", out, src)
		}
		for _, sub := range []string{"content", "templates", "static", "lexsite.toml"} {
			if within(abs, filepath.Join(s, sub)) {
				return nil, fmt.Errorf("refusing to build into %s: it is inside the site's %s, which holds sources", out, sub)
			}
		}
	}
	if st, err := os.Stat(abs); err == nil {
		if !st.IsDir() {
			return nil, fmt.Errorf("refusing to build into %s: it is a file, not a folder", out)
		}
		entries, err := os.ReadDir(abs)
		if err != nil {
			return nil, err
		}
		if len(entries) > 0 {
			if _, err := os.Stat(filepath.Join(abs, marker)); err != nil {
				return nil, fmt.Errorf("refusing to replace %s: the folder is not empty and is not a previous Lexsite build (it has no %s); empty it or choose another output folder", out, marker)
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".building-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		_ = os.RemoveAll(stage)
		return nil, err
	}
	d := &Dir{out: abs, stage: stage, made: map[string]bool{".": true}, queue: make(chan file, 4*ioWorkers)}
	for range ioWorkers {
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			for f := range d.queue {
				if err := d.write(f.name, f.data); err != nil {
					d.errOnce.Do(func() { d.err = err })
				}
			}
		}()
	}
	return d, nil
}

// within reports whether inner is outer or below it.
func within(inner, outer string) bool {
	rel, err := filepath.Rel(outer, inner)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// WriteFile queues one file for the staging folder; data is copied, so the
// caller may reuse it at once. A failed write is reported by Commit.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	d.queue <- file{name, append([]byte(nil), data...)}
	return nil
}

// wait lets the queued writes finish and returns the first failure.
func (d *Dir) wait() error {
	d.closeOnce.Do(func() { close(d.queue) })
	d.wg.Wait()
	return d.err
}

func (d *Dir) write(name string, data []byte) error {
	dir := path.Dir(name)
	d.mu.Lock()
	if !d.made[dir] {
		if err := os.MkdirAll(filepath.Join(d.stage, filepath.FromSlash(dir)), 0o755); err != nil {
			d.mu.Unlock()
			return err
		}
		d.made[dir] = true
	}
	d.mu.Unlock()
	return os.WriteFile(filepath.Join(d.stage, filepath.FromSlash(name)), data, 0o644)
}

// Commit swaps the staged build in place of the output folder, once every
// write has succeeded; otherwise it removes the staging folder.
func (d *Dir) Commit() error {
	if err := d.wait(); err != nil {
		_ = os.RemoveAll(d.stage)
		return err
	}
	old := ""
	if _, err := os.Stat(d.out); err == nil {
		old = d.out + ".old-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		if err := os.Rename(d.out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(d.stage, d.out); err != nil {
		if old != "" {
			_ = os.Rename(old, d.out)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the staging folder, leaving the output folder untouched.
func (d *Dir) Abort() error {
	_ = d.wait()
	return os.RemoveAll(d.stage)
}
