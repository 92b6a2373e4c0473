package warehouse

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// Replacing a relation by renaming a new one into its place leaves the views on it bound
// to the old one (views refer to relations by OID), and PostgreSQL will not drop a table
// that views depend on. So whoever replaces a relation — a table model's swap, a seed's
// load — first captures every view depending on it, then recreates them on the new one.
// This file is the one place that capture is written: the views, in recreation order, and
// for each the statements giving back what CREATE does not (comments, grants, indexes,
// owner). The SQL that drops and recreates them is runner/materialize's (DropView,
// CreateView).

// View is a view or materialized view depending, directly or through other views, on a
// relation that is about to be replaced.
type View struct {
	Schema string
	Name   string
	// Definition is pg_get_viewdef's SELECT, read with an empty search_path so that every
	// relation in it is schema-qualified and it binds the same whatever search_path the
	// session recreating it has.
	Definition   string
	Materialized bool     // CREATE MATERIALIZED VIEW rather than CREATE VIEW
	Populated    bool     // a materialized view holds data (false: WITH NO DATA); true for views
	Options      []string // reloptions, e.g. "security_barrier=true"
	// Restore are the statements that give the view back, once recreated under the same
	// name, what CREATE does not: comment, column comments, grants, a materialized view's
	// indexes, and last its owner when that is not the current user (changing the owner
	// rewrites the grants' grantor, so it must come after them).
	Restore []string
}

// Extra is one statement restoring something of a relation that CREATE does not: its
// comment, a column's comment, a grant, an index.
type Extra struct {
	Column string // the column it concerns; "" when it concerns the relation
	SQL    string
}

// PgxQueryer is the query method of pgx's connections and transactions.
type PgxQueryer interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// FromPgx adapts a pgx connection or transaction (a seed load's dedicated connection, say)
// to Querier, with the same errors as DB.Query.
func FromPgx(q PgxQueryer) Querier { return pgxQuerier{q} }

type pgxQuerier struct{ q PgxQueryer }

func (p pgxQuerier) Query(ctx context.Context, sql string, args ...any) (Rows, error) {
	r, err := p.q.Query(ctx, sql, args...)
	if err != nil {
		return nil, stmtError(ctx, sql, err)
	}
	return &rows{Rows: r, sql: sql, ctx: ctx}, nil
}

// DependentViews captures the views depending on schema.name (see CaptureDependentViews)
// in a read-only transaction of its own.
func (db *DB) DependentViews(ctx context.Context, schema, name string) ([]View, error) {
	t, err := db.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, db.acquireError(err)
	}
	defer t.Rollback(context.WithoutCancel(ctx))
	return CaptureDependentViews(ctx, &tx{tx: t}, schema, name)
}

// dependentViewsSQL walks pg_depend from a relation to the rewrite rules of the views that
// read it, and on from those views, transitively. A view's depth is its longest path from
// the relation, so ordering by depth puts every view after all views it reads: the order
// to recreate them in (and, reversed, to drop them in).
const dependentViewsSQL = `
WITH RECURSIVE deps(oid, depth) AS (
	SELECT r.ev_class, 1
	FROM pg_depend d
	JOIN pg_rewrite r ON r.oid = d.objid
	WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
	  AND d.refobjid = to_regclass($1::text) AND r.ev_class <> d.refobjid
  UNION
	SELECT r.ev_class, deps.depth + 1
	FROM deps
	JOIN pg_depend d ON d.refobjid = deps.oid
	 AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
	JOIN pg_rewrite r ON r.oid = d.objid
	WHERE r.ev_class <> deps.oid
)
SELECT n.nspname::text, c.relname::text, pg_get_viewdef(c.oid), c.relkind = 'm', c.relispopulated,
	coalesce(c.reloptions, '{}'),
	CASE WHEN c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
	     THEN '' ELSE pg_get_userbyid(c.relowner)::text END,
	max(deps.depth) AS depth
FROM deps
JOIN pg_class c ON c.oid = deps.oid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
GROUP BY n.nspname, c.relname, c.oid
ORDER BY depth, n.nspname, c.relname`

