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
func (r *Runner) audit(ctx context.Context, q querier, tests []string, rel compiler.Relation, committed bool) []string {
	var failed []string
	for _, id := range tests {
		n := r.res.Nodes[id]
		began := time.Now()
		e := Event{ID: id, Kind: n.Kind, What: what(n), Relation: display(n), Audit: true}
		e = r.test(ctx, n, e, q, rel, r.opts.StoreFailures && committed)
		if !committed && r.opts.StoreFailures && e.Status == StatusFail {
			e.Message += "\nfailing rows not stored: they were in the incremental change, which was rolled back"
		}
		e.Seconds = time.Since(began).Seconds()
		r.mu.Lock()
		r.audited[id] = e
		r.mu.Unlock()
		if e.Status != StatusPass {
			failed = append(failed, n.Name)
		}
	}
	return failed
}

// test runs one data test against rel and counts its failing rows; with store, the failing
// rows of a failed or warning test are kept in the audit schema.
func (r *Runner) test(ctx context.Context, n *compiler.Node, e Event, q querier, rel compiler.Relation, store bool) Event {
	t := r.toDataTest(n, rel)
	sql, err := datatest.CountSQL(t)
	if err != nil {
		return failEvent(e, fmt.Errorf("%s: %w", n.Test.Pos, err))
	}
	rows, err := q.Query(ctx, sql)
	if err != nil {
		return failEvent(e, located(n, err))
	}
	var count int64
	for rows.Next() {
		if err := rows.Scan(&count); err != nil {
			rows.Close()
			return failEvent(e, err)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return failEvent(e, located(n, err))
	}
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
	e.Message = fmt.Sprintf("%d failing rows (%s, defined at %s)", count, n.Test.Kind, n.Test.Pos)
	if store {
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
