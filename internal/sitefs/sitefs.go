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
// So are symbolic links, which could lead out of the site (see Skipped).
func (f *FS) Walk(dir string) ([]File, error) {
	seen := map[string]bool{}
	var out []File
	for i, l := range f.layers {
		err := walkLayer(l, dir, func(p string, d fs.DirEntry) {
			if d.Type().IsRegular() && !seen[p] {
				seen[p] = true
				out = append(out, File{Path: p, Label: l.Prefix + p, Layer: i})
			}
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Skip is an entry that Walk leaves out although its name is not hidden,
// so that an author can be told why it is missing from the site.
type Skip struct {
	File
	// Link is where a symbolic link leads, as it is written; "" when the
	// entry is not a link (a socket or a device) or the target is unknown.
	Link string
	// Symlink says whether the entry is a symbolic link.
	Symlink bool
}

// Skipped lists, for each of dirs across the layers, the entries below it
// that are neither regular files nor folders, such as symbolic links, sorted
// by label. Lexsite does not follow links: one could lead out of the site,
// and a build must read only the site's own files.
func (f *FS) Skipped(dirs ...string) []Skip {
	var out []Skip
	for _, dir := range dirs {
		for i, l := range f.layers {
			// A layer that cannot be read is reported by Walk.
			_ = walkLayer(l, dir, func(p string, d fs.DirEntry) {
				if d.IsDir() || d.Type().IsRegular() {
					return
				}
				s := Skip{File: File{Path: p, Label: l.Prefix + p, Layer: i}, Symlink: d.Type()&fs.ModeSymlink != 0}
				if s.Symlink {
					s.Link, _ = fs.ReadLink(l.FS, p)
				}
				out = append(out, s)
			})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// walkLayer calls visit for every entry below dir in layer l, folders
// included, leaving out hidden names and editor backups and what is below
// them. A dir the layer does not have is not an error.
func walkLayer(l Layer, dir string, visit func(p string, d fs.DirEntry)) error {
	if !l.Content && isContentPath(dir) {
		return nil
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
		visit(p, d)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func isContentPath(name string) bool {
	return name == "content" || strings.HasPrefix(name, "content/") || name == "lexsite.toml"
}

// isNotDir reports an open of "a/b" where "a" is a file: for a layer that is
// the same as the file not being there.
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
