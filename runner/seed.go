package runner

import (
	"context"

	"github.com/flis-dk/flis/compiler"
)

// seed loads one seed through the injected loader.
func (r *Runner) seed(ctx context.Context, n *compiler.Node, e Event) Event {
	if r.opts.LoadSeed == nil {
		e.Status = StatusSkip
		e.Message = "no seed loader"
		return e
	}
	rows, err := r.opts.LoadSeed(ctx, n)
	if err != nil {
		return failEvent(e, err)
	}
	e.Rows = rows
	e.Status = StatusOK
	return e
}
