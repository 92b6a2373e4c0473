package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/runner/datatest"
	"github.com/flis-dk/flis/runner/warehouse"
)

// querier is what running a test needs: the pool, or the publish transaction for audits
// that must see an incremental change before it commits.
type querier interface {
	warehouse.Execer
	warehouse.Querier
}

// auditTests are the tests that gate publishing model n in a build: its error-severity tests
// that are selected and need nothing that might not be built yet (a relationships test to
// a node that is not upstream of n runs later, as a node of its own).
func (r *Runner) auditTests(n *compiler.Node) []string {
	if r.opts.Command != CmdBuild {
		return nil
	}
	selected := r.selected
	var upstream map[string]bool
	var out []string
	for _, id := range r.res.Graph.Children(n.ID) {
		t := r.res.Nodes[id]
		if t.Kind != compiler.KindTest || !selected[id] || t.Test.Attached != n.ID || t.Test.Severity != "error" {
			continue
		}
		ok := true
		for _, d := range t.DependsOn {
			if d == n.ID {
				continue
			}
			if upstream == nil {
				upstream = map[string]bool{}
				for _, u := range r.res.Graph.Upstream(n.ID, -1) {
					upstream[u] = true
				}
			}
			if !upstream[d] {
				ok = false
			}
		}
		if ok {
			out = append(out, id)
		}
	}
	return out
}

// audit runs tests against rel (the stage, or the target inside the publish transaction) and
// returns the names of those that failed. Each result is kept, and reported when the test's
// own node comes up. committed says rel is visible to other sessions (the stage), so the
// failing rows can be stored from it with --store-failures; the changes inside a publish
// transaction are rolled back when an audit fails, and their failing rows with them.
//
// With a scope (incremental models), audit also returns the fingerprint of every test that
// passed, for the table's audit record, and checks only the change where the record allows
// (see auditstate.go).
func (r *Runner) audit(ctx context.Context, q querier, tests []string, rel compiler.Relation, committed bool,
	sc *auditScope) (failed []string, verified map[string]string) {
	if sc != nil {
		verified = map[string]string{}
	}
	// First how each test runs: on the change alone where the record allows, else over
	// the whole relation, where the row-by-row tests share one scan.
	events := make([]Event, len(tests))
	fps := make([]string, len(tests))
	scoped := make([]bool, len(tests))
	var whole, onChange []string
	for i, id := range tests {
		n := r.res.Nodes[id]
		began := time.Now()
		e := Event{ID: id, Kind: n.Kind, What: what(n), Relation: display(n), Audit: true}
		if sc != nil {
			var err error
			if fps[i], err = r.fingerprint(ctx, q, n); err != nil {
				e = failEvent(e, err)
			}
		}
		if e.Status == "" {
			scoped[i] = sc != nil && !sc.change.IsZero() && fps[i] == sc.before[id] && r.scopable(ctx, q, n, sc.change)
			if scoped[i] {
				onChange = append(onChange, id)
			} else {
				whole = append(whole, id)
			}
		}
		e.Seconds = time.Since(began).Seconds()
		events[i] = e
	}
	pre := map[string]Event{}
	for id, p := range r.countTogether(ctx, q, whole, rel, compiler.Relation{}) {
		pre[id] = p
	}
	if len(onChange) > 0 {
		for id, p := range r.countTogether(ctx, q, onChange, r.testedRelation(r.res.Nodes[onChange[0]]), sc.change) {
			pre[id] = p
		}
	}
	for i, id := range tests {
		n, e, fp := r.res.Nodes[id], events[i], fps[i]
		began := time.Now()
		guarded(ctx, q, func() bool {
			switch {
			case e.Status != "":
			case scoped[i] && pre[id].Status != "":
				e = decided(e, pre[id])
			case scoped[i]:
				e = r.scopedTest(ctx, n, e, q, sc.change)
			default:
				e = r.test(ctx, n, e, q, rel, r.opts.StoreFailures && committed, pre)
			}
			return e.Status != StatusError
		})
		if !committed && r.opts.StoreFailures && e.Status == StatusFail {
			e.Message += "\nfailing rows not stored: they were in the incremental change, which was rolled back"
		}
		e.Seconds += time.Since(began).Seconds() + pre[id].Seconds
		r.mu.Lock()
		r.audited[id] = e
		r.mu.Unlock()
		if e.Status != StatusPass {
			failed = append(failed, n.Name)
		} else if sc != nil {
			verified[id] = fp
		}
	}
	return failed, verified
}

