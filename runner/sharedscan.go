package runner

import (
	"context"
	"time"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/runner/datatest"
	"github.com/flis-dk/flis/runner/warehouse"
)

// Shared scans. The row-by-row tests of one relation (not_null, accepted_values,
// expression_is_true, row_count) are counted together, in one scan of it
// (datatest.BatchCountSQL), instead of one scan each: an audit counts its model's tests so,
// and the first test node of a relation (a source, a view, a table built earlier) counts
// its siblings' too, which then only report what was counted.

// sharedScan is the outcome of the tests counted together, by test ID; done is closed once
// it is known.
type sharedScan struct {
	done     chan struct{}
	outcomes map[string]Event
}

// countTogether decides ahead of their turns the tests among ids (all of relation rel, read
// through q) that need no scan of their own: those the catalog proves, and the others that
// can share a scan, counted in one. With fewer than two such tests nothing is decided:
// each runs alone and tries its proof there, once. With a change (the audits scoped to an
// incremental change, see scopedTest), the tests count the change's rows instead of rel's.
// The outcomes carry Status, Failures, Message, Scope and SharedScan (see decided); the
// first counted one also carries the scan's time. A test missing from the result runs
// alone, as before: that includes every test of a shared scan that failed, so an error is
// reported by the test that caused it.
func (r *Runner) countTogether(ctx context.Context, q querier, ids []string, rel, change compiler.Relation) map[string]Event {
	var candidates []string
	for _, id := range ids {
		if t := r.toDataTest(r.res.Nodes[id], rel); datatest.Batchable(t) && datatest.Validate(t) == nil {
			candidates = append(candidates, id)
		}
	}
	if len(candidates) < 2 {
		return nil
	}
	out := map[string]Event{}
	base := Event{}
	if !change.IsZero() {
		base.Scope = ScopeChange
	}
	var counted []string
	var tests []datatest.Test
	for _, id := range candidates {
		n := r.res.Nodes[id]
		t := r.toDataTest(n, rel)
		var pe Event
		var proven bool
		if change.IsZero() {
			pe, proven = r.prove(ctx, n, base, q, t)
		} else {
			pe, proven = r.proveBy(ctx, n, base, q, t, datatest.ChangeProof)
			t.Relation = datatest.Relation{Schema: change.Schema, Name: change.Name}
		}
		if proven {
			out[id] = pe
			continue
		}
		counted = append(counted, id)
		tests = append(tests, t)
	}
	if len(tests) == 0 {
		return out
	}
	// One test left unproven is counted here too (a one-column query), so that its proof,
	// already tried, is not tried again when it runs.
	sql, err := datatest.BatchCountSQL(tests)
	if err != nil {
		return out
	}
	began := time.Now()
	counts := make([]int64, len(tests))
	dest := make([]any, len(tests))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if !scanInto(ctx, q, sql, dest) {
		return out
	}
	for i, id := range counted {
		e := judge(r.res.Nodes[id], base, counts[i])
		if len(tests) > 1 {
			e.SharedScan = len(tests)
		}
		if i == 0 {
			e.Seconds = time.Since(began).Seconds()
		}
		out[id] = e
	}
	return out
}

// scanInto reads the one row of query sql into dest, and reports whether it could. A
// failed scan leaves a transaction usable (guarded), so each test can then run alone and
// report its own error.
func scanInto(ctx context.Context, q querier, sql string, dest []any) bool {
	return guarded(ctx, q, func() bool {
		rows, err := q.Query(ctx, sql)
		if err != nil {
			return false
		}
		ok := rows.Next() && rows.Scan(dest...) == nil
		rows.Close()
		return ok && rows.Err() == nil
	})
}

// guarded runs f, which reports whether it succeeded, under a savepoint when q is a
// transaction (the audits inside a publish): a failed statement would otherwise abort it,
// and every later audit would fail with "current transaction is aborted" instead of
// running.
func guarded(ctx context.Context, q querier, f func() bool) bool {
	if _, inTx := q.(warehouse.Tx); !inTx {
		return f()
	}
	if _, err := q.Exec(ctx, "SAVEPOINT flis_audit"); err != nil {
		return false
	}
	ok := f()
	end := "RELEASE SAVEPOINT flis_audit"
	if !ok {
		end = "ROLLBACK TO SAVEPOINT flis_audit"
	}
	_, err := q.Exec(ctx, end)
	return ok && err == nil
}

// decided puts the outcome p, decided ahead by countTogether, on the test's event e.
func decided(e, p Event) Event {
	e.Status, e.Failures, e.Message, e.Scope, e.SharedScan = p.Status, p.Failures, p.Message, p.Scope, p.SharedScan
	return e
}

// siblingScan returns the outcomes of the tests that share a scan with test node n: the
// test nodes of this run on the same relation that wait for nothing else. The first of
// them to run counts them all; the others wait for that and report their share.
func (r *Runner) siblingScan(ctx context.Context, n *compiler.Node) map[string]Event {
	if !datatest.Batchable(r.toDataTest(n, r.testedRelation(n))) || !waitsOnlyFor(n, n.Test.Attached) {
		return nil
	}
	r.mu.Lock()
	s, running := r.scans[n.Test.Attached]
	if !running {
		s = &sharedScan{done: make(chan struct{})}
		r.scans[n.Test.Attached] = s
	}
	r.mu.Unlock()
	if running {
		select {
		case <-s.done:
			return s.outcomes
		case <-ctx.Done():
			return nil
		}
	}
	defer close(s.done)
	var ids []string
	for _, id := range r.res.Graph.Children(n.Test.Attached) {
		t := r.res.Nodes[id]
		if t.Kind != compiler.KindTest || !r.selected[id] || t.Test.Attached != n.Test.Attached || !waitsOnlyFor(t, n.Test.Attached) {
			continue
		}
		if _, audited := r.auditedResult(id); !audited {
			ids = append(ids, id)
		}
	}
	s.outcomes = r.countTogether(ctx, r.db, ids, r.testedRelation(n), compiler.Relation{})
	return s.outcomes
}

// waitsOnlyFor reports whether test n depends on node id alone: a test that waits for
// other nodes too may not be counted before they have run.
func waitsOnlyFor(n *compiler.Node, id string) bool {
	return len(n.DependsOn) == 1 && n.DependsOn[0] == id
}
