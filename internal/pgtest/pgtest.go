// Package pgtest gives tests a real, empty PostgreSQL database.
//
// flis's job is running SQL on PostgreSQL; a fake database would test our assumptions about
// it, not the database. So tests get a fresh database on a shared embedded cluster at
// `<repo root>/.flis/test-pg`, started once for all test processes (`go test ./...` runs
// packages in parallel processes; runner/embedded serialises the start with a file lock).
// Set FLIS_TEST_DSN to create the databases on another server instead, e.g. in CI.
//
// Tests never skip because PostgreSQL is missing: they fail and say how to install it.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flis-dk/flis/runner/embedded"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// EnvDSN names the variable holding the DSN of a server to create test databases on. Its
// role must be allowed to CREATE DATABASE.
const EnvDSN = "FLIS_TEST_DSN"

// commentPrefix marks databases made by pgtest, with the pid of the test process, so a later
// run can drop what a killed test process left behind.
const commentPrefix = "flis-test pid="

type server struct {
	adminDSN string // where CREATE/DROP DATABASE run
	admin    *pgxpool.Pool
	embedded bool // pids in comments refer to this machine
}

var (
	once     sync.Once
	shared   *server
	setupErr error
)

// DSN returns the connection string of a new, empty database named after the test, and
// drops the database when the test ends.
func DSN(t testing.TB) string {
	t.Helper()
	srv, err := get()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	name := dbName(t.Name())
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := srv.admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	comment := commentPrefix + strconv.Itoa(os.Getpid())
	if _, err := srv.admin.Exec(ctx, "COMMENT ON DATABASE "+pgx.Identifier{name}.Sanitize()+
		" IS '"+comment+"'"); err != nil {
		t.Fatalf("pgtest: comment on database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		// FORCE ends connections the test forgot to close, so one leak does not fail the drop.
		if _, err := srv.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	dsn, err := withDatabase(srv.adminDSN, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return dsn
}

// Conn returns a connection to a new, empty database; both are closed/dropped when the
// test ends.
func Conn(t testing.TB) *pgx.Conn {
	t.Helper()
	dsn := DSN(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	// Registered after DSN's cleanup, so it runs before the drop (cleanups run last-first).
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func get() (*server, error) {
	once.Do(func() { shared, setupErr = setup() })
	return shared, setupErr
}

func setup() (*server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv := &server{adminDSN: os.Getenv(EnvDSN)}
	var cluster *embedded.Cluster
	if srv.adminDSN == "" {
		root, err := repoRoot()
		if err != nil {
			return nil, err
		}
		// Test data is disposable: durability only costs time (fsync makes CREATE and DROP
		// DATABASE, run once per test, take ~0.2 s each).
		cluster, err = embedded.Open(filepath.Join(root, ".flis", "test-pg"),
			embedded.WithSetting("fsync", "off"),
			embedded.WithSetting("full_page_writes", "off"))
		if err != nil {
			return nil, err
		}
		if err := cluster.Start(ctx); err != nil {
			return nil, fmt.Errorf("%w\n(tests need PostgreSQL; or set %s to a server where they may create databases)", err, EnvDSN)
		}
		srv.adminDSN = cluster.DSN("postgres")
		srv.embedded = true
	}
	cfg, err := pgxpool.ParseConfig(srv.adminDSN)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", EnvDSN, err)
	}
	cfg.MaxConns = 2
	cfg.ConnConfig.RuntimeParams["application_name"] = "flis pgtest"
	srv.admin, err = pgxpool.NewWithConfig(ctx, cfg)
	if err == nil {
		err = srv.admin.Ping(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("connect to the test server: %w", err)
	}
	if srv.embedded {
		// A cluster started before fsync was turned off here (or by hand) picks the setting
		// up without a restart, which would break other test processes using it.
		var fsync string
		if err := srv.admin.QueryRow(ctx, "SELECT current_setting('fsync')").Scan(&fsync); err == nil && fsync == "on" {
			if err := cluster.Reload(ctx); err != nil {
				return nil, err
			}
		}
		srv.sweep(ctx)
	}
	return srv, nil
}

// sweep drops databases left by test processes that died before their cleanup ran. Only
// the embedded cluster is swept: its pids are on this machine.
func (s *server) sweep(ctx context.Context) {
	rows, err := s.admin.Query(ctx, `SELECT datname, shobj_description(oid, 'pg_database')
		FROM pg_database WHERE shobj_description(oid, 'pg_database') LIKE $1`, commentPrefix+"%")
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name, comment string
		if rows.Scan(&name, &comment) != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimPrefix(comment, commentPrefix))
		if err == nil && !processAlive(pid) {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		s.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	}
}

// dbName derives a database name from a test name: lower case, [a-z0-9_], a random suffix,
// within PostgreSQL's 63-byte identifier limit.
func dbName(test string) string {
	var b strings.Builder
	b.WriteString("t_")
	for _, r := range strings.ToLower(test) {
		if b.Len() >= 44 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	var suffix [5]byte
	rand.Read(suffix[:])
	b.WriteByte('_')
	b.WriteString(hex.EncodeToString(suffix[:]))
	return b.String()
}

// withDatabase returns dsn with its database replaced; dsn is a URL or keyword/value string.
func withDatabase(dsn, name string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", err
		}
		u.Path = "/" + name
		q := u.Query()
		q.Del("dbname")
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	// In keyword/value strings a later keyword wins. Names from dbName need no quoting.
	return dsn + " dbname=" + name, nil
}

// repoRoot walks up from the working directory (the package directory under go test) to
// the directory holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory; cannot place the test cluster (hint: set %s)", EnvDSN)
		}
		dir = parent
	}
}
