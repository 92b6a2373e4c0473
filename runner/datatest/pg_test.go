package datatest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestPGFailures runs every kind of test against real data and checks how many rows fail:
// the golden files say what the SQL is, this says that it means what it should.
func TestPGFailures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := pgtest.Conn(t)
	for _, s := range []string{
		"CREATE SCHEMA dm",
		"CREATE TABLE dm.dim (id int)",
		"INSERT INTO dm.dim VALUES (1), (2)",
		`CREATE TABLE dm.f (id int, k text, status text, n int, d date, ts timestamptz)`,
		`INSERT INTO dm.f VALUES
			(1, 'a', 'Åben', 1, current_date, now()),
			(2, 'a', 'Lukket', 2, current_date - 3, now() - interval '3 days'),
			(3, NULL, NULL, 3, NULL, NULL),
			(NULL, NULL, 'Åben', -1, NULL, NULL)`,
		"CREATE TABLE dm.empty (d date)",
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	f := Relation{Schema: "dm", Name: "f"}
	audit := Relation{Schema: "dm", Name: "audit_failures"}
	cases := []struct {
		name string
		test Test
		want int
	}{
		{"not_null", Test{Kind: NotNull, Relation: f, Column: "id"}, 1},
		{"not_null where", Test{Kind: NotNull, Relation: f, Column: "id", Where: "n > 0"}, 0},
		{"unique passes", Test{Kind: Unique, Relation: f, Column: "id"}, 0},
		{"unique duplicate", Test{Kind: Unique, Relation: f, Column: "k"}, 2}, // 'a' twice, NULL twice
		{"unique composite", Test{Kind: Unique, Relation: f, Columns: []string{"id", "k"}}, 0},
		{"accepted_values", Test{Kind: AcceptedValues, Relation: f, Column: "status", Args: map[string]any{"values": []any{"Åben"}}}, 1},
		{"accepted_values numbers", Test{Kind: AcceptedValues, Relation: f, Column: "n", Args: map[string]any{"values": []any{1, 2, 3}, "quote": false}}, 1},
		{"relationships", Test{Kind: Relationships, Relation: f, Column: "id", Args: map[string]any{"to": Relation{"dm", "dim"}, "field": "id"}}, 1},
		{"expression_is_true", Test{Kind: ExpressionIsTrue, Relation: f, Args: map[string]any{"expression": "n > 0"}}, 1},
		{"row_count inside", Test{Kind: RowCount, Relation: f, Args: map[string]any{"min": 1, "max": 4}}, 0},
		{"row_count above", Test{Kind: RowCount, Relation: f, Args: map[string]any{"max": 3}}, 1},
		{"row_count empty", Test{Kind: RowCount, Relation: Relation{"dm", "empty"}, Args: map[string]any{"min": 1}}, 1},
		{"recency date fresh", Test{Kind: Recency, Relation: f, Column: "d", Args: map[string]any{"max_age": "1 day"}}, 0},
		{"recency date stale", Test{Kind: Recency, Relation: f, Where: "id = 2", Args: map[string]any{"column": "d", "max_age": "2 days"}}, 1},
		{"recency timestamp stale", Test{Kind: Recency, Relation: f, Where: "id = 2", Args: map[string]any{"column": "ts", "max_age": "2 days"}}, 1},
		{"recency empty", Test{Kind: Recency, Relation: Relation{"dm", "empty"}, Args: map[string]any{"column": "d", "max_age": "1 year"}}, 1},
		{"singular", Test{Kind: Singular, SQL: "SELECT * FROM dm.f WHERE n < 0; -- negative"}, 1},
		{"singular where", Test{Kind: Singular, SQL: "SELECT * FROM dm.f", Where: "id > 1"}, 2},
		{"accepted_values where", Test{Kind: AcceptedValues, Relation: f, Column: "status", Where: "n > 1",
			Args: map[string]any{"values": []any{"Åben"}}}, 1},
		{"accepted_values two values", Test{Kind: AcceptedValues, Relation: f, Column: "k",
			Args: map[string]any{"values": []any{"b"}}}, 1}, // 'a' twice: one value
		{"expression where", Test{Kind: ExpressionIsTrue, Relation: f, Where: "id IS NOT NULL",
			Args: map[string]any{"expression": "n > 1 -- a comment"}}, 1},
		{"row_count where", Test{Kind: RowCount, Relation: f, Where: "n > 0", Args: map[string]any{"max": 2}}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, err := CountSQL(c.test)
			wantCount(t, ctx, conn, q, err, c.want)
			stmts, err := StoreFailuresSQL(c.test, audit)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range stmts {
				if _, err := conn.Exec(ctx, s, pgx.QueryExecModeSimpleProtocol); err != nil {
					t.Fatalf("%v\n%s", err, s)
				}
			}
			wantCount(t, ctx, conn, "SELECT count(*) FROM dm.audit_failures", nil, c.want)
		})
	}
	// The tests of dm.f that can share a scan, counted in one: each column must say what
	// the test's own query says.
	var shared []Test
	var want []int64
	for _, c := range cases {
		if Batchable(c.test) && c.test.Relation == f {
			shared = append(shared, c.test)
			want = append(want, int64(c.want))
		}
	}
	if len(shared) < 8 {
		t.Fatalf("only %d tests share the scan", len(shared))
	}
	q, err := BatchCountSQL(shared)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]int64, len(shared))
	dest := make([]any, len(shared))
	for i := range got {
		dest[i] = &got[i]
	}
	if err := conn.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol).Scan(dest...); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	if !slices.Equal(got, want) {
		t.Errorf("shared scan counted %v, the tests one by one %v\n%s", got, want, q)
	}
}

