package warehouse

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
	"github.com/jackc/pgx/v5/pgconn"
)

func open(t *testing.T, cfg Config) *DB {
	t.Helper()
	if cfg.DSN == "" {
		cfg.DSN = pgtest.DSN(t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func mustExec(t *testing.T, db Execer, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestRuntimeParamsReachTheSession(t *testing.T) {
	t.Parallel()
	db := open(t, Config{
		RuntimeParams: map[string]string{"flis.pseudonym_key": "s3cr'et"},
		AppName:       "flis test",
	})
	var key, app string
	err := db.Pool().QueryRow(context.Background(),
		`SELECT current_setting('flis.pseudonym_key'), current_setting('application_name')`).Scan(&key, &app)
	if err != nil {
		t.Fatal(err)
	}
	if key != "s3cr'et" || app != "flis test" {
		t.Errorf("session has key %q, application_name %q", key, app)
	}
	d, err := db.Debug(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.Settings, ",") != "flis.pseudonym_key" || d.AppName != "flis test" ||
		!strings.HasPrefix(d.Database, "t_") || d.User == "" || d.ServerVersion == "" {
		t.Errorf("Debug() = %+v", d)
	}
	if strings.Contains(strings.ToLower(d.Address), "s3cr") {
		t.Errorf("Debug leaks the secret: %+v", d)
	}
}

func TestOpenErrorsSayWhereAndWhatToDo(t *testing.T) {
	t.Parallel()
	good := pgtest.DSN(t)
	tests := []struct {
		name string
		dsn  string
		want []string
	}{
		{"no server", "host=/nonexistent/flis port=5432 user=postgres dbname=x connect_timeout=5",
			[]string{"socket /nonexistent/flis/.s.PGSQL.5432", "no server is listening there", "flis warehouse start"}},
		{"missing database", good + " dbname=no_such_db",
			[]string{`database "no_such_db" does not exist`, "hint: create it"}},
		{"bad dsn with password", "postgres://u:hunter2@host:notaport/db",
			[]string{"connection string is invalid", "xxxxx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			db, err := Open(ctx, Config{DSN: tt.dsn})
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			var ce *ConnectError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *ConnectError: %v", err, err)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if strings.Contains(msg, "hunter2") {
				t.Errorf("error leaks the password: %q", msg)
			}
		})
	}
}

func TestExecSendsOneStatement(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db, "CREATE TABLE a (x int)")
	n, err := db.Exec(ctx, "INSERT INTO a SELECT generate_series(1, 7)")
	if err != nil || n != 7 {
		t.Fatalf("insert: %d rows, %v", n, err)
	}
	_, err = db.Exec(ctx, "CREATE TABLE b (x int); CREATE TABLE c (x int)")
	var se *StmtError
	if !errors.As(err, &se) {
		t.Fatalf("two statements in one Exec: err = %v, want a *StmtError", err)
	}
	if !strings.Contains(err.Error(), "one statement at a time") {
		t.Errorf("error %q does not explain the one-statement rule", err)
	}
	if k, _ := db.RelationKind(ctx, "public", "b"); k != KindNone {
		t.Errorf("half of a multi-statement string ran: b is a %v", k)
	}
}

func TestStmtErrorPositionAndDetail(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	mustExec(t, db, "CREATE TABLE u (id int PRIMARY KEY, navn text)", "INSERT INTO u VALUES (1, 'x')")
	tests := []struct {
		name      string
		stmt      string
		line, col int
		want      string
		excerpt   string
	}{
		{
			name: "unknown column on line 3",
			stmt: "SELECT id,\n       navn\n  FROM u WHERE nvn = 'Århus'",
			line: 3, col: 16,
			want:    `3:16: column "nvn" does not exist (SQLSTATE 42703)`,
			excerpt: "  FROM u WHERE nvn = 'Århus'\n               ^",
		},
		{
			name: "position counts characters, not bytes",
			stmt: "SELECT 'ææææ' AS a, nope FROM u",
			line: 1, col: 21,
			want: `1:21: column "nope" does not exist (SQLSTATE 42703)`,
		},
		{
			name: "hint from the server",
			stmt: "SELECT navm FROM u",
			line: 1, col: 8,
			want: `1:8: column "navm" does not exist (SQLSTATE 42703) (hint: Perhaps you meant to reference the column "u.navn".)`,
		},
		{
			name: "syntax error",
			stmt: "SELECT FROM WHERE",
			line: 1, col: 13,
			want: `1:13: syntax error at or near "WHERE" (SQLSTATE 42601)`,
		},
		{
			name: "no position, detail",
			stmt: "INSERT INTO u VALUES (1, 'y')",
			want: `duplicate key value violates unique constraint "u_pkey" (SQLSTATE 23505); detail: Key (id)=(1) already exists.`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.Exec(context.Background(), tt.stmt)
			var se *StmtError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *StmtError", err)
			}
			var pg *pgconn.PgError
			if !errors.As(err, &pg) {
				t.Errorf("StmtError does not unwrap to *pgconn.PgError")
			}
			if line, col := se.Line(); line != tt.line || col != tt.col {
				t.Errorf("Line() = %d:%d, want %d:%d", line, col, tt.line, tt.col)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Error() = %q\nwant prefix %q", err.Error(), tt.want)
			}
			if tt.excerpt != "" && se.Excerpt() != tt.excerpt {
				t.Errorf("Excerpt() =\n%s\nwant\n%s", se.Excerpt(), tt.excerpt)
			}
		})
	}
}

