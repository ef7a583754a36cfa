package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// FS is every change Dir makes to the disk, and the reads its decisions
// rest on. OS is the real one; tests give one that fails on purpose, to
// show that no failure at any step loses the previous output or leaves
// anything beside it.
type FS interface {
	MkdirAll(name string, perm fs.FileMode) error
	// MkdirTemp creates a new folder in dir whose name starts with prefix,
	// readable by everyone, and returns its path.
	MkdirTemp(dir, prefix string) (string, error)
	WriteFile(name string, data []byte, perm fs.FileMode) error
	Rename(from, to string) error
	// Exchange swaps the names a and b in one atomic step. It returns an
	// error matching errors.ErrUnsupported, having changed nothing, where
	// the system or file system cannot.
	Exchange(a, b string) error
	// Remove removes a file, a symbolic link or an empty folder.
	Remove(name string) error
	RemoveAll(name string) error
	// Removable reports, without changing anything, why RemoveAll(dir)
	// could not remove all of dir, or nil if nothing is known to stop it.
	Removable(dir string) error
	ReadDir(name string) ([]fs.DirEntry, error)
	ReadFile(name string) ([]byte, error)
	Lstat(name string) (fs.FileInfo, error)
}

// OS is the operating system's file system.
type OS struct{}

func (OS) MkdirAll(name string, perm fs.FileMode) error { return os.MkdirAll(name, perm) }

func (OS) MkdirTemp(dir, prefix string) (string, error) {
	name, err := os.MkdirTemp(dir, prefix+"*")
	if err != nil {
		return "", err
	}
	// MkdirTemp makes a private folder; the output is for everyone to read.
	if err := os.Chmod(name, 0o755); err != nil {
		_ = os.Remove(name)
		return "", err
	}
	return name, nil
}

func (OS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}

func (OS) Rename(from, to string) error { return os.Rename(from, to) }

func (OS) Exchange(a, b string) error {
	if err := exchange(a, b); err != nil {
		if errors.Is(err, errors.ErrUnsupported) {
			return err
		}
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return nil
}

func (OS) Remove(name string) error                   { return os.Remove(name) }
func (OS) RemoveAll(name string) error                { return os.RemoveAll(name) }
func (OS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (OS) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (OS) Lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }

// Removable walks dir without following links. Removing an entry needs a
// writable folder around it, and on some systems an entry that is not
// marked immutable or append-only; those are the checks, one system call
// per folder and, where the system has such marks, one per file.
func (OS) Removable(dir string) error {
	if err := folderWritable(dir); err != nil {
		return &fs.PathError{Op: "remove", Path: dir, Err: err}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if err := (OS{}).Removable(p); err != nil {
				return err
			}
			continue
		}
		if err := pinned(p); err != nil {
			return &fs.PathError{Op: "remove", Path: p, Err: err}
		}
	}
	return nil
}
