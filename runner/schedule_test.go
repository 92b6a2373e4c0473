package runner

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// trace records what schedule did: every exec and skip, in order, and how many nodes ran at
// once. It checks the invariants as it goes, so a violation names the node.
type trace struct {
	t       *testing.T
	deps    map[string][]string
	fail    map[string]bool // nodes whose exec returns ERROR
	threads int
	work    time.Duration // how long each exec takes (fake time under synctest)

	mu       sync.Mutex
	finished map[string]Status
	order    []string // finish order
	causes   map[string]string
	running  int
	peak     int
	cancel   func()          // called when cancelAfter nodes have run, if set
	cancelAt int             // number of execs after which cancel is called
	execs    int             // execs started so far
	ctxSeen  map[string]bool // exec saw a cancelled context
}

func newTrace(t *testing.T, deps map[string][]string, threads int) *trace {
	return &trace{t: t, deps: deps, fail: map[string]bool{}, threads: threads, work: time.Millisecond,
		finished: map[string]Status{}, causes: map[string]string{}, ctxSeen: map[string]bool{}}
}

func (tr *trace) exec(ctx context.Context, id string) Status {
	tr.mu.Lock()
	for _, d := range tr.deps[id] {
		st, done := tr.finished[d]
		if !done {
			tr.t.Errorf("%s started before its dependency %s finished", id, d)
		} else if !st.ok() {
			tr.t.Errorf("%s started although its dependency %s finished %s", id, d, st)
		}
	}
	if _, again := tr.finished[id]; again {
		tr.t.Errorf("%s ran twice", id)
	}
	tr.running++
	tr.execs++
	if tr.running > tr.peak {
		tr.peak = tr.running
	}
	if tr.running > tr.threads {
		tr.t.Errorf("%d nodes running at once with --threads %d", tr.running, tr.threads)
	}
	if tr.cancel != nil && tr.execs == tr.cancelAt {
		tr.cancel()
	}
	tr.mu.Unlock()

	select {
	case <-time.After(tr.work):
	case <-ctx.Done():
	}

	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.running--
	st := StatusOK
	if tr.fail[id] {
		st = StatusError
	}
	if ctx.Err() != nil {
		tr.ctxSeen[id] = true
		st = StatusError // a cancelled query fails, as the database reports it
	}
	tr.finished[id] = st
	tr.order = append(tr.order, id)
	return st
}

func (tr *trace) skip(id, cause string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if _, again := tr.finished[id]; again {
		tr.t.Errorf("%s finished twice", id)
	}
	for _, d := range tr.deps[id] {
		if _, done := tr.finished[d]; !done {
			tr.t.Errorf("%s skipped before its dependency %s finished", id, d)
		}
	}
	tr.finished[id] = StatusSkip
	tr.causes[id] = cause
	tr.order = append(tr.order, id)
}

func (tr *trace) run(ctx context.Context, order []string) {
	schedule(ctx, order, tr.deps, tr.threads, tr.exec, tr.skip)
}

func TestScheduleDependencyOrder(t *testing.T) {
	// a → b → d, a → c → d, e alone: d runs last of its branch, after both b and c.
	deps := map[string][]string{"a": nil, "b": {"a"}, "c": {"a"}, "d": {"b", "c"}, "e": nil}
	order := []string{"a", "b", "c", "d", "e"}
	for _, threads := range []int{1, 2, 8} {
		t.Run(fmt.Sprintf("threads=%d", threads), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tr := newTrace(t, deps, threads)
				tr.run(t.Context(), order)
				if len(tr.order) != len(order) {
					t.Fatalf("finished %v, want all of %v", tr.order, order)
				}
				pos := map[string]int{}
				for i, id := range tr.order {
					pos[id] = i
				}
				for id, ds := range deps {
					for _, d := range ds {
						if pos[d] > pos[id] {
							t.Errorf("%s finished before its dependency %s: %v", id, d, tr.order)
						}
					}
				}
				if threads == 1 && !slices.Equal(tr.order, order) {
					// One thread runs ready nodes in graph order: the output is the order.
					t.Errorf("with one thread the finish order is %v, want the graph order %v", tr.order, order)
				}
			})
		})
	}
}

