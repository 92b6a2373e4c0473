package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/flis-dk/flis/internal/pgtest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"flis": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts in testdata/script: each one a flis project and the
// commands a user types, with the exact output expected. Every script gets its own empty
// database through FLIS_DSN, so scripts run in parallel without seeing each other.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dsns := map[string]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		dsns[name] = pgtest.DSN(t)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			name := strings.TrimPrefix(filepath.Base(env.WorkDir), "script-")
			env.Setenv("FLIS_DSN", dsns[name])
			env.Setenv("FLIS_PSEUDONYM_KEY", "test-key")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// psql runs one statement against the script's database: set-up and checks.
			"psql": func(ts *testscript.TestScript, neg bool, args []string) {
				out, err := query(context.Background(), ts.Getenv("FLIS_DSN"), strings.Join(args, " "))
				if err != nil && !neg {
					ts.Fatalf("psql: %v", err)
				}
				if err == nil && neg {
					ts.Fatalf("psql: unexpected success")
				}
				ts.Stdout().Write([]byte(out))
			},
		},
	})
}

// query runs one SQL statement and renders its rows as "a|b" lines, like psql -At.
func query(ctx context.Context, dsn, sql string) (string, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, sql, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return "", err
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = formatValue(v)
		}
		b.WriteString(strings.Join(cells, "|") + "\n")
	}
	return b.String(), rows.Err()
}