// CaptureDependentViews returns every view that depends, directly or through other views,
// on schema.name, in an order in which they can be recreated, each with the statements
// that restore its comments, grants, indexes and owner; none when the relation is absent.
//
// q must be a transaction (or a connection inside one): the definitions are read under a
// transaction-local empty search_path, which is set back before returning. Captured inside
// the transaction that replaces the relation, the views cannot change in between.
func CaptureDependentViews(ctx context.Context, q Querier, schema, name string) ([]View, error) {
	rel := pgsql.QuoteQualified(schema, name)
	var views []View
	err := withEmptySearchPath(ctx, q, func() error {
		rows, err := q.Query(ctx, dependentViewsSQL, rel)
		if err != nil {
			return err
		}
		var owners []string
		for rows.Next() {
			var v View
			var owner string
			var depth int
			if err := rows.Scan(&v.Schema, &v.Name, &v.Definition, &v.Materialized, &v.Populated, &v.Options, &owner, &depth); err != nil {
				rows.Close()
				return err
			}
			views = append(views, v)
			owners = append(owners, owner)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range views {
			v := &views[i]
			extras, err := captureExtras(ctx, q, pgsql.QuoteQualified(v.Schema, v.Name))
			if err != nil {
				return err
			}
			for _, e := range extras {
				v.Restore = append(v.Restore, e.SQL)
			}
			if owners[i] != "" {
				v.Restore = append(v.Restore, fmt.Sprintf("ALTER %s %s OWNER TO %s",
					viewKeyword(v.Materialized), pgsql.QuoteQualified(v.Schema, v.Name), pgsql.QuoteIdent(owners[i])))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("capturing the views depending on %s.%s: %w", schema, name, err)
	}
	return views, nil
}

func viewKeyword(materialized bool) string {
	if materialized {
		return "MATERIALIZED VIEW"
	}
	return "VIEW"
}

// CaptureExtras returns the statements that give a relation recreated under the name
// schema.name the comment, column comments, grants and indexes schema.name has now. The
// owner's own privileges are implicit and left out. Column-level ones carry their column,
// so a caller can drop those of columns the new relation lacks. q must be a transaction,
// as for CaptureDependentViews.
func CaptureExtras(ctx context.Context, q Querier, schema, name string) ([]Extra, error) {
	var extras []Extra
	err := withEmptySearchPath(ctx, q, func() (err error) {
		extras, err = captureExtras(ctx, q, pgsql.QuoteQualified(schema, name))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("capturing the comments, grants and indexes of %s.%s: %w", schema, name, err)
	}
	return extras, nil
}

// extrasSQL renders the restoring statements server-side, where format's %I and %L quote
// exactly as the server reads them back. $1 is the relation's quoted qualified name.
const extrasSQL = `
WITH rel AS (
	SELECT c.oid, c.relowner, c.relacl,
	       CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kw
	FROM pg_class c WHERE c.oid = to_regclass($1::text)
)
SELECT 0 AS part, 0 AS attnum, '' AS col, format('COMMENT ON %s %s IS %L', rel.kw, $1::text, d.description) AS stmt
FROM rel JOIN pg_description d ON d.objoid = rel.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
UNION ALL
SELECT 1, a.attnum, a.attname::text, format('COMMENT ON COLUMN %s.%I IS %L', $1::text, a.attname, d.description)
FROM rel JOIN pg_description d ON d.objoid = rel.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid > 0
JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum = d.objsubid
UNION ALL
SELECT 2, 0, '', format('GRANT %s ON %s TO %s%s', g.privilege_type, $1::text,
              CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,
              CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
FROM rel, aclexplode(rel.relacl) g
WHERE g.grantee <> rel.relowner
UNION ALL
SELECT 3, a.attnum, a.attname::text, format('GRANT %s (%I) ON %s TO %s%s', g.privilege_type, a.attname, $1::text,
              CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,
              CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped, aclexplode(a.attacl) g
WHERE g.grantee <> rel.relowner
UNION ALL
SELECT 4, 0, '', pg_get_indexdef(i.indexrelid)
FROM rel JOIN pg_index i ON i.indrelid = rel.oid
ORDER BY part, attnum, stmt`

func captureExtras(ctx context.Context, q Querier, rel string) ([]Extra, error) {
	rows, err := q.Query(ctx, extrasSQL, rel)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Extra
	for rows.Next() {
		var part, attnum int
		var e Extra
		if err := rows.Scan(&part, &attnum, &e.Column, &e.SQL); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// withEmptySearchPath runs f with search_path empty for the rest of the transaction, then
// sets it back. With nothing but pg_catalog visible, pg_get_viewdef and pg_get_indexdef
// qualify every name. set_config(..., true) only lasts past its own statement inside a
// transaction block, which is checked, so a Querier outside one fails loudly instead of
// capturing definitions that depend on the session's search_path.
func withEmptySearchPath(ctx context.Context, q Querier, f func() error) error {
	var saved, now string
	if err := scanOne(ctx, q, `SELECT current_setting('search_path')`, &saved); err != nil {
		return err
	}
	if err := scanOne(ctx, q, `SELECT set_config('search_path', '', true)`, &now); err != nil {
		return err
	}
	if err := scanOne(ctx, q, `SELECT current_setting('search_path')`, &now); err != nil {
		return err
	}
	if now != `""` && now != "" {
		return fmt.Errorf("the search_path did not stay set (%s): the capture must run inside a transaction", now)
	}
	ferr := f()
	if err := scanOne(ctx, q, `SELECT set_config('search_path', $1, true)`, &now, saved); ferr == nil {
		ferr = err
	}
	return ferr
}

// scanOne runs a query returning one row and scans it into dest.
func scanOne(ctx context.Context, q Querier, sql string, dest any, args ...any) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return fmt.Errorf("%s: no row", sql)
	}
	if err := rows.Scan(dest); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}