// scopable reports whether test n can be checked on the change alone (the record matched
// already): its kind allows it, and a unique key written by the change has no NULL, which
// only a whole-table count can judge.
func (r *Runner) scopable(ctx context.Context, q querier, n *compiler.Node, change compiler.Relation) bool {
	t := r.toDataTest(n, r.testedRelation(n))
	if !datatest.Scopable(t) {
		return false
	}
	if t.Kind != datatest.Unique {
		return true
	}
	hasNull, err := queryOne[bool](ctx, q, datatest.ChangeKeyHasNullSQL(t, datatest.Relation{Schema: change.Schema, Name: change.Name}))
	return err == nil && !hasNull // on an error the whole check says what is wrong
}

// scopedTest checks test n on the rows of change only (tested relation: the target, in the
// publish transaction).
func (r *Runner) scopedTest(ctx context.Context, n *compiler.Node, e Event, q querier, change compiler.Relation) Event {
	t := r.toDataTest(n, r.testedRelation(n))
	// What holds for the whole table holds for the change; and a unique index proves a
	// unique key for written rows without NULLs (scopable checked that).
	if pe, ok := r.proveBy(ctx, n, e, q, t, datatest.ChangeProof); ok {
		if pe.Status == StatusPass {
			pe.Scope = ScopeChange
		}
		return pe
	}
	sql, err := datatest.ScopedCountSQL(t, datatest.Relation{Schema: change.Schema, Name: change.Name})
	if err != nil {
		return failEvent(e, fmt.Errorf("%s: %w", n.Test.Pos, err))
	}
	count, err := queryOne[int64](ctx, q, sql)
	if err != nil {
		return failEvent(e, located(n, err))
	}
	e.Scope = ScopeChange
	return judge(n, e, count)
}

// queryOne runs a query that returns one value (a count, a flag, a checksum) and returns it;
// no row leaves the zero value.
func queryOne[T any](ctx context.Context, q warehouse.Querier, sql string, args ...any) (T, error) {
	var v T
	all, err := queryAll[T](ctx, q, sql, args...)
	if len(all) > 0 {
		v = all[len(all)-1]
	}
	return v, err
}

