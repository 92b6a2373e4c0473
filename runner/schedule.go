package runner

import (
	"container/heap"
	"context"
	"sync"
)

// schedule runs exec over the selected nodes with up to threads at once, each node as soon as
// all of its selected dependencies have finished. A node whose dependency failed or was
// skipped is not run: it finishes as skipped, and so do its dependents, while independent
// branches continue. Cancelling ctx stops starting new nodes; running ones see the
// cancellation through ctx and the rest finish as skipped.
//
// deps maps each selected node to its dependencies; dependencies outside the selection are
// treated as already built (dbt semantics: `--select x` runs x against what exists).
func schedule(ctx context.Context, order []string, deps map[string][]string, threads int,
	exec func(ctx context.Context, id string) Status, skip func(id string, cause string)) {
	if threads < 1 {
		threads = 1
	}
	selected := make(map[string]bool, len(order))
	for _, id := range order {
		selected[id] = true
	}
	pending := map[string]int{}
	children := map[string][]string{}
	for _, id := range order {
		for _, d := range deps[id] {
			if selected[d] {
				pending[id]++
				children[d] = append(children[d], id)
			}
		}
	}
	rank := make(map[string]int, len(order))
	for i, id := range order {
		rank[id] = i
	}

	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	// ready holds the nodes whose dependencies have all finished, as positions in order: a
	// heap, because a wide graph has thousands ready at once and re-sorting them for every
	// node dispatched would be quadratic.
	ready := &rankHeap{}
	blocked := map[string]string{} // node → the failed or skipped dependency that blocks it
	done := 0
	running := 0
	for i, id := range order {
		if pending[id] == 0 {
			ready.ints = append(ready.ints, i)
		}
	}
	heap.Init(ready)

	// finish marks id done; a failure propagates as a skip reason to its children.
	var finish func(id string, ok bool, cause string)
	finish = func(id string, ok bool, cause string) {
		done++
		for _, ch := range children[id] {
			if !ok {
				if _, already := blocked[ch]; !already {
					blocked[ch] = cause
				}
			}
			pending[ch]--
			if pending[ch] == 0 {
				heap.Push(ready, rank[ch])
			}
		}
	}

	var wg sync.WaitGroup
	mu.Lock()
	for done < len(order) {
		// Wait for a ready node and a free thread; the last finishing node wakes us with
		// done == len(order) and nothing ready.
		for (ready.Len() == 0 || running >= threads) && done < len(order) {
			cond.Wait()
		}
		if done == len(order) {
			break
		}
		// Run in graph order among the ready nodes, so output is as stable as it can be.
		id := order[heap.Pop(ready).(int)]
		if cause, isBlocked := blocked[id]; isBlocked || ctx.Err() != nil {
			if !isBlocked {
				cause = stopReason(ctx)
			}
			mu.Unlock()
			skip(id, cause)
			mu.Lock()
			finish(id, false, cause)
			cond.Broadcast()
			continue
		}
		running++
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			st := exec(ctx, id)
			mu.Lock()
			running--
			finish(id, st.ok(), "upstream "+id+" "+string(st))
			cond.Broadcast()
			mu.Unlock()
		}(id)
	}
	mu.Unlock()
	wg.Wait()
}

// rankHeap is a min-heap of positions in the run's order.
type rankHeap struct{ ints []int }

func (h *rankHeap) Len() int           { return len(h.ints) }
func (h *rankHeap) Less(i, j int) bool { return h.ints[i] < h.ints[j] }
func (h *rankHeap) Swap(i, j int)      { h.ints[i], h.ints[j] = h.ints[j], h.ints[i] }
func (h *rankHeap) Push(x any)         { h.ints = append(h.ints, x.(int)) }
func (h *rankHeap) Pop() any {
	last := h.ints[len(h.ints)-1]
	h.ints = h.ints[:len(h.ints)-1]
	return last
}