func TestQueryErrorsAreStmtErrors(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	_, err := db.Query(ctx, "SELECT x FROM nowhere")
	var se *StmtError
	if !errors.As(err, &se) || se.Position != 15 {
		t.Fatalf("err = %#v, want *StmtError at 15", err)
	}
	// An error raised while reading rows (division by zero in row 3) surfaces from Err.
	rows, err := db.Query(ctx, "SELECT 1 / (3 - g) FROM generate_series(1, 5) g")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	if !errors.As(rows.Err(), &se) || !strings.Contains(se.Error(), "division by zero") {
		t.Errorf("rows.Err() = %v", rows.Err())
	}
	rows, err = db.Query(ctx, "SELECT $1::int AS a, 'b' AS b", 5)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if got := strings.Join(rows.Columns(), ","); got != "a,b" {
		t.Errorf("Columns() = %s", got)
	}
	if !rows.Next() {
		t.Fatal("no row")
	}
	vals, err := rows.Values()
	if err != nil || vals[0] != int32(5) || vals[1] != "b" {
		t.Errorf("Values() = %v, %v", vals, err)
	}
}

func TestTx(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db, "CREATE TABLE t (x int)")
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, tx, "INSERT INTO t VALUES (1)")
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	tx, err = db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) // after Commit: a no-op
	mustExec(t, tx, "INSERT INTO t VALUES (2)")
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Errorf("Rollback after Commit: %v", err)
	}
	v, ok, err := db.ScalarString(ctx, "SELECT string_agg(x::text, ',') FROM t")
	if err != nil || !ok || v != "2" {
		t.Errorf("table holds %q (%v, %v), want 2", v, ok, err)
	}
}

func TestCancellationStopsTheServerQuery(t *testing.T) {
	t.Parallel()
	db := open(t, Config{AppName: "flis cancel test"})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := db.Exec(ctx, "SELECT pg_sleep(30)")
	took := time.Since(start)
	if err == nil {
		t.Fatal("pg_sleep(30) finished")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want it to match context.DeadlineExceeded", err)
	}
	var se *StmtError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("err = %v, want an interrupted *StmtError", err)
	}
	if took > time.Second {
		t.Errorf("cancelled query returned after %v", took)
	}
	// The server must have stopped the query too, not just the client given up on it.
	var running int
	err = db.Pool().QueryRow(context.Background(),
		`SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active' AND datname = current_database()`).Scan(&running)
	if err != nil || running != 0 {
		t.Errorf("%d pg_sleep queries still running on the server (%v)", running, err)
	}
}
