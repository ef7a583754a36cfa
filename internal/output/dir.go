package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options say where Open builds and how.
type Options struct {
	// Out is the output folder, as the user named it.
	Out string
	// Sources are the site folder and its base sites, the site first: the
	// output may not be or contain them, nor lie in their source folders.
	Sources []string
	// FS makes the changes; nil means OS. (The lock file beside the output
	// is always the system's.)
	FS FS
	// Wait is how long to wait while another build holds the output:
	// zero means DefaultWait, a negative value not at all.
	Wait time.Duration
	// Waiting, if not nil, is called once if Open has to wait.
	Waiting func()
}

// DefaultWait bounds how long a build waits for another one into the same
// output folder to finish.
const DefaultWait = time.Minute

// Dir stages a build in a fresh folder beside the output folder and swaps
// it in on Commit (see the package documentation).
//
// Writes are handed to a few goroutines of their own: a fresh folder means
// a directory per page, and on slow file systems creating them would stall
// the renderers; with the I/O overlapped, rendering keeps every core busy.
type Dir struct {
	fsys  FS
	shown string // the output as the user named it, for messages
	out   string // the output, resolved through links
	stage string
	lock  *os.File

	mu   sync.Mutex
	made map[string]bool

	queue     chan file // never reassigned, so workers may read it freely
	closeOnce sync.Once
	wg        sync.WaitGroup
	errOnce   sync.Once
	err       error
	failed    atomic.Bool // set once err is
	done      sync.Once
}

type file struct {
	name string
	data []byte
}

// ioWorkers is how many writes may be in flight at once.
const ioWorkers = 8

// Beside the output folder OUT, Dir keeps at most these, each removed
// before the build ends: the lock file, the staging folder, and (only where
// the swap takes two renames) the previous output set aside.
const (
	lockSuffix  = ".lock"
	stageInfix  = ".building-"
	asideInfix  = ".old-"
	hiddenStart = "."
)

func lockName(out string) string {
	return filepath.Join(filepath.Dir(out), hiddenStart+filepath.Base(out)+lockSuffix)
}

// NewDir is Open with the default options, for callers without a context.
func NewDir(out string, sources []string) (*Dir, error) {
	return Open(context.Background(), Options{Out: out, Sources: sources})
}

// Open prepares a build into opts.Out. It refuses (with a *RefusedError,
// having changed nothing) an output that is or contains a site, lies in a
// site's source folders, is a file, or is a non-empty folder without the
// marker. It waits for another build into the same folder, removes what a
// killed earlier build left beside it, and creates the staging folder.
// Other errors are an *Error, or ctx's error when it ends while waiting.
func Open(ctx context.Context, opts Options) (*Dir, error) {
	fsys := opts.FS
	if fsys == nil {
		fsys = OS{}
	}
	out, err := resolve(opts.Out)
	if err != nil {
		return nil, refusedOr(err, "read", opts.Out)
	}
	sources := make([]string, len(opts.Sources))
	for i, s := range opts.Sources {
		if sources[i], err = resolve(s); err != nil {
			return nil, refusedOr(err, "read", s)
		}
	}
	if err := checkPlace(opts.Out, out, sources); err != nil {
		return nil, err
	}
	// Refuse early what can be refused without the lock; checked again
	// under it, since another build may change the folder meanwhile.
	if err := checkExisting(fsys, opts.Out, out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := fsys.MkdirAll(parent, 0o755); err != nil {
		return nil, &Error{Op: "create", Path: filepath.Dir(opts.Out), Err: err}
	}
	wait := opts.Wait
	if wait == 0 {
		wait = DefaultWait
	}
	lock, err := acquire(ctx, lockName(out), max(wait, 0), opts.Waiting)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return nil, err
		}
		return nil, &Error{Op: "lock", Path: opts.Out, Err: err}
	}
	d := &Dir{fsys: fsys, shown: opts.Out, out: out, lock: lock, made: map[string]bool{".": true}}
	fail := func(err error) (*Dir, error) {
		d.unlock()
		return nil, err
	}
	recoverLeftovers(fsys, out)
	if err := checkExisting(fsys, opts.Out, out); err != nil {
		return fail(err)
	}
	stage, err := fsys.MkdirTemp(parent, hiddenStart+filepath.Base(out)+stageInfix)
	if err != nil {
		return fail(&Error{Op: "create a folder in", Path: filepath.Dir(opts.Out), Err: err})
	}
	d.stage = stage
	site := parent
	if len(sources) > 0 {
		site = sources[0]
	}
	if err := fsys.WriteFile(filepath.Join(stage, MarkerName), markerFor(out, site), 0o644); err != nil {
		_ = fsys.Remove(stage) // empty but for a marker that was not written
		return fail(&Error{Op: "write", Path: filepath.Join(opts.Out, MarkerName), Err: err})
	}
	d.queue = make(chan file, 4*ioWorkers)
	for range ioWorkers {
		d.wg.Go(func() {
			for f := range d.queue {
				if err := d.write(f.name, f.data); err != nil {
					d.errOnce.Do(func() {
						d.err = &Error{Op: "write", Path: filepath.Join(opts.Out, filepath.FromSlash(f.name)), Err: err}
						d.failed.Store(true)
					})
				}
			}
		})
	}
	return d, nil
}

// refusedOr keeps a refusal as it is and makes any other error an *Error.
func refusedOr(err error, op, name string) error {
	var r *RefusedError
	if errors.As(err, &r) {
		return err
	}
	return &Error{Op: op, Path: name, Err: err}
}

