// Package output owns where a build's files go: in memory (Memory), or into
// an output folder on disk (Dir) without ever leaving the user's disk in a
// state they did not ask for.
//
// A build never writes into the live output folder. Under a lock file
// beside it (.OUT.lock, so that two builds into one folder take turns), it
// writes a fresh staging folder beside it (.OUT.building-*) and, only when
// every file was written, swaps the two:
//
//   - On Linux and macOS the swap is one atomic exchange of the two names
//     (renameat2 RENAME_EXCHANGE, renamex_np RENAME_SWAP): at every instant
//     the output is either the whole previous build or the whole new one,
//     even if the process is killed.
//   - Elsewhere, or on a file system that cannot exchange, the output is
//     renamed aside (.OUT.old-*) and the staging folder renamed in its place;
//     if the second rename fails the first is undone, and if the process is
//     killed between the two the next build puts the previous output back.
//
// Before the swap Dir checks that the previous output can be removed
// entirely (writable folders, no immutable files), because removing it is
// the one step after the swap that could fail half way; a previous output
// that cannot be removed is refused and nothing changes.
//
// Every folder Dir creates carries a marker file (.lexsite-output) from the
// moment it is created until it is the last thing removed, and Dir replaces
// or removes only folders that carry it: an existing output folder without
// it, whatever else it holds, is refused; a staging or set-aside folder of an
// earlier build that was killed is recognised by its marker (and its name)
// and removed by the next build, under the lock. The paths are resolved
// through symbolic links before any of these decisions.
package output

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
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
