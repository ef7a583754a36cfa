//go:build !linux && !darwin

package output

import "errors"

// exchange is not available here: Dir swaps with two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }

// pinned: the folder checks cover what Dir can know here cheaply.
func pinned(string) error { return nil }