// recoverLeftovers cleans up after an earlier build into out that was
// killed: it puts a previous output set aside back if out is missing, and
// removes staging and set-aside folders. It must hold the lock, so that
// none of them belongs to a running build. A folder is touched only if it
// has the name Dir gives and the marker Dir writes, or is empty: a crash
// between creating a folder and writing its marker leaves it empty, and
// removing an empty folder loses nothing. Failures are left for the user:
// they do not stop this build.
func recoverLeftovers(fsys FS, out string) {
	parent := filepath.Dir(out)
	entries, err := fsys.ReadDir(parent)
	if err != nil {
		return
	}
	base := hiddenStart + filepath.Base(out)
	_, missing := fsys.Lstat(out)
	for _, e := range entries {
		name := e.Name()
		aside := strings.HasPrefix(name, base+asideInfix)
		if !aside && !strings.HasPrefix(name, base+stageInfix) || !e.IsDir() {
			continue
		}
		p := filepath.Join(parent, name)
		if !marked(fsys, p) {
			if onlyMarkerFile(fsys, p) {
				// Killed while writing its marker: the file is there,
				// empty or cut short, and nothing else is.
				_ = fsys.Remove(filepath.Join(p, MarkerName))
			}
			_ = fsys.Remove(p) // only if empty
			continue
		}
		if aside && errors.Is(missing, fs.ErrNotExist) {
			// Killed between the two renames of the fallback swap: the
			// previous output goes back where it was.
			if fsys.Rename(p, out) == nil {
				missing = nil
				continue
			}
		}
		_ = removeTree(fsys, p)
	}
}

// onlyMarkerFile reports whether dir holds nothing but a file with the
// marker's name: what a build killed between creating its staging folder
// and finishing the marker's one write leaves. Such a folder holds nothing
// of anyone's, whatever the file's (partial) content.
func onlyMarkerFile(fsys FS, dir string) bool {
	entries, err := fsys.ReadDir(dir)
	return err == nil && len(entries) == 1 && entries[0].Name() == MarkerName && entries[0].Type().IsRegular()
}

// removeTree removes a folder Dir made, its marker last, so that a folder
// only partly removed (by a failure, or a kill) is still recognised and
// removed by the next build.
func removeTree(fsys FS, dir string) error {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	var first error
	for _, e := range entries {
		if e.Name() == MarkerName {
			continue
		}
		if err := fsys.RemoveAll(filepath.Join(dir, e.Name())); err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return first
	}
	if err := fsys.Remove(filepath.Join(dir, MarkerName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fsys.Remove(dir)
}

// WriteFile queues one file for the staging folder; data is copied, so the
// caller may reuse it at once. Once a write has failed, WriteFile returns
// that failure, so the build stops early; Commit returns it too.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if d.failed.Load() {
		return d.err
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
		if err := d.fsys.MkdirAll(filepath.Join(d.stage, filepath.FromSlash(dir)), 0o755); err != nil {
			d.mu.Unlock()
			return err
		}
		d.made[dir] = true
	}
	d.mu.Unlock()
	return d.fsys.WriteFile(filepath.Join(d.stage, filepath.FromSlash(name)), data, 0o644)
}

// Commit puts the staged build in place of the output folder, once every
// write has succeeded. On any error but a *CleanupError, the output folder
// is as it was before Open and nothing is left beside it, unless removing
// the staging folder failed too, in which case the next build removes it.
func (d *Dir) Commit() error {
	defer d.unlock()
	if err := d.wait(); err != nil {
		_ = removeTree(d.fsys, d.stage)
		return err
	}
	if _, err := d.fsys.Lstat(d.out); errors.Is(err, fs.ErrNotExist) {
		if err := d.fsys.Rename(d.stage, d.out); err != nil {
			_ = removeTree(d.fsys, d.stage)
			return &Error{Op: "create", Path: d.shown, Err: err}
		}
		return nil
	}
	// After the swap the previous output must be removed; a removal that
	// fails half way would leave half of it. So check first.
	if err := d.fsys.Removable(d.out); err != nil {
		_ = removeTree(d.fsys, d.stage)
		return &Error{Op: "replace", Path: d.shown, Err: err}
	}
	old := d.stage
	err := d.fsys.Exchange(d.stage, d.out)
	if errors.Is(err, errors.ErrUnsupported) {
		old = strings.Replace(d.stage, stageInfix, asideInfix, 1)
		err = d.swapByRenames(old)
	}
	if err != nil {
		_ = removeTree(d.fsys, d.stage)
		return &Error{Op: "replace", Path: d.shown, Err: err}
	}
	if err := removeTree(d.fsys, old); err != nil {
		return &CleanupError{Path: old, Err: err}
	}
	return nil
}

// swapByRenames moves the output to old and the staging folder in its
// place; if the second rename fails, the first is undone.
func (d *Dir) swapByRenames(old string) error {
	if err := d.fsys.Rename(d.out, old); err != nil {
		return err
	}
	if err := d.fsys.Rename(d.stage, d.out); err != nil {
		if rerr := d.fsys.Rename(old, d.out); rerr != nil {
			// Nothing is lost: the previous output is whole at old, and
			// the next build puts it back; say where it is meanwhile.
			return &Error{Op: "put back the previous output from " + old + " into", Path: d.shown, Err: rerr}
		}
		return err
	}
	return nil
}

// Abort removes the staging folder, leaving the output folder untouched.
// An error means part of the staging folder is left; the next build
// removes it.
func (d *Dir) Abort() error {
	defer d.unlock()
	_ = d.wait()
	if err := removeTree(d.fsys, d.stage); err != nil {
		return &Error{Op: "remove", Path: d.stage, Err: err}
	}
	return nil
}

func (d *Dir) unlock() {
	d.done.Do(func() { unlockAndRemove(d.lock) })
}
