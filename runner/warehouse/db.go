// Package warehouse is flis's boundary to the database: it opens the connection, runs one
// statement at a time, reports failed statements with positions people can use, inspects
// relations, and serialises runs on a target with an advisory lock.
//
// The runner depends on the small interfaces here (Execer, Querier, Tx), not on pgx, so a
// second dialect (Citus, say) is an adapter, not a rewrite. Every Exec sends exactly one
// statement over the extended protocol: the server rejects a string holding several, as a
// distributed dialect would, so a materialization that emits two statements in one string
// fails in tests on plain PostgreSQL too.
package warehouse

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Execer runs one statement that returns no rows and reports the rows it affected.
type Execer interface {
	Exec(ctx context.Context, sql string) (int64, error)
}

// Querier runs one query with positional arguments ($1, $2, ...).
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
}

// Rows is the result of a query. Close must be called (Next returning false closes too).
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Values() ([]any, error)
	Columns() []string
	Err() error
	Close()
}

// Tx is a transaction. Rollback after Commit is a no-op, so `defer tx.Rollback(ctx)` is safe.
type Tx interface {
	Execer
	Querier
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

// Config says how to reach the warehouse.
type Config struct {
	// DSN is a libpq connection string, URL ("postgres://...") or keyword/value form.
	DSN string
	// RuntimeParams are session settings sent in the startup packet, e.g. custom settings
	// like flis.pseudonym_key: they reach the server without appearing in any SQL text,
	// so they are never logged with a statement.
	RuntimeParams map[string]string
	// AppName is the application_name seen in pg_stat_activity; "flis" when empty.
	AppName string
	// MaxConns bounds the pool; 4 when zero.
	MaxConns int
}

// DB is a pool of connections to the warehouse.
type DB struct {
	pool   *pgxpool.Pool
	config *pgxpool.Config
}

// Open connects to the warehouse and checks the connection works. Errors say where it tried
// to connect and what to do; they unwrap to *ConnectError.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	pc, err := pgxpool.ParseConfig(cfg.DSN)
	if err != nil {
		return nil, &ConnectError{Target: Redact(cfg.DSN), Reason: "the connection string is invalid", Err: err,
			Hint: "check FLIS_DSN or the target's dsn in flis.yaml"}
	}
	pc.MaxConns = 4
	if cfg.MaxConns > 0 {
		pc.MaxConns = int32(cfg.MaxConns)
	}
	rp := pc.ConnConfig.RuntimeParams
	rp["application_name"] = "flis"
	if cfg.AppName != "" {
		rp["application_name"] = cfg.AppName
	}
	for k, v := range cfg.RuntimeParams {
		rp[k] = v
	}
	// On cancellation, ask the server to cancel the running statement (a long CREATE TABLE
	// AS must stop on Ctrl-C, not run on after flis has gone), and drop the connection if
	// the server does not answer soon.
	pc.ConnConfig.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: 3 * time.Second}
	}
	// No statement or description cache: flis drops and recreates the relations its own
	// queries read, and a cached plan would fail with "cached plan must not change result
	// type". Describe-then-execute costs a round trip on queries that are few and large.
	pc.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeDescribeExec
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, connectError(pc.ConnConfig, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, connectError(pc.ConnConfig, err)
	}
	return &DB{pool: pool, config: pc}, nil
}

// Close closes all connections.
func (db *DB) Close() { db.pool.Close() }

// Pool exposes the pgx pool for what the small interfaces do not cover (COPY in seeds).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// ConnConfig returns a copy of the connection configuration (for a dedicated connection).
func (db *DB) ConnConfig() *pgx.ConnConfig { return db.config.ConnConfig.Copy() }

// Exec runs one statement. A failed statement returns a *StmtError.
func (db *DB) Exec(ctx context.Context, sql string) (int64, error) {
	c, err := db.pool.Acquire(ctx)
	if err != nil {
		return 0, db.acquireError(err)
	}
	defer c.Release()
	return execOne(ctx, c.Conn().PgConn(), sql)
}

// Query runs one query. A failed query returns a *StmtError.
func (db *DB) Query(ctx context.Context, sql string, args ...any) (Rows, error) {
	r, err := db.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, stmtError(ctx, sql, err)
	}
	return &rows{Rows: r, sql: sql, ctx: ctx}, nil
}

// Begin starts a transaction on one connection of the pool.
func (db *DB) Begin(ctx context.Context) (Tx, error) {
	t, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, db.acquireError(err)
	}
	return &tx{tx: t}, nil
}

// acquireError explains failing to get a connection after Open succeeded (server gone).
func (db *DB) acquireError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return connectError(db.config.ConnConfig, err)
}

// execOne sends sql with the extended protocol, which carries exactly one statement.
func execOne(ctx context.Context, c *pgconn.PgConn, sql string) (int64, error) {
	tag, err := c.ExecParams(ctx, sql, nil, nil, nil, nil).Close()
	if err != nil {
		return 0, stmtError(ctx, sql, err)
	}
	return tag.RowsAffected(), nil
}

type tx struct{ tx pgx.Tx }

func (t *tx) Exec(ctx context.Context, sql string) (int64, error) {
	return execOne(ctx, t.tx.Conn().PgConn(), sql)
}

func (t *tx) Query(ctx context.Context, sql string, args ...any) (Rows, error) {
	r, err := t.tx.Query(ctx, sql, args...)
	if err != nil {
		return nil, stmtError(ctx, sql, err)
	}
	return &rows{Rows: r, sql: sql, ctx: ctx}, nil
}

func (t *tx) Commit(ctx context.Context) error {
	if err := t.tx.Commit(ctx); err != nil {
		return stmtError(ctx, "COMMIT", err)
	}
	return nil
}

func (t *tx) Rollback(ctx context.Context) error {
	if err := t.tx.Rollback(ctx); err != nil && !errors.Is(err, pgx.ErrTxClosed) {
		return fmt.Errorf("rollback: %w", err)
	}
	return nil
}

// rows adapts pgx.Rows: column names, and errors found while reading become *StmtError.
type rows struct {
	pgx.Rows
	sql string
	ctx context.Context
}

func (r *rows) Columns() []string {
	fds := r.FieldDescriptions()
	names := make([]string, len(fds))
	for i, fd := range fds {
		names[i] = fd.Name
	}
	return names
}

func (r *rows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return stmtError(r.ctx, r.sql, err)
	}
	return nil
}

var (
	_ Execer  = (*DB)(nil)
	_ Querier = (*DB)(nil)
	_ Tx      = (*tx)(nil)
)
