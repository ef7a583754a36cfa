package output

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// exchange swaps a and b atomically with renameat2(RENAME_EXCHANGE), which
// Linux has had since 3.15; older kernels and file systems without it
// (some network and FUSE ones) say so, and Dir falls back to two renames.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return fmt.Errorf("%w: %v", errors.ErrUnsupported, err)
	}
	return err
}

// pinned reports an entry that cannot be removed whatever the permissions
// of its folder: one marked immutable or append-only (chattr +i, +a).
func pinned(name string) error {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, name, unix.AT_SYMLINK_NOFOLLOW, 0, &st); err != nil {
		return err
	}
	if st.Attributes_mask&st.Attributes&(unix.STATX_ATTR_IMMUTABLE|unix.STATX_ATTR_APPEND) != 0 {
		return fmt.Errorf("it is marked immutable or append-only (see lsattr): %w", unix.EPERM)
	}
	return nil
}
