// Package sitefs owns the layered view of a site's files: the site itself,
// then each base site it names, then the defaults Lexsite carries. A file in
// an upper layer hides the file at the same path below it, which is how an
// organisation re-brands a copy without forking it.
package sitefs

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"syscall"
)

// Layer is one source of files.
type Layer struct {
	// Prefix is prepended to paths in diagnostics so an author can tell a
	// base site's file from their own: "" for the site, "../upstream/" for a
	// base, "(built-in)/" for the carried defaults.
	Prefix string
	FS     fs.FS
	// Content says whether content/ and lexsite.toml are read from this
	// layer; the carried defaults supply only templates and static files.
	Content bool
}

// FS is a stack of layers, the first winning.
type FS struct {
	layers []Layer
}

// New stacks layers, highest priority first.
func New(layers ...Layer) *FS {
	return &FS{layers: layers}
}

// Layers returns the stack, highest priority first.
func (f *FS) Layers() []Layer { return f.layers }

// File is a file found in some layer.
type File struct {
	// Path is slash-separated and relative to the site root, e.g.
	// "content/guides/returns.en.md".
	Path string
	// Label is the path as diagnostics show it.
	Label string
	// Layer is the index of the layer the file comes from.
	Layer int
}

// ReadFile reads name from the highest layer that has it.
func (f *FS) ReadFile(name string) ([]byte, File, error) {
	for i, l := range f.layers {
		if !l.Content && isContentPath(name) {
			continue
		}
		b, err := fs.ReadFile(l.FS, name)
		if err == nil {
			return b, File{Path: name, Label: l.Prefix + name, Layer: i}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) && !isNotDir(err) {
			return nil, File{}, err
		}
	}
	return nil, File{}, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadAll reads name from every layer that has it, highest first, for files
// that are merged rather than replaced (UI strings).
func (f *FS) ReadAll(name string) ([][]byte, []File) {
	var data [][]byte
	var files []File
	for i, l := range f.layers {
		if !l.Content && isContentPath(name) {
			continue
		}
		if b, err := fs.ReadFile(l.FS, name); err == nil {
			data = append(data, b)
			files = append(files, File{Path: name, Label: l.Prefix + name, Layer: i})
		}
	}
	return data, files
}

// Below reports whether a layer under f's own has a file at f's path: a
// file that replaces another, rather than adding one.
func (f *FS) Below(file File) bool {
	return anyHas(f.layers[file.Layer+1:], file.Path)
}

// Exists reports whether any layer has a regular file at name.
func (f *FS) Exists(name string) bool {
	return anyHas(f.layers, name)
}

// anyHas reports whether one of layers has a regular file at name.
func anyHas(layers []Layer, name string) bool {
	for _, l := range layers {
		if !l.Content && isContentPath(name) {
			continue
		}
		if st, err := fs.Stat(l.FS, name); err == nil && !st.IsDir() {
			return true
		}
	}
	return false
}

// Walk lists every regular file below dir across the layers, each path once
// (from the highest layer that has it), sorted by path. Hidden files and
// folders (starting with ".") are skipped: editors leave swap files there.
func (f *FS) Walk(dir string) ([]File, error) {
	seen := map[string]bool{}
	var out []File
	for i, l := range f.layers {
		if !l.Content && isContentPath(dir) {
			continue
		}
		err := fs.WalkDir(l.FS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && (errors.Is(err, fs.ErrNotExist) || isNotDir(err)) {
					return fs.SkipDir
				}
				return err
			}
			base := path.Base(p)
			if p != dir && (strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~")) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if !seen[p] {
				seen[p] = true
				out = append(out, File{Path: p, Label: l.Prefix + p, Layer: i})
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func isContentPath(name string) bool {
	return name == "content" || strings.HasPrefix(name, "content/") || name == "lexsite.toml"
}

// isNotDir reports an open of "a/b" where "a" is a file: for a layer that is
// the same as the file not being there.
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
