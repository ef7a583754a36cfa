package serve

import (
	"sync"

	"github.com/lexsite/lexsite/internal/pipeline"
)

// pendingChanges collects settled batches for the build goroutine: batches
// that settle while a build runs are merged, so a slow build is followed by
// one build with everything that changed meanwhile, not a queue of them.
type pendingChanges struct {
	mu      sync.Mutex
	changes []pipeline.Change // in the order first seen
	seen    map[pipeline.Change]bool
	all     bool
	any     bool
	kick    chan struct{}
}

func newPendingChanges() *pendingChanges {
	return &pendingChanges{seen: map[pipeline.Change]bool{}, kick: make(chan struct{}, 1)}
}

// add merges a batch (nil: everything) and wakes the builder.
func (p *pendingChanges) add(batch []pipeline.Change) {
	p.mu.Lock()
	if batch == nil {
		p.all = true
	}
	for _, c := range batch {
		if !p.seen[c] {
			p.seen[c] = true
			p.changes = append(p.changes, c)
		}
	}
	p.any = true
	p.mu.Unlock()
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// take returns everything merged so far (nil: everything) and whether
// there was anything.
func (p *pendingChanges) take() ([]pipeline.Change, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.any {
		return nil, false
	}
	out := p.changes
	if p.all {
		out = nil
	}
	p.changes = nil
	clear(p.seen)
	p.all, p.any = false, false
	return out, true
}
