package warehouse

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Kind is what a relation is, as far as materializations care.
type Kind int

const (
	KindNone             Kind = iota // no such relation
	KindTable                        // ordinary or partitioned table
	KindView                         // view
	KindMaterializedView             // materialized view
	KindOther                        // foreign table, sequence, index, ...
)

func (k Kind) String() string {
	return [...]string{"none", "table", "view", "materialized view", "other"}[k]
}

// Column is a column of a relation, Type as format_type prints it ("numeric(10,2)").
type Column struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// View is a view to recreate after the relation it depends on is replaced.
type View struct {
	Schema       string
	Name         string
	Definition   string   // pg_get_viewdef: the SELECT, schema-qualified
	Materialized bool     // CREATE MATERIALIZED VIEW rather than CREATE VIEW
	Options      []string // reloptions, e.g. "security_barrier=true"
}

// ServerVersion returns the server version as a number (150018) and as text ("15.18").
func (db *DB) ServerVersion(ctx context.Context) (int, string, error) {
	var num int
	var text string
	err := db.pool.QueryRow(ctx, `SELECT current_setting('server_version_num')::int, current_setting('server_version')`).Scan(&num, &text)
	if err != nil {
		return 0, "", fmt.Errorf("server version: %w", stmtError(ctx, "SELECT current_setting('server_version')", err))
	}
	if f := strings.Fields(text); len(f) > 0 {
		text = f[0] // "15.18 (Debian 15.18-0+deb12u1)" -> "15.18"
	}
	return num, text, nil
}

// RelationKind reports whether schema.name is a table, a view, ... or absent. Names are
// matched exactly (no case folding): pass them as they are stored.
func (db *DB) RelationKind(ctx context.Context, schema, name string) (Kind, error) {
	const q = `SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relname = $2`
	var k string
	err := db.pool.QueryRow(ctx, q, schema, name).Scan(&k)
	if errors.Is(err, pgx.ErrNoRows) {
		return KindNone, nil
	}
	if err != nil {
		return KindNone, fmt.Errorf("kind of %s.%s: %w", schema, name, stmtError(ctx, q, err))
	}
	switch k {
	case "r", "p":
		return KindTable, nil
	case "v":
		return KindView, nil
	case "m":
		return KindMaterializedView, nil
	}
	return KindOther, nil
}

// Columns returns the columns of schema.name in ordinal order; none when it is absent.
func (db *DB) Columns(ctx context.Context, schema, name string) ([]Column, error) {
	const q = `SELECT a.attname, format_type(a.atttypid, a.atttypmod)
		FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`
	rows, err := db.pool.Query(ctx, q, schema, name)
	if err != nil {
		return nil, fmt.Errorf("columns of %s.%s: %w", schema, name, stmtError(ctx, q, err))
	}
	cols, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Column, error) {
		var c Column
		err := r.Scan(&c.Name, &c.Type)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("columns of %s.%s: %w", schema, name, stmtError(ctx, q, err))
	}
	return cols, nil
}

// dependentViewsSQL walks pg_depend from a relation to the rewrite rules of the views that
// read it, and on from those views, transitively. A view's depth is its longest path from
// the relation, so ordering by depth puts every view after all views it reads: the order
// to recreate them in.
const dependentViewsSQL = `
WITH RECURSIVE deps(oid, depth) AS (
	SELECT r.ev_class, 1
	FROM pg_depend d
	JOIN pg_rewrite r ON r.oid = d.objid
	WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
	  AND d.refobjid = $1::regclass AND r.ev_class <> d.refobjid
  UNION
	SELECT r.ev_class, deps.depth + 1
	FROM deps
	JOIN pg_depend d ON d.refobjid = deps.oid
	 AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
	JOIN pg_rewrite r ON r.oid = d.objid
	WHERE r.ev_class <> deps.oid
)
SELECT n.nspname, c.relname, pg_get_viewdef(c.oid), c.relkind = 'm',
	coalesce(c.reloptions, '{}'), max(deps.depth) AS depth
FROM deps
JOIN pg_class c ON c.oid = deps.oid
JOIN pg_namespace n ON n.oid = c.relnamespace
GROUP BY n.nspname, c.relname, c.oid, c.relkind, c.reloptions
ORDER BY depth, n.nspname, c.relname`

// DependentViews returns every view that depends, directly or through other views, on
// schema.name, in an order in which they can be recreated. Replacing a table with
// DROP ... CASCADE drops these; the runner recreates them from Definition.
func (db *DB) DependentViews(ctx context.Context, schema, name string) ([]View, error) {
	kind, err := db.RelationKind(ctx, schema, name)
	if err != nil || kind == KindNone {
		return nil, err
	}
	rel := pgx.Identifier{schema, name}.Sanitize()
	rows, err := db.pool.Query(ctx, dependentViewsSQL, rel)
	if err != nil {
		return nil, fmt.Errorf("views depending on %s: %w", rel, stmtError(ctx, dependentViewsSQL, err))
	}
	views, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (View, error) {
		var v View
		var depth int
		err := r.Scan(&v.Schema, &v.Name, &v.Definition, &v.Materialized, &v.Options, &depth)
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("views depending on %s: %w", rel, stmtError(ctx, dependentViewsSQL, err))
	}
	return views, nil
}

// ScalarString runs a query returning one value (say `SELECT max(maaned) FROM dm.x`) and
// returns it in PostgreSQL's text form ("2024-03-01"), so any type can be fed back into SQL
// as a literal. ok is false when the value is NULL or there is no row.
func (db *DB) ScalarString(ctx context.Context, sql string) (value string, ok bool, err error) {
	var v *string
	err = db.pool.QueryRow(ctx, sql, pgx.QueryResultFormats{pgx.TextFormatCode}).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, stmtError(ctx, sql, err)
	}
	if v == nil {
		return "", false, nil
	}
	return *v, true, nil
}

// DebugInfo is what `flis debug` prints about the connection.
type DebugInfo struct {
	ServerVersion string   `json:"server_version"`
	Database      string   `json:"database"`
	User          string   `json:"user"`
	Address       string   `json:"address"` // socket path or host:port
	AppName       string   `json:"application_name"`
	Settings      []string `json:"session_settings"` // names of runtime params sent; values are secret
}

// Debug describes the connection.
func (db *DB) Debug(ctx context.Context) (DebugInfo, error) {
	var d DebugInfo
	cfg := db.config.ConnConfig
	_, d.ServerVersion, _ = db.ServerVersion(ctx)
	err := db.pool.QueryRow(ctx, `SELECT current_database(), current_user, current_setting('application_name')`).
		Scan(&d.Database, &d.User, &d.AppName)
	if err != nil {
		return d, fmt.Errorf("debug: %w", stmtError(ctx, "SELECT current_database()", err))
	}
	if strings.HasPrefix(cfg.Host, "/") {
		d.Address = fmt.Sprintf("%s/.s.PGSQL.%d", cfg.Host, cfg.Port)
	} else {
		d.Address = fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	}
	for k := range cfg.RuntimeParams {
		if k != "application_name" {
			d.Settings = append(d.Settings, k)
		}
	}
	sort.Strings(d.Settings)
	return d, nil
}
