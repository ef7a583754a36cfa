package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MarkerName is the file by which Dir knows a folder is one it made. It is
// written first into every folder Dir creates and removed last.
const MarkerName = ".lexsite-output"

// marker is the marker file's content.
type marker struct {
	Generator string `json:"generator"`
	// Site is the site folder, relative to the output folder: informative,
	// and never an absolute path of the author's computer, since the file
	// is published with the site.
	Site string `json:"site"`
	Note string `json:"note"`
}

const generator = "Lexsite"

func markerFor(out, site string) []byte {
	rel, err := filepath.Rel(out, site)
	if err != nil {
		rel = ""
	}
	b, _ := json.MarshalIndent(marker{
		Generator: generator,
		Site:      filepath.ToSlash(rel),
		Note:      "Lexsite made this folder and replaces all of it at each build. Delete this file to keep Lexsite from replacing or removing the folder.",
	}, "", "  ")
	return append(b, '\n')
}

// marked reports whether dir carries a marker Dir wrote.
func marked(fsys FS, dir string) bool {
	b, err := fsys.ReadFile(filepath.Join(dir, MarkerName))
	if err != nil {
		return false
	}
	var m marker
	return json.Unmarshal(b, &m) == nil && m.Generator == generator
}

// sourceFolders are the parts of a site that hold sources: an output inside
// one of them would be read back as sources or would delete them.
func sourceFolders() []string { return []string{"content", "templates", "static", "lexsite.toml"} }

// resolve returns the absolute path name stands for, with every symbolic
// link on the way resolved, whether or not name itself exists yet: the
// longest part that exists is resolved as the system would and the rest
// appended. Links are followed one component at a time, so "link/.." is
// the folder above the link's target, as for the system.
func resolve(name string) (string, error) {
	if !filepath.IsAbs(name) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		name = wd + string(filepath.Separator) + name
	}
	vol := filepath.VolumeName(name)
	cur := vol + string(filepath.Separator)
	parts := strings.FieldsFunc(name[len(vol):], func(r rune) bool { return r < 0x80 && os.IsPathSeparator(uint8(r)) })
	for i, p := range parts {
		switch p {
		case ".":
			continue
		case "..":
			cur = filepath.Dir(cur)
			continue
		}
		next := filepath.Join(cur, p)
		fi, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) {
			return filepath.Join(append([]string{next}, parts[i+1:]...)...), nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		real, err := filepath.EvalSymlinks(next)
		if errors.Is(err, fs.ErrNotExist) {
			// A link to what does not exist yet: where the build would
			// create it. (A loop of links is a different error.)
			target, err := os.Readlink(next)
			if err != nil {
				return "", err
			}
			if !filepath.IsAbs(target) {
				target = cur + string(filepath.Separator) + target
			}
			if real, err = resolve(target); err != nil {
				return "", err
			}
		} else if err != nil {
			return "", err
		}
		cur = real
	}
	return cur, nil
}

// within reports whether inner is outer or below it.
func within(inner, outer string) bool {
	rel, err := filepath.Rel(outer, inner)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// checkPlace refuses an output folder (resolved) that is or contains a
// site or base site, or lies inside one of their source folders (all
// resolved); shown is the output as the user named it.
func checkPlace(shown, out string, sources []string) error {
	for _, s := range sources {
		if within(s, out) {
			return &RefusedError{Path: shown, Reason: fmt.Sprintf("it is the site folder %s or contains it; choose a folder of its own, such as %s", s, filepath.Join(s, "public"))}
		}
		for _, sub := range sourceFolders() {
			if within(out, filepath.Join(s, sub)) {
				return &RefusedError{Path: shown, Reason: fmt.Sprintf("it is inside the site's %s (%s), which holds sources; choose a folder of its own, such as %s", sub, filepath.Join(s, sub), filepath.Join(s, "public"))}
			}
		}
	}
	return nil
}

// checkExisting refuses an existing output that Dir did not make: a file,
// or a folder that is not empty and has no marker.
func checkExisting(fsys FS, shown, out string) error {
	fi, err := fsys.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &Error{Op: "read", Path: shown, Err: err}
	}
	if !fi.IsDir() {
		return &RefusedError{Path: shown, Reason: "it is a file, not a folder"}
	}
	if marked(fsys, out) {
		return nil
	}
	entries, err := fsys.ReadDir(out)
	if err != nil {
		return &Error{Op: "read", Path: shown, Err: err}
	}
	if len(entries) == 0 {
		return nil
	}
	return &RefusedError{Path: shown, Reason: fmt.Sprintf("the folder is not empty and Lexsite did not make it (it has no %s file). If it is an output of an older Lexsite, remove it yourself once and build again; otherwise choose another output folder with -o", MarkerName)}
}
