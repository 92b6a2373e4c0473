package pgtest

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestConnGivesEmptyFreshDatabase(t *testing.T) {
	conn := Conn(t)
	ctx := context.Background()
	var db string
	var tables int
	if err := conn.QueryRow(ctx, `SELECT current_database(),
		(SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema'))`).Scan(&db, &tables); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^t_testconngivesemptyfreshdatabase_[0-9a-f]{10}$`).MatchString(db) {
		t.Errorf("database name %q does not follow the test name", db)
	}
	if tables != 0 {
		t.Errorf("fresh database has %d tables", tables)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE x (a int)"); err != nil {
		t.Fatal(err)
	}
}

func TestDatabaseDroppedAfterTest(t *testing.T) {
	var name string
	t.Run("inner", func(t *testing.T) {
		conn := Conn(t)
		if err := conn.QueryRow(context.Background(), "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
		// A second connection the test forgets to close must not break the drop.
		leak, err := pgx.Connect(context.Background(), DSN(t))
		if err != nil {
			t.Fatal(err)
		}
		_ = leak
	})
	srv, err := get()
	if err != nil {
		t.Fatal(err)
	}
	var exists bool
	if err := srv.admin.QueryRow(context.Background(),
		"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after its test ended", name)
	}
}

func TestParallelTestsGetDistinctDatabases(t *testing.T) {
	names := make(chan string, 8)
	t.Run("group", func(t *testing.T) {
		for i := 0; i < 8; i++ {
			t.Run("p", func(t *testing.T) {
				t.Parallel()
				var db string
				if err := Conn(t).QueryRow(context.Background(), "SELECT current_database()").Scan(&db); err != nil {
					t.Fatal(err)
				}
				names <- db
			})
		}
	})
	close(names)
	seen := map[string]bool{}
	for n := range names {
		if seen[n] {
			t.Errorf("database %s handed out twice", n)
		}
		seen[n] = true
	}
	if len(seen) != 8 {
		t.Errorf("got %d databases, want 8", len(seen))
	}
}

func TestDBName(t *testing.T) {
	tests := []struct{ test, prefix string }{
		{"TestX", "t_testx_"},
		{"TestX/sub case", "t_testx_sub_case_"},
		{"TestÆble", "t_test_ble_"},
		{strings.Repeat("A", 200), "t_" + strings.Repeat("a", 42) + "_"},
	}
	for _, tt := range tests {
		got := dbName(tt.test)
		if !strings.HasPrefix(got, tt.prefix) || len(got) != len(tt.prefix)+10 {
			t.Errorf("dbName(%q) = %q, want %q + 10 hex digits", tt.test, got, tt.prefix)
		}
		if len(got) > 63 {
			t.Errorf("dbName(%q) = %q is longer than 63 bytes", tt.test, got)
		}
	}
	if dbName("T") == dbName("T") {
		t.Error("two calls gave the same name")
	}
}

func TestWithDatabase(t *testing.T) {
	tests := []struct{ dsn, want string }{
		{"host=/tmp/x port=5432 user=postgres dbname=postgres", "host=/tmp/x port=5432 user=postgres dbname=postgres dbname=t_1"},
		{"postgres://u:p@h:5433/postgres?sslmode=disable", "postgres://u:p@h:5433/t_1?sslmode=disable"},
		{"postgresql://h/?dbname=x", "postgresql://h/t_1"},
	}
	for _, tt := range tests {
		got, err := withDatabase(tt.dsn, "t_1")
		if err != nil || got != tt.want {
			t.Errorf("withDatabase(%q) = %q, %v; want %q", tt.dsn, got, err, tt.want)
		}
		cfg, err := pgx.ParseConfig(got)
		if err != nil {
			t.Errorf("pgx cannot parse %q: %v", got, err)
		} else if cfg.Database != "t_1" {
			t.Errorf("pgx reads database %q from %q", cfg.Database, got)
		}
	}
}
