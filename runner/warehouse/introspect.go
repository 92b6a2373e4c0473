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