func TestScheduleThreadsBound(t *testing.T) {
	// 40 independent nodes: the scheduler must use every thread, and never more.
	var order []string
	deps := map[string][]string{}
	for i := range 40 {
		id := fmt.Sprintf("n%02d", i)
		order = append(order, id)
		deps[id] = nil
	}
	for _, threads := range []int{0, 1, 3, 8, 64} {
		t.Run(fmt.Sprintf("threads=%d", threads), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tr := newTrace(t, deps, max(threads, 1))
				tr.work = time.Second
				start := time.Now()
				schedule(t.Context(), order, deps, threads, tr.exec, tr.skip)
				want := min(max(threads, 1), len(order))
				if tr.peak != want {
					t.Errorf("peak concurrency %d, want %d", tr.peak, want)
				}
				// Fake time: 40 one-second nodes over `want` threads take ceil(40/want) s.
				wantDur := time.Duration((len(order)+want-1)/want) * time.Second
				if got := time.Since(start); got != wantDur {
					t.Errorf("took %v, want %v (threads idle while nodes were ready?)", got, wantDur)
				}
			})
		})
	}
}

func TestScheduleFailureSkipsDescendantsOnly(t *testing.T) {
	// a → b → c → d and c, e → f; a → e → g; a, e → h. b fails: its descendants c, d and
	// f are skipped (f although its other parent e is fine); e, g and h are siblings and run.
	deps := map[string][]string{
		"a": nil, "b": {"a"}, "c": {"b"}, "d": {"c"}, "e": {"a"}, "f": {"c", "e"}, "g": {"e"}, "h": {"a", "e"},
	}
	order := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace(t, deps, 3)
		tr.fail["b"] = true
		tr.run(t.Context(), order)
		want := map[string]Status{"a": StatusOK, "b": StatusError, "c": StatusSkip, "d": StatusSkip,
			"e": StatusOK, "f": StatusSkip, "g": StatusOK, "h": StatusOK}
		for id, st := range want {
			if tr.finished[id] != st {
				t.Errorf("%s: %s, want %s", id, tr.finished[id], st)
			}
		}
		// The cause names the node that failed, also two levels down.
		for _, id := range []string{"c", "d", "f"} {
			if tr.causes[id] != "upstream b ERROR" {
				t.Errorf("%s skipped because %q, want %q", id, tr.causes[id], "upstream b ERROR")
			}
		}
	})
}

func TestScheduleOutsideSelectionCountsAsBuilt(t *testing.T) {
	// b depends on a, but only b is selected: it runs against what exists (dbt semantics).
	deps := map[string][]string{"b": {"a"}}
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace(t, deps, 2)
		tr.finished["a"] = StatusOK // the trace checks deps; a exists in the warehouse
		tr.run(t.Context(), []string{"b"})
		if tr.finished["b"] != StatusOK {
			t.Fatalf("b: %s, want OK", tr.finished["b"])
		}
	})
}

func TestScheduleCancel(t *testing.T) {
	// A chain of 10 and 10 independent nodes on 2 threads; cancel while the 3rd node runs.
	deps := map[string][]string{}
	var order []string
	for i := range 10 {
		id := fmt.Sprintf("c%d", i)
		if i > 0 {
			deps[id] = []string{fmt.Sprintf("c%d", i-1)}
		}
		order = append(order, id)
	}
	for i := range 10 {
		order = append(order, fmt.Sprintf("i%d", i))
	}
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		tr := newTrace(t, deps, 2)
		tr.work = time.Hour // only cancellation ends a node
		tr.cancel, tr.cancelAt = cancel, 2
		tr.run(ctx, order)

		ran, skipped := 0, 0
		for _, id := range order {
			switch tr.finished[id] {
			case StatusSkip:
				skipped++
			case "":
				t.Errorf("%s never finished", id)
			default:
				ran++
				if !tr.ctxSeen[id] {
					t.Errorf("%s ran to its end; it should have seen the cancellation", id)
				}
			}
		}
		if ran != 2 || skipped != len(order)-2 {
			t.Errorf("ran %d, skipped %d; want 2 running nodes cancelled and the other %d skipped", ran, skipped, len(order)-2)
		}
		for id, cause := range tr.causes {
			if cause != "interrupted" && !strings.HasPrefix(cause, "upstream ") {
				t.Errorf("%s skipped because %q", id, cause)
			}
		}
		if tr.causes["i9"] != "interrupted" {
			t.Errorf("an independent node's skip cause is %q, want interrupted", tr.causes["i9"])
		}
	})
}

func TestScheduleCancelledBeforeStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		deps := map[string][]string{"b": {"a"}}
		tr := newTrace(t, deps, 4)
		tr.run(ctx, []string{"a", "b", "c"})
		for _, id := range []string{"a", "b", "c"} {
			if tr.finished[id] != StatusSkip {
				t.Errorf("%s: %s, want SKIP", id, tr.finished[id])
			}
		}
	})
}

