package pipeline

import "github.com/lexsite/lexsite/internal/render"

// WithOutput returns opts with an output of a test's own added to every
// build: see docs/architecture.md, "Adding a site-wide output".
func WithOutput(opts Options, o func(*render.Renderer) render.Job) Options {
	opts.outputs = append(opts.outputs, o)
	return opts
}