// TestPGScoped checks the queries over an incremental change on real data: each counts the
// failures the change brings, judged against the whole table where the test needs it
// (unique), and only those.
func TestPGScoped(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := pgtest.Conn(t)
	for _, s := range []string{
		"CREATE SCHEMA dm",
		"CREATE TABLE dm.dim (id int)",
		"INSERT INTO dm.dim VALUES (1), (2), (3)",
		// The table after the change: old rows 1-3 (one old row breaks every test, to show
		// the scoped query does not look at it), new rows from dm.change.
		"CREATE TABLE dm.f (id int, k text, n int)",
		"INSERT INTO dm.f VALUES (1, 'a', 1), (2, 'b', 2), (NULL, 'old', -1)",
		"CREATE TABLE dm.change (id int, k text, n int)",
		"INSERT INTO dm.change VALUES (3, 'a', 3), (4, 'c', -5), (5, NULL, 5)",
		"INSERT INTO dm.f SELECT * FROM dm.change",
		"CREATE TABLE dm.clean (id int, k text, n int)",
		"INSERT INTO dm.clean VALUES (3, 'd', 3)",
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	f := Relation{Schema: "dm", Name: "f"}
	change := Relation{Schema: "dm", Name: "change"}
	clean := Relation{Schema: "dm", Name: "clean"}
	for _, c := range []struct {
		name   string
		test   Test
		change Relation
		want   int
	}{
		{"not_null: only the change's NULL", Test{Kind: NotNull, Relation: f, Column: "k"}, change, 1},
		{"not_null: the old NULL is not looked at", Test{Kind: NotNull, Relation: f, Column: "id"}, change, 0},
		{"expression", Test{Kind: ExpressionIsTrue, Relation: f, Args: map[string]any{"expression": "n > 0"}}, change, 1},
		{"accepted_values", Test{Kind: AcceptedValues, Relation: f, Column: "k", Args: map[string]any{"values": []any{"a", "b"}}}, change, 1},
		{"relationships", Test{Kind: Relationships, Relation: f, Column: "id", Args: map[string]any{"to": Relation{"dm", "dim"}, "field": "id"}}, change, 2},
		// 'a' was written once but is in the table twice: a duplicate with an old row.
		{"unique against old rows", Test{Kind: Unique, Relation: f, Column: "k"}, change, 1},
		{"unique composite", Test{Kind: Unique, Relation: f, Columns: []string{"id", "k"}}, change, 0},
		{"unique where", Test{Kind: Unique, Relation: f, Column: "k", Where: "n < 3"}, change, 0},
		{"clean change", Test{Kind: Unique, Relation: f, Column: "k"}, clean, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, err := ScopedCountSQL(c.test, c.change)
			wantCount(t, ctx, conn, q, err, c.want)
		})
	}
	for _, c := range []struct {
		test   Test
		change Relation
		want   bool
	}{
		{Test{Kind: Unique, Relation: f, Column: "k"}, change, true},
		{Test{Kind: Unique, Relation: f, Columns: []string{"id", "n"}}, change, false},
		{Test{Kind: Unique, Relation: f, Column: "k"}, clean, false},
	} {
		var has bool
		q := ChangeKeyHasNullSQL(c.test, c.change)
		if err := conn.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol).Scan(&has); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
		if has != c.want {
			t.Errorf("%s: %t, want %t", q, has, c.want)
		}
	}
}

// wantCount runs count query q (made with error err) and checks its number of failures.
func wantCount(t *testing.T, ctx context.Context, conn *pgx.Conn, q string, err error, want int) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol).Scan(&n); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	if n != want {
		t.Errorf("%d failing rows, want %d\n%s", n, want, q)
	}
}
