package materialize

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/internal/pgtest"
	"github.com/flis-dk/flis/runner/warehouse"
)

// This file runs plans against a real PostgreSQL the way the runner does: read the state,
// run the build one statement per Exec, audit, publish in one transaction, clean up. The
// state queries here are a reference for the runner's own.

type pgEnv struct {
	t    *testing.T
	ctx  context.Context
	conn *pgx.Conn
}

func newPG(t *testing.T) *pgEnv {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return &pgEnv{t: t, ctx: ctx, conn: pgtest.Conn(t)}
}

// exec runs SQL that must succeed, one statement per call.
func (e *pgEnv) exec(stmts ...string) {
	e.t.Helper()
	for _, s := range stmts {
		if _, err := e.conn.Exec(e.ctx, s); err != nil {
			e.t.Fatalf("%v\nin:\n%s", err, s)
		}
	}
}

// rows returns the result as text, one line per row, fields joined by "|". The simple
// protocol returns every value as PostgreSQL prints it, and is never hit by pgx's statement
// cache going stale when a test replaces a relation under it.
func (e *pgEnv) rows(sql string) string {
	e.t.Helper()
	rows, err := e.conn.Query(e.ctx, sql, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		e.t.Fatalf("%v\nin:\n%s", err, sql)
	}
	var out []string
	for rows.Next() {
		var f []string
		for _, v := range rows.RawValues() {
			if v == nil {
				f = append(f, "<nil>")
				continue
			}
			f = append(f, string(v))
		}
		out = append(out, strings.Join(f, "|"))
	}
	if err := rows.Err(); err != nil {
		e.t.Fatalf("%v\nin:\n%s", err, sql)
	}
	return strings.Join(out, "\n")
}

func (e *pgEnv) columns(rel Relation) []Column {
	e.t.Helper()
	rows, err := e.conn.Query(e.ctx, `SELECT a.attname, format_type(a.atttypid, a.atttypmod)
		FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`, rel.String())
	if err != nil {
		e.t.Fatal(err)
	}
	cols, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Column, error) {
		var c Column
		return c, r.Scan(&c.Name, &c.Type)
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return cols
}

// state reads what PlanBuild needs.
func (e *pgEnv) state(m Model, fullRefresh bool) State {
	e.t.Helper()
	st := State{FullRefresh: fullRefresh}
	if err := e.conn.QueryRow(e.ctx, "SELECT current_setting('server_version_num')::int").Scan(&st.ServerVersion); err != nil {
		e.t.Fatal(err)
	}
	var kind *string
	err := e.conn.QueryRow(e.ctx, `SELECT CASE relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' ELSE relkind::text END
		FROM pg_class WHERE oid = to_regclass($1)`, m.Relation.String()).Scan(&kind)
	if errors.Is(err, pgx.ErrNoRows) {
		return st
	}
	if err != nil {
		e.t.Fatal(err)
	}
	st.Kind = *kind
	st.Columns = e.columns(m.Relation)
	// The runner's capture, in a transaction as it requires.
	err = pgx.BeginFunc(e.ctx, e.conn, func(tx pgx.Tx) error {
		views, err := warehouse.CaptureDependentViews(e.ctx, warehouse.FromPgx(tx), m.Relation.Schema, m.Relation.Name)
		for _, v := range views {
			st.DependentViews = append(st.DependentViews, View{Relation: Relation{Schema: v.Schema, Name: v.Name},
				Definition: v.Definition, Materialized: v.Materialized, WithNoData: !v.Populated,
				Options: v.Options, Restore: v.Restore})
		}
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if m.Range != nil && st.Kind == KindTable {
		var max *string
		q := fmt.Sprintf("SELECT max(%s)::text FROM %s", pgsql.QuoteIdent(m.Range.Column), m.Relation)
		if err := e.conn.QueryRow(e.ctx, q).Scan(&max); err != nil {
			e.t.Fatal(err)
		}
		if max != nil {
			st.RangeMax = *max
		}
	}
	return st
}

// audit is a data test: it returns an error when the relation fails it.
type audit func(e *pgEnv, q pgxQuerier, rel Relation) error

type pgxQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// failIf makes an audit from a predicate: it fails when any row matches.
func failIf(pred string) audit {
	return func(e *pgEnv, q pgxQuerier, rel Relation) error {
		var n int
		if err := q.QueryRow(e.ctx, fmt.Sprintf("SELECT count(*) FROM %s WHERE %s", rel, pred)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("audit: %d rows where %s", n, pred)
		}
		return nil
	}
}

type runOpts struct {
	full      bool
	planner   Planner
	audits    []audit
	overrides func(*State) // e.g. pretend to be PostgreSQL 14
}

// run materializes m like the runner: returns the first error of any phase.
func (e *pgEnv) run(m Model, o runOpts) error {
	e.t.Helper()
	st := e.state(m, o.full)
	if o.overrides != nil {
		o.overrides(&st)
	}
	if m.Range != nil {
		start, err := RangeStart(m, st)
		if err != nil {
			return err
		}
		m.SQL = strings.ReplaceAll(m.SQL, "${range_start}", pgsql.QuoteString(start))
	}
	bp, err := o.planner.PlanBuild(m, st)
	if err != nil {
		return err
	}
	for _, s := range bp.Statements {
		if _, err := e.conn.Exec(e.ctx, s); err != nil {
			return fmt.Errorf("build: %w\nin:\n%s", err, s)
		}
	}
	if bp.AuditPhase == AuditNone {
		return nil
	}
	if bp.AuditPhase == AuditStage {
		for _, a := range o.audits {
			if err := a(e, e.conn, bp.AuditRelation); err != nil {
				return err
			}
		}
	}
	pp, err := o.planner.PlanPublish(m, st, e.columns(bp.Stage))
	if err != nil {
		return err
	}
	defer func() {
		for _, s := range pp.Cleanup {
			e.exec(s)
		}
	}()
	return pgx.BeginFunc(e.ctx, e.conn, func(tx pgx.Tx) error {
		for _, s := range pp.Statements {
			if _, err := tx.Exec(e.ctx, s); err != nil {
				return fmt.Errorf("publish: %w\nin:\n%s", err, s)
			}
		}
		if bp.AuditPhase == AuditInPublish {
			for _, a := range o.audits {
				if err := a(e, tx, bp.AuditRelation); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (e *pgEnv) mustRun(m Model, o runOpts) {
	e.t.Helper()
	if err := e.run(m, o); err != nil {
		e.t.Fatal(err)
	}
}

func wantRows(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\ngot:\n%s\nwant:\n%s", what, got, want)
	}
}
