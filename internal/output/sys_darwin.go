package output

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// exchange swaps a and b atomically with renamex_np(RENAME_SWAP); file
// systems without it say so, and Dir falls back to two renames.
func exchange(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOTSUP), errors.Is(err, unix.ENOSYS):
		return fmt.Errorf("%w: %v", errors.ErrUnsupported, err)
	}
	return err
}

// pinned: the folder checks cover what Dir can know here cheaply.
func pinned(string) error { return nil }
