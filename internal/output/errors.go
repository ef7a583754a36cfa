package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// RefusedError is an output folder Dir will not build into, to protect
// what is there; nothing was changed. The command line gives it exit
// status 2, like any other mistake in how the command was called.
type RefusedError struct {
	// Path is the output folder as the user named it.
	Path string
	// Reason says why, and what to do, in an author's words.
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to build into %s: %s", e.Path, e.Reason)
}

// ErrBusy means another build held the output folder for longer than Dir
// was told to wait.
var ErrBusy = errors.New("another build is writing into it")

// Error is a failure to change the disk (full, not permitted, read-only,
// held by another build). The command line gives it exit status 3.
type Error struct {
	// Op is what could not be done: "write", "create", "replace", "remove".
	Op string
	// Path names the file or folder in the user's terms.
	Path string
	Err  error
}

func (e *Error) Error() string {
	return fmt.Sprintf("cannot %s %s: %s", e.Op, e.Path, reason(e.Err))
}

func (e *Error) Unwrap() error { return e.Err }

// CleanupError means the new build is in place but the previous one, set
// aside, could not be removed entirely. What is left carries the marker,
// so the next build removes it.
type CleanupError struct {
	// Path is the folder left beside the output.
	Path string
	Err  error
}

func (e *CleanupError) Error() string {
	return fmt.Sprintf("the site was built, but the previous output, moved to %s, could not be removed (%s); the next build removes it", e.Path, reason(e.Err))
}

func (e *CleanupError) Unwrap() error { return e.Err }

// reason puts a system error in plain words, with what to do about it.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	if errors.Is(err, ErrBusy) {
		return "another build is writing into it; wait for it to finish and build again"
	}
	if !systemError(err) {
		return err.Error()
	}
	switch {
	case diskFull(err):
		return "the disk is full; free some space and build again"
	case readOnlyFS(err):
		return "the disk is read-only; choose another output folder with -o"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied; make sure you may change it and the folder it is in, or choose another output folder with -o"
	}
	return err.Error()
}
