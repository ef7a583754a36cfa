//go:build !unix && !windows

package output

import "os"

// tryLock: this system has no file locks; builds into one folder must not
// be run at once.
func tryLock(*os.File) error { return nil }

func unlockAndRemove(f *os.File) {
	name := f.Name()
	_ = f.Close()
	_ = os.Remove(name)
}

func diskFull(error) bool         { return false }
func readOnlyFS(error) bool       { return false }
func folderWritable(string) error { return nil }

func systemError(error) bool { return false }
