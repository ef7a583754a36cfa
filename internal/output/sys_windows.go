package output

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes an exclusive LockFileEx lock on f, or returns errLocked at
// once. The system drops the lock of a killed build.
func tryLock(f *os.File) error {
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &windows.Overlapped{})
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}
	return err
}

// unlockAndRemove closes the lock file, which drops the lock, then
// removes it. Windows refuses to remove a file another build holds open,
// so the file stays while a build waits for it.
func unlockAndRemove(f *os.File) {
	name := f.Name()
	_ = f.Close()
	_ = os.Remove(name)
}

func diskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

func readOnlyFS(err error) bool { return errors.Is(err, windows.ERROR_WRITE_PROTECT) }

// folderWritable: Windows tells only by trying.
func folderWritable(string) error { return nil }

// systemError reports a bare error number from the system, which reason
// puts in words; other errors already are.
func systemError(err error) bool {
	_, ok := err.(windows.Errno)
	return ok
}
