package output

import (
	"context"
	"errors"
	"os"
	"time"
)

// errLocked is tryLock's answer when another build holds the lock.
var errLocked = errors.New("locked")

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 50 * time.Millisecond

// acquire takes the lock file at name, waiting up to wait while another
// build holds it; waiting, if not nil, is called once when the wait starts.
//
// The holder removes the file before it unlocks, so that no lock file stays
// beside the output; a build that got the lock on a file no longer at name
// has the lock on nothing, and opens the new one.
func acquire(ctx context.Context, name string, wait time.Duration, waiting func()) (*os.File, error) {
	deadline := time.Now().Add(wait)
	announced := false
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		err = tryLock(f)
		if err == nil {
			if current(f, name) {
				return f, nil
			}
			_ = f.Close()
			continue
		}
		_ = f.Close()
		if !errors.Is(err, errLocked) {
			return nil, err
		}
		if !time.Now().Before(deadline) {
			return nil, ErrBusy
		}
		if !announced && waiting != nil {
			waiting()
			announced = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// current reports whether f is still the file at name.
func current(f *os.File, name string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(name)
	return err == nil && os.SameFile(a, b)
}