// TestScheduleRandomDAGs is a property test: for random DAGs, thread counts and failing
// nodes, schedule terminates (synctest panics on a deadlock: every goroutine blocked), every
// node finishes exactly once, no node starts before its dependencies or beside more than
// threads-1 others, and a node is skipped exactly when one of its selected ancestors failed.
func TestScheduleRandomDAGs(t *testing.T) {
	for seed := range 300 {
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		n := 1 + rng.IntN(60)
		order := make([]string, n)
		for i := range order {
			order[i] = fmt.Sprintf("m%02d", i)
		}
		deps := map[string][]string{}
		density := rng.Float64() * 0.3
		for i := range n {
			for j := range i {
				if rng.Float64() < density {
					deps[order[i]] = append(deps[order[i]], order[j])
				}
			}
			if rng.IntN(10) == 0 {
				// A dependency outside the selection: must not block.
				deps[order[i]] = append(deps[order[i]], "unselected")
			}
		}
		// The scheduler's order is a topological order but not necessarily the generation
		// order: shuffle while keeping dependencies first (sort by a random depth-respecting key).
		depth := map[string]int{}
		for _, id := range order {
			for _, d := range deps[id] {
				depth[id] = max(depth[id], depth[d]+1)
			}
		}
		tie := rng.Perm(n)
		idx := map[string]int{}
		for i, id := range order {
			idx[id] = tie[i]
		}
		sort.SliceStable(order, func(i, j int) bool {
			if depth[order[i]] != depth[order[j]] {
				return depth[order[i]] < depth[order[j]]
			}
			return idx[order[i]] < idx[order[j]]
		})
		threads := 1 + rng.IntN(8)
		// A third of the runs are interrupted after a random number of nodes started.
		cancelAt := 0
		if rng.IntN(3) == 0 {
			cancelAt = 1 + rng.IntN(n)
		}
		fail := map[string]bool{}
		for _, id := range order {
			if rng.IntN(8) == 0 {
				fail[id] = true
			}
		}

		t.Run(fmt.Sprintf("seed=%d/n=%d/threads=%d/cancel=%d", seed, n, threads, cancelAt), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				tr := newTrace(t, deps, threads)
				tr.finished["unselected"] = StatusOK
				tr.fail = fail
				tr.work = time.Duration(1+rng.IntN(5)) * time.Millisecond
				if cancelAt > 0 {
					tr.cancel, tr.cancelAt = cancel, cancelAt
				}
				tr.run(ctx, order)
				if got := len(tr.order); got != n {
					t.Fatalf("%d nodes finished, want %d", got, n)
				}
				if cancelAt > 0 && tr.execs >= cancelAt {
					// Interrupted: no node may start after the cancel, and every node that
					// did not run is skipped, never left out.
					if tr.execs > cancelAt+threads-1 {
						t.Errorf("%d nodes started; the run was cancelled when the %dth started (threads %d)", tr.execs, cancelAt, threads)
					}
					return
				}

				// Expected: skipped iff an ancestor (within the selection) failed.
				want := map[string]Status{}
				for _, id := range order { // order is topological
					st := StatusOK
					if fail[id] {
						st = StatusError
					}
					for _, d := range deps[id] {
						if d != "unselected" && want[d] != StatusOK {
							st = StatusSkip
						}
					}
					want[id] = st
				}
				for _, id := range order {
					if tr.finished[id] != want[id] {
						t.Errorf("%s: %q, want %s", id, tr.finished[id], want[id])
					}
				}
			})
		})
	}
}

// wideGraph is n nodes: a tenth of them roots, the rest each depending on one earlier node,
// so thousands are ready at once.
func wideGraph(n int) ([]string, map[string][]string) {
	order := make([]string, n)
	deps := make(map[string][]string, n)
	for i := range order {
		order[i] = fmt.Sprintf("n%06d", i)
		if i >= n/10 {
			deps[order[i]] = []string{order[i/10]}
		}
	}
	return order, deps
}

// TestScheduleWideGraphIsNotQuadratic: 50,000 nodes with thousands ready at once must be
// scheduled in well under a second of work; re-sorting the ready set for every dispatch took
// minutes.
func TestScheduleWideGraphIsNotQuadratic(t *testing.T) {
	order, deps := wideGraph(50000)
	var mu sync.Mutex
	ran := 0
	start := time.Now()
	schedule(t.Context(), order, deps, 4, func(context.Context, string) Status {
		mu.Lock()
		ran++
		mu.Unlock()
		return StatusOK
	}, func(string, string) { t.Error("nothing should be skipped") })
	if ran != len(order) {
		t.Fatalf("ran %d of %d", ran, len(order))
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("scheduling 50,000 no-op nodes took %v", took)
	}
}

func BenchmarkSchedule(b *testing.B) {
	order, deps := wideGraph(10000)
	exec := func(context.Context, string) Status { return StatusOK }
	for b.Loop() {
		schedule(context.Background(), order, deps, 4, exec, func(string, string) {})
	}
}
