// Package outputtest holds what tests of the output stage — of the package
// itself, of the command line and of a real process killed mid-build — ask
// of a folder on disk: what it holds, and what was left beside it.
package outputtest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Snapshot reads the tree below dir into slash-separated relative path →
// content. A symbolic link is recorded as "-> " and its target, not
// followed, so a test sees a link that was replaced by a folder. A dir that
// does not exist is an empty tree: a build killed at the wrong moment may
// have left no output, and that is for the test to judge.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[filepath.ToSlash(rel)] = "-> " + target
			return err
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = string(b)
			return err
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

// Beside lists, sorted, what the folder holding out contains other than out
// itself and the names in keep: after any build, finished, failed or
// interrupted, it must be empty.
func Beside(t testing.TB, out string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if e.Name() != filepath.Base(out) && !slices.Contains(keep, e.Name()) {
			left = append(left, e.Name())
		}
	}
	return left
}
