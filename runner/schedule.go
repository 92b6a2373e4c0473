package runner

import (
	"context"
	"sort"
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
	var ready []string
	blocked := map[string]string{} // node → the failed or skipped dependency that blocks it
	done := 0
	running := 0
	for _, id := range order {
		if pending[id] == 0 {
			ready = append(ready, id)
		}
	}

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
				ready = append(ready, ch)
			}
		}
	}

	var wg sync.WaitGroup
	mu.Lock()
	for done < len(order) {
		// Wait for a ready node and a free thread; the last finishing node wakes us with
		// done == len(order) and nothing ready.
		for (len(ready) == 0 || running >= threads) && done < len(order) {
			cond.Wait()
		}
		if done == len(order) {
			break
		}
		// Run in graph order among the ready nodes, so output is as stable as it can be.
		sort.Slice(ready, func(i, j int) bool { return rank[ready[i]] < rank[ready[j]] })
		id := ready[0]
		ready = ready[1:]
		if cause, isBlocked := blocked[id]; isBlocked || ctx.Err() != nil {
			if !isBlocked {
				cause = "interrupted"
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