// queryAll reads the single column of every row of a query.
func queryAll[T any](ctx context.Context, q warehouse.Querier, sql string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// judge sets the status of a test from its count of failing rows.
func judge(n *compiler.Node, e Event, count int64) Event {
	e.Failures = count
	switch {
	case count == 0:
		e.Status = StatusPass
		return e
	case n.Test.Severity == "warn":
		e.Status = StatusWarn
	default:
		e.Status = StatusFail
	}
	among := ""
	if e.Scope != "" {
		among = " among the " + e.Scope
	}
	e.Message = fmt.Sprintf("%d failing rows%s (%s, defined at %s)", count, among, n.Test.Kind, n.Test.Pos)
	return e
}

// test runs one data test against rel and counts its failing rows, unless its outcome is
// in pre (countTogether); with store, the failing rows of a failed or warning test are kept
// in the audit schema.
func (r *Runner) test(ctx context.Context, n *compiler.Node, e Event, q querier, rel compiler.Relation, store bool,
	pre map[string]Event) Event {
	t := r.toDataTest(n, rel)
	if p, ok := pre[n.ID]; ok {
		e = decided(e, p)
	} else {
		sql, err := datatest.CountSQL(t)
		if err != nil {
			return failEvent(e, fmt.Errorf("%s: %w", n.Test.Pos, err))
		}
		if pe, ok := r.prove(ctx, n, e, q, t); ok {
			return pe
		}
		count, err := queryOne[int64](ctx, q, sql)
		if err != nil {
			return failEvent(e, located(n, err))
		}
		e = judge(n, e, count)
	}
	if count := e.Failures; store && count > 0 {
		audit := datatest.Relation{Schema: r.opts.AuditSchema, Name: n.Name}
		stmts, err := datatest.StoreFailuresSQL(t, audit)
		if err != nil {
			e.Message += fmt.Sprintf("\ncould not store failing rows: %v", err)
			return e
		}
		for _, stmt := range stmts {
			if _, err := r.db.Exec(ctx, stmt); err != nil {
				e.Message += fmt.Sprintf("\ncould not store failing rows: %v", err)
				return e
			}
		}
		e.Message += fmt.Sprintf("\nfailing rows stored in %s.%s", r.opts.AuditSchema, n.Name)
	}
	return e
}

// prove passes test t without a scan where the catalog already guarantees the answer (NOT
// NULL, a primary key): 82 s of a unique test on 20M rows for what an index forbids. The
// catalog is read through q, so an audit in the publish transaction sees the relation it
// is about to commit. A proven test has no failing rows, so there is nothing to store
// either. ok is false when nothing is proven (or on an error, in the returned event).
func (r *Runner) prove(ctx context.Context, n *compiler.Node, e Event, q querier, t datatest.Test) (Event, bool) {
	return r.proveBy(ctx, n, e, q, t, func(t datatest.Test, g datatest.Guarantees) (string, bool) {
		if reason, ok := datatest.Proof(t, g); ok {
			return reason, true
		}
		// A unique index whose NULL-able columns hold no NULL: one scan that stops at the
		// first NULL, instead of grouping every key.
		cols, reason, ok := datatest.NullFreeProof(t, g)
		if !ok {
			return "", false
		}
		if len(cols) > 0 {
			// On an error the scan reports what is wrong.
			if hasNull, err := queryOne[bool](ctx, q, datatest.NullCheckSQL(t, cols)); err != nil || hasNull {
				return "", false
			}
		}
		return reason, true
	})
}

// proveBy is prove with the rule that turns the catalog's guarantees into a proof.
func (r *Runner) proveBy(ctx context.Context, n *compiler.Node, e Event, q querier, t datatest.Test,
	proof func(datatest.Test, datatest.Guarantees) (string, bool)) (Event, bool) {
	if !datatest.Provable(t) {
		return e, false
	}
	g, err := warehouse.RelationGuarantees(ctx, q, t.Relation.Schema, t.Relation.Name)
	if err != nil {
		return failEvent(e, fmt.Errorf("%s: %s test: %w", n.Test.Pos, n.Test.Kind, err)), true
	}
	reason, ok := proof(t, g)
	if !ok {
		return e, false
	}
	// The proof does not read the Where; compile it (no rows read) so a broken predicate
	// still fails as the scan would have.
	if probe, ok := datatest.ProbeSQL(t); ok {
		if _, err := q.Exec(ctx, probe); err != nil {
			return failEvent(e, located(n, err)), true
		}
	}
	e.Status, e.Failures, e.Message = StatusPass, 0, reason
	return e, true
}

// testedRelation is the relation a test reads: its attached node's, or none for singular
// tests (their SQL names what they read).
func (r *Runner) testedRelation(n *compiler.Node) compiler.Relation {
	if a := r.res.Nodes[n.Test.Attached]; a != nil {
		return a.Relation
	}
	return compiler.Relation{}
}

func (r *Runner) toDataTest(n *compiler.Node, rel compiler.Relation) datatest.Test {
	t := n.Test
	dt := datatest.Test{Kind: t.Kind, Name: n.Name, Column: t.Column, Args: t.Args, Where: t.Where,
		Severity: t.Severity, Relation: datatest.Relation{Schema: rel.Schema, Name: rel.Name}}
	if t.Kind == "singular" {
		dt.SQL = n.CompiledSQL
	}
	if cols, ok := t.Args["columns"].([]any); ok {
		for _, c := range cols {
			dt.Columns = append(dt.Columns, fmt.Sprint(c))
		}
	}
	if t.Kind == "relationships" {
		// The compiler resolved "to" for the target; hand over the relation, not the name.
		args := make(map[string]any, len(t.Args))
		for k, v := range t.Args {
			args[k] = v
		}
		args["to"] = datatest.Relation{Schema: t.To.Schema, Name: t.To.Name}
		dt.Args = args
	}
	return dt
}
