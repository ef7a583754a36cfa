//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive flock on f, or returns errLocked at once.
// flock locks belong to the open file, so two builds in one process
// exclude each other too, and the system drops the lock of a killed build.
func tryLock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return errLocked
		}
		return err
	}
}

// unlockAndRemove removes the lock file while still holding the lock, so a
// build that opened it meanwhile finds, once it has the lock, that the file
// is no longer the one at its path, and tries again (see acquire).
func unlockAndRemove(f *os.File) {
	_ = os.Remove(f.Name())
	_ = f.Close()
}

func diskFull(err error) bool {
	return errors.Is(err, unix.ENOSPC) || errors.Is(err, unix.EDQUOT)
}

func readOnlyFS(err error) bool { return errors.Is(err, unix.EROFS) }

// folderWritable reports a folder whose entries cannot be removed: one this
// user may not write to, on a read-only file system, or marked immutable
// or append-only.
func folderWritable(dir string) error {
	if err := unix.Access(dir, unix.W_OK|unix.X_OK); err != nil {
		return err
	}
	return pinned(dir)
}

// systemError reports a bare error number from the system, which reason
// puts in words; other errors already are.
func systemError(err error) bool {
	_, ok := err.(unix.Errno)
	return ok
}
